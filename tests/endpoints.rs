//! Every generated endpoint method, called against a loopback server that
//! checks method, path, headers and authentication independently of
//! payspec's signing code (DOKU HMAC assembled by hand, Midtrans Basic,
//! biller KEY/TOKEN/VERSION with the JWT verified and its claims compared
//! with the body), answering with the docs' sample bodies taken from the
//! spec. The typed results must carry the samples' values.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use payspec_codegen::ir::Ir;
use serde_json::Value;

use common::{doku_signature, hmac_b64, is_utc_timestamp, serve};

const DOKU_CLIENT_ID: &str = "MCH-0001-10791114622547";
const DOKU_SECRET: &str = "SK-endpoint-test";
const RESPONSE_TIMESTAMP: &str = "2021-01-18T09:00:00Z";
const MIDTRANS_KEY: &str = "SB-Mid-server-endpoint-test";
const BILLER_KEY: &str = "biller-api-key";
const BILLER_TOKEN_SECRET: &str = "biller-token-secret";

fn ir() -> Ir {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    match payspec_codegen::lower::load_dir(&dir) {
        Ok(loaded) => loaded.ir,
        Err(problems) => panic!("spec/ does not load:\n{problems}"),
    }
}

/// The first docs sample of struct `name` of `provider`, as the docs print it.
fn sample(ir: &Ir, provider: &str, name: &str) -> String {
    let p = ir.providers.iter().find(|p| p.name == provider).unwrap();
    let s = p.structs.iter().find(|s| s.name == name).unwrap();
    s.examples
        .first()
        .unwrap_or_else(|| panic!("{provider} {name} has no sample"))
        .json
        .clone()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// How the fake provider authenticates requests.
#[derive(Clone, Copy)]
enum Auth {
    Doku,
    Midtrans,
    Biller,
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    path: String,
    body: Vec<u8>,
}

struct Fake {
    auth: Auth,
    /// Path → response body.
    answers: HashMap<String, String>,
    seen: Mutex<Vec<Seen>>,
    problems: Mutex<Vec<String>>,
}

impl Fake {
    fn problem(&self, p: String) {
        self.problems.lock().unwrap().push(p);
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn handle(
    State(fake): State<Arc<Fake>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    fake.seen.lock().unwrap().push(Seen {
        method: method.clone(),
        path: path.clone(),
        body: body.to_vec(),
    });
    if header(&headers, "Accept") != "application/json" {
        fake.problem(format!("{path}: Accept"));
    }
    if method == Method::POST
        && !body.is_empty()
        && header(&headers, "Content-Type") != "application/json"
    {
        fake.problem(format!("{path}: Content-Type"));
    }
    let Some(answer) = fake.answers.get(&path).cloned() else {
        fake.problem(format!("unexpected path {path}"));
        return (StatusCode::NOT_FOUND, "{}").into_response();
    };
    match fake.auth {
        Auth::Doku => doku(&fake, &path, &headers, &body, answer),
        Auth::Midtrans => {
            let expected = format!("Basic {}", STANDARD.encode(format!("{MIDTRANS_KEY}:")));
            if header(&headers, "Authorization") != expected {
                fake.problem(format!("{path}: Authorization"));
            }
            (StatusCode::OK, answer).into_response()
        }
        Auth::Biller => {
            biller(&fake, &path, &headers, &body);
            (StatusCode::OK, answer).into_response()
        }
    }
}

/// Checks the DOKU request signature (assembled by hand) and signs the answer.
fn doku(fake: &Fake, path: &str, headers: &HeaderMap, body: &[u8], answer: String) -> Response {
    let request_id = header(headers, "Request-Id").to_owned();
    let timestamp = header(headers, "Request-Timestamp");
    if header(headers, "Client-Id") != DOKU_CLIENT_ID {
        fake.problem(format!("{path}: Client-Id"));
    }
    if request_id.is_empty() || !is_utc_timestamp(timestamp) {
        fake.problem(format!("{path}: Request-Id or Request-Timestamp"));
    }
    let expected = doku_signature(
        DOKU_SECRET,
        DOKU_CLIENT_ID,
        &request_id,
        &format!("Request-Timestamp:{timestamp}"),
        path,
        Some(body),
    );
    if header(headers, "Signature") != expected {
        fake.problem(format!("{path}: Signature"));
    }
    let signature = doku_signature(
        DOKU_SECRET,
        DOKU_CLIENT_ID,
        &request_id,
        &format!("Response-Timestamp:{RESPONSE_TIMESTAMP}"),
        path,
        Some(answer.as_bytes()),
    );
    let mut response = (StatusCode::OK, answer).into_response();
    let h = response.headers_mut();
    h.insert("Client-Id", HeaderValue::from_static(DOKU_CLIENT_ID));
    h.insert("Request-Id", HeaderValue::from_str(&request_id).unwrap());
    h.insert(
        "Response-Timestamp",
        HeaderValue::from_static(RESPONSE_TIMESTAMP),
    );
    h.insert("Signature", HeaderValue::from_str(&signature).unwrap());
    response
}

/// Checks KEY, VERSION and the TOKEN JWT: HS256 over header.payload, with
/// the request body as its claims.
fn biller(fake: &Fake, path: &str, headers: &HeaderMap, body: &[u8]) {
    if header(headers, "KEY") != BILLER_KEY {
        fake.problem(format!("{path}: KEY"));
    }
    if header(headers, "VERSION") != "2.0" {
        fake.problem(format!("{path}: VERSION"));
    }
    let token = header(headers, "TOKEN");
    let parts: Vec<&str> = token.split('.').collect();
    let [head, claims, signature] = parts.as_slice() else {
        fake.problem(format!("{path}: TOKEN is not a JWT"));
        return;
    };
    let expected = hmac_b64(BILLER_TOKEN_SECRET, &format!("{head}.{claims}"));
    let expected = URL_SAFE_NO_PAD.encode(STANDARD.decode(expected).unwrap());
    if *signature != expected {
        fake.problem(format!("{path}: TOKEN signature"));
    }
    if URL_SAFE_NO_PAD.decode(head).ok().as_deref()
        != Some(br#"{"alg":"HS256","typ":"JWT"}"#.as_slice())
    {
        fake.problem(format!("{path}: TOKEN header"));
    }
    if URL_SAFE_NO_PAD.decode(claims).ok().as_deref() != Some(body) {
        fake.problem(format!("{path}: TOKEN claims are not the body"));
    }
}

async fn fake(auth: Auth, answers: &[(&str, String)]) -> (common::Server, Arc<Fake>) {
    let fake = Arc::new(Fake {
        auth,
        answers: answers
            .iter()
            .map(|(path, body)| ((*path).to_owned(), body.clone()))
            .collect(),
        seen: Mutex::new(Vec::new()),
        problems: Mutex::new(Vec::new()),
    });
    let router = Router::new().fallback(handle).with_state(fake.clone());
    (serve(router).await, fake)
}

/// The last request seen: method, path and body as JSON (`Null` if empty).
fn last(fake: &Fake) -> (Method, String, Value) {
    let seen = fake
        .seen
        .lock()
        .unwrap()
        .last()
        .cloned()
        .expect("a request");
    let body = if seen.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&seen.body).unwrap()
    };
    (seen.method, seen.path, body)
}

/// The path of the generated registry entry `name`, so the test follows
/// the spec rather than repeating it.
fn path_of(endpoints: &[payspec::registry::EndpointInfo], name: &str) -> &'static str {
    endpoints
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| e.path)
        .unwrap_or_else(|| panic!("no endpoint {name}"))
}

