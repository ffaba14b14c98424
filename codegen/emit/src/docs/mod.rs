//! Markdown reference docs from askama templates (`codegen/templates/docs/`).
//!
//! Pages, relative to the docs root: `index.md` (providers),
//! `<provider>/index.md` (environments, auth, headers, endpoints, enums,
//! decision tables, every discrepancy note) and `<provider>/<area>/<name>.md`
//! per endpoint or notification (fields, enums, rules in plain words,
//! decision tables, notes, Rust and curl examples). Rows are built in
//! `view`; the templates only lay them out. Output is deterministic.
//!
//! Beside the pages, [`DOCTESTS_FILE`] lists the pages that show Rust, so the
//! client crate compiles every one of those examples as a doctest without a
//! hand-kept list (`src/doc_examples.rs` includes it).
#![cfg(feature = "docs")]

mod example;
mod view;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use askama::Template;

use crate::ir::{Decision, Discrepancy, Endpoint, EndpointKind, HttpMethod, Indexed, Ir, Provider};
use crate::openapi::computed_header;
use crate::words::{self, Style};
use view::{cell, field_row, walk, DecisionView, EnumView, FieldRow, Note, Walk};

/// Why the docs could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    /// A body sample is not valid JSON.
    #[error("{provider}: example `{example}` of `{structure}` is not valid JSON: {message}")]
    BadExample {
        /// Provider name.
        provider: String,
        /// Struct the example belongs to.
        structure: String,
        /// Example name.
        example: String,
        /// The JSON parser's message.
        message: String,
    },
    /// Two endpoints would be written to the same page.
    #[error("two pages would be written to `{0}`")]
    DuplicatePage(PathBuf),
    /// A template failed to render.
    #[error("could not render `{page}`: {message}")]
    Template {
        /// Page path.
        page: PathBuf,
        /// askama's message.
        message: String,
    },
}

#[derive(Template)]
#[template(path = "docs/index.md")]
struct IndexPage {
    providers: Vec<ProviderLink>,
}

struct ProviderLink {
    name: String,
    title: String,
    doc: String,
    endpoints: usize,
}

#[derive(Template)]
#[template(path = "docs/provider.md")]
struct ProviderPage {
    name: String,
    title: String,
    doc: String,
    docs: Vec<String>,
    auth_scheme: String,
    auth_doc: String,
    /// Which calls a client's retry policy repeats (`retry:`).
    retry: String,
    /// What the docs say about repeating a request, quoted.
    retry_doc: String,
    environments: Vec<(String, String, String)>,
    request_headers: Vec<FieldRow>,
    response_headers: Vec<FieldRow>,
    endpoints: Vec<EndpointLink>,
    enums: Vec<EnumView>,
    decisions: Vec<DecisionView>,
    notes: Vec<Note>,
}

struct EndpointLink {
    label: String,
    link: String,
    kind: &'static str,
    area: String,
    call: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "docs/endpoint.md")]
struct EndpointPage {
    title: String,
    provider_title: String,
    kind: &'static str,
    summary: String,
    doc: String,
    docs: String,
    call: String,
    headers: Vec<FieldRow>,
    path_params: Vec<FieldRow>,
    bodies: Vec<BodyView>,
    enums: Vec<EnumView>,
    rules: Vec<RuleView>,
    decisions: Vec<DecisionView>,
    notes: Vec<Note>,
    rust: Option<String>,
    curl: Option<String>,
    cases: Vec<CaseView>,
    notification_cases: Vec<NotificationCaseView>,
}

/// A request case of the spec, shown as a worked example: the inputs and
/// the exact request the client sends.
struct CaseView {
    name: String,
    doc: String,
    /// Request values and fixed per-call values, one per line.
    inputs: String,
    /// The request as HTTP text: request line, headers, blank line, body.
    http: String,
}

