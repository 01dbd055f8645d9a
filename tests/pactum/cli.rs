//! The command-line explorer, `cargo run --example pactum -- …`, run as a user
//! runs it: what it prints, in each format, and how it fails.
//!
//! The example is built once, with one cargo invocation for the whole file, and
//! its binary then run directly: each run costs milliseconds, not a cargo start.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use pactum::Dataset;

use crate::support::TempDir;

/// The explorer's binary, built on first use.
fn explorer() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let mut cargo = Command::new(env!("CARGO"));
        cargo.current_dir(env!("CARGO_MANIFEST_DIR"));
        cargo.args(["build", "--quiet", "--example", "pactum", "--message-format=json"]);
        if !cfg!(debug_assertions) {
            cargo.arg("--release");
        }
        let built = cargo.output().expect("cargo runs");
        assert!(built.status.success(), "the example builds:\n{}", String::from_utf8_lossy(&built.stderr));
        // Cargo names the binary it built in its JSON messages, wherever the target
        // directory is.
        String::from_utf8_lossy(&built.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|message| message["reason"] == "compiler-artifact" && message["target"]["name"] == "pactum")
            .find_map(|message| message["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the example's executable")
    })
}

fn pactum(args: &[&str]) -> Output {
    Command::new(explorer()).args(args).output().expect("the explorer runs")
}

