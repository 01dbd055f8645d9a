//! Dates that keep the precision their sources give.

use std::cmp::Ordering;
use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Error;

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The year and month are known.
    Month,
    /// The exact day is known.
    Day,
}

/// A calendar date known to the year, the month or the day.
///
/// A contract reported as "signed in December 2023" is `2023-12`, not
/// 1 December 2023. A `PartialDate` stands for the whole period it may fall in,
/// from [`first_day`](Self::first_day) to [`last_day`](Self::last_day).
///
/// Comparison is honest about that: two dates compare as less or greater only
/// when their periods do not overlap, and as equal only when they are the
/// same date at the same precision. `2024` and `2024-06` are neither: their
/// `partial_cmp` is `None`. To sort, use [`sort_key`](Self::sort_key), which
/// orders by first day and puts the coarser date first, as ISO text sorts.
///
/// Years run from 1000 to 2999 ([`PartialDate::YEARS`]): the four-digit years the
/// schema stores. Parsing, the constructors and serde all keep to that range, so a
/// `PartialDate` always writes as text that reads back as the same date.
///
/// ```
/// use pactum::{PartialDate, Precision};
///
/// let month: PartialDate = "2023-12".parse()?;
/// assert_eq!(month.precision(), Precision::Month);
/// assert_eq!(month.last_day().to_string(), "2023-12-31");
///
/// let day: PartialDate = "2023-12-04".parse()?;
/// assert!(month.contains(day.first_day()));
/// assert_eq!(month.partial_cmp(&day), None); // December may be before or after the 4th
/// assert!(day < "2024".parse()?);
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    first: NaiveDate,
    precision: Precision,
}

impl PartialDate {
    /// The years a `PartialDate` can have: those whose dates write as four-digit
    /// ISO text and that the schema's `CHECK`s accept, so that every `PartialDate`
    /// round-trips through its text, serde and the database. Parsing and every
    /// constructor refuse years outside it.
    pub const YEARS: RangeInclusive<i32> = 1000..=2999;

    /// A date known only to the year. `None` if the year is outside [`YEARS`](Self::YEARS).
    ///
    /// ```
    /// use pactum::PartialDate;
    /// assert_eq!(PartialDate::from_year(2024).unwrap().to_string(), "2024");
    /// assert_eq!(PartialDate::from_year(12345), None);
    /// ```
    pub fn from_year(year: i32) -> Option<Self> {
        Self::new(year, 1, 1, Precision::Year)
    }

    /// A date known to the month. `None` if the month is not 1–12 or the year is
    /// outside [`YEARS`](Self::YEARS).
    ///
    /// ```
    /// use pactum::PartialDate;
    /// assert_eq!(PartialDate::from_year_month(2023, 12).unwrap().to_string(), "2023-12");
    /// assert_eq!(PartialDate::from_year_month(2023, 13), None);
    /// ```
    pub fn from_year_month(year: i32, month: u32) -> Option<Self> {
        Self::new(year, month, 1, Precision::Month)
    }

    /// A date known to the day. `None` if there is no such day in the calendar or
    /// the year is outside [`YEARS`](Self::YEARS).
    ///
    /// ```
    /// use pactum::PartialDate;
    /// assert_eq!(PartialDate::from_ymd(2024, 6, 19).unwrap().to_string(), "2024-06-19");
    /// assert_eq!(PartialDate::from_ymd(2023, 2, 29), None);
    /// ```
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        Self::new(year, month, day, Precision::Day)
    }

    /// A date known to the day, from a chrono date. `None` if its year is outside
    /// [`YEARS`](Self::YEARS); `PartialDate::try_from(date)` does the same with an error.
    pub fn from_date(date: NaiveDate) -> Option<Self> {
        Self::YEARS.contains(&date.year()).then_some(Self { first: date, precision: Precision::Day })
    }

    fn new(year: i32, month: u32, day: u32, precision: Precision) -> Option<Self> {
        let first = NaiveDate::from_ymd_opt(year, month, day).filter(|_| Self::YEARS.contains(&year))?;
        Some(Self { first, precision })
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first day the date can mean.
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last day the date can mean.
    pub fn last_day(&self) -> NaiveDate {
        let next = match self.precision {
            Precision::Day => return self.first,
            Precision::Month => self.first.checked_add_months(chrono::Months::new(1)),
            Precision::Year => self.first.with_year(self.first.year() + 1),
        };
        // Within `YEARS`, every period has a successor well inside chrono's range.
        next.and_then(|n| n.pred_opt()).unwrap_or(self.first)
    }

    /// Whether `day` falls within the period the date may mean.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last_day()
    }

    /// A key that sorts dates by their first day, coarser dates first.
    pub fn sort_key(&self) -> (NaiveDate, Precision) {
        (self.first, self.precision)
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        if self == other {
            Some(Ordering::Equal)
        } else if self.last_day() < other.first_day() {
            Some(Ordering::Less)
        } else if self.first_day() > other.last_day() {
            Some(Ordering::Greater)
        } else {
            None
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.first.year()),
            Precision::Month => write!(f, "{:04}-{:02}", self.first.year(), self.first.month()),
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d")),
        }
    }
}

