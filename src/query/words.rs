//! The words index of `search`, answered from memory.
//!
//! FTS5 pays for every matching text: it reads the text's row, its length and its
//! kind, works out bm25, and sorts. For the bundled data that is about fifty times
//! what the same answer costs from plain Rust collections. This module keeps what
//! those steps read — each text's words as FTS5 stored them, its length, what it
//! belongs to — and answers a query of words, prefixes and phrases by the same rules:
//! the same matches, bm25 as FTS5 computes it, the same order.
//!
//! Exactness rests on two things read from FTS5 itself, never re-implemented: the
//! stemmed form of every word (a private in-memory FTS5 table with the schema's
//! tokenizer stems them), and the length of every text (`search_docsize`), which
//! the words found here must add up to, text by text; where they do not, the index
//! is not built and FTS5 answers. A differential test holds the two to each other.
//!
//! Everything else — other FTS5 syntax, words FTS5 does not read as one word,
//! scripts the trigram index serves — goes to FTS5, as does a file with more than
//! [`MOST_TEXTS`] texts or [`MOST_BYTES`] of text, whose index would cost more
//! memory than it saves time.

use std::borrow::Cow;
use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};
use std::sync::{Mutex, PoisonError};

use rusqlite::Connection;
use unicode_normalization::char::is_combining_mark;

use super::search::{HitKind, MatchedIn, SearchHit};
use crate::error::{Result, SqlResultExt};

/// The most texts kept in memory. The bundled data has about nine thousand; a
/// file of 100,000 synthetic agreements, 100,200 (read in 0.4 s, 70 MB), and one of
/// a million, a million (10 s, 700 MB: more than a search is worth).
const MOST_TEXTS: usize = 250_000;

/// The most bytes of text kept in memory: a file may hold values of up to the
/// budget's length, and 250,000 of them would not fit. The bundled data has 1.2 MB.
const MOST_BYTES: usize = 64 << 20;

/// The tokenizer of `search` in `schema/schema.sql`, which stems the words here.
const TOKENIZER: &str = "porter unicode61 remove_diacritics 2";

/// The most tokens of a snippet, as FTS5's `snippet(…, 12)` makes them.
const SNIPPET_TOKENS: usize = 12;

/// The texts of `search` and their words.
pub(crate) struct Words {
    texts: Vec<Text>,
    /// The terms, sorted (SQLite's text order), so that a prefix is a range.
    terms: Vec<Box<str>>,
    /// For each term, where it occurs: (text, position), ascending.
    postings: Vec<Vec<(u32, u32)>>,
    /// A word as a query may hold it (as written, or in lower case) → its term.
    stems: HashMap<Box<str>, Box<str>>,
    /// The mean length of the texts, in tokens, as bm25 takes it.
    average: f64,
    /// How many rows (actors, agreements, …) the texts belong to.
    rows: usize,
    /// Stems the words of a query that no text holds.
    stemmer: Mutex<Connection>,
}

/// One text of `search`, numbered in rowid order.
struct Text {
    kind: HitKind,
    id: Box<str>,
    field: MatchedIn,
    text: Box<str>,
    /// Its length in tokens.
    length: u32,
    /// Its place in the order of kind, id and rowid, the ranking's last keys.
    order: u32,
    /// The number of the row it belongs to.
    row: u32,
}

