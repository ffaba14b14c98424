//! `generated/rust/` (committed for review) must be byte-identical to what
//! build.rs writes into `OUT_DIR` and the crate compiles.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Non-empty `.rs` files of a directory by name (empty ones are the
/// placeholders build.rs writes when `spec/` does not exist).
fn rust_files(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

#[test]
fn committed_rust_equals_build_output() {
    let built = rust_files(Path::new(env!("OUT_DIR")));
    let committed = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/rust"));
    let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&built),
        "run `payspec generate` and commit generated/"
    );
    for (name, text) in &built {
        assert!(
            committed[name] == *text,
            "generated/rust/{name} is stale; run `payspec generate`"
        );
    }
}
