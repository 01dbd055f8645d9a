//! What must hold of every row of the bundled image, read back through the API.
//!
//! The builder checks the rules that span rows (lifecycles in order, posts handed
//! over, ISO codes, areas without cycles, signatories) as it builds, for the
//! bundled data and users' data alike: see `tests/build`.

use pactum::raw::Value;
use pactum::{ActorKind, AgreementFilter, Dataset};

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

#[test]
fn integrity_and_foreign_keys_are_clean() {
    let data = data();
    assert_eq!(texts(&data, "PRAGMA integrity_check"), ["ok"]);
    assert!(texts(&data, "PRAGMA foreign_key_check").is_empty());
}
