//! The command line: the global options, the subcommands and their arguments, as
//! clap parses them and `--help` explains them.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use pactum::{ActorKind, AgreementKind, Error, PartialDate, Precision};
use serde::Serialize;

/// Explore pactum's dataset of security and defence partnerships: who is
/// partnered with whom, since when, on what, and on whose word.
///
/// Ids are the dataset's own: states go by their lower-case ISO code (jp, kr, md),
/// other actors and agreements by kebab-case ids (eu, hanwha-aerospace,
/// eu-japan-sdp). Wherever an actor or an agreement is asked for, anything that
/// names it works too: an ISO 3166-1 code (KOR, 410), a Wikidata id (Q884), a
/// name, short name, alias or title, in any stored language ("South Korea", ROK,
/// 日豪ACSA), in any case. Run with no subcommand for an overview.
#[derive(Debug, Parser)]
#[command(name = "pactum", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Print the typed results of the pactum API as pretty-printed JSON instead of tables.
    #[arg(long, global = true, conflicts_with = "csv", display_order = 100)]
    pub json: bool,

    /// Print the results as CSV instead of tables.
    ///
    /// A header row, then one row per result. Answers with several parts (an
    /// agreement's parties, milestones, …) are stacked under the union of their
    /// columns, with a first column `section` naming the part.
    #[arg(long, global = true, display_order = 101)]
    pub csv: bool,

    /// Query this pactum database file instead of the bundled data.
    ///
    /// A copy of the bundled data (written by `Dataset::write_bundled`) or a larger
    /// database of the same schema. It is opened read-only and checked before any
    /// query (`Dataset::open_file`); a file that is not one is refused, saying why.
    #[arg(long, global = true, value_name = "FILE", display_order = 102)]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

pub const EXAMPLES: &str = "Examples:
  pactum partners eu --as-of 2024-06-23     the EU's partners on the day of the seed article
  pactum agreement russia-dprk-treaty-2024  a treaty with its parties, lifecycle and articles
  pactum timeline kr                        South Korea's agreements and events, in date order
  pactum actor 'South Korea'                an actor by any of its names, in any language
  pactum resolve Korea                      what a name could mean, ranked
  pactum search 'K9*'                       full-text search, FTS5 syntax
  pactum evidence agreement eu-japan-sdp    on whose word a row rests
  pactum build my-data --out mine.sqlite3   your own data on the bundled data (--features build)
  pactum diff bundled mine.sqlite3          what your data changed
  pactum --json in-force --as-of 2024-12-31 the same answers as JSON (or --csv)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One actor: its names, codes, aliases and memberships.
    ///
    /// The argument may be anything that names the actor: its id (jp, eu,
    /// hanwha-aerospace), an ISO 3166-1 code (KR, KOR, 410), a Wikidata id (Q884),
    /// its name, short name or an alias, in any stored language and any case
    /// ("south korea", ROK, 欧州連合). A name that could mean several actors is
    /// refused with the candidates; a near miss gets suggestions.
    Actor {
        /// The actor: an id, a code or a name.
        #[arg(value_name = "ACTOR")]
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
        /// The agreement: its id (eu-japan-sdp; list them with `agreements`), its
        /// title or short title, or a title in another language (日豪ACSA).
        #[arg(value_name = "AGREEMENT")]
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

        /// Only agreements this actor takes part in, in any role (an id, a code or a name).
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
        /// The actor whose partners to list (an id, a code or a name).
        #[arg(value_name = "ACTOR")]
        actor: String,

        /// Count only agreements in force at the end of this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },

    /// The agreements in which two actors both take part, in any role.
    Between {
        /// One actor (an id, a code or a name).
        #[arg(value_name = "A")]
        a: String,

        /// The other actor (an id, a code or a name).
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
    /// events it took part in. The argument is resolved as `resolve` shows.
    Timeline {
        /// An agreement or an actor: an id, a code or a name.
        #[arg(value_name = "ACTOR or AGREEMENT")]
        id: String,
    },

    /// Every event, in date order.
    Events,

    /// The collections the data declares its scope by: status, date, size.
    ///
    /// A complete collection holds every member of its family, checked against
    /// the lists that enumerate it; a partial one says what is known to be missing.
    Collections,

    /// One collection: its definition, its members and its enumerating list.
    Collection {
        /// The collection's id, e.g. context (list them with `collections`).
        #[arg(value_name = "ID")]
        id: String,
    },

    /// Full-text search over names, titles, summaries and evidence quotes.
    ///
    /// The query is SQLite FTS5 syntax: words (howitzer), prefixes (K9*), phrases
    /// ("strategic dialogue"), AND, OR, NOT and NEAR. Quote it for the shell, and put
    /// words with punctuation in double quotes inside: '"K9A1"'. English words match
    /// their other forms (howitzers, howitzer); Japanese, Chinese and Korean match as
    /// substrings (防衛, 방위). One hit per row, agreements, events and actors before
    /// sources, names and titles before summaries and quotes; `why` says which
    /// matched.
    Search {
        /// The full-text query: `search North Korea troops` and `search 'North Korea troops'`
        /// are the same query.
        #[arg(value_name = "QUERY", required = true, num_args = 1..)]
        query: Vec<String>,
    },

    /// What a name could mean: the actors and agreements it names, ranked.
    ///
    /// Accepts ids, ISO 3166-1 and Wikidata codes, names, short names, aliases and
    /// titles in any stored language, ignoring case and diacritics. Says when the
    /// name is ambiguous, and suggests near misses when nothing matches.
    Resolve {
        /// The name, id or code: `resolve South Korea` and `resolve 'South Korea'` are the same.
        #[arg(value_name = "TEXT", required = true, num_args = 1..)]
        text: Vec<String>,
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

    /// Check directories of your own data against every rule, writing nothing.
    ///
    /// The directories are in the format of schema/README.md, laid over the bundled
    /// data (unless --no-bundled) in the order given. Every problem is printed with
    /// its file, line and column. Needs the builder: add `--features build`.
    Validate {
        /// Directories of .toml data files.
        #[arg(value_name = "DIR", required = true)]
        dirs: Vec<PathBuf>,

        /// Check the directories alone, without the bundled data underneath.
        #[arg(long)]
        no_bundled: bool,
    },

    /// Build directories of your own data into a database file.
    ///
    /// The bundled data is the base unless --no-bundled. A build with problems
    /// prints them all and writes nothing. Query the result with `--db FILE`.
    /// Needs the builder: add `--features build`.
    Build {
        /// Directories of .toml data files.
        #[arg(value_name = "DIR", required = true)]
        dirs: Vec<PathBuf>,

        /// The database file to write; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,

        /// Build the directories alone, without the bundled data underneath.
        #[arg(long)]
        no_bundled: bool,
    },

    /// What changed from one dataset to another: rows added, removed and changed,
    /// field by field.
    ///
    /// Each of A and B is a pactum database file, or `bundled` for the bundled data.
    Diff {
        /// The dataset before: a file, or `bundled`.
        #[arg(value_name = "A")]
        a: String,

        /// The dataset after: a file, or `bundled`.
        #[arg(value_name = "B")]
        b: String,
    },
}

/// The rows `evidence` can be asked about.
#[derive(Debug, Clone, Copy, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// An agreement, by id or title.
    Agreement,
    /// An actor, by id, code or name.
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