impl CaseView {
    fn new(case: &crate::ir::Case) -> Option<Self> {
        let c = &case.spec;
        let wire = c.wire.as_ref()?;
        let mut inputs = Vec::new();
        if let Some(body) = &c.request.body {
            inputs.push(format!("body: {}", body.trim_end()));
        }
        for (name, value) in &c.request.path_params {
            inputs.push(format!("path parameter {name}: {value}"));
        }
        if let Some(id) = &c.request.request_id {
            inputs.push(format!("Request-Id: {id}"));
        }
        if let Some(ts) = &c.request.timestamp {
            inputs.push(format!("timestamp: {ts}"));
        }
        let mut http = format!("{:?} {}\n", wire.method, wire.path);
        for (name, value) in &wire.headers {
            http.push_str(&format!("{name}: {value}\n"));
        }
        if let Some(body) = &wire.body {
            http.push_str(&format!("\n{}\n", body.trim_end()));
        }
        Some(CaseView {
            name: c.name.clone(),
            doc: c.doc.as_deref().unwrap_or("").trim_end().to_owned(),
            inputs: inputs.join("\n") + "\n",
            http,
        })
    }
}

/// A notification case of the spec, shown as a worked example: what
/// arrives, and whether it is verified (and to what) or refused (and why).
struct NotificationCaseView {
    name: String,
    doc: String,
    /// The notification as HTTP text: request line, headers, blank line, body.
    http: String,
    /// What verification makes of it, one sentence.
    outcome: String,
    /// The decoded value, pretty-printed, when it is verified.
    decoded: Option<String>,
}

impl NotificationCaseView {
    fn new(case: &crate::ir::Case) -> Option<Self> {
        use crate::ir::CaseErrorKind;
        let c = &case.spec;
        let n = c.notification.as_ref()?;
        let target = n.target.as_deref().unwrap_or("/your/notification/url");
        let mut http = format!("POST {target}\n");
        for (name, value) in &n.headers {
            http.push_str(&format!("{name}: {value}\n"));
        }
        http.push_str(&format!("\n{}\n", n.body.trim_end()));
        let fresh = n
            .max_age_secs
            .map(|s| format!(", checked for freshness (at most {s} s old)"))
            .unwrap_or_default();
        let outcome = match &c.error {
            None => format!("Verified{fresh}; it decodes to:"),
            Some(e) => match e.kind {
                CaseErrorKind::Signature => {
                    "Refused: the signature does not verify (`Error::SignatureMismatch`)."
                        .to_owned()
                }
                CaseErrorKind::Decode => format!(
                    "Refused: signed, but not the documented JSON (`Error::Decode` at `{}`).",
                    e.path.as_deref().unwrap_or(".")
                ),
                CaseErrorKind::Stale => format!(
                    "Refused: signed, but older than {} s (`Error::StaleNotification`).",
                    n.max_age_secs.unwrap_or_default()
                ),
                CaseErrorKind::Validation | CaseErrorKind::Api => return None,
            },
        };
        let decoded = c.decoded.as_deref().map(|text| {
            serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or_else(|| text.to_owned())
                + "\n"
        });
        Some(NotificationCaseView {
            name: c.name.clone(),
            doc: c.doc.as_deref().unwrap_or("").trim_end().to_owned(),
            http,
            outcome,
            decoded,
        })
    }
}

struct BodyView {
    title: String,
    rust_path: String,
    doc: String,
    rows: Vec<FieldRow>,
}

struct RuleView {
    kind: &'static str,
    text: String,
    source: String,
}

/// The file, relative to `docs/`, listing the pages with a Rust example as a
/// `doc_pages! { #[cfg(feature = "provider")] Name => "page.md", … }`
/// invocation for the client crate (each page compiled with its
/// provider's module).
pub const DOCTESTS_FILE: &str = "doctests.rs";

