//! The one error type every client call returns.
//!
//! Match on the variant to decide what to do: fix the request
//! ([`Error::Validation`]), handle the provider's answer ([`Error::Api`]),
//! treat the response or notification as hostile ([`Error::SignatureMismatch`],
//! [`Error::StaleNotification`]), retry later
//! ([`Error::Transport`], [`Error::Timeout`]), or report a contract drift
//! ([`Error::Decode`]). No variant carries a secret, a signed string that
//! contains one, or a request body.

use std::fmt;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::validation::ValidationErrors;

/// Everything a failed call can report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks the spec's rules; nothing was sent.
    #[error(transparent)]
    Validation(ValidationErrors),
    /// The provider answered and refused the request (boxed: it keeps the
    /// parsed body, and `Result<_, Error>` should stay small).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A response or notification is not signed by the provider with your
    /// key: do not trust its content.
    #[error(transparent)]
    SignatureMismatch(SignatureMismatch),
    /// A notification signed with your key whose signed timestamp is too far
    /// from this server's clock: an old notification sent again, or a clock
    /// that is off. Do not act on it.
    #[error(
        "{provider} notification: the signed timestamp `{timestamp}` is more than {} s \
         from this server's clock, or is not a UTC time; it may be an old notification sent \
         again, do not act on it (if every notification fails, check this server's clock)",
        max_age.as_secs()
    )]
    StaleNotification {
        /// Whose notification.
        provider: &'static str,
        /// The signed timestamp header as received (it is signed, so it is
        /// the provider's).
        timestamp: String,
        /// The largest distance from this server's clock allowed, either way.
        max_age: Duration,
    },
    /// The HTTP exchange failed before a complete response arrived.
    #[error(
        "{provider} {operation}: the connection failed ({message}); the request may or may not have \
         been processed, retry with the same Request-Id where the provider supports it"
    )]
    Transport {
        /// The provider called.
        provider: &'static str,
        /// The endpoint (`card_refund`).
        operation: &'static str,
        /// What the HTTP stack reported (no body, no header values).
        message: String,
    },
    /// No complete response within the configured timeout.
    #[error(
        "{provider} {operation}: no response within {after:?}; the request may have been processed, \
         retry with the same Request-Id where the provider supports it, or raise the timeout"
    )]
    Timeout {
        /// The provider called.
        provider: &'static str,
        /// The endpoint.
        operation: &'static str,
        /// The timeout that elapsed.
        after: Duration,
    },
    /// The response is not the JSON the spec describes.
    #[error(
        "{provider} {operation}: the {} does not match the spec at `{path}`: {message}; {}",
        describe_message(*.status),
        decode_hint(path)
    )]
    Decode {
        /// The provider called.
        provider: &'static str,
        /// The endpoint, or `notification`.
        operation: &'static str,
        /// The HTTP status of the response; `None` for an inbound notification.
        status: Option<u16>,
        /// JSON path of the value that failed (`refund.amount`, `.` for the root).
        path: String,
        /// What was wrong, with string values redacted.
        message: String,
    },
    /// The request could not be serialised to JSON (a custom `Serialize`
    /// failed); nothing was sent.
    #[error("{provider} {operation}: the request could not be serialised: {message}")]
    Encode {
        /// The provider called.
        provider: &'static str,
        /// The endpoint.
        operation: &'static str,
        /// The serializer's message.
        message: String,
    },
}

impl From<ValidationErrors> for Error {
    fn from(value: ValidationErrors) -> Self {
        Error::Validation(value)
    }
}

impl From<ApiError> for Error {
    fn from(value: ApiError) -> Self {
        Error::Api(Box::new(value))
    }
}

impl From<SignatureMismatch> for Error {
    fn from(value: SignatureMismatch) -> Self {
        Error::SignatureMismatch(value)
    }
}

