//! Each query family over the bundled data, three ways in one run:
//!
//! - `pactum`: the typed API;
//! - `sql`: the same SQL written by hand with rusqlite over the same image — the
//!   floor for any SQL-backed API;
//! - `memory`: the same answer from plain Rust collections loaded beforehand — the
//!   physical limit for the question.
//!
//! `cargo bench --bench queries`; each family is a criterion group, so the report
//! puts the three side by side.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use pactum::Dataset;
use rusqlite::{Connection, Row};

const ON: &str = "2025-01-01";

fn on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

/// A hand-made connection on the same image, set up as pactum sets up its own
/// (without the query planner stability guarantee, every cached statement is
/// re-prepared on reuse; see BENCHMARKS.md).
fn sql() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.deserialize_bytes(rusqlite::MAIN_DB, Dataset::bundled_image()).unwrap();
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).unwrap();
    conn
}

/// The columns a typed agreement holds, as the hand-written SQL reads them.
type AgreementRow = (String, i64, String, String, String, Option<String>, String, Option<String>, Option<String>);

const AGREEMENT: &str =
    "g.id, g.fact, g.kind, g.legal_nature, g.title, g.short_title, g.summary, g.parent, g.supersedes";

fn agreement_row(r: &Row<'_>) -> rusqlite::Result<AgreementRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
}

fn agreements(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Vec<AgreementRow> {
    let mut stmt = conn.prepare_cached(sql).unwrap();
    stmt.query_map(params, agreement_row).unwrap().map(Result::unwrap).collect()
}

/// An actor as the hand-written SQL reads it: its row, then its codes.
type ActorRow = (
    (String, i64, String, String, Option<String>, Option<String>, Option<String>),
    (Option<String>, Option<String>, Option<i64>, Option<i64>, Option<String>),
);

/// A partner as the hand-written SQL reads it: the actor, its codes, its agreements.
type PartnerRow = (
    (String, i64, String, String, Option<String>, Option<String>, Option<String>),
    (Option<String>, Option<String>, Option<i64>, Option<i64>, Option<String>),
    String,
);

/// An alias or a name in another language: name, kind, language, fact.
type Name = (String, String, Option<String>, Option<i64>);

/// A timeline line as the hand-written SQL reads it.
type TimelineRow = (Option<String>, i64, String, String, Option<String>, String, Option<String>);

/// Everything the in-memory answers need, loaded once.
struct Memory {
    agreements: HashMap<String, AgreementRow>,
    by_alpha3: HashMap<String, (String, String, Option<String>)>,
    aliases: HashMap<String, Vec<(String, String)>>,
    sides_by_actor: HashMap<String, Vec<String>>,
    sides_by_agreement: HashMap<String, Vec<String>>,
    actors_by_agreement: HashMap<String, HashSet<String>>,
    stages: HashMap<String, Vec<(String, i64)>>,
    area_children: HashMap<String, Vec<String>>,
    coverage_by_area: HashMap<String, Vec<String>>,
    milestones: HashMap<String, Vec<(Option<String>, String)>>,
    events_by_actor: HashMap<String, Vec<(String, String)>>,
    words: std::collections::BTreeMap<String, Vec<(String, String)>>,
}

impl Memory {
    fn load(conn: &Connection) -> Memory {
        let rows = |sql: &str| -> Vec<Vec<rusqlite::types::Value>> {
            let mut stmt = conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect()).unwrap().map(Result::unwrap).collect()
        };
        let text = |v: &rusqlite::types::Value| match v {
            rusqlite::types::Value::Text(t) => t.clone(),
            _ => String::new(),
        };
        let mut memory = Memory {
            agreements: agreements(conn, &format!("SELECT {AGREEMENT} FROM agreement g"), [])
                .into_iter()
                .map(|a| (a.0.clone(), a))
                .collect(),
            by_alpha3: HashMap::new(),
            aliases: HashMap::new(),
            sides_by_actor: HashMap::new(),
            sides_by_agreement: HashMap::new(),
            actors_by_agreement: HashMap::new(),
            stages: HashMap::new(),
            area_children: HashMap::new(),
            coverage_by_area: HashMap::new(),
            milestones: HashMap::new(),
            events_by_actor: HashMap::new(),
            words: std::collections::BTreeMap::new(),
        };
        for r in rows("SELECT iso_alpha3, id, name, short_name FROM actor WHERE iso_alpha3 IS NOT NULL") {
            let short = match &r[3] {
                rusqlite::types::Value::Text(t) => Some(t.clone()),
                _ => None,
            };
            memory.by_alpha3.insert(text(&r[0]), (text(&r[1]), text(&r[2]), short));
        }
        for r in rows("SELECT actor, name, kind FROM alias") {
            memory.aliases.entry(text(&r[0])).or_default().push((text(&r[1]), text(&r[2])));
        }
        for r in rows("SELECT agreement, actor, role FROM party") {
            let (agreement, actor, role) = (text(&r[0]), text(&r[1]), text(&r[2]));
            memory.actors_by_agreement.entry(agreement.clone()).or_default().insert(actor.clone());
            if matches!(role.as_str(), "party" | "buyer" | "supplier") {
                memory.sides_by_actor.entry(actor.clone()).or_default().push(agreement.clone());
                memory.sides_by_agreement.entry(agreement).or_default().push(actor);
            }
        }
        for r in
            rows("SELECT agreement, date_last, stage FROM milestone WHERE stage IS NOT NULL AND date_last IS NOT NULL")
        {
            let stage = match r[2] {
                rusqlite::types::Value::Integer(n) => n,
                _ => 0,
            };
            memory.stages.entry(text(&r[0])).or_default().push((text(&r[1]), stage));
        }
        for r in rows("SELECT id, parent FROM area WHERE parent IS NOT NULL") {
            memory.area_children.entry(text(&r[1])).or_default().push(text(&r[0]));
        }
        for r in rows("SELECT area, agreement FROM coverage WHERE status = 'in_text'") {
            memory.coverage_by_area.entry(text(&r[0])).or_default().push(text(&r[1]));
        }
        for r in rows("SELECT agreement, date, kind FROM milestone") {
            let date = match &r[1] {
                rusqlite::types::Value::Text(t) => Some(t.clone()),
                _ => None,
            };
            memory.milestones.entry(text(&r[0])).or_default().push((date, text(&r[2])));
        }
        for r in rows("SELECT t.actor, e.date, e.title FROM participant t JOIN event e ON e.id = t.event") {
            memory.events_by_actor.entry(text(&r[0])).or_default().push((text(&r[1]), text(&r[2])));
        }
        for r in rows("SELECT kind, ref, lower(text) FROM search") {
            for word in text(&r[2]).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                memory.words.entry(word.to_owned()).or_default().push((text(&r[0]), text(&r[1])));
            }
        }
        memory
    }

    fn stage_on(&self, agreement: &str, on: &str) -> i64 {
        self.stages
            .get(agreement)
            .map_or(0, |s| s.iter().filter(|(d, _)| d.as_str() <= on).map(|(_, s)| *s).max().unwrap_or(0))
    }
}

