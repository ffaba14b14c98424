//! The socket-less entry point (`InProcess`) and DOKU timestamp freshness.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use payspec_sandbox::{Credentials, InProcess, MockOptions};
use serde_json::{json, Value};

#[path = "../../tests/common/mod.rs"]
mod common;

const REFUND: &str = "/cancellation/credit-card/refund";

fn sandbox(tolerance: Option<Duration>) -> InProcess {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    opts.timestamp_tolerance = tolerance;
    InProcess::new(&opts).expect("the spec loads")
}

/// DOKU headers for `body`, signed correctly, dated `age` ago.
fn signed(request_id: &str, body: &[u8], age: Duration) -> Vec<(String, String)> {
    let c = Credentials::test();
    let at = SystemTime::now() - age;
    let timestamp = payspec_signing::time::utc_timestamp(at);
    let signature = common::doku_signature(
        c.by_env("DOKU_SECRET_KEY").expose(),
        c.by_env("DOKU_CLIENT_ID").expose(),
        request_id,
        &format!("Request-Timestamp:{timestamp}"),
        REFUND,
        Some(body),
    );
    vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        (
            "Client-Id".to_owned(),
            c.by_env("DOKU_CLIENT_ID").expose().to_owned(),
        ),
        ("Request-Id".to_owned(), request_id.to_owned()),
        ("Request-Timestamp".to_owned(), timestamp),
        ("Signature".to_owned(), signature),
    ]
}

async fn seed(sb: &InProcess) {
    let seed = json!({"provider":"doku","resource":"card_payment","id":"INV-T","state":"settled","amount":10000});
    let answer = sb
        .handle("POST", "/_sandbox/seed", &[], seed.to_string().into_bytes())
        .await;
    assert_eq!(answer.status, 200);
}

fn refund_body() -> Vec<u8> {
    json!({"order":{"invoice_number":"INV-T"},"payment":{"original_request_id":"r"},"refund":{"amount":1000}})
        .to_string()
        .into_bytes()
}

fn json_of(body: Option<&Vec<u8>>) -> Value {
    serde_json::from_slice(body.expect("a body")).expect("JSON")
}

#[tokio::test]
async fn a_stale_doku_timestamp_is_401_and_refunds_nothing() {
    let sb = sandbox(Some(payspec_sandbox::DEFAULT_TIMESTAMP_TOLERANCE));
    seed(&sb).await;
    let body = refund_body();
    let stale = sb
        .handle(
            "POST",
            REFUND,
            &signed("t-1", &body, Duration::from_secs(6 * 60)),
            body.clone(),
        )
        .await;
    assert_eq!(stale.status, 401);
    let v = json_of(stale.body.as_ref());
    assert_eq!(v["error"]["code"], "INVALID_TIMESTAMP");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("from the sandbox clock")),
        "{v}"
    );

    // Four minutes old is within the default five.
    let fresh = sb
        .handle(
            "POST",
            REFUND,
            &signed("t-2", &body, Duration::from_secs(4 * 60)),
            body.clone(),
        )
        .await;
    assert_eq!(fresh.status, 200, "{:?}", fresh.body);
    let state = sb
        .handle("GET", "/_sandbox/doku/card_payment/INV-T", &[], Vec::new())
        .await;
    assert_eq!(json_of(state.body.as_ref())["applied"], 1000);
}

#[tokio::test]
async fn without_a_tolerance_an_old_timestamp_is_accepted() {
    let sb = sandbox(None);
    seed(&sb).await;
    let body = refund_body();
    let old = sb
        .handle(
            "POST",
            REFUND,
            &signed("t-3", &body, Duration::from_secs(86_400)),
            body,
        )
        .await;
    assert_eq!(old.status, 200, "{:?}", old.body);
}

#[tokio::test]
async fn requests_that_are_not_http_are_refused_without_a_panic() {
    let sb = sandbox(None);
    let bad_method = sb.handle("G\u{1}T", "/", &[], Vec::new()).await;
    assert_eq!(bad_method.status, 400);
    let bad_header = sb
        .handle(
            "POST",
            REFUND,
            &[("Client-Id".to_owned(), "a\nb".to_owned())],
            Vec::new(),
        )
        .await;
    assert_eq!(bad_header.status, 400);
    let unknown = sb.handle("GET", "/nowhere", &[], Vec::new()).await;
    assert_eq!(unknown.status, 404);
}
