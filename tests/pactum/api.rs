//! How the API behaves, whatever the data holds.

use pactum::raw::Value;
use pactum::{
    ActorKind, AgreementFilter, AgreementKind, Confidence, Entity, Error, MilestoneStatus, PartialDate, Precision,
    SourceKind, Status, When,
};

use crate::support::{count, data, day};

#[test]
fn unknown_ids_are_not_found_errors_that_name_the_listing() {
    let data = data();
    let err = data.actor("atlantis").unwrap_err();
    assert!(matches!(&err, Error::NotFound { entity: Entity::Actor, .. }));
    assert!(err.to_string().contains("Dataset::actors()"), "{err}");
    assert!(matches!(data.agreement("no-such-pact"), Err(Error::NotFound { entity: Entity::Agreement, .. })));
    assert!(matches!(data.area("astrology"), Err(Error::NotFound { entity: Entity::Area, .. })));
    assert!(matches!(data.event("no-such-event"), Err(Error::NotFound { entity: Entity::Event, .. })));
    assert!(matches!(data.source("no-such-source"), Err(Error::NotFound { entity: Entity::Source, .. })));
    assert!(matches!(data.evidence(pactum::FactId(-1)), Err(Error::NotFound { entity: Entity::Fact, .. })));
    assert!(matches!(data.partners("atlantis", When::Ever), Err(Error::NotFound { .. })));
    assert!(matches!(data.status("no-such-pact", day(2024, 1, 1)), Err(Error::NotFound { .. })));
    assert!(matches!(data.agreements(AgreementFilter::new().area("astrology")), Err(Error::NotFound { .. })));
}

#[test]
fn an_unknown_fact_says_where_fact_ids_come_from_rather_than_naming_a_listing() {
    assert_eq!(Entity::Fact.listing(), None);
    let err = data().alternatives(pactum::FactId(i64::MAX)).unwrap_err();
    assert!(matches!(err, Error::NotFound { entity: Entity::Fact, .. }));
    let message = err.to_string();
    assert!(message.contains("`fact` field") && !message.contains("sources()"), "{message}");
}

#[test]
fn the_actors_of_each_kind_together_are_all_the_actors() {
    let data = data();
    let mut by_kind: Vec<String> = pactum::ActorKind::ALL
        .iter()
        .flat_map(|&kind| data.actors_of_kind(kind).unwrap())
        .map(|actor| actor.id)
        .collect();
    by_kind.sort();
    let all: Vec<String> = data.actors().unwrap().into_iter().map(|actor| actor.id).collect();
    assert_eq!(by_kind, all);
}

#[test]
fn an_unknown_collection_names_the_listing_of_collections() {
    let data = data();
    let err = data.collection("no-such-family").unwrap_err();
    assert!(matches!(&err, Error::NotFound { entity: Entity::Collection, .. }));
    assert!(err.to_string().contains("Dataset::collections()"), "{err}");
    assert!(matches!(
        data.collection_entries("no-such-family"),
        Err(Error::NotFound { entity: Entity::Collection, .. })
    ));
    assert!(matches!(data.collections_of("no-such-pact"), Err(Error::NotFound { entity: Entity::Agreement, .. })));
}

#[test]
fn collections_list_their_members_as_collections_of_lists_their_agreements() {
    let data = data();
    let collections = data.collections().unwrap();
    assert!(collections.iter().any(|c| c.id == "context"));
    for collection in &collections {
        assert_eq!(&data.collection(&collection.id).unwrap(), collection);
        for agreement in &collection.agreements {
            assert!(data.collections_of(agreement).unwrap().contains(&collection.id), "{agreement}");
        }
    }
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        for id in data.collections_of(&agreement.id).unwrap() {
            let collection = collections.iter().find(|c| c.id == id).unwrap();
            assert!(collection.agreements.contains(&agreement.id), "{id}: {}", agreement.id);
        }
    }
}

#[test]
fn the_as_of_date_is_the_latest_any_collection_is_complete_through() {
    let data = data();
    let latest = data.collections().unwrap().into_iter().filter_map(|c| c.complete_through).map(|d| d.last_day()).max();
    assert_eq!(data.as_of().unwrap().map(|d| d.last_day()), latest);
}

#[test]
fn the_sourcing_summary_counts_every_fact() {
    let data = data();
    let sourcing = data.sourcing().unwrap();
    let facts = data.query_raw("SELECT count(*) FROM fact", &[]).unwrap().rows[0][0].clone();
    assert_eq!(facts, Value::Integer(i64::from(sourcing.facts)));
    assert!(sourcing.with_primary_source <= sourcing.with_evidence && sourcing.with_evidence <= sourcing.facts);
    assert!(sourcing.with_primary_source > 0);
}

