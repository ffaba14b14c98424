//! The `payspec` binary: exit codes and messages.
//!
//! These run on an empty spec directory (no providers), so they exercise the
//! command plumbing rather than the emitters.

use std::fs;
use std::process::Command;

fn payspec(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn usage_errors_exit_2() {
    let (code, stderr) = payspec(&["frobnicate"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{stderr}"
    );
}

#[test]
fn generate_then_check_is_clean_and_a_stray_file_fails_check() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("spec");
    let out = tmp.path().join("generated");
    fs::create_dir_all(&spec).unwrap();
    let (spec, out) = (spec.to_str().unwrap(), out.to_str().unwrap());

    let (code, stderr) = payspec(&["generate", "--spec", spec, "--out", out]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = payspec(&["check", "--spec", spec, "--out", out]);
    assert_eq!(code, 0, "{stderr}");

    fs::write(tmp.path().join("generated/stray.rs"), "").unwrap();
    let (code, stderr) = payspec(&["check", "--spec", spec, "--out", out]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("not generated (extra): stray.rs"),
        "{stderr}"
    );
    assert!(stderr.contains("run `payspec generate"), "{stderr}");
}

#[test]
fn standalone_needs_an_out_dir_and_a_checkout_as_runtime_path() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("spec");
    fs::create_dir_all(&spec).unwrap();
    let spec = spec.to_str().unwrap();

    let (code, stderr) = payspec(&["generate", "--spec", spec, "--standalone", "mine"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--standalone writes a whole workspace: name its folder with --out DIR"),
        "{stderr}"
    );

    let out = tmp.path().join("mine");
    let not_a_checkout = tmp.path().to_str().unwrap();
    let (code, stderr) = payspec(&[
        "generate",
        "--spec",
        spec,
        "--out",
        out.to_str().unwrap(),
        "--standalone",
        "mine",
        "--runtime-path",
        not_a_checkout,
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("not a payspec checkout (no runtime/Cargo.toml)"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn standalone_writes_a_workspace_over_the_checkout_named() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good");
    let out = tmp.path().join("acme");
    let checkout = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let args = [
        "--spec",
        spec,
        "--out",
        out.to_str().unwrap(),
        "--standalone",
        "acme-client",
        "--runtime-path",
        checkout,
    ];
    let (code, stderr) = payspec(&[&["generate"], &args[..]].concat());
    assert_eq!(code, 0, "{stderr}");
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let root = fs::canonicalize(checkout).unwrap();
    assert!(
        manifest.contains(&format!(
            "payspec-runtime = {{ path = \"{}/runtime\" }}",
            root.display()
        )),
        "{manifest}"
    );
    assert!(out.join("acme-client/src/lib.rs").is_file());
    assert!(
        !out.join("docs").exists(),
        "no docs in a standalone package"
    );
    let (code, stderr) = payspec(&[&["check"], &args[..]].concat());
    assert_eq!(code, 0, "{stderr}");

    fs::write(out.join("acme/lib.rs"), "// edited\n").unwrap();
    let (code, stderr) = payspec(&[&["check"], &args[..]].concat());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("out of date: acme/lib.rs"), "{stderr}");
    assert!(
        stderr.contains("--standalone acme-client --runtime-path "),
        "the advice repeats the flags: {stderr}"
    );
}
