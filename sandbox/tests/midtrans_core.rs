//! The Midtrans Core API calls that move a transaction (capture, expire,
//! refund, direct refund), through the generated client methods against the
//! sandbox, which applies the spec's `lifecycle:` data.

mod common;

use std::path::PathBuf;

use payspec::midtrans::core::{
    CaptureRequest, ChargeBankTransfer, ChargeEchannel, ChargePaymentType, ChargeRequest,
    ChargeTransactionDetails, DirectRefundRequest, ExpireResponse, RefundRequest, VaBank,
};
use payspec::midtrans::{Client, Config, TransactionStatus};
use payspec::money::Idr;
use payspec::Error;
use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use serde_json::{json, Value};

fn start() -> SandboxHandle {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    spawn_for_tests(opts).expect("sandbox starts").1
}

/// A sandbox that posts its notifications to a loopback receiver: the
/// sandbox, the receiver's channel and its task.
async fn start_notifying() -> (
    SandboxHandle,
    tokio::sync::mpsc::UnboundedReceiver<(axum::http::HeaderMap, Vec<u8>)>,
    tokio::task::JoinHandle<()>,
) {
    let (url, rx, task) = common::receiver().await;
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    opts.notify_url = Some(url);
    (spawn_for_tests(opts).expect("sandbox starts").1, rx, task)
}

fn client(base: &str) -> Client {
    Client::new(Config::new(
        base,
        Credentials::test().by_env("MIDTRANS_SERVER_KEY"),
    ))
}

async fn seed(base: &str, seeds: Value) {
    let status = reqwest::Client::new()
        .post(format!("{base}/_sandbox/seed"))
        .json(&seeds)
        .send()
        .await
        .expect("seed call")
        .status();
    assert_eq!(status.as_u16(), 200, "seeded");
}

/// The sandbox's view of a transaction: (state, applied amount).
async fn read(base: &str, id: &str) -> (String, i64) {
    let v: Value = reqwest::get(format!("{base}/_sandbox/midtrans/transaction/{id}"))
        .await
        .expect("read")
        .json()
        .await
        .expect("json");
    (
        v["state"].as_str().unwrap_or_default().to_owned(),
        v["applied"].as_i64().unwrap_or(-1),
    )
}

fn api_code<T: std::fmt::Debug>(result: &Result<T, Error>) -> Option<String> {
    match result {
        Err(Error::Api(api)) => api.code.clone(),
        _ => None,
    }
}

#[tokio::test]
async fn capture_moves_an_authorized_transaction_found_by_transaction_id() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!([
            {"provider":"midtrans","resource":"transaction","id":"ORDER-A","state":"authorize","amount":145000,
             "attributes":{"transaction_id":"be4f3e44-d6ee-4355-8c64-c1d1dc7f4590"}},
            {"provider":"midtrans","resource":"transaction","id":"ORDER-P","state":"pending","amount":1000,
             "attributes":{"transaction_id":"tx-pending"}}
        ]),
    )
    .await;
    let mt = client(&base);

    let mut over = CaptureRequest::new("be4f3e44-d6ee-4355-8c64-c1d1dc7f4590");
    over.gross_amount = Some(Idr(145001));
    let refused = mt.capture(&over).await;
    assert_eq!(api_code(&refused).as_deref(), Some("412"), "{refused:?}");
    assert_eq!(read(&base, "ORDER-A").await.0, "authorize");

    let mut request = CaptureRequest::new("be4f3e44-d6ee-4355-8c64-c1d1dc7f4590");
    request.gross_amount = Some(Idr(145000));
    let captured = mt.capture(&request).await.expect("authorized: captured");
    assert_eq!(captured.order_id.as_deref(), Some("ORDER-A"));
    assert_eq!(
        captured.transaction_status,
        Some(TransactionStatus::Capture)
    );
    assert_eq!(
        captured.gross_amount.as_ref().map(|a| a.as_str()),
        Some("145000.00")
    );
    assert_eq!(read(&base, "ORDER-A").await.0, "capture");

    // Only an authorized transaction can be captured.
    let pending = mt.capture(&CaptureRequest::new("tx-pending")).await;
    assert_eq!(api_code(&pending).as_deref(), Some("412"), "{pending:?}");
    assert_eq!(read(&base, "ORDER-P").await.0, "pending");
}

#[tokio::test]
async fn partial_refunds_add_up_to_a_full_refund_then_stop() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!([
            {"provider":"midtrans","resource":"transaction","id":"ORDER-R","state":"settlement","amount":10000},
            {"provider":"midtrans","resource":"transaction","id":"ORDER-C","state":"capture","amount":10000}
        ]),
    )
    .await;
    let mt = client(&base);

    let mut first = RefundRequest::new();
    first.refund_key = Some("reference1".to_owned());
    first.amount = Some(Idr(4000));
    let partial = mt.refund("ORDER-R", &first).await.expect("partial refund");
    assert_eq!(partial.order_id.as_deref(), Some("ORDER-R"));
    // "partial_refund: transaction is partially refunded."
    assert_eq!(
        partial.transaction_status,
        Some(TransactionStatus::PartialRefund)
    );
    assert_eq!(
        read(&base, "ORDER-R").await,
        ("partial_refund".to_owned(), 4000)
    );

    // More than what is left is refused, and nothing is applied.
    let mut too_much = RefundRequest::new();
    too_much.amount = Some(Idr(6001));
    let refused = mt.refund("ORDER-R", &too_much).await;
    assert_eq!(api_code(&refused).as_deref(), Some("412"), "{refused:?}");
    assert_eq!(
        read(&base, "ORDER-R").await,
        ("partial_refund".to_owned(), 4000)
    );

    // No amount: the rest.
    let rest = mt
        .refund("ORDER-R", &RefundRequest::new())
        .await
        .expect("the remaining amount");
    assert_eq!(rest.transaction_status, Some(TransactionStatus::Refund));
    assert_eq!(
        rest.gross_amount.as_ref().map(|a| a.as_str()),
        Some("10000.00")
    );
    assert_eq!(read(&base, "ORDER-R").await, ("refund".to_owned(), 10000));
    let again = mt.refund("ORDER-R", &RefundRequest::new()).await;
    assert_eq!(api_code(&again).as_deref(), Some("412"), "{again:?}");

    // Not settled yet: "please use Cancel API instead".
    let unsettled = mt.refund("ORDER-C", &RefundRequest::new()).await;
    assert_eq!(
        api_code(&unsettled).as_deref(),
        Some("412"),
        "{unsettled:?}"
    );
    assert_eq!(read(&base, "ORDER-C").await.0, "capture");
}

