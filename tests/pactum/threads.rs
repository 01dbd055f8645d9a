//! A handle per thread: eight threads running mixed queries get exactly the
//! answers one thread gets.

use std::sync::Arc;
use std::thread;

use chrono::NaiveDate;
use pactum::{AgreementFilter, Dataset};

/// One query of each family, answered as JSON so answers compare exactly.
fn answers(data: &Dataset) -> Vec<String> {
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let json = |v: serde_json::Result<String>| v.unwrap();
    vec![
        json(serde_json::to_string(&data.actor("jp").unwrap())),
        json(serde_json::to_string(&data.actor_by_code("KOR").unwrap())),
        json(serde_json::to_string(&data.agreement("eu-japan-sdp").unwrap())),
        json(serde_json::to_string(&data.partners("eu", on).unwrap())),
        json(serde_json::to_string(&data.between("ru", "kp").unwrap())),
        json(serde_json::to_string(&data.status("russia-dprk-treaty-2024", on).unwrap())),
        json(serde_json::to_string(&data.in_force(on).unwrap())),
        json(serde_json::to_string(&data.agreements_in_area("hybrid-threats").unwrap())),
        json(serde_json::to_string(&data.agreements(AgreementFilter::new().party("pl")).unwrap())),
        json(serde_json::to_string(&data.actor_timeline("kr").unwrap())),
        json(serde_json::to_string(&data.search("howitzer*").unwrap())),
        json(serde_json::to_string(&data.line_items("pl-k2-contract-1-2022").unwrap())),
    ]
}

#[test]
fn eight_threads_with_their_own_handles_agree_with_one() {
    const THREADS: usize = 8;
    const QUERIES: usize = 100_000;
    let reference = Arc::new(answers(&Dataset::open().unwrap()));
    let per_thread = QUERIES.div_ceil(THREADS);
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let reference = Arc::clone(&reference);
            thread::spawn(move || {
                let data = Dataset::open().unwrap();
                let mut run = 0;
                while run < per_thread {
                    for (i, answer) in answers(&data).into_iter().enumerate() {
                        assert_eq!(answer, reference[i], "thread {t}, query {i}");
                        run += 1;
                    }
                }
                run
            })
        })
        .collect();
    let total: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert!(total >= QUERIES, "{total}");
}

#[test]
fn a_handle_moves_between_threads() {
    let data = Dataset::open().unwrap();
    let data = thread::spawn(move || {
        assert_eq!(data.actor("eu").unwrap().name, "European Union");
        data
    })
    .join()
    .unwrap();
    assert_eq!(data.actor("jp").unwrap().label(), "Japan");
}
