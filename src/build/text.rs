//! A data file's text, kept to say where in it a row or a field is.

use std::ops::Range;
use std::path::PathBuf;

use super::problem::Problem;

/// The text of one data file and where its lines and table headers start.
pub(crate) struct TextFile {
    /// The path shown in problems.
    pub shown: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// Byte offsets of every `[table]` or `[[array]]` header line.
    headers: Vec<usize>,
}

impl TextFile {
    pub fn new(shown: PathBuf, text: String) -> TextFile {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        let headers = line_starts
            .iter()
            .copied()
            .filter(|&at| text[at..].trim_start_matches([' ', '\t']).starts_with('['))
            .collect();
        TextFile { shown, text, line_starts, headers }
    }

    /// Line and column (from 1, the column in characters) of a byte offset.
    pub fn position(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= at);
        let start = self.line_starts[line - 1];
        let column = self.text.get(start..at).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// Where `field` is set in the row whose header spans `header`: the key's
    /// position in the lines up to the next header, or the header itself.
    pub fn field(&self, header: &Range<usize>, field: &str) -> usize {
        let end = self.headers.iter().copied().find(|&h| h >= header.end).unwrap_or(self.text.len());
        let body = &self.text[header.end.min(end)..end];
        let mut offset = header.end;
        for line in body.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix(field)
                && rest.trim_start().starts_with('=')
            {
                return offset + (line.len() - trimmed.len());
            }
            offset += line.len();
        }
        header.start
    }

    /// A problem at a byte offset.
    pub fn problem(&self, at: usize, row: Option<String>, field: Option<&str>, rule: String) -> Problem {
        let (line, column) = self.position(at);
        Problem { file: self.shown.clone(), line, column, row, field: field.map(str::to_owned), rule }
    }
}