impl Words {
    /// Reads the texts and stems their words; `None` when this module cannot answer
    /// exactly as FTS5 would (too many texts, or a text whose words it counts
    /// otherwise than FTS5 did).
    pub(crate) fn read(conn: &Connection) -> Result<Option<Words>> {
        let mut lengths = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, sz FROM search_docsize").sql()?;
        let mut rows = stmt.query([]).sql()?;
        while let Some(row) = rows.next().sql()? {
            if lengths.len() == MOST_TEXTS {
                return Ok(None);
            }
            let sizes: Vec<u8> = row.get(1).sql()?;
            lengths.insert(row.get::<_, i64>(0).sql()?, varints_sum(&sizes));
        }
        let mut texts = Vec::new();
        let mut bytes = 0;
        let mut words: Vec<Vec<u32>> = Vec::new();
        let mut numbers: HashMap<Box<str>, u32> = HashMap::new();
        let mut spelled: Vec<Box<str>> = Vec::new();
        let mut stmt = conn.prepare("SELECT rowid, kind, ref, field, text FROM search ORDER BY rowid").sql()?;
        let mut rows = stmt.query([]).sql()?;
        while let Some(row) = rows.next().sql()? {
            let text: Box<str> = row.get::<_, String>(4).sql()?.into();
            bytes += text.len();
            if bytes > MOST_BYTES {
                return Ok(None);
            }
            let mut these = Vec::new();
            for (from, to) in tokens(&text) {
                let word = &text[from..to];
                let number = match numbers.get(word) {
                    Some(&number) => number,
                    None => {
                        spelled.push(word.into());
                        numbers.insert(word.into(), spelled.len() as u32 - 1);
                        spelled.len() as u32 - 1
                    }
                };
                these.push(number);
            }
            if lengths.get(&row.get::<_, i64>(0).sql()?) != Some(&(these.len() as u64)) {
                return Ok(None);
            }
            texts.push(Text {
                kind: super::parse(row, 1).sql()?,
                id: row.get::<_, String>(2).sql()?.into(),
                field: super::parse(row, 3).sql()?,
                length: these.len() as u32,
                text,
                order: 0,
                row: 0,
            });
            words.push(these);
        }
        // Each word as written, and in lower case as a query may type it.
        let mut typed: Vec<Box<str>> = spelled.clone();
        let mut lowered: Vec<Box<str>> = spelled
            .iter()
            .map(|w| w.to_lowercase().into_boxed_str())
            .filter(|w| !numbers.contains_key(w) && tokens(w) == [(0, w.len())])
            .collect();
        lowered.sort_unstable();
        lowered.dedup();
        typed.extend(lowered);
        let stemmer = stemmer()?;
        let Some(stemmed) = stem_with(&stemmer, &typed)? else {
            return Ok(None);
        };
        let terms: Vec<Box<str>> =
            stemmed[..spelled.len()].iter().cloned().collect::<BTreeSet<_>>().into_iter().collect();
        let term_of: Vec<u32> =
            stemmed[..spelled.len()].iter().map(|t| terms.binary_search(t).map_or(0, |i| i as u32)).collect();
        let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); terms.len()];
        for (number, these) in words.iter().enumerate() {
            for (position, &word) in these.iter().enumerate() {
                postings[term_of[word as usize] as usize].push((number as u32, position as u32));
            }
        }
        // The order of the ranking's last keys (kind, id, then rowid), and which
        // row each text belongs to, worked out once.
        let mut by_row: Vec<u32> = (0..texts.len() as u32).collect();
        by_row.sort_by(|&a, &b| {
            let (s, t) = (&texts[a as usize], &texts[b as usize]);
            (s.kind.as_str(), &s.id, a).cmp(&(t.kind.as_str(), &t.id, b))
        });
        let mut row = 0;
        for (order, &text) in by_row.iter().enumerate() {
            if order > 0 {
                let before = &texts[by_row[order - 1] as usize];
                let this = &texts[text as usize];
                row += u32::from((before.kind, &before.id) != (this.kind, &this.id));
            }
            texts[text as usize].order = order as u32;
            texts[text as usize].row = row;
        }
        let rows = row as usize + 1;
        let total: u64 = texts.iter().map(|t| u64::from(t.length)).sum();
        let average = if texts.is_empty() { 1.0 } else { total as f64 / texts.len() as f64 };
        let stems = typed.into_iter().zip(stemmed).collect();
        Ok(Some(Words { texts, terms, postings, stems, average, rows, stemmer: Mutex::new(stemmer) }))
    }

    #[cfg(all(test, feature = "bundled"))]
    pub(crate) fn text_count(&self) -> usize {
        self.texts.len()
    }

    #[cfg(all(test, feature = "bundled"))]
    pub(crate) fn text(&self, number: usize) -> &str {
        &self.texts[number].text
    }

    /// The hits of `query` as [`Dataset::search`](crate::Dataset::search) ranks the
    /// words index, or `None` if the query is not one this module answers.
    pub(crate) fn search(&self, query: &str) -> Option<Vec<SearchHit>> {
        let phrases = self.phrases(query)?;
        let found: Vec<Vec<(u32, u32)>> = phrases.iter().map(|p| self.occurrences(p)).collect();
        // Each phrase's texts, with how often it occurs in each.
        let counts: Vec<Vec<(u32, u32)>> = found.iter().map(|f| per_text(f)).collect();
        let Some(smallest) = counts.iter().min_by_key(|c| c.len()) else {
            return Some(Vec::new());
        };
        let count_in = |c: &[(u32, u32)], text: u32| c.binary_search_by_key(&text, |&(t, _)| t).ok().map(|i| c[i].1);
        let texts = self.texts.len() as f64;
        // bm25 as FTS5's `fts5Bm25Function` computes it, operation for operation.
        let (k1, b) = (1.2, 0.75);
        let idf: Vec<f64> = counts
            .iter()
            .map(|c| {
                let hits = c.len() as f64;
                let idf = ((texts - hits + 0.5) / (hits + 0.5)).ln();
                if idf <= 0.0 { 1e-6 } else { idf }
            })
            .collect();
        let mut ranked = Vec::new();
        'texts: for &(text, _) in smallest {
            let length = f64::from(self.texts[text as usize].length);
            let mut score = 0.0;
            for (c, idf) in counts.iter().zip(&idf) {
                let Some(freq) = count_in(c, text) else { continue 'texts };
                let freq = f64::from(freq);
                score += idf * ((freq * (k1 + 1.0)) / (freq + k1 * (1.0 - b + b * length / self.average)));
            }
            let t = &self.texts[text as usize];
            ranked.push((t.kind == HitKind::Source, -score * weight(t.field), t.order, text));
        }
        ranked.sort_unstable_by(|x, y| {
            x.0.cmp(&y.0).then(x.1.partial_cmp(&y.1).unwrap_or(std::cmp::Ordering::Equal)).then(x.2.cmp(&y.2))
        });
        let mut seen = vec![false; self.rows];
        let mut hits = Vec::new();
        for (.., text) in ranked {
            let t = &self.texts[text as usize];
            if std::mem::replace(&mut seen[t.row as usize], true) {
                continue;
            }
            let mut matches = Vec::new();
            for (phrase, f) in phrases.iter().zip(&found) {
                let from = f.partition_point(|&(t, _)| t < text);
                let to = from + f[from..].partition_point(|&(t, _)| t == text);
                matches.extend(f[from..to].iter().map(|&(_, at)| (at, at + phrase.len() as u32)));
            }
            hits.push(SearchHit {
                kind: t.kind,
                id: t.id.to_string(),
                snippet: snippet(&t.text, &matches),
                matched_in: t.field,
            });
        }
        Some(hits)
    }

    /// The phrases of a query of words (`howitzer`), prefixes (`howitz*`) and
    /// phrases (`"FA-50"`, `"strategic dialogue"*`), each as its terms with whether
    /// the last is a prefix; `None` for any other syntax, or a word FTS5 would not
    /// read as one word.
    fn phrases(&self, query: &str) -> Option<Vec<Phrase<'_>>> {
        let mut phrases = Vec::new();
        let mut rest = query.trim_start();
        while !rest.is_empty() {
            let (inner, after) = if let Some(quoted) = rest.strip_prefix('"') {
                let end = quoted.find('"')?;
                (&quoted[..end], &quoted[end + 1..])
            } else {
                let end = rest.find(|c: char| c.is_whitespace() || c == '"' || c == '*').unwrap_or(rest.len());
                let word = &rest[..end];
                // FTS5's barewords: ASCII letters, digits and `_`, and anything beyond ASCII.
                if !word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii())
                    || matches!(word, "AND" | "OR" | "NOT" | "NEAR")
                {
                    return None;
                }
                (word, &rest[end..])
            };
            let (prefix, after) = match after.strip_prefix('*') {
                Some(after) => (true, after),
                None => (false, after),
            };
            if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
                return None;
            }
            let terms: Vec<Cow<'_, str>> =
                tokens(inner).into_iter().map(|(from, to)| self.term(&inner[from..to])).collect::<Option<_>>()?;
            if terms.is_empty() {
                return None;
            }
            phrases.push(Phrase { terms, prefix });
            rest = after.trim_start();
        }
        (!phrases.is_empty()).then_some(phrases)
    }

    /// A word's term: known if a text holds the word as written (or, in ASCII, in
    /// another case), else stemmed by FTS5 now (`None` if FTS5 does not read it as
    /// one word). Beyond ASCII, FTS5's case folding is its own (it leaves Georgian
    /// capitals as they are, for one), so only FTS5 can say what a word folds to.
    fn term(&self, word: &str) -> Option<Cow<'_, str>> {
        let known = self
            .stems
            .get(word)
            .or_else(|| word.is_ascii().then(|| self.stems.get(word.to_ascii_lowercase().as_str())).flatten());
        if let Some(term) = known {
            return Some(Cow::Borrowed(term));
        }
        let stemmer = self.stemmer.lock().unwrap_or_else(PoisonError::into_inner);
        let stemmed = stem_with(&stemmer, &[word.into()]).ok()??;
        stemmed.into_iter().next().map(|term| Cow::Owned(term.into()))
    }

    /// Where a phrase occurs: (text, position it starts at), ascending.
    fn occurrences(&self, phrase: &Phrase) -> Vec<(u32, u32)> {
        let last = phrase.terms.len() - 1;
        let at: Vec<Cow<'_, [(u32, u32)]>> =
            phrase.terms.iter().enumerate().map(|(i, term)| self.positions(term, phrase.prefix && i == last)).collect();
        let mut found = at[0].clone().into_owned();
        found.retain(|&(text, start)| {
            at[1..].iter().zip(1..).all(|(next, i)| next.binary_search(&(text, start + i)).is_ok())
        });
        found
    }

    /// Where a term, or every term it begins, occurs: (text, position), ascending.
    fn positions(&self, term: &str, prefix: bool) -> Cow<'_, [(u32, u32)]> {
        let from = self.terms.partition_point(|t| &**t < term);
        let to = if prefix {
            from + self.terms[from..].partition_point(|t| t.starts_with(term))
        } else {
            from + usize::from(self.terms.get(from).is_some_and(|t| &**t == term))
        };
        match &self.postings[from..to] {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(one),
            many => {
                let mut all: Vec<(u32, u32)> = many.concat();
                all.sort_unstable();
                Cow::Owned(all)
            }
        }
    }
}

