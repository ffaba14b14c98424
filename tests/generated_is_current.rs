//! The crate compiles `generated/rust/` (committed for review), so it must be
//! exactly what the generator makes of `spec/` today, fingerprint included:
//! the provider modules and every type crate under it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use payspec_codegen::{generate, spec_digest};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under a directory, by path relative to it (`/`-separated).
fn files_in(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", current.display()))
        {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap();
                files.insert(slashed(name), fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

/// A relative path with `/` between its parts, on every platform.
fn slashed(path: &Path) -> String {
    path.iter()
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What `payspec generate` would write under `generated/rust/`.
fn fresh() -> BTreeMap<String, String> {
    let spec = root().join("spec");
    let loaded = payspec_codegen::lower::load_dir(&spec).expect("spec/ loads");
    let mut files = generate::render_rust(&loaded.ir).expect("spec/ emits");
    generate::add_spec_digest(&mut files, &spec).expect("spec/ is readable");
    files
        .into_iter()
        .map(|(path, text)| {
            let name = path.strip_prefix("rust").expect("under rust/");
            (slashed(name), text)
        })
        .collect()
}

#[test]
fn committed_rust_is_what_the_generator_makes_of_spec() {
    let committed = files_in(&root().join("generated/rust"));
    let fresh = fresh();
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "run `cargo run -p payspec-codegen -- generate` and commit generated/"
    );
    for (name, text) in &fresh {
        assert!(
            committed[name] == *text,
            "generated/rust/{name} is stale; run `cargo run -p payspec-codegen -- generate`"
        );
    }
    assert!(fresh.contains_key(spec_digest::FILE_NAME));
}

/// The root manifest's per-provider features and optional type crates are
/// generated sections too (`payspec generate` rewrites them): they list
/// exactly the providers of `spec/`.
#[test]
fn root_manifest_sections_are_what_the_generator_makes_of_spec() {
    let loaded = payspec_codegen::lower::load_dir(&root().join("spec")).expect("spec/ loads");
    let rewrite = payspec_codegen::root_manifest::for_output(&root().join("generated"), &loaded.ir)
        .expect("the markers pair up")
        .expect("Cargo.toml has generated sections");
    assert!(
        rewrite.is_current(),
        "Cargo.toml's generated sections are stale; run `cargo run -p payspec-codegen -- generate`"
    );
    let manifest = fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    for p in &loaded.ir.providers {
        assert!(
            manifest.contains(&format!("\n{} = [\"dep:", p.name)),
            "no feature for {}",
            p.name
        );
    }
}
