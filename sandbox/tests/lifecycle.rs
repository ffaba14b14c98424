//! Lifecycle rules from the spec: time limits, amounts, guards, other
//! providers, notifications, seeds from a file, injected delays.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use payspec::client::Call;
use payspec::Error;
use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use serde_json::{json, Value};

fn options() -> MockOptions {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    opts
}

fn start() -> SandboxHandle {
    spawn_for_tests(options()).expect("sandbox starts").1
}

async fn post(base: &str, path: &str, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .json(&body)
        .send()
        .await
        .expect("control call");
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn state(base: &str, path: &str) -> String {
    let v: Value = reqwest::get(format!("{base}/_sandbox/{path}"))
        .await
        .expect("read")
        .json()
        .await
        .expect("json");
    v["state"].as_str().unwrap_or_default().to_owned()
}

fn doku(base: &str) -> payspec::client::doku::Client {
    let c = Credentials::test();
    payspec::client::doku::Client::new(payspec::client::doku::Config::new(
        base,
        c.doku_client_id,
        c.doku_secret_key,
    ))
}

async fn capture(base: &str, authorize_id: &str, amount: Option<i64>) -> Result<Value, Error> {
    let mut payment = payspec::doku::cards::CaptureRequestPayment::new(authorize_id);
    payment.capture_amount = amount.map(payspec::money::Idr);
    doku(base)
        .call(
            Call::post("card_capture", "/credit-card/capture"),
            &payspec::doku::cards::CaptureRequest::new(payment),
        )
        .await
}

#[tokio::test]
async fn capture_is_limited_to_seven_days_and_the_authorized_amount() {
    let sb = start();
    let base = sb.base_url();
    let seeds = json!([
        {"provider":"doku","resource":"card_payment","id":"OLD","state":"authorized","amount":1000,
         "attributes":{"authorize_id":"A-OLD"},"age_secs": 8 * 24 * 3600},
        {"provider":"doku","resource":"card_payment","id":"NEW","state":"authorized","amount":1000,
         "attributes":{"authorize_id":"A-NEW"},"age_secs": 6 * 24 * 3600}
    ]);
    assert_eq!(post(&base, "/_sandbox/seed", seeds).await.0, 200);
    let late = capture(&base, "A-OLD", None).await;
    assert!(
        matches!(late, Err(Error::Api(ref e)) if e.status == 400),
        "{late:?}"
    );
    assert_eq!(state(&base, "doku/card_payment/OLD").await, "authorized");
    let over = capture(&base, "A-NEW", Some(1001)).await;
    assert!(
        matches!(over, Err(Error::Api(ref e)) if e.status == 400),
        "{over:?}"
    );
    capture(&base, "A-NEW", Some(1000))
        .await
        .expect("within 7 days, at most the amount");
    assert_eq!(state(&base, "doku/card_payment/NEW").await, "captured");
}

#[tokio::test]
async fn expired_checkout_orders_cannot_be_cancelled() {
    let sb = start();
    let base = sb.base_url();
    post(&base, "/_sandbox/seed", json!({"provider":"doku","resource":"checkout_order","id":"CO-X","amount":5000,"attributes":{"channel":"QRIS"}})).await;
    let (s, v) = post(
        &base,
        "/_sandbox/doku/checkout_order/CO-X/expire",
        json!({}),
    )
    .await;
    assert_eq!((s, v["state"].as_str()), (200, Some("expired")));
    // A control action from the wrong state is refused too.
    assert_eq!(
        post(&base, "/_sandbox/doku/checkout_order/CO-X/pay", json!({}))
            .await
            .0,
        409
    );
    let req = payspec::doku::checkout::CancelOrderRequest::new(
        payspec::doku::checkout::CancelOrderOrder::new("CO-X"),
        payspec::doku::checkout::CancelOrderPayment::new("r-1"),
        "note",
    );
    let err = doku(&base)
        .call::<_, Value>(
            Call::post("cancel_order", "/checkout/v3/cancellations"),
            &req,
        )
        .await
        .expect_err("expired");
    let Error::Api(api) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        api.message.as_deref(),
        Some("cannot cancel a checkout_order that is expired")
    );
}

#[tokio::test]
async fn midtrans_card_cancel_follows_the_acquiring_bank_window() {
    let sb = start();
    let base = sb.base_url();
    let seeds = json!([
        {"provider":"midtrans","resource":"transaction","id":"BNI-AUTH","state":"authorize","amount":100,"attributes":{"bank":"bni"}},
        {"provider":"midtrans","resource":"transaction","id":"BNI-CAP","state":"capture","amount":100,"attributes":{"bank":"bni"}},
        {"provider":"midtrans","resource":"transaction","id":"BCA-AUTH","state":"authorize","amount":100,"attributes":{"bank":"bca"}}
    ]);
    post(&base, "/_sandbox/seed", seeds).await;
    let c = Credentials::test();
    let client = payspec::client::midtrans::Client::new(payspec::client::midtrans::Config::new(
        &base,
        c.midtrans_server_key,
    ));
    let cancel = |id: &'static str| {
        let client = client.clone();
        async move {
            client
                .call_empty::<Value>(Call::post("cancel", format!("/v2/{id}/cancel")))
                .await
        }
    };
    let refused = cancel("BNI-AUTH").await;
    assert!(
        matches!(refused, Err(Error::Api(ref e)) if e.status == 412),
        "{refused:?}"
    );
    assert_eq!(
        state(&base, "midtrans/transaction/BNI-AUTH").await,
        "authorize"
    );
    cancel("BNI-CAP").await.expect("BNI after capture");
    cancel("BCA-AUTH").await.expect("BCA before capture");
    assert_eq!(
        state(&base, "midtrans/transaction/BCA-AUTH").await,
        "cancel"
    );
}

