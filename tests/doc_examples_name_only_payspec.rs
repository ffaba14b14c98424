//! Rustdoc examples are what a merchant copies into their own crate, where
//! only `payspec` can be named: the workspace's inner crates
//! (`payspec_signing`, `payspec_runtime`, the generated type crates) are not
//! their dependencies. Doctests compile with those crates in scope, so this
//! checks the examples' text instead.

use std::fs;
use std::path::{Path, PathBuf};

const INNER_CRATES: &[&str] = &[
    "payspec_signing",
    "payspec_runtime",
    "payspec_codegen",
    "payspec_doku_types",
    "payspec_midtrans_types",
    "payspec_biller_types",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `file:line: text` of every doc-comment code line naming an inner crate.
fn offending_lines(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("readable source");
    let mut in_code = false;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let Some(doc) = trimmed
            .strip_prefix("///")
            .or_else(|| trimmed.strip_prefix("//!"))
        else {
            in_code = false;
            continue;
        };
        if doc.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code && INNER_CRATES.iter().any(|c| doc.contains(c)) {
            out.push(format!("{}:{}: {}", path.display(), i + 1, doc.trim()));
        }
    }
    out
}

#[test]
fn doc_examples_name_only_the_payspec_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("generated/rust"), &mut files);
    assert!(files.len() > 10, "{files:?}");
    let offending: Vec<String> = files.iter().flat_map(|f| offending_lines(f)).collect();
    assert!(
        offending.is_empty(),
        "examples a user crate cannot compile:\n{}",
        offending.join("\n")
    );
}