#[tokio::test]
async fn direct_refund_refunds_a_settled_transaction() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!({"provider":"midtrans","resource":"transaction","id":"ORDER-D","state":"settlement","amount":698879}),
    )
    .await;
    let mut request = DirectRefundRequest::new();
    request.refund_key = Some("reference1".to_owned());
    let refunded = client(&base)
        .direct_refund("ORDER-D", &request)
        .await
        .expect("settled: refunded");
    assert_eq!(refunded.transaction_status, Some(TransactionStatus::Refund));
    assert_eq!(
        refunded.gross_amount.as_ref().map(|a| a.as_str()),
        Some("698879.00")
    );
    assert_eq!(read(&base, "ORDER-D").await, ("refund".to_owned(), 698879));
}

#[tokio::test]
async fn expire_answers_status_code_407_its_declared_success_code() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!([
            {"provider":"midtrans","resource":"transaction","id":"ORDER-E","state":"pending","amount":10000},
            {"provider":"midtrans","resource":"transaction","id":"ORDER-S","state":"settlement","amount":10000}
        ]),
    )
    .await;
    let mt = client(&base);
    // status_code "407" is expire's success code (success_codes in
    // spec/midtrans/core/expire.yaml): the body is the result.
    let body: ExpireResponse = mt.expire("ORDER-E").await.expect("407 is success here");
    assert_eq!(body.status_code, "407");
    assert_eq!(body.transaction_status, Some(TransactionStatus::Expire));
    assert_eq!(body.order_id.as_deref(), Some("ORDER-E"));
    assert_eq!(read(&base, "ORDER-E").await.0, "expire");

    let settled = mt.expire("ORDER-S").await;
    assert_eq!(api_code(&settled).as_deref(), Some("412"), "{settled:?}");
    assert_eq!(read(&base, "ORDER-S").await.0, "settlement");
}

fn bca_charge(order_id: &str, amount: i64) -> ChargeRequest {
    let mut request = ChargeRequest::new(
        ChargePaymentType::BankTransfer,
        ChargeTransactionDetails::new(order_id, Idr(amount)),
    );
    request.bank_transfer = Some(ChargeBankTransfer::new(VaBank::Bca));
    request
}

#[tokio::test]
async fn charge_pay_notify_and_a_bank_transfer_is_not_refundable() {
    let (sb, mut rx, task) = start_notifying().await;
    let base = sb.base_url();
    let mt = client(&base);

    let created = mt
        .charge(&bca_charge("order-101", 44000))
        .await
        .expect("charged");
    assert_eq!(created.order_id.as_deref(), Some("order-101"));
    assert_eq!(created.transaction_status, Some(TransactionStatus::Pending));
    assert_eq!(created.payment_type.as_deref(), Some("bank_transfer"));
    assert_eq!(
        created.gross_amount.as_ref().map(|a| a.as_str()),
        Some("44000.00")
    );
    assert_eq!(read(&base, "order-101").await.0, "pending");

    // The same order_id again: "406 | Duplicate order ID".
    let again = mt.charge(&bca_charge("order-101", 44000)).await;
    assert_eq!(api_code(&again).as_deref(), Some("406"), "{again:?}");

    // The customer pays (sandbox control); Midtrans notifies, signed.
    let paid = reqwest::Client::new()
        .post(format!(
            "{base}/_sandbox/midtrans/transaction/order-101/pay_transfer"
        ))
        .send()
        .await
        .expect("control");
    assert_eq!(paid.status().as_u16(), 200);
    let (_, body) = common::next_notification(&mut rx).await;
    let server_key = Credentials::test().by_env("MIDTRANS_SERVER_KEY");
    let note = payspec::midtrans::verify_payment_notification(&body, &server_key)
        .expect("signature_key verifies");
    assert_eq!(
        (
            note.order_id.as_str(),
            &note.transaction_status,
            note.gross_amount.as_str()
        ),
        ("order-101", &TransactionStatus::Settlement, "44000.00")
    );
    let mut tampered: Value = serde_json::from_slice(&body).expect("JSON");
    tampered["gross_amount"] = json!("1.00");
    let refused = payspec::midtrans::verify_payment_notification(
        tampered.to_string().as_bytes(),
        &server_key,
    );
    assert!(
        matches!(refused, Err(Error::SignatureMismatch(_))),
        "{refused:?}"
    );

    // "Refund transaction is supported only for credit_card , gopay,
    // shopeepay ,dana,ovo, QRIS , kredivo and akulaku payment methods."
    let refund = mt.refund("order-101", &RefundRequest::new()).await;
    assert_eq!(api_code(&refund).as_deref(), Some("412"), "{refund:?}");
    assert_eq!(read(&base, "order-101").await, ("settlement".to_owned(), 0));
    task.abort();
}

#[tokio::test]
async fn charge_is_validated_before_sending_and_pending_charges_expire_or_are_denied() {
    let sb = start();
    let base = sb.base_url();
    let mt = client(&base);

    // bank_transfer is required with payment_type bank_transfer.
    let missing = ChargeRequest::new(
        ChargePaymentType::BankTransfer,
        ChargeTransactionDetails::new("order-x", Idr(1000)),
    );
    let invalid = mt.charge(&missing).await;
    let Err(Error::Validation(violations)) = &invalid else {
        panic!("expected a validation error: {invalid:?}")
    };
    assert!(
        violations
            .violations()
            .iter()
            .any(|v| v.path == "bank_transfer" && v.rule == "required_if"),
        "{violations:?}"
    );
    let gone = reqwest::get(format!("{base}/_sandbox/midtrans/transaction/order-x"))
        .await
        .expect("read");
    assert_eq!(gone.status().as_u16(), 404, "nothing was sent");

    mt.charge(&bca_charge("order-e", 1000))
        .await
        .expect("charged");
    let expired = mt.expire("order-e").await.expect("407 is expire's success");
    assert_eq!(expired.status_code, "407");
    assert_eq!(read(&base, "order-e").await.0, "expire");

    mt.charge(&bca_charge("order-d", 1000))
        .await
        .expect("charged");
    let denied = reqwest::Client::new()
        .post(format!("{base}/_sandbox/midtrans/transaction/order-d/deny"))
        .send()
        .await
        .expect("control");
    assert_eq!(denied.status().as_u16(), 200);
    assert_eq!(read(&base, "order-d").await.0, "deny");
    // A denied transaction cannot be refunded.
    let refund = mt.refund("order-d", &RefundRequest::new()).await;
    assert_eq!(api_code(&refund).as_deref(), Some("412"), "{refund:?}");
}

