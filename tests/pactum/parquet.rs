//! Parquet files (feature `parquet`): every table and the dyad-year panel, with the
//! rows and columns of the CSV exports and SQLite's column types, read back by the
//! `parquet` crate and by DuckDB.
//!
//! The test that drives DuckDB (through its Python package) is `#[ignore]`d; see the
//! crate documentation for how CI runs it.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use ::parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use ::parquet::file::reader::{FileReader, SerializedFileReader};
use ::parquet::record::Field;
use pactum::export::{self, Format};
use pactum::panel::{DyadYear, Dyads};
use pactum::raw::Value;
use pactum::{AgreementFilter, Dataset, Entity, Error};

use crate::support::{TempDir, count, data, skip};

/// Every file `write_parquet` writes, in a fresh directory.
fn written(name: &str) -> (TempDir, Vec<PathBuf>) {
    let dir = TempDir::new(name);
    let files = data().write_parquet(dir.path()).unwrap();
    (dir, files)
}

fn reader(path: &Path) -> SerializedFileReader<File> {
    SerializedFileReader::new(File::open(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A Parquet file's column names and rows, each cell as the CSV export writes it:
/// null empty, numbers as Rust prints them.
fn parquet_as_text(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let reader = reader(path);
    let header =
        reader.metadata().file_metadata().schema_descr().columns().iter().map(|c| c.name().to_owned()).collect();
    let rows = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap().get_column_iter().map(|(_, field)| cell(field)).collect())
        .collect();
    (header, rows)
}

fn cell(field: &Field) -> String {
    match field {
        Field::Null => String::new(),
        Field::Long(n) => n.to_string(),
        Field::Double(x) => x.to_string(),
        Field::Str(text) => text.clone(),
        other => panic!("a column of a type pactum does not write: {other:?}"),
    }
}

/// A CSV text's header and records.
fn csv_as_text(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let records = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, records)
}

fn table_csv(data: &Dataset, table: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut out = Vec::new();
    data.export_table(table, Format::Csv, &mut out).unwrap();
    csv_as_text(&out)
}

fn panel_csv(rows: &[DyadYear]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut out = Vec::new();
    export::to_csv(rows, &mut out).unwrap();
    csv_as_text(&out)
}

/// Each column of a table as SQLite declares it: name, type, and whether it is
/// `NOT NULL` or a primary key.
fn declared(data: &Dataset, table: &str) -> Vec<(String, String, bool)> {
    let sql = format!("SELECT name, type, \"notnull\" OR pk > 0 FROM pragma_table_xinfo('{table}') WHERE hidden <> 1");
    data.query_raw(&sql, &[])
        .unwrap()
        .rows
        .into_iter()
        .map(|row| match row.as_slice() {
            [Value::Text(name), Value::Text(kind), Value::Integer(required)] => {
                (name.clone(), kind.clone(), *required == 1)
            }
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn every_table_and_the_panel_are_written_as_parquet_files_with_all_their_rows() {
    let (dir, files) = written("all");
    let mut expected: Vec<PathBuf> =
        export::table_names().iter().map(|table| dir.path().join(format!("{table}.parquet"))).collect();
    expected.push(dir.path().join("dyad_years.parquet"));
    assert_eq!(files, expected);

    let data = data();
    for (table, file) in export::table_names().iter().zip(&files) {
        assert_eq!(reader(file).metadata().file_metadata().num_rows(), count(&data, table), "{table}");
    }
    let panel = data.dyad_years(Dyads::Undirected).unwrap();
    assert!(!panel.is_empty());
    assert_eq!(
        reader(&dir.path().join("dyad_years.parquet")).metadata().file_metadata().num_rows() as usize,
        panel.len()
    );
}

#[test]
fn each_table_holds_the_rows_and_columns_of_its_csv_export_in_the_same_order() {
    let (dir, _) = written("as-csv");
    let data = data();
    for table in export::table_names() {
        let file = dir.path().join(format!("{table}.parquet"));
        assert_eq!(parquet_as_text(&file), table_csv(&data, table), "{table}");
    }
}

#[test]
fn columns_keep_their_sqlite_types_and_null_stays_null() {
    let (dir, _) = written("types");
    let data = data();
    for table in export::table_names() {
        let reader = reader(&dir.path().join(format!("{table}.parquet")));
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let found: Vec<_> = schema
            .columns()
            .iter()
            .map(|c| {
                let required = c.self_type().get_basic_info().repetition() == Repetition::REQUIRED;
                (c.name().to_owned(), c.physical_type(), c.logical_type_ref().cloned(), required)
            })
            .collect();
        let expected: Vec<_> = declared(&data, table)
            .into_iter()
            .map(|(name, kind, required)| {
                let (physical, logical) = match kind.as_str() {
                    "INTEGER" => (PhysicalType::INT64, None),
                    "REAL" => (PhysicalType::DOUBLE, None),
                    "TEXT" => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
                    other => panic!("{table}.{name} is declared {other}"),
                };
                (name, physical, logical, required)
            })
            .collect();
        assert_eq!(found, expected, "{table}");
    }

    // A contract's value is a REAL, its quantity an INTEGER; a date known only to the
    // month stays text of month precision; a missing parent is null.
    let (columns, rows) = parquet_as_text(&dir.path().join("line_item.parquet"));
    let value = columns.iter().position(|c| c == "value").unwrap();
    assert!(rows.iter().any(|row| row[value].parse::<f64>().is_ok()));
    let (columns, rows) = parquet_as_text(&dir.path().join("milestone.parquet"));
    let date = columns.iter().position(|c| c == "date").unwrap();
    assert!(rows.iter().any(|row| row[date].len() == "2023-12".len()));
    let reader = reader(&dir.path().join("agreement.parquet"));
    let parent = reader.metadata().file_metadata().schema_descr().columns().iter().position(|c| c.name() == "parent");
    let nulls = reader
        .get_row_iter(None)
        .unwrap()
        .filter(|row| matches!(row.as_ref().unwrap().get_column_iter().nth(parent.unwrap()), Some((_, Field::Null))))
        .count();
    assert_eq!(nulls as i64, count(&data, "agreement WHERE parent IS NULL"));
    assert!(nulls > 0);
}

#[test]
fn the_dyad_year_file_holds_the_panels_csv_form() {
    let (dir, _) = written("panel");
    let data = data();
    let undirected = data.dyad_years(Dyads::Undirected).unwrap();
    assert_eq!(parquet_as_text(&dir.path().join("dyad_years.parquet")), panel_csv(&undirected));

    // Any panel, the directed one too, through `dyad_years_to_parquet`.
    let directed = data.dyad_years(Dyads::Directed).unwrap();
    let file = dir.path().join("directed.parquet");
    export::dyad_years_to_parquet(&directed, File::create(&file).unwrap()).unwrap();
    let (header, rows) = parquet_as_text(&file);
    assert_eq!((header, rows), panel_csv(&directed));
    assert_eq!(reader(&file).metadata().file_metadata().num_rows() as usize, 2 * undirected.len());
}

#[test]
fn one_table_can_be_written_to_any_writer_and_an_unknown_one_is_not_found() {
    let data = data();
    let dir = TempDir::new("one-table");
    let file = dir.path().join("agreement.parquet");
    data.export_table_parquet("agreement", File::create(&file).unwrap()).unwrap();
    assert_eq!(parquet_as_text(&file), table_csv(&data, "agreement"));

    let err = data.export_table_parquet("agreements", std::io::sink()).unwrap_err();
    assert!(matches!(&err, Error::NotFound { entity: Entity::Table, id } if id == "agreements"), "{err:?}");
}

#[test]
fn existing_files_are_never_overwritten_and_a_refusal_writes_nothing() {
    let (dir, files) = written("overwrite");
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let err = data().write_parquet(dir.path()).unwrap_err();
    assert!(matches!(&err, Error::AlreadyExists { path } if path == &files[0]), "{err:?}");
    assert_eq!(files.iter().map(|f| std::fs::read(f).unwrap()).collect::<Vec<_>>(), before);

    // One file of the set in the way stops all of them.
    let other = TempDir::new("overwrite-one");
    let panel = other.path().join("dyad_years.parquet");
    std::fs::write(&panel, b"mine").unwrap();
    let err = data().write_parquet(other.path()).unwrap_err();
    assert!(matches!(&err, Error::AlreadyExists { path } if path == &panel), "{err:?}");
    assert_eq!(std::fs::read_dir(other.path()).unwrap().count(), 1);
    assert_eq!(std::fs::read(&panel).unwrap(), b"mine");
}

#[test]
fn a_missing_directory_is_created_and_a_file_in_its_place_refused() {
    let dir = TempDir::new("directories");
    let nested = dir.path().join("out").join("parquet");
    assert_eq!(data().write_parquet(&nested).unwrap().len(), export::table_names().len() + 1);

    let file = dir.path().join("a-file");
    std::fs::write(&file, b"").unwrap();
    let err = data().write_parquet(&file).unwrap_err();
    assert!(matches!(&err, Error::InvalidPath { path, .. } if path == &file), "{err:?}");
    assert!(err.to_string().contains("give the directory"), "{err}");
}

/// What DuckDB finds in the files: row counts and column types of every file, the
/// first agreements by id, and the Russia–DPRK dyad in 2025.
const DUCKDB_SCRIPT: &str = "\
import duckdb, json, os, sys
directory, tables = sys.argv[1], sys.argv[2:]
db = duckdb.connect()
def file(name):
    return os.path.join(directory, name + '.parquet')
def rows(sql, name):
    return [list(row) for row in db.execute(sql, [file(name)]).fetchall()]
print(json.dumps({
    'counts': {t: rows('SELECT count(*) FROM read_parquet(?)', t)[0][0] for t in tables + ['dyad_years']},
    'types': {t: [row[:2] for row in rows('DESCRIBE SELECT * FROM read_parquet(?)', t)] for t in tables},
    'agreements': rows('SELECT id, fact, title, short_title, parent FROM read_parquet(?) ORDER BY id LIMIT 5', 'agreement'),
    'dyad': rows('SELECT * FROM read_parquet(?) WHERE ccode1 = 365 AND ccode2 = 731 AND year = 2025', 'dyad_years'),
}))
";

#[test]
#[ignore = "drives DuckDB (Python): cargo test --test pactum --features parquet -- --ignored"]
fn duckdb_reads_every_file_with_its_rows_types_and_values() {
    if Command::new("python3").args(["-c", "import duckdb"]).output().map(|o| !o.status.success()).unwrap_or(true) {
        return skip("DuckDB's Python package", "is not installed (python3 -m pip install duckdb)");
    }
    let (dir, _) = written("duckdb");
    let output = Command::new("python3")
        .args(["-c", DUCKDB_SCRIPT])
        .arg(dir.path())
        .args(export::table_names())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let data = data();

    let mut counts: BTreeMap<String, i64> =
        export::table_names().iter().map(|t| (t.to_string(), count(&data, t))).collect();
    let panel = data.dyad_years(Dyads::Undirected).unwrap();
    counts.insert("dyad_years".to_owned(), panel.len() as i64);
    assert_eq!(serde_json::from_value::<BTreeMap<String, i64>>(found["counts"].clone()).unwrap(), counts);

    for table in export::table_names() {
        let expected: Vec<[String; 2]> = declared(&data, table)
            .into_iter()
            .map(|(name, kind, _)| {
                let duckdb = match kind.as_str() {
                    "INTEGER" => "BIGINT",
                    "REAL" => "DOUBLE",
                    _ => "VARCHAR",
                };
                [name, duckdb.to_owned()]
            })
            .collect();
        assert_eq!(
            serde_json::from_value::<Vec<[String; 2]>>(found["types"][table].clone()).unwrap(),
            expected,
            "{table}"
        );
    }

    let mut agreements = data.agreements(AgreementFilter::new()).unwrap();
    agreements.sort_by(|a, b| a.id.cmp(&b.id));
    let expected: Vec<serde_json::Value> =
        agreements[..5].iter().map(|a| serde_json::json!([a.id, a.fact, a.title, a.short_title, a.parent])).collect();
    assert_eq!(found["agreements"], serde_json::Value::Array(expected));

    let row = panel.iter().find(|r| (r.ccode1, r.ccode2, r.year) == (365, 731, 2025)).unwrap();
    let flag = |f: Option<bool>| f.map(u8::from);
    assert_eq!(
        found["dyad"],
        serde_json::json!([[
            row.ccode1,
            row.ccode2,
            row.year,
            row.iso3_1,
            row.iso3_2,
            row.wikidata1,
            row.wikidata2,
            row.agreements.join(";"),
            flag(row.defense),
            flag(row.offense),
            flag(row.neutral),
            flag(row.nonagg),
            flag(row.consul),
            row.areas.join(";"),
        ]])
    );
    assert_eq!(found["dyad"][0][7], "russia-dprk-treaty-2024");
    assert_eq!(found["dyad"][0][8], 1);
}
