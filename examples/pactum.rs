//! `pactum`: a command-line explorer of the bundled dataset.
//!
//! ```sh
//! cargo run --example pactum                                  # what the data holds, and the subcommands
//! cargo run --example pactum -- partners eu --as-of 2024-06-23
//! cargo run --example pactum -- agreement russia-dprk-treaty-2024
//! cargo run --example pactum -- --json search 'K9*'
//! cargo run --example pactum -- --csv agreements --kind treaty
//! cargo run --example pactum -- help evidence
//! ```
//!
//! Tables are for people; `--json` prints the typed results of the pactum API as
//! pretty JSON and `--csv` flat rows, for other programs. Errors go to stderr and
//! exit with code 2, as clap's own usage errors do.

use std::fmt;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use pactum::raw::Value;
use pactum::{
    Actor, ActorKind, Agreement, AgreementFilter, AgreementKind, Alternative, Area, Coverage, CoverageStatus, Dataset,
    Entity, Error, Evidence, FactId, Happening, LineItem, Membership, Milestone, MilestoneStatus, PartialDate, Partner,
    Party, Precision, Provision, When,
};
use serde::Serialize;

/// Explore pactum's dataset of security and defence partnerships: who is
/// partnered with whom, since when, on what, and on whose word.
///
/// Ids are the dataset's own: states go by their lower-case ISO code (jp, kr, md),
/// other actors and agreements by kebab-case ids (eu, hanwha-aerospace,
/// eu-japan-sdp). Wherever an actor is asked for, an ISO 3166-1 code (KOR, 410)
/// or a Wikidata id (Q884) works too. Run with no subcommand for an overview.
#[derive(Debug, Parser)]
#[command(name = "pactum", version, after_help = EXAMPLES)]
struct Cli {
    /// Print the typed results of the pactum API as pretty-printed JSON instead of tables.
    #[arg(long, global = true, conflicts_with = "csv", display_order = 100)]
    json: bool,

    /// Print the results as CSV instead of tables.
    ///
    /// A header row, then one row per result. Answers with several parts (an
    /// agreement's parties, milestones, …) are stacked under the union of their
    /// columns, with a first column `section` naming the part.
    #[arg(long, global = true, display_order = 101)]
    csv: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

const EXAMPLES: &str = "Examples:
  pactum partners eu --as-of 2024-06-23     the EU's partners on the day of the seed article
  pactum agreement russia-dprk-treaty-2024  a treaty with its parties, lifecycle and articles
  pactum timeline kr                        South Korea's agreements and events, in date order
  pactum search 'K9*'                       full-text search, FTS5 syntax
  pactum evidence agreement eu-japan-sdp    on whose word a row rests
  pactum --json in-force --as-of 2024-12-31 the same answers as JSON (or --csv)";

#[derive(Debug, Subcommand)]
enum Command {
    /// One actor: its names, codes, aliases and memberships.
    ///
    /// Looks the argument up as an actor id first (jp, eu, hanwha-aerospace), then,
    /// if no actor has that id, as a code: ISO 3166-1 alpha-2 (KR), alpha-3 (KOR)
    /// or numeric (410), or a Wikidata id (Q884).
    Actor {
        /// The actor's id, or an ISO 3166-1 or Wikidata code.
        #[arg(value_name = "ID or CODE")]
        actor: String,
    },

    /// Every actor, or those of one kind, by id.
    Actors {
        /// Only actors of this kind.
        #[arg(long, value_name = "KIND", value_parser = actor_kind())]
        kind: Option<ActorKind>,
    },

    /// One agreement in full: parties, milestones, provisions, areas, line items.
    ///
    /// Shows the agreement's parties and their roles, its dated lifecycle (with
    /// targets sources reported), its provisions, the cooperation areas it covers
    /// or was reported as planning to cover, and, for arms contracts, what it buys.
    Agreement {
        /// The agreement's id, e.g. eu-japan-sdp (list them with `agreements`).
        #[arg(value_name = "ID")]
        id: String,
    },

