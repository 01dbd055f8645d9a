//! Full-text search over names, aliases, titles, summaries and evidence quotes.

use std::collections::HashSet;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::parse;
use crate::Dataset;
use crate::error::{Error, Result, SqlResultExt, from_sqlite};
use crate::text_enum::text_enum;

text_enum! {
    /// What a search hit points at.
    pub enum HitKind {
        /// An actor; the id is an actor id.
        Actor = "actor",
        /// An agreement; the id is an agreement id.
        Agreement = "agreement",
        /// An event; the id is an event id.
        Event = "event",
        /// A cooperation area; the id is its slug.
        Area = "area",
        /// A source; the id is a source id.
        Source = "source",
    }
}

/// A row that matches a full-text query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SearchHit {
    /// What the hit points at.
    pub kind: HitKind,
    /// The id of the actor, agreement, event, area or source.
    pub id: String,
    /// The matching text, with matches in `[brackets]`.
    pub snippet: String,
}

impl Dataset {
    /// Searches names, aliases, titles, summaries and evidence quotes with SQLite
    /// FTS5 syntax: words (`howitzer`), prefixes (`howitz*`), phrases
    /// (`"strategic dialogue"`), `AND`, `OR`, `NOT` and `NEAR`. A quote's hit points at
    /// the actor, agreement or event its fact belongs to. Best matches first, one
    /// hit per row.
    ///
    /// A query may have at most 16 words and 256 bytes: FTS5's cost grows with the
    /// square of the number of terms, and no useful question needs more.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let hits = data.search("howitzer*")?;
    /// assert!(hits.iter().any(|h| h.id == "k9" || h.kind == pactum::HitKind::Agreement));
    /// assert!(matches!(data.search("\"unbalanced"), Err(pactum::Error::InvalidSearch { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSearch`](crate::Error::InvalidSearch) if `query` is not valid FTS5 syntax, or has
    /// more than 16 words or 256 bytes. A valid query that matches nothing is an empty list.
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>> {
        check_size(query)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT kind, ref, snippet(search, 2, '[', ']', '…', 16) FROM search \
                 WHERE search MATCH ?1 ORDER BY rank, kind, ref",
            )
            .sql()?;
        let rows = stmt
            .query_map(params![query], |r| Ok(SearchHit { kind: parse(r, 0)?, id: r.get(1)?, snippet: r.get(2)? }))
            .map_err(|e| invalid_search(query, e))?;
        // A row is indexed under several texts; keep its best-ranked one.
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        for hit in rows {
            let hit = hit.map_err(|e| invalid_search(query, e))?;
            if seen.insert((hit.kind, hit.id.clone())) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }
}

/// The most words (runs of letters and digits) a query may have.
const MAX_TERMS: usize = 16;
/// The most bytes a query may have.
const MAX_BYTES: usize = 256;

fn check_size(query: &str) -> Result<()> {
    let terms = query.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).count();
    if query.len() > MAX_BYTES || terms > MAX_TERMS {
        return Err(Error::InvalidSearch {
            query: query.to_owned(),
            message: format!("too long: a query may have at most {MAX_TERMS} words and {MAX_BYTES} bytes"),
        });
    }
    Ok(())
}

/// FTS5 reports bad query syntax as a plain SQLite error (`SQLITE_ERROR`) when the
/// query runs. The statement itself is fixed and valid, so such an error can only
/// come from the query text.
fn invalid_search(query: &str, error: rusqlite::Error) -> Error {
    match &error {
        rusqlite::Error::SqliteFailure(code, message) if code.extended_code == 1 => Error::InvalidSearch {
            query: query.to_owned(),
            message: message.clone().unwrap_or_else(|| "syntax error".to_owned()),
        },
        _ => from_sqlite(error),
    }
}
