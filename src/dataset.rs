//! Opening the bundled data, or a user's own file of the same schema.

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::{Connection, OpenFlags};

use crate::budget::Meter;
use crate::error::{Error, Origin, Result, SqlResultExt};
use crate::query::Slot;
use crate::{hardening, identity};

/// The bundled database image, built from `schema/` (see its README).
#[cfg(feature = "bundled")]
pub(crate) static IMAGE: &[u8] = include_bytes!("pactum.sqlite3");

/// The `application_id` of every pactum database ("PCTM" in ASCII).
pub const APPLICATION_ID: i32 = 0x5043_544D;

/// The schema version this build reads, stored as the database's `user_version`.
pub const SCHEMA_VERSION: i32 = 1;

/// A read-only handle on a pactum dataset: the bundled one or a user's own file.
///
/// Opening the bundled data costs microseconds and no I/O: the image is compiled
/// into the crate and SQLite reads it in place, without copying. The first
/// question about a day ([`status`](Dataset::status), [`in_force`](Dataset::in_force),
/// [`partners`](Dataset::partners)) reads each agreement's lifecycle into memory
/// once, for every handle on the same image; a handle on a file reads its own.
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
    pub(crate) meter: Meter,
    pub(crate) index: Slot,
}

impl Dataset {
    /// Opens the bundled dataset.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`](crate::Error::Sql) only if SQLite cannot set up a connection, such as when
    /// memory runs out; the bundled image itself is checked by the crate's tests.
    #[cfg(feature = "bundled")]
    #[cfg_attr(docsrs, doc(cfg(feature = "bundled")))]
    pub fn open() -> Result<Dataset> {
        let mut conn = Connection::open_in_memory().sql()?;
        // Zero-copy and read-only: SQLite pages straight out of the static image.
        conn.deserialize_bytes(rusqlite::MAIN_DB, IMAGE).sql()?;
        Self::lock_down(conn, Slot::shared(IMAGE))
    }

