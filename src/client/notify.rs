//! Inbound notifications, verified with the provider's notification recipe
//! before anything typed is returned. Two shapes cover every recipe: one
//! signed in headers over the merchant's notification path and the body
//! (its headers are read by the generated `NotificationHeaders`), and one
//! signed in body fields (`fields:` outputs, read exactly as received).
//! The generated provider module wraps these per recipe as its
//! `Notification` type; nothing here names a provider.

use std::time::{Duration, SystemTime};

use payspec_signing::recipe::{
    self, BodyFields, Context, CredentialKind, CredentialSource, Message, Recipe,
};
use serde::de::DeserializeOwned;

use super::descriptor::Descriptor;
use super::fields::{decode_watching, top_level_names, SignedFields};
use crate::error::{Error, SignatureMismatch};
use crate::notification;
use crate::secret::Secret;

/// How far a notification's signed timestamp may be from this server's
/// clock for a `verify_fresh`, unless you choose otherwise: five minutes,
/// the window the sandbox applies to requests.
pub const DEFAULT_NOTIFICATION_MAX_AGE: Duration = payspec_signing::time::DEFAULT_TIMESTAMP_WINDOW;

const OPERATION: &str = "notification";

fn mismatch(d: &Descriptor, reason: String) -> Error {
    Error::SignatureMismatch(SignatureMismatch {
        provider: d.name,
        operation: OPERATION,
        reason,
    })
}

fn recipe_of(d: &'static Descriptor) -> Result<&'static Recipe, Error> {
    d.auth
        .notification
        .as_ref()
        .ok_or_else(|| mismatch(d, "the spec declares no notification recipe".to_owned()))
}

/// A notification verifier's signing keys, each with the name of the
/// `kind: key` credential it is (`("server_key", &key)`): the keys the
/// notification recipe reads, matched by name, so their order is free.
pub type NamedKeys<'k> = [(&'k str, &'k Secret)];

/// The keys given to a verifier, as the recipe asks for them by name.
/// Only `kind: key` credentials: an `id` credential is read from the
/// notification. Borrowed for the call, so no key is copied.
struct Keys<'k> {
    descriptor: &'static Descriptor,
    keys: &'k NamedKeys<'k>,
}

impl CredentialSource for Keys<'_> {
    fn get(&self, name: &str) -> Option<&Secret> {
        let declared = self.descriptor.auth.credential(name)?;
        if declared.kind != CredentialKind::Key {
            return None;
        }
        self.keys
            .iter()
            .find(|(given, _)| *given == name)
            .map(|(_, key)| *key)
    }
}

fn by_name<'k>(descriptor: &'static Descriptor, keys: &'k NamedKeys<'k>) -> Keys<'k> {
    Keys { descriptor, keys }
}

/// A notification header from the `http::HeaderMap` a web framework hands
/// a handler (names match without regard to case). A missing or non-text
/// header the signature covers is [`Error::SignatureMismatch`] naming it.
pub fn required_header<'m>(
    d: &'static Descriptor,
    map: &'m http::HeaderMap,
    name: &'static str,
) -> Result<&'m str, Error> {
    optional_header(map, name).ok_or_else(|| {
        mismatch(
            d,
            format!("the notification has no text `{name}` header, which its signature covers"),
        )
    })
}

/// A notification header that may be absent (the signature itself: its
/// absence is reported by the verification).
pub fn optional_header<'m>(map: &'m http::HeaderMap, name: &str) -> Option<&'m str> {
    map.get(name).and_then(|v| v.to_str().ok())
}

/// Verifies a header-signed notification and decodes its body as `T`.
/// `headers` are (name, value as received); `target` the path of the
/// merchant's notification URL as the provider called it.
pub fn verify_headers<T: DeserializeOwned>(
    d: &'static Descriptor,
    headers: &[(&str, Option<&str>)],
    target: &str,
    raw_body: &[u8],
    keys: &NamedKeys<'_>,
) -> Result<T, Error> {
    check_headers(d, headers, target, raw_body, keys)?;
    notification::decode(d.name, raw_body)
}

/// [`verify_headers`], then refuses a notification whose signed timestamp
/// (the header carrying the recipe's `now` value) is more than `max_age`
/// from `now`, either way, with [`Error::StaleNotification`].
pub fn verify_headers_fresh<T: DeserializeOwned>(
    d: &'static Descriptor,
    headers: &[(&str, Option<&str>)],
    target: &str,
    raw_body: &[u8],
    keys: &NamedKeys<'_>,
    max_age: Duration,
    now: SystemTime,
) -> Result<T, Error> {
    // Signature first: an unsigned timestamp says nothing, and a forger
    // learns nothing from which check failed.
    check_headers(d, headers, target, raw_body, keys)?;
    let recipe = recipe_of(d)?;
    let timestamp = recipe
        .timestamp_header()
        .and_then(|name| received(headers, name))
        .ok_or_else(|| {
            mismatch(
                d,
                "the notification recipe signs no timestamp header".to_owned(),
            )
        })?;
    let fresh = payspec_signing::time::skew(timestamp, now).is_some_and(|skew| skew <= max_age);
    if !fresh {
        return Err(Error::StaleNotification {
            provider: d.name,
            timestamp: timestamp.to_owned(),
            max_age,
        });
    }
    notification::decode(d.name, raw_body)
}

