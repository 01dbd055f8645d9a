//! The two rules every as-of answer rests on, each written once: which agreements
//! count on a day (in force, from the `in_force_interval` the image holds) or ever
//! (concluded at some point), and which roles make an actor a side of one.

use crate::When;

/// The roles that make an actor a side of an agreement (see [`Role::is_side`](crate::Role::is_side)).
pub(super) const SIDES: &str = "('party', 'buyer', 'supplier')";

/// The agreements in force at the end of the day `:day`.
const IN_FORCE_ON: &str =
    "SELECT agreement FROM in_force_interval WHERE start <= :day AND (\"end\" IS NULL OR \"end\" > :day)";

/// The agreements ever concluded; `:day` is NULL here and only keeps the parameter
/// list the same as [`IN_FORCE_ON`]'s.
const EVER_CONCLUDED: &str = "SELECT agreement FROM stage_reached WHERE stage >= 3 AND :day IS NULL";

/// The statement selecting the agreements that count for `when`, and the `:day`
/// to bind: for listing them all.
pub(super) fn counting(when: When) -> (&'static str, Option<String>) {
    match when {
        When::On(day) => (IN_FORCE_ON, Some(super::iso(day))),
        When::Ever => (EVER_CONCLUDED, None),
    }
}

/// The condition that the agreement in `column` counts for `when`, and the `:day`
/// to bind: for checking the agreements of a few rows, each by its key, rather
/// than listing every agreement that counts.
pub(super) fn counts(column: &str, when: When) -> (String, Option<String>) {
    let (counting, day) = counting(when);
    (format!("EXISTS ({counting} AND agreement = {column})"), day)
}