/// Occurrences (text, position), ascending, as (text, how many).
fn per_text(occurrences: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for &(text, _) in occurrences {
        match counts.last_mut() {
            Some((t, n)) if *t == text => *n += 1,
            _ => counts.push((text, 1)),
        }
    }
    counts
}

/// A phrase of a query: its terms, the last a prefix if `prefix`.
struct Phrase<'a> {
    terms: Vec<Cow<'a, str>>,
    prefix: bool,
}

impl Phrase<'_> {
    fn len(&self) -> usize {
        self.terms.len()
    }
}

/// How much a text's field weighs: the factor of `search`'s ranking statement.
fn weight(field: MatchedIn) -> f64 {
    match field {
        MatchedIn::Names => 10.0,
        MatchedIn::Body => 4.0,
        MatchedIn::Quotes => 1.0,
        MatchedIn::All => 0.5,
    }
}

/// The words of a text as FTS5's `unicode61` finds them: runs of letters and
/// digits (combining marks, such as Arabic vowel signs, separate them), as byte
/// ranges. Where this differs from FTS5 on some text, the lengths
/// disagree and the index is not built.
pub(crate) fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        let word = if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() && !is_combining_mark(c) };
        match (word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        found.push((from, text.len()));
    }
    found
}

/// A private in-memory database whose one table tokenizes as `search` does.
fn stemmer() -> Result<Connection> {
    let conn = Connection::open_in_memory().sql()?;
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE w USING fts5(word, tokenize = '{TOKENIZER}');
         CREATE VIRTUAL TABLE v USING fts5vocab(w, instance);"
    ))
    .sql()?;
    Ok(conn)
}

