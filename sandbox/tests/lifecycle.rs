//! Lifecycle rules from the spec: time limits, amounts, guards, other
//! providers, notifications, seeds from a file, injected delays; values the
//! provider generates and the movable sandbox clock.

mod common;

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

fn doku(base: &str) -> payspec::doku::Client {
    let c = Credentials::test();
    payspec::doku::Client::new(payspec::doku::Config::new(
        base,
        c.by_env("DOKU_CLIENT_ID").expose().to_owned(),
        c.by_env("DOKU_SECRET_KEY"),
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
    let client = payspec::midtrans::Client::new(payspec::midtrans::Config::new(
        &base,
        c.by_env("MIDTRANS_SERVER_KEY"),
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
    let client = payspec::biller::Client::new(payspec::biller::Config::new(
        &base,
        c.by_env("BILLER_API_KEY"),
        c.by_env("BILLER_TOKEN_SECRET"),
    ));
    let req = payspec::biller::bill::BillCancelRequest::new("partner", "0812300001", "R-1");
    let call = || Call::post("bill_cancel", "/api/v2/bill/cancel");
    let data: Value = client.call(call(), &req).await.expect("cancel a paid bill");
    assert_eq!(data["refNumber"], "R-1");
    assert_eq!(state(&base, "biller/bill/R-1").await, "cancelled");
    let again = client.call::<_, Value>(call(), &req).await;
    assert!(again.is_err(), "{again:?}");
}

#[tokio::test]
async fn state_changes_send_signed_notifications() {
    let (url, mut rx, task) = common::receiver().await;
    let sb = start();
    let base = sb.base_url();
    let c = Credentials::test();
    post(&base, "/_sandbox/seed", json!({"provider":"doku","resource":"checkout_order","id":"CO-N","amount":7000,"notify_url":url,"attributes":{"channel":"QRIS"}})).await;
    post(&base, "/_sandbox/doku/checkout_order/CO-N/pay", json!({})).await;
    let (headers, body) = common::next_notification(&mut rx).await;
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
    let note: Value = payspec::doku::Notification::verify(
        &payspec::doku::NotificationHeaders {
            client_id: &client_id,
            request_id: &request_id,
            request_timestamp: &ts,
            signature: Some(&sig),
        },
        "/hook",
        &body,
        &c.by_env("DOKU_SECRET_KEY"),
    )
    .expect("DOKU signature verifies");
    assert_eq!(
        (
            note["order"]["invoice_number"].as_str(),
            note["transaction"]["status"].as_str()
        ),
        // The documented notification, with DOKU's name for a paid order.
        (Some("CO-N"), Some("SUCCESS"))
    );

    post(&base, "/_sandbox/seed", json!({"provider":"midtrans","resource":"transaction","id":"M-N","state":"capture","amount":30000,"notify_url":url})).await;
    post(
        &base,
        "/_sandbox/midtrans/transaction/M-N/settle",
        json!({}),
    )
    .await;
    let (_, body) = common::next_notification(&mut rx).await;
    // The crate's own generated verifier: signature, then the typed body.
    let note =
        payspec::midtrans::verify_cancel_notification(&body, &c.by_env("MIDTRANS_SERVER_KEY"))
            .expect("verifies and decodes");
    assert_eq!(note.order_id.as_deref(), Some("M-N"));
    assert_eq!(
        note.transaction_status,
        Some(payspec::midtrans::TransactionStatus::Settlement)
    );
    assert_eq!(
        note.gross_amount.map(|a| a.to_string()).as_deref(),
        Some("30000.00")
    );
    task.abort();
}

/// Every Midtrans state change the sandbox can make, by control action or
/// by the cancel endpoint, sends a notification that
/// `payspec::midtrans::verify_cancel_notification` accepts and decodes.
#[tokio::test]
async fn every_midtrans_notification_passes_the_generated_verifier() {
    let (url, mut rx, task) = common::receiver().await;
    let sb = start();
    let base = sb.base_url();
    let c = Credentials::test();
    let changes = [
        ("M-AUTH", "pending", "authorize", "authorize"),
        ("M-PAY", "pending", "pay", "capture"),
        ("M-SETTLE", "capture", "settle", "settlement"),
        ("M-EXPIRE", "pending", "expire", "expire"),
    ];
    for (id, from, action, _) in changes {
        post(&base, "/_sandbox/seed", json!({"provider":"midtrans","resource":"transaction","id":id,"state":from,"amount":12500,"notify_url":url})).await;
        let (status, _) = post(
            &base,
            &format!("/_sandbox/midtrans/transaction/{id}/{action}"),
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{action}");
    }
    post(&base, "/_sandbox/seed", json!({"provider":"midtrans","resource":"transaction","id":"M-CANCEL","state":"pending","amount":12500,"notify_url":url})).await;
    payspec::midtrans::Client::new(payspec::midtrans::Config::new(
        &base,
        c.by_env("MIDTRANS_SERVER_KEY"),
    ))
    .call_empty::<Value>(Call::post("cancel", "/v2/M-CANCEL/cancel"))
    .await
    .expect("cancel");
    let mut expected: Vec<(String, String)> = changes
        .iter()
        .map(|(id, _, _, to)| ((*id).to_owned(), (*to).to_owned()))
        .chain([("M-CANCEL".to_owned(), "cancel".to_owned())])
        .collect();
    let mut seen = Vec::new();
    for _ in 0..expected.len() {
        let (_, body) = common::next_notification(&mut rx).await;
        let note =
            payspec::midtrans::verify_cancel_notification(&body, &c.by_env("MIDTRANS_SERVER_KEY"))
                .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
        assert_eq!(
            note.gross_amount.map(|a| a.to_string()).as_deref(),
            Some("12500.00")
        );
        let state = serde_json::to_value(&note.transaction_status).expect("serialises");
        seen.push((
            note.order_id.unwrap_or_default(),
            state.as_str().unwrap_or_default().to_owned(),
        ));
    }
    seen.sort();
    expected.sort();
    assert_eq!(seen, expected);
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
    let client = payspec::midtrans::Client::new(payspec::midtrans::Config::new(
        &base,
        c.by_env("MIDTRANS_SERVER_KEY"),
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

// Values the provider generates are generated per resource, in their
// documented shape and zone, from the sandbox clock (spec `generated:`
// keys), and the clock moves through `/_sandbox/clock`, so documented
// windows can be tested in seconds.

fn midtrans(base: &str) -> payspec::midtrans::Client {
    let c = Credentials::test();
    payspec::midtrans::Client::new(payspec::midtrans::Config::new(
        base,
        c.by_env("MIDTRANS_SERVER_KEY"),
    ))
}

/// A UUID v4 in its text form: 8-4-4-4-12 hex digits, version 4, variant 10xx.
fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

async fn cancel(base: &str, id: &str) -> Value {
    midtrans(base)
        .call_empty::<Value>(Call::post("cancel", format!("/v2/{id}/cancel")))
        .await
        .expect("cancel")
}

#[tokio::test]
async fn midtrans_transactions_get_their_own_ids_and_times_from_the_moved_clock() {
    let sb = start();
    let base = sb.base_url();
    let seeds = json!([
        {"provider":"midtrans","resource":"transaction","id":"ORDER-A","state":"capture","amount":30000,"attributes":{"bank":"bca"}},
        {"provider":"midtrans","resource":"transaction","id":"ORDER-B","state":"capture","amount":45000,"attributes":{"bank":"bca"}}
    ]);
    assert_eq!(post(&base, "/_sandbox/seed", seeds).await.0, 200);
    let (status, clock) = post(
        &base,
        "/_sandbox/clock",
        json!({"set": "2031-03-04T05:06:00Z"}),
    )
    .await;
    assert_eq!(status, 200, "{clock}");
    assert!(
        clock["now"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2031-03-04T05:0"),
        "{clock}"
    );

    let a = cancel(&base, "ORDER-A").await;
    let b = cancel(&base, "ORDER-B").await;
    let (id_a, id_b) = (
        a["transaction_id"].as_str().expect("transaction_id"),
        b["transaction_id"].as_str().expect("transaction_id"),
    );
    assert!(is_uuid_v4(id_a) && is_uuid_v4(id_b), "{id_a} {id_b}");
    assert_ne!(id_a, id_b);
    assert_ne!(
        id_a, "249fc620-6017-4540-af7c-5a1c25788f46",
        "the docs' sample"
    );
    // GMT+7, "YYYY-MM-DD HH:MM:SS", from the moved clock (05:06Z is 12:06 WIB).
    for body in [&a, &b] {
        let time = body["transaction_time"].as_str().expect("transaction_time");
        assert!(time.starts_with("2031-03-04 12:06:"), "{time}");
        assert_eq!(time.len(), 19, "{time}");
        // "For authorized transaction expires in 8 days".
        let expiry = body["expiry_time"].as_str().expect("expiry_time");
        assert!(expiry.starts_with("2031-03-12 12:06:"), "{expiry}");
    }
    // What the provider echoes stays the call's.
    assert_eq!(a["order_id"], "ORDER-A");
    assert_eq!(b["gross_amount"], "45000.00");
}

#[tokio::test]
async fn doku_capture_window_follows_the_moved_clock() {
    let sb = start();
    let base = sb.base_url();
    let seeds = json!([
        {"provider":"doku","resource":"card_payment","id":"INV-EARLY","state":"authorized","amount":1000,
         "attributes":{"authorize_id":"A-EARLY"}},
        {"provider":"doku","resource":"card_payment","id":"INV-LATE","state":"authorized","amount":1000,
         "attributes":{"authorize_id":"A-LATE"}}
    ]);
    assert_eq!(post(&base, "/_sandbox/seed", seeds).await.0, 200);
    let capture = |authorize_id: &'static str| {
        let client = doku(&base);
        async move {
            client
                .call::<_, Value>(
                    Call::post("card_capture", "/credit-card/capture"),
                    &payspec::doku::cards::CaptureRequest::new(
                        payspec::doku::cards::CaptureRequestPayment::new(authorize_id),
                    ),
                )
                .await
        }
    };
    // Six days on: inside "within 7 days".
    let six_days = 6 * 24 * 3600;
    assert_eq!(
        post(&base, "/_sandbox/clock", json!({"advance_secs": six_days}))
            .await
            .1["offset_secs"],
        six_days
    );
    let early = capture("A-EARLY").await.expect("captured on day six");
    // The capture answer's generated values: the call's Request-Id, a
    // six-digit approval code.
    let request_id = early["payment"]["request_id"].as_str().unwrap_or_default();
    assert_ne!(request_id, "20201026193843836", "the docs' sample");
    assert!(!request_id.is_empty());
    let approval = early["payment"]["approval_code"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(approval.len(), 6, "{approval}");
    assert!(approval.bytes().all(|b| b.is_ascii_digit()), "{approval}");
    // Two more days: the window has passed.
    post(
        &base,
        "/_sandbox/clock",
        json!({"advance_secs": 2 * 24 * 3600}),
    )
    .await;
    let late = capture("A-LATE").await;
    assert!(
        matches!(late, Err(Error::Api(ref e)) if e.status == 400),
        "{late:?}"
    );
}

#[tokio::test]
async fn payment_page_urls_are_per_payment() {
    let sb = start();
    let base = sb.base_url();
    let page = |invoice: &'static str| {
        let client = doku(&base);
        async move {
            let mut request = payspec::doku::cards::PaymentPageRequest::new(
                payspec::doku::cards::PaymentPageOrder::new(payspec::money::Idr(10_000), invoice),
            );
            let mut customer = payspec::doku::cards::PaymentPageCustomer::new();
            customer.email = Some("buyer@example.com".to_owned());
            request.customer = Some(customer);
            client
                .card_payment_page(&request)
                .await
                .expect("payment page")
        }
    };
    let one = page("INV-URL-1").await;
    let two = page("INV-URL-2").await;
    let (u1, u2) = (
        one.credit_card_payment_page.url.clone(),
        two.credit_card_payment_page.url.clone(),
    );
    assert!(u1.contains("invoiceNumber=INV-URL-1"), "{u1}");
    assert!(
        u1.contains(&format!(
            "clientId={}",
            Credentials::test().by_env("DOKU_CLIENT_ID").expose()
        )),
        "{u1}"
    );
    assert!(
        !u1.contains("8quQyK39l4aM5cCml0Yy"),
        "the docs' sample requestId: {u1}"
    );
    assert_ne!(u1, u2);
}

#[tokio::test]
async fn the_clock_refuses_an_unclear_move() {
    let sb = start();
    let base = sb.base_url();
    let (status, _) = post(
        &base,
        "/_sandbox/clock",
        json!({"advance_secs": 1, "set": "2031-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = post(&base, "/_sandbox/clock", json!({"set": "tomorrow"})).await;
    assert_eq!(status, 400);
    // Reset puts the clock back.
    post(&base, "/_sandbox/clock", json!({"advance_secs": 3600})).await;
    post(&base, "/_sandbox/reset", json!({})).await;
    let clock: Value = reqwest::get(format!("{base}/_sandbox/clock"))
        .await
        .expect("read")
        .json()
        .await
        .expect("json");
    assert_eq!(clock["offset_secs"], 0);
}

/// A resource whose spec documents no notification (the biller's `bill`)
/// changes state without sending one: the sandbox does not invent a body.
/// The documented DOKU notification sent after it is the only one.
#[tokio::test]
async fn an_undocumented_notification_is_not_sent() {
    let (url, mut rx, task) = common::receiver().await;
    let sb = start();
    let base = sb.base_url();
    post(
        &base,
        "/_sandbox/seed",
        json!({"provider":"biller","resource":"bill","id":"B-N","amount":1000,"notify_url":url}),
    )
    .await;
    let (status, paid) = post(&base, "/_sandbox/biller/bill/B-N/pay", json!({})).await;
    assert_eq!((status, paid["state"].as_str()), (200, Some("paid")));
    post(&base, "/_sandbox/seed", json!({"provider":"doku","resource":"checkout_order","id":"CO-AFTER","amount":7000,"notify_url":url,"attributes":{"channel":"QRIS"}})).await;
    post(
        &base,
        "/_sandbox/doku/checkout_order/CO-AFTER/pay",
        json!({}),
    )
    .await;
    let (_, body) = common::next_notification(&mut rx).await;
    let note: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(note["order"]["invoice_number"], "CO-AFTER");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(rx.try_recv().is_err(), "a second notification arrived");
    task.abort();
}
