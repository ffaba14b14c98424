//! Signature vectors computed outside payspec.
//!
//! The DOKU and Midtrans expected values were produced with Python's standard
//! library (hmac, hashlib, base64); for a DOKU request, for example:
//!
//! ```text
//! python3 -c 'import hmac,hashlib,base64
//! key=b"SK-hCJ42G28TA0MKG9LE2E_1"; body=b"..."
//! d=base64.b64encode(hashlib.sha256(body).digest()).decode()
//! s="Client-Id:MCH-0001-10791114622547\nRequest-Id:6cc9f8b1-d83d-4c24-b853-a3223f43a744\n" \
//!   "Request-Timestamp:2020-08-12T09:45:42Z\nRequest-Target:/cancellation/credit-card/refund\nDigest:"+d
//! print(d, "HMACSHA256="+base64.b64encode(hmac.new(key,s.encode(),hashlib.sha256).digest()).decode())'
//! ```
//!
//! and for Midtrans `hashlib.sha512((order_id+status_code+gross_amount+server_key).encode()).hexdigest()`.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use payspec::doku::NotificationHeaders;
use payspec::midtrans::Notification as MidtransNotification;
use payspec::recipe::{self, Context, Credentials, Message, Recipe, RecipeError, Signed};
use payspec::{Error, Secret};
use sha2::Sha256;

const CLIENT_ID: &str = "MCH-0001-10791114622547";
const REQUEST_ID: &str = "6cc9f8b1-d83d-4c24-b853-a3223f43a744";
const SECRET_KEY: &str = "SK-hCJ42G28TA0MKG9LE2E_1";
const REFUND_PATH: &str = "/cancellation/credit-card/refund";

const NON_ASCII_BODY: &str = r#"{"order":{"invoice_number":"INV-20210118-0001","notes":"Pembayaran kopi ☕ — Rp 90.000, café"}}"#;
const ESCAPED_SLASHES_BODY: &str =
    r#"{"url":"https:\/\/merchant.com\/success-url","amount":90000}"#;
const PRETTY_BODY: &str = "{\n    \"order\": {\n        \"invoice_number\": \"INV-20210118-0001\"\n    },\n    \
\"payment\": {\n        \"original_request_id\": \"b266c265-3d61-4708-9860-c0d5b9a98f8c\"\n    },\n    \
\"refund\": {\n        \"amount\": 90000\n    }\n}";

fn doku_credentials(secret: &str) -> Credentials {
    Credentials::new()
        .with("client_id", CLIENT_ID)
        .with("secret_key", secret)
}

fn doku_recipe(pick: fn(&payspec::recipe::Scheme) -> &Option<Recipe>) -> &'static Recipe {
    pick(&payspec::doku::AUTH)
        .as_ref()
        .expect("the DOKU spec declares the recipe")
}

/// Signs a DOKU request with the spec's request recipe, at the vectors'
/// Request-Id and timestamp.
fn doku_request(body: Option<&[u8]>, target: &str) -> Signed {
    let credentials = doku_credentials(SECRET_KEY);
    let set = [
        ("request_id", REQUEST_ID),
        ("timestamp", "2020-08-12T09:45:42Z"),
    ];
    let mut cx = Context::new(&credentials);
    cx.set = &set;
    let message = Message {
        method: if body.is_some() { "POST" } else { "GET" },
        target,
        query: None,
        body: body.unwrap_or_default(),
        has_body: body.is_some(),
    };
    recipe::sign(
        &payspec::doku::AUTH,
        doku_recipe(|s| &s.request),
        &message,
        &cx,
    )
    .expect("signs")
}

fn header<'a>(signed: &'a Signed, name: &str) -> &'a str {
    signed
        .headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .expect("header")
}

fn text<'a>(signed: &'a Signed, value: &str) -> &'a str {
    std::str::from_utf8(signed.value(value).expect("value")).expect("text")
}

