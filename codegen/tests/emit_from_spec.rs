//! The Rust emitted for the good fixture spec (`tests/fixtures/good/acme`),
//! through the whole pipeline: YAML → lint → IR → Rust. The fixture covers
//! every field type, rule kind, nested objects, arrays, enums and decisions,
//! so this snapshot shows every construct the emitter writes from real YAML.

use std::path::Path;

use payspec_codegen::emit::rust::{render_provider, render_provider_whole};
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
    let code = render_provider(provider).expect("the good fixture emits");
    // Every construct the fixture declares shows up in the output.
    for needle in [
        "pub struct",
        "pub enum",
        "Unknown(String)",
        "impl crate::validation::Validate for",
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

/// `render_provider` prints area modules on separate threads and splices
/// them in; the result must be the bytes of printing the file at once.
#[test]
fn parallel_rendering_equals_whole_file_rendering() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let real = match load_dir(&real) {
        Ok(loaded) => loaded.ir,
        Err(diagnostics) => panic!("the real spec must load:\n{diagnostics}"),
    };
    let providers: Vec<_> = fixture()
        .providers
        .into_iter()
        .chain(real.providers)
        .collect();
    assert!(providers.len() >= 4, "the fixture and three real providers");
    for p in &providers {
        let whole = render_provider_whole(p).expect("emits");
        let parallel = render_provider(p).expect("emits");
        assert!(
            whole.matches("\n    pub mod ").count() >= 1,
            "{} has area modules",
            p.name
        );
        assert_eq!(parallel, whole, "provider {}", p.name);
    }
}
