//! Page fingerprints: the SHA-256 each `docs:` entry records, and
//! `--accept`, which rewrites them in provider.yaml by editing the entries'
//! lines only (comments, order and spacing of the rest stay byte for byte).

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::audit::view::{DocEntry, SpecFile};
use crate::spec::model::DocRef;

/// Lowercase hex SHA-256 of a page's bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `text` has the shape of a fingerprint (64 lowercase hex digits).
pub fn is_fingerprint(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// provider.yaml's text with each entry of `docs:` whose page is in
/// `fingerprints` (file name → hex) pinned to it. `None` when nothing
/// changes.
pub fn pinned_text(
    file: &SpecFile,
    entries: &[DocEntry],
    fingerprints: &BTreeMap<String, String>,
) -> Result<Option<String>, String> {
    let mut lines: Vec<String> = file.text.split('\n').map(str::to_owned).collect();
    let mut changed = false;
    for entry in entries {
        let Some(hex) = fingerprints.get(&entry.file) else {
            continue;
        };
        if entry.sha256.as_deref() == Some(hex.as_str()) {
            continue;
        }
        let edit = match file.spans.get(&format!("docs[{}].sha256", entry.index)) {
            Some(pos) => replace_value_after_key(&lines, pos.line, pos.column, hex),
            None => {
                let pos = file
                    .spans
                    .get(&format!("docs[{}]", entry.index))
                    .ok_or_else(|| unlocated(file, entry))?;
                pin_scalar(&lines, pos.line, pos.column, &entry.file, hex)
            }
        };
        let (line, text) = edit.ok_or_else(|| unlocated(file, entry))?;
        lines[line] = text;
        changed = true;
    }
    if !changed {
        return Ok(None);
    }
    let text = lines.join("\n");
    check_pins(&text, fingerprints).map_err(|e| {
        format!(
            "`{}`: the rewritten docs: would not read back ({e}); edit it by hand",
            file.path.display()
        )
    })?;
    Ok(Some(text))
}

fn unlocated(file: &SpecFile, entry: &DocEntry) -> String {
    format!(
        "`{}` line {}: cannot find the docs: entry for `{}` in the text; write it as `- {{ file: {}, sha256: ... }}`",
        file.path.display(),
        entry.line,
        entry.file,
        entry.file
    )
}

/// Writes `text` to `path` through a temporary file in the same directory
/// and a rename, so a reader never sees half a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "provider.yaml".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.audit-tmp"));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write `{}`: {e}", path.display())
        })
}

/// The byte index of 1-based character column `column` in `line`.
fn byte_at_column(line: &str, column: u32) -> Option<usize> {
    let skip = usize::try_from(column.checked_sub(1)?).ok()?;
    match line.char_indices().nth(skip) {
        Some((i, _)) => Some(i),
        None => (line.chars().count() == skip).then_some(line.len()),
    }
}

/// Replaces the scalar after `key:` starting at the key's position.
fn replace_value_after_key(
    lines: &[String],
    line: u32,
    column: u32,
    hex: &str,
) -> Option<(usize, String)> {
    let idx = usize::try_from(line).ok()?.checked_sub(1)?;
    let text = lines.get(idx)?;
    let key_at = byte_at_column(text, column)?;
    let colon = key_at + text[key_at..].find(':')? + 1;
    let rest = &text[colon..];
    let start = colon + (rest.len() - rest.trim_start().len());
    let end = scalar_end(text, start);
    Some((idx, format!("{}{hex}{}", &text[..start], &text[end..])))
}

/// Replaces the plain page name at the position with a pinned entry.
fn pin_scalar(
    lines: &[String],
    line: u32,
    column: u32,
    file: &str,
    hex: &str,
) -> Option<(usize, String)> {
    let idx = usize::try_from(line).ok()?.checked_sub(1)?;
    let text = lines.get(idx)?;
    let start = byte_at_column(text, column)?;
    let end = scalar_end(text, start);
    let written = text[start..end].trim_matches(|c| c == '"' || c == '\'');
    if written != file {
        return None;
    }
    Some((
        idx,
        format!(
            "{}{{ file: {file}, sha256: {hex} }}{}",
            &text[..start],
            &text[end..]
        ),
    ))
}

