//! Arbitrary input never panics: every public entry point that takes a string,
//! id, code or date answers, or returns a typed error, for `PROPTEST_CASES`
//! generated cases each (CI runs 10,000) — random Unicode, SQL metacharacters and injection attempts, FTS5
//! syntax, ids one typo away from real ones, and dates across chrono's range.

use chrono::NaiveDate;
use pactum::raw::Value;
use pactum::{AgreementFilter, Dataset, Error, FactId, PartialDate, Status, When};
use proptest::prelude::*;

thread_local! {
    static DATA: Dataset = Dataset::open().expect("the bundled data opens");
}

/// Tricky fragments: SQL and FTS5 syntax, injection attempts, Unicode edge cases.
const NASTY: &[&str] = &[
    "",
    " ",
    "'",
    "\"",
    "`",
    "--",
    "/*",
    ";",
    "%",
    "_",
    "\\",
    "\0",
    "*",
    "^",
    ":",
    "(",
    ")",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "\"unterminated",
    "a:b",
    "' OR '1'='1",
    "'; DROP TABLE actor; --",
    "\" OR 1=1 --",
    "eu' --",
    "x') UNION SELECT * FROM sqlite_schema --",
    "\u{202e}",
    "\u{feff}eu",
    "ǅ",
    "ﬁ",
    "İ",
    "🇯🇵",
    "e\u{301}",
    "\u{10ffff}",
    "NaN",
    "-1",
    "9223372036854775808",
    "2024-02-30",
    "0000",
    "+2024-01-01",
];

/// Ids that exist, to mutate into near misses.
const KNOWN: &[&str] =
    &["eu", "jp", "kr", "kp", "ru", "eu-japan-sdp", "russia-dprk-treaty-2024", "fimi", "k9", "JPN", "392", "Q17"];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9-]{0,24}",
        "[ -~]{0,40}",
        prop::sample::select(NASTY).prop_map(String::from),
        (prop::sample::select(KNOWN), prop::sample::select(NASTY), any::<bool>())
            .prop_map(|(id, nasty, before)| if before { format!("{nasty}{id}") } else { format!("{id}{nasty}") }),
        prop::sample::select(KNOWN).prop_map(String::from),
    ]
}

fn day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (-262_000i32..262_000, 1u32..=12, 1u32..=31)
            .prop_filter_map("no such day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        (1990i32..2030, 1u32..=12, 1u32..=28)
            .prop_filter_map("no such day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
    ]
}

