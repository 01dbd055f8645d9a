//! The explorer's `validate` and `build` subcommands, run as a user runs them.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::support::DataDir;

/// The explorer with the builder, built once (with every feature, as this test
/// target is, so that nothing is compiled twice).
fn explorer() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let built = Command::new(env!("CARGO"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["build", "--quiet", "--all-features", "--example", "pactum", "--message-format=json"])
            .output()
            .expect("cargo runs");
        assert!(built.status.success(), "the example builds:\n{}", String::from_utf8_lossy(&built.stderr));
        String::from_utf8_lossy(&built.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "pactum")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the example's executable")
    })
}

fn pactum(args: &[&str]) -> Output {
    Command::new(explorer()).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("the explorer runs")
}

#[test]
fn validate_checks_the_example_directory_and_writes_nothing() {
    let output = pactum(&["validate", "examples/your_own_data"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(text.starts_with("ok: ") && text.contains("nothing written"), "{text}");
}

#[test]
fn build_writes_a_file_the_explorer_then_queries_and_a_broken_directory_writes_none() {
    let out_dir = DataDir::with("cli-build-out", &[]);
    let file = out_dir.path().join("mine.sqlite3");
    let file = file.to_str().expect("a UTF-8 temp path");
    let output = pactum(&["build", "examples/your_own_data", "--out", file]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let shown = pactum(&["--db", file, "agreement", "uk-germany-kensington-treaty"]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("Kensington Treaty"));

    let broken = DataDir::base(
        "cli-build-broken",
        "[[area]]\nid = \"sea\"\nparent = \"sea\"\nname = \"Sea\"\ndefinition = \"The sea.\"\n",
    );
    let second = out_dir.path().join("broken.sqlite3");
    let output = pactum(&["build", "--no-bundled", broken.path().to_str().unwrap(), "--out", second.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("test.toml:") && message.contains("the area hierarchy has a cycle"), "{message}");
    assert!(!second.exists(), "a failed build writes nothing");
}
