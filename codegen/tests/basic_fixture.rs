//! L025 is gone: a second provider on Midtrans' HTTP Basic recipe
//! (`tests/fixtures/basic/wallet`) lowers next to the repository's specs
//! without a diagnostic, and its generated module, committed under
//! `tests/expected/wallet*` (rerun with PAYSPEC_BLESS=1), is compiled next to
//! `payspec::midtrans` by the client crate's `tests/basic_fixture.rs`.

use std::path::{Path, PathBuf};

use payspec_codegen::generate;

fn codegen_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn wallet() -> payspec_codegen::ir::Provider {
    let loaded = payspec_codegen::lower::load_dir(&codegen_dir().join("tests/fixtures/basic"))
        .expect("the wallet fixture loads");
    loaded
        .ir
        .providers
        .into_iter()
        .next()
        .expect("one provider")
}

#[test]
fn two_providers_share_the_basic_recipe_without_a_diagnostic() {
    let spec = payspec_codegen::lower::load_dir(&codegen_dir().join("../spec")).expect("spec/");
    let midtrans = spec
        .ir
        .providers
        .iter()
        .find(|p| p.name == "midtrans")
        .expect("midtrans");
    let wallet = wallet();
    assert_eq!(wallet.auth.recipes.request, midtrans.auth.recipes.request);
    // Both in one IR, as `payspec generate` would see them: the client
    // modules render, each with its own marker and `Client` alias.
    let mut ir = spec.ir.clone();
    ir.providers.push(wallet);
    let files = generate::render_rust(&ir).expect("both render");
    let module = |name: &str| {
        files
            .get(Path::new("rust").join(format!("{name}.rs")).as_path())
            .unwrap_or_else(|| panic!("rust/{name}.rs"))
            .clone()
    };
    assert!(module("midtrans").contains("pub type Client = crate::client::Client<Midtrans>;"));
    assert!(module("wallet").contains("pub type Client = crate::client::Client<Wallet>;"));
}

#[test]
fn compiled_copy_is_current() {
    let files = payspec_codegen::emit::rust::render_provider(&wallet()).expect("renders");
    let expected = codegen_dir().join("tests/expected");
    for (path, text) in &files {
        let on_disk = expected.join(path);
        if std::env::var_os("PAYSPEC_BLESS").is_some() {
            std::fs::create_dir_all(on_disk.parent().unwrap()).unwrap();
            std::fs::write(&on_disk, text).unwrap();
        }
        let committed = std::fs::read_to_string(&on_disk).unwrap_or_default();
        assert!(
            committed == *text,
            "tests/expected/{} is stale; rerun with PAYSPEC_BLESS=1",
            path.display()
        );
    }
}
