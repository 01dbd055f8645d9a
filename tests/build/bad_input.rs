//! Bad input to the builder: each mistake gets its exact problem, located in its
//! file, and a failed build writes nothing.

use pactum::Error;
use pactum::build::{Builder, Problem};

use crate::support::{BASE, DataDir};

/// A non-binding statement between A and B, in the `context` collection, with
/// `extra` lines appended to its table.
fn statement(extra: &str) -> String {
    format!(
        r#"
[[collection]]
id = "context"
title = "Context"
definition = "In: what the test needs. Out: the rest."
status = "partial"
missing = "Everything else."

[[agreement]]
id = "a-b-statement"
kind = "joint_statement"
legal_nature = "non_binding_instrument"
title = "Joint statement of A and B"
summary = "A test statement."
collections = ["context"]
evidence = [{{ source = "ministry", quote = "Joint statement of A and B", confidence = "high" }}]
{extra}
  [[agreement.party]]
  actor = "aa"
  role = "party"
"#
    )
}

/// The one problem a directory of `data` (after [`BASE`]) has.
fn only(name: &str, data: &str) -> Problem {
    let problems = DataDir::base(name, data).problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems.into_iter().next().unwrap()
}

/// The line `data` puts a text on, counting [`BASE`] and the newline after it.
fn line_of(data: &str, text: &str) -> usize {
    let full = format!("{BASE}\n{data}");
    full[..full.find(text).unwrap_or_else(|| panic!("{text} not in the data"))].lines().count()
        + usize::from(full[..full.find(text).unwrap()].ends_with('\n'))
}

#[test]
fn malformed_toml_is_located_at_the_error() {
    let data = "[[agreement]\nid = \"x\"\n";
    let p = only("malformed", data);
    assert_eq!(p.line, line_of(data, "[[agreement]"));
    assert!(p.rule.contains("invalid table header") || p.rule.contains("expected"), "{p}");
    assert!(p.file.ends_with("test.toml"), "{p}");
}

#[test]
fn an_unknown_key_is_named() {
    let data = statement("colour = \"blue\"\n");
    let p = only("unknown-key", &data);
    assert!(p.rule.contains("unknown field `colour`"), "{p}");
    assert_eq!(p.line, line_of(&data, "colour"));
}

#[test]
fn an_unknown_enum_value_lists_the_known_ones() {
    let data = statement("").replace("kind = \"joint_statement\"", "kind = \"gentlemens_agreement\"");
    let p = only("unknown-enum", &data);
    assert!(p.rule.contains("unknown variant `gentlemens_agreement`") && p.rule.contains("joint_statement"), "{p}");
    assert_eq!(p.line, line_of(&data, "kind = \"gentlemens"));
}

#[test]
fn an_impossible_date_is_refused() {
    let data = statement("  [[agreement.milestone]]\n  kind = \"signed\"\n  date = \"2023-02-30\"\n");
    let p = only("impossible-date", &data);
    assert!(p.rule.contains("\"2023-02-30\" is not a date (no such day in the calendar)"), "{p}");
    assert_eq!(p.line, line_of(&data, "date = \"2023-02-30\""));
}

#[test]
fn dates_in_shapes_the_format_does_not_allow_are_refused() {
    for (n, shape) in ["\"2024-6\"", "\"24-06-19\"", "\"2024-06-19T00:00\"", "2024-06-19T00:00:00"].iter().enumerate() {
        let data = statement(&format!("  [[agreement.milestone]]\n  kind = \"signed\"\n  date = {shape}\n"));
        let p = only(&format!("date-shape-{n}"), &data);
        assert!(
            p.rule.contains("write YYYY, YYYY-MM or YYYY-MM-DD") || p.rule.contains("invalid type"),
            "{shape}: {p}"
        );
        assert_eq!(p.line, line_of(&data, &format!("date = {shape}")), "{shape}");
    }
}

#[test]
fn an_unknown_referenced_id_suggests_the_nearest() {
    let data = statement("").replace("actor = \"aa\"", "actor = \"ab\"");
    let p = only("unknown-id", &data);
    assert_eq!(p.row.as_deref(), Some("agreement a-b-statement, party ab"));
    assert_eq!(p.field.as_deref(), Some("actor"));
    assert!(p.rule.starts_with("unknown actor ab: no row declares this id"), "{p}");
}

#[test]
fn a_duplicate_id_points_at_the_first() {
    let data = format!(
        "{}\n{}",
        statement(""),
        statement("").split("[[agreement]]").nth(1).map(|a| format!("[[agreement]]{a}")).unwrap()
    );
    let p = only("duplicate-id", &data);
    assert!(p.rule.starts_with("duplicate id: agreement a-b-statement is already declared at"), "{p}");
}

