//! Why a run failed, and how the failure is told: the library's own message, with
//! the subcommand that lists what an unknown name should have named.

use std::fmt;
use std::io::{self, Write};

use pactum::{Entity, Error};

/// Why a run failed, each with the exit code and message it gets.
pub enum Failure {
    /// The pactum API refused: an unknown id, bad search syntax, a file that is not
    /// a pactum database, …
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
            Failure::Data(error) => {
                write!(f, "{error}")?;
                // A name that matched nothing ends in the library call that lists
                // the valid ones; say which subcommand that is here.
                match error {
                    Error::NearMiss { entity, .. }
                    | Error::NotFound { entity: entity @ Entity::AgreementOrActor, .. } => {
                        match listing_here(*entity) {
                            Some(here) => write!(f, " (here: {here})"),
                            None => Ok(()),
                        }
                    }
                    _ => Ok(()),
                }
            }
            Failure::Message(message) => f.write_str(message),
            Failure::Output(error) => write!(f, "cannot write the answer: {error}"),
        }
    }
}

impl Failure {
    /// Tells the failure on stderr: the message, and for an unknown id the
    /// subcommand that lists the valid ones.
    pub fn report(&self, err: &mut dyn Write) -> io::Result<()> {
        writeln!(err, "error: {self}")?;
        if let Failure::Data(Error::NotFound { entity, .. }) = self
            && let Some(subcommand) = listing_subcommand(*entity)
        {
            writeln!(err, "hint: `cargo run --example pactum -- {subcommand}` lists them")?;
        }
        Ok(())
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

/// The subcommands that list what a name that matched nothing should have named.
fn listing_here(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::AgreementOrActor => Some("the `agreements` and `actors` subcommands"),
        Entity::Agreement => Some("the `agreements` subcommand"),
        Entity::Actor => Some("the `actors` subcommand"),
        _ => None,
    }
}
