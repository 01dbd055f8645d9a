//! Tables and the dyad-year panel as Apache Parquet files.
//!
//! Written through the `parquet` crate's column writers, without Arrow: the exports
//! need three column types, and Arrow would multiply the compile time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::types::Type;

use super::file::write_new;
use super::{TABLES, output_error};
use crate::panel::{DyadYear, Dyads};
use crate::raw::Value;
use crate::{Dataset, Error, Result};

/// The name [`Dataset::write_parquet`] gives the dyad-year panel's file, beside
/// the tables' files.
const DYAD_YEARS: &str = "dyad_years";

/// Rows per row group: DuckDB's own default, so that readers can split a large
/// table across threads while a small one stays a single group.
const ROW_GROUP: usize = 122_880;

/// How a column is stored: SQLite's three column types, as Parquet readers know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// SQLite `INTEGER`, Parquet `INT64` (Arrow `Int64`, DuckDB `BIGINT`).
    Int64,
    /// SQLite `REAL`, Parquet `DOUBLE` (Arrow `Float64`).
    Double,
    /// SQLite `TEXT`, Parquet `BYTE_ARRAY` annotated `STRING` (Arrow `Utf8`, DuckDB `VARCHAR`).
    Text,
}

/// One column of a file: its name, how it is stored, and whether it may hold nulls.
struct Field {
    name: String,
    kind: Kind,
    nullable: bool,
}

impl Dataset {
    /// Writes every table ([`table_names`](super::table_names)) and the undirected
    /// dyad-year panel ([`Dataset::dyad_years`]) as Apache Parquet files into
    /// `dir`, creating it if need be: `<table>.parquet` for each table and
    /// `dyad_years.parquet`. Returns the paths written, in that order.
    ///
    /// Each file holds what [`Dataset::export_table_parquet`] or
    /// [`dyad_years_to_parquet`] writes. DuckDB, Polars, pandas (with pyarrow),
    /// Spark and R's arrow read them as they are.
    ///
    /// Never overwrites: if any of the files exists, nothing is written.
    ///
    /// # Errors
    ///
    /// - [`Error::AlreadyExists`] if any of the files exists; nothing is written then.
    /// - [`Error::InvalidPath`] if `dir` exists but is not a directory.
    /// - [`Error::WriteFile`] if `dir` cannot be created or a file cannot be written;
    ///   the files written before the failure are removed again.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pactum-doc-parquet-{}", std::process::id()));
    /// # let _ = std::fs::remove_dir_all(&dir);
    /// let data = pactum::Dataset::open()?;
    /// let files = data.write_parquet(&dir)?;
    /// assert_eq!(files.len(), pactum::export::table_names().len() + 1);
    /// assert!(files.contains(&dir.join("agreement.parquet")));
    /// assert_eq!(files.last(), Some(&dir.join("dyad_years.parquet")));
    /// // Run again, it refuses to overwrite them.
    /// assert!(matches!(data.write_parquet(&dir), Err(pactum::Error::AlreadyExists { .. })));
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), pactum::Error>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
    pub fn write_parquet(&self, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
        let dir = dir.as_ref();
        if dir.metadata().is_ok_and(|found| !found.is_dir()) {
            let reason = "it is not a directory; give the directory to write the Parquet files into";
            return Err(Error::InvalidPath { path: dir.to_owned(), reason });
        }
        let names = TABLES.iter().copied().chain([DYAD_YEARS]);
        let paths: Vec<PathBuf> = names.clone().map(|name| dir.join(format!("{name}.parquet"))).collect();
        // Refuse before writing anything, so that a refusal leaves no part of the set.
        if let Some(found) = paths.iter().find(|path| path.symlink_metadata().is_ok()) {
            return Err(Error::AlreadyExists { path: found.clone() });
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::WriteFile { path: dir.to_owned(), source })?;
        for (written, (name, path)) in names.zip(&paths).enumerate() {
            let mut bytes = Vec::new();
            let file = if name == DYAD_YEARS {
                dyad_years_to_parquet(&self.dyad_years(Dyads::Undirected)?, &mut bytes)
            } else {
                self.export_table_parquet(name, &mut bytes)
            }
            .and_then(|()| write_new(path, &bytes));
            if let Err(error) = file {
                // A partial set would pass for the whole dataset: undo it.
                for done in &paths[..written] {
                    let _ = std::fs::remove_file(done);
                }
                return Err(error);
            }
        }
        Ok(paths)
    }

    /// Writes one table, every row and every column, sorted by its primary key,
    /// as an Apache Parquet file: the rows and columns of
    /// [`Dataset::export_table`]'s CSV, with their SQLite types kept. An `INTEGER`
    /// column is Parquet `INT64` (Arrow `Int64`), `REAL` is `DOUBLE` (`Float64`),
    /// and `TEXT` is a `STRING` (`Utf8`); dates stay text at their precision
    /// (`2023-12`). SQL `NULL` is null, and a column declared `NOT NULL` (or a
    /// primary key) is a required column. Compressed with Snappy.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] with [`Entity::Table`](crate::Entity::Table) if `table`
    /// is not one of [`table_names`](super::table_names); [`Error::WriteOutput`] if
    /// `out` fails.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let mut file = Vec::new();
    /// data.export_table_parquet("agreement", &mut file)?;
    /// assert!(file.starts_with(b"PAR1") && file.ends_with(b"PAR1"));
    /// assert!(data.export_table_parquet("agreements", std::io::sink()).is_err());
    /// # Ok::<(), pactum::Error>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
    pub fn export_table_parquet(&self, table: &str, out: impl Write + Send) -> Result<()> {
        let (name, rows) = self.table_rows(table)?;
        let fields = self.fields(name, &rows.columns)?;
        write_rows(name, &fields, &rows.rows, out)
    }

    /// The columns of a table as Parquet fields, from its declared types.
    fn fields(&self, table: &'static str, columns: &[String]) -> Result<Vec<Field>> {
        // `table` comes from the fixed list of tables, never from the caller's text.
        // A primary key of a STRICT table never holds NULL, whether declared so or not.
        let declared = self.query_own(&format!(
            "SELECT name, type, \"notnull\" OR pk > 0 FROM pragma_table_xinfo('{table}') WHERE hidden <> 1"
        ))?;
        columns
            .iter()
            .map(|column| {
                let found = declared.rows.iter().find(|info| matches!(&info[0], Value::Text(name) if name == column));
                let (kind, required) = match found.map(Vec::as_slice) {
                    Some([_, Value::Text(declared), Value::Integer(required)]) => (kind(declared), *required),
                    _ => (None, 0),
                };
                let kind = kind.ok_or_else(|| Error::Corrupt {
                    detail: format!("column {table}.{column} is not of a type pactum's schema declares"),
                })?;
                Ok(Field { name: column.clone(), kind, nullable: required == 0 })
            })
            .collect()
    }
}