#[tokio::test]
async fn biller_cancel_with_the_jwt_client() {
    let sb = start();
    let base = sb.base_url();
    post(
        &base,
        "/_sandbox/seed",
        json!({"provider":"biller","resource":"bill","id":"R-1","state":"paid","amount":1000}),
    )
    .await;
    let c = Credentials::test();
    let client = payspec::client::biller::Client::new(payspec::client::biller::Config::new(
        &base,
        c.biller_api_key,
        c.biller_token_secret,
    ));
    let req = payspec::biller::bill::BillCancelRequest::new("partner", "0812300001", "R-1");
    let call = || Call::post("bill_cancel", "/api/v2/bill/cancel");
    let data: Value = client.call(call(), &req).await.expect("cancel a paid bill");
    assert_eq!(data["refNumber"], "R-1");
    assert_eq!(state(&base, "biller/bill/R-1").await, "cancelled");
    let again = client.call::<_, Value>(call(), &req).await;
    assert!(again.is_err(), "{again:?}");
}

/// A loopback receiver that hands every POST (headers, body) to a channel.
async fn receiver() -> (
    String,
    tokio::sync::mpsc::UnboundedReceiver<(axum::http::HeaderMap, Vec<u8>)>,
    tokio::task::JoinHandle<()>,
) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let tx = tx.clone();
                async move {
                    let _ = tx.send((headers, body.to_vec()));
                    "OK"
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, rx, task)
}

#[tokio::test]
async fn state_changes_send_signed_notifications() {
    let (url, mut rx, task) = receiver().await;
    let sb = start();
    let base = sb.base_url();
    let c = Credentials::test();
    post(&base, "/_sandbox/seed", json!({"provider":"doku","resource":"checkout_order","id":"CO-N","amount":7000,"notify_url":url,"attributes":{"channel":"QRIS"}})).await;
    post(&base, "/_sandbox/doku/checkout_order/CO-N/pay", json!({})).await;
    let (headers, body) = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("in time")
        .expect("a notification");
    let h = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (client_id, request_id, ts, sig) = (
        h("Client-Id"),
        h("Request-Id"),
        h("Request-Timestamp"),
        h("Signature"),
    );
    let note: Value = payspec::client::doku::Notification::verify(
        &payspec::client::doku::NotificationHeaders {
            client_id: &client_id,
            request_id: &request_id,
            request_timestamp: &ts,
            signature: Some(&sig),
        },
        "/hook",
        &body,
        &c.doku_secret_key,
    )
    .expect("DOKU signature verifies");
    assert_eq!(
        (
            note["order"]["invoice_number"].as_str(),
            note["transaction"]["status"].as_str()
        ),
        (Some("CO-N"), Some("PAID"))
    );

    post(&base, "/_sandbox/seed", json!({"provider":"midtrans","resource":"transaction","id":"M-N","state":"capture","amount":30000,"notify_url":url})).await;
    post(
        &base,
        "/_sandbox/midtrans/transaction/M-N/settle",
        json!({}),
    )
    .await;
    let (_, body) = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("in time")
        .expect("a notification");
    let note: Value =
        payspec::client::midtrans::Notification::verify(&body, &c.midtrans_server_key)
            .expect("signature_key verifies");
    assert_eq!(
        (
            note["order_id"].as_str(),
            note["transaction_status"].as_str()
        ),
        (Some("M-N"), Some("settlement"))
    );
    task.abort();
}

#[tokio::test]
async fn seeds_load_from_a_file_and_delays_are_injected() {
    let path =
        std::env::temp_dir().join(format!("payspec-sandbox-seed-{}.json", std::process::id()));
    std::fs::write(
        &path,
        json!([{"provider":"biller","resource":"bill","id":"F-1","state":"paid","amount":1}])
            .to_string(),
    )
    .expect("write seed");
    let mut opts = options();
    opts.seed = Some(path.clone());
    let (_, sb) = spawn_for_tests(opts).expect("starts with seeds");
    let _ = std::fs::remove_file(&path);
    let base = sb.base_url();
    assert_eq!(state(&base, "biller/bill/F-1").await, "paid");

    let mut bad = options();
    bad.seed = Some(PathBuf::from("/nonexistent/seed.json"));
    assert!(spawn_for_tests(bad).is_err());

    post(&base, "/_sandbox/seed", json!({"provider":"midtrans","resource":"transaction","id":"D-1","state":"capture","amount":1})).await;
    assert_eq!(
        post(
            &base,
            "/_sandbox/faults",
            json!({"endpoint":"cancel","delay_ms":300})
        )
        .await
        .0,
        200
    );
    let c = Credentials::test();
    let client = payspec::client::midtrans::Client::new(payspec::client::midtrans::Config::new(
        &base,
        c.midtrans_server_key,
    ));
    let started = Instant::now();
    client
        .call_empty::<Value>(Call::post("cancel", "/v2/D-1/cancel"))
        .await
        .expect("delayed, then processed");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(post(&base, "/_sandbox/reset", json!({})).await.0, 200);
    let gone = reqwest::get(format!("{base}/_sandbox/biller/bill/F-1"))
        .await
        .expect("read");
    assert_eq!(gone.status().as_u16(), 404);
}
