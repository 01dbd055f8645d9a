//! Time as an axis: every as-of answer reads the in-force intervals the image
//! holds, from memory once read, and on any day they agree with each other, with
//! the SQL over the intervals, and with the answer worked out straight from the
//! milestones, as the answers were before the intervals: on the bundled data and
//! on a synthetic dataset of another shape.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use pactum::panel::Dyads;
use pactum::raw::Value;
use pactum::{AgreementFilter, Dataset, LegalNature, MilestoneKind, MilestoneStatus, Status, When};
use proptest::prelude::*;

use crate::support::{data, day};

/// One agreement as the reference sees it: the stage each dated milestone
/// reached and the last day it can mean, whether any happened milestone
/// concluded it, and its sides.
struct Lifecycle {
    stages: Vec<(NaiveDate, u8)>,
    concluded: bool,
    sides: BTreeSet<String>,
    state_sides: BTreeSet<u16>,
}

/// The schema's stage rule, restated from its comment: how far along its
/// lifecycle a happened milestone takes an agreement of this legal nature.
fn stage(kind: MilestoneKind, nature: LegalNature) -> Option<u8> {
    use MilestoneKind::*;
    let takes_effect_when_signed = matches!(
        nature,
        LegalNature::NonBindingInstrument | LegalNature::UnilateralPolicy | LegalNature::CommercialContract
    );
    Some(match kind {
        IntentionAnnounced => 1,
        NegotiationsLaunched => 2,
        Signed | Adopted if takes_effect_when_signed => 4,
        Agreed if nature == LegalNature::NonBindingInstrument => 4,
        NegotiationsConcluded | Agreed | Adopted | Signed | Ratified => 3,
        ProvisionallyApplied | EnteredIntoForce | InForceBy => 4,
        NotInForce => return None,
        _ => 5,
    })
}

/// Every agreement of a dataset as the reference sees it, by id.
fn reference(data: &Dataset) -> BTreeMap<String, Lifecycle> {
    let states: BTreeMap<String, u16> =
        data.actors().unwrap().into_iter().filter_map(|a| Some((a.id, a.codes.cow?))).collect();
    let kinds: BTreeMap<String, pactum::ActorKind> =
        data.actors().unwrap().into_iter().map(|a| (a.id, a.kind)).collect();
    let mut found = BTreeMap::new();
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        let happened: Vec<_> = data
            .milestones(&agreement.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m.status == MilestoneStatus::Happened)
            .filter_map(|m| Some((m.date, stage(m.kind, agreement.legal_nature)?)))
            .collect();
        let concluded = happened.iter().any(|&(_, stage)| stage >= 3);
        let stages = happened.into_iter().filter_map(|(date, stage)| Some((date?.last_day(), stage))).collect();
        let sides: BTreeSet<String> = data
            .parties(&agreement.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.role.is_side())
            .map(|p| p.actor)
            .collect();
        let state_sides = sides
            .iter()
            .filter(|s| kinds[s.as_str()] == pactum::ActorKind::State)
            .filter_map(|s| states.get(s).copied())
            .collect();
        found.insert(agreement.id, Lifecycle { stages, concluded, sides, state_sides });
    }
    found
}

static REFERENCE: LazyLock<BTreeMap<String, Lifecycle>> = LazyLock::new(|| reference(&data()));

/// The status worked out from the milestones: the highest stage among those
/// certainly happened by the end of the day.
fn reference_status(lifecycle: &Lifecycle, on: NaiveDate) -> Status {
    status_of(lifecycle.stages.iter().filter(|(last, _)| *last <= on).map(|&(_, s)| i64::from(s)).max())
}

/// The status an agreement has at the highest stage it reached, if any.
fn status_of(stage: Option<i64>) -> Status {
    match stage {
        None => Status::NotStarted,
        Some(1) => Status::Planned,
        Some(2) => Status::UnderNegotiation,
        Some(3) => Status::Concluded,
        Some(4) => Status::InForce,
        Some(_) => Status::Ended,
    }
}

