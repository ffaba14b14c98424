//! Generates the provider modules from `spec/` into `OUT_DIR`, one
//! `<provider>.rs` per provider, byte-identical to `generated/rust/`.
//!
//! Spec errors are printed (as `cargo:warning` lines and on stderr) and the
//! build stops with exit code 1, without a panic backtrace.

use std::path::{Path, PathBuf};
use std::process::exit;

/// Providers behind a cargo feature of the same name (see `Cargo.toml`).
const PROVIDER_FEATURES: [&str; 3] = ["doku", "midtrans", "biller"];

fn main() {
    println!("cargo:rerun-if-changed=spec");
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        fail(&["OUT_DIR is not set; build.rs must be run by cargo".to_owned()]);
    };
    let spec_dir = Path::new("spec");
    let providers = if spec_dir.exists() {
        let loaded = match payspec_codegen_core::lower::load_dir(spec_dir) {
            Ok(loaded) => loaded,
            Err(diagnostics) => fail(&lines(&diagnostics.to_string())),
        };
        if !loaded.warnings.0.is_empty() {
            for line in lines(&loaded.warnings.to_string()) {
                println!("cargo:warning={line}");
            }
        }
        loaded.ir.providers
    } else {
        println!("cargo:warning=spec/ does not exist; the provider modules are empty");
        Vec::new()
    };

    let mut written = Vec::new();
    for p in &providers {
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
        if !enabled || written.contains(&feature) {
            continue;
        }
        if spec_dir.exists() {
            fail(&[format!(
                "feature `{feature}` is enabled but spec/ defines no provider `{feature}`"
            )]);
        }
        // Bootstrap only (no spec/ at all): keep `include!` compiling.
        write(&out_dir.join(format!("{feature}.rs")), "");
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

fn fail(lines: &[String]) -> ! {
    for line in lines {
        println!("cargo:warning={line}");
        eprintln!("{line}");
    }
    exit(1)
}