/// Renders every page of the reference, keyed by path relative to `docs/`,
/// and [`DOCTESTS_FILE`].
pub fn render(ir: &Ir) -> Result<BTreeMap<PathBuf, String>, DocsError> {
    let mut pages = BTreeMap::new();
    let mut with_rust = Vec::new();
    let index = IndexPage {
        providers: ir
            .providers
            .iter()
            .map(|p| ProviderLink {
                name: p.name.clone(),
                title: p.title.clone(),
                doc: p.doc.trim_end().to_owned(),
                endpoints: p.endpoints.len(),
            })
            .collect(),
    };
    insert(&mut pages, PathBuf::from("index.md"), &index)?;
    for provider in &ir.providers {
        insert(
            &mut pages,
            PathBuf::from(&provider.name).join("index.md"),
            &provider_page(provider),
        )?;
        let indexed = Indexed::new(provider);
        let by_file = ByFile::new(provider);
        for endpoint in &provider.endpoints {
            let page = endpoint_page(&indexed, &by_file, endpoint)?;
            let path = endpoint_path(provider, endpoint);
            if page.rust.is_some() {
                with_rust.push((provider, endpoint, path.clone()));
            }
            insert(&mut pages, path, &page)?;
        }
    }
    pages.insert(PathBuf::from(DOCTESTS_FILE), doctests(&with_rust));
    Ok(pages)
}

/// The [`DOCTESTS_FILE`] listing: one unit struct per page with Rust, named
/// after its provider and endpoint (`DokuCardRefund`), whose rustdoc is the page.
fn doctests(pages: &[(&Provider, &Endpoint, PathBuf)]) -> String {
    use heck::ToUpperCamelCase;
    let mut out = String::from(
        "// Generated by `payspec generate` from spec/; do not edit.\n\
         // The pages of the reference that show Rust: the client crate's\n\
         // src/doc_examples.rs includes this list and compiles each page's\n\
         // examples as doctests.\n\
         doc_pages! {\n",
    );
    for (provider, endpoint, path) in pages {
        let name = format!("{}_{}", provider.name, endpoint.name).to_upper_camel_case();
        let page = path
            .iter()
            .map(|part| part.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push_str(&format!(
            "    #[cfg(feature = {:?})] {name} => {page:?},\n",
            provider.name
        ));
    }
    out.push_str("}\n");
    out
}

fn insert(
    pages: &mut BTreeMap<PathBuf, String>,
    path: PathBuf,
    page: &impl Template,
) -> Result<(), DocsError> {
    let text = page.render().map_err(|e| DocsError::Template {
        page: path.clone(),
        message: e.to_string(),
    })?;
    if pages.contains_key(&path) {
        return Err(DocsError::DuplicatePage(path));
    }
    pages.insert(path, text);
    Ok(())
}

fn endpoint_path(provider: &Provider, endpoint: &Endpoint) -> PathBuf {
    PathBuf::from(&provider.name)
        .join(&endpoint.area)
        .join(format!("{}.md", endpoint.name))
}

/// `POST /path`, or `notification` for notifications without a method.
fn call(endpoint: &Endpoint) -> String {
    let method = endpoint.method.map(|m| match m {
        HttpMethod::GET => "GET",
        HttpMethod::POST => "POST",
    });
    match (method, &endpoint.path) {
        (Some(m), Some(p)) => format!("`{m} {p}`"),
        (Some(m), None) => format!("`{m}` to the merchant's URL"),
        _ => "to the merchant's URL".to_owned(),
    }
}

fn kind(endpoint: &Endpoint) -> &'static str {
    match endpoint.kind {
        EndpointKind::Endpoint => "endpoint",
        EndpointKind::Notification => "notification",
    }
}

fn header_rows(provider: &Provider, headers: &[crate::ir::Header], request: bool) -> Vec<FieldRow> {
    headers
        .iter()
        .map(|h| {
            let mut row = field_row(&h.wire_name, &h.field);
            if request {
                if let Some(how) = computed_header(provider, &h.wire_name) {
                    // Docs quotes often end without a full stop; keep the
                    // added sentence from running into the quote.
                    let doc = row.description.trim_end();
                    let sep = match doc.chars().last() {
                        None => "",
                        Some('.' | '!' | '?' | ':' | ')' | '"') => " ",
                        Some(_) => ". ",
                    };
                    row.description = cell(&format!("{doc}{sep}Computed by the client: {how}."));
                }
            }
            row
        })
        .collect()
}

