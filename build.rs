//! The crate compiles the committed `generated/rust/` (the provider modules
//! it includes and the type crates it depends on), so consumers never build
//! or run the generator. This script only compares the fingerprint of
//! `spec/` with the one recorded in `generated/rust/spec.digest` and warns
//! when they differ: the committed code is still compiled, and `payspec
//! check` is what fails CI.
//!
//! It does not generate into `OUT_DIR`: the generated types are crates of
//! their own (compiled in parallel, rebuilt one area at a time), and a build
//! script cannot write the crates its own package depends on. Maintainers
//! who edit `spec/` run `payspec generate`.

use std::process::exit;

// The fingerprint the generator records (a std-only crate).
use payspec_spec_digest as spec_digest;

const SPEC_DIR: &str = "spec";

fn main() {
    println!("cargo:rerun-if-changed={SPEC_DIR}");
    println!("cargo:rerun-if-changed=build.rs");
    warn_if_stale();
}

/// Warns when `spec/` is not what `generated/rust/` was generated from.
fn warn_if_stale() {
    use std::path::Path;
    const GENERATED_RUST: &str = "generated/rust";
    const REGENERATE: &str = "cargo run -p payspec-codegen -- generate";

    let recorded_path = Path::new(GENERATED_RUST).join(spec_digest::FILE_NAME);
    println!("cargo:rerun-if-changed={}", recorded_path.display());
    let spec = Path::new(SPEC_DIR);
    if !spec.exists() {
        return;
    }
    let current = match spec_digest::of_dir(spec) {
        Ok(digest) => digest,
        Err(e) => fail(&[format!("cannot read {SPEC_DIR}/: {e}")]),
    };
    let recorded = std::fs::read_to_string(&recorded_path).unwrap_or_default();
    if recorded != spec_digest::render(current) {
        println!(
            "cargo:warning={GENERATED_RUST} was not generated from the current {SPEC_DIR}/ \
             (its {} does not match): compiling the committed code anyway; \
             run `{REGENERATE}` to bring it up to date",
            spec_digest::FILE_NAME,
        );
    }
}

fn fail(lines: &[String]) -> ! {
    for line in lines {
        println!("cargo:warning={line}");
        eprintln!("{line}");
    }
    exit(1)
}
