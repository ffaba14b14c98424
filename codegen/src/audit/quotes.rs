//! Quotes: every passage the spec quotes from a page must still be on it.
//!
//! Which spec texts are quotes: a rule's, decision's or lifecycle action's
//! `source`, each of a discrepancy's `quotes`, and a field's `doc` (unless
//! the field says `paraphrase:`) are quoted whole; `…` separates excerpts.
//! In every other text (enum, type and endpoint docs, `accepts`, a
//! paraphrase) the passages in double quotes are quotes. Examples' `json`
//! is compared by [`crate::audit::samples`].

use std::collections::{BTreeMap, HashSet};

use serde_yaml::Value;

use crate::audit::page::{normalise, Page};
use crate::audit::report::{Finding, Kind};
use crate::audit::similar::{closest, REWORDED};
use crate::audit::view::{ProviderView, SpecFile};

/// Passages shorter than this (in characters) are not checked: too short
/// to say anything about the page.
const MIN_CHARS: usize = 3;

/// One quoted passage of a spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Dotted key path of the text it is in.
    pub path: String,
    /// The passage, normalised.
    pub text: String,
}

/// Every quoted passage of one spec file.
pub fn collect(file: &SpecFile) -> Vec<Quote> {
    let mut out = Vec::new();
    walk(&file.value, "", &mut out);
    out
}