/// The Parquet type of a column SQLite declares `declared` in a STRICT table.
fn kind(declared: &str) -> Option<Kind> {
    match declared {
        "INTEGER" => Some(Kind::Int64),
        "REAL" => Some(Kind::Double),
        "TEXT" => Some(Kind::Text),
        _ => None,
    }
}

/// Writes a dyad-year panel as an Apache Parquet file, with the columns and
/// values of its CSV form ([`DyadYear`]'s flat record): `ccode1`, `ccode2` and
/// `year` as `INT64`; the ISO and Wikidata codes as `STRING`, null when unknown;
/// `agreements` and `areas` as one `;`-separated `STRING`; and the flags
/// (`defense`, `offense`, `neutral`, `nonagg`, `consul`) as `INT64` `1` or `0`, as
/// ATOP codes them, null when unknown. A script that reads the CSV reads this file
/// alike, and the codes join onto the `actor` table's `cow_code`, also `INT64`.
///
/// [`Dataset::write_parquet`] writes the undirected panel; this writes any, such as
/// the directed one.
///
/// # Errors
///
/// [`Error::WriteOutput`] if `out` fails.
///
/// ```
/// use pactum::panel::Dyads;
/// let data = pactum::Dataset::open()?;
/// let mut file = Vec::new();
/// pactum::export::dyad_years_to_parquet(&data.dyad_years(Dyads::Directed)?, &mut file)?;
/// assert!(file.starts_with(b"PAR1"));
/// # Ok::<(), pactum::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
pub fn dyad_years_to_parquet(rows: &[DyadYear], out: impl Write + Send) -> Result<()> {
    let fields = [
        ("ccode1", Kind::Int64, false),
        ("ccode2", Kind::Int64, false),
        ("year", Kind::Int64, false),
        ("iso3_1", Kind::Text, true),
        ("iso3_2", Kind::Text, true),
        ("wikidata1", Kind::Text, true),
        ("wikidata2", Kind::Text, true),
        ("agreements", Kind::Text, false),
        ("defense", Kind::Int64, true),
        ("offense", Kind::Int64, true),
        ("neutral", Kind::Int64, true),
        ("nonagg", Kind::Int64, true),
        ("consul", Kind::Int64, true),
        ("areas", Kind::Text, false),
    ]
    .map(|(name, kind, nullable)| Field { name: name.to_owned(), kind, nullable });
    let rows: Vec<Vec<Value>> = rows.iter().map(dyad_year_values).collect();
    write_rows(DYAD_YEARS, &fields, &rows, out)
}

