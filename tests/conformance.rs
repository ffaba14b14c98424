//! Runs every conformance case of `spec/` (`cases:` on endpoints and
//! notifications) against the generated client: request cases must put
//! exactly the expected request on the wire (method, path, every header,
//! body bytes), response cases must decode the canned answer to the expected
//! value or fail with the expected error, validation cases must be refused
//! before anything is sent, and notification cases must be verified and
//! decoded or refused as the case says.
//!
//! The runner has no code per endpoint: the calls are generated from the
//! spec (`generated/rust/conformance.rs`, one arm per endpoint and
//! notification), and the cases are read from the spec at run time.
//!
//! The cases' expected signatures were computed with the test credentials
//! each provider's `case_credentials:` gives (spec/README.md, "Conformance
//! cases"); the runner configures every client with those.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use payspec::client::CallOptions;
use payspec::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use payspec::Error;
use payspec_codegen::ir::{Case, CaseErrorKind, Endpoint, EndpointKind, Ir, Provider};
use payspec_codegen::spec::model::{CaseErrorSpec, CaseNotificationSpec, CaseSpec};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

include!("../generated/rust/conformance.rs");

include!("support/case_inputs.rs");

fn ir() -> Ir {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    match payspec_codegen::lower::load_dir(&dir) {
        Ok(loaded) => loaded.ir,
        Err(problems) => panic!("spec/ does not load:\n{problems}"),
    }
}

/// Records every request and answers each with the case's canned response.
struct Capture {
    answer: HttpResponse,
    sent: Mutex<Vec<HttpRequest>>,
}

impl Transport for Capture {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(request);
        let answer = self.answer.clone();
        Box::pin(async move { Ok(answer) })
    }
}

/// Whether `error` is the error the case expects: its kind, and the
/// provider's status and code, the JSON path or the validation paths it
/// names.
fn error_matches(expected: &CaseErrorSpec, error: &Error) -> bool {
    match (expected.kind, error) {
        (CaseErrorKind::Validation, Error::Validation(errors)) => {
            errors.paths()
                == expected
                    .paths
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
        }
        (CaseErrorKind::Api, Error::Api(api)) => {
            expected.status.map_or(true, |s| s == api.status)
                && (expected.code.is_none() || expected.code == api.code)
        }
        (CaseErrorKind::Decode, Error::Decode { path, .. }) => {
            expected.path.as_ref().map_or(true, |p| p == path)
        }
        (CaseErrorKind::Signature, Error::SignatureMismatch(_)) => true,
        (CaseErrorKind::Stale, Error::StaleNotification { .. }) => true,
        _ => false,
    }
}

/// Compares an outcome with the case's `decoded` or `error`.
fn check_outcome(c: &CaseSpec, result: Result<Value, Error>, fail: &mut impl FnMut(String)) {
    match (&c.decoded, &c.error, result) {
        (Some(decoded), None, Ok(value)) => {
            let want: Value = serde_json::from_str(decoded).expect("decoded is JSON");
            if value != want {
                fail(format!("decoded {value}, expected {want}"));
            }
        }
        (None, Some(expected), Err(error)) => {
            if !error_matches(expected, &error) {
                fail(format!("error {error:?}, expected {expected:?}"));
            }
        }
        (_, _, outcome) => fail(format!("outcome {outcome:?} is not what the case expects")),
    }
}

/// What went wrong with one case of an endpoint, or nothing.
async fn run(p: &Provider, e: &Endpoint, case: &Case) -> Vec<String> {
    let c = &case.spec;
    let answer = match &c.response {
        Some(r) => HttpResponse {
            status: r.status,
            headers: r
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            body: r.body.as_bytes().to_vec(),
        },
        // A request case's answer does not matter; a refusal keeps response
        // signature checks out of the way.
        None => HttpResponse {
            status: 400,
            headers: Vec::new(),
            body: b"{}".to_vec(),
        },
    };
    let transport = Arc::new(Capture {
        answer,
        sent: Mutex::new(Vec::new()),
    });
    let inputs = CaseInputs {
        provider: p,
        case: c,
        transport: transport.clone(),
    };
    let result = call_endpoint(&p.name, &e.name, &inputs).await;
    let sent = transport.sent.lock().unwrap().clone();
    let mut problems = Vec::new();
    let mut fail = |what: String| {
        problems.push(format!("{}/{}/{}: {what}", p.name, e.name, c.name));
    };
    let Some(result) = result else {
        fail("no generated call: regenerate (`payspec generate`)".to_owned());
        return problems;
    };

    if let Some(wire) = &c.wire {
        let [request] = sent.as_slice() else {
            fail(format!("sent {} requests, not one", sent.len()));
            return problems;
        };
        let method = format!("{:?}", wire.method);
        if !format!("{:?}", request.method).eq_ignore_ascii_case(&method) {
            fail(format!("method {:?}, expected {method}", request.method));
        }
        let url = format!("{BASE}{}", wire.path);
        if request.url != url {
            fail(format!("url `{}`, expected `{url}`", request.url));
        }
        let lower = |headers: Vec<(String, String)>| {
            let mut out: Vec<(String, String)> = headers
                .into_iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v))
                .collect();
            out.sort();
            out
        };
        let got = lower(request.headers.clone());
        let want = lower(
            wire.headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        );
        if got != want {
            fail(format!("headers {got:?}, expected {want:?}"));
        }
        let body = wire.body.as_deref().unwrap_or_default().as_bytes();
        if request.body != body {
            fail(format!(
                "body `{}`, expected `{}`",
                String::from_utf8_lossy(&request.body),
                String::from_utf8_lossy(body)
            ));
        }
        return problems;
    }
    let validation = c
        .error
        .as_ref()
        .is_some_and(|err| err.kind == CaseErrorKind::Validation);
    if validation && !sent.is_empty() {
        fail(format!(
            "a refused request was sent ({} requests)",
            sent.len()
        ));
    }
    check_outcome(c, result, &mut fail);
    problems
}

