//! The generated sections of the manifest of the crate that includes the
//! output (this repository's root `Cargo.toml`): cargo has no `include`, so
//! the per-provider features and optional type-crate dependencies are
//! written between marker lines that `payspec generate` rewrites and
//! `payspec check` compares, and everything outside them stays hand-written.
//!
//! ```toml
//! [features]
//! # payspec generate: begin features
//! default = ["doku"]
//! doku = ["dep:payspec-doku-types"]
//! # payspec generate: end features
//! ```
//!
//! A manifest without markers is not the generator's to change.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::ir::Ir;
use crate::rust::providers;

/// How a marker line starts; the section name follows.
const BEGIN: &str = "# payspec generate: begin ";
/// How the line closing a section starts; the section name follows.
const END: &str = "# payspec generate: end ";

/// The sections the generator can write, by the name their markers give.
const SECTIONS: [&str; 2] = ["features", "dependencies"];

/// The manifest's file name, beside the output directory.
pub const FILE: &str = "Cargo.toml";

/// Why the manifest's generated sections could not be rewritten.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// The markers do not pair up, or name a section the generator does not write.
    #[error("{file}:{line}: {message}")]
    Markers {
        /// The manifest.
        file: PathBuf,
        /// 1-based line of the offending marker (or of the end of the file).
        line: usize,
        /// What is wrong, and what the markers should be.
        message: String,
    },
    /// The manifest could not be read or written.
    #[error("{file}: {source}")]
    Io {
        /// The manifest.
        file: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

/// A manifest whose generated sections are rewritten: what it holds now and
/// what it should hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// The manifest (`Cargo.toml` beside the output directory).
    pub path: PathBuf,
    /// Its current text.
    pub current: String,
    /// Its text with every generated section rewritten.
    pub wanted: String,
}

impl Rewrite {
    /// Whether the manifest already holds what would be generated.
    pub fn is_current(&self) -> bool {
        self.current == self.wanted
    }

    /// Writes the new text when it differs, through a sibling temporary
    /// file renamed into place (never a half-written manifest).
    pub fn write(&self) -> Result<(), ManifestError> {
        if self.is_current() {
            return Ok(());
        }
        let io_err = |source| ManifestError::Io {
            file: self.path.clone(),
            source,
        };
        let staging = self
            .path
            .with_file_name(format!(".{FILE}.new-{}", std::process::id()));
        fs::write(&staging, &self.wanted).map_err(io_err)?;
        fs::rename(&staging, &self.path).map_err(|e| {
            let _ = fs::remove_file(&staging);
            io_err(e)
        })
    }
}

/// The manifest of the crate that includes `out_dir` (`Cargo.toml` in
/// `out_dir`'s parent) with its generated sections rewritten for `ir`;
/// `None` when there is no such manifest or it has no generated section.
pub fn for_output(out_dir: &Path, ir: &Ir) -> Result<Option<Rewrite>, ManifestError> {
    let Some(out_name) = out_dir.file_name() else {
        return Ok(None);
    };
    let path = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(FILE),
        _ => PathBuf::from(FILE),
    };
    let current = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(ManifestError::Io { file: path, source }),
    };
    // Paths in the manifest are relative to its folder, always with `/`.
    let generated_rust = format!("{}/rust", out_name.to_string_lossy());
    let wanted = rewrite(&current, &path, |section| match section {
        "features" => providers::features(ir),
        _ => providers::dependencies(ir, &generated_rust),
    })?;
    Ok(wanted.map(|wanted| Rewrite {
        path,
        current,
        wanted,
    }))
}