fn group<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g
}

fn open(c: &mut Criterion) {
    let mut g = group(c, "open");
    g.bench_function("pactum", |b| b.iter(|| black_box(Dataset::open().unwrap())));
    g.bench_function("sql", |b| b.iter(|| black_box(sql())));
    g.finish();
}

fn lookup(c: &mut Criterion) {
    let (data, conn) = (Dataset::open().unwrap(), sql());
    let memory = Memory::load(&conn);
    let mut g = group(c, "lookup_agreement");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.agreement("eu-japan-sdp").unwrap())));
    g.bench_function("sql", |b| {
        let q = format!("SELECT {AGREEMENT} FROM agreement g WHERE g.id = ?1");
        b.iter(|| {
            let agreement = agreements(&conn, &q, ["eu-japan-sdp"]);
            // Its names in other languages, as the typed agreement carries them.
            let mut stmt = conn
                .prepare_cached(
                    "SELECT agreement, name, kind, language, fact FROM name WHERE agreement = ?1 ORDER BY language, name",
                )
                .unwrap();
            let names: Vec<Name> = stmt
                .query_map(["eu-japan-sdp"], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            black_box((agreement, names))
        })
    });
    g.bench_function("memory", |b| b.iter(|| black_box(memory.agreements.get("eu-japan-sdp").cloned())));
    g.finish();

    let mut g = group(c, "lookup_actor_by_code");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.actor_by_code("KOR").unwrap())));
    g.bench_function("sql", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT a.id, a.fact, a.kind, a.name, a.short_name, a.parent, a.description, a.iso_alpha2, \
                     a.iso_alpha3, a.iso_numeric, a.cow_code, a.wikidata FROM actor a WHERE a.iso_alpha3 = ?1",
                )
                .unwrap();
            let actor: ActorRow = stmt
                .query_row(["KOR"], |r| {
                    let actor = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
                    Ok((actor, (r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?)))
                })
                .unwrap();
            // Its aliases, then its names in other languages, as the typed actor carries them.
            let mut stmt = conn
                .prepare_cached(
                    "SELECT actor AS owner, name, kind, NULL AS language, NULL AS fact, 0 AS tagged FROM alias \
                     WHERE actor = ?1 UNION ALL SELECT coalesce(actor, agreement), name, kind, language, fact, 1 \
                     FROM name WHERE actor = ?1 ORDER BY owner, tagged, language, name",
                )
                .unwrap();
            let aliases: Vec<Name> = stmt
                .query_map([&actor.0.0], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            black_box((actor, aliases))
        })
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let actor = memory.by_alpha3.get("KOR").cloned().unwrap();
            let aliases = memory.aliases.get(&actor.0).cloned();
            black_box((actor, aliases))
        })
    });
    g.finish();
}

