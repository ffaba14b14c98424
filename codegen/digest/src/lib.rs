//! A fingerprint of the spec files, recorded next to the generated Rust so a
//! build can tell that `generated/rust/` was made from a different `spec/`.
//!
//! A crate of its own, `std` only: the root crate's `build.rs` checks
//! freshness with it without building the generator, and the generator
//! (`payspec_codegen_core::spec_digest`) records the same value in
//! [`FILE_NAME`].
//!
//! The fingerprint is FNV-1a (64 bit) over every `.yaml`/`.yml` file under
//! the spec directory, in sorted relative-path order, each contributing its
//! `/`-separated relative path, a zero byte, its length and its bytes. It
//! detects edits, not tampering.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file under the Rust output directory that records the fingerprint.
pub const FILE_NAME: &str = "spec.digest";

/// The contents of [`FILE_NAME`] for a fingerprint.
pub fn render(digest: u64) -> String {
    format!(
        "# FNV-1a 64 of the spec/ YAML files this directory was generated from; \
         written by `payspec generate`.\n{digest:016x}\n"
    )
}

/// The fingerprint of the spec files under `spec_dir`.
pub fn of_dir(spec_dir: &Path) -> io::Result<u64> {
    let mut files = Vec::new();
    collect(spec_dir, spec_dir, &mut files)?;
    files.sort();
    let mut hash = Fnv1a::new();
    for (rel, path) in &files {
        let bytes = fs::read(path)?;
        hash.write(rel.as_bytes());
        hash.write(&[0]);
        hash.write(&(bytes.len() as u64).to_le_bytes());
        hash.write(&bytes);
    }
    Ok(hash.finish())
}

/// Every YAML file under `dir`, as (`/`-separated path relative to `root`, path).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path));
        }
    }
    Ok(())
}

/// 64-bit FNV-1a.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vector() {
        // FNV-1a 64 of "a" from the reference test suite.
        let mut h = Fnv1a::new();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn rendered_digest_is_a_comment_and_sixteen_hex_digits() {
        let text = render(0x0123_4567_89ab_cdef);
        assert!(text.starts_with("# "));
        assert!(text.ends_with("\n0123456789abcdef\n"), "{text}");
    }

    #[test]
    fn digest_changes_with_content_and_path_but_ignores_other_files() {
        let dir = std::env::temp_dir().join(format!("spec-digest-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("p")).unwrap();
        fs::write(dir.join("p/a.yaml"), "x: 1\n").unwrap();
        let first = of_dir(&dir).unwrap();
        fs::write(dir.join("README.md"), "docs are not spec\n").unwrap();
        assert_eq!(of_dir(&dir).unwrap(), first);
        fs::write(dir.join("p/a.yaml"), "x: 2\n").unwrap();
        let edited = of_dir(&dir).unwrap();
        assert_ne!(edited, first);
        fs::rename(dir.join("p/a.yaml"), dir.join("p/b.yaml")).unwrap();
        assert_ne!(of_dir(&dir).unwrap(), edited);
        fs::remove_dir_all(&dir).unwrap();
    }
}
