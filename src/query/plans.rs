//! Every core query finds its rows through an index: `EXPLAIN QUERY PLAN` of the
//! SQL each one actually runs shows no full scan of a table that grows with the
//! data. Listing queries (`actors`, `areas`, `in_force`, …) read whole tables by
//! design and are not core queries here, nor is reading the index.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

use crate::{AgreementFilter, AgreementKind, Dataset, When};

/// What a plan may scan whole: the small area vocabulary, the area subtree a
/// recursive query builds, a JSON list of ids, the full-text index (whose
/// `MATCH` is its own index) and the texts a `MATCH` found (`matched`). Plans name
/// tables by their alias in the query, so anything else scanned is flagged.
const SMALL: &[&str] = &["area", "within", "json_each", "search", "matched", "CONSTANT"];

/// Runs `queries` and returns the SQL, with its bound values, of every statement they ran
/// the second time: the first reads the index (see [`index`](super::index)), whole tables
/// once per image by design.
fn statements_of(queries: impl Fn(&Dataset)) -> Vec<String> {
    let mut data = Dataset::open().unwrap();
    queries(&data);
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    data.conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(stmt, _) = event {
                    sink.lock().unwrap().push(stmt.expanded_sql().unwrap_or_else(|| stmt.sql().into_owned()));
                }
            }),
        )
        .unwrap();
    queries(&data);
    log.lock().unwrap().clone()
}

/// The plan lines that scan a large table without an index.
fn full_scans(sql: &str) -> Vec<String> {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.deserialize_bytes(rusqlite::MAIN_DB, Dataset::bundled_image()).unwrap();
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap_or_else(|e| panic!("{e}: {sql}"));
    let details: Vec<String> = stmt.query_map([], |r| r.get(3)).unwrap().map(Result::unwrap).collect();
    details
        .into_iter()
        .filter(|d| {
            let Some(rest) = d.strip_prefix("SCAN ") else { return false };
            let name = rest.split(' ').next().unwrap_or_default();
            // FTS5 reads its own one-row configuration table.
            let small = SMALL.contains(&name) || name.starts_with('(') || name == "main.search_config";
            !small && !d.contains("USING INDEX") && !d.contains("USING COVERING INDEX")
        })
        .collect()
}

#[test]
fn core_queries_never_scan_a_large_table() {
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let statements = statements_of(|data| {
        data.actor("jp").unwrap();
        data.actor_by_code("KOR").unwrap();
        data.agreement("eu-japan-sdp").unwrap();
        data.parties("eu-japan-sdp").unwrap();
        data.milestones("eu-japan-sdp").unwrap();
        data.provisions("russia-dprk-treaty-2024").unwrap();
        data.coverage("eu-japan-sdp").unwrap();
        data.line_items("pl-k2-contract-1-2022").unwrap();
        data.partners("jp", on).unwrap();
        data.partners("jp", When::Ever).unwrap();
        data.between("ru", "kp").unwrap();
        data.status("russia-dprk-treaty-2024", on).unwrap();
        data.agreements(AgreementFilter::new().party("pl")).unwrap();
        data.agreements(AgreementFilter::new().kind(AgreementKind::Treaty)).unwrap();
        data.agreements_in_area("hybrid-threats").unwrap();
        data.agreement_timeline("russia-dprk-treaty-2024").unwrap();
        data.actor_timeline("kr").unwrap();
        data.members_of("eu", on).unwrap();
        data.office_holders("eu", on).unwrap();
        data.posts("josep-borrell").unwrap();
        data.memberships("fi").unwrap();
        data.event("russia-invades-ukraine").unwrap();
        data.search("howitzer*").unwrap();
        let fact = data.agreement("eu-japan-sdp").unwrap().fact;
        data.evidence(fact).unwrap();
        data.alternatives(fact).unwrap();
    });
    assert!(statements.len() >= 25, "{} statements traced", statements.len());
    let mut offenders = Vec::new();
    // SQLite traces its own inner statements as comments; pragmas read settings.
    for sql in statements.iter().filter(|s| !s.starts_with("PRAGMA") && !s.starts_with("--")) {
        let scans = full_scans(sql);
        if !scans.is_empty() {
            offenders.push(format!("{scans:?} in {sql}"));
        }
    }
    assert!(offenders.is_empty(), "full scans:\n{}", offenders.join("\n"));
}