/// Each word's term as FTS5's tokenizer makes it, through [`stemmer`]; `None` if
/// some word is not exactly one token to FTS5.
fn stem_with(conn: &Connection, words: &[Box<str>]) -> Result<Option<Vec<Box<str>>>> {
    conn.execute("DELETE FROM w", []).sql()?;
    // One row, one word per line: a single insert, and the words' offsets are
    // their numbers.
    conn.prepare_cached("INSERT INTO w(word) VALUES (?1)").sql()?.execute([words.join("\n")]).sql()?;
    let mut stemmed: Vec<Option<Box<str>>> = vec![None; words.len()];
    let mut stmt = conn.prepare_cached("SELECT term, \"offset\" FROM v").sql()?;
    let mut rows = stmt.query([]).sql()?;
    let mut count = 0;
    while let Some(row) = rows.next().sql()? {
        count += 1;
        let offset = row.get::<_, i64>(1).sql()?;
        match usize::try_from(offset).ok().and_then(|o| stemmed.get_mut(o)) {
            Some(slot) => *slot = Some(row.get::<_, String>(0).sql()?.into()),
            None => return Ok(None),
        }
    }
    if count != words.len() {
        return Ok(None);
    }
    Ok(stemmed.into_iter().collect())
}

/// The sum of the varints of an FTS5 `docsize` record: a text's length in tokens
/// over all columns.
fn varints_sum(mut bytes: &[u8]) -> u64 {
    let mut sum = 0u64;
    while !bytes.is_empty() {
        let mut value = 0u64;
        let mut used = 0;
        for (i, &byte) in bytes.iter().enumerate().take(9) {
            used = i + 1;
            if i == 8 {
                value = (value << 8) | u64::from(byte);
                break;
            }
            value = (value << 7) | u64::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                break;
            }
        }
        sum = sum.wrapping_add(value);
        bytes = &bytes[used..];
    }
    sum
}

