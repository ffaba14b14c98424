//! Samples: the JSON bodies a page prints, found by a tolerant scanner,
//! matched to the spec's `examples:`, and decoded with the spec's types
//! when the spec holds no copy.

use serde_json::Value;

use crate::audit::decode::{decode, Issue};
use crate::audit::page::Page;
use crate::audit::report::{Finding, Kind};
use crate::audit::view::ProviderView;
use crate::ir::Struct;

/// The longest sample the scanner follows, in bytes.
const MAX_SAMPLE: usize = 256 * 1024;

/// A JSON object printed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Byte range in the page's text.
    pub start: usize,
    /// End of the range (exclusive).
    pub end: usize,
    /// The parsed JSON.
    pub value: Value,
    /// Whether the object is a value inside larger JSON the scanner could
    /// not parse (after `:`, `,` or `[`, as in a cut-off sample or a
    /// snippet of one member): a part of a body, not a whole one.
    pub nested: bool,
}

/// Every non-empty JSON object on the page, outermost first. Text that
/// merely looks like JSON (a `{placeholder}`, a cut-off sample) is skipped;
/// a trailing comma before `}` or `]` is forgiven.
pub fn scan(text: &str) -> Vec<Sample> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if let Some(end) = matching_close(bytes, i) {
                let candidate = &text[i..end];
                let value = serde_json::from_str::<Value>(candidate)
                    .ok()
                    .or_else(|| serde_json::from_str(&without_trailing_commas(candidate)).ok());
                if let Some(value @ Value::Object(_)) = value {
                    if value.as_object().is_some_and(|m| !m.is_empty()) {
                        out.push(Sample {
                            start: i,
                            end,
                            value,
                            nested: follows_json(&text[..i]),
                        });
                        i = end;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// Whether text ending at an object's `{` puts it inside JSON: after a
/// member name (`"key":`), a `,` or a `[`. A prose colon ("Sample
/// response:") does not.
fn follows_json(before: &str) -> bool {
    let before = before.trim_end();
    match before.chars().next_back() {
        Some(',' | '[') => true,
        Some(':') => before[..before.len() - 1].trim_end().ends_with('"'),
        _ => false,
    }
}

/// The end (exclusive) of the bracketed text opening at `open`, strings
/// taken into account.
fn matching_close(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let limit = bytes.len().min(open.saturating_add(MAX_SAMPLE));
    for (i, &b) in bytes.iter().enumerate().take(limit).skip(open) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn without_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Compares every sample of the page with the spec.
pub fn check(view: &ProviderView<'_>, page: &Page) -> Vec<Finding> {
    let bodies = view.bodies(Some(&page.name));
    if bodies.is_empty() {
        return Vec::new();
    }
    let examples: Vec<Value> = view
        .ir
        .structs
        .iter()
        .flat_map(|s| &s.examples)
        .filter_map(|e| serde_json::from_str(&e.json).ok())
        .collect();
    let mut findings = Vec::new();
    for sample in scan(&page.text) {
        if examples.contains(&sample.value) {
            continue;
        }
        if sample.nested {
            // A part of a body (a member snippet, an element of a cut-off
            // array) cannot be told apart from the whole bodies it is
            // matched against: its own keys are another struct's, and what
            // it leaves out the rest of the body carries.
            continue;
        }
        let line = page.line_of(sample.start);
        let Some(body) = best_body(&bodies, &sample.value) else {
            findings.push(Finding {
                doc_file: page.name.clone(),
                doc_line: Some(line),
                kind: Kind::SampleUnmatched,
                severity: Kind::SampleUnmatched.severity(),
                spec_file: None,
                spec_line: None,
                message: format!(
                    "a JSON sample whose keys no body of this page's endpoints has: if it belongs to an endpoint the spec lacks, add the endpoint; otherwise add it to the `examples:` of its body ({})",
                    top_keys(&sample.value)
                ),
            });
            continue;
        };
        let issues = decode(view, body, &sample.value);
        if issues.is_empty() {
            findings.push(Finding {
                doc_file: page.name.clone(),
                doc_line: Some(line),
                kind: Kind::SampleNew,
                severity: Kind::SampleNew.severity(),
                spec_file: Some(body.loc.file.clone()),
                spec_line: Some(body.loc.line),
                message: format!(
                    "a JSON sample that no `examples:` entry holds; it decodes as `{}`: copy it verbatim into that body's `examples:`",
                    body.name
                ),
            });
        }
        for issue in issues {
            findings.push(issue_finding(page, &sample, issue));
        }
    }
    findings
}

fn issue_finding(page: &Page, sample: &Sample, issue: Issue) -> Finding {
    let at = issue
        .key
        .as_ref()
        .and_then(|key| page.text[sample.start..sample.end].find(&format!("\"{key}\"")))
        .map_or(sample.start, |i| sample.start + i);
    Finding {
        doc_file: page.name.clone(),
        doc_line: Some(page.line_of(at)),
        kind: issue.kind,
        severity: issue.severity,
        spec_file: Some(issue.spec.file),
        spec_line: Some(issue.spec.line),
        message: issue.message,
    }
}

/// The body whose top-level fields share the most keys with the sample
/// (Jaccard index); none when no key is shared.
fn best_body<'a>(bodies: &[&'a Struct], value: &Value) -> Option<&'a Struct> {
    let keys: Vec<&String> = value.as_object()?.keys().collect();
    let mut best: Option<(&Struct, f64)> = None;
    for body in bodies {
        let shared = keys
            .iter()
            .filter(|k| {
                body.fields
                    .iter()
                    .any(|f| f.wire_name == ***k || f.aliases.iter().any(|a| a == **k))
            })
            .count();
        if shared == 0 {
            continue;
        }
        let union = keys.len() + body.fields.len() - shared;
        let score = shared as f64 / union.max(1) as f64;
        if best.map_or(true, |(_, b)| score > b) {
            best = Some((body, score));
        }
    }
    best.map(|(body, _)| body)
}

fn top_keys(value: &Value) -> String {
    let keys: Vec<String> = value
        .as_object()
        .map(|m| m.keys().map(|k| format!("`{k}`")).collect())
        .unwrap_or_default();
    format!("keys {}", keys.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_objects_in_prose_and_skips_placeholders() {
        let text = "Call {api-url}/x with\n{\n  \"a\": {\"b\": [1, 2,],},\n  \"c\": \"}\"\n}\nand {} or {\"cut\": ";
        let found = scan(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].value,
            serde_json::json!({"a": {"b": [1, 2]}, "c": "}"})
        );
        assert_eq!(&text[found[0].start..found[0].start + 1], "{");
    }

    #[test]
    fn an_object_inside_json_that_does_not_parse_is_nested() {
        // A whole sample after a prose colon, then a member snippet and a
        // cut-off array.
        let text = "Sample:\n{\"a\": 1}\n\"echannel\": {\"bill_info1\": \"x\"}\n\"refunds\": [{\"k\": 1}, {\"k\": 2}, ...";
        let found: Vec<(serde_json::Value, bool)> = scan(text)
            .into_iter()
            .map(|s| (s.value, s.nested))
            .collect();
        assert_eq!(
            found,
            [
                (serde_json::json!({"a": 1}), false),
                (serde_json::json!({"bill_info1": "x"}), true),
                (serde_json::json!({"k": 1}), true),
                (serde_json::json!({"k": 2}), true),
            ]
        );
    }
}
