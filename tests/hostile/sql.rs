//! Hostile SQL through `query_raw`: each statement ends in its budget, a refusal,
//! SQLite's own limit error, or an honest answer.

use std::time::Duration;

use pactum::raw::{Rows, Value};
use pactum::{Budget, Dataset, Error, Limit};

use super::{Line, MARGIN, bundled, outcome, print_table, suite_budget, timed};

/// What a case must end with.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Stopped by this part of the budget.
    Over(&'static str),
    /// Refused as a write or a change of settings.
    ReadOnly,
    /// Refused by SQLite, whose message names the limit or the problem.
    Refused,
    /// Answered.
    Answer,
}

use Expect::*;

struct Case {
    name: &'static str,
    sql: String,
    params: Vec<Value>,
    expect: Expect,
}

fn case(name: &'static str, sql: impl Into<String>, expect: Expect) -> Case {
    Case { name, sql: sql.into(), params: Vec::new(), expect }
}

const FOREVER: &str = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)";

/// The cases of the issue that asked for budgets, run on the default budget.
fn from_the_issue() -> Vec<Case> {
    vec![
        case("issue: recursive CTE that never ends", format!("{FOREVER} SELECT count(*) FROM c"), Over("sql_time")),
        case(
            "issue: three-way cross join of evidence",
            "SELECT count(*) FROM evidence a, evidence b, evidence c",
            Over("sql_time"),
        ),
        case(
            "issue: recursive CTE of 50 million rows",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT x FROM c",
            Over("rows"),
        ),
        case("issue: length(randomblob(900000000))", "SELECT length(randomblob(900000000))", Over("value_length")),
    ]
}

