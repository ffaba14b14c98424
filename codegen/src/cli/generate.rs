//! `payspec generate` and `payspec check`.

use std::path::{Path, PathBuf};

use clap::Args;
use payspec_codegen::generate::{self, GenerateError};
use payspec_codegen::root_manifest::{self, Rewrite};
use payspec_codegen::standalone::{self, RuntimeSource};
use payspec_codegen::Ir;

use super::{load, Failure};

/// Where the specs are read from and the output is written to.
#[derive(Debug, Args)]
pub struct Dirs {
    /// The spec directory: one folder per provider.
    #[arg(long, value_name = "DIR", default_value = "spec")]
    spec: PathBuf,
    /// The output directory (`generated` unless `--standalone`, which
    /// needs it given).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write a standalone Cargo workspace instead: the type crates and a
    /// client crate of this name, for use outside this repository (no docs
    /// or OpenAPI).
    #[arg(long, value_name = "NAME")]
    standalone: Option<String>,
    /// With `--standalone`: take the runtime crates from this checkout of
    /// payspec (its root folder) instead of crates.io.
    #[arg(long, value_name = "DIR", requires = "standalone")]
    runtime_path: Option<PathBuf>,
}

impl Dirs {
    /// The output directory: `--out`, or `generated` for this repository's
    /// own output.
    fn out(&self) -> Result<PathBuf, Failure> {
        match (&self.out, &self.standalone) {
            (Some(out), _) => Ok(out.clone()),
            (None, None) => Ok(PathBuf::from("generated")),
            (None, Some(_)) => Err(Failure::Io(
                "--standalone writes a whole workspace: name its folder with --out DIR".to_owned(),
            )),
        }
    }
}

/// Where the standalone package takes the runtime from: the checkout
/// `--runtime-path` names (made absolute, so the manifests work from
/// anywhere), or crates.io.
fn runtime_source(path: Option<&Path>) -> Result<RuntimeSource, Failure> {
    let Some(path) = path else {
        return Ok(RuntimeSource::this_version());
    };
    let root = path
        .canonicalize()
        .map_err(|e| Failure::Io(format!("--runtime-path {}: {e}", path.display())))?;
    let runtime = standalone::manifest::TYPE_RUNTIME.1;
    if !root.join(runtime).join("Cargo.toml").is_file() {
        return Err(Failure::Io(format!(
            "--runtime-path {}: not a payspec checkout (no {runtime}/Cargo.toml)",
            path.display()
        )));
    }
    Ok(RuntimeSource::Path(root))
}

fn emit_failure(e: GenerateError) -> Failure {
    if e.is_emit() {
        eprintln!("error: {e}");
        Failure::Exit(1)
    } else {
        Failure::Io(e.to_string())
    }
}

/// Every output file, plus the fingerprint of the specs they came from; or
/// with `--standalone`, the standalone workspace.
fn render_with_digest(ir: &Ir, dirs: &Dirs) -> Result<generate::Files, Failure> {
    if let Some(name) = &dirs.standalone {
        let runtime = runtime_source(dirs.runtime_path.as_deref())?;
        return standalone::render_package(ir, name, &runtime).map_err(|e| {
            eprintln!("error: {e}");
            Failure::Exit(1)
        });
    }
    let mut files = generate::render_all(ir).map_err(emit_failure)?;
    generate::add_spec_digest(&mut files, &dirs.spec)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", dirs.spec.display())))?;
    Ok(files)
}

/// The including crate's manifest (`Cargo.toml` beside the output) with
/// its generated sections rewritten, when it has any; never for
/// `--standalone`, whose workspace manifest is one of its files.
fn manifest_rewrite(ir: &Ir, dirs: &Dirs, out: &Path) -> Result<Option<Rewrite>, Failure> {
    if dirs.standalone.is_some() {
        return Ok(None);
    }
    root_manifest::for_output(out, ir).map_err(|e| Failure::Io(e.to_string()))
}

/// Renders everything and replaces the output directory with it, then
/// rewrites the generated sections of the manifest beside it.
pub fn run_generate(dirs: &Dirs) -> Result<(), Failure> {
    let loaded = load(&dirs.spec)?;
    let out = dirs.out()?;
    let files = render_with_digest(&loaded.ir, dirs)?;
    // Computed before anything is written: broken markers change nothing.
    let manifest = manifest_rewrite(&loaded.ir, dirs, &out)?;
    generate::write_atomic(&out, &files)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", out.display())))?;
    eprintln!("wrote {} file(s) to {}", files.len(), out.display());
    if let Some(manifest) = manifest {
        if !manifest.is_current() {
            manifest.write().map_err(|e| Failure::Io(e.to_string()))?;
            eprintln!(
                "rewrote the generated sections of {}",
                manifest.path.display()
            );
        }
    }
    Ok(())
}

/// Lists every file that `generate` would change; exit 1 when any.
pub fn run_check(dirs: &Dirs) -> Result<(), Failure> {
    let out = dirs.out()?;
    let loaded = load(&dirs.spec)?;
    let files = render_with_digest(&loaded.ir, dirs)?;
    let stale = generate::check(&out, &files)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", out.display())))?;
    let stale_manifest =
        manifest_rewrite(&loaded.ir, dirs, &out)?.filter(|manifest| !manifest.is_current());
    if stale.is_empty() && stale_manifest.is_none() {
        eprintln!("{} is up to date ({} file(s))", out.display(), files.len());
        return Ok(());
    }
    eprintln!("{} is stale:", out.display());
    for s in &stale {
        eprintln!("  {s}");
    }
    if let Some(manifest) = &stale_manifest {
        eprintln!(
            "  out of date: the generated sections of {}",
            manifest.path.display()
        );
    }
    let standalone = match (&dirs.standalone, &dirs.runtime_path) {
        (Some(name), Some(path)) => {
            format!(" --standalone {name} --runtime-path {}", path.display())
        }
        (Some(name), None) => format!(" --standalone {name}"),
        (None, _) => String::new(),
    };
    eprintln!(
        "run `payspec generate --spec {} --out {}{standalone}` and commit the result",
        dirs.spec.display(),
        out.display()
    );
    Err(Failure::Exit(1))
}