#[test]
fn the_summary_counts_every_table_and_every_kind_as_the_rows_are() {
    let data = data();
    let summary = data.summary().unwrap();
    let rows = |from: &str| u32::try_from(count(&data, from)).unwrap();
    let tables = [
        (summary.actors, "actor"),
        (summary.agreements, "agreement"),
        (summary.areas, "area"),
        (summary.events, "event"),
        (summary.sources, "source"),
        (summary.facts, "fact"),
        (summary.evidence, "evidence"),
        (summary.disputed_values, "alternative"),
        (summary.disputed_facts, "(SELECT DISTINCT subject FROM alternative)"),
    ];
    for (figure, from) in tables {
        assert_eq!(figure, rows(from), "{from}");
    }
    for kind in ActorKind::ALL {
        assert_eq!(summary.actors_by_kind[kind], rows(&format!("actor WHERE kind = '{kind}'")), "{kind}");
    }
    for kind in AgreementKind::ALL {
        assert_eq!(summary.agreements_by_kind[kind], rows(&format!("agreement WHERE kind = '{kind}'")), "{kind}");
    }
    for kind in SourceKind::ALL {
        assert_eq!(summary.sources_by_kind[kind], rows(&format!("source WHERE kind = '{kind}'")), "{kind}");
    }
    for level in Confidence::ALL {
        assert_eq!(summary.evidence_by_confidence[level], rows(&format!("evidence WHERE confidence = '{level}'")));
    }
    assert_eq!(summary.sourcing, data.sourcing().unwrap());
}

#[test]
fn the_summary_spans_the_days_milestones_happened_and_events_took_place() {
    let data = data();
    let summary = data.summary().unwrap();
    let (first, last) = (summary.first_date.unwrap(), summary.last_date.unwrap());
    let events: Vec<PartialDate> = data.events().unwrap().into_iter().map(|e| e.date).collect();
    let happened: Vec<PartialDate> = data
        .agreements(AgreementFilter::new())
        .unwrap()
        .into_iter()
        .flat_map(|a| data.milestones(&a.id).unwrap())
        .filter(|m| m.status == MilestoneStatus::Happened)
        .filter_map(|m| m.date)
        .collect();
    let dates: Vec<PartialDate> = events.into_iter().chain(happened).collect();
    assert!(dates.contains(&first) && dates.contains(&last), "{first} and {last} are dates of the data");
    assert!(dates.iter().all(|d| first.first_day() <= d.first_day() && d.first_day() <= last.first_day()));
}

#[test]
fn the_summary_serializes_with_kinds_as_keys() {
    let summary = data().summary().unwrap();
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["actors_by_kind"]["state"], summary.actors_by_kind[&ActorKind::State]);
    assert_eq!(json["evidence_by_confidence"]["high"], summary.evidence_by_confidence[&Confidence::High]);
    assert!(json["first_date"].is_string(), "{json}");
}

#[test]
fn codes_are_looked_up_in_any_case_and_bad_shapes_are_rejected() {
    let data = data();
    assert_eq!(data.actor_by_code("jp").unwrap().id, "jp");
    assert_eq!(data.actor_by_code("JPN").unwrap().id, "jp");
    assert_eq!(data.actor_by_code("392").unwrap().id, "jp");
    assert!(matches!(data.actor_by_code("ZZ"), Err(Error::NotFound { .. })));
    for bad in ["", "J", "JP1", "1234", "Q", "Q12a", "日本", "JP; DROP TABLE actor"] {
        assert!(matches!(data.actor_by_code(bad), Err(Error::InvalidCode { .. })), "{bad:?}");
    }
}

#[test]
fn bad_search_syntax_is_an_error_and_good_syntax_finds_rows() {
    let data = data();
    for bad in ["\"unbalanced", "AND", "(", "NEAR(", "a:b:c"] {
        assert!(matches!(data.search(bad), Err(Error::InvalidSearch { .. })), "{bad:?}");
    }
    assert!(!data.search("partnership").unwrap().is_empty());
    assert!(data.search("zzzxqv").unwrap().is_empty());
}

