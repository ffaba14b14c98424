//! The Rust emitted for the good fixture spec (`tests/fixtures/good/acme`),
//! through the whole pipeline: YAML → lint → IR → Rust. The fixture covers
//! every field type, rule kind, nested objects, arrays, enums and decisions,
//! so this snapshot shows every construct the emitter writes from real YAML.

use std::path::Path;

use payspec_codegen::emit::rust::{joined, render_provider};
use payspec_codegen::lower::load_dir;

fn fixture() -> payspec_codegen::Ir {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    match load_dir(&dir) {
        Ok(loaded) => loaded.ir,
        Err(diagnostics) => panic!("the good fixture must load:\n{diagnostics}"),
    }
}

#[test]
fn emitted_rust_for_the_good_fixture_spec() {
    let ir = fixture();
    let [provider] = ir.providers.as_slice() else {
        panic!(
            "the good fixture has one provider, found {}",
            ir.providers.len()
        );
    };
    let code = joined(&render_provider(provider).expect("the good fixture emits"));
    // Every construct the fixture declares shows up in the output.
    for needle in [
        "pub struct",
        "pub enum",
        "Unknown(String)",
        "impl payspec_runtime::validation::Validate for",
        "\"required_if\"",
        "\"one_of_required\"",
        "\"sum_equals\"",
        "\"max_len_if\"",
        "\"not_greater_than\"",
        "\"only_if\"",
        ".lenient(&mut ",
        "pub const ENDPOINTS",
        "pub enum Environment",
    ] {
        assert!(code.contains(needle), "emitted code lacks {needle:?}");
    }
    insta::assert_snapshot!("good_fixture_rust", code);
}

#[test]
fn emitting_the_fixture_twice_gives_the_same_bytes() {
    let ir = fixture();
    let first = render_provider(&ir.providers[0]).expect("emits");
    let second = render_provider(&fixture().providers[0]).expect("emits");
    assert_eq!(first, second);
}

/// Each provider renders to the module the client crate includes and one
/// crate per area (plus the shared types and the crate re-exporting them);
/// each crate's manifest names exactly the crates its code imports.
#[test]
fn providers_render_to_one_crate_per_area_with_the_dependencies_they_use() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let real = match load_dir(&real) {
        Ok(loaded) => loaded.ir,
        Err(diagnostics) => panic!("the real spec must load:\n{diagnostics}"),
    };
    let doku = real
        .providers
        .iter()
        .find(|p| p.name == "doku")
        .expect("doku");
    let files = render_provider(doku).expect("emits");
    let paths: Vec<String> = files.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(
        paths,
        [
            "doku/Cargo.toml",
            "doku/areas/cards/Cargo.toml",
            "doku/areas/cards/lib.rs",
            "doku/areas/checkout/Cargo.toml",
            "doku/areas/checkout/lib.rs",
            "doku/areas/notifications/Cargo.toml",
            "doku/areas/notifications/lib.rs",
            "doku/areas/orders/Cargo.toml",
            "doku/areas/orders/lib.rs",
            "doku/lib.rs",
            "doku/shared/Cargo.toml",
            "doku/shared/lib.rs",
            "doku.rs",
        ]
    );
    for p in fixture().providers.iter().chain(&real.providers) {
        let files = render_provider(p).expect("emits");
        let module = &files[Path::new(&format!("{}.rs", p.name))];
        assert!(
            module.contains(&format!("pub use payspec_{}_types::*;", p.name)),
            "{} module re-exports its types crate",
            p.name
        );
        for (path, text) in &files {
            if path.file_name() != Some("lib.rs".as_ref()) {
                continue;
            }
            let manifest = &files[&path.with_file_name("Cargo.toml")];
            // Every crate a `use` line names is a dependency, and only those.
            let used: Vec<String> = text
                .lines()
                .map(str::trim_start)
                .filter_map(|l| {
                    l.strip_prefix("use ")
                        .or_else(|| l.strip_prefix("pub use "))
                })
                .filter_map(|l| l.split([':', ' ', ';']).next())
                .filter(|krate| krate.starts_with("payspec_"))
                .map(|krate| krate.replace('_', "-"))
                .collect();
            let declared: Vec<String> = manifest
                .lines()
                .filter(|l| l.contains("{ path = "))
                .filter_map(|l| l.split(' ').next())
                .map(str::to_owned)
                .collect();
            let mut used_sorted = used.clone();
            used_sorted.sort();
            let mut declared_sorted = declared.clone();
            declared_sorted.sort();
            assert_eq!(used_sorted, declared_sorted, "{}", path.display());
        }
    }
}

/// A field named like a Rust keyword lowers to the raw name the emitted code
/// spells: one keyword table serves both, so `gen` (reserved by edition
/// 2024), `type` and `async` come out as `r#gen`, `r#type` and `r#async` in
/// the IR and in every struct field, and the crate still parses.
#[test]
fn keyword_field_names_lower_and_emit_alike() {
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        std::path::PathBuf::from("shop/provider.yaml"),
        b"provider: shop\ntitle: Shop\ndoc: A tiny provider.\n\
          auth: { doc: Basic auth. }\n\
          environments:\n  sandbox: { base_url: \"https://sandbox.shop.test\" }\n"
            .to_vec(),
    );
    files.insert(
        std::path::PathBuf::from("shop/orders/pay.yaml"),
        b"kind: endpoint\nname: pay\narea: orders\nsummary: Pay.\ndocs: shop.txt\n\
          method: POST\npath: /pay\nrequest:\n  type: PayRequest\n  fields:\n\
          \x20   gen: { type: string, presence: mandatory, doc: Generation. }\n\
          \x20   type: { type: string, presence: optional, doc: Type. }\n\
          \x20   async: { type: boolean, presence: optional, doc: Async. }\n\
          responses:\n  \"200\":\n    type: PayResponse\n    fields:\n\
          \x20     ok: { type: boolean, presence: mandatory, doc: OK. }\n"
            .to_vec(),
    );
    let ir = match payspec_codegen::lower::load_files(&files) {
        Ok(loaded) => loaded.ir,
        Err(diagnostics) => panic!("the spec must load:\n{diagnostics}"),
    };
    let provider = &ir.providers[0];
    let request = provider
        .structs
        .iter()
        .find(|s| s.name == "PayRequest")
        .expect("PayRequest");
    let names: Vec<&str> = request
        .fields
        .iter()
        .map(|f| f.rust_name.as_str())
        .collect();
    assert_eq!(names, ["r#gen", "r#type", "r#async"]);
    let files = render_provider(provider).expect("emits");
    let area = files
        .iter()
        .find(|(path, _)| path.ends_with("areas/orders/lib.rs"))
        .map(|(_, code)| code.as_str())
        .expect("the orders crate");
    for name in names {
        assert!(
            area.contains(&format!("pub {name}: ")),
            "no field {name}:\n{area}"
        );
    }
    assert!(!area.contains("pub gen: "), "{area}");
    for (path, code) in &files {
        if path.extension().is_some_and(|e| e == "rs") {
            if let Err(e) = syn::parse_file(code) {
                panic!("{}: {e}\n{code}", path.display());
            }
        }
    }
}
