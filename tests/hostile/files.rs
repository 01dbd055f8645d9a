//! Hostile files through `open_file` and `open_image`: copies of the bundled
//! image with a lying schema, lying data or damaged pages. Each is refused with
//! a typed error, or opens and then answers or fails cleanly, query by query.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use pactum::{AgreementFilter, Dataset, Error};
use rusqlite::Connection;

use super::{Line, MARGIN, outcome, print_table, suite_budget, timed};

/// What opening a file must end with.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Refused: its schema is not pactum's.
    Mismatch,
    /// Refused or failing as damaged.
    Corrupt,
    /// Refused as another schema version.
    Version,
    /// Opens; each query answers or fails with a typed error, and `verify`
    /// reports the damage.
    OpensVerifyFails,
    /// Opens; the typed queries that read the lie fail with a typed error.
    OpensQueriesFail,
    /// Opens, and every query answers: the damage is where no reader looks (the
    /// freelist is read only by writers). `verify` may or may not see it: SQLite's
    /// `integrity_check` does not always notice a loop in the freelist, so either
    /// answer is honest, as long as it comes within the budget.
    OpensReadersUnaffected,
}

use Expect::*;

struct Case {
    name: &'static str,
    build: fn() -> Vec<u8>,
    expect: Expect,
}

fn cases() -> Vec<Case> {
    vec![
        Case { name: "issue: pactum's header, none of its tables", build: no_tables, expect: Mismatch },
        Case { name: "issue: post replaced by a view of a runaway CTE", build: post_as_runaway_view, expect: Mismatch },
        Case { name: "an extra trigger", build: extra_trigger, expect: Mismatch },
        Case { name: "an extra view", build: extra_view, expect: Mismatch },
        Case { name: "an extra table", build: extra_table, expect: Mismatch },
        Case { name: "an extra index", build: extra_index, expect: Mismatch },
        Case { name: "a dropped index", build: dropped_index, expect: Mismatch },
        Case { name: "a changed column type", build: changed_column_type, expect: Mismatch },
        Case { name: "an index moved to another table", build: index_on_another_table, expect: Corrupt },
        Case { name: "planner statistics (ANALYZE)", build: with_statistics, expect: Mismatch },
        Case { name: "5,000 extra schema objects", build: huge_schema, expect: Mismatch },
        Case { name: "another schema version", build: other_version, expect: Version },
        Case { name: "huge declared page count", build: huge_page_count, expect: Corrupt },
        Case { name: "page size lie", build: page_size_lie, expect: Corrupt },
        Case { name: "b-tree page that is its own child", build: btree_cycle, expect: Corrupt },
        Case { name: "cell count lie", build: cell_count_lie, expect: Corrupt },
        Case { name: "freelist loop", build: freelist_loop, expect: OpensReadersUnaffected },
        Case { name: "overflow-page loop", build: overflow_loop, expect: OpensVerifyFails },
        Case { name: "damaged pointer map", build: damaged_pointer_map, expect: OpensVerifyFails },
        Case { name: "schema lie: root pages swapped", build: swapped_root_pages, expect: OpensQueriesFail },
        Case { name: "data lie: a kind outside the CHECK", build: unknown_kind, expect: OpensQueriesFail },
        Case { name: "data lie: a 3 MB summary", build: oversized_value, expect: OpensQueriesFail },
    ]
}

/// The worst cases for memory, measured in child processes on the default budget.
pub const WORST: &[&str] = &["file:data lie: a 3 MB summary", "file:5,000 extra schema objects"];

fn image() -> Vec<u8> {
    Dataset::bundled_image().to_vec()
}

/// A fresh path for one hostile file, never the same twice: tests run in parallel.
fn path(name: &str) -> PathBuf {
    static FILES: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("pactum-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let n = FILES.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{n}-{}.sqlite3", name.replace([' ', ':', ','], "-")))
}

/// A copy of the bundled image, changed through an ordinary writable connection
/// (with `writable_schema` where the change is a lie about the schema).
fn edited(sql: &str) -> Vec<u8> {
    let path = path("edit");
    std::fs::write(&path, Dataset::bundled_image()).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA writable_schema = ON; PRAGMA ignore_check_constraints = ON;")
        .unwrap();
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    drop(conn);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    bytes
}