/// `YYYY-MM-DD HH:MM:SS`, the Midtrans local (GMT+7) form.
fn is_local_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

#[tokio::test]
async fn charge_makes_fresh_ids_and_get_status_reports_the_same_transaction() {
    let sb = start();
    let base = sb.base_url();
    let mt = client(&base);

    let first = mt
        .charge(&bca_charge("order-g1", 15000))
        .await
        .expect("charged");
    let second = mt
        .charge(&bca_charge("order-g2", 16000))
        .await
        .expect("charged");
    let id = first.transaction_id.clone().expect("a transaction_id");
    let parsed = uuid::Uuid::parse_str(&id).expect("a UUID");
    assert_eq!(parsed.get_version_num(), 4, "{id}");
    // Never the docs' sample constant, and never shared between transactions.
    assert_ne!(id, "be03df7d-2f97-4c8c-a53c-8959f1b67295");
    assert_ne!(Some(&id), second.transaction_id.as_ref());
    let va = &first.va_numbers.as_ref().expect("va_numbers")[0].va_number;
    assert!(
        va.len() == 15 && va.bytes().all(|c| c.is_ascii_digit()),
        "{va}"
    );
    assert_ne!(va, "812785002530231");
    let time = first.transaction_time.clone().expect("transaction_time");
    assert!(is_local_date_time(&time), "{time}");

    // The status query answers about this transaction, with the values the
    // charge made up, and moves nothing.
    let status = mt.get_status("order-g1").await.expect("found");
    assert_eq!(status.order_id.as_deref(), Some("order-g1"));
    assert_eq!(status.transaction_status, Some(TransactionStatus::Pending));
    assert_eq!(
        status.gross_amount.as_ref().map(|a| a.as_str()),
        Some("15000.00")
    );
    assert_eq!(status.payment_type.as_deref(), Some("bank_transfer"));
    assert_eq!(status.transaction_id.as_deref(), Some(id.as_str()));
    assert_eq!(status.transaction_time.as_deref(), Some(time.as_str()));
    assert_eq!(read(&base, "order-g1").await.0, "pending");

    // An unknown id: the documented 404 body, under HTTP 200.
    let missing = mt.get_status("order-none").await;
    let Err(Error::Api(api)) = &missing else {
        panic!("expected an API error: {missing:?}")
    };
    assert_eq!((api.status, api.code.as_deref()), (200, Some("404")));
}

/// A Permata charge sent as payment_type permata is answered with
/// "payment_type": "bank_transfer" (the charge page's Permata sample), and
/// get status says the same ("The JSON response will be the same as the
/// notification status"), in both of its states, never the request's
/// "permata".
#[tokio::test]
async fn get_status_of_a_permata_charge_says_bank_transfer() {
    let sb = start();
    let base = sb.base_url();
    let mt = client(&base);
    let charged = mt
        .charge(&permata_charge("status-permata", 30000))
        .await
        .expect("charged");
    assert_eq!(
        serde_json::to_value(&charged.payment_type).expect("payment_type"),
        "bank_transfer"
    );
    let status = mt.get_status("status-permata").await.expect("found");
    assert_eq!(status.payment_type.as_deref(), Some("bank_transfer"));
    assert_eq!(control(&base, "status-permata/pay_transfer").await, 200);
    let status = mt.get_status("status-permata").await.expect("found");
    assert_eq!(status.payment_type.as_deref(), Some("bank_transfer"));
    assert_eq!(
        status.transaction_status,
        Some(TransactionStatus::Settlement)
    );
}

#[tokio::test]
async fn partial_refunds_follow_the_payment_method() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!([
            {"provider":"midtrans","resource":"transaction","id":"GOPAY-1","state":"settlement","amount":10000,
             "attributes":{"payment_type":"gopay"}},
            {"provider":"midtrans","resource":"transaction","id":"SPAY-1","state":"settlement","amount":10000,
             "attributes":{"payment_type":"shopeepay"}}
        ]),
    )
    .await;
    let mt = client(&base);
    let part = |amount: i64| {
        let mut r = RefundRequest::new();
        r.amount = Some(Idr(amount));
        r
    };
    mt.refund("GOPAY-1", &part(2500))
        .await
        .expect("GoPay allows a partial refund");
    assert_eq!(
        read(&base, "GOPAY-1").await,
        ("partial_refund".to_owned(), 2500)
    );

    // "Shopeepay and OVO does not support partial refund at the moment."
    let partial = mt.refund("SPAY-1", &part(2500)).await;
    assert_eq!(api_code(&partial).as_deref(), Some("412"), "{partial:?}");
    assert_eq!(read(&base, "SPAY-1").await, ("settlement".to_owned(), 0));
    let whole = mt
        .refund("SPAY-1", &part(10000))
        .await
        .expect("the whole amount");
    assert_eq!(whole.transaction_status, Some(TransactionStatus::Refund));

    // Direct refund: "only supported for GoPay, QRIS, ShopeePay, Credit Card, Akulaku and Kredivo".
    seed(
        &base,
        json!([
            {"provider":"midtrans","resource":"transaction","id":"OVO-1","state":"settlement","amount":100,
             "attributes":{"payment_type":"ovo"}},
            {"provider":"midtrans","resource":"transaction","id":"CARD-MANDIRI","state":"settlement","amount":100,
             "attributes":{"payment_type":"credit_card","bank":"mandiri"}},
            {"provider":"midtrans","resource":"transaction","id":"CARD-BCA","state":"settlement","amount":100,
             "attributes":{"payment_type":"credit_card","bank":"bca"}}
        ]),
    )
    .await;
    for refused in ["OVO-1", "CARD-MANDIRI"] {
        let r = mt.direct_refund(refused, &DirectRefundRequest::new()).await;
        assert_eq!(api_code(&r).as_deref(), Some("412"), "{refused}: {r:?}");
    }
    mt.direct_refund("CARD-BCA", &DirectRefundRequest::new())
        .await
        .expect("BCA-acquired card");
    assert_eq!(read(&base, "CARD-BCA").await.0, "refund");
}

