//! Finding things the way people ask: names in any case, language and script,
//! codes, near misses, and search that ranks the answer first.

use pactum::{AliasKind, Dataset, Entity, Error, HitKind, MatchedBy, MatchedIn};

fn data() -> Dataset {
    Dataset::open().expect("the bundled data opens")
}

fn best(text: &str) -> String {
    let resolution = data().resolve(text).unwrap();
    resolution.best().unwrap_or_else(|| panic!("{text:?} resolves to no one match: {resolution:?}")).id.clone()
}

// Resolving names.

#[test]
fn an_actor_is_found_by_its_id_codes_names_and_aliases_in_any_case() {
    for text in ["jp", "JP", "JPN", "392", "Q17", "Japan", "japan", "JAPAN", " Japan "] {
        assert_eq!(best(text), "jp", "{text:?}");
    }
    for text in ["South Korea", "south korea", "Republic of Korea", "ROK", "KOR", "410", "Q884"] {
        assert_eq!(best(text), "kr", "{text:?}");
    }
    assert_eq!(best("DPRK"), "kp");
    assert_eq!(best("North Korea"), "kp");
    assert_eq!(best("European Union"), "eu");
}

#[test]
fn diacritics_and_punctuation_do_not_matter() {
    assert_eq!(best("Türkiye"), "tr");
    assert_eq!(best("Turkiye"), "tr");
    assert_eq!(best("TURKIYE"), "tr");
    assert_eq!(best("Democratic Peoples Republic of Korea"), "kp");
    assert_eq!(best("democratic people’s republic of korea"), "kp");
}

#[test]
fn an_agreement_is_found_by_its_id_title_or_a_title_in_another_language() {
    assert_eq!(best("eu-japan-sdp"), "eu-japan-sdp");
    assert_eq!(best("EU JAPAN SDP"), "eu-japan-sdp");
    assert_eq!(best("日・EU安全保障・防衛パートナーシップ"), "eu-japan-sdp");
    assert_eq!(best("한-EU 안보·국방 파트너십"), "eu-korea-sdp");
    assert_eq!(best("日米ACSA"), "japan-us-acsa");
    let resolution = data().resolve("日仏ACSA").unwrap();
    let found = resolution.best().unwrap();
    assert_eq!(
        (found.kind, found.matched_by, found.language.as_deref()),
        (HitKind::Agreement, MatchedBy::Alias, Some("ja"))
    );
}

#[test]
fn the_strongest_kind_of_match_wins_and_says_why() {
    let data = data();
    let by = |text: &str| data.resolve(text).unwrap().best().unwrap().matched_by;
    assert_eq!(by("kr"), MatchedBy::Id);
    assert_eq!(by("KOR"), MatchedBy::IsoAlpha3);
    assert_eq!(by("410"), MatchedBy::IsoNumeric);
    assert_eq!(by("Q884"), MatchedBy::Wikidata);
    assert_eq!(by("Republic of Korea"), MatchedBy::Name);
    assert_eq!(by("South Korea"), MatchedBy::ShortName);
    assert_eq!(by("ROK"), MatchedBy::Alias);
}

#[test]
fn a_name_that_could_mean_several_rows_is_ambiguous_rather_than_guessed() {
    let resolution = data().resolve("Korea").unwrap();
    assert!(resolution.ambiguous, "{resolution:?}");
    assert!(resolution.best().is_none());
    let ids: Vec<&str> = resolution.matches.iter().map(|m| m.id.as_str()).collect();
    assert!(ids.contains(&"kr") && ids.contains(&"kp"), "{ids:?}");
    assert!(resolution.matches.iter().all(|m| !m.exact));
    // Two agreements share the Japanese name of the Japan–Australia ACSA (2010 and 2017).
    let acsa = data().resolve("日豪ACSA").unwrap();
    assert!(acsa.ambiguous && acsa.matches.len() == 2, "{acsa:?}");
}

#[test]
fn some_of_a_names_words_match_it_loosely() {
    let resolution = data().resolve("Moldova").unwrap();
    assert_eq!(resolution.best().unwrap().id, "md");
    let resolution = data().resolve("Philippines").unwrap();
    assert_eq!(resolution.best_of(HitKind::Actor).unwrap().id, "ph");
}

#[test]
fn a_near_miss_gets_suggestions() {
    let data = data();
    for (typo, meant) in [("Japn", "jp"), ("Polnad", "pl"), ("Moldvoa", "md"), ("Hanwah Aerospace", "hanwha-aerospace")]
    {
        let resolution = data.resolve(typo).unwrap();
        assert!(resolution.matches.is_empty(), "{typo:?}: {resolution:?}");
        assert!(resolution.suggestions.iter().any(|s| s.id == meant), "{typo:?}: {:?}", resolution.suggestions);
    }
    assert!(data.resolve("zzzzqqqq").unwrap().suggestions.is_empty());
}