fn no_tables() -> Vec<u8> {
    let path = path("no-tables");
    let _ = std::fs::remove_file(&path);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA application_id = {}; PRAGMA user_version = {}; CREATE TABLE note (x); DROP TABLE note;",
        pactum::APPLICATION_ID,
        pactum::SCHEMA_VERSION
    ))
    .unwrap();
    drop(conn);
    std::fs::read(&path).unwrap()
}

fn post_as_runaway_view() -> Vec<u8> {
    edited(
        "DROP TABLE post; CREATE VIEW post AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) \
         SELECT x AS id, x AS fact, x AS person, x AS organisation, x AS title FROM c;",
    )
}

fn extra_trigger() -> Vec<u8> {
    edited("CREATE TRIGGER spy AFTER INSERT ON actor BEGIN SELECT 1; END;")
}

fn extra_view() -> Vec<u8> {
    edited("CREATE VIEW everyone AS SELECT * FROM actor;")
}

fn extra_table() -> Vec<u8> {
    edited("CREATE TABLE extra (x TEXT);")
}

fn extra_index() -> Vec<u8> {
    edited("CREATE INDEX agreement_by_title ON agreement(title);")
}

fn dropped_index() -> Vec<u8> {
    edited("DROP INDEX agreement_by_kind;")
}

fn changed_column_type() -> Vec<u8> {
    edited(
        "UPDATE sqlite_schema SET sql = replace(sql, 'title       TEXT NOT NULL', 'title       ANY NOT NULL') WHERE name = 'agreement';",
    )
}

fn index_on_another_table() -> Vec<u8> {
    edited("UPDATE sqlite_schema SET tbl_name = 'area' WHERE name = 'actor_by_kind';")
}

fn with_statistics() -> Vec<u8> {
    edited("ANALYZE;")
}

fn huge_schema() -> Vec<u8> {
    let views: String = (0..5_000).map(|i| format!("CREATE VIEW v{i} AS SELECT {i};")).collect();
    edited(&views)
}

fn other_version() -> Vec<u8> {
    let mut image = image();
    image[60..64].copy_from_slice(&(pactum::SCHEMA_VERSION + 1).to_be_bytes());
    image
}

fn huge_page_count() -> Vec<u8> {
    let mut image = image();
    image[28..32].copy_from_slice(&0x7FFF_FFF0u32.to_be_bytes());
    image
}

fn page_size_lie() -> Vec<u8> {
    let mut image = image();
    image[16..18].copy_from_slice(&512u16.to_be_bytes());
    image
}

fn page_size(image: &[u8]) -> usize {
    usize::from(u16::from_be_bytes([image[16], image[17]]))
}

/// The byte offset of each page's b-tree header and its type, past page 1 (the schema).
fn btree_pages(image: &[u8]) -> Vec<(usize, u8)> {
    let size = page_size(image);
    (1..image.len() / size)
        .map(|p| (p * size, image[p * size]))
        .filter(|(_, kind)| matches!(kind, 2 | 5 | 10 | 13))
        .collect()
}

fn btree_cycle() -> Vec<u8> {
    let mut image = image();
    let size = page_size(&image);
    // Every interior page's right-most child becomes the page itself.
    for (at, kind) in btree_pages(&image) {
        if matches!(kind, 2 | 5) {
            let own = u32::try_from(at / size + 1).unwrap();
            image[at + 8..at + 12].copy_from_slice(&own.to_be_bytes());
        }
    }
    image
}

fn cell_count_lie() -> Vec<u8> {
    let mut image = image();
    for (at, kind) in btree_pages(&image) {
        if matches!(kind, 10 | 13) {
            image[at + 3..at + 5].copy_from_slice(&0xFFFFu16.to_be_bytes());
        }
    }
    image
}

/// The 1-based numbers of the pages of `image` that satisfy `test`.
fn pages_where(image: &[u8], test: impl Fn(&[u8]) -> bool) -> Vec<u32> {
    let size = page_size(image);
    image.chunks(size).enumerate().filter(|(_, p)| test(p)).map(|(i, _)| u32::try_from(i + 1).unwrap()).collect()
}

