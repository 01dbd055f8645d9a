//! The figures README.md gives for the data are the data's own: a figure that goes
//! stale when the data grows fails here, with the line to write instead.

use chrono::Datelike;
use pactum::raw::Value;
use pactum::{Dataset, PartialDate};

use crate::support::{count, data};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md reads")
}

/// `1286` as the README writes it: `1,286`.
fn figure(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `3 treaties`, `1 grouping`.
fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", figure(n), if n == 1 { one } else { many })
}

fn of_kind(data: &Dataset, table: &str, kind: &str) -> i64 {
    count(data, &format!("{table} WHERE kind = '{kind}'"))
}

/// `April 1996`, or `1996` for a date known only to the year.
fn month_and_year(date: &str) -> String {
    let date: PartialDate = date.parse().unwrap();
    let first = date.first_day();
    match date.precision() {
        pactum::Precision::Year => first.year().to_string(),
        _ => first.format("%B %Y").to_string(),
    }
}

fn span(data: &Dataset) -> String {
    let rows = data
        .query_raw(
            "SELECT min(d), max(d) FROM (SELECT date AS d FROM milestone WHERE date IS NOT NULL \
             UNION ALL SELECT date FROM event)",
            &[],
        )
        .unwrap();
    match rows.rows[0].as_slice() {
        [Value::Text(first), Value::Text(last)] => format!("{} – {}", month_and_year(first), month_and_year(last)),
        other => panic!("no dates: {other:?}"),
    }
}

/// The lines of README.md's "What the data covers" table, as the data has them.
fn expected_lines(data: &Dataset) -> Vec<String> {
    let actors = [
        counted(of_kind(data, "actor", "state"), "state", "states"),
        counted(of_kind(data, "actor", "person"), "person", "people"),
        counted(of_kind(data, "actor", "institution"), "institution", "institutions"),
        counted(of_kind(data, "actor", "company"), "company", "companies"),
        counted(of_kind(data, "actor", "international_organisation"), "organisation", "organisations"),
        counted(of_kind(data, "actor", "grouping"), "grouping", "groupings"),
    ];
    let agreements = [
        counted(
            of_kind(data, "agreement", "security_and_defence_partnership"),
            "EU security and defence partnership",
            "EU security and defence partnerships",
        ),
        counted(of_kind(data, "agreement", "treaty"), "treaty", "treaties"),
        counted(of_kind(data, "agreement", "framework_agreement"), "framework agreement", "framework agreements"),
        counted(of_kind(data, "agreement", "procurement_contract"), "arms contract", "arms contracts"),
    ];
    let confidence = |level: &str| count(data, &format!("evidence WHERE confidence = '{level}'"));
    vec![
        format!("| actors ({}) | {} |", actors.join(", "), figure(count(data, "actor"))),
        format!("| agreements ({}, …) | {} |", agreements.join(", "), figure(count(data, "agreement"))),
        format!("| cooperation areas | {} |", figure(count(data, "area"))),
        format!("| events | {} |", figure(count(data, "event"))),
        format!("| sources | {} |", figure(count(data, "source"))),
        format!("| facts, every one with evidence | {} |", figure(count(data, "fact"))),
        format!(
            "| evidence links ({} high, {} medium, {} low confidence) | {} |",
            figure(confidence("high")),
            figure(confidence("medium")),
            figure(confidence("low")),
            figure(count(data, "evidence"))
        ),
        format!(
            "| facts on which sources disagree, with every value kept | {} |",
            figure(count(data, "(SELECT DISTINCT subject FROM alternative)"))
        ),
        format!("| dated milestones and events | {} |", span(data)),
        format!("- **Actors**: {} with ISO 3166-1,", counted(of_kind(data, "actor", "state"), "state", "states")),
    ]
}

#[test]
fn the_readmes_figures_are_the_datas() {
    let readme = readme();
    let stale: Vec<String> = expected_lines(&data()).into_iter().filter(|line| !readme.contains(line)).collect();
    assert!(stale.is_empty(), "README.md's figures are stale; write these lines instead:\n{}", stale.join("\n"));
}

#[test]
fn figures_are_written_with_thousands_separators() {
    assert_eq!(figure(7), "7");
    assert_eq!(figure(440), "440");
    assert_eq!(figure(1286), "1,286");
    assert_eq!(figure(1_000_000), "1,000,000");
}