/// The provider refused a request: its status, code and message(s).
#[derive(Clone, thiserror::Error)]
#[error("{provider} {operation}: the provider refused the request (HTTP {status}{}): {}", code_suffix(.code), message_or_hint(*.status, .message))]
pub struct ApiError {
    /// The provider called.
    pub provider: &'static str,
    /// The endpoint.
    pub operation: &'static str,
    /// The HTTP status. Some providers report failures under HTTP 200 too;
    /// the body's code is then in [`ApiError::code`].
    pub status: u16,
    /// The provider's own code, read where the spec's `error_convention`
    /// says (`error.code`, `status_code`, `responseCode`).
    pub code: Option<String>,
    /// The JSON path [`ApiError::code`] was read from, as the spec's
    /// `error_convention.code` names it.
    pub code_path: Option<std::borrow::Cow<'static, str>>,
    /// The provider's message (`error_convention.message`; English where
    /// it gives two).
    pub message: Option<String>,
    /// The message in the provider's second language
    /// (`error_convention.message_local`, e.g. Bahasa Indonesia).
    pub message_id: Option<String>,
    /// The parsed JSON error body, when the response had one.
    pub body: Option<serde_json::Value>,
}

/// What to do about a decode failure: a body that is not JSON at all is a
/// transport or routing problem, not a spec one.
fn decode_hint(path: &str) -> &'static str {
    if path == "." || path.is_empty() {
        "it is not the documented JSON at all: check the URL, proxies and what was actually sent"
    } else {
        "the provider's API may have changed, update the spec"
    }
}

fn describe_message(status: Option<u16>) -> String {
    match status {
        Some(status) => format!("HTTP {status} response"),
        None => "notification".to_owned(),
    }
}

/// The provider's message, or what its absence suggests: a 404 that carries
/// no provider message is most often a request that never reached the API
/// (a wrong base URL or environment), not a refusal.
fn message_or_hint(status: u16, message: &Option<String>) -> &str {
    match (message.as_deref(), status) {
        (Some(message), _) => message,
        (None, 404) => {
            "no message; a 404 without the provider's error message usually means the path \
             does not exist there: check the base URL and the environment (sandbox or \
             production) the client is configured with"
        }
        (None, _) => "no message",
    }
}

fn code_suffix(code: &Option<String>) -> String {
    code.as_deref()
        .map(|c| format!(", code {c}"))
        .unwrap_or_default()
}

impl ApiError {
    /// The error body as a spec type (an `errors:` body of the endpoint), or
    /// why it does not fit.
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match &self.body {
            Some(body) => T::deserialize(body),
            None => T::deserialize(serde_json::Value::Null),
        }
    }
}

// Debug leaves the body out: an error value must be safe to log whole.
impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("provider", &self.provider)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("code", &self.code)
            .field("code_path", &self.code_path)
            .field("message", &self.message)
            .field("message_id", &self.message_id)
            .field("body", &self.body.as_ref().map(|_| "<json, see body_as>"))
            .finish()
    }
}

/// A response or notification whose signature does not check out.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "{provider} {operation}: {reason}; the message may be forged or altered, do not act on it \
     (check the configured key if every message fails)"
)]
pub struct SignatureMismatch {
    /// Whose signature.
    pub provider: &'static str,
    /// The endpoint, or `notification`.
    pub operation: &'static str,
    /// What failed (missing header, missing field, mismatch); never the
    /// signed string or the key.
    pub reason: String,
}

/// Replaces every double-quoted string in a serde message with `"…"`, so a
/// decode error cannot echo a card number or a name from a response body.
/// Field and variant names, which serde quotes with backticks, survive.
pub(crate) fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_quote = false;
    for c in message.chars() {
        if c == '"' {
            if in_quote {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            in_quote = !in_quote;
        } else if !in_quote {
            out.push(c);
        }
    }
    out
}

/// The JSON path of a decode failure: where [`json_path`] places it, and,
/// when a mandatory member is missing, that member (`status_message`,
/// `order.invoice_number`): serde reports a missing field at the object that
/// lacks it, which for a top-level field is `.`, the path that otherwise
/// means "not the documented JSON at all".
pub(crate) fn failure_path(error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let at = json_path(error.path());
    let message = error.inner().to_string();
    let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field)
    else {
        return at;
    };
    if at == "." {
        field.to_owned()
    } else {
        format!("{at}.{field}")
    }
}

