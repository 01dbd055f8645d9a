//! A data directory of the test's own, built without the bundled data or on it.

use std::path::{Path, PathBuf};

use pactum::build::{Builder, Problem};
use pactum::{Dataset, Error};

/// Two sources and two states: what most test directories start from.
pub const BASE: &str = r#"
[[source]]
id = "ministry"
kind = "official"
publisher = "A ministry"
title = "A page"
url = "https://example.org/page"
note = "Test data."

[[source]]
id = "paper"
kind = "newspaper"
publisher = "A newspaper"
title = "A report"
url = "https://example.org/report"
note = "Test data."

[[actor]]
id = "aa"
kind = "grouping"
name = "Group A"
evidence = [{ source = "ministry", quote = "Group A", confidence = "high" }]

[[actor]]
id = "bb"
kind = "grouping"
name = "Group B"
evidence = [{ source = "paper", quote = "Group B", confidence = "medium" }]
"#;

/// A temporary directory of data files, removed when dropped.
pub struct DataDir(pub PathBuf);

impl DataDir {
    /// A directory holding `files` (name, text).
    pub fn with(name: &str, files: &[(&str, &str)]) -> DataDir {
        let dir = std::env::temp_dir().join(format!("pactum-build-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        DataDir(dir)
    }

    /// A directory with one file, `test.toml`: [`BASE`] and `data`.
    pub fn base(name: &str, data: &str) -> DataDir {
        DataDir::with(name, &[("test.toml", &format!("{BASE}\n{data}"))])
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Builds the directory alone and opens the result.
    pub fn open(&self) -> Result<Dataset, Error> {
        let (image, _) = Builder::new().without_bundled().directory(&self.0).build()?;
        Dataset::open_image(Box::leak(image.into_boxed_slice()))
    }

    /// Builds the directory alone, expecting problems, and checks that writing the
    /// same build writes nothing.
    pub fn problems(&self) -> Vec<Problem> {
        problems_of(Builder::new().without_bundled().directory(&self.0), &self.0)
    }
}

/// The problems a failing builder reports; writing it leaves nothing behind, not
/// even a temporary file, in the directory it would have written to.
pub fn problems_of(builder: Builder, dir: &Path) -> Vec<Problem> {
    let out_dir = dir.with_extension("out");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    let problems = match builder.write(out_dir.join("built.sqlite3")) {
        Err(Error::InvalidData { problems }) => problems.0,
        other => panic!("expected problems, got {other:?}"),
    };
    let left: Vec<_> = std::fs::read_dir(&out_dir).unwrap().collect();
    assert!(left.is_empty(), "a failed build wrote {left:?}");
    std::fs::remove_dir_all(&out_dir).unwrap();
    problems
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
