//! Files that are not a pactum database, or not a healthy one, each get their own
//! clear error, and nothing is ever written: not to the file, not beside it.

use std::path::{Path, PathBuf};

use pactum::{Dataset, Error, Origin};

/// A fresh directory for one test, so that "nothing written beside the file" can
/// be checked by listing it.
fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pactum-foreign-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap_or_default())
        })
        .collect();
    files.sort();
    files
}

/// Writes `bytes`, opens them, and checks the directory is byte-identical afterwards.
fn open_bytes(name: &str, bytes: &[u8]) -> Result<(), Error> {
    let dir = dir(name);
    let path = dir.join("data.sqlite3");
    std::fs::write(&path, bytes).unwrap();
    let before = listing(&dir);
    let result = Dataset::open_file(&path).and_then(|data| {
        // A file that opens must also answer, or fail cleanly, when read through.
        data.verify()?;
        data.actors()?;
        Ok(())
    });
    assert_eq!(listing(&dir), before, "{name}: the directory changed");
    result
}

fn image() -> Vec<u8> {
    Dataset::bundled_image().to_vec()
}

#[test]
fn a_healthy_copy_opens_and_is_left_byte_identical() {
    open_bytes("healthy", &image()).unwrap();
}

#[test]
fn a_text_file_is_not_a_database() {
    let err = open_bytes("text", b"name,kind\neu,international_organisation\n").unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
}

#[test]
fn an_empty_file_is_not_a_database() {
    let err = open_bytes("empty", b"").unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
}

#[test]
fn a_truncated_image_is_corrupt() {
    let image = image();
    for len in [100, 4096, image.len() / 2, image.len() - 1] {
        let err = open_bytes("truncated", &image[..len]).unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }), "{len} bytes: {err}");
        assert!(err.to_string().contains("truncated"), "{err}");
    }
    // Shorter than a header: not a database at all.
    let err = open_bytes("stub", &image[..50]).unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
}

#[test]
fn a_flipped_byte_in_a_table_page_is_corrupt() {
    let mut image = image();
    let page_size = usize::from(u16::from_be_bytes([image[16], image[17]]));
    // Byte 0 of a b-tree page is its type (2, 5, 10 or 13); any other value is damage
    // that SQLite's checks catch. Flip it on every page that holds one.
    let mut flipped = 0;
    for page in 1..image.len() / page_size {
        let at = page * page_size;
        if matches!(image[at], 2 | 5 | 10 | 13) {
            image[at] ^= 0xFF;
            flipped += 1;
        }
    }
    assert!(flipped > 0);
    let err = open_bytes("flipped-pages", &image).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
}

#[test]
fn any_single_flipped_byte_gives_an_answer_or_a_typed_error_never_a_panic() {
    let clean = image();
    let step = clean.len() / 97;
    for at in (0..clean.len()).step_by(step.max(1)) {
        let mut image = clean.clone();
        image[at] ^= 0x55;
        // Either outcome is acceptable; a panic or a hang is not.
        let _ = open_bytes("flip-one", &image);
    }
}

#[test]
fn another_applications_sqlite_database_is_foreign() {
    let mut image = image();
    image[68..72].copy_from_slice(&0i32.to_be_bytes());
    let err = open_bytes("foreign", &image).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { found: 0, .. }), "{err}");
}

#[test]
fn a_database_made_by_another_program_is_foreign() {
    let dir = dir("other-program");
    let path = dir.join("other.sqlite3");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE note (body TEXT); INSERT INTO note VALUES ('hello');").unwrap();
    drop(conn);
    let bytes = std::fs::read(&path).unwrap();
    let err = open_bytes("other-program", &bytes).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { found: 0, .. }), "{err}");
}

#[test]
fn older_and_newer_schema_versions_are_refused() {
    for version in [0, pactum::SCHEMA_VERSION - 1, pactum::SCHEMA_VERSION + 1] {
        let mut image = image();
        image[60..64].copy_from_slice(&version.to_be_bytes());
        let err = open_bytes("version", &image).unwrap_err();
        assert!(matches!(err, Error::SchemaVersion { found, .. } if found == version), "{err}");
    }
}

#[test]
fn a_wal_mode_database_is_refused_without_touching_it() {
    let mut image = image();
    image[18] = 2;
    image[19] = 2;
    let err = open_bytes("wal", &image).unwrap_err();
    assert!(matches!(err, Error::WalMode { .. }), "{err}");
    assert!(err.to_string().contains("journal_mode=DELETE"));
}

#[test]
fn a_missing_path_cannot_be_opened_and_a_directory_is_no_file() {
    let dir = dir("paths");
    let missing = dir.join("missing.sqlite3");
    assert!(matches!(Dataset::open_file(&missing), Err(Error::Open { path, .. }) if path == missing));
    assert!(matches!(Dataset::open_file(&dir), Err(Error::InvalidPath { path, .. }) if path == dir));
    assert!(listing(&dir).is_empty());
}

#[test]
fn paths_with_uri_characters_open_the_right_file() {
    let dir = dir("uri");
    let path = dir.join("odd name ?#%.sqlite3");
    std::fs::write(&path, Dataset::bundled_image()).unwrap();
    let data = Dataset::open_file(&path).unwrap();
    assert_eq!(data.actor("eu").unwrap().name, "European Union");
    drop(data);
    assert_eq!(listing(&dir).len(), 1);
}

#[test]
fn an_image_that_is_not_a_database_is_named_as_the_image_not_as_a_path() {
    let err = Dataset::open_image(b"not an SQLite database at all").unwrap_err();
    assert!(matches!(&err, Error::NotADatabase { origin: Origin::Image }), "{err:?}");
    assert!(err.to_string().starts_with("the in-memory image is not an SQLite database"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_named_by_its_path() {
    let dir = dir("not-sqlite");
    let path = dir.join("notes.txt");
    std::fs::write(&path, "hello").unwrap();
    let err = Dataset::open_file(&path).unwrap_err();
    assert!(matches!(&err, Error::NotADatabase { origin: Origin::File(p) } if p == &path), "{err:?}");
}
