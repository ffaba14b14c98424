//! `payspec generate` and `payspec check`.

use std::path::PathBuf;

use clap::Args;
use payspec_codegen::generate::{self, GenerateError};
use payspec_codegen::Ir;

use super::{load, Failure};

/// Where the specs are read from and the output is written to.
#[derive(Debug, Args)]
pub struct Dirs {
    /// The spec directory: one folder per provider.
    #[arg(long, value_name = "DIR", default_value = "spec")]
    spec: PathBuf,
    /// The output directory.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    out: PathBuf,
}

fn emit_failure(e: GenerateError) -> Failure {
    if e.is_emit() {
        eprintln!("error: {e}");
        Failure::Exit(1)
    } else {
        Failure::Io(e.to_string())
    }
}

/// Every output file, plus the fingerprint of the specs they came from.
fn render_with_digest(ir: &Ir, dirs: &Dirs) -> Result<generate::Files, Failure> {
    let mut files = generate::render_all(ir).map_err(emit_failure)?;
    generate::add_spec_digest(&mut files, &dirs.spec)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", dirs.spec.display())))?;
    Ok(files)
}

/// Renders everything and replaces the output directory with it.
pub fn run_generate(dirs: &Dirs) -> Result<(), Failure> {
    let loaded = load(&dirs.spec)?;
    let files = render_with_digest(&loaded.ir, dirs)?;
    generate::write_atomic(&dirs.out, &files)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", dirs.out.display())))?;
    eprintln!("wrote {} file(s) to {}", files.len(), dirs.out.display());
    Ok(())
}

/// Lists every file that `generate` would change; exit 1 when any.
pub fn run_check(dirs: &Dirs) -> Result<(), Failure> {
    let loaded = load(&dirs.spec)?;
    let files = render_with_digest(&loaded.ir, dirs)?;
    let stale = generate::check(&dirs.out, &files)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", dirs.out.display())))?;
    if stale.is_empty() {
        eprintln!(
            "{} is up to date ({} file(s))",
            dirs.out.display(),
            files.len()
        );
        return Ok(());
    }
    eprintln!("{} is stale:", dirs.out.display());
    for s in &stale {
        eprintln!("  {s}");
    }
    eprintln!(
        "run `payspec generate --spec {} --out {}` and commit the result",
        dirs.spec.display(),
        dirs.out.display()
    );
    Err(Failure::Exit(1))
}
