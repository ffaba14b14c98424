//! Authentication, validation and idempotency, on the wire.

use std::path::PathBuf;

use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use serde_json::{json, Value};

#[path = "../../tests/common/mod.rs"]
mod common;

fn start() -> SandboxHandle {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    spawn_for_tests(opts).expect("sandbox starts").1
}

const REFUND: &str = "/cancellation/credit-card/refund";

/// Sends a DOKU POST signed with `secret`; returns status, headers, body.
async fn doku_post(
    base: &str,
    target: &str,
    request_id: &str,
    body: &[u8],
    secret: &str,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let c = Credentials::test();
    let ts = payspec_signing::time::now_utc_timestamp();
    let signature = common::doku_signature(
        secret,
        c.by_env("DOKU_CLIENT_ID").expose(),
        request_id,
        &format!("Request-Timestamp:{ts}"),
        target,
        Some(body),
    );
    let r = reqwest::Client::new()
        .post(format!("{base}{target}"))
        .header("Client-Id", c.by_env("DOKU_CLIENT_ID").expose())
        .header("Request-Id", request_id)
        .header("Request-Timestamp", &ts)
        .header("Signature", signature)
        .header("Content-Type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .expect("send");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.json().await.unwrap_or(Value::Null))
}

async fn seed(base: &str) {
    let r = reqwest::Client::new()
        .post(format!("{base}/_sandbox/seed"))
        .json(&json!({"provider":"doku","resource":"card_payment","id":"INV-P","state":"settled","amount":100000}))
        .send()
        .await
        .expect("seed");
    assert_eq!(r.status().as_u16(), 200);
}

fn refund_body(amount: i64) -> Vec<u8> {
    json!({"order":{"invoice_number":"INV-P"},"payment":{"original_request_id":"r-1"},"refund":{"amount":amount}}).to_string().into_bytes()
}

async fn applied(base: &str) -> i64 {
    let v: Value = reqwest::get(format!("{base}/_sandbox/doku/card_payment/INV-P"))
        .await
        .expect("read")
        .json()
        .await
        .expect("json");
    v["applied"].as_i64().expect("applied")
}

#[tokio::test]
async fn bad_signature_is_401_with_a_doku_error_body() {
    let sb = start();
    let base = sb.base_url();
    seed(&base).await;
    let (status, _, body) =
        doku_post(&base, REFUND, "r-bad", &refund_body(1000), "not-the-secret").await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "INVALID_SIGNATURE");
    let secret = Credentials::test().by_env("DOKU_SECRET_KEY");
    assert!(!body.to_string().contains(secret.expose()));
    assert_eq!(applied(&base).await, 0);
}

