//! Bad-input corpus, runtime side: invalid requests through the registry's
//! checks, truncated, oversized and wrong-content-type responses through the
//! generated decoders, and forged or replayed notifications through the
//! verifiers. Every case gets a clear error naming the JSON path or the
//! reason, never a panic, within a time bound. Each group's messages are one
//! insta snapshot (`tests/snapshots/bad_inputs__*.snap`).
//!
//! Inputs are the docs' own samples (`tests/bad_inputs/*.json`), damaged.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use payspec::doku::{
    Notification as DokuNotification, NotificationHeaders, DEFAULT_NOTIFICATION_MAX_AGE,
};
use payspec::midtrans::core::CancelNotification;
use payspec::midtrans::Notification as MidtransNotification;
use payspec::registry::{BodyFn, EndpointInfo};
use payspec::Secret;
use serde_json::{json, Value};

mod common;

const PAYMENT_PAGE: &str = include_str!("bad_inputs/payment_page_request.json");
const CAPTURE: &str = include_str!("bad_inputs/capture_response.json");
const MIDTRANS_CANCEL: &str = include_str!("bad_inputs/midtrans_cancel_notification.json");
const SERVER_KEY: &str = "SB-Mid-server-corpus-key";
const DOKU_SECRET: &str = "SK-corpus-secret";

fn endpoint(provider: &[EndpointInfo], name: &str) -> EndpointInfo {
    *provider
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no endpoint {name}"))
}

/// Runs `f`, failing the test if it takes longer than `limit`.
fn bounded<T>(name: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "`{name}` took {took:?}; must be bounded");
    out
}

fn outcome(check: BodyFn, body: &[u8]) -> String {
    match check(body) {
        Ok(_) => "accepted".to_owned(),
        Err(e) => e.to_string(),
    }
}

/// Sets the value at a dotted path (`order.line_items.1.price`) of `v`.
fn set(v: &mut Value, path: &str, new: Value) {
    let mut cur = v;
    for seg in path.split('.') {
        cur = match seg.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[seg],
        };
    }
    *cur = new;
}

fn remove(v: &mut Value, path: &str) {
    let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
    let mut cur = v;
    for seg in parent.split('.').filter(|s| !s.is_empty()) {
        cur = match seg.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[seg],
        };
    }
    if let Some(obj) = cur.as_object_mut() {
        obj.remove(last);
    }
}

#[test]
fn invalid_requests_name_every_broken_rule() {
    let check = endpoint(payspec::doku::ENDPOINTS, "card_payment_page")
        .request
        .expect("payment page has a request check");
    let base: Value = serde_json::from_str(PAYMENT_PAGE).expect("docs sample is JSON");
    assert_eq!(outcome(check, PAYMENT_PAGE.as_bytes()), "accepted");

    type Edit = fn(&mut Value);
    let cases: Vec<(&str, Edit)> = vec![
        ("invoice number over 64 characters", |v| {
            set(v, "order.invoice_number", json!("I".repeat(65)))
        }),
        ("customer e-mail malformed", |v| {
            set(v, "customer.email", json!("not-an-email"))
        }),
        ("customer without e-mail or phone", |v| {
            remove(v, "customer.email");
            remove(v, "customer.phone");
        }),
        ("line items do not sum to the amount", |v| {
            set(v, "order.line_items.1.quantity", json!(5))
        }),
        ("line item without a price", |v| {
            remove(v, "order.line_items.0.price")
        }),
        ("installment without acquirer and tenor", |v| {
            remove(v, "payment.acquirer");
            remove(v, "payment.tenor");
        }),
        ("unknown payment type", |v| {
            set(v, "payment.type", json!("BARTER"))
        }),
        ("promo discount larger than the amount", |v| {
            set(
                v,
                "override_configuration.promo.0.discount_amount",
                json!(1_000_000),
            )
        }),
        ("theme colour not hex", |v| {
            set(
                v,
                "override_configuration.themes.font_color",
                json!("#1A1A1A"),
            )
        }),
        ("amount as a string", |v| {
            set(v, "order.amount", json!("90000"))
        }),
        ("amount fractional", |v| {
            set(v, "order.amount", json!(90000.5))
        }),
        ("amount beyond i64", |v| set(v, "order.amount", json!(1e30))),
        ("order missing", |v| remove(v, "order")),
        ("order is an array", |v| set(v, "order", json!([]))),
        ("many violations at once", |v| {
            set(v, "order.invoice_number", json!("I".repeat(65)));
            set(v, "customer.email", json!("x"));
            set(v, "customer.country", json!("Indonesia"));
            set(v, "order.line_items.0.quantity", json!(9));
        }),
    ];
    let mut report = String::new();
    for (name, edit) in cases {
        let mut body = base.clone();
        edit(&mut body);
        let bytes = serde_json::to_vec(&body).expect("serialises");
        let result = bounded(name, Duration::from_secs(5), || outcome(check, &bytes));
        assert_ne!(result, "accepted", "`{name}` must be refused");
        let _ = writeln!(report, "## {name}\n{result}\n");
    }
    insta::assert_snapshot!("invalid_requests", report);
}

