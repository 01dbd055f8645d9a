//! What the bundled data holds: counts per kind and per confidence level, the
//! share of facts on the issuers' own word, the collections it declares, and the
//! dates it spans.
//!
//! Run with `cargo run --example summary`.

use std::collections::BTreeMap;
use std::fmt::Display;

use pactum::Dataset;

/// Prints a two-column breakdown of (label, count) rows.
fn breakdown(title: &str, rows: impl IntoIterator<Item = (String, u32)>) {
    println!("\n{title}");
    for (label, n) in rows {
        println!("  {label:<40} {n:>5}");
    }
}

/// The kinds that occur, most frequent first (ties by name).
fn by_count<K: Display>(counts: &BTreeMap<K, u32>) -> Vec<(String, u32)> {
    let mut rows: Vec<(String, u32)> =
        counts.iter().filter(|(_, n)| **n > 0).map(|(kind, n)| (kind.to_string(), *n)).collect();
    rows.sort_by(|(a, m), (b, n)| n.cmp(m).then_with(|| a.cmp(b)));
    rows
}

fn main() -> Result<(), pactum::Error> {
    let data = Dataset::open()?;
    let summary = data.summary()?;
    println!("pactum: the bundled dataset");

    let rows = [
        ("actors", summary.actors),
        ("agreements", summary.agreements),
        ("cooperation areas", summary.areas),
        ("events", summary.events),
        ("sources", summary.sources),
        ("facts", summary.facts),
        ("evidence links", summary.evidence),
        ("disputed values", summary.disputed_values),
    ];
    breakdown("Rows", rows.map(|(label, n)| (label.to_owned(), n)));
    breakdown("Actors by kind", by_count(&summary.actors_by_kind));
    breakdown("Agreements by kind", by_count(&summary.agreements_by_kind));
    // Highest confidence first, the order the levels are declared in.
    let confidence = summary.evidence_by_confidence.iter().filter(|(_, n)| **n > 0);
    breakdown("Evidence by confidence", confidence.map(|(level, n)| (level.to_string(), *n)));
    breakdown("Sources by kind", by_count(&summary.sources_by_kind));

    let sourcing = summary.sourcing;
    breakdown("Facts with evidence", [(format!("with evidence (of {})", sourcing.facts), sourcing.with_evidence)]);
    println!(
        "\nFacts with evidence from an official or company source: {} of {} ({:.1}%)",
        sourcing.with_primary_source,
        sourcing.facts,
        100.0 * sourcing.primary_share()
    );

    println!("\nCollections (the declared scope)");
    for c in data.collections()? {
        let through = c.complete_through.map_or_else(|| "—".to_owned(), |d| d.to_string());
        let (agreements, events) = (c.agreements.len(), c.events.len());
        let status = c.status.as_str();
        println!("  {:<28} {status:<9} through {through:<11} {agreements:>4} agreements {events:>3} events", c.id);
    }
    if let Some(as_of) = data.as_of()? {
        println!("  the data is current to {as_of}");
    }

    if let (Some(first), Some(last)) = (summary.first_date, summary.last_date) {
        println!("\nDates covered: {first} to {last}");
    }
    Ok(())
}