#[test]
fn doku_request_signatures_match_python_vectors() {
    let cases = [
        (
            NON_ASCII_BODY,
            "gOJqAkmJrIATMH9IMTpwrq9GqsILrb+jaNKwMHThg4E=",
            "HMACSHA256=Umer1YCDINc/ckDITxfj3putq2vF1KF96Po/thzmy+E=",
        ),
        (
            ESCAPED_SLASHES_BODY,
            "9uJBjN8Alkh5tlTAD6lgTqPWzek0avjum3DStDBc0vA=",
            "HMACSHA256=zN4xF+RJazlZ/C1oxRCluF0UMcnq55G+WIL9op2niVQ=",
        ),
        (
            PRETTY_BODY,
            "cTnf1tXrEvIPNr1KazqahZf3IA+DPv7BXyrFPzxwFkE=",
            "HMACSHA256=orKv3NDvRsakMt4o9GbXPSzucjHQjHSGm/Dvz0HnY7w=",
        ),
    ];
    for (body, digest, signature) in cases {
        let signed = doku_request(Some(body.as_bytes()), REFUND_PATH);
        assert_eq!(text(&signed, "digest"), digest, "digest of {body}");
        assert_eq!(
            header(&signed, "Signature"),
            signature,
            "signature of {body}"
        );
        assert_eq!(
            text(&signed, "string_to_sign"),
            format!(
                "Client-Id:{CLIENT_ID}\nRequest-Id:{REQUEST_ID}\nRequest-Timestamp:2020-08-12T09:45:42Z\n\
                 Request-Target:{REFUND_PATH}\nDigest:{digest}"
            )
        );
        assert_eq!(header(&signed, "Client-Id"), CLIENT_ID);
        assert_eq!(header(&signed, "Request-Id"), REQUEST_ID);
        assert_eq!(header(&signed, "Request-Timestamp"), "2020-08-12T09:45:42Z");
    }
}

#[test]
fn doku_get_signature_has_no_digest_line() {
    let signed = doku_request(None, "/orders/v1/status/INV-20210118-0001");
    assert_eq!(
        header(&signed, "Signature"),
        "HMACSHA256=P2efndyOfVOBEYp0B8DbziiBNYTItovTUny4i27TciE="
    );
    assert!(!text(&signed, "string_to_sign").contains("Digest"));
}

#[test]
fn doku_response_signature_uses_response_timestamp() {
    let expected = "HMACSHA256=MbFOoDTSPaB3SHEsIdSwgyfIPUy9PVstG6JM7TRixrA=";
    let response = vec![
        (
            "Response-Timestamp".to_owned(),
            "2020-08-11T08:45:42Z".to_owned(),
        ),
        ("Signature".to_owned(), expected.to_owned()),
    ];
    let credentials = doku_credentials(SECRET_KEY);
    let sent = vec![("request_id".into(), REQUEST_ID.as_bytes().to_vec())];
    let mut cx = Context::new(&credentials);
    cx.headers = &response;
    cx.sent = &sent;
    let message = Message {
        method: "POST",
        target: REFUND_PATH,
        query: None,
        body: PRETTY_BODY.as_bytes(),
        has_body: true,
    };
    let scheme = &payspec::doku::AUTH;
    let verified = recipe::verify(scheme, doku_recipe(|s| &s.response), &message, &cx)
        .expect("the vector verifies");
    assert_eq!(text(&verified, "timestamp"), "2020-08-11T08:45:42Z");
    // Signing the same response reproduces the vector.
    let set = [("timestamp", "2020-08-11T08:45:42Z")];
    let signing = Context {
        set: &set,
        headers: &(),
        ..cx
    };
    let signed = recipe::sign(scheme, doku_recipe(|s| &s.response), &message, &signing).unwrap();
    assert_eq!(header(&signed, "Signature"), expected);
    // The request recipe's signature over the same fields must not pass.
    let as_request = vec![
        ("Client-Id".to_owned(), CLIENT_ID.to_owned()),
        ("Request-Id".to_owned(), REQUEST_ID.to_owned()),
        (
            "Request-Timestamp".to_owned(),
            "2020-08-11T08:45:42Z".to_owned(),
        ),
        ("Signature".to_owned(), expected.to_owned()),
    ];
    let cx = Context {
        headers: &as_request,
        ..cx
    };
    assert_eq!(
        recipe::verify(scheme, doku_recipe(|s| &s.request), &message, &cx).unwrap_err(),
        RecipeError::Mismatch {
            name: "Signature".to_owned(),
            field: false
        }
    );
}

