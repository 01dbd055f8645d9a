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
    /// Who published it: a ministry, agency, outlet or institute, e.g. `Nikkei Asia`.
    pub publisher: String,
    /// Its title, exactly as published.
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
    /// The id of the fact it supports, as given to [`Dataset::evidence`](crate::Dataset::evidence).
    pub fact: FactId,
    /// The document the quote is taken from.
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
    /// The value this source gives, as text: an ISO date for `date`, a number for `value`.
    pub value: String,
    /// Whether this is the value the dataset stores.
    pub preferred: bool,
    /// Why it is preferred, or not.
    pub reason: String,
}
