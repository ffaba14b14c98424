//! The spec's request cases (`cases:` with `wire:`) sent byte for byte to
//! the sandbox: the sandbox, which checks signatures, tokens and bodies
//! with its own code, takes every expected wire request as authentic and
//! valid and answers it with success once the resource it names exists,
//! and refuses it once a header the auth recipe writes is altered. The
//! error paths that concern the request (`validation` cases) are refused by
//! the sandbox too, naming the same JSON paths, when signed and sent anyway.
//! (`tests/conformance.rs` checks the client sends exactly these requests,
//! and refuses the invalid ones before sending.)

use std::path::{Path, PathBuf};

use payspec_codegen_core::ir::{Case, CaseErrorKind, Endpoint, Ir, Provider};
use payspec_codegen_core::spec::model::WireSpec;
use payspec_sandbox::{Credentials, InProcess, MockOptions};
use payspec_signing::recipe::{self, Context, Message};

const SEEDS: &str = r#"[
  {"provider":"doku","resource":"card_payment","id":"INV-20210118-0001","state":"settled","amount":90000},
  {"provider":"doku","resource":"card_payment","id":"INV-CAPTURE","state":"authorized","amount":90000,
   "attributes":{"authorize_id":"12312391719112"}},
  {"provider":"doku","resource":"card_payment","id":"INV-20210124-0001","state":"captured","amount":150000},
  {"provider":"doku","resource":"checkout_order","id":"INV-20210118-0001","amount":90000,
   "attributes":{"channel":"QRIS"}},
  {"provider":"midtrans","resource":"transaction","id":"example-1424936368","state":"capture","amount":30000,
   "attributes":{"bank":"bca"}},
  {"provider":"midtrans","resource":"transaction","id":"order/1 a","state":"capture","amount":30000,
   "attributes":{"bank":"bca"}},
  {"provider":"midtrans","resource":"transaction","id":"testing-0.4555-1414741517","state":"authorize","amount":145000,
   "attributes":{"bank":"bni","transaction_id":"be4f3e44-d6ee-4355-8c64-c1d1dc7f4590"}},
  {"provider":"midtrans","resource":"transaction","id":"vtcc05","state":"settlement","amount":10000,
   "attributes":{"payment_type":"credit_card","bank":"bni"}},
  {"provider":"midtrans","resource":"transaction","id":"MID-1620622357","state":"settlement","amount":10000,
   "attributes":{"payment_type":"credit_card","bank":"bca"}},
  {"provider":"midtrans","resource":"transaction","id":"vtmbill05","amount":10000,
   "attributes":{"payment_type":"echannel"}},
  {"provider":"biller","resource":"bill","id":"5324354","amount":1000}
]"#;

/// Seeds that replace one of `SEEDS` for one endpoint's cases: approve and
/// deny act on the docs' order while the FDS challenges it, capture on the
/// same order while it is authorized.
const SEEDS_FOR: &[(&str, &str)] = &[
    (
        "approve",
        r#"{"provider":"midtrans","resource":"transaction","id":"testing-0.4555-1414741517","state":"challenge","amount":30000,"attributes":{"bank":"bni"}}"#,
    ),
    (
        "deny",
        r#"{"provider":"midtrans","resource":"transaction","id":"testing-0.4555-1414741517","state":"challenge","amount":30000,"attributes":{"bank":"bni"}}"#,
    ),
];

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn ir(spec: &Path) -> Ir {
    payspec_codegen_core::lower::load_dir(spec)
        .expect("the spec loads")
        .ir
}

/// The sandbox's credentials for the spec's cases: each provider's
/// `case_credentials:` (spec/README.md, "Conformance cases"), by the
/// environment variable each credential names. An `…_FILE` credential is
/// its file's path: the sandbox's half of a key pair where the spec says.
fn case_credentials(spec: &Path, ir: &Ir) -> Credentials {
    let mut credentials = Credentials::test();
    for p in &ir.providers {
        for case in &p.case_credentials {
            let decl = p
                .auth
                .recipes
                .credentials
                .iter()
                .find(|d| d.name == case.name)
                .expect("the lint refuses a case credential nobody declares");
            let value = match &case.sandbox_file {
                Some(file) => spec.join(file).display().to_string(),
                None => case.value.clone(),
            };
            credentials.set(decl.env.to_string(), value);
        }
    }
    credentials
}