#[tokio::test]
async fn validation_failures_list_every_violation_path() {
    let sb = start();
    let base = sb.base_url();
    let secret = Credentials::test()
        .by_env("DOKU_SECRET_KEY")
        .expose()
        .to_owned();
    let long = "x".repeat(129);
    let body = json!({"order":{"invoice_number":"INV-P"},"payment":{"original_request_id":long},"refund":{"amount":5}}).to_string();
    let (status, _, v) = doku_post(&base, REFUND, "r-val", body.as_bytes(), &secret).await;
    assert_eq!(status, 400);
    let paths: Vec<&str> = v["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter_map(|x| x["path"].as_str())
        .collect();
    assert_eq!(paths, ["payment.original_request_id"]);

    // Several violations in one request: every one is reported with its path.
    let page =
        json!({"order":{"invoice_number":"ü".repeat(65),"amount":10000,"auto_redirect":true}})
            .to_string();
    let (status, _, v) = doku_post(
        &base,
        "/credit-card/v1/payment-page",
        "r-val2",
        page.as_bytes(),
        &secret,
    )
    .await;
    assert_eq!(status, 400, "{v}");
    let found: Vec<(&str, &str)> = v["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter_map(|x| Some((x["path"].as_str()?, x["rule"].as_str()?)))
        .collect();
    assert_eq!(found.len(), 4, "{v}");
    assert!(found.contains(&("order.invoice_number", "max_len")), "{v}");
    assert!(found.contains(&("order.invoice_number", "format")), "{v}");
    assert!(
        found.contains(&("order.callback_url", "required_if")),
        "{v}"
    );
}

/// A payment page for nothing, or a negative refund, is refused by the
/// generated validators before any state changes.
#[tokio::test]
async fn zero_and_negative_amounts_are_refused() {
    let sb = start();
    let base = sb.base_url();
    let secret = Credentials::test().by_env("DOKU_SECRET_KEY");
    let secret = secret.expose();
    let page =
        json!({"order":{"invoice_number":"INV-ZERO","amount":0,"auto_redirect":false},"customer":{"email":"a@b.test"}})
            .to_string();
    let (status, _, v) = doku_post(
        &base,
        "/credit-card/v1/payment-page",
        "r-zero",
        page.as_bytes(),
        secret,
    )
    .await;
    assert_eq!(status, 400, "{v}");
    assert_eq!(v["violations"][0]["path"], "order.amount", "{v}");
    assert_eq!(v["violations"][0]["rule"], "minimum", "{v}");
    let gone = reqwest::get(format!("{base}/_sandbox/doku/card_payment/INV-ZERO"))
        .await
        .expect("read");
    assert_eq!(gone.status().as_u16(), 404);

    seed(&base).await;
    let (status, _, v) = doku_post(&base, REFUND, "r-neg", &refund_body(-1), secret).await;
    assert_eq!(status, 400, "{v}");
    assert_eq!(v["violations"][0]["path"], "refund.amount", "{v}");
}

#[tokio::test]
async fn replay_is_409_with_the_same_body_and_no_state_change() {
    let sb = start();
    let base = sb.base_url();
    seed(&base).await;
    let secret = Credentials::test()
        .by_env("DOKU_SECRET_KEY")
        .expose()
        .to_owned();
    let body = refund_body(10_000);
    let (s1, h1, b1) = doku_post(&base, REFUND, "r-idem", &body, &secret).await;
    assert_eq!(s1, 200);
    assert!(h1.contains_key("Response-Timestamp") && h1.contains_key("Signature"));
    let (s2, _, b2) = doku_post(&base, REFUND, "r-idem", &body, &secret).await;
    assert_eq!((s2, &b2), (409, &b1));
    assert_eq!(applied(&base).await, 10_000);

    let (s3, _, b3) = doku_post(&base, REFUND, "r-idem", &refund_body(20_000), &secret).await;
    assert_eq!(s3, 400);
    assert_eq!(b3["error"]["code"], "DUPLICATE_REQUEST_ID");
    assert_eq!(applied(&base).await, 10_000);
}

#[tokio::test]
async fn midtrans_and_biller_auth_are_checked() {
    let sb = start();
    let base = sb.base_url();
    let r = reqwest::Client::new()
        .post(format!("{base}/v2/ORDER-X/cancel"))
        .header("Authorization", "Basic d3Jvbmc6")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 401);
    let body = json!({"partnerId":"p","account_number":"1","ref_number":"R-1"}).to_string();
    let r = reqwest::Client::new()
        .post(format!("{base}/api/v2/bill/cancel"))
        .header("KEY", "wrong")
        .body(body)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 401);

    // A valid token whose claims are not this body (token_claims: request_body).
    let c = Credentials::test();
    let token = common::jwt_hs256(
        c.by_env("BILLER_TOKEN_SECRET").expose(),
        br#"{"ref_number":"other"}"#,
    );
    let body = json!({"partnerId":"p","account_number":"1","ref_number":"R-1"}).to_string();
    let r = reqwest::Client::new()
        .post(format!("{base}/api/v2/bill/cancel"))
        .header("KEY", c.by_env("BILLER_API_KEY").expose())
        .header("TOKEN", token)
        .header("VERSION", "2.0")
        .body(body)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 401);
    let v: Value = r.json().await.expect("json");
    assert_eq!(v["success"], false);
}
