//! The sandbox serves a spec it was not compiled with: the `acme` fixture
//! provider of the generator's tests (codegen/tests/fixtures/good), whose
//! request bodies are read and validated from the IR alone.

use std::path::PathBuf;
use std::time::SystemTime;

use payspec_sandbox::{Answer, Credentials, InProcess, MockOptions};
use serde_json::{json, Value};

#[path = "../../tests/common/mod.rs"]
mod common;

const PAYMENTS: &str = "/cards/v1/payments";

fn acme() -> InProcess {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures/good");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    InProcess::new(&opts).expect("the fixture spec loads")
}

/// POSTs `body` to the payments endpoint, signed as acme's DOKU-style scheme
/// asks (computed here with hmac/sha2, not with payspec's signing code).
async fn pay(sb: &InProcess, request_id: &str, body: &Value) -> (u16, Value) {
    let c = Credentials::test();
    let bytes = body.to_string().into_bytes();
    let timestamp = payspec_signing::time::utc_timestamp(SystemTime::now());
    let signature = common::doku_signature(
        c.by_env("DOKU_SECRET_KEY").expose(),
        c.by_env("DOKU_CLIENT_ID").expose(),
        request_id,
        &format!("Request-Timestamp:{timestamp}"),
        PAYMENTS,
        Some(&bytes),
    );
    let headers = [
        ("Content-Type", "application/json".to_owned()),
        ("Client-Id", c.by_env("DOKU_CLIENT_ID").expose().to_owned()),
        ("Request-Id", request_id.to_owned()),
        ("Request-Timestamp", timestamp),
        ("Signature", signature),
    ]
    .map(|(n, v)| (n.to_owned(), v));
    let Answer { status, body, .. } = sb.handle("POST", PAYMENTS, &headers, bytes).await;
    let body = serde_json::from_slice(&body.expect("a body")).expect("a JSON answer");
    (status, body)
}

/// A payment every field check and rule of the fixture accepts.
fn valid() -> Value {
    json!({
        "order": {
            "invoice_number": "INV-1",
            "amount": 10000,
            "session_id": "s-1",
            "line_items": [{"name": "Tea", "price": 2500, "quantity": 4}]
        },
        "payment": {"channel": "CREDIT_CARD", "installment_months": 3, "save_card": "true"},
        "card_number": "4111111111111111",
        "refId": "R-1"
    })
}

fn violations(answer: &Value) -> Vec<(String, String)> {
    answer["violations"]
        .as_array()
        .unwrap_or_else(|| panic!("violations in {answer}"))
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap_or_default().to_owned(),
                v["rule"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_valid_fixture_request_is_answered_with_the_documented_response() {
    let sb = acme();
    let (status, answer) = pay(&sb, "r-ok", &valid()).await;
    assert_eq!(status, 200, "{answer}");
    // The documented response's shape: an order with a status and a page.
    assert!(answer["order"]["status"].is_string(), "{answer}");
    assert!(answer["payment_url"].is_string(), "{answer}");
}

#[tokio::test]
async fn fixture_field_checks_and_rules_refuse_with_every_path() {
    let sb = acme();
    let mut body = valid();
    // max_len_if (a BCA virtual account allows 30 characters), sum_equals
    // (2 × 2500 is not 10000), not_greater_than (a price above the amount),
    // only_if (acquirer_bin without a saved card), a format, an undocumented
    // enum value and a too-short card number.
    body["order"]["invoice_number"] = json!("I".repeat(31));
    body["order"]["line_items"] = json!([
        {"name": "Tea", "price": 2500, "quantity": 2},
        {"name": "Pot", "price": 20000, "quantity": 0}
    ]);
    body["payment"] =
        json!({"channel": "VIRTUAL_ACCOUNT_BCA", "save_card": false, "acquirer_bin": "411111"});
    body["theme_color"] = json!("#F5F8FB");
    body["card_number"] = json!("4111");
    let (status, answer) = pay(&sb, "r-bad", &body).await;
    assert_eq!(status, 400, "{answer}");
    let found = violations(&answer);
    for expected in [
        ("order.invoice_number", "max_len_if"),
        ("order.amount", "sum_equals"),
        ("order.line_items[1].price", "not_greater_than"),
        ("payment.acquirer_bin", "only_if"),
        ("theme_color", "format"),
        ("card_number", "min_len"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} missing from {found:?}"
        );
    }
    assert_eq!(found.len(), 6, "{found:?}");

    // required_if, one_of_required and an undocumented enum value.
    let mut body = valid();
    body["order"]
        .as_object_mut()
        .expect("order")
        .remove("session_id");
    body["payment"] = json!({"channel": "BITCOIN"});
    let (status, answer) = pay(&sb, "r-bad-2", &body).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(
        violations(&answer),
        [
            ("payment.channel".to_owned(), "enum".to_owned()),
            ("order.session_id".to_owned(), "one_of_required".to_owned()),
        ],
        "{answer}"
    );

    // CREDIT_CARD without installment_months: required_if.
    let mut body = valid();
    body["payment"] = json!({"channel": "CREDIT_CARD"});
    let (status, answer) = pay(&sb, "r-bad-3", &body).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(
        violations(&answer),
        [(
            "payment.installment_months".to_owned(),
            "required_if".to_owned()
        )],
        "{answer}"
    );

    // A body that is not the struct: a missing mandatory member.
    let (status, answer) = pay(&sb, "r-bad-4", &json!({"order": {"amount": 1}})).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(
        violations(&answer),
        [("order.invoice_number".to_owned(), "malformed".to_owned())],
        "{answer}"
    );
}