/// Up to [`SNIPPET_TOKENS`] tokens of `text` around its best cluster of matches
/// (token ranges `matches`), every match in brackets, with `…` where text is cut.
fn snippet(text: &str, matches: &[(u32, u32)]) -> String {
    let spans = tokens(text);
    let n = spans.len();
    if n == 0 {
        return text.to_owned();
    }
    let width = SNIPPET_TOKENS.min(n);
    let inside = |start: usize| {
        let end = start + width;
        matches.iter().filter(|&&(a, b)| a as usize >= start && b as usize <= end).count()
    };
    let best =
        matches.iter().map(|&(a, _)| (a as usize).min(n - width)).max_by_key(|&s| (inside(s), std::cmp::Reverse(s)));
    let mut start = best.unwrap_or(0);
    // Centre the matches of the window in it, leaving words before them for context.
    let within: Vec<&(u32, u32)> =
        matches.iter().filter(|&&(a, b)| a as usize >= start && b as usize <= start + width).collect();
    if let (Some(first), Some(last)) = (within.iter().map(|m| m.0).min(), within.iter().map(|m| m.1).max()) {
        let slack = width.saturating_sub((last - first) as usize);
        start = (first as usize).saturating_sub(slack / 2).min(n - width);
    }
    let end = start + width;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = spans[start].0;
    let mut token = start;
    while token < end {
        let open = matches.iter().filter(|&&(a, _)| a as usize == token).map(|&(_, b)| b as usize).max();
        match open {
            Some(close) => {
                let close = close.min(end);
                out.push_str(&text[at..spans[token].0]);
                out.push('[');
                out.push_str(&text[spans[token].0..spans[close - 1].1]);
                out.push(']');
                at = spans[close - 1].1;
                token = close;
            }
            None => {
                out.push_str(&text[at..spans[token].1]);
                at = spans[token].1;
                token += 1;
            }
        }
    }
    if end < n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{snippet, tokens, varints_sum};

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = "Russia’s K9 howitzers, FA-50";
        let words: Vec<&str> = tokens(text).into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(words, ["Russia", "s", "K9", "howitzers", "FA", "50"]);
    }

    #[test]
    fn a_docsize_record_adds_up_its_columns() {
        assert_eq!(varints_sum(&[0, 0, 0, 0x33]), 0x33);
        assert_eq!(varints_sum(&[0, 0, 0x81, 0x00]), 128);
    }

    #[test]
    fn a_snippet_brackets_each_match_and_marks_the_cuts() {
        let text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        assert_eq!(
            snippet(text, &[(13, 14)]),
            "…three four five six seven eight nine ten eleven twelve thirteen [fourteen]"
        );
        assert_eq!(snippet("FA-50 light attack aircraft", &[(0, 2)]), "[FA-50] light attack aircraft");
    }
}
