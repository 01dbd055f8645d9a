//! Dyad-year panels in the shape users of ATOP and peacesciencer expect.
//!
//! [`Dataset::dyad_years`] turns the dataset's agreements into one row per pair
//! of states per year, with ATOP's obligation flags (`defense`, `offense`,
//! `neutral`, `nonagg`, `consul`), the ids of the agreements behind the row and
//! the cooperation areas they cover, keyed by Correlates of War codes (with ISO
//! alpha-3 and Wikidata ids beside them) so that the rows merge onto ATOP,
//! COW or peacesciencer dyad-years.
//!
//! # Which dyad-years are rows
//!
//! - **States only.** A side of a dyad is an actor of kind state with a COW
//!   code, taking part in an agreement as one of its sides (party, buyer or
//!   supplier), as in ATOP and COW. Agreements of the European Union as such
//!   (party `eu`) make no dyads between states, and neither do memberships of
//!   the EU or NATO: they are not agreements between the members.
//! - **Any agreement.** Every agreement joining two or more states counts —
//!   treaties, partnerships, framework agreements, joint statements — not only
//!   alliances; multilateral agreements make a row for every pair of their states.
//!   The flags say which of them are alliances in ATOP's sense.
//! - **In force in the year.** An agreement is in force in a year if its
//!   [`status`](Dataset::status) is [`InForce`](crate::Status::InForce) at the end of
//!   at least one day of that year: it was in force on 31 December, or it entered
//!   into force (took effect) during the year, or it ended during a year it began
//!   in force. As everywhere in pactum, a milestone known only to the month or
//!   year counts from its last possible day, and reported targets do not count.
//! - **Within the dataset's coverage.** Rows run from the year of the dataset's
//!   first dated milestone to the year of its last ([`Dataset::panel_years`]);
//!   no row is emitted outside those years.
//!
//! # Absence means "no agreement" inside coverage and "unknown" outside
//!
//! A dyad-year without a row is, inside [`Dataset::panel_years`], a pair of
//! states between which the dataset knows no agreement in force; outside those
//! years it is **not covered**: the dataset says nothing, and a merge onto a
//! wider universe of dyad-years must leave such years empty (`NA`), not fill in
//! zeros. peacesciencer learnt this the hard way with ATOP after 2018.
//!
//! # The flags
//!
//! Each flag is `Some(true)` if any agreement in force between the pair that year
//! has a provision in its text ([`ProvisionStatus::InText`](crate::ProvisionStatus))
//! with the obligation, and `Some(false)` if agreements are in force but none has
//! it. Every emitted row has agreements, so every flag is `Some`; `None` is what a
//! merge should put outside the coverage. The mapping from [`Obligation`]:
//!
//! | column | obligation |
//! |---|---|
//! | `defense` | [`Obligation::Defence`] |
//! | `offense` | [`Obligation::Offence`] |
//! | `neutral` | [`Obligation::Neutrality`] |
//! | `nonagg` | [`Obligation::NonAggression`] |
//! | `consul` | [`Obligation::Consultation`] |
//!
//! The flags are the dataset's coding of its provisions, not ATOP's: ATOP's
//! `consul` in particular requires a promise to consult in a militarised crisis.
//!
//! # Files
//!
//! A [`DyadYear`] serializes as a flat record, ready for CSV and for R or
//! Stata: the flags as `1`, `0` or empty, and the lists (`agreements`, `areas`)
//! as one `;`-separated field. `pactum::export::to_csv` (feature
//! `export`) writes them, and so does the `csv` crate's `Writer::serialize`.
#![cfg_attr(feature = "export", doc = "```")]
#![cfg_attr(not(feature = "export"), doc = "```ignore")]
//! let data = pactum::Dataset::open()?;
//! let mut out = Vec::new();
//! pactum::export::to_csv(&data.dyad_years(pactum::panel::Dyads::Undirected)?, &mut out)?; // or the csv crate's `serialize`
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("ccode1,ccode2,year,iso3_1,iso3_2,wikidata1,wikidata2,agreements,"));
//! assert!(text.contains("365,731,2025,RUS,PRK,Q159,Q423,russia-dprk-treaty-2024,1,0,0,0,1,"));
//! # Ok::<(), pactum::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Result, SqlResultExt};
use crate::{Dataset, Obligation, PartialDate};

/// Whether a panel holds each pair of states once or in both orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dyads {
    /// One row per pair and year, the lower COW code first (`ccode1 < ccode2`).
    Undirected,
    /// Each pair in both orders: a row for (a, b) and one for (b, a) each year.
    Directed,
}