fn refund_of(key: &str, amount: i64) -> RefundRequest {
    let mut request = RefundRequest::new();
    request.refund_key = Some(key.to_owned());
    request.amount = Some(Idr(amount));
    request
}

#[tokio::test]
async fn a_refund_retried_with_the_same_refund_key_refunds_once() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!({"provider":"midtrans","resource":"transaction","id":"ORDER-K","state":"settlement","amount":10000,
               "attributes":{"payment_type":"credit_card"}}),
    )
    .await;
    let mt = client(&base);

    let first = mt
        .refund("ORDER-K", &refund_of("reference1", 4000))
        .await
        .expect("refunded");
    assert_eq!(first.refund_key.as_deref(), Some("reference1"));
    assert_eq!(
        read(&base, "ORDER-K").await,
        ("partial_refund".to_owned(), 4000)
    );
    // "If you want to do retry the same refund request please use the same
    // refund_key": the retry is answered as the first, and refunds nothing.
    let retried = mt
        .refund("ORDER-K", &refund_of("reference1", 4000))
        .await
        .expect("the first answer again");
    assert_eq!(
        serde_json::to_value(&retried).expect("serialises"),
        serde_json::to_value(&first).expect("serialises")
    );
    assert_eq!(
        read(&base, "ORDER-K").await,
        ("partial_refund".to_owned(), 4000)
    );

    // A new refund_key is a new refund: the rest, and the transaction is refunded.
    let rest = mt
        .refund("ORDER-K", &refund_of("reference2", 6000))
        .await
        .expect("the rest");
    assert_eq!(rest.transaction_status, Some(TransactionStatus::Refund));
    assert_eq!(read(&base, "ORDER-K").await, ("refund".to_owned(), 10000));
    // A retry of the first after the whole amount is refunded still gets its
    // own answer, not a refusal; a new key is refused.
    let late = mt
        .refund("ORDER-K", &refund_of("reference1", 4000))
        .await
        .expect("the first answer");
    assert_eq!(late.refund_key.as_deref(), Some("reference1"));
    let more = mt.refund("ORDER-K", &refund_of("reference3", 1)).await;
    assert_eq!(api_code(&more).as_deref(), Some("412"), "{more:?}");
    assert_eq!(read(&base, "ORDER-K").await, ("refund".to_owned(), 10000));
}

#[tokio::test]
async fn a_challenged_card_payment_is_approved_or_denied() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!([
            {"provider":"midtrans","resource":"transaction","id":"CARD-OK","amount":30000,
             "attributes":{"payment_type":"credit_card","bank":"bni"}},
            {"provider":"midtrans","resource":"transaction","id":"CARD-NO","amount":30000,
             "attributes":{"payment_type":"credit_card","bank":"bni"}}
        ]),
    )
    .await;
    let mt = client(&base);
    // Neither is challenged yet: "Merchant cannot modify the status of the transaction".
    let early = mt.approve("CARD-OK").await;
    assert_eq!(api_code(&early).as_deref(), Some("412"), "{early:?}");
    for id in ["CARD-OK", "CARD-NO"] {
        let r = reqwest::Client::new()
            .post(format!(
                "{base}/_sandbox/midtrans/transaction/{id}/challenge"
            ))
            .send()
            .await
            .expect("control");
        assert_eq!(r.status().as_u16(), 200, "{id}");
    }
    // While challenged the status says capture (with the FDS's challenge).
    let challenged = mt.get_status("CARD-OK").await.expect("found");
    assert_eq!(
        challenged.transaction_status,
        Some(TransactionStatus::Capture)
    );

    let approved = mt.approve("CARD-OK").await.expect("approved");
    assert_eq!(approved.order_id.as_deref(), Some("CARD-OK"));
    assert_eq!(
        approved.transaction_status,
        Some(TransactionStatus::Capture)
    );
    assert_eq!(read(&base, "CARD-OK").await.0, "capture");
    let twice = mt.approve("CARD-OK").await;
    assert_eq!(api_code(&twice).as_deref(), Some("412"), "{twice:?}");
    let deny_captured = mt.deny("CARD-OK").await;
    assert_eq!(
        api_code(&deny_captured).as_deref(),
        Some("412"),
        "{deny_captured:?}"
    );

    let denied = mt.deny("CARD-NO").await.expect("denied");
    assert_eq!(denied.transaction_status, Some(TransactionStatus::Deny));
    assert_eq!(read(&base, "CARD-NO").await.0, "deny");
    let approve_denied = mt.approve("CARD-NO").await;
    assert_eq!(
        api_code(&approve_denied).as_deref(),
        Some("412"),
        "{approve_denied:?}"
    );
}

/// Sandbox control: `action` on a transaction (`{id}/{action}`); the status.
async fn control(base: &str, path: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{base}/_sandbox/midtrans/transaction/{path}"))
        .send()
        .await
        .expect("control")
        .status()
        .as_u16()
}

/// The next notification, verified by the generated verifier: (order_id,
/// transaction_status, gross_amount).
async fn next_verified(
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<(axum::http::HeaderMap, Vec<u8>)>,
) -> (String, TransactionStatus, String) {
    let (_, body) = common::next_notification(rx).await;
    let server_key = Credentials::test().by_env("MIDTRANS_SERVER_KEY");
    let note = payspec::midtrans::verify_cancel_notification(&body, &server_key)
        .expect("signature_key verifies");
    (
        note.order_id.expect("order_id"),
        note.transaction_status.expect("transaction_status"),
        note.gross_amount.expect("gross_amount").to_string(),
    )
}

