//! pactum's integration tests, as one test crate with shared support (one binary
//! to build and link, not one per file).
//!
//! Tests that drive outside tools — the `sqlite3` shell, Python, Datasette,
//! Graphviz and DuckDB — are `#[ignore]`d, with the tool named in the reason, so that
//! plain `cargo test` needs nothing but Rust. CI runs them as a step of their own,
//! with the `parquet` feature on so that the DuckDB test is built too:
//!
//! ```sh
//! cargo test --test pactum --features parquet -- --ignored
//! ```
//!
//! Run that way outside CI, a test whose tool is missing skips and says so; with
//! `CI` set, a missing tool fails it.
//!
//! The property tests run `PROPTEST_CASES` cases each (proptest's default of 256
//! when unset); CI sets 10,000.
//!
//! The builder's tests, the image's drift check among them, are their own target,
//! `tests/build`, which needs the `build` feature.

mod support;

mod api;
mod bad_input;
mod cli;
#[cfg(feature = "export")]
mod export;
mod finding;
mod foreign_files;
#[cfg(feature = "graph")]
mod graph;
mod invariants;
mod panel;
#[cfg(feature = "parquet")]
mod parquet;
mod readme;
mod relevance;
mod scope;
mod seed_article;
mod threads;
mod time_axis;