/// One pair of states in one year, with the agreements in force between them.
///
/// Undirected rows have `ccode1 < ccode2`; directed panels hold each pair in
/// both orders (see [`Dyads`]). See the [module documentation](self) for which rows exist and
/// what a missing row means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DyadYear {
    /// Correlates of War code of the first state.
    pub ccode1: u16,
    /// Correlates of War code of the second state.
    pub ccode2: u16,
    /// The year.
    pub year: i32,
    /// ISO 3166-1 alpha-3 code of the first state, if it has one.
    pub iso3_1: Option<String>,
    /// ISO 3166-1 alpha-3 code of the second state, if it has one.
    pub iso3_2: Option<String>,
    /// Wikidata item of the first state, if known.
    pub wikidata1: Option<String>,
    /// Wikidata item of the second state, if known.
    pub wikidata2: Option<String>,
    /// The ids of the agreements in force between the two that year, sorted.
    #[serde(with = "flat_list")]
    pub agreements: Vec<String>,
    /// Whether any of them obliges a party to defend the other if attacked.
    #[serde(with = "flag")]
    pub defense: Option<bool>,
    /// Whether any of them obliges a party to join the other's attack.
    #[serde(with = "flag")]
    pub offense: Option<bool>,
    /// Whether any of them obliges a party to stay out of a conflict the other is in.
    #[serde(with = "flag")]
    pub neutral: Option<bool>,
    /// Whether any of them is a promise not to attack each other.
    #[serde(with = "flag")]
    pub nonagg: Option<bool>,
    /// Whether any of them is a promise to consult in a crisis.
    #[serde(with = "flag")]
    pub consul: Option<bool>,
    /// The cooperation areas their texts cover, by slug, sorted.
    #[serde(with = "flat_list")]
    pub areas: Vec<String>,
}

/// The ATOP obligations, in the order of [`DyadYear`]'s flag columns.
const FLAGS: [Obligation; 5] = [
    Obligation::Defence,
    Obligation::Offence,
    Obligation::Neutrality,
    Obligation::NonAggression,
    Obligation::Consultation,
];