#[test]
fn damaged_responses_are_refused_with_a_path() {
    let decode = endpoint(payspec::doku::ENDPOINTS, "card_capture").responses[0].1;
    assert_eq!(outcome(decode, CAPTURE.as_bytes()), "accepted");
    let base: Value = serde_json::from_str(CAPTURE).expect("docs sample is JSON");
    let mut nested = String::new();
    for _ in 0..200 {
        nested.push('[');
    }
    let mut wrong_type = base.clone();
    set(
        &mut wrong_type,
        "payment.identifier.1.value",
        json!(71003372992_i64),
    );
    let mut missing = base.clone();
    remove(&mut missing, "three_dsecure");
    let mut unknown_status = base.clone();
    set(&mut unknown_status, "payment.status", json!("REVERSED"));
    // approval_code comes only with SUCCESS (a response rule the reader
    // checks); an unknown status is about decoding, so it goes.
    remove(&mut unknown_status, "payment.approval_code");
    let mut amount_overflow = base.clone();
    set(&mut amount_overflow, "order.amount", json!(1e300));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty body", Vec::new()),
        ("whitespace only", b"  \n ".to_vec()),
        (
            "truncated in the middle",
            CAPTURE.as_bytes()[..CAPTURE.len() / 2].to_vec(),
        ),
        (
            "truncated by one byte",
            CAPTURE.as_bytes()[..CAPTURE.trim_end().len() - 1].to_vec(),
        ),
        ("trailing garbage", format!("{CAPTURE} }}").into_bytes()),
        (
            "two JSON documents",
            format!("{CAPTURE}{CAPTURE}").into_bytes(),
        ),
        ("JSON null", b"null".to_vec()),
        ("JSON array", b"[]".to_vec()),
        (
            "HTML error page (wrong content type)",
            b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec(),
        ),
        (
            "form-encoded body (wrong content type)",
            b"order=INV-1&amount=90000".to_vec(),
        ),
        ("non-UTF-8 bytes", b"{\"order\": \"\xff\xfe\"}".to_vec()),
        ("200 nested arrays", nested.into_bytes()),
        (
            "number where a string belongs",
            serde_json::to_vec(&wrong_type).expect("json"),
        ),
        (
            "mandatory object missing",
            serde_json::to_vec(&missing).expect("json"),
        ),
        (
            "amount 1e300",
            serde_json::to_vec(&amount_overflow).expect("json"),
        ),
    ];
    let mut report = String::new();
    for (name, body) in &cases {
        let result = bounded(name, Duration::from_secs(5), || outcome(decode, body));
        assert_ne!(result, "accepted", "`{name}` must be refused");
        let _ = writeln!(report, "## {name}\n{result}\n");
    }
    // An undocumented enum value is not an error: it decodes as Unknown.
    let unknown = serde_json::to_vec(&unknown_status).expect("json");
    let _ = writeln!(
        report,
        "## undocumented status value (kept, not refused)\n{}\n",
        match decode(&unknown) {
            Ok(v) => format!("accepted; payment.status = {}", v["payment"]["status"]),
            Err(e) => e.to_string(),
        }
    );
    insta::assert_snapshot!("damaged_responses", report);
}

