//! Exports: every table as CSV and JSON, typed results with their documented
//! columns, the database as a file that other SQLite clients read (the `sqlite3`
//! shell, Python, Datasette), and BibTeX citations.
//!
//! The tests that drive the `sqlite3` shell, Python and Datasette are `#[ignore]`d;
//! see the crate documentation for how CI runs them.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pactum::export::{self, Format};
use pactum::raw::Value;
use pactum::{AgreementFilter, Dataset, Entity, Error, Source};

use crate::support::{TempDir, count, data, skip};

fn columns(data: &Dataset, table: &str) -> Vec<String> {
    data.query_raw(&format!("SELECT * FROM {table} LIMIT 0"), &[]).unwrap().columns
}

fn export(data: &Dataset, table: &str, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    data.export_table(table, format, &mut out).unwrap_or_else(|e| panic!("{table}: {e}"));
    out
}

/// A CSV text's header and records.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let records = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, records)
}

fn header_of<T: serde::Serialize>(rows: &[T]) -> Vec<String> {
    let mut out = Vec::new();
    export::to_csv(rows, &mut out).unwrap();
    read_csv(&out).0
}

fn names(text: &str) -> Vec<String> {
    text.split(", ").map(str::to_owned).collect()
}

/// The bundled database written to a fresh directory as `pactum.sqlite3`.
fn bundled(name: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(name);
    let file = dir.path().join("pactum.sqlite3");
    Dataset::write_bundled(&file).unwrap();
    (dir, file)
}

fn expected_counts(data: &Dataset) -> BTreeMap<String, i64> {
    export::table_names().iter().map(|t| (t.to_string(), count(data, t))).collect()
}

// Tables.

