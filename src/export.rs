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
//! - [`bibtex`] cites a [`Source`].
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
//! | [`Agreement`](crate::Agreement) | `id, fact, kind, legal_nature, title, short_title, summary, parent, supersedes` |
//! | [`Actor`](crate::Actor) | `id, fact, kind, name, short_name, parent, description, codes.iso_alpha2, codes.iso_alpha3, codes.iso_numeric, codes.cow, codes.wikidata, aliases` |
//! | [`Evidence`](crate::Evidence) | `fact, source.id, source.kind, source.publisher, source.title, source.published, source.url, source.language, source.note, quote, confidence` |
//! | [`Source`] | `id, kind, publisher, title, published, url, language, note` |
//! | [`Party`](crate::Party) | `fact, agreement, actor, role, on_behalf_of` |
//! | [`Milestone`](crate::Milestone) | `fact, agreement, kind, status, date, actor, place, note` |
//! | [`Provision`](crate::Provision) | `fact, agreement, article, obligation, status, summary` |
//! | [`Coverage`](crate::Coverage) | `fact, agreement, area, status` |
//! | [`LineItem`](crate::LineItem) | `fact, agreement, system.id, system.name, system.category, system.maker, quantity, quantity_is_maximum, value, currency, delivery_start, delivery_end, note` |
//! | [`Membership`](crate::Membership) | `fact, member, organisation, since, until` |
//! | [`Post`](crate::Post) | `fact, person, title, organisation, since, until` |
//! | [`Event`](crate::Event) | `id, fact, kind, title, date, place, agreement, summary` |
//! | [`Area`](crate::Area) | `id, parent, name, definition` |
//! | [`Alternative`](crate::Alternative) | `fact, subject, field, value, preferred, reason` |
//! | [`Partner`](crate::Partner) | the [`Actor`](crate::Actor) columns prefixed `actor.`, then `agreements` (ids joined with `;`) |
//! | [`TimelineEntry`](crate::TimelineEntry) | `date, fact, what.milestone` or `what.event`, `title, agreement, event, place` |
//! | [`SearchHit`](crate::SearchHit) | `kind, id, snippet` |
//!
//! An actor's `aliases` cell holds one compact JSON object per alias, e.g.
//! `{"name":"EU","kind":"abbreviation"}`, joined with `;`. A timeline has a
//! `what.milestone` column (the milestone's kind and status, e.g. `signed;happened`)
//! if it holds a milestone, and a `what.event` column (the event's kind, e.g. `summit`)
//! if it holds an event; each row fills one of them.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::Datelike;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::{Dataset, Error, Result, Rows, Source, Value};

/// The schema's data tables, in the order `schema/schema.sql` creates them. The
/// full-text index `search` is left out: it is derived from these.
const TABLES: [&str; 18] = [
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
    /// An unknown table name is [`Error::NotFound`]; a failed write is [`Error::Io`].
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
    pub fn export_table(&self, table: &str, format: Format, out: impl Write) -> Result<()> {
        let Some(&name) = TABLES.iter().find(|&&known| known == table) else {
            return Err(Error::NotFound { kind: "table", id: table.to_owned(), listing: "table_names" });
        };
        // `name` comes from the fixed list above, never from the caller's text.
        let rows = self.query_raw(&format!("SELECT * FROM {name} ORDER BY {}", primary_key(name)), &[])?;
        match format {
            Format::Csv => write_rows_csv(&rows, out),
            Format::Json => {
                write_json_array(rows.rows.iter().map(|values| Record { columns: &rows.columns, values }), out)
            }
        }
    }

    /// The tables [`Dataset::export_table`] exports; the same list as
    /// [`export::table_names`](table_names), here because error messages name
    /// `Dataset` methods.
    ///
    /// ```
    /// assert_eq!(pactum::Dataset::table_names(), pactum::export::table_names());
    /// ```
    pub fn table_names() -> &'static [&'static str] {
        table_names()
    }

    /// Writes the bundled database to `path` as an SQLite file, and Datasette
    /// metadata (title, description, licence, source, and a description of every
    /// table and column) to `metadata.json` in the same directory, keyed by the
    /// database name Datasette gives the file (its name without the extension).
    ///
    /// Never overwrites: if either file exists, nothing is written and the error is
    /// [`Error::Io`]. Serve the pair with
    /// `datasette serve -i pactum.sqlite3 --metadata metadata.json`.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pactum-doc-bundled-{}", std::process::id()));
    /// # let _ = std::fs::remove_dir_all(&dir);
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let file = dir.join("pactum.sqlite3");
    /// pactum::Dataset::write_bundled(&file)?;
    /// assert!(dir.join("metadata.json").is_file());
    /// assert_eq!(pactum::Dataset::open_file(&file)?.agreement("eu-japan-sdp")?.id, "eu-japan-sdp");
    /// assert!(matches!(pactum::Dataset::write_bundled(&file), Err(pactum::Error::Io { .. })));
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn write_bundled(path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        if path.file_name() == Some(OsStr::new(METADATA_FILE)) {
            let why =
                "metadata.json is the name of the metadata written beside the database; name the database otherwise";
            return Err(Error::Io { path: path.to_owned(), source: io::Error::new(io::ErrorKind::InvalidInput, why) });
        }
        let metadata_path = path.with_file_name(METADATA_FILE);
        // Refuse before writing anything, so that a refusal leaves no half of the pair.
        for target in [path, &metadata_path] {
            if target.symlink_metadata().is_ok() {
                let why = "the file exists, and pactum does not overwrite files";
                return Err(Error::Io {
                    path: target.to_owned(),
                    source: io::Error::new(io::ErrorKind::AlreadyExists, why),
                });
            }
        }
        let metadata = datasette_metadata(&path.file_stem().unwrap_or(OsStr::new("pactum")).to_string_lossy())?;
        write_new(path, Dataset::bundled_image())?;
        if let Err(error) = write_new(&metadata_path, metadata.as_bytes()) {
            // A database without its metadata would be a half-done job: undo it.
            let _ = std::fs::remove_file(path);
            return Err(error);
        }
        Ok(())
    }
}

