//! The generated DOKU client (`card_refund` on the real generated types)
//! against a loopback server that checks every header and
//! signature independently and signs its responses as DOKU does.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use payspec::client::Call;
use payspec::doku::cards::{
    RefundFailure, RefundRequest, RefundRequestOrder, RefundRequestPayment, RefundRequestRefund,
    RefundStatus, RefundType,
};
use payspec::doku::{CallOptions, Client, Config, ResponseVerification};
use payspec::money::Idr;
use payspec::retry::RetryPolicy;
use payspec::Error;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::{doku_signature, is_utc_timestamp, refused_url, serve};

const CLIENT_ID: &str = "MCH-0001-10791114622547";
const SECRET_KEY: &str = "SK-hCJ42G28TA0MKG9LE2E_1";
const REFUND_PATH: &str = "/cancellation/credit-card/refund";
const STATUS_PATH: &str = "/orders/v1/status/INV-20210118-0001";
const RESPONSE_TIMESTAMP: &str = "2020-08-11T08:45:42Z";

/// The docs' successful refund response body, verbatim.
const REFUND_SUCCESS: &str = r#"{
"order": {
"invoice_number": "INV-20210118-0001"
},
"payment": {
"original_request_id": "b266c265-3d61-4708-9860-c0d5b9a98f8c"
},
"refund": {
"amount": 90000,
"type": "FULL_REFUND",
"status": "SUCCESS",
"message": "Approved",
"approval_code": "12321"
}
}"#;

/// The docs' failed refund response body, verbatim.
const REFUND_FAILED: &str = r#"{
"order": {
"invoice_number": "saweran_rest_api_2"
},
"payment": {
"original_request_id": "5450"
},
"refund": {
"amount": 20000,
"reason": "REFUND TEST",
"type": "FULL_REFUND",
"status": "FAILED"
},
"error": {
"code": "PAYMENT_FAILED",
"message": "Total Refund amount is Bigger than Original Transaction",
"type": "Payment Failed"
}
}"#;

fn refund_request() -> RefundRequest {
    RefundRequest::new(
        RefundRequestOrder::new("INV-20210118-0001"),
        RefundRequestPayment::new("b266c265-3d61-4708-9860-c0d5b9a98f8c"),
        RefundRequestRefund::new(Idr(90000)),
    )
}

/// How the fake DOKU answers a refund it has just processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    /// Records the refund, then answers 503 the first time.
    ProcessThen503,
    BadSignature,
    Unsigned,
    Malformed,
    ProviderError,
    Slow,
}

struct Doku {
    mode: Mode,
    requests: AtomicUsize,
    /// Header or signature problems found in requests; must stay empty.
    problems: Mutex<Vec<String>>,
    /// Request-Ids of every attempt, in order.
    seen_ids: Mutex<Vec<String>>,
    /// Request-Ids of refunds actually performed.
    refunds: Mutex<Vec<String>>,
    /// Request-Id → (request body, original response body), for 409 replays.
    originals: Mutex<HashMap<String, (Vec<u8>, String)>>,
}

impl Doku {
    fn new(mode: Mode) -> Arc<Self> {
        Arc::new(Doku {
            mode,
            requests: AtomicUsize::new(0),
            problems: Mutex::new(Vec::new()),
            seen_ids: Mutex::new(Vec::new()),
            refunds: Mutex::new(Vec::new()),
            originals: Mutex::new(HashMap::new()),
        })
    }

    fn problems(&self) -> Vec<String> {
        self.problems.lock().unwrap().clone()
    }