fn network(c: &mut Criterion) {
    let (data, conn) = (Dataset::open().unwrap(), sql());
    let memory = Memory::load(&conn);
    let mut g = group(c, "partners");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.partners("jp", on()).unwrap())));
    g.bench_function("sql", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT a.id, a.fact, a.kind, a.name, a.short_name, a.parent, a.description, a.iso_alpha2, \
                     a.iso_alpha3, a.iso_numeric, a.cow_code, a.wikidata, group_concat(DISTINCT p.agreement) \
                     FROM party p JOIN party other ON other.agreement = p.agreement AND other.actor <> p.actor \
                     AND other.role IN ('party', 'buyer', 'supplier') JOIN actor a ON a.id = other.actor \
                     WHERE p.actor = ?1 AND p.role IN ('party', 'buyer', 'supplier') \
                     AND CASE WHEN ?2 IS NULL \
                         THEN EXISTS (SELECT 1 FROM milestone m WHERE m.agreement = p.agreement AND m.stage >= 3) \
                         ELSE (SELECT max(m.stage) FROM milestone m \
                               WHERE m.agreement = p.agreement AND m.date_last <= ?2) = 4 END \
                     GROUP BY a.id ORDER BY a.id",
                )
                .unwrap();
            let rows: Vec<PartnerRow> = stmt
                .query_map(["jp", ON], |r| {
                    let actor = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
                    let codes = (r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?);
                    Ok((actor, codes, r.get(12)?))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let mut stmt = conn
                .prepare_cached("SELECT actor, name, kind FROM alias WHERE actor IN (SELECT value FROM json_each(?1))")
                .unwrap();
            let ids = format!("[{}]", rows.iter().map(|r| format!("{:?}", r.0.0)).collect::<Vec<_>>().join(","));
            let aliases: Vec<(String, String, String)> =
                stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
            black_box((rows, aliases))
        })
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let mut partners: HashMap<&str, Vec<&str>> = HashMap::new();
            for agreement in memory.sides_by_actor.get("jp").into_iter().flatten() {
                if memory.stage_on(agreement, ON) == 4 {
                    for other in &memory.sides_by_agreement[agreement] {
                        if other != "jp" {
                            partners.entry(other).or_default().push(agreement);
                        }
                    }
                }
            }
            black_box(partners)
        })
    });
    g.finish();

    let mut g = group(c, "between");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.between("jp", "gb").unwrap())));
    g.bench_function("sql", |b| {
        let q = format!(
            "SELECT {AGREEMENT} FROM agreement g WHERE g.id IN (SELECT p.agreement FROM party p WHERE p.actor = ?1 \
             AND EXISTS (SELECT 1 FROM party q WHERE q.agreement = p.agreement AND q.actor = ?2)) ORDER BY g.id"
        );
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT (SELECT party_rows FROM actor WHERE id = ?1), (SELECT party_rows FROM actor WHERE id = ?2)",
                )
                .unwrap();
            let (a, b): (i64, i64) = stmt.query_row(["jp", "gb"], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            let (small, large) = if a <= b { ("jp", "gb") } else { ("gb", "jp") };
            black_box(agreements(&conn, &q, [small, large]))
        })
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let found: Vec<&AgreementRow> = memory
                .actors_by_agreement
                .iter()
                .filter(|(_, actors)| actors.contains("jp") && actors.contains("gb"))
                .map(|(id, _)| &memory.agreements[id])
                .collect();
            black_box(found)
        })
    });
    g.finish();
}

