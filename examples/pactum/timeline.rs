//! Time: the milestones and events of an agreement or an actor, and every event.

use pactum::{Dataset, Happening, HitKind, MilestoneStatus};

use crate::failure::Failure;
use crate::render::{Printer, Report, Section, count, date, opt};

pub fn timeline(data: &Dataset, printer: &mut Printer<'_>, given: &str) -> Result<(), Failure> {
    let found = data.named(given)?;
    let subject = format!("{} ({})", found.label, found.id);
    let entries = match found.kind {
        HitKind::Agreement => data.agreement_timeline(&found.id)?,
        _ => data.actor_timeline(&found.id)?,
    };
    let mut table = Section::new("timeline", &["date", "what", "title", "agreement", "event", "place", "fact"]);
    for e in &entries {
        let what = match e.what {
            Happening::Milestone(kind, MilestoneStatus::Happened) => kind.to_string(),
            Happening::Milestone(kind, status) => format!("{kind} ({status})"),
            Happening::Event(kind) => format!("event: {kind}"),
            _ => String::new(),
        };
        table.row([
            date(e.date),
            what,
            e.title.clone(),
            opt(&e.agreement),
            opt(&e.event),
            opt(&e.place),
            e.fact.0.to_string(),
        ]);
    }
    let heading = format!("Timeline of {subject}: {}", count(entries.len(), "entry"));
    printer.emit(&entries, Report::new(heading).with(table))
}

pub fn list_events(data: &Dataset, printer: &mut Printer<'_>) -> Result<(), Failure> {
    let events = data.events()?;
    let mut table = Section::new("events", &["date", "id", "kind", "title", "participants", "fact"]);
    for e in &events {
        table.row([
            e.date.to_string(),
            e.id.clone(),
            e.kind.to_string(),
            e.title.clone(),
            e.participants.join(" "),
            e.fact.0.to_string(),
        ]);
    }
    let heading = count(events.len(), "event");
    printer.emit(&events, Report::new(heading).with(table))
}