const METADATA_FILE: &str = "metadata.json";

/// Datasette metadata for the bundled database, keyed by the database name `pactum`.
const METADATA: &str = include_str!("../schema/metadata.json");

/// The metadata with its database renamed to `database`, which is how Datasette
/// names a database served from a file of another name.
fn datasette_metadata(database: &str) -> Result<String> {
    let mut metadata: Node = serde_json::from_str(METADATA).map_err(json_error)?;
    if let Node::Map(top) = &mut metadata
        && let Some((_, Node::Map(databases))) = top.iter_mut().find(|(key, _)| key == "databases")
    {
        for (name, _) in databases.iter_mut().filter(|(name, _)| name == "pactum") {
            database.clone_into(name);
        }
    }
    let mut text = serde_json::to_string_pretty(&metadata).map_err(json_error)?;
    text.push('\n');
    Ok(text)
}

/// Creates `path`, failing if it exists, and writes `bytes` to it; removes it again
/// if the write fails part-way.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let io_error = |source| Error::Io { path: path.to_owned(), source };
    let mut file = File::create_new(path).map_err(io_error)?;
    if let Err(source) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(io_error(source));
    }
    Ok(())
}

/// Writes `rows` as CSV, with a header row of column names. See the [module
/// documentation](self) for how nested fields, arrays and enums become columns.
/// Writes nothing at all for no rows, since there are then no columns to name.
///
/// A failed write is [`Error::Io`].
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let evidence = data.evidence(data.agreement("eu-japan-sdp")?.fact)?;
/// let mut out = Vec::new();
/// pactum::export::to_csv(&evidence, &mut out)?;
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with("fact,source.id,source.kind,source.publisher,source.title,"));
/// # Ok::<(), pactum::Error>(())
/// ```
pub fn to_csv<T: Serialize>(rows: &[T], out: impl Write) -> Result<()> {
    let flat: Vec<Vec<(String, String)>> = rows.iter().map(flatten).collect::<Result<_>>()?;
    let mut columns: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (name, _) in flat.iter().flatten() {
        index.entry(name).or_insert_with(|| {
            columns.push(name);
            columns.len() - 1
        });
    }
    if columns.is_empty() {
        return Ok(());
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&columns).map_err(csv_error)?;
    let mut cells = vec![""; columns.len()];
    for row in &flat {
        cells.fill("");
        for (name, text) in row {
            cells[index[name.as_str()]] = text;
        }
        writer.write_record(&cells).map_err(csv_error)?;
    }
    writer.flush().map_err(output_error)
}

/// Writes `rows` as a JSON array, one row per line, each as its serde JSON form.
///
/// A failed write is [`Error::Io`].
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let agreements = data.in_force(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())?;
/// let mut out = Vec::new();
/// pactum::export::to_json(&agreements, &mut out)?;
/// let back: Vec<pactum::Agreement> = serde_json::from_slice(&out).unwrap();
/// assert_eq!(back, agreements);
/// # Ok::<(), pactum::Error>(())
/// ```
pub fn to_json<T: Serialize>(rows: &[T], out: impl Write) -> Result<()> {
    write_json_array(rows, out)
}

