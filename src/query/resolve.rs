//! Turning what a person types into actors and agreements: ids, codes, names,
//! short names, aliases and titles, in any stored language.

use rusqlite::{Row, params};
use serde::{Deserialize, Serialize};

use super::fold::fold;
use super::parse;
use super::script::unsegmented;
use super::search::HitKind;
use crate::Dataset;
use crate::error::{Result, SqlResultExt};
use crate::text_enum::text_enum;

text_enum! {
    /// Which of a row's names matched a resolved text.
    pub enum MatchedBy {
        /// Its id (`jp`, `eu-japan-sdp`).
        Id = "id",
        /// Its ISO 3166-1 alpha-2 code (`JP`).
        IsoAlpha2 = "iso_alpha2",
        /// Its ISO 3166-1 alpha-3 code (`JPN`).
        IsoAlpha3 = "iso_alpha3",
        /// Its ISO 3166-1 numeric code (`392`).
        IsoNumeric = "iso_numeric",
        /// Its Wikidata id (`Q17`).
        Wikidata = "wikidata",
        /// An actor's full name.
        Name = "name",
        /// An actor's short name.
        ShortName = "short_name",
        /// An alias, or a name in another language (see [`NameMatch::language`]).
        Alias = "alias",
        /// An agreement's full title.
        Title = "title",
        /// An agreement's short title.
        ShortTitle = "short_title",
    }
}

impl MatchedBy {
    /// How strongly a whole-name match of this kind identifies its row: ids first,
    /// then codes, then full names and titles, then everything else.
    fn strength(self) -> u8 {
        match self {
            MatchedBy::Id => 0,
            MatchedBy::IsoAlpha2 | MatchedBy::IsoAlpha3 | MatchedBy::IsoNumeric | MatchedBy::Wikidata => 1,
            MatchedBy::Name | MatchedBy::Title => 2,
            MatchedBy::ShortName | MatchedBy::ShortTitle | MatchedBy::Alias => 3,
        }
    }
}

/// One actor or agreement a text may mean, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NameMatch {
    /// [`HitKind::Actor`] or [`HitKind::Agreement`].
    pub kind: HitKind,
    /// The actor's or agreement's id.
    pub id: String,
    /// Its label: the short name or title if it has one, else the full one.
    pub label: String,
    /// Which of its names matched.
    pub matched_by: MatchedBy,
    /// That name as stored (`Republic of Korea`, `日本国`, `Q17`).
    pub name: String,
    /// The name's language, for names in a stated language.
    pub language: Option<String>,
    /// `true` when the text is the whole name (ignoring case, diacritics and
    /// punctuation); `false` when it is only some of the name's words, or, for
    /// Japanese, Chinese and Korean, part of it.
    pub exact: bool,
}

/// What a text resolves to: ranked matches, whether they leave it open which one
/// was meant, and near misses when nothing matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Resolution {
    /// The text as given.
    pub text: String,
    /// Every actor and agreement the text names, best first, each once: whole
    /// names before partial ones; ids, then codes, then full names, then short
    /// names and aliases; among partial matches, the shortest name first.
    pub matches: Vec<NameMatch>,
    /// `true` when the best two matches are different rows matched equally well,
    /// such as "Korea" (South Korea or North Korea): ask which one was meant.
    pub ambiguous: bool,
    /// When nothing matched: the names the text comes closest to ("did you mean"),
    /// closest first. Empty otherwise.
    pub suggestions: Vec<NameMatch>,
}

impl Resolution {
    /// The match the text certainly means: the best one, unless there is none or
    /// the text is ambiguous.
    pub fn best(&self) -> Option<&NameMatch> {
        if self.ambiguous { None } else { self.matches.first() }
    }

    /// The best match of one kind (actor or agreement), unless another match of
    /// that kind is as good.
    ///
    /// ```
    /// use pactum::HitKind;
    /// let data = pactum::Dataset::open()?;
    /// assert_eq!(data.resolve("South Korea")?.best_of(HitKind::Actor).unwrap().id, "kr");
    /// assert!(data.resolve("Korea")?.best_of(HitKind::Actor).is_none());
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn best_of(&self, kind: HitKind) -> Option<&NameMatch> {
        let mut of_kind = self.matches.iter().filter(|m| m.kind == kind);
        let first = of_kind.next()?;
        match of_kind.next() {
            Some(second) if rank(second) == rank(first) => None,
            _ => Some(first),
        }
    }
}

/// How good a match is; lower is better, and equal means equally good. A whole
/// name ranks by what kind of name it is; part of a name by how much of the name
/// the text covers (the shorter the name, the closer), then by its kind.
fn rank(m: &NameMatch) -> (bool, usize, u8) {
    let length = if m.exact { 0 } else { fold(&m.name).chars().count() };
    (!m.exact, length, m.matched_by.strength())
}

/// The longest text resolved: no name in the dataset is longer, and comparing a
/// longer one for near misses would cost time for nothing.
const MAX_CHARS: usize = 300;

/// How similar (Jaro–Winkler, 0 to 1) a name must be to a text to be suggested.
const SUGGEST_AT: f64 = 0.85;

/// How many near misses to suggest.
const SUGGESTIONS: usize = 5;

