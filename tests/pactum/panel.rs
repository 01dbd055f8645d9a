//! Dyad-year panels: the rows ATOP and peacesciencer users expect, and no rows
//! where the dataset knows nothing.

use std::collections::BTreeSet;

use pactum::Dataset;
use pactum::panel::{DyadYear, Dyads};

const RUSSIA: u16 = 365;
const NORTH_KOREA: u16 = 731;

fn undirected() -> Vec<DyadYear> {
    Dataset::open().unwrap().dyad_years(Dyads::Undirected).unwrap()
}

fn row(rows: &[DyadYear], a: u16, b: u16, year: i32) -> Option<&DyadYear> {
    rows.iter().find(|r| (r.ccode1, r.ccode2, r.year) == (a, b, year))
}

#[test]
fn russia_and_north_korea_are_defence_allies_in_2024_and_2025() {
    let rows = undirected();
    for year in [2024, 2025] {
        let dyad = row(&rows, RUSSIA, NORTH_KOREA, year).unwrap_or_else(|| panic!("no ru–kp row for {year}"));
        assert_eq!(dyad.defense, Some(true), "{year}");
        assert_eq!(dyad.consul, Some(true), "consultations on a direct threat of aggression");
        assert_eq!(dyad.offense, Some(false));
        assert!(dyad.agreements.contains(&"russia-dprk-treaty-2024".to_string()));
        assert_eq!(dyad.iso3_1.as_deref(), Some("RUS"));
        assert_eq!(dyad.iso3_2.as_deref(), Some("PRK"));
        assert_eq!(dyad.wikidata1.as_deref(), Some("Q159"));
        assert!(dyad.areas.contains(&"mutual-military-assistance".to_string()));
    }
}

#[test]
fn a_treaty_counts_in_the_year_it_enters_into_force_though_it_did_so_in_december() {
    // Russia–DPRK: in force on 4 December 2024; signed in June, which is not enough.
    let rows = undirected();
    assert!(row(&rows, RUSSIA, NORTH_KOREA, 2024).is_some());
    assert!(row(&rows, RUSSIA, NORTH_KOREA, 2023).is_none());
}

#[test]
fn agreements_without_the_obligation_give_false_not_empty() {
    // Japan (740) and the United Kingdom (200): reciprocal access, logistics and
    // equipment transfer, but no promise of defence.
    let rows = undirected();
    let dyad = row(&rows, 200, 740, 2024).expect("a Japan–UK row for 2024");
    assert_eq!(dyad.defense, Some(false));
    assert!(dyad.agreements.len() > 1);
}

#[test]
fn undirected_rows_put_the_lower_code_first_once_per_dyad_year() {
    let rows = undirected();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.ccode1 < r.ccode2), "ccode1 < ccode2 in every undirected row");
    let keys: BTreeSet<(u16, u16, i32)> = rows.iter().map(|r| (r.ccode1, r.ccode2, r.year)).collect();
    assert_eq!(keys.len(), rows.len(), "one row per dyad-year");
    let sorted = rows.windows(2).all(|w| (w[0].ccode1, w[0].ccode2, w[0].year) < (w[1].ccode1, w[1].ccode2, w[1].year));
    assert!(sorted, "sorted by ccode1, ccode2, year");
}

#[test]
fn directed_rows_are_each_undirected_row_in_both_orders() {
    let rows = undirected();
    let directed = Dataset::open().unwrap().dyad_years(Dyads::Directed).unwrap();
    assert_eq!(directed.len(), 2 * rows.len());
    for r in &rows {
        let back = row(&directed, r.ccode2, r.ccode1, r.year).expect("the reverse row");
        assert_eq!((&back.iso3_1, &back.iso3_2), (&r.iso3_2, &r.iso3_1));
        assert_eq!((&back.agreements, back.defense, &back.areas), (&r.agreements, r.defense, &r.areas));
        assert_eq!(row(&directed, r.ccode1, r.ccode2, r.year), Some(r));
    }
}

#[test]
fn no_row_falls_outside_the_years_the_dataset_covers() {
    let data = Dataset::open().unwrap();
    let covered = data.panel_years().unwrap().expect("dated milestones");
    // The coverage is the span of the dated milestones that happened.
    let span = data
        .query_raw(
            "SELECT min(substr(date, 1, 4)), max(substr(date, 1, 4)) FROM milestone \
             WHERE status = 'happened' AND date IS NOT NULL",
            &[],
        )
        .unwrap();
    let year = |v: &pactum::raw::Value| match v {
        pactum::raw::Value::Text(t) => t.parse::<i32>().unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(covered, year(&span.rows[0][0])..=year(&span.rows[0][1]));
    for dyads in [Dyads::Undirected, Dyads::Directed] {
        for r in data.dyad_years(dyads).unwrap() {
            assert!(covered.contains(&r.year), "{} outside {covered:?}", r.year);
        }
    }
}

#[test]
fn every_row_has_agreements_and_so_every_flag_is_known() {
    for r in undirected() {
        assert!(!r.agreements.is_empty());
        for flag in [r.defense, r.offense, r.neutral, r.nonagg, r.consul] {
            assert!(flag.is_some(), "{r:?}");
        }
    }
}

#[test]
fn eu_level_agreements_make_no_dyads_between_states() {
    // The EU–Moldova partnership binds the EU, not its member states: no row for
    // France–Moldova, say, comes from it.
    for r in undirected() {
        assert!(!r.agreements.iter().any(|a| a == "eu-moldova-sdp"), "{r:?}");
    }
}

#[test]
fn rows_serialize_as_flat_records_with_flags_as_atop_writes_them() {
    let rows = undirected();
    let dyad = row(&rows, RUSSIA, NORTH_KOREA, 2025).unwrap();
    let json = serde_json::to_value(dyad).unwrap();
    assert_eq!(json["ccode1"], 365);
    assert_eq!(json["defense"], 1);
    assert_eq!(json["offense"], 0);
    assert_eq!(json["agreements"], "russia-dprk-treaty-2024");
    assert!(json["areas"].as_str().unwrap().split(';').any(|a| a == "mutual-military-assistance"));
    let back: DyadYear = serde_json::from_value(json).unwrap();
    assert_eq!(&back, dyad);
}