/// Runs the explorer, expecting success, and returns what it printed.
fn stdout_of(args: &[&str]) -> String {
    let output = pactum(args);
    assert!(output.status.success(), "{args:?} fails: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// Runs the explorer, expecting failure, and returns its exit code and stderr.
fn failure_of(args: &[&str]) -> (Option<i32>, String) {
    let output = pactum(args);
    assert!(!output.status.success(), "{args:?} succeeds");
    assert!(output.stdout.is_empty(), "{args:?} prints an answer as well as an error");
    (output.status.code(), String::from_utf8(output.stderr).expect("errors are UTF-8"))
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let text = stdout_of(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?} prints no JSON ({e}):\n{text}"))
}

#[test]
fn with_no_subcommand_it_prints_an_overview_and_succeeds() {
    let text = stdout_of(&[]);
    assert!(text.contains("agreements"), "{text}");
    for subcommand in
        ["actor", "agreement", "partners", "between", "in-force", "area", "timeline", "search", "evidence"]
    {
        assert!(text.lines().any(|line| line.trim_start().starts_with(subcommand)), "{subcommand} missing:\n{text}");
    }
}

#[test]
fn help_explains_every_subcommand() {
    let text = stdout_of(&["--help"]);
    assert!(text.contains("--json") && text.contains("--csv"), "{text}");
    assert!(text.contains("partners") && text.contains("evidence"), "{text}");
    let partners = stdout_of(&["partners", "--help"]);
    assert!(partners.contains("--as-of <DATE>") && partners.contains("YYYY-MM-DD"), "{partners}");
}

#[test]
fn the_eus_partners_on_the_day_of_the_article_are_listed_by_name() {
    let text = stdout_of(&["partners", "eu", "--as-of", "2024-06-23"]);
    assert!(text.contains("Moldova") && text.contains("Norway"), "{text}");
    assert!(text.contains("eu-norway-sdp"), "the shared agreement is named:\n{text}");
    assert!(!text.contains("eu-korea-sdp"), "the EU–ROK SDP came in November:\n{text}");
}

#[test]
fn an_agreement_is_shown_with_its_parties_milestones_and_provisions() {
    let text = stdout_of(&["agreement", "russia-dprk-treaty-2024"]);
    for expected in
        ["Article 4", "North Korea", "Russia", "2024-06-19", "entered_into_force", "mutual-military-assistance"]
    {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
}

#[test]
fn actors_are_found_by_id_or_by_code() {
    assert!(stdout_of(&["actor", "KOR"]).contains("Republic of Korea"));
    assert!(stdout_of(&["actor", "jp"]).contains("Q17"));
}

#[test]
fn search_takes_fts_syntax_and_other_subcommands_answer() {
    let hits = stdout_of(&["search", "K9*"]);
    assert!(hits.contains("pl-k9-framework-2022"), "{hits}");
    let between = stdout_of(&["between", "ru", "kp"]);
    assert!(between.contains("russia-dprk-treaty-2024"), "{between}");
    let fimi = stdout_of(&["area", "hybrid-threats"]);
    assert!(fimi.contains("fimi") && fimi.contains("eu-japan-sdp"), "sub-areas count:\n{fimi}");
    let timeline = stdout_of(&["timeline", "russia-dprk-treaty-2024"]);
    assert!(timeline.find("signed") < timeline.find("entered_into_force"), "{timeline}");
    let evidence = stdout_of(&["evidence", "agreement", "eu-japan-sdp"]);
    assert!(evidence.contains("Nikkei Asia"), "{evidence}");
}

#[test]
fn words_typed_without_quotes_are_one_query() {
    let unquoted = stdout_of(&["search", "North", "Korea", "troops"]);
    assert_eq!(unquoted, stdout_of(&["search", "North Korea troops"]));
    assert!(unquoted.contains("dprk-troops-deployed-to-kursk-2024"), "{unquoted}");
    let resolved = stdout_of(&["resolve", "South", "Korea"]);
    assert!(resolved.contains("kr"), "{resolved}");
}

#[test]
fn collections_are_listed_and_shown_with_their_members_and_lists() {
    let text = stdout_of(&["collections"]);
    assert!(text.contains("context") && text.contains("partial"), "{text}");
    let context = json_of(&["--json", "collection", "context"]);
    assert_eq!(context["collection"]["status"], "partial");
    assert!(context["entries"].is_array(), "{context}");
    let (code, message) = failure_of(&["collection", "no-such-family"]);
    assert_eq!(code, Some(2));
    assert!(message.contains("collections"), "{message}");
}

#[test]
fn json_prints_the_typed_results() {
    let partners = json_of(&["--json", "partners", "eu", "--as-of", "2024-06-23"]);
    let ids: Vec<&str> =
        partners.as_array().expect("a list").iter().filter_map(|p| p["actor"]["id"].as_str()).collect();
    assert!(ids.contains(&"md") && ids.contains(&"no"), "{ids:?}");

    // --json is global: it may come after the subcommand too.
    let treaty = json_of(&["agreement", "russia-dprk-treaty-2024", "--json"]);
    assert_eq!(treaty["agreement"]["id"], "russia-dprk-treaty-2024");
    let articles: Vec<&str> =
        treaty["provisions"].as_array().expect("provisions").iter().filter_map(|p| p["article"].as_str()).collect();
    assert!(articles.contains(&"Article 4"), "{articles:?}");

    let evidence = json_of(&["--json", "evidence", "agreement", "eu-japan-sdp"]);
    assert!(!evidence["evidence"].as_array().expect("evidence").is_empty());
    assert!(evidence["alternatives"].is_array());
}

#[test]
fn csv_has_a_header_row_and_stacks_answers_in_parts() {
    let text = stdout_of(&["--csv", "agreements", "--kind", "treaty"]);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,kind,legal_nature,title,fact"));
    assert!(text.contains("russia-dprk-treaty-2024,treaty,"), "{text}");

    // Answers in parts are stacked under one header, the section named first.
    let stacked = stdout_of(&["agreement", "russia-dprk-treaty-2024", "--csv"]);
    assert!(stacked.starts_with("section,"), "{stacked}");
    assert!(stacked.lines().any(|line| line.starts_with("provisions,")), "{stacked}");
}

#[test]
fn an_unknown_id_exits_2_with_a_message_naming_the_listing() {
    let (code, message) = failure_of(&["agreement", "no-such-pact"]);
    assert_eq!(code, Some(2));
    assert!(
        message.contains("no-such-pact") && message.contains("Dataset::agreements(AgreementFilter::new())"),
        "{message}"
    );
    assert!(!message.contains("panicked") && !message.contains("NotFound"), "no panic, no debug dump:\n{message}");

    let (code, message) = failure_of(&["partners", "atlantis"]);
    assert_eq!(code, Some(2));
    assert!(message.contains("Dataset::actors()"), "{message}");

    let (code, message) = failure_of(&["search", "\"unbalanced"]);
    assert_eq!(code, Some(2));
    assert!(message.contains("full-text syntax"), "{message}");
}

#[test]
fn a_bad_date_exits_2_and_says_how_to_write_one() {
    for bad in ["2024-13-01", "2024-02-30", "23 June 2024", "2024-06"] {
        let (code, message) = failure_of(&["in-force", "--as-of", bad]);
        assert_eq!(code, Some(2), "{bad}");
        assert!(message.contains(bad) && message.contains("YYYY-MM-DD"), "{bad}: {message}");
    }
}

#[test]
fn db_queries_the_file_given_instead_of_the_bundled_data() {
    let dir = TempDir::new("cli-db");
    let file = dir.path().join("pactum.sqlite3");
    std::fs::write(&file, Dataset::bundled_image()).unwrap();
    // A copy that differs from the bundled data, so that what the explorer prints
    // shows where it came from.
    let copy = rusqlite::Connection::open(&file).unwrap();
    copy.execute("UPDATE actor SET name = 'Japan, as the file has it' WHERE id = 'jp'", []).unwrap();
    copy.close().unwrap();
    let db = file.to_str().expect("a UTF-8 temp path");

    let text = stdout_of(&["--db", db, "actor", "jp"]);
    assert!(text.contains("Japan, as the file has it"), "{text}");
    assert!(!stdout_of(&["actor", "jp"]).contains("as the file has it"), "without --db, the bundled data");
    // --db is global, and every subcommand, and the overview, read the file.
    let partners = json_of(&["partners", "eu", "--db", db, "--json"]);
    let japan = partners.as_array().unwrap().iter().find(|p| p["actor"]["id"] == "jp").expect("Japan is a partner");
    assert_eq!(japan["actor"]["name"], "Japan, as the file has it");
    assert_eq!(json_of(&["--db", db, "--json"]), json_of(&["--json"]), "the same counts");
}

#[test]
fn a_db_that_cannot_be_opened_exits_2_with_the_librarys_reason() {
    let dir = TempDir::new("cli-db-missing");
    let missing = dir.path().join("missing.sqlite3");
    let missing = missing.to_str().expect("a UTF-8 temp path");
    let (code, message) = failure_of(&["--db", missing, "actors"]);
    assert_eq!(code, Some(2));
    assert!(message.starts_with("error: cannot open") && message.contains(missing), "{message}");

    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let (code, message) = failure_of(&["--db", manifest, "actor", "jp"]);
    assert_eq!(code, Some(2));
    assert!(message.contains("is not an SQLite database"), "{message}");
}

#[test]
fn a_name_that_names_nothing_is_refused_with_suggestions_or_candidates() {
    let (code, message) = failure_of(&["actor", "Korea"]);
    assert_eq!(code, Some(2));
    assert!(message.contains("could mean more than one actor") && message.contains("kr (South Korea)"), "{message}");
    let (_, message) = failure_of(&["actor", "Japn"]);
    assert!(message.contains("did you mean jp (Japan)?") && message.contains("the `actors` subcommand"), "{message}");
    let (_, message) = failure_of(&["timeline", "zzzzqqqq"]);
    assert!(message.contains("the `agreements` and `actors` subcommands"), "{message}");
}

#[test]
fn diff_lists_what_a_modified_copy_changed_field_by_field() {
    let dir = TempDir::new("cli-diff");
    let file = dir.path().join("copy.sqlite3");
    std::fs::write(&file, Dataset::bundled_image()).unwrap();
    let copy = rusqlite::Connection::open(&file).unwrap();
    copy.execute("UPDATE actor SET name = 'Nippon' WHERE id = 'jp'", []).unwrap();
    copy.close().unwrap();
    let db = file.to_str().expect("a UTF-8 temp path");

    let text = stdout_of(&["diff", "bundled", db]);
    assert!(text.contains("actor: 0 added, 0 removed, 1 changed"), "{text}");
    assert!(text.contains("~ actor/jp") && text.contains("name: \"Japan\" → \"Nippon\""), "{text}");
    assert!(text.contains("a Patch version bump"), "{text}");
    assert_eq!(stdout_of(&["diff", "bundled", "bundled"]), "no differences\n");
    let json = json_of(&["--json", "diff", db, "bundled"]);
    assert_eq!(json["tables"][0]["table"], "actor");
}

#[test]
fn building_without_the_builder_says_how_to_get_it() {
    let (code, message) = failure_of(&["validate", "examples/your_own_data"]);
    assert_eq!(code, Some(2));
    assert!(message.contains("--features build"), "{message}");
}
