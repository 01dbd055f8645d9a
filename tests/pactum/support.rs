//! What every test module needs: the data, days, scratch directories, raw counts,
//! and the rule for tests that drive outside tools.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pactum::Dataset;
use pactum::raw::Value;

pub fn data() -> Dataset {
    Dataset::open().expect("the bundled data opens")
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Days for the checks that compare whole datasets on one day (every agreement,
/// every partnership): a hundredth of `PROPTEST_CASES` (100 of CI's 10,000), at
/// least 16, drawn from `days` by proptest's deterministic runner, so every run
/// checks the same days. Each such check costs tens of milliseconds where the other
/// property tests' cases cost microseconds, and proptest's own case count cannot be
/// lowered for one test: `PROPTEST_CASES` overrides it.
pub fn whole_dataset_days(days: impl proptest::strategy::Strategy<Value = NaiveDate>) -> Vec<NaiveDate> {
    use proptest::strategy::ValueTree;
    let n = (proptest::prelude::ProptestConfig::default().cases / 100).max(16);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    (0..n).map(|_| days.new_tree(&mut runner).expect("a day").current()).collect()
}

/// Runs `check` on each day, naming the day on which it fails.
pub fn on_each_day(days: Vec<NaiveDate>, check: impl Fn(NaiveDate) + std::panic::RefUnwindSafe) {
    for on in days {
        if std::panic::catch_unwind(|| check(on)).is_err() {
            panic!("the check fails on {on}");
        }
    }
}

/// The rows of a table, or of any `FROM` clause.
pub fn count(data: &Dataset, from: &str) -> i64 {
    match data.query_raw(&format!("SELECT count(*) FROM {from}"), &[]).unwrap().rows[0][0] {
        Value::Integer(n) => n,
        ref other => panic!("count(*) gave {other:?}"),
    }
}

/// Lets a test go on without an outside tool, saying so, unless the environment
/// variable `CI` is set: there a missing tool fails the test, because CI installs
/// them all (see `.ci/run`).
#[cfg(any(feature = "export", feature = "graph"))]
pub fn skip(tool: &str, why: &str) {
    assert!(std::env::var_os("CI").is_none(), "{tool} is needed in CI but {why}; see .ci/run for how to install it");
    eprintln!("skipped: {tool} {why}");
}

/// A fresh directory for one test, removed when the test ends.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("pactum-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