#[test]
fn search_returns_one_hit_per_row() {
    let data = data();
    let hits = data.search("security").unwrap();
    let mut keys: Vec<_> = hits.iter().map(|h| (h.kind, h.id.clone())).collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn raw_sql_reads_but_never_writes() {
    let data = data();
    let rows = data.query_raw("SELECT id FROM actor WHERE id = ?1", &[Value::from("eu")]).unwrap();
    assert_eq!(rows.columns, ["id"]);
    assert_eq!(rows.rows, [[Value::from("eu")]]);
    for sql in [
        "DELETE FROM actor",
        "UPDATE actor SET name = 'x'",
        "INSERT INTO area (id, name, definition) VALUES ('x', 'x', 'x')",
        "DROP TABLE actor",
        "CREATE TABLE t (x)",
        "PRAGMA query_only = 0",
        "PRAGMA user_version = 7",
        "ATTACH DATABASE '/tmp/pactum-attack.db' AS other",
        "VACUUM INTO '/tmp/pactum-copy.db'",
        "SELECT load_extension('/tmp/evil')",
        "BEGIN",
    ] {
        let result = data.query_raw(sql, &[]);
        assert!(result.is_err(), "{sql} was allowed");
    }
    assert!(!std::path::Path::new("/tmp/pactum-attack.db").exists());
    assert!(!std::path::Path::new("/tmp/pactum-copy.db").exists());
    // Still intact.
    assert_eq!(data.actor("eu").unwrap().name, "European Union");
}

#[test]
fn writes_get_a_read_only_error() {
    let data = data();
    assert!(matches!(data.query_raw("DELETE FROM actor", &[]), Err(Error::ReadOnly { .. })));
    assert!(matches!(data.query_raw("PRAGMA query_only = 0", &[]), Err(Error::ReadOnly { .. })));
}

#[test]
fn reading_pragmas_are_allowed() {
    let data = data();
    assert!(!data.query_raw("PRAGMA table_info(agreement)", &[]).unwrap().rows.is_empty());
    assert!(data.query_raw("PRAGMA user_version", &[]).is_ok());
}

#[test]
fn status_is_not_started_before_the_first_milestone() {
    let data = data();
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        assert_eq!(data.status(&agreement.id, day(1900, 1, 1)).unwrap(), Status::NotStarted, "{}", agreement.id);
    }
}

#[test]
fn in_force_lists_exactly_the_agreements_whose_status_is_in_force() {
    let data = data();
    let on = day(2025, 1, 1);
    let listed: Vec<String> = data.in_force(on).unwrap().into_iter().map(|a| a.id).collect();
    for agreement in data.agreements(AgreementFilter::new()).unwrap() {
        let in_force = data.status(&agreement.id, on).unwrap() == Status::InForce;
        assert_eq!(listed.contains(&agreement.id), in_force, "{}", agreement.id);
    }
}

#[test]
fn partners_are_symmetric() {
    let data = data();
    for partner in data.partners("eu", When::Ever).unwrap() {
        let back = data.partners(&partner.actor.id, When::Ever).unwrap();
        assert!(back.iter().any(|p| p.actor.id == "eu"), "{}", partner.actor.id);
    }
}

#[test]
fn an_area_query_includes_its_sub_areas() {
    let data = data();
    let parent = data.agreements_in_area("defence-industry").unwrap();
    for child in data.areas().unwrap().into_iter().filter(|a| a.parent.as_deref() == Some("defence-industry")) {
        for agreement in data.agreements_in_area(&child.id).unwrap() {
            assert!(parent.contains(&agreement), "{} under {} but not under defence-industry", agreement.id, child.id);
        }
    }
}

#[test]
fn timelines_are_in_date_order() {
    let data = data();
    let entries = data.actor_timeline("eu").unwrap();
    assert!(!entries.is_empty());
    let dated: Vec<PartialDate> = entries.iter().filter_map(|e| e.date).collect();
    assert!(dated.windows(2).all(|w| w[0].sort_key() <= w[1].sort_key()));
}

#[test]
fn dates_keep_their_precision_through_the_api() {
    let data = data();
    let all: Vec<_> = data
        .agreements(AgreementFilter::new())
        .unwrap()
        .into_iter()
        .flat_map(|a| data.milestones(&a.id).unwrap())
        .filter_map(|m| m.date)
        .collect();
    assert!(all.iter().any(|d| d.precision() == Precision::Day));
    assert!(all.iter().any(|d| d.precision() != Precision::Day), "some dates are known only to the month or year");
}

#[test]
fn results_serialize_to_json() {
    let data = data();
    let agreement = data.agreement("eu-japan-sdp").unwrap();
    let json = serde_json::to_value(&agreement).unwrap();
    assert_eq!(json["kind"], "security_and_defence_partnership");
    assert_eq!(json["legal_nature"], "non_binding_instrument");
    let milestones = serde_json::to_value(data.milestones("eu-japan-sdp").unwrap()).unwrap();
    assert!(milestones.as_array().unwrap().iter().all(|m| m["date"].is_null() || m["date"].is_string()));
}
