//! The two rules every as-of answer rests on, each written once: which agreements
//! count on a day (in force, from the `in_force_interval` the image holds) or ever
//! (concluded at some point), and which roles make an actor a side of one. The
//! index (see [`index`](super::index)) reads them from here and applies them in
//! memory.

use super::DayKey;

/// The roles that make an actor a side of an agreement (see [`Role::is_side`](crate::Role::is_side)).
pub(super) const SIDES: &str = "('party', 'buyer', 'supplier')";

/// The agreements in force at the end of the day `:day`: those with an interval
/// for which [`in_force_on`] holds.
#[cfg(feature = "graph")]
const IN_FORCE_ON: &str =
    "SELECT agreement FROM in_force_interval WHERE start <= :day AND (\"end\" IS NULL OR \"end\" > :day)";

/// The agreements ever concluded; `:day` is NULL here and only keeps the parameter
/// list the same as the statement for a day.
pub(super) const EVER_CONCLUDED: &str = "SELECT agreement FROM stage_reached WHERE stage >= 3 AND :day IS NULL";

/// Whether an interval read from `in_force_interval` holds at the end of the day
/// whose key is `day`: it has started and not yet ended, its days compared as
/// SQLite compares text.
pub(super) fn in_force_on(start: &str, end: Option<&str>, day: &DayKey) -> bool {
    start.as_bytes() <= day.as_slice() && end.is_none_or(|end| end.as_bytes() > day.as_slice())
}

/// The statement selecting the agreements that count for `when`, and the `:day`
/// to bind: for listing them all in SQL.
#[cfg(feature = "graph")]
pub(super) fn counting(when: crate::When) -> (&'static str, Option<String>) {
    match when {
        crate::When::On(day) => (IN_FORCE_ON, Some(super::iso(day))),
        crate::When::Ever => (EVER_CONCLUDED, None),
    }
}