/// A dyad-year's cells, in the order of its fields.
fn dyad_year_values(row: &DyadYear) -> Vec<Value> {
    // Named field by field, so that a new field of `DyadYear` fails to compile here.
    let DyadYear {
        ccode1,
        ccode2,
        year,
        iso3_1,
        iso3_2,
        wikidata1,
        wikidata2,
        agreements,
        defense,
        offense,
        neutral,
        nonagg,
        consul,
        areas,
    } = row;
    let text = |text: &Option<String>| text.as_deref().map_or(Value::Null, Value::from);
    let flag = |flag: &Option<bool>| flag.map_or(Value::Null, |set| Value::Integer(i64::from(set)));
    vec![
        Value::Integer(i64::from(*ccode1)),
        Value::Integer(i64::from(*ccode2)),
        Value::Integer(i64::from(*year)),
        text(iso3_1),
        text(iso3_2),
        text(wikidata1),
        text(wikidata2),
        Value::Text(agreements.join(";")),
        flag(defense),
        flag(offense),
        flag(neutral),
        flag(nonagg),
        flag(consul),
        Value::Text(areas.join(";")),
    ]
}

/// Writes `rows`, each with one value per field, as a Parquet file whose schema is
/// named `name`.
fn write_rows(name: &str, fields: &[Field], rows: &[Vec<Value>], out: impl Write + Send) -> Result<()> {
    let properties = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer =
        SerializedFileWriter::new(out, Arc::new(schema(name, fields)?), Arc::new(properties)).map_err(parquet_error)?;
    for group in rows.chunks(ROW_GROUP) {
        let mut row_group = writer.next_row_group().map_err(parquet_error)?;
        // The writer hands out one column per field of the schema, in order.
        for (index, field) in fields.iter().enumerate() {
            let Some(mut column) = row_group.next_column().map_err(parquet_error)? else { break };
            write_column(&mut column, field, group.iter().map(|row| &row[index]))?;
            column.close().map_err(parquet_error)?;
        }
        row_group.close().map_err(parquet_error)?;
    }
    writer.close().map_err(parquet_error)?;
    Ok(())
}

/// The file's schema: a flat message of one primitive column per field.
fn schema(name: &str, fields: &[Field]) -> Result<Type> {
    let columns = fields
        .iter()
        .map(|field| {
            let (physical, logical) = match field.kind {
                Kind::Int64 => (PhysicalType::INT64, None),
                Kind::Double => (PhysicalType::DOUBLE, None),
                Kind::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
            };
            let repetition = if field.nullable { Repetition::OPTIONAL } else { Repetition::REQUIRED };
            Type::primitive_type_builder(&field.name, physical)
                .with_repetition(repetition)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(parquet_error)?;
    Type::group_type_builder(name).with_fields(columns).build().map_err(parquet_error)
}

/// Writes one column of one row group.
fn write_column<'a>(
    column: &mut SerializedColumnWriter<'_>,
    field: &Field,
    cells: impl Iterator<Item = &'a Value>,
) -> Result<()> {
    let written = match field.kind {
        Kind::Int64 => {
            let (values, levels) = gather(field, cells, |cell| match cell {
                Value::Integer(n) => Some(*n),
                _ => None,
            })?;
            column.typed::<Int64Type>().write_batch(&values, levels.as_deref(), None)
        }
        Kind::Double => {
            let (values, levels) = gather(field, cells, |cell| match cell {
                Value::Real(x) => Some(*x),
                _ => None,
            })?;
            column.typed::<DoubleType>().write_batch(&values, levels.as_deref(), None)
        }
        Kind::Text => {
            let (values, levels) = gather(field, cells, |cell| match cell {
                Value::Text(text) => Some(ByteArray::from(text.as_str())),
                _ => None,
            })?;
            column.typed::<ByteArrayType>().write_batch(&values, levels.as_deref(), None)
        }
    };
    written.map(drop).map_err(parquet_error)
}

/// A column's non-null values, and for a nullable column its definition levels
/// (1 for a value, 0 for a null), as Parquet's column writers take them.
fn gather<'a, T>(
    field: &Field,
    cells: impl Iterator<Item = &'a Value>,
    value: impl Fn(&Value) -> Option<T>,
) -> Result<(Vec<T>, Option<Vec<i16>>)> {
    let mut values = Vec::new();
    let mut levels = Vec::new();
    for cell in cells {
        match (cell, value(cell)) {
            (_, Some(found)) => {
                values.push(found);
                levels.push(1);
            }
            (Value::Null, None) if field.nullable => levels.push(0),
            (other, None) => {
                // STRICT tables and the schema check at opening rule this out.
                let detail = format!("column {} holds {other:?}, which its declared type does not allow", field.name);
                return Err(Error::Corrupt { detail });
            }
        }
    }
    Ok((values, field.nullable.then_some(levels)))
}

/// The Parquet writer's errors are the output's own, passed through as I/O errors;
/// any other would be a schema pactum built wrongly.
fn parquet_error(error: ParquetError) -> Error {
    match error {
        ParquetError::External(inner) => match inner.downcast::<std::io::Error>() {
            Ok(source) => output_error(*source),
            Err(other) => Error::Unserializable { message: other.to_string() },
        },
        other => Error::Unserializable { message: other.to_string() },
    }
}
