//! The bundled image and the text in `schema/` never drift apart, and a change of
//! the data comes with a new data version.

use std::path::Path;

use pactum::build::{Builder, Fingerprint};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_committed_image_fingerprint_and_file_list_are_built_from_the_schema_text() {
    let fresh = pactum::build::verify(root()).unwrap_or_else(|e| panic!("{e}"));
    let committed = std::fs::read_to_string(root().join("schema/pactum.fingerprint")).unwrap();
    assert_eq!(fresh.to_string(), committed);
}

#[cfg(feature = "bundled")]
#[test]
fn the_bundled_image_has_the_committed_fingerprint() {
    let bundled = Fingerprint::of(&pactum::Dataset::open().unwrap()).unwrap();
    let committed = std::fs::read_to_string(root().join("schema/pactum.fingerprint")).unwrap();
    assert_eq!(bundled, Fingerprint::parse(&committed).unwrap());
}

#[test]
fn the_data_version_has_its_changelog_entry_and_is_cited() {
    let print =
        Fingerprint::parse(&std::fs::read_to_string(root().join("schema/pactum.fingerprint")).unwrap()).unwrap();
    let version = print.version.expect("the bundled data has a version");
    let changelog = std::fs::read_to_string(root().join("schema/CHANGELOG.md")).unwrap();
    assert!(changelog.lines().any(|l| l.starts_with(&format!("## {version} "))), "no CHANGELOG entry for {version}");
    let citation = std::fs::read_to_string(root().join("CITATION.cff")).unwrap();
    assert!(citation.contains(&format!("version: {version}")), "CITATION.cff does not cite data version {version}");
}

#[test]
fn two_builds_of_the_same_text_are_the_same_bytes() {
    let (a, _) = Builder::new().build().unwrap();
    let (b, _) = Builder::new().build().unwrap();
    assert!(a == b, "two builds of the same text differ");
}

#[test]
fn fact_ids_are_kept_in_the_ledger_and_never_reused() {
    let ledger = std::fs::read_to_string(root().join("schema/fact_ids.tsv")).unwrap();
    let mut numbers = std::collections::HashSet::new();
    let mut keys = std::collections::HashSet::new();
    for line in ledger.lines().filter(|l| !l.starts_with('#')) {
        let (number, key) = line.split_once('\t').expect("number<TAB>key");
        assert!(numbers.insert(number.to_owned()), "number {number} given twice");
        assert!(keys.insert(key.to_owned()), "key {key} numbered twice");
    }
}

/// A copy of the checkout's `schema/` and `src/build/` in a scratch directory, for
/// blessing without touching the real one.
fn scratch_checkout(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pactum-bless-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("schema/data")).unwrap();
    std::fs::create_dir_all(dir.join("src/build")).unwrap();
    for entry in
        std::fs::read_dir(root().join("schema")).unwrap().chain(std::fs::read_dir(root().join("schema/data")).unwrap())
    {
        let path = entry.unwrap().path();
        if path.is_file() {
            let relative = path.strip_prefix(root()).unwrap();
            std::fs::copy(&path, dir.join(relative)).unwrap();
        }
    }
    std::fs::copy(root().join("src/pactum.sqlite3"), dir.join("src/pactum.sqlite3")).unwrap();
    dir
}

#[test]
fn a_change_of_the_data_under_a_released_version_is_refused() {
    let checkout = scratch_checkout("unbumped");
    // The version as released, whatever the real CHANGELOG says of it today.
    let changelog = checkout.join("schema/CHANGELOG.md");
    std::fs::write(&changelog, std::fs::read_to_string(&changelog).unwrap().replace("unreleased", "released")).unwrap();
    let areas = checkout.join("schema/data/areas.toml");
    let text = std::fs::read_to_string(&areas).unwrap();
    let changed = text.replacen("definition = \"", "definition = \"Corrected: ", 1);
    std::fs::write(&areas, changed).unwrap();
    match pactum::build::bless(&checkout) {
        Err(pactum::Error::Release { reason }) => {
            assert!(reason.starts_with("the data changed but its version did not"), "{reason}");
        }
        other => panic!("a change under a released version was blessed: {other:?}"),
    }
    let image = std::fs::read(checkout.join("src/pactum.sqlite3")).unwrap();
    assert_eq!(image, std::fs::read(root().join("src/pactum.sqlite3")).unwrap(), "nothing was written");
    std::fs::remove_dir_all(&checkout).unwrap();
}
