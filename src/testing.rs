//! Notifications signed as a provider signs them, to unit-test the code
//! that receives them (your webhook handler) without the provider.
//!
//! [`sign_notification`] runs the notification recipe of a provider's
//! generated `DESCRIPTOR` (the one its `Notification` verifiers check) as
//! the provider would: with your credentials, the provider's id and clock
//! ([`Stamp`]), your notification path and the body. What it produces
//! passes the provider module's verifiers with the same credentials and
//! fails them with others. Nothing here knows a provider: a provider whose
//! recipe signs headers gets headers, one whose recipe signs body fields
//! gets them written into the body.
//!
//! ```
//! # use std::borrow::Cow::Borrowed as B;
//! # use payspec::client::Descriptor;
//! # use payspec::recipe::*;
//! # // A made-up provider, "Kedai Pay", as a generated module declares it:
//! # // `X-Signature: v1=hex(HMAC-SHA256(webhook_key, timestamp + "." + body))`.
//! # static AUTH: Scheme = Scheme {
//! #     credentials: B(&[CredentialDecl {
//! #         name: B("webhook_key"),
//! #         kind: CredentialKind::Key,
//! #         env: B("KEDAI_WEBHOOK_KEY"),
//! #         doc: B("signs notifications"),
//! #     }]),
//! #     request: None,
//! #     response: None,
//! #     token: None,
//! #     notification: Some(Recipe {
//! #         values: B(&[
//! #             Value { name: B("timestamp"), source: Source::Now(TimeFormat::Utc), steps: B(&[]) },
//! #             Value { name: B("body"), source: Source::Body { or: None }, steps: B(&[]) },
//! #             Value {
//! #                 name: B("mac"),
//! #                 source: Source::Template(Template {
//! #                     pieces: B(&[Piece::Value(B("timestamp")), Piece::Text(B(".")), Piece::Value(B("body"))]),
//! #                 }),
//! #                 steps: B(&[Step::HmacSha256(B("webhook_key")), Step::Hex]),
//! #             },
//! #         ]),
//! #         headers: B(&[
//! #             Output {
//! #                 name: B("X-Timestamp"),
//! #                 template: Template { pieces: B(&[Piece::Value(B("timestamp"))]) },
//! #                 ignore_case: false,
//! #             },
//! #             Output {
//! #                 name: B("X-Signature"),
//! #                 template: Template { pieces: B(&[Piece::Text(B("v1=")), Piece::Value(B("mac"))]) },
//! #                 ignore_case: true,
//! #             },
//! #         ]),
//! #         fields: B(&[]),
//! #     }),
//! # };
//! # static DESCRIPTOR: Descriptor = Descriptor {
//! #     name: "kedai",
//! #     auth: &AUTH,
//! #     errors: payspec::convention::ErrorConvention {
//! #         code: None, message: B(&[]), message_local: None, success_codes: B(&[]),
//! #         success_flag: None, result: None, replay_status: None,
//! #     },
//! #     call_headers: &[],
//! #     retry: None,
//! # };
//! use payspec::recipe::Credentials;
//! use payspec::testing::{self, Stamp};
//! use payspec::Secret;
//!
//! // Your provider module's `DESCRIPTOR` (`payspec::<provider>::DESCRIPTOR`),
//! // its credentials by their spec names.
//! let key = Secret::new("whk-test");
//! let credentials = Credentials::new().with("webhook_key", key.clone());
//! let body = br#"{"order":"INV-1","status":"paid"}"#;
//! let signed = testing::sign_notification(
//!     &DESCRIPTOR, &credentials, Stamp::now(), "/hooks/kedai", body,
//! )?;
//! assert!(signed.header("x-signature").is_some_and(|s| s.starts_with("v1=")));
//! assert_eq!(signed.body, body); // a header-signed body is sent as it is
//!
//! // What your handler does with what it receives:
//! let received = signed.received_headers();
//! let verified: serde_json::Value = payspec::client::notify::verify_headers(
//!     &DESCRIPTOR, &received, "/hooks/kedai", &signed.body, &[("webhook_key", &key)],
//! )?;
//! assert_eq!(verified["status"], "paid");
//! // Checked with another key, it is refused.
//! assert!(payspec::client::notify::verify_headers::<serde_json::Value>(
//!     &DESCRIPTOR, &received, "/hooks/kedai", &signed.body, &[("webhook_key", &Secret::new("other"))],
//! )
//! .is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::time::SystemTime;

use payspec_signing::recipe::{self, Credentials, Headers, RecipeError, Source};

use crate::client::Descriptor;

pub use payspec_signing::time::now_utc_timestamp;

/// What the provider chooses for one notification: its id (the recipe's
/// generated `uuid_v4` value) and its clock (the recipe's `now` value).
/// Unset, the id is a fresh UUID and the timestamp is `at` in the recipe's
/// format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp<'a> {
    /// The notification's id, exactly (a stored one, to reproduce a signature).
    pub id: Option<&'a str>,
    /// The signed timestamp, exactly as it is sent (`2026-12-05T10:00:00Z`).
    pub timestamp: Option<&'a str>,
    /// The provider's clock when `timestamp` is unset: an old time signs a
    /// stale notification.
    pub at: SystemTime,
}

impl<'a> Stamp<'a> {
    /// A fresh id, signed now.
    pub fn now() -> Self {
        Stamp::at(SystemTime::now())
    }

    /// A fresh id, signed at `at` (formatted as the recipe writes times).
    pub fn at(at: SystemTime) -> Self {
        Stamp {
            id: None,
            timestamp: None,
            at,
        }
    }

