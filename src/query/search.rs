//! Full-text search over names, aliases, titles, summaries and evidence quotes.

use std::collections::{HashMap, HashSet};

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::parse;
use super::script::unsegmented;
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

text_enum! {
    /// Where in a row a search matched: why the row is a hit.
    pub enum MatchedIn {
        /// Its name, an alias or a name in another language, or its title (for a
        /// source, its publisher and title; for a contract, what it buys).
        Names = "names",
        /// Its summary, description, definition or notes.
        Body = "body",
        /// A verbatim quote of the evidence behind it.
        Quotes = "quotes",
        /// Its names and body together: no one of its texts holds every word of
        /// the query.
        All = "all",
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
    /// The best matching text, with matches in `[brackets]`.
    pub snippet: String,
    /// Why it matched: what the best matching text is, which the snippet is from.
    pub matched_in: MatchedIn,
}

/// Every text of a words or trigram index that matches, best first: agreements,
/// events, actors and areas before sources, then bm25 with names weighing ten times
/// and summaries four times as much as quotes, and all of a row's texts together
/// half as much.
macro_rules! matching {
    ($table:literal) => {
        concat!(
            "SELECT rowid, kind, ref, field FROM ",
            $table,
            " WHERE ",
            $table,
            " MATCH ?1 \
             ORDER BY kind = 'source', bm25(",
            $table,
            ") * CASE field WHEN 'names' THEN 10.0 \
             WHEN 'body' THEN 4.0 WHEN 'quotes' THEN 1.0 ELSE 0.5 END, kind, ref"
        )
    };
}

/// The snippets of the texts whose rowids are in the JSON list `?2`, in one pass
/// over the matches: a snippet costs more than the match, so it is made only for
/// the texts that become hits. A snippet of the trigram index counts characters.
macro_rules! snippets {
    ($table:literal, $tokens:literal) => {
        concat!(
            "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?2)) THEN snippet(",
            $table,
            ", 3, '[', ']', '…', ",
            $tokens,
            ") END FROM ",
            $table,
            " WHERE ",
            $table,
            " MATCH ?1"
        )
    };
}

/// The statements of one index: its matching texts, and their snippets.
struct Index {
    matching: &'static str,
    snippets: &'static str,
}

const WORDS: Index = Index { matching: matching!("search"), snippets: snippets!("search", "12") };
const TRIGRAMS: Index = Index { matching: matching!("search_trigram"), snippets: snippets!("search_trigram", "48") };

impl Dataset {
    /// Searches names (in every stored language), titles, summaries and evidence
    /// quotes with SQLite FTS5 syntax: words (`howitzer`), prefixes (`howitz*`),
    /// phrases (`"strategic dialogue"`), `AND`, `OR`, `NOT` and `NEAR`.
    ///
    /// - English words match their other forms: `howitzers` finds "howitzer".
    ///   Case and diacritics never matter.
    /// - Japanese, Chinese and Korean text is matched as substrings, so `防衛`
    ///   finds 防衛装備品 and `안보` finds 안보·국방.
    /// - In a query of plain words (no FTS5 syntax), a word of four letters or more
    ///   also finds the words it begins ("Korea" finds "Korean"), and a word with
    ///   punctuation is read as written ("FA-50").
    /// - One hit per row, each with its best snippet and [`MatchedIn`] saying why
    ///   it matched. A row one of whose names is the whole query comes first; then
    ///   agreements, events, actors and areas before sources; within them, matches
    ///   in names and titles weigh more than matches in summaries, and those more
    ///   than matches in quotes. A quote's hit points at the actor, agreement or
    ///   event its fact belongs to.
    ///
    /// Queries of words, prefixes and phrases are answered from a copy of the
    /// words index in memory, with the same hits in the same order as FTS5's
    /// (a test holds them to each other). The first search of a process reads it:
    /// about 50 ms for the bundled data, shared by every handle on it; a file's
    /// handle reads its own, and a file of more than 250,000 texts (or 64 MiB of
    /// them) is searched by FTS5 alone. Other FTS5 syntax (`AND`, `OR`, `NOT`, `NEAR`, columns) is
    /// answered by FTS5.
    ///
    /// A query may have at most 16 words and 256 bytes: FTS5's cost grows with the
    /// square of the number of terms, and no useful question needs more.
    ///
    /// ```
    /// use pactum::{HitKind, MatchedIn};
    /// let data = pactum::Dataset::open()?;
    /// let hits = data.search("howitzers")?;
    /// assert_eq!(hits[0].kind, HitKind::Agreement);
    /// assert_eq!(hits[0].matched_in, MatchedIn::Names);
    /// assert_eq!(data.search("Japan")?[0].id, "jp");
    /// assert!(!data.search("防衛")?.is_empty());
    /// assert!(matches!(data.search("\"unbalanced"), Err(pactum::Error::InvalidSearch { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSearch`](crate::Error::InvalidSearch) if `given` is not valid FTS5 syntax, or has
    /// more than 16 words or 256 bytes. A valid query that matches nothing is an empty list.
    pub fn search(&self, given: &str) -> Result<Vec<SearchHit>> {
        check_size(given)?;
        let plain = is_plain(given);
        // FTS5 would split "FA-50" or "한-EU" into words and read the hyphen as an
        // operator; in a query of plain words they are meant as written.
        let quoted;
        let query = if plain {
            quoted = plain_query(given);
            quoted.as_str()
        } else {
            given
        };
        let long_terms = terms(query).iter().all(|t| t.chars().count() >= 3);
        let mut hits = if query.chars().any(unsegmented) {
            // The trigram index matches terms of three characters or more; shorter
            // ones (most Japanese and Korean words are two) are scanned for.
            if long_terms { self.ranked(given, query, &TRIGRAMS)? } else { self.substrings(query)? }
        } else if let Some(hits) = self.words()?.and_then(|words| words.search(query)) {
            hits
        } else {
            self.ranked(given, query, &WORDS)?
        };
        if plain {
            self.named_first(given, &mut hits)?;
        }
        Ok(hits)
    }

    /// Hits of a full-text query on one index, best first: each row's best text,
    /// with its snippet. Errors name the query as it was given.
    fn ranked(&self, given: &str, query: &str, index: &Index) -> Result<Vec<SearchHit>> {
        let invalid = |e| invalid_search(given, e);
        let mut stmt = self.conn.prepare_cached(index.matching).sql()?;
        let rows = stmt
            .query_map(params![query], |r| {
                let hit =
                    SearchHit { kind: parse(r, 1)?, id: r.get(2)?, matched_in: parse(r, 3)?, snippet: String::new() };
                Ok((r.get::<_, i64>(0)?, hit))
            })
            .map_err(invalid)?;
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        for row in rows {
            let (text, hit) = row.map_err(invalid)?;
            if seen.insert((hit.kind, hit.id.clone())) {
                hits.push((text, hit));
            }
        }
        if hits.is_empty() {
            return Ok(Vec::new());
        }
        let wanted = format!("[{}]", hits.iter().map(|(text, _)| text.to_string()).collect::<Vec<_>>().join(","));
        let mut stmt = self.conn.prepare_cached(index.snippets).sql()?;
        let mut snippets: HashMap<i64, String> = HashMap::new();
        let rows = stmt
            .query_map(params![query, wanted], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?)))
            .map_err(invalid)?;
        for row in rows {
            if let (text, Some(snippet)) = row.map_err(invalid)? {
                snippets.insert(text, snippet);
            }
        }
        Ok(hits
            .into_iter()
            .map(|(text, mut hit)| {
                hit.snippet = snippets.remove(&text).unwrap_or_default();
                hit
            })
            .collect())
    }

    /// Moves the rows one of whose names is the whole query ("Japan", "DPRK") to
    /// the front, in their order.
    fn named_first(&self, query: &str, hits: &mut [SearchHit]) -> Result<()> {
        let key = super::fold::fold(query);
        if key.is_empty() || hits.is_empty() {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached("SELECT entity, ref FROM search_lookup WHERE key = ?1").sql()?;
        let named: Vec<(HitKind, String)> =
            stmt.query_map([key], |r| Ok((parse(r, 0)?, r.get(1)?))).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        hits.sort_by_key(|hit| !named.iter().any(|(kind, id)| (*kind, id) == (hit.kind, &hit.id)));
        Ok(())
    }

    /// Hits for terms too short for the trigram index: rows with a text holding
    /// every term, ranked as [`Dataset::search`] says, the text with the most
    /// occurrences first.
    fn substrings(&self, query: &str) -> Result<Vec<SearchHit>> {
        let terms: Vec<String> = terms(query).iter().map(|t| t.to_lowercase()).collect();
        let Some(longest) = terms.iter().max_by_key(|t| t.chars().count()) else {
            return Ok(Vec::new());
        };
        // The pattern only narrows the rows read; every term is checked below. SQLite
        // refuses patterns longer than the hardening's limit, so a long term is cut
        // to a prefix that fits.
        let mut escaped = String::new();
        for c in longest.chars() {
            let piece = match c {
                '\\' | '%' | '_' => format!("\\{c}"),
                c => c.to_string(),
            };
            if escaped.len() + piece.len() + 2 > crate::hardening::LIKE_PATTERN_LENGTH {
                break;
            }
            escaped.push_str(&piece);
        }
        let pattern = format!("%{escaped}%");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, ref, field, text FROM search_trigram WHERE text LIKE ?1 ESCAPE '\\'")
            .sql()?;
        let rows = stmt
            .query_map(params![pattern], |r| {
                Ok((parse::<HitKind>(r, 0)?, r.get::<_, String>(1)?, parse::<MatchedIn>(r, 2)?, r.get::<_, String>(3)?))
            })
            .sql()?;
        let mut found = Vec::new();
        for row in rows {
            let (kind, id, matched_in, text) = row.sql()?;
            let lower = text.to_lowercase();
            if !terms.iter().all(|t| lower.contains(t.as_str())) {
                continue;
            }
            let count: usize = terms.iter().map(|t| lower.matches(t.as_str()).count()).sum();
            let rank = (kind == HitKind::Source, matched_in, std::cmp::Reverse(count), text.chars().count());
            found.push((rank, SearchHit { kind, id, snippet: excerpt(&text, &terms), matched_in }));
        }
        found.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| (x.kind, &x.id).cmp(&(y.kind, &y.id))));
        let mut hits: Vec<SearchHit> = Vec::new();
        for (_, hit) in found {
            if !hits.iter().any(|seen| (seen.kind, &seen.id) == (hit.kind, &hit.id)) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }
}