/// Who is partnered with whom through which agreements: actor, partner, the
/// agreements they share.
type Partnerships = BTreeMap<(String, String), BTreeSet<String>>;

/// The partnerships through the agreements that `counts` lets through, from the
/// reference's sides.
fn reference_partnerships(
    reference: &BTreeMap<String, Lifecycle>,
    counts: impl Fn(&Lifecycle) -> bool,
) -> Partnerships {
    let mut found = Partnerships::new();
    for (id, lifecycle) in reference.iter().filter(|(_, l)| counts(l)) {
        for a in &lifecycle.sides {
            for b in lifecycle.sides.iter().filter(|b| *b != a) {
                found.entry((a.clone(), b.clone())).or_default().insert(id.clone());
            }
        }
    }
    found
}

/// Every actor's partners through the API.
fn partnerships(data: &Dataset, reference: &BTreeMap<String, Lifecycle>, when: When) -> Partnerships {
    let actors: BTreeSet<&String> = reference.values().flat_map(|l| &l.sides).collect();
    let mut found = Partnerships::new();
    for actor in actors {
        for partner in data.partners(actor, when).unwrap() {
            let agreements: BTreeSet<String> = partner.agreements.iter().cloned().collect();
            assert_eq!(
                agreements.len(),
                partner.agreements.len(),
                "{actor}'s agreements with {} repeat",
                partner.actor.id
            );
            assert!(partner.agreements.is_sorted(), "{actor}'s agreements with {} are in id order", partner.actor.id);
            found.insert((actor.clone(), partner.actor.id), agreements);
        }
    }
    found
}

/// The day as the SQL compares it: ISO text, days before the year 1000 and after
/// 2999 standing at those years' edges.
fn key(on: NaiveDate) -> Value {
    Value::Text(match on.year() {
        ..1000 => "0999-12-31".to_owned(),
        3000.. => "3000-01-01".to_owned(),
        _ => on.format("%Y-%m-%d").to_string(),
    })
}

/// The rows of a raw query, as text; NULL as the empty text.
fn raw(data: &Dataset, sql: &str, params: &[Value]) -> Vec<Vec<String>> {
    let text = |value: &Value| match value {
        Value::Text(text) => text.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Null => String::new(),
        other => panic!("neither text nor an integer: {other:?}"),
    };
    let rows = data.query_raw(sql, params).unwrap().rows;
    rows.iter().map(|row| row.iter().map(text).collect()).collect()
}

const SQL_IN_FORCE: &str =
    "SELECT agreement FROM in_force_interval WHERE start <= ?1 AND (\"end\" IS NULL OR \"end\" > ?1)";

/// The partnerships through agreements in force, or ever concluded, by SQL.
fn sql_partnerships(data: &Dataset, on: Option<NaiveDate>) -> Partnerships {
    let counting = match on {
        Some(_) => SQL_IN_FORCE,
        None => "SELECT agreement FROM stage_reached WHERE stage >= 3",
    };
    let sql = format!(
        "SELECT p.actor, other.actor, p.agreement FROM party p \
         JOIN party other ON other.agreement = p.agreement AND other.actor <> p.actor \
                          AND other.role IN ('party', 'buyer', 'supplier') \
         JOIN actor a ON a.id = other.actor \
         WHERE p.role IN ('party', 'buyer', 'supplier') AND p.agreement IN ({counting})"
    );
    let params: Vec<Value> = on.map(key).into_iter().collect();
    let mut found = Partnerships::new();
    for row in raw(data, &sql, &params) {
        found.entry((row[0].clone(), row[1].clone())).or_default().insert(row[2].clone());
    }
    found
}