fn provider_page(p: &Provider) -> ProviderPage {
    ProviderPage {
        name: p.name.clone(),
        title: p.title.clone(),
        doc: p.doc.trim_end().to_owned(),
        docs: p.docs.clone(),
        auth_scheme: crate::openapi::auth_summary(p),
        auth_doc: p.auth.doc.trim_end().to_owned(),
        retry: retry_summary(p),
        retry_doc: p
            .retry
            .as_ref()
            .map_or_else(String::new, |r| r.doc.trim_end().to_owned()),
        environments: p
            .environments
            .iter()
            .map(|e| {
                let url = if e.base_url.trim().is_empty() {
                    "not given by the docs".to_owned()
                } else {
                    format!("`{}`", e.base_url)
                };
                (e.name.clone(), url, cell(e.doc.as_deref().unwrap_or("")))
            })
            .collect(),
        request_headers: header_rows(p, &p.request_headers, true),
        response_headers: header_rows(p, &p.response_headers, false),
        endpoints: p
            .endpoints
            .iter()
            .map(|e| EndpointLink {
                label: format!("{}::{}", e.area, e.name),
                link: format!("{}/{}.md", e.area, e.name),
                kind: kind(e),
                area: e.area.clone(),
                call: call(e),
                summary: cell(&e.summary),
            })
            .collect(),
        enums: p.enums.iter().map(|e| EnumView::new(p, e)).collect(),
        decisions: p
            .decisions
            .iter()
            .map(|d| DecisionView::new(p, d))
            .collect(),
        notes: p.discrepancies.iter().map(Note::new).collect(),
    }
}

/// Which calls `Config::retry` repeats after HTTP 429, 5xx or a transport
/// failure, from the provider's `retry:` (a GET always: it changes nothing).
fn retry_summary(p: &Provider) -> String {
    const WHEN: &str = "A client configured with `Config::retry(RetryPolicy)` sends a call \
                        again after HTTP 429, 5xx or a transport failure";
    let Some(retry) = &p.retry else {
        return format!(
            "{WHEN} only when it is a GET: the spec declares no idempotency key, so any other \
             call is sent once."
        );
    };
    let lifetime = retry.key_lifetime_secs.map_or_else(String::new, |secs| {
        format!(" No retry starts more than {secs} s after the first attempt (the key's lifetime).")
    });
    match &retry.key {
        crate::ir::RetryKey::Value(value) => {
            let carrier = p
                .auth
                .recipes
                .request
                .as_ref()
                .and_then(|r| {
                    r.headers
                        .iter()
                        .find(|h| h.template.only_value() == Some(value))
                })
                .map_or_else(|| format!("`{value}`"), |h| format!("`{}`", h.name));
            format!(
                "{WHEN}. Every call may be repeated: each attempt carries the same {carrier}, the \
                 key {} de-duplicates by.{lifetime}",
                p.title
            )
        }
        crate::ir::RetryKey::Header(header) => format!(
            "{WHEN} when it is a GET, or when the caller set its `{header}` header \
             (`CallOptions::header`), which every attempt carries; any other call is sent once.{lifetime}"
        ),
    }
}

/// A provider's discrepancy notes and decision tables by the spec file that
/// writes them, so each endpoint page finds its own without a scan of all.
struct ByFile<'a> {
    notes: HashMap<&'a Path, Vec<&'a Discrepancy>>,
    decisions: HashMap<&'a Path, Vec<&'a Decision>>,
}

impl<'a> ByFile<'a> {
    fn new(p: &'a Provider) -> Self {
        let mut by_file = ByFile {
            notes: HashMap::new(),
            decisions: HashMap::new(),
        };
        for d in &p.discrepancies {
            by_file
                .notes
                .entry(d.loc.file.as_path())
                .or_default()
                .push(d);
        }
        for d in &p.decisions {
            by_file
                .decisions
                .entry(d.loc.file.as_path())
                .or_default()
                .push(d);
        }
        by_file
    }

    fn notes(&self, file: &Path) -> &[&'a Discrepancy] {
        self.notes.get(file).map_or(&[], Vec::as_slice)
    }

    fn decisions(&self, file: &Path) -> &[&'a Decision] {
        self.decisions.get(file).map_or(&[], Vec::as_slice)
    }
}

