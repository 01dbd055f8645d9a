//! Agreements: one in full, the ones that match filters, and those in force on a day.

use chrono::NaiveDate;
use pactum::{Agreement, AgreementFilter, AgreementKind, Coverage, Dataset, LineItem, Milestone, Party, Provision};
use serde::Serialize;

use crate::failure::Failure;
use crate::render::{Printer, Report, Section, count, date, opt};
use crate::tables::{agreement_table, alias_table};

#[derive(Serialize)]
struct AgreementView {
    agreement: Agreement,
    parties: Vec<Party>,
    milestones: Vec<Milestone>,
    provisions: Vec<Provision>,
    coverage: Vec<Coverage>,
    line_items: Vec<LineItem>,
}

pub fn show_agreement(data: &Dataset, printer: &mut Printer<'_>, given: &str) -> Result<(), Failure> {
    let agreement = data.agreement_named(given)?;
    let id = agreement.id.clone();
    let view = AgreementView {
        parties: data.parties(&id)?,
        milestones: data.milestones(&id)?,
        provisions: data.provisions(&id)?,
        coverage: data.coverage(&id)?,
        line_items: data.line_items(&id)?,
        agreement,
    };
    let g = &view.agreement;
    let record = Section::record(
        "agreement",
        [
            ("id", g.id.clone()),
            ("kind", g.kind.to_string()),
            ("legal_nature", g.legal_nature.to_string()),
            ("title", g.title.clone()),
            ("short_title", opt(&g.short_title)),
            ("summary", g.summary.clone()),
            ("parent", opt(&g.parent)),
            ("supersedes", opt(&g.supersedes)),
            ("fact", g.fact.0.to_string()),
        ],
    );
    let mut parties = Section::new("parties", &["actor", "name", "role", "on_behalf_of", "fact"]);
    for p in &view.parties {
        let name = data.actor(&p.actor)?.label().to_owned();
        parties.row([p.actor.clone(), name, p.role.to_string(), opt(&p.on_behalf_of), p.fact.0.to_string()]);
    }
    let mut milestones = Section::new("milestones", &["date", "kind", "status", "actor", "place", "note", "fact"]);
    for m in &view.milestones {
        milestones.row([
            date(m.date),
            m.kind.to_string(),
            m.status.to_string(),
            opt(&m.actor),
            opt(&m.place),
            opt(&m.note),
            m.fact.0.to_string(),
        ]);
    }
    let mut provisions = Section::new("provisions", &["article", "obligation", "status", "summary", "fact"]);
    for p in &view.provisions {
        provisions.row([
            opt(&p.article),
            p.obligation.to_string(),
            p.status.to_string(),
            p.summary.clone(),
            p.fact.0.to_string(),
        ]);
    }
    let mut areas = Section::new("areas", &["area", "name", "status", "fact"]);
    for c in &view.coverage {
        let name = data.area(&c.area)?.name;
        areas.row([c.area.clone(), name, c.status.to_string(), c.fact.0.to_string()]);
    }
    let mut items = Section::new(
        "line_items",
        &[
            "system",
            "name",
            "category",
            "maker",
            "quantity",
            "quantity_is_maximum",
            "value",
            "currency",
            "delivery_start",
            "delivery_end",
            "note",
            "fact",
        ],
    );
    for i in &view.line_items {
        items.row([
            i.system.id.clone(),
            i.system.name.clone(),
            i.system.category.to_string(),
            opt(&i.system.maker),
            i.quantity.map(|n| n.to_string()).unwrap_or_default(),
            i.quantity_is_maximum.to_string(),
            i.value.map(|v| v.to_string()).unwrap_or_default(),
            opt(&i.currency),
            date(i.delivery_start),
            date(i.delivery_end),
            opt(&i.note),
            i.fact.0.to_string(),
        ]);
    }
    let heading = format!("{} ({})", g.title, g.id);
    let mut report = Report::new(heading).with(record);
    // Titles in other languages and line items are for some agreements only; an
    // empty section elsewhere is noise.
    if !g.aliases.is_empty() {
        report = report.with(alias_table(&g.aliases));
    }
    report = report.with(parties).with(milestones).with(provisions).with(areas);
    if !items.rows.is_empty() {
        report = report.with(items);
    }
    printer.emit(&view, report)
}

pub fn list_agreements(
    data: &Dataset,
    printer: &mut Printer<'_>,
    kind: Option<AgreementKind>,
    party: Option<&str>,
    area: Option<&str>,
) -> Result<(), Failure> {
    let mut filter = AgreementFilter::new();
    let mut criteria = Vec::new();
    if let Some(kind) = kind {
        filter = filter.kind(kind);
        criteria.push(format!("of kind {kind}"));
    }
    if let Some(party) = party {
        let actor = data.actor_named(party)?;
        criteria.push(format!("with {} ({})", actor.label(), actor.id));
        filter = filter.party(actor.id);
    }
    if let Some(area) = area {
        let area = data.area(area)?;
        criteria.push(format!("covering {} ({})", area.name, area.id));
        filter = filter.area(area.id);
    }
    let found = data.agreements(&filter)?;
    let heading = format!("{} {}", count(found.len(), "agreement"), criteria.join(", ")).trim_end().to_owned();
    printer.emit(&found, Report::new(heading).with(agreement_table(&found)))
}

pub fn in_force(data: &Dataset, printer: &mut Printer<'_>, as_of: NaiveDate) -> Result<(), Failure> {
    let found = data.in_force(as_of)?;
    let heading = format!("{} in force on {as_of}", count(found.len(), "agreement"));
    printer.emit(&found, Report::new(heading).with(agreement_table(&found)))
}