/// What the index answers about one day — status, in force, partners — checked
/// against the SQL over the intervals and against the milestones.
fn check_index(data: &Dataset, reference: &BTreeMap<String, Lifecycle>, on: NaiveDate) {
    let expected: BTreeSet<&str> = reference
        .iter()
        .filter(|(_, l)| reference_status(l, on) == Status::InForce)
        .map(|(id, _)| id.as_str())
        .collect();
    let sql_status = raw(
        data,
        "SELECT g.id, (SELECT max(stage) FROM stage_reached WHERE agreement = g.id AND since <= ?1) FROM agreement g",
        &[key(on)],
    );
    assert_eq!(sql_status.len(), reference.len());
    for row in sql_status {
        let (id, stage) = (&row[0], row[1].parse().ok());
        let status = data.status(id, on).unwrap();
        assert_eq!(status, status_of(stage), "status of {id} on {on} and the SQL");
        assert_eq!(status, reference_status(&reference[id], on), "status of {id} on {on} and the milestones");
    }
    let in_force: BTreeSet<String> = data.in_force(on).unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(in_force.iter().map(String::as_str).collect::<BTreeSet<_>>(), expected, "in_force on {on}");
    let by_sql: BTreeSet<String> = raw(data, SQL_IN_FORCE, &[key(on)]).into_iter().map(|row| row[0].clone()).collect();
    assert_eq!(in_force, by_sql, "in_force and the SQL on {on}");
    let filtered: BTreeSet<String> = data
        .agreements(AgreementFilter::new().status(Status::InForce, on))
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(filtered, in_force, "the status filter on {on}");

    let partners = partnerships(data, reference, When::On(on));
    assert_eq!(partners, sql_partnerships(data, Some(on)), "partners and the SQL on {on}");
    let in_force_on = |l: &Lifecycle| reference_status(l, on) == Status::InForce;
    assert_eq!(partners, reference_partnerships(reference, in_force_on), "partners and the milestones on {on}");
}

/// Every answer about one day of the bundled data, checked against each other and
/// the reference.
fn check_day(on: NaiveDate) {
    let data = data();
    check_index(&data, &REFERENCE, on);
    let expected: BTreeSet<&str> = REFERENCE
        .iter()
        .filter(|(_, l)| reference_status(l, on) == Status::InForce)
        .map(|(id, _)| id.as_str())
        .collect();

    #[cfg(feature = "graph")]
    {
        let edges: BTreeSet<String> = data.network(on).unwrap().edges().map(|(_, _, e)| e.agreement.clone()).collect();
        let joining: BTreeSet<String> =
            expected.iter().filter(|id| REFERENCE[**id].sides.len() >= 2).map(|id| id.to_string()).collect();
        assert_eq!(edges, joining, "network on {on}");
        let temporal: BTreeSet<String> = data.temporal_network().unwrap().on(on).map(|e| e.agreement.clone()).collect();
        assert_eq!(temporal, edges, "the temporal network on {on}");
    }

    let years = data.panel_years().unwrap().expect("the bundled data has dated milestones");
    if years.contains(&on.year()) {
        let listed: BTreeSet<String> = data
            .dyad_years(Dyads::Undirected)
            .unwrap()
            .into_iter()
            .filter(|r| r.year == on.year())
            .flat_map(|r| r.agreements)
            .collect();
        for id in &expected {
            if REFERENCE[*id].state_sides.len() >= 2 {
                assert!(listed.contains(*id), "{id} is in force on {on} but has no dyad row in {}", on.year());
            }
        }
    }
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    let span = NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce();
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        span.prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap()),
        // Where the data is: days on which things change.
        (day(1990, 1, 1).num_days_from_ce()..=day(2030, 12, 31).num_days_from_ce())
            .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap()),
    ]
}

#[test]
fn every_answer_about_a_day_agrees_with_the_milestones() {
    crate::support::on_each_day(crate::support::whole_dataset_days(any_day()), check_day);
}

const EDGES: [(i32, u32, u32); 3] = [(999, 12, 31), (3000, 1, 1), (10000, 1, 1)];

#[test]
fn the_days_at_chronos_edges_and_beyond_the_years_of_the_schema_agree() {
    let days = [NaiveDate::MIN, NaiveDate::MAX].into_iter().chain(EDGES.map(|(y, m, d)| day(y, m, d)));
    for on in days {
        check_day(on);
    }
}

