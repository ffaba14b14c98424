//! `payspec::testing::sign_notification` signs notifications exactly as the
//! providers do, with nothing but the provider module's `DESCRIPTOR` (the
//! expected values are computed here with hmac/sha2 directly), and what it
//! signs passes the generated verifiers.

use std::time::{Duration, SystemTime};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use payspec::doku::{Notification, DEFAULT_NOTIFICATION_MAX_AGE};
use payspec::recipe::{Credentials, RecipeError};
use payspec::testing::{self, SignError, Stamp};
use payspec::{Error, Secret};
use serde_json::{json, Value};
use sha2::{Digest, Sha256, Sha512};

const TARGET: &str = "/payments/notifications";
const BODY: &[u8] = br#"{"order":{"invoice_number":"INV-7","amount":125000}}"#;

fn doku_credentials(secret_key: &str) -> Credentials {
    Credentials::new()
        .with("client_id", "BRN-0001")
        .with("secret_key", secret_key)
}

fn doku_signed(secret_key: &str, stamp: Stamp<'_>) -> testing::SignedNotification {
    testing::sign_notification(
        &payspec::doku::DESCRIPTOR,
        &doku_credentials(secret_key),
        stamp,
        TARGET,
        BODY,
    )
    .expect("the DOKU notification recipe signs any body")
}

/// DOKU's notification signature, written from the docs' description.
fn doku_signature(key: &str, request_id: &str, timestamp: &str) -> String {
    let digest = STANDARD.encode(Sha256::digest(BODY));
    let string_to_sign = format!(
        "Client-Id:BRN-0001\nRequest-Id:{request_id}\nRequest-Timestamp:{timestamp}\n\
         Request-Target:{TARGET}\nDigest:{digest}"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    format!(
        "HMACSHA256={}",
        STANDARD.encode(mac.finalize().into_bytes())
    )
}

#[test]
fn a_doku_notification_is_signed_as_doku_signs_it() {
    let signed = doku_signed(
        "SK-test-key",
        Stamp::now().id("req-7").timestamp("2026-12-05T10:00:00Z"),
    );
    assert_eq!(
        signed.headers,
        [
            ("Client-Id", "BRN-0001".to_owned()),
            ("Request-Id", "req-7".to_owned()),
            ("Request-Timestamp", "2026-12-05T10:00:00Z".to_owned()),
            (
                "Signature",
                doku_signature("SK-test-key", "req-7", "2026-12-05T10:00:00Z")
            ),
        ]
        .map(|(n, v)| (n.to_owned(), v))
    );
    // Signed in headers only: the body is sent byte for byte.
    assert_eq!(signed.body, BODY);
    assert!(signed.fields.is_empty());
}

#[test]
fn the_clock_and_id_default_to_the_stamp_time_and_a_fresh_uuid() {
    // 2026-12-05T10:00:00Z.
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_464_800);
    let signed = doku_signed("SK-test-key", Stamp::at(at));
    assert_eq!(
        signed.header("request-timestamp"),
        Some("2026-12-05T10:00:00Z")
    );
    let id = signed.header("Request-Id").expect("a generated id");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    assert_eq!(
        signed.header("Signature"),
        Some(doku_signature("SK-test-key", id, "2026-12-05T10:00:00Z").as_str())
    );
    let again = doku_signed("SK-test-key", Stamp::at(at));
    assert_ne!(
        again.header("Request-Id"),
        Some(id),
        "one id per notification"
    );
}