/// The transaction status cycle end to end: a charge, the customer's
/// payment (sandbox control), the signed notification, the status query,
/// then refunds. The charge page's methods (bank transfer, Mandiri Bill)
/// are not refundable ("Refund transaction is supported only for
/// credit_card , gopay, …"), so the refunds run on a card payment the FDS
/// challenged and the merchant approved, settled by sandbox control.
#[tokio::test]
async fn charge_pay_notify_status_then_partial_and_full_refund() {
    let (sb, mut rx, task) = start_notifying().await;
    let base = sb.base_url();
    let mt = client(&base);

    // Bank transfer: charge → pay → notification → status; not refundable.
    mt.charge(&bca_charge("order-e2e", 50000))
        .await
        .expect("charged");
    assert_eq!(control(&base, "order-e2e/pay_transfer").await, 200);
    assert_eq!(
        next_verified(&mut rx).await,
        (
            "order-e2e".to_owned(),
            TransactionStatus::Settlement,
            "50000.00".to_owned()
        )
    );
    let status = mt.get_status("order-e2e").await.expect("found");
    assert_eq!(
        status.transaction_status,
        Some(TransactionStatus::Settlement)
    );
    let refused = mt.refund("order-e2e", &refund_of("r-bt", 1000)).await;
    assert_eq!(api_code(&refused).as_deref(), Some("412"), "{refused:?}");

    // A card payment: challenged, approved, settled, then refunded in two parts.
    seed(
        &base,
        json!({"provider":"midtrans","resource":"transaction","id":"card-e2e","amount":30000,
               "attributes":{"payment_type":"credit_card","bank":"bni"}}),
    )
    .await;
    assert_eq!(control(&base, "card-e2e/challenge").await, 200);
    assert_eq!(
        next_verified(&mut rx).await.1,
        TransactionStatus::Capture,
        "challenged: capture, with fraud_status challenge"
    );
    mt.approve("card-e2e").await.expect("approved");
    assert_eq!(
        next_verified(&mut rx).await.1,
        TransactionStatus::Capture,
        "approved: capture, fraud_status accept"
    );
    assert_eq!(control(&base, "card-e2e/settle").await, 200);
    assert_eq!(
        next_verified(&mut rx).await.1,
        TransactionStatus::Settlement
    );
    assert_eq!(
        mt.get_status("card-e2e")
            .await
            .expect("found")
            .transaction_status,
        Some(TransactionStatus::Settlement)
    );

    mt.refund("card-e2e", &refund_of("r-1", 10000))
        .await
        .expect("partial refund");
    assert_eq!(
        next_verified(&mut rx).await,
        (
            "card-e2e".to_owned(),
            TransactionStatus::PartialRefund,
            "30000.00".to_owned()
        )
    );
    assert_eq!(
        mt.get_status("card-e2e")
            .await
            .expect("found")
            .transaction_status,
        Some(TransactionStatus::PartialRefund)
    );
    // A second part: still partial_refund, notified again.
    mt.refund("card-e2e", &refund_of("r-2", 5000))
        .await
        .expect("second partial refund");
    assert_eq!(
        next_verified(&mut rx).await.1,
        TransactionStatus::PartialRefund
    );
    assert_eq!(
        read(&base, "card-e2e").await,
        ("partial_refund".to_owned(), 15000)
    );
    let rest = mt
        .refund("card-e2e", &RefundRequest::new())
        .await
        .expect("the rest");
    assert_eq!(rest.transaction_status, Some(TransactionStatus::Refund));
    assert_eq!(next_verified(&mut rx).await.1, TransactionStatus::Refund);
    assert_eq!(read(&base, "card-e2e").await, ("refund".to_owned(), 30000));
    task.abort();
}

/// The top-level keys of the docs' first sample of the body `body_type`,
/// read from the spec (the docs' text, not the sandbox).
fn documented_keys(body_type: &str) -> std::collections::BTreeSet<String> {
    keys_of(&documented_sample(body_type, None))
}

/// The docs' sample `name` (the first when `None`) of the body
/// `body_type`, read from the spec.
fn documented_sample(body_type: &str, name: Option<&str>) -> Value {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let ir = payspec_codegen_core::lower::load_dir(&spec)
        .expect("the real specs load")
        .ir;
    let example = ir
        .providers
        .iter()
        .flat_map(|p| &p.structs)
        .find(|s| s.name == body_type)
        .and_then(|s| match name {
            Some(name) => s.examples.iter().find(|e| e.name == name),
            None => s.examples.first(),
        })
        .unwrap_or_else(|| panic!("{body_type} has a documented sample {name:?}"));
    serde_json::from_str(&example.json).expect("the sample is JSON")
}