fn status(c: &mut Criterion) {
    let (data, conn) = (Dataset::open().unwrap(), sql());
    let memory = Memory::load(&conn);
    let mut g = group(c, "status");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.status("russia-dprk-treaty-2024", on()).unwrap())));
    g.bench_function("sql", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT (SELECT max(stage) FROM milestone WHERE agreement = ?1 AND date_last <= ?2) \
                     FROM agreement WHERE id = ?1",
                )
                .unwrap();
            black_box(stmt.query_row(["russia-dprk-treaty-2024", ON], |r| r.get::<_, Option<i64>>(0)).unwrap())
        })
    });
    g.bench_function("memory", |b| b.iter(|| black_box(memory.stage_on("russia-dprk-treaty-2024", ON))));
    g.finish();

    let mut g = group(c, "in_force");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.in_force(on()).unwrap())));
    g.bench_function("sql", |b| {
        let q = format!(
            "SELECT {AGREEMENT} FROM agreement g WHERE g.id IN (SELECT m.agreement FROM milestone m \
             WHERE m.date_last <= ?1 GROUP BY m.agreement HAVING max(m.stage) = 4) ORDER BY g.id"
        );
        b.iter(|| black_box(agreements(&conn, &q, [ON])))
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let mut found: Vec<&AgreementRow> =
                memory.agreements.values().filter(|a| memory.stage_on(&a.0, ON) == 4).collect();
            found.sort_by(|a, b| a.0.cmp(&b.0));
            black_box(found)
        })
    });
    g.finish();
}