/// A sandbox with the cases' credentials that accepts their fixed, old
/// timestamps.
fn sandbox(spec: &Path, ir: &Ir) -> InProcess {
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = case_credentials(spec, ir);
    opts.timestamp_tolerance = None;
    InProcess::new(&opts).expect("sandbox")
}

/// The spec's IR and a sandbox serving it.
fn setup() -> (Ir, InProcess) {
    let spec = spec_dir();
    let ir = ir(&spec);
    let sandbox = sandbox(&spec, &ir);
    (ir, sandbox)
}

/// Resets the sandbox and loads the seeds: each case on a fresh world
/// (cases share Request-Ids).
async fn fresh_world(sandbox: &InProcess, endpoint: &str) {
    let json = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    sandbox
        .handle("POST", "/_sandbox/reset", &[], Vec::new())
        .await;
    let seeded = sandbox
        .handle("POST", "/_sandbox/seed", &json, SEEDS.as_bytes().to_vec())
        .await;
    assert_eq!(seeded.status, 200, "seeds load");
    for (_, seed) in SEEDS_FOR.iter().filter(|(name, _)| *name == endpoint) {
        let seeded = sandbox
            .handle("POST", "/_sandbox/seed", &json, seed.as_bytes().to_vec())
            .await;
        assert_eq!(seeded.status, 200, "{endpoint} seed loads");
    }
}

