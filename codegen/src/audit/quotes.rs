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
use crate::audit::view::{ProviderView, SpecFile};

/// Passages shorter than this (in characters) are not checked: too short
/// to say anything about the page.
const MIN_CHARS: usize = 3;

/// How many more page sentences (or lines) than the quote has a window
/// may span.
const EXTRA_WIDTH: usize = 3;

/// Quotes of up to this many words are also compared with every run of
/// as many words of the page.
const MAX_WORD_WINDOW: usize = 40;

/// Above this similarity the closest passage is taken for a rewording.
const REWORDED: f64 = 0.5;

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
                    ("json", _) => {}
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

/// The passages of `text` written in double quotes.
fn inline(text: &str, path: &str, out: &mut Vec<Quote>) {
    let text = normalise(text);
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

/// A passage of a page and how similar it is to a quote.
#[derive(Debug, Clone, Copy)]
struct Close {
    start: usize,
    end: usize,
    score: f64,
}

/// The window of sentences of `page` most similar to `quote` (Dice
/// coefficient over word bigrams).
fn closest(page: &Page, quote: &str) -> Option<Close> {
    let target = bigrams(quote);
    if target.is_empty() {
        return None;
    }
    let sentences = sentence_spans(&page.norm, |i| page.norm_line(i));
    // A quote's sentences may sit on more lines of the page than it has
    // sentences (a table flattened one cell per line).
    let width = sentence_spans(quote, |_| 1).len().max(1);
    let mut best: Option<Close> = None;
    for w in width..=width + EXTRA_WIDTH {
        for i in 0..sentences.len() {
            let Some(last) = sentences.get(i + w - 1) else {
                break;
            };
            let (start, end) = (sentences[i].0, last.1);
            let grams = bigrams(&page.norm[start..end]);
            let shared = target.intersection(&grams).count();
            let score = 2.0 * shared as f64 / (target.len() + grams.len()) as f64;
            if best.map_or(true, |b| score > b.score) {
                best = Some(Close { start, end, score });
            }
        }
    }
    // A short quote may be part of a long line or sentence: when no
    // sentence is close, compare it with every run of as many words.
    let n = word_spans(quote).len();
    if best.map_or(true, |b| b.score < REWORDED) && (2..=MAX_WORD_WINDOW).contains(&n) {
        let words = word_spans(&page.norm);
        for run in words.windows(n) {
            let (start, end) = (run[0].0, run[n - 1].1);
            let grams = bigrams(&page.norm[start..end]);
            let shared = target.intersection(&grams).count();
            let score = 2.0 * shared as f64 / (target.len() + grams.len()) as f64;
            if best.map_or(true, |b| score > b.score) {
                best = Some(Close { start, end, score });
            }
        }
    }
    best
}

/// Byte spans of the whitespace-separated words of normalised text.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(' ') {
        if i > start {
            out.push((start, i));
        }
        start = i + 1;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Byte spans of the sentences, table cells and lines of normalised text;
/// `line_of` gives the page line of a byte.
fn sentence_spans(text: &str, line_of: impl Fn(usize) -> u32) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = match b {
            b'.' | b'!' | b'?' => bytes.get(i + 1) == Some(&b' '),
            b'|' => true,
            _ => bytes.get(i + 1) == Some(&b' ') && line_of(i) != line_of(i + 2),
        };
        if ends {
            if i + 1 > start {
                out.push((start, i + 1));
            }
            start = i + 1;
            while bytes.get(start) == Some(&b' ') {
                start += 1;
            }
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

fn bigrams(text: &str) -> HashSet<(String, String)> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() == 1 {
        return [(words[0].clone(), String::new())].into();
    }
    words
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
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

    #[test]
    fn closest_passage_is_the_reworded_sentence() {
        let page = Page::read(
            "p.txt",
            b"Intro line. The order number, up to 64 characters, made by the merchant.\nOther text here.",
        )
        .unwrap();
        let close = closest(
            &page,
            "The order number, up to 64 characters, generated by the merchant.",
        )
        .unwrap();
        assert_eq!(
            &page.norm[close.start..close.end],
            "The order number, up to 64 characters, made by the merchant."
        );
        assert!(
            close.score > REWORDED && close.score < 1.0,
            "{}",
            close.score
        );
    }
}