fn endpoint_page<'a>(
    p: &'a Indexed<'a>,
    by_file: &ByFile<'a>,
    e: &'a Endpoint,
) -> Result<EndpointPage, DocsError> {
    let mut walked = Walk::default();
    let mut bodies = Vec::new();
    let request_struct = e.request.as_deref().and_then(|name| p.struct_named(name));
    let mut listed: Vec<(String, &str)> = Vec::new();
    if let Some(name) = &e.request {
        let title = if e.kind == EndpointKind::Notification {
            "Notification body"
        } else {
            "Request body"
        };
        listed.push((title.to_owned(), name));
    }
    for r in &e.responses {
        listed.push((format!("Response {}", r.status), &r.body));
    }
    for err in &e.errors {
        let title = match err.status {
            Some(status) => format!("Error `{}` (arrives with HTTP {status})", err.name),
            None => format!("Error `{}`", err.name),
        };
        listed.push((title, &err.body));
    }
    for (title, name) in listed {
        let Some(st) = p.struct_named(name) else {
            continue;
        };
        let mut body_walk = Walk::default();
        walk(p, st, "", &mut Vec::new(), &mut body_walk);
        for en in body_walk.enums {
            if !walked.enums.contains(&en) {
                walked.enums.push(en);
            }
        }
        for n in body_walk.notes {
            if !walked.notes.contains(&n) {
                walked.notes.push(n);
            }
        }
        bodies.push(BodyView {
            title,
            rust_path: view::rust_path(&p.name, &st.scope, &st.name),
            doc: st.doc.trim_end().to_owned(),
            rows: body_walk.rows,
        });
    }
    let enums: Vec<_> = walked
        .enums
        .iter()
        .filter_map(|name| p.enum_named(name))
        .collect();
    let mut notes = walked.notes;
    for en in &enums {
        if let Some(d) = &en.discrepancy {
            if !notes.contains(&d) {
                notes.push(d);
            }
        }
    }
    for &d in by_file.notes(&e.loc.file) {
        if !notes.contains(&d) {
            notes.push(d);
        }
    }
    let rules = request_struct
        .map(|st| {
            st.rules
                .iter()
                .map(|r| RuleView {
                    kind: r.kind.spec_name(),
                    text: words::capitalise(&words::rule(&r.kind, Style::Code)),
                    source: r.source.replace('\n', " "),
                })
                .collect()
        })
        .unwrap_or_default();
    // A table is shown with the endpoint whose file introduces it.
    let decisions = by_file
        .decisions(&e.loc.file)
        .iter()
        .map(|d| DecisionView::new(p, d))
        .collect();
    let body = match request_struct {
        Some(st) => Some(example::body(p, st)?),
        None => None,
    };
    let (rust, curl) = match (e.kind, request_struct, &body) {
        (EndpointKind::Endpoint, Some(st), Some(b)) => (
            Some(example::rust_request(p, e, st, b)),
            Some(example::curl(p, e, Some(b))),
        ),
        (EndpointKind::Endpoint, _, _) => (
            Some(example::rust_call(p, e)),
            Some(example::curl(p, e, None)),
        ),
        (EndpointKind::Notification, Some(st), _) => {
            (Some(example::rust_notification(p, e, st)), None)
        }
        (EndpointKind::Notification, None, _) => (None, None),
    };
    Ok(EndpointPage {
        title: e.name.clone(),
        provider_title: p.title.clone(),
        kind: kind(e),
        summary: e.summary.trim_end().to_owned(),
        doc: e.doc.as_deref().unwrap_or("").trim_end().to_owned(),
        docs: e.docs_cited(),
        call: call(e),
        headers: if e.kind == EndpointKind::Endpoint {
            header_rows(p, &p.request_headers, true)
        } else {
            Vec::new()
        },
        path_params: e
            .path_params
            .iter()
            .map(|f| field_row(&f.wire_name, f))
            .collect(),
        bodies,
        enums: enums.iter().map(|en| EnumView::new(p, en)).collect(),
        rules,
        decisions,
        notes: notes.into_iter().map(Note::new).collect(),
        rust,
        curl,
        cases: e.cases.iter().filter_map(CaseView::new).collect(),
        notification_cases: e
            .cases
            .iter()
            .filter_map(NotificationCaseView::new)
            .collect(),
    })
}
