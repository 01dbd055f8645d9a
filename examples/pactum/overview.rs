//! The run with no subcommand: what the data holds, and what to ask it.

use std::io::Write;

use clap::CommandFactory;
use pactum::{Dataset, Summary};
use serde::Serialize;

use crate::cli::{Cli, EXAMPLES};
use crate::failure::Failure;
use crate::render::{Format, Printer, Report, Section};

/// The figures the overview gives, for --json and --csv.
#[derive(Serialize)]
struct Counts {
    actors: u32,
    agreements: u32,
    areas: u32,
    events: u32,
    sources: u32,
    facts: u32,
    evidence: u32,
    disputed_values: u32,
}

/// What the data holds, and what to ask it: the run CI makes with no arguments.
pub fn overview(data: &Dataset, printer: &mut Printer<'_>) -> Result<(), Failure> {
    let Summary { actors, agreements, areas, events, sources, facts, evidence, disputed_values, .. } =
        data.summary()?;
    let counts = Counts { actors, agreements, areas, events, sources, facts, evidence, disputed_values };
    if printer.format != Format::Table {
        let mut table = Section::new(
            "counts",
            &["actors", "agreements", "areas", "events", "sources", "facts", "evidence", "disputed_values"],
        );
        table
            .row([actors, agreements, areas, events, sources, facts, evidence, disputed_values].map(|n| n.to_string()));
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
