//! A conservative YAML writer for the OpenAPI document.
//!
//! `serde_yaml` writes YAML 1.2, where `2020-09-22T01:51:00Z`, `yes` and
//! `12:30:00` are strings, and leaves them unquoted. Many OpenAPI tools read
//! YAML 1.1 (PyYAML, js-yaml's default schema) and would turn them into a
//! date, a boolean or a number, so a sample from the docs would no longer
//! match its schema. This writer quotes every string that is not plainly a
//! word, which both versions read the same way.

use serde_yaml::{Mapping, Value};

/// Words YAML 1.1 reads as booleans or null.
const RESERVED: [&str; 26] = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
    "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
];

/// Whether `text` can be written without quotes and read back as the same
/// string under YAML 1.1 and 1.2: starts with a letter, `$`, `/` or `_`, uses
/// no indicator characters, does not end in a space, and is not a reserved word.
fn plain(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || matches!(first, '$' | '/' | '_'))
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, ' ' | '_' | '.' | '/' | '-' | '(' | ')' | '$' | '+')
        })
        && !text.ends_with(' ')
        && !RESERVED.contains(&text)
}

/// A double-quoted scalar: JSON string escapes are valid YAML escapes.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Multi-line text that a literal block (`|` / `|-`) carries exactly.
fn literal_block(text: &str) -> Option<&'static str> {
    let printable = text.chars().all(|c| c == '\n' || !c.is_control());
    let body = text.strip_suffix('\n').unwrap_or(text);
    let ok = text.contains('\n')
        && printable
        && !text.starts_with([' ', '\n'])
        && !body.ends_with('\n')
        && !body.is_empty();
    match (ok, text.ends_with('\n')) {
        (false, _) => None,
        (true, true) => Some("|"),
        (true, false) => Some("|-"),
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("null".to_owned()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if plain(s) => Some(s.clone()),
        Value::String(s) if literal_block(s).is_none() => Some(quoted(s)),
        Value::Mapping(m) if m.is_empty() => Some("{}".to_owned()),
        Value::Sequence(s) if s.is_empty() => Some("[]".to_owned()),
        Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

fn key(value: &Value) -> String {
    match value {
        Value::String(s) if plain(s) => s.clone(),
        Value::String(s) => quoted(s),
        other => scalar(other)
            .unwrap_or_else(|| quoted(&serde_json::to_string(other).unwrap_or_default())),
    }
}

fn spaces(out: &mut String, n: usize) {
    out.push_str(&" ".repeat(n));
}

fn literal(out: &mut String, text: &str, indicator: &str, indent: usize) {
    out.push_str(indicator);
    out.push('\n');
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        if !line.is_empty() {
            spaces(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Writes the value that follows `key:` or `- `; `indent` is the column of
/// the key or dash.
fn node(out: &mut String, value: &Value, indent: usize, after_dash: bool) {
    if let Some(text) = scalar(value) {
        out.push_str(if after_dash { "" } else { " " });
        out.push_str(&text);
        out.push('\n');
        return;
    }
    match value {
        Value::String(s) => {
            out.push_str(if after_dash { "" } else { " " });
            literal(out, s, literal_block(s).unwrap_or("|"), indent + 2);
        }
        Value::Mapping(map) if after_dash => mapping(out, map, indent + 2, true),
        Value::Mapping(map) => {
            out.push('\n');
            mapping(out, map, indent + 2, false);
        }
        Value::Sequence(seq) if after_dash => sequence(out, seq, indent + 2, true),
        Value::Sequence(seq) => {
            out.push('\n');
            sequence(out, seq, indent, false);
        }
        other => {
            out.push(' ');
            out.push_str(&quoted(&serde_json::to_string(other).unwrap_or_default()));
            out.push('\n');
        }
    }
}

fn mapping(out: &mut String, map: &Mapping, indent: usize, first_inline: bool) {
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 || !first_inline {
            spaces(out, indent);
        }
        out.push_str(&key(k));
        out.push(':');
        node(out, v, indent, false);
    }
}

fn sequence(out: &mut String, seq: &[Value], indent: usize, first_inline: bool) {
    for (i, item) in seq.iter().enumerate() {
        if i > 0 || !first_inline {
            spaces(out, indent);
        }
        out.push_str("- ");
        node(out, item, indent, true);
    }
}

/// The document as YAML text.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Mapping(map) if !map.is_empty() => mapping(&mut out, map, 0, false),
        Value::Sequence(seq) if !seq.is_empty() => sequence(&mut out, seq, 0, false),
        other => {
            node(&mut out, other, 0, true);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_strings_are_quoted_and_words_are_not() {
        for text in [
            "2020-09-22T01:51:00Z",
            "yes",
            "on",
            "12:30:00",
            "1_000",
            "0123",
            "",
            "a: b",
            "x #y",
            "-1",
            "@a",
        ] {
            assert!(!plain(text), "{text:?} would be written plain");
        }
        for text in [
            "QRIS",
            "application/json",
            "$ref",
            "x-payspec-rules",
            "Customer name.",
            "/checkout/v1/payment",
        ] {
            assert!(plain(text), "{text:?} would be quoted");
        }
    }

    #[test]
    fn output_reads_back_as_the_same_value() {
        let text = r#"{"a": {"b": [1, "yes", {"c": "2020-09-22T01:51:00Z", "d": []}], "e": {}},
            "multi": "line one\n\n  line two\n", "tail": "no newline\nat end", "lead": " x\ny",
            "nested": [[1, 2], [], ["on"]], "quote": "say \"hi\"\tnow", "n": null, "f": 1.5, "t": true}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        let yaml = to_string(&value);
        let back: Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, value, "{yaml}");
        assert!(yaml.contains("c: \"2020-09-22T01:51:00Z\""), "{yaml}");
        assert!(
            yaml.contains("multi: |\n  line one\n\n    line two\n"),
            "{yaml}"
        );
    }
}
