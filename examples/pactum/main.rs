//! `pactum`: a command-line explorer of the bundled dataset, or of any pactum
//! database file (`--db FILE`).
//!
//! ```sh
//! cargo run --example pactum                                  # what the data holds, and the subcommands
//! cargo run --example pactum -- partners eu --as-of 2024-06-23
//! cargo run --example pactum -- agreement russia-dprk-treaty-2024
//! cargo run --example pactum -- --json search 'K9*'
//! cargo run --example pactum -- --csv agreements --kind treaty
//! cargo run --example pactum -- --db pactum.sqlite3 actors  # a file written by Dataset::write_bundled
//! cargo run --example pactum -- help evidence
//! ```
//!
//! Tables are for people; `--json` prints the typed results of the pactum API as
//! pretty JSON and `--csv` flat rows, for other programs. Errors go to stderr and
//! exit with code 2, as clap's own usage errors do.
//!
//! The explorer only presents: every answer is one or more calls of the pactum
//! API. `cli` holds the command line; each subcommand family has its module
//! (`actors`, `agreements`, `areas`, `timeline`, `collections`, `finding`,
//! `evidence`, `building` for your own data, and `overview` for the run without
//! one); `render` and `tables` turn
//! typed answers into tables, CSV or JSON; `failure` says what went wrong.

mod actors;
mod agreements;
mod areas;
mod building;
mod cli;
mod collections;
mod evidence;
mod failure;
mod finding;
mod overview;
mod render;
mod tables;
mod timeline;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use pactum::{Dataset, When};

use crate::cli::{Cli, Command};
use crate::failure::Failure;
use crate::render::{Format, Printer};

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
            let _ = failure.report(&mut io::stderr().lock());
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    // Building and comparing datasets open no dataset of their own.
    match &cli.command {
        Some(Command::Validate { dirs, no_bundled }) => return building::validate(out, dirs, *no_bundled, cli.json),
        Some(Command::Build { dirs, out: file, no_bundled }) => {
            return building::build(out, dirs, file, *no_bundled, cli.json);
        }
        Some(Command::Diff { a, b }) => return building::diff(out, a, b, cli.json),
        _ => {}
    }
    let data = match &cli.db {
        Some(path) => Dataset::open_file(path)?,
        None => Dataset::open()?,
    };
    let format = if cli.json {
        Format::Json
    } else if cli.csv {
        Format::Csv
    } else {
        Format::Table
    };
    let mut printer = Printer { format, out };
    let printer = &mut printer;
    let Some(command) = &cli.command else {
        return overview::overview(&data, printer);
    };
    match command {
        Command::Actor { actor } => actors::show_actor(&data, printer, actor),
        Command::Actors { kind } => actors::list_actors(&data, printer, *kind),
        Command::Partners { actor, as_of } => {
            let when = as_of.map_or(When::Ever, When::On);
            actors::partners(&data, printer, actor, when)
        }
        Command::Between { a, b } => actors::between(&data, printer, a, b),
        Command::Agreement { id } => agreements::show_agreement(&data, printer, id),
        Command::Agreements { kind, party, area } => {
            agreements::list_agreements(&data, printer, *kind, party.as_deref(), area.as_deref())
        }
        Command::InForce { as_of } => agreements::in_force(&data, printer, *as_of),
        Command::Area { slug } => areas::show_area(&data, printer, slug),
        Command::Areas => areas::list_areas(&data, printer),
        Command::Timeline { id } => timeline::timeline(&data, printer, id),
        Command::Events => timeline::list_events(&data, printer),
        Command::Collections => collections::list_collections(&data, printer),
        Command::Collection { id } => collections::show_collection(&data, printer, id),
        Command::Search { query } => finding::search(&data, printer, &query.join(" ")),
        Command::Resolve { text } => finding::resolve(&data, printer, &text.join(" ")),
        Command::Evidence { row, id } => evidence::evidence(&data, printer, *row, id),
        Command::Validate { .. } | Command::Build { .. } | Command::Diff { .. } => unreachable!("handled above"),
    }
}
