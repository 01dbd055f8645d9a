//! The one error type of the crate, and what its variants name.

use std::fmt;
use std::path::PathBuf;

use crate::NameMatch;

/// Everything that can go wrong when opening, querying or exporting a pactum dataset.
///
/// Each message says what was wrong and what to do about it. The enum is
/// `#[non_exhaustive]`: match the variants you handle and keep a wildcard arm.
///
/// Besides the errors a method's own `# Errors` section lists, any query on a
/// database file or image that is damaged or was built by other means can fail
/// with [`Error::Corrupt`], [`Error::UnknownValue`], [`Error::InvalidDate`] or
/// [`Error::Sql`]; the bundled data never does. Any query can go over its handle's
/// [`Budget`](crate::Budget) ([`Error::OverBudget`]) or be cancelled
/// ([`Error::Cancelled`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An id or code names no row of the dataset.
    #[error("no {entity} {} in the dataset; {}", quoted(.id), advice(*.entity))]
    NotFound {
        /// What was looked up.
        entity: Entity,
        /// The id or code as given.
        id: String,
    },
    /// A name that names several actors or agreements equally well, from the lookups
    /// that want exactly one ([`Dataset::actor_named`](crate::Dataset::actor_named) and its kin).
    #[error("{} could mean more than one {entity}: {}; give one of these ids", quoted(.text), listed(.candidates))]
    Ambiguous {
        /// What was looked up.
        entity: Entity,
        /// The name as given.
        text: String,
        /// Every row it names, best first (see [`Resolution::matches`](crate::Resolution::matches)).
        candidates: Vec<NameMatch>,
    },
    /// A name that names nothing, but comes close to some names, from the lookups that
    /// want exactly one ([`Dataset::actor_named`](crate::Dataset::actor_named) and its kin).
    #[error("no {entity} {} in the dataset; did you mean {}? {}", quoted(.text), listed(.suggestions), list_all(*.entity))]
    NearMiss {
        /// What was looked up.
        entity: Entity,
        /// The name as given.
        text: String,
        /// The nearest names, closest first (see [`Resolution::suggestions`](crate::Resolution::suggestions)).
        suggestions: Vec<NameMatch>,
    },
    /// A date string is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, names no real day, or
    /// lies outside [`PartialDate::YEARS`](crate::PartialDate::YEARS).
    #[error("{} is not a date ({reason}); write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-06-19", quoted(.input))]
    InvalidDate {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A code is not of any shape [`Dataset::actor_by_code`](crate::Dataset::actor_by_code) accepts.
    #[error(
        "{} is not an actor code; give an ISO 3166-1 alpha-2 (\"JP\"), alpha-3 (\"JPN\") \
         or numeric (\"392\") code, or a Wikidata id (\"Q17\")",
        quoted(.input)
    )]
    InvalidCode {
        /// The code as given.
        input: String,
    },
    /// A full-text query that FTS5 cannot parse, or that is too long.
    #[error(
        "the search {} is not valid full-text syntax ({message}); put words with \
         punctuation in double quotes, e.g. \"\\\"K9A1\\\"\"",
        quoted(.query)
    )]
    InvalidSearch {
        /// The query as given.
        query: String,
        /// SQLite's description of the problem.
        message: String,
    },
    /// A text value is not one of an enum's known values.
    #[error("{} is not a known {kind}; the known values are listed by {kind}::ALL", quoted(.value))]
    UnknownValue {
        /// The Rust type that was parsed.
        kind: &'static str,
        /// The text as given.
        value: String,
    },
    /// A raw SQL statement would change the database or the connection.
    #[error(
        "pactum opens its data read-only and refused {}; use SELECT (or WITH … SELECT) \
         statements only",
        quoted(.sql)
    )]
    ReadOnly {
        /// The statement as given.
        sql: String,
    },
    /// A file could not be opened or read.
    #[error("cannot open {}: {source}; check that the path names a readable file", path.display())]
    Open {
        /// The path as given.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A path that cannot serve: a directory where a file is wanted, or a name
    /// pactum keeps for a file of its own.
    #[error("{} cannot be used: {reason}", path.display())]
    InvalidPath {
        /// The path as given.
        path: PathBuf,
        /// Why, and what to give instead.
        reason: &'static str,
    },
    /// pactum was asked to write a file that exists; it never overwrites one.
    #[error("{} exists, and pactum does not overwrite files; remove it or choose another path", path.display())]
    AlreadyExists {
        /// The file that exists.
        path: PathBuf,
    },
    /// A file could not be created or written.
    #[error("cannot write {}: {source}; check that its directory exists, is writable and has room", path.display())]
    WriteFile {
        /// The file being written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The writer an export was given failed: a closed pipe, a full disk.
    #[error("cannot write the output: {source}; check where the writer leads (a closed pipe, a full disk)")]
    WriteOutput {
        /// What the writer said.
        #[source]
        source: std::io::Error,
    },
    /// A value handed to an export cannot be written in its format, such as a map
    /// whose keys are not text.
    #[error("cannot write the value: {message}; export rows whose serde form is a struct or map with text keys")]
    Unserializable {
        /// What the serializer said.
        message: String,
    },
    /// The file or image is not an SQLite database at all.
    #[error("{origin} is not an SQLite database; give a pactum database")]
    NotADatabase {
        /// What was opened.
        origin: Origin,
    },
    /// The file or image is an SQLite database of some other application.
    #[error(
        "{origin} is an SQLite database of another application (application_id {found:#010x}, \
         pactum's is {expected:#010x}); give a pactum database"
    )]
    ForeignDatabase {
        /// What was opened.
        origin: Origin,
        /// The database's `application_id`.
        found: i32,
        /// pactum's `application_id`.
        expected: i32,
    },
    /// The file or image is a pactum database of another schema version.
    #[error(
        "{origin} has pactum schema version {found}, but this build reads version {expected}; \
         use the pactum release that matches the database"
    )]
    SchemaVersion {
        /// What was opened.
        origin: Origin,
        /// The database's `user_version`.
        found: i32,
        /// The version this build reads.
        expected: i32,
    },
    /// The file or image is a pactum database in write-ahead-log mode, which pactum
    /// cannot read without writing beside it.
    #[error(
        "{origin} is in WAL journal mode, which cannot be read without writing beside it; convert it \
         with `sqlite3 FILE 'PRAGMA journal_mode=DELETE'` and open it again"
    )]
    WalMode {
        /// What was opened.
        origin: Origin,
    },
    /// The database is damaged: truncated, or its pages do not hold together.
    #[error("the database is damaged ({detail}); restore the file from its source")]
    Corrupt {
        /// What is wrong.
        detail: String,
    },
    /// SQLite reported an error that none of the variants above describes, such as a
    /// malformed raw SQL statement.
    #[error("SQLite: {0}")]
    Sql(#[source] SqlError),
    /// A query went over its handle's [`Budget`](crate::Budget).
    #[error(
        "the query went over its budget of {limit}; raise it with Dataset::set_budget if the \
         query is meant to cost that much, or ask for less"
    )]
    OverBudget {
        /// The part of the budget that was exceeded, and the amount it allowed.
        limit: crate::Limit,
    },
    /// The query was stopped through a [`CancelHandle`](crate::CancelHandle).
    #[error("the query was cancelled through its CancelHandle; run it again to get its answer")]
    Cancelled,
    /// The file claims pactum's application and schema version, but its schema is
    /// not the one this build reads: a table, column, index or trigger differs, or
    /// something was added.
    #[error(
        "{origin} has pactum's header but not its schema ({difference}); it was altered or \
         built from another schema: rebuild it from the schema/schema.sql of this pactum release"
    )]
    SchemaMismatch {
        /// The file or image.
        origin: Origin,
        /// The first difference found.
        difference: String,
    },
    /// Data directories given to the [builder](crate::build) break its rules; every
    /// problem found is listed, each with its file, line and column. Nothing was written.
    #[cfg(feature = "build")]
    #[cfg_attr(docsrs, doc(cfg(feature = "build")))]
    #[error("the data has {} problem{}; fix each where it points and build again:\n{problems}", problems.0.len(), if problems.0.len() == 1 { "" } else { "s" })]
    InvalidData {
        /// Every problem, in file and line order.
        problems: crate::build::Problems,
    },
    /// The bundled data's release is out of step with its content: what is out of
    /// date, and the command or edit that brings it up to date.
    #[error("{reason}")]
    Release {
        /// What is out of step, and what to do.
        reason: String,
    },
}