#[tokio::test]
async fn every_doku_endpoint_is_signed_sent_verified_and_typed() {
    use payspec::doku::cards::{
        CaptureRequest, DeleteTokenStatus, DeleteTokenizationRequest, PaymentPageRequest,
        RefundRequest,
    };
    use payspec::doku::checkout::{CancelOrderOrder, CancelOrderPayment, CancelOrderRequest};
    use payspec::doku::{CallOptions, Client, Config, ENDPOINTS};

    let ir = ir();
    let doku_sample = |name: &str| sample(&ir, "doku", name);
    let capture = path_of(ENDPOINTS, "card_capture");
    let delete = path_of(ENDPOINTS, "card_delete_token");
    let page = path_of(ENDPOINTS, "card_payment_page");
    let refund = path_of(ENDPOINTS, "card_refund");
    let cancel = path_of(ENDPOINTS, "cancel_order");
    let (server, fake) = fake(
        Auth::Doku,
        &[
            (capture, doku_sample("CaptureResponse")),
            (delete, doku_sample("DeleteTokenizationResponse")),
            (page, doku_sample("PaymentPageResponse")),
            (refund, doku_sample("RefundResponse")),
            // The Checkout docs show no cancel-order response body.
            (cancel, "{}".to_owned()),
        ],
    )
    .await;
    let doku = Client::new(Config::new(&server.base_url, DOKU_CLIENT_ID, DOKU_SECRET));
    let post = |path: &str, body: &str| (Method::POST, path.to_owned(), json(body));

    let request: CaptureRequest = serde_json::from_str(&doku_sample("CaptureRequest")).unwrap();
    let captured = doku.card_capture(&request).await.unwrap();
    assert_eq!(last(&fake), post(capture, &doku_sample("CaptureRequest")));
    let expected = json(&doku_sample("CaptureResponse"));
    assert_eq!(
        captured.order.invoice_number,
        expected["order"]["invoice_number"]
    );
    assert_eq!(serde_json::to_value(&captured).unwrap(), expected);

    let request: DeleteTokenizationRequest =
        serde_json::from_str(&doku_sample("DeleteTokenizationRequest")).unwrap();
    let deleted = doku.card_delete_token(&request).await.unwrap();
    assert_eq!(
        last(&fake),
        post(delete, &doku_sample("DeleteTokenizationRequest"))
    );
    assert_eq!(deleted.status, DeleteTokenStatus::DeleteSuccess);

    let request: PaymentPageRequest =
        serde_json::from_str(&doku_sample("PaymentPageRequest")).unwrap();
    let payment_page = doku.card_payment_page(&request).await.unwrap();
    assert_eq!(last(&fake), post(page, &doku_sample("PaymentPageRequest")));
    let expected = json(&doku_sample("PaymentPageResponse"));
    assert_eq!(
        payment_page.credit_card_payment_page.url,
        expected["credit_card_payment_page"]["url"]
    );
    assert_eq!(serde_json::to_value(&payment_page).unwrap(), expected);

    // The `_with` variant sends the caller's Request-Id.
    let request: RefundRequest = serde_json::from_str(&doku_sample("RefundRequest")).unwrap();
    let options = CallOptions::new().request_id("refund-INV-20210118-0001");
    let refunded = doku.card_refund_with(&request, &options).await.unwrap();
    assert_eq!(last(&fake), post(refund, &doku_sample("RefundRequest")));
    let expected = json(&doku_sample("RefundResponse"));
    assert_eq!(refunded.refund.amount.0, expected["refund"]["amount"]);
    assert_eq!(serde_json::to_value(&refunded).unwrap(), expected);

    let request = CancelOrderRequest::new(
        CancelOrderOrder::new("INV-20210118-0001"),
        CancelOrderPayment::new("req-0001"),
        "customer asked",
    );
    doku.cancel_order(&request).await.unwrap();
    let (method, path, body) = last(&fake);
    assert_eq!((method, path.as_str()), (Method::POST, cancel));
    assert_eq!(body, serde_json::to_value(&request).unwrap());
    assert_eq!(body["order"]["invoice_number"], "INV-20210118-0001");

    assert_eq!(*fake.problems.lock().unwrap(), Vec::<String>::new());
    assert_eq!(fake.seen.lock().unwrap().len(), 5);
}

