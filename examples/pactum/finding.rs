//! Finding things: full-text search, and what a name could mean.

use pactum::{Dataset, NameMatch};

use crate::failure::Failure;
use crate::render::{Printer, Report, Section, count, opt};

pub fn search(data: &Dataset, printer: &mut Printer<'_>, query: &str) -> Result<(), Failure> {
    let hits = data.search(query)?;
    let mut table = Section::new("hits", &["kind", "id", "why", "snippet"]);
    for hit in &hits {
        table.row([hit.kind.to_string(), hit.id.clone(), hit.matched_in.to_string(), hit.snippet.clone()]);
    }
    let heading = format!("{} for {query:?}", count(hits.len(), "hit"));
    printer.emit(&hits, Report::new(heading).with(table))
}

pub fn resolve(data: &Dataset, printer: &mut Printer<'_>, text: &str) -> Result<(), Failure> {
    let resolution = data.resolve(text)?;
    let columns = ["kind", "id", "label", "matched_by", "name", "language", "exact"];
    let table = |key, matches: &[NameMatch]| {
        let mut table = Section::new(key, &columns);
        for m in matches {
            let row = [&m.kind.to_string(), &m.id, &m.label, &m.matched_by.to_string(), &m.name];
            let language = opt(&m.language);
            table.row(row.into_iter().cloned().chain([language, m.exact.to_string()]));
        }
        table
    };
    let matches = |n: usize| if n == 1 { "1 match".to_owned() } else { format!("{n} matches") };
    let heading = match (resolution.matches.len(), resolution.ambiguous) {
        (0, _) if resolution.suggestions.is_empty() => format!("Nothing is named {text:?}"),
        (0, _) => format!("Nothing is named {text:?}; did you mean one of these?"),
        (n, true) => format!("{text:?} is ambiguous: {}", matches(n)),
        (n, false) => format!("{text:?}: {}, the first the one meant", matches(n)),
    };
    let report = Report::new(heading)
        .with(table("matches", &resolution.matches))
        .with(table("suggestions", &resolution.suggestions));
    printer.emit(&resolution, report)
}