/// The JSON path of a decode failure, as `serde_path_to_error` prints it
/// (`payment.identifier[1].value`, `.` for the document itself), except that
/// a failure before an object's next key is placed at that object instead of
/// at the unnamed `?` member: a body cut off before its closing `}` fails
/// at `.`, not at `?`.
pub(crate) fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let known = segments
        .iter()
        .rposition(|segment| !matches!(segment, Segment::Unknown))
        .map_or(0, |last| last + 1);
    if known == 0 {
        return ".".to_owned();
    }
    let mut out = String::new();
    for (i, segment) in segments[..known].iter().enumerate() {
        if i > 0 && !matches!(segment, Segment::Seq { .. }) {
            out.push('.');
        }
        out.push_str(&segment.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Outer {
        #[serde(rename = "inner")]
        _inner: Inner,
        #[serde(rename = "items")]
        _items: Vec<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Inner {
        #[serde(rename = "amount")]
        _amount: u64,
    }

    fn failing_path(body: &str) -> String {
        let mut de = serde_json::Deserializer::from_str(body);
        let error = serde_path_to_error::deserialize::<_, Outer>(&mut de).unwrap_err();
        failure_path(&error)
    }

    #[test]
    fn a_missing_member_is_named_as_the_path() {
        assert_eq!(failing_path(r#"{"items":[]}"#), "inner");
        assert_eq!(failing_path(r#"{"inner":{},"items":[]}"#), "inner.amount");
        assert_eq!(
            failing_path(r#"{"inner":{"amount":1},"items":[{}]}"#),
            "items[0].amount"
        );
    }

    #[test]
    fn only_a_body_that_is_not_the_documented_json_gets_the_routing_hint() {
        let decode = |path: &str| Error::Decode {
            provider: "midtrans",
            operation: "notification",
            status: None,
            path: path.to_owned(),
            message: "missing field `status_message`".to_owned(),
        };
        let missing = decode("status_message").to_string();
        assert!(missing.contains("at `status_message`"), "{missing}");
        assert!(!missing.contains("check the URL"), "{missing}");
        assert!(decode(".").to_string().contains("check the URL"));
    }

    #[test]
    fn json_path_names_the_object_a_body_was_cut_off_in() {
        // Cut before the document's closing brace: serde_path_to_error says `?`.
        assert_eq!(failing_path(r#"{"inner":{"amount":1},"items":[]"#), ".");
        // Cut before a nested object's closing brace.
        assert_eq!(failing_path(r#"{"inner":{"amount":1"#), "inner");
        assert_eq!(
            failing_path(r#"{"items":[{"amount":1},{"amount":2"#),
            "items[1]"
        );
    }

    #[test]
    fn json_path_keeps_named_segments_as_serde_path_to_error_prints_them() {
        assert_eq!(
            failing_path(r#"{"items":[{"amount":1},{"amount":"x"}]}"#),
            "items[1].amount"
        );
        assert_eq!(
            failing_path(r#"{"inner":{"amount":-1},"items":[]}"#),
            "inner.amount"
        );
        assert_eq!(failing_path("[]"), ".");
    }

    #[test]
    fn redacts_quoted_values_but_keeps_names() {
        assert_eq!(
            redact_quoted(r#"invalid type: string "4111111111111111", expected u64 at `amount`"#),
            r#"invalid type: string "…", expected u64 at `amount`"#
        );
    }

    #[test]
    fn a_404_without_a_provider_message_suggests_the_base_url() {
        let err = |status, message: Option<&str>| ApiError {
            provider: "midtrans",
            operation: "cancel",
            status,
            code: None,
            code_path: None,
            message: message.map(str::to_owned),
            message_id: None,
            body: None,
        };
        let not_found = err(404, None).to_string();
        assert!(not_found.contains("check the base URL"), "{not_found}");
        assert!(!err(404, Some("Transaction doesn't exist."))
            .to_string()
            .contains("base URL"));
        assert!(err(500, None).to_string().ends_with("): no message"));
    }

    #[test]
    fn api_error_debug_omits_the_body() {
        let err = ApiError {
            provider: "doku",
            operation: "card_refund",
            status: 400,
            code: Some("PAYMENT_FAILED".into()),
            code_path: Some("error.code".into()),
            message: Some("Total Refund amount is Bigger than Original Transaction".into()),
            message_id: None,
            body: Some(serde_json::json!({"card": "4111111111111111"})),
        };
        let debug = format!("{err:?}");
        assert!(!debug.contains("4111"), "{debug}");
        assert_eq!(
            err.to_string(),
            "doku card_refund: the provider refused the request (HTTP 400, code PAYMENT_FAILED): \
             Total Refund amount is Bigger than Original Transaction"
        );
    }
}
