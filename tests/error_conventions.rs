//! Each provider's `error_convention:` (spec data, in its `DESCRIPTOR`) read
//! by the one runtime: a refusal becomes `Error::Api` with the code, where
//! the code was (its JSON path) and the message(s); a success code in an
//! HTTP 200 body is the result.

use std::sync::{Arc, Mutex};

use payspec::biller::bill::BillCancelRequest;
use payspec::doku::cards::{
    RefundRequest, RefundRequestOrder, RefundRequestPayment, RefundRequestRefund,
};
use payspec::midtrans::TransactionRef;
use payspec::money::Idr;
use payspec::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use payspec::{ApiError, Error};

/// Answers every request with one canned response and keeps the requests.
struct Canned {
    status: u16,
    body: String,
    sent: Mutex<Vec<HttpRequest>>,
}

impl Canned {
    fn new(status: u16, body: &str) -> Arc<Self> {
        Arc::new(Canned {
            status,
            body: body.to_owned(),
            sent: Mutex::new(Vec::new()),
        })
    }
}

impl Transport for Canned {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(request);
        let response = HttpResponse {
            status: self.status,
            headers: Vec::new(),
            body: self.body.clone().into_bytes(),
        };
        Box::pin(async move { Ok(response) })
    }
}

fn api(result: Result<impl std::fmt::Debug, Error>) -> ApiError {
    match result {
        Err(Error::Api(api)) => *api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn midtrans(status: u16, body: &str) -> payspec::midtrans::Client {
    payspec::midtrans::Client::with_transport(
        payspec::midtrans::Config::new("http://127.0.0.1:9", "SB-Mid-server-key"),
        Canned::new(status, body),
    )
}

#[tokio::test]
async fn midtrans_status_code_inside_http_200_is_an_api_error() {
    let client = midtrans(
        200,
        r#"{"status_code":"412","status_message":"Merchant cannot modify the status of the transaction"}"#,
    );
    let err = api(client
        .cancel(TransactionRef::OrderId("ORDER-1".into()))
        .await);
    assert_eq!(err.provider, "midtrans");
    assert_eq!(err.operation, "cancel");
    assert_eq!(err.status, 200);
    assert_eq!(err.code.as_deref(), Some("412"));
    assert_eq!(err.code_path.as_deref(), Some("status_code"));
    assert_eq!(
        err.message.as_deref(),
        Some("Merchant cannot modify the status of the transaction")
    );
    assert_eq!(err.message_id, None);
}

#[tokio::test]
async fn midtrans_success_code_in_a_200_body_is_the_result() {
    let client = midtrans(
        200,
        r#"{"status_code":"200","status_message":"Success, transaction is canceled","transaction_id":"249fc620-6017-4540-af7c-5a1c25788f46","order_id":"ORDER-1","payment_type":"credit_card","transaction_time":"2015-02-26 14:39:33","transaction_status":"cancel","fraud_status":"accept","gross_amount":"30000.00"}"#,
    );
    let cancelled = client
        .cancel(TransactionRef::OrderId("ORDER-1".into()))
        .await
        .expect("status_code 200 is success");
    assert_eq!(cancelled.order_id.as_deref(), Some("ORDER-1"));
}

#[tokio::test]
async fn an_endpoint_success_code_replaces_the_providers() {
    // Expire's documented success is status_code "407" (success_codes in
    // spec/midtrans/core/expire.yaml); 200 is not one of its codes.
    let expired = r#"{"status_code":"407","status_message":"Success, transaction has expired","transaction_id":"447e846a-403e-47db-a5da-d7f3f06375d6","order_id":"vtmbill05","payment_type":"echannel","transaction_time":"2015-06-15 13:36:24","transaction_status":"expire","gross_amount":"10000.00"}"#;
    let response = midtrans(200, expired)
        .expire("vtmbill05")
        .await
        .expect("407 is success here");
    assert_eq!(response.order_id.as_deref(), Some("vtmbill05"));
    // The same 407 is a refusal on cancel, whose codes are the provider's 2xx.
    let err = api(midtrans(200, expired).cancel("vtmbill05").await);
    assert_eq!(err.code.as_deref(), Some("407"));
    let refused = r#"{"status_code":"412","status_message":"Merchant cannot modify the status of the transaction"}"#;
    let err = api(midtrans(200, refused).expire("vtmbill05").await);
    assert_eq!(err.code.as_deref(), Some("412"));
}

fn biller(status: u16, body: &str) -> payspec::biller::Client {
    payspec::biller::Client::with_transport(
        payspec::biller::Config::new("http://127.0.0.1:9", "key", "secret"),
        Canned::new(status, body),
    )
}

#[tokio::test]
async fn the_biller_envelope_gives_its_code_and_both_messages() {
    let client = biller(
        200,
        r#"{"responseCode":601,"success":false,"message":{"ID":"Transaksi tidak dapat dibatalkan","EN":"Transaction cannot be cancelled"},"data":null}"#,
    );
    let request = BillCancelRequest::new("ayopop", "43554", "5324354");
    let err = api(client.bill_cancel(&request).await);
    assert_eq!(err.provider, "biller");
    assert_eq!(err.code.as_deref(), Some("601"));
    assert_eq!(err.code_path.as_deref(), Some("responseCode"));
    assert_eq!(
        err.message.as_deref(),
        Some("Transaction cannot be cancelled")
    );
    assert_eq!(
        err.message_id.as_deref(),
        Some("Transaksi tidak dapat dibatalkan")
    );
}

#[tokio::test]
async fn a_successful_biller_envelope_is_its_data() {
    let client = biller(
        200,
        r#"{"responseCode":600,"success":true,"message":{"ID":"Sukses","EN":"Success"},"data":{"refNumber":"2074134","amount":1000}}"#,
    );
    let request = BillCancelRequest::new("ayopop", "43554", "5324354");
    let data = client.bill_cancel(&request).await.expect("success: true");
    assert_eq!(data.expect("data").ref_number.as_deref(), Some("2074134"));
    // A 2xx body without the flag is not the envelope: a decode error there.
    let err = biller(200, r#"{"responseCode":600}"#)
        .bill_cancel(&request)
        .await
        .unwrap_err();
    match err {
        Error::Decode { path, .. } => assert_eq!(path, "success"),
        other => panic!("expected Decode, got {other:?}"),
    }
}

fn refund() -> RefundRequest {
    RefundRequest::new(
        RefundRequestOrder::new("INV-20210118-0001"),
        RefundRequestPayment::new("b266c265-3d61-4708-9860-c0d5b9a98f8c"),
        RefundRequestRefund::new(Idr(90000)),
    )
}

fn doku(status: u16, body: &str) -> payspec::doku::Client {
    payspec::doku::Client::with_transport(
        payspec::doku::Config::new("http://127.0.0.1:9", "MCH-1", "SK-1"),
        Canned::new(status, body),
    )
}

#[tokio::test]
async fn doku_error_object_gives_code_and_message() {
    let client = doku(
        400,
        r#"{"error":{"code":"PAYMENT_FAILED","message":"Total Refund amount is Bigger than Original Transaction","type":"Payment Failed"}}"#,
    );
    let err = api(client.card_refund(&refund()).await);
    assert_eq!(err.provider, "doku");
    assert_eq!(err.status, 400);
    assert_eq!(err.code.as_deref(), Some("PAYMENT_FAILED"));
    assert_eq!(err.code_path.as_deref(), Some("error.code"));
    assert_eq!(
        err.message.as_deref(),
        Some("Total Refund amount is Bigger than Original Transaction")
    );
}

#[tokio::test]
async fn a_gateway_message_is_the_fallback_and_no_code_means_no_code_path() {
    let err = api(doku(502, r#"{"message":"Bad Gateway"}"#)
        .card_refund(&refund())
        .await);
    assert_eq!(err.code, None);
    assert_eq!(err.code_path, None);
    assert_eq!(err.message.as_deref(), Some("Bad Gateway"));
}
