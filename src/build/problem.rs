//! What the builder reports: every problem at once, each where it is.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// One problem in a data directory, located the way a compiler locates an error.
///
/// Displays as `file:line:column: row: field: rule`, for example
/// `mine/agreements.toml:12:1: agreement au-pg-treaty: field kind: unknown variant ...`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Problem {
    /// The file the problem is in, as it was given (a bundled file as `schema/data/…`).
    pub file: PathBuf,
    /// The line, counted from 1.
    pub line: usize,
    /// The column in characters, counted from 1.
    pub column: usize,
    /// The row, as its table and id or key: `agreement eu-japan-sdp`.
    pub row: Option<String>,
    /// The field the rule is about, where there is one.
    pub field: Option<String>,
    /// The rule broken, and what to do about it.
    pub rule: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        if let Some(row) = &self.row {
            write!(f, "{row}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field {field}: ")?;
        }
        f.write_str(&self.rule)
    }
}

/// Every problem a build found, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}
