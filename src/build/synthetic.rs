//! Synthetic pactum databases of any size, for measuring how queries scale.
//!
//! The shape follows the real data: agreements of every kind between two or
//! three sides, often with a signatory, a lifecycle of milestones, areas from
//! the real vocabulary, line items on contracts, events with participants, and
//! one piece of evidence on every fact. Deterministic: the same size and seed
//! give the same file.
//!
//! Ten "probe" actors take part in exactly five agreements each whatever the
//! size, so that queries about them return bounded results at every scale.
//!
//! ```
//! let path = std::env::temp_dir().join(format!("pactum-doc-synthetic-{}.sqlite3", std::process::id()));
//! pactum::build::synthetic::write(&path, 100, 42)?;
//! assert!(pactum::build::synthetic::check(&path, 100));
//! let data = pactum::Dataset::open_file(&path)?;
//! assert_eq!(data.partners(&pactum::build::synthetic::probe_id(0), pactum::When::Ever)?.len(), 5);
//! # std::fs::remove_file(&path).ok();
//! # Ok::<(), pactum::Error>(())
//! ```

use std::path::Path;

use rusqlite::{Connection, params};

use crate::error::SqlResultExt;
use crate::identity::SCHEMA;
use crate::raw::Value;
use crate::{APPLICATION_ID, Dataset, Result, SCHEMA_VERSION};

/// How many probe actors there are.
pub const PROBES: usize = 10;
/// How many agreements each probe actor takes part in, at every size.
pub const PROBE_AGREEMENTS: usize = 5;

const KINDS: &[(&str, &str)] = &[
    ("security_and_defence_partnership", "non_binding_instrument"),
    ("treaty", "binding_treaty"),
    ("framework_agreement", "binding_treaty"),
    ("procurement_contract", "commercial_contract"),
    ("joint_statement", "non_binding_instrument"),
    ("strategy", "unilateral_policy"),
    ("programme", "non_binding_instrument"),
];
const SYSTEMS: &[(&str, &str)] = &[
    ("sys-tank", "main_battle_tank"),
    ("sys-howitzer", "self_propelled_howitzer"),
    ("sys-resupply", "ammunition_resupply_vehicle"),
    ("sys-aircraft", "combat_aircraft"),
    ("sys-rocket", "rocket_artillery"),
];
const WORDS: &[&str] = &[
    "maritime",
    "security",
    "defence",
    "cooperation",
    "industrial",
    "strategic",
    "partnership",
    "cyber",
    "space",
    "logistics",
    "training",
    "exchange",
    "research",
    "dialogue",
    "resilience",
    "procurement",
];

/// The id of the `i`th agreement.
pub fn agreement_id(i: usize) -> String {
    format!("a{i:07}")
}

/// The id of the `i`th probe actor.
pub fn probe_id(i: usize) -> String {
    format!("probe-{i}")
}

/// Builds a database of `agreements` agreements at `path`, replacing any file there.
///
/// # Errors
///
/// [`Error::Sql`](crate::Error::Sql) if the file cannot be created or written.
pub fn write(path: &Path, agreements: usize, seed: u64) -> Result<()> {
    // A file left from an earlier run is replaced; one that is not there is fine.
    let _ = std::fs::remove_file(path);
    fill(path, agreements, seed).sql()
}