fn walk(value: &Value, path: &str, out: &mut Vec<Quote>) {
    match value {
        Value::Mapping(map) => {
            let is_field = map.contains_key("presence");
            let paraphrased = map.contains_key("paraphrase");
            for (key, child) in map {
                let key = key_text(key);
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match (key.as_str(), child) {
                    // Sample bodies are compared by `samples`; conformance
                    // cases are the maintainers' own test data, not quotes.
                    ("json" | "cases", _) => {}
                    ("source", Value::String(text)) => whole(text, &child_path, out),
                    ("doc", Value::String(text)) if is_field && !paraphrased => {
                        whole(text, &child_path, out);
                    }
                    ("quotes", Value::Sequence(items)) => {
                        for (i, item) in items.iter().enumerate() {
                            if let Value::String(text) = item {
                                whole(text, &format!("{child_path}[{i}]"), out);
                            }
                        }
                    }
                    _ => walk(child, &child_path, out),
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::String(text) => inline(text, path, out),
        Value::Tagged(tagged) => walk(&tagged.value, path, out),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => "?".to_owned(),
    }
}

/// A text quoted whole: each excerpt between `…` is a passage.
fn whole(text: &str, path: &str, out: &mut Vec<Quote>) {
    let text = normalise(text);
    for excerpt in text.split('…').flat_map(|part| part.split("...")) {
        let excerpt = excerpt.trim_matches(|c: char| c == '"' || c.is_whitespace());
        if excerpt.chars().count() >= MIN_CHARS {
            out.push(Quote {
                path: path.to_owned(),
                text: excerpt.to_owned(),
            });
        }
    }
}

/// `text` without its fenced code blocks (a rustdoc example's string
/// literals are code, not quotes of the page).
fn without_code_blocks(text: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The passages of `text` written in double quotes.
fn inline(text: &str, path: &str, out: &mut Vec<Quote>) {
    let text = normalise(&without_code_blocks(text));
    let mut rest = text.as_str();
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else {
            break;
        };
        let passage = after[..close].trim();
        if passage.chars().count() >= MIN_CHARS {
            out.push(Quote {
                path: path.to_owned(),
                text: passage.to_owned(),
            });
        }
        rest = &after[close + 1..];
    }
}

/// Checks every quote of every file of the provider against its pages.
/// Files whose pages are all missing or unreadable are skipped: the pages
/// themselves are reported.
pub fn check(view: &ProviderView<'_>, pages: &BTreeMap<String, Page>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (file, names) in view.files_with_pages() {
        let candidates: Vec<&Page> = names.iter().filter_map(|n| pages.get(n)).collect();
        if candidates.is_empty() {
            continue;
        }
        let mut seen = HashSet::new();
        for quote in collect(file) {
            if !seen.insert((quote.path.clone(), quote.text.clone())) {
                continue;
            }
            if candidates.iter().any(|p| p.norm.contains(&quote.text)) {
                continue;
            }
            findings.push(missing(file, &quote, &candidates));
        }
    }
    findings
}

fn missing(file: &SpecFile, quote: &Quote, candidates: &[&Page]) -> Finding {
    let best = candidates
        .iter()
        .filter_map(|page| closest(page, &quote.text).map(|c| (*page, c)))
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score));
    let spec_line = Some(file.line(&quote.path));
    let shown = shorten(&quote.text, 200);
    match best {
        Some((page, close)) if close.score >= REWORDED => Finding {
            doc_file: page.name.clone(),
            doc_line: Some(page.norm_line(close.start)),
            kind: Kind::QuoteChanged,
            severity: Kind::QuoteChanged.severity(),
            spec_file: Some(file.path.clone()),
            spec_line,
            message: format!(
                "`{}` quotes \"{shown}\", which the page no longer says; the closest passage now reads \"{}\" (similarity {:.2}): update the quote to the page's words and check that what the spec item encodes still holds, or record the change in a discrepancy",
                quote.path,
                shorten(&page.norm[close.start..close.end], 300),
                close.score
            ),
        },
        best => {
            let page = best.map_or(candidates[0], |(p, _)| p);
            let closest = best.map_or_else(String::new, |(p, c)| {
                format!(
                    " (nothing close: the best match, at similarity {:.2}, is \"{}\")",
                    c.score,
                    shorten(&p.norm[c.start..c.end], 120)
                )
            });
            Finding {
                doc_file: page.name.clone(),
                doc_line: None,
                kind: Kind::QuoteMissing,
                severity: Kind::QuoteMissing.severity(),
                spec_file: Some(file.path.clone()),
                spec_line,
                message: format!(
                    "`{}` quotes \"{shown}\", which is no longer on the page{closest}: the passage was removed; review the spec item that rests on it, then delete the quote or replace it with the passage that now says the same",
                    quote.path
                ),
            }
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::spans::Spans;

    fn quotes_of(text: &str) -> Vec<(String, String)> {
        let file = SpecFile {
            path: "x.yaml".into(),
            text: text.to_owned(),
            value: serde_yaml::from_str(text).unwrap(),
            spans: Spans::index(text),
        };
        collect(&file)
            .into_iter()
            .map(|q| (q.path, q.text))
            .collect()
    }

    #[test]
    fn code_blocks_hold_no_quotes() {
        let text = "doc: |\n  Keep \"the id\".\n  ```\n  let id = format!(\"page-{n}\");\n  ```\n";
        assert_eq!(quotes_of(text), [("doc".into(), "the id".into())]);
    }

    #[test]
    fn sorts_quotes_from_prose() {
        let text = r#"
doc: The provider says "pay  within one day" and more.
fields:
  a: { type: string, presence: mandatory, doc: "Quoted whole." }
  b:
    type: string
    presence: mandatory
    doc: Our words, then "their words".
    paraphrase: none on the page
rules:
  - source: "First part … second part"
examples: [{ name: x, json: '{"not": "a quote"}' }]
quotes: ["A passage, verbatim."]
"#;
        assert_eq!(
            quotes_of(text),
            vec![
                ("doc".into(), "pay within one day".into()),
                ("fields.a.doc".into(), "Quoted whole.".into()),
                ("fields.b.doc".into(), "their words".into()),
                ("rules[0].source".into(), "First part".into()),
                ("rules[0].source".into(), "second part".into()),
                ("quotes[0]".into(), "A passage, verbatim.".into()),
            ]
        );
    }
}
