//! `payspec generate --standalone` and the build-script module, on the good
//! fixture (`tests/fixtures/good`, provider `acme`): the manifests, and that
//! both come from the same rendering as `generated/rust/`.

use std::path::{Path, PathBuf};

use payspec_codegen::emit::rust::{conformance, providers};
use payspec_codegen::generate::{render_rust, Files};
use payspec_codegen::lower;
use payspec_codegen::standalone::{render_module, render_package, shim, RuntimeSource};
use payspec_codegen::Ir;

fn ir() -> Ir {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    lower::load_dir(&dir).expect("the good fixture loads").ir
}

fn package(runtime: &RuntimeSource) -> Files {
    render_package(&ir(), "acme-client", runtime).expect("renders")
}

fn text<'a>(files: &'a Files, path: &str) -> &'a str {
    files
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("{path} was not rendered"))
}

#[test]
fn standalone_manifests_snapshot() {
    let files = package(&RuntimeSource::Path(PathBuf::from("/src/payspec")));
    let listing: Vec<String> = files.keys().map(|p| p.display().to_string()).collect();
    insta::assert_snapshot!(
        "standalone_manifests",
        format!(
            "{}\n\n// ==> Cargo.toml\n{}\n// ==> acme-client/Cargo.toml\n{}",
            listing.join("\n"),
            text(&files, "Cargo.toml"),
            text(&files, "acme-client/Cargo.toml"),
        )
    );
}

#[test]
fn by_version_the_runtime_is_this_generators_version() {
    let files = package(&RuntimeSource::this_version());
    let manifest = text(&files, "Cargo.toml");
    let version = env!("CARGO_PKG_VERSION");
    assert!(manifest.contains(&format!(
        "payspec-runtime = {{ version = \"{version}\" }}\n"
    )));
    assert!(manifest.contains(&format!(
        "payspec = {{ version = \"{version}\", default-features = false }}\n"
    )));
}

/// The type crates are `generated/rust/<provider>/**` as this repository
/// writes them, byte for byte (manifests included: the standalone workspace
/// supplies what they inherit); the provider module is the same text but
/// for its example, which names the client crate, and `http`, which it
/// reaches through the runtime. The conformance runner's
/// calls are this repository's test support and stay out, as does the
/// `payspec` crate's provider list.
#[test]
fn the_type_crates_and_module_are_the_in_repo_rendering() {
    let in_repo = render_rust(&ir()).unwrap();
    let files = package(&RuntimeSource::this_version());
    let mut compared = 0;
    for (path, text) in &in_repo {
        let rel = path.strip_prefix("rust").unwrap();
        // The conformance calls and the `payspec` crate's provider list
        // are that crate's own; a standalone client lists its modules itself.
        if rel == Path::new(conformance::FILE) || rel == Path::new(providers::FILE) {
            assert_eq!(files.get(rel), None, "{}", rel.display());
            continue;
        }
        if rel == Path::new("acme.rs") {
            let lib = files[Path::new("acme-client/src/lib.rs")].as_str();
            let module = text
                .replace("payspec::acme::", "acme_client::acme::")
                .replace("http::HeaderMap", "::payspec::http::HeaderMap");
            assert!(lib.ends_with(&module), "lib.rs ends with the module");
            assert_ne!(&module, text, "the example named `payspec::acme`");
        } else {
            assert_eq!(files.get(rel), Some(text), "{}", rel.display());
        }
        compared += 1;
    }
    assert_eq!(compared, 9, "the module and 4 crates of 2 files each");
}

#[test]
fn a_client_crate_name_must_be_a_package_name_of_its_own() {
    for bad in ["payspec", "payspec-acme", "1client", "my client", ""] {
        let err = render_package(&ir(), bad, &RuntimeSource::this_version()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("`{bad}` cannot name the client crate")),
            "{err}"
        );
    }
}

/// Every path of the build script's module that leaves it starts at the
/// include point or names the runtime crate: no `crate::Error` of the
/// including crate, no `payspec_acme_shared` crate that does not exist there.
#[test]
fn the_build_script_module_names_everything_from_its_include_point() {
    let code = render_module(&ir(), "crate::api").unwrap();
    syn::parse_file(&code).expect("the module parses");
    let crate_paths = regex::Regex::new(r"(^|[^\w:])crate::(\w+)").unwrap();
    let mut seen = 0;
    for m in crate_paths.captures_iter(&code) {
        assert_eq!(&m[2], "api", "{}", &m[0]);
        seen += 1;
    }
    assert!(
        seen > 50,
        "the module names the runtime and its types: {seen}"
    );
    let bare = regex::Regex::new(r"(^|[^\w:])(payspec_acme_\w+|payspec_runtime|http)::").unwrap();
    assert_eq!(bare.find(&code).map(|m| m.as_str()), None);
    assert!(code.contains("pub use crate::api::__payspec::payspec_acme_types::*;"));
    assert!(
        code.contains("::payspec::wire::"),
        "the type runtime, through payspec"
    );
}

/// `tests/support/client_standin.rs` (the stand-in the root crate's tests
/// compile generated modules against) is the shim's `client` module over
/// `payspec`, so those tests exercise what standalone crates and build
/// scripts get. `INSTA_UPDATE=always` rewrites it, as it does snapshots.
#[test]
fn the_tests_client_standin_is_the_shims() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/support/client_standin.rs");
    let expected = format!(
        "//! The runtime as generated provider modules name it (`crate::client`,\n\
         //! `crate::convention`), for tests that compile a generated module outside\n\
         //! the client crate: what a standalone client crate or a build script's\n\
         //! module gets.\n\
         // Rendered by payspec-codegen's `standalone::shim::client_module`\n\
         // (`codegen/tests/standalone.rs` keeps it current; `INSTA_UPDATE=always\n\
         // cargo test -p payspec-codegen --test standalone` rewrites it).\n\
         #![cfg_attr(rustfmt, rustfmt::skip)]\n\
         \n\
         pub mod convention {{\n\
         \x20   pub use ::payspec::convention::*;\n\
         }}\n\
         \n\
         {}",
        shim::client_module("payspec")
    );
    if std::env::var("INSTA_UPDATE").as_deref() == Ok("always") {
        std::fs::write(&path, &expected).expect("writes the stand-in");
    }
    let actual = std::fs::read_to_string(&path).expect("reads the stand-in");
    assert!(
        actual == expected,
        "{} differs from the shim's rendering: rerun with INSTA_UPDATE=always",
        path.display()
    );
}

/// For the real spec and every fixture with providers, each `crate::` path
/// the provider modules write is moved to the include point of the build
/// script's module, so the shim there re-exports every runtime name the
/// emitter uses (`call_headers:`, `retry:`, token flows, notifications).
#[test]
fn every_spec_names_only_what_the_shim_provides() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crate_paths = regex::Regex::new(r"(^|[^\w:])crate::(\w+)").unwrap();
    for dir in [
        "../spec",
        "tests/fixtures/good",
        "tests/fixtures/snap",
        "tests/fixtures/basic",
    ] {
        let ir = lower::load_dir(&root.join(dir))
            .unwrap_or_else(|_| panic!("{dir} loads"))
            .ir;
        let code = render_module(&ir, "crate::api").unwrap();
        let stray: Vec<&str> = crate_paths
            .captures_iter(&code)
            .filter(|m| &m[2] != "api")
            .map(|m| m.get(0).unwrap().as_str())
            .collect();
        assert_eq!(stray, Vec::<&str>::new(), "{dir}");
        assert!(code.contains("pub use ::payspec::client::*;"), "{dir}");
    }
}
