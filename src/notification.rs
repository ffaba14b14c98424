//! Shared handling of inbound notifications: decoding after the signature
//! check. The checks themselves live with each client
//! ([`crate::client::doku::Notification`], [`crate::client::midtrans::Notification`]).

use serde::de::DeserializeOwned;

use crate::error::{Error, Provider};

/// Parses a notification body as JSON; not JSON is a decode error at `.`.
pub(crate) fn parse(provider: Provider, raw_body: &[u8]) -> Result<serde_json::Value, Error> {
    serde_json::from_slice(raw_body).map_err(|e| Error::Decode {
        provider,
        operation: "notification",
        status: None,
        path: ".".to_owned(),
        message: crate::error::redact_quoted(&e.to_string()),
    })
}

/// Decodes a verified notification body, reporting the JSON path that failed.
pub(crate) fn decode<T: DeserializeOwned>(provider: Provider, raw_body: &[u8]) -> Result<T, Error> {
    let value = parse(provider, raw_body)?;
    crate::client::decode_value(provider, "notification", None, "", value)
}