#[test]
fn a_50_mb_response_is_decoded_in_bounded_time_and_refused_when_malformed() {
    let decode = endpoint(payspec::doku::ENDPOINTS, "card_capture").responses[0].1;
    // 50 MB of padding inside a string, then the body cut off: the decoder
    // reads it once, linearly, and reports the truncation.
    let mut body = CAPTURE.replace("sukses transaksi", &"x".repeat(50 * 1024 * 1024));
    body.truncate(body.len() - 10);
    let result = bounded("50 MB truncated", Duration::from_secs(20), || {
        outcome(decode, body.as_bytes())
    });
    assert!(result.starts_with("malformed body at"), "{result}");
    assert!(result.contains("EOF while parsing"), "{result}");
    // The message does not echo the 50 MB value.
    assert!(result.len() < 300, "{} bytes of message", result.len());
    // Well-formed, it is accepted: nothing in the decoder bounds body size
    // (the transport reads whole bodies; see BENCHMARKS.md).
    let whole = CAPTURE.replace("sukses transaksi", &"x".repeat(50 * 1024 * 1024));
    let accepted = bounded("50 MB whole", Duration::from_secs(20), || {
        decode(whole.as_bytes())
    });
    let value = accepted.expect("a large but valid body decodes");
    assert_eq!(
        value["payment"]["response_message"].as_str().map(str::len),
        Some(50 * 1024 * 1024)
    );
}

fn midtrans_body(signature_for_key: &str) -> Value {
    let mut v: Value = serde_json::from_str(MIDTRANS_CANCEL).expect("docs sample is JSON");
    let sig = common::midtrans_signature_key(
        v["order_id"].as_str().expect("order_id"),
        v["status_code"].as_str().expect("status_code"),
        v["gross_amount"].as_str().expect("gross_amount"),
        signature_for_key,
    );
    v["signature_key"] = json!(sig);
    v
}

fn midtrans_outcome(body: &[u8]) -> String {
    let key = Secret::new(SERVER_KEY);
    match MidtransNotification::verify::<CancelNotification>(body, &key) {
        Ok(n) => format!("accepted: order {:?}", n.order_id),
        Err(e) => e.to_string(),
    }
}

