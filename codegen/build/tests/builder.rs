//! `Builder::compile` on the example's spec and on a broken copy of it.

use std::path::{Path, PathBuf};

use payspec_build::{Builder, Error, OUTPUT_FILE};

fn example_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/build-script/spec")
}

fn bad_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

#[test]
fn a_bad_spec_fails_with_the_located_lint_diagnostic() {
    let out = tempfile::tempdir().unwrap();
    let spec = bad_spec();
    let err = Builder::new()
        .spec_dir(&spec)
        .out_dir(out.path())
        .emit_rerun_if_changed(false)
        .compile()
        .expect_err("the spec has an unknown key");
    assert!(matches!(err, Error::Spec(_)), "{err}");
    let file = spec.join("kedai/orders/create.yaml");
    // Line 21, column 7: the `min_items` key.
    let expected = format!(
        "error[E002]: {}:21:7: request.fields.items: unknown field `min_items`",
        file.display()
    );
    let text = format!("{err:?}");
    assert!(text.contains(&expected), "{text}");
    assert!(text.contains("\n  help: check the spelling"), "{text}");
    assert!(text.ends_with("1 error(s), 0 warning(s)\n"), "{text}");
    // What a build script's `main` prints is the same text (Debug is Display).
    assert_eq!(text, err.to_string());
    assert!(!out.path().join(OUTPUT_FILE).exists(), "nothing is written");
}

#[test]
fn a_good_spec_writes_one_module_with_the_provider() {
    let out = tempfile::tempdir().unwrap();
    let path = Builder::new()
        .spec_dir(example_spec())
        .out_dir(out.path())
        .emit_rerun_if_changed(false)
        .compile()
        .expect("the example's spec is good");
    assert_eq!(path, out.path().join(OUTPUT_FILE));
    let code = std::fs::read_to_string(&path).unwrap();
    assert!(code.contains("\npub mod kedai {\n"), "the provider module");
    assert!(code.contains("pub static AUTH: crate::__payspec::recipe::Scheme"));
    assert!(
        code.contains("pub mod payspec_kedai_area_orders {"),
        "the types, inlined"
    );
}

#[test]
fn a_module_path_that_is_not_a_path_is_refused() {
    let out = tempfile::tempdir().unwrap();
    let err = Builder::new()
        .spec_dir(example_spec())
        .out_dir(out.path())
        .module_path("api")
        .emit_rerun_if_changed(false)
        .compile()
        .expect_err("paths start at `crate`");
    assert_eq!(
        err.to_string(),
        "payspec cannot generate the client: `api` is not a module path (`crate` or `crate::a::b`)"
    );
}

#[test]
fn a_missing_spec_directory_is_an_io_error_naming_it() {
    let err = Builder::new()
        .spec_dir("no/such/spec")
        .emit_rerun_if_changed(false)
        .compile()
        .expect_err("no directory");
    assert_eq!(err.to_string(), "no/such/spec: no such spec directory");
}
