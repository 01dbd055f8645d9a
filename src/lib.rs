//! # pactum
//!
//! A curated, sourced dataset of security and defence partnerships — who is
//! partnered with whom, since when, on what, and on whose word — bundled as an
//! SQLite image inside the crate, with typed queries over it.
//!
//! - **Actors**: states (with ISO 3166-1, Correlates of War and Wikidata codes),
//!   international organisations, institutions, officials with their posts, and
//!   companies.
//! - **Agreements**: security and defence partnerships, treaties, strategic
//!   dialogues, framework agreements, arms contracts with their line items,
//!   strategies; each with parties and roles, a dated lifecycle and provisions.
//! - **Cooperation areas**: a controlled, hierarchical vocabulary (space, cyber,
//!   FIMI, maritime security, defence industry and R&D, …).
//! - **Evidence**: every row that states a fact rests on one or more sources, each
//!   with a verbatim quote and a confidence level. Where sources disagree, every
//!   value is kept, and the preferred one marked.
//!
//! ```
//! use chrono::NaiveDate;
//! use pactum::{Dataset, Status};
//!
//! let data = Dataset::open()?; // no files, no setup: microseconds
//! let sdp = data.agreement("eu-japan-sdp")?;
//! let day = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap();
//! assert_eq!(data.status(&sdp.id, day)?, Status::InForce);
//!
//! for evidence in data.evidence(sdp.fact)? {
//!     println!("{} ({}): {:?}", evidence.source.publisher, evidence.confidence, evidence.quote);
//! }
//! # Ok::<(), pactum::Error>(())
//! ```
//!
//! ## Dates
//!
//! Sources often give only a month or a year, so dates are [`PartialDate`]s
//! that keep their precision. Questions "on a day" count a milestone only once it
//! has certainly happened: one known only to be "in December 2023" counts from
//! 31 December 2023.
//!
//! ## Read-only
//!
//! The bundled data cannot be changed: SQLite reads it from a read-only image,
//! the connection refuses writes (`query_only`), and an authorizer refuses
//! anything but reading, for the raw SQL of [`Dataset::query_raw`] too.
//!
//! ## Threads
//!
//! A [`Dataset`] is `Send` but not `Sync`. Open one per thread; it is cheap.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod actor;
mod agreement;
mod area;
mod budget;
mod dataset;
mod date;
mod error;
mod event;
#[cfg(feature = "export")]
pub mod export;
#[cfg(feature = "graph")]
pub mod graph;
mod hardening;
mod identity;
pub mod panel;
mod query;
mod source;
mod text_enum;

pub use actor::{Actor, ActorKind, Alias, AliasKind, Codes, Membership, Post};
pub use agreement::{
    Agreement, AgreementKind, Coverage, CoverageStatus, LegalNature, LineItem, Milestone, MilestoneKind,
    MilestoneStatus, Obligation, Party, Provision, ProvisionStatus, Role, Status, System, SystemCategory,
};
pub use area::Area;
pub use budget::{Budget, CancelHandle, Limit};
pub use dataset::{APPLICATION_ID, Dataset, SCHEMA_VERSION};
pub use date::{PartialDate, Precision};
pub use error::{Error, Result, SqlError};
pub use event::{Event, EventKind};
pub use query::{AgreementFilter, Happening, HitKind, Partner, Rows, SearchHit, TimelineEntry, Value};
pub use source::{Alternative, Confidence, Evidence, FactId, Source, SourceKind};

// The README's examples run as doctests, so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
