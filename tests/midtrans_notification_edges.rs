//! Midtrans `Notification::verify` reads the signed fields while typing the
//! body in one pass. These bodies pin that it still behaves as reading a
//! `serde_json::Value` did: which error wins, which of a repeated member
//! counts, escapes, non-string signed fields, and JSON paths in errors.

use payspec::midtrans::core::CancelNotification;
use payspec::midtrans::Notification;
use payspec::{Error, Secret};

mod common;

const KEY: &str = "SB-Mid-server-edges";

fn sig(order_id: &str, status_code: &str, gross_amount: &str) -> String {
    common::midtrans_signature_key(order_id, status_code, gross_amount, KEY)
}

fn verify(body: &[u8]) -> Result<CancelNotification, Error> {
    Notification::verify::<CancelNotification>(body, &Secret::new(KEY))
}

fn decode_path(result: Result<CancelNotification, Error>) -> String {
    match result {
        Err(Error::Decode { path, .. }) => path,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

fn mismatch_reason(result: Result<CancelNotification, Error>) -> String {
    match result {
        Err(Error::SignatureMismatch(m)) => m.reason,
        other => panic!("expected a signature mismatch, got {other:?}"),
    }
}

#[test]
fn a_genuine_body_with_a_wrongly_typed_member_names_its_path() {
    let body = format!(
        r#"{{"order_id":"o-1","status_code":"200","gross_amount":"10.00","signature_key":"{}","status_message":5}}"#,
        sig("o-1", "200", "10.00")
    );
    assert_eq!(decode_path(verify(body.as_bytes())), "status_message");
}

#[test]
fn a_genuine_object_without_a_mandatory_member_names_the_member() {
    let body = format!(
        r#"{{"order_id":"o-1","status_code":"200","gross_amount":"10.00","signature_key":"{}"}}"#,
        sig("o-1", "200", "10.00")
    );
    let error = verify(body.as_bytes()).unwrap_err();
    let text = error.to_string();
    assert_eq!(decode_path(Err(error)), "status_message");
    // It is JSON, so no advice to check the URL or proxies.
    assert!(!text.contains("check the URL"), "{text}");
}

#[test]
fn a_forged_body_is_a_mismatch_even_when_it_would_not_type() {
    let body = format!(
        r#"{{"order_id":"o-1","status_code":"200","gross_amount":"10.00","signature_key":"{}","status_message":5}}"#,
        sig("o-2", "200", "10.00")
    );
    let error = verify(body.as_bytes()).unwrap_err();
    // The advice to check the key is given once, not by both the reason and the error.
    let text = error.to_string();
    assert_eq!(text.matches("check the").count(), 1, "{text}");
    let reason = mismatch_reason(Err(error));
    assert!(reason.contains("does not match"), "{reason}");
}

#[test]
fn escaped_signed_values_are_checked_unescaped() {
    let body = format!(
        r#"{{"order\u005fid":"o\/1","status_code":"200","gross_amount":"10.00","signature_key":"{}","status_message":"ok"}}"#,
        sig("o/1", "200", "10.00")
    );
    let note = verify(body.as_bytes()).expect("verifies");
    assert_eq!(note.order_id.as_deref(), Some("o/1"));
}

#[test]
fn a_repeated_signed_member_counts_once_the_last_as_a_value_would() {
    // Signed over the last order_id: accepted, and the typed value is it.
    let body = format!(
        r#"{{"order_id":"first","status_code":"200","gross_amount":"10.00","signature_key":"{}","status_message":"ok","order_id":"last"}}"#,
        sig("last", "200", "10.00")
    );
    let note = verify(body.as_bytes()).expect("verifies");
    assert_eq!(note.order_id.as_deref(), Some("last"));
    // Signed over the first: rejected.
    let body = body.replace(&sig("last", "200", "10.00"), &sig("first", "200", "10.00"));
    assert!(mismatch_reason(verify(body.as_bytes())).contains("does not match"));
}

#[test]
fn a_signed_field_that_is_not_a_string_is_missing() {
    let body = format!(
        r#"{{"order_id":"o-1","status_code":200,"gross_amount":"10.00","signature_key":"{}","status_message":"ok"}}"#,
        sig("o-1", "200", "10.00")
    );
    let reason = mismatch_reason(verify(body.as_bytes()));
    assert!(reason.contains("`status_code`"), "{reason}");
}

#[test]
fn a_forged_body_that_is_not_json_is_a_decode_error_at_the_root() {
    // Invalid UTF-8 in a member nobody reads: still "not JSON", before the
    // signature is considered, as when the body was parsed into a Value.
    let mut body = format!(
        r#"{{"order_id":"o-1","status_code":"200","gross_amount":"10.00","signature_key":"{}","status_message":"XX"}}"#,
        sig("o-2", "200", "10.00")
    )
    .into_bytes();
    let at = body.windows(2).position(|w| w == b"XX").expect("marker");
    body[at] = 0xff;
    assert_eq!(decode_path(verify(&body)), ".");
    assert_eq!(decode_path(verify(b"{\"order_id\":")), ".");
}

#[test]
fn not_json_errors_carry_the_full_parsers_message() {
    // Unclosed nesting deeper than serde_json's recursion limit, inside a
    // member the signed-field read skips: the message is the full parse's.
    let body = format!(r#"{{"order_id":"o-1","x":{}"#, "[".repeat(300));
    let expected = serde_json::from_str::<serde_json::Value>(&body)
        .unwrap_err()
        .to_string();
    assert!(expected.contains("recursion limit"), "{expected}");
    match verify(body.as_bytes()) {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(path, ".");
            assert_eq!(message, expected);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn check_alone_agrees_with_verify() {
    let key = Secret::new(KEY);
    let good = format!(
        r#"{{"order_id":"o-1","status_code":"200","gross_amount":"10.00","signature_key":"{}","status_message":"ok"}}"#,
        sig("o-1", "200", "10.00")
    );
    assert!(Notification::check(good.as_bytes(), &key).is_ok());
    assert!(verify(good.as_bytes()).is_ok());
    let forged = good.replace("10.00", "99.00");
    assert!(matches!(
        Notification::check(forged.as_bytes(), &key),
        Err(Error::SignatureMismatch(_))
    ));
}