/// Everything else, on the suite's shorter budget.
fn cases() -> Vec<Case> {
    let mut cases = vec![
        // Runaway recursion and joins.
        case(
            "CTE fanning out two ways per step",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c, (SELECT 1 UNION ALL SELECT 2) \
             WHERE x < 64) SELECT count(*) FROM c",
            Over("sql_time"),
        ),
        case(
            "CTEs squaring each other",
            "WITH a(x) AS (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)), b AS (SELECT 1 FROM a, a), \
             c AS (SELECT 1 FROM b, b), d AS (SELECT 1 FROM c, c) SELECT count(*) FROM d, d",
            Over("sql_time"),
        ),
        case(
            "CTE growing a string each step",
            format!(
                "{FOREVER}, s(x, t) AS (SELECT 1, '' UNION ALL SELECT x + 1, t || printf('%.100000c', 'x') FROM s) SELECT max(length(t)) FROM s"
            ),
            Over("value_length"),
        ),
        case("cartesian join returned whole", "SELECT a.fact, b.fact FROM evidence a, evidence b", Over("rows")),
        case(
            "cartesian join sorted at random",
            "SELECT a.quote FROM evidence a, evidence b ORDER BY random() LIMIT 1",
            Over("sql_time"),
        ),
        case(
            "correlated subquery per row of a join",
            "SELECT count(*) FROM evidence a, evidence b WHERE a.quote < (SELECT max(quote) FROM evidence c WHERE c.fact <> a.fact)",
            Over("sql_time"),
        ),
        // Values too large to make.
        case("zeroblob of a gigabyte", "SELECT length(zeroblob(1000000000))", Over("value_length")),
        case("printf of a two-gigabyte width", "SELECT printf('%2000000000d', 1)", Over("value_length")),
        case("printf with a huge precision", "SELECT printf('%.*c', 2147483647, 'x')", Over("value_length")),
        case(
            "replace bomb",
            "SELECT length(replace(replace(replace(hex(zeroblob(10000)), '0', '0000000000'), '0', '0000000000'), \
             '0', '0000000000'))",
            Over("value_length"),
        ),
        // SQLite stops growing the string at the value length, but reports it only
        // when the aggregate ends: here, never; the time budget ends it.
        case(
            "group_concat bomb",
            format!("{FOREVER} SELECT length(group_concat(printf('%.1000c', 'x'))) FROM c"),
            Over("sql_time"),
        ),
        case(
            "group_concat of 3 MB",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) \
             SELECT length(group_concat(printf('%.1000c', 'x'))) FROM c",
            Over("value_length"),
        ),
        case("json_group_array bomb", format!("{FOREVER} SELECT length(json_group_array(x)) FROM c"), Over("sql_time")),
        case("rows of a megabyte each", format!("{FOREVER} SELECT randomblob(1000000) FROM c"), Over("bytes")),
        case("one row of 100 two-megabyte columns", wide_row(100), Over("bytes")),
        case("one row of 101 columns", wide_row(101), Refused),
        // Deep nesting.
        case("20,000 nested parentheses", format!("SELECT {}1{}", "(".repeat(20_000), ")".repeat(20_000)), Refused),
        case("5,000 nested function calls", format!("SELECT {}1{}", "abs(".repeat(5_000), ")".repeat(5_000)), Refused),
        case("10,000 unary minuses", format!("SELECT {}1", "- ".repeat(10_000)), Refused),
        case(
            "200 nested subqueries",
            format!("SELECT * FROM {}(SELECT 1){}", "(SELECT * FROM ".repeat(200), ")".repeat(200)),
            Answer,
        ),
        case("1,000-term compound select", vec!["SELECT 1"; 1_000].join(" UNION ALL "), Refused),
        case("JSON nested 5,000 deep", format!("SELECT json('{}{}')", "[".repeat(5_000), "]".repeat(5_000)), Refused),
        // Patterns.
        case(
            "LIKE pattern of 81 wildcards",
            format!("SELECT count(*) FROM evidence WHERE quote LIKE '{}b'", "%a".repeat(40)),
            Refused,
        ),
        case(
            "LIKE backtracking on a 2 MB value",
            format!("SELECT printf('%.2000000c', 'a') LIKE '{}b'", "%a".repeat(24)),
            Answer,
        ),
        case(
            "GLOB backtracking on a 2 MB value",
            format!("SELECT printf('%.2000000c', 'a') GLOB '{}b'", "*a".repeat(24)),
            Answer,
        ),
        case(
            "full-text prefix bomb",
            "SELECT count(*) FROM search WHERE search MATCH 'a* OR b* OR c* OR d* OR e* OR s* OR t*'",
            Answer,
        ),
        // Size of the statement itself.
        case(
            "IN list of 200,000 strings",
            format!(
                "SELECT count(*) FROM actor WHERE id IN ({})",
                (0..200_000).map(|i| format!("'x{i}'")).collect::<Vec<_>>().join(",")
            ),
            Over("sql_length"),
        ),
        case(
            "IN list of 10,000 numbers (within the limit)",
            format!(
                "SELECT count(*) FROM evidence WHERE fact IN ({})",
                (0..10_000).map(|i| i.to_string()).collect::<Vec<_>>().join(",")
            ),
            Answer,
        ),
        case("a megabyte of whitespace", format!("SELECT 1{}", " ".repeat(1 << 20)), Over("sql_length")),
        case("a megabyte string literal", format!("SELECT '{}'", "x".repeat(1 << 20)), Over("sql_length")),
        case("variable ?32766", "SELECT ?32766", Refused),
        // More than one statement.
        case("two statements", "SELECT 1; SELECT 2", Refused),
        case("a select hiding a delete", "SELECT 1; DELETE FROM actor", ReadOnly),
        // Settings, files and extensions.
        case("pragma writable_schema", "PRAGMA writable_schema = 1", ReadOnly),
        case("pragma trusted_schema", "PRAGMA trusted_schema = 1", ReadOnly),
        case("pragma query_only off", "PRAGMA query_only = 0", ReadOnly),
        case("pragma hard_heap_limit", "PRAGMA hard_heap_limit = 1", ReadOnly),
        case("attach a new file", format!("ATTACH DATABASE '{}' AS evil", scratch("attach").display()), ReadOnly),
        case("vacuum into a file", format!("VACUUM INTO '{}'", scratch("vacuum").display()), ReadOnly),
        case("load_extension", "SELECT load_extension('/lib/x86_64-linux-gnu/libc.so.6')", ReadOnly),
        case("fts3_tokenizer pointer", "SELECT fts3_tokenizer('simple', x'0000000000000000')", Refused),
        case("the dbstat table (read-only, allowed)", "SELECT count(*) FROM dbstat", Answer),
        case("the sqlite_dbpage table", "SELECT data FROM sqlite_dbpage WHERE pgno = 1", Refused),
    ];
    cases.push(Case {
        name: "a 3 MB blob parameter",
        sql: "SELECT length(?1)".into(),
        params: vec![Value::Blob(vec![0; 3 << 20])],
        expect: Over("value_length"),
    });
    cases
}

/// One row of `columns` two-megabyte values: SQLite holds them all at once.
fn wide_row(columns: usize) -> String {
    format!("SELECT {}", vec!["randomblob(2000000)"; columns].join(", "))
}

/// A path in the temporary directory that no case may create.
fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("pactum-hostile-{}-{name}.sqlite3", std::process::id()))
}

/// The worst cases for memory, measured in child processes on the default budget.
pub const WORST: &[&str] = &[
    "sql:issue: recursive CTE of 50 million rows",
    "sql:issue: length(randomblob(900000000))",
    "sql:one row of 100 two-megabyte columns",
    "sql:rows of a megabyte each",
    "sql:group_concat bomb",
    "sql:json_group_array bomb",
    "sql:cartesian join sorted at random",
];

