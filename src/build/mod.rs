//! The builder: your own data, with pactum's guarantees.
//!
//! pactum's bundled image is built from the TOML under `schema/data/` by this
//! module, and so can yours. A [`Builder`] reads directories in the format of
//! `schema/README.md` into pactum's own enums and dates, checks every rule the
//! bundled data keeps (evidence on every fact, known ids, dates in order, one
//! preferred value per disputed field, …), reports every problem at once with its
//! file, line and column, and writes a database that [`Dataset::open_file`](crate::Dataset::open_file) opens
//! and every query, export, network and panel runs over.
//!
//! By default a build starts from the bundled data, and your directories are laid
//! on top: they may add rows, and add evidence or other values to bundled facts
//! (`[[amend]]`), but never change a bundled fact silently. A value replaced must
//! say so, with its reason and evidence, and every build reports it.
//!
//! ```no_run
//! use pactum::build::Builder;
//!
//! let report = Builder::new().directory("my-data").write("mine.sqlite3")?;
//! println!("{} facts, {} overrides", report.facts, report.overrides.len());
//! let data = pactum::Dataset::open_file("mine.sqlite3")?;
//! # Ok::<(), pactum::Error>(())
//! ```
//!
//! Fact ids are stable: see [`Dataset::fact_key`](crate::Dataset::fact_key).

mod amend;
mod bless;
mod bundled;
mod facts;
mod fingerprint;
mod index;
mod input;
mod load;
mod problem;
mod read;
mod rows;
mod rules;
pub mod synthetic;
mod text;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

pub use amend::Override;
pub use bless::{Blessed, bless, verify};
pub use fingerprint::{Fingerprint, TableFingerprint};
pub use problem::{Problem, Problems};

use self::facts::Ledger;
use self::load::Load;
use self::read::{Base, Corpus};
use crate::error::SqlResultExt;
use crate::identity::SCHEMA;
use crate::{APPLICATION_ID, Error, PartialDate, Result, SCHEMA_VERSION};

/// Builds pactum databases from directories of TOML.
///
/// ```
/// use pactum::build::Builder;
///
/// // The bundled data alone, checked as the crate's own build checks it.
/// let report = Builder::new().check()?;
/// assert!(report.facts > 1000 && report.overrides.is_empty());
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    base: Base,
    dirs: Vec<PathBuf>,
    release: Option<(semver::Version, PartialDate)>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

/// What a build made of its directories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// How many data files were read, bundled ones included.
    pub files: usize,
    /// How many facts the database holds.
    pub facts: usize,
    /// Every value a user's directory replaced, each with its reason.
    pub overrides: Vec<Override>,
}

impl Builder {
    /// A build on top of the bundled data.
    pub fn new() -> Builder {
        Builder { base: Base::Compiled, dirs: Vec::new(), release: None }
    }

    /// Leaves the bundled data out: the database holds only your directories.
    pub fn without_bundled(mut self) -> Builder {
        self.base = Base::None;
        self
    }

    /// Adds a directory of `.toml` data files, laid over the bundled data and the
    /// directories added before it.
    pub fn directory(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.dirs.push(dir.into());
        self
    }

    /// Gives the database a release of its own: the version of your data and the
    /// date it is current through, returned by [`Dataset::data_version`](crate::Dataset::data_version)
    /// and [`Dataset::as_of`](crate::Dataset::as_of).
    pub fn release(mut self, version: semver::Version, current_through: PartialDate) -> Builder {
        self.release = Some((version, current_through));
        self
    }

    /// Checks the directories and writes nothing.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidData`] with every problem found, each with its file, line and column.
    /// - [`Error::Open`] or [`Error::InvalidPath`] if a directory cannot be read, does not
    ///   exist or holds no `.toml` files.
    pub fn check(&self) -> Result<Report> {
        self.image(Ledger::parse(bundled::FACT_IDS)).map(|(_, report, _)| report)
    }

    /// Builds the database in memory: a complete SQLite image, for
    /// [`Dataset::open_image`](crate::Dataset::open_image) or to write anywhere.
    ///
    /// # Errors
    ///
    /// As [`Builder::check`].
    pub fn build(&self) -> Result<(Vec<u8>, Report)> {
        self.image(Ledger::parse(bundled::FACT_IDS)).map(|(image, report, _)| (image, report))
    }