#[tokio::test]
async fn midtrans_cancel_takes_a_transaction_ref_and_is_typed() {
    use payspec::midtrans::{Client, Config, TransactionRef, TransactionStatus};

    let ir = ir();
    let answer = sample(&ir, "midtrans", "CancelResponse");
    let expected = json(&answer);
    let order_id = expected["order_id"].as_str().unwrap().to_owned();
    let transaction_id = expected["transaction_id"].as_str().unwrap().to_owned();
    let by_order = format!("/v2/{order_id}/cancel");
    let by_id = format!("/v2/{transaction_id}/cancel");
    let (server, fake) = fake(
        Auth::Midtrans,
        &[(&by_order, answer.clone()), (&by_id, answer.clone())],
    )
    .await;
    let mt = Client::new(Config::new(&server.base_url, MIDTRANS_KEY));

    let cancelled = mt
        .cancel(TransactionRef::OrderId(order_id.clone()))
        .await
        .unwrap();
    assert_eq!(last(&fake), (Method::POST, by_order, Value::Null));
    assert_eq!(
        cancelled.transaction_status,
        Some(TransactionStatus::Cancel)
    );
    assert_eq!(cancelled.order_id.as_deref(), Some(order_id.as_str()));
    assert_eq!(serde_json::to_value(&cancelled).unwrap(), expected);

    mt.cancel(TransactionRef::TransactionId(transaction_id))
        .await
        .unwrap();
    assert_eq!(last(&fake), (Method::POST, by_id, Value::Null));
    assert_eq!(*fake.problems.lock().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn biller_cancel_sends_key_token_version_and_returns_the_data() {
    use payspec::biller::bill::BillCancelRequest;
    use payspec::biller::{Client, Config, ENDPOINTS};

    let ir = ir();
    let path = path_of(ENDPOINTS, "bill_cancel");
    let answer = sample(&ir, "biller", "BillCancelResult");
    let (server, fake) = fake(Auth::Biller, &[(path, answer.clone())]).await;
    let biller = Client::new(Config::new(
        &server.base_url,
        BILLER_KEY,
        BILLER_TOKEN_SECRET,
    ));
    let request_sample = sample(&ir, "biller", "BillCancelRequest");
    let request: BillCancelRequest = serde_json::from_str(&request_sample).unwrap();
    let data = biller
        .bill_cancel(&request)
        .await
        .unwrap()
        .expect("the sample carries data");
    assert_eq!(
        last(&fake),
        (Method::POST, path.to_owned(), json(&request_sample))
    );
    let expected = json(&answer)["data"].clone();
    assert_eq!(data.ref_number.as_deref(), expected["refNumber"].as_str());
    assert_eq!(data.amount.map(|a| a.0), expected["amount"].as_i64());
    // The sample's number 0 is kept as text (spec: also_accepts integer).
    assert_eq!(data.transaction_id.as_deref(), Some("0"));
    assert_eq!(*fake.problems.lock().unwrap(), Vec::<String>::new());
}

#[test]
fn config_constructors_follow_the_spec_environments() {
    for env in [
        payspec::doku::Environment::Sandbox,
        payspec::doku::Environment::Production,
    ] {
        let url = env.base_url().to_owned();
        let config = payspec::doku::Config::for_environment(env, DOKU_CLIENT_ID, DOKU_SECRET);
        assert_eq!(config.base_url(), url);
    }
    assert_eq!(
        payspec::doku::Config::sandbox(DOKU_CLIENT_ID, DOKU_SECRET).base_url(),
        "https://api-sandbox.doku.com"
    );
    assert_eq!(
        payspec::doku::Config::production(DOKU_CLIENT_ID, DOKU_SECRET).base_url(),
        "https://api.doku.com"
    );
    let custom = payspec::biller::Config::for_environment(
        payspec::biller::Environment::Custom("https://biller.example".into()),
        BILLER_KEY,
        BILLER_TOKEN_SECRET,
    );
    assert_eq!(custom.base_url(), "https://biller.example");
    assert!(!format!("{custom:?}").contains(BILLER_TOKEN_SECRET));
}
