//! The biller client against a loopback server that checks KEY, VERSION and
//! the TOKEN JWT (signature and claims) independently.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use payspec::biller::bill::{BillCancelData, BillCancelRequest};
use payspec::biller::{Client, Config};
use payspec::client::Call;
use payspec::Error;
use sha2::Sha256;

use common::serve;

const API_KEY: &str = "test-key";
const TOKEN_SECRET: &str = "biller-token-secret";
const CANCEL_PATH: &str = "/api/v2/bill/cancel";

/// The docs' cancel success response, verbatim.
const CANCEL_SUCCESS: &str = r#"{
    "responseCode": 600,
    "success": true,
    "message": {
        "ID": "Pembatalan Sukses",
        "EN": "Cancellation Successful"
    },
    "data": {
        "refNumber": "2074134",
        "transactionId": 0,
        "accountNumber": "0812300001",
        "amount": 1000,
        "totalAdmin": 0,
        "processingFee": 0,
        "denom": "",
        "productCode": "PPLSTEK1",
        "productName": "Rp. 1.000",
        "category": "",
        "token": "",
        "customerDetails": [],
        "billDetails": [],
        "productDetails": [],
        "extraFields": []
    }
}"#;

fn request() -> BillCancelRequest {
    BillCancelRequest::new("ayopop", "43554", "5324354")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Success,
    Refused,
    Drifted,
    /// Success with `"data": null`.
    NullData,
}

struct Biller {
    mode: Mode,
    requests: AtomicUsize,
    problems: Mutex<Vec<String>>,
    /// The decoded claims of each TOKEN.
    claims: Mutex<Vec<Vec<u8>>>,
    /// Every `Cache-Control` value of each request, in order.
    cache_control: Mutex<Vec<Vec<String>>>,
}

async fn bill_cancel(
    State(biller): State<Arc<Biller>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    biller.requests.fetch_add(1, Ordering::SeqCst);
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    biller.cache_control.lock().unwrap().push(
        headers
            .get_all("cache-control")
            .iter()
            .map(|v| v.to_str().unwrap_or("").to_owned())
            .collect(),
    );
    let mut problems = Vec::new();
    if header("KEY") != API_KEY {
        problems.push("KEY".to_owned());
    }
    if header("VERSION") != "2.0" {
        problems.push("VERSION".to_owned());
    }
    let token = header("TOKEN");
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() == 3 {
        let mut mac = Hmac::<Sha256>::new_from_slice(TOKEN_SECRET.as_bytes()).unwrap();
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        if URL_SAFE_NO_PAD.decode(parts[2]).ok() != Some(mac.finalize().into_bytes().to_vec()) {
            problems.push("TOKEN signature".to_owned());
        }
        if URL_SAFE_NO_PAD.decode(parts[0]).ok().as_deref()
            != Some(br#"{"alg":"HS256","typ":"JWT"}"#.as_slice())
        {
            problems.push("TOKEN header".to_owned());
        }
        biller
            .claims
            .lock()
            .unwrap()
            .push(URL_SAFE_NO_PAD.decode(parts[1]).unwrap_or_default());
    } else {
        problems.push("TOKEN shape".to_owned());
    }
    let claims_match_body =
        biller.claims.lock().unwrap().last().map(Vec::as_slice) == Some(body.as_ref());
    let empty_claims =
        biller.claims.lock().unwrap().last().map(Vec::as_slice) == Some(b"{}".as_slice());
    if !claims_match_body && !empty_claims {
        problems.push("TOKEN claims are neither the body nor {}".to_owned());
    }
    biller.problems.lock().unwrap().extend(problems);
    match biller.mode {
        Mode::Success => (StatusCode::OK, CANCEL_SUCCESS).into_response(),
        Mode::Refused => (
            StatusCode::OK,
            r#"{"responseCode":601,"success":false,"message":{"ID":"Transaksi tidak dapat dibatalkan","EN":"Transaction cannot be cancelled"},"data":null}"#,
        )
            .into_response(),
        Mode::Drifted => (StatusCode::OK, CANCEL_SUCCESS.replace("\"amount\": 1000", "\"amount\": \"1000\""))
            .into_response(),
        Mode::NullData => (
            StatusCode::OK,
            r#"{"responseCode":600,"success":true,"message":{"ID":"Pembatalan Sukses","EN":"Cancellation Successful"},"data":null}"#,
        )
            .into_response(),
    }
}

async fn fake_biller(mode: Mode) -> (common::Server, Arc<Biller>) {
    let biller = Arc::new(Biller {
        mode,
        requests: AtomicUsize::new(0),
        problems: Mutex::new(Vec::new()),
        claims: Mutex::new(Vec::new()),
        cache_control: Mutex::new(Vec::new()),
    });
    let router = Router::new()
        .route(CANCEL_PATH, post(bill_cancel))
        .with_state(biller.clone());
    (serve(router).await, biller)
}

fn client(base_url: &str) -> Client {
    Client::new(Config::new(base_url, API_KEY, TOKEN_SECRET))
}

#[tokio::test]
async fn cancel_returns_the_envelope_data_typed() {
    let (server, biller) = fake_biller(Mode::Success).await;
    let data = client(&server.base_url)
        .bill_cancel(&request())
        .await
        .unwrap()
        .expect("the sample envelope carries data");
    assert_eq!(data.ref_number.as_deref(), Some("2074134"));
    assert_eq!(data.account_number.as_deref(), Some("0812300001"));
    assert_eq!(data.amount, Some(payspec::money::Idr(1000)));
    assert_eq!(data.product_code.as_deref(), Some("PPLSTEK1"));
    assert_eq!(*biller.problems.lock().unwrap(), Vec::<String>::new());
    // Every sample sends `Cache-Control: no-cache`; the spec declares it
    // with a fixed value and the client sends it once.
    assert_eq!(
        *biller.cache_control.lock().unwrap(),
        [vec!["no-cache".to_owned()]]
    );
    let claims = biller.claims.lock().unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&claims[0]).unwrap();
    assert_eq!(
        claims,
        serde_json::json!({"partnerId": "ayopop", "account_number": "43554", "ref_number": "5324354"})
    );
}

