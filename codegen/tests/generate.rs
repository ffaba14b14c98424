//! Writing and checking an output directory.

#[path = "emit_common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use payspec_codegen::generate::{
    check, generate, render_all, render_rust, write_atomic, Files, GenerateError, Stale,
};

/// Every file below `dir` with its bytes, for byte-identical comparisons.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn render_all_names_rust_docs_and_openapi_files() {
    let files = render_all(&common::ir()).unwrap();
    let rust = render_rust(&common::ir()).unwrap();
    assert_eq!(
        rust.keys().collect::<Vec<_>>(),
        [
            "rust/conformance.rs",
            "rust/providers.rs",
            "rust/shop/Cargo.toml",
            "rust/shop/areas/payments/Cargo.toml",
            "rust/shop/areas/payments/lib.rs",
            "rust/shop/lib.rs",
            "rust/shop/shared/Cargo.toml",
            "rust/shop/shared/lib.rs",
            "rust/shop.rs",
        ]
        .map(Path::new)
    );
    for (path, text) in &rust {
        assert_eq!(&files[path], text, "{}", path.display());
    }
    assert!(files.contains_key(Path::new("openapi.yaml")));
    assert!(files.contains_key(Path::new("docs/index.md")));
    assert!(files.contains_key(Path::new("docs/shop/index.md")));
    let other: Vec<_> = files
        .keys()
        .filter(|p| !p.starts_with("docs") && !p.starts_with("rust"))
        .collect();
    assert_eq!(other, [Path::new("openapi.yaml")]);
}

#[test]
fn written_output_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    let files = generate(&common::ir(), &out).unwrap();
    assert_eq!(check(&out, &files).unwrap(), []);
    assert_eq!(
        fs::read_to_string(out.join("rust/shop.rs")).unwrap(),
        files[Path::new("rust/shop.rs")]
    );
    assert_eq!(
        entries(tmp.path()),
        ["generated"],
        "no temporary directory is left behind"
    );
}

#[test]
fn check_lists_changed_missing_and_extra_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    let mut files = Files::new();
    files.insert("rust/a.rs".into(), "a".to_owned());
    files.insert("rust/b.rs".into(), "b".to_owned());
    files.insert("docs/c.md".into(), "c".to_owned());
    write_atomic(&out, &files).unwrap();
    fs::write(out.join("rust/a.rs"), "edited").unwrap();
    fs::remove_file(out.join("rust/b.rs")).unwrap();
    fs::write(out.join("rust/stray.rs"), "").unwrap();
    assert_eq!(
        check(&out, &files).unwrap(),
        [
            Stale::Missing("rust/b.rs".into()),
            Stale::Changed("rust/a.rs".into()),
            Stale::Extra("rust/stray.rs".into()),
        ]
    );
    assert_eq!(
        Stale::Changed("rust/a.rs".into()).to_string(),
        "out of date: rust/a.rs"
    );
}

#[test]
fn check_of_a_missing_directory_lists_every_file_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let files = render_all(&common::ir()).unwrap();
    let stale = check(&tmp.path().join("nope"), &files).unwrap();
    assert_eq!(stale.len(), files.len());
    assert!(stale.contains(&Stale::Missing("rust/shop.rs".into())));
    assert!(stale.contains(&Stale::Missing("openapi.yaml".into())));
}

#[test]
fn rewriting_replaces_the_whole_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    fs::create_dir_all(out.join("rust")).unwrap();
    fs::write(out.join("rust/old_provider.rs"), "old").unwrap();
    let files = generate(&common::ir(), &out).unwrap();
    assert_eq!(
        check(&out, &files).unwrap(),
        [],
        "the file of a removed provider is gone"
    );
}

/// Regenerating keeps the modification time of every file whose bytes did
/// not change (cargo rebuilds only the type crates that did) and rewrites
/// the others.
#[test]
fn regenerating_touches_only_the_files_that_change() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    generate(&common::ir(), &out).unwrap();
    let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    let area = out.join("rust/shop/areas/payments/lib.rs");
    let shared = out.join("rust/shop/shared/lib.rs");
    for path in [&area, &shared] {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let modified = |path: &Path| fs::metadata(path).unwrap().modified().unwrap();

    let mut edited = common::ir();
    let payments = edited.providers[0]
        .structs
        .iter_mut()
        .find(|s| s.name == "PaymentRequest")
        .expect("the fixture has PaymentRequest");
    payments.doc.push_str(" Edited.");
    let files = generate(&edited, &out).unwrap();

    assert_eq!(check(&out, &files).unwrap(), []);
    assert_eq!(modified(&shared), long_ago, "unchanged: not rewritten");
    assert_ne!(modified(&area), long_ago, "changed: rewritten");
}

#[test]
fn a_failing_render_leaves_the_previous_output_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    generate(&common::ir(), &out).unwrap();
    fs::write(out.join("rust/shop.rs"), "hand edit").unwrap();
    let before = snapshot(&out);

    let mut bad = common::ir();
    bad.providers[0].enums[0].values[0].rust_name = "Unknown".to_owned();
    assert!(matches!(generate(&bad, &out), Err(GenerateError::Emit(_))));
    assert_eq!(snapshot(&out), before);
    assert_eq!(entries(tmp.path()), ["generated"]);
}

#[test]
fn a_failing_write_leaves_the_previous_output_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    generate(&common::ir(), &out).unwrap();
    let before = snapshot(&out);

    // `rust` cannot be both a file and a directory: the write fails midway.
    let mut files = Files::new();
    files.insert("rust".into(), "a file".to_owned());
    files.insert("rust/x.rs".into(), "x".to_owned());
    assert!(write_atomic(&out, &files).is_err());
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        entries(tmp.path()),
        ["generated"],
        "the staging directory is removed"
    );
}

#[test]
fn output_paths_may_not_escape_the_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let mut files = Files::new();
    files.insert("../escape.rs".into(), String::new());
    let err = write_atomic(&tmp.path().join("generated"), &files).unwrap_err();
    assert_eq!(
        err.to_string(),
        "output path ../escape.rs is not a plain relative path"
    );
    assert!(!tmp.path().join("escape.rs").exists());
}
