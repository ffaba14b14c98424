//! DOKU's Check Status API and virtual-account notification against the
//! sandbox: the status of a payment created through the generated client,
//! with times from the sandbox clock and fresh generated values, and the
//! notification the sandbox signs, verified by the generated verifier with
//! the receiver's own path as the target.

mod common;

use std::path::PathBuf;
use std::time::SystemTime;

use payspec::client::CallOptions;
use payspec::doku::cards::{PaymentPageCustomer, PaymentPageOrder, PaymentPageRequest};
use payspec::doku::{self, Client, Config, Notification, TransactionStatus};
use payspec::money::Idr;
use payspec::Error;
use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use serde_json::json;

fn options(notify_url: Option<String>) -> MockOptions {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    opts.notify_url = notify_url;
    opts
}

fn start() -> SandboxHandle {
    spawn_for_tests(options(None)).expect("sandbox starts").1
}

fn client(base: &str) -> Client {
    let c = Credentials::test();
    Client::new(Config::new(
        base,
        c.by_env("DOKU_CLIENT_ID").expose().to_owned(),
        c.by_env("DOKU_SECRET_KEY"),
    ))
}

async fn control(base: &str, path: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{base}{path}"))
        .json(&json!({}))
        .send()
        .await
        .expect("control call")
        .status()
        .as_u16()
}

/// Creates resources through test control (one seed or an array).
async fn seed(base: &str, seeds: serde_json::Value) {
    let status = reqwest::Client::new()
        .post(format!("{base}/_sandbox/seed"))
        .json(&seeds)
        .send()
        .await
        .expect("seed call")
        .status();
    assert_eq!(status.as_u16(), 200, "seeded");
}

fn payment_page(invoice: &str, amount: i64) -> PaymentPageRequest {
    let mut request = PaymentPageRequest::new(PaymentPageOrder::new(Idr(amount), invoice));
    let mut customer = PaymentPageCustomer::new();
    customer.email = Some("buyer@example.com".to_owned());
    request.customer = Some(customer);
    request
}

/// Seconds between `text` (`YYYY-MM-DDTHH:MM:SSZ`) and now.
fn age_secs(text: &str) -> u64 {
    let skew = payspec_signing::time::skew(text, SystemTime::now());
    skew.unwrap_or_else(|| panic!("`{text}` is not a UTC timestamp"))
        .as_secs()
}

#[tokio::test]
async fn check_status_reports_a_payment_created_through_the_client() {
    let sb = start();
    let base = sb.base_url();
    let doku = client(&base);
    doku.card_payment_page_with(
        &payment_page("INV-S1", 150_000),
        &CallOptions::new().request_id("page-S1"),
    )
    .await
    .expect("created");

    let pending = doku.check_status("INV-S1").await.expect("a known invoice");
    assert_eq!(pending.transaction.status, TransactionStatus::Pending);
    let order = pending.order.as_ref().expect("the order");
    assert_eq!(
        (order.invoice_number.as_str(), order.amount),
        ("INV-S1", Idr(150_000))
    );
    assert_eq!(
        pending.transaction.original_request_id.as_deref(),
        Some("page-S1"),
        "the Request-Id that created the payment"
    );
    // The sandbox's clock and fresh values, never the docs' sample.
    let date = pending.transaction.date.clone().expect("a date");
    assert!(age_secs(&date) < 120, "{date} is not the sandbox clock");
    let va = pending
        .virtual_account_info
        .as_ref()
        .and_then(|v| v.virtual_account_number.clone())
        .expect("a VA number");
    assert_eq!(va.len(), 16, "{va}");
    assert!(va.bytes().all(|b| b.is_ascii_digit()), "{va}");
    assert_ne!(va, "8889940000000213", "the docs' sample number");

    assert_eq!(
        control(&base, "/_sandbox/doku/card_payment/INV-S1/pay").await,
        200
    );
    let paid = doku.check_status("INV-S1").await.expect("paid");
    assert_eq!(paid.transaction.status, TransactionStatus::Success);
    assert_eq!(
        doku::transaction_status_is_final(&paid.transaction.status),
        Some(true)
    );
    // What the sandbox made up for this payment is kept.
    let again = paid
        .virtual_account_info
        .and_then(|v| v.virtual_account_number);
    assert_eq!(again.as_deref(), Some(va.as_str()));
}

#[tokio::test]
async fn check_status_of_an_unknown_invoice_is_a_404_api_error() {
    let sb = start();
    let result = client(&sb.base_url()).check_status("INV-NOPE").await;
    let Err(Error::Api(api)) = &result else {
        panic!("expected an API error: {result:?}")
    };
    assert_eq!((api.status, api.code.as_deref()), (404, Some("NOT_FOUND")));
}

#[tokio::test]
async fn an_authorized_payment_is_pending_and_a_refunded_one_refunded() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!([
            {"provider":"doku","resource":"card_payment","id":"INV-A","state":"authorized","amount":1000},
            {"provider":"doku","resource":"card_payment","id":"INV-R","state":"refunded","amount":1000}
        ]),
    )
    .await;
    let doku = client(&base);
    let authorized = doku.check_status("INV-A").await.expect("authorized");
    assert_eq!(authorized.transaction.status, TransactionStatus::Pending);
    let refunded = doku.check_status("INV-R").await.expect("refunded");
    assert_eq!(refunded.transaction.status, TransactionStatus::Refunded);
}

#[tokio::test]
async fn a_paid_checkout_order_is_notified_signed_for_the_receivers_path() {
    let (url, mut rx, task) = common::receiver().await;
    let (_, sb) = spawn_for_tests(options(Some(url))).expect("sandbox starts");
    let base = sb.base_url();
    seed(
        &base,
        json!({"provider":"doku","resource":"checkout_order","id":"CO-VA","amount":88000,
               "attributes":{"channel":"BANK_TRANSFER"}}),
    )
    .await;
    assert_eq!(
        control(&base, "/_sandbox/doku/checkout_order/CO-VA/pay").await,
        200
    );

    let (headers, body) = common::next_notification(&mut rx).await;
    let secret = Credentials::test().by_env("DOKU_SECRET_KEY");
    let signed = Notification::headers(&headers).expect("the four DOKU headers");
    let note = doku::verify_virtual_account_notification(&signed, "/hook", &body, &secret)
        .expect("signed over the receiver's path");
    assert_eq!(note.order.invoice_number, "CO-VA");
    assert_eq!(note.order.amount, Idr(88_000));
    assert_eq!(note.transaction.status, TransactionStatus::Success);
    assert!(age_secs(signed.request_timestamp) < 120);

    // Another path is another signature.
    let elsewhere = doku::verify_virtual_account_notification(&signed, "/hooks", &body, &secret);
    assert!(
        matches!(elsewhere, Err(Error::SignatureMismatch(_))),
        "{elsewhere:?}"
    );
    // One byte changed: refused before decoding.
    let mut tampered = body.clone();
    let at = String::from_utf8_lossy(&body)
        .find("88000")
        .expect("the amount");
    tampered[at] = b'9';
    let refused = doku::verify_virtual_account_notification(&signed, "/hook", &tampered, &secret);
    assert!(
        matches!(refused, Err(Error::SignatureMismatch(_))),
        "{refused:?}"
    );
    task.abort();
}