/// `text` with the lines between each pair of markers replaced by
/// `lines(section)`; `None` when it has no markers. `file` names the
/// manifest in errors.
pub fn rewrite(
    text: &str,
    file: &Path,
    lines: impl Fn(&str) -> Vec<String>,
) -> Result<Option<String>, ManifestError> {
    let err = |line: usize, message: String| ManifestError::Markers {
        file: file.to_path_buf(),
        line,
        message,
    };
    let mut out = String::with_capacity(text.len());
    let mut open: Option<(&str, usize)> = None;
    let mut seen: Vec<&str> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let marker = line.trim();
        if let Some(name) = marker.strip_prefix(BEGIN) {
            if let Some((other, at)) = open {
                return Err(err(
                    number,
                    format!("`{marker}` inside section `{other}` opened on line {at}: close it first with `{END}{other}`"),
                ));
            }
            if !SECTIONS.contains(&name) {
                return Err(err(
                    number,
                    format!(
                        "unknown generated section `{name}`: the generator writes {}",
                        SECTIONS.join(" and ")
                    ),
                ));
            }
            if seen.contains(&name) {
                return Err(err(number, format!("a second `{name}` section: keep one")));
            }
            seen.push(name);
            open = Some((name, number));
            out.push_str(line);
            out.push('\n');
            for generated in lines(name) {
                out.push_str(&generated);
                out.push('\n');
            }
        } else if let Some(name) = marker.strip_prefix(END) {
            match open {
                Some((opened, _)) if opened == name => {
                    open = None;
                    out.push_str(line);
                    out.push('\n');
                }
                _ => {
                    return Err(err(
                        number,
                        format!("`{marker}` closes no open section: each `{END}NAME` follows a `{BEGIN}NAME`"),
                    ))
                }
            }
        } else if open.is_none() {
            out.push_str(line);
            out.push('\n');
        }
    }
    if let Some((name, at)) = open {
        return Err(err(
            at,
            format!("section `{name}` is never closed: add `{END}{name}` after it"),
        ));
    }
    if seen.is_empty() {
        return Ok(None);
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::{rewrite, ManifestError};
    use std::path::Path;

    fn lines(section: &str) -> Vec<String> {
        vec![format!("{section} = 1"), format!("{section}_too = 2")]
    }

    #[test]
    fn replaces_only_the_lines_between_markers() {
        let text = "[package]\nname = \"x\"\n\n[features]\n# payspec generate: begin features\nold = []\n# payspec generate: end features\nextra = []\n\n[dependencies]\n# payspec generate: begin dependencies\n# payspec generate: end dependencies\nserde = \"1\"\n";
        let got = rewrite(text, Path::new("Cargo.toml"), lines)
            .expect("valid markers")
            .expect("has sections");
        assert_eq!(
            got,
            "[package]\nname = \"x\"\n\n[features]\n# payspec generate: begin features\nfeatures = 1\nfeatures_too = 2\n# payspec generate: end features\nextra = []\n\n[dependencies]\n# payspec generate: begin dependencies\ndependencies = 1\ndependencies_too = 2\n# payspec generate: end dependencies\nserde = \"1\"\n"
        );
        // Idempotent: rewriting the output changes nothing.
        assert_eq!(
            rewrite(&got, Path::new("Cargo.toml"), lines).expect("valid"),
            Some(got.clone())
        );
    }

    #[test]
    fn a_manifest_without_markers_is_left_alone() {
        let text = "[package]\nname = \"x\"\n";
        assert_eq!(
            rewrite(text, Path::new("Cargo.toml"), lines).expect("no markers"),
            None
        );
    }

    fn error(text: &str) -> (usize, String) {
        match rewrite(text, Path::new("Cargo.toml"), lines) {
            Err(ManifestError::Markers { line, message, .. }) => (line, message),
            other => panic!("expected a marker error, got {other:?}"),
        }
    }

    #[test]
    fn broken_markers_are_located() {
        let (line, message) = error("a = 1\n# payspec generate: begin features\nb = 2\n");
        assert_eq!(line, 2);
        assert!(message.contains("never closed"), "{message}");

        let (line, message) = error("# payspec generate: end features\n");
        assert_eq!(line, 1);
        assert!(message.contains("closes no open section"), "{message}");

        let (line, message) = error("\n\n# payspec generate: begin bins\n");
        assert_eq!(line, 3);
        assert!(
            message.contains("unknown generated section `bins`"),
            "{message}"
        );

        let (line, message) =
            error("# payspec generate: begin features\n# payspec generate: begin dependencies\n");
        assert_eq!(line, 2);
        assert!(message.contains("inside section `features`"), "{message}");

        let (line, message) = error(
            "# payspec generate: begin features\n# payspec generate: end features\n# payspec generate: begin features\n# payspec generate: end features\n",
        );
        assert_eq!(line, 3);
        assert!(message.contains("a second `features` section"), "{message}");
    }
}