/// The words of a query, without FTS5's operators and quotes.
fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '(' | ')' | '*' | '^' | '+' | ':' | ','))
        .filter(|t| !t.is_empty() && !matches!(*t, "AND" | "OR" | "NOT" | "NEAR"))
        .map(str::to_owned)
        .collect()
}

/// A query of plain words as FTS5 should read it: words that hold punctuation in
/// double quotes, and words of four letters or more as prefixes, so that a word
/// finds its derived forms too ("Korea" finds "Korean"; FTS5 stems the prefix first).
/// A Russian word becomes the prefix of its Snowball stem, so that one case finds
/// the others ("Кремля" finds "Кремль"): the index does not stem Russian.
fn plain_query(query: &str) -> String {
    let words = query.split_whitespace().map(|word| {
        if !word.chars().all(char::is_alphanumeric) {
            format!("\"{word}\"")
        } else if word.chars().count() >= 4 && word.chars().all(cyrillic) {
            format!("{}*", russian_stem(word))
        } else if word.chars().count() >= 4 && !word.chars().any(unsegmented) {
            format!("{word}*")
        } else {
            word.to_owned()
        }
    });
    words.collect::<Vec<_>>().join(" ")
}

fn cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The Snowball stem of a Russian word, kept to at least three letters: a shorter
/// prefix would find too much.
fn russian_stem(word: &str) -> String {
    let lower = word.to_lowercase();
    let stem = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian).stem(&lower).into_owned();
    if stem.chars().count() >= 3 { stem } else { lower }
}

