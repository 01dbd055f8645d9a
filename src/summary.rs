//! What a dataset holds, in figures: rows of each kind, how they are sourced, and
//! the dates they span.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Result, SqlResultExt};
use crate::{ActorKind, AgreementKind, Confidence, Dataset, Error, PartialDate, SourceKind, Sourcing};

/// What a dataset holds: how many rows of each kind, how its facts are sourced,
/// and the dates it spans. Every kind of actor, agreement and source, and every
/// confidence level, has its count, zero included.
///
/// ```
/// use pactum::{ActorKind, Confidence};
/// let summary = pactum::Dataset::open()?.summary()?;
/// assert_eq!(summary.actors_by_kind.values().sum::<u32>(), summary.actors);
/// assert!(summary.actors_by_kind[&ActorKind::State] > 0);
/// assert_eq!(summary.evidence_by_confidence.values().sum::<u32>(), summary.evidence);
/// assert!(summary.evidence_by_confidence[&Confidence::High] > summary.evidence_by_confidence[&Confidence::Low]);
/// assert_eq!(summary.sourcing.with_evidence, summary.sourcing.facts); // every fact rests on evidence
/// assert!(summary.first_date < summary.last_date);
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Actors of every kind.
    pub actors: u32,
    /// Agreements of every kind.
    pub agreements: u32,
    /// Cooperation areas.
    pub areas: u32,
    /// Events.
    pub events: u32,
    /// Sources.
    pub sources: u32,
    /// Facts: rows of any table that state something.
    pub facts: u32,
    /// Evidence links: one source's support for one fact.
    pub evidence: u32,
    /// Values kept where sources disagree, the preferred ones included
    /// (see [`Dataset::alternatives`]).
    pub disputed_values: u32,
    /// Facts on which sources disagree.
    pub disputed_facts: u32,
    /// Actors by kind.
    pub actors_by_kind: BTreeMap<ActorKind, u32>,
    /// Agreements by kind.
    pub agreements_by_kind: BTreeMap<AgreementKind, u32>,
    /// Sources by kind of publisher.
    pub sources_by_kind: BTreeMap<SourceKind, u32>,
    /// Evidence links by confidence.
    pub evidence_by_confidence: BTreeMap<Confidence, u32>,
    /// How many facts rest on evidence, and how many on a primary source
    /// (as [`Dataset::sourcing`] gives it).
    pub sourcing: Sourcing,
    /// The earliest date on which a milestone happened or an event took place;
    /// `None` if nothing is dated.
    pub first_date: Option<PartialDate>,
    /// The latest such date.
    pub last_date: Option<PartialDate>,
}

/// The count of each table, as one row in `Summary`'s field order.
const COUNTS: &str = "SELECT (SELECT count(*) FROM actor), (SELECT count(*) FROM agreement), \
     (SELECT count(*) FROM area), (SELECT count(*) FROM event), (SELECT count(*) FROM source), \
     (SELECT count(*) FROM fact), (SELECT count(*) FROM evidence), (SELECT count(*) FROM alternative), \
     (SELECT count(DISTINCT subject) FROM alternative)";

/// Dates compare as the text the schema stores: a date known only to the month
/// sorts before the days in it.
const SPAN: &str = "SELECT min(d), max(d) FROM (SELECT date AS d FROM milestone WHERE status = 'happened' \
     UNION ALL SELECT date FROM event)";

impl Dataset {
    /// What the data holds, in figures: the counts of each table, of each kind of
    /// actor, agreement and source and of each confidence level, how its facts are
    /// sourced, and the dates it spans. See [`Summary`].
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let summary = data.summary()?;
    /// assert_eq!(summary.agreements, data.agreements(pactum::AgreementFilter::new())?.len() as u32);
    /// assert!(summary.disputed_facts <= summary.disputed_values);
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`]); never for
    /// the bundled data.
    pub fn summary(&self) -> Result<Summary> {
        let counts: [u32; 9] = self
            .conn
            .prepare_cached(COUNTS)
            .sql()?
            .query_row([], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?])
            })
            .sql()?;
        let [actors, agreements, areas, events, sources, facts, evidence, disputed_values, disputed_facts] = counts;
        let (first_date, last_date) = self.span()?;
        Ok(Summary {
            actors,
            agreements,
            areas,
            events,
            sources,
            facts,
            evidence,
            disputed_values,
            disputed_facts,
            actors_by_kind: self.tally("SELECT kind, count(*) FROM actor GROUP BY kind", ActorKind::ALL)?,
            agreements_by_kind: self.tally("SELECT kind, count(*) FROM agreement GROUP BY kind", AgreementKind::ALL)?,
            sources_by_kind: self.tally("SELECT kind, count(*) FROM source GROUP BY kind", SourceKind::ALL)?,
            evidence_by_confidence: self
                .tally("SELECT confidence, count(*) FROM evidence GROUP BY confidence", Confidence::ALL)?,
            sourcing: self.sourcing()?,
            first_date,
            last_date,
        })
    }

    /// Counts by a `CHECK`ed text column, every value of it present.
    fn tally<K>(&self, sql: &str, every: &[K]) -> Result<BTreeMap<K, u32>>
    where
        K: FromStr<Err = Error> + Ord + Copy,
    {
        let mut counts: BTreeMap<K, u32> = every.iter().map(|&k| (k, 0)).collect();
        let mut stmt = self.conn.prepare_cached(sql).sql()?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))).sql()?;
        for row in rows {
            let (text, n) = row.sql()?;
            counts.insert(text.parse()?, n);
        }
        Ok(counts)
    }

    fn span(&self) -> Result<(Option<PartialDate>, Option<PartialDate>)> {
        let (first, last): (Option<String>, Option<String>) =
            self.conn.prepare_cached(SPAN).sql()?.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).sql()?;
        let date = |text: Option<String>| text.map(|t| t.parse()).transpose();
        Ok((date(first)?, date(last)?))
    }
}