#[test]
fn the_exported_tables_are_the_schemas_data_tables() {
    let data = data();
    let schema_tables: Vec<String> = data
        .query_raw("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'search%' ORDER BY rowid", &[])
        .unwrap()
        .rows
        .into_iter()
        .map(|row| match &row[0] {
            Value::Text(name) => name.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(export::table_names(), schema_tables);
}

#[test]
fn every_table_exports_as_csv_with_its_columns_and_every_row() {
    let data = data();
    for &table in export::table_names() {
        let (header, records) = read_csv(&export(&data, table, Format::Csv));
        assert_eq!(header, columns(&data, table), "{table}");
        assert_eq!(records.len() as i64, count(&data, table), "{table}");
        assert!(!records.is_empty(), "{table} is empty");
    }
}

#[test]
fn every_table_exports_as_json_objects_keyed_by_column_with_every_value() {
    let data = data();
    for &table in export::table_names() {
        let json: serde_json::Value = serde_json::from_slice(&export(&data, table, Format::Json)).unwrap();
        let objects = json.as_array().unwrap_or_else(|| panic!("{table}: not an array"));
        assert_eq!(objects.len() as i64, count(&data, table), "{table}");
        let raw = data.query_raw(&format!("SELECT * FROM {table}"), &[]).unwrap();
        let mut expected: Vec<serde_json::Value> = raw
            .rows
            .iter()
            .map(|row| raw.columns.iter().cloned().zip(row.iter().map(|v| serde_json::to_value(v).unwrap())).collect())
            .collect();
        let mut got = objects.clone();
        let key = |v: &serde_json::Value| v.to_string();
        expected.sort_by_key(key);
        got.sort_by_key(key);
        assert_eq!(got, expected, "{table}");
    }
}

#[test]
fn json_exports_keep_the_column_order_and_put_one_row_on_each_line() {
    let data = data();
    let text = String::from_utf8(export(&data, "agreement", Format::Json)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"["));
    assert_eq!(lines.last(), Some(&"]"));
    assert_eq!(lines.len() as i64, count(&data, "agreement") + 2);
    assert!(lines[1].starts_with(r#"{"id":"#) && lines[1].contains(r#","fact":"#), "{}", lines[1]);
}

#[test]
fn csv_cells_are_the_values_as_text_and_null_is_empty() {
    let data = data();
    let (header, records) = read_csv(&export(&data, "line_item", Format::Csv));
    let raw = data.query_raw("SELECT * FROM line_item ORDER BY id", &[]).unwrap();
    assert_eq!(header, raw.columns);
    for (record, row) in records.iter().zip(&raw.rows) {
        for (cell, value) in record.iter().zip(row) {
            match value {
                Value::Null => assert_eq!(cell, ""),
                Value::Integer(n) => assert_eq!(cell, &n.to_string()),
                Value::Real(x) => assert_eq!(cell.parse::<f64>().unwrap(), *x),
                Value::Text(t) => assert_eq!(cell, t),
                Value::Blob(_) => panic!("no blobs in line_item"),
            }
        }
    }
}

#[test]
fn exports_are_sorted_by_primary_key_and_identical_every_time() {
    let data = data();
    for &table in export::table_names() {
        assert_eq!(export(&data, table, Format::Csv), export(&data, table, Format::Csv), "{table}");
    }
    let (_, records) = read_csv(&export(&data, "agreement", Format::Csv));
    let ids: Vec<&String> = records.iter().map(|r| &r[0]).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "agreements are not in id order");
}

#[test]
fn unknown_tables_are_not_found_and_the_message_names_the_listing() {
    let data = data();
    for bad in
        ["agreements", "AGREEMENT", "", "search", "sqlite_schema", "agreement; DROP TABLE agreement", "agreement --"]
    {
        let err = data.export_table(bad, Format::Csv, Vec::new()).unwrap_err();
        assert!(matches!(&err, Error::NotFound { entity: Entity::Table, id, .. } if id == bad), "{bad:?}: {err:?}");
        assert!(err.to_string().contains("pactum::export::table_names()"), "{err}");
    }
}

#[test]
fn a_failing_writer_is_a_write_output_error() {
    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let data = data();
    for format in [Format::Csv, Format::Json] {
        let err = data.export_table("agreement", format, Broken).unwrap_err();
        assert!(matches!(&err, Error::WriteOutput { .. }) && err.to_string().contains("disk full"), "{err}");
    }
    let agreements = data.agreements(AgreementFilter::new()).unwrap();
    assert!(matches!(export::to_csv(&agreements, Broken), Err(Error::WriteOutput { .. })));
    assert!(matches!(export::to_json(&agreements, Broken), Err(Error::WriteOutput { .. })));
}

#[test]
fn a_value_json_cannot_hold_is_unserializable_not_an_output_error() {
    let keyed_by_numbers = [std::collections::HashMap::from([((1, 2), "pair keys")])];
    let err = export::to_json(&keyed_by_numbers, Vec::new()).unwrap_err();
    assert!(matches!(err, Error::Unserializable { .. }), "{err:?}");
}

// Typed results.

#[test]
fn agreements_as_csv_have_the_documented_columns_and_values() {
    let data = data();
    let agreements = data.agreements(AgreementFilter::new()).unwrap();
    let mut out = Vec::new();
    export::to_csv(&agreements, &mut out).unwrap();
    let (header, records) = read_csv(&out);
    assert_eq!(header, names("id, fact, kind, legal_nature, title, short_title, summary, parent, supersedes"));
    assert_eq!(records.len(), agreements.len());
    for (record, agreement) in records.iter().zip(&agreements) {
        assert_eq!(record[0], agreement.id);
        assert_eq!(record[1], agreement.fact.0.to_string());
        assert_eq!(record[2], agreement.kind.to_string());
        assert_eq!(record[5], agreement.short_title.clone().unwrap_or_default());
    }
}

#[test]
fn actors_as_csv_have_dotted_code_columns_and_their_aliases_in_one_cell() {
    let data = data();
    let actors = data.actors().unwrap();
    assert_eq!(
        header_of(&actors),
        names(
            "id, fact, kind, name, short_name, parent, description, codes.iso_alpha2, codes.iso_alpha3, \
             codes.iso_numeric, codes.cow, codes.wikidata, aliases"
        )
    );
    let japan = data.actor("jp").unwrap();
    let mut out = Vec::new();
    export::to_csv(std::slice::from_ref(&japan), &mut out).unwrap();
    let (_, records) = read_csv(&out);
    assert_eq!(records[0][7..12], ["JP", "JPN", "392", "740", "Q17"]);
    let eu = data.actor("eu").unwrap();
    assert!(!eu.aliases.is_empty(), "the EU has aliases");
    let mut out = Vec::new();
    export::to_csv(std::slice::from_ref(&eu), &mut out).unwrap();
    let aliases = &read_csv(&out).1[0][12];
    assert_eq!(aliases.split(';').count(), eu.aliases.len(), "{aliases}");
    for alias in &eu.aliases {
        assert!(aliases.contains(&format!(r#"{{"name":"{}","kind":"{}"}}"#, alias.name, alias.kind)), "{aliases}");
    }
}

#[test]
fn evidence_as_csv_has_the_source_flattened_into_dotted_columns() {
    let data = data();
    let evidence = data.evidence(data.agreement("eu-japan-sdp").unwrap().fact).unwrap();
    let mut out = Vec::new();
    export::to_csv(&evidence, &mut out).unwrap();
    let (header, records) = read_csv(&out);
    assert_eq!(
        header,
        names(
            "fact, source.id, source.kind, source.publisher, source.title, source.published, source.url, \
             source.language, source.note, quote, confidence"
        )
    );
    for (record, e) in records.iter().zip(&evidence) {
        assert_eq!(record[1], e.source.id);
        assert_eq!(record[3], e.source.publisher);
        assert_eq!(record[5], e.source.published.map(|d| d.to_string()).unwrap_or_default());
        assert_eq!(record[9], e.quote);
        assert_eq!(record[10], e.confidence.to_string());
    }
}

#[test]
fn other_typed_results_have_their_documented_columns() {
    let data = data();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 12, 1).unwrap();
    let contract = data
        .agreements(AgreementFilter::new())
        .unwrap()
        .into_iter()
        .find(|a| !data.line_items(&a.id).unwrap().is_empty())
        .expect("a contract with line items");
    let cases: [(Vec<String>, &str); 8] = [
        (
            header_of(&data.line_items(&contract.id).unwrap()),
            "fact, agreement, system.id, system.name, system.category, system.maker, quantity, quantity_is_maximum, value, currency, delivery_start, delivery_end, note",
        ),
        (
            header_of(&data.milestones("eu-japan-sdp").unwrap()),
            "fact, agreement, kind, status, date, actor, place, note",
        ),
        (header_of(&data.parties("eu-japan-sdp").unwrap()), "fact, agreement, actor, role, on_behalf_of"),
        (header_of(&data.coverage("eu-japan-sdp").unwrap()), "fact, agreement, area, status"),
        (header_of(&data.sources().unwrap()), "id, kind, publisher, title, published, url, language, note"),
        (header_of(&data.areas().unwrap()), "id, parent, name, definition"),
        (header_of(&data.search("Japan").unwrap()), "kind, id, snippet"),
        (
            header_of(&data.partners("eu", day).unwrap()),
            "actor.id, actor.fact, actor.kind, actor.name, actor.short_name, actor.parent, actor.description, \
             actor.codes.iso_alpha2, actor.codes.iso_alpha3, actor.codes.iso_numeric, actor.codes.cow, \
             actor.codes.wikidata, actor.aliases, agreements",
        ),
    ];
    for (header, documented) in cases {
        assert_eq!(header, names(documented));
    }
}

#[test]
fn timelines_put_the_kind_of_happening_in_its_own_column() {
    let data = data();
    let timeline = data.actor_timeline("jp").unwrap();
    let mut out = Vec::new();
    export::to_csv(&timeline, &mut out).unwrap();
    let (header, records) = read_csv(&out);
    assert_eq!(header[..2], ["date", "fact"]);
    assert!(header.contains(&"what.milestone".to_owned()) && header.contains(&"what.event".to_owned()), "{header:?}");
    let milestone = header.iter().position(|h| h == "what.milestone").unwrap();
    let event = header.iter().position(|h| h == "what.event").unwrap();
    assert_eq!(records.len(), timeline.len());
    for record in &records {
        assert_eq!(record.len(), header.len());
        assert!(record[milestone].is_empty() != record[event].is_empty(), "{record:?}");
        if !record[milestone].is_empty() {
            assert_eq!(record[milestone].split(';').count(), 2, "kind;status: {record:?}");
        }
    }
}

#[test]
fn typed_results_round_trip_through_json() {
    let data = data();
    let actors = data.actors().unwrap();
    let mut out = Vec::new();
    export::to_json(&actors, &mut out).unwrap();
    assert_eq!(serde_json::from_slice::<Vec<pactum::Actor>>(&out).unwrap(), actors);
    let evidence = data.evidence(data.agreement("russia-dprk-treaty-2024").unwrap().fact).unwrap();
    let mut out = Vec::new();
    export::to_json(&evidence, &mut out).unwrap();
    assert_eq!(serde_json::from_slice::<Vec<pactum::Evidence>>(&out).unwrap(), evidence);
}

#[test]
fn no_rows_are_an_empty_json_array_and_an_empty_csv() {
    let none: [pactum::Agreement; 0] = [];
    let mut json = Vec::new();
    export::to_json(&none, &mut json).unwrap();
    assert_eq!(json, b"[]\n");
    let mut csv = Vec::new();
    export::to_csv(&none, &mut csv).unwrap();
    assert!(csv.is_empty());
}

// The database as a file.

#[test]
fn the_bundled_database_is_written_byte_for_byte_with_its_metadata_beside_it() {
    let (dir, file) = bundled("bytes");
    assert_eq!(std::fs::read(&file).unwrap(), Dataset::bundled_image());
    let reopened = Dataset::open_file(&file).unwrap();
    assert_eq!(expected_counts(&reopened), expected_counts(&data()));

    let metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("metadata.json")).unwrap()).unwrap();
    for key in ["title", "description", "license", "source"] {
        assert!(metadata[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert!(metadata["license"].as_str().unwrap().contains("MIT OR Apache-2.0"));
    assert!(metadata.get("license_url").is_none(), "no licence URL is invented for the data");
    let tables = &metadata["databases"]["pactum"]["tables"];
    for &table in export::table_names() {
        assert!(tables[table]["description"].as_str().is_some_and(|s| !s.is_empty()), "{table} has no description");
        let described: Vec<&String> = tables[table]["columns"].as_object().unwrap().keys().collect();
        let mut actual = columns(&data(), table);
        actual.sort();
        assert_eq!(described, actual.iter().collect::<Vec<_>>(), "{table}: every column described, no other");
    }
}

#[test]
fn the_metadata_names_the_database_as_datasette_will() {
    let dir = TempDir::new("renamed");
    Dataset::write_bundled(dir.path().join("partnerships.db")).unwrap();
    let metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("metadata.json")).unwrap()).unwrap();
    assert!(metadata["databases"]["partnerships"]["tables"]["agreement"].is_object());
}

#[test]
fn existing_files_are_never_overwritten() {
    let (dir, file) = bundled("overwrite");
    let metadata = dir.path().join("metadata.json");
    let before = (std::fs::read(&file).unwrap(), std::fs::read(&metadata).unwrap());
    let err = Dataset::write_bundled(&file).unwrap_err();
    assert!(matches!(&err, Error::AlreadyExists { path } if path == &file), "{err:?}");
    assert_eq!((std::fs::read(&file).unwrap(), std::fs::read(&metadata).unwrap()), before);

    // An existing metadata.json stops the database being written, too.
    let other = dir.path().join("other.sqlite3");
    let err = Dataset::write_bundled(&other).unwrap_err();
    assert!(matches!(&err, Error::AlreadyExists { path } if path == &metadata), "{err:?}");
    assert!(!other.exists());

    assert!(matches!(Dataset::write_bundled(dir.path().join("metadata.json")), Err(Error::InvalidPath { .. })));
    let nowhere = dir.path().join("no-such-dir").join("x.db");
    assert!(matches!(Dataset::write_bundled(&nowhere), Err(Error::WriteFile { path, .. }) if path == nowhere));
}

#[test]
#[ignore = "drives the sqlite3 shell: cargo test --test pactum -- --ignored"]
fn the_sqlite3_shell_reads_the_written_file() {
    if Command::new("sqlite3").arg("--version").output().map(|o| !o.status.success()).unwrap_or(true) {
        return skip("sqlite3", "is not on PATH (apt-get install sqlite3)");
    }
    let (_dir, file) = bundled("sqlite3");
    let sql: Vec<String> = export::table_names().iter().map(|t| format!("SELECT '{t}', count(*) FROM {t}")).collect();
    let output = Command::new("sqlite3").arg("-readonly").arg(&file).arg(sql.join(" UNION ALL ")).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let counts: BTreeMap<String, i64> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let (table, n) = line.split_once('|').unwrap();
            (table.to_owned(), n.parse().unwrap())
        })
        .collect();
    assert_eq!(counts, expected_counts(&data()));
}

#[test]
#[ignore = "drives Python: cargo test --test pactum -- --ignored"]
fn pythons_sqlite3_module_reads_the_written_file() {
    if Command::new("python3").args(["-c", "import sqlite3"]).output().map(|o| !o.status.success()).unwrap_or(true) {
        return skip("python3 with its sqlite3 module", "is not on PATH");
    }
    let (_dir, file) = bundled("python");
    let script = "import json, sqlite3, sys\n\
                  db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n\
                  print(json.dumps({t: db.execute('SELECT count(*) FROM ' + t).fetchone()[0] for t in sys.argv[2:]}))";
    let output = Command::new("python3").args(["-c", script]).arg(&file).args(export::table_names()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let counts: BTreeMap<String, i64> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(counts, expected_counts(&data()));
}

/// A server process, killed when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain HTTP/1.0 GET: the status code and the body.
fn http_get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").ok_or(std::io::ErrorKind::InvalidData)?;
    let status_line = String::from_utf8_lossy(&response[..split]).lines().next().unwrap_or_default().to_owned();
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    Ok((status, response[split + 4..].to_vec()))
}

#[test]
#[ignore = "drives Datasette: cargo test --test pactum -- --ignored"]
fn datasette_serves_the_written_file_with_its_metadata() {
    if Command::new("python3")
        .args(["-m", "datasette", "--version"])
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        return skip("datasette", "is not installed (python3 -m pip install datasette)");
    }
    let (dir, file) = bundled("datasette");
    // Datasette has no portable way to pick a free port itself: take one the OS
    // hands out, and give it back for the server to bind.
    let addr = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let log = dir.path().join("datasette.log");
    let mut server = Server(
        Command::new("python3")
            .args(["-m", "datasette", "serve", "-i"])
            .arg(&file)
            .arg("--metadata")
            .arg(dir.path().join("metadata.json"))
            .args(["--host", "127.0.0.1", "--port", &addr.port().to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let log = || std::fs::read_to_string(&log).unwrap_or_default();

    let deadline = Instant::now() + Duration::from_secs(30);
    let (status, body) = loop {
        if let Some(exit) = server.0.try_wait().unwrap() {
            panic!("datasette exited ({exit}):\n{}", log());
        }
        match http_get(addr, "/pactum/agreement.json?_shape=array&_size=max") {
            Ok(response) => break response,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("datasette did not answer within 30 s ({e}):\n{}", log()),
        }
    };
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let agreements: Vec<serde_json::Value> = serde_json::from_slice(&body).unwrap();
    let mut served: Vec<&str> = agreements.iter().map(|a| a["id"].as_str().unwrap()).collect();
    served.sort_unstable();
    let data = data();
    let expected: Vec<String> = data.agreements(AgreementFilter::new()).unwrap().into_iter().map(|a| a.id).collect();
    let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(served, expected);

    let (status, body) = http_get(addr, "/-/metadata.json").unwrap();
    assert_eq!(status, 200);
    let metadata: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(metadata["title"], "pactum: a sourced dataset of security and defence partnerships");
    assert!(metadata["databases"]["pactum"]["tables"]["evidence"]["description"].is_string());
    drop(server);
}

// Citations.

fn source(json: serde_json::Value) -> Source {
    serde_json::from_value(json).unwrap()
}

#[test]
fn a_source_is_cited_as_an_online_entry_with_its_fields() {
    let data = data();
    let nikkei = data.source("nikkei-2024-06-23-eu-japan-korea").unwrap();
    assert_eq!(nikkei.url, None, "the seed article's address could not be verified");
    let note = nikkei.note.clone().unwrap();
    assert_eq!(
        export::bibtex(&nikkei),
        format!(
            "@online{{nikkei-2024-06-23-eu-japan-korea,\n\
             \x20 author = {{{{Nikkei Asia}}}},\n\
             \x20 title = {{{{EU eyes security, defense partnerships with Japan and South Korea}}}},\n\
             \x20 date = {{2024-06-23}},\n\
             \x20 year = {{2024}},\n\
             \x20 note = {{{note}}}\n\
             }}\n"
        )
    );
    let with_url = data.sources().unwrap().into_iter().find(|s| s.url.is_some()).unwrap();
    assert!(export::bibtex(&with_url).contains(&format!("  url = {{{}}}", with_url.url.as_ref().unwrap())));
}

#[test]
fn special_characters_are_escaped_and_absent_fields_left_out() {
    let s = source(serde_json::json!({
        "id": "odd-source", "kind": "think_tank", "publisher": "R&D Institute {Europe}",
        "title": "Spending 2% of GDP: the #1 question_for $ and \\ ~ ^", "published": "2023-12",
        "url": "https://example.org/a b{c}", "language": "en", "note": null,
    }));
    let entry = export::bibtex(&s);
    assert!(entry.contains(r"author = {{R\&D Institute \textbraceleft{}Europe\textbraceright{}}}"), "{entry}");
    assert!(
        entry.contains(
            r"title = {{Spending 2\% of GDP: the \#1 question\_for \$ and \textbackslash{} \textasciitilde{} \textasciicircum{}}}"
        ),
        "{entry}"
    );
    assert!(entry.contains("date = {2023-12},\n  year = {2023},"), "{entry}");
    assert!(entry.contains("url = {https://example.org/a%20b%7Bc%7D}"), "{entry}");
    assert!(!entry.contains("note"), "{entry}");
    assert_eq!(entry.matches('{').count(), entry.matches('}').count(), "{entry}");

    let bare = export::bibtex(&source(serde_json::json!({
        "id": "bare", "kind": "other", "publisher": "P", "title": "T", "published": null,
        "url": null, "language": "en", "note": null,
    })));
    assert_eq!(bare, "@online{bare,\n  author = {{P}},\n  title = {{T}}\n}\n");
}

#[test]
fn every_bundled_source_gives_a_balanced_entry() {
    for source in data().sources().unwrap() {
        let entry = export::bibtex(&source);
        let mut depth = 0i32;
        for c in entry.chars() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            assert!(depth >= 0, "{entry}");
        }
        assert_eq!(depth, 0, "{entry}");
        assert!(entry.starts_with(&format!("@online{{{},\n", source.id)), "{entry}");
    }
}
