//! Opening the bundled data, or a user's own file of the same schema.

use std::path::Path;

use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::{Connection, OpenFlags, limits::Limit};

use crate::error::{Error, Result, SqlResultExt, from_sqlite};

/// The bundled database image, built from `schema/` (see its README).
pub(crate) static IMAGE: &[u8] = include_bytes!("pactum.sqlite3");

/// The `application_id` of every pactum database ("PCTM" in ASCII).
pub const APPLICATION_ID: i32 = 0x5043_544D;

/// The schema version this build reads, stored as the database's `user_version`.
pub const SCHEMA_VERSION: i32 = 1;

/// A read-only handle on a pactum dataset: the bundled one or a user's own file.
///
/// Opening the bundled data costs microseconds and no I/O: the image is compiled
/// into the crate and SQLite reads it in place, without copying.
///
/// # Threads
///
/// A `Dataset` is [`Send`] but not [`Sync`]: move it to another thread freely, and
/// give each thread that queries at the same time its own handle
/// ([`Dataset::open`] is cheap enough to call per thread).
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let japan = data.actor("jp")?;
/// assert_eq!(japan.label(), "Japan");
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug)]
pub struct Dataset {
    pub(crate) conn: Connection,
}

impl Dataset {
    /// Opens the bundled dataset.
    pub fn open() -> Result<Dataset> {
        let mut conn = Connection::open_in_memory().sql()?;
        // Zero-copy and read-only: SQLite pages straight out of the static image.
        conn.deserialize_bytes(rusqlite::MAIN_DB, IMAGE).sql()?;
        Self::lock_down(conn)
    }

    /// Opens a pactum database file, such as one written by [`Dataset::bundled_image`]
    /// or a larger one built with the same schema. The file is opened read-only and
    /// is never written.
    ///
    /// Refuses files that are not SQLite, SQLite files of other applications and
    /// pactum files of another schema version, each with its own [`Error`] variant.
    pub fn open_file(path: impl AsRef<Path>) -> Result<Dataset> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        if !meta.is_file() {
            let source = std::io::Error::other("it is a directory, not a database file");
            return Err(Error::Io { path: path.to_owned(), source });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).sql()?;
        let header = |pragma: &str| -> Result<i32> {
            conn.pragma_query_value(None, pragma, |r| r.get(0)).map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase { path: path.to_owned() },
                _ => from_sqlite(e),
            })
        };
        let found = header("application_id")?;
        if found != APPLICATION_ID {
            return Err(Error::ForeignDatabase { path: path.to_owned(), found, expected: APPLICATION_ID });
        }
        let version = header("user_version")?;
        if version != SCHEMA_VERSION {
            return Err(Error::SchemaVersion { path: path.to_owned(), found: version, expected: SCHEMA_VERSION });
        }
        Self::lock_down(conn)
    }

    /// The bundled database image: a complete SQLite file. Write it to disk to
    /// use the data from the `sqlite3` shell, Python or any other SQLite client.
    pub fn bundled_image() -> &'static [u8] {
        IMAGE
    }

    /// The read-only guards every handle gets, whatever it was opened from.
    fn lock_down(mut conn: Connection) -> Result<Dataset> {
        conn.pragma_update(None, "query_only", true).sql()?;
        // No ATTACH: it would let raw SQL reach (and create) other files.
        conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0).sql()?;
        conn.authorizer(Some(read_only_authorizer)).sql()?;
        Ok(Dataset { conn })
    }
}

/// Pragmas that only read, even when given an argument.
const READING_PRAGMAS: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
    "function_list",
    "pragma_list",
    "compile_options",
    "collation_list",
    "module_list",
    "database_list",
];

/// Allows reading and nothing else, whatever SQL reaches the connection: the
/// second lock behind `query_only` and the read-only image, and the one that
/// also stops settings from changing.
fn read_only_authorizer(context: AuthContext<'_>) -> Authorization {
    match context.action {
        AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => Authorization::Allow,
        AuthAction::Function { function_name } if !function_name.eq_ignore_ascii_case("load_extension") => {
            Authorization::Allow
        }
        AuthAction::Pragma { pragma_name, pragma_value } => {
            if pragma_value.is_none() || READING_PRAGMAS.iter().any(|p| p.eq_ignore_ascii_case(pragma_name)) {
                Authorization::Allow
            } else {
                Authorization::Deny
            }
        }
        _ => Authorization::Deny,
    }
}