#[test]
fn headers_from_a_header_map_verify_and_a_wrong_key_does_not() {
    let key = Secret::new("SK-test-key");
    let signed = doku_signed("SK-test-key", Stamp::now().id("req-8"));
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
fn a_notification_signed_an_hour_ago_is_stale() {
    let key = Secret::new("SK-test-key");
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let signed = doku_signed("SK-test-key", Stamp::at(hour_ago));
    let map = signed.header_map();
    let stale = Notification::verify_fresh::<Value>(
        &Notification::headers(&map).unwrap(),
        TARGET,
        BODY,
        &key,
        DEFAULT_NOTIFICATION_MAX_AGE,
    );
    let Err(Error::StaleNotification { timestamp, .. }) = &stale else {
        panic!("{stale:?}");
    };
    assert_eq!(Some(timestamp.as_str()), signed.header("Request-Timestamp"));
}

#[test]
fn a_missing_notification_header_is_named() {
    let signed = doku_signed(
        "k",
        Stamp::now().id("req-9").timestamp("2026-12-05T10:00:00Z"),
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
fn a_credential_the_recipe_uses_must_be_given() {
    let err = testing::sign_notification(
        &payspec::doku::DESCRIPTOR,
        &Credentials::new().with("client_id", "BRN-0001"),
        Stamp::now(),
        TARGET,
        BODY,
    )
    .unwrap_err();
    assert_eq!(
        err,
        SignError::Recipe {
            provider: "doku",
            error: RecipeError::MissingCredential("secret_key".to_owned()),
        }
    );
    assert_eq!(
        err.to_string(),
        "doku: signing the notification: credential `secret_key` is not configured"
    );
}

fn midtrans_signed(body: &Value, key: &str) -> Result<testing::SignedNotification, SignError> {
    testing::sign_notification(
        &payspec::midtrans::DESCRIPTOR,
        &Credentials::new().with("server_key", key),
        Stamp::now(),
        "/payment-notification-handler/",
        body.to_string().as_bytes(),
    )
}

#[test]
fn a_midtrans_notification_gets_its_signature_key_in_the_body() {
    let body = json!({
        "order_id": "ORDER-2",
        "status_code": "200",
        "status_message": "Success, transaction is found",
        "gross_amount": "10000.00",
        "transaction_status": "cancel",
        "signature_key": "stale",
    });
    let signed = midtrans_signed(&body, "SB-Mid-server-test").expect("all signed fields present");
    // order_id + status_code + gross_amount + server key, concatenated.
    let expected: String = Sha512::digest(b"ORDER-220010000.00SB-Mid-server-test")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(signed.field("signature_key"), Some(expected.as_str()));
    assert!(signed.headers.is_empty());
    let sent: Value = serde_json::from_slice(&signed.body).unwrap();
    assert_eq!(
        sent["signature_key"],
        expected.as_str(),
        "replaced, not kept"
    );
    assert_eq!(sent["order_id"], "ORDER-2");

    let key = Secret::new("SB-Mid-server-test");
    let notification =
        payspec::midtrans::verify_cancel_notification(&signed.body, &key).expect("verifies");
    assert_eq!(notification.order_id.as_deref(), Some("ORDER-2"));
    let other = payspec::midtrans::verify_cancel_notification(&signed.body, &Secret::new("other"));
    assert!(
        matches!(other, Err(Error::SignatureMismatch(_))),
        "{other:?}"
    );
}

#[test]
fn a_field_the_signature_covers_must_be_in_the_body() {
    let missing = midtrans_signed(&json!({"order_id": "ORDER-3", "status_code": "200"}), "k");
    assert_eq!(
        missing.unwrap_err(),
        SignError::Recipe {
            provider: "midtrans",
            error: RecipeError::MissingField("gross_amount".to_owned()),
        }
    );
    let not_object = midtrans_signed(&json!(["order_id", "status_code", "gross_amount"]), "k");
    assert!(
        matches!(not_object, Err(SignError::Recipe { .. })),
        "{not_object:?}"
    );
}

#[test]
fn a_provider_without_a_notification_recipe_is_named() {
    let err = testing::sign_notification(
        &payspec::biller::DESCRIPTOR,
        &Credentials::new(),
        Stamp::now(),
        TARGET,
        BODY,
    )
    .unwrap_err();
    assert_eq!(err, SignError::NoRecipe { provider: "biller" });
}
