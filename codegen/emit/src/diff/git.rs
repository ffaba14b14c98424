//! Reading a spec directory as it is at a git revision, without touching
//! the working tree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a spec directory could not be read at a revision.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// The revision is empty or looks like a command-line option.
    #[error("`{0}` is not a usable git revision")]
    BadRevision(String),
    /// `git` could not be started.
    #[error("could not run git in {repo}: {source}")]
    Spawn {
        /// Repository directory.
        repo: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `git` ran and failed.
    #[error("`git {args}` failed in {repo}: {stderr}")]
    Git {
        /// Repository directory.
        repo: PathBuf,
        /// The arguments, space-separated.
        args: String,
        /// What git printed on stderr.
        stderr: String,
    },
    /// A path git printed is not UTF-8 or not below the spec directory.
    #[error("unexpected path `{path}` from git at revision `{rev}`")]
    BadPath {
        /// Revision.
        rev: String,
        /// The path, lossily decoded.
        path: String,
    },
    /// The spec directory has no files at the revision.
    #[error("no files under `{subdir}` at revision `{rev}`")]
    NoSpecFiles {
        /// Revision.
        rev: String,
        /// Spec directory, relative to the repository.
        subdir: String,
    },
}

fn git(repo: &Path, args: &[&str]) -> Result<Vec<u8>, DiffError> {
    // A caller's GIT_DIR (set inside git hooks) would override `-C`.
    let output = Command::new("git")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(|source| DiffError::Spawn {
            repo: repo.to_owned(),
            source,
        })?;
    if !output.status.success() {
        return Err(DiffError::Git {
            repo: repo.to_owned(),
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(output.stdout)
}

/// Whether `spec_subdir` (relative to `repo`) has changes not committed to
/// `HEAD`: modified, staged, deleted or untracked files (a new endpoint file
/// is untracked until added). Ignored files do not count.
pub fn has_uncommitted_changes(repo: &Path, spec_subdir: &Path) -> Result<bool, DiffError> {
    let subdir = spec_subdir.to_string_lossy().replace('\\', "/");
    let pathspec = match subdir.trim_end_matches('/') {
        "" => ".",
        other => other,
    };
    let status = git(
        repo,
        &[
            "status",
            "--porcelain",
            "--untracked-files=all",
            "--",
            pathspec,
        ],
    )?;
    Ok(!status.is_empty())
}

/// The files of `spec_subdir` (relative to `repo`) at revision `rev`, keyed
/// by their path below `spec_subdir`, read with `git ls-tree` and `git
/// cat-file` (the working tree and index are untouched). Symlinks and
/// submodules are skipped. The result feeds `lower::load_files`.
pub fn read_spec_at_revision(
    repo: &Path,
    rev: &str,
    spec_subdir: &Path,
) -> Result<BTreeMap<PathBuf, Vec<u8>>, DiffError> {
    if rev.is_empty() || rev.starts_with('-') || rev.contains(':') {
        return Err(DiffError::BadRevision(rev.to_owned()));
    }
    let subdir = spec_subdir.to_string_lossy().replace('\\', "/");
    let subdir = subdir.trim_end_matches('/').to_owned();
    // Paths git prints with --full-name are relative to the top level; the
    // spec directory is relative to `repo`, which may be below it.
    let prefix = String::from_utf8_lossy(&git(repo, &["rev-parse", "--show-prefix"])?)
        .trim()
        .to_owned();
    let full_subdir = format!("{prefix}{subdir}");
    let pathspec = if subdir.is_empty() {
        "."
    } else {
        subdir.as_str()
    };
    let listing = git(
        repo,
        &["ls-tree", "-r", "-z", "--full-name", rev, "--", pathspec],
    )?;
    let mut files = BTreeMap::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let bad_path = || DiffError::BadPath {
            rev: rev.to_owned(),
            path: String::from_utf8_lossy(entry).into_owned(),
        };
        // `<mode> SP <type> SP <object> TAB <path>`
        let text = std::str::from_utf8(entry).map_err(|_| bad_path())?;
        let (meta, path) = text.split_once('\t').ok_or_else(bad_path)?;
        let mut meta = meta.split(' ');
        let (mode, kind, object) = (meta.next(), meta.next(), meta.next());
        let (Some(mode), Some("blob"), Some(object)) = (mode, kind, object) else {
            continue; // submodules
        };
        if mode == "120000" {
            continue; // symlinks: their target is not spec text
        }
        let relative = if full_subdir.is_empty() {
            path
        } else {
            path.strip_prefix(&full_subdir)
                .and_then(|p| p.strip_prefix('/'))
                .ok_or_else(bad_path)?
        };
        let bytes = git(repo, &["cat-file", "blob", object])?;
        files.insert(PathBuf::from(relative), bytes);
    }
    if files.is_empty() {
        return Err(DiffError::NoSpecFiles {
            rev: rev.to_owned(),
            subdir,
        });
    }
    Ok(files)
}
