//! The generated notification API on the real Midtrans notification type:
//! `midtrans::verify_cancel_notification(raw_body, &server_key)` and the runtime's
//! generic `payspec::midtrans::Notification::verify`, on the docs' sample
//! re-signed by hand (SHA-512 of order_id + status_code + gross_amount +
//! server key, hex) for a test key.

use std::path::Path;

use payspec::midtrans::core::CancelNotification;
use payspec::midtrans::{verify_cancel_notification, Notification, TransactionStatus};
use payspec::{Error, Secret};
use serde_json::Value;
use sha2::{Digest, Sha512};

const SERVER_KEY: &str = "SB-Mid-server-notification-test";

/// The docs' notification sample with `signature_key` computed for `key`.
fn signed_sample(key: &str) -> (Value, Vec<u8>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let ir = payspec_codegen::lower::load_dir(&dir)
        .unwrap_or_else(|problems| panic!("spec/ does not load:\n{problems}"))
        .ir;
    let midtrans = ir.providers.iter().find(|p| p.name == "midtrans").unwrap();
    let body = midtrans
        .structs
        .iter()
        .find(|s| s.name == "CancelNotification")
        .unwrap();
    let mut sample: Value = serde_json::from_str(&body.examples[0].json).unwrap();
    let text = |name: &str| sample[name].as_str().unwrap().to_owned();
    let signed = format!(
        "{}{}{}{key}",
        text("order_id"),
        text("status_code"),
        text("gross_amount")
    );
    let hex: String = Sha512::digest(signed.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    sample["signature_key"] = Value::String(hex);
    let raw = serde_json::to_vec(&sample).unwrap();
    (sample, raw)
}

#[test]
fn verify_returns_the_typed_notification() {
    let (sample, raw) = signed_sample(SERVER_KEY);
    let key = Secret::new(SERVER_KEY);
    let note = verify_cancel_notification(&raw, &key).unwrap();
    assert_eq!(note.order_id.as_deref(), sample["order_id"].as_str());
    assert_eq!(note.transaction_status, Some(TransactionStatus::Cancel));
    assert_eq!(serde_json::to_value(&note).unwrap(), sample);

    // The runtime's generic form, as the issue writes it, with the type named.
    let same: CancelNotification = Notification::verify(&raw, &key).unwrap();
    assert_eq!(same, note);
}

#[test]
fn another_key_or_a_changed_amount_is_a_signature_mismatch() {
    let (_, raw) = signed_sample("SB-Mid-server-someone-else");
    let key = Secret::new(SERVER_KEY);
    let err = verify_cancel_notification(&raw, &key).unwrap_err();
    assert!(matches!(err, Error::SignatureMismatch(_)), "{err}");

    let (_, good) = signed_sample(SERVER_KEY);
    let mut tampered: Value = serde_json::from_slice(&good).unwrap();
    tampered["gross_amount"] = Value::String("1.00".into());
    let err = verify_cancel_notification(serde_json::to_vec(&tampered).unwrap(), &key).unwrap_err();
    assert!(matches!(err, Error::SignatureMismatch(_)), "{err}");
    assert!(!format!("{err:?}").contains(SERVER_KEY));
}
