//! The queries behind [`Dataset`](crate::Dataset)'s methods, one family per module.

// The column lists the row readers expect, as macros so that whole statements can
// be assembled with `concat!` at compile time instead of formatted on every call.
macro_rules! actor_columns {
    () => {
        "a.id, a.fact, a.kind, a.name, a.short_name, a.parent, a.description, \
     a.iso_alpha2, a.iso_alpha3, a.iso_numeric, a.cow_code, a.wikidata"
    };
}
macro_rules! agreement_columns {
    () => {
        "g.id, g.fact, g.kind, g.legal_nature, g.title, g.short_title, g.summary, g.parent, g.supersedes"
    };
}
macro_rules! event_columns {
    () => {
        "e.id, e.fact, e.kind, e.title, e.date, e.place, e.agreement, e.summary"
    };
}
macro_rules! source_columns {
    () => {
        "s.id, s.kind, s.publisher, s.title, s.published, s.url, s.language, s.note"
    };
}

mod actors;
mod agreements;
mod collections;
mod events;
mod evidence;
pub(crate) mod fold;
mod index;
mod lifecycle;
mod network;
mod panel;
#[cfg(all(test, feature = "bundled"))]
mod plans;
mod resolve;
pub(crate) mod script;
mod search;
mod timeline;
mod words;

use std::str::FromStr;

use rusqlite::Row;
use rusqlite::types::Type;

pub use agreements::AgreementFilter;
pub(crate) use index::Slot;
pub use network::Partner;
pub(crate) use panel::Spell;
pub use resolve::{MatchedBy, NameMatch, Resolution};
pub use search::{HitKind, MatchedIn, SearchHit};
pub use timeline::{Happening, TimelineEntry};

use crate::{Error, FactId, PartialDate};

/// Reads a text column into one of pactum's `FromStr` types, passing a parse
/// failure through rusqlite as pactum's own error. Parses in place, without
/// copying the text.
fn parse<T: FromStr<Err = Error>>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text = row.get_ref(index)?.as_str()?;
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e)))
}

fn parse_opt<T: FromStr<Err = Error>>(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<T>> {
    match row.get_ref(index)?.as_str_or_null()? {
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

/// A day as the ISO text the schema compares with its `*_last` columns, clamped to
/// the years the schema's dates can hold (1000 to 2999): text compares as dates only
/// within four-digit years, and every day before or after those years stands where
/// the first or last one does.
pub(crate) fn iso(day: chrono::NaiveDate) -> String {
    day_key(day).as_slice().iter().map(|&b| char::from(b)).collect()
}

/// [`iso`]'s text as bytes, without allocating: what the index compares days with.
pub(crate) struct DayKey([u8; 10]);

impl DayKey {
    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.0
    }
}

pub(crate) fn day_key(day: chrono::NaiveDate) -> DayKey {
    use chrono::Datelike;
    let year = day.year();
    if year < 1000 {
        return DayKey(*b"0999-12-31");
    }
    if year > 2999 {
        return DayKey(*b"3000-01-01");
    }
    // Written digit by digit: this runs on every dated query, and the
    // formatting machinery costs more than the query's index lookup.
    let mut key = *b"0000-00-00";
    let mut put = |at: usize, n: u32, width: u32| {
        for i in 0..width {
            key[at + i as usize] = b'0' + (n / 10u32.pow(width - 1 - i) % 10) as u8;
        }
    };
    put(0, year as u32, 4);
    put(5, day.month(), 2);
    put(8, day.day(), 2);
    DayKey(key)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn iso_writes_days_as_sqlite_compares_them() {
        let day = |y, m, d| super::iso(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(day(2024, 6, 9), "2024-06-09");
        assert_eq!(day(2999, 12, 31), "2999-12-31");
    }

    #[test]
    fn iso_stands_days_beyond_the_schema_years_at_its_edges() {
        let day = |y, m, d| super::iso(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert!(day(33, 12, 31).as_str() < "1000-01-01");
        assert!(day(10000, 1, 1).as_str() > "2999-12-31");
        assert!(super::iso(NaiveDate::MIN) < day(1000, 1, 1));
        assert!(super::iso(NaiveDate::MAX) > day(2999, 12, 31));
    }
}
