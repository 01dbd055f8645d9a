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

/// The property-test settings for checks that compare whole datasets in every case
/// (every agreement, every partnership, on one day): a hundredth of `PROPTEST_CASES`
/// (100 of CI's 10,000), at least 16. Each case costs tens of milliseconds where the
/// other property tests' cost microseconds.
pub fn whole_dataset_cases() -> proptest::prelude::ProptestConfig {
    let default = proptest::prelude::ProptestConfig::default();
    proptest::prelude::ProptestConfig { cases: (default.cases / 100).max(16), failure_persistence: None, ..default }
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
