//! Response and webhook path: decode the docs' DOKU capture response with the
//! generated type and verify its response signature; verify and decode the
//! docs' Midtrans cancel notification through the runtime. Baseline: plain
//! serde derive on structs of the same shape (plain enums with a catch-all),
//! with the same signature code.
//!
//! Before timing, the bench asserts that each generated row and its baseline
//! decode the same content (both serialised back to the same JSON value), so
//! the comparison is like for like. Inputs go through `black_box` and every
//! result is returned to criterion (which `black_box`es it), so nothing is
//! optimised away.
//!
//! Run: `cargo bench -p payspec --bench response_path -- --warm-up-time 1 --measurement-time 3`.
//! Instruction counts per row: `bash benches/callgrind.sh response_path`
//! (see `support/callgrind.rs`).

#[path = "support/callgrind.rs"]
mod callgrind;

use std::hint::black_box;

use criterion::Criterion;
use payspec::doku::cards::CaptureResponse;
use payspec::midtrans::core::CancelNotification;
use payspec::midtrans::Notification;
use payspec::recipe::{self, Context, Credentials, Message};
use payspec::Secret;
use sha2::Digest as _;
use subtle::ConstantTimeEq as _;

/// The capture page's success response, verbatim.
const CAPTURE_RESPONSE: &str = r#"{
    "order": { "invoice_number": "INV-20210118-0001", "amount": 90000 },
    "customer": { "id": "CUST-0001" },
    "payment": {
        "type": "CAPTURE",
        "identifier": [
           { "name": "Acquirer", "value": "Mandiri" },
           { "name": "MID", "value": "71003372992" },
           { "name": "TID", "value": "73120903" }
        ],
        "request_id": "20201026193843836",
        "authorize_id": "12312391719112",
        "response_code": "01",
        "response_message": "sukses transaksi",
        "eci": "05",
        "status": "SUCCESS",
        "approval_code": "123123"
    },
    "three_dsecure": { "authentication_id": "eb7e72313b491cd73ea10c6354bc96900f08b3e50e66cf3df2fe29580d6ff84e" },
    "card": {
        "masked": "557338*******101",
        "type": "CREDIT",
        "issuer": "Bank Mandiri",
        "brand": "MASTER",
        "token": "243591d7e49f45109961581718c3ef82"
    }
}"#;

const SERVER_KEY: &str = "SB-Mid-server-bench";

/// The cancel notification sample with a `signature_key` valid for
/// [`SERVER_KEY`] (the docs' own signature is for an unknown key).
fn notification() -> String {
    let sig = midtrans_signature_key("160288131764", "202", "244108.00", SERVER_KEY);
    format!(
        r#"{{
"masked_card": "48111111-1114",
"approval_code": "325511",
"bank": "mandiri",
"eci": "05",
"transaction_time": "2016-07-04 13:32:44",
"gross_amount": "244108.00",
"order_id": "160288131764",
"payment_type": "credit_card",
"signature_key": "{sig}",
"status_code": "202",
"transaction_id": "ffd82cd2-4f0d-4b24-b4b8-e201b0c3d80e",
"transaction_status": "cancel",
"fraud_status": "accept",
"status_message": "midtrans payment notification"
}}"#
    )
}