/// What a [`Error::NotFound`], [`Error::Ambiguous`] or [`Error::NearMiss`] looked up: each
/// kind of thing pactum finds by id, code or name.
///
/// ```
/// use pactum::{Entity, Error};
/// let data = pactum::Dataset::open()?;
/// match data.actor("atlantis") {
///     Err(Error::NotFound { entity: Entity::Actor, id }) => assert_eq!(id, "atlantis"),
///     other => panic!("{other:?}"),
/// }
/// assert_eq!(Entity::Actor.listing(), Some("Dataset::actors()"));
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Entity {
    /// An actor, by id, or by any of its names ([`Dataset::actor_named`](crate::Dataset::actor_named)).
    Actor,
    /// A declared collection of agreements, by id.
    Collection,
    /// An actor, by ISO 3166-1 or Wikidata code.
    ActorCode,
    /// An agreement, by id, or by any of its titles ([`Dataset::agreement_named`](crate::Dataset::agreement_named)).
    Agreement,
    /// A cooperation area, by slug.
    Area,
    /// An event, by id.
    Event,
    /// A source, by id.
    Source,
    /// A fact, by [`FactId`](crate::FactId).
    Fact,
    /// A table of the schema, by name, for `Dataset::export_table` (feature `export`).
    Table,
    /// An agreement or an actor, by anything that names it, for
    /// [`Dataset::named`](crate::Dataset::named).
    AgreementOrActor,
}

