//! What the bundled data holds: counts per kind and per confidence level, and
//! the dates it spans.
//!
//! Run with `cargo run --example summary`.

use pactum::Dataset;
use pactum::raw::Value;

/// Prints a two-column breakdown from a query returning (label, count) rows.
fn breakdown(data: &Dataset, title: &str, sql: &str) -> Result<(), pactum::Error> {
    println!("\n{title}");
    for row in data.query_raw(sql, &[])?.rows {
        if let [Value::Text(label), Value::Integer(n)] = row.as_slice() {
            println!("  {label:<40} {n:>5}");
        }
    }
    Ok(())
}

fn main() -> Result<(), pactum::Error> {
    let data = Dataset::open()?;
    println!("pactum: the bundled dataset");

    breakdown(
        &data,
        "Rows",
        "SELECT 'actors', count(*) FROM actor UNION ALL SELECT 'agreements', count(*) FROM agreement \
         UNION ALL SELECT 'cooperation areas', count(*) FROM area UNION ALL SELECT 'events', count(*) FROM event \
         UNION ALL SELECT 'sources', count(*) FROM source UNION ALL SELECT 'facts', count(*) FROM fact \
         UNION ALL SELECT 'evidence links', count(*) FROM evidence \
         UNION ALL SELECT 'disputed values', count(*) FROM alternative",
    )?;
    breakdown(&data, "Actors by kind", "SELECT kind, count(*) FROM actor GROUP BY kind ORDER BY count(*) DESC, kind")?;
    breakdown(
        &data,
        "Agreements by kind",
        "SELECT kind, count(*) FROM agreement GROUP BY kind ORDER BY count(*) DESC, kind",
    )?;
    breakdown(
        &data,
        "Evidence by confidence",
        "SELECT confidence, count(*) FROM evidence GROUP BY confidence \
         ORDER BY CASE confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END",
    )?;
    breakdown(
        &data,
        "Sources by kind",
        "SELECT kind, count(*) FROM source GROUP BY kind ORDER BY count(*) DESC, kind",
    )?;
    breakdown(
        &data,
        "Facts with evidence",
        "SELECT 'with evidence (of ' || count(*) || ')', sum(id IN (SELECT fact FROM evidence)) FROM fact",
    )?;

    let span = data.query_raw(
        "SELECT min(d), max(d) FROM (SELECT date AS d FROM milestone WHERE status = 'happened' \
         UNION ALL SELECT date FROM event)",
        &[],
    )?;
    if let [Value::Text(first), Value::Text(last)] = span.rows[0].as_slice() {
        println!("\nDates covered: {first} to {last}");
    }
    Ok(())
}
