//! The builder: pactum's own data and users' data, built and checked the same way.
//!
//! `cargo test --test build` checks that the committed image, fingerprint and file
//! list match the text in `schema/`; after editing it, run
//! `cargo run --example bless --no-default-features --features build`.

mod bad_input;
mod drift;
mod overlay;
mod rules;
mod support;
