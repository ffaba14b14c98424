//! Values the provider generates are generated per resource, in their
//! documented shape and zone, from the sandbox clock (spec `generated:`
//! keys), and the clock moves through `/_sandbox/clock`, so documented
//! windows can be tested in seconds.

use std::path::PathBuf;

use payspec::client::Call;
use payspec::Error;
use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use serde_json::{json, Value};

fn start() -> SandboxHandle {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    spawn_for_tests(opts).expect("sandbox starts").1
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

fn midtrans(base: &str) -> payspec::client::midtrans::Client {
    let c = Credentials::test();
    payspec::client::midtrans::Client::new(payspec::client::midtrans::Config::new(
        base,
        c.midtrans_server_key,
    ))
}

fn doku(base: &str) -> payspec::client::doku::Client {
    let c = Credentials::test();
    payspec::client::doku::Client::new(payspec::client::doku::Config::new(
        base,
        c.doku_client_id,
        c.doku_secret_key,
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
        u1.contains(&format!("clientId={}", Credentials::test().doku_client_id)),
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
