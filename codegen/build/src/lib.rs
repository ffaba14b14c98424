//! payspec from a build script: reads YAML specs, checks them as `payspec
//! lint` does, and writes one Rust file into `OUT_DIR` holding a module per
//! provider (types, validators, signing recipes, client methods), for the
//! crate to `include!`.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), payspec_build::Error> {
//!     payspec_build::Builder::new().spec_dir("spec").compile()?;
//!     Ok(())
//! }
//! ```
//!
//! and at the crate root:
//!
//! ```text
//! include!(concat!(env!("OUT_DIR"), "/payspec_generated.rs"));
//! ```
//!
//! The including crate depends on `payspec` (the client runtime, with
//! `default-features = false`: it is generic over the provider, and its
//! features only compile this repository's own provider modules), `serde`
//! and `serde_json`.
//!
//! A spec with errors fails the build with every problem located as `payspec
//! lint` prints it (`error[L012]: spec/acme/provider.yaml:4:3: …` and its
//! `help:`), and no panic: [`Error`]'s `Debug` is that text, which is what
//! cargo shows when `main` returns it.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use payspec_codegen_core::lint_report::{self, LintFormat};
use payspec_codegen_core::lower;
use payspec_codegen_emit::standalone::{self, StandaloneError};

/// The file [`Builder::compile`] writes into the output directory.
pub const OUTPUT_FILE: &str = "payspec_generated.rs";

/// Configures and runs the generator (see the crate docs).
#[derive(Debug, Clone)]
pub struct Builder {
    spec_dir: PathBuf,
    out_dir: Option<PathBuf>,
    module_path: String,
    rerun_if_changed: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// Reads `spec/`, writes into `OUT_DIR`, for inclusion at the crate root.
    pub fn new() -> Self {
        Builder {
            spec_dir: PathBuf::from("spec"),
            out_dir: None,
            module_path: "crate".to_owned(),
            rerun_if_changed: true,
        }
    }

    /// The spec directory (one folder per provider), relative to the
    /// package root as build scripts run there.
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dir = dir.into();
        self
    }

    /// Where to write [`OUTPUT_FILE`] instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The module the file is `include!`d in: `crate` (the default) for the
    /// crate root, `crate::api` inside `mod api { … }`. The generated code
    /// names its own items by absolute paths from there.
    pub fn module_path(mut self, path: impl Into<String>) -> Self {
        self.module_path = path.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for the spec files (on by
    /// default; off for calling the builder outside a build script).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.rerun_if_changed = on;
        self
    }

    /// Checks the specs and writes the module; returns the file's path.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        if !self.spec_dir.is_dir() {
            return Err(Error::Io {
                path: self.spec_dir.clone(),
                source: io::Error::new(io::ErrorKind::NotFound, "no such spec directory"),
            });
        }
        if self.rerun_if_changed {
            // The directory too, so an added file reruns the script.
            println!("cargo:rerun-if-changed={}", self.spec_dir.display());
            for file in spec_files(&self.spec_dir)? {
                println!("cargo:rerun-if-changed={}", file.display());
            }
        }
        let loaded = lower::load_dir(&self.spec_dir).map_err(|diagnostics| {
            Error::Spec(lint_report::render(
                &diagnostics,
                &self.spec_dir,
                LintFormat::Text,
            ))
        })?;
        for warning in lint_report::render(&loaded.warnings, &self.spec_dir, LintFormat::Text)
            .lines()
            .filter(|_| !loaded.warnings.0.is_empty())
        {
            println!("cargo:warning={warning}");
        }
        let code = standalone::render_module(&loaded.ir, &self.module_path)?;
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let path = out_dir.join(OUTPUT_FILE);
        fs::write(&path, code).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }
}

/// Every `*.yaml` file under `dir`, sorted: what the loader reads.
fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries {
            let path = entry
                .map_err(|source| Error::Io {
                    path: dir.clone(),
                    source,
                })?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Why [`Builder::compile`] failed. Its `Debug` is its `Display`, so a build
/// script's `main` that returns it prints the diagnostics as they are.
pub enum Error {
    /// The specs have errors: every diagnostic, as `payspec lint` prints
    /// them.
    Spec(String),
    /// The generator refused the specs (a module path or an item it cannot
    /// express).
    Generate(StandaloneError),
    /// Reading the specs or writing the module failed.
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// Neither [`Builder::out_dir`] nor `OUT_DIR` (set by cargo for build
    /// scripts) says where to write.
    NoOutDir,
}

impl From<StandaloneError> for Error {
    fn from(e: StandaloneError) -> Self {
        Error::Generate(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(report) => write!(f, "the payspec specs have errors:\n{report}"),
            Error::Generate(e) => write!(f, "payspec cannot generate the client: {e}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::NoOutDir => f.write_str(
                "OUT_DIR is not set: call payspec_build from a build script, or set Builder::out_dir",
            ),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Generate(e) => Some(e),
            Error::Io { source, .. } => Some(source),
            Error::Spec(_) | Error::NoOutDir => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_yaml_file_under_the_spec_dir_is_watched_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("acme/cards")).unwrap();
        for file in [
            "acme/provider.yaml",
            "acme/cards/pay.yaml",
            "README.md",
            "acme/notes.txt",
        ] {
            fs::write(root.join(file), "x").unwrap();
        }
        assert_eq!(
            spec_files(root).unwrap(),
            [
                root.join("acme/cards/pay.yaml"),
                root.join("acme/provider.yaml")
            ]
        );
    }
}