/// A BibTeX entry citing `source`, for BibLaTeX (`@online`, with `date`) and classic
/// BibTeX alike (which reads `@online` as `@misc`, and `year`).
///
/// The key is the source's id; the publisher is the author, braced so that it is
/// read as one organisation, not a person's names; the title is braced so that
/// styles keep its capitals. TeX's special characters in the text are escaped (`&`
/// becomes `\&`, a brace `\textbraceleft{}`, so that braces stay balanced), and
/// in the URL, braces, backslashes and spaces are percent-encoded. The entry is
/// UTF-8: use Biber, or a Unicode BibTeX, for sources with non-ASCII titles.
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let entry = pactum::export::bibtex(&data.source("nikkei-2024-06-23-eu-japan-korea")?);
/// assert!(entry.starts_with("@online{nikkei-2024-06-23-eu-japan-korea,\n"));
/// assert!(entry.contains("  author = {{Nikkei Asia}},\n"));
/// assert!(entry.contains("  date = {2024-06-23},\n  year = {2024},\n"));
/// # Ok::<(), pactum::Error>(())
/// ```
pub fn bibtex(source: &Source) -> String {
    let mut fields = vec![
        ("author", format!("{{{}}}", escape_tex(&source.publisher))),
        ("title", format!("{{{}}}", escape_tex(&source.title))),
    ];
    if let Some(date) = source.published {
        fields.push(("date", date.to_string()));
        fields.push(("year", date.first_day().year().to_string()));
    }
    if let Some(url) = &source.url {
        fields.push(("url", escape_url(url)));
    }
    if let Some(note) = &source.note {
        fields.push(("note", escape_tex(note)));
    }
    let body: Vec<String> = fields.iter().map(|(name, value)| format!("  {name} = {{{value}}}")).collect();
    format!("@online{{{},\n{}\n}}\n", cite_key(&source.id), body.join(",\n"))
}

/// Text as it must appear in a BibTeX field. BibTeX counts braces even after a
/// backslash, so braces become commands rather than `\{`, keeping fields balanced.
fn escape_tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A URL for a verbatim `url` field: it must not close the field early or break it,
/// so the few characters that could are percent-encoded, which leaves the address
/// unchanged.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' | '}' | '\\' => out.push_str(&format!("%{:02X}", u32::from(c))),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A citation key BibTeX accepts: source ids already are, but a key must never
/// contain a comma, brace, space or the like, whatever a larger dataset's ids hold.
fn cite_key(id: &str) -> String {
    let key: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || "-_:./+".contains(c) { c } else { '-' }).collect();
    if key.is_empty() { "source".to_owned() } else { key }
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
fn float_text(x: f64) -> String {
    x.to_string()
}

/// Writes a JSON array with one element per line: valid JSON that diffs line by line.
fn write_json_array<T: Serialize>(items: impl IntoIterator<Item = T>, out: impl Write) -> Result<()> {
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
fn output_error(source: io::Error) -> Error {
    Error::Io { path: PathBuf::from("<export output>"), source }
}

fn csv_error(error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(source) => output_error(source),
        other => output_error(io::Error::new(io::ErrorKind::InvalidData, format!("{other:?}"))),
    }
}

/// serde_json's errors are I/O errors of the writer, or a `Serialize` impl that
/// cannot be written as JSON (a map with non-text keys); `io::Error::from` keeps
/// the former as they are.
fn json_error(error: serde_json::Error) -> Error {
    output_error(io::Error::from(error))
}

/// A row's columns: its JSON form flattened to dotted names and cell texts.
fn flatten<T: Serialize>(row: &T) -> Result<Vec<(String, String)>> {
    // Through JSON text into `Node`, whose objects keep their fields in order:
    // `serde_json::Value` would sort them by name.
    let node: Node = serde_json::to_string(row).and_then(|text| serde_json::from_str(&text)).map_err(json_error)?;
    let mut columns = Vec::new();
    match node {
        Node::Map(fields) => {
            for (name, value) in fields {
                flatten_into(name, value, &mut columns);
            }
        }
        scalar => columns.push(("value".to_owned(), scalar.cell())),
    }
    Ok(columns)
}

