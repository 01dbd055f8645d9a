//! Blessing: rebuilding pactum's own bundled image from a checkout's text, with
//! its fact ids, fingerprint and file list, and checking that a change of the data
//! comes with a new data version.

use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use super::facts::Ledger;
use super::fingerprint::{Fingerprint, of_connection};
use super::read::Base;
use super::{Builder, write_atomically};
use crate::error::SqlResultExt;
use crate::{Error, Result};

/// What a bless wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Blessed {
    /// Whether the data's content changed since the committed fingerprint.
    pub changed: bool,
    /// The data version the image carries.
    pub version: String,
    /// How many new fact keys were given numbers.
    pub new_facts: usize,
    /// The new image's fingerprint.
    pub fingerprint: Fingerprint,
}

/// Rebuilds a pactum checkout's bundled image from its `schema/`, and writes
/// `src/pactum.sqlite3`, `schema/fact_ids.tsv` (new facts get the next numbers),
/// `schema/pactum.fingerprint` and `src/build/bundled.rs` (the list of data files
/// the builder compiles in). For pactum's own repository: run it with
/// `cargo run --example bless --no-default-features --features build`.
///
/// # Errors
///
/// - [`Error::InvalidData`] if the data has problems; nothing is written.
/// - [`Error::Release`] if the content changed but `schema/release.toml`'s version
///   did not (and its CHANGELOG entry is not marked unreleased), or the CHANGELOG
///   has no entry for it.
/// - [`Error::WriteFile`] if a file cannot be written.
pub fn bless(root: impl AsRef<Path>) -> Result<Blessed> {
    let root = root.as_ref();
    let ledger_path = root.join("schema/fact_ids.tsv");
    let previous = std::fs::read_to_string(&ledger_path).unwrap_or_default();
    let mut ledger = Ledger::parse(&previous);
    ledger.extend = true;
    let (image, fingerprint, ledger) = fresh(root, ledger)?;
    let committed = committed(root);
    let changed = committed.as_ref().is_none_or(|c| !c.same_content(&fingerprint));
    let version = fingerprint.version.clone().unwrap_or_default();
    check_version(root, committed.as_ref(), &fingerprint, changed)?;
    write_atomically(&root.join("src/pactum.sqlite3"), &image, true)?;
    write_atomically(&ledger_path, ledger.text(&previous).as_bytes(), true)?;
    write_atomically(&root.join("schema/pactum.fingerprint"), fingerprint.to_string().as_bytes(), true)?;
    write_atomically(&root.join("src/build/bundled.rs"), file_list(root)?.as_bytes(), true)?;
    Ok(Blessed { changed, version, new_facts: ledger.added.len(), fingerprint })
}

/// Checks a checkout without writing: its text builds, the committed image,
/// fingerprint and file list match it, and a change came with a new version.
///
/// # Errors
///
/// [`Error::InvalidData`] if the data has problems; [`Error::Release`] saying what is
/// out of date and the one command that brings it up to date.
pub fn verify(root: impl AsRef<Path>) -> Result<Fingerprint> {
    let root = root.as_ref();
    let ledger = Ledger::parse(&std::fs::read_to_string(root.join("schema/fact_ids.tsv")).unwrap_or_default());
    let (image, fingerprint, _) = fresh(root, ledger)?;
    let stale = |what: &str| Error::Release {
        reason: format!(
            "{what} is out of date with schema/: run `cargo run --example bless --no-default-features --features build`"
        ),
    };
    if committed(root).as_ref() != Some(&fingerprint) {
        return Err(stale("schema/pactum.fingerprint"));
    }
    let on_disk = std::fs::read(root.join("src/pactum.sqlite3")).unwrap_or_default();
    if on_disk != image && image_print(&on_disk).as_ref() != Some(&fingerprint) {
        return Err(stale("src/pactum.sqlite3"));
    }
    if std::fs::read_to_string(root.join("src/build/bundled.rs")).unwrap_or_default() != file_list(root)? {
        return Err(stale("src/build/bundled.rs"));
    }
    check_version(root, None, &fingerprint, false)?;
    Ok(fingerprint)
}

/// Builds the checkout's data and fingerprints it.
fn fresh(root: &Path, ledger: Ledger) -> Result<(Vec<u8>, Fingerprint, Ledger)> {
    let builder = Builder { base: Base::Checkout(root.join("schema/data")), dirs: Vec::new(), release: None };
    let (image, _, ledger) = builder.image(ledger)?;
    let fingerprint =
        image_print(&image).ok_or_else(|| Error::Corrupt { detail: "the fresh image does not read back".into() })?;
    Ok((image, fingerprint, ledger))
}

fn image_print(image: &[u8]) -> Option<Fingerprint> {
    let mut conn = Connection::open_in_memory().ok()?;
    conn.deserialize_read_exact(rusqlite::MAIN_DB, image, image.len(), true).ok()?;
    of_connection(&conn).sql().ok()
}

fn committed(root: &Path) -> Option<Fingerprint> {
    Fingerprint::parse(&std::fs::read_to_string(root.join("schema/pactum.fingerprint")).ok()?).ok()
}

/// A change of content needs a new version, unless the version's CHANGELOG entry
/// is still marked unreleased; every version needs its entry.
fn check_version(root: &Path, committed: Option<&Fingerprint>, fresh: &Fingerprint, changed: bool) -> Result<()> {
    let version = fresh.version.clone().unwrap_or_default();
    let changelog = std::fs::read_to_string(root.join("schema/CHANGELOG.md")).unwrap_or_default();
    let Some(entry) = changelog.lines().find(|l| l.starts_with(&format!("## {version} "))) else {
        return Err(Error::Release {
            reason: format!(
                "schema/CHANGELOG.md has no entry `## {version} — …` for the data version {version}; add one"
            ),
        });
    };
    let same_version = committed.is_some_and(|c| c.version == fresh.version);
    if changed && same_version && !entry.contains("unreleased") {
        return Err(Error::Release {
            reason: format!(
                "the data changed but its version did not: {version} is released; bump version in \
                 schema/release.toml (patch for corrections, minor for additions, major for removed or \
                 redefined ids) and add its entry to schema/CHANGELOG.md"
            ),
        });
    }
    Ok(())
}

/// The text of `src/build/bundled.rs` for the checkout's data files.
fn file_list(root: &Path) -> Result<String> {
    let dir = root.join("schema/data");
    let entries = std::fs::read_dir(&dir).map_err(|source| Error::Open { path: dir.clone(), source })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let mut text = String::from(
        "//! The bundled data's text, compiled into the builder so that users' data can be\n\
         //! built on it. Written by `cargo run --example bless --features build`; a test\n\
         //! checks that it lists every file of `schema/data/`.\n\n\
         /// Every data file, by name, in the order the build reads them.\n\
         pub(crate) const FILES: &[(&str, &str)] = &[\n",
    );
    for name in names {
        text.push_str(&format!("    (\"{name}\", include_str!(\"../../schema/data/{name}\")),\n"));
    }
    text.push_str(
        "];\n\n/// The data's release: its version and the date it is current through.\n\
         pub(crate) const RELEASE: &str = include_str!(\"../../schema/release.toml\");\n\n\
         /// The numbers given to the bundled facts' keys.\n\
         pub(crate) const FACT_IDS: &str = include_str!(\"../../schema/fact_ids.tsv\");\n",
    );
    Ok(text)
}