#[test]
fn a_day_in_the_year_10000_sees_what_the_last_day_of_2999_sees() {
    let data = data();
    assert_eq!(data.in_force(day(10000, 1, 1)).unwrap(), data.in_force(day(2999, 12, 31)).unwrap());
    assert_eq!(data.status("russia-dprk-treaty-2024", day(10000, 1, 1)).unwrap(), Status::InForce);
}

#[test]
fn partners_ever_are_those_of_every_concluded_agreement() {
    let data = data();
    let ever = partnerships(&data, &REFERENCE, When::Ever);
    assert_eq!(ever, sql_partnerships(&data, None));
    assert_eq!(ever, reference_partnerships(&REFERENCE, |l| l.concluded));
}

#[test]
fn a_partner_is_the_actor_as_the_actor_query_gives_it() {
    let data = data();
    for when in [When::On(day(2025, 1, 1)), When::Ever] {
        for partner in data.partners("eu", when).unwrap().into_iter().chain(data.partners("jp", when).unwrap()) {
            assert_eq!(partner.actor, data.actor(&partner.actor.id).unwrap());
        }
    }
    let agreements = data.agreements(AgreementFilter::new()).unwrap();
    for agreement in data.in_force(day(2025, 1, 1)).unwrap() {
        assert!(agreements.contains(&agreement), "{} is as the agreements list has it", agreement.id);
    }
}

#[cfg(feature = "graph")]
mod temporal {
    use std::collections::BTreeSet;

    use chrono::{Days, NaiveDate};
    use quick_xml::Reader;
    use quick_xml::events::Event;

    use crate::support::{data, day};

