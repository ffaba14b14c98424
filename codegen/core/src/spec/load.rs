//! Reading spec files with located errors.
//!
//! One file at a time: bytes → UTF-8 → key index ([`Spans`]) and YAML tree
//! from one yaml-rust2 parse → serde model. A file the tree does not read
//! (or whose tree does not fit the model) is read by serde_yaml instead,
//! which also words every error.
//! Every failure becomes a [`Diagnostic`] naming the file, line and column;
//! nothing here panics on any input, and serde_yaml's own limits (nesting
//! depth, alias expansion) surface as diagnostics too.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::ir::Loc;
use crate::spec::spans::{Pos, RootKind, Spans};

/// A file that deserialised, with its key index for later lints.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The serde model.
    pub value: T,
    /// Where each key is.
    pub spans: Spans,
}

/// Builds a located diagnostic.
pub fn diagnostic(
    file: &Path,
    pos: Pos,
    severity: Severity,
    code: &'static str,
    message: impl Into<String>,
    help: Option<String>,
) -> Diagnostic {
    Diagnostic {
        loc: Loc {
            file: file.to_path_buf(),
            line: pos.line,
            column: pos.column,
        },
        severity,
        code,
        message: message.into(),
        help,
    }
}

/// Reads one spec file as `T`. `what` names the expected content for
/// messages (`a provider file`). Duplicate keys are errors even when serde
/// would accept the file; everything wrong with the file is returned.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    bytes: &[u8],
    what: &str,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let pos = pos_of_byte(bytes, err.valid_up_to());
            return Err(vec![diagnostic(
                file,
                pos,
                Severity::Error,
                "E001",
                format!(
                    "{what} is not valid UTF-8 (bad byte at offset {})",
                    err.valid_up_to()
                ),
                Some("save the file as UTF-8".into()),
            )]);
        }
    };
    let (spans, tree) = Spans::index_with_tree(text);
    if spans.duplicates.is_empty() && spans.root == RootKind::Mapping {
        // The one-parse path: the tree came from the same parse as the key
        // index. When it is absent or does not fit `T`, serde_yaml reads the
        // file below and says what is wrong exactly as it always has.
        if let Some(value) = tree.and_then(|tree| T::deserialize(&tree).ok()) {
            return Ok(Parsed { value, spans });
        }
    }
    let mut problems: Vec<Diagnostic> = spans
        .duplicates
        .iter()
        .map(|dup| {
            diagnostic(
                file,
                dup.again,
                Severity::Error,
                "E004",
                format!(
                    "duplicate key `{}` (first written at line {}, column {})",
                    dup.path, dup.first.line, dup.first.column
                ),
                Some("YAML keeps only one of the two; merge them or delete one".into()),
            )
        })
        .collect();

    let root_problem = match spans.root {
        RootKind::Mapping => None,
        RootKind::Empty => Some("is empty"),
        RootKind::Sequence => Some("is a YAML list"),
        RootKind::Scalar | RootKind::Alias => Some("is a single value"),
    };
    // Parse typed first. Only when it fails is the file parsed untyped, so
    // that syntax errors and the nesting/alias limits are reported as such,
    // before any complaint about the shape of the content, and a root that
    // is not a mapping gets its own message.
    let typed = serde_yaml::from_str::<T>(text);
    if root_problem.is_none() && problems.is_empty() {
        if let Ok(value) = typed {
            return Ok(Parsed { value, spans });
        }
    }
    let typed_err = typed.err();
    if typed_err.is_some() {
        if let Err(err) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            push_unless_duplicate(&mut problems, serde_diagnostic(file, &err, what), &spans);
            return Err(problems);
        }
    }
    if let Some(problem) = root_problem {
        problems.push(diagnostic(
            file,
            Pos::START,
            Severity::Error,
            "E003",
            format!("{what} {problem}; expected a mapping of keys"),
            Some(format!(
                "start the file with the keys of {what}, e.g. `{}`",
                example_key(what)
            )),
        ));
        return Err(problems);
    }
    if let Some(err) = typed_err {
        push_unless_duplicate(&mut problems, serde_diagnostic(file, &err, what), &spans);
    }
    Err(problems)
}

/// Adds a serde error unless it is a duplicate-key complaint the key index
/// already made (with both positions).
fn push_unless_duplicate(problems: &mut Vec<Diagnostic>, d: Diagnostic, spans: &Spans) {
    if d.code != "E004" || spans.duplicates.is_empty() {
        problems.push(d);
    }
}

fn example_key(what: &str) -> &'static str {
    if what.contains("provider") {
        "provider: doku"
    } else {
        "kind: endpoint"
    }
}

