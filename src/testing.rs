//! Notifications signed as the providers sign them, to unit-test the code
//! that receives them (your webhook handler) without the provider.
//!
//! A thin layer over the signing functions the client itself verifies with:
//! what these produce passes [`crate::doku::Notification::verify_fresh`] and
//! [`crate::midtrans::verify_cancel_notification`] with the same key, and
//! fails them with another.
//!
//! ```
//! use payspec::{testing, Secret};
//!
//! let server_key = Secret::new("SB-Mid-server-example");
//! let body = testing::midtrans_signed_notification(
//!     serde_json::json!({
//!         "order_id": "ORDER-101",
//!         "status_code": "200",
//!         "status_message": "Success, transaction is found",
//!         "gross_amount": "30000.00",
//!         "transaction_status": "cancel",
//!     }),
//!     &server_key,
//! )?;
//! // What your handler does with the body it receives:
//! let notification = payspec::midtrans::verify_cancel_notification(&body, &server_key)?;
//! assert_eq!(notification.order_id.as_deref(), Some("ORDER-101"));
//! // Signed with another key, it is refused.
//! let forged = testing::midtrans_signed_notification(
//!     serde_json::from_slice(&body)?,
//!     &Secret::new("not-the-server-key"),
//! )?;
//! assert!(payspec::midtrans::verify_cancel_notification(&forged, &server_key).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::Secret;
use payspec_signing::recipe::{Credentials, Scheme, Signed, Source};

pub use payspec_signing::time::now_utc_timestamp;

/// The four headers DOKU sends with a notification, signed as DOKU signs
/// them; see [`doku_notification`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DokuSignedHeaders {
    /// `Client-Id`.
    pub client_id: String,
    /// `Request-Id`.
    pub request_id: String,
    /// `Request-Timestamp`.
    pub request_timestamp: String,
    /// `Signature` (`HMACSHA256=…`).
    pub signature: String,
}

impl DokuSignedHeaders {
    /// The headers as [`crate::doku::Notification::verify`] and
    /// [`crate::doku::Notification::verify_fresh`] take them.
    pub fn as_notification_headers(&self) -> crate::doku::NotificationHeaders<'_> {
        crate::doku::NotificationHeaders {
            client_id: &self.client_id,
            request_id: &self.request_id,
            request_timestamp: &self.request_timestamp,
            signature: Some(&self.signature),
        }
    }

    /// The headers as an HTTP header map, as your web framework hands them
    /// to a handler (read back by [`crate::doku::Notification::headers`]).
    pub fn header_map(&self) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in [
            ("Client-Id", &self.client_id),
            ("Request-Id", &self.request_id),
            ("Request-Timestamp", &self.request_timestamp),
            ("Signature", &self.signature),
        ] {
            // A value that is not a valid header (a newline in a test id)
            // is left out, so the verifier reports the missing header.
            if let Ok(value) = http::HeaderValue::from_str(value) {
                map.insert(name, value);
            }
        }
        map
    }
}

