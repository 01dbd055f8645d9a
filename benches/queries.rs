//! Each query family of the typed API, next to the hand-written SQL it wraps,
//! run over the same bundled image.
//!
//! `cargo bench --bench queries` runs them; the typed/raw pairs share a group,
//! so criterion's report puts them side by side.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use pactum::Dataset;
use rusqlite::Connection;

fn raw() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.deserialize_bytes(rusqlite::MAIN_DB, Dataset::bundled_image()).unwrap();
    conn
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

fn open(c: &mut Criterion) {
    let mut g = c.benchmark_group("open");
    g.bench_function("pactum", |b| b.iter(|| black_box(Dataset::open().unwrap())));
    g.bench_function("raw", |b| b.iter(|| black_box(raw())));
    g.finish();
}

fn lookup(c: &mut Criterion) {
    let data = Dataset::open().unwrap();
    let conn = raw();
    let mut g = c.benchmark_group("lookup");
    g.bench_function("pactum/agreement", |b| b.iter(|| black_box(data.agreement("eu-japan-sdp").unwrap())));
    g.bench_function("raw/agreement", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT id, fact, kind, legal_nature, title, short_title, summary, parent, supersedes \
                     FROM agreement WHERE id = ?1",
                )
                .unwrap();
            black_box(
                stmt.query_row(["eu-japan-sdp"], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                    ))
                })
                .unwrap(),
            )
        })
    });
    g.bench_function("pactum/actor_by_code", |b| b.iter(|| black_box(data.actor_by_code("KOR").unwrap())));
    g.bench_function("raw/actor_by_code", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT id, fact, kind, name, short_name, parent, description, iso_alpha2, iso_alpha3, \
                     iso_numeric, cow_code, wikidata FROM actor WHERE iso_alpha3 = ?1",
                )
                .unwrap();
            let actor = stmt
                .query_row(["KOR"], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?))
                })
                .unwrap();
            let mut aliases = conn.prepare_cached("SELECT name, kind FROM alias WHERE actor = ?1").unwrap();
            let aliases: Vec<(String, String)> =
                aliases.query_map([&actor.0], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
            black_box((actor, aliases))
        })
    });
    g.finish();
}

fn network(c: &mut Criterion) {
    let data = Dataset::open().unwrap();
    let mut g = c.benchmark_group("network");
    g.bench_function("pactum/partners", |b| b.iter(|| black_box(data.partners("eu", Some(day())).unwrap())));
    g.bench_function("pactum/between", |b| b.iter(|| black_box(data.between("ru", "kp").unwrap())));
    g.finish();
}

fn status(c: &mut Criterion) {
    let data = Dataset::open().unwrap();
    let conn = raw();
    let mut g = c.benchmark_group("status");
    g.bench_function("pactum/status", |b| b.iter(|| black_box(data.status("russia-dprk-treaty-2024", day()).unwrap())));
    g.bench_function("raw/status", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached("SELECT max(stage) FROM milestone_stage WHERE agreement = ?1 AND date_last <= ?2")
                .unwrap();
            black_box(
                stmt.query_row(["russia-dprk-treaty-2024", "2025-01-01"], |r| r.get::<_, Option<i64>>(0)).unwrap(),
            )
        })
    });
    g.bench_function("pactum/in_force", |b| b.iter(|| black_box(data.in_force(day()).unwrap())));
    g.finish();
}

fn areas_and_timelines(c: &mut Criterion) {
    let data = Dataset::open().unwrap();
    let mut g = c.benchmark_group("area_timeline");
    g.bench_function("pactum/agreements_in_area", |b| {
        b.iter(|| black_box(data.agreements_in_area("defence-industry").unwrap()))
    });
    g.bench_function("pactum/actor_timeline", |b| b.iter(|| black_box(data.actor_timeline("jp").unwrap())));
    g.finish();
}

fn search(c: &mut Criterion) {
    let data = Dataset::open().unwrap();
    let conn = raw();
    let mut g = c.benchmark_group("search");
    g.bench_function("pactum/search", |b| b.iter(|| black_box(data.search("howitzer*").unwrap())));
    g.bench_function("raw/search", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT kind, ref, snippet(search, 2, '[', ']', '…', 16) FROM search \
                     WHERE search MATCH ?1 ORDER BY rank, kind, ref",
                )
                .unwrap();
            let mut seen = std::collections::HashSet::new();
            let hits: Vec<(String, String, String)> = stmt
                .query_map(["howitzer*"], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .filter(|h: &(String, String, String)| seen.insert((h.0.clone(), h.1.clone())))
                .collect();
            black_box(hits)
        })
    });
    g.finish();
}

criterion_group!(benches, open, lookup, network, status, areas_and_timelines, search);
criterion_main!(benches);
