//! Users' amendments to facts of the data underneath: more evidence, other values,
//! or a value replaced and said so. Nothing a user's directory does changes a
//! bundled fact silently.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::input::AlternativeIn;
use super::load::{Load, here, rows};

/// A value of a fact that a user's data replaced, reported by every build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Override {
    /// The key of the fact whose value was replaced.
    pub fact: String,
    /// The field replaced.
    pub field: String,
    /// The value underneath, kept as a non-preferred alternative.
    pub was: String,
    /// The value the user's data gives, now the preferred one.
    pub value: String,
    /// Why, as the user's data says.
    pub reason: String,
    /// Where the override is: `file:line`.
    pub at: String,
}

/// Applies every `[[amend]]`, in load order.
pub(crate) fn apply(load: &mut Load<'_>) -> Vec<Override> {
    let mut overrides = Vec::new();
    for (file, row) in rows(load.corpus, |d| &d.amend) {
        let a = row.get_ref();
        let at = here(file, row, format!("amend {}", a.fact));
        let Some(&fact) = load.facts.get(&a.fact) else {
            load.problem(
                &at,
                Some("fact"),
                "no fact has this key; fact keys are shown by Dataset::fact_key and `pactum explain`",
            );
            continue;
        };
        if a.evidence.is_empty() && a.alternatives.is_empty() && a.overrides.is_empty() {
            load.problem(&at, None, "an amendment adds evidence, alternatives or an override; this one adds nothing");
        }
        load.evidence(&at, fact, &a.evidence);
        let table = a.fact.split('/').next().unwrap_or_default().to_owned();
        for alt in &a.alternatives {
            if alt.preferred {
                load.problem(
                    &at,
                    Some("alternatives"),
                    "an amendment's alternative cannot be the preferred value; to replace the value, write an override",
                );
                continue;
            }
            let Some(current) = value(load, &at, &table, &alt.field, fact) else { continue };
            keep_current(load, &at, fact, &a.fact, &alt.field, &current);
            load.alternative(&at, fact, &a.fact, None, alt);
        }
        for o in &a.overrides {
            let Some(was) = value(load, &at, &table, &o.field, fact) else { continue };
            if o.evidence.is_empty() {
                load.problem(&at, Some("override"), "an override needs evidence for the value it gives");
            }
            keep_current(load, &at, fact, &a.fact, &o.field, &was);
            load.insert(
                &at,
                "UPDATE alternative SET preferred = 0 WHERE subject = ?1 AND field = ?2",
                params![fact, o.field],
            );
            let new = AlternativeIn {
                field: o.field.clone(),
                value: o.value.clone(),
                preferred: true,
                reason: o.reason.clone(),
                evidence: o.evidence.clone(),
            };
            load.alternative(&at, fact, &a.fact, None, &new);
            load.insert(&at, &format!("UPDATE {table} SET {} = ?1 WHERE fact = ?2", o.field), params![o.value, fact]);
            let shown = &load.corpus.files[file];
            let (line, _) = shown.position(at.at.start);
            overrides.push(Override {
                fact: a.fact.clone(),
                field: o.field.clone(),
                was,
                value: o.value.clone(),
                reason: o.reason.clone(),
                at: format!("{}:{line}", shown.shown.display()),
            });
        }
    }
    overrides
}

/// The current value of a fact's field, as text; `None` (and a problem) if the
/// field is not one of its table's columns, or is one a value cannot replace.
fn value(load: &mut Load<'_>, at: &super::load::Here, table: &str, field: &str, fact: i64) -> Option<String> {
    let columns: Vec<String> = load
        .conn
        .prepare("SELECT name FROM pragma_table_info(?1)")
        .and_then(|mut s| s.query_map([table], |r| r.get(0))?.collect())
        .unwrap_or_default();
    if ["id", "fact"].contains(&field) || !columns.iter().any(|c| c == field) {
        let known: Vec<_> = columns.iter().filter(|c| !["id", "fact"].contains(&c.as_str())).cloned().collect();
        load.problem(
            at,
            Some("field"),
            format!("{table} has no field {field} that a value can replace; its fields are {}", known.join(", ")),
        );
        return None;
    }
    let sql = format!("SELECT CAST({field} AS TEXT) FROM {table} WHERE fact = ?1");
    let current: Option<Option<String>> = load.conn.query_row(&sql, [fact], |r| r.get(0)).optional().ok().flatten();
    Some(current.flatten().unwrap_or_default())
}

/// Before a field gets a second value, its current one becomes its preferred
/// alternative, resting on the fact's own evidence.
fn keep_current(load: &mut Load<'_>, at: &super::load::Here, fact: i64, key: &str, field: &str, current: &str) {
    let already: bool = load
        .conn
        .query_row(
            "SELECT count(*) > 0 FROM alternative WHERE subject = ?1 AND field = ?2",
            params![fact, field],
            |r| r.get(0),
        )
        .unwrap_or(true);
    if already || current.is_empty() {
        return;
    }
    let evidence: Vec<super::input::EvidenceIn> = load
        .conn
        .prepare("SELECT source, quote, confidence FROM evidence WHERE fact = ?1")
        .and_then(|mut s| {
            s.query_map([fact], |r| {
                let confidence: String = r.get(2)?;
                Ok(super::input::EvidenceIn {
                    source: r.get(0)?,
                    quote: r.get(1)?,
                    confidence: confidence.parse().unwrap_or(crate::Confidence::Low),
                })
            })?
            .collect()
        })
        .unwrap_or_default();
    let current = AlternativeIn {
        field: field.to_owned(),
        value: current.to_owned(),
        preferred: true,
        reason: "the value the data underneath gives".to_owned(),
        evidence,
    };
    load.alternative(at, fact, key, None, &current);
}