// Looking up the one row a name means.

#[test]
fn a_lookup_by_name_gives_the_one_actor_or_agreement_meant() {
    let data = data();
    for text in ["kr", "KOR", "410", "Q884", "South Korea", "republic of korea", "ROK", "대한민국"] {
        assert_eq!(data.actor_named(text).unwrap().id, "kr", "{text:?}");
    }
    assert_eq!(data.agreement_named("EU JAPAN SDP").unwrap().id, "eu-japan-sdp");
    assert_eq!(data.agreement_named("日米ACSA").unwrap().id, "japan-us-acsa");
    let treaty = data.named("russia-dprk-treaty-2024").unwrap();
    assert_eq!((treaty.kind, treaty.id.as_str()), (HitKind::Agreement, "russia-dprk-treaty-2024"));
    let japan = data.named("Japan").unwrap();
    assert_eq!((japan.kind, japan.id.as_str()), (HitKind::Actor, "jp"));
}

#[test]
fn a_lookup_by_name_refuses_to_guess_and_names_the_candidates() {
    let data = data();
    let err = data.actor_named("Korea").unwrap_err();
    let Error::Ambiguous { entity: Entity::Actor, candidates, .. } = &err else { panic!("{err:?}") };
    assert!(candidates.iter().all(|c| c.kind == HitKind::Actor), "{candidates:?}");
    assert!(candidates.iter().any(|c| c.id == "kr") && candidates.iter().any(|c| c.id == "kp"), "{candidates:?}");
    let message = err.to_string();
    assert!(message.contains("kp (North Korea)") && message.contains("give one of these ids"), "{message}");
    assert!(matches!(data.agreement_named("日豪ACSA"), Err(Error::Ambiguous { entity: Entity::Agreement, .. })));
}

#[test]
fn a_lookup_by_a_name_near_a_real_one_suggests_it() {
    let data = data();
    let err = data.actor_named("Japn").unwrap_err();
    let Error::NearMiss { entity: Entity::Actor, suggestions, .. } = &err else { panic!("{err:?}") };
    assert_eq!(suggestions[0].id, "jp");
    let message = err.to_string();
    assert!(message.contains("did you mean jp (Japan)?") && message.contains("Dataset::actors()"), "{message}");
}

