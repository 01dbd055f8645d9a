//! The rules that span rows: lifecycles in order, posts handed over, codes that
//! match ISO 3166 and name one actor each, areas without cycles, signatories.

use std::collections::{HashMap, HashSet};

use super::load::{Load, here, rows};
use crate::{ActorKind, MilestoneKind as K, MilestoneStatus, Role};

/// The order lifecycle steps must keep when both are dated.
const BEFORE: &[(K, K)] = &[
    (K::NegotiationsLaunched, K::Signed),
    (K::NegotiationsLaunched, K::Adopted),
    (K::Signed, K::Ratified),
    (K::Signed, K::EnteredIntoForce),
    (K::Signed, K::InForceBy),
    (K::Signed, K::ProvisionallyApplied),
    (K::Ratified, K::EnteredIntoForce),
    (K::ProvisionallyApplied, K::EnteredIntoForce),
    (K::EnteredIntoForce, K::Superseded),
    (K::EnteredIntoForce, K::Terminated),
    (K::Signed, K::Superseded),
    // A day on which it was not in force comes before the day it was.
    (K::NotInForce, K::EnteredIntoForce),
    (K::NotInForce, K::InForceBy),
];

pub(crate) fn check(load: &mut Load<'_>) {
    lifecycles(load);
    posts(load);
    codes(load);
    areas(load);
    signatories(load);
}

/// A later step never happens, for certain, before an earlier one.
fn lifecycles(load: &mut Load<'_>) {
    for (file, row) in rows(load.corpus, |d| &d.agreement) {
        let g = row.get_ref();
        let happened: Vec<_> = g
            .milestone
            .iter()
            .filter(|m| m.get_ref().status.unwrap_or(MilestoneStatus::Happened) == MilestoneStatus::Happened)
            .filter_map(|m| m.get_ref().date.map(|d| (m, m.get_ref().kind, d)))
            .collect();
        for (earlier, later) in BEFORE {
            for (_, _, d1) in happened.iter().filter(|(_, k, _)| k == earlier) {
                for (m, _, d2) in happened.iter().filter(|(_, k, _)| k == later) {
                    if d1.first_day() > d2.last_day() {
                        let at = here(file, m, format!("agreement {}, milestone {later} {d2}", g.id));
                        load.problem(
                            &at,
                            Some("date"),
                            format!("lifecycle out of order: {later} on {d2} is before {earlier} on {d1}"),
                        );
                    }
                }
            }
        }
    }
}

/// Successive holders of one post share no day but the day it changed hands.
fn posts(load: &mut Load<'_>) {
    let mut held: HashMap<(&str, &str), Vec<_>> = HashMap::new();
    for (file, row) in rows(load.corpus, |d| &d.post) {
        let p = row.get_ref();
        if let Some(from) = p.valid_from {
            held.entry((p.organisation.as_str(), p.title.as_str())).or_default().push((from, p, file, row));
        }
    }
    for holders in held.values_mut() {
        holders.sort_by(|a, b| (a.0.last_day(), &a.1.person).cmp(&(b.0.last_day(), &b.1.person)));
        for pair in holders.windows(2) {
            let (_, p, file, row) = pair[0];
            let (successor_from, successor, ..) = pair[1];
            let overlaps = p.valid_to.is_none_or(|until| until.first_day() > successor_from.last_day());
            if overlaps {
                let at = here(file, row, format!("post of {} as {}", p.person, p.title));
                let rule = format!(
                    "holds the post beyond the day {} took it over ({successor_from}); give the last day held as valid_to",
                    successor.person
                );
                load.problem(&at, Some("valid_to"), rule);
            }
        }
    }
}

/// States are named by their ISO 3166 codes, and no code names two actors.
fn codes(load: &mut Load<'_>) {
    let mut seen: HashMap<(&str, String), String> = HashMap::new();
    for (file, row) in rows(load.corpus, |d| &d.actor) {
        let a = row.get_ref();
        let at = here(file, row, format!("actor {}", a.id));
        if a.kind == ActorKind::State {
            match a.iso_alpha2.as_deref().map(celes::Country::from_alpha2) {
                None => load.problem(&at, Some("iso_alpha2"), "a state needs its ISO 3166-1 alpha-2 code"),
                Some(Err(_)) => load.problem(&at, Some("iso_alpha2"), "not an ISO 3166-1 alpha-2 code"),
                Some(Ok(country)) => {
                    if a.id != country.alpha2.to_ascii_lowercase() {
                        load.problem(
                            &at,
                            Some("id"),
                            format!(
                                "a state's id is its alpha-2 code in lower case: {}",
                                country.alpha2.to_ascii_lowercase()
                            ),
                        );
                    }
                    if a.iso_alpha3.as_deref().is_some_and(|c| c != country.alpha3) {
                        load.problem(
                            &at,
                            Some("iso_alpha3"),
                            format!("ISO 3166 gives {} the alpha-3 code {}", country.alpha2, country.alpha3),
                        );
                    }
                    if a.iso_numeric.is_some_and(|n| n != country.value as i64) {
                        load.problem(
                            &at,
                            Some("iso_numeric"),
                            format!("ISO 3166 gives {} the numeric code {}", country.alpha2, country.value),
                        );
                    }
                }
            }
        }
        let codes = [
            ("cow_code", a.cow_code.map(|c| c.to_string())),
            ("wikidata", a.wikidata.clone()),
            ("iso_numeric", a.iso_numeric.map(|c| c.to_string())),
        ];
        for (field, code) in codes {
            if let Some(code) = code
                && let Some(other) = seen.insert((field, code.clone()), a.id.clone())
            {
                load.problem(
                    &at,
                    Some(field),
                    format!("{field} {code} already names actor {other}; a code names one actor"),
                );
            }
        }
    }
}

/// Following parents up from any area never comes back to it.
fn areas(load: &mut Load<'_>) {
    let parents: HashMap<&str, Option<&str>> =
        rows(load.corpus, |d| &d.area).map(|(_, a)| (a.get_ref().id.as_str(), a.get_ref().parent.as_deref())).collect();
    let located: Vec<_> = rows(load.corpus, |d| &d.area).collect();
    for (file, row) in located {
        let start = row.get_ref().id.as_str();
        let mut seen = HashSet::new();
        let mut at = Some(start);
        while let Some(id) = at {
            if !seen.insert(id) {
                if id == start {
                    let where_ = here(file, row, format!("area {start}"));
                    load.problem(
                        &where_,
                        Some("parent"),
                        format!("the area hierarchy has a cycle through {start}; an area cannot be its own ancestor"),
                    );
                }
                break;
            }
            at = parents.get(id).copied().flatten();
        }
    }
}

/// A signatory is a person signing for one side.
fn signatories(load: &mut Load<'_>) {
    let kinds: HashMap<&str, ActorKind> =
        rows(load.corpus, |d| &d.actor).map(|(_, a)| (a.get_ref().id.as_str(), a.get_ref().kind)).collect();
    for (file, row) in rows(load.corpus, |d| &d.agreement) {
        let g = row.get_ref();
        for party in &g.party {
            let p = party.get_ref();
            if p.role != Role::Signatory {
                continue;
            }
            let at = here(file, party, format!("agreement {}, party {}", g.id, p.actor));
            if kinds.get(p.actor.as_str()).is_some_and(|k| *k != ActorKind::Person) {
                load.problem(
                    &at,
                    Some("role"),
                    "a signatory is a person; give the state or organisation role = \"party\"",
                );
            }
            if p.on_behalf_of.is_none() {
                load.problem(&at, Some("on_behalf_of"), "a signatory signs for a side: give on_behalf_of");
            }
        }
    }
}
