//! `payspec audit` and `payspec lint --docs` from the command line: exit
//! codes, `--fail-on`, and `--accept` rewriting only the fingerprints.

use std::fs;
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

fn payspec(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the shop fixture (spec and pages) to change freely.
fn copy_fixture() -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit");
    let tmp = tempfile::tempdir().unwrap();
    for file in [
        "spec/shop/provider.yaml",
        "spec/shop/orders/create_order.yaml",
        "pages/shop-orders.txt",
    ] {
        let to = tmp.path().join(file);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from.join(file), to).unwrap();
    }
    tmp
}

#[test]
fn exit_codes_follow_fail_on() {
    let tmp = copy_fixture();
    let spec = tmp.path().join("spec");
    let docs = tmp.path().join("pages");
    let (spec, docs) = (spec.to_str().unwrap(), docs.to_str().unwrap());
    let (code, out, err) = payspec(&["audit", "--spec", spec, "--docs", docs]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");

    // A new endpoint is a warning: passes by default, fails at --fail-on warning.
    let page = tmp.path().join("pages/shop-orders.txt");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{text}\nAlso: GET /orders/v1/status\n")).unwrap();
    let (code, out, _) = payspec(&["audit", "--spec", spec, "--docs", docs]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = payspec(&[
        "audit",
        "--spec",
        spec,
        "--docs",
        docs,
        "--fail-on",
        "warning",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("warning[endpoint_missing]"), "{out}");

    // A lost quote is an error; --fail-on none never fails.
    fs::write(&page, text.replace("must be filled", "must be set")).unwrap();
    let (code, out, _) = payspec(&["audit", "--spec", spec, "--docs", docs, "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["findings"][1]["kind"], "quote_changed", "{out}");
    let (code, _, _) = payspec(&["audit", "--spec", spec, "--docs", docs, "--fail-on", "none"]);
    assert_eq!(code, 0);

    // No docs directory: a usage error.
    let (code, _, err) = payspec(&["audit", "--spec", spec, "--docs", "/nonexistent/docs"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("docs directory"), "{err}");
}

#[test]
fn accept_rewrites_only_the_fingerprint_and_audit_alone_never_writes() {
    let tmp = copy_fixture();
    let spec = tmp.path().join("spec");
    let docs = tmp.path().join("pages");
    let provider = spec.join("shop/provider.yaml");
    let before = fs::read_to_string(&provider).unwrap();
    let page = docs.join("shop-orders.txt");
    let new_page = format!(
        "{}\nA note added at the end.\n",
        fs::read_to_string(&page).unwrap()
    );
    fs::write(&page, &new_page).unwrap();
    let (spec, docs) = (spec.to_str().unwrap(), docs.to_str().unwrap());

    let (code, out, _) = payspec(&["audit", "--spec", spec, "--docs", docs]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[page_changed]"), "{out}");
    assert_eq!(
        fs::read_to_string(&provider).unwrap(),
        before,
        "audit without --accept wrote"
    );

    let (code, out, err) = payspec(&["audit", "--spec", spec, "--docs", docs, "--accept"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("page_changed"), "{out}");
    let after = fs::read_to_string(&provider).unwrap();
    let expected: String = Sha256::digest(new_page.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{after}");
    assert_eq!(
        changed[0].1,
        format!("  - {{ file: shop-orders.txt, sha256: {expected} }}")
    );
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(before.ends_with('\n'), after.ends_with('\n'));
    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(tmp.path().join("spec/shop"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    let (code, out, _) = payspec(&["audit", "--spec", spec, "--docs", docs]);
    assert_eq!(code, 0);
    assert!(out.contains("shop-orders.txt (shop): unchanged"), "{out}");
}

#[test]
fn lint_checks_pages_exist_only_when_given_the_folder() {
    let tmp = copy_fixture();
    let spec = tmp.path().join("spec");
    let spec = spec.to_str().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let (code, out, _) = payspec(&["lint", "--spec", spec]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = payspec(&[
        "lint",
        "--spec",
        spec,
        "--docs",
        empty.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[L029]:")
            && out.contains("shop/provider.yaml:6:")
            && out.contains("`shop-orders.txt`"),
        "{out}"
    );
    let docs = tmp.path().join("pages");
    let (code, out, _) = payspec(&["lint", "--spec", spec, "--docs", docs.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");

    // A fingerprint that is not one is a lint error without --docs too.
    let provider = tmp.path().join("spec/shop/provider.yaml");
    let text = fs::read_to_string(&provider).unwrap();
    let start = text.find("sha256: ").unwrap() + "sha256: ".len();
    fs::write(
        &provider,
        format!("{}abc }}\n{}", &text[..start], &text[start + 66..]),
    )
    .unwrap();
    let (code, out, _) = payspec(&["lint", "--spec", spec]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[L028]:") && out.contains("`abc`"),
        "{out}"
    );
}