/// Runs one case on the default budget, for a child process.
pub fn run_named(name: &str) -> String {
    let case = from_the_issue().into_iter().chain(cases()).find(|c| c.name == name).unwrap();
    let mut data = Dataset::open().unwrap();
    data.set_budget(budget_for(&case, Budget::default())).unwrap();
    outcome(&data.query_raw(&case.sql, &case.params))
}

/// `budget`, except that a case not meant to be stopped by time gets all the
/// time it wants, so that only the limit it tests can stop it, however busy the
/// machine (what it takes is in the table: milliseconds).
fn budget_for(case: &Case, mut budget: Budget) -> Budget {
    if case.expect != Over("sql_time") {
        budget.sql_time = Duration::from_secs(60);
    }
    budget
}

fn matches(expect: Expect, result: &Result<Rows, Error>) -> bool {
    match (expect, result) {
        (Over(limit), Err(Error::OverBudget { limit: hit })) => super::limit_name(hit) == limit,
        (ReadOnly, Err(Error::ReadOnly { .. })) | (Refused, Err(Error::Sql(_))) | (Answer, Ok(_)) => true,
        _ => false,
    }
}

/// Runs `cases`, each on `budget_for` it.
fn run(data: &mut Dataset, cases: Vec<Case>, budget: Budget) -> Vec<Line> {
    let count = |data: &Dataset| data.query_raw("SELECT count(*) FROM actor", &[]).unwrap().rows;
    let before = count(data);
    let lines: Vec<Line> = cases
        .into_iter()
        .map(|case| {
            let budget = budget_for(&case, budget);
            data.set_budget(budget).unwrap();
            let time = budget.sql_time;
            let (result, took) = timed(|| data.query_raw(&case.sql, &case.params));
            assert!(
                matches(case.expect, &result),
                "{}: expected {:?}, got {}",
                case.name,
                case.expect,
                outcome(&result)
            );
            assert!(took <= time + MARGIN, "{}: took {took:?}", case.name);
            Line { case: case.name.to_owned(), took, outcome: outcome(&result) }
        })
        .collect();
    assert_eq!(count(data), before, "a hostile statement changed the data");
    assert!(!scratch("attach").exists() && !scratch("vacuum").exists(), "a hostile statement wrote a file");
    lines
}

#[test]
fn the_issues_statements_end_within_the_default_budget() {
    let mut data = Dataset::open().unwrap();
    let lines = run(&mut data, from_the_issue(), Budget::default());
    print_table("Hostile SQL from the issue (default budget)", &lines);
}

#[test]
fn hostile_statements_end_within_their_budget_or_are_refused() {
    let mut data = bundled();
    let cases = cases();
    assert!(cases.len() + from_the_issue().len() >= 30);
    let lines = run(&mut data, cases, suite_budget());
    print_table("Hostile SQL (sql_time 250 ms)", &lines);
    // The handle is still healthy after all of them.
    assert!(data.actor("eu").is_ok());
}

#[test]
fn a_cancel_handle_stops_a_running_query_from_another_thread() {
    fn shareable<T: Send + Sync + Clone>(_: &T) {}
    let data = Dataset::open().unwrap();
    let cancel = data.cancel_handle();
    shareable(&cancel);
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        cancel.cancel();
    });
    let (result, took) = timed(|| data.query_raw(&format!("{FOREVER} SELECT count(*) FROM c"), &[]));
    canceller.join().unwrap();
    assert!(matches!(result, Err(Error::Cancelled)), "{}", outcome(&result));
    assert!(took < Duration::from_millis(100) + MARGIN, "{took:?}");
    // The next query runs normally.
    assert!(data.query_raw("SELECT count(*) FROM evidence", &[]).is_ok());
}

#[test]
fn typed_queries_run_on_their_own_time_budget() {
    let mut data = Dataset::open().unwrap();
    let mut budget = Budget::default();
    budget.query_time = Duration::ZERO;
    data.set_budget(budget).unwrap();
    // Listing every source runs long enough for SQLite to look at the clock.
    let err = data.sources().unwrap_err();
    assert!(matches!(err, Error::OverBudget { limit: Limit::QueryTime(_) }), "{err}");
    assert!(err.to_string().contains("Budget::query_time"), "{err}");
    // Raw SQL has its own, untouched.
    assert!(data.query_raw("SELECT count(*) FROM source", &[]).is_ok());
}

#[test]
fn every_budget_error_names_its_limit_and_how_to_raise_it() {
    let data = Dataset::open().unwrap();
    let err = data.query_raw(&format!("{FOREVER} SELECT count(*) FROM c"), &[]).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("1s per raw SQL statement (Budget::sql_time)"), "{message}");
    assert!(message.contains("Dataset::set_budget"), "{message}");
}
