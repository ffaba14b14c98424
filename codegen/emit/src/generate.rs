//! Running the emitters over an IR and writing or checking an output
//! directory (`generated/`) as a whole.
//!
//! Writing never leaves a half-written directory: everything goes into a
//! sibling temporary directory first, which is then renamed into place.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::ir::Ir;
use crate::rust::{render_provider, EmitError};

/// Every output file, by path relative to the output directory.
pub type Files = BTreeMap<PathBuf, String>;

/// Renders the Rust code only, under `rust/`: per provider the module the
/// client crate includes (`rust/<provider>.rs`) and its type crates
/// (`rust/<provider>/**`; see [`render_provider`]), the client crate's
/// provider list (`rust/providers.rs`) and the conformance runner's calls
/// (`rust/conformance.rs`).
pub fn render_rust(ir: &Ir) -> Result<Files, EmitError> {
    let mut files = Files::new();
    for p in &ir.providers {
        for (path, text) in render_provider(p)? {
            files.insert(PathBuf::from("rust").join(path), text);
        }
    }
    files.insert(
        PathBuf::from("rust").join(crate::rust::providers::FILE),
        crate::rust::providers::render(ir),
    );
    files.insert(
        PathBuf::from("rust").join(crate::rust::conformance::FILE),
        crate::rust::conformance::render(ir)?,
    );
    Ok(files)
}

/// Renders every output of the IR: `rust/**`, and with the `docs`
/// feature also `docs/**` (Markdown reference) and `openapi.yaml`.
#[cfg(not(feature = "docs"))]
pub fn render_all(ir: &Ir) -> Result<Files, GenerateError> {
    Ok(render_rust(ir)?)
}

/// Renders every output of the IR: `rust/**`, `docs/**` (Markdown
/// reference) and `openapi.yaml`.
///
/// The docs and the OpenAPI document do not depend on the Rust code, so
/// they are rendered on a thread of their own while the Rust emitter runs:
/// its work queue leaves a core idle while its biggest job (the client
/// module) finishes (BENCHMARKS.md, section 1).
#[cfg(feature = "docs")]
pub fn render_all(ir: &Ir) -> Result<Files, GenerateError> {
    let (rust, others) = std::thread::scope(|scope| {
        let others = scope.spawn(|| render_docs_and_openapi(ir));
        let rust = render_rust(ir);
        // A panic in the other thread is a bug; it propagates as it would
        // have without the thread.
        let others = others
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (rust, others)
    });
    let mut files = rust?;
    files.extend(others?);
    Ok(files)
}

/// `docs/**` and `openapi.yaml`.
#[cfg(feature = "docs")]
fn render_docs_and_openapi(ir: &Ir) -> Result<Files, GenerateError> {
    let mut files = Files::new();
    for (page, text) in crate::docs::render(ir)? {
        files.insert(PathBuf::from("docs").join(page), text);
    }
    files.insert(PathBuf::from("openapi.yaml"), crate::openapi::render(ir)?);
    Ok(files)
}

