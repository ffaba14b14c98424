//! Endpoints: a method followed by a path or URL on the page ("POST
//! /v2/{id}/refund", "curl -X POST {api-url}/api/v2/bill/cancel", DOKU's
//! "HTTP Method POST … API endpoint (Sandbox) https://…") that no spec
//! endpoint has.

use crate::audit::page::Page;
use crate::audit::report::{Finding, Kind};
use crate::audit::view::ProviderView;
use crate::ir::HttpMethod;

/// How many words after a method its path may come.
const PATH_WITHIN: usize = 5;

/// A method and path the page names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEndpoint {
    /// Uppercase method.
    pub method: String,
    /// The path, without host and query.
    pub path: String,
    /// 1-based page line of the method.
    pub line: u32,
}

/// Every method-and-path on the page, each once, in page order.
pub fn scan(page: &Page, base_urls: &[&str]) -> Vec<PageEndpoint> {
    let words: Vec<(u32, &str)> = page
        .lines()
        .flat_map(|(line, text)| text.split_whitespace().map(move |w| (line, w)))
        .collect();
    let mut out: Vec<PageEndpoint> = Vec::new();
    for (i, (line, word)) in words.iter().enumerate() {
        let method = word.trim_matches(|c: char| !c.is_ascii_alphabetic());
        let method = method.to_ascii_uppercase();
        if !matches!(method.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE")
            || word
                .trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .len()
                != method.len()
        {
            continue;
        }
        let path = words
            .iter()
            .skip(i + 1)
            .take(PATH_WITHIN)
            .find_map(|(_, w)| path_of(w, base_urls));
        if let Some(path) = path {
            if !out.iter().any(|e| e.method == method && e.path == path) {
                out.push(PageEndpoint {
                    method,
                    path,
                    line: *line,
                });
            }
        }
    }
    out
}

/// The path of a word that is a URL, a `{host}/path` or a `/path`.
fn path_of(word: &str, base_urls: &[&str]) -> Option<String> {
    let word = word.trim_start_matches(['\'', '"', '(', '`']);
    let path = if let Some(rest) = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"))
    {
        let below_base = base_urls.iter().find_map(|base| {
            word.strip_prefix(base.trim_end_matches('/'))
                .filter(|p| p.starts_with('/'))
        });
        match below_base {
            Some(p) => p.to_owned(),
            None => rest[rest.find('/')?..].to_owned(),
        }
    } else if word.starts_with('{') {
        word[word.find("}/")? + 1..].to_owned()
    } else if word.starts_with('/') {
        word.to_owned()
    } else {
        return None;
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_end_matches(['\'', '"', ')', ',', '.', ';', '`', ':']);
    path.split('/')
        .any(|s| s.chars().any(|c| c.is_ascii_alphabetic()))
        .then(|| path.to_owned())
}

/// Whether the page's `path` is the spec's `template`: the same segments,
/// a `{param}` of the spec matching any segment.
fn same_path(template: &str, path: &str) -> bool {
    let a: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let b: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(t, p)| t == p || t.starts_with('{') || p.starts_with('{') || p.starts_with('['))
}

/// One finding per method-and-path of the page the spec has no endpoint for.
pub fn check(view: &ProviderView<'_>, page: &Page) -> Vec<Finding> {
    let base_urls: Vec<&str> = view
        .ir
        .environments
        .iter()
        .map(|e| e.base_url.as_str())
        .collect();
    let known: Vec<(&str, &str)> = view
        .ir
        .endpoints
        .iter()
        .filter_map(|e| {
            let method = match e.method? {
                HttpMethod::GET => "GET",
                HttpMethod::POST => "POST",
            };
            Some((method, e.path.as_deref()?))
        })
        .collect();
    scan(page, &base_urls)
        .into_iter()
        .filter(|found| {
            !known
                .iter()
                .any(|(m, p)| *m == found.method && same_path(p, &found.path))
                && !view.acknowledges(&found.path)
        })
        .map(|found| Finding {
            doc_file: page.name.clone(),
            doc_line: Some(found.line),
            kind: Kind::EndpointMissing,
            severity: Kind::EndpointMissing.severity(),
            spec_file: None,
            spec_line: None,
            message: format!(
                "the page documents `{} {}`, which no endpoint of `{}` has: add an endpoint file for it (spec/README.md, \"Adding an endpoint\") if the client should call it",
                found.method, found.path, view.ir.name
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, bases: &[&str]) -> Vec<(String, String, u32)> {
        let page = Page::read("p.txt", text.as_bytes()).unwrap();
        scan(&page, bases)
            .into_iter()
            .map(|e| (e.method, e.path, e.line))
            .collect()
    }

    #[test]
    fn finds_the_providers_ways_of_writing_an_endpoint() {
        let text = "post https://api.sandbox.x.test/v2//cancel?\nGET /v2/{id}/status\ncurl -X POST\n{api-url}/api/v2/bill/cancel\nHTTP Method\nPOST\nAPI endpoint (Sandbox)\nhttps://api-sandbox.y.test/pre/credit-card/capture\nPOST your request to us.\n";
        assert_eq!(
            found(text, &["https://api-sandbox.y.test/pre"]),
            vec![
                ("POST".into(), "/v2//cancel".into(), 1),
                ("GET".into(), "/v2/{id}/status".into(), 2),
                ("POST".into(), "/api/v2/bill/cancel".into(), 3),
                ("POST".into(), "/credit-card/capture".into(), 6),
            ]
        );
    }

    #[test]
    fn path_templates_match_any_segment() {
        assert!(same_path("/v2/{id}/cancel", "/v2//cancel"));
        assert!(same_path("/v2/{id}/status", "/v2/[ORDER_ID]/status"));
        assert!(!same_path("/v2/{id}/cancel", "/v2/{id}/refund"));
        assert!(!same_path("/v2/capture", "/v2/{id}/capture"));
    }
}