#[test]
fn a_lookup_by_a_name_of_nothing_is_not_found_and_names_the_listings() {
    let data = data();
    assert!(matches!(data.actor_named("zzzzqqqq"), Err(Error::NotFound { entity: Entity::Actor, .. })));
    assert!(matches!(data.agreement_named(""), Err(Error::NotFound { entity: Entity::Agreement, .. })));
    let err = data.named("zzzzqqqq").unwrap_err();
    assert!(matches!(err, Error::NotFound { entity: Entity::AgreementOrActor, .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("Dataset::agreements(") && message.contains("Dataset::actors()"), "{message}");
}

#[test]
fn names_in_other_languages_are_aliases_with_their_language_and_evidence() {
    let data = data();
    let eu = data.actor("eu").unwrap();
    let ja = eu.aliases.iter().find(|a| a.language.as_deref() == Some("ja")).expect("the EU has a Japanese name");
    assert_eq!(ja.name, "欧州連合");
    assert_eq!(ja.kind, AliasKind::Official);
    let evidence = data.evidence(ja.fact.expect("a name in a language is a fact")).unwrap();
    assert!(evidence.iter().any(|e| e.quote.contains("欧州連合")), "{evidence:?}");
    // Aliases without a language rest on the actor's own evidence.
    assert!(eu.aliases.iter().any(|a| a.name == "EU" && a.language.is_none() && a.fact.is_none()));

    let sdp = data.agreement("eu-japan-sdp").unwrap();
    assert!(sdp.aliases.iter().any(|a| a.language.as_deref() == Some("ja")), "{:?}", sdp.aliases);
    for alias in &sdp.aliases {
        let quotes = data.evidence(alias.fact.unwrap()).unwrap();
        assert!(quotes.iter().any(|e| e.quote.contains(alias.name.as_str())), "{alias:?}: {quotes:?}");
    }
}

#[test]
fn every_name_in_a_language_is_quoted_in_its_own_evidence() {
    let data = data();
    let rows = data
        .query_raw(
            "SELECT n.name, group_concat(e.quote, ' | ') FROM name n JOIN evidence e ON e.fact = n.fact GROUP BY n.id",
            &[],
        )
        .unwrap();
    assert!(rows.rows.len() >= 30, "{} names", rows.rows.len());
    for row in rows.rows {
        let [pactum::raw::Value::Text(name), pactum::raw::Value::Text(quotes)] = &row[..] else { panic!("{row:?}") };
        assert!(quotes.contains(name.as_str()), "{name:?} is not in its quotes: {quotes}");
    }
}

// Searching.

#[test]
fn english_words_match_their_other_forms() {
    let data = data();
    let singular: Vec<_> = data.search("howitzer").unwrap().into_iter().map(|h| h.id).collect();
    let plural: Vec<_> = data.search("howitzers").unwrap().into_iter().map(|h| h.id).collect();
    assert!(!singular.is_empty());
    assert_eq!(singular, plural);
}

#[test]
fn agreements_events_and_actors_come_before_sources() {
    for query in ["howitzer", "North Korea troops", "Japan", "strategic partnership"] {
        let hits = data().search(query).unwrap();
        let first_source = hits.iter().position(|h| h.kind == HitKind::Source).unwrap_or(hits.len());
        assert!(hits[first_source..].iter().all(|h| h.kind == HitKind::Source), "{query:?}: {hits:?}");
        assert!(first_source > 0, "{query:?}: {hits:?}");
    }
}

#[test]
fn one_hit_per_row_with_a_bracketed_snippet_and_why_it_matched() {
    let hits = data().search("howitzer").unwrap();
    let mut seen = std::collections::HashSet::new();
    for hit in &hits {
        assert!(seen.insert((hit.kind, hit.id.clone())), "{hit:?} twice");
        assert!(hit.snippet.contains('[') && hit.snippet.contains(']'), "{hit:?}");
        assert!(!hit.snippet.contains(['\u{1}', '\u{2}']), "{hit:?}");
    }
    assert_eq!(hits[0].matched_in, MatchedIn::Names, "{:?}", hits[0]);
}

#[test]
fn japanese_and_korean_words_are_found_inside_longer_runs() {
    let data = data();
    for query in ["防衛", "物品役務", "ACSA 日豪", "안보", "파트너십", "日・EU安全保障"] {
        let hits = data.search(query).unwrap();
        assert!(!hits.is_empty(), "{query:?} finds nothing");
        let first = query.split_whitespace().find(|t| !t.is_ascii()).unwrap();
        assert!(hits[0].snippet.contains(&format!("[{first}")), "{query:?}: {:?}", hits[0]);
    }
}

#[test]
fn fts5_syntax_keeps_working_and_bad_syntax_keeps_its_error() {
    let data = data();
    assert!(!data.search("K9*").unwrap().is_empty());
    assert!(!data.search("\"strategic dialogue\"").unwrap().is_empty());
    assert!(!data.search("tank OR howitzer").unwrap().is_empty());
    assert!(!data.search("howitzer NOT Poland").unwrap().is_empty());
    for bad in ["\"unbalanced", "AND", "(howitzer", "howitzer AND"] {
        assert!(matches!(data.search(bad), Err(Error::InvalidSearch { .. })), "{bad:?}");
    }
}

// Bad input: an answer or a typed error, never a panic.

fn odd_inputs() -> Vec<String> {
    vec![
        String::new(),
        " ".into(),
        "?!…—\"'".into(),
        "***".into(),
        "Japan 日本 Япония 일본 اليابان".into(),
        "اليابان".into(),
        "\u{202E}napaJ\u{202C}".into(),
        "Ja\u{0301}\u{0302}\u{0303}pan".into(),
        "\u{0301}\u{0301}".into(),
        "e\u{0301}\u{200D}\u{FE0F}".into(),
        "\0".into(),
        "日".into(),
        "%_\\".into(),
        "x".repeat(1 << 20),
        "日本".repeat(1 << 18),
    ]
}

#[test]
fn odd_text_resolves_to_an_answer_never_a_panic() {
    let data = data();
    for text in odd_inputs() {
        let resolution = data.resolve(&text).unwrap_or_else(|e| panic!("{:?}: {e}", &text[..text.len().min(40)]));
        assert!(resolution.matches.len() + resolution.suggestions.len() < 1000);
    }
    assert!(data.resolve("").unwrap().matches.is_empty());
}

#[test]
fn odd_text_searches_to_hits_or_a_typed_error_never_a_panic() {
    let data = data();
    for text in odd_inputs() {
        match data.search(&text) {
            Ok(_) | Err(Error::InvalidSearch { .. }) => {}
            Err(other) => panic!("{:?}: {other}", &text[..text.len().min(40)]),
        }
    }
    assert!(matches!(data.search(&"x".repeat(1 << 20)), Err(Error::InvalidSearch { .. })));
}