fn keys_of(body: &Value) -> std::collections::BTreeSet<String> {
    body.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// Each transition sends the notification Midtrans documents for it: a
/// payment the payment notification, an expiry the expire one, a refund
/// the refund one, a cancel the cancel one; each verifies with its
/// generated verifier (the same `signature_key` recipe) and carries this
/// transaction's values.
#[tokio::test]
async fn each_transition_sends_its_documented_notification() {
    let (sb, mut rx, task) = start_notifying().await;
    let base = sb.base_url();
    let mt = client(&base);
    let server_key = Credentials::test().by_env("MIDTRANS_SERVER_KEY");
    // A BCA VA payment: the notification page's "BCA VA" sample.
    let payment_keys = keys_of(&documented_sample("PaymentNotification", Some("bca_va")));
    let cancel_keys = documented_keys("CancelNotification");
    assert_ne!(payment_keys, cancel_keys, "the two samples differ");

    // Paid: the payment notification, settlement, bank_transfer.
    mt.charge(&bca_charge("order-pay", 25000))
        .await
        .expect("charged");
    assert_eq!(control(&base, "order-pay/pay_transfer").await, 200);
    let (_, body) = common::next_notification(&mut rx).await;
    let note = payspec::midtrans::verify_payment_notification(&body, &server_key)
        .expect("signature_key verifies");
    assert_eq!(
        (
            note.order_id.as_str(),
            &note.transaction_status,
            note.gross_amount.as_str()
        ),
        ("order-pay", &TransactionStatus::Settlement, "25000.00")
    );
    let raw: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(raw["payment_type"], "bank_transfer");
    assert_eq!(
        keys_of(&raw),
        payment_keys,
        "the payment notification's body"
    );

    // Expired by the merchant: the expire notification.
    let charged = mt
        .charge(&bca_charge("order-exp", 12000))
        .await
        .expect("charged");
    // Expire's documented success code is 407 (`success_codes` in its spec).
    let expired = mt.expire("order-exp").await.expect("expired");
    assert_eq!(expired.status_code, "407");
    let (_, body) = common::next_notification(&mut rx).await;
    let note = payspec::midtrans::verify_expire_notification(&body, &server_key)
        .expect("signature_key verifies");
    assert_eq!(note.order_id, "order-exp");
    // The charge's transaction id, not the sample's.
    assert_eq!(note.transaction_id, charged.transaction_id);
    assert_eq!(note.transaction_status, TransactionStatus::Expire);
    assert_eq!(note.gross_amount.as_str(), "12000.00");
    let raw: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(keys_of(&raw), documented_keys("ExpireNotification"));

    // Refunded in part: the refund notification.
    seed(
        &base,
        json!({"provider":"midtrans","resource":"transaction","id":"card-ref","state":"settlement",
               "amount":30000,"attributes":{"payment_type":"credit_card"}}),
    )
    .await;
    mt.refund("card-ref", &refund_of("k-1", 10000))
        .await
        .expect("partial refund");
    let (_, body) = common::next_notification(&mut rx).await;
    let note = payspec::midtrans::verify_refund_notification(&body, &server_key)
        .expect("signature_key verifies");
    assert_eq!(note.transaction_status, TransactionStatus::PartialRefund);
    let raw: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(
        (raw["order_id"].as_str(), raw["gross_amount"].as_str()),
        (Some("card-ref"), Some("30000.00"))
    );
    assert_eq!(keys_of(&raw), documented_keys("RefundNotification"));

    // Cancelled: the cancel notification.
    mt.charge(&bca_charge("order-can", 8000))
        .await
        .expect("charged");
    mt.cancel("order-can").await.expect("cancelled");
    let (_, body) = common::next_notification(&mut rx).await;
    let note = payspec::midtrans::verify_cancel_notification(&body, &server_key)
        .expect("signature_key verifies");
    assert_eq!(note.transaction_status, Some(TransactionStatus::Cancel));
    let raw: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(keys_of(&raw), cancel_keys);
    task.abort();
}

/// Each bank's generated VA number has the length of that bank's sample on
/// the charge page (BCA "812785002530231", BNI "9888500212345678", BRI
/// "8578000000111111", CIMB "2810490150230740"), only digits, fresh per
/// charge, and the answer names the bank charged.
#[tokio::test]
async fn va_numbers_have_each_banks_documented_shape() {
    let sb = start();
    let base = sb.base_url();
    let mt = client(&base);
    let samples = [
        (VaBank::Bca, "bca", "812785002530231"),
        (VaBank::Bni, "bni", "9888500212345678"),
        (VaBank::Bri, "bri", "8578000000111111"),
        (VaBank::Cimb, "cimb", "2810490150230740"),
    ];
    for (i, (bank, wire, sample)) in samples.into_iter().enumerate() {
        let mut request = bca_charge(&format!("order-va-{i}"), 10000);
        request.bank_transfer = Some(ChargeBankTransfer::new(bank.clone()));
        let answer = mt.charge(&request).await.expect("charged");
        let numbers = answer.va_numbers.expect("va_numbers");
        assert_eq!(numbers.len(), 1, "{wire}");
        assert_eq!(numbers[0].bank, bank, "the bank charged");
        let va = &numbers[0].va_number;
        assert_eq!(va.len(), sample.len(), "{wire}: {va}");
        assert!(va.bytes().all(|c| c.is_ascii_digit()), "{wire}: {va}");
        assert_ne!(va, sample, "{wire}: not the docs' constant");
    }
}

/// A charge that chooses its own number ("You can customize this VA
/// Number, by adding bank_transfer parameters in the Charge API Request
/// Body") is answered with it, and the later notification repeats it:
/// bank_transfer.va_number for BNI and Permata, echannel.bill_key for
/// Mandiri Bill. Without one, the number is made up.
#[tokio::test]
async fn a_custom_va_number_or_bill_key_is_the_one_answered() {
    let (sb, mut rx, task) = start_notifying().await;
    let base = sb.base_url();
    let mt = client(&base);

    let mut request = bca_charge("custom-bni", 10000);
    request.bank_transfer = Some(ChargeBankTransfer::new(VaBank::Bni).with_va_number("12345678"));
    let answer = mt.charge(&request).await.expect("charged");
    let numbers = answer.va_numbers.expect("va_numbers");
    assert_eq!(numbers[0].va_number, "12345678");
    assert_eq!(control(&base, "custom-bni/pay_transfer").await, 200);
    let (note, _) = next_payment_notification(&mut rx).await;
    assert_eq!(
        note.va_numbers.expect("va_numbers")[0].va_number,
        "12345678",
        "the notification repeats the caller's number"
    );

    let mut request = bca_charge("custom-permata", 10000);
    request.bank_transfer =
        Some(ChargeBankTransfer::new(VaBank::Permata).with_va_number("1234567890"));
    let answer = mt.charge(&request).await.expect("charged");
    assert_eq!(answer.permata_va_number.as_deref(), Some("1234567890"));

    let mut request = mandiri_bill_charge("custom-bill", 10000);
    request.echannel =
        Some(ChargeEchannel::new("Payment:", "Online purchase").with_bill_key("081211111111"));
    let answer = mt.charge(&request).await.expect("charged");
    assert_eq!(answer.bill_key.as_deref(), Some("081211111111"));

    // The same bank without a number of its own: a fresh one.
    let answer = mt
        .charge(&bank_charge("custom-none", VaBank::Bni))
        .await
        .expect("charged");
    let made = &answer.va_numbers.expect("va_numbers")[0].va_number;
    assert_ne!(made, "12345678");
    assert_eq!(made.len(), 16, "{made}");
    task.abort();
}

fn permata_charge(order_id: &str, amount: i64) -> ChargeRequest {
    ChargeRequest::new(
        ChargePaymentType::Permata,
        ChargeTransactionDetails::new(order_id, Idr(amount)),
    )
}

fn mandiri_bill_charge(order_id: &str, amount: i64) -> ChargeRequest {
    let mut request = ChargeRequest::new(
        ChargePaymentType::Echannel,
        ChargeTransactionDetails::new(order_id, Idr(amount)),
    );
    request.echannel = Some(ChargeEchannel::new("Payment:", "Online purchase"));
    request
}

fn bank_charge(order_id: &str, bank: VaBank) -> ChargeRequest {
    let mut request = bca_charge(order_id, 20000);
    request.bank_transfer = Some(ChargeBankTransfer::new(bank));
    request
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|c| c.is_ascii_digit())
}

