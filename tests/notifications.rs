//! The generated notification API on the real Midtrans notification type:
//! `midtrans::verify_cancel_notification(raw_body, &server_key)` and the runtime's
//! generic `payspec::midtrans::Notification::verify`, on the docs' sample
//! re-signed by hand (SHA-512 of order_id + status_code + gross_amount +
//! server key, hex) for a test key.

use std::path::Path;

use payspec::midtrans::core::{CancelNotification, PaymentType};
use payspec::midtrans::{
    verify_cancel_notification, verify_expire_notification, verify_payment_notification,
    verify_refund_notification, Notification, TransactionStatus,
};
use payspec::{Error, Secret};
use serde_json::Value;
use sha2::{Digest, Sha512};

const SERVER_KEY: &str = "SB-Mid-server-notification-test";

/// The docs' notification sample with `signature_key` computed for `key`.
fn signed_sample(key: &str) -> (Value, Vec<u8>) {
    let samples = samples_of("CancelNotification");
    sign(samples[0].clone(), key)
}

/// Every docs sample of the Midtrans struct `name`, from the spec.
fn samples_of(name: &str) -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let ir = payspec_codegen::lower::load_dir(&dir)
        .unwrap_or_else(|problems| panic!("spec/ does not load:\n{problems}"))
        .ir;
    let midtrans = ir.providers.iter().find(|p| p.name == "midtrans").unwrap();
    let body = midtrans.structs.iter().find(|s| s.name == name).unwrap();
    body.examples
        .iter()
        .map(|e| serde_json::from_str(&e.json).unwrap())
        .collect()
}

/// `sample` with `signature_key` computed for `key`, and its bytes.
fn sign(mut sample: Value, key: &str) -> (Value, Vec<u8>) {
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

#[test]
fn every_payment_method_sample_verifies_and_decodes_losslessly() {
    let key = Secret::new(SERVER_KEY);
    let samples = samples_of("PaymentNotification");
    assert_eq!(
        samples.len(),
        17,
        "12 methods of the page and 5 of its 2021 copy"
    );
    let mut types = Vec::new();
    for sample in samples {
        let (signed, raw) = sign(sample, SERVER_KEY);
        let note = verify_payment_notification(&raw, &key).unwrap();
        assert_eq!(serde_json::to_value(&note).unwrap(), signed);
        assert_eq!(note.order_id, signed["order_id"].as_str().unwrap());
        types.push(note.payment_type.expect("every sample names its method"));
    }
    // Every documented method decodes to a known variant, none to Unknown.
    assert!(
        !types.iter().any(|t| matches!(t, PaymentType::Unknown(_))),
        "{types:?}"
    );
    assert_eq!(
        types
            .iter()
            .filter(|t| **t == PaymentType::BankTransfer)
            .count(),
        4
    );
}

#[test]
fn method_specific_parts_are_typed() {
    let key = Secret::new(SERVER_KEY);
    let samples = samples_of("PaymentNotification");
    let find = |method: &str, field: &str| {
        samples
            .iter()
            .find(|s| {
                s["order_id"]
                    .as_str()
                    .is_some_and(|o| o.starts_with(method))
                    && s.get(field).is_some()
            })
            .cloned()
            .unwrap_or_else(|| panic!("a {method} sample with {field}"))
    };
    let (_, raw) = sign(find("bni-va", "payment_amounts"), SERVER_KEY);
    let bni = verify_payment_notification(&raw, &key).unwrap();
    let paid = bni.payment_amounts.as_deref().unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].amount.as_str(), "150000.00");
    assert_eq!(paid[0].paid_at, "2021-06-23 11:42:02");
    assert_eq!(
        bni.va_numbers.as_deref().unwrap()[0].va_number,
        "3333000000111111"
    );

    let (_, raw) = sign(find("mandiri-bill", "bill_key"), SERVER_KEY);
    let bill = verify_payment_notification(&raw, &key).unwrap();
    assert_eq!(
        (bill.biller_code.as_deref(), bill.bill_key.as_deref()),
        (Some("70012"), Some("990000000260"))
    );

    let (_, raw) = sign(find("indomaret", "payment_code"), SERVER_KEY);
    let store = verify_payment_notification(&raw, &key).unwrap();
    assert_eq!(store.payment_code.as_deref(), Some("300063000630006300"));
    assert_eq!(
        store.fraud_status, None,
        "Indomaret may not return fraud_status"
    );
}

#[test]
fn refund_and_expire_notifications_verify_before_decoding() {
    let key = Secret::new(SERVER_KEY);
    let (signed, raw) = sign(samples_of("RefundNotification")[0].clone(), SERVER_KEY);
    let refund = verify_refund_notification(&raw, &key).unwrap();
    assert_eq!(refund.transaction_status, TransactionStatus::PartialRefund);
    assert_eq!(serde_json::to_value(&refund).unwrap(), signed);

    let (_, raw) = sign(samples_of("ExpireNotification")[0].clone(), SERVER_KEY);
    let expired = verify_expire_notification(&raw, &key).unwrap();
    assert_eq!(expired.transaction_status, TransactionStatus::Expire);
    assert_eq!(
        expired.permata_va_number.as_deref(),
        Some("8778004890127981")
    );

    // The docs' own signature_key values were made with Midtrans' key, not ours.
    let unsigned = serde_json::to_vec(&samples_of("ExpireNotification")[0]).unwrap();
    let err = verify_expire_notification(&unsigned, &key).unwrap_err();
    assert!(matches!(err, Error::SignatureMismatch(_)), "{err}");
    let mut tampered = signed.clone();
    tampered["transaction_status"] = Value::String("refund".into());
    tampered["order_id"] = Value::String("someone-else".into());
    let err = verify_refund_notification(serde_json::to_vec(&tampered).unwrap(), &key).unwrap_err();
    assert!(matches!(err, Error::SignatureMismatch(_)), "{err}");
}