    /// The agreements that match every filter given (all of them with none).
    ///
    /// Filters combine: `agreements --kind procurement_contract --party pl` lists
    /// Poland's arms contracts.
    Agreements {
        /// Only agreements of this kind.
        #[arg(long, value_name = "KIND", value_parser = agreement_kind())]
        kind: Option<AgreementKind>,

        /// Only agreements this actor takes part in, in any role (an id or a code).
        #[arg(long, value_name = "ACTOR")]
        party: Option<String>,

        /// Only agreements whose text covers this cooperation area or one of its
        /// sub-areas (list them with `areas`).
        #[arg(long, value_name = "SLUG")]
        area: Option<String>,
    },

    /// An actor's partners, and the agreements they share.
    ///
    /// A partner is an actor on another side (party, buyer or supplier) of an
    /// agreement the actor is a side of. Without --as-of, every agreement that was ever concluded counts; with it, only
    /// the agreements in force at the end of that day.
    Partners {
        /// The actor whose partners to list (an id or a code).
        #[arg(value_name = "ACTOR")]
        actor: String,

        /// Count only agreements in force at the end of this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },

    /// The agreements in which two actors both take part, in any role.
    Between {
        /// One actor (an id or a code).
        #[arg(value_name = "A")]
        a: String,

        /// The other actor (an id or a code).
        #[arg(value_name = "B")]
        b: String,
    },

    /// The agreements in force at the end of a day.
    ///
    /// Instruments that never enter into force in law (political declarations,
    /// contracts, strategies) count from the day they took effect. A milestone known only to the month or year counts from the last day it can
    /// mean: one "in December 2023" counts from 31 December 2023.
    InForce {
        /// The day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        as_of: NaiveDate,
    },

    /// A cooperation area, its sub-areas, and the agreements covering them.
    ///
    /// Counts only coverage in an agreement's text, not areas a source reported as
    /// planned.
    Area {
        /// The area's slug, e.g. maritime-security or fimi (list them with `areas`).
        #[arg(value_name = "SLUG")]
        slug: String,
    },

    /// The whole vocabulary of cooperation areas, by slug.
    Areas,

    /// The milestones and events of an agreement or an actor, in date order.
    ///
    /// For an actor: the milestones of every agreement it takes part in, and the
    /// events it took part in. The argument is tried as an agreement id first.
    Timeline {
        /// An agreement id, or an actor id or code.
        #[arg(value_name = "ACTOR or AGREEMENT")]
        id: String,
    },

    /// Every event, in date order.
    Events,

    /// Full-text search over names, titles, summaries and evidence quotes.
    ///
    /// The query is SQLite FTS5 syntax: words (howitzer), prefixes (K9*), phrases
    /// ("strategic dialogue"), AND, OR, NOT and NEAR. Quote it for the shell, and put
    /// words with punctuation in double quotes inside: '"K9A1"'. Best matches first.
    Search {
        /// The full-text query.
        #[arg(value_name = "QUERY")]
        query: String,
    },

    /// The evidence behind a row, and where sources disagree about it.
    ///
    /// Lists each source with its verbatim quote and confidence, then every value
    /// sources give for a disputed field, the preferred one marked. Name the row by what it is and its id (`evidence agreement eu-japan-sdp`,
    /// `evidence actor kp`, `evidence event russia-invades-ukraine`), or give the
    /// fact number any table prints in its `fact` column (`evidence fact 1206`).
    Evidence {
        /// What the row is.
        #[arg(value_name = "ROW")]
        row: RowKind,

        /// Its id (for `fact`, the fact number).
        #[arg(value_name = "ID")]
        id: String,
    },
}

/// The rows `evidence` can be asked about.
#[derive(Debug, Clone, Copy, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
enum RowKind {
    /// An agreement, by id.
    Agreement,
    /// An actor, by id or code.
    Actor,
    /// An event, by id.
    Event,
    /// Any row, by the fact number printed in the tables' `fact` column.
    Fact,
}

fn actor_kind() -> impl TypedValueParser<Value = ActorKind> {
    PossibleValuesParser::new(ActorKind::ALL.iter().map(|k| k.as_str())).try_map(|text| text.parse::<ActorKind>())
}

fn agreement_kind() -> impl TypedValueParser<Value = AgreementKind> {
    PossibleValuesParser::new(AgreementKind::ALL.iter().map(|k| k.as_str()))
        .try_map(|text| text.parse::<AgreementKind>())
}

/// Parses a day with pactum's own date parser, so that a bad date gets the
/// library's explanation; a month or a year alone is refused, since "in force on"
/// needs a day.
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let date: PartialDate = text.parse().map_err(|e: Error| e.to_string())?;
    if date.precision() == Precision::Day {
        Ok(date.first_day())
    } else {
        Err(format!("{text:?} is not a whole day; write YYYY-MM-DD, e.g. 2024-06-23"))
    }
}

/// Why a run failed, each with the exit code and message it gets.
enum Failure {
    /// The pactum API refused: an unknown id, bad search syntax, …
    Data(Error),
    /// The explorer's own refusal, worded like pactum's.
    Message(String),
    /// Writing the answer failed.
    Output(io::Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Data(error)
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

impl From<csv::Error> for Failure {
    fn from(error: csv::Error) -> Self {
        Failure::Output(error.into())
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Self {
        Failure::Output(error.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Data(error) => write!(f, "{error}"),
            Failure::Message(message) => f.write_str(message),
            Failure::Output(error) => write!(f, "cannot write the answer: {error}"),
        }
    }
}

fn main() -> ExitCode {
    // clap prints help and version itself (exit 0), and usage errors, bad dates
    // included (exit 2).
    let cli = Cli::parse();
    let mut out = BufWriter::new(io::stdout().lock());
    let result = run(&cli, &mut out).and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not an error.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            let mut err = io::stderr().lock();
            let _ = writeln!(err, "error: {failure}");
            if let Failure::Data(Error::NotFound { entity, .. }) = &failure
                && let Some(subcommand) = listing_subcommand(*entity)
            {
                let _ = writeln!(err, "hint: `cargo run --example pactum -- {subcommand}` lists them");
            }
            ExitCode::from(2)
        }
    }
}

/// The subcommand that lists what an unknown id should have named, if there is one.
fn listing_subcommand(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::Actor | Entity::ActorCode => Some("actors"),
        Entity::Agreement => Some("agreements"),
        Entity::Area => Some("areas"),
        Entity::Event => Some("events"),
        _ => None,
    }
}

fn run(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let data = Dataset::open()?;
    let format = if cli.json {
        Format::Json
    } else if cli.csv {
        Format::Csv
    } else {
        Format::Table
    };
    let mut printer = Printer { format, out };
    let Some(command) = &cli.command else {
        return overview(&data, &mut printer);
    };
    match command {
        Command::Actor { actor } => show_actor(&data, &mut printer, actor),
        Command::Actors { kind } => list_actors(&data, &mut printer, *kind),
        Command::Agreement { id } => show_agreement(&data, &mut printer, id),
        Command::Agreements { kind, party, area } => {
            list_agreements(&data, &mut printer, *kind, party.as_deref(), area.as_deref())
        }
        Command::Partners { actor, as_of } => {
            let when = as_of.map_or(When::Ever, When::On);
            partners(&data, &mut printer, actor, when)
        }
        Command::Between { a, b } => between(&data, &mut printer, a, b),
        Command::InForce { as_of } => {
            let found = data.in_force(*as_of)?;
            let heading = format!("{} in force on {as_of}", count(found.len(), "agreement"));
            printer.emit(&found, Report::new(heading).with(agreement_table(&found)))
        }
        Command::Area { slug } => show_area(&data, &mut printer, slug),
        Command::Areas => {
            let areas = data.areas()?;
            let heading = count(areas.len(), "cooperation area");
            printer.emit(&areas, Report::new(heading).with(area_table("areas", &areas)))
        }
        Command::Timeline { id } => timeline(&data, &mut printer, id),
        Command::Events => list_events(&data, &mut printer),
        Command::Search { query } => search(&data, &mut printer, query),
        Command::Evidence { row, id } => evidence(&data, &mut printer, *row, id),
    }
}

// ---------------------------------------------------------------------------
// The subcommands: each asks the typed API, then hands the typed answer (for
// --json) and flat rows built from it (for tables and --csv) to the printer.

/// What the data holds, and what to ask it: the run CI makes with no arguments.
fn overview(data: &Dataset, printer: &mut Printer<'_>) -> Result<(), Failure> {
    #[derive(Serialize)]
    struct Counts {
        actors: i64,
        agreements: i64,
        areas: i64,
        events: i64,
        sources: i64,
        facts: i64,
        evidence: i64,
        disputed_values: i64,
    }
    let rows = data.query_raw(
        "SELECT (SELECT count(*) FROM actor), (SELECT count(*) FROM agreement), (SELECT count(*) FROM area), \
                (SELECT count(*) FROM event), (SELECT count(*) FROM source), (SELECT count(*) FROM fact), \
                (SELECT count(*) FROM evidence), (SELECT count(*) FROM alternative)",
        &[],
    )?;
    let values: Vec<i64> =
        rows.rows.first().into_iter().flatten().map(|v| if let Value::Integer(n) = v { *n } else { 0 }).collect();
    let [actors, agreements, areas, events, sources, facts, evidence, disputed_values] = values[..] else {
        return Err(Failure::Message("the dataset's counts came back in an unexpected shape".into()));
    };
    let counts = Counts { actors, agreements, areas, events, sources, facts, evidence, disputed_values };
    let mut table = Section::new(
        "counts",
        &["actors", "agreements", "areas", "events", "sources", "facts", "evidence", "disputed_values"],
    );
    table.row(values.iter().map(i64::to_string));
    if printer.format != Format::Table {
        return printer.emit(&counts, Report::new(String::new()).with(table));
    }
    let out = &mut printer.out;
    writeln!(out, "pactum: a sourced dataset of security and defence partnerships\n")?;
    writeln!(
        out,
        "{actors} actors, {agreements} agreements, {areas} cooperation areas and {events} events, \
         resting on {evidence} pieces of evidence from {sources} sources ({disputed_values} disputed values kept).\n"
    )?;
    writeln!(out, "Ask it with a subcommand (`cargo run --example pactum -- SUBCOMMAND …`):\n")?;
    let cli = Cli::command();
    for sub in cli.get_subcommands() {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(out, "  {:<12} {about}", sub.get_name())?;
    }
    writeln!(
        out,
        "\n{EXAMPLES}\n\nAdd --json or --csv for machine-readable answers; --help explains each subcommand."
    )?;
    Ok(())
}

#[derive(Serialize)]
struct ActorView {
    actor: Actor,
    memberships: Vec<Membership>,
}

fn show_actor(data: &Dataset, printer: &mut Printer<'_>, given: &str) -> Result<(), Failure> {
    let actor = find_actor(data, given)?;
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
    let mut aliases = Section::new("aliases", &["name", "kind"]);
    for alias in &actor.aliases {
        aliases.row([alias.name.clone(), alias.kind.to_string()]);
    }
    let mut members = Section::new("memberships", &["member", "organisation", "since", "until", "fact"]);
    for m in &memberships {
        members.row([m.member.clone(), m.organisation.clone(), date(m.since), date(m.until), m.fact.0.to_string()]);
    }
    let heading = format!("{} ({}), {}", actor.name, actor.id, actor.kind);
    let view = ActorView { actor, memberships };
    printer.emit(&view, Report::new(heading).with(record).with(aliases).with(members))
}

fn list_actors(data: &Dataset, printer: &mut Printer<'_>, kind: Option<ActorKind>) -> Result<(), Failure> {
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

#[derive(Serialize)]
struct AgreementView {
    agreement: Agreement,
    parties: Vec<Party>,
    milestones: Vec<Milestone>,
    provisions: Vec<Provision>,
    coverage: Vec<Coverage>,
    line_items: Vec<LineItem>,
}

fn show_agreement(data: &Dataset, printer: &mut Printer<'_>, id: &str) -> Result<(), Failure> {
    let agreement = data.agreement(id)?;
    let view = AgreementView {
        parties: data.parties(id)?,
        milestones: data.milestones(id)?,
        provisions: data.provisions(id)?,
        coverage: data.coverage(id)?,
        line_items: data.line_items(id)?,
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
    let mut report = Report::new(heading).with(record).with(parties).with(milestones).with(provisions).with(areas);
    // Line items belong to arms contracts; an empty section elsewhere is noise.
    if !items.rows.is_empty() {
        report = report.with(items);
    }
    printer.emit(&view, report)
}

fn list_agreements(
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
        let actor = find_actor(data, party)?;
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

fn partners(data: &Dataset, printer: &mut Printer<'_>, given: &str, when: When) -> Result<(), Failure> {
    let actor = find_actor(data, given)?;
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

fn between(data: &Dataset, printer: &mut Printer<'_>, a: &str, b: &str) -> Result<(), Failure> {
    let (a, b) = (find_actor(data, a)?, find_actor(data, b)?);
    let found = data.between(&a.id, &b.id)?;
    let heading =
        format!("{} between {} ({}) and {} ({})", count(found.len(), "agreement"), a.label(), a.id, b.label(), b.id);
    printer.emit(&found, Report::new(heading).with(agreement_table(&found)))
}

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

fn show_area(data: &Dataset, printer: &mut Printer<'_>, slug: &str) -> Result<(), Failure> {
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

fn timeline(data: &Dataset, printer: &mut Printer<'_>, given: &str) -> Result<(), Failure> {
    let (entries, subject) = match data.agreement(given) {
        Ok(agreement) => (data.agreement_timeline(&agreement.id)?, format!("{} ({})", agreement.label(), agreement.id)),
        Err(Error::NotFound { .. }) => match find_actor(data, given) {
            Ok(actor) => (data.actor_timeline(&actor.id)?, format!("{} ({})", actor.label(), actor.id)),
            Err(Error::NotFound { .. }) => {
                return Err(Failure::Message(format!(
                    "no agreement or actor {given:?} in the dataset; list the valid ones with \
                     Dataset::agreements(AgreementFilter::new()) and Dataset::actors() (here: the `agreements` and `actors` subcommands)"
                )));
            }
            Err(other) => return Err(other.into()),
        },
        Err(other) => return Err(other.into()),
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

fn list_events(data: &Dataset, printer: &mut Printer<'_>) -> Result<(), Failure> {
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

fn search(data: &Dataset, printer: &mut Printer<'_>, query: &str) -> Result<(), Failure> {
    let hits = data.search(query)?;
    let mut table = Section::new("hits", &["kind", "id", "snippet"]);
    for hit in &hits {
        table.row([hit.kind.to_string(), hit.id.clone(), hit.snippet.clone()]);
    }
    let heading = format!("{} for {query:?}", count(hits.len(), "hit"));
    printer.emit(&hits, Report::new(heading).with(table))
}

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

fn evidence(data: &Dataset, printer: &mut Printer<'_>, row: RowKind, given: &str) -> Result<(), Failure> {
    let (id, fact, what) = match row {
        RowKind::Agreement => {
            let g = data.agreement(given)?;
            (g.id.clone(), g.fact, format!("agreement {} ({})", g.label(), g.id))
        }
        RowKind::Actor => {
            let a = find_actor(data, given)?;
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

// ---------------------------------------------------------------------------
// Helpers.

/// An actor by id or, when no actor has that id, by ISO 3166-1 or Wikidata code.
/// When neither finds one, the error is the id lookup's, which names the listing.
fn find_actor(data: &Dataset, given: &str) -> Result<Actor, Error> {
    let not_found = match data.actor(given) {
        Err(error @ Error::NotFound { .. }) => error,
        other => return other,
    };
    match data.actor_by_code(given) {
        Err(Error::InvalidCode { .. } | Error::NotFound { .. }) => Err(not_found),
        other => other,
    }
}

fn agreement_table(agreements: &[Agreement]) -> Section {
    let mut table = Section::new("agreements", &["id", "kind", "legal_nature", "title", "fact"]);
    for g in agreements {
        table.row([
            g.id.clone(),
            g.kind.to_string(),
            g.legal_nature.to_string(),
            g.label().to_owned(),
            g.fact.0.to_string(),
        ]);
    }
    table
}

fn area_table(key: &'static str, areas: &[Area]) -> Section {
    let mut table = Section::new(key, &["id", "name", "parent"]);
    for a in areas {
        table.row([a.id.clone(), a.name.clone(), opt(&a.parent)]);
    }
    table
}

/// "1 agreement", "2 agreements", "3 entries".
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

fn opt(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

fn date(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Output: the typed answer as JSON, or flat rows as tables or CSV.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Csv,
}

struct Printer<'a> {
    format: Format,
    out: &'a mut dyn Write,
}

impl Printer<'_> {
    /// Prints `typed` for --json, otherwise the rows of `report`.
    fn emit<T: Serialize + ?Sized>(&mut self, typed: &T, report: Report) -> Result<(), Failure> {
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *self.out, typed)?;
                writeln!(self.out)?;
            }
            Format::Csv => report.write_csv(&mut *self.out)?,
            Format::Table => report.write_tables(&mut *self.out)?,
        }
        Ok(())
    }
}

/// One part of an answer as flat text rows: a list, or a single record.
struct Section {
    /// A snake_case name: the CSV `section` value, and (humanised) the table title.
    key: &'static str,
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// How people see it.
    layout: Layout,
}

/// How a section is printed for people (CSV is always rows and columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// A table with a header row.
    Grid,
    /// A single row, as "field  value" lines.
    Record,
    /// Rows with long texts, each as "field  value" lines: too wide for a grid.
    Cards,
}

impl Section {
    fn new(key: &'static str, headers: &[&'static str]) -> Self {
        Section { key, headers: headers.to_vec(), rows: Vec::new(), layout: Layout::Grid }
    }

    fn cards(mut self) -> Self {
        self.layout = Layout::Cards;
        self
    }

    fn record<const N: usize>(key: &'static str, fields: [(&'static str, String); N]) -> Self {
        let (headers, row) = fields.into_iter().unzip();
        Section { key, headers, rows: vec![row], layout: Layout::Record }
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        self.rows.push(cells.into_iter().collect());
    }

    /// Ids broken across lines cannot be copied: keeps id columns whole, narrowest
    /// first, as long as the other columns keep room to wrap their prose.
    fn keep_ids_whole(&self, table: &mut Table) {
        let Some(width) = table.width().map(usize::from) else { return };
        let content = |i: usize| {
            let cells = self.rows.iter().map(|row| row[i].chars().count());
            cells.chain([self.headers[i].len()]).max().unwrap_or(0)
        };
        let mut ids: Vec<(usize, usize)> =
            (0..self.headers.len()).filter(|&i| UNBROKEN.contains(&self.headers[i])).map(|i| (content(i), i)).collect();
        ids.sort_unstable();
        // Each column costs three characters of border and padding.
        let mut used = 1 + 3 * self.headers.len() + MIN_PROSE * (self.headers.len() - ids.len());
        for (content, i) in ids {
            used += content;
            if used > width {
                break;
            }
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }

    /// One row as borderless "field  value" lines, empty fields left out.
    fn write_card(&self, out: &mut dyn Write, row: &[String]) -> io::Result<()> {
        let mut table = grid(presets::NOTHING);
        for (field, value) in self.headers.iter().zip(row) {
            if !value.is_empty() {
                table.add_row([field, value.as_str()]);
            }
        }
        // The borderless layout pads every line to the widest value.
        for line in table.to_string().lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    fn title(&self) -> String {
        let text = self.key.replace('_', " ");
        let mut chars = text.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
}

/// A whole answer: a heading and its sections.
struct Report {
    heading: String,
    sections: Vec<Section>,
}

impl Report {
    fn new(heading: String) -> Self {
        Report { heading, sections: Vec::new() }
    }

    fn with(mut self, section: Section) -> Self {
        self.sections.push(section);
        self
    }

    fn write_tables(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.heading)?;
        // A lone list needs no title of its own: the heading says what it is.
        let titled = self.sections.len() > 1;
        for section in &self.sections {
            if section.layout == Layout::Record {
                writeln!(out)?;
                section.write_card(out, &section.rows[0])?;
                continue;
            }
            if titled {
                writeln!(out, "\n{} ({})", section.title(), section.rows.len())?;
            }
            if section.rows.is_empty() {
                writeln!(out, "  (none)")?;
                continue;
            }
            if section.layout == Layout::Cards {
                for row in &section.rows {
                    writeln!(out)?;
                    section.write_card(out, row)?;
                }
                continue;
            }
            let mut table = grid(presets::UTF8_FULL_CONDENSED);
            table.set_header(&section.headers).add_rows(&section.rows);
            section.keep_ids_whole(&mut table);
            writeln!(out, "{}{table}", if titled { "" } else { "\n" })?;
        }
        Ok(())
    }

    /// One section as plain CSV; several stacked under the union of their columns,
    /// with a first column naming the section of each row.
    fn write_csv(&self, out: &mut dyn Write) -> csv::Result<()> {
        let mut csv = csv::Writer::from_writer(out);
        if let [only] = self.sections.as_slice() {
            csv.write_record(&only.headers)?;
            for row in &only.rows {
                csv.write_record(row)?;
            }
            return csv.flush().map_err(csv::Error::from);
        }
        let mut columns: Vec<&str> = Vec::new();
        for header in self.sections.iter().flat_map(|s| &s.headers) {
            if !columns.contains(header) {
                columns.push(header);
            }
        }
        csv.write_record(std::iter::once("section").chain(columns.iter().copied()))?;
        for section in &self.sections {
            for row in &section.rows {
                let cell =
                    |column: &&str| section.headers.iter().position(|h| h == column).map_or("", |i| row[i].as_str());
                csv.write_record(std::iter::once(section.key).chain(columns.iter().map(cell)))?;
            }
        }
        csv.flush().map_err(csv::Error::from)
    }
}

/// Columns of ids, dates and codes, which tables never wrap.
const UNBROKEN: &[&str] = &["id", "actor", "agreement", "event", "date", "what", "fact", "source", "area", "system"];

/// The narrowest a wrapped prose column should get.
const MIN_PROSE: usize = 16;

/// The width tables wrap to when the output is not a terminal (a pipe, a file).
const PIPE_WIDTH: u16 = 120;

fn grid(preset: &str) -> Table {
    let mut table = Table::new();
    table.load_preset(preset).set_content_arrangement(ContentArrangement::Dynamic);
    if table.width().is_none() {
        table.set_width(PIPE_WIDTH);
    }
    table
}