/// Each bank's charge is answered in the shape the charge page prints for
/// it: va_numbers for BCA, BNI, BRI and CIMB, permata_va_number (and
/// payment_type bank_transfer, whichever request form) for Permata,
/// bill_key and biller_code for Mandiri Bill: the answer has exactly the
/// keys of that bank's sample, with fresh values.
#[tokio::test]
async fn each_bank_is_answered_in_its_documented_charge_shape() {
    let sb = start();
    let base = sb.base_url();
    let cases = [
        (bank_charge("shape-bca", VaBank::Bca), "bca"),
        (bank_charge("shape-bni", VaBank::Bni), "bni"),
        (bank_charge("shape-bri", VaBank::Bri), "bri"),
        (bank_charge("shape-cimb", VaBank::Cimb), "cimb"),
        (
            bank_charge("shape-permata-bank", VaBank::Permata),
            "permata",
        ),
        (permata_charge("shape-permata", 20000), "permata"),
        (mandiri_bill_charge("shape-bill", 20000), "mandiri_bill"),
    ];
    for (request, sample_name) in cases {
        let order_id = request.transaction_details.order_id.clone();
        let wire: Value = reqwest::Client::new()
            .post(format!("{base}/v2/charge"))
            .basic_auth(
                Credentials::test().by_env("MIDTRANS_SERVER_KEY").expose(),
                Some(""),
            )
            .json(&request)
            .send()
            .await
            .expect("charge call")
            .json()
            .await
            .expect("JSON answer");
        let sample = documented_sample("ChargeResponse", Some(sample_name));
        assert_eq!(keys_of(&wire), keys_of(&sample), "{order_id}: {wire}");
        assert_eq!(wire["payment_type"], sample["payment_type"], "{order_id}");
        assert_eq!(wire["order_id"], order_id.as_str());
        // The same answer decodes through the generated client.
        let answer: payspec::midtrans::core::ChargeResponse =
            serde_json::from_value(wire.clone()).expect("decodes");
        match sample_name {
            "permata" => {
                let va = answer.permata_va_number.expect("permata_va_number");
                assert!(digits(&va), "{va}");
                assert_ne!(Some(va.as_str()), sample["permata_va_number"].as_str());
                assert!(answer.va_numbers.is_none(), "{order_id}");
            }
            "mandiri_bill" => {
                let key = answer.bill_key.expect("bill_key");
                assert_eq!(key.len(), 12, "{key}");
                assert!(digits(&key), "{key}");
                assert_ne!(Some(key.as_str()), sample["bill_key"].as_str());
                assert_eq!(
                    answer.biller_code.as_deref(),
                    sample["biller_code"].as_str()
                );
                assert!(answer.va_numbers.is_none() && answer.permata_va_number.is_none());
            }
            bank => {
                let numbers = answer.va_numbers.expect("va_numbers");
                assert_eq!(serde_json::to_value(&numbers[0].bank).expect("bank"), bank);
                assert!(answer.permata_va_number.is_none() && answer.bill_key.is_none());
            }
        }
    }
    // Mid-flight the mock knows the Permata transactions under their ids.
    assert_eq!(read(&base, "shape-permata").await.0, "pending");
}

