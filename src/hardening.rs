//! SQLite's own defences against untrusted SQL and untrusted files, from its
//! "Defense Against the Dark Arts" checklist, set on every handle.
//!
//! Each limit sits well above what pactum's typed queries, tests and benchmarks
//! need, and far below SQLite's defaults, which are sized for trusted input.

use rusqlite::Connection;
use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;

use crate::error::{Result, SqlResultExt};

/// Limits on the shape of a statement and of the schema. The length of values
/// and of statements are part of each handle's [`Budget`](crate::Budget) instead.
/// The longest LIKE or GLOB pattern SQLite accepts on a pactum handle, in bytes
/// (why fifty: see [`LIMITS`]); pactum's own patterns are cut to fit.
pub(crate) const LIKE_PATTERN_LENGTH: usize = 50;

const LIMITS: &[(Limit, i32)] = &[
    // No ATTACH: it would let raw SQL reach (and create) other files.
    (Limit::SQLITE_LIMIT_ATTACHED, 0),
    // Expression trees are parsed and code-generated recursively; SQLite's 1,000
    // levels cost stack and time for nothing. pactum's own expressions nest a
    // few levels; an analyst's rarely nest 30 deep.
    (Limit::SQLITE_LIMIT_EXPR_DEPTH, 100),
    // A LIKE or GLOB pattern is matched by backtracking, so a long pattern of
    // wildcards against a long value costs the product of their lengths, within
    // one step of the virtual machine, where no time check can stop it. Fifty is
    // SQLite's advice and enough for any pattern a person types.
    (Limit::SQLITE_LIMIT_LIKE_PATTERN_LENGTH, LIKE_PATTERN_LENGTH as i32),
    // Each term of a compound SELECT is planned separately; SQLite allows 500.
    // pactum's queries use at most 2 terms (multi-row VALUES do not count).
    (Limit::SQLITE_LIMIT_COMPOUND_SELECT, 20),
    // Statements bind at most a handful of parameters (lists go in as one JSON
    // array); SQLite allows 32,766, whose bookkeeping a "?32766" alone allocates.
    (Limit::SQLITE_LIMIT_VARIABLE_NUMBER, 100),
    // SQLite holds every column of a result row at once, each up to the value
    // length: columns × value length bounds the memory of one row. pactum's
    // tables have a dozen columns or so; SQLite's advice is 100.
    (Limit::SQLITE_LIMIT_COLUMN, 100),
    // Arguments of one function call, for the same reason as columns: each can be
    // a value of the full length. pactum's queries pass at most 3 (`replace`).
    (Limit::SQLITE_LIMIT_FUNCTION_ARG, 32),
    // A hostile file can hold millions of schema objects, all parsed when the
    // file is first read; pactum's schema has under 100.
    (Limit::SQLITE_LIMIT_SCHEMA, 1_000),
];

/// Sets SQLite's defences on `conn`; run it before anything reads the database,
/// so that they guard the reading of a file's schema too.
pub(crate) fn harden(conn: &Connection) -> Result<()> {
    // No statement may deliberately corrupt the database (writable_schema,
    // sqlite_dbpage, direct b-tree edits), should any slip past the read-only locks.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true).sql()?;
    // Functions and virtual tables named in a file's schema (in a view, a
    // trigger, a CHECK or an index expression) run only if they are harmless.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false).sql()?;
    // pactum's triggers only fire on writes, which never happen: a trigger that
    // fires can only be someone else's. Views stay on for pactum's own (the
    // in-force intervals); the schema identity check refuses a file holding any
    // view that is not exactly one of pactum's, and raw SQL cannot create one.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false).sql()?;
    for &(limit, value) in LIMITS {
        conn.set_limit(limit, value).sql()?;
    }
    // Checks each b-tree cell's bounds as a page is read, so that a damaged or
    // crafted page is reported as corrupt before it is used, at ~2% of read time.
    conn.pragma_update(None, "cell_size_check", true).sql()?;
    Ok(())
}
