//! Rebuilds pactum's bundled image from the text under `schema/`: the one command
//! to run after editing the data, before compiling anything that embeds it.
//!
//! ```sh
//! cargo run --example bless --no-default-features --features build
//! ```
//!
//! It writes `src/pactum.sqlite3`, `schema/pactum.fingerprint` (the reviewable
//! text of what changed), `schema/fact_ids.tsv` (new facts' numbers) and
//! `src/build/bundled.rs`, or, if the data has problems, prints every one of them
//! and writes nothing.

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    match pactum::build::bless(root) {
        Ok(blessed) => {
            let what = if blessed.changed { "changed" } else { "unchanged" };
            println!("data {} ({what}), {} new facts", blessed.version, blessed.new_facts);
            for table in blessed.fingerprint.tables.iter().filter(|t| t.rows > 0) {
                println!("{:>8}  {}", table.rows, table.name);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