fn doku_outcome(headers: &NotificationHeaders<'_>, target: &str, body: &[u8]) -> String {
    let key = Secret::new(DOKU_SECRET);
    match DokuNotification::verify::<Value>(headers, target, body, &key) {
        Ok(_) => "accepted".to_owned(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn forged_and_replayed_notifications() {
    let mut report = String::new();
    let genuine = serde_json::to_vec(&midtrans_body(SERVER_KEY)).expect("json");
    assert!(midtrans_outcome(&genuine).starts_with("accepted"));

    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    cases.push((
        "midtrans: signed with another server key",
        serde_json::to_vec(&midtrans_body("SB-Mid-server-attacker")).expect("json"),
    ));
    let mut tampered = midtrans_body(SERVER_KEY);
    tampered["gross_amount"] = json!("1.00");
    cases.push((
        "midtrans: amount changed after signing",
        serde_json::to_vec(&tampered).expect("json"),
    ));
    let mut no_sig = midtrans_body(SERVER_KEY);
    no_sig
        .as_object_mut()
        .expect("object")
        .remove("signature_key");
    cases.push((
        "midtrans: signature_key missing",
        serde_json::to_vec(&no_sig).expect("json"),
    ));
    let mut numeric = midtrans_body(SERVER_KEY);
    numeric["gross_amount"] = json!(244108);
    cases.push((
        "midtrans: gross_amount as a number",
        serde_json::to_vec(&numeric).expect("json"),
    ));
    let mut bad_status = midtrans_body(SERVER_KEY);
    bad_status["transaction_time"] = json!(42);
    cases.push((
        "midtrans: genuine signature, wrong field type",
        serde_json::to_vec(&bad_status).expect("json"),
    ));
    cases.push(("midtrans: not JSON", b"order_id=1&status_code=200".to_vec()));
    cases.push(("midtrans: truncated", genuine[..genuine.len() / 2].to_vec()));
    cases.push(("midtrans: empty body", Vec::new()));
    for (name, body) in &cases {
        let result = bounded(name, Duration::from_secs(5), || midtrans_outcome(body));
        assert!(
            !result.starts_with("accepted"),
            "`{name}` must be refused: {result}"
        );
        assert!(!result.contains(SERVER_KEY), "`{name}` leaks the key");
        let _ = writeln!(report, "## {name}\n{result}\n");
    }
    // Replay: the same genuine notification twice. The signature covers no
    // timestamp or nonce, so the verifier cannot tell; deduplicate on
    // order_id + transaction_status in the handler.
    let _ = writeln!(
        report,
        "## midtrans: genuine notification replayed (not detectable by the signature)\n{}\n",
        midtrans_outcome(&genuine)
    );

    let body = br#"{"order":{"invoice_number":"INV-1","amount":90000},"transaction":{"status":"SUCCESS"}}"#;
    let target = "/payments/notifications";
    let sign_at = |secret: &str, timestamp: &str, target: &str, body: &[u8]| {
        common::doku_signature(
            secret,
            "BRN-0001",
            "req-1",
            &format!("Request-Timestamp:{timestamp}"),
            target,
            Some(body),
        )
    };
    let sign_with = |secret: &str, target: &str, body: &[u8]| {
        sign_at(secret, "2020-08-11T08:45:42Z", target, body)
    };
    let sign = |target: &str, body: &[u8]| sign_with(DOKU_SECRET, target, body);
    let good = sign(target, body);
    let headers = |signature: Option<&'static str>| NotificationHeaders {
        client_id: "BRN-0001",
        request_id: "req-1",
        request_timestamp: "2020-08-11T08:45:42Z",
        signature,
    };
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let good_static = leak(good.clone());
    assert_eq!(
        doku_outcome(&headers(Some(good_static)), target, body),
        "accepted"
    );
    let tampered_body =
        br#"{"order":{"invoice_number":"INV-1","amount":1},"transaction":{"status":"SUCCESS"}}"#;
    let other_key = leak(sign_with("SK-attacker", target, body));
    let doku_cases: Vec<(&str, NotificationHeaders<'_>, &str, &[u8])> = vec![
        (
            "doku: Signature header missing",
            headers(None),
            target,
            body,
        ),
        ("doku: empty Signature", headers(Some("")), target, body),
        (
            "doku: unknown scheme",
            headers(Some("HMACSHA1=abc")),
            target,
            body,
        ),
        (
            "doku: signed with another key",
            headers(Some(other_key)),
            target,
            body,
        ),
        (
            "doku: body changed after signing",
            headers(Some(good_static)),
            target,
            tampered_body,
        ),
        (
            "doku: replayed to another notification path",
            headers(Some(good_static)),
            "/other/notifications",
            body,
        ),
        (
            "doku: replayed with a new Request-Id",
            NotificationHeaders {
                request_id: "req-2",
                ..headers(Some(good_static))
            },
            target,
            body,
        ),
        (
            "doku: genuine signature over a non-JSON body",
            headers(Some(leak(sign(target, b"not json")))),
            target,
            b"not json",
        ),
    ];
    for (name, h, t, b) in &doku_cases {
        let result = bounded(name, Duration::from_secs(5), || doku_outcome(h, t, b));
        assert_ne!(result, "accepted", "`{name}` must be refused");
        assert!(!result.contains(DOKU_SECRET), "`{name}` leaks the key");
        let _ = writeln!(report, "## {name}\n{result}\n");
    }
    let _ = writeln!(
        report,
        "## doku: genuine notification replayed with the same headers (`verify`: not detectable by the signature)\n{}\n",
        doku_outcome(&headers(Some(good_static)), target, body)
    );
    // `verify_fresh` refuses the same replay: its signed timestamp is years old.
    let key = Secret::new(DOKU_SECRET);
    let stale = bounded("doku: stale replay", Duration::from_secs(5), || {
        DokuNotification::verify_fresh::<Value>(
            &headers(Some(good_static)),
            target,
            body,
            &key,
            DEFAULT_NOTIFICATION_MAX_AGE,
        )
    });
    let stale = match stale {
        Err(e @ payspec::Error::StaleNotification { .. }) => e.to_string(),
        other => panic!("a notification signed in 2020 must be stale: {other:?}"),
    };
    let _ = writeln!(
        report,
        "## doku: genuine notification replayed with the same headers (`verify_fresh`, 5 min)\n{stale}\n"
    );
    // ... while the same notification signed just now is accepted by it.
    let now = payspec_signing::time::now_utc_timestamp();
    let fresh_signature = sign_at(DOKU_SECRET, &now, target, body);
    let fresh = DokuNotification::verify_fresh::<Value>(
        &NotificationHeaders {
            request_timestamp: &now,
            signature: Some(&fresh_signature),
            ..headers(None)
        },
        target,
        body,
        &key,
        DEFAULT_NOTIFICATION_MAX_AGE,
    )
    .expect("a notification signed just now is fresh");
    assert_eq!(fresh["order"]["amount"], 90000);
    insta::assert_snapshot!("forged_notifications", report);
}