/// Anything but the catch-all SQLite error: entry points must map what can go
/// wrong to a variant that says what happened.
fn typed<T>(result: Result<T, Error>) -> Result<(), TestCaseError> {
    match result {
        Err(Error::Sql(e)) => Err(TestCaseError::fail(format!("untyped SQLite error: {e}"))),
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            Ok(())
        }
        Ok(_) => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn lookups_by_id(id in text()) {
        DATA.with(|d| -> Result<(), TestCaseError> {
            typed(d.actor(&id))?;
            typed(d.agreement(&id))?;
            typed(d.area(&id))?;
            typed(d.event(&id))?;
            typed(d.collection(&id))?;
            typed(d.collection_entries(&id))?;
            typed(d.collections_of(&id))?;
            typed(d.source(&id))
        })?;
    }

    #[test]
    fn lookups_by_name(text in text()) {
        DATA.with(|d| -> Result<(), TestCaseError> {
            typed(d.actor_named(&text))?;
            typed(d.agreement_named(&text))?;
            typed(d.named(&text))
        })?;
    }

    #[test]
    fn lookups_by_code(code in text()) {
        DATA.with(|d| typed(d.actor_by_code(&code)))?;
    }

    #[test]
    fn the_parts_of_an_agreement(id in text()) {
        DATA.with(|d| -> Result<(), TestCaseError> {
            typed(d.parties(&id))?;
            typed(d.milestones(&id))?;
            typed(d.provisions(&id))?;
            typed(d.coverage(&id))?;
            typed(d.line_items(&id))?;
            typed(d.agreement_timeline(&id))
        })?;
    }

    #[test]
    fn an_actors_relations(id in text(), on in day()) {
        DATA.with(|d| -> Result<(), TestCaseError> {
            typed(d.memberships(&id))?;
            typed(d.members_of(&id, on))?;
            typed(d.posts(&id))?;
            typed(d.office_holders(&id, on))?;
            typed(d.actor_timeline(&id))?;
            typed(d.partners(&id, on))?;
            typed(d.partners(&id, When::Ever))
        })?;
    }

    #[test]
    fn agreements_between_two_actors(a in text(), b in text()) {
        DATA.with(|d| typed(d.between(&a, &b)))?;
    }

    #[test]
    fn status_on_any_day(id in text(), on in day()) {
        DATA.with(|d| -> Result<(), TestCaseError> {
            typed(d.status(&id, on))?;
            typed(d.status("russia-dprk-treaty-2024", on))?;
            typed(d.in_force(on))
        })?;
    }

    #[test]
    fn filters_and_areas(party in text(), area in text(), on in day(), stage in 0usize..6) {
        DATA.with(|d| -> Result<(), TestCaseError> {
            let status = Status::ALL[stage];
            typed(d.agreements(AgreementFilter::new().party(party.clone()).status(status, on)))?;
            typed(d.agreements(AgreementFilter::new().area(area.clone())))?;
            typed(d.agreements_in_area(&area))
        })?;
    }

    #[test]
    fn full_text_search(query in text()) {
        DATA.with(|d| typed(d.search(&query)))?;
    }

    #[test]
    fn evidence_for_any_fact_id(id in any::<i64>()) {
        DATA.with(|d| -> Result<(), TestCaseError> {
            typed(d.evidence(FactId(id)))?;
            typed(d.alternatives(FactId(id)))
        })?;
    }

    #[test]
    fn dates_parse_or_fail_cleanly(input in text()) {
        if let Ok(date) = input.parse::<PartialDate>() {
            prop_assert_eq!(date.to_string(), input);
            prop_assert!(date.first_day() <= date.last_day());
        }
    }

    #[test]
    fn raw_sql_never_panics_or_writes(sql in text(), param in text()) {
        DATA.with(|d| {
            // Any error is acceptable here (the text is not SQL); a panic or a change is not.
            let _ = d.query_raw(&sql, &[Value::Text(param.clone())]);
            let _ = d.query_raw(&format!("SELECT * FROM actor WHERE id = '{sql}'"), &[]);
        });
        DATA.with(|d| d.actor("eu").map(|a| a.name)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }

    #[test]
    fn any_path_opens_or_fails_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let path = temp_path(&bytes);
        if let Some(path) = path {
            prop_assert!(Dataset::open_file(&path).is_err());
        }
    }
}

/// A path under the temp directory made of arbitrary bytes (Unix allows any but
/// NUL and '/'), which does not exist.
#[cfg(unix)]
fn temp_path(bytes: &[u8]) -> Option<std::path::PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let name: Vec<u8> = bytes.iter().copied().filter(|b| *b != 0 && *b != b'/').collect();
    if name.is_empty() || name == b"." || name == b".." {
        return None;
    }
    let path = std::env::temp_dir().join("pactum-no-such-dir").join(std::ffi::OsStr::from_bytes(&name));
    Some(path)
}

#[cfg(not(unix))]
fn temp_path(bytes: &[u8]) -> Option<std::path::PathBuf> {
    let name = String::from_utf8_lossy(bytes).replace(['/', '\\', '\0'], "");
    (!name.is_empty()).then(|| std::env::temp_dir().join("pactum-no-such-dir").join(name))
}

#[test]
fn a_mebibyte_of_input_is_handled_everywhere() {
    let long = "ab'\"*( ".repeat((1 << 20) / 7 + 1);
    assert!(long.len() >= 1 << 20);
    let data = Dataset::open().unwrap();
    let on = NaiveDate::from_ymd_opt(2024, 6, 23).unwrap();
    assert!(matches!(data.actor(&long), Err(Error::NotFound { .. })));
    assert!(matches!(data.actor_by_code(&long), Err(Error::InvalidCode { .. })));
    assert!(matches!(data.agreement(&long), Err(Error::NotFound { .. })));
    assert!(matches!(data.partners(&long, on), Err(Error::NotFound { .. })));
    assert!(matches!(data.status(&long, on), Err(Error::NotFound { .. })));
    assert!(matches!(long.parse::<PartialDate>(), Err(Error::InvalidDate { .. })));
    assert!(!matches!(data.search(&long), Err(Error::Sql(_))));
    assert!(data.query_raw(&long, &[]).is_err());
    // A query's cost grows with the square of its terms, so long ones are refused.
    let words = "security ".repeat(1 << 17);
    let err = data.search(&words).unwrap_err();
    assert!(matches!(err, Error::InvalidSearch { .. }) && err.to_string().contains("at most"), "{err}");
    assert!(err.to_string().len() < 400, "the message quotes a mebibyte of input");
}