/// Where a YAML scalar starting at byte `start` of `text` ends.
fn scalar_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
        return rest[1..]
            .find(quote)
            .map_or(text.len(), |i| start + 1 + i + 1);
    }
    let mut end = text.len();
    for (i, c) in rest.char_indices() {
        let comment = c == '#' && rest[..i].ends_with(' ');
        if matches!(c, ',' | ']' | '}') || comment {
            end = start + i;
            break;
        }
    }
    start + text[start..end].trim_end().len()
}

/// Reads `docs:` back and checks every pinned page has its new fingerprint.
fn check_pins(text: &str, fingerprints: &BTreeMap<String, String>) -> Result<(), String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    let docs: Vec<DocRef> = match value.get("docs") {
        Some(list) => serde_yaml::from_value(list.clone()).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    for doc in &docs {
        if let Some(hex) = fingerprints.get(doc.file()) {
            if doc.sha256() != Some(hex.as_str()) {
                return Err(format!("`{}` is not pinned", doc.file()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::view::doc_entries;
    use crate::spec::spans::Spans;

    fn spec_file(text: &str) -> SpecFile {
        SpecFile {
            path: "p/provider.yaml".into(),
            text: text.to_owned(),
            value: serde_yaml::from_str(text).unwrap(),
            spans: Spans::index(text),
        }
    }

    fn entries(file: &SpecFile) -> Vec<DocEntry> {
        doc_entries(file).unwrap()
    }

    #[test]
    fn fingerprint_is_sha256_hex() {
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(is_fingerprint(&sha256_hex(b"")));
        assert!(!is_fingerprint("ABC"));
    }

    #[test]
    fn pins_plain_and_pinned_entries_and_keeps_the_rest() {
        let old = "0".repeat(64);
        let text = format!(
            "provider: p # keep\ndocs:\n  - a.txt   # first\n  - {{ file: b.txt, sha256: {old} }}\n  - \"c.txt\"\ntitle: T\n"
        );
        let file = spec_file(&text);
        let fp: BTreeMap<String, String> = [
            ("a.txt".to_owned(), "a".repeat(64)),
            ("b.txt".to_owned(), "b".repeat(64)),
        ]
        .into();
        let new = pinned_text(&file, &entries(&file), &fp).unwrap().unwrap();
        assert_eq!(
            new,
            format!(
                "provider: p # keep\ndocs:\n  - {{ file: a.txt, sha256: {} }}   # first\n  - {{ file: b.txt, sha256: {} }}\n  - \"c.txt\"\ntitle: T\n",
                "a".repeat(64),
                "b".repeat(64)
            )
        );
        // Pinned already: nothing to write.
        let again = spec_file(&new);
        assert_eq!(pinned_text(&again, &entries(&again), &fp).unwrap(), None);
    }

    #[test]
    fn pins_entries_of_a_flow_list_and_a_block_mapping() {
        let text = "docs: [a.txt, b.txt]\n";
        let file = spec_file(text);
        let fp: BTreeMap<String, String> = [("b.txt".to_owned(), "b".repeat(64))].into();
        let new = pinned_text(&file, &entries(&file), &fp).unwrap().unwrap();
        assert_eq!(
            new,
            format!(
                "docs: [a.txt, {{ file: b.txt, sha256: {} }}]\n",
                "b".repeat(64)
            )
        );
        let text = format!(
            "docs:\n  - file: b.txt\n    sha256: \"{}\"\n",
            "0".repeat(64)
        );
        let file = spec_file(&text);
        let new = pinned_text(&file, &entries(&file), &fp).unwrap().unwrap();
        assert_eq!(
            new,
            format!("docs:\n  - file: b.txt\n    sha256: {}\n", "b".repeat(64))
        );
    }
}