#[tokio::test]
async fn a_call_without_a_body_signs_an_empty_object() {
    let (server, biller) = fake_biller(Mode::Success).await;
    // The recipe's claims are `{ body: { or: "{}" } }`: no body, `{}`.
    let call = Call::post("bill_cancel", CANCEL_PATH);
    let _: BillCancelData = client(&server.base_url).call_empty(call).await.unwrap();
    assert_eq!(biller.claims.lock().unwrap()[0], b"{}");
    assert_eq!(*biller.problems.lock().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn unsuccessful_envelope_is_an_api_error_with_both_messages() {
    let (server, _biller) = fake_biller(Mode::Refused).await;
    let err = client(&server.base_url)
        .bill_cancel(&request())
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err}")
    };
    assert_eq!(api.status, 200);
    assert_eq!(api.code.as_deref(), Some("601"));
    assert_eq!(
        api.message.as_deref(),
        Some("Transaction cannot be cancelled")
    );
    assert_eq!(
        api.message_id.as_deref(),
        Some("Transaksi tidak dapat dibatalkan")
    );
    assert!(!format!("{err} {err:?}").contains(TOKEN_SECRET));
}

#[tokio::test]
async fn drifted_data_is_a_decode_error_under_data() {
    let (server, _biller) = fake_biller(Mode::Drifted).await;
    let err = client(&server.base_url)
        .bill_cancel(&request())
        .await
        .unwrap_err();
    match err {
        Error::Decode { path, .. } => assert_eq!(path, "data.amount"),
        other => panic!("expected a decode error, got {other}"),
    }
}

#[tokio::test]
async fn success_with_null_data_is_none() {
    let (server, biller) = fake_biller(Mode::NullData).await;
    let data = client(&server.base_url)
        .bill_cancel(&request())
        .await
        .expect("`data: null` on success decodes");
    assert_eq!(data, None);
    assert_eq!(*biller.problems.lock().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn invalid_request_makes_no_call() {
    let (server, biller) = fake_biller(Mode::Success).await;
    // "Mandatory: Yes" for every field of the page's table: an empty string
    // is no value.
    let bad = BillCancelRequest::new("", "43554", "");
    let err = client(&server.base_url)
        .bill_cancel(&bad)
        .await
        .unwrap_err();
    match err {
        Error::Validation(errors) => assert_eq!(errors.paths(), ["partnerId", "ref_number"]),
        other => panic!("expected a validation error, got {other}"),
    }
    assert_eq!(biller.requests.load(Ordering::SeqCst), 0);
}