#[test]
fn doku_notification_signature_checks_the_merchant_path() {
    let key = Secret::new(SECRET_KEY);
    let body = br#"{"order":{"invoice_number":"INV-20210118-0001","amount":90000},"transaction":{"status":"SUCCESS"}}"#;
    let headers = NotificationHeaders {
        client_id: CLIENT_ID,
        request_id: "b266c265-3d61-4708-9860-c0d5b9a98f8c",
        request_timestamp: "2021-01-18T08:00:00Z",
        signature: Some("HMACSHA256=Aa2UGRn626qfHEira4KQQoVnCZawO3bpQyVy1zebDSI="),
    };

    #[derive(Debug, serde::Deserialize)]
    struct Note {
        order: Order,
    }
    #[derive(Debug, serde::Deserialize)]
    struct Order {
        amount: i64,
    }
    let note: Note =
        payspec::doku::Notification::verify(&headers, "/payments/notifications", body, &key)
            .unwrap();
    assert_eq!(note.order.amount, 90000);
    let elsewhere =
        payspec::doku::Notification::verify::<Note>(&headers, "/other/path", body, &key)
            .unwrap_err();
    assert!(
        elsewhere.to_string().contains("does not match the message"),
        "{elsewhere}"
    );
    let tampered = br#"{"order":{"invoice_number":"INV-20210118-0001","amount":1},"transaction":{"status":"SUCCESS"}}"#;
    let err = payspec::doku::Notification::verify::<Note>(
        &headers,
        "/payments/notifications",
        tampered,
        &key,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::SignatureMismatch(ref m) if m.operation == "notification"),
        "{err}"
    );
}

/// An independent HMAC over a string assembled by hand, as a DOKU server would.
#[test]
fn doku_signature_matches_a_hand_assembled_hmac() {
    let body = NON_ASCII_BODY.as_bytes();
    let digest = STANDARD.encode(<Sha256 as sha2::Digest>::digest(body));
    let text = [
        format!("Client-Id:{CLIENT_ID}"),
        format!("Request-Id:{REQUEST_ID}"),
        "Request-Timestamp:2020-08-12T09:45:42Z".to_owned(),
        format!("Request-Target:{REFUND_PATH}"),
        format!("Digest:{digest}"),
    ]
    .join("\n");
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET_KEY.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    let expected = format!(
        "HMACSHA256={}",
        STANDARD.encode(mac.finalize().into_bytes())
    );
    assert_eq!(
        header(&doku_request(Some(body), REFUND_PATH), "Signature"),
        expected
    );
}

const MIDTRANS_KEY: &str = "SB-Mid-server-payspec-test";

/// The docs' cancel notification sample, with its signature_key replaced by
/// the one for MIDTRANS_KEY (Python vector above).
const MIDTRANS_SAMPLE: &str = r#"{
"masked_card": "48111111-1114",
"approval_code": "325511",
"bank": "mandiri",
"eci": "05",
"transaction_time": "2016-07-04 13:32:44",
"gross_amount": "244108.00",
"order_id": "160288131764",
"payment_type": "credit_card",
"signature_key": "6590c95157ffbbfdfbf2270782d3390a58c093485f4ce37a31808908acfaa70002ecfa6ff80a56869ed10ba18d690c6b17f356679be4ade36d0d2683f9964648",
"status_code": "202",
"transaction_id": "ffd82cd2-4f0d-4b24-b4b8-e201b0c3d80e",
"transaction_status": "cancel",
"fraud_status": "accept",
"status_message": "midtrans payment notification"
}"#;

/// The notification recipe's `signature_key` for these fields, as received.
fn midtrans_signature_key(order_id: &str, status_code: &str, gross_amount: &str) -> String {
    let scheme = &payspec::midtrans::AUTH;
    let recipe = scheme.notification.as_ref().expect("a notification recipe");
    let credentials = Credentials::new().with("server_key", MIDTRANS_KEY);
    let fields = [
        ("order_id", Some(order_id)),
        ("status_code", Some(status_code)),
        ("gross_amount", Some(gross_amount)),
    ];
    let mut cx = Context::new(&credentials);
    cx.fields = Some(&fields);
    let message = Message {
        method: "POST",
        target: "/",
        query: None,
        body: b"{}",
        has_body: true,
    };
    let signed = recipe::sign(scheme, recipe, &message, &cx).expect("signs");
    assert_eq!(signed.fields[0].0, "signature_key");
    signed.fields[0].1.clone()
}

