//! Collections: the scope the data declares, family by family.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;
use crate::{FactId, PartialDate};

text_enum! {
    /// Whether the data holds every member of a collection.
    pub enum CollectionStatus {
        /// Every member, checked against lists that enumerate the whole family.
        Complete = "complete",
        /// Not every member: [`Collection::missing`] says what is known to be missing.
        Partial = "partial",
    }
}

/// A family of agreements (and events) that the data declares its scope by: what is
/// in and what is out, whether the data holds all of it, and through which date.
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let context = data.collection("context")?;
/// assert_eq!(context.status, pactum::CollectionStatus::Partial);
/// assert!(context.missing.is_some());
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Collection {
    /// Stable id, e.g. `eu-fpa`.
    pub id: String,
    /// The fact that the lists it was checked against say what it holds; `None` for
    /// a partial collection checked against no list, which states no such fact.
    pub fact: Option<FactId>,
    /// Title.
    pub title: String,
    /// What is in and what is out, precisely.
    pub definition: String,
    /// Complete or partial.
    pub status: CollectionStatus,
    /// For a partial collection, what is known to be missing.
    pub missing: Option<String>,
    /// The date through which the status holds: the latest date its enumerating
    /// sources reach. Always set for a complete collection.
    pub complete_through: Option<PartialDate>,
    /// The ids of its agreements.
    pub agreements: Vec<String>,
    /// The ids of its events.
    pub events: Vec<String>,
}

/// One entry of a collection's enumerating list, as its source names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CollectionEntry {
    /// The fact of this row: the list names this entry.
    pub fact: FactId,
    /// The collection.
    pub collection: String,
    /// The entry as the list names it.
    pub label: String,
    /// The agreement in the data that answers it; `None` where none does (only in
    /// a partial collection).
    pub agreement: Option<String>,
}
