//! The Midtrans client against a loopback server that checks Basic auth and
//! the raw (percent-encoded) path, answering with the docs' sample bodies.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use payspec::midtrans::core::{CancelResponse, GetStatusNotFound};
use payspec::midtrans::TransactionStatus;
use payspec::midtrans::{Client, Config, TransactionRef};
use payspec::Error;

use common::{refused_url, serve};

const SERVER_KEY: &str = "SB-Mid-server-payspec-test";

/// The docs' cancel response sample, verbatim.
const CANCEL_SUCCESS: &str = r#"{
"status_code" : "200",
"status_message" : "Success, transaction is canceled",
"transaction_id" : "249fc620-6017-4540-af7c-5a1c25788f46",
"masked_card" : "48111111-1114",
"order_id" : "example-1424936368",
"payment_type" : "credit_card",
"transaction_time" : "2015-02-26 14:39:33",
"transaction_status" : "cancel",
"fraud_status" : "accept",
"bank" : "bni",
"gross_amount" : "30000.00",
"channel": "dragon",
"expiry_time":"2015-03-06 14:39:33",
"settlement_time":"2015-02-26 19:00:00"
}"#;

/// The docs' failure sample: HTTP 200 with status_code 412.
const CANCEL_412: &str = r#"{
"status_code" : "412",
"status_message" : "Merchant cannot modify the status of the transaction"
}"#;

/// The get-status page's OVO pending sample, verbatim.
const STATUS_PENDING_OVO: &str = r#"{
  "status_code" : "201",
  "status_message" : "Success, transaction is found",
  "transaction_id" : "78068ef3-e797-4eef-945e-e8516a312916",
  "order_id" : "test-merchant-order-xyz",
  "payment_type" : "ovo",
  "transaction_time" : "2025-11-02 14:39:33",
  "transaction_status" : "pending",
  "currency": "IDR",
  "fraud_status" : "accept",
  "signature_key" : "2802a264cb978fbc59f631c68d120cbda8dc853f5dfdc52301c615cf4f14e7a0b09aa...",
  "gross_amount" : "30000.00",
  "merchant_id": "G123456",
  "expiry_time": "2025-11-02 15:44:33",
  "payer_phone_number": "081111111111"
}"#;

/// The get-status explorer's "Transaction doesn't exist." body, sent under HTTP 200.
const STATUS_404: &str = r#"{
    "status_code": "404",
    "status_message": "Transaction doesn't exist.",
    "id": "ca1774d3-302a-4d47-8495-11524ee306b8"
}"#;

#[derive(Default)]
struct Midtrans {
    requests: AtomicUsize,
    /// (method, raw path, body length) of each request.
    seen: Mutex<Vec<(String, String, usize)>>,
    problems: Mutex<Vec<String>>,
}