/// Why generating into a directory failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The Rust emitter refused the IR; nothing was written.
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// The docs emitter refused the IR; nothing was written.
    #[cfg(feature = "docs")]
    #[error("docs: {0}")]
    Docs(#[from] crate::docs::DocsError),
    /// The OpenAPI emitter refused the IR; nothing was written.
    #[cfg(feature = "openapi")]
    #[error("openapi: {0}")]
    OpenApi(#[from] crate::openapi::OpenApiError),
    /// Writing failed; the previous output is untouched.
    #[error("cannot write {dir}: {source}")]
    Io {
        /// The output directory.
        dir: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

impl GenerateError {
    /// Whether the spec or IR is at fault (an emitter refused it), as
    /// opposed to the file system.
    pub fn is_emit(&self) -> bool {
        !matches!(self, GenerateError::Io { .. })
    }
}

/// Adds `rust/spec.digest`: the fingerprint of the spec files under
/// `spec_dir`, which the root crate's `build.rs` compares with `spec/` to
/// warn that the committed Rust is stale.
pub fn add_spec_digest(files: &mut Files, spec_dir: &Path) -> io::Result<()> {
    let digest = crate::spec_digest::of_dir(spec_dir)?;
    files.insert(
        PathBuf::from("rust").join(crate::spec_digest::FILE_NAME),
        crate::spec_digest::render(digest),
    );
    Ok(())
}

/// Renders everything, then replaces `out_dir` with it; on any error the
/// previous contents of `out_dir` stay as they were.
pub fn generate(ir: &Ir, out_dir: &Path) -> Result<Files, GenerateError> {
    let files = render_all(ir)?;
    write_atomic(out_dir, &files).map_err(|source| GenerateError::Io {
        dir: out_dir.to_path_buf(),
        source,
    })?;
    Ok(files)
}

/// Replaces `out_dir` with exactly `files`.
///
/// The files are written to a sibling temporary directory, which then
/// replaces `out_dir` by two renames (old directory aside, new one in). If
/// writing fails, `out_dir` is untouched and the temporary directory removed.
pub fn write_atomic(out_dir: &Path, files: &Files) -> io::Result<()> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} has no directory name", out_dir.display()),
            )
        })?
        .to_string_lossy()
        .into_owned();
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.new-{pid}"));
    let aside = parent.join(format!(".{name}.old-{pid}"));

    remove_if_exists(&staging)?;
    if let Err(e) = write_tree(&staging, files, out_dir) {
        // Best effort: the error that matters is the write failure.
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_old = out_dir.exists();
    if had_old {
        remove_if_exists(&aside)?;
        if let Err(e) = fs::rename(out_dir, &aside) {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    }
    if let Err(e) = fs::rename(&staging, out_dir) {
        if had_old {
            // Put the previous output back so a failed run changes nothing.
            let _ = fs::rename(&aside, out_dir);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if had_old {
        fs::remove_dir_all(&aside)?;
    }
    Ok(())
}

/// Writes `files` under `root`. A file whose bytes equal those of the same
/// path under `previous` is hard-linked to it instead, so it keeps its
/// modification time: cargo then sees only the changed type crates as
/// dirty, and an edit to one area rebuilds that area, not every crate
/// `payspec generate` rewrote.
///
/// The files are written on every core: creating thousands of files is
/// mostly the kernel's work, and at 10,000 endpoints it was a serial tail
/// after the rendering (BENCHMARKS.md, section 1).
fn write_tree(root: &Path, files: &Files, previous: &Path) -> io::Result<()> {
    fs::create_dir_all(root)?;
    let files: Vec<(&PathBuf, &String)> = files.iter().collect();
    let order: Vec<usize> = (0..files.len()).collect();
    let written = crate::work_queue::run(
        &order,
        || (),
        |(), job| {
            let (rel, contents) = files[job];
            write_one(root, rel, contents, previous)
        },
    );
    written.into_iter().flatten().collect()
}

/// Writes one file of [`write_tree`], or links the unchanged previous one.
fn write_one(root: &Path, rel: &Path, contents: &str, previous: &Path) -> io::Result<()> {
    check_relative(rel)?;
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        // Safe to race: it succeeds when another thread made the directory.
        fs::create_dir_all(dir)?;
    }
    let old = previous.join(rel);
    let unchanged = fs::read(&old).is_ok_and(|bytes| bytes == contents.as_bytes());
    // A failed link (a file system without them) just writes the copy.
    if !(unchanged && fs::hard_link(&old, &path).is_ok()) {
        fs::write(&path, contents)?;
    }
    Ok(())
}

/// Output paths come from provider names; refuse anything escaping the root.
fn check_relative(rel: &Path) -> io::Result<()> {
    let ok = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if ok && !rel.as_os_str().is_empty() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("output path {} is not a plain relative path", rel.display()),
        ))
    }
}

fn remove_if_exists(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A difference between an output directory and what would be generated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stale {
    /// Would be generated but is not there.
    Missing(PathBuf),
    /// There, with other contents.
    Changed(PathBuf),
    /// There, but would not be generated.
    Extra(PathBuf),
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "missing: {}", p.display()),
            Stale::Changed(p) => write!(f, "out of date: {}", p.display()),
            Stale::Extra(p) => write!(f, "not generated (extra): {}", p.display()),
        }
    }
}

/// Compares `out_dir` with `files`; empty when it is up to date. A missing
/// `out_dir` makes every file missing. Sorted by kind, then path.
pub fn check(out_dir: &Path, files: &Files) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for (rel, contents) in files {
        match fs::read(out_dir.join(rel)) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => stale.push(Stale::Changed(rel.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                stale.push(Stale::Missing(rel.clone()))
            }
            Err(e) => return Err(e),
        }
    }
    if out_dir.exists() {
        let mut present = Vec::new();
        list_files(out_dir, Path::new(""), &mut present)?;
        stale.extend(
            present
                .into_iter()
                .filter(|p| !files.contains_key(p))
                .map(Stale::Extra),
        );
    }
    stale.sort();
    Ok(stale)
}

fn list_files(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let path = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list_files(root, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