impl Entity {
    /// The call that lists the valid ids, as the error message names it; `None`
    /// for facts, whose ids come from the `fact` field of typed rows.
    pub fn listing(self) -> Option<&'static str> {
        Some(match self {
            Entity::Actor | Entity::ActorCode => "Dataset::actors()",
            Entity::Agreement => "Dataset::agreements(AgreementFilter::new())",
            Entity::Area => "Dataset::areas()",
            Entity::Collection => "Dataset::collections()",
            Entity::Event => "Dataset::events()",
            Entity::Source => "Dataset::sources()",
            Entity::Table => "pactum::export::table_names()",
            Entity::AgreementOrActor => "Dataset::agreements(AgreementFilter::new()) and Dataset::actors()",
            Entity::Fact => return None,
        })
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Entity::Actor => "actor",
            Entity::ActorCode => "actor code",
            Entity::Agreement => "agreement",
            Entity::Area => "area",
            Entity::Collection => "collection",
            Entity::Event => "event",
            Entity::Source => "source",
            Entity::Fact => "fact",
            Entity::Table => "table",
            Entity::AgreementOrActor => "agreement or actor",
        })
    }
}

/// What to do about a [`Error::NotFound`].
fn advice(entity: Entity) -> String {
    match entity.listing() {
        Some(listing) => format!("list the valid ones with {listing}"),
        None => "take fact ids from the `fact` field of the rows pactum returns".to_owned(),
    }
}

/// What to do about a [`Error::NearMiss`], when none of the suggestions is meant.
fn list_all(entity: Entity) -> String {
    match entity.listing() {
        Some(listing) => format!("List them all with {listing}"),
        None => "Take fact ids from the `fact` field of the rows pactum returns".to_owned(),
    }
}

/// Names as an [`Error::Ambiguous`] or [`Error::NearMiss`] offers them: the first
/// few, each as its id and label, so that a long list does not make a long message.
fn listed(names: &[NameMatch]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<String> = names.iter().take(SHOWN).map(|m| format!("{} ({})", m.id, m.label)).collect();
    shown.join(", ")
}

/// Where a database that could not be opened came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// A file, from [`Dataset::open_file`](crate::Dataset::open_file).
    File(PathBuf),
    /// An image in memory, from [`Dataset::open_image`](crate::Dataset::open_image).
    Image,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Image => f.write_str("the in-memory image"),
        }
    }
}

/// An error reported by SQLite, kept opaque so that pactum's API does not depend on
/// the SQLite binding it uses.
#[derive(Debug)]
pub struct SqlError(rusqlite::Error);

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SqlError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// User input as it appears in a message: quoted, and cut short when long, so that a
/// mebibyte of bad input does not make a mebibyte of error message.
fn quoted(input: &str) -> String {
    const MAX: usize = 60;
    match input.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}… ({} bytes)", &input[..cut], input.len()),
        None => format!("{input:?}"),
    }
}

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Turns rusqlite's errors into ours without a public `From` impl, which would make
/// rusqlite part of pactum's API.
pub(crate) trait SqlResultExt<T> {
    fn sql(self) -> Result<T>;
}

impl<T> SqlResultExt<T> for rusqlite::Result<T> {
    fn sql(self) -> Result<T> {
        self.map_err(from_sqlite)
    }
}

pub(crate) fn from_sqlite(error: rusqlite::Error) -> Error {
    match error {
        // Row mappers wrap pactum's own errors (an unknown enum text, a bad date)
        // to pass them through rusqlite; unwrap them here.
        rusqlite::Error::FromSqlConversionFailure(index, kind, inner) => match inner.downcast::<Error>() {
            Ok(ours) => *ours,
            Err(inner) if inner.is::<rusqlite::types::FromSqlError>() => {
                Error::Corrupt { detail: format!("a column holds a value its table does not allow ({inner})") }
            }
            Err(inner) => Error::Sql(SqlError(rusqlite::Error::FromSqlConversionFailure(index, kind, inner))),
        },
        // pactum's tables are STRICT, so a value of the wrong type was not written by
        // SQLite: the file was altered underneath its schema.
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::IntegralValueOutOfRange(..) => {
            Error::Corrupt { detail: format!("a column holds a value its table does not allow ({error})") }
        }
        other => match other.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Error::Corrupt { detail: other.to_string() }
            }
            Some(rusqlite::ErrorCode::OperationInterrupted) => crate::budget::interrupted(),
            Some(rusqlite::ErrorCode::TooBig) => crate::budget::too_big(),
            _ => Error::Sql(SqlError(other)),
        },
    }
}
