//! Client flows against the sandbox, in process on 127.0.0.1, with the real
//! client runtime and the generated request types.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use payspec::client::{Call, CallOptions};
use payspec::doku::cards::{
    CaptureRequest, CaptureRequestPayment, PaymentPageCustomer, PaymentPageOrder,
    PaymentPagePayment, PaymentPageRequest, PaymentPageResponse, RefundRequest, RefundRequestOrder,
    RefundRequestPayment, RefundRequestRefund,
};
use payspec::doku::CardPaymentType;
use payspec::money::Idr;
use payspec::retry::RetryPolicy;
use payspec::Error;
use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use serde_json::{json, Value};

fn start() -> SandboxHandle {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    let (_addr, handle) = spawn_for_tests(opts).expect("sandbox starts");
    handle
}

fn doku(base: &str, retry: RetryPolicy) -> payspec::doku::Client {
    let c = Credentials::test();
    payspec::doku::Client::new(
        payspec::doku::Config::new(
            base,
            c.by_env("DOKU_CLIENT_ID").expose().to_owned(),
            c.by_env("DOKU_SECRET_KEY"),
        )
        .timeout(Duration::from_secs(10))
        .retry(retry.with_delays(Duration::from_millis(10), Duration::from_millis(50))),
    )
}

async fn control(base: &str, path: &str, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .json(&body)
        .send()
        .await
        .expect("control call");
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn read(base: &str, path: &str) -> Value {
    reqwest::get(format!("{base}/_sandbox/{path}"))
        .await
        .expect("read")
        .json()
        .await
        .expect("json")
}

fn refund(invoice: &str, amount: i64) -> RefundRequest {
    RefundRequest::new(
        RefundRequestOrder::new(invoice),
        RefundRequestPayment::new("req-original-1"),
        RefundRequestRefund::new(Idr(amount)),
    )
}

const REFUND: &str = "/cancellation/credit-card/refund";

async fn call_refund(
    client: &payspec::doku::Client,
    req: &RefundRequest,
    id: Option<&str>,
) -> Result<Value, Error> {
    let mut options = CallOptions::new();
    if let Some(id) = id {
        options = options.request_id(id);
    }
    client
        .call_with(Call::post("card_refund", REFUND), req, &options)
        .await
}

async fn seed_card(base: &str, id: &str, state: &str, amount: i64) {
    let (status, _) = control(
        base,
        "/_sandbox/seed",
        json!({"provider":"doku","resource":"card_payment","id":id,"state":state,"amount":amount,
               "attributes":{"authorize_id":format!("AUTH-{id}")}}),
    )
    .await;
    assert_eq!(status, 200);
}

/// A payment page request for `invoice` (an AUTHORIZE payment, so it must be captured).
fn payment_page(invoice: &str, amount: i64, kind: CardPaymentType) -> PaymentPageRequest {
    let mut request = PaymentPageRequest::new(PaymentPageOrder::new(Idr(amount), invoice));
    let mut customer = PaymentPageCustomer::new();
    customer.email = Some("buyer@example.com".to_owned());
    request.customer = Some(customer);
    let mut payment = PaymentPagePayment::new();
    payment.r#type = Some(kind);
    request.payment = Some(payment);
    request
}

/// Creates a card payment through the client's payment-page method, with
/// `request_id` as the payment initiation's Request-Id.
async fn create_card(
    client: &payspec::doku::Client,
    invoice: &str,
    amount: i64,
    kind: CardPaymentType,
    request_id: &str,
) -> Result<PaymentPageResponse, Error> {
    client
        .card_payment_page_with(
            &payment_page(invoice, amount, kind),
            &CallOptions::new().request_id(request_id),
        )
        .await
}

fn refund_of(invoice: &str, original_request_id: &str, amount: i64) -> RefundRequest {
    RefundRequest::new(
        RefundRequestOrder::new(invoice),
        RefundRequestPayment::new(original_request_id),
        RefundRequestRefund::new(Idr(amount)),
    )
}

#[tokio::test]
async fn created_by_the_payment_page_then_authorized_captured_and_refunded() {
    let sb = start();
    let base = sb.base_url();
    let client = doku(&base, RetryPolicy::none());

    let page = create_card(
        &client,
        "INV-F1",
        100_000,
        CardPaymentType::Authorize,
        "page-F1",
    )
    .await
    .expect("the payment page creates the payment");
    assert_eq!(page.order.invoice_number, "INV-F1");
    assert!(!page.credit_card_payment_page.url.is_empty());
    let created = read(&base, "doku/card_payment/INV-F1").await;
    assert_eq!(
        (
            created["state"].as_str(),
            created["amount"].as_i64(),
            created["attributes"]["payment_type"].as_str(),
            created["attributes"]["request_id"].as_str(),
        ),
        (
            Some("pending"),
            Some(100_000),
            Some("AUTHORIZE"),
            Some("page-F1")
        )
    );

    // The same invoice number again: refused, and the first payment is untouched.
    let duplicate = create_card(&client, "INV-F1", 5_000, CardPaymentType::Sale, "page-F1b")
        .await
        .expect_err("duplicate invoice");
    let Error::Api(api) = duplicate else {
        panic!("expected an API error, got {duplicate:?}")
    };
    assert_eq!(
        (api.status, api.code.as_deref()),
        (400, Some("DUPLICATE_INVOICE_NUMBER"))
    );
    assert_eq!(
        read(&base, "doku/card_payment/INV-F1").await["amount"],
        100_000
    );

    // The customer pays: DOKU authorizes and hands out an authorize_id.
    let (s, v) = control(
        &base,
        "/_sandbox/doku/card_payment/INV-F1/authorize",
        json!({"attributes": {"authorize_id": "AUTH-F1"}}),
    )
    .await;
    assert_eq!(
        (
            s,
            v["state"].as_str(),
            v["attributes"]["authorize_id"].as_str()
        ),
        (200, Some("authorized"), Some("AUTH-F1"))
    );

    let capture = CaptureRequest::new(CaptureRequestPayment::new("AUTH-F1"));
    client
        .card_capture(&capture)
        .await
        .expect("capture of an authorized payment");
    assert_eq!(
        read(&base, "doku/card_payment/INV-F1").await["state"],
        "captured"
    );
    let again = client
        .card_capture(&capture)
        .await
        .expect_err("second capture refused");
    assert!(
        matches!(again, Error::Api(ref e) if e.status == 400),
        "{again:?}"
    );

    control(
        &base,
        "/_sandbox/doku/card_payment/INV-F1/settle",
        json!({}),
    )
    .await;
    let first = call_refund(&client, &refund_of("INV-F1", "page-F1", 30_000), None)
        .await
        .expect("partial refund");
    assert_eq!(first["refund"]["type"], "PARTIAL_REFUND");
    assert_eq!(first["refund"]["status"], "SUCCESS");
    assert_eq!(first["refund"]["amount"], 30_000);

    // The refund must name the payment initiation's Request-Id.
    let stranger = call_refund(&client, &refund_of("INV-F1", "someone-else", 1_000), None)
        .await
        .expect_err("wrong original_request_id");
    let Error::Api(api) = stranger else {
        panic!("expected an API error, got {stranger:?}")
    };
    assert_eq!(
        api.message.as_deref(),
        Some("payment.original_request_id is not the request_id of this card_payment")
    );

    let over = call_refund(&client, &refund_of("INV-F1", "page-F1", 80_000), None)
        .await
        .expect_err("over the limit");
    let Error::Api(api) = over else {
        panic!("expected an API error, got {over:?}")
    };
    assert_eq!(api.code.as_deref(), Some("PAYMENT_FAILED"));
    assert_eq!(
        api.message.as_deref(),
        Some("Total Refund amount is Bigger than Original Transaction")
    );
    assert_eq!(
        api.body
            .as_ref()
            .map(|b| b["order"]["invoice_number"].clone()),
        Some(json!("INV-F1"))
    );
    let state = read(&base, "doku/card_payment/INV-F1").await;
    assert_eq!(
        (state["applied"].as_i64(), state["state"].as_str()),
        (Some(30_000), Some("settled"))
    );
}

#[tokio::test]
async fn created_by_the_payment_page_then_paid_and_voided_with_the_full_amount() {
    let sb = start();
    let base = sb.base_url();
    let client = doku(&base, RetryPolicy::none());
    create_card(&client, "INV-V", 50_000, CardPaymentType::Sale, "page-V")
        .await
        .expect("created");
    let (s, v) = control(&base, "/_sandbox/doku/card_payment/INV-V/pay", json!({})).await;
    assert_eq!((s, v["state"].as_str()), (200, Some("captured")));

    let partial = call_refund(&client, &refund_of("INV-V", "page-V", 10_000), None)
        .await
        .expect_err("a partial refund before settlement");
    let Error::Api(api) = partial else {
        panic!("expected an API error, got {partial:?}")
    };
    assert_eq!(
        (api.status, api.message.as_deref()),
        (
            400,
            Some("VOID: refund.amount must equal order.amount before settlement")
        )
    );
    let void = call_refund(&client, &refund_of("INV-V", "page-V", 50_000), None)
        .await
        .expect("void");
    assert_eq!(void["refund"]["type"], "VOID");
    assert_eq!(
        read(&base, "doku/card_payment/INV-V").await["state"],
        "refunded"
    );
}

async fn cancel_order(base: &str, invoice: &str) -> Result<Value, Error> {
    let c = Credentials::test();
    let client = payspec::doku::Client::new(payspec::doku::Config::new(
        base,
        c.by_env("DOKU_CLIENT_ID").expose().to_owned(),
        c.by_env("DOKU_SECRET_KEY"),
    ));
    let req = payspec::doku::checkout::CancelOrderRequest::new(
        payspec::doku::checkout::CancelOrderOrder::new(invoice),
        payspec::doku::checkout::CancelOrderPayment::new("req-checkout-1"),
        "customer asked",
    );
    client
        .call(
            Call::post("cancel_order", "/checkout/v3/cancellations"),
            &req,
        )
        .await
}

#[tokio::test]
async fn checkout_cancel_allowed_and_refused() {
    let sb = start();
    let base = sb.base_url();
    for (id, channel, bank) in [
        ("CO-OK", "QRIS", None),
        ("CO-PAID", "QRIS", None),
        ("CO-CARD", "CARDS", None),
        ("CO-BTN", "BANK_TRANSFER", Some("BTN")),
    ] {
        let mut attributes = json!({"channel": channel});
        if let Some(b) = bank {
            attributes["bank"] = json!(b);
        }
        let (s, _) = control(&base, "/_sandbox/seed", json!({"provider":"doku","resource":"checkout_order","id":id,"amount":10000,"attributes":attributes})).await;
        assert_eq!(s, 200);
    }
    control(
        &base,
        "/_sandbox/doku/checkout_order/CO-PAID/pay",
        json!({}),
    )
    .await;

    cancel_order(&base, "CO-OK")
        .await
        .expect("pending QRIS order cancels");
    assert_eq!(
        read(&base, "doku/checkout_order/CO-OK").await["state"],
        "cancelled"
    );
    for refused in ["CO-PAID", "CO-CARD", "CO-BTN"] {
        let err = cancel_order(&base, refused).await.expect_err(refused);
        assert!(
            matches!(err, Error::Api(ref e) if e.status == 400),
            "{refused}: {err:?}"
        );
    }
    assert_eq!(
        read(&base, "doku/checkout_order/CO-PAID").await["state"],
        "paid"
    );
    assert_eq!(
        read(&base, "doku/checkout_order/CO-CARD").await["state"],
        "pending"
    );
}

#[tokio::test]
async fn midtrans_cancel_of_a_settled_transaction_is_412() {
    let sb = start();
    let base = sb.base_url();
    for (id, state) in [("ORDER-S", "settlement"), ("ORDER-C", "capture")] {
        control(&base, "/_sandbox/seed", json!({"provider":"midtrans","resource":"transaction","id":id,"state":state,"amount":30000})).await;
    }
    let c = Credentials::test();
    let client = payspec::midtrans::Client::new(payspec::midtrans::Config::new(
        &base,
        c.by_env("MIDTRANS_SERVER_KEY"),
    ));
    let ok: Value = client
        .call_empty(Call::post("cancel", "/v2/ORDER-C/cancel"))
        .await
        .expect("cancel of a captured transaction");
    assert_eq!(
        (ok["transaction_status"].as_str(), ok["order_id"].as_str()),
        (Some("cancel"), Some("ORDER-C"))
    );
    let err = client
        .call_empty::<Value>(Call::post("cancel", "/v2/ORDER-S/cancel"))
        .await
        .expect_err("settled");
    let Error::Api(api) = err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 412);
    assert_eq!(
        api.body.as_ref().map(|b| b["status_message"].clone()),
        Some(json!(
            "Merchant cannot modify the status of the transaction"
        ))
    );
    assert_eq!(
        read(&base, "midtrans/transaction/ORDER-S").await["state"],
        "settlement"
    );
}