/// Turns a serde_yaml error into a diagnostic with a stable code.
fn serde_diagnostic(file: &Path, err: &serde_yaml::Error, what: &str) -> Diagnostic {
    let pos = err
        .location()
        .map(|l| Pos {
            line: u32::try_from(l.line()).unwrap_or(u32::MAX).max(1),
            column: u32::try_from(l.column()).unwrap_or(u32::MAX).max(1),
        })
        .unwrap_or(Pos::START);
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; the location is shown separately.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full.clone(),
    };
    let (code, help) = classify(&message, what);
    diagnostic(file, pos, Severity::Error, code, message, help)
}

/// Picks the code and a how-to-fix hint from serde_yaml's message.
fn classify(message: &str, what: &str) -> (&'static str, Option<String>) {
    if message.contains("unknown field") {
        let help = if message
            .split('`')
            .nth(1)
            .is_some_and(|key| key.contains(' '))
        {
            "a comma inside `{ ... }` ends the value; put quotes around text that contains commas"
                .to_owned()
        } else if message.contains("`required_if`") {
            "a rule entry takes `source` and exactly one kind: required_if, one_of_required, sum_equals, max_len_if, not_greater_than, only_if, depends_on_account".to_owned()
        } else {
            "check the spelling against the keys listed; spec/README.md documents every key"
                .to_owned()
        };
        ("E002", Some(help))
    } else if message.contains("duplicate field") || message.contains("duplicate entry") {
        ("E004", Some("delete one of the two keys".into()))
    } else if message.contains("recursion limit exceeded")
        || message.contains("repetition limit exceeded")
    {
        (
            "E005",
            Some(
                "spec files need neither deep nesting nor alias expansion; write the values out"
                    .into(),
            ),
        )
    } else if message.contains("missing field") {
        (
            "E003",
            Some(format!(
                "add the key; see spec/README.md for what {what} must contain"
            )),
        )
    } else if message.contains("invalid type")
        || message.contains("invalid value")
        || message.contains("unknown variant")
        || message.contains("did not match any variant")
        || message.contains("invalid length")
    {
        (
            "E003",
            Some("give the key a value of the expected type".into()),
        )
    } else {
        ("E001", Some("fix the YAML syntax at this place".into()))
    }
}

/// Line and column (1-based, in characters) of a byte offset.
fn pos_of_byte(bytes: &[u8], offset: usize) -> Pos {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::model::{EndpointFile, ProviderFile};

    fn errors<T: DeserializeOwned + std::fmt::Debug>(text: &[u8]) -> Vec<String> {
        match parse::<T>(Path::new("p/x.yaml"), text, "an endpoint file") {
            Ok(p) => panic!("expected errors, got {:?}", p.value),
            Err(ds) => ds.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn non_utf8_is_located() {
        let e = errors::<EndpointFile>(b"kind: endpoint\nname: a\xffb\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("error[E001]: p/x.yaml:2:8: an endpoint file is not valid UTF-8"),
            "{e:?}"
        );
    }

    #[test]
    fn list_and_empty_files_are_rejected() {
        let e = errors::<ProviderFile>(b"- a\n- b\n");
        assert!(
            e[0].starts_with("error[E003]: p/x.yaml:1:1: an endpoint file is a YAML list"),
            "{e:?}"
        );
        let e = errors::<ProviderFile>(b"# only a comment\n");
        assert!(e[0].contains("is empty"), "{e:?}");
    }

    #[test]
    fn unknown_key_is_e002_at_the_key() {
        let e = errors::<EndpointFile>(b"kind: endpoint\nnmae: x\n");
        assert!(
            e[0].starts_with("error[E002]: p/x.yaml:2:1: unknown field `nmae`"),
            "{e:?}"
        );
    }

    #[test]
    fn alias_bomb_is_e005() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9u8 {
            let prev = (b'a' + i) as char;
            let next = (b'b' + i) as char;
            bomb.push_str(&format!("{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let e = errors::<EndpointFile>(bomb.as_bytes());
        assert!(e.iter().any(|d| d.starts_with("error[E005]")), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_e005() {
        let deep = format!("kind: {}", "[".repeat(10_000));
        let e = errors::<EndpointFile>(deep.as_bytes());
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("error[E005]: p/x.yaml:"), "{e:?}");
    }

    #[test]
    fn random_bytes_give_diagnostics() {
        // A fixed xorshift stream: deterministic "random" inputs.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200 {
            let len = (state % 300) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state & 0xff) as u8
                })
                .collect();
            let result = parse::<EndpointFile>(Path::new("r.yaml"), &bytes, "an endpoint file");
            let ds = result.expect_err("random bytes are never a valid endpoint file");
            assert!(!ds.is_empty());
            assert!(ds.iter().all(|d| d.loc.line >= 1 && d.loc.column >= 1));
        }
    }
}