    /// The same stamp with the notification id `id`.
    pub fn id(mut self, id: &'a str) -> Self {
        self.id = Some(id);
        self
    }

    /// The same stamp with the exact timestamp text `timestamp`.
    pub fn timestamp(mut self, timestamp: &'a str) -> Self {
        self.timestamp = Some(timestamp);
        self
    }
}

/// A notification as the provider would send it: the headers its recipe
/// writes and the body, with the signed fields its recipe writes (if any)
/// in it.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedNotification {
    /// The headers, in recipe order (`name`, `value`).
    pub headers: Vec<(String, String)>,
    /// The body fields the recipe wrote into the body, in recipe order.
    pub fields: Vec<(String, String)>,
    /// The body exactly as the provider sends it.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for SignedNotification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A recipe may write a credential into a header (an id, a sent key).
        f.debug_struct("SignedNotification")
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field(
                "fields",
                &self.fields.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl SignedNotification {
    /// The value of header `name` (any case), if the recipe writes it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.as_slice().header(name)
    }

    /// The value of signed body field `name`, if the recipe writes it.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The headers as an HTTP header map, as your web framework hands them
    /// to a handler (what a generated `Notification::headers` reads).
    pub fn header_map(&self) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in &self.headers {
            // A value that is not a valid header (a newline in a test id)
            // is left out, so the verifier reports the missing header.
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                map.insert(name, value);
            }
        }
        map
    }

    /// The headers as the runtime's verifiers take them (name, value as
    /// received).
    pub fn received_headers(&self) -> Vec<(&str, Option<&str>)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), Some(v.as_str())))
            .collect()
    }
}

/// Why a notification could not be signed. Carries no secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The provider's spec declares no notification recipe.
    #[error("{provider}: the spec declares no notification recipe")]
    NoRecipe {
        /// The provider module.
        provider: &'static str,
    },
    /// The recipe could not run: a credential it uses is not given, a body
    /// field it covers is absent or not a string, an id is too long.
    #[error("{provider}: signing the notification: {error}")]
    Recipe {
        /// The provider module.
        provider: &'static str,
        /// What the recipe lacked.
        error: RecipeError,
    },
    /// The recipe writes its signature into body fields and the body is not
    /// a JSON object.
    #[error(
        "{provider}: the notification recipe writes body fields, so the body must be a JSON object"
    )]
    NotAnObject {
        /// The provider module.
        provider: &'static str,
    },
}

/// Signs `body`, a notification to your path `target` (`/payments/notify`),
/// with the notification recipe of `descriptor` (a provider module's
/// generated `DESCRIPTOR`), as the provider does: `credentials` by their
/// spec names (`auth.credentials`), the provider's id and clock from `stamp`.
///
/// A recipe that signs body fields (a `signature_key` member) gets them
/// written into the body: an existing member of that name is replaced, and
/// the body is written out again as compact JSON. A body the recipe only
/// signs in headers is returned byte for byte.
pub fn sign_notification(
    descriptor: &Descriptor,
    credentials: &Credentials,
    stamp: Stamp<'_>,
    target: &str,
    body: &[u8],
) -> Result<SignedNotification, SignError> {
    let provider = descriptor.name;
    let recipe = descriptor
        .auth
        .notification
        .as_ref()
        .ok_or(SignError::NoRecipe { provider })?;
    // The stamp's choices, by the names of the values that take them; a
    // time is written in its value's own format.
    let chosen: Vec<(&str, Cow<'_, str>)> = recipe
        .values
        .iter()
        .filter_map(|v| match v.source {
            Source::Uuid { .. } | Source::Digits { .. } => {
                stamp.id.map(|id| (&*v.name, Cow::Borrowed(id)))
            }
            Source::Now(format) => Some((
                &*v.name,
                stamp
                    .timestamp
                    .map_or_else(|| Cow::Owned(format.format(stamp.at)), Cow::Borrowed),
            )),
            _ => None,
        })
        .collect();
    let set: Vec<(&str, &str)> = chosen.iter().map(|(n, v)| (*n, &**v)).collect();
    let signed = recipe::sign_notification(descriptor.auth, credentials, &set, target, body)
        .ok_or(SignError::NoRecipe { provider })?
        .map_err(|error| SignError::Recipe { provider, error })?;
    let body = if signed.fields.is_empty() {
        body.to_vec()
    } else {
        with_fields(body, &signed.fields).ok_or(SignError::NotAnObject { provider })?
    };
    Ok(SignedNotification {
        headers: signed.headers,
        fields: signed.fields,
        body,
    })
}

/// `body`, a JSON object, with `fields` set as string members.
fn with_fields(body: &[u8], fields: &[(String, String)]) -> Option<Vec<u8>> {
    let serde_json::Value::Object(mut object) = serde_json::from_slice(body).ok()? else {
        return None;
    };
    for (name, value) in fields {
        object.insert(name.clone(), value.clone().into());
    }
    serde_json::to_vec(&object).ok()
}

#[cfg(test)]
mod tests {
    use super::with_fields;

    #[test]
    fn fields_replace_members_of_an_object_and_nothing_else_is_signed_into() {
        let body = br#"{"a":"1","sig":"old"}"#;
        let out = with_fields(body, &[("sig".to_owned(), "new".to_owned())]).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value, serde_json::json!({"a": "1", "sig": "new"}));
        assert_eq!(with_fields(b"[1]", &[]), None);
        assert_eq!(with_fields(b"not json", &[]), None);
    }
}