/// Plain serde derive, same shape as the generated types. `Serialize` and
/// `skip_serializing_if` only serve the startup check that both sides decoded
/// the same content; the timed rows only deserialise.
// The fields exist to be decoded, as the generated ones are; nothing reads them.
#[allow(dead_code)]
mod baseline {
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize, Serialize)]
    pub struct Capture {
        pub order: Order,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer: Option<Customer>,
        pub payment: Payment,
        pub three_dsecure: ThreeDSecure,
        pub card: Card,
    }
    #[derive(Deserialize, Serialize)]
    pub struct Order {
        pub invoice_number: String,
        pub amount: i64,
    }
    #[derive(Deserialize, Serialize)]
    pub struct Customer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
    }
    #[derive(Deserialize, Serialize)]
    pub struct Payment {
        #[serde(rename = "type")]
        pub kind: String,
        pub identifier: Vec<Identifier>,
        pub request_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub authorize_id: Option<String>,
        pub response_code: String,
        pub response_message: String,
        pub eci: String,
        pub status: Status,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub approval_code: Option<String>,
    }
    #[derive(Deserialize, Serialize)]
    pub struct Identifier {
        pub name: String,
        pub value: String,
    }
    #[derive(Deserialize, Serialize)]
    pub struct ThreeDSecure {
        pub authentication_id: String,
    }
    #[derive(Deserialize, Serialize)]
    pub struct Card {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub masked: Option<String>,
        #[serde(rename = "type")]
        pub kind: CardType,
        pub issuer: String,
        pub brand: Brand,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub token: Option<String>,
    }
    #[derive(Deserialize, Serialize, PartialEq, Debug)]
    pub enum Status {
        #[serde(rename = "SUCCESS")]
        Success,
        #[serde(rename = "FAILED")]
        Failed,
        #[serde(other)]
        Unknown,
    }
    #[derive(Deserialize, Serialize)]
    pub enum CardType {
        #[serde(rename = "CREDIT")]
        Credit,
        #[serde(rename = "DEBIT")]
        Debit,
        #[serde(other)]
        Unknown,
    }
    #[derive(Deserialize, Serialize)]
    pub enum Brand {
        #[serde(rename = "VISA")]
        Visa,
        #[serde(rename = "MASTER")]
        Mastercard,
        #[serde(other)]
        Unknown,
    }

    #[derive(Deserialize, Serialize)]
    pub struct CancelNotification {
        pub status_code: String,
        pub status_message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub transaction_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub masked_card: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub payment_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub transaction_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub transaction_status: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub fraud_status: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bank: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub gross_amount: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub channel: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub signature_key: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub eci: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub approval_code: Option<String>,
    }
}