/// SHA512(order_id+status_code+gross_amount+ServerKey), hex, computed here
/// with sha2 (not the recipe the sandbox and client share).
fn expected_signature(body: &Value) -> String {
    use sha2::{Digest, Sha512};
    let text = format!(
        "{}{}{}{}",
        body["order_id"].as_str().unwrap_or_default(),
        body["status_code"].as_str().unwrap_or_default(),
        body["gross_amount"].as_str().unwrap_or_default(),
        Credentials::test().by_env("MIDTRANS_SERVER_KEY").expose()
    );
    Sha512::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The next payment notification: verified and decoded by the generated
/// client, its signature checked independently; the raw JSON.
async fn next_payment_notification(
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<(axum::http::HeaderMap, Vec<u8>)>,
) -> (payspec::midtrans::core::PaymentNotification, Value) {
    let (_, body) = common::next_notification(rx).await;
    let note = payspec::midtrans::verify_payment_notification(
        &body,
        &Credentials::test().by_env("MIDTRANS_SERVER_KEY"),
    )
    .expect("signature_key verifies");
    let raw: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(
        raw["signature_key"].as_str(),
        Some(expected_signature(&raw).as_str())
    );
    (note, raw)
}

/// The payment notification carries the payment method's own body (the
/// notification page's sample for it) with this transaction's values: the
/// charge's transaction id and VA number, Permata's permata_va_number,
/// Mandiri Bill's bill_key; status_code follows the state (201 for a
/// challenge, with fraud_status challenge; 202 for a denial).
#[tokio::test]
async fn the_payment_notification_has_the_methods_body_and_the_states_code() {
    let (sb, mut rx, task) = start_notifying().await;
    let base = sb.base_url();
    let mt = client(&base);

    // Permata, charged as payment_type permata: notified as bank_transfer.
    let charged = mt
        .charge(&permata_charge("note-permata", 185000))
        .await
        .expect("charged");
    assert_eq!(control(&base, "note-permata/pay_transfer").await, 200);
    let (note, raw) = next_payment_notification(&mut rx).await;
    let sample = documented_sample("PaymentNotification", Some("permata_va"));
    assert_eq!(keys_of(&raw), keys_of(&sample));
    assert_eq!(note.permata_va_number, charged.permata_va_number);
    assert_eq!(note.transaction_id, charged.transaction_id);
    assert_eq!(raw["payment_type"], "bank_transfer");
    assert_eq!(
        (raw["status_code"].as_str(), note.transaction_status),
        (Some("200"), TransactionStatus::Settlement)
    );
    let settled_at = note.settlement_time.expect("settlement_time");
    assert!(is_local_date_time(&settled_at), "{settled_at}");
    assert_ne!(
        Some(settled_at.as_str()),
        sample["settlement_time"].as_str()
    );

    // BNI VA: its number, and the payment of the whole amount.
    let charged = mt
        .charge(&bank_charge("note-bni", VaBank::Bni))
        .await
        .expect("charged");
    assert_eq!(control(&base, "note-bni/pay_transfer").await, 200);
    let (note, raw) = next_payment_notification(&mut rx).await;
    assert_eq!(
        keys_of(&raw),
        keys_of(&documented_sample("PaymentNotification", Some("bni_va")))
    );
    assert_eq!(
        serde_json::to_value(&note.va_numbers).expect("va_numbers"),
        serde_json::to_value(&charged.va_numbers).expect("va_numbers")
    );
    assert_eq!(raw["payment_amounts"][0]["amount"], "20000.00");

    // CIMB VA has no sample of its own: the BCA one, with CIMB's number.
    let charged = mt
        .charge(&bank_charge("note-cimb", VaBank::Cimb))
        .await
        .expect("charged");
    assert_eq!(control(&base, "note-cimb/pay_transfer").await, 200);
    let (note, raw) = next_payment_notification(&mut rx).await;
    assert_eq!(
        keys_of(&raw),
        keys_of(&documented_sample("PaymentNotification", Some("bca_va")))
    );
    assert_eq!(raw["va_numbers"][0]["bank"], "cimb");
    assert_eq!(
        serde_json::to_value(&note.va_numbers).expect("va_numbers"),
        serde_json::to_value(&charged.va_numbers).expect("va_numbers")
    );

    // Mandiri Bill: its bill_key; then a bank transfer denied: status_code 202.
    let charged = mt
        .charge(&mandiri_bill_charge("note-bill", 30000))
        .await
        .expect("charged");
    assert_eq!(control(&base, "note-bill/deny").await, 200);
    let (note, raw) = next_payment_notification(&mut rx).await;
    assert_eq!(
        keys_of(&raw),
        keys_of(&documented_sample(
            "PaymentNotification",
            Some("mandiri_bill")
        ))
    );
    assert_eq!(note.bill_key, charged.bill_key);
    assert_eq!(
        (raw["status_code"].as_str(), note.transaction_status),
        (Some("202"), TransactionStatus::Deny)
    );

    // A card payment the FDS questions: capture, fraud_status challenge, 201.
    seed(
        &base,
        json!({"provider":"midtrans","resource":"transaction","id":"note-card","amount":10000,
               "attributes":{"payment_type":"credit_card","bank":"bni"}}),
    )
    .await;
    assert_eq!(control(&base, "note-card/challenge").await, 200);
    let (note, raw) = next_payment_notification(&mut rx).await;
    assert_eq!(
        keys_of(&raw),
        keys_of(&documented_sample("PaymentNotification", Some("card")))
    );
    assert_eq!(raw["status_code"], "201");
    assert_eq!(note.transaction_status, TransactionStatus::Capture);
    assert_eq!(
        note.fraud_status,
        Some(payspec::midtrans::FraudStatus::Challenge)
    );
    // "The JSON response will be the same as the notification status".
    let status = mt.get_status("note-card").await.expect("found");
    assert_eq!(
        (status.status_code.as_str(), status.fraud_status),
        ("201", Some(payspec::midtrans::FraudStatus::Challenge))
    );
    // Approved: capture, 200, and the sample's fraud_status accept.
    mt.approve("note-card").await.expect("approved");
    let (note, raw) = next_payment_notification(&mut rx).await;
    assert_eq!(raw["status_code"], "200");
    assert_eq!(
        note.fraud_status,
        Some(payspec::midtrans::FraudStatus::Accept)
    );
    task.abort();
}

/// "the reattempt can only be done max 7 days after the first refund
/// attempt. After 7 days, the same refund key cannot be used anymore and
/// merchant needs to use a new refund key": within 7 days (sandbox clock) a
/// retry gets the first answer; after them it is refused with the page's
/// 406 "Duplicate refund ID" and refunds nothing; a new key refunds.
#[tokio::test]
async fn a_refund_key_replays_for_seven_days_then_is_spent() {
    let sb = start();
    let base = sb.base_url();
    seed(
        &base,
        json!({"provider":"midtrans","resource":"transaction","id":"ORDER-W","state":"settlement","amount":10000,
               "attributes":{"payment_type":"credit_card"}}),
    )
    .await;
    let mt = client(&base);
    let first = mt
        .refund("ORDER-W", &refund_of("week-key", 3000))
        .await
        .expect("refunded");
    let clock = |secs: i64| {
        let base = base.clone();
        async move {
            let status = reqwest::Client::new()
                .post(format!("{base}/_sandbox/clock"))
                .json(&json!({ "advance_secs": secs }))
                .send()
                .await
                .expect("clock")
                .status();
            assert_eq!(status.as_u16(), 200);
        }
    };
    clock(7 * 86_400 - 60).await;
    let retried = mt
        .refund("ORDER-W", &refund_of("week-key", 3000))
        .await
        .expect("within 7 days: the first answer");
    assert_eq!(
        serde_json::to_value(&retried).expect("serialises"),
        serde_json::to_value(&first).expect("serialises")
    );
    clock(120).await;
    let late = mt.refund("ORDER-W", &refund_of("week-key", 3000)).await;
    assert_eq!(api_code(&late).as_deref(), Some("406"), "{late:?}");
    match &late {
        Err(Error::Api(api)) => assert_eq!(api.message.as_deref(), Some("Duplicate refund ID")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        read(&base, "ORDER-W").await,
        ("partial_refund".to_owned(), 3000)
    );
    mt.refund("ORDER-W", &refund_of("week-key-2", 3000))
        .await
        .expect("a new key refunds");
    assert_eq!(
        read(&base, "ORDER-W").await,
        ("partial_refund".to_owned(), 6000)
    );
}