fn flatten_into(name: String, node: Node, columns: &mut Vec<(String, String)>) {
    match node {
        Node::Map(fields) if !fields.is_empty() => {
            for (field, value) in fields {
                flatten_into(format!("{name}.{field}"), value, columns);
            }
        }
        other => columns.push((name, other.cell())),
    }
}

/// A JSON value whose objects keep their fields in order.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The node as one CSV cell.
    fn cell(&self) -> String {
        match self {
            Node::Null => String::new(),
            Node::Bool(b) => b.to_string(),
            Node::Int(n) => n.to_string(),
            Node::Uint(n) => n.to_string(),
            Node::Float(x) => float_text(*x),
            Node::Text(text) => text.clone(),
            Node::List(items) => items
                .iter()
                .map(|item| match item {
                    Node::List(_) | Node::Map(_) => serde_json::to_string(item).unwrap_or_default(),
                    scalar => scalar.cell(),
                })
                .collect::<Vec<_>>()
                .join(";"),
            Node::Map(_) => serde_json::to_string(self).unwrap_or_default(),
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(n) => serializer.serialize_i64(*n),
            Node::Uint(n) => serializer.serialize_u64(*n),
            Node::Float(x) => serializer.serialize_f64(*x),
            Node::Text(text) => serializer.serialize_str(text),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (name, value) in fields {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> std::result::Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> std::result::Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E>(self, b: bool) -> std::result::Result<Node, E> {
        Ok(Node::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> std::result::Result<Node, E> {
        Ok(Node::Int(n))
    }

    fn visit_u64<E>(self, n: u64) -> std::result::Result<Node, E> {
        Ok(Node::Uint(n))
    }

    fn visit_f64<E>(self, x: f64) -> std::result::Result<Node, E> {
        Ok(Node::Float(x))
    }

    fn visit_str<E>(self, text: &str) -> std::result::Result<Node, E> {
        Ok(Node::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> std::result::Result<Node, E> {
        Ok(Node::Text(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = map.next_entry()? {
            fields.push(field);
        }
        Ok(Node::Map(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_specials_are_escaped_and_braces_stay_balanced() {
        assert_eq!(
            escape_tex(r"R&D, 5% of GDP, #1, a_b, $9, \x"),
            r"R\&D, 5\% of GDP, \#1, a\_b, \$9, \textbackslash{}x"
        );
        assert_eq!(escape_tex("}{ ~^"), r"\textbraceright{}\textbraceleft{} \textasciitilde{}\textasciicircum{}");
        let escaped = escape_tex("{{{ unbalanced }");
        assert_eq!(escaped.matches('{').count(), escaped.matches('}').count());
        assert_eq!(escape_tex("Élysée — 防衛"), "Élysée — 防衛");
    }

    #[test]
    fn urls_lose_only_the_characters_that_would_break_the_field() {
        assert_eq!(escape_url("https://x.org/a%20b?q=1&r=_#top"), "https://x.org/a%20b?q=1&r=_#top");
        assert_eq!(escape_url("https://x.org/{a}\\b c"), "https://x.org/%7Ba%7D%5Cb%20c");
    }

    #[test]
    fn cite_keys_are_ids_with_anything_unsafe_replaced() {
        assert_eq!(cite_key("nikkei-2024-06-23-eu-japan-korea"), "nikkei-2024-06-23-eu-japan-korea");
        assert_eq!(cite_key("a b,c{d}"), "a-b-c-d-");
        assert_eq!(cite_key(""), "source");
    }

    #[test]
    fn nested_fields_become_dotted_columns_in_field_order() {
        #[derive(serde::Serialize)]
        struct Inner {
            z: u8,
            a: Option<&'static str>,
        }
        #[derive(serde::Serialize)]
        struct Row {
            zeta: &'static str,
            inner: Inner,
            list: Vec<&'static str>,
            alpha: f64,
        }
        let row = Row { zeta: "z", inner: Inner { z: 1, a: None }, list: vec!["x", "y"], alpha: 3.37e9 };
        let columns = flatten(&row).unwrap();
        let expected = [("zeta", "z"), ("inner.z", "1"), ("inner.a", ""), ("list", "x;y"), ("alpha", "3370000000")];
        let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(columns, expected);
    }

    #[test]
    fn the_metadata_is_renamed_after_the_file_and_keeps_its_order() {
        let metadata = datasette_metadata("mine").unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&metadata).unwrap();
        assert!(parsed["databases"]["mine"]["tables"]["agreement"]["description"].is_string());
        assert!(parsed["databases"].get("pactum").is_none());
        assert!(metadata.find("\"title\"").unwrap() < metadata.find("\"databases\"").unwrap());
    }
}