impl Dataset {
    /// The years the dataset covers: from the year of its first dated milestone
    /// that happened to the year of its last. `None` for a dataset without one.
    ///
    /// Inside these years a pair of states without a [`DyadYear`] had no agreement
    /// in force the dataset knows of; outside them, the dataset says nothing.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let years = data.panel_years()?.expect("the bundled data has dated milestones");
    /// assert!(years.contains(&2024));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn panel_years(&self) -> Result<Option<RangeInclusive<i32>>> {
        Ok(span(&self.happened_milestones()?))
    }

    /// Dyad-years of states with agreements in force between them, sorted by
    /// `ccode1`, `ccode2` and year: one row per pair and year for
    /// [`Dyads::Undirected`] (with `ccode1 < ccode2`), and each pair in both orders
    /// for [`Dyads::Directed`].
    ///
    /// Rows exist only within [`Dataset::panel_years`]; the
    /// [module documentation](crate::panel) gives the rules.
    ///
    /// ```
    /// use pactum::panel::Dyads;
    /// let data = pactum::Dataset::open()?;
    /// let rows = data.dyad_years(Dyads::Undirected)?;
    /// // Russia (365) and North Korea (731), under the treaty of 19 June 2024.
    /// let row = rows.iter().find(|r| (r.ccode1, r.ccode2, r.year) == (365, 731, 2025)).unwrap();
    /// assert_eq!(row.defense, Some(true));
    /// assert_eq!(row.agreements, ["russia-dprk-treaty-2024"]);
    /// assert_eq!(data.dyad_years(Dyads::Directed)?.len(), 2 * rows.len());
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn dyad_years(&self, dyads: Dyads) -> Result<Vec<DyadYear>> {
        let directed = dyads == Dyads::Directed;
        let milestones = self.happened_milestones()?;
        let Some(covered) = span(&milestones) else {
            return Ok(Vec::new());
        };
        let in_force = in_force_years(&milestones, &covered);
        let states = self.state_sides()?;
        let obligations = self.obligations()?;
        let areas = self.areas_in_text()?;

        let mut dyads: BTreeMap<(u16, u16, i32), Accumulated> = BTreeMap::new();
        for (agreement, years) in &in_force {
            let Some(sides) = states.sides.get(agreement) else { continue };
            let flags = obligations.get(agreement).copied().unwrap_or_default();
            for (i, &a) in sides.iter().enumerate() {
                // `sides` is sorted and free of repeats, so each pair comes once, lower code first.
                for &b in &sides[i + 1..] {
                    for year in years.clone() {
                        let row = dyads.entry((a, b, year)).or_default();
                        row.agreements.insert(agreement.clone());
                        row.flags.iter_mut().zip(flags).for_each(|(any, has)| *any |= has);
                        row.areas.extend(areas.get(agreement).into_iter().flatten().cloned());
                    }
                }
            }
        }

        let mut rows = Vec::with_capacity(dyads.len() * if directed { 2 } else { 1 });
        for ((a, b, year), found) in dyads {
            let row = found.into_row(&states.codes, a, b, year);
            if directed {
                rows.push(row.reversed());
            }
            rows.push(row);
        }
        if directed {
            rows.sort_by_key(|r| (r.ccode1, r.ccode2, r.year));
        }
        Ok(rows)
    }

    /// The dated milestones that happened, as (agreement, date, stage).
    fn happened_milestones(&self) -> Result<Vec<(String, PartialDate, Option<i64>)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT agreement, date, stage FROM milestone \
                 WHERE status = 'happened' AND date IS NOT NULL",
            )
            .sql()?;
        let raw: Vec<(String, String, Option<i64>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .sql()?
            .collect::<rusqlite::Result<_>>()
            .sql()?;
        raw.into_iter().map(|(agreement, date, stage)| Ok((agreement, date.parse()?, stage))).collect()
    }

    /// The states with COW codes that are sides of each agreement, and their codes.
    fn state_sides(&self) -> Result<StateSides> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.agreement, a.cow_code, a.iso_alpha3, a.wikidata FROM party p \
                 JOIN actor a ON a.id = p.actor \
                 WHERE a.kind = 'state' AND a.cow_code IS NOT NULL \
                   AND p.role IN ('party', 'buyer', 'supplier') \
                 ORDER BY p.agreement, a.id",
            )
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
    fn obligations(&self) -> Result<HashMap<String, [bool; 5]>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT agreement, obligation FROM provision WHERE status = 'in_text'").sql()?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).sql()?;
        let mut found: HashMap<String, [bool; 5]> = HashMap::new();
        for row in rows {
            let (agreement, obligation) = row.sql()?;
            let obligation: Obligation = obligation.parse()?;
            if let Some(i) = FLAGS.iter().position(|&f| f == obligation) {
                found.entry(agreement).or_default()[i] = true;
            }
        }
        Ok(found)
    }

    /// The areas each agreement's text covers.
    fn areas_in_text(&self) -> Result<HashMap<String, Vec<String>>> {
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

#[derive(Default)]
struct StateSides {
    /// Each agreement's state sides, by COW code, sorted.
    sides: HashMap<String, Vec<u16>>,
    /// ISO alpha-3 and Wikidata ids by COW code.
    codes: HashMap<u16, (Option<String>, Option<String>)>,
}

#[derive(Default)]
struct Accumulated {
    agreements: BTreeSet<String>,
    flags: [bool; 5],
    areas: BTreeSet<String>,
}

impl Accumulated {
    fn into_row(self, codes: &HashMap<u16, (Option<String>, Option<String>)>, a: u16, b: u16, year: i32) -> DyadYear {
        let (iso3_1, wikidata1) = codes.get(&a).cloned().unwrap_or_default();
        let (iso3_2, wikidata2) = codes.get(&b).cloned().unwrap_or_default();
        let [defense, offense, neutral, nonagg, consul] = self.flags.map(Some);
        DyadYear {
            ccode1: a,
            ccode2: b,
            year,
            iso3_1,
            iso3_2,
            wikidata1,
            wikidata2,
            agreements: self.agreements.into_iter().collect(),
            defense,
            offense,
            neutral,
            nonagg,
            consul,
            areas: self.areas.into_iter().collect(),
        }
    }
}

impl DyadYear {
    /// The same dyad-year seen from the other state.
    fn reversed(&self) -> DyadYear {
        DyadYear {
            ccode1: self.ccode2,
            ccode2: self.ccode1,
            iso3_1: self.iso3_2.clone(),
            iso3_2: self.iso3_1.clone(),
            wikidata1: self.wikidata2.clone(),
            wikidata2: self.wikidata1.clone(),
            ..self.clone()
        }
    }
}

/// The years from the first to the last of the milestones.
fn span(milestones: &[(String, PartialDate, Option<i64>)]) -> Option<RangeInclusive<i32>> {
    let first = milestones.iter().map(|(_, date, _)| date.first_day().year()).min()?;
    let last = milestones.iter().map(|(_, date, _)| date.last_day().year()).max()?;
    Some(first..=last)
}

/// The years, within `covered`, in which each agreement was in force at the end
/// of at least one day.
///
/// An agreement's status on a day is set by the highest stage among the
/// milestones on or before it, so it is in force from the first day a stage-4
/// milestone has certainly happened until the day before the first stage-5 one.
fn in_force_years(
    milestones: &[(String, PartialDate, Option<i64>)],
    covered: &RangeInclusive<i32>,
) -> BTreeMap<String, RangeInclusive<i32>> {
    let mut bounds: BTreeMap<&str, (Option<NaiveDate>, Option<NaiveDate>)> = BTreeMap::new();
    for (agreement, date, stage) in milestones {
        let slot = match stage {
            Some(4) => 0,
            Some(5) => 1,
            _ => continue,
        };
        let (starts, ends) = bounds.entry(agreement).or_default();
        let bound = if slot == 0 { starts } else { ends };
        let day = date.last_day();
        *bound = Some(bound.map_or(day, |b| b.min(day)));
    }
    let mut years = BTreeMap::new();
    for (agreement, (starts, ends)) in bounds {
        let Some(starts) = starts else { continue };
        let last_year = match ends {
            Some(ends) if ends <= starts => continue,
            // In force until the end of the day before it ended.
            Some(ends) => ends.pred_opt().map_or(ends.year(), |d| d.year()),
            None => *covered.end(),
        };
        let first = starts.year().max(*covered.start());
        let last = last_year.min(*covered.end());
        if first <= last {
            years.insert(agreement.to_owned(), first..=last);
        }
    }
    years
}

/// A list as one `;`-separated field, so that a row stays a flat record.
mod flat_list {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(list: &[String], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&list.join(";"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(text.split(';').filter(|s| !s.is_empty()).map(str::to_owned).collect())
    }
}

/// A flag as ATOP writes it: `1`, `0`, or nothing when unknown.
mod flag {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(flag: &Option<bool>, serializer: S) -> Result<S::Ok, S::Error> {
        match flag {
            Some(set) => serializer.serialize_some(&u8::from(*set)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
        match Option::<u8>::deserialize(deserializer)? {
            None => Ok(None),
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            Some(other) => Err(D::Error::custom(format!("a flag is 0 or 1, not {other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milestone(date: &str, stage: i64) -> (String, PartialDate, Option<i64>) {
        ("a".to_owned(), date.parse().unwrap(), Some(stage))
    }

    fn years(milestones: &[(String, PartialDate, Option<i64>)]) -> Option<RangeInclusive<i32>> {
        in_force_years(milestones, &(1990..=2030)).remove("a")
    }

    #[test]
    fn an_agreement_in_force_on_any_day_of_a_year_counts_in_that_year() {
        assert_eq!(years(&[milestone("2020-12-31", 4)]), Some(2020..=2030));
        // Ended in the middle of 2024: in force on its first months.
        assert_eq!(years(&[milestone("2020-06-01", 4), milestone("2024-06-30", 5)]), Some(2020..=2024));
        // Ended on 1 January: its last day in force was in the year before.
        assert_eq!(years(&[milestone("2020-06-01", 4), milestone("2024-01-01", 5)]), Some(2020..=2023));
        // In and out of force within one year.
        assert_eq!(years(&[milestone("2021-02-01", 4), milestone("2021-03-01", 5)]), Some(2021..=2021));
    }

    #[test]
    fn an_agreement_never_in_force_has_no_years() {
        assert_eq!(years(&[milestone("2020-06-01", 3)]), None);
        assert_eq!(years(&[milestone("2020-06-01", 5), milestone("2021", 4)]), None);
        assert_eq!(years(&[milestone("2020-06-01", 4), milestone("2020-06-01", 5)]), None);
    }

    #[test]
    fn a_date_known_to_the_year_counts_from_its_last_day_and_coverage_clips() {
        assert_eq!(years(&[milestone("2019", 4)]), Some(2019..=2030));
        assert_eq!(in_force_years(&[milestone("1980", 4)], &(1990..=2000)).remove("a"), Some(1990..=2000));
        assert_eq!(in_force_years(&[milestone("2020", 4)], &(1990..=2000)).remove("a"), None);
    }
}
