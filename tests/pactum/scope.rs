//! The scope the data declares: every agreement in a collection, every complete
//! collection's list answered by agreements in the data, and every binding agreement
//! that was signed long enough ago placed on the in-force axis.

use chrono::Months;
use pactum::{AgreementFilter, CollectionStatus, Dataset, LegalNature, MilestoneKind, MilestoneStatus};

use crate::support::data;

#[test]
fn every_agreement_belongs_to_a_collection() {
    let data = data();
    let homeless: Vec<String> = data
        .agreements(AgreementFilter::new())
        .unwrap()
        .into_iter()
        .filter(|a| data.collections_of(&a.id).unwrap().is_empty())
        .map(|a| a.id)
        .collect();
    assert!(homeless.is_empty(), "agreements in no collection (add `collections = [...]`): {homeless:?}");
}

#[test]
fn every_entry_of_a_complete_collection_is_an_agreement_of_that_collection() {
    let data = data();
    let mut unanswered = Vec::new();
    for collection in data.collections().unwrap().into_iter().filter(|c| c.status == CollectionStatus::Complete) {
        for entry in data.collection_entries(&collection.id).unwrap() {
            match &entry.agreement {
                Some(id) if data.agreement(id).is_ok() && collection.agreements.contains(id) => {}
                other => unanswered.push(format!("{}: {:?} -> {other:?}", collection.id, entry.label)),
            }
        }
    }
    assert!(unanswered.is_empty(), "entries of complete collections without their agreement: {unanswered:#?}");
}

#[test]
fn an_entrys_agreement_belongs_to_the_entrys_collection() {
    let data = data();
    let mut strays = Vec::new();
    for collection in data.collections().unwrap() {
        for entry in data.collection_entries(&collection.id).unwrap() {
            if let Some(id) = entry.agreement.filter(|id| !collection.agreements.contains(id)) {
                strays.push(format!("{}: {id}", collection.id));
            }
        }
    }
    assert!(strays.is_empty(), "entries whose agreement is not a member of the collection: {strays:?}");
}

/// Right on any day: a binding agreement signed more than a year before the data's
/// as-of date ([`Dataset::as_of`]) says whether it entered into force: the day it
/// did, a day by which it was, or a day on which it was not.
#[test]
fn every_binding_agreement_signed_over_a_year_before_the_as_of_date_is_placed_in_or_out_of_force() {
    let data = data();
    let as_of = data.as_of().unwrap().expect("no collection gives `complete_through`, so the data has no as-of date");
    let cutoff = as_of.last_day().checked_sub_months(Months::new(12)).unwrap();
    let mut unplaced = Vec::new();
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        if agreement.legal_nature != LegalNature::BindingTreaty {
            continue;
        }
        let happened: Vec<_> = data
            .milestones(&agreement.id)
            .unwrap()
            .into_iter()
            .filter(|m| m.status == MilestoneStatus::Happened)
            .collect();
        let signed_before_cutoff =
            happened.iter().any(|m| m.kind == MilestoneKind::Signed && m.date.is_some_and(|d| d.last_day() < cutoff));
        let placed = happened.iter().any(|m| {
            matches!(m.kind, MilestoneKind::EnteredIntoForce | MilestoneKind::InForceBy | MilestoneKind::NotInForce)
        });
        if signed_before_cutoff && !placed {
            unplaced.push(agreement.id);
        }
    }
    assert!(
        unplaced.is_empty(),
        "binding agreements signed before {cutoff} with no entered_into_force, in_force_by or not_in_force \
         milestone: {unplaced:?}"
    );
}

const COVERED_START: &str = "<!-- covered: generated from the data's collections; `PACTUM_BLESS=1 cargo test --test pactum scope` rewrites it -->\n";
const COVERED_END: &str = "<!-- /covered -->";

/// The README's "What is covered" table, as the collections in the data make it.
fn covered_table(data: &Dataset) -> String {
    let mut table = String::from(
        "| collection | title | status | complete through | agreements | events |\n|---|---|---|---|---:|---:|\n",
    );
    for c in data.collections().unwrap() {
        let through = c.complete_through.map_or_else(|| "—".to_owned(), |d| d.to_string());
        let title = c.title.replace('|', "\\|");
        let (agreements, events) = (c.agreements.len(), c.events.len());
        table += &format!("| `{}` | {title} | {} | {through} | {agreements} | {events} |\n", c.id, c.status);
    }
    table
}

#[test]
fn the_readme_shows_what_the_collections_cover() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(COVERED_START).expect("README.md has the covered markers") + COVERED_START.len();
    let end = start + readme[start..].find(COVERED_END).expect("README.md has the end marker");
    let table = covered_table(&data());
    if std::env::var_os("PACTUM_BLESS").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert!(
        readme[start..end] == table,
        "README.md's \"What is covered\" table is out of date: run `PACTUM_BLESS=1 cargo test --test pactum scope`"
    );
}
