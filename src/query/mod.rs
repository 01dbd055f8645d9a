//! The queries behind [`Dataset`](crate::Dataset)'s methods, one family per module.

mod actors;
mod agreements;
mod events;
mod evidence;
mod network;
#[cfg(test)]
mod plans;
mod raw;
mod search;
mod timeline;

use std::str::FromStr;

use rusqlite::Row;
use rusqlite::types::Type;

pub use agreements::AgreementFilter;
pub use network::Partner;
pub use raw::{Rows, Value};
pub use search::{HitKind, SearchHit};
pub use timeline::{Happening, TimelineEntry};

use crate::{Error, FactId, PartialDate};

/// Reads a text column into one of pactum's `FromStr` types, passing a parse
/// failure through rusqlite as pactum's own error.
fn parse<T: FromStr<Err = Error>>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e)))
}

fn parse_opt<T: FromStr<Err = Error>>(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e))),
    }
}

fn date_opt(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<PartialDate>> {
    parse_opt(row, index)
}

fn fact(row: &Row<'_>, index: usize) -> rusqlite::Result<FactId> {
    row.get(index).map(FactId)
}

/// A day as the ISO text the schema compares with its `*_last` columns.
fn iso(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}
