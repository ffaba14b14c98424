//! Every bad-spec fixture under tests/fixtures/bad/<case>/ and the exact
//! diagnostics (file:line:column, code, message, help) it produces.

use std::path::{Path, PathBuf};

use payspec_codegen::lower::load_dir;

fn bad_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// Loads a fixture and renders the outcome: `Err` with every diagnostic, or
/// `Ok` with its warnings (for the warning-only cases).
fn render(case: &str) -> String {
    match load_dir(&bad_root().join(case)) {
        Err(diags) => format!("Err\n{diags}"),
        Ok(loaded) => format!("Ok\n{}", loaded.warnings),
    }
}

macro_rules! bad_cases {
    ($($case:ident),* $(,)?) => {
        const CASES: &[&str] = &[$(stringify!($case)),*];
        $(
            #[test]
            fn $case() {
                insta::assert_snapshot!(stringify!($case), render(stringify!($case)));
            }
        )*
    };
}

bad_cases!(
    also_accepts_unknown,
    area_cycle,
    body_type_undefined,
    call_headers,
    case_credentials,
    condition_tests,
    decisions,
    discrepancy_quotes,
    duplicate_enum_names,
    duplicate_field_names,
    duplicate_paths,
    duplicate_yaml_key,
    empty_docs,
    empty_file,
    enum_aliases,
    enum_variants,
    error_convention,
    error_convention_words,
    error_status,
    example_json,
    flow_comma,
    generated_by,
    kind_mismatch,
    lifecycle_calls,
    lifecycle_examples,
    lifecycle_transition_notification,
    lifecycle_words,
    list_file,
    literal_not_member,
    malformed_yaml,
    max_len_non_string,
    missing_key,
    missing_provider_yaml,
    names,
    new_words,
    non_utf8,
    notification_cases,
    numeric_rules,
    path_params,
    provider_name_taken,
    recipe_bad_template,
    recipe_key_kinds,
    recipe_missing_input,
    recipe_names_and_outputs,
    recipe_secret_in_output,
    recipe_sent_outside_response,
    recipe_timestamp_format,
    recipe_unknown_input,
    recipe_unknown_transform,
    retired_scheme,
    retry,
    review_warnings,
    rule_kind_count,
    rule_paths,
    several_files,
    shapes,
    token_body,
    token_endpoint,
    token_endpoint_without_answer,
    token_in_token_request,
    token_not_sent,
    token_paths,
    token_without_flow,
    unknown_enum_variant_in_model,
    unknown_format,
    unknown_key,
    unknown_rule_kind,
    unknown_type,
    wrong_type,
);

#[test]
fn every_fixture_directory_has_a_test() {
    let mut dirs: Vec<String> = std::fs::read_dir(bad_root())
        .expect("fixtures/bad exists")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    dirs.sort();
    assert_eq!(dirs, CASES);
}

#[test]
fn output_is_deterministic() {
    assert_eq!(render("several_files"), render("several_files"));
}

#[test]
fn unquoted_status_keys_are_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("shop/orders")).expect("mkdir");
    std::fs::copy(
        bad_root().join("body_type_undefined/shop/provider.yaml"),
        root.join("shop/provider.yaml"),
    )
    .expect("copy");
    std::fs::write(
        root.join("shop/orders/pay.yaml"),
        "kind: endpoint\nname: pay\narea: orders\nsummary: Pay.\ndocs: shop.txt\nmethod: POST\npath: /pay\nresponses:\n  200:\n    type: PayResponse\n    fields:\n      ok: { type: boolean, presence: mandatory, doc: Ok. }\n",
    )
    .expect("write");
    let loaded = load_dir(root).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(loaded.ir.providers[0].endpoints[0].responses[0].status, 200);
}
