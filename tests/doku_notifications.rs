//! DOKU's virtual-account HTTP notification through the generated
//! `doku::verify_virtual_account_notification`: the docs' samples, signed
//! here by hand (HMAC-SHA256 over Client-Id, Request-Id, Request-Timestamp,
//! the merchant's notification path and the body's SHA-256 digest, as the
//! non-SNAP signature pages describe), verify and decode; a changed byte or
//! another path is refused. Also the Check Status page's status-mapping
//! table, through the generated decision functions.

use std::path::Path;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use payspec::doku::{
    self, verify_virtual_account_notification, NotificationHeaders, StatusChannel,
    StatusMerchantAction, TransactionStatus,
};
use payspec::money::Idr;
use payspec::{Error, Secret};
use sha2::{Digest, Sha256};

const CLIENT_ID: &str = "MCH-0001-10791114622547";
const SECRET_KEY: &str = "SK-notification-test";
const REQUEST_ID: &str = "479b663f-5c9d-400d-8e80-3e548a8f7639";
const TIMESTAMP: &str = "2020-08-11T08:45:42Z";
/// The example path of the signature pages: "if merchant set the
/// Notification URL: https://yourdomain.com/payments/notifications".
const TARGET: &str = "/payments/notifications";

/// The docs' samples of the notification body, as the spec quotes them.
fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let ir = payspec_codegen::lower::load_dir(&dir)
        .unwrap_or_else(|problems| panic!("spec/ does not load:\n{problems}"))
        .ir;
    let doku = ir.providers.iter().find(|p| p.name == "doku").unwrap();
    let body = doku
        .structs
        .iter()
        .find(|s| s.name == "VirtualAccountNotification")
        .unwrap();
    body.examples
        .iter()
        .map(|e| (e.name.clone(), e.json.clone().into_bytes()))
        .collect()
}

/// `HMACSHA256=` + base64(HMAC-SHA256(secret, the five lines)).
fn signature(target: &str, body: &[u8]) -> String {
    let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body));
    let to_sign = format!(
        "Client-Id:{CLIENT_ID}\nRequest-Id:{REQUEST_ID}\nRequest-Timestamp:{TIMESTAMP}\n\
         Request-Target:{target}\nDigest:{digest}"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET_KEY.as_bytes()).unwrap();
    mac.update(to_sign.as_bytes());
    let mac = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    format!("HMACSHA256={mac}")
}

fn headers(signature: &str) -> NotificationHeaders<'_> {
    NotificationHeaders {
        client_id: CLIENT_ID,
        request_id: REQUEST_ID,
        request_timestamp: TIMESTAMP,
        signature: Some(signature),
    }
}

#[test]
fn the_docs_samples_verify_and_decode_with_the_merchants_path() {
    let secret = Secret::new(SECRET_KEY);
    let samples = samples();
    assert_eq!(samples.len(), 2, "the BCA and the legacy Mandiri sample");
    for (name, body) in &samples {
        let sig = signature(TARGET, body);
        let note = verify_virtual_account_notification(&headers(&sig), TARGET, body, &secret)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(note.order.invoice_number, "INV-20210124-0001", "{name}");
        assert_eq!(note.order.amount, Idr(150_000), "{name}");
        assert_eq!(
            note.transaction.status,
            TransactionStatus::Success,
            "{name}"
        );
        let references: Vec<(String, String)> = note
            .virtual_account_payment
            .and_then(|p| p.identifier)
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r.name, r.value))
            .collect();
        let expected: &[(&str, &str)] = match name.as_str() {
            // Sent as "identifer" (sic): read into `identifier` all the same.
            "bca_va" => &[
                ("REQUEST_ID", "7892931"),
                ("REFERENCE", "6769200"),
                ("CHANNEL_TYPE", "6010"),
            ],
            "mandiri_va_legacy" => &[("TRANSACTION_ID", "8341422"), ("CHANNEL_ID", "001")],
            other => panic!("an unexpected sample {other}"),
        };
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(references, expected, "{name}");
    }
}