async fn handle(State(mt): State<Arc<Midtrans>>, request: Request) -> Response {
    mt.requests.fetch_add(1, Ordering::SeqCst);
    let expected_auth = format!("Basic {}", STANDARD.encode(format!("{SERVER_KEY}:")));
    let auth = request
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if auth != expected_auth {
        mt.problems
            .lock()
            .unwrap()
            .push(format!("Authorization {auth:?}"));
        return (
            StatusCode::UNAUTHORIZED,
            r#"{"status_code":"401","status_message":"Unknown Merchant server_key/id"}"#,
        )
            .into_response();
    }
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let body = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap();
    mt.seen
        .lock()
        .unwrap()
        .push((method, path.clone(), body.len()));
    match path.as_str() {
        "/v2/example-1424936368/cancel" | "/v2/249fc620-6017-4540-af7c-5a1c25788f46/cancel" => {
            (StatusCode::OK, CANCEL_SUCCESS).into_response()
        }
        "/v2/settled-order/cancel" => (StatusCode::OK, CANCEL_412).into_response(),
        "/v2/test-merchant-order-xyz/status" => (StatusCode::OK, STATUS_PENDING_OVO).into_response(),
        "/v2/ORDER%231/status" => (StatusCode::OK, STATUS_404).into_response(),
        "/v2/ORDER%2F1%20%C3%BC/cancel" => (StatusCode::OK, CANCEL_SUCCESS).into_response(),
        "/v2/drifted/cancel" => {
            (StatusCode::OK, r#"{"status_code":"200","transaction_id":"t","order_id":"o","gross_amount":"30000.00","transaction_status":["cancel"]}"#)
                .into_response()
        }
        _ => (StatusCode::NOT_FOUND, r#"{"status_code":"404","status_message":"Transaction doesn't exist."}"#)
            .into_response(),
    }
}

async fn fake_midtrans() -> (common::Server, Arc<Midtrans>) {
    let mt = Arc::new(Midtrans::default());
    let router = Router::new().fallback(handle).with_state(mt.clone());
    (serve(router).await, mt)
}

async fn cancel(client: &Client, transaction: TransactionRef) -> Result<CancelResponse, Error> {
    // The generated method for `POST /v2/{id}/cancel`.
    client.cancel(transaction).await
}

#[tokio::test]
async fn cancel_by_order_id_and_transaction_id() {
    let (server, mt) = fake_midtrans().await;
    let client = Client::new(Config::new(&server.base_url, SERVER_KEY));
    let by_order = cancel(
        &client,
        TransactionRef::OrderId("example-1424936368".into()),
    )
    .await
    .unwrap();
    assert_eq!(by_order.status_code, "200");
    assert_eq!(by_order.transaction_status, Some(TransactionStatus::Cancel));
    assert_eq!(by_order.order_id.as_deref(), Some("example-1424936368"));
    assert_eq!(
        by_order.gross_amount.as_ref().map(|a| a.as_str()),
        Some("30000.00")
    );
    let by_id = cancel(
        &client,
        TransactionRef::TransactionId("249fc620-6017-4540-af7c-5a1c25788f46".into()),
    )
    .await
    .unwrap();
    assert_eq!(
        by_id.transaction_id.as_deref(),
        Some("249fc620-6017-4540-af7c-5a1c25788f46")
    );
    assert_eq!(
        *mt.seen.lock().unwrap(),
        [
            (
                "POST".to_owned(),
                "/v2/example-1424936368/cancel".to_owned(),
                0
            ),
            (
                "POST".to_owned(),
                "/v2/249fc620-6017-4540-af7c-5a1c25788f46/cancel".to_owned(),
                0
            ),
        ]
    );
    assert_eq!(*mt.problems.lock().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn path_segment_is_percent_encoded() {
    let (server, mt) = fake_midtrans().await;
    let client = Client::new(Config::new(&server.base_url, SERVER_KEY));
    // A plain `&str` fills the path parameter as well as a `TransactionRef`.
    client.cancel("ORDER/1 ü").await.unwrap();
    assert_eq!(
        mt.seen.lock().unwrap()[0].1,
        "/v2/ORDER%2F1%20%C3%BC/cancel"
    );
}

#[tokio::test]
async fn status_code_412_under_http_200_is_an_api_error() {
    let (server, _mt) = fake_midtrans().await;
    let client = Client::new(Config::new(&server.base_url, SERVER_KEY));
    let err = cancel(&client, TransactionRef::OrderId("settled-order".into()))
        .await
        .unwrap_err();
    let Error::Api(api) = err else {
        panic!("expected an API error, got {err}")
    };
    assert_eq!(api.status, 200);
    assert_eq!(api.code.as_deref(), Some("412"));
    assert_eq!(
        api.message.as_deref(),
        Some("Merchant cannot modify the status of the transaction")
    );
}

#[tokio::test]
async fn not_found_and_unauthorised_are_api_errors() {
    let (server, _mt) = fake_midtrans().await;
    let client = Client::new(Config::new(&server.base_url, SERVER_KEY));
    let err = cancel(&client, TransactionRef::OrderId("no-such-order".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.status == 404 && api.code.as_deref() == Some("404")),
        "{err}"
    );

    let wrong_key = Client::new(Config::new(&server.base_url, "SB-Mid-server-wrong"));
    let err = cancel(
        &wrong_key,
        TransactionRef::OrderId("example-1424936368".into()),
    )
    .await
    .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err}")
    };
    assert_eq!(api.code.as_deref(), Some("401"));
    assert!(
        !format!("{err} {err:?}").contains("SB-Mid-server-wrong"),
        "no server key in errors"
    );
}

#[tokio::test]
async fn get_status_is_a_get_without_body_and_reads_the_pending_sample() {
    let (server, mt) = fake_midtrans().await;
    let client = Client::new(Config::new(&server.base_url, SERVER_KEY));
    let status = client
        .get_status(TransactionRef::OrderId("test-merchant-order-xyz".into()))
        .await
        .expect("status_code 201 is a success");
    assert_eq!(status.status_code, "201");
    assert_eq!(status.transaction_status, Some(TransactionStatus::Pending));
    assert_eq!(
        status.gross_amount.as_ref().map(|a| a.as_str()),
        Some("30000.00")
    );
    assert_eq!(status.payer_phone_number.as_deref(), Some("081111111111"));
    assert_eq!(
        *mt.seen.lock().unwrap(),
        [(
            "GET".to_owned(),
            "/v2/test-merchant-order-xyz/status".to_owned(),
            0
        )]
    );
}

#[tokio::test]
async fn get_status_404_under_http_200_is_an_api_error_with_its_body() {
    let (server, _mt) = fake_midtrans().await;
    let client = Client::new(Config::new(&server.base_url, SERVER_KEY));
    // "#" must be percent-encoded: the guide's reason to use transaction_id.
    let err = client.get_status("ORDER#1").await.unwrap_err();
    let Error::Api(api) = err else {
        panic!("expected an API error, got {err}")
    };
    assert_eq!((api.status, api.code.as_deref()), (200, Some("404")));
    let body: GetStatusNotFound = api.body_as().expect("the documented not_found body");
    assert_eq!(
        body.id.as_deref(),
        Some("ca1774d3-302a-4d47-8495-11524ee306b8")
    );
}

#[tokio::test]
async fn drifted_response_is_a_decode_error_with_path() {
    let (server, _mt) = fake_midtrans().await;
    let client = Client::new(Config::new(&server.base_url, SERVER_KEY));
    let err = cancel(&client, TransactionRef::OrderId("drifted".into()))
        .await
        .unwrap_err();
    match err {
        Error::Decode { path, status, .. } => {
            assert_eq!(path, "transaction_status");
            assert_eq!(status, Some(200));
        }
        other => panic!("expected a decode error, got {other}"),
    }
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let client = Client::new(Config::new(refused_url(), SERVER_KEY));
    let err = cancel(&client, TransactionRef::OrderId("x".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                operation: "cancel",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn environments_use_the_spec_urls() {
    assert_eq!(
        Config::sandbox(SERVER_KEY).base_url(),
        "https://api.sandbox.midtrans.com"
    );
    assert_eq!(
        Config::production(SERVER_KEY).base_url(),
        "https://api.midtrans.com"
    );
    assert_eq!(
        Config::for_environment(payspec::midtrans::Environment::Sandbox, SERVER_KEY).base_url(),
        payspec::midtrans::Environment::Sandbox.base_url()
    );
    assert!(!format!("{:?}", Config::sandbox(SERVER_KEY)).contains(SERVER_KEY));
}

#[test]
fn the_pages_other_spellings_decode_to_the_same_values_and_are_sent_as_the_samples_spell_them() {
    use payspec::midtrans::core::{CardType, GetStatusResponse};
    use payspec::midtrans::AcquiringBank;
    // "transaction_status": "PENDING" (DANA & ShopeePay sample), "Credit"
    // (notification table), "BNI" (cancel page's acquiring-bank table).
    let body: GetStatusResponse = serde_json::from_str(
        r#"{"status_code": "201", "status_message": "Success, transaction is found",
            "transaction_status": "PENDING", "card_type": "Credit", "bank": "BNI"}"#,
    )
    .expect("decodes");
    assert_eq!(body.transaction_status, Some(TransactionStatus::Pending));
    assert_eq!(body.card_type, Some(CardType::Credit));
    assert_eq!(body.bank, Some(AcquiringBank::Bni));
    let back = serde_json::to_value(&body).expect("encodes");
    assert_eq!(
        (
            &back["transaction_status"],
            &back["card_type"],
            &back["bank"]
        ),
        (
            &serde_json::json!("pending"),
            &serde_json::json!("credit"),
            &serde_json::json!("bni")
        )
    );
    // A spelling no page uses is still kept, not lost.
    let other: GetStatusResponse = serde_json::from_str(
        r#"{"status_code": "201", "status_message": "x", "transaction_status": "Pending"}"#,
    )
    .expect("decodes");
    assert_eq!(
        other.transaction_status,
        Some(TransactionStatus::Unknown("Pending".to_owned()))
    );
}
