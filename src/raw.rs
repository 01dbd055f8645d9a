//! The raw SQL escape hatch: [`Dataset::query_raw`] and the values it takes and
//! returns.
//!
//! For questions the typed API does not cover. The tables and columns are
//! documented in `schema/schema.sql` and, column by column, in
//! `schema/metadata.json`; the connection stays read-only whatever the SQL says.

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{ToSql, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::Dataset;
use crate::budget::Tally;
use crate::error::{Error, Result, SqlResultExt, from_sqlite};

/// One SQLite value, for [`Dataset::query_raw`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Integer(n)
    }
}

/// Binds a [`Value`] without making rusqlite's `ToSql` part of pactum's API.
struct Bind<'a>(&'a Value);

impl ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self.0 {
            Value::Null => ValueRef::Null,
            Value::Integer(n) => ValueRef::Integer(*n),
            Value::Real(x) => ValueRef::Real(*x),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// The result of a raw query: column names and rows of values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rows {
    /// The column names, in order.
    pub columns: Vec<String>,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Dataset {
    /// Runs one read-only SQL statement with `?` parameters, for questions the typed
    /// API does not cover. The tables are documented in `schema/schema.sql`.
    ///
    /// # Errors
    ///
    /// - [`Error::ReadOnly`] for anything that would write, attach a file, change a
    ///   setting or load an extension.
    /// - [`Error::OverBudget`] for a statement that runs longer than the handle's
    ///   [`Budget`](crate::Budget) allows, returns more rows or bytes, makes a longer
    ///   value, or is longer itself; [`Error::Cancelled`] for one stopped through a
    ///   [`CancelHandle`](crate::CancelHandle).
    /// - [`Error::Sql`] for SQL that SQLite cannot prepare or run, such as a syntax
    ///   error, an unknown table, the wrong number of parameters, or a statement past
    ///   one of SQLite's limits on its shape (expression depth, compound terms, …).
    ///
    /// ```
    /// use pactum::raw::Value;
    /// let data = pactum::Dataset::open()?;
    /// let rows = data.query_raw("SELECT count(*) FROM agreement WHERE kind = ?1", &["treaty".into()])?;
    /// assert!(matches!(rows.rows[0][0], Value::Integer(n) if n >= 1));
    /// assert!(matches!(data.query_raw("DELETE FROM agreement", &[]), Err(pactum::Error::ReadOnly { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn query_raw(&self, sql: &str, params: &[Value]) -> Result<Rows> {
        self.meter.raw(sql, |tally| self.collect(sql, params, tally))
    }

    /// Runs one of pactum's own statements the way `query_raw` runs a caller's,
    /// on the typed queries' budget.
    pub(crate) fn query_own(&self, sql: &str) -> Result<Rows> {
        self.collect(sql, &[], Tally::unlimited())
    }

    fn collect(&self, sql: &str, params: &[Value], mut tally: Tally) -> Result<Rows> {
        let refused = || Error::ReadOnly { sql: sql.to_owned() };
        let mut stmt = self.conn.prepare(sql).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::AuthorizationForStatementDenied) => refused(),
            // A denied function (load_extension) comes back as a plain error.
            _ if e.to_string().starts_with("not authorized") => refused(),
            _ => from_sqlite(e),
        })?;
        if !stmt.readonly() {
            return Err(refused());
        }
        let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        let width = columns.len();
        let mut query = stmt.query(params_from_iter(params.iter().map(Bind))).sql()?;
        let mut rows = Vec::new();
        while let Some(row) = query.next().sql()? {
            let values = (0..width).map(|i| row.get_ref(i)).collect::<rusqlite::Result<Vec<_>>>().sql()?;
            // Counted before copying, so that a row over the budget is never copied.
            tally.row(values.iter().map(|v| size_of::<Value>() + v.as_bytes().map_or(0, <[u8]>::len)).sum())?;
            rows.push(values.into_iter().map(value).collect());
        }
        Ok(Rows { columns, rows })
    }
}

fn value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Integer(n),
        ValueRef::Real(x) => Value::Real(x),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}
