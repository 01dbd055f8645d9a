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
//! - **Collections**: the scope the data declares, family by family: what is in
//!   and what is out, complete or partial (with what is missing), through a date,
//!   and the official lists each was checked against ([`Dataset::collections`]).
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
//! ## Errors
//!
//! Every fallible call returns the one [`Error`] enum, whose messages say what to
//! do. An unknown id is [`Error::NotFound`] with the [`Entity`] that was looked up,
//! whether the call returns one row or a list: a list is empty only for an id that
//! exists. Each method's `# Errors` section says what its input can cause.
//!
//! ## Dates
//!
//! Sources often give only a month or a year, so dates are [`PartialDate`]s
//! that keep their precision. Questions "on a day" count a milestone only once it
//! has certainly happened: one known only to be "in December 2023" counts from
//! 31 December 2023. Where only a day by which a binding agreement was in force is
//! known ([`MilestoneKind::InForceBy`]), it counts as in force from that day on.
//!
//! ## Read-only
//!
//! The bundled data cannot be changed: SQLite reads it from a read-only image,
//! the connection refuses writes (`query_only`), and an authorizer refuses
//! anything but reading, for the raw SQL of [`Dataset::query_raw`] too.
//!
//! ## Untrusted input
//!
//! Every handle has a [`Budget`]: wall-clock time per statement (1 s for raw SQL,
//! as Datasette allows), rows and bytes a raw query returns, and the length of
//! values and statements; going over it is [`Error::OverBudget`], and a
//! [`CancelHandle`] stops a running query from another thread. SQLite's own
//! defences for untrusted SQL are on, and a file opened with
//! [`Dataset::open_file`] must have exactly this build's schema. The README's
//! "Serving untrusted input" says what remains for a service to guard.
//!
//! ## Threads
//!
//! A [`Dataset`] is `Send` but not `Sync`. Open one per thread; it is cheap.
//!
//! ## Crate features
//!
//! `bundled`, `export` and `graph` are on by default; with
//! `default-features = false, features = ["bundled"]` pactum needs only rusqlite (with
//! its bundled SQLite), chrono, serde, thiserror and semver.
//!
//! - **`bundled`** — the dataset compiled into the crate: [`Dataset::open`]. Leave it
//!   out to open only your own files ([`Dataset::open_file`]) and ship no image.
//! - **`export`** — [`export`]: tables and typed results as CSV and JSON
//!   (`Dataset::export_table`, `export::to_csv`, `export::to_json`), the database as
//!   a file with Datasette metadata (`Dataset::write_bundled`), and BibTeX citations.
//!   Adds the `csv` and `serde_json` crates.
//! - **`graph`** — [`graph`]: the partnership network as a petgraph graph, Graphviz
//!   DOT and GraphML (`Dataset::network`), and an actor's agreements as an SVG timeline
//!   (`Dataset::timeline_svg`). Adds `petgraph`, `petgraph-graphml` and `svg`.
//! - **`build`** — the builder ([`build`]): your own data, in the
//!   format of `schema/README.md`, checked like a compiler checks code and built into
//!   a database every query, export, network and panel runs over, on its own or on
//!   top of the bundled data. Off by default. Adds `toml`, `sha2`, `tempfile`,
//!   `celes` and `fastrand`, and the bundled data's text.
//! - **`parquet`** (off by default; turns on `export`) — every table and the
//!   dyad-year panel as Apache Parquet files, for DuckDB, Polars, Spark and pandas
//!   (`Dataset::write_parquet`, `Dataset::export_table_parquet`,
//!   `export::dyad_years_to_parquet`). Adds the `parquet` crate, without Arrow and
//!   with Snappy compression only.
//!
//! Everything else — the typed queries, [`panel`] dyad-years, [`raw`] SQL — is
//! always there.
//!
//! ## Data
//!
//! The data is curated by hand from public sources: official texts and statements
//! of governments and international organisations, news agencies, newspapers, the
//! defence trade press and reference works. Every fact-stating row links to at least
//! one source with a verbatim quote of at most 300 characters and a [`Confidence`];
//! where sources disagree, each value is kept as an [`Alternative`]. The seed is one
//! article (Nikkei Asia, 23 June 2024, on the EU's security and defence partnerships
//! with Japan and South Korea); the coverage grows from it: EU security and defence
//! partnerships, Japan's and Korea's networks and arms contracts, the Russia–DPRK
//! treaty, EU and NATO membership.
//!
//! How it is built: the data is written as TOML under `schema/data/`, one file per
//! theme, against the tables of `schema/schema.sql` (whose `CHECK`s hold every
//! vocabulary and date format). The builder (the `build` feature, the same code
//! users build their own data with) reads them into pactum's own types, checks every
//! rule, and writes the image `src/pactum.sqlite3`, byte for byte the same from the
//! same text, with a text fingerprint of its content (`schema/pactum.fingerprint`)
//! beside it. The crate embeds that image. After an edit,
//! `cargo run --example bless --no-default-features --features build` rebuilds it,
//! and `cargo test --features build --test build` fails if the two drift apart.
//!
//! The data has a version of its own, [`Dataset::data_version`] (semver: patch for
//! corrections, minor for additions, major for removed or redefined ids), and a date
//! it is current through, [`Dataset::as_of`]; `schema/CHANGELOG.md` lists each
//! release's changes, and [`Dataset::diff`] lists the rows that differ between any
//! two datasets. Fact ids survive releases ([`Dataset::fact_key`]).
//! `schema/README.md` describes the files; the repository's `README.md` what they cover.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs builds with every feature and `--cfg docsrs`, and badges each gated item
// with the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod actor;
mod agreement;
mod area;
mod budget;
#[cfg(feature = "build")]
#[cfg_attr(docsrs, doc(cfg(feature = "build")))]
pub mod build;
mod collection;
mod dataset;
mod date;
mod diff;
mod error;
mod event;
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub mod export;
#[cfg(feature = "graph")]
#[cfg_attr(docsrs, doc(cfg(feature = "graph")))]
pub mod graph;
mod hardening;
mod identity;
mod lookup;
pub mod panel;
mod query;
pub mod raw;
mod source;
mod summary;
#[cfg(feature = "graph")]
#[cfg_attr(docsrs, doc(cfg(feature = "graph")))]
pub mod temporal;
mod text_enum;
mod when;

pub use actor::{Actor, ActorKind, Alias, AliasKind, Codes, Membership, Post};
pub use agreement::{
    Agreement, AgreementKind, Coverage, CoverageStatus, LegalNature, LineItem, Milestone, MilestoneKind,
    MilestoneStatus, Obligation, Party, Provision, ProvisionStatus, Role, Status, System, SystemCategory,
};
pub use area::Area;
pub use budget::{Budget, CancelHandle, Limit};
pub use collection::{Collection, CollectionEntry, CollectionStatus};
pub use dataset::{APPLICATION_ID, Dataset, SCHEMA_VERSION};
pub use date::{PartialDate, Precision};
pub use diff::{Bump, Diff, RowChange, TableDiff};
pub use error::{Entity, Error, Origin, Result, SqlError};
pub use event::{Event, EventKind};
pub use query::{
    AgreementFilter, Happening, HitKind, MatchedBy, MatchedIn, NameMatch, Partner, Resolution, SearchHit, TimelineEntry,
};
pub use source::{Alternative, Confidence, Evidence, FactId, Source, SourceKind, Sourcing};
pub use summary::Summary;
pub use when::When;

// The README's examples run as doctests, so they cannot go stale. They show the
// default features at work, so they run when both are on.
#[cfg(all(doctest, feature = "export", feature = "graph"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
