//! Time as an axis: every as-of answer reads the in-force intervals the image
//! holds, and on any day they agree with each other and with the answer worked
//! out straight from the milestones, as the answers were before the intervals.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use pactum::panel::Dyads;
use pactum::{AgreementFilter, LegalNature, MilestoneKind, MilestoneStatus, Status};
use proptest::prelude::*;

use crate::support::{data, day};

/// One agreement as the reference sees it: the stage each dated milestone
/// reached and the last day it can mean, and its sides.
struct Lifecycle {
    stages: Vec<(NaiveDate, u8)>,
    #[cfg(feature = "graph")]
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

static REFERENCE: LazyLock<BTreeMap<String, Lifecycle>> = LazyLock::new(|| {
    let data = data();
    let states: BTreeMap<String, u16> =
        data.actors().unwrap().into_iter().filter_map(|a| Some((a.id, a.codes.cow?))).collect();
    let kinds: BTreeMap<String, pactum::ActorKind> =
        data.actors().unwrap().into_iter().map(|a| (a.id, a.kind)).collect();
    let mut found = BTreeMap::new();
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        let stages = data
            .milestones(&agreement.id)
            .unwrap()
            .into_iter()
            .filter(|m| m.status == MilestoneStatus::Happened)
            .filter_map(|m| Some((m.date?.last_day(), stage(m.kind, agreement.legal_nature)?)))
            .collect();
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
        found.insert(
            agreement.id,
            Lifecycle {
                stages,
                #[cfg(feature = "graph")]
                sides,
                state_sides,
            },
        );
    }
    found
});

/// The status worked out from the milestones: the highest stage among those
/// certainly happened by the end of the day.
fn reference_status(lifecycle: &Lifecycle, on: NaiveDate) -> Status {
    match lifecycle.stages.iter().filter(|(last, _)| *last <= on).map(|&(_, s)| s).max() {
        None => Status::NotStarted,
        Some(1) => Status::Planned,
        Some(2) => Status::UnderNegotiation,
        Some(3) => Status::Concluded,
        Some(4) => Status::InForce,
        Some(_) => Status::Ended,
    }
}

/// Every answer about one day, checked against each other and the reference.
fn check_day(on: NaiveDate) {
    let data = data();
    let expected: BTreeSet<&str> = REFERENCE
        .iter()
        .filter(|(_, l)| reference_status(l, on) == Status::InForce)
        .map(|(id, _)| id.as_str())
        .collect();
    for (id, lifecycle) in REFERENCE.iter() {
        assert_eq!(data.status(id, on).unwrap(), reference_status(lifecycle, on), "status of {id} on {on}");
    }
    let in_force: BTreeSet<String> = data.in_force(on).unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(in_force.iter().map(String::as_str).collect::<BTreeSet<_>>(), expected, "in_force on {on}");
    let filtered: BTreeSet<String> = data
        .agreements(AgreementFilter::new().status(Status::InForce, on))
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(filtered, in_force, "the status filter on {on}");

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

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_answer_about_a_day_agrees_with_the_milestones(on in any_day()) {
        check_day(on);
    }
}

#[test]
fn the_days_at_chronos_edges_and_beyond_the_years_of_the_schema_agree() {
    for on in [NaiveDate::MIN, NaiveDate::MAX, day(999, 12, 31), day(3000, 1, 1), day(10000, 1, 1)] {
        check_day(on);
    }
}

#[test]
fn a_day_in_the_year_10000_sees_what_the_last_day_of_2999_sees() {
    let data = data();
    assert_eq!(data.in_force(day(10000, 1, 1)).unwrap(), data.in_force(day(2999, 12, 31)).unwrap());
    assert_eq!(data.status("russia-dprk-treaty-2024", day(10000, 1, 1)).unwrap(), Status::InForce);
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
