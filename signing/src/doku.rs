//! DOKU non-SNAP symmetric signatures (`Signature: HMACSHA256=…`).
//!
//! The string to sign is these lines joined by `\n`, with no trailing newline:
//!
//! ```text
//! Client-Id:<client id>
//! Request-Id:<request id>
//! Request-Timestamp:<YYYY-MM-DDTHH:MM:SSZ>      (Response-Timestamp for responses)
//! Request-Target:<path, e.g. /cancellation/credit-card/refund>
//! Digest:<base64 of SHA-256 of the exact body bytes>   (omitted for GET)
//! ```
//!
//! The header value is `HMACSHA256=` followed by the base64 HMAC-SHA256 of
//! that string keyed with the merchant's Secret Key. Inbound HTTP
//! notifications are signed the same way, with the merchant's own
//! notification path as `Request-Target`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest as _, Sha256};

use crate::{constant_time_eq, Secret};

/// The prefix of every `Signature` header value.
pub const SIGNATURE_PREFIX: &str = "HMACSHA256=";

/// Which timestamp line a message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A request to DOKU, or a notification from DOKU: `Request-Timestamp`.
    Request,
    /// A response from DOKU: `Response-Timestamp`.
    Response,
}

impl Direction {
    fn timestamp_label(self) -> &'static str {
        match self {
            Direction::Request => "Request-Timestamp",
            Direction::Response => "Response-Timestamp",
        }
    }
}

/// Everything that goes into one signature, except the secret.
#[derive(Debug, Clone, Copy)]
pub struct Components<'a> {
    /// Request or response: picks the timestamp line's name.
    pub direction: Direction,
    /// The `Client-Id` header.
    pub client_id: &'a str,
    /// The `Request-Id` header.
    pub request_id: &'a str,
    /// The `Request-Timestamp` or `Response-Timestamp` header.
    pub timestamp: &'a str,
    /// The request path (`/cancellation/credit-card/refund`), without host.
    pub target: &'a str,
    /// The exact body bytes, or `None` for a GET (no `Digest` line).
    pub body: Option<&'a [u8]>,
}

/// The `Digest` value: base64 of the SHA-256 of `body`.
pub fn digest(body: &[u8]) -> String {
    STANDARD.encode(Sha256::digest(body))
}

/// The exact string DOKU expects to be signed (it contains no secret).
pub fn string_to_sign(components: &Components<'_>) -> String {
    let mut out = format!(
        "Client-Id:{}\nRequest-Id:{}\n{}:{}\nRequest-Target:{}",
        components.client_id,
        components.request_id,
        components.direction.timestamp_label(),
        components.timestamp,
        components.target
    );
    if let Some(body) = components.body {
        out.push_str("\nDigest:");
        out.push_str(&digest(body));
    }
    out
}

/// The `Signature` header value, `HMACSHA256=<base64>`.
pub fn sign(secret_key: &Secret, components: &Components<'_>) -> String {
    let mac = hmac_sha256(secret_key, string_to_sign(components).as_bytes());
    format!("{SIGNATURE_PREFIX}{}", STANDARD.encode(mac))
}

/// Why a DOKU signature was rejected. Carries no secret and no signed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyError {
    /// The `Signature` header was absent.
    Missing,
    /// The header did not start with `HMACSHA256=`.
    UnknownScheme,
    /// The header was well formed but does not match the message.
    Mismatch,
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            VerifyError::Missing => "the Signature header is missing",
            VerifyError::UnknownScheme => "the Signature header does not start with HMACSHA256=",
            VerifyError::Mismatch => "the Signature header does not match the message",
        })
    }
}

impl std::error::Error for VerifyError {}

/// Checks a received `Signature` header value against `components`, in
/// constant time. Use [`Direction::Response`] for DOKU's responses and
/// [`Direction::Request`] for inbound notifications.
pub fn verify(
    secret_key: &Secret,
    components: &Components<'_>,
    signature: Option<&str>,
) -> Result<(), VerifyError> {
    let signature = signature.ok_or(VerifyError::Missing)?.trim();
    if !signature.starts_with(SIGNATURE_PREFIX) {
        return Err(VerifyError::UnknownScheme);
    }
    let expected = sign(secret_key, components);
    if constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        Ok(())
    } else {
        Err(VerifyError::Mismatch)
    }
}