/// A query of words alone, without FTS5 syntax.
fn is_plain(query: &str) -> bool {
    !query.contains(['"', '(', ')', '*', '^', ':', '+'])
        && !query.split_whitespace().any(|w| matches!(w, "AND" | "OR" | "NOT" | "NEAR"))
}

/// Up to 24 characters before and 48 after the first term found in `text`, with
/// every term in brackets, as FTS5's snippets show them. `terms` are lower case.
fn excerpt(text: &str, terms: &[String]) -> String {
    const AROUND: usize = 24;
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    // Lower-casing can change the number of characters; fall back to the text's start.
    let same = lower.len() == chars.len();
    let terms: Vec<Vec<char>> = terms.iter().map(|t| t.chars().collect()).collect();
    let at = |i: usize| terms.iter().find(|t| same && !t.is_empty() && lower[i..].starts_with(t)).map(Vec::len);
    let first = (0..chars.len()).find(|&i| at(i).is_some()).unwrap_or(0);
    let (from, to) = (first.saturating_sub(AROUND), (first + 2 * AROUND).min(chars.len()));
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut i = from;
    while i < to {
        match at(i) {
            Some(len) => {
                out.push('[');
                out.extend(&chars[i..(i + len).min(chars.len())]);
                out.push(']');
                i += len;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    if to < chars.len() {
        out.push('…');
    }
    out
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

/// The words index in memory answers exactly as FTS5 does: the same rows, in the
/// same order, for the same reason.
#[cfg(all(test, feature = "bundled"))]
mod tests {
    use proptest::prelude::*;

    use super::{WORDS, plain_query};
    use crate::Dataset;

    /// The hits of `query` from memory and from FTS5, as (kind, id, why).
    fn both(data: &Dataset, query: &str) -> Option<(Vec<String>, Vec<String>)> {
        let memory = data.words().unwrap().expect("the bundled data is answered from memory").search(query)?;
        let fts5 = data.ranked(query, query, &WORDS).unwrap();
        let show = |hits: Vec<super::SearchHit>| {
            hits.into_iter().map(|h| format!("{} {} {}", h.kind, h.id, h.matched_in)).collect::<Vec<_>>()
        };
        Some((show(memory), show(fts5)))
    }

    #[test]
    fn the_queries_of_the_documentation_answer_from_memory_as_from_fts5() {
        let data = Dataset::open().unwrap();
        for query in ["howitzer*", "Korea*", "\"FA-50\"", "Japan", "K9 howitzer*", "\"strategic dialogue\"", "ROK"] {
            let (memory, fts5) = both(&data, query).unwrap_or_else(|| panic!("{query} is answered from memory"));
            assert!(!memory.is_empty(), "{query}");
            assert_eq!(memory, fts5, "{query}");
        }
    }

    /// Queries made of the data's own words: as written, in other cases, as
    /// prefixes, as phrases of neighbouring words, and two together.
    fn queries() -> impl Strategy<Value = String> {
        let data = Dataset::open().unwrap();
        let words = data.words().unwrap().unwrap();
        let texts: Vec<String> = (0..words.text_count()).map(|i| words.text(i).to_owned()).collect();
        let one =
            (0..texts.len(), any::<prop::sample::Index>(), 1usize..4, 0u8..6).prop_map(move |(t, at, len, shape)| {
                let text = &texts[t];
                let spans = super::super::words::tokens(text);
                if spans.is_empty() {
                    return "x".to_owned();
                }
                let from = at.index(spans.len());
                let to = (from + len).min(spans.len()) - 1;
                let word = &text[spans[from].0..spans[from].1];
                match shape {
                    0 => word.to_owned(),
                    1 => word.to_uppercase(),
                    2 => format!("{}*", word.chars().take(1 + len).collect::<String>()),
                    3 => format!("\"{}\"", &text[spans[from].0..spans[to].1].replace('"', " ")),
                    4 => format!("\"{}\"*", &text[spans[from].0..spans[to].1].replace('"', " ")),
                    _ => plain_query(&text[spans[from].0..spans[to].1]),
                }
            });
        (one.clone(), prop::option::of(one)).prop_map(|(a, b)| match b {
            Some(b) => format!("{a} {b}"),
            None => a,
        })
    }

    proptest! {
        #[test]
        fn any_query_of_words_answers_from_memory_as_from_fts5(query in queries()) {
            let data = Dataset::open().unwrap();
            if let Some((memory, fts5)) = both(&data, &query) {
                prop_assert_eq!(memory, fts5, "{}", query);
            }
        }
    }
}