#[test]
fn a_changed_byte_or_another_path_is_refused() {
    let secret = Secret::new(SECRET_KEY);
    let (_, body) = &samples()[0];
    let sig = signature(TARGET, body);
    // Every single byte of the body is covered by the digest.
    for at in [0, body.len() / 2, body.len() - 2] {
        let mut tampered = body.clone();
        tampered[at] ^= 0x01;
        let result =
            verify_virtual_account_notification(&headers(&sig), TARGET, &tampered, &secret);
        assert!(
            matches!(result, Err(Error::SignatureMismatch(_))),
            "byte {at}: {result:?}"
        );
    }
    // The raw-format sample's target is the VA API's path, not the
    // merchant's: a notification signed for one path is refused for another.
    for other in [
        "/doku-virtual-account/v2/payment-code",
        "/payments/notifications/",
    ] {
        let result = verify_virtual_account_notification(&headers(&sig), other, body, &secret);
        assert!(
            matches!(result, Err(Error::SignatureMismatch(_))),
            "{other}: {result:?}"
        );
    }
    let wrong_key = Secret::new("SK-someone-else");
    let result = verify_virtual_account_notification(&headers(&sig), TARGET, body, &wrong_key);
    assert!(
        matches!(result, Err(Error::SignatureMismatch(_))),
        "{result:?}"
    );
}

/// The Check Status page's Transaction Status Mapping table, row by row.
#[test]
fn the_status_mapping_table_is_the_generated_decisions() {
    use StatusChannel as C;
    use StatusMerchantAction as A;
    use TransactionStatus as S;
    let rows: [(S, bool, A, &[C]); 7] = [
        (
            S::Pending,
            false,
            A::WaitForFinalStatus,
            &[
                C::VirtualAccount,
                C::OnlineToOffline,
                C::CreditCardAuthorize,
                C::Paylater,
                C::EWallet,
            ],
        ),
        (
            S::Success,
            true,
            A::Nothing,
            &[
                C::VirtualAccount,
                C::OnlineToOffline,
                C::CreditCardAuthorize,
                C::CreditCard,
                C::DirectDebit,
                C::EMoney,
                C::EWallet,
                C::Paylater,
            ],
        ),
        (
            S::Failed,
            false,
            A::NewPaymentRequest,
            &[
                C::VirtualAccount,
                C::CreditCard,
                C::DirectDebit,
                C::EMoney,
                C::Paylater,
            ],
        ),
        (
            S::Expired,
            true,
            A::NewPaymentRequest,
            &[C::VirtualAccount, C::OnlineToOffline, C::Paylater],
        ),
        (
            S::Refunded,
            true,
            A::Nothing,
            &[C::CreditCard, C::EMoney, C::Paylater],
        ),
        (S::Timeout, false, A::CheckStatus, &[C::EMoney]),
        (S::Redirect, false, A::WaitForFinalStatus, &[C::CreditCard]),
    ];
    let all = [
        C::VirtualAccount,
        C::OnlineToOffline,
        C::CreditCardAuthorize,
        C::CreditCard,
        C::DirectDebit,
        C::EMoney,
        C::EWallet,
        C::Paylater,
    ];
    for (status, is_final, action, channels) in &rows {
        assert_eq!(
            doku::transaction_status_is_final(status),
            Some(*is_final),
            "{status:?}"
        );
        assert_eq!(
            doku::transaction_status_merchant_action(status).as_ref(),
            Some(action),
            "{status:?}"
        );
        for channel in &all {
            assert_eq!(
                doku::transaction_status_applies_to(status, channel),
                Some(channels.contains(channel)),
                "{status:?} {channel:?}"
            );
        }
    }
    // A status the table does not list: the docs do not say.
    let unknown = S::Unknown("SETTLED".to_owned());
    assert_eq!(doku::transaction_status_is_final(&unknown), None);
    assert_eq!(doku::transaction_status_merchant_action(&unknown), None);
    assert_eq!(
        doku::transaction_status_applies_to(&unknown, &C::CreditCard),
        None
    );
}
