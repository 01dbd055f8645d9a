//! Builds a synthetic pactum database of a chosen size and opens it as a user's
//! own file, the way the scale benchmarks do.
//!
//! ```sh
//! cargo run --release --example synthetic -- 100000 /tmp/pactum-100k.sqlite3
//! ```
//!
//! With no arguments it builds 1,000 agreements in the temporary directory.

use std::time::Instant;

use chrono::NaiveDate;
use pactum::build::synthetic;
use pactum::{Dataset, When};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let agreements: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(1_000);
    let path = args.next().map(Into::into).unwrap_or_else(|| std::env::temp_dir().join("pactum-synthetic.sqlite3"));

    let started = Instant::now();
    synthetic::write(&path, agreements, 42)?;
    assert!(synthetic::check(&path, agreements), "the built file does not read back");
    let size = std::fs::metadata(&path)?.len();
    println!(
        "built {agreements} agreements in {:.1?}: {} ({:.1} MB)",
        started.elapsed(),
        path.display(),
        size as f64 / 1e6
    );

    // Open it as any user's own file, and ask it what one would ask the real data.
    let data = Dataset::open_file(&path)?;
    let probe = synthetic::probe_id(3);
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).expect("a valid day");
    let partners = data.partners(&probe, When::Ever)?;
    println!("{probe} has {} partners through {} agreements", partners.len(), synthetic::PROBE_AGREEMENTS);
    println!("{} is {} on {on}", synthetic::agreement_id(7), data.status(&synthetic::agreement_id(7), on)?);
    println!("\"zephyr\" matches {} rows", data.search("zephyr")?.len());
    Ok(())
}
