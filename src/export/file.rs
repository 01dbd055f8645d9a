//! The database as a file, with Datasette metadata beside it.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use super::flatten::Node;
use super::json_error;
use crate::{Dataset, Error, Result};

impl Dataset {
    /// Writes the bundled database to `path` as an SQLite file, and Datasette
    /// metadata (title, description, licence, source, and a description of every
    /// table and column) to `metadata.json` in the same directory, keyed by the
    /// database name Datasette gives the file (its name without the extension).
    ///
    /// Never overwrites: if either file exists, nothing is written. Serve the pair
    /// with `datasette serve -i pactum.sqlite3 --metadata metadata.json`.
    ///
    /// # Errors
    ///
    /// - [`Error::AlreadyExists`] if `path` or the `metadata.json` beside it exists;
    ///   nothing is written then.
    /// - [`Error::InvalidPath`] if `path` is itself named `metadata.json`.
    /// - [`Error::WriteFile`] if either file cannot be created or written; a database
    ///   file written before the failure is removed again.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pactum-doc-bundled-{}", std::process::id()));
    /// # let _ = std::fs::remove_dir_all(&dir);
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let file = dir.join("pactum.sqlite3");
    /// pactum::Dataset::write_bundled(&file)?;
    /// assert!(dir.join("metadata.json").is_file());
    /// assert_eq!(pactum::Dataset::open_file(&file)?.agreement("eu-japan-sdp")?.id, "eu-japan-sdp");
    /// assert!(matches!(pactum::Dataset::write_bundled(&file), Err(pactum::Error::AlreadyExists { .. })));
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), pactum::Error>(())
    /// ```
    #[cfg(feature = "bundled")]
    #[cfg_attr(docsrs, doc(cfg(all(feature = "export", feature = "bundled"))))]
    pub fn write_bundled(path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        if path.file_name() == Some(OsStr::new(METADATA_FILE)) {
            let reason =
                "metadata.json is the name of the metadata written beside the database; name the database otherwise";
            return Err(Error::InvalidPath { path: path.to_owned(), reason });
        }
        let metadata_path = path.with_file_name(METADATA_FILE);
        // Refuse before writing anything, so that a refusal leaves no half of the pair.
        for target in [path, &metadata_path] {
            if target.symlink_metadata().is_ok() {
                return Err(Error::AlreadyExists { path: target.to_owned() });
            }
        }
        let metadata = datasette_metadata(&path.file_stem().unwrap_or(OsStr::new("pactum")).to_string_lossy())?;
        write_new(path, Dataset::bundled_image())?;
        if let Err(error) = write_new(&metadata_path, metadata.as_bytes()) {
            // A database without its metadata would be a half-done job: undo it.
            let _ = std::fs::remove_file(path);
            return Err(error);
        }
        Ok(())
    }
}

const METADATA_FILE: &str = "metadata.json";

/// Datasette metadata for the bundled database, keyed by the database name `pactum`.
const METADATA: &str = include_str!("../../schema/metadata.json");

/// The metadata with its database renamed to `database`, which is how Datasette
/// names a database served from a file of another name.
fn datasette_metadata(database: &str) -> Result<String> {
    let mut metadata: Node = serde_json::from_str(METADATA).map_err(json_error)?;
    if let Node::Map(top) = &mut metadata
        && let Some((_, Node::Map(databases))) = top.iter_mut().find(|(key, _)| key == "databases")
    {
        for (name, _) in databases.iter_mut().filter(|(name, _)| name == "pactum") {
            database.clone_into(name);
        }
    }
    let mut text = serde_json::to_string_pretty(&metadata).map_err(json_error)?;
    text.push('\n');
    Ok(text)
}

/// Creates `path`, failing if it exists, and writes `bytes` to it; removes it again
/// if the write fails part-way.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let io_error = |source: io::Error| match source.kind() {
        // Another writer got there between the check and the creation.
        io::ErrorKind::AlreadyExists => Error::AlreadyExists { path: path.to_owned() },
        _ => Error::WriteFile { path: path.to_owned(), source },
    };
    let mut file = File::create_new(path).map_err(io_error)?;
    if let Err(source) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(io_error(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metadata_is_renamed_after_the_file_and_keeps_its_order() {
        let metadata = datasette_metadata("mine").unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&metadata).unwrap();
        assert!(parsed["databases"]["mine"]["tables"]["agreement"]["description"].is_string());
        assert!(parsed["databases"].get("pactum").is_none());
        assert!(metadata.find("\"title\"").unwrap() < metadata.find("\"databases\"").unwrap());
    }
}