/// The headers of an inbound DOKU HTTP notification, as received.
#[derive(Debug, Clone, Copy)]
pub struct NotificationHeaders<'a> {
    /// `Client-Id`.
    pub client_id: &'a str,
    /// `Request-Id`.
    pub request_id: &'a str,
    /// `Request-Timestamp`.
    pub request_timestamp: &'a str,
    /// `Signature`, if present.
    pub signature: Option<&'a str>,
}

/// Verifies an inbound HTTP notification: `target` is the path of the
/// merchant's own notification URL (`/payments/notifications`), `body` the
/// raw request body exactly as received.
pub fn verify_notification(
    secret_key: &Secret,
    headers: &NotificationHeaders<'_>,
    target: &str,
    body: &[u8],
) -> Result<(), VerifyError> {
    let components = Components {
        direction: Direction::Request,
        client_id: headers.client_id,
        request_id: headers.request_id,
        timestamp: headers.request_timestamp,
        target,
        body: Some(body),
    };
    verify(secret_key, &components, headers.signature)
}

/// The pieces of one signature, for a debugging tool
/// (`payspec sign doku …` prints them in this order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// `Digest:<base64>`, or `None` for a GET.
    pub digest_line: Option<String>,
    /// The exact string signed, lines joined by `\n`.
    pub string_to_sign: String,
    /// The `Signature` header value, `HMACSHA256=<base64>`.
    pub signature: String,
}

/// Computes every intermediate value of a signature, for comparison with a
/// failing integration.
pub fn explain(secret_key: &Secret, components: &Components<'_>) -> Explanation {
    Explanation {
        digest_line: components
            .body
            .map(|body| format!("Digest:{}", digest(body))),
        string_to_sign: string_to_sign(components),
        signature: sign(secret_key, components),
    }
}

fn hmac_sha256(key: &Secret, message: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this never fails; the fallback
    // keeps the function total without a panic path.
    match Hmac::<Sha256>::new_from_slice(key.expose().as_bytes()) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn components(body: Option<&[u8]>) -> Components<'_> {
        Components {
            direction: Direction::Request,
            client_id: "MCH-0001-10791114622547",
            request_id: "6cc9f8b1-d83d-4c24-b853-a3223f43a744",
            timestamp: "2020-08-12T09:45:42Z",
            target: "/cancellation/credit-card/refund",
            body,
        }
    }

    #[test]
    fn string_to_sign_has_no_trailing_newline_and_get_has_no_digest() {
        let get = string_to_sign(&components(None));
        assert_eq!(
            get,
            "Client-Id:MCH-0001-10791114622547\nRequest-Id:6cc9f8b1-d83d-4c24-b853-a3223f43a744\n\
             Request-Timestamp:2020-08-12T09:45:42Z\nRequest-Target:/cancellation/credit-card/refund"
        );
        // SHA-256 of the empty string, base64.
        let post = string_to_sign(&components(Some(b"")));
        assert!(post.ends_with("\nDigest:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));
    }

    #[test]
    fn verify_accepts_own_signature_and_rejects_changes() {
        let key = Secret::new("SK-test");
        let c = components(Some(b"{\"a\":1}"));
        let sig = sign(&key, &c);
        assert_eq!(verify(&key, &c, Some(&sig)), Ok(()));
        assert_eq!(
            verify(&key, &components(Some(b"{\"a\":2}")), Some(&sig)),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            verify(&Secret::new("SK-other"), &c, Some(&sig)),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(verify(&key, &c, None), Err(VerifyError::Missing));
        assert_eq!(
            verify(&key, &c, Some("sha256=abc")),
            Err(VerifyError::UnknownScheme)
        );
    }

    #[test]
    fn explain_lists_digest_string_and_signature() {
        let key = Secret::new("SK-test");
        let c = components(Some(b""));
        let e = explain(&key, &c);
        assert_eq!(
            e.digest_line.as_deref(),
            Some("Digest:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        );
        assert_eq!(e.string_to_sign, string_to_sign(&c));
        assert_eq!(e.signature, sign(&key, &c));
        assert_eq!(explain(&key, &components(None)).digest_line, None);
    }
}