/// Sends one request to a fresh, seeded world: the status and body of the
/// answer.
async fn send_fresh(
    sandbox: &InProcess,
    endpoint: &str,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> (u16, String) {
    fresh_world(sandbox, endpoint).await;
    let answer = sandbox.handle(method, path, headers, body).await;
    let body = answer.body.unwrap_or_default();
    (answer.status, String::from_utf8_lossy(&body).into_owned())
}

/// Sends a case's expected wire request to a fresh world, with the value
/// of header `altered` (if any) one character longer.
async fn send_wire(
    sandbox: &InProcess,
    endpoint: &str,
    wire: &WireSpec,
    altered: Option<&str>,
) -> (u16, String) {
    let headers: Vec<(String, String)> = wire
        .headers
        .iter()
        .map(
            |(k, v)| match altered.is_some_and(|a| k.eq_ignore_ascii_case(a)) {
                true => (k.clone(), format!("{v}0")),
                false => (k.clone(), v.clone()),
            },
        )
        .collect();
    let body = wire.body.clone().unwrap_or_default().into_bytes();
    let method = format!("{:?}", wire.method);
    send_fresh(sandbox, endpoint, &method, &wire.path, &headers, body).await
}

/// Every request case of the spec, with its provider and endpoint.
fn request_cases(ir: &Ir) -> impl Iterator<Item = (&Provider, &Endpoint, &Case)> {
    ir.providers.iter().flat_map(|p| {
        p.endpoints
            .iter()
            .flat_map(move |e| e.cases.iter().map(move |c| (p, e, c)))
    })
}

#[tokio::test]
async fn the_sandbox_accepts_every_expected_wire_request() {
    let (ir, sandbox) = setup();
    let mut sent = 0;
    let mut problems = Vec::new();
    for (p, e, case) in request_cases(&ir) {
        let Some(wire) = &case.spec.wire else {
            continue;
        };
        let (status, answer) = send_wire(&sandbox, &e.name, wire, None).await;
        sent += 1;
        if !(200..300).contains(&status) {
            problems.push(format!(
                "{}/{}/{}: {status} {answer}",
                p.name, e.name, case.spec.name
            ));
        }
    }
    assert!(sent >= 7, "only {sent} request cases");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The sandbox checks what the auth recipe writes: each expected wire
/// request with one of the recipe's headers altered (one character more)
/// is refused with a 4xx, where the untouched request succeeds (above).
#[tokio::test]
async fn the_sandbox_refuses_every_wire_request_with_an_altered_auth_header() {
    let (ir, sandbox) = setup();
    let mut sent = 0;
    let mut problems = Vec::new();
    for (p, e, case) in request_cases(&ir) {
        let Some(wire) = &case.spec.wire else {
            continue;
        };
        // The token endpoint is signed by the token flow's recipe, every
        // other call by the request recipe.
        let recipe = match &p.auth.recipes.token {
            Some(flow) if flow.endpoint == e.name => Some(&flow.request),
            _ => p.auth.recipes.request.as_ref(),
        };
        let recipe_headers = recipe.iter().flat_map(|r| r.headers.iter());
        for altered in recipe_headers {
            let (status, answer) = send_wire(&sandbox, &e.name, wire, Some(&altered.name)).await;
            sent += 1;
            if !(400..500).contains(&status) {
                problems.push(format!(
                    "{}/{}/{} with {} altered: {status} {answer}",
                    p.name, e.name, case.spec.name, altered.name
                ));
            }
        }
    }
    assert!(sent >= 20, "only {sent} altered requests");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The request a client without validation would send for `case`: its
/// body as written, signed with the provider's request recipe, the test
/// credentials and the case's fixed Request-Id and timestamp.
fn signed_request(
    p: &Provider,
    e: &Endpoint,
    case: &Case,
) -> (String, String, Vec<(String, String)>, Vec<u8>) {
    let c = &case.spec;
    let method = format!("{:?}", e.method.expect("an endpoint has a method"));
    let mut path = e.path.clone().expect("an endpoint has a path");
    for (name, value) in &c.request.path_params {
        let segment = payspec::client::PathParam::path_segment(value.as_str());
        path = path.replace(&format!("{{{name}}}"), &segment);
    }
    let body = c.request.body.clone().unwrap_or_default().into_bytes();
    let mut credentials = recipe::Credentials::new();
    for case in &p.case_credentials {
        credentials.insert(case.name.clone(), case.value.as_str());
    }
    let mut set = Vec::new();
    if let Some(id) = &c.request.request_id {
        set.push(("request_id", id.as_str()));
    }
    if let Some(ts) = &c.request.timestamp {
        set.push(("timestamp", ts.as_str()));
    }
    let mut cx = Context::new(&credentials);
    cx.set = &set;
    let message = Message {
        method: &method,
        target: &path,
        query: None,
        body: &body,
        has_body: !body.is_empty(),
    };
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    if let Some(recipe) = &p.auth.recipes.request {
        let signed = recipe::sign(&p.auth.recipes, recipe, &message, &cx).expect("signs");
        headers.extend(signed.headers);
    }
    for h in &p.request_headers {
        if let Some(value) = &h.fixed {
            headers.push((h.wire_name.clone(), value.clone()));
        }
    }
    (method, path, headers, body)
}

/// The client refuses a `validation` case before sending; the sandbox,
/// given the same body signed, refuses it as well, naming every JSON path
/// the case names.
#[tokio::test]
async fn the_sandbox_refuses_every_validation_case_at_the_same_paths() {
    let (ir, sandbox) = setup();
    let mut sent = 0;
    let mut problems = Vec::new();
    for (p, e, case) in request_cases(&ir) {
        let Some(error) = &case.spec.error else {
            continue;
        };
        if error.kind != CaseErrorKind::Validation {
            continue;
        }
        let (method, path, headers, body) = signed_request(p, e, case);
        let (status, answer) = send_fresh(&sandbox, &e.name, &method, &path, &headers, body).await;
        sent += 1;
        let at = format!("{}/{}/{}", p.name, e.name, case.spec.name);
        if status != 400 {
            problems.push(format!("{at}: {status} {answer}"));
        }
        for path in &error.paths {
            if !answer.contains(&format!("\"path\":\"{path}\"")) {
                problems.push(format!("{at}: the answer does not name `{path}`: {answer}"));
            }
        }
    }
    assert!(sent >= 3, "only {sent} validation cases");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The generated client against the sandbox: every request case, called
/// through the client's public API (the calls `payspec generate` writes,
/// shared with `tests/conformance.rs`), gets an answer the client accepts:
/// the sandbox's answer decodes, and where the provider signs its answers
/// (DOKU) the client verifies the sandbox's signature. Or the client
/// reports it as the spec's response cases say it reports an answer of
/// that shape (Midtrans' successful expiry, status_code "407", is
/// `Error::Api` with code 407 by a case of its own).
// The calls of notifications and their inputs are not used here.
#[allow(dead_code)]
mod through_the_client {
    use std::sync::Arc;
    use std::time::Duration;

    use payspec::client::CallOptions;
    use payspec::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
    use payspec::Error;
    use payspec_codegen_core::ir::{CaseErrorKind, Endpoint, Provider};
    use payspec_codegen_core::spec::model::{CaseNotificationSpec, CaseSpec};
    use payspec_sandbox::InProcess;
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::Value;

    use super::{fresh_world, request_cases, setup};

    include!("../../tests/support/case_inputs.rs");
    include!("../../generated/rust/conformance.rs");

    /// Hands each request to the in-process sandbox.
    struct ToSandbox(Arc<InProcess>);

    impl Transport for ToSandbox {
        fn send(
            &self,
            request: HttpRequest,
        ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(async move {
                let path = request
                    .url
                    .strip_prefix(BASE)
                    .expect("the runner's base URL")
                    .to_owned();
                let method = format!("{:?}", request.method).to_ascii_uppercase();
                let answer = self
                    .0
                    .handle(&method, &path, &request.headers, request.body)
                    .await;
                Ok(HttpResponse {
                    status: answer.status,
                    headers: answer.headers,
                    body: answer.body.unwrap_or_default(),
                })
            })
        }
    }

    /// The top-level member names of a JSON object.
    fn members(body: &Value) -> Vec<&str> {
        let mut names: Vec<&str> = body
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        names.sort_unstable();
        names
    }

    /// Whether one of `e`'s response cases expects exactly this API error
    /// for an answer of the same HTTP status and the same members as the
    /// one the sandbox gave.
    fn documented(e: &Endpoint, error: &Error) -> bool {
        let Error::Api(api) = error else {
            return false;
        };
        let answered = api.body_as::<Value>().unwrap_or_default();
        e.cases.iter().any(|c| {
            let (Some(response), Some(expected)) = (&c.spec.response, &c.spec.error) else {
                return false;
            };
            let body: Value = serde_json::from_str(&response.body).unwrap_or_default();
            expected.kind == CaseErrorKind::Api
                && response.status == api.status
                && expected.status == Some(api.status)
                && expected.code == api.code
                && members(&body) == members(&answered)
        })
    }

    #[tokio::test]
    async fn every_request_case_sent_by_the_client_gets_an_answer_it_accepts() {
        let (ir, sandbox) = setup();
        let sandbox = Arc::new(sandbox);
        let mut sent = 0;
        let mut problems = Vec::new();
        for (p, e, case) in request_cases(&ir) {
            if case.spec.wire.is_none() {
                continue;
            }
            fresh_world(&sandbox, &e.name).await;
            let inputs = CaseInputs {
                provider: p,
                case: &case.spec,
                transport: Arc::new(ToSandbox(sandbox.clone())),
            };
            let at = format!("{}/{}/{}", p.name, e.name, case.spec.name);
            match call_endpoint(&p.name, &e.name, &inputs).await {
                Some(Ok(_)) => {}
                Some(Err(error)) if documented(e, &error) => {}
                Some(Err(error)) => problems.push(format!("{at}: {error:?}")),
                None => problems.push(format!("{at}: no generated call")),
            }
            sent += 1;
        }
        assert!(sent >= 7, "only {sent} request cases");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
