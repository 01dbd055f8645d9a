//! CSV and JSON exports, the database as a file, and citations.
//!
//! - [`Dataset::export_table`] writes one of the schema's tables ([`table_names`]) as
//!   CSV or JSON, with the table's own column names (documented in
//!   `schema/schema.sql` and, column by column, in `schema/metadata.json`).
//! - [`to_csv`] and [`to_json`] write any typed result — agreements, actors,
//!   evidence, timelines, search hits — or anything else that implements
//!   [`serde::Serialize`].
//! - [`Dataset::write_bundled`] writes the database itself as an SQLite file, with a
//!   [Datasette](https://datasette.io) `metadata.json` beside it, for the `sqlite3`
//!   shell, Python, Datasette or any other SQLite client.
//! - [`bibtex`] cites a [`Source`](crate::Source).
//! - With the `parquet` feature, [`Dataset::write_parquet`] writes every table and
//!   the dyad-year panel as Apache Parquet files for DuckDB, Polars, Spark or pandas;
//!   `Dataset::export_table_parquet` and `dyad_years_to_parquet` write one.
//!
//! # Formats
//!
//! JSON is an array of objects, one object per row and one row per line. CSV has a
//! header row of column names; an empty cell is SQL `NULL` (or `None`).
//!
//! # Column names of typed results
//!
//! [`to_csv`] flattens each row through its JSON form: a nested object's fields become
//! dotted column names (`codes.iso_alpha2`, `source.publisher`), an array becomes its
//! elements joined with `;` (an element that is itself an object is written as compact
//! JSON), an enum becomes its serde text (`treaty`, `in_force`), and a date its ISO
//! text at its precision (`2023-12`). Columns come in the order they are first seen,
//! which for structs is their field order. [`to_json`] keeps the nesting. The columns
//! of the main types:
//!
//! | type | CSV columns |
//! |---|---|
//! | [`Agreement`](crate::Agreement) | `id, fact, kind, legal_nature, title, short_title, summary, parent, supersedes, aliases` |
//! | [`Actor`](crate::Actor) | `id, fact, kind, name, short_name, parent, description, codes.iso_alpha2, codes.iso_alpha3, codes.iso_numeric, codes.cow, codes.wikidata, aliases` |
//! | [`Evidence`](crate::Evidence) | `fact, source.id, source.kind, source.publisher, source.title, source.published, source.url, source.language, source.note, quote, confidence` |
//! | [`Source`](crate::Source) | `id, kind, publisher, title, published, url, language, note` |
//! | [`Party`](crate::Party) | `fact, agreement, actor, role, on_behalf_of` |
//! | [`Milestone`](crate::Milestone) | `fact, agreement, kind, status, date, actor, place, note` |
//! | [`Provision`](crate::Provision) | `fact, agreement, article, obligation, status, summary` |
//! | [`Coverage`](crate::Coverage) | `fact, agreement, area, status` |
//! | [`LineItem`](crate::LineItem) | `fact, agreement, system.id, system.name, system.category, system.maker, quantity, quantity_is_maximum, value, currency, delivery_start, delivery_end, note` |
//! | [`Membership`](crate::Membership) | `fact, member, organisation, since, until` |
//! | [`Post`](crate::Post) | `fact, person, title, organisation, since, until` |
//! | [`Event`](crate::Event) | `id, fact, kind, title, date, place, agreement, summary` |
//! | [`Area`](crate::Area) | `id, parent, name, definition` |
//! | [`Collection`](crate::Collection) | `id, fact, title, definition, status, missing, complete_through, agreements, events` (ids joined with `;`) |
//! | [`CollectionEntry`](crate::CollectionEntry) | `fact, collection, label, agreement` |
//! | [`Alternative`](crate::Alternative) | `fact, subject, field, value, preferred, reason` |
//! | [`Partner`](crate::Partner) | the [`Actor`](crate::Actor) columns prefixed `actor.`, then `agreements` (ids joined with `;`) |
//! | [`TimelineEntry`](crate::TimelineEntry) | `date, fact, what.milestone` or `what.event`, `title, agreement, event, place` |
//! | [`SearchHit`](crate::SearchHit) | `kind, id, snippet, matched_in` |
//! | [`Resolution`](crate::Resolution) | `text, matches, ambiguous, suggestions` |
//!
//! An actor's or agreement's `aliases` cell holds one compact JSON object per alias,
//! e.g. `{"name":"EU","kind":"abbreviation"}` or
//! `{"name":"欧州連合","kind":"official","language":"ja","fact":1312}`, joined with `;`. A timeline has a
//! `what.milestone` column (the milestone's kind and status, e.g. `signed;happened`)
//! if it holds a milestone, and a `what.event` column (the event's kind, e.g. `summit`)
//! if it holds an event; each row fills one of them.

mod bibtex;
mod file;
mod flatten;
#[cfg(feature = "parquet")]
mod parquet;

