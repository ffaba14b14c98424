//! The Midtrans Core API calls that move a transaction (capture, expire,
//! refund, direct refund), through the generated client methods against the
//! sandbox, which applies the spec's `lifecycle:` data.

mod common;

use std::path::PathBuf;

use payspec::midtrans::core::{
    CaptureRequest, ChargeBankTransfer, ChargePaymentType, ChargeRequest, ChargeTransactionDetails,
    DirectRefundRequest, ExpireResponse, RefundRequest, VaBank,
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

fn client(base: &str) -> Client {
    Client::new(Config::new(base, Credentials::test().midtrans_server_key))
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
    assert_eq!(
        read(&base, "ORDER-R").await,
        ("settlement".to_owned(), 4000)
    );

    // More than what is left is refused, and nothing is applied.
    let mut too_much = RefundRequest::new();
    too_much.amount = Some(Idr(6001));
    let refused = mt.refund("ORDER-R", &too_much).await;
    assert_eq!(api_code(&refused).as_deref(), Some("412"), "{refused:?}");
    assert_eq!(
        read(&base, "ORDER-R").await,
        ("settlement".to_owned(), 4000)
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
    let (url, mut rx, task) = common::receiver().await;
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    opts.notify_url = Some(url);
    let (_, sb) = spawn_for_tests(opts).expect("sandbox starts");
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
    let server_key = Credentials::test().midtrans_server_key;
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
        va.len() == 16 && va.bytes().all(|c| c.is_ascii_digit()),
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
        ("settlement".to_owned(), 2500)
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
