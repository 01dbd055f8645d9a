//! Cooperation areas: one with its sub-areas and the agreements covering them,
//! and the whole vocabulary.

use pactum::{Agreement, Area, Coverage, CoverageStatus, Dataset};
use serde::Serialize;

use crate::failure::Failure;
use crate::render::{Printer, Report, Section, count, opt};
use crate::tables::area_table;

/// An agreement that covers an area, with the coverage rows that put it there.
#[derive(Serialize)]
struct Covering {
    #[serde(flatten)]
    agreement: Agreement,
    covers: Vec<Coverage>,
}

#[derive(Serialize)]
struct AreaView {
    area: Area,
    sub_areas: Vec<Area>,
    agreements: Vec<Covering>,
}

pub fn show_area(data: &Dataset, printer: &mut Printer<'_>, slug: &str) -> Result<(), Failure> {
    let area = data.area(slug)?;
    let all = data.areas()?;
    // Every descendant, not just the children: a query for an area includes them all.
    let mut within = vec![area.id.clone()];
    let mut sub_areas: Vec<Area> = Vec::new();
    while let Some(next) =
        all.iter().find(|a| a.parent.as_ref().is_some_and(|p| within.contains(p)) && !within.contains(&a.id))
    {
        within.push(next.id.clone());
        sub_areas.push(next.clone());
    }
    let mut agreements = Vec::new();
    for agreement in data.agreements_in_area(&area.id)? {
        let covers = data
            .coverage(&agreement.id)?
            .into_iter()
            .filter(|c| within.contains(&c.area) && c.status == CoverageStatus::InText)
            .collect();
        agreements.push(Covering { agreement, covers });
    }
    let record = Section::record(
        "area",
        [
            ("id", area.id.clone()),
            ("name", area.name.clone()),
            ("parent", opt(&area.parent)),
            ("definition", area.definition.clone()),
        ],
    );
    let mut table = Section::new("agreements", &["id", "kind", "title", "covers", "fact"]);
    for c in &agreements {
        let covers: Vec<&str> = c.covers.iter().map(|c| c.area.as_str()).collect();
        let g = &c.agreement;
        table.row([g.id.clone(), g.kind.to_string(), g.label().to_owned(), covers.join(" "), g.fact.0.to_string()]);
    }
    let heading = format!("{} ({})", area.name, area.id);
    let report = Report::new(heading).with(record).with(area_table("sub_areas", &sub_areas)).with(table);
    printer.emit(&AreaView { area, sub_areas, agreements }, report)
}

pub fn list_areas(data: &Dataset, printer: &mut Printer<'_>) -> Result<(), Failure> {
    let areas = data.areas()?;
    let heading = count(areas.len(), "cooperation area");
    printer.emit(&areas, Report::new(heading).with(area_table("areas", &areas)))
}
