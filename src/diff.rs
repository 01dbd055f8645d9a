//! What changed between two datasets: rows added, removed and changed, field by
//! field, each row named by a key that survives releases.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::raw::Value;
use crate::{Dataset, Result};

/// How each table's rows are named across datasets: by their fact's key where
/// they state a fact, else by their own id or columns. Tables the build derives
/// (the search indexes, `stage_reached`) are left out: they change when these do.
const TABLES: &[(&str, &str)] = &[
    ("release", "'release'"),
    ("source", "t.id"),
    ("area", "t.id"),
    ("fact", "t.key"),
    ("actor", "f.key"),
    ("alias", "t.actor || '/' || t.name"),
    ("membership", "f.key"),
    ("post", "f.key"),
    ("system", "f.key"),
    ("agreement", "f.key"),
    ("party", "f.key"),
    ("milestone", "f.key"),
    ("provision", "f.key"),
    ("coverage", "f.key"),
    ("line_item", "f.key"),
    ("event", "f.key"),
    ("participant", "f.key"),
    ("alternative", "f.key"),
    ("collection", "t.id"),
    ("collection_member", "t.collection || '/' || coalesce(t.agreement, t.event)"),
    ("collection_entry", "f.key"),
    ("name", "f.key"),
    ("evidence", "f.key || ' ← ' || t.source || ': ' || t.quote"),
];

/// The columns a row's key already stands for, that only number it, or that a
/// trigger keeps from other tables (`actor.party_rows` counts the actor's parties).
const NOT_COMPARED: &[&str] = &["id", "fact", "party_rows"];

/// Every difference between two datasets, table by table.
///
/// ```
/// let before = pactum::Dataset::open()?;
/// let after = pactum::Dataset::open()?;
/// let diff = before.diff(&after)?;
/// assert!(diff.is_empty());
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Diff {
    /// The tables with a difference, in the order the schema builds them.
    pub tables: Vec<TableDiff>,
}

/// The differences in one table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TableDiff {
    /// The table.
    pub table: String,
    /// Keys of rows only the second dataset has.
    pub added: Vec<String>,
    /// Keys of rows only the first dataset has.
    pub removed: Vec<String>,
    /// Rows both have, with the fields whose values differ.
    pub changed: Vec<RowChange>,
}

/// One row present in both datasets whose fields differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RowChange {
    /// The row's key: its fact's key (`agreement/eu-japan-sdp`), id or columns.
    pub key: String,
    /// Each field that differs: its name, the value before and the value after.
    pub fields: Vec<(String, Value, Value)>,
}

/// The semver part a data release with a given [`Diff`] bumps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Corrections only: values changed, nothing added or removed.
    Patch,
    /// Additions: new rows, nothing removed.
    Minor,
    /// Removals: a row, and so an id or a fact id, is gone or means something else.
    Major,
}

impl Diff {
    /// Whether the datasets hold the same rows.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// The part of the data version a release with these differences bumps:
    /// major for removed rows (ids gone) and fact ids that changed their key, minor
    /// for additions, patch for changed values.
    pub fn bump(&self) -> Bump {
        let renumbered = |t: &TableDiff| t.table == "fact" && !t.changed.is_empty();
        if self.tables.iter().any(|t| !t.removed.is_empty() || renumbered(t)) {
            Bump::Major
        } else if self.tables.iter().any(|t| !t.added.is_empty()) {
            Bump::Minor
        } else if self.tables.iter().any(|t| t.table != "release") {
            Bump::Patch
        } else {
            Bump::None
        }
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Value| match v {
            Value::Null => "NULL".to_owned(),
            Value::Integer(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Text(t) => format!("{t:?}"),
            Value::Blob(b) => format!("{} bytes", b.len()),
        };
        for t in &self.tables {
            writeln!(
                f,
                "{}: {} added, {} removed, {} changed",
                t.table,
                t.added.len(),
                t.removed.len(),
                t.changed.len()
            )?;
            for key in &t.added {
                writeln!(f, "  + {key}")?;
            }
            for key in &t.removed {
                writeln!(f, "  - {key}")?;
            }
            for row in &t.changed {
                writeln!(f, "  ~ {}", row.key)?;
                for (field, before, after) in &row.fields {
                    writeln!(f, "      {field}: {} → {}", show(before), show(after))?;
                }
            }
        }
        Ok(())
    }
}

impl Dataset {
    /// Every row added, removed or changed from this dataset to `other`, with
    /// changes field by field. Rows are matched by keys that survive releases (a
    /// fact's key, an id), so a value corrected shows as a change and a renumbered
    /// fact as a change of the `fact` table.
    ///
    /// # Errors
    ///
    /// [`Error::OverBudget`](crate::Error::OverBudget) or [`Error::Sql`](crate::Error::Sql)
    /// if a table cannot be read in full.
    pub fn diff(&self, other: &Dataset) -> Result<Diff> {
        let mut tables = Vec::new();
        for (table, key) in TABLES {
            let before = self.keyed_rows(table, key)?;
            let after = other.keyed_rows(table, key)?;
            let mut diff =
                TableDiff { table: (*table).to_owned(), added: Vec::new(), removed: Vec::new(), changed: Vec::new() };
            for (k, old) in &before {
                match after.get(k) {
                    None => diff.removed.push(k.clone()),
                    Some(new) => {
                        let fields: Vec<_> = old
                            .iter()
                            .zip(new)
                            .filter(|((_, a), (_, b))| a != b)
                            .map(|((name, a), (_, b))| (name.clone(), a.clone(), b.clone()))
                            .collect();
                        if !fields.is_empty() {
                            diff.changed.push(RowChange { key: k.clone(), fields });
                        }
                    }
                }
            }
            diff.added = after.keys().filter(|k| !before.contains_key(*k)).cloned().collect();
            if !(diff.added.is_empty() && diff.removed.is_empty() && diff.changed.is_empty()) {
                tables.push(diff);
            }
        }
        Ok(Diff { tables })
    }

    /// A table's rows by key, each with its compared columns in schema order.
    fn keyed_rows(&self, table: &str, key: &str) -> Result<BTreeMap<String, Vec<(String, Value)>>> {
        let join = if key.starts_with("f.") { " JOIN fact f ON f.id = t.fact" } else { "" };
        let rows = self.query_own(&format!("SELECT {key} AS \"key\", t.* FROM {table} t{join}"))?;
        let mut keyed = BTreeMap::new();
        for row in rows.rows {
            let mut values = row.into_iter();
            let key = match values.next() {
                Some(Value::Text(k)) => k,
                Some(other) => format!("{other:?}"),
                None => continue,
            };
            let fields = rows
                .columns
                .iter()
                .skip(1)
                .cloned()
                .zip(values)
                .filter(|(name, _)| !(NOT_COMPARED.contains(&name.as_str()) && table != "fact"))
                .collect();
            keyed.insert(key, fields);
        }
        Ok(keyed)
    }
}