    /// Checks the DOKU headers and signature; returns the Request-Id.
    fn check(&self, headers: &HeaderMap, target: &str, body: Option<&[u8]>) -> String {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let mut problems = self.problems.lock().unwrap();
        if header("Client-Id") != CLIENT_ID {
            problems.push(format!("Client-Id {:?}", header("Client-Id")));
        }
        let request_id = header("Request-Id");
        if request_id.is_empty() || request_id.len() > 128 {
            problems.push(format!("Request-Id {request_id:?}"));
        }
        let timestamp = header("Request-Timestamp");
        if !is_utc_timestamp(&timestamp) {
            problems.push(format!("Request-Timestamp {timestamp:?}"));
        }
        let expected = doku_signature(
            SECRET_KEY,
            CLIENT_ID,
            &request_id,
            &format!("Request-Timestamp:{timestamp}"),
            target,
            body,
        );
        if header("Signature") != expected {
            problems.push(format!("Signature for {target}"));
        }
        if body.is_some() && header("Content-Type") != "application/json" {
            problems.push(format!("Content-Type {:?}", header("Content-Type")));
        }
        request_id
    }
}

/// A response signed as DOKU signs it.
fn signed(status: StatusCode, request_id: &str, target: &str, body: String, key: &str) -> Response {
    let signature = doku_signature(
        key,
        CLIENT_ID,
        request_id,
        &format!("Response-Timestamp:{RESPONSE_TIMESTAMP}"),
        target,
        Some(body.as_bytes()),
    );
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert("Content-Type", HeaderValue::from_static("application/json"));
    headers.insert("Client-Id", HeaderValue::from_static(CLIENT_ID));
    headers.insert("Request-Id", HeaderValue::from_str(request_id).unwrap());
    headers.insert(
        "Response-Timestamp",
        HeaderValue::from_static(RESPONSE_TIMESTAMP),
    );
    headers.insert("Signature", HeaderValue::from_str(&signature).unwrap());
    response
}

async fn refund(State(doku): State<Arc<Doku>>, headers: HeaderMap, body: Bytes) -> Response {
    doku.requests.fetch_add(1, Ordering::SeqCst);
    let request_id = doku.check(&headers, REFUND_PATH, Some(&body));
    doku.seen_ids.lock().unwrap().push(request_id.clone());
    let replay = doku.originals.lock().unwrap().get(&request_id).cloned();
    if let Some((original_body, original_response)) = replay {
        if original_body == body.as_ref() {
            return signed(
                StatusCode::CONFLICT,
                &request_id,
                REFUND_PATH,
                original_response,
                SECRET_KEY,
            );
        }
        return (
            StatusCode::BAD_REQUEST,
            r#"{"error":{"code":"DUPLICATE_REQUEST_ID"}}"#,
        )
            .into_response();
    }
    doku.refunds.lock().unwrap().push(request_id.clone());
    doku.originals.lock().unwrap().insert(
        request_id.clone(),
        (body.to_vec(), REFUND_SUCCESS.to_owned()),
    );
    let ok = |key: &str| {
        signed(
            StatusCode::OK,
            &request_id,
            REFUND_PATH,
            REFUND_SUCCESS.to_owned(),
            key,
        )
    };
    match doku.mode {
        Mode::Normal => ok(SECRET_KEY),
        Mode::ProcessThen503 => {
            (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response()
        }
        Mode::BadSignature => ok("SK-someone-else"),
        Mode::Unsigned => (StatusCode::OK, REFUND_SUCCESS).into_response(),
        Mode::Malformed => {
            let body =
                REFUND_SUCCESS.replace("\"amount\": 90000", "\"amount\": \"4111111111111111\"");
            signed(StatusCode::OK, &request_id, REFUND_PATH, body, SECRET_KEY)
        }
        Mode::ProviderError => signed(
            StatusCode::BAD_REQUEST,
            &request_id,
            REFUND_PATH,
            REFUND_FAILED.to_owned(),
            SECRET_KEY,
        ),
        Mode::Slow => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            ok(SECRET_KEY)
        }
    }
}

async fn status(State(doku): State<Arc<Doku>>, headers: HeaderMap, body: Bytes) -> Response {
    doku.requests.fetch_add(1, Ordering::SeqCst);
    if !body.is_empty() {
        doku.problems.lock().unwrap().push("GET with a body".into());
    }
    let request_id = doku.check(&headers, STATUS_PATH, None);
    signed(
        StatusCode::OK,
        &request_id,
        STATUS_PATH,
        r#"{"order":{"invoice_number":"INV-20210118-0001"},"transaction":{"status":"SUCCESS"}}"#
            .to_owned(),
        SECRET_KEY,
    )
}

