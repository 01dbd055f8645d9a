use rusqlite::Connection;
fn main() {
    let mut c = Connection::open_in_memory().unwrap();
    c.deserialize_bytes(rusqlite::MAIN_DB, pactum::Dataset::bundled_image()).unwrap();
    for sql in [
        "SELECT (SELECT max(stage) FROM milestone_stage WHERE agreement = ?1 AND date_last <= ?2) FROM agreement WHERE id = ?1",
        "SELECT max(stage) FROM milestone_stage WHERE agreement = ?1 AND date_last <= ?2",
        "SELECT max(m.date_last) FROM milestone m JOIN agreement a ON a.id = m.agreement WHERE m.agreement = ?1 AND m.date_last <= ?2",
        "SELECT max(a.legal_nature) FROM milestone m JOIN agreement a ON a.id = m.agreement WHERE m.agreement = ?1 AND m.date_last <= ?2",
        "SELECT max(CASE WHEN m.kind = 'signed' THEN 1 ELSE 2 END) FROM milestone m WHERE m.agreement = ?1 AND m.date_last <= ?2",
    ] {
        let mut st = c.prepare(sql).unwrap();
        let t = std::time::Instant::now();
        for _ in 0..10000 {
            let _: Option<String> = st
                .query_row(["russia-dprk-treaty-2024", "2025-01-01"], |r| {
                    r.get::<_, rusqlite::types::Value>(0).map(|v| format!("{v:?}").into())
                })
                .unwrap();
        }
        println!("{:>8.2?} {sql}", t.elapsed() / 10000);
    }
}
