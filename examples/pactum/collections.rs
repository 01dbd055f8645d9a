//! The declared scope: the collections, and one with its members and its list.

use pactum::{Collection, CollectionEntry, Dataset};
use serde::Serialize;

use crate::failure::Failure;
use crate::render::{Printer, Report, Section, count, date, opt};

pub fn list_collections(data: &Dataset, printer: &mut Printer<'_>) -> Result<(), Failure> {
    let collections = data.collections()?;
    let mut table = Section::new("collections", &["id", "status", "complete_through", "agreements", "title"]);
    for c in &collections {
        table.row([
            c.id.clone(),
            c.status.to_string(),
            date(c.complete_through),
            c.agreements.len().to_string(),
            c.title.clone(),
        ]);
    }
    let heading = count(collections.len(), "collection");
    printer.emit(&collections, Report::new(heading).with(table))
}

#[derive(Serialize)]
struct CollectionView {
    collection: Collection,
    entries: Vec<CollectionEntry>,
}

pub fn show_collection(data: &Dataset, printer: &mut Printer<'_>, id: &str) -> Result<(), Failure> {
    let collection = data.collection(id)?;
    let entries = data.collection_entries(id)?;
    let record = Section::record(
        "collection",
        [
            ("id", collection.id.clone()),
            ("title", collection.title.clone()),
            ("status", collection.status.to_string()),
            ("complete_through", date(collection.complete_through)),
            ("definition", collection.definition.clone()),
            ("missing", opt(&collection.missing)),
            ("fact", collection.fact.map(|f| f.0.to_string()).unwrap_or_default()),
        ],
    );
    let mut members = Section::new("members", &["kind", "id"]);
    for agreement in &collection.agreements {
        members.row(["agreement".to_owned(), agreement.clone()]);
    }
    for event in &collection.events {
        members.row(["event".to_owned(), event.clone()]);
    }
    let mut list = Section::new("entries", &["label", "agreement", "fact"]);
    for e in &entries {
        list.row([e.label.clone(), opt(&e.agreement), e.fact.0.to_string()]);
    }
    let heading = format!("{} ({})", collection.title, collection.id);
    printer.emit(&CollectionView { collection, entries }, Report::new(heading).with(record).with(members).with(list))
}