    /// Builds the database and writes it to `path`, which must not exist yet. A
    /// failed build writes nothing: the file is written beside its place under
    /// another name and renamed only once it is complete.
    ///
    /// # Errors
    ///
    /// As [`Builder::check`]; [`Error::AlreadyExists`] if `path` exists; [`Error::WriteFile`]
    /// if it cannot be written.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<Report> {
        let path = path.as_ref();
        if path.exists() {
            return Err(Error::AlreadyExists { path: path.to_owned() });
        }
        let (image, report) = self.build()?;
        write_atomically(path, &image, false)?;
        Ok(report)
    }

    /// Reads, checks, loads and serialises: the whole build.
    fn image(&self, ledger: Ledger) -> Result<(Vec<u8>, Report, Ledger)> {
        let mut problems = Vec::new();
        let corpus = Corpus::read(&self.base, &self.dirs, &mut problems)?;
        let mut conn = Connection::open_in_memory().sql()?;
        // Every insert statement of a build stays prepared.
        conn.set_prepared_statement_cache_capacity(64);
        conn.execute_batch(SCHEMA).sql()?;
        // Rows may refer to rows of later files; integrity is checked once at the end.
        conn.execute_batch("PRAGMA foreign_keys = OFF; BEGIN;").sql()?;
        let mut load = Load::new(&conn, &corpus, ledger, problems);
        rows::declare_ids(&mut load);
        rows::sources(&mut load);
        rows::areas(&mut load);
        rows::actors(&mut load);
        rows::systems_memberships_posts(&mut load);
        rows::agreements_events(&mut load);
        rows::collections(&mut load);
        rows::names(&mut load);
        let overrides = amend::apply(&mut load);
        rules::check(&mut load);
        let release = self.release.clone().or_else(|| match self.base {
            Base::None => None,
            _ => read_release(bundled_release(&self.base)),
        });
        if let Some((_, through)) = &release {
            let latest = conn
                .query_row("SELECT max(complete_through_last) FROM collection", [], |r| r.get::<_, Option<String>>(0))
                .sql()?;
            if latest.is_some_and(|l| l > through.last_day().to_string()) {
                let rule = format!("the data is current through {through}, before a collection's complete_through");
                load.problems.push(Problem {
                    file: "schema/release.toml".into(),
                    line: 1,
                    column: 1,
                    row: None,
                    field: Some("current_through".into()),
                    rule,
                });
            }
        }
        conn.execute(
            "INSERT INTO release (version, current_through) VALUES (?1, ?2)",
            rusqlite::params![release.as_ref().map(|r| r.0.to_string()), release.as_ref().map(|r| r.1.to_string())],
        )
        .sql()?;
        load.texts_quotes()?;
        let Load { mut problems, ledger, facts, texts, .. } = load;
        texts.write(&conn).sql()?;
        index::write_lookup(&conn).sql()?;
        if !problems.is_empty() {
            problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
            return Err(Error::InvalidData { problems: Problems(problems) });
        }
        conn.execute_batch("COMMIT; PRAGMA foreign_keys = ON;").sql()?;
        check_clean(&conn)?;
        conn.execute_batch(&format!(
            "INSERT INTO search(search) VALUES ('optimize'); \
             INSERT INTO search_trigram(search_trigram) VALUES ('optimize'); \
             PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION}; \
             PRAGMA journal_mode = DELETE; VACUUM;"
        ))
        .sql()?;
        let image = conn.serialize(rusqlite::MAIN_DB).sql()?.to_vec();
        let report = Report { files: corpus.files.len(), facts: facts.len(), overrides };
        Ok((image, report, ledger))
    }
}

/// The release text of the bundled layer.
fn bundled_release(base: &Base) -> String {
    match base {
        Base::Checkout(data) => std::fs::read_to_string(data.with_file_name("release.toml")).unwrap_or_default(),
        _ => bundled::RELEASE.to_owned(),
    }
}

/// Reads `release.toml`: its version and the date the data is current through.
fn read_release(text: String) -> Option<(semver::Version, PartialDate)> {
    #[derive(serde::Deserialize)]
    struct Release {
        version: semver::Version,
        current_through: PartialDate,
    }
    toml::from_str::<Release>(&text).ok().map(|r| (r.version, r.current_through))
}

/// Fails unless `integrity_check` says ok and `foreign_key_check` finds nothing.
fn check_clean(conn: &Connection) -> Result<()> {
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).sql()?;
    if integrity != "ok" {
        return Err(Error::Corrupt { detail: integrity });
    }
    let dangling: usize = conn.prepare("PRAGMA foreign_key_check").sql()?.query_map([], |_| Ok(())).sql()?.count();
    if dangling > 0 {
        return Err(Error::Corrupt { detail: format!("{dangling} rows refer to rows that do not exist") });
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place, so
/// that `path` is either untouched or complete. Replaces `path` only if `replace`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    use std::io::Write;
    let io = |source| Error::WriteFile { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    if replace {
        file.persist(path).map_err(|e| io(e.error))?;
    } else {
        file.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::AlreadyExists { path: path.to_owned() }
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}
