//! `payspec::testing` signs notifications exactly as the providers do (the
//! expected values are computed here with hmac/sha2 directly), and
//! `Notification::headers` reads them from an `http::HeaderMap`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use payspec::doku::{Notification, DEFAULT_NOTIFICATION_MAX_AGE};
use payspec::{testing, Error, Secret};
use serde_json::{json, Value};
use sha2::{Digest, Sha256, Sha512};

const TARGET: &str = "/payments/notifications";
const BODY: &[u8] = br#"{"order":{"invoice_number":"INV-7","amount":125000}}"#;

#[test]
fn a_doku_notification_is_signed_as_doku_signs_it() {
    let key = Secret::new("SK-test-key");
    let signed = testing::doku_notification(
        &key,
        "BRN-0001",
        "req-7",
        "2026-12-05T10:00:00Z",
        TARGET,
        BODY,
    );
    let digest = STANDARD.encode(Sha256::digest(BODY));
    let string_to_sign = format!(
        "Client-Id:BRN-0001\nRequest-Id:req-7\nRequest-Timestamp:2026-12-05T10:00:00Z\n\
         Request-Target:{TARGET}\nDigest:{digest}"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(b"SK-test-key").unwrap();
    mac.update(string_to_sign.as_bytes());
    let expected = format!(
        "HMACSHA256={}",
        STANDARD.encode(mac.finalize().into_bytes())
    );
    assert_eq!(signed.signature, expected);
    assert_eq!(signed.request_timestamp, "2026-12-05T10:00:00Z");
}

#[test]
fn headers_from_a_header_map_verify_and_a_wrong_key_does_not() {
    let key = Secret::new("SK-test-key");
    let signed = testing::doku_notification(
        &key,
        "BRN-0001",
        "req-8",
        &testing::now_utc_timestamp(),
        TARGET,
        BODY,
    );
    // Frameworks hand over lower-case names; the lookup ignores case.
    let mut lower = http::HeaderMap::new();
    for (name, value) in signed.header_map().iter() {
        lower.insert(
            http::HeaderName::from_bytes(name.as_str().to_ascii_lowercase().as_bytes()).unwrap(),
            value.clone(),
        );
    }
    let headers = Notification::headers(&lower).expect("all four headers");
    assert_eq!(headers.request_id, "req-8");
    let body: Value =
        Notification::verify_fresh(&headers, TARGET, BODY, &key, DEFAULT_NOTIFICATION_MAX_AGE)
            .expect("signed with the key");
    assert_eq!(body["order"]["amount"], 125000);

    let wrong = Notification::verify_fresh::<Value>(
        &headers,
        TARGET,
        BODY,
        &Secret::new("SK-other"),
        DEFAULT_NOTIFICATION_MAX_AGE,
    );
    assert!(
        matches!(wrong, Err(Error::SignatureMismatch(_))),
        "{wrong:?}"
    );
}

#[test]
fn a_missing_notification_header_is_named() {
    let signed = testing::doku_notification(
        &Secret::new("k"),
        "BRN-0001",
        "req-9",
        "2026-12-05T10:00:00Z",
        TARGET,
        BODY,
    );
    for missing in ["Client-Id", "Request-Id", "Request-Timestamp"] {
        let mut map = signed.header_map();
        map.remove(missing);
        let err = Notification::headers(&map).unwrap_err();
        let Error::SignatureMismatch(m) = &err else {
            panic!("{missing}: {err:?}");
        };
        assert_eq!(
            m.reason,
            format!("the notification has no text `{missing}` header, which its signature covers")
        );
    }
    // Without `Signature` the headers are read; verification then refuses.
    let mut map = signed.header_map();
    map.remove("Signature");
    assert_eq!(Notification::headers(&map).unwrap().signature, None);
}

#[test]
fn a_midtrans_signature_key_is_sha512_of_the_four_strings() {
    let key = Secret::new("SB-Mid-server-test");
    // order_id + status_code + gross_amount + server key, concatenated.
    let expected: String = Sha512::digest(b"ORDER-120030000.00SB-Mid-server-test")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        testing::midtrans_signature_key("ORDER-1", "200", "30000.00", &key),
        expected
    );
}

#[test]
fn a_signed_midtrans_notification_passes_the_generated_verifier() {
    let key = Secret::new("SB-Mid-server-test");
    let body = testing::midtrans_signed_notification(
        json!({
            "order_id": "ORDER-2",
            "status_code": "200",
            "status_message": "Success, transaction is found",
            "gross_amount": "10000.00",
            "transaction_status": "cancel",
            "signature_key": "stale",
        }),
        &key,
    )
    .expect("all signed fields present");
    let notification =
        payspec::midtrans::verify_cancel_notification(&body, &key).expect("verifies");
    assert_eq!(notification.order_id.as_deref(), Some("ORDER-2"));
    let other = payspec::midtrans::verify_cancel_notification(&body, &Secret::new("other"));
    assert!(
        matches!(other, Err(Error::SignatureMismatch(_))),
        "{other:?}"
    );

    let missing = testing::midtrans_signed_notification(
        json!({"order_id": "ORDER-3", "status_code": "200"}),
        &key,
    );
    assert_eq!(missing, Err(testing::MissingField("gross_amount")));
}
