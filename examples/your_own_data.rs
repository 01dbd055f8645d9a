//! Your own data, with pactum's guarantees.
//!
//! `examples/your_own_data/` is a directory in the format of `schema/data/` that
//! adds one real agreement to the bundled data: the UK–Germany Treaty on Friendship
//! and Bilateral Cooperation, signed in London on 17 July 2025, sourced as every
//! bundled fact is. This example checks it, builds it on top of the bundled data,
//! queries the result like any pactum file, and lists what it changed.
//!
//! ```sh
//! cargo run --example your_own_data --features build
//! ```

use std::error::Error;
use std::path::Path;

use chrono::NaiveDate;
use pactum::build::Builder;
use pactum::{Dataset, When};

fn main() -> Result<(), Box<dyn Error>> {
    let mine = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/your_own_data");

    // 1. Check the directory against every rule the bundled data keeps: evidence on
    //    every fact, known ids, dates that exist, lifecycles in order. Nothing is written;
    //    a mistake comes back as a list of problems, each with its file, line and column.
    let report = Builder::new().directory(&mine).check()?;
    println!("checked {} files: {} facts, {} overrides", report.files, report.facts, report.overrides.len());

    // 2. Build it on top of the bundled data, into a file of its own. A failed build
    //    would leave nothing at that path.
    let out = std::env::temp_dir().join(format!("pactum-your-own-data-{}.sqlite3", std::process::id()));
    Builder::new().directory(&mine).write(&out)?;
    let data = Dataset::open_file(&out)?;

    // 3. Every query works on it as on the bundled data.
    let treaty = data.agreement("uk-germany-kensington-treaty")?;
    println!("\n{}", treaty.title);
    for m in data.milestones(&treaty.id)? {
        println!("  {} {}", m.kind, m.date.map(|d| d.to_string()).unwrap_or_default());
    }
    let day = NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("a valid day")?;
    println!("  status on {day}: {}", data.status(&treaty.id, day)?);
    for e in data.evidence(treaty.fact)? {
        println!("  on the word of {} ({}): “{}”", e.source.publisher, e.confidence, e.quote);
    }
    let partners = data.partners("gb", When::Ever)?;
    let germany = partners.iter().find(|p| p.actor.id == "de").ok_or("Germany is the UK's partner")?;
    println!("  agreements between the UK and Germany in this dataset: {}", germany.agreements.len());

    // 4. Its facts have ids of their own, stable while their keys are; the bundled
    //    facts keep theirs.
    println!("  fact {} is {}", treaty.fact.0, data.fact_key(treaty.fact)?);

    // 5. What it adds to the bundled data, row by row.
    let diff = Dataset::open()?.diff(&data)?;
    println!("\nagainst the bundled data (as a release, a {:?} version bump):", diff.bump());
    for table in &diff.tables {
        println!("  {:<18} +{} -{} ~{}", table.table, table.added.len(), table.removed.len(), table.changed.len());
    }

    std::fs::remove_file(&out)?;
    Ok(())
}