fn area_and_timeline(c: &mut Criterion) {
    let (data, conn) = (Dataset::open().unwrap(), sql());
    let memory = Memory::load(&conn);
    let mut g = group(c, "area");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.agreements_in_area("defence-industry").unwrap())));
    g.bench_function("sql", |b| {
        let q = format!(
            "WITH RECURSIVE within(id) AS (SELECT ?1 UNION SELECT area.id FROM area JOIN within ON area.parent = within.id) \
             SELECT {AGREEMENT} FROM agreement g WHERE g.id IN (SELECT c.agreement FROM coverage c \
             WHERE c.area IN (SELECT id FROM within) AND c.status = 'in_text') ORDER BY g.id"
        );
        b.iter(|| black_box(agreements(&conn, &q, ["defence-industry"])))
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let mut areas = vec!["defence-industry".to_string()];
            let mut i = 0;
            while i < areas.len() {
                areas.extend(memory.area_children.get(&areas[i]).cloned().unwrap_or_default());
                i += 1;
            }
            let ids: HashSet<&String> =
                areas.iter().flat_map(|a| memory.coverage_by_area.get(a).into_iter().flatten()).collect();
            let mut found: Vec<&AgreementRow> = ids.into_iter().map(|id| &memory.agreements[id]).collect();
            found.sort_by(|a, b| a.0.cmp(&b.0));
            black_box(found)
        })
    });
    g.finish();

    let mut g = group(c, "timeline");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.actor_timeline("kr").unwrap())));
    g.bench_function("sql", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT * FROM (SELECT m.date AS date, m.fact, 'milestone', m.kind, m.status, \
                     coalesce(g.short_title, g.title), g.id, NULL, m.place, m.id AS seq \
                     FROM party p JOIN milestone m ON m.agreement = p.agreement JOIN agreement g ON g.id = m.agreement \
                     WHERE p.actor = ?1 GROUP BY m.id UNION ALL \
                     SELECT e.date, e.fact, 'event', e.kind, NULL, e.title, e.agreement, e.id, e.place, 0 \
                     FROM participant t JOIN event e ON e.id = t.event WHERE t.actor = ?1) \
                     ORDER BY date IS NULL, date, seq",
                )
                .unwrap();
            let rows: Vec<TimelineRow> = stmt
                .query_map(["kr"], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            black_box(rows)
        })
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let mut entries: Vec<(Option<String>, String)> = Vec::new();
            let agreements: HashSet<&String> = memory
                .actors_by_agreement
                .iter()
                .filter(|(_, actors)| actors.contains("kr"))
                .map(|(id, _)| id)
                .collect();
            for id in agreements {
                entries.extend(memory.milestones.get(id).cloned().unwrap_or_default());
            }
            for (date, title) in memory.events_by_actor.get("kr").into_iter().flatten() {
                entries.push((Some(date.clone()), title.clone()));
            }
            entries.sort();
            black_box(entries)
        })
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let (data, conn) = (Dataset::open().unwrap(), sql());
    let memory = Memory::load(&conn);
    let mut g = group(c, "search");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.search("howitzer*").unwrap())));
    g.bench_function("sql", |b| {
        b.iter(|| {
            // Each row's best matching text, then snippets for those texts alone.
            let mut stmt = conn
                .prepare_cached(
                    "SELECT rowid, kind, ref FROM search WHERE search MATCH ?1 \
                     ORDER BY kind = 'source', bm25(search) * CASE field WHEN 'names' THEN 10.0 \
                     WHEN 'body' THEN 4.0 WHEN 'quotes' THEN 1.0 ELSE 0.5 END, kind, ref",
                )
                .unwrap();
            let mut seen = HashSet::new();
            let best: Vec<(i64, String, String)> = stmt
                .query_map(["howitzer*"], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .filter(|(_, kind, id): &(i64, String, String)| seen.insert((kind.clone(), id.clone())))
                .collect();
            let wanted = format!("[{}]", best.iter().map(|(text, ..)| text.to_string()).collect::<Vec<_>>().join(","));
            let mut stmt = conn
                .prepare_cached(
                    "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?2)) \
                     THEN snippet(search, 3, '[', ']', '…', 12) END FROM search WHERE search MATCH ?1",
                )
                .unwrap();
            let snippets: HashMap<i64, String> = stmt
                .query_map(rusqlite::params!["howitzer*", wanted], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?)))
                .unwrap()
                .filter_map(|row| match row.unwrap() {
                    (text, Some(snippet)) => Some((text, snippet)),
                    _ => None,
                })
                .collect();
            let hits: Vec<(String, String, String)> =
                best.into_iter().map(|(text, kind, id)| (kind, id, snippets[&text].clone())).collect();
            black_box(hits)
        })
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let mut seen = HashSet::new();
            let hits: Vec<&(String, String)> = memory
                .words
                .range("howitzer".to_string()..)
                .take_while(|(word, _)| word.starts_with("howitzer"))
                .flat_map(|(_, rows)| rows)
                .filter(|row| seen.insert(*row))
                .collect();
            black_box(hits)
        })
    });
    g.finish();
}

/// The network of one day, and a daily series over 2014–2026: before the spells,
/// a series was one `network` query per day; now it is one sweep.
#[cfg(feature = "graph")]
fn time_axis(c: &mut Criterion) {
    let data = Dataset::open().unwrap();
    let (first, last) = (NaiveDate::from_ymd_opt(2014, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    let mut g = group(c, "network_day");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.network(on()).unwrap())));
    g.finish();
    let mut g = group(c, "series_daily_2014_2026");
    g.sample_size(10);
    g.bench_function("pactum", |b| {
        b.iter(|| {
            let temporal = data.temporal_network().unwrap();
            black_box(
                temporal
                    .series(first, last, chrono::Days::new(1))
                    .map(|c| c.added.len() + c.removed.len())
                    .sum::<usize>(),
            )
        })
    });
    g.bench_function("network_per_day", |b| {
        b.iter(|| {
            let days = first.iter_days().take_while(|d| *d <= last);
            black_box(days.map(|d| data.network(d).unwrap().edges().len()).sum::<usize>())
        })
    });
    g.finish();
}

fn dyad_years(c: &mut Criterion) {
    let data = Dataset::open().unwrap();
    let mut g = group(c, "dyad_years");
    g.bench_function("pactum", |b| b.iter(|| black_box(data.dyad_years(pactum::panel::Dyads::Undirected).unwrap())));
    g.finish();
}

#[cfg(feature = "graph")]
criterion_group!(benches, open, lookup, network, status, area_and_timeline, search, dyad_years, time_axis);
#[cfg(not(feature = "graph"))]
criterion_group!(benches, open, lookup, network, status, area_and_timeline, search, dyad_years);
criterion_main!(benches);