fn received<'a>(headers: &[(&str, Option<&'a str>)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| *v)
}

fn check_headers(
    d: &'static Descriptor,
    headers: &[(&str, Option<&str>)],
    target: &str,
    raw_body: &[u8],
    keys: &NamedKeys<'_>,
) -> Result<(), Error> {
    let recipe = recipe_of(d)?;
    let received: Vec<(String, String)> = headers
        .iter()
        .filter_map(|(name, value)| Some(((*name).to_owned(), (*value)?.to_owned())))
        .collect();
    let credentials = by_name(d, keys);
    let mut cx = Context::new(&credentials);
    cx.headers = &received;
    let message = Message {
        method: "POST",
        target,
        query: None,
        body: raw_body,
        has_body: true,
    };
    recipe::check(d.auth, recipe, &message, &cx)
        .map_err(|e| mismatch(d, format!("notification signature: {e}")))
}

/// Checks a field-signed notification and decodes its body as `T`, in one
/// pass that types the body and reads the signed strings exactly as
/// received; nothing typed is returned before the signature matches.
///
/// A missing field or a wrong signature is [`Error::SignatureMismatch`]
/// naming the reason; a body that is not JSON is [`Error::Decode`].
pub fn verify_fields<T: DeserializeOwned>(
    d: &'static Descriptor,
    raw_body: &[u8],
    keys: &NamedKeys<'_>,
) -> Result<T, Error> {
    let recipe = recipe_of(d)?;
    let credentials = by_name(d, keys);
    let Some(names) = top_level_names(recipe) else {
        check_fields_with(d, raw_body, &credentials)?;
        return notification::decode(d.name, raw_body);
    };
    let mut fields = SignedFields::new(names.as_slice());
    match decode_watching::<T>(raw_body, &mut fields) {
        Ok(decoded) => {
            if check_fields(d, raw_body, Some(&fields), &credentials).is_err() {
                // Rejected: say why exactly as `check_fields_with` does, from
                // its own read of the body (a `T` with an unusual field type
                // might read a signed string in a way not watched).
                check_fields_with(d, raw_body, &credentials)?;
            }
            Ok(decoded)
        }
        // Not JSON, or not a `T`: the signature decides first, then the
        // error says where the body went wrong.
        Err(_) => {
            check_fields_with(d, raw_body, &credentials)?;
            notification::explain_decode_failure(d.name, raw_body)
        }
    }
}

/// Only the signature check of [`verify_fields`], with the reason it failed.
pub fn check_signed_fields(
    d: &'static Descriptor,
    raw_body: &[u8],
    keys: &NamedKeys<'_>,
) -> Result<(), Error> {
    check_fields_with(d, raw_body, &by_name(d, keys))
}

fn check_fields_with(
    d: &'static Descriptor,
    raw_body: &[u8],
    credentials: &Keys<'_>,
) -> Result<(), Error> {
    let recipe = recipe_of(d)?;
    let Some(names) = top_level_names(recipe) else {
        return check_fields(d, raw_body, None, credentials);
    };
    let fields = match SignedFields::parse(raw_body, names.as_slice()) {
        Ok(fields) => fields,
        // Explained by a full parse, so the message is the one a `Value`
        // gives (the borrowed read skips nesting without a recursion
        // limit, and would report an unclosed deep nest as an early end).
        Err(e) => {
            return Err(match notification::parse(d.name, raw_body) {
                Err(not_json) => not_json,
                Ok(_) => notification::not_json(d.name, &e),
            })
        }
    };
    check_fields(d, raw_body, Some(&fields), credentials)
}

/// Checks the signed fields read from `raw_body` (or, without them, the
/// body itself) with the notification recipe, in constant time.
fn check_fields(
    d: &'static Descriptor,
    raw_body: &[u8],
    fields: Option<&SignedFields<'_>>,
    credentials: &Keys<'_>,
) -> Result<(), Error> {
    let recipe = recipe_of(d)?;
    let mut cx = Context::new(credentials);
    cx.fields = fields.map(|f| f as &dyn BodyFields);
    let message = Message {
        method: "POST",
        target: "",
        query: None,
        body: raw_body,
        has_body: true,
    };
    recipe::check(d.auth, recipe, &message, &cx).map_err(|e| {
        // The signed fields are read without checking everything a full
        // parse checks in the members skipped (UTF-8 in strings, number
        // range). A body a full parse rejects is reported as not JSON;
        // only rejected bodies pay for that second parse.
        match notification::parse(d.name, raw_body) {
            Err(not_json) => not_json,
            Ok(_) => mismatch(d, e.to_string()),
        }
    })
}

