//! The crate compiles `generated/rust/` (committed for review), so it must be
//! exactly what the generator makes of `spec/` today, fingerprint included.
//! With `--features regenerate`, build.rs's `OUT_DIR` output must match it too.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use payspec_codegen::{generate, spec_digest};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of a directory by name.
fn files_in(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
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
            (name.to_string_lossy().into_owned(), text)
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

#[cfg(feature = "regenerate")]
#[test]
fn build_script_output_equals_committed_rust() {
    let mut built = files_in(Path::new(env!("OUT_DIR")));
    let mut committed = files_in(&root().join("generated/rust"));
    committed.remove(spec_digest::FILE_NAME);
    built.retain(|name, _| name.ends_with(".rs"));
    assert_eq!(built, committed);
}
