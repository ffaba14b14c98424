//! Reading spec files with located errors.
//!
//! One file at a time: bytes → UTF-8 → key index ([`Spans`]) and YAML tree
//! ([`tree`]) from one yaml-rust2 parse → serde model, read from the tree.
//! Every failure becomes a [`Diagnostic`] naming the file, line and column
//! with a stable code: a syntax error where the parser stopped, a limit of
//! the tree (nesting depth, anchors and aliases, tags, a second document)
//! where it is hit, and a model error at the key or value being read.
//! Nothing here panics on any input.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::ir::Loc;
use crate::spec::spans::{Pos, RootKind, Spans};
use crate::spec::tree;

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
    if let Some((offset, c)) = text.char_indices().find(|(_, c)| !is_printable(*c)) {
        return Err(vec![diagnostic(
            file,
            pos_of_byte(bytes, offset),
            Severity::Error,
            "E001",
            format!(
                "control characters are not allowed (U+{:04X})",
                u32::from(c)
            ),
            Some("delete the character; most editors do not show it".into()),
        )]);
    }
    let (spans, tree) = Spans::index_with_tree(text);
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
    // The YAML first: a syntax error or a limit of the tree is reported as
    // such, before any complaint about the shape of the content.
    let root = match tree {
        Ok(root) => root,
        Err(err) => {
            let mut d = tree_diagnostic(file, &err, what);
            if d.message.contains("tabs disallowed") {
                // yaml-rust2 marks the character after the tab; point at the tab.
                d.loc.column = first_tab(text, d.loc.line).unwrap_or(d.loc.column);
            }
            push_unless_duplicate(&mut problems, d, &spans);
            return Err(problems);
        }
    };
    let root = match (root, spans.root) {
        (Some(root), RootKind::Mapping) => root,
        (_, kind) => {
            let problem = match kind {
                RootKind::Mapping | RootKind::Empty => "is empty",
                RootKind::Sequence => "is a YAML list",
                RootKind::Scalar | RootKind::Alias => "is a single value",
            };
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
    };
    match tree::from_node::<T>(&root) {
        Ok(value) if problems.is_empty() => Ok(Parsed { value, spans }),
        Ok(_) => Err(problems),
        Err(err) => {
            push_unless_duplicate(&mut problems, tree_diagnostic(file, &err, what), &spans);
            Err(problems)
        }
    }
}

/// The 1-based column of the first tab on a 1-based line.
fn first_tab(text: &str, line: u32) -> Option<u32> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let column = text.lines().nth(index)?.chars().position(|c| c == '\t')?;
    u32::try_from(column + 1).ok()
}

/// Whether YAML allows the character in a file (YAML 1.2's printable set;
/// yaml-rust2 does not check it).
fn is_printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
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

/// Turns a tree error (syntax, limit or model) into a diagnostic with a
/// stable code.
fn tree_diagnostic(file: &Path, err: &tree::Error, what: &str) -> Diagnostic {
    let message = err.to_string();
    let (code, help) = classify(&message, what);
    diagnostic(
        file,
        err.pos().unwrap_or(Pos::START),
        Severity::Error,
        code,
        message,
        help,
    )
}

/// Picks the code and a how-to-fix hint from the message: serde's words
/// for a model error, the tree's for its limits, yaml-rust2's for syntax.
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
    } else if message.contains(tree::RECURSION_LIMIT) {
        (
            "E005",
            Some("spec files need no nesting this deep; flatten the structure".into()),
        )
    } else if message.contains(tree::ANCHORS) || message.contains("unknown anchor") {
        (
            "E005",
            Some("write the value out at each place it is used".into()),
        )
    } else if message.contains(tree::TAGS) {
        (
            "E001",
            Some("delete the tag; quote the value to keep it as text".into()),
        )
    } else if message.contains(tree::SECOND_DOCUMENT) {
        (
            "E001",
            Some("delete the `---` line and what follows it, or move that document to a file of its own".into()),
        )
    } else if message.contains("tabs disallowed") {
        (
            "E001",
            Some("indent with spaces: YAML does not allow tabs in indentation".into()),
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
    fn what_the_yaml_must_not_hold_is_located_with_its_code() {
        for (text, expected) in [
            (
                "kind: endpoint\x00\n",
                "error[E001]: p/x.yaml:1:15: control characters are not allowed (U+0000)",
            ),
            (
                "kind: endpoint\nrequest:\n\ttype: X\n",
                "error[E001]: p/x.yaml:3:1: tabs disallowed",
            ),
            (
                "kind: endpoint\n---\nkind: endpoint\n",
                "error[E001]: p/x.yaml:2:1: a spec file is one YAML document",
            ),
            (
                "kind: !e endpoint\n",
                "error[E001]: p/x.yaml:1:10: YAML tags (`!name`) are not supported",
            ),
            (
                "kind: endpoint\nname: *n\n",
                "error[E005]: p/x.yaml:2:7: while parsing node, found unknown anchor",
            ),
            (
                "kind: endpoint\nname: [1, 2\n",
                "error[E001]: p/x.yaml:3:1: while parsing a flow sequence",
            ),
        ] {
            let e = errors::<EndpointFile>(text.as_bytes());
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(e[0].starts_with(expected), "{e:?}");
        }
    }

    #[test]
    fn model_errors_are_located_at_what_is_wrong() {
        let text = "kind: endpoint\nname: a\nrequest:\n  type: R\n  fields:\n    a: { type: string, presence: sometimes, doc: A. }\n";
        let e = errors::<EndpointFile>(text.as_bytes());
        assert!(
            e[0].starts_with("error[E003]: p/x.yaml:6:34: request.fields.a.presence: unknown variant `sometimes`"),
            "{e:?}"
        );
        let text = "kind: endpoint\nname: a\nrequest:\n  type: R\n  fields:\n    a: { type: string, doc: A. }\n";
        let e = errors::<EndpointFile>(text.as_bytes());
        assert!(
            e[0].starts_with(
                "error[E003]: p/x.yaml:6:8: request.fields.a: missing field `presence`"
            ),
            "{e:?}"
        );
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