/// Midtrans' `signature_key`, written out (the baseline's own check).
fn midtrans_signature_key(order_id: &str, status: &str, gross: &str, key: &str) -> String {
    let digest = sha2::Sha512::digest(format!("{order_id}{status}{gross}{key}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

const RESPONSE_REQUEST_ID: &str = "cc682442-6c22-493e-8121-b9ef6b3fa728";
const RESPONSE_TARGET: &str = "/credit-card/capture";

fn response_message(body: &[u8]) -> Message<'_> {
    Message {
        method: "POST",
        target: RESPONSE_TARGET,
        query: None,
        body,
        has_body: true,
    }
}

/// The response `Signature` for `body`, from the spec's response recipe.
fn sign_response(credentials: &Credentials, body: &[u8]) -> String {
    let scheme = &payspec::doku::AUTH;
    let recipe = scheme.response.as_ref().expect("a response recipe");
    let sent = [("request_id".into(), RESPONSE_REQUEST_ID.as_bytes().to_vec())];
    let set = [("timestamp", "2020-08-11T08:45:43Z")];
    let mut cx = Context::new(credentials);
    cx.sent = &sent;
    cx.set = &set;
    let signed = recipe::sign(scheme, recipe, &response_message(body), &cx).expect("signs");
    signed.headers[1].1.clone()
}

/// What the client runtime does to check a response: the response recipe.
fn verify_response(credentials: &Credentials, body: &[u8], signature: &str) {
    let scheme = &payspec::doku::AUTH;
    let recipe = scheme.response.as_ref().expect("a response recipe");
    let sent = [("request_id".into(), RESPONSE_REQUEST_ID.as_bytes().to_vec())];
    let headers = vec![
        (
            "Response-Timestamp".to_owned(),
            "2020-08-11T08:45:43Z".to_owned(),
        ),
        ("Signature".to_owned(), signature.to_owned()),
    ];
    let mut cx = Context::new(credentials);
    cx.sent = &sent;
    cx.headers = &headers;
    recipe::verify(scheme, recipe, &response_message(body), &cx).expect("valid");
}

fn generated_decode(body: &[u8]) -> CaptureResponse {
    serde_json::from_slice(black_box(body)).expect("decodes")
}

fn baseline_decode(body: &[u8]) -> baseline::Capture {
    serde_json::from_slice(black_box(body)).expect("decodes")
}

/// What `payspec::doku::Client` does with a 2xx response: verify
/// the `Signature` (`Client::verify_response`), then decode
/// (`client::decode_json`: plain `serde_json::from_slice`; the JSON path is
/// only tracked on a second pass after a failure).
fn runtime_verify_decode(secret: &Credentials, body: &[u8], header: &str) -> CaptureResponse {
    let body = black_box(body);
    verify_response(secret, body, black_box(header));
    serde_json::from_slice(body).expect("decodes")
}

fn baseline_verify_decode(secret: &Credentials, body: &[u8], header: &str) -> baseline::Capture {
    let body = black_box(body);
    verify_response(secret, body, black_box(header));
    serde_json::from_slice(body).expect("decodes")
}

/// The runtime: `Notification::verify` as a merchant's handler calls it.
fn midtrans_runtime(raw: &[u8], key: &Secret) -> CancelNotification {
    Notification::verify::<CancelNotification>(black_box(raw), key).expect("valid")
}

/// Hand-written: decode with plain derive, check the signature from the
/// decoded fields with the same signing code.
fn midtrans_baseline(raw: &[u8], key: &Secret) -> baseline::CancelNotification {
    let n: baseline::CancelNotification = serde_json::from_slice(black_box(raw)).expect("decodes");
    let expected = midtrans_signature_key(
        n.order_id.as_deref().expect("order_id"),
        &n.status_code,
        n.gross_amount.as_deref().expect("gross_amount"),
        key.expose(),
    );
    let given = n.signature_key.as_deref().expect("signature_key");
    assert!(
        bool::from(expected.as_bytes().ct_eq(given.as_bytes())),
        "valid"
    );
    n
}

/// Both sides of each comparison must decode the same content.
fn assert_same_results(
    doku_secret: &Credentials,
    body: &[u8],
    header: &str,
    raw: &[u8],
    key: &Secret,
) {
    let json = |value: &dyn erased::Json| value.to_json();
    assert_eq!(
        json(&generated_decode(body)),
        json(&baseline_decode(body)),
        "capture: generated and baseline decode differently"
    );
    assert_eq!(
        json(&runtime_verify_decode(doku_secret, body, header)),
        json(&baseline_verify_decode(doku_secret, body, header)),
        "capture verify + decode: generated and baseline differ"
    );
    assert_eq!(
        json(&midtrans_runtime(raw, key)),
        json(&midtrans_baseline(raw, key)),
        "midtrans: runtime and baseline decode differently"
    );
}

/// `serde_json::to_value` behind a trait object, so one closure compares
/// values of different types.
mod erased {
    pub trait Json {
        fn to_json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("serialises")
        }
    }
}

fn main() {
    let doku_secret = Credentials::new()
        .with("client_id", "MCH-0001-10791114622547")
        .with("secret_key", "SK-hCJ42G28TA0MKG9LE2E_1");
    let body = CAPTURE_RESPONSE.as_bytes();
    let header = sign_response(&doku_secret, body);
    let key = Secret::new(SERVER_KEY);
    let raw = notification();
    let raw = raw.as_bytes();
    assert_same_results(&doku_secret, body, &header, raw, &key);

    let rows: [callgrind::Row<'_>; 6] = [
        callgrind::Row {
            name: "capture_response/generated_decode",
            run: &|| drop(black_box(generated_decode(body))),
        },
        callgrind::Row {
            name: "capture_response/baseline_decode",
            run: &|| drop(black_box(baseline_decode(body))),
        },
        callgrind::Row {
            name: "capture_response/runtime_verify_decode",
            run: &|| {
                drop(black_box(runtime_verify_decode(
                    &doku_secret,
                    body,
                    &header,
                )))
            },
        },
        callgrind::Row {
            name: "capture_response/baseline_verify_decode",
            run: &|| {
                drop(black_box(baseline_verify_decode(
                    &doku_secret,
                    body,
                    &header,
                )))
            },
        },
        callgrind::Row {
            name: "midtrans_notification/runtime_verify_decode",
            run: &|| drop(black_box(midtrans_runtime(raw, &key))),
        },
        callgrind::Row {
            name: "midtrans_notification/baseline_decode_verify",
            run: &|| drop(black_box(midtrans_baseline(raw, &key))),
        },
    ];
    if callgrind::run_requested(&rows) {
        return;
    }

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("capture_response");
    g.bench_function("generated_decode", |b| b.iter(|| generated_decode(body)));
    g.bench_function("baseline_decode", |b| b.iter(|| baseline_decode(body)));
    g.bench_function("runtime_verify_decode", |b| {
        b.iter(|| runtime_verify_decode(&doku_secret, body, &header))
    });
    g.bench_function("baseline_verify_decode", |b| {
        b.iter(|| baseline_verify_decode(&doku_secret, body, &header))
    });
    g.finish();

    let mut g = c.benchmark_group("midtrans_notification");
    g.bench_function("runtime_verify_decode", |b| {
        b.iter(|| midtrans_runtime(raw, &key))
    });
    g.bench_function("baseline_decode_verify", |b| {
        b.iter(|| midtrans_baseline(raw, &key))
    });
    g.finish();
    c.final_summary();
}
