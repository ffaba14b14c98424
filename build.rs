//! Two modes, chosen by the `regenerate` cargo feature.
//!
//! - Default: the crate compiles the committed `generated/rust/*.rs`, so
//!   consumers never build or run the generator. This script only compares
//!   the fingerprint of `spec/` with the one recorded in
//!   `generated/rust/spec.digest` and warns when they differ (the committed
//!   code is still compiled; `payspec check` is what fails CI).
//! - `--features regenerate`: the generator runs over `spec/` into `OUT_DIR`,
//!   one `<provider>.rs` per provider, byte-identical to `generated/rust/`,
//!   and the crate compiles that. Spec errors are printed (as
//!   `cargo:warning` lines and on stderr) and the build stops with exit
//!   code 1, without a panic backtrace.

use std::process::exit;

// The same file the generator uses to record the fingerprint; included by
// path so the default build needs no generator dependency.
#[cfg(not(feature = "regenerate"))]
#[path = "codegen/src/spec_digest.rs"]
mod spec_digest;

const SPEC_DIR: &str = "spec";

fn main() {
    println!("cargo:rerun-if-changed={SPEC_DIR}");
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "regenerate")]
    regenerate::run();
    #[cfg(not(feature = "regenerate"))]
    warn_if_stale();
}

/// Warns when `spec/` is not what `generated/rust/` was generated from.
#[cfg(not(feature = "regenerate"))]
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
             run `{REGENERATE}` to bring it up to date, or build with `--features regenerate`",
            spec_digest::FILE_NAME,
        );
    }
}

#[cfg(feature = "regenerate")]
mod regenerate {
    use std::path::{Path, PathBuf};

    use super::{fail, SPEC_DIR};

    /// Providers behind a cargo feature of the same name (see `Cargo.toml`).
    const PROVIDER_FEATURES: [&str; 3] = ["doku", "midtrans", "biller"];

    pub fn run() {
        let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
            fail(&["OUT_DIR is not set; build.rs must be run by cargo".to_owned()]);
        };
        let spec_dir = Path::new(SPEC_DIR);
        let loaded = match payspec_codegen_core::lower::load_dir(spec_dir) {
            Ok(loaded) => loaded,
            Err(diagnostics) => fail(&lines(&diagnostics.to_string())),
        };
        if !loaded.warnings.0.is_empty() {
            for line in lines(&loaded.warnings.to_string()) {
                println!("cargo:warning={line}");
            }
        }
        let mut written = Vec::new();
        for p in &loaded.ir.providers {
            let code = match payspec_codegen_core::emit::rust::render_provider(p) {
                Ok(code) => code,
                Err(e) => fail(&[e.to_string()]),
            };
            write(&out_dir.join(format!("{}.rs", p.name)), &code);
            written.push(p.name.as_str());
        }
        for feature in PROVIDER_FEATURES {
            let enabled =
                std::env::var_os(format!("CARGO_FEATURE_{}", feature.to_uppercase())).is_some();
            if enabled && !written.contains(&feature) {
                fail(&[format!(
                    "feature `{feature}` is enabled but {SPEC_DIR}/ defines no provider `{feature}`"
                )]);
            }
        }
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    fn write(path: &Path, contents: &str) {
        if let Err(e) = std::fs::write(path, contents) {
            fail(&[format!("cannot write {}: {e}", path.display())]);
        }
    }
}

fn fail(lines: &[String]) -> ! {
    for line in lines {
        println!("cargo:warning={line}");
        eprintln!("{line}");
    }
    exit(1)
}