    /// How many elements of each name an XML text holds.
    fn count(xml: &str, names: &[&str]) -> Vec<usize> {
        let mut reader = Reader::from_str(xml);
        let mut counts = vec![0; names.len()];
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    if let Some(i) = names.iter().position(|n| n.as_bytes() == e.name().as_ref()) {
                        counts[i] += 1;
                    }
                }
                Event::Eof => return counts,
                _ => {}
            }
        }
    }

    #[test]
    fn gexf_and_graphml_hold_every_node_edge_and_spell() {
        let temporal = data().temporal_network().unwrap();
        let spells: usize = temporal.edges().iter().map(|e| e.spells.len()).sum();
        assert!(temporal.nodes().len() > 50 && temporal.edges().len() > 100, "the bundled data is a real network");
        assert_eq!(
            count(&temporal.to_gexf(), &["node", "edge", "spell"]),
            [temporal.nodes().len(), temporal.edges().len(), spells]
        );
        assert_eq!(count(&temporal.to_graphml(), &["node", "edge"]), [temporal.nodes().len(), spells]);
        assert!(temporal.to_gexf().contains(r#"<graph mode="dynamic""#));
    }

    fn edges_on(data: &pactum::Dataset, on: NaiveDate) -> BTreeSet<(String, String, String)> {
        data.network(on).unwrap().edges().map(|(a, b, e)| (e.agreement.clone(), a.id.clone(), b.id.clone())).collect()
    }

    #[test]
    fn a_series_swept_from_the_spells_is_the_network_of_each_of_its_days() {
        let data = data();
        let temporal = data.temporal_network().unwrap();
        let mut current = BTreeSet::new();
        let mut steps = 0;
        for change in temporal.series(day(2014, 1, 1), day(2026, 12, 31), Days::new(61)) {
            for e in change.removed {
                assert!(current.remove(&(e.agreement.clone(), e.source.clone(), e.target.clone())));
            }
            for e in change.added {
                assert!(current.insert((e.agreement.clone(), e.source.clone(), e.target.clone())));
            }
            assert_eq!(current, edges_on(&data, change.day), "{}", change.day);
            let on: BTreeSet<_> =
                temporal.on(change.day).map(|e| (e.agreement.clone(), e.source.clone(), e.target.clone())).collect();
            assert_eq!(on, current);
            steps += 1;
        }
        assert_eq!(steps, 78);
    }

    #[test]
    fn a_series_past_the_calendars_end_stops_there() {
        let temporal = data().temporal_network().unwrap();
        assert_eq!(temporal.series(NaiveDate::MAX, NaiveDate::MAX, Days::new(1)).count(), 1);
        assert_eq!(temporal.series(day(2025, 1, 2), day(2025, 1, 1), Days::new(1)).count(), 0);
    }
}

/// The same checks on a synthetic dataset of another shape, from the builder's
/// generator (the `build` feature; CI runs them with every feature on).
#[cfg(feature = "build")]
mod on_synthetic_data {
    use std::collections::BTreeMap;
    use std::sync::LazyLock;

    use pactum::build::synthetic;
    use pactum::{Dataset, When};

    use super::{
        EDGES, Lifecycle, any_day, check_index, partnerships, reference, reference_partnerships, sql_partnerships,
    };
    use crate::support::day;

    /// A synthetic dataset of 400 agreements, as an image held for the tests' life.
    static SYNTHETIC: LazyLock<&'static [u8]> = LazyLock::new(|| {
        const AGREEMENTS: usize = 400;
        let path = std::env::temp_dir().join(format!("pactum-test-{}-time-axis.sqlite3", std::process::id()));
        synthetic::write(&path, AGREEMENTS, 7).unwrap();
        assert!(synthetic::check(&path, AGREEMENTS));
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        Box::leak(bytes.into_boxed_slice())
    });

    fn synthetic_data() -> Dataset {
        Dataset::open_image(&SYNTHETIC).unwrap()
    }

    static SYNTHETIC_REFERENCE: LazyLock<BTreeMap<String, Lifecycle>> = LazyLock::new(|| reference(&synthetic_data()));

    #[test]
    fn the_index_agrees_with_the_sql_and_the_milestones() {
        crate::support::on_each_day(crate::support::whole_dataset_days(any_day()), |on| {
            check_index(&synthetic_data(), &SYNTHETIC_REFERENCE, on)
        });
    }

    #[test]
    fn the_days_at_chronos_edges_agree() {
        let days =
            [chrono::NaiveDate::MIN, chrono::NaiveDate::MAX].into_iter().chain(EDGES.map(|(y, m, d)| day(y, m, d)));
        for on in days {
            check_index(&synthetic_data(), &SYNTHETIC_REFERENCE, on);
        }
    }

    #[test]
    fn partners_ever_are_those_of_every_concluded_agreement() {
        let data = synthetic_data();
        let ever = partnerships(&data, &SYNTHETIC_REFERENCE, When::Ever);
        assert_eq!(ever, sql_partnerships(&data, None));
        assert_eq!(ever, reference_partnerships(&SYNTHETIC_REFERENCE, |l| l.concluded));
        for probe in (0..synthetic::PROBES).map(synthetic::probe_id) {
            let shared: std::collections::BTreeSet<String> =
                data.partners(&probe, When::Ever).unwrap().into_iter().flat_map(|p| p.agreements).collect();
            assert!(shared.len() <= synthetic::PROBE_AGREEMENTS, "{probe} shares {shared:?}");
        }
    }

    #[test]
    fn a_handle_on_a_file_answers_as_one_on_the_same_image() {
        let path = std::env::temp_dir().join(format!("pactum-test-{}-own-index.sqlite3", std::process::id()));
        std::fs::write(&path, *SYNTHETIC).unwrap();
        let (file, image) = (Dataset::open_file(&path).unwrap(), synthetic_data());
        std::fs::remove_file(&path).unwrap();
        let probe = synthetic::probe_id(3);
        for on in [day(1995, 6, 1), day(2010, 1, 1), day(2025, 1, 1)] {
            assert_eq!(file.in_force(on).unwrap(), image.in_force(on).unwrap());
            assert_eq!(file.partners(&probe, on).unwrap(), image.partners(&probe, on).unwrap());
            let id = synthetic::agreement_id(7);
            assert_eq!(file.status(&id, on).unwrap(), image.status(&id, on).unwrap());
        }
    }
}
