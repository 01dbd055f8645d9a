//! Users' directories on top of the bundled data: new rows, more evidence, other
//! values, and overrides that say so; and fact ids that survive it all.

use pactum::build::Builder;
use pactum::{Dataset, Error};

use crate::support::DataDir;

/// A new source of the user's, and an amendment adding it as evidence for the
/// bundled EU–Japan partnership, with another value for its short title.
const AMEND: &str = r#"
[[source]]
id = "mine-note"
kind = "other"
publisher = "My research group"
title = "Working note"
note = "Test data."

[[amend]]
fact = "agreement/eu-japan-sdp"
evidence = [{ source = "mine-note", quote = "the EU and Japan partnership", confidence = "low" }]
alternatives = [
  { field = "short_title", value = "EU-Japan SDP", preferred = false, reason = "as our note writes it", evidence = [{ source = "mine-note", quote = "EU-Japan SDP", confidence = "low" }] },
]
"#;

fn open(dir: &DataDir) -> Dataset {
    let (image, report) = Builder::new().directory(dir.path()).build().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.overrides.is_empty());
    Dataset::open_image(Box::leak(image.into_boxed_slice())).unwrap()
}

#[test]
fn an_amendment_adds_evidence_and_values_and_changes_nothing() {
    let dir = DataDir::with("amend", &[("mine.toml", AMEND)]);
    let data = open(&dir);
    let bundled = Dataset::open().unwrap();
    let ours = data.agreement("eu-japan-sdp").unwrap();
    let theirs = bundled.agreement("eu-japan-sdp").unwrap();
    assert_eq!(ours, theirs, "the bundled row itself is unchanged, fact id included");
    let evidence = data.evidence(ours.fact).unwrap();
    assert_eq!(evidence.len(), bundled.evidence(theirs.fact).unwrap().len() + 1);
    assert!(evidence.iter().any(|e| e.source.id == "mine-note"));
    let alternatives = data.alternatives(ours.fact).unwrap();
    let preferred: Vec<_> =
        alternatives.iter().filter(|a| a.field == "short_title" && a.preferred).map(|a| a.value.as_str()).collect();
    assert_eq!(preferred, [theirs.short_title.as_deref().unwrap()], "the bundled value stays preferred");
    assert!(alternatives.iter().any(|a| a.value == "EU-Japan SDP" && !a.preferred));
}

#[test]
fn an_override_replaces_a_value_and_is_reported() {
    let text = r#"
[[source]]
id = "mine-note"
kind = "other"
publisher = "My research group"
title = "Working note"

[[amend]]
fact = "agreement/eu-japan-sdp"
override = [{ field = "short_title", value = "EU–Japan Partnership", reason = "our coding manual's naming", evidence = [{ source = "mine-note", quote = "EU–Japan Partnership", confidence = "medium" }] }]
"#;
    let dir = DataDir::with("override", &[("mine.toml", text)]);
    let (image, report) = Builder::new().directory(dir.path()).build().unwrap();
    assert_eq!(report.overrides.len(), 1);
    let o = &report.overrides[0];
    assert_eq!(
        (o.fact.as_str(), o.field.as_str(), o.value.as_str()),
        ("agreement/eu-japan-sdp", "short_title", "EU–Japan Partnership")
    );
    assert!(o.at.ends_with("mine.toml:8"), "{}", o.at);
    let data = Dataset::open_image(Box::leak(image.into_boxed_slice())).unwrap();
    let sdp = data.agreement("eu-japan-sdp").unwrap();
    assert_eq!(sdp.short_title.as_deref(), Some("EU–Japan Partnership"));
    let kept: Vec<_> = data.alternatives(sdp.fact).unwrap().into_iter().map(|a| (a.value, a.preferred)).collect();
    assert!(kept.contains(&(o.was.clone(), false)), "the bundled value is kept: {kept:?}");
}

#[test]
fn an_amendment_of_an_unknown_fact_is_refused() {
    let dir = DataDir::with(
        "amend-unknown",
        &[("mine.toml", &AMEND.replace("agreement/eu-japan-sdp", "agreement/eu-atlantis"))],
    );
    let problems = crate::support::problems_of(Builder::new().directory(dir.path()), dir.path());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].rule.starts_with("no fact has this key"), "{}", problems[0]);
}

#[test]
fn bundled_fact_ids_survive_an_overlay_and_users_facts_get_ids_of_their_own() {
    let dir = DataDir::with("ids", &[("mine.toml", AMEND)]);
    let data = open(&dir);
    let bundled = Dataset::open().unwrap();
    for id in ["jp", "kr", "eu"] {
        assert_eq!(data.actor(id).unwrap().fact, bundled.actor(id).unwrap().fact);
    }
    let ours = data.alternatives(data.agreement("eu-japan-sdp").unwrap().fact).unwrap();
    let added: Vec<_> = ours.iter().filter(|a| a.field == "short_title").collect();
    assert_eq!(added.len(), 2, "the bundled value and ours: {added:?}");
    assert!(added.iter().all(|a| a.fact.0 >= 1 << 40), "users' facts are numbered from 2^40");
}

#[test]
fn a_fact_id_stands_for_its_key() {
    let data = Dataset::open().unwrap();
    let japan = data.actor("jp").unwrap();
    assert_eq!(data.fact_key(japan.fact).unwrap(), "actor/jp");
    assert!(matches!(data.fact_key(pactum::FactId(-1)), Err(Error::NotFound { .. })));
}