/// What went wrong with one case of a notification, or nothing.
fn run_notification(p: &Provider, e: &Endpoint, case: &Case) -> Vec<String> {
    let c = &case.spec;
    let mut problems = Vec::new();
    let mut fail = |what: String| {
        problems.push(format!("{}/{}/{}: {what}", p.name, e.name, c.name));
    };
    let Some(notification) = &c.notification else {
        fail("no `notification` (the lint refuses this)".to_owned());
        return problems;
    };
    let mut headers = http::HeaderMap::new();
    for (name, value) in &notification.headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).expect("a header name");
        let value = http::HeaderValue::from_str(value).expect("a header value");
        headers.append(name, value);
    }
    let inputs = NotificationInputs {
        provider: p,
        notification,
        headers,
    };
    match verify_notification(&p.name, &e.name, &inputs) {
        Some(result) => check_outcome(c, result, &mut fail),
        None => fail("no generated verification: regenerate (`payspec generate`)".to_owned()),
    }
    problems
}

/// Every case of every endpoint and notification of `ir`: how many ran,
/// and what went wrong.
async fn run_all(ir: &Ir) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut ran = 0;
    for p in &ir.providers {
        for e in &p.endpoints {
            for case in &e.cases {
                problems.extend(match e.kind {
                    EndpointKind::Endpoint => run(p, e, case).await,
                    EndpointKind::Notification => run_notification(p, e, case),
                });
                ran += 1;
            }
        }
    }
    (ran, problems)
}

#[tokio::test]
async fn every_case_of_the_spec_holds_for_the_generated_client() {
    let ir = ir();
    let (ran, problems) = run_all(&ir).await;
    let notification_cases: usize = ir
        .providers
        .iter()
        .flat_map(|p| &p.endpoints)
        .filter(|e| e.kind == EndpointKind::Notification)
        .map(|e| e.cases.len())
        .sum();
    assert!(ran >= 60, "only {ran} cases");
    assert!(
        notification_cases >= 12,
        "only {notification_cases} notification cases"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The floor, for every endpoint and notification: at least three
/// cases, one of them an error path; an endpoint also has a request case.
/// The lint says the same (W006, W011): it finds nothing to warn about.
#[tokio::test]
async fn every_endpoint_and_notification_has_three_cases_one_an_error_path() {
    let ir = ir();
    for p in &ir.providers {
        for e in &p.endpoints {
            let at = format!("{}/{}", p.name, e.name);
            assert!(e.cases.len() >= 3, "{at}: {} cases", e.cases.len());
            assert!(
                e.cases.iter().any(|c| c.spec.error.is_some()),
                "{at}: no error path"
            );
            if e.kind == EndpointKind::Endpoint {
                assert!(
                    e.cases.iter().any(|c| c.spec.wire.is_some()),
                    "{at}: no request case"
                );
            }
        }
    }
    let warnings = payspec_codegen::lower::case_coverage(&ir);
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// A wrong expectation makes the runner fail: the runner is not vacuous.
#[tokio::test]
async fn a_wrong_expectation_is_reported() {
    let ir = ir();
    let p = ir.providers.iter().find(|p| p.name == "biller").unwrap();
    let e = &p.endpoints[0];
    let mut case = e
        .cases
        .iter()
        .find(|c| c.spec.wire.is_some())
        .unwrap()
        .clone();
    if let Some(wire) = &mut case.spec.wire {
        wire.headers.shift_remove("Cache-Control");
    }
    let problems = run(p, e, &case).await;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("headers"), "{problems:?}");
}

/// A notification case is checked too: one byte of a verified body changed
/// is refused, so the case's `decoded` is reported as not what happened,
/// and an expected error of the wrong kind is reported.
#[test]
fn a_wrong_notification_expectation_is_reported() {
    let ir = ir();
    let (p, e, verified) = ir
        .providers
        .iter()
        .flat_map(|p| p.endpoints.iter().map(move |e| (p, e)))
        .filter(|(_, e)| e.kind == EndpointKind::Notification)
        .find_map(|(p, e)| {
            // The tampering below edits `order_id`, which Midtrans signs;
            // a body without one (DOKU's) would come out unchanged.
            let case = e.cases.iter().find(|c| {
                c.spec.decoded.is_some()
                    && c.spec
                        .notification
                        .as_ref()
                        .is_some_and(|n| n.body.contains("\"order_id\":\""))
            })?;
            Some((p, e, case))
        })
        .expect("a notification case that decodes");
    assert!(run_notification(p, e, verified).is_empty());

    let mut tampered = verified.clone();
    let n = tampered.spec.notification.as_mut().unwrap();
    n.body = n.body.replacen("\"order_id\":\"", "\"order_id\":\"X", 1);
    assert_ne!(n.body, verified.spec.notification.as_ref().unwrap().body);
    let problems = run_notification(p, e, &tampered);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("SignatureMismatch"), "{problems:?}");

    let mut wrong_kind = tampered.clone();
    wrong_kind.spec.decoded = None;
    wrong_kind.spec.error = Some(CaseErrorSpec {
        kind: CaseErrorKind::Stale,
        status: None,
        code: None,
        path: None,
        paths: Vec::new(),
    });
    let problems = run_notification(p, e, &wrong_kind);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("expected"), "{problems:?}");
}