fn freelist_loop() -> Vec<u8> {
    // Free pages, left behind by a dropped table.
    let mut image = edited("CREATE TABLE junk (x); INSERT INTO junk VALUES (zeroblob(100000)); DROP TABLE junk;");
    let size = page_size(&image);
    let trunk = u32::from_be_bytes(image[32..36].try_into().unwrap());
    assert_ne!(trunk, 0, "no free pages");
    let at = (trunk as usize - 1) * size;
    // The first trunk page names itself as the next, and claims a million leaves.
    image[at..at + 4].copy_from_slice(&trunk.to_be_bytes());
    image[36..40].copy_from_slice(&1_000_000u32.to_be_bytes());
    image
}

fn overflow_loop() -> Vec<u8> {
    let mut image =
        edited("UPDATE agreement SET summary = printf('%.20000c', '~') WHERE id = (SELECT min(id) FROM agreement);");
    let size = page_size(&image);
    // Overflow pages: a 4-byte pointer to the next, then the value's bytes.
    let chain = pages_where(&image, |p| p[4..104].iter().all(|&b| b == b'~'));
    assert!(chain.len() >= 3, "no overflow chain");
    // Every page of the chain points back to its first.
    for &page in &chain[1..] {
        let at = (page as usize - 1) * size;
        image[at..at + 4].copy_from_slice(&chain[0].to_be_bytes());
    }
    image
}

fn damaged_pointer_map() -> Vec<u8> {
    let mut image = edited("PRAGMA auto_vacuum = FULL; VACUUM;");
    assert_ne!(image[52..56], [0; 4], "no pointer map");
    let size = page_size(&image);
    // Page 2 is the first pointer-map page: every entry now names a wrong parent.
    image[size..2 * size].fill(0xEE);
    image
}

fn swapped_root_pages() -> Vec<u8> {
    edited(
        "UPDATE sqlite_schema SET rootpage = CASE name \
           WHEN 'event' THEN (SELECT rootpage FROM sqlite_schema WHERE name = 'source') \
           ELSE (SELECT rootpage FROM sqlite_schema WHERE name = 'event') END \
         WHERE name IN ('event', 'source');",
    )
}

fn unknown_kind() -> Vec<u8> {
    edited("UPDATE agreement SET kind = 'alliance_of_convenience' WHERE id = (SELECT min(id) FROM agreement);")
}

fn oversized_value() -> Vec<u8> {
    edited("UPDATE agreement SET summary = printf('%.3000000c', 's') WHERE id = (SELECT min(id) FROM agreement);")
}

/// Every typed query family once, then `verify`: the first error, or none.
fn exercise(data: &Dataset) -> Result<(), Error> {
    let day = NaiveDate::from_ymd_opt(2024, 6, 23).unwrap();
    data.actors()?;
    let agreements = data.agreements(AgreementFilter::new())?;
    data.sources()?;
    data.events()?;
    data.search("defence")?;
    data.partners("eu", day)?;
    data.in_force(day)?;
    data.actor_timeline("jp")?;
    if let Some(first) = agreements.first() {
        data.evidence(first.fact)?;
        data.parties(&first.id)?;
    }
    data.dyad_years(pactum::panel::Dyads::Undirected)?;
    Ok(())
}

/// Opens `bytes` as a file, exercises the handle, and verifies it.
fn open_and_use(name: &str, bytes: &[u8]) -> (Result<Dataset, Error>, Result<(), Error>, Result<(), Error>) {
    let path = path(name);
    std::fs::write(&path, bytes).unwrap();
    let opened = Dataset::open_file(&path).and_then(|mut data| {
        data.set_budget(suite_budget())?;
        Ok(data)
    });
    let (used, verified) = match &opened {
        Ok(data) => (exercise(data), data.verify()),
        Err(_) => (Ok(()), Ok(())),
    };
    let _ = std::fs::remove_file(&path);
    (opened, used, verified)
}

fn describe(opened: &Result<Dataset, Error>, used: &Result<(), Error>, verified: &Result<(), Error>) -> String {
    match opened {
        Err(_) => format!("refused: {}", outcome(opened)),
        Ok(_) => format!("opens; queries: {}; verify: {}", outcome(used), outcome(verified)),
    }
}

