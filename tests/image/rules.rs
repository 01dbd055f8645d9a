//! What the generator accepts and refuses, and what the new lifecycle kinds mean,
//! shown on a small data set of its own.

use std::path::PathBuf;

use chrono::NaiveDate;
use pactum::{CollectionStatus, Dataset, Status};

use crate::generate;

/// Two sources, two states and one binding agreement signed on 1 March 2019.
const BASE: &str = r#"
[[source]]
id = "ministry"
kind = "official"
publisher = "A ministry"
title = "A page"
url = "https://example.org/page"
note = "Test data."

[[source]]
id = "paper"
kind = "newspaper"
publisher = "A newspaper"
title = "A report"
url = "https://example.org/report"
note = "Test data."

[[actor]]
id = "aa"
kind = "state"
name = "State A"
evidence = [{ source = "ministry", quote = "State A", confidence = "high" }]

[[actor]]
id = "bb"
kind = "state"
name = "State B"
evidence = [{ source = "paper", quote = "State B", confidence = "medium" }]
"#;

/// A schema directory holding the real schema and `data` as its one data file.
struct Schema(PathBuf);

impl Schema {
    fn with(name: &str, data: &str) -> Schema {
        let dir = std::env::temp_dir().join(format!("pactum-rules-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(root.join("schema/schema.sql"), dir.join("schema.sql")).unwrap();
        std::fs::write(dir.join("data/test.toml"), format!("{BASE}\n{data}")).unwrap();
        Schema(dir)
    }

    fn build(&self) -> Result<Dataset, String> {
        let image = generate::build(&self.0)?;
        Dataset::open_image(Box::leak(image.into_boxed_slice())).map_err(|e| e.to_string())
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

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
    let data = Schema::with(
        "in-force-by",
        &format!("{FAMILY}{}", treaty(r#"["family"]"#, &milestone("in_force_by", "2019-05"))),
    )
    .build()
    .unwrap();
    assert_eq!(data.status("a-b-treaty", day(2019, 5, 30)).unwrap(), Status::Concluded);
    assert_eq!(data.status("a-b-treaty", day(2019, 5, 31)).unwrap(), Status::InForce);
    assert!(data.in_force(day(2025, 6, 1)).unwrap().iter().any(|a| a.id == "a-b-treaty"));
    let partners: Vec<String> = data.partners("aa", day(2025, 6, 1)).unwrap().into_iter().map(|p| p.actor.id).collect();
    assert_eq!(partners, ["bb"]);
}

#[test]
fn not_in_force_moves_the_status_neither_way() {
    let data = Schema::with(
        "not-in-force",
        &format!("{FAMILY}{}", treaty(r#"["family"]"#, &milestone("not_in_force", "2025-03-01"))),
    )
    .build()
    .unwrap();
    assert_eq!(data.status("a-b-treaty", day(2025, 3, 1)).unwrap(), Status::Concluded);
    assert_eq!(data.status("a-b-treaty", day(2026, 1, 1)).unwrap(), Status::Concluded);
}

#[test]
fn collections_carry_their_members_entries_and_date() {
    let data = Schema::with("collections", &format!("{FAMILY}{}", treaty(r#"["family"]"#, ""))).build().unwrap();
    let family = data.collection("family").unwrap();
    assert_eq!(family.status, CollectionStatus::Complete);
    assert_eq!(family.agreements, ["a-b-treaty"]);
    assert_eq!(data.collections_of("a-b-treaty").unwrap(), ["family"]);
    let entries = data.collection_entries("family").unwrap();
    assert_eq!(entries[0].agreement.as_deref(), Some("a-b-treaty"));
    assert!(!data.evidence(entries[0].fact).unwrap().is_empty());
    assert_eq!(data.as_of().unwrap().map(|d| d.to_string()), Some("2026-11".to_owned()));
}

/// The error building `data` gives; it must name the file and the row.
fn refused(name: &str, data: &str) -> String {
    let err = Schema::with(name, data).build().map(drop).unwrap_err();
    assert!(err.starts_with("test.toml: "), "{err}");
    err
}

#[test]
fn an_undeclared_collection_is_refused() {
    let err = refused("undeclared", &treaty(r#"["nowhere"]"#, ""));
    assert!(err.contains("agreement a-b-treaty") && err.contains("collection nowhere is not declared"), "{err}");
}

#[test]
fn an_unknown_key_is_refused() {
    let err = Schema::with(
        "unknown-key",
        &format!("{FAMILY}{}", treaty(r#"["family"]"#, "")).replace("collections =", "colections ="),
    )
    .build()
    .map(drop)
    .unwrap_err();
    assert!(err.contains("colections"), "{err}");
}

#[test]
fn every_entry_of_a_complete_collection_names_an_agreement() {
    let unanswered = FAMILY.replace("agreement = \"a-b-treaty\"\n", "");
    let err = refused("unanswered", &format!("{unanswered}{}", treaty(r#"["family"]"#, "")));
    assert!(err.contains("collection_entry \"Treaty between A and B (2019)\" of family"), "{err}");
    let dangling = FAMILY.replace("agreement = \"a-b-treaty\"", "agreement = \"a-c-treaty\"");
    let err = refused("dangling", &format!("{dangling}{}", treaty(r#"["family"]"#, "")));
    assert!(err.contains("agreement a-c-treaty is not in the data"), "{err}");
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
