//! The one error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong when opening or querying a pactum dataset.
///
/// Each message says what was wrong and what to do about it. The enum is
/// `#[non_exhaustive]`: match the variants you handle and keep a wildcard arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An id or code names no row of the dataset.
    #[error("no {kind} {} in the dataset; list the valid ones with Dataset::{listing}()", quoted(.id))]
    NotFound {
        /// What was looked up: "actor", "agreement", "area", …
        kind: &'static str,
        /// The id or code as given.
        id: String,
        /// The `Dataset` method that lists the valid ids.
        listing: &'static str,
    },
    /// A date string is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or names no real day.
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
    /// A full-text query that FTS5 cannot parse.
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
    /// A file could not be read.
    #[error("cannot open {}: {source}", path.display())]
    Io {
        /// The path as given.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not an SQLite database at all.
    #[error("{} is not an SQLite database; give the path of a pactum database file", path.display())]
    NotADatabase {
        /// The path as given.
        path: PathBuf,
    },
    /// The file is an SQLite database of some other application.
    #[error(
        "{} is an SQLite database of another application (application_id {found:#010x}, \
         pactum's is {expected:#010x}); give the path of a pactum database file",
        path.display()
    )]
    ForeignDatabase {
        /// The path as given.
        path: PathBuf,
        /// The file's `application_id`.
        found: i32,
        /// pactum's `application_id`.
        expected: i32,
    },
    /// The file is a pactum database of another schema version.
    #[error(
        "{} has pactum schema version {found}, but this build reads version {expected}; \
         use the pactum release that matches the file",
        path.display()
    )]
    SchemaVersion {
        /// The path as given.
        path: PathBuf,
        /// The file's `user_version`.
        found: i32,
        /// The version this build reads.
        expected: i32,
    },
    /// The file is a pactum database in write-ahead-log mode, which pactum cannot
    /// read without writing beside it.
    #[error(
        "{} is in WAL journal mode, which cannot be read without writing beside it; convert it \
         with `sqlite3 FILE 'PRAGMA journal_mode=DELETE'` and open it again",
        path.display()
    )]
    WalMode {
        /// The path as given.
        path: PathBuf,
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
        "{} has pactum's header but not its schema ({difference}); it was altered or built \
         from another schema: rebuild it from the schema/schema.sql of this pactum release",
        path.display()
    )]
    SchemaMismatch {
        /// The path as given.
        path: PathBuf,
        /// The first difference found.
        difference: String,
    },
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
