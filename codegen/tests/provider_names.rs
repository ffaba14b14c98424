//! L080's list of names a provider cannot take is the `payspec` crate's
//! root: every module `src/lib.rs` declares or re-exports, the lookup module
//! `generated/rust/providers.rs` declares, and every crate of the root
//! package's `[dependencies]`.

use std::path::Path;

use payspec_codegen::lower::names::PAYSPEC_ROOT_NAMES;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_root_module_and_dependency_of_payspec_is_reserved() {
    let mut root: Vec<String> = Vec::new();
    for line in read("src/lib.rs").lines() {
        let line = line.trim();
        let module = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
            .and_then(|rest| rest.strip_suffix(';'));
        if let Some(module) = module {
            root.push(module.to_owned());
        }
        // `pub use payspec_runtime::{money, validation, wire};`, `pub use a::b;`
        if let Some(rest) = line.strip_prefix("pub use ") {
            let rest = rest.trim_end_matches(';');
            let names = match rest.split_once("::{") {
                Some((_, list)) => list.trim_end_matches('}').split(", ").collect::<Vec<_>>(),
                None => vec![rest.rsplit("::").next().unwrap_or(rest)],
            };
            root.extend(
                names
                    .into_iter()
                    .filter(|n| n.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                    .map(str::to_owned),
            );
        }
    }
    let providers = read("generated/rust/providers.rs");
    let lookup = providers
        .lines()
        .find_map(|l| l.strip_prefix("mod ")?.strip_suffix(" {"))
        .expect("providers.rs declares its lookup module");
    root.push(lookup.to_owned());

    let manifest = read("Cargo.toml");
    let dependencies = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .expect("a [dependencies] table")
        .split("\n[")
        .next()
        .unwrap_or_default();
    for line in dependencies.lines() {
        let Some((name, _)) = line.split_once([' ', '.']) else {
            continue;
        };
        // Generated type crates are named through their provider modules.
        if !name.starts_with('#') && !name.ends_with("-types") && !name.is_empty() {
            root.push(name.replace('-', "_"));
        }
    }
    for std_crate in ["std", "core", "alloc"] {
        root.push(std_crate.to_owned());
    }
    root.sort();
    root.dedup();
    let missing: Vec<&String> = root
        .iter()
        .filter(|n| !PAYSPEC_ROOT_NAMES.contains(&n.as_str()))
        .collect();
    assert!(missing.is_empty(), "not reserved for L080: {missing:?}");
    let mut sorted = PAYSPEC_ROOT_NAMES.to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, PAYSPEC_ROOT_NAMES, "kept sorted for binary search");
    // Nothing reserved that the crate does not have.
    let extra: Vec<&&str> = PAYSPEC_ROOT_NAMES
        .iter()
        .filter(|n| !root.iter().any(|r| r == *n))
        .collect();
    assert!(extra.is_empty(), "reserved but not in the crate: {extra:?}");
}
