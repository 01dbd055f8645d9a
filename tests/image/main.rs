//! The bundled image and the text in `schema/` must never drift apart.
//!
//! `cargo test` rebuilds the image from `schema/` and compares it byte for byte
//! with `src/pactum.sqlite3`. After editing `schema/`, run
//! `PACTUM_BLESS=1 cargo test --test image` to write the new image.

mod generate;
mod rules;

use std::path::Path;

#[test]
fn the_bundled_image_is_built_from_the_schema_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = generate::build(&root.join("schema")).unwrap_or_else(|e| panic!("schema/ does not build: {e}"));
    let committed_path = root.join("src/pactum.sqlite3");
    if std::env::var_os("PACTUM_BLESS").is_some() {
        std::fs::write(&committed_path, &fresh).expect("write src/pactum.sqlite3");
        return;
    }
    let committed = std::fs::read(&committed_path).expect("read src/pactum.sqlite3");
    assert!(
        committed == fresh,
        "src/pactum.sqlite3 is out of date with schema/: run `PACTUM_BLESS=1 cargo test --test image`"
    );
}

#[test]
fn the_image_is_deterministic() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let a = generate::build(&schema).expect("build");
    let b = generate::build(&schema).expect("build");
    assert!(a == b, "two builds of the same text differ");
}

#[test]
fn the_image_is_a_rollback_journal_database_with_pactums_header() {
    let image = pactum::Dataset::bundled_image();
    assert_eq!(&image[..16], b"SQLite format 3\0");
    // Bytes 18 and 19 are 1 for rollback-journal mode; WAL (2) cannot be read in place.
    assert_eq!((image[18], image[19]), (1, 1));
    assert_eq!(i32::from_be_bytes(image[68..72].try_into().unwrap()), pactum::APPLICATION_ID);
    assert_eq!(i32::from_be_bytes(image[60..64].try_into().unwrap()), pactum::SCHEMA_VERSION);
}
