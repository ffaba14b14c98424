//! Every page of the generated reference that shows Rust is compiled as a
//! doctest by `src/doc_examples.rs`; this fails when a page is missing there.

use std::fs;
use std::path::{Path, PathBuf};

fn pages_with_rust(dir: &Path, root: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("generated/docs is readable") {
        let path: PathBuf = entry.expect("directory entry").path();
        if path.is_dir() {
            pages_with_rust(&path, root, out);
        } else if fs::read_to_string(&path).is_ok_and(|text| text.contains("```rust")) {
            let rel = path.strip_prefix(root).expect("below the docs root");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_page_with_a_rust_example_is_compiled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/docs");
    let mut pages = Vec::new();
    pages_with_rust(&root, &root, &mut pages);
    pages.sort();
    assert!(
        pages.len() >= 8,
        "expected the endpoint pages, found {pages:?}"
    );
    let listing =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/doc_examples.rs"))
            .expect("src/doc_examples.rs is readable");
    let missing: Vec<&String> = pages
        .iter()
        .filter(|page| !listing.contains(&format!("\"{page}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "add these pages to src/doc_examples.rs so their Rust examples compile: {missing:?}"
    );
}