    /// Opens a pactum database file, such as one written by [`Dataset::bundled_image`]
    /// or a larger one built with the same schema. The file is opened read-only and
    /// is never written.
    ///
    /// Refuses files that are not SQLite, SQLite files of other applications and
    /// pactum files of another schema version, each with its own [`Error`] variant.
    ///
    /// # Errors
    ///
    /// - [`Error::Open`](crate::Error::Open) if the file cannot be opened or read.
    /// - [`Error::InvalidPath`](crate::Error::InvalidPath) if the path names a directory or other non-file.
    /// - [`Error::NotADatabase`](crate::Error::NotADatabase), [`Error::ForeignDatabase`](crate::Error::ForeignDatabase),
    ///   [`Error::SchemaVersion`](crate::Error::SchemaVersion) or [`Error::WalMode`](crate::Error::WalMode) for a
    ///   file that is not SQLite, is another application's, has another schema version, or is in WAL mode.
    /// - [`Error::Corrupt`](crate::Error::Corrupt) if the file is truncated or its first pages are damaged.
    /// - [`Error::SchemaMismatch`](crate::Error::SchemaMismatch) if its schema is not exactly this build's:
    ///   a table, column, type, index or trigger differs, or something was added.
    pub fn open_file(path: impl AsRef<Path>) -> Result<Dataset> {
        let path = path.as_ref();
        let io = |source| Error::Open { path: path.to_owned(), source };
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            let reason = "it is not a regular file; give the path of a pactum database file";
            return Err(Error::InvalidPath { path: path.to_owned(), reason });
        }
        // Judge the file by its header before SQLite sees it, so that nothing is ever
        // attempted on (or written beside) a file that is not ours.
        let mut header = [0u8; HEADER_LEN];
        let read = std::fs::File::open(path).and_then(|mut f| read_up_to(&mut f, &mut header)).map_err(io)?;
        check_header(&header[..read], meta.len(), || Origin::File(path.to_owned()))?;
        // `immutable=1`: no locks, no journal, no recovery; SQLite only reads.
        let uri = format!("file:{}?immutable=1", uri_path(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(uri, flags).sql()?;
        Self::lock_down(conn, Slot::own())?.checked(Origin::File(path.to_owned()))
    }

    /// Opens a pactum database image held in memory for the life of the program,
    /// such as a larger dataset of the same schema compiled in with `include_bytes!`.
    /// Zero-copy and read-only, like [`Dataset::open`]; the image is checked as
    /// [`Dataset::open_file`] checks a file.
    ///
    /// ```
    /// let image: &'static [u8] = pactum::Dataset::bundled_image();
    /// let data = pactum::Dataset::open_image(image)?;
    /// assert_eq!(data.actor("eu")?.name, "European Union");
    /// assert!(matches!(pactum::Dataset::open_image(b"not sqlite"), Err(pactum::Error::NotADatabase { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotADatabase`](crate::Error::NotADatabase), [`Error::ForeignDatabase`](crate::Error::ForeignDatabase),
    /// [`Error::SchemaVersion`](crate::Error::SchemaVersion), [`Error::WalMode`](crate::Error::WalMode) or
    /// [`Error::Corrupt`](crate::Error::Corrupt) or [`Error::SchemaMismatch`](crate::Error::SchemaMismatch),
    /// as for [`Dataset::open_file`], with
    /// [`Origin::Image`](crate::Origin::Image) in place of a path.
    pub fn open_image(image: &'static [u8]) -> Result<Dataset> {
        check_header(image.get(..HEADER_LEN).unwrap_or(image), image.len() as u64, || Origin::Image)?;
        let mut conn = Connection::open_in_memory().sql()?;
        conn.deserialize_bytes(rusqlite::MAIN_DB, image).sql()?;
        Self::lock_down(conn, Slot::shared(image))?.checked(Origin::Image)
    }

    /// Checks the whole database: SQLite's `integrity_check` and `foreign_key_check`.
    /// Costs time in proportion to the data; the bundled image passes by construction.
    ///
    /// ```
    /// pactum::Dataset::open()?.verify()?;
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Corrupt`](crate::Error::Corrupt), saying which pages or how many rows are at fault.
    pub fn verify(&self) -> Result<()> {
        let problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")
            .sql()?
            .query_map([], |r| r.get(0))
            .sql()?
            .collect::<rusqlite::Result<_>>()
            .sql()?;
        if problems != ["ok"] {
            return Err(Error::Corrupt { detail: problems.join("; ") });
        }
        let dangling = self.conn.prepare("PRAGMA foreign_key_check").sql()?.query_map([], |_| Ok(())).sql()?.count();
        if dangling > 0 {
            return Err(Error::Corrupt { detail: format!("{dangling} rows refer to rows that do not exist") });
        }
        Ok(())
    }

    /// The bundled database image: a complete SQLite file. Write it to disk to
    /// use the data from the `sqlite3` shell, Python or any other SQLite client.
    #[cfg(feature = "bundled")]
    #[cfg_attr(docsrs, doc(cfg(feature = "bundled")))]
    pub fn bundled_image() -> &'static [u8] {
        IMAGE
    }

    /// The read-only guards, SQLite's defences and the budget every handle gets,
    /// whatever it was opened from, before anything reads the database; and where
    /// it finds its index, which nothing reads yet.
    fn lock_down(mut conn: Connection, index: Slot) -> Result<Dataset> {
        hardening::harden(&conn)?;
        let meter = Meter::install(&mut conn)?;
        conn.pragma_update(None, "query_only", true).sql()?;
        conn.authorizer(Some(read_only_authorizer)).sql()?;
        // With SQLite's STAT4 planner (which the bundled build has), a cached
        // statement is re-prepared every time its parameters are cleared, which
        // rusqlite's statement cache does on every reuse: ~8 µs a query. The query
        // planner stability guarantee keeps plans independent of bound values, so
        // cached statements stay prepared.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).sql()?;
        Ok(Dataset { conn, meter, index })
    }

    /// A handle on a file from elsewhere, once its schema has proved to be this build's.
    fn checked(self, origin: Origin) -> Result<Dataset> {
        identity::check(&self.conn, origin)?;
        Ok(self)
    }
}

/// Refuses anything but a complete pactum database of this schema version, from
/// its first bytes and its length alone.
fn check_header(first: &[u8], len: u64, origin: impl Fn() -> Origin) -> Result<()> {
    let header = Header::parse(first).ok_or_else(|| Error::NotADatabase { origin: origin() })?;
    if header.application_id != APPLICATION_ID {
        let found = header.application_id;
        return Err(Error::ForeignDatabase { origin: origin(), found, expected: APPLICATION_ID });
    }
    if header.user_version != SCHEMA_VERSION {
        let found = header.user_version;
        return Err(Error::SchemaVersion { origin: origin(), found, expected: SCHEMA_VERSION });
    }
    if header.wal {
        return Err(Error::WalMode { origin: origin() });
    }
    if let Some(expected) = header.expected_len()
        && len < expected
    {
        let detail = format!("{} is truncated: {len} of {expected} bytes", origin());
        return Err(Error::Corrupt { detail });
    }
    Ok(())
}

const HEADER_LEN: usize = 100;

/// What pactum needs from the 100-byte SQLite file header.
struct Header {
    page_size: u64,
    page_count: Option<u64>,
    wal: bool,
    user_version: i32,
    application_id: i32,
}

impl Header {
    /// `None` unless the bytes start a complete SQLite header.
    fn parse(bytes: &[u8]) -> Option<Header> {
        let bytes: &[u8; HEADER_LEN] = bytes.try_into().ok()?;
        if &bytes[..16] != b"SQLite format 3\0" {
            return None;
        }
        let u16_at = |i: usize| u16::from_be_bytes([bytes[i], bytes[i + 1]]);
        let u32_at = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let page_size = match u16_at(16) {
            1 => 65_536,
            n => u64::from(n),
        };
        // The page count is only trustworthy when the change counter matches the
        // "version-valid-for" number, as SQLite's file format says.
        let page_count = (u32_at(24) == u32_at(92)).then(|| u64::from(u32_at(28)));
        Some(Header {
            page_size,
            page_count,
            wal: bytes[18] == 2 || bytes[19] == 2,
            user_version: u32_at(60) as i32,
            application_id: u32_at(68) as i32,
        })
    }

    fn expected_len(&self) -> Option<u64> {
        self.page_count.map(|n| n * self.page_size)
    }
}

/// Fills as much of `buf` as the file has.
fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A path as the path part of an SQLite `file:` URI: the characters URIs
/// reserve are percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'%' | b'?' | b'#' | b' ' | 0..=0x1f | 0x7f..=0xff => out.push_str(&format!("%{byte:02X}")),
            _ => out.push(char::from(*byte)),
        }
    }
    out
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
