//! Loading the rows of every layer into a fresh database, checking each as it goes.
//!
//! Rows are loaded table by table in a fixed order (sources, areas, actors, then
//! systems, memberships and posts, then agreements and events, collections and
//! names, and last the amendments of users' data), so that the same text always
//! gives the same database. A row that breaks a rule is reported where it is and
//! loading goes on, so that one build reports every problem.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use rusqlite::{Connection, params};
use toml::Spanned;

use super::facts::{Ledger, derived};
use super::index::Texts;
use super::input::{AlternativeIn, DataFile, EvidenceIn};
use super::problem::Problem;
use super::read::{Corpus, Layer};
use crate::{Confidence, PartialDate, SourceKind};

/// The longest quote, in characters: evidence quotes a sentence, not a page.
pub(crate) const QUOTE_LENGTH: usize = 300;

/// Where a row is: its file, its header and how problems name it.
#[derive(Clone)]
pub(crate) struct Here {
    pub file: usize,
    pub at: Range<usize>,
    pub row: String,
}

/// The state of one load: the database, the problems found, the ids declared and
/// the facts given numbers.
pub(crate) struct Load<'c> {
    pub conn: &'c Connection,
    pub corpus: &'c Corpus,
    pub problems: Vec<Problem>,
    /// Every declared id, by namespace, with where it is declared.
    pub ids: HashMap<(&'static str, String), Here>,
    pub ledger: Ledger,
    /// Every fact's key and number, for amendments and the fact-id guarantee.
    pub facts: HashMap<String, i64>,
    /// The table and owning row of each fact, for the search index.
    pub owner: HashMap<i64, (&'static str, String)>,
    pub texts: Texts,
    /// Rows (file, header offset) that repeat an id.
    duplicates: HashSet<(usize, usize)>,
    /// Each source's kind, for what its evidence can claim.
    source_kinds: HashMap<String, SourceKind>,
    /// The evidence lists already found rated above their sources (a child row
    /// inherits its parent's list: one mistake, told once).
    overrated: HashSet<usize>,
}

/// A date as the database stores it.
pub(crate) fn iso(date: &Option<PartialDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

impl<'c> Load<'c> {
    pub fn new(conn: &'c Connection, corpus: &'c Corpus, ledger: Ledger, problems: Vec<Problem>) -> Self {
        Load {
            conn,
            corpus,
            problems,
            ids: HashMap::new(),
            ledger,
            facts: HashMap::new(),
            owner: HashMap::new(),
            texts: Texts::default(),
            duplicates: HashSet::new(),
            source_kinds: rows(corpus, |d| &d.source)
                .map(|(_, s)| (s.get_ref().id.clone(), s.get_ref().kind))
                .collect(),
            overrated: HashSet::new(),
        }
    }

    /// Adds every quote to the texts to index, under the row its fact belongs to.
    pub fn texts_quotes(&mut self) -> crate::Result<()> {
        use crate::error::SqlResultExt;
        self.texts.add_quotes(self.conn, &self.owner).sql()
    }

    /// A name must have letters or digits, or nobody can look it up.
    pub fn lookable(&mut self, here: &Here, field: &str, name: &str) {
        if crate::query::fold::fold(name).is_empty() {
            self.problem(here, Some(field), format!("{name:?} has no letters or digits to look it up by"));
        }
    }

    /// Whether a row, or the row it is part of, already has a problem: a second
    /// problem that follows from the first would only repeat it.
    fn reported(&self, here: &Here, rule: Option<&str>) -> bool {
        let shown = &self.corpus.files[here.file].shown;
        self.problems.iter().any(|p| {
            &p.file == shown
                && p.row.as_ref().is_some_and(|row| here.row.starts_with(row.as_str()))
                && rule.is_none_or(|rule| p.rule == rule)
        })
    }

    /// Whether a row repeats the id of a row before it: it is reported once, not loaded.
    pub fn duplicate(&self, here: &Here) -> bool {
        self.duplicates.contains(&(here.file, here.at.start))
    }

    /// Reports a problem with a row, at a field if it names one.
    pub fn problem(&mut self, here: &Here, field: Option<&str>, rule: impl Into<String>) {
        let rule = rule.into();
        if self.reported(here, Some(&rule)) {
            return;
        }
        let file = &self.corpus.files[here.file];
        let at = field.map_or(here.at.start, |f| file.field(&here.at, f));
        let problem = file.problem(at, Some(here.row.clone()), field, rule);
        self.problems.push(problem);
    }

    /// Runs an insert, reporting the database's refusal as a problem of the row.
    pub fn insert(&mut self, here: &Here, sql: &str, values: impl rusqlite::Params) {
        // The same few statements run once per row: prepared once, then cached.
        if let Err(e) = self.conn.prepare_cached(sql).and_then(|mut stmt| stmt.execute(values)) {
            if self.reported(here, None) {
                return;
            }
            let rule = match e {
                rusqlite::Error::SqliteFailure(_, Some(message)) => {
                    format!("the schema refuses it ({message}); see schema/schema.sql")
                }
                other => format!("the schema refuses it ({other})"),
            };
            self.problem(here, None, rule);
        }
    }

    /// Declares an id, reporting a second row with the same one.
    pub fn declare(&mut self, namespace: &'static str, id: &str, here: &Here) {
        if let Some(first) = self.ids.get(&(namespace, id.to_owned())) {
            let first_file = &self.corpus.files[first.file];
            let (line, _) = first_file.position(first.at.start);
            let mut rule =
                format!("duplicate id: {namespace} {id} is already declared at {}:{line}", first_file.shown.display());
            if first.file != here.file
                && self.layer(first.file) == Layer::Bundled
                && self.layer(here.file) != Layer::Bundled
            {
                rule.push_str(
                    "; your data cannot restate a bundled row: to add evidence or another value to it, \
                     write an [[amend]] naming its fact",
                );
            }
            let here = here.clone();
            self.problem(&here, Some("id"), rule);
            self.duplicates.insert((here.file, here.at.start));
        } else {
            self.ids.insert((namespace, id.to_owned()), here.clone());
        }
    }

    /// Checks that a referenced id is declared, suggesting the nearest one if not.
    pub fn refer(&mut self, here: &Here, field: &str, namespace: &'static str, id: &str) {
        if self.ids.contains_key(&(namespace, id.to_owned())) {
            return;
        }
        let nearest = self
            .ids
            .keys()
            .filter(|(ns, _)| *ns == namespace)
            .map(|(_, known)| (strsim::jaro_winkler(known, id), known))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(score, _)| *score > 0.85)
            .map(|(_, known)| format!("; did you mean {known}?"))
            .unwrap_or_default();
        self.problem(here, Some(field), format!("unknown {namespace} {id}: no row declares this id{nearest}"));
    }

    pub fn layer(&self, file: usize) -> Layer {
        self.corpus.data[file].0
    }

    /// Gives a fact its number and loads its evidence and alternatives.
    pub fn fact(
        &mut self,
        here: &Here,
        key: String,
        owner: Option<(&'static str, &str)>,
        evidence: &[EvidenceIn],
        alternatives: &[AlternativeIn],
    ) -> i64 {
        if evidence.is_empty() {
            self.problem(here, None, "a fact without evidence: add evidence = [{ source, quote, confidence }]");
        }
        let id = self.number(here, key.clone(), owner);
        self.evidence(here, id, evidence);
        let fields: BTreeSet<&str> = alternatives.iter().map(|a| a.field.as_str()).collect();
        for field in fields {
            let preferred = alternatives.iter().filter(|a| a.field == field && a.preferred).count();
            if preferred != 1 {
                self.problem(
                    here,
                    Some("alternatives"),
                    format!("field {field} has {preferred} preferred alternatives; mark exactly one preferred = true"),
                );
            }
        }
        for alt in alternatives {
            self.alternative(here, id, &key, owner, alt);
        }
        id
    }

    /// Loads one alternative value of a fact's field, itself a fact.
    pub fn alternative(
        &mut self,
        here: &Here,
        subject: i64,
        key: &str,
        owner: Option<(&'static str, &str)>,
        alt: &AlternativeIn,
    ) {
        if alt.evidence.is_empty() {
            self.problem(
                here,
                Some("alternatives"),
                format!("the alternative {}={} has no evidence", alt.field, alt.value),
            );
        }
        let fact = self.number(here, format!("alternative/{key}/{}/{}", alt.field, alt.value), owner);
        self.evidence(here, fact, &alt.evidence);
        self.insert(
            here,
            "INSERT INTO alternative (fact, subject, field, value, preferred, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![fact, subject, alt.field, alt.value, alt.preferred, alt.reason],
        );
    }

    /// The number of a fact's key: from the ledger for bundled rows, derived from the
    /// key for users' rows. A key seen twice gets `#2`, `#3`… in load order.
    fn number(&mut self, here: &Here, base: String, owner: Option<(&'static str, &str)>) -> i64 {
        // The suffix goes on the whole key: a key may itself hold a `#` (a provision
        // without an article is `provision/<agreement>/#<n>`).
        let mut key = base.clone();
        let mut n = 1;
        while self.facts.contains_key(&key) {
            n += 1;
            key = format!("{base}#{n}");
        }
        let id = match self.layer(here.file) {
            Layer::Bundled => self.ledger.bundled(&key).unwrap_or_else(|| {
                self.problems.push(self.corpus.files[here.file].problem(
                    here.at.start,
                    Some(here.row.clone()),
                    None,
                    format!("fact {key} has no number in schema/fact_ids.tsv: run `cargo run --example bless --features build`"),
                ));
                derived(&key)
            }),
            Layer::User(_) => derived(&key),
        };
        if let Err(e) = self
            .conn
            .execute("INSERT INTO fact (id, tbl, key) VALUES (?1, ?2, ?3)", params![id, key.split('/').next(), key])
        {
            self.problem(
                here,
                None,
                format!("fact {key} cannot be numbered ({e}); rename a row so that its key differs"),
            );
        }
        self.facts.insert(key, id);
        if let Some((kind, row)) = owner {
            self.owner.insert(id, (kind, row.to_owned()));
        }
        id
    }

    /// Loads a fact's evidence, checking each quote and its source.
    pub fn evidence(&mut self, here: &Here, fact: i64, evidence: &[EvidenceIn]) {
        self.one_outlet(here, evidence);
        for e in evidence {
            let quote = e.quote.trim();
            if quote.is_empty() {
                self.problem(
                    here,
                    Some("evidence"),
                    format!("the quote from {} is empty; quote the source's words", e.source),
                );
            }
            let length = quote.chars().count();
            if length > QUOTE_LENGTH {
                self.problem(
                    here,
                    Some("evidence"),
                    format!("the quote from {} is {length} characters; quote at most {QUOTE_LENGTH}", e.source),
                );
            }
            self.refer(here, "evidence", "source", &e.source);
            self.insert(
                here,
                "INSERT INTO evidence (fact, source, quote, confidence) VALUES (?1, ?2, ?3, ?4)",
                params![fact, e.source, quote, e.confidence.as_str()],
            );
        }
    }
}

impl Load<'_> {
    /// `high` means an official source, or two independent outlets that agree
    /// (schema/README.md): one news outlet alone is at most `medium`.
    fn one_outlet(&mut self, here: &Here, evidence: &[EvidenceIn]) {
        let Some(first) = evidence.first() else { return };
        let press = matches!(
            self.source_kinds.get(&first.source),
            Some(
                SourceKind::Newspaper | SourceKind::NewsAgency | SourceKind::Broadcaster | SourceKind::SpecialistPress
            )
        );
        if !press
            || evidence.iter().any(|e| e.source != first.source)
            || evidence.iter().all(|e| e.confidence != Confidence::High)
            || !self.overrated.insert(evidence.as_ptr() as usize)
        {
            return;
        }
        self.problem(
            here,
            Some("evidence"),
            format!(
                "its only source, {}, is one news outlet: rate it medium, or add the issuer's own page or \
                 a second, independent outlet that agrees",
                first.source
            ),
        );
    }
}

/// The evidence of a part of a row, or the row's own when the part has none.
pub(crate) fn inherit<'a>(own: &'a [EvidenceIn], parent: &'a [EvidenceIn]) -> &'a [EvidenceIn] {
    if own.is_empty() { parent } else { own }
}

/// Where a spanned row is, named as problems name it.
pub(crate) fn here<T>(file: usize, row: &Spanned<T>, name: String) -> Here {
    Here { file, at: row.span(), row: name }
}

/// Every file's rows of one kind, with the file's index.
pub(crate) fn rows<'a, T: 'a>(
    corpus: &'a Corpus,
    pick: impl Fn(&'a DataFile) -> &'a Vec<Spanned<T>> + 'a,
) -> impl Iterator<Item = (usize, &'a Spanned<T>)> + 'a {
    corpus.data.iter().enumerate().flat_map(move |(file, (_, data))| pick(data).iter().map(move |row| (file, row)))
}
