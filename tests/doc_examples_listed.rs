//! Every page of the generated reference that shows Rust is compiled as a
//! doctest by `src/doc_examples.rs`, through the list the generator writes
//! beside the pages (`generated/docs/doctests.rs`); this fails when a page
//! is missing from it.

use std::fs;
use std::path::{Path, PathBuf};

fn pages_with_rust(dir: &Path, root: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("generated/docs is readable") {
        let path: PathBuf = entry.expect("directory entry").path();
        if path.is_dir() {
            pages_with_rust(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "md")
            && fs::read_to_string(&path).is_ok_and(|text| text.contains("```rust"))
        {
            let rel = path.strip_prefix(root).expect("below the docs root");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The page paths the generated list names, in its order.
fn listed(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter_map(|line| line.split_once("=> \""))
        .map(|(_, rest)| rest.trim_end_matches("\",").to_owned())
        .collect()
}

#[test]
fn every_page_with_a_rust_example_is_compiled() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("generated/docs");
    let mut pages = Vec::new();
    pages_with_rust(&root, &root, &mut pages);
    pages.sort();
    let endpoints = payspec::doku::ENDPOINTS.len()
        + payspec::midtrans::ENDPOINTS.len()
        + payspec::biller::ENDPOINTS.len();
    assert!(
        pages.len() >= endpoints,
        "every endpoint page shows Rust; found {pages:?}"
    );
    let listing = fs::read_to_string(root.join("doctests.rs"))
        .expect("generated/docs/doctests.rs is generated");
    let mut names = listed(&listing);
    names.sort();
    assert_eq!(
        names, pages,
        "generated/docs/doctests.rs lists exactly the pages with Rust"
    );
    let module = fs::read_to_string(manifest.join("src/doc_examples.rs"))
        .expect("src/doc_examples.rs is readable");
    assert!(
        module.contains("include!(\"../generated/docs/doctests.rs\")"),
        "src/doc_examples.rs compiles the generated list"
    );
}
