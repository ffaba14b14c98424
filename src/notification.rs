//! Shared handling of inbound notifications: decoding after the signature
//! check. The checks themselves are in [`crate::client::notify`].

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses a notification body as JSON; not JSON is a decode error at `.`.
pub(crate) fn parse(provider: &'static str, raw_body: &[u8]) -> Result<serde_json::Value, Error> {
    serde_json::from_slice(raw_body).map_err(|e| not_json(provider, &e))
}

/// The error for a notification body that is not JSON: a decode error at `.`.
pub(crate) fn not_json(provider: &'static str, error: &serde_json::Error) -> Error {
    Error::Decode {
        provider,
        operation: "notification",
        status: None,
        path: ".".to_owned(),
        message: crate::error::redact_quoted(&error.to_string()),
    }
}

/// Decodes a verified notification body, reporting the JSON path that failed.
pub(crate) fn decode<T: DeserializeOwned>(
    provider: &'static str,
    raw_body: &[u8],
) -> Result<T, Error> {
    // Typed straight from the bytes on the happy path. A failure is decoded
    // again the way it always was (through a `Value`, tracking the path), so
    // errors keep their paths and messages, and a body that only a `Value`
    // accepts (a repeated key: the last one wins) still decodes.
    if let Ok(decoded) = serde_json::from_slice(raw_body) {
        return Ok(decoded);
    }
    explain_decode_failure(provider, raw_body)
}

/// Decodes a body the fast path could not: through a `Value` (where a
/// repeated member keeps its last value), tracking the JSON path, so a
/// failure names where and why.
pub(crate) fn explain_decode_failure<T: DeserializeOwned>(
    provider: &'static str,
    raw_body: &[u8],
) -> Result<T, Error> {
    let value = parse(provider, raw_body)?;
    crate::client::decode_value(provider, "notification", None, "", value)
}