// Exercised with DOKU's descriptor, whose notification recipe signs a
// timestamp header; the expected signature is computed here, not by the
// recipe.
#[cfg(all(test, feature = "doku"))]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use serde_json::Value;

    use super::*;

    const TARGET: &str = "/payments/notifications";
    const BODY: &[u8] = br#"{"order":{"invoice_number":"INV-1","amount":90000}}"#;
    // The docs' example timestamp, 2020-08-11T08:45:42Z, as seconds.
    const SIGNED_AT: u64 = 1_597_135_542;

    fn signature(secret: &str, timestamp: &str) -> String {
        use base64::Engine as _;
        use hmac::Mac as _;
        use sha2::Digest as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let digest = b64.encode(sha2::Sha256::digest(BODY));
        let text = format!(
            "Client-Id:BRN-0001\nRequest-Id:req-1\nRequest-Timestamp:{timestamp}\n\
             Request-Target:{TARGET}\nDigest:{digest}"
        );
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(text.as_bytes());
        format!("HMACSHA256={}", b64.encode(mac.finalize().into_bytes()))
    }

    fn verify_at(signature: &str, timestamp: &str, now: SystemTime) -> Result<Value, Error> {
        let headers = [
            ("Client-Id", Some("BRN-0001")),
            ("Request-Id", Some("req-1")),
            ("Request-Timestamp", Some(timestamp)),
            ("Signature", Some(signature)),
        ];
        verify_headers_fresh(
            &crate::doku::DESCRIPTOR,
            &headers,
            TARGET,
            BODY,
            &[("secret_key", &Secret::new("SK-merchant"))],
            DEFAULT_NOTIFICATION_MAX_AGE,
            now,
        )
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn the_timestamp_header_is_the_one_carrying_the_recipes_now_value() {
        let recipe = crate::doku::AUTH.notification.as_ref().expect("recipe");
        assert_eq!(recipe.timestamp_header(), Some("Request-Timestamp"));
    }

    #[test]
    fn a_notification_within_the_window_either_way_is_accepted() {
        let stamp = "2020-08-11T08:45:42Z";
        let sig = signature("SK-merchant", stamp);
        for now in [SIGNED_AT, SIGNED_AT + 300, SIGNED_AT - 300] {
            let body = verify_at(&sig, stamp, at(now)).expect("fresh");
            assert_eq!(body["order"]["amount"], 90000);
        }
    }

    #[test]
    fn an_old_or_future_notification_is_refused_as_stale() {
        let stamp = "2020-08-11T08:45:42Z";
        let sig = signature("SK-merchant", stamp);
        for now in [SIGNED_AT + 301, SIGNED_AT - 301, SIGNED_AT + 86_400 * 365] {
            match verify_at(&sig, stamp, at(now)) {
                Err(Error::StaleNotification {
                    provider,
                    timestamp,
                    max_age,
                }) => {
                    assert_eq!(provider, "doku");
                    assert_eq!(timestamp, stamp);
                    assert_eq!(max_age, Duration::from_secs(300));
                }
                other => panic!("now = {now}: expected StaleNotification, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_signed_timestamp_that_is_not_utc_is_refused_as_stale() {
        let stamp = "2020-08-11T15:45:42+07:00";
        let sig = signature("SK-merchant", stamp);
        let err = verify_at(&sig, stamp, at(SIGNED_AT)).unwrap_err();
        assert!(
            matches!(err, Error::StaleNotification { .. }),
            "got {err:?}"
        );
        assert!(
            err.to_string().contains("`2020-08-11T15:45:42+07:00`"),
            "{err}"
        );
    }

    #[test]
    fn the_signature_is_checked_before_the_timestamp() {
        let stamp = "2020-08-11T08:45:42Z";
        let forged = signature("SK-attacker", stamp);
        let err = verify_at(&forged, stamp, at(SIGNED_AT + 86_400)).unwrap_err();
        assert!(matches!(err, Error::SignatureMismatch(_)), "got {err:?}");
        let genuine_then = signature("SK-merchant", stamp);
        let err = verify_at(
            &genuine_then,
            "2020-08-12T08:45:42Z",
            at(SIGNED_AT + 86_400),
        )
        .unwrap_err();
        assert!(matches!(err, Error::SignatureMismatch(_)), "got {err:?}");
    }

    #[test]
    fn a_missing_signed_header_is_named() {
        let map = http::HeaderMap::new();
        let err = required_header(&crate::doku::DESCRIPTOR, &map, "Client-Id").unwrap_err();
        assert!(err.to_string().contains("`Client-Id`"), "{err}");
    }
}
