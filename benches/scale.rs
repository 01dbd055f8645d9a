//! Every query family over synthetic databases of 10^3 to 10^6 agreements,
//! opened the way a user opens their own file.
//!
//! `cargo bench --bench scale` builds the databases on first use under
//! `target/pactum-synthetic/` (the largest takes a few minutes and about 2 GB)
//! and reuses them after. `PACTUM_SCALE=1000,10000` limits the sizes.
//!
//! Queries about a probe actor or one agreement return the same number of rows
//! at every size; `in_force` and `area` return more as the data grows.
//! `--features parquet` adds the agreement table's Parquet export.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pactum::build::synthetic;
use pactum::panel::Dyads;
use pactum::{Dataset, When};

fn sizes() -> Vec<usize> {
    std::env::var("PACTUM_SCALE")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000, 1_000_000])
}

/// The database of `n` agreements, built if it is not there yet.
fn database(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pactum-synthetic");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("agreements-{n}.sqlite3"));
    if !synthetic::check(&path, n) {
        eprintln!("building {} …", path.display());
        synthetic::write(&path, n, 42).unwrap();
    }
    path
}

fn scale(c: &mut Criterion) {
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let probe = synthetic::probe_id(3);
    let mut g = c.benchmark_group("scale");
    g.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1));
    for n in sizes() {
        let path = database(n);
        // The same file, held in memory for the life of the program, opened zero-copy.
        let image: &'static [u8] = Box::leak(std::fs::read(&path).unwrap().into_boxed_slice());
        let data = Dataset::open_file(&path).unwrap();
        let agreement = synthetic::agreement_id(n / 2);
        let partner = data.partners(&probe, When::Ever).unwrap()[0].actor.id.clone();
        g.bench_with_input(BenchmarkId::new("open_file", n), &n, |b, _| {
            b.iter(|| black_box(Dataset::open_file(&path).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("open_image", n), &n, |b, _| {
            b.iter(|| black_box(Dataset::open_image(image).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("lookup", n), &n, |b, _| {
            b.iter(|| black_box(data.agreement(&agreement).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("actor", n), &n, |b, _| b.iter(|| black_box(data.actor(&probe).unwrap())));
        g.bench_with_input(BenchmarkId::new("partners", n), &n, |b, _| {
            b.iter(|| black_box(data.partners(&probe, on).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("between", n), &n, |b, _| {
            b.iter(|| black_box(data.between(&probe, &partner).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("status", n), &n, |b, _| {
            b.iter(|| black_box(data.status(&agreement, on).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("timeline", n), &n, |b, _| {
            b.iter(|| black_box(data.actor_timeline(&probe).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("search", n), &n, |b, _| {
            b.iter(|| black_box(data.search("zephyr").unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("area", n), &n, |b, _| {
            b.iter(|| black_box(data.agreements_in_area("fimi").unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("in_force", n), &n, |b, _| {
            b.iter(|| black_box(data.in_force(on).unwrap()))
        });
        #[cfg(feature = "graph")]
        {
            let (first, last) =
                (NaiveDate::from_ymd_opt(2014, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
            g.bench_with_input(BenchmarkId::new("network", n), &n, |b, _| {
                b.iter(|| black_box(data.network(on).unwrap()))
            });
            g.bench_with_input(BenchmarkId::new("series_daily_2014_2026", n), &n, |b, _| {
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
        }
        g.bench_with_input(BenchmarkId::new("dyad_years", n), &n, |b, _| {
            b.iter(|| black_box(data.dyad_years(Dyads::Undirected).unwrap()))
        });
        // The agreement table as a Parquet file, in memory.
        #[cfg(feature = "parquet")]
        g.bench_with_input(BenchmarkId::new("parquet_agreement", n), &n, |b, _| {
            b.iter(|| {
                let mut file = Vec::new();
                data.export_table_parquet("agreement", &mut file).unwrap();
                black_box(file)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
