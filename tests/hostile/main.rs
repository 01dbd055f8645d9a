//! Hostile input: SQL typed by a stranger and database files uploaded by one.
//!
//! Every case finishes within its time budget plus a small margin, with a typed
//! error or an honest answer: never a hang, a crash, or memory past the bound
//! the README documents. `cargo test --test hostile -- --nocapture` prints the
//! table of cases; the worst cases' peak memory is measured in child processes.

mod files;
mod sql;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use pactum::{Budget, Dataset, Error, Limit};

/// The budget the suite runs most cases on: the defaults, with shorter times and
/// fewer rows so that the whole suite takes seconds.
fn suite_budget() -> Budget {
    let mut budget = Budget::default();
    budget.sql_time = Duration::from_millis(250);
    budget.query_time = Duration::from_millis(500);
    budget.rows = 10_000;
    budget
}

/// How far past its time budget a case may finish: SQLite checks the clock
/// every thousand instructions, and the machine running the suite may be busy.
const MARGIN: Duration = Duration::from_millis(400);

/// What a case ended with, as the table shows it.
fn outcome<T>(result: &Result<T, Error>) -> String {
    match result {
        Ok(_) => "answer".to_owned(),
        Err(Error::OverBudget { limit }) => format!("OverBudget({})", limit_name(limit)),
        Err(Error::SchemaMismatch { difference, .. }) => format!("SchemaMismatch: {difference}"),
        Err(Error::Sql(e)) => format!("Sql: {e}"),
        Err(e) => format!("{e:?}").split([' ', '(', '{']).next().unwrap_or_default().to_owned(),
    }
}

fn limit_name(limit: &Limit) -> &'static str {
    match limit {
        Limit::SqlTime(_) => "sql_time",
        Limit::QueryTime(_) => "query_time",
        Limit::Rows(_) => "rows",
        Limit::Bytes(_) => "bytes",
        Limit::ValueLength(_) => "value_length",
        Limit::SqlLength(_) => "sql_length",
        _ => "other",
    }
}

/// One line of a printed table.
struct Line {
    case: String,
    took: Duration,
    outcome: String,
}

fn print_table(title: &str, lines: &[Line]) {
    let mut out = format!("\n{title}\n| case | time | outcome |\n|---|---:|---|\n");
    for line in lines {
        let mut outcome = line.outcome.replace('|', "/");
        if outcome.len() > 110 {
            let cut = (0..=110).rev().find(|&i| outcome.is_char_boundary(i)).unwrap_or(0);
            outcome.truncate(cut);
            outcome.push('…');
        }
        let _ = writeln!(out, "| {} | {:.0?} | {} |", line.case, line.took, outcome);
    }
    println!("{out}");
}

/// Runs `case`, timing it.
fn timed<T>(case: impl FnOnce() -> Result<T, Error>) -> (Result<T, Error>, Duration) {
    let started = Instant::now();
    let result = case();
    (result, started.elapsed())
}

/// A handle on the bundled data with the suite's budget.
fn bundled() -> Dataset {
    let mut data = Dataset::open().unwrap();
    data.set_budget(suite_budget()).unwrap();
    data
}

/// The peak resident memory of this process so far, in kB (Linux only).
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

const CHILD: &str = "PACTUM_HOSTILE_CHILD";

/// Runs the named worst cases, each in a child process of this test binary, and
/// returns each one's outcome and peak memory in kB.
fn peak_memory_of(cases: &[&str]) -> Vec<(String, String, u64)> {
    let exe = std::env::current_exe().unwrap();
    // One at a time, so that they do not slow down the timed cases running beside them.
    cases
        .iter()
        .map(|case| {
            let out = std::process::Command::new(&exe)
                .args(["--exact", "child_runs_one_case", "--nocapture", "--test-threads=1"])
                .env(CHILD, case)
                .output()
                .unwrap();
            let out = String::from_utf8(out.stdout).unwrap();
            let line =
                out.lines().find_map(|l| Some(l.split_once("child: ")?.1)).unwrap_or_else(|| panic!("{case}: {out}"));
            let (kb, outcome) = line.split_once(' ').unwrap();
            (case.to_string(), outcome.to_owned(), kb.parse().unwrap())
        })
        .collect()
}

/// Not a case of its own: the body of a child process started by `peak_memory_of`.
#[test]
fn child_runs_one_case() {
    let Ok(case) = std::env::var(CHILD) else { return };
    let outcome = if let Some(case) = case.strip_prefix("sql:") {
        sql::run_named(case)
    } else if let Some(case) = case.strip_prefix("file:") {
        files::run_named(case)
    } else {
        let data = Dataset::open().unwrap();
        outcome(&data.actors())
    };
    println!("child: {} {outcome}", peak_kb().unwrap_or(0));
}

/// Memory of the worst cases, against a child that only opens the data and
/// answers one query. SQLite's own allocations go through `malloc`, so the
/// peak resident size (VmHWM) is the honest measure.
#[test]
#[cfg(target_os = "linux")]
fn the_worst_cases_stay_within_the_documented_memory_bound() {
    let mut cases = vec!["baseline"];
    cases.extend(sql::WORST);
    cases.extend(files::WORST);
    let measured = peak_memory_of(&cases);
    let baseline = measured[0].2;
    let mut out = String::from("\nPeak memory of the worst cases (VmHWM of a child process)\n");
    out.push_str("| case | outcome | peak | above baseline |\n|---|---|---:|---:|\n");
    for (case, outcome, kb) in &measured {
        let _ =
            writeln!(out, "| {case} | {outcome} | {} MiB | {} MiB |", kb / 1024, kb.saturating_sub(baseline) / 1024);
    }
    println!("{out}");
    // The bound the README documents for the default budget: a row of at most
    // 100 columns of at most 2 MiB each, and a raw result of at most 64 MiB,
    // twice over for copies in flight.
    const BOUND_KB: u64 = 2 * (100 * 2 + 64) * 1024;
    for (case, outcome, kb) in &measured {
        assert!(kb.saturating_sub(baseline) < BOUND_KB, "{case} ({outcome}) peaked at {kb} kB");
    }
}
