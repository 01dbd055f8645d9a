//! Listing what changed between two datasets, on a modified copy of the bundled data.

use pactum::build::Builder;
use pactum::raw::Value;
use pactum::{Bump, Dataset};

use crate::support::DataDir;

/// A new source, a new agreement between Japan and Korea, and a corrected short title.
const CHANGES: &str = r#"
[[source]]
id = "mine-note"
kind = "other"
publisher = "My research group"
title = "Working note"

[[agreement]]
id = "mine-jp-kr-dialogue"
kind = "strategic_dialogue"
legal_nature = "non_binding_instrument"
title = "A dialogue of our coding"
summary = "Test data."
collections = ["context"]
evidence = [{ source = "mine-note", quote = "a dialogue", confidence = "low" }]

  [[agreement.party]]
  actor = "jp"
  role = "party"

  [[agreement.party]]
  actor = "kr"
  role = "party"

[[amend]]
fact = "agreement/eu-japan-sdp"
override = [{ field = "short_title", value = "EU–Japan Partnership", reason = "our coding manual", evidence = [{ source = "mine-note", quote = "EU–Japan Partnership", confidence = "medium" }] }]
"#;

#[test]
fn a_modified_copy_shows_its_additions_and_its_change_field_by_field() {
    let dir = DataDir::with("diff", &[("mine.toml", CHANGES)]);
    let (image, _) = Builder::new().directory(dir.path()).build().unwrap_or_else(|e| panic!("{e}"));
    let modified = Dataset::open_image(Box::leak(image.into_boxed_slice())).unwrap();
    let bundled = Dataset::open().unwrap();

    let diff = bundled.diff(&modified).unwrap();
    let table = |name: &str| diff.tables.iter().find(|t| t.table == name).unwrap_or_else(|| panic!("{name}: {diff}"));
    assert_eq!(table("agreement").added, ["agreement/mine-jp-kr-dialogue"]);
    assert_eq!(table("source").added, ["mine-note"]);
    assert_eq!(table("party").added.len(), 2);
    let changed = &table("agreement").changed;
    assert_eq!(changed.len(), 1, "{diff}");
    assert_eq!(changed[0].key, "agreement/eu-japan-sdp");
    let (field, _, after) = &changed[0].fields[0];
    assert_eq!((field.as_str(), after), ("short_title", &Value::Text("EU–Japan Partnership".into())));
    assert!(diff.tables.iter().all(|t| t.removed.is_empty()), "{diff}");
    assert_eq!(diff.bump(), Bump::Minor);

    let back = modified.diff(&bundled).unwrap();
    assert_eq!(back.bump(), Bump::Major, "removing rows is a major change");
    assert!(bundled.diff(&bundled).unwrap().is_empty());
    assert!(diff.to_string().contains("short_title: \"EU–Japan SDP\" → \"EU–Japan Partnership\""), "{diff}");
}
