//! On whose word a row rests: its evidence, and where sources disagree.

use pactum::{Alternative, Dataset, Evidence, FactId};
use serde::Serialize;

use crate::cli::RowKind;
use crate::failure::Failure;
use crate::render::{Printer, Report, Section, date, opt};

/// A disputed value, with the evidence for it.
#[derive(Serialize)]
struct AlternativeView {
    #[serde(flatten)]
    alternative: Alternative,
    evidence: Vec<Evidence>,
}

#[derive(Serialize)]
struct EvidenceView {
    row: RowKind,
    id: String,
    fact: FactId,
    evidence: Vec<Evidence>,
    alternatives: Vec<AlternativeView>,
}

pub fn evidence(data: &Dataset, printer: &mut Printer<'_>, row: RowKind, given: &str) -> Result<(), Failure> {
    let (id, fact, what) = match row {
        RowKind::Agreement => {
            let g = data.agreement_named(given)?;
            (g.id.clone(), g.fact, format!("agreement {} ({})", g.label(), g.id))
        }
        RowKind::Actor => {
            let a = data.actor_named(given)?;
            (a.id.clone(), a.fact, format!("actor {} ({})", a.label(), a.id))
        }
        RowKind::Event => {
            let e = data.event(given)?;
            (e.id.clone(), e.fact, format!("event {} ({})", e.title, e.id))
        }
        RowKind::Fact => {
            let n: i64 = given.parse().map_err(|_| {
                Failure::Message(format!("{given:?} is not a fact number; give the number of a table's `fact` column"))
            })?;
            (given.to_owned(), FactId(n), format!("fact {n}"))
        }
    };
    let found = data.evidence(fact)?;
    let mut alternatives = Vec::new();
    for alternative in data.alternatives(fact)? {
        let evidence = data.evidence(alternative.fact)?;
        alternatives.push(AlternativeView { alternative, evidence });
    }
    let mut table = Section::new(
        "evidence",
        &["confidence", "publisher", "published", "title", "quote", "url", "source", "source_kind"],
    );
    for e in &found {
        let s = &e.source;
        table.row([
            e.confidence.to_string(),
            s.publisher.clone(),
            date(s.published),
            s.title.clone(),
            e.quote.clone(),
            opt(&s.url),
            s.id.clone(),
            s.kind.to_string(),
        ]);
    }
    let mut disputes = Section::new("alternatives", &["field", "value", "preferred", "reason", "sources", "fact"]);
    for a in &alternatives {
        let sources: Vec<&str> = a.evidence.iter().map(|e| e.source.publisher.as_str()).collect();
        let alt = &a.alternative;
        disputes.row([
            alt.field.clone(),
            alt.value.clone(),
            alt.preferred.to_string(),
            alt.reason.clone(),
            sources.join("; "),
            alt.fact.0.to_string(),
        ]);
    }
    let heading = format!("Evidence for {what}, fact {}", fact.0);
    let view = EvidenceView { row, id, fact, evidence: found, alternatives };
    printer.emit(&view, Report::new(heading).with(table.cards()).with(disputes.cards()))
}
