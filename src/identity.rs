//! Schema identity: a file is read only if its schema is exactly the one this
//! build was written against, object for object and definition for definition.
//!
//! The header says which application and schema version a file claims to be;
//! anyone can write those eight bytes. What pactum's queries rely on is the
//! schema itself: a table replaced by a view, a column of another type, a trigger
//! or an index of someone else's would each make them read something else.

use std::collections::HashMap;
use std::sync::OnceLock;

use rusqlite::Connection;

use crate::error::{Error, Origin, Result, from_sqlite};

/// Reads every schema object. The first statement on a connection also makes
/// SQLite parse the whole schema, where damage to the first pages shows.
const OBJECTS: &str = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid";

/// One row of `sqlite_schema`, less its root page, which differs between files
/// built the same way in a different order.
#[derive(Debug, PartialEq)]
struct Object {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
}

/// The schema every pactum database is built from.
pub(crate) const SCHEMA: &str = include_str!("../schema/schema.sql");

/// The schema as `schema.sql` makes it, read once: objects in order, and where each is by
/// name (which tables, indexes and views share, and pactum's triggers do not reuse).
struct Expected {
    objects: Vec<Object>,
    index: HashMap<String, usize>,
}

fn expected() -> &'static Expected {
    static EXPECTED: OnceLock<Expected> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let objects = read_schema().expect("schema.sql builds a database");
        let index = objects.iter().enumerate().map(|(i, o)| (o.name.clone(), i)).collect();
        Expected { objects, index }
    })
}

fn read_schema() -> rusqlite::Result<Vec<Object>> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA)?;
    let mut stmt = conn.prepare(OBJECTS)?;
    let objects =
        stmt.query_map([], |r| Ok(Object { kind: r.get(0)?, name: r.get(1)?, table: r.get(2)?, sql: r.get(3)? }))?;
    objects.collect()
}

/// Checks that the database behind `conn` has exactly the schema of `schema.sql`.
pub(crate) fn check(conn: &Connection, origin: Origin) -> Result<()> {
    let expected = expected();
    let mismatch = |difference: String| Error::SchemaMismatch { origin: origin.clone(), difference };
    let mut seen = vec![false; expected.objects.len()];
    // SQLite refuses some schemas outright (too many objects, an index on a table
    // that is not there); damage and budgets keep their own errors.
    let unreadable = |e: rusqlite::Error| match from_sqlite(e) {
        Error::Sql(e) => mismatch(format!("SQLite cannot read it: {e}")),
        other => other,
    };
    let mut stmt = conn.prepare(OBJECTS).map_err(unreadable)?;
    let mut rows = stmt.query([]).map_err(unreadable)?;
    while let Some(row) = rows.next().map_err(unreadable)? {
        // A crafted schema row may hold anything, NULLs and blobs included.
        let text = |i| row.get_ref(i).ok().and_then(|v| v.as_str().ok());
        let (kind, name) = (text(0).unwrap_or("?"), text(1).unwrap_or("?"));
        let Some(&at) = expected.index.get(name) else {
            return Err(mismatch(format!("it has {} {kind} {name:?} that pactum's schema does not", article(kind))));
        };
        let object = &expected.objects[at];
        if kind != object.kind {
            let (found, wanted) = (article(kind), article(&object.kind));
            return Err(mismatch(format!("its {name:?} is {found} {kind} where pactum's is {wanted} {}", object.kind)));
        }
        if std::mem::replace(&mut seen[at], true) {
            return Err(mismatch(format!("its {kind} {name:?} is defined twice")));
        }
        if text(2) != Some(object.table.as_str()) {
            return Err(mismatch(format!("its {kind} {name:?} belongs to another table")));
        }
        if text(3) != object.sql.as_deref() {
            let found = text(3).unwrap_or("");
            let wanted = object.sql.as_deref().unwrap_or("");
            return Err(mismatch(format!(
                "its {kind} {name:?} is defined differently: {}",
                first_difference(found, wanted)
            )));
        }
    }
    match seen.iter().position(|&s| !s) {
        Some(missing) => {
            let object = &expected.objects[missing];
            Err(mismatch(format!("its {} {:?} is missing", object.kind, object.name)))
        }
        None => Ok(()),
    }
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

/// Where two definitions part, quoted briefly from both.
fn first_difference(found: &str, wanted: &str) -> String {
    const CONTEXT: usize = 30;
    let at = found.bytes().zip(wanted.bytes()).take_while(|(a, b)| a == b).count();
    let excerpt = |text: &str| {
        let start = floor_char_boundary(text, at.saturating_sub(CONTEXT / 2));
        let end = floor_char_boundary(text, start + CONTEXT);
        text[start..end].to_owned()
    };
    format!("at byte {at} it reads {:?} where pactum's reads {:?}", excerpt(found), excerpt(wanted))
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "bundled")]
    #[test]
    fn the_bundled_image_has_the_expected_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.deserialize_bytes(rusqlite::MAIN_DB, crate::dataset::IMAGE).unwrap();
        check(&conn, Origin::Image).unwrap();
    }

    #[test]
    fn a_difference_is_quoted_from_both_sides() {
        let found = "CREATE TABLE post (id TEXT, title BLOB)";
        let wanted = "CREATE TABLE post (id TEXT, title TEXT)";
        let said = first_difference(found, wanted);
        assert!(said.starts_with("at byte 34 it reads"), "{said}");
        assert!(said.contains("title BLOB") && said.contains("title TEXT"), "{said}");
    }
}
