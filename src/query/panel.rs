//! What the dyad-year panels are built from: the in-force spells, the state sides
//! of each agreement, and what each agreement's text holds.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::lifecycle::SIDES;
use crate::error::{Result, SqlResultExt};
use crate::{Dataset, Obligation, PartialDate};

/// One agreement's period in force: from `start` to the day before `end` (open
/// while `end` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spell {
    pub agreement: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

#[derive(Default)]
pub(crate) struct StateSides {
    /// Each agreement's state sides, by COW code, sorted.
    pub sides: HashMap<String, Vec<u16>>,
    /// ISO alpha-3 and Wikidata ids by COW code.
    pub codes: HashMap<u16, (Option<String>, Option<String>)>,
}

impl Dataset {
    /// The dates of the milestones that happened, where they have one.
    pub(crate) fn happened_dates(&self) -> Result<Vec<PartialDate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date FROM milestone WHERE status = 'happened' AND date IS NOT NULL")
            .sql()?;
        let rows = stmt.query_map([], |r| super::parse(r, 0)).sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// Every agreement's period in force, by agreement.
    pub(crate) fn in_force_spells(&self) -> Result<Vec<Spell>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT agreement, start, \"end\" FROM in_force_interval ORDER BY agreement")
            .sql()?;
        let rows = stmt
            .query_map([], |r| {
                let day = |text: &str, index| {
                    text.parse::<NaiveDate>().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
                    })
                };
                let start: String = r.get(1)?;
                let end: Option<String> = r.get(2)?;
                Ok(Spell {
                    agreement: r.get(0)?,
                    start: day(&start, 1)?,
                    end: end.as_deref().map(|end| day(end, 2)).transpose()?,
                })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// The states with COW codes that are sides of each agreement, and their codes.
    pub(crate) fn state_sides(&self) -> Result<StateSides> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT p.agreement, a.cow_code, a.iso_alpha3, a.wikidata FROM party p \
                 JOIN actor a ON a.id = p.actor \
                 WHERE a.kind = 'state' AND a.cow_code IS NOT NULL AND p.role IN {SIDES} \
                 ORDER BY p.agreement, a.id"
            ))
            .sql()?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u16>(1)?, r.get(2)?, r.get(3)?))).sql()?;
        let mut found = StateSides::default();
        for row in rows {
            let (agreement, cow, iso3, wikidata) = row.sql()?;
            // Two actors sharing a COW code (a state and its predecessor) are one
            // state to COW; the first by id gives the other codes.
            found.codes.entry(cow).or_insert((iso3, wikidata));
            found.sides.entry(agreement).or_default().push(cow);
        }
        for sides in found.sides.values_mut() {
            sides.sort_unstable();
            sides.dedup();
        }
        Ok(found)
    }

    /// Which of the ATOP obligations each agreement's text has, in [`FLAGS`] order.
    pub(crate) fn obligations(&self) -> Result<HashMap<String, [bool; 5]>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT agreement, obligation FROM provision WHERE status = 'in_text'").sql()?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).sql()?;
        let mut found: HashMap<String, [bool; 5]> = HashMap::new();
        for row in rows {
            let (agreement, obligation) = row.sql()?;
            let obligation: Obligation = obligation.parse()?;
            if let Some(i) = crate::panel::FLAGS.iter().position(|&f| f == obligation) {
                found.entry(agreement).or_default()[i] = true;
            }
        }
        Ok(found)
    }

    /// The areas each agreement's text covers.
    pub(crate) fn areas_in_text(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT agreement, area FROM coverage WHERE status = 'in_text'").sql()?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).sql()?;
        let mut found: HashMap<String, Vec<String>> = HashMap::new();
        for row in rows {
            let (agreement, area) = row.sql()?;
            found.entry(agreement).or_default().push(area);
        }
        Ok(found)
    }
}