fn fill(path: &Path, agreements: usize, seed: u64) -> rusqlite::Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut conn = Connection::open(path)?;
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    let tx = conn.transaction()?;
    let mut fact = 0i64;
    {
        let mut new_fact = tx.prepare("INSERT INTO fact (id, tbl, key) VALUES (?1, ?2, ?2 || '/' || ?1)")?;
        let mut evidence =
            tx.prepare("INSERT INTO evidence (fact, source, quote, confidence) VALUES (?1, ?2, ?3, ?4)")?;
        let sources = 100 + agreements / 20;
        let mut next_fact = |table: &str, rng: &mut fastrand::Rng| -> rusqlite::Result<i64> {
            fact += 1;
            new_fact.execute(params![fact, table])?;
            let source = format!("src-{}", rng.usize(..sources));
            let quote = format!("{} {} {}", WORDS[rng.usize(..WORDS.len())], table, fact);
            let confidence = ["high", "high", "medium", "low"][rng.usize(..4)];
            evidence.execute(params![fact, source, quote, confidence])?;
            Ok(fact)
        };

        let mut source = tx.prepare(
            "INSERT INTO source (id, kind, publisher, title, published, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for i in 0..sources {
            source.execute(params![
                format!("src-{i}"),
                ["official", "news_agency", "newspaper"][i % 3],
                format!("Publisher {}", i % 97),
                format!("Report {i}"),
                format!("{}-{:02}-{:02}", 1990 + i % 36, 1 + i % 12, 1 + i % 28),
                format!("https://example.org/report/{i}"),
            ])?;
        }

        // The real area vocabulary, so that sub-area queries have a real hierarchy.
        let areas = bundled_areas();
        let mut area = tx.prepare("INSERT INTO area (id, parent, name, definition) VALUES (?1, ?2, ?3, ?4)")?;
        for a in &areas {
            area.execute(params![a.id, a.parent, a.name, a.definition])?;
        }

        let mut actor = tx.prepare("INSERT INTO actor (id, fact, kind, name) VALUES (?1, ?2, ?3, ?4)")?;
        // States carry ISO and COW codes, so that the dyad-year panel has rows at every size.
        let mut state = tx.prepare(
            "INSERT INTO actor (id, fact, kind, name, iso_alpha2, iso_alpha3, cow_code) \
             VALUES (?1, ?2, 'state', ?3, ?4, ?5, ?6)",
        )?;
        let mut search = tx.prepare("INSERT INTO search (kind, ref, field, text) VALUES (?1, ?2, 'names', ?3)")?;
        let states = 200;
        let people = 50 + agreements / 10;
        let mut sides = Vec::new();
        for i in 0..states {
            let (id, name) = (format!("s{i:03}"), format!("State {i}"));
            let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
            let iso2: String = [letter(i / 26), letter(i)].into_iter().collect();
            let iso3 = format!("Z{iso2}");
            state.execute(params![id, next_fact("actor", &mut rng)?, name, iso2, iso3, 2 + 4 * i as i64])?;
            search.execute(params!["actor", id, name])?;
            sides.push(id);
        }
        for i in 0..20 {
            let id = format!("org-{i}");
            actor.execute(params![
                id,
                next_fact("actor", &mut rng)?,
                "international_organisation",
                format!("Organisation {i}")
            ])?;
            sides.push(id);
        }
        for i in 0..PROBES {
            actor.execute(params![
                probe_id(i),
                next_fact("actor", &mut rng)?,
                "company",
                format!("Probe Works {i}")
            ])?;
        }
        for i in 0..people {
            actor.execute(params![format!("p{i}"), next_fact("actor", &mut rng)?, "person", format!("Person {i}")])?;
        }
        let mut system = tx.prepare("INSERT INTO system (id, fact, name, category) VALUES (?1, ?2, ?3, ?4)")?;
        for (id, category) in SYSTEMS {
            system.execute(params![id, next_fact("system", &mut rng)?, id, category])?;
        }

        let mut agreement = tx.prepare(
            "INSERT INTO agreement (id, fact, kind, legal_nature, title, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut party =
            tx.prepare("INSERT INTO party (fact, agreement, actor, role, on_behalf_of) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let mut milestone =
            tx.prepare("INSERT INTO milestone (fact, agreement, kind, date, place) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let mut coverage = tx.prepare("INSERT INTO coverage (fact, agreement, area) VALUES (?1, ?2, ?3)")?;
        let mut item = tx.prepare(
            "INSERT INTO line_item (fact, agreement, system, quantity, value, currency) VALUES (?1, ?2, ?3, ?4, ?5, 'USD')",
        )?;
        let mut event = tx.prepare(
            "INSERT INTO event (id, fact, kind, title, date, agreement, summary) VALUES (?1, ?2, 'summit', ?3, ?4, ?5, ?6)",
        )?;
        let mut participant = tx.prepare("INSERT INTO participant (fact, event, actor) VALUES (?1, ?2, ?3)")?;
        for i in 0..agreements {
            let id = agreement_id(i);
            let (kind, nature) = KINDS[rng.usize(..KINDS.len())];
            let (w1, w2) = (WORDS[rng.usize(..WORDS.len())], WORDS[rng.usize(..WORDS.len())]);
            let probe = (i < PROBES * PROBE_AGREEMENTS).then(|| probe_id(i / PROBE_AGREEMENTS));
            let title = match &probe {
                Some(_) => format!("Zephyr {w1} {w2} agreement {i}"),
                None => format!("{w1} {w2} agreement {i}"),
            };
            agreement.execute(params![
                id,
                next_fact("agreement", &mut rng)?,
                kind,
                nature,
                title,
                "A synthetic agreement."
            ])?;
            search.execute(params!["agreement", id, title])?;
            let a = sides[rng.usize(..sides.len())].clone();
            let b = probe.clone().unwrap_or_else(|| {
                loop {
                    let b = &sides[rng.usize(..sides.len())];
                    if *b != a {
                        break b.clone();
                    }
                }
            });
            for side in [&a, &b] {
                party.execute(params![next_fact("party", &mut rng)?, id, side, "party", None::<String>])?;
            }
            if rng.bool() {
                let person = format!("p{}", rng.usize(..people));
                party.execute(params![next_fact("party", &mut rng)?, id, person, "signatory", a])?;
            }
            let year = 1990 + rng.usize(..36);
            let (month, day) = (1 + rng.usize(..12), 1 + rng.usize(..28));
            let signed = format!("{year}-{month:02}-{day:02}");
            milestone.execute(params![next_fact("milestone", &mut rng)?, id, "signed", signed, "Capital"])?;
            if rng.usize(..10) < 6 {
                let in_force = if rng.bool() { format!("{}", year + 1) } else { format!("{}-{month:02}", year + 1) };
                milestone.execute(params![
                    next_fact("milestone", &mut rng)?,
                    id,
                    "entered_into_force",
                    in_force,
                    None::<String>
                ])?;
                if rng.usize(..10) == 0 {
                    let ended = format!("{}", year + 2 + rng.usize(..5));
                    milestone.execute(params![
                        next_fact("milestone", &mut rng)?,
                        id,
                        "terminated",
                        ended,
                        None::<String>
                    ])?;
                }
            }
            let first = rng.usize(..areas.len());
            for k in 0..1 + rng.usize(..3) {
                let area = &areas[(first + k * 7) % areas.len()].id;
                coverage.execute(params![next_fact("coverage", &mut rng)?, id, area])?;
            }
            if kind == "procurement_contract" {
                let (system, _) = SYSTEMS[rng.usize(..SYSTEMS.len())];
                item.execute(params![
                    next_fact("line_item", &mut rng)?,
                    id,
                    system,
                    1 + rng.usize(..500) as i64,
                    1e6 * (1 + rng.usize(..5000)) as f64
                ])?;
            }
            if i % 10 == 0 {
                let event_id = format!("e{i:07}");
                event.execute(params![
                    event_id,
                    next_fact("event", &mut rng)?,
                    format!("Summit on {w1}"),
                    signed,
                    id,
                    "A synthetic summit."
                ])?;
                for side in [&a, &b] {
                    participant.execute(params![next_fact("participant", &mut rng)?, event_id, side])?;
                }
            }
        }
    }
    tx.commit()?;
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION}; \
         PRAGMA journal_mode = DELETE;"
    ))?;
    Ok(())
}

