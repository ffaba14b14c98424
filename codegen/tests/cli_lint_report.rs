//! `payspec lint` output in every format, for a fixture with errors and one
//! with warnings only, through the library function the CLI prints.

use std::path::{Path, PathBuf};

use payspec_codegen::lint_report::{render, LintFormat};
use payspec_codegen::lower::load_dir;
use payspec_codegen::Diagnostics;

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(case)
}

/// Every diagnostic of a fixture, as `payspec lint` collects them.
fn diagnostics(case: &str) -> Diagnostics {
    match load_dir(&fixture(case)) {
        Ok(loaded) => loaded.warnings,
        Err(diags) => diags,
    }
}

/// Renders with the repository-relative spec path the CLI would be given.
fn lint(case: &str, format: LintFormat) -> String {
    let spec = PathBuf::from(format!("codegen/tests/fixtures/bad/{case}"));
    render(&diagnostics(case), &spec, format)
}

#[test]
fn unknown_key_text() {
    insta::assert_snapshot!(lint("unknown_key", LintFormat::Text));
}

#[test]
fn unknown_key_json() {
    let out = lint("unknown_key", LintFormat::Json);
    let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(parsed["errors"].as_u64().unwrap() > 0);
    insta::assert_snapshot!(out);
}

#[test]
fn unknown_key_github() {
    insta::assert_snapshot!(lint("unknown_key", LintFormat::Github));
}

#[test]
fn review_warnings_text() {
    insta::assert_snapshot!(lint("review_warnings", LintFormat::Text));
}

#[test]
fn review_warnings_json() {
    let out = lint("review_warnings", LintFormat::Json);
    let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(parsed["errors"], 0);
    insta::assert_snapshot!(out);
}

#[test]
fn review_warnings_github() {
    let out = lint("review_warnings", LintFormat::Github);
    assert!(out
        .lines()
        .all(|l| l.starts_with("::warning file=codegen/tests/fixtures/bad/review_warnings/")));
    insta::assert_snapshot!(out);
}

#[test]
fn formats_parse_and_unknown_ones_are_named() {
    assert_eq!("github".parse::<LintFormat>(), Ok(LintFormat::Github));
    assert_eq!(
        "sarif".parse::<LintFormat>(),
        Err("unknown lint format `sarif`: expected text, json or github".to_owned())
    );
}