#[test]
fn a_fact_without_evidence_is_refused() {
    let data = statement("").replace(
        "evidence = [{ source = \"ministry\", quote = \"Joint statement of A and B\", confidence = \"high\" }]\n",
        "",
    );
    let p = only("no-evidence", &data);
    assert_eq!(p.row.as_deref(), Some("agreement a-b-statement"));
    assert!(p.rule.starts_with("a fact without evidence"), "{p}");
}

#[test]
fn a_quote_over_300_characters_is_refused() {
    let long = "word ".repeat(70);
    let data = statement("").replace("quote = \"Joint statement of A and B\"", &format!("quote = \"{long}\""));
    let p = only("long-quote", &data);
    assert!(p.rule.contains("is 349 characters; quote at most 300"), "{p}");
    assert_eq!(p.field.as_deref(), Some("evidence"));
}

#[test]
fn one_news_outlet_alone_is_not_high_confidence() {
    let data = statement("").replace(
        "{ source = \"ministry\", quote = \"Joint statement of A and B\", confidence = \"high\" }",
        "{ source = \"paper\", quote = \"Joint statement of A and B\", confidence = \"high\" }",
    );
    let p = only("one-outlet", &data);
    assert!(p.rule.contains("its only source, paper, is one news outlet: rate it medium"), "{p}");
    assert_eq!(p.field.as_deref(), Some("evidence"));
    // The statement's party inherits the same evidence: one mistake, told once.
    let two = data.replace(
        "confidence = \"high\" }]",
        "confidence = \"high\" }, { source = \"ministry\", quote = \"Joint statement\", confidence = \"high\" }]",
    );
    assert!(DataDir::base("two-sources", &two).open().is_ok());
}

#[test]
fn a_cycle_in_areas_is_refused() {
    let data = "[[area]]\nid = \"sea\"\nparent = \"land\"\nname = \"Sea\"\ndefinition = \"The sea.\"\n\n\
                [[area]]\nid = \"land\"\nparent = \"sea\"\nname = \"Land\"\ndefinition = \"The land.\"\n";
    let problems = DataDir::base("area-cycle", data).problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().all(|p| p.rule.contains("the area hierarchy has a cycle")), "{problems:#?}");
}

#[test]
fn a_lifecycle_out_of_order_is_refused() {
    let data = statement(
        "  [[agreement.milestone]]\n  kind = \"signed\"\n  date = \"2024-06-19\"\n\n\
         [[agreement.milestone]]\n  kind = \"entered_into_force\"\n  date = \"2024-05\"\n",
    );
    let p = only("lifecycle", &data);
    assert_eq!(p.rule, "lifecycle out of order: entered_into_force on 2024-05 is before signed on 2024-06-19");
    assert_eq!(p.line, line_of(&data, "date = \"2024-05\""));
}

#[test]
fn an_overlay_restating_a_bundled_row_is_refused() {
    let dir = DataDir::with(
        "overlay-restate",
        &[(
            "mine.toml",
            "[[actor]]\nid = \"jp\"\nkind = \"state\"\nname = \"Nippon\"\niso_alpha2 = \"JP\"\n\
             evidence = [{ source = \"nikkei-2024-06-23-eu-japan-korea\", quote = \"Japan\", confidence = \"high\" }]\n",
        )],
    );
    let problems = crate::support::problems_of(Builder::new().directory(dir.path()), dir.path());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].rule.contains("your data cannot restate a bundled row"), "{}", problems[0]);
    assert!(problems[0].rule.contains("[[amend]]"), "{}", problems[0]);
}

#[test]
fn a_directory_that_does_not_exist_is_a_typed_error() {
    let missing = std::env::temp_dir().join("pactum-no-such-directory");
    match Builder::new().directory(&missing).check() {
        Err(Error::Open { path, .. }) => assert_eq!(path, missing),
        other => panic!("{other:?}"),
    }
}

#[test]
fn five_mistakes_are_reported_at_once_in_file_order() {
    let data = statement("").replace("actor = \"aa\"", "actor = \"ab\"")
        + "\n[[area]]\nid = \"sea\"\nparent = \"sea\"\nname = \"Sea\"\ndefinition = \"The sea.\"\n"
        + "\n[[source]]\nid = \"ministry\"\nkind = \"official\"\npublisher = \"Again\"\ntitle = \"Again\"\n"
        + "\n[[membership]]\nmember = \"aa\"\norganisation = \"bb\"\nvalid_from = \"2020-01-01\"\nvalid_to = \"2019-12-31\"\n\
           evidence = [{ source = \"ministry\", quote = \"member\", confidence = \"high\" }]\n";
    let dir = DataDir::with("five", &[("one.toml", &format!("{BASE}\n{data}")), ("two.toml", "[[actor]]\nid = 1\n")]);
    let err = Builder::new().without_bundled().directory(dir.path()).check().unwrap_err();
    let shown = err.to_string();
    println!("{shown}");
    let Error::InvalidData { problems } = err else { panic!() };
    assert!(problems.0.len() >= 5, "{shown}");
    let mut sorted = problems.0.clone();
    sorted.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    assert_eq!(sorted, problems.0);
}