/// The bundled data's areas, parents first, as its text declares them.
fn bundled_areas() -> Vec<super::input::AreaIn> {
    super::bundled::FILES
        .iter()
        .filter_map(|(_, text)| toml::from_str::<super::input::DataFile>(text).ok())
        .flat_map(|data| data.area.into_iter().map(toml::Spanned::into_inner))
        .collect()
}

/// Whether a built file opens as a pactum database of today's schema and holds
/// what was asked (a file built before the schema changed does not).
pub fn check(path: &Path, agreements: usize) -> bool {
    const SCHEMA_TEXT: &str = "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)";
    let Ok(data) = Dataset::open_file(path) else { return false };
    let fresh = Connection::open_in_memory().and_then(|c| {
        c.execute_batch(SCHEMA)?;
        c.query_row(SCHEMA_TEXT, [], |r| r.get::<_, String>(0))
    });
    let found = data.query_raw(SCHEMA_TEXT, &[]).ok().and_then(|rows| match rows.rows[0].first() {
        Some(Value::Text(text)) => Some(text.clone()),
        _ => None,
    });
    let count = data.query_raw("SELECT count(*) FROM agreement", &[]).ok().map(|rows| rows.rows[0][0].clone());
    fresh.ok() == found && count == Some(Value::Integer(agreements as i64))
}
