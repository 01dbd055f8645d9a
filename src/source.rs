//! Sources, the evidence that ties facts to them, and disagreements between them.

use serde::{Deserialize, Serialize};

use crate::PartialDate;
use crate::text_enum::text_enum;

/// The id of one fact: one row of any table that states something.
///
/// Every typed row that states a fact carries its `FactId`; pass it to
/// [`Dataset::evidence`](crate::Dataset::evidence) to see on whose word it rests,
/// and to [`Dataset::alternatives`](crate::Dataset::alternatives) to see where
/// sources disagree about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FactId(pub i64);

text_enum! {
    /// What kind of publisher a source is.
    pub enum SourceKind {
        /// A government, ministry, international organisation or its body.
        Official = "official",
        /// A news agency (Reuters, AFP, Yonhap, TASS, …).
        NewsAgency = "news_agency",
        /// A newspaper or news site.
        Newspaper = "newspaper",
        /// A broadcaster.
        Broadcaster = "broadcaster",
        /// The defence trade press.
        SpecialistPress = "specialist_press",
        /// A research institute or think tank.
        ThinkTank = "think_tank",
        /// A company's own release.
        Company = "company",
        /// A reference work or data set.
        Reference = "reference",
        /// Anything else.
        Other = "other",
    }
}

text_enum! {
    /// How far a piece of evidence can be trusted.
    pub enum Confidence {
        /// An official source, or two independent reputable sources agree and none disagrees.
        High = "high",
        /// One reputable source only, or sources that differ on a minor point.
        Medium = "medium",
        /// Weak sources only, or an unresolved conflict.
        Low = "low",
    }
}

/// A document facts are taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// Stable id, e.g. `nikkei-2024-06-23-eu-japan-korea`.
    pub id: String,
    /// What kind of publisher it is.
    pub kind: SourceKind,
    /// Who published it.
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// When it was published, at the precision known.
    pub published: Option<PartialDate>,
    /// Where it was found. `None` only where no address could be verified.
    pub url: Option<String>,
    /// Its language, as an ISO 639-1 code.
    pub language: String,
    /// Anything a reader should know about it.
    pub note: Option<String>,
}

/// One source's support for one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The fact it supports.
    pub fact: FactId,
    /// The source.
    pub source: Source,
    /// A short verbatim quote from the source.
    pub quote: String,
    /// How far it can be trusted.
    pub confidence: Confidence,
}

/// One value that a source gives for a field on which sources disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alternative {
    /// The fact of this alternative (its own evidence hangs on it).
    pub fact: FactId,
    /// The fact whose field is disputed.
    pub subject: FactId,
    /// The disputed field, e.g. `date` or `value`.
    pub field: String,
    /// The value, as text.
    pub value: String,
    /// Whether this is the value the dataset stores.
    pub preferred: bool,
    /// Why it is preferred, or not.
    pub reason: String,
}

/// How the data's facts are sourced: how many rest on at least one primary source,
/// the issuer's own word (a source of kind [`SourceKind::Official`] or
/// [`SourceKind::Company`]).
///
/// ```
/// let sourcing = pactum::Dataset::open()?.sourcing()?;
/// assert_eq!(sourcing.with_evidence, sourcing.facts);
/// assert!((0.0..=1.0).contains(&sourcing.primary_share()));
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sourcing {
    /// Every fact.
    pub facts: u32,
    /// The facts with at least one piece of evidence.
    pub with_evidence: u32,
    /// The facts with at least one piece of evidence from an official or company source.
    pub with_primary_source: u32,
}

impl Sourcing {
    /// The share of facts (0 to 1) with evidence from an official or company source.
    pub fn primary_share(&self) -> f64 {
        if self.facts == 0 { 0.0 } else { f64::from(self.with_primary_source) / f64::from(self.facts) }
    }
}