#[tokio::test]
async fn dropped_connection_with_retries_refunds_exactly_once() {
    let sb = start();
    let base = sb.base_url();
    seed_card(&base, "INV-R", "settled", 100_000).await;
    let (s, _) = control(
        &base,
        "/_sandbox/faults",
        json!({"endpoint":"card_refund","drop_after_processing":true}),
    )
    .await;
    assert_eq!(s, 200);
    // Without retries the caller sees the broken exchange, yet the refund happened.
    let broken = call_refund(
        &doku(&base, RetryPolicy::none()),
        &refund("INV-R", 5_000),
        None,
    )
    .await;
    assert!(matches!(broken, Err(Error::Transport { .. })), "{broken:?}");
    assert_eq!(
        read(&base, "doku/card_payment/INV-R").await["applied"],
        5_000
    );

    control(
        &base,
        "/_sandbox/faults",
        json!({"endpoint":"card_refund","drop_after_processing":true}),
    )
    .await;
    let client = doku(&base, RetryPolicy::attempts(3));
    let result = call_refund(&client, &refund("INV-R", 25_000), Some("refund-INV-R-1"))
        .await
        .expect("retried to the original result");
    assert_eq!(result["refund"]["amount"], 25_000);
    assert_eq!(result["refund"]["status"], "SUCCESS");
    let state = read(&base, "doku/card_payment/INV-R").await;
    assert_eq!(state["applied"], 30_000);
    assert_eq!(state["history"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn injected_503_is_retried() {
    let sb = start();
    let base = sb.base_url();
    seed_card(&base, "INV-5", "settled", 100_000).await;
    control(
        &base,
        "/_sandbox/faults",
        json!({"endpoint":"card_refund","status":503}),
    )
    .await;
    let once = call_refund(
        &doku(&base, RetryPolicy::none()),
        &refund("INV-5", 1_000),
        None,
    )
    .await;
    assert!(
        matches!(once, Err(Error::Api(ref e)) if e.status == 503),
        "{once:?}"
    );
    control(
        &base,
        "/_sandbox/faults",
        json!({"endpoint":"card_refund","status":500}),
    )
    .await;
    let retried = call_refund(
        &doku(&base, RetryPolicy::attempts(2)),
        &refund("INV-5", 1_000),
        None,
    )
    .await
    .expect("second attempt succeeds");
    assert_eq!(retried["refund"]["amount"], 1_000);
    assert_eq!(
        read(&base, "doku/card_payment/INV-5").await["applied"],
        1_000
    );
}

#[tokio::test]
async fn concurrent_refunds_never_exceed_the_original() {
    let sb = start();
    let base = sb.base_url();
    const ORIGINAL: i64 = 1_500_000;
    seed_card(&base, "INV-C", "settled", ORIGINAL).await;
    let client = Arc::new(doku(&base, RetryPolicy::none()));
    let mut tasks = Vec::new();
    for t in 0..32_i64 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut accepted = 0_i64;
            for i in 0..(2_000 / 32 + i64::from(t < 2_000 % 32)) {
                let amount = 500 + (t * 7 + i * 13) % 1_000;
                if call_refund(&client, &refund("INV-C", amount), None)
                    .await
                    .is_ok()
                {
                    accepted += amount;
                }
            }
            accepted
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        accepted += tokio::time::timeout(Duration::from_secs(120), t)
            .await
            .expect("bounded")
            .expect("task");
    }
    let state = read(&base, "doku/card_payment/INV-C").await;
    let applied = state["applied"].as_i64().expect("applied");
    assert!(applied <= ORIGINAL, "{applied} > {ORIGINAL}");
    assert_eq!(applied, accepted);
    assert!(
        accepted > ORIGINAL / 2,
        "most of the amount was refunded: {accepted}"
    );
}
