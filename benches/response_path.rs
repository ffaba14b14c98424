//! Response and webhook path: decode the docs' DOKU capture response with the
//! generated type and verify its response signature; verify and decode the
//! docs' Midtrans cancel notification through the runtime. Baseline: plain
//! serde derive on structs of the same shape (plain enums with a catch-all),
//! with the same signature code.
//!
//! Run: `cargo bench -p payspec --bench response_path -- --warm-up-time 1 --measurement-time 3`.

use criterion::{criterion_group, criterion_main, Criterion};
use payspec::client::midtrans::Notification;
use payspec::doku::cards::CaptureResponse;
use payspec::midtrans::core::CancelNotification;
use payspec_signing::doku::{sign, verify, Components, Direction};
use payspec_signing::midtrans::{signature_key, verify_notification, NotificationFields};
use payspec_signing::Secret;
use serde::Deserialize as _;

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
    let sig = signature_key("160288131764", "202", "244108.00", &Secret::new(SERVER_KEY));
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

/// Plain serde derive, same shape as the generated types.
// The fields exist to be decoded, as the generated ones are; nothing reads them.
#[allow(dead_code)]
mod baseline {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Capture {
        pub order: Order,
        #[serde(default)]
        pub customer: Option<Customer>,
        pub payment: Payment,
        pub three_dsecure: ThreeDSecure,
        pub card: Card,
    }
    #[derive(Deserialize)]
    pub struct Order {
        pub invoice_number: String,
        pub amount: i64,
    }
    #[derive(Deserialize)]
    pub struct Customer {
        #[serde(default)]
        pub id: Option<String>,
    }
    #[derive(Deserialize)]
    pub struct Payment {
        #[serde(rename = "type")]
        pub kind: String,
        pub identifier: Vec<Identifier>,
        pub request_id: String,
        #[serde(default)]
        pub authorize_id: Option<String>,
        pub response_code: String,
        pub response_message: String,
        pub eci: String,
        pub status: Status,
        #[serde(default)]
        pub approval_code: Option<String>,
    }
    #[derive(Deserialize)]
    pub struct Identifier {
        pub name: String,
        pub value: String,
    }
    #[derive(Deserialize)]
    pub struct ThreeDSecure {
        pub authentication_id: String,
    }
    #[derive(Deserialize)]
    pub struct Card {
        #[serde(default)]
        pub masked: Option<String>,
        #[serde(rename = "type")]
        pub kind: CardType,
        pub issuer: String,
        pub brand: Brand,
        #[serde(default)]
        pub token: Option<String>,
    }
    #[derive(Deserialize, PartialEq, Debug)]
    pub enum Status {
        #[serde(rename = "SUCCESS")]
        Success,
        #[serde(rename = "FAILED")]
        Failed,
        #[serde(other)]
        Unknown,
    }
    #[derive(Deserialize)]
    pub enum CardType {
        #[serde(rename = "CREDIT")]
        Credit,
        #[serde(rename = "DEBIT")]
        Debit,
        #[serde(other)]
        Unknown,
    }
    #[derive(Deserialize)]
    pub enum Brand {
        #[serde(rename = "VISA")]
        Visa,
        #[serde(rename = "MASTER")]
        Mastercard,
        #[serde(other)]
        Unknown,
    }

    #[derive(Deserialize)]
    pub struct CancelNotification {
        pub status_code: String,
        pub status_message: String,
        pub transaction_id: Option<String>,
        pub masked_card: Option<String>,
        pub order_id: Option<String>,
        pub payment_type: Option<String>,
        pub transaction_time: Option<String>,
        pub transaction_status: Option<String>,
        pub fraud_status: Option<String>,
        pub bank: Option<String>,
        pub gross_amount: Option<String>,
        pub channel: Option<String>,
        pub signature_key: Option<String>,
        pub eci: Option<String>,
        pub approval_code: Option<String>,
    }
}

fn response_components(body: &[u8]) -> Components<'_> {
    Components {
        direction: Direction::Response,
        client_id: "MCH-0001-10791114622547",
        request_id: "cc682442-6c22-493e-8121-b9ef6b3fa728",
        timestamp: "2020-08-11T08:45:43Z",
        target: "/credit-card/capture",
        body: Some(body),
    }
}

fn bench(c: &mut Criterion) {
    let doku_secret = Secret::new("SK-hCJ42G28TA0MKG9LE2E_1");
    let body = CAPTURE_RESPONSE.as_bytes();
    let header = sign(&doku_secret, &response_components(body));

    let mut g = c.benchmark_group("capture_response");
    g.bench_function("generated_decode", |b| {
        b.iter(|| serde_json::from_slice::<CaptureResponse>(body).expect("decodes"))
    });
    g.bench_function("generated_decode_with_path", |b| {
        b.iter(|| {
            let mut de = serde_json::Deserializer::from_slice(body);
            serde_path_to_error::deserialize::<_, CaptureResponse>(&mut de).expect("decodes")
        })
    });
    g.bench_function("baseline_decode", |b| {
        b.iter(|| serde_json::from_slice::<baseline::Capture>(body).expect("decodes"))
    });
    g.bench_function("generated_verify_decode", |b| {
        b.iter(|| {
            verify(&doku_secret, &response_components(body), Some(&header)).expect("valid");
            let mut de = serde_json::Deserializer::from_slice(body);
            serde_path_to_error::deserialize::<_, CaptureResponse>(&mut de).expect("decodes")
        })
    });
    g.bench_function("baseline_verify_decode", |b| {
        b.iter(|| {
            verify(&doku_secret, &response_components(body), Some(&header)).expect("valid");
            serde_json::from_slice::<baseline::Capture>(body).expect("decodes")
        })
    });
    g.finish();

    let key = Secret::new(SERVER_KEY);
    let raw = notification();
    let raw = raw.as_bytes();
    let mut g = c.benchmark_group("midtrans_notification");
    g.bench_function("runtime_verify_decode", |b| {
        b.iter(|| Notification::verify::<CancelNotification>(raw, &key).expect("valid"))
    });
    // What the runtime could do (see BENCHMARKS.md): parse once into a
    // Value for the signature fields, then type it from the borrowed Value.
    g.bench_function("proposed_verify_decode_from_value", |b| {
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_slice(raw).expect("json");
            let text = |name: &str| v.get(name).and_then(serde_json::Value::as_str);
            let fields = NotificationFields {
                order_id: text("order_id"),
                status_code: text("status_code"),
                gross_amount: text("gross_amount"),
                signature_key: text("signature_key"),
            };
            verify_notification(&fields, &key).expect("valid");
            CancelNotification::deserialize(&v).expect("decodes")
        })
    });
    g.bench_function("baseline_decode_verify", |b| {
        b.iter(|| {
            let n: baseline::CancelNotification = serde_json::from_slice(raw).expect("decodes");
            let fields = NotificationFields {
                order_id: n.order_id.as_deref(),
                status_code: Some(&n.status_code),
                gross_amount: n.gross_amount.as_deref(),
                signature_key: n.signature_key.as_deref(),
            };
            verify_notification(&fields, &key).expect("valid");
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
