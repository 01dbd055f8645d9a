//! A text fingerprint of a database's logical content: rows and a SHA-256 per
//! table, independent of how SQLite lays the bytes out. Committed beside the image,
//! it makes every data change a reviewable text diff.

use std::fmt;

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::SqlResultExt;
use crate::{Dataset, Error, Result};

/// Rows and content hash of every table of a database, with its data release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fingerprint {
    /// The data version the database carries, if any.
    pub version: Option<String>,
    /// The date the data is current through, if given.
    pub current_through: Option<String>,
    /// Each table: name, rows, and the SHA-256 of its rows in a canonical order.
    pub tables: Vec<TableFingerprint>,
}

/// One table's part of a [`Fingerprint`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableFingerprint {
    /// The table's name.
    pub name: String,
    /// How many rows it has.
    pub rows: usize,
    /// The SHA-256, in hex, of its rows, each written as typed text, sorted.
    pub sha256: String,
}

impl Fingerprint {
    /// The fingerprint of a dataset: the bundled one, a file, or a fresh build.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let print = pactum::build::Fingerprint::of(&data)?;
    /// assert!(print.tables.iter().any(|t| t.name == "agreement" && t.rows > 200));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] if a table cannot be read.
    pub fn of(data: &Dataset) -> Result<Fingerprint> {
        of_connection(&data.conn).sql()
    }

    /// Whether two fingerprints describe the same content, whatever their versions.
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.tables == other.tables
    }

    /// Reads a fingerprint from its text, as [`Display`](fmt::Display) writes it.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownValue`] naming the first line that is not a fingerprint line.
    pub fn parse(text: &str) -> Result<Fingerprint> {
        let mut print = Fingerprint { version: None, current_through: None, tables: Vec::new() };
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["version", v] => print.version = Some((*v).to_owned()),
                ["current_through", d] => print.current_through = Some((*d).to_owned()),
                ["table", name, rows, sha] if rows.parse::<usize>().is_ok() => print.tables.push(TableFingerprint {
                    name: (*name).to_owned(),
                    rows: rows.parse().unwrap_or_default(),
                    sha256: (*sha).to_owned(),
                }),
                _ => return Err(Error::UnknownValue { kind: "fingerprint line", value: line.to_owned() }),
            }
        }
        Ok(print)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# pactum data fingerprint: rows and SHA-256 of each table's logical content.")?;
        writeln!(f, "# Written when the image is blessed; a change here is a change of the data.")?;
        if let Some(v) = &self.version {
            writeln!(f, "version {v}")?;
        }
        if let Some(d) = &self.current_through {
            writeln!(f, "current_through {d}")?;
        }
        for t in &self.tables {
            writeln!(f, "table {} {} {}", t.name, t.rows, t.sha256)?;
        }
        Ok(())
    }
}

/// The fingerprint of the database behind a connection.
pub(crate) fn of_connection(conn: &Connection) -> rusqlite::Result<Fingerprint> {
    // Real tables and the full-text tables, not the full-text indexes' own storage.
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema s WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
             AND NOT EXISTS (SELECT 1 FROM sqlite_schema v, (VALUES ('data'), ('idx'), ('content'), ('docsize'), ('config')) x \
                             WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL%' AND s.name = v.name || '_' || x.column1) \
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut print = Fingerprint { version: None, current_through: None, tables: Vec::new() };
    for name in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\""))?;
        let columns = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..columns {
                    if i > 0 {
                        line.push('\u{1f}');
                    }
                    match r.get_ref(i)? {
                        ValueRef::Null => line.push('∅'),
                        ValueRef::Integer(n) => line.push_str(&format!("i{n}")),
                        ValueRef::Real(x) => line.push_str(&format!("r{x:?}")),
                        ValueRef::Text(t) => {
                            line.push('t');
                            line.push_str(&String::from_utf8_lossy(t));
                        }
                        ValueRef::Blob(b) => line.push_str(&format!("b{b:02x?}")),
                    }
                }
                Ok(line)
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.sort_unstable();
        let mut hash = Sha256::new();
        for row in &rows {
            hash.update(row.as_bytes());
            hash.update(b"\n");
        }
        let sha256 = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        if name == "release" {
            let mut stmt = conn.prepare("SELECT version, current_through FROM release")?;
            if let Some((v, d)) = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.next().transpose()? {
                print.version = v;
                print.current_through = d;
            }
            continue;
        }
        print.tables.push(TableFingerprint { name, rows: rows.len(), sha256 });
    }
    Ok(print)
}
