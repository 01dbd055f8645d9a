//! What the builder accepts and refuses, and what the lifecycle kinds mean, shown
//! on a small data set of its own.

use chrono::NaiveDate;
use pactum::{CollectionStatus, Status};

use crate::support::DataDir;

fn treaty(collections: &str, milestones: &str) -> String {
    format!(
        r#"
[[agreement]]
id = "a-b-treaty"
kind = "treaty"
legal_nature = "binding_treaty"
title = "Treaty between A and B"
summary = "A test treaty."
collections = {collections}
evidence = [{{ source = "ministry", quote = "Treaty between A and B", confidence = "high" }}]

  [[agreement.party]]
  actor = "aa"
  role = "party"

  [[agreement.party]]
  actor = "bb"
  role = "party"

  [[agreement.milestone]]
  kind = "signed"
  date = "2019-03-01"
{milestones}
"#
    )
}

const FAMILY: &str = r#"
[[collection]]
id = "family"
title = "Treaties between A and B"
definition = "In: every treaty between A and B. Out: everything else."
status = "complete"
complete_through = "2026-11"
evidence = [{ source = "ministry", quote = "the treaties between A and B", confidence = "high" }]

[[collection_entry]]
collection = "family"
label = "Treaty between A and B (2019)"
agreement = "a-b-treaty"
evidence = [{ source = "ministry", quote = "Treaty between A and B", confidence = "high" }]
"#;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn milestone(kind: &str, date: &str) -> String {
    format!(
        "  [[agreement.milestone]]\n  kind = \"{kind}\"\n  date = \"{date}\"\n  \
         evidence = [{{ source = \"paper\", quote = \"{kind}\", confidence = \"medium\" }}]\n"
    )
}

#[test]
fn in_force_by_puts_an_agreement_in_force_from_the_last_day_its_date_can_mean() {
    let data = DataDir::base(
        "in-force-by",
        &format!("{FAMILY}{}", treaty(r#"["family"]"#, &milestone("in_force_by", "2019-05"))),
    )
    .open()
    .unwrap();
    assert_eq!(data.status("a-b-treaty", day(2019, 5, 30)).unwrap(), Status::Concluded);
    assert_eq!(data.status("a-b-treaty", day(2019, 5, 31)).unwrap(), Status::InForce);
    assert!(data.in_force(day(2025, 6, 1)).unwrap().iter().any(|a| a.id == "a-b-treaty"));
    let partners: Vec<String> = data.partners("aa", day(2025, 6, 1)).unwrap().into_iter().map(|p| p.actor.id).collect();
    assert_eq!(partners, ["bb"]);
}

#[test]
fn not_in_force_moves_the_status_neither_way() {
    let data = DataDir::base(
        "not-in-force",
        &format!("{FAMILY}{}", treaty(r#"["family"]"#, &milestone("not_in_force", "2025-03-01"))),
    )
    .open()
    .unwrap();
    assert_eq!(data.status("a-b-treaty", day(2025, 3, 1)).unwrap(), Status::Concluded);
    assert_eq!(data.status("a-b-treaty", day(2026, 1, 1)).unwrap(), Status::Concluded);
}

#[test]
fn collections_carry_their_members_entries_and_date() {
    let data = DataDir::base("collections", &format!("{FAMILY}{}", treaty(r#"["family"]"#, ""))).open().unwrap();
    let family = data.collection("family").unwrap();
    assert_eq!(family.status, CollectionStatus::Complete);
    assert_eq!(family.agreements, ["a-b-treaty"]);
    assert_eq!(data.collections_of("a-b-treaty").unwrap(), ["family"]);
    let entries = data.collection_entries("family").unwrap();
    assert_eq!(entries[0].agreement.as_deref(), Some("a-b-treaty"));
    assert!(!data.evidence(entries[0].fact).unwrap().is_empty());
    assert_eq!(data.as_of().unwrap().map(|d| d.to_string()), Some("2026-11".to_owned()));
}

/// The one problem building `data` reports, as the builder prints it.
fn refused(name: &str, data: &str) -> String {
    let problems = DataDir::base(name, data).problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let shown = problems[0].to_string();
    assert!(shown.contains("test.toml:"), "{shown}");
    shown
}

#[test]
fn an_undeclared_collection_is_refused() {
    let err = refused("undeclared", &treaty(r#"["nowhere"]"#, ""));
    assert!(err.contains("agreement a-b-treaty") && err.contains("unknown collection nowhere"), "{err}");
}

#[test]
fn every_entry_of_a_complete_collection_names_an_agreement() {
    let unanswered = FAMILY.replace("agreement = \"a-b-treaty\"\n", "");
    let err = refused("unanswered", &format!("{unanswered}{}", treaty(r#"["family"]"#, "")));
    assert!(err.contains("collection_entry \"Treaty between A and B (2019)\" of family"), "{err}");
    let dangling = FAMILY.replace("agreement = \"a-b-treaty\"", "agreement = \"a-c-treaty\"");
    let err = refused("dangling", &format!("{dangling}{}", treaty(r#"["family"]"#, "")));
    assert!(err.contains("unknown agreement a-c-treaty"), "{err}");
}

#[test]
fn a_partial_collection_says_what_is_missing_and_a_complete_one_needs_evidence() {
    let partial = FAMILY.replace("status = \"complete\"", "status = \"partial\"");
    let err = refused("partial", &format!("{partial}{}", treaty(r#"["family"]"#, "")));
    assert!(err.contains("collection family") && err.contains("`missing`"), "{err}");
    let unsourced = FAMILY.replacen(
        "evidence = [{ source = \"ministry\", quote = \"the treaties between A and B\", confidence = \"high\" }]\n",
        "",
        1,
    );
    let err = refused("unsourced", &format!("{unsourced}{}", treaty(r#"["family"]"#, "")));
    assert!(err.contains("collection family") && err.contains("evidence"), "{err}");
}

#[test]
fn in_force_by_and_not_in_force_need_a_date() {
    let undated = "  [[agreement.milestone]]\n  kind = \"in_force_by\"\n";
    let err = refused("undated", &format!("{FAMILY}{}", treaty(r#"["family"]"#, undated)));
    assert!(err.contains("agreement a-b-treaty, milestone in_force_by"), "{err}");
}