use std::io::{self, BufWriter, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::raw::{Rows, Value};
use crate::{Dataset, Entity, Error, Result};

#[cfg(feature = "parquet")]
pub use self::parquet::dyad_years_to_parquet;
pub use bibtex::bibtex;
pub use flatten::{to_csv, to_json};

/// The schema's data tables, in the order `schema/schema.sql` creates them. The
/// full-text indexes, the name lookup (`search*`) and the lifecycle stages
/// (`stage_reached`) are left out: they are derived from these.
const TABLES: [&str; 23] = [
    "release",
    "source",
    "fact",
    "evidence",
    "actor",
    "alias",
    "membership",
    "post",
    "area",
    "agreement",
    "party",
    "milestone",
    "provision",
    "coverage",
    "system",
    "line_item",
    "event",
    "participant",
    "alternative",
    "collection",
    "collection_member",
    "collection_entry",
    "name",
];

/// The tables [`Dataset::export_table`] exports: every data table of the schema.
///
/// ```
/// assert!(pactum::export::table_names().contains(&"agreement"));
/// ```
pub fn table_names() -> &'static [&'static str] {
    &TABLES
}

/// The primary key of each table, which exports are sorted by so that they are
/// byte-for-byte stable.
fn primary_key(table: &str) -> &'static str {
    match table {
        "evidence" => "fact, source, quote",
        "alias" => "actor, name",
        "release" => "version",
        _ => "id",
    }
}

/// A file format for exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Comma-separated values (RFC 4180), with a header row of column names.
    Csv,
    /// A JSON array of objects keyed by column name, one object per line.
    Json,
}

impl Dataset {
    /// Writes one table, every row and every column, sorted by its primary key, as
    /// CSV or JSON. The table names are [`table_names`]; the columns are the table's
    /// own, described in `schema/schema.sql` and `schema/metadata.json`.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] with [`Entity::Table`] if `table` is not one of
    /// [`table_names`]; [`Error::WriteOutput`] if `out` fails.
    ///
    /// ```
    /// use pactum::export::Format;
    /// let data = pactum::Dataset::open()?;
    /// let mut csv = Vec::new();
    /// data.export_table("agreement", Format::Csv, &mut csv)?;
    /// let csv = String::from_utf8(csv).unwrap();
    /// assert!(csv.starts_with("id,fact,kind,legal_nature,title,short_title,summary,parent,supersedes\n"));
    /// assert!(data.export_table("agreements", Format::Json, std::io::sink()).is_err());
    /// # Ok::<(), pactum::Error>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "export")))]
    pub fn export_table(&self, table: &str, format: Format, out: impl Write) -> Result<()> {
        let (_, rows) = self.table_rows(table)?;
        match format {
            Format::Csv => write_rows_csv(&rows, out),
            Format::Json => {
                write_json_array(rows.rows.iter().map(|values| Record { columns: &rows.columns, values }), out)
            }
        }
    }
}

impl Dataset {
    /// A table's name from the fixed list, and its rows sorted by primary key.
    fn table_rows(&self, table: &str) -> Result<(&'static str, Rows)> {
        let Some(&name) = TABLES.iter().find(|&&known| known == table) else {
            return Err(Error::NotFound { entity: Entity::Table, id: table.to_owned() });
        };
        // `name` comes from the fixed list above, never from the caller's text.
        let rows = self.query_own(&format!("SELECT * FROM {name} ORDER BY {}", primary_key(name)))?;
        Ok((name, rows))
    }
}

/// One row of a raw query as a JSON object keyed by column name, in column order.
struct Record<'a> {
    columns: &'a [String],
    values: &'a [Value],
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, value) in self.columns.iter().zip(self.values) {
            map.serialize_entry(column, value)?;
        }
        map.end()
    }
}

fn write_rows_csv(rows: &Rows, out: impl Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&rows.columns).map_err(csv_error)?;
    for row in &rows.rows {
        writer.write_record(row.iter().map(value_text)).map_err(csv_error)?;
    }
    writer.flush().map_err(output_error)
}

/// A raw value as a CSV cell: `NULL` is empty, a blob is lower-case hex.
fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => float_text(*x),
        Value::Text(text) => text.clone(),
        Value::Blob(bytes) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// A number as people write it: `3370000000`, `2.5`, never `3.37e9`.
pub(super) fn float_text(x: f64) -> String {
    x.to_string()
}

/// Writes a JSON array with one element per line: valid JSON that diffs line by line.
pub(super) fn write_json_array<T: Serialize>(items: impl IntoIterator<Item = T>, out: impl Write) -> Result<()> {
    let mut out = BufWriter::new(out);
    let mut separator: &[u8] = b"\n";
    out.write_all(b"[").map_err(output_error)?;
    for item in items {
        out.write_all(separator).map_err(output_error)?;
        serde_json::to_writer(&mut out, &item).map_err(json_error)?;
        separator = b",\n";
    }
    let end: &[u8] = if separator == b"\n" { b"]\n" } else { b"\n]\n" };
    out.write_all(end).and_then(|()| out.flush()).map_err(output_error)
}

/// The error for a failed write to a caller's writer, which has no path of its own.
pub(super) fn output_error(source: io::Error) -> Error {
    Error::WriteOutput { source }
}

/// The CSV writer's errors are the writer's own, or records of unequal length,
/// which the fixed columns of every export rule out.
pub(super) fn csv_error(error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(source) => output_error(source),
        other => Error::Unserializable { message: format!("{other:?}") },
    }
}

/// serde_json's errors are I/O errors of the writer, or a `Serialize` impl that
/// cannot be written as JSON (a map with non-text keys).
pub(super) fn json_error(error: serde_json::Error) -> Error {
    if error.is_io() {
        output_error(io::Error::from(error))
    } else {
        Error::Unserializable { message: error.to_string() }
    }
}
