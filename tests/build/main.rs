//! The builder: pactum's own data and users' data, built and checked the same way.
//!
//! `cargo test --features build --test build` checks that the committed image, fingerprint and file
//! list match the text in `schema/`; after editing it, run
//! `cargo run --example bless --no-default-features --features build`.

mod bad_input;
#[cfg(feature = "bundled")]
mod cli;
#[cfg(feature = "bundled")]
mod diff;
mod drift;
#[cfg(feature = "bundled")]
mod overlay;
mod rules;
mod support;