async fn fake_doku(mode: Mode) -> (common::Server, Arc<Doku>) {
    let doku = Doku::new(mode);
    let router = Router::new()
        .route(REFUND_PATH, post(refund))
        .route(STATUS_PATH, get(status))
        .with_state(doku.clone());
    (serve(router).await, doku)
}

fn client(base_url: &str) -> Client {
    Client::new(Config::new(base_url, CLIENT_ID, SECRET_KEY))
}

#[tokio::test]
async fn refund_is_signed_sent_verified_and_typed() {
    let (server, doku) = fake_doku(Mode::Normal).await;
    let refund = client(&server.base_url)
        .card_refund(&refund_request())
        .await
        .unwrap();
    assert_eq!(refund.refund.status, RefundStatus::Success);
    assert_eq!(refund.refund.r#type, RefundType::FullRefund);
    assert_eq!(refund.refund.amount, Idr(90000));
    assert_eq!(refund.refund.approval_code.as_deref(), Some("12321"));
    assert_eq!(refund.order.invoice_number, "INV-20210118-0001");
    assert_eq!(
        refund.payment.original_request_id,
        "b266c265-3d61-4708-9860-c0d5b9a98f8c"
    );
    assert_eq!(doku.problems(), Vec::<String>::new());
    let ids = doku.seen_ids.lock().unwrap().clone();
    assert_eq!(ids.len(), 1);
    assert!(
        uuid::Uuid::parse_str(&ids[0]).is_ok_and(|u| u.get_version_num() == 4),
        "{ids:?}"
    );
}

#[tokio::test]
async fn caller_supplied_request_id_is_sent_and_checked() {
    let (server, doku) = fake_doku(Mode::Normal).await;
    let client = client(&server.base_url);
    let options = CallOptions::new().request_id("refund-INV-20210118-0001-1");
    client
        .card_refund_with(&refund_request(), &options)
        .await
        .unwrap();
    assert_eq!(
        *doku.seen_ids.lock().unwrap(),
        ["refund-INV-20210118-0001-1"]
    );

    let too_long = CallOptions::new().request_id("r".repeat(129));
    let err = client
        .card_refund_with(&refund_request(), &too_long)
        .await
        .unwrap_err();
    match err {
        Error::Validation(errors) => assert_eq!(errors.paths(), ["Request-Id"]),
        other => panic!("expected a validation error, got {other}"),
    }
    assert_eq!(
        doku.requests.load(Ordering::SeqCst),
        1,
        "the bad Request-Id was not sent"
    );
}

#[tokio::test]
async fn get_is_signed_without_digest() {
    let (server, doku) = fake_doku(Mode::Normal).await;
    let status: serde_json::Value = client(&server.base_url)
        .call_empty(Call::get("check_status", STATUS_PATH))
        .await
        .unwrap();
    assert_eq!(status["transaction"]["status"], "SUCCESS");
    assert_eq!(doku.problems(), Vec::<String>::new());
    assert_eq!(doku.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn invalid_request_is_refused_without_a_call() {
    let (server, doku) = fake_doku(Mode::Normal).await;
    // The spec's only check on a refund request: original_request_id is at
    // most 128 characters.
    let mut request = refund_request();
    request.payment.original_request_id = "r".repeat(129);
    let err = client(&server.base_url)
        .card_refund(&request)
        .await
        .unwrap_err();
    match &err {
        Error::Validation(errors) => {
            assert_eq!(errors.paths(), ["payment.original_request_id"])
        }
        other => panic!("expected a validation error, got {other}"),
    }
    assert!(err.to_string().contains("fix these fields"), "{err}");
    assert_eq!(doku.requests.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn provider_error_keeps_code_message_and_body() {
    let (server, _doku) = fake_doku(Mode::ProviderError).await;
    let err = client(&server.base_url)
        .card_refund(&refund_request())
        .await
        .unwrap_err();
    let Error::Api(api) = err else {
        panic!("expected an API error, got {err}")
    };
    assert_eq!(api.status, 400);
    assert_eq!(api.code.as_deref(), Some("PAYMENT_FAILED"));
    assert_eq!(
        api.message.as_deref(),
        Some("Total Refund amount is Bigger than Original Transaction")
    );
    // The documented `refund_failed` body, as its generated type.
    let body: RefundFailure = api.body_as().unwrap();
    assert_eq!(body.error.code.as_deref(), Some("PAYMENT_FAILED"));
    assert_eq!(body.error.r#type.as_deref(), Some("Payment Failed"));
    assert_eq!(body.refund.status, RefundStatus::Failed);
}

#[tokio::test]
async fn bad_or_missing_response_signature_is_a_mismatch() {
    for mode in [Mode::BadSignature, Mode::Unsigned] {
        let (server, doku) = fake_doku(mode).await;
        let err = client(&server.base_url)
            .card_refund(&refund_request())
            .await
            .unwrap_err();
        let Error::SignatureMismatch(mismatch) = &err else {
            panic!("{mode:?}: expected a mismatch, got {err}")
        };
        assert_eq!(mismatch.operation, "card_refund");
        assert!(!err.to_string().contains(SECRET_KEY));
        assert_eq!(doku.refunds.lock().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn verification_opt_out_accepts_unsigned_responses() {
    let (server, _doku) = fake_doku(Mode::Unsigned).await;
    let config = Config::new(&server.base_url, CLIENT_ID, SECRET_KEY)
        .response_verification(ResponseVerification::Skip);
    let refund = Client::new(config)
        .card_refund(&refund_request())
        .await
        .unwrap();
    assert_eq!(refund.refund.status, RefundStatus::Success);
}

#[tokio::test]
async fn malformed_response_is_a_decode_error_with_path_and_no_value() {
    let (server, _doku) = fake_doku(Mode::Malformed).await;
    let err = client(&server.base_url)
        .card_refund(&refund_request())
        .await
        .unwrap_err();
    match &err {
        Error::Decode {
            status,
            path,
            message,
            ..
        } => {
            assert_eq!(*status, Some(200));
            assert_eq!(path, "refund.amount");
            assert!(message.contains("invalid type"), "{message}");
        }
        other => panic!("expected a decode error, got {other}"),
    }
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("4111111111111111"), "{shown}");
}

#[tokio::test]
async fn slow_response_is_a_timeout() {
    let (server, _doku) = fake_doku(Mode::Slow).await;
    let config =
        Config::new(&server.base_url, CLIENT_ID, SECRET_KEY).timeout(Duration::from_millis(300));
    let err = Client::new(config)
        .card_refund(&refund_request())
        .await
        .unwrap_err();
    match err {
        Error::Timeout {
            after, operation, ..
        } => {
            assert_eq!(after, Duration::from_millis(300));
            assert_eq!(operation, "card_refund");
        }
        other => panic!("expected a timeout, got {other}"),
    }
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let err = client(&refused_url())
        .card_refund(&refund_request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                operation: "card_refund",
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn without_retries_a_503_is_returned() {
    let (server, doku) = fake_doku(Mode::ProcessThen503).await;
    let err = client(&server.base_url)
        .card_refund(&refund_request())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.status == 503),
        "{err}"
    );
    assert_eq!(doku.requests.load(Ordering::SeqCst), 1);
}

fn retrying_client(base_url: &str) -> Client {
    let policy =
        RetryPolicy::attempts(3).with_delays(Duration::from_millis(10), Duration::from_millis(50));
    Client::new(Config::new(base_url, CLIENT_ID, SECRET_KEY).retry(policy))
}

#[tokio::test]
async fn retry_after_503_replays_the_original_refund_once() {
    let (server, doku) = fake_doku(Mode::ProcessThen503).await;
    let refund = retrying_client(&server.base_url)
        .card_refund(&refund_request())
        .await
        .unwrap();
    assert_eq!(refund.refund.status, RefundStatus::Success);
    assert_eq!(refund.refund.approval_code.as_deref(), Some("12321"));
    let ids = doku.seen_ids.lock().unwrap().clone();
    assert_eq!(ids.len(), 2, "one retry");
    assert_eq!(ids[0], ids[1], "the retry reuses the Request-Id");
    assert_eq!(doku.refunds.lock().unwrap().len(), 1, "exactly one refund");
    assert_eq!(
        doku.problems(),
        Vec::<String>::new(),
        "each attempt freshly and correctly signed"
    );
}

/// What the connection-dropping server saw.
#[derive(Default)]
struct Dropped {
    request_ids: Vec<String>,
    refunds: usize,
    problems: Vec<String>,
}

/// Reads one HTTP/1.1 request: (head, body).
async fn read_request(socket: &mut tokio::net::TcpStream) -> (String, Vec<u8>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.unwrap();
        assert!(n > 0, "client closed early");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
    };
    let head = String::from_utf8(buf[..head_end].to_vec()).unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.unwrap();
        assert!(n > 0, "client closed mid-body");
        buf.extend_from_slice(&chunk[..n]);
    }
    (head, buf[head_end..head_end + length].to_vec())
}

fn head_value<'a>(head: &'a str, name: &str) -> &'a str {
    head.lines()
        .find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
        .unwrap_or("")
}

#[tokio::test]
async fn retry_after_a_dropped_connection_gets_the_409_replay() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Dropped::default()));
    let server_seen = seen.clone();
    // Two connections at most: the first is processed then dropped, the
    // second gets DOKU's 409 replay of the original response.
    let server = tokio::spawn(async move {
        let mut original: Option<Vec<u8>> = None;
        for _ in 0..2 {
            let (mut socket, _) = listener.accept().await.unwrap();
            let (head, body) = read_request(&mut socket).await;
            let request_id = head_value(&head, "Request-Id").to_owned();
            let timestamp = head_value(&head, "Request-Timestamp");
            let expected = doku_signature(
                SECRET_KEY,
                CLIENT_ID,
                &request_id,
                &format!("Request-Timestamp:{timestamp}"),
                REFUND_PATH,
                Some(&body),
            );
            let replay = {
                let mut seen = server_seen.lock().unwrap();
                if head_value(&head, "Signature") != expected {
                    seen.problems.push("signature".into());
                }
                seen.request_ids.push(request_id.clone());
                if original.is_none() {
                    seen.refunds += 1;
                }
                original.is_some()
            };
            if !replay {
                original = Some(body);
                drop(socket); // processed, then the connection breaks
                continue;
            }
            assert_eq!(
                original.as_deref(),
                Some(&body[..]),
                "the retry resends the same body bytes"
            );
            let signature = doku_signature(
                SECRET_KEY,
                CLIENT_ID,
                &request_id,
                &format!("Response-Timestamp:{RESPONSE_TIMESTAMP}"),
                REFUND_PATH,
                Some(REFUND_SUCCESS.as_bytes()),
            );
            let response = format!(
                "HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Client-Id: {CLIENT_ID}\r\nRequest-Id: {request_id}\r\nResponse-Timestamp: {RESPONSE_TIMESTAMP}\r\n\
                 Signature: {signature}\r\nConnection: close\r\n\r\n{REFUND_SUCCESS}",
                REFUND_SUCCESS.len()
            );
            socket.write_all(response.as_bytes()).await.unwrap();
            socket.shutdown().await.unwrap();
        }
    });
    let (client, request) = (retrying_client(&base_url), refund_request());
    let call = client.card_refund(&request);
    let refund = tokio::time::timeout(Duration::from_secs(10), call)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(refund.refund.status, RefundStatus::Success);
    assert_eq!(refund.refund.amount, Idr(90000));
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .unwrap()
        .unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.request_ids.len(), 2);
    assert_eq!(seen.request_ids[0], seen.request_ids[1]);
    assert_eq!(seen.refunds, 1, "exactly one refund");
    assert_eq!(seen.problems, Vec::<String>::new());
}
