//! A tour of pactum: the story of the dataset's seed article, told from the data.
//!
//! On 23 June 2024 Nikkei Asia reported that the EU was seeking security and
//! defence partnerships with Japan and South Korea. This example asks the
//! dataset what the article said, what was planned, what happened next, and on
//! whose word each answer rests.
//!
//! Run it with `cargo run --example tour`.

use chrono::NaiveDate;
use pactum::{
    AgreementFilter, AgreementKind, CoverageStatus, Dataset, FactId, MilestoneKind, MilestoneStatus, ProvisionStatus,
    Role, Status,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid day")
}

fn heading(title: &str) {
    println!("\n== {title}\n");
}

/// Prints the sources behind a fact, one line each: "on whose word".
fn cite(data: &Dataset, fact: FactId) -> Result<(), pactum::Error> {
    for evidence in data.evidence(fact)?.iter().take(2) {
        let date = evidence.source.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
        println!(
            "      [{}] {}, {}: \u{201c}{}\u{201d}",
            evidence.confidence, evidence.source.publisher, date, evidence.quote
        );
    }
    Ok(())
}

/// The label of an actor, for printing.
fn name(data: &Dataset, id: &str) -> Result<String, pactum::Error> {
    Ok(data.actor(id)?.label().to_owned())
}

fn main() -> Result<(), pactum::Error> {
    // One call, no files: the dataset is compiled into the crate.
    let data = Dataset::open()?;
    let published = day(2024, 6, 23);

    heading("The article");
    let article = data.source("nikkei-2024-06-23-eu-japan-korea")?;
    println!("{} — \u{201c}{}\u{201d}", article.publisher, article.title);
    println!("published {}", article.published.map(|d| d.to_string()).unwrap_or_default());
    if let Some(note) = &article.note {
        println!("note: {note}");
    }
    let report = data.event("nikkei-report-2024-06-23")?;
    println!("\n{}", report.summary);

    heading("Where things stood that day");
    // Partners of the EU through an agreement in force on the day of publication.
    let sdps = AgreementFilter::new().kind(AgreementKind::SecurityAndDefencePartnership);
    for sdp in data.agreements(sdps.clone().status(Status::InForce, published))? {
        let signed = data.milestones(&sdp.id)?.into_iter().find(|m| m.status == MilestoneStatus::Happened);
        let when = signed.and_then(|m| m.date).map(|d| d.to_string()).unwrap_or_default();
        println!("  in force: {} (since {when})", sdp.label());
    }
    let members = data.members_of("eu", published)?;
    println!("  the EU then had {} member states; none of those partners was one of them", members.len());
    let hr = data.office_holders("eu", published)?;
    for post in hr.iter().filter(|p| p.title.starts_with("High Representative")) {
        println!("  High Representative: {}", name(&data, &post.person)?);
    }

    heading("\u{201c}Russia and North Korea on Wednesday agreed\u{2026}\u{201d}");
    let treaty = data.agreement("russia-dprk-treaty-2024")?;
    println!("{}", treaty.title);
    for step in data.agreement_timeline(&treaty.id)? {
        let date = step.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
        let what = match step.what {
            pactum::Happening::Milestone(kind, _) => kind.to_string(),
            _ => step.title.clone(),
        };
        println!("  {date:<10}  {what}");
    }
    for provision in data.provisions(&treaty.id)?.iter().filter(|p| p.article.as_deref() == Some("Article 4")) {
        println!("\n  Article 4 ({}): {}", provision.obligation, provision.summary);
        cite(&data, provision.fact)?;
    }

    heading("What was planned, and what happened");
    let japan = data.agreement("eu-japan-sdp")?;
    for milestone in data.milestones(&japan.id)? {
        let date = milestone.date.map(|d| d.to_string()).unwrap_or_default();
        let label = match milestone.status {
            MilestoneStatus::ReportedTarget => "reported target",
            _ => "happened",
        };
        println!("  {label:<16} {date:<10} {}", milestone.kind);
        cite(&data, milestone.fact)?;
    }
    for provision in data.provisions(&japan.id)?.into_iter().filter(|p| p.status == ProvisionStatus::ReportedProposal) {
        println!("  reported proposal: {}", provision.summary);
    }
    let coverage = data.coverage(&japan.id)?;
    let areas =
        |status| -> Vec<&str> { coverage.iter().filter(|c| c.status == status).map(|c| c.area.as_str()).collect() };
    println!("\n  areas the EU would consider (reported): {}", areas(CoverageStatus::ReportedPlan).join(", "));
    println!("  areas the partnership covers:           {}", areas(CoverageStatus::InText).join(", "));
    let korea = data.agreement("eu-korea-sdp")?;
    for milestone in data.milestones(&korea.id)? {
        println!(
            "  {}: {} {}",
            korea.label(),
            milestone.kind,
            milestone.date.map(|d| d.to_string()).unwrap_or_default()
        );
    }

    let today = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive();
    heading(&format!("Every EU security and defence partnership, as of {today}"));
    for sdp in data.agreements(&sdps)? {
        let status = data.status(&sdp.id, today)?;
        let partner = data.parties(&sdp.id)?.into_iter().find(|p| p.role == Role::Party && p.actor != "eu");
        let partner = match partner {
            Some(p) => name(&data, &p.actor)?,
            None => String::new(),
        };
        println!("  {partner:<16} {status}");
    }

    heading("South Korean arms sales");
    // Every contract with its buyer, the day (or month) it was signed, and what it buys.
    let mut rows = Vec::new();
    for contract in data.agreements(AgreementFilter::new().kind(AgreementKind::ProcurementContract))? {
        let Some(buyer) = data.parties(&contract.id)?.into_iter().find(|p| p.role == Role::Buyer) else { continue };
        let signed = data
            .milestones(&contract.id)?
            .into_iter()
            .find(|m| matches!(m.kind, MilestoneKind::Signed | MilestoneKind::Agreed))
            .and_then(|m| m.date);
        for item in data.line_items(&contract.id)? {
            rows.push((name(&data, &buyer.actor)?, signed, item));
        }
    }
    rows.sort_by_key(|(buyer, signed, _)| (buyer.clone(), signed.map(|d| d.sort_key())));
    for (buyer, signed, item) in rows {
        let quantity = item.quantity.map(|q| q.to_string()).unwrap_or_else(|| "?".into());
        let value = match (item.value, &item.currency) {
            (Some(v), Some(c)) if v >= 1e9 => format!("{c} {:.2}bn", v / 1e9),
            (Some(v), Some(c)) => format!("{c} {:.0}m", v / 1e6),
            _ => String::new(),
        };
        let signed = signed.map(|d| d.to_string()).unwrap_or_default();
        println!("  {buyer:<9} {signed:<10} {quantity:>5} \u{00d7} {:<45} {value}", item.system.name);
    }

    heading("Where sources disagree");
    let first_k2 = data.line_items("pl-k2-contract-1-2022")?;
    for item in &first_k2 {
        for alternative in data.alternatives(item.fact)? {
            let mark = if alternative.preferred { "preferred" } else { "rejected " };
            println!("  {mark} {} = {}: {}", alternative.field, alternative.value, alternative.reason);
        }
    }

    heading("Search");
    for hit in data.search("\"mutual military\"")?.iter().take(3) {
        println!("  {} {}: {}", hit.kind, hit.id, hit.snippet);
    }
    Ok(())
}