#[test]
fn midtrans_signature_key_vectors() {
    assert_eq!(
        midtrans_signature_key("160288131764", "202", "244108.00"),
        "6590c95157ffbbfdfbf2270782d3390a58c093485f4ce37a31808908acfaa70002ecfa6ff80a56869ed10ba18d690c6b17f356679be4ade36d0d2683f9964648"
    );
    assert_eq!(
        midtrans_signature_key("example-1424936368", "200", "30000.00"),
        "e3f9dcd96fe892ef0328e2fd2c59f0844133219f39e83d83510000483dae6d1b79838de48960b239e49a1e93352cde6d73ef08691e8b19de2cfce60622d45e1a"
    );
    // gross_amount is hashed as received: dropping ".00" changes the key.
    assert_eq!(
        midtrans_signature_key("example-1424936368", "200", "30000"),
        "c0ead816c8b150cb7d3b90ec1ff730deee0171fc1466eb04bbfe211eaf5282a5e43a6a34e9bb7a3b7fea4d2e689e0e6cbbc64a8e9df02d8bde5ec8e8c7ddde9c"
    );
}

#[derive(Debug, serde::Deserialize)]
struct CancelNotification {
    order_id: String,
    gross_amount: payspec::money::Decimal,
    transaction_status: String,
}

#[test]
fn midtrans_notification_verifies_the_docs_sample() {
    let key = Secret::new(MIDTRANS_KEY);
    let note: CancelNotification = MidtransNotification::verify(MIDTRANS_SAMPLE, &key).unwrap();
    assert_eq!(note.order_id, "160288131764");
    assert_eq!(note.gross_amount.as_str(), "244108.00");
    assert_eq!(note.transaction_status, "cancel");

    // The same sample under another server key, as the docs print it, fails.
    let err = MidtransNotification::verify::<CancelNotification>(
        MIDTRANS_SAMPLE,
        &Secret::new("SB-Mid-server-other"),
    )
    .unwrap_err();
    match err {
        Error::SignatureMismatch(m) => assert!(m.reason.contains("does not match"), "{}", m.reason),
        other => panic!("expected SignatureMismatch, got {other}"),
    }

    // A tampered amount fails; a missing field is named.
    let tampered = MIDTRANS_SAMPLE.replace("244108.00", "1.00");
    assert!(matches!(
        MidtransNotification::verify::<CancelNotification>(&tampered, &key),
        Err(Error::SignatureMismatch(_))
    ));
    let missing = MIDTRANS_SAMPLE.replace("\"status_code\": \"202\",", "");
    match MidtransNotification::check(missing.as_bytes(), &key) {
        Err(Error::SignatureMismatch(m)) => {
            assert!(m.reason.contains("`status_code`"), "{}", m.reason)
        }
        other => panic!("expected a missing-field mismatch, got {other:?}"),
    }
    assert!(matches!(
        MidtransNotification::check(b"not json", &key),
        Err(Error::Decode { status: None, .. })
    ));
}

/// The biller request recipe's headers for `body`.
fn biller_headers(body: &[u8]) -> Signed {
    let scheme = &payspec::biller::AUTH;
    let recipe = scheme.request.as_ref().expect("a request recipe");
    let credentials = Credentials::new()
        .with("api_key", "partner-key")
        .with("token_secret", "biller-token-secret");
    let message = Message {
        method: "POST",
        target: "/api/v2/bill/cancel",
        query: None,
        body,
        has_body: true,
    };
    recipe::sign(scheme, recipe, &message, &Context::new(&credentials)).expect("signs")
}

#[test]
fn biller_token_decodes_to_the_body_it_signed() {
    let body = br#"{"partnerId":"ayopop","account_number":"43554","ref_number":"5324354"}"#;
    let signed = biller_headers(body);
    assert_eq!(header(&signed, "KEY"), "partner-key");
    assert_eq!(header(&signed, "VERSION"), "2.0");
    let token = header(&signed, "TOKEN");
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let jose: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(jose, serde_json::json!({"alg": "HS256", "typ": "JWT"}));
    let claims = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
    assert_eq!(claims, body, "claims are the body bytes as sent");
    let claims: serde_json::Value = serde_json::from_slice(&claims).unwrap();
    assert_eq!(claims["partnerId"], "ayopop");
    assert_eq!(claims["ref_number"], "5324354");
    assert!(
        !token.contains('=') && !token.contains('+') && !token.contains('/'),
        "base64url without padding"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(b"biller-token-secret").unwrap();
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    assert_eq!(
        URL_SAFE_NO_PAD.decode(parts[2]).unwrap(),
        mac.finalize().into_bytes().to_vec()
    );

    let empty = biller_headers(b"");
    let empty_claims = URL_SAFE_NO_PAD
        .decode(header(&empty, "TOKEN").split('.').nth(1).unwrap())
        .unwrap();
    assert_eq!(empty_claims, b"{}");
}