impl FromStr for PartialDate {
    type Err = Error;

    fn from_str(input: &str) -> Result<Self, Error> {
        let invalid = |reason| Error::InvalidDate { input: input.to_owned(), reason };
        let mut parts = input.split('-');
        let number = |part: Option<&str>, width: usize| -> Result<Option<u32>, Error> {
            match part {
                None => Ok(None),
                Some(p) if p.len() == width && p.bytes().all(|b| b.is_ascii_digit()) => Ok(p.parse().ok()),
                Some(_) => Err(invalid("each part must be all digits: four for the year, two for month and day")),
            }
        };
        let year = number(parts.next(), 4)?.ok_or_else(|| invalid("no year"))?;
        let month = number(parts.next(), 2)?;
        let day = number(parts.next(), 2)?;
        if parts.next().is_some() {
            return Err(invalid("too many parts"));
        }
        // Four digits always fit an i32.
        let year = year as i32;
        if !Self::YEARS.contains(&year) {
            return Err(invalid("the year must be 1000 to 2999"));
        }
        match (month, day) {
            (None, _) => Self::from_year(year).ok_or_else(|| invalid("no such year")),
            (Some(m), None) => Self::from_year_month(year, m).ok_or_else(|| invalid("month must be 01 to 12")),
            (Some(m), Some(d)) => Self::from_ymd(year, m, d).ok_or_else(|| invalid("no such day in the calendar")),
        }
    }
}

impl TryFrom<String> for PartialDate {
    type Error = Error;

    fn try_from(text: String) -> Result<Self, Error> {
        text.parse()
    }
}

impl From<PartialDate> for String {
    fn from(date: PartialDate) -> String {
        date.to_string()
    }
}

impl TryFrom<NaiveDate> for PartialDate {
    type Error = Error;

    /// The day as a `PartialDate`; [`Error::InvalidDate`] if its year is outside
    /// [`PartialDate::YEARS`].
    fn try_from(date: NaiveDate) -> Result<Self, Error> {
        Self::from_date(date)
            .ok_or_else(|| Error::InvalidDate { input: date.to_string(), reason: "the year must be 1000 to 2999" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn text_round_trips_at_every_precision() {
        for s in ["2024", "2024-06", "2024-06-19", "1000-01-01", "2999-12-31", "2999"] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn malformed_text_is_an_error_not_a_panic() {
        for s in [
            "",
            "24",
            "2024-6",
            "2024-13",
            "2024-02-30",
            "2024-06-19-01",
            "２０２４",
            "2024-0a",
            "-2024",
            "0999",
            "3000-01",
        ] {
            assert!(matches!(s.parse::<PartialDate>(), Err(Error::InvalidDate { .. })), "{s}");
        }
    }

    #[test]
    fn last_day_knows_month_lengths_and_leap_years() {
        assert_eq!(d("2024-02").last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(d("2023-02").last_day(), NaiveDate::from_ymd_opt(2023, 2, 28).unwrap());
        assert_eq!(d("2024").last_day(), NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
    }

    #[test]
    fn overlapping_periods_are_unordered() {
        assert_eq!(d("2024").partial_cmp(&d("2024-06")), None);
        assert_eq!(d("2024-06").partial_cmp(&d("2024-06-19")), None);
        assert!(d("2024-05") < d("2024-06-01"));
        assert!(d("2025") > d("2024-12-31"));
        assert_ne!(d("2024"), d("2024-01-01"));
    }

    #[test]
    fn sort_key_puts_coarser_dates_first() {
        let mut v = vec![d("2024-06-19"), d("2024"), d("2024-06")];
        v.sort_by_key(PartialDate::sort_key);
        assert_eq!(v, vec![d("2024"), d("2024-06"), d("2024-06-19")]);
    }

    proptest::proptest! {
        #[test]
        fn every_constructible_date_round_trips_through_text_and_serde(
            year in -5000i32..15000,
            month in 0u32..14,
            day in 0u32..33,
            precision in proptest::sample::select(&[Precision::Year, Precision::Month, Precision::Day][..]),
        ) {
            let made = match precision {
                Precision::Year => PartialDate::from_year(year),
                Precision::Month => PartialDate::from_year_month(year, month),
                Precision::Day => PartialDate::from_ymd(year, month, day),
            };
            proptest::prop_assert_eq!(made.is_some() && !PartialDate::YEARS.contains(&year), false);
            if let Some(date) = made {
                proptest::prop_assert_eq!(date.precision(), precision);
                proptest::prop_assert_eq!(date.to_string().parse::<PartialDate>().unwrap(), date);
                let json = serde_json::to_string(&date).unwrap();
                proptest::prop_assert_eq!(serde_json::from_str::<PartialDate>(&json).unwrap(), date);
                proptest::prop_assert!(date.first_day() <= date.last_day());
            }
        }
    }

    #[test]
    fn serde_uses_iso_text() {
        assert_eq!(serde_json::to_string(&d("2023-12")).unwrap(), "\"2023-12\"");
        assert!(serde_json::from_str::<PartialDate>("\"2023-13\"").is_err());
    }
}