/// The lookup columns every statement here reads, with the row's label.
macro_rules! lookup_columns {
    () => {
        "l.entity, l.ref, l.field, l.text, l.language, \
         CASE l.entity WHEN 'actor' THEN (SELECT coalesce(short_name, name) FROM actor WHERE id = l.ref) \
         ELSE (SELECT coalesce(short_title, title) FROM agreement WHERE id = l.ref) END, l.key"
    };
}

fn lookup_row(row: &Row<'_>, exact: bool) -> rusqlite::Result<(NameMatch, String)> {
    let name = NameMatch {
        kind: parse(row, 0)?,
        id: row.get(1)?,
        matched_by: parse(row, 2)?,
        name: row.get(3)?,
        language: row.get(4)?,
        label: row.get(5)?,
        exact,
    };
    Ok((name, row.get(6)?))
}

impl Dataset {
    /// Resolves what a person types into the actors and agreements it names: an id
    /// (`kr`), an ISO 3166-1 code (`KOR`, `410`), a Wikidata id (`Q884`), a name,
    /// short name or alias (`South Korea`, `ROK`), a title, or a name in another
    /// language (`대한민국`, `Polska`), ignoring case, diacritics and punctuation.
    ///
    /// Text that is a whole name matches it; otherwise text that is some of a
    /// name's words (`Korea`), or for Japanese, Chinese and Korean part of it,
    /// matches more loosely. Matches are ranked, and [`Resolution::ambiguous`] says
    /// when the best ones are equally good. When nothing matches,
    /// [`Resolution::suggestions`] lists the nearest names. Text without letters or
    /// digits, or too long to be a name, resolves to nothing.
    ///
    /// ```
    /// use pactum::{HitKind, MatchedBy};
    /// let data = pactum::Dataset::open()?;
    /// let japan = data.resolve("japan")?;
    /// assert_eq!(japan.best().unwrap().id, "jp");
    /// assert_eq!(data.resolve("JPN")?.best().unwrap().matched_by, MatchedBy::IsoAlpha3);
    /// assert_eq!(data.resolve("Turkiye")?.best().unwrap().id, "tr");
    /// assert!(data.resolve("Korea")?.ambiguous);
    /// assert_eq!(data.resolve("Japn")?.suggestions[0].id, "jp");
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn resolve(&self, text: &str) -> Result<Resolution> {
        let mut resolution =
            Resolution { text: text.to_owned(), matches: Vec::new(), ambiguous: false, suggestions: Vec::new() };
        if text.chars().nth(MAX_CHARS).is_some() {
            return Ok(resolution);
        }
        let key = fold(text);
        if key.is_empty() {
            return Ok(resolution);
        }
        let exact = concat!("SELECT ", lookup_columns!(), " FROM search_lookup l WHERE l.key = ?1");
        let mut found = self.lookup(exact, params![key], true)?;
        if found.is_empty() {
            let partial = concat!(
                "SELECT ",
                lookup_columns!(),
                " FROM search_lookup l WHERE instr(' ' || l.key || ' ', ' ' || ?1 || ' ') > 0 \
                 OR (?2 AND instr(l.key, ?1) > 0)"
            );
            found = self.lookup(partial, params![key, key.chars().any(unsegmented)], false)?;
        }
        found.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| (a.kind, &a.id).cmp(&(b.kind, &b.id))));
        for m in found {
            if !resolution.matches.iter().any(|seen| (seen.kind, &seen.id) == (m.kind, &m.id)) {
                resolution.matches.push(m);
            }
        }
        resolution.ambiguous = match resolution.matches.as_slice() {
            [first, second, ..] => rank(first) == rank(second),
            _ => false,
        };
        if resolution.matches.is_empty() {
            resolution.suggestions = self.near_misses(&key)?;
        }
        Ok(resolution)
    }

    fn lookup(&self, sql: &str, params: impl rusqlite::Params, exact: bool) -> Result<Vec<NameMatch>> {
        let mut stmt = self.conn.prepare_cached(sql).sql()?;
        let rows = stmt.query_map(params, |r| lookup_row(r, exact)).sql()?;
        rows.map(|r| r.map(|(m, _)| m)).collect::<rusqlite::Result<_>>().sql()
    }

    /// The names closest to a text that matched none, each row once.
    fn near_misses(&self, key: &str) -> Result<Vec<NameMatch>> {
        let length = key.chars().count();
        let mut stmt =
            self.conn.prepare_cached(concat!("SELECT ", lookup_columns!(), " FROM search_lookup l")).sql()?;
        let rows = stmt.query_map([], |r| lookup_row(r, false)).sql()?;
        let mut scored = Vec::new();
        for row in rows {
            let (name, candidate) = row.sql()?;
            // Names of very different lengths are not near misses; skipping them
            // keeps the comparison cheap.
            if candidate.chars().count().abs_diff(length) > length.max(4) / 2 {
                continue;
            }
            let similarity = strsim::jaro_winkler(key, &candidate);
            if similarity >= SUGGEST_AT {
                scored.push((similarity, name));
            }
        }
        scored.sort_by(|(a, x), (b, y)| b.total_cmp(a).then_with(|| (x.kind, &x.id).cmp(&(y.kind, &y.id))));
        let mut suggestions: Vec<NameMatch> = Vec::new();
        for (_, name) in scored {
            if suggestions.len() < SUGGESTIONS && !suggestions.iter().any(|s| (s.kind, &s.id) == (name.kind, &name.id))
            {
                suggestions.push(name);
            }
        }
        Ok(suggestions)
    }
}
