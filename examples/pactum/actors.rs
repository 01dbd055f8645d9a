//! Actors: one in full, a list of them, an actor's partners, and what two share.

use pactum::{Actor, ActorKind, Dataset, Membership, Partner, When};
use serde::Serialize;

use crate::failure::Failure;
use crate::render::{Printer, Report, Section, count, date, opt};
use crate::tables::{agreement_table, alias_table};

#[derive(Serialize)]
struct ActorView {
    actor: Actor,
    memberships: Vec<Membership>,
}

pub fn show_actor(data: &Dataset, printer: &mut Printer<'_>, given: &str) -> Result<(), Failure> {
    let actor = data.actor_named(given)?;
    let memberships = data.memberships(&actor.id)?;
    let c = &actor.codes;
    let record = Section::record(
        "actor",
        [
            ("id", actor.id.clone()),
            ("kind", actor.kind.to_string()),
            ("name", actor.name.clone()),
            ("short_name", opt(&actor.short_name)),
            ("parent", opt(&actor.parent)),
            ("description", opt(&actor.description)),
            ("iso_alpha2", opt(&c.iso_alpha2)),
            ("iso_alpha3", opt(&c.iso_alpha3)),
            ("iso_numeric", c.iso_numeric.map(|n| format!("{n:03}")).unwrap_or_default()),
            ("cow", c.cow.map(|n| n.to_string()).unwrap_or_default()),
            ("wikidata", opt(&c.wikidata)),
            ("fact", actor.fact.0.to_string()),
        ],
    );
    let aliases = alias_table(&actor.aliases);
    let mut members = Section::new("memberships", &["member", "organisation", "since", "until", "fact"]);
    for m in &memberships {
        members.row([m.member.clone(), m.organisation.clone(), date(m.since), date(m.until), m.fact.0.to_string()]);
    }
    let heading = format!("{} ({}), {}", actor.name, actor.id, actor.kind);
    let view = ActorView { actor, memberships };
    printer.emit(&view, Report::new(heading).with(record).with(aliases).with(members))
}

pub fn list_actors(data: &Dataset, printer: &mut Printer<'_>, kind: Option<ActorKind>) -> Result<(), Failure> {
    let actors = match kind {
        Some(kind) => data.actors_of_kind(kind)?,
        None => data.actors()?,
    };
    let mut table = Section::new("actors", &["id", "kind", "name", "parent", "fact"]);
    for a in &actors {
        table.row([a.id.clone(), a.kind.to_string(), a.label().to_owned(), opt(&a.parent), a.fact.0.to_string()]);
    }
    let heading = count(actors.len(), "actor");
    printer.emit(&actors, Report::new(heading).with(table))
}

pub fn partners(data: &Dataset, printer: &mut Printer<'_>, given: &str, when: When) -> Result<(), Failure> {
    let actor = data.actor_named(given)?;
    let found: Vec<Partner> = data.partners(&actor.id, when)?;
    let mut table = Section::new("partners", &["actor", "name", "kind", "agreements"]);
    for p in &found {
        table.row([p.actor.id.clone(), p.actor.label().to_owned(), p.actor.kind.to_string(), p.agreements.join(" ")]);
    }
    let when = match when {
        When::On(day) => format!("through agreements in force on {day}"),
        When::Ever => "through any agreement ever concluded".to_owned(),
    };
    let heading = format!("{} of {} ({}) {when}", count(found.len(), "partner"), actor.label(), actor.id);
    printer.emit(&found, Report::new(heading).with(table))
}

pub fn between(data: &Dataset, printer: &mut Printer<'_>, a: &str, b: &str) -> Result<(), Failure> {
    let (a, b) = (data.actor_named(a)?, data.actor_named(b)?);
    let found = data.between(&a.id, &b.id)?;
    let heading =
        format!("{} between {} ({}) and {} ({})", count(found.len(), "agreement"), a.label(), a.id, b.label(), b.id);
    printer.emit(&found, Report::new(heading).with(agreement_table(&found)))
}
