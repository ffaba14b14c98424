//! Runs every conformance case of `spec/` (`cases:` on endpoints) against
//! the generated client methods through a capturing transport: request
//! cases must put exactly the expected request on the wire (method, path,
//! every header, body bytes), response cases must decode the canned answer
//! to the expected value or fail with the expected error, and validation
//! cases must be refused before anything is sent.
//!
//! The cases' expected signatures were computed with the sandbox's test
//! credentials (below); spec/README.md, "Conformance cases", says so.

use std::sync::{Arc, Mutex};

use payspec::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use payspec::Error;
use payspec_codegen::ir::{Case, CaseErrorKind, Endpoint, Ir, Provider};
use payspec_codegen::spec::model::CaseSpec;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const DOKU_CLIENT_ID: &str = "MCH-SANDBOX-0001";
const DOKU_SECRET_KEY: &str = "SK-sandbox-secret";
const MIDTRANS_SERVER_KEY: &str = "SB-Mid-server-sandbox";
const BILLER_API_KEY: &str = "biller-sandbox-key";
const BILLER_TOKEN_SECRET: &str = "biller-sandbox-token-secret";
const BASE: &str = "https://conformance.invalid";

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

/// The case's request body decoded as the endpoint's request type.
fn body<T: DeserializeOwned>(c: &CaseSpec) -> T {
    let text = c
        .request
        .body
        .as_deref()
        .expect("the case gives request.body");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: request.body: {e}", c.name))
}

fn param<'c>(c: &'c CaseSpec, name: &str) -> &'c str {
    c.request
        .path_params
        .get(name)
        .unwrap_or_else(|| panic!("{}: no path parameter {name}", c.name))
}

fn json<T: Serialize>(result: Result<T, Error>) -> Result<Value, Error> {
    result.map(|v| serde_json::to_value(v).expect("serialises"))
}

/// Calls the generated method of `endpoint` with the case's inputs.
async fn invoke(
    provider: &str,
    endpoint: &str,
    c: &CaseSpec,
    transport: Arc<Capture>,
) -> Result<Value, Error> {
    use payspec::client::CallOptions;
    match provider {
        "doku" => {
            let mut config = payspec::doku::Config::new(BASE, DOKU_CLIENT_ID, DOKU_SECRET_KEY);
            if let Some(ts) = &c.request.timestamp {
                config = config.fixed_timestamp(ts.clone());
            }
            let client = payspec::doku::Client::with_transport(config, transport);
            let mut options = CallOptions::new();
            if let Some(id) = &c.request.request_id {
                options = options.request_id(id.clone());
            }
            match endpoint {
                "card_refund" => json(client.card_refund_with(&body(c), &options).await),
                "card_capture" => json(client.card_capture_with(&body(c), &options).await),
                "card_delete_token" => {
                    json(client.card_delete_token_with(&body(c), &options).await)
                }
                "card_payment_page" => {
                    json(client.card_payment_page_with(&body(c), &options).await)
                }
                "cancel_order" => json(client.cancel_order_with(&body(c), &options).await),
                other => panic!("the conformance runner has no arm for doku `{other}`"),
            }
        }
        "midtrans" => {
            let config = payspec::midtrans::Config::new(BASE, MIDTRANS_SERVER_KEY);
            let client = payspec::midtrans::Client::with_transport(config, transport);
            match endpoint {
                "cancel" => json(client.cancel(param(c, "id")).await),
                "charge" => json(client.charge(&body(c)).await),
                "get_status" => json(client.get_status(param(c, "id")).await),
                "capture" => json(client.capture(&body(c)).await),
                "refund" => json(client.refund(param(c, "id"), &body(c)).await),
                "direct_refund" => json(client.direct_refund(param(c, "id"), &body(c)).await),
                "expire" => json(client.expire(param(c, "id")).await),
                "approve" => json(client.approve(param(c, "id")).await),
                "deny" => json(client.deny(param(c, "id")).await),
                other => panic!("the conformance runner has no arm for midtrans `{other}`"),
            }
        }
        "biller" => {
            let config = payspec::biller::Config::new(BASE, BILLER_API_KEY, BILLER_TOKEN_SECRET);
            let client = payspec::biller::Client::with_transport(config, transport);
            match endpoint {
                "bill_cancel" => json(client.bill_cancel(&body(c)).await),
                other => panic!("the conformance runner has no arm for biller `{other}`"),
            }
        }
        other => panic!("no provider `{other}`"),
    }
}

/// What went wrong with one case, or nothing.
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
        // A request case's answer does not matter; a refusal keeps DOKU's
        // response check out of the way.
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
    let result = invoke(&p.name, &e.name, c, transport.clone()).await;
    let sent = transport.sent.lock().unwrap().clone();
    let mut problems = Vec::new();
    let mut fail = |what: String| problems.push(format!("{}/{}: {what}", e.name, c.name));

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
        let mut got: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect();
        let mut want: Vec<(String, String)> = wire
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect();
        got.sort();
        want.sort();
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

    match (&c.decoded, &c.error, result) {
        (Some(decoded), None, Ok(value)) => {
            let want: Value = serde_json::from_str(decoded).expect("decoded is JSON");
            if value != want {
                fail(format!("decoded {value}, expected {want}"));
            }
        }
        (None, Some(expected), Err(error)) => {
            let matched = match (expected.kind, &error) {
                (CaseErrorKind::Validation, Error::Validation(errors)) => {
                    errors.paths()
                        == expected
                            .paths
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                        && sent.is_empty()
                }
                (CaseErrorKind::Api, Error::Api(api)) => {
                    expected.status.map_or(true, |s| s == api.status)
                        && (expected.code.is_none() || expected.code == api.code)
                }
                (CaseErrorKind::Decode, Error::Decode { path, .. }) => {
                    expected.path.as_ref().map_or(true, |p| p == path)
                }
                (CaseErrorKind::Signature, Error::SignatureMismatch(_)) => true,
                _ => false,
            };
            if !matched {
                fail(format!("error {error:?}, expected {expected:?}"));
            }
        }
        (_, _, outcome) => fail(format!("outcome {outcome:?} is not what the case expects")),
    }
    problems
}

#[tokio::test]
async fn every_case_of_the_spec_holds_for_the_generated_client() {
    let ir = ir();
    let mut problems = Vec::new();
    let mut ran = 0;
    for p in &ir.providers {
        for e in &p.endpoints {
            for case in &e.cases {
                problems.extend(run(p, e, case).await);
                ran += 1;
            }
        }
    }
    assert!(ran >= 20, "only {ran} cases");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn every_endpoint_has_three_cases_one_an_error_path() {
    let ir = ir();
    for p in &ir.providers {
        for e in &p.endpoints {
            if e.kind != payspec_codegen::ir::EndpointKind::Endpoint {
                continue;
            }
            assert!(
                e.cases.len() >= 3,
                "{}/{}: {} cases",
                p.name,
                e.name,
                e.cases.len()
            );
            assert!(
                e.cases.iter().any(|c| c.spec.error.is_some()),
                "{}/{}: no error path",
                p.name,
                e.name
            );
            assert!(
                e.cases.iter().any(|c| c.spec.wire.is_some()),
                "{}/{}: no request case",
                p.name,
                e.name
            );
        }
    }
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
