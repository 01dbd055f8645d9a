//! Which agreements count when a question is asked "on a day" or "ever".

use chrono::NaiveDate;

/// When the agreements behind a partnership must hold, for
/// [`Dataset::partners`](crate::Dataset::partners) and `Dataset::network`.
///
/// A day converts into `When::On`, so a `NaiveDate` can be passed as it is.
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::When;
/// let data = pactum::Dataset::open()?;
/// let day = NaiveDate::from_ymd_opt(2024, 6, 23).unwrap();
/// let then = data.partners("eu", day)?; // the same as When::On(day)
/// let ever = data.partners("eu", When::Ever)?;
/// assert!(then.len() <= ever.len());
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    /// Agreements in force (or in effect) at the end of the day.
    On(NaiveDate),
    /// Every agreement ever concluded (agreed, signed or adopted), whether or not
    /// it is in force today.
    Ever,
}

impl From<NaiveDate> for When {
    fn from(day: NaiveDate) -> When {
        When::On(day)
    }
}