/// Signs a notification `body` as DOKU does: HMAC-SHA256 with your Secret
/// Key over `Client-Id`, `Request-Id`, `Request-Timestamp`, the path of your
/// notification URL (`target`) and the body's digest.
///
/// `timestamp` is `YYYY-MM-DDTHH:MM:SSZ` in UTC: [`now_utc_timestamp`] for
/// a fresh notification, an old one to test that stale ones are refused.
///
/// ```
/// use payspec::doku::{Notification, DEFAULT_NOTIFICATION_MAX_AGE};
/// use payspec::{testing, Secret};
///
/// let secret_key = Secret::new("SK-your-secret-key");
/// let body = br#"{"order":{"invoice_number":"INV-1","amount":90000}}"#;
/// let target = "/payments/notifications";
/// let signed = testing::doku_notification(
///     &secret_key, "BRN-0001", "notification-1", &testing::now_utc_timestamp(), target, body,
/// );
/// // What your handler does with the request it receives:
/// let headers = signed.header_map();
/// let notification: serde_json::Value = Notification::verify_fresh(
///     &Notification::headers(&headers)?, target, body, &secret_key, DEFAULT_NOTIFICATION_MAX_AGE,
/// )?;
/// assert_eq!(notification["order"]["amount"], 90000);
/// # Ok::<(), payspec::Error>(())
/// ```
pub fn doku_notification(
    secret_key: &Secret,
    client_id: &str,
    request_id: &str,
    timestamp: &str,
    target: &str,
    body: &[u8],
) -> DokuSignedHeaders {
    let credentials = crate::client::credentials_in_order(
        &crate::doku::AUTH,
        [Secret::new(client_id), secret_key.clone()],
    );
    let signed = sign_notification(
        &crate::doku::AUTH,
        &credentials,
        request_id,
        timestamp,
        target,
        body,
    )
    .expect("the DOKU notification recipe signs any body");
    let header = |name: &str| {
        signed
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    DokuSignedHeaders {
        client_id: header("Client-Id"),
        request_id: header("Request-Id"),
        request_timestamp: header("Request-Timestamp"),
        signature: header("Signature"),
    }
}

/// Runs a provider's notification recipe as the provider would: its
/// generated id is `id` and its clock reads `timestamp`.
fn sign_notification(
    scheme: &'static Scheme,
    credentials: &Credentials,
    id: &str,
    timestamp: &str,
    target: &str,
    body: &[u8],
) -> Result<Signed, payspec_signing::recipe::RecipeError> {
    let recipe = scheme
        .notification
        .as_ref()
        .expect("the provider's spec has a notification recipe");
    let set: Vec<(&str, &str)> = recipe
        .values
        .iter()
        .filter_map(|v| match v.source {
            Source::Uuid { .. } => Some((&*v.name, id)),
            Source::Now(_) => Some((&*v.name, timestamp)),
            _ => None,
        })
        .collect();
    payspec_signing::recipe::sign_notification(scheme, credentials, &set, target, body)
        .expect("the provider's spec has a notification recipe")
}

/// A Midtrans notification's `signature_key`: the lowercase hex SHA-512 of
/// `order_id + status_code + gross_amount + server_key`, the strings as
/// sent (`gross_amount` keeps its `".00"`).
pub fn midtrans_signature_key(
    order_id: &str,
    status_code: &str,
    gross_amount: &str,
    server_key: &Secret,
) -> String {
    let body = serde_json::json!({
        "order_id": order_id,
        "status_code": status_code,
        "gross_amount": gross_amount,
    })
    .to_string();
    let credentials =
        crate::client::credentials_in_order(&crate::midtrans::AUTH, [server_key.clone()]);
    let signed = sign_notification(
        &crate::midtrans::AUTH,
        &credentials,
        "",
        "",
        "/",
        body.as_bytes(),
    )
    .expect("the three members are strings, as the recipe reads them");
    signed
        .fields
        .into_iter()
        .map(|(_, value)| value)
        .next()
        .unwrap_or_default()
}

/// A notification field [`midtrans_signed_notification`] needs is absent
/// or not a JSON string; names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the notification has no string field `{0}`, which its signature_key covers")]
pub struct MissingField(pub &'static str);

/// `body` with the `signature_key` Midtrans would give it, as the bytes a
/// handler receives. `body` is a JSON object with string fields
/// `order_id`, `status_code` and `gross_amount`; an existing
/// `signature_key` is replaced.
pub fn midtrans_signed_notification(
    mut body: serde_json::Value,
    server_key: &Secret,
) -> Result<Vec<u8>, MissingField> {
    let field = |name: &'static str| {
        body.get(name)
            .and_then(serde_json::Value::as_str)
            .ok_or(MissingField(name))
    };
    let key = midtrans_signature_key(
        field("order_id")?,
        field("status_code")?,
        field("gross_amount")?,
        server_key,
    );
    let Some(object) = body.as_object_mut() else {
        return Err(MissingField("order_id"));
    };
    object.insert("signature_key".to_owned(), key.into());
    Ok(body.to_string().into_bytes())
}
