//! Invariants every row of the bundled data must satisfy.

use std::collections::{HashMap, HashSet};

use pactum::raw::Value;
use pactum::{ActorKind, AgreementFilter, Dataset, MilestoneKind, MilestoneStatus};

use crate::support::data;

/// Runs a raw query expected to return a single column of text.
fn texts(data: &Dataset, sql: &str) -> Vec<String> {
    data.query_raw(sql, &[])
        .expect(sql)
        .rows
        .into_iter()
        .map(|row| match &row[0] {
            Value::Text(t) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn every_fact_row_has_evidence() {
    let data = data();
    let bare = texts(&data, "SELECT tbl || ' fact ' || id FROM fact WHERE id NOT IN (SELECT fact FROM evidence)");
    assert!(bare.is_empty(), "facts without evidence: {bare:?}");
}

#[test]
fn every_fact_belongs_to_exactly_one_row_of_its_table() {
    let data = data();
    // The fact-stating tables are the ones with a `fact` column (evidence refers to
    // facts rather than stating one), read from the schema so that a new table counts.
    let tables = texts(
        &data,
        "SELECT m.name FROM sqlite_schema m JOIN pragma_table_info(m.name) c ON c.name = 'fact' \
         WHERE m.type = 'table' AND m.name <> 'evidence' ORDER BY m.name",
    );
    assert!(tables.len() >= 13, "fact tables: {tables:?}");
    let union =
        tables.iter().map(|t| format!("SELECT '{t}' AS tbl, fact FROM {t}")).collect::<Vec<_>>().join(" UNION ALL ");
    let orphans = texts(
        &data,
        &format!(
            "SELECT f.tbl || ' ' || f.id FROM fact f LEFT JOIN ({union}) r ON r.fact = f.id AND r.tbl = f.tbl \
             WHERE r.fact IS NULL"
        ),
    );
    assert!(orphans.is_empty(), "facts that no row states: {orphans:?}");
}

#[test]
fn every_source_is_complete_and_every_quote_short() {
    let data = data();
    for source in data.sources().unwrap() {
        assert!(!source.publisher.trim().is_empty() && !source.title.trim().is_empty(), "{}", source.id);
        // An undated page (a reference table, a code file) or one whose address
        // could not be verified must say so in its note.
        assert!(source.published.is_some() || source.note.is_some(), "source {} has no date and no note", source.id);
        assert!(
            source.url.as_deref().is_some_and(|u| u.starts_with("http")) || source.note.is_some(),
            "source {} has no URL and no note",
            source.id
        );
    }
    let long = texts(&data, "SELECT source || ': ' || quote FROM evidence WHERE length(quote) > 300");
    assert!(long.is_empty(), "quotes over 300 characters: {long:?}");
    let unused = texts(&data, "SELECT id FROM source WHERE id NOT IN (SELECT source FROM evidence)");
    assert!(unused.is_empty(), "sources no fact cites: {unused:?}");
}

#[test]
fn every_enum_value_in_the_data_is_one_the_rust_types_know() {
    // Reading every row through the typed API parses every enum column; an
    // unknown value would surface as Error::UnknownValue.
    let data = data();
    for kind in ActorKind::ALL {
        data.actors_of_kind(*kind).unwrap();
    }
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        data.parties(&agreement.id).unwrap();
        data.milestones(&agreement.id).unwrap();
        data.provisions(&agreement.id).unwrap();
        data.coverage(&agreement.id).unwrap();
        data.line_items(&agreement.id).unwrap();
        data.agreement_timeline(&agreement.id).unwrap();
        data.evidence(agreement.fact).unwrap();
    }
    data.events().unwrap();
    data.areas().unwrap();
}

/// The order lifecycle steps must keep when both are dated to the day.
const BEFORE: &[(MilestoneKind, MilestoneKind)] = &[
    (MilestoneKind::NegotiationsLaunched, MilestoneKind::Signed),
    (MilestoneKind::NegotiationsLaunched, MilestoneKind::Adopted),
    (MilestoneKind::Signed, MilestoneKind::Ratified),
    (MilestoneKind::Signed, MilestoneKind::EnteredIntoForce),
    (MilestoneKind::Signed, MilestoneKind::ProvisionallyApplied),
    (MilestoneKind::Ratified, MilestoneKind::EnteredIntoForce),
    (MilestoneKind::ProvisionallyApplied, MilestoneKind::EnteredIntoForce),
    (MilestoneKind::EnteredIntoForce, MilestoneKind::Superseded),
    (MilestoneKind::EnteredIntoForce, MilestoneKind::Terminated),
    (MilestoneKind::Signed, MilestoneKind::Superseded),
];

#[test]
fn lifecycle_dates_are_in_order() {
    let data = data();
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        let happened: Vec<_> = data
            .milestones(&agreement.id)
            .unwrap()
            .into_iter()
            .filter(|m| m.status == MilestoneStatus::Happened)
            .filter_map(|m| m.date.map(|d| (m.kind, d)))
            .collect();
        for (earlier, later) in BEFORE {
            for (k1, d1) in happened.iter().filter(|(k, _)| k == earlier) {
                for (_, d2) in happened.iter().filter(|(k, _)| k == later) {
                    assert!(d1.first_day() <= d2.last_day(), "{}: {k1} on {d1} after {later} on {d2}", agreement.id);
                }
            }
        }
    }
}

#[test]
fn state_codes_match_iso_3166() {
    let data = data();
    let states = data.actors_of_kind(ActorKind::State).unwrap();
    assert!(!states.is_empty());
    for state in states {
        let codes = &state.codes;
        let alpha2 = codes.iso_alpha2.as_deref().unwrap_or_else(|| panic!("{} has no alpha-2 code", state.id));
        assert_eq!(state.id, alpha2.to_ascii_lowercase(), "a state's id is its alpha-2 code");
        let country = celes::Country::from_alpha2(alpha2).unwrap_or_else(|_| panic!("{alpha2} is not ISO 3166-1"));
        if let Some(alpha3) = &codes.iso_alpha3 {
            assert_eq!(alpha3, country.alpha3, "{}", state.id);
        }
        if let Some(numeric) = codes.iso_numeric {
            assert_eq!(numeric as usize, country.value, "{}", state.id);
        }
        if let Some(cow) = codes.cow {
            assert!((2..=999).contains(&cow), "{}: COW code {cow}", state.id);
        }
        if let Some(qid) = &codes.wikidata {
            assert!(qid.starts_with('Q') && qid[1..].parse::<u64>().is_ok(), "{}: {qid}", state.id);
        }
    }
}

#[test]
fn codes_are_unique() {
    let data = data();
    for column in ["cow_code", "wikidata", "iso_numeric"] {
        let dupes = texts(
            &data,
            &format!(
                "SELECT CAST({column} AS TEXT) FROM actor WHERE {column} IS NOT NULL GROUP BY {column} HAVING count(*) > 1"
            ),
        );
        assert!(dupes.is_empty(), "{column} shared by several actors: {dupes:?}");
    }
}

#[test]
fn disagreements_mark_exactly_one_preferred_value() {
    let data = data();
    let bad = texts(
        &data,
        "SELECT subject || ' ' || field FROM alternative GROUP BY subject, field HAVING sum(preferred) <> 1",
    );
    assert!(bad.is_empty(), "disputed fields without exactly one preferred value: {bad:?}");
}

#[test]
fn the_area_hierarchy_has_no_cycles() {
    let data = data();
    let parents: HashMap<String, Option<String>> =
        data.areas().unwrap().into_iter().map(|a| (a.id, a.parent)).collect();
    for start in parents.keys() {
        let mut seen = HashSet::new();
        let mut at = Some(start.clone());
        while let Some(id) = at {
            assert!(seen.insert(id.clone()), "cycle through {id}");
            at = parents[&id].clone();
        }
    }
}

#[test]
fn signatories_are_people_acting_for_a_side() {
    let data = data();
    let bad = texts(
        &data,
        "SELECT p.agreement || ' ' || p.actor FROM party p JOIN actor a ON a.id = p.actor \
         WHERE p.role = 'signatory' AND (a.kind <> 'person' OR p.on_behalf_of IS NULL)",
    );
    assert!(bad.is_empty(), "signatories that are not people or name no side: {bad:?}");
}

#[test]
fn integrity_and_foreign_keys_are_clean() {
    let data = data();
    assert_eq!(texts(&data, "PRAGMA integrity_check"), ["ok"]);
    assert!(texts(&data, "PRAGMA foreign_key_check").is_empty());
}