/// Typed: anything but the catch-all for SQLite's unforeseen errors.
fn typed(result: &Result<(), Error>) -> bool {
    !matches!(result, Err(Error::Sql(_)))
}

fn matches(
    expect: Expect,
    opened: &Result<Dataset, Error>,
    used: &Result<(), Error>,
    verified: &Result<(), Error>,
) -> bool {
    let corrupt = |r: &Result<(), Error>| matches!(r, Err(Error::Corrupt { .. }));
    match expect {
        Mismatch => matches!(opened, Err(Error::SchemaMismatch { .. })),
        Version => matches!(opened, Err(Error::SchemaVersion { .. })),
        Corrupt => {
            matches!(opened, Err(Error::Corrupt { .. })) || (opened.is_ok() && (corrupt(used) || corrupt(verified)))
        }
        OpensVerifyFails => opened.is_ok() && typed(used) && corrupt(verified),
        OpensQueriesFail => opened.is_ok() && used.is_err() && typed(used),
        OpensReadersUnaffected => opened.is_ok() && used.is_ok() && (verified.is_ok() || corrupt(verified)),
    }
}

/// Runs one case on the default budget, for a child process.
pub fn run_named(name: &str) -> String {
    let case = cases().into_iter().find(|c| c.name == name).unwrap();
    let path = path(&format!("child-{name}"));
    std::fs::write(&path, (case.build)()).unwrap();
    let result = Dataset::open_file(&path).and_then(|data| exercise(&data));
    outcome(&result)
}

#[test]
fn hostile_files_are_refused_or_fail_cleanly_within_their_budget() {
    let cases = cases();
    assert!(cases.len() >= 15);
    let budget = suite_budget();
    let mut lines = Vec::new();
    for case in cases {
        let bytes = (case.build)();
        let ((opened, used, verified), took) = {
            let (result, took) = timed(|| Ok::<_, Error>(open_and_use(case.name, &bytes)));
            (result.unwrap(), took)
        };
        let said = describe(&opened, &used, &verified);
        assert!(
            matches(case.expect, &opened, &used, &verified),
            "{}: expected {:?}, got {said}",
            case.name,
            case.expect
        );
        // Opening, a dozen typed queries and a full integrity check, each on its budget.
        let allowed = budget.query_time * 3 + MARGIN;
        assert!(took <= allowed, "{}: took {took:?}", case.name);
        lines.push(Line { case: case.name.to_owned(), took, outcome: said });
    }
    print_table("Hostile files (query_time 500 ms)", &lines);
}

#[test]
fn open_image_checks_the_schema_as_open_file_does() {
    for build in [no_tables as fn() -> Vec<u8>, post_as_runaway_view, extra_trigger] {
        let image: &'static [u8] = Box::leak(build().into_boxed_slice());
        let err = Dataset::open_image(image).unwrap_err();
        assert!(matches!(err, Error::SchemaMismatch { .. }), "{err}");
    }
}

#[test]
fn a_schema_mismatch_names_the_first_difference() {
    let message = |bytes: Vec<u8>| open_and_use("message", &bytes).0.unwrap_err().to_string();
    assert!(message(no_tables()).contains("missing"), "{}", message(no_tables()));
    let view = message(post_as_runaway_view());
    assert!(view.contains("\"post\""), "{view}");
    let column = message(changed_column_type());
    assert!(column.contains("agreement") && column.contains("ANY NOT NULL"), "{column}");
    assert!(message(extra_trigger()).contains("trigger \"spy\""));
}

#[test]
fn the_schema_check_costs_microseconds() {
    let path = path("healthy");
    std::fs::write(&path, Dataset::bundled_image()).unwrap();
    Dataset::open_file(&path).unwrap();
    let runs = 50;
    let (_, took) = timed(|| {
        for _ in 0..runs {
            Dataset::open_file(&path)?;
        }
        Ok(())
    });
    let each = took / runs;
    println!("open_file of a healthy copy, schema check included: {each:?}");
    // Microseconds in a release build (the README gives the figure); here, a
    // bound that only a check gone wrong (say, reading every table) would pass.
    assert!(each < Duration::from_millis(50), "{each:?}");
}
