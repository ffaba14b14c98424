//! A table of every endpoint and notification, for tooling that works
//! across endpoints without naming their types: the sandbox server checks
//! incoming bodies with it, and tests walk it to cover every endpoint.
//!
//! Each generated provider module has a `pub const ENDPOINTS: &[EndpointInfo]`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::transport::Method;
use crate::validation::{Validate, ValidationErrors};

/// Why a body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyRejection {
    /// Not JSON, or JSON that does not fit the type; `path` is where it failed.
    Malformed {
        /// JSON path of the failure (`.` for the root).
        path: String,
        /// What serde said, with quoted values removed so no card data leaks.
        message: String,
    },
    /// Well-formed, but breaks the spec's field checks or rules.
    Invalid(ValidationErrors),
}

impl std::fmt::Display for BodyRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyRejection::Malformed { path, message } => {
                write!(f, "malformed body at {path}: {message}")
            }
            BodyRejection::Invalid(errors) => errors.fmt(f),
        }
    }
}

impl std::error::Error for BodyRejection {}

/// A type-erased body check: [`decode`] or [`check`] for one generated
/// type, returning the body as that type keeps it.
pub type BodyFn = fn(&[u8]) -> Result<Value, BodyRejection>;

/// One endpoint (merchant → provider) or notification (provider → merchant).
#[derive(Debug, Clone, Copy)]
pub struct EndpointInfo {
    /// Provider module name (`doku`).
    pub provider: &'static str,
    /// Spec name, also the client method name (`card_refund`).
    pub name: &'static str,
    /// Whether the provider or the merchant receives it.
    pub kind: EndpointKind,
    /// HTTP method; `None` for notifications (the provider's choice).
    pub method: Option<Method>,
    /// Path with `{param}` placeholders; `None` for notifications.
    pub path: Option<&'static str>,
    /// Checks a request (or notification) body: decode, then validate.
    pub request: Option<BodyFn>,
    /// Decoders of the documented responses, by HTTP status.
    pub responses: &'static [(u16, BodyFn)],
    /// Decoders of the documented error bodies, by spec name.
    pub errors: &'static [(&'static str, BodyFn)],
}

/// Which side receives the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointKind {
    /// The merchant calls the provider.
    Endpoint,
    /// The provider calls the merchant.
    Notification,
}

/// Decodes `body` as `T`, returning its canonical JSON (what `T` keeps).
pub fn decode<T: DeserializeOwned + Serialize>(body: &[u8]) -> Result<Value, BodyRejection> {
    to_json(&parse::<T>(body)?)
}

/// Decodes `body` as `T` and validates it against the spec's checks and rules.
pub fn check<T: DeserializeOwned + Serialize + Validate>(
    body: &[u8],
) -> Result<Value, BodyRejection> {
    let value = parse::<T>(body)?;
    value.validate().map_err(BodyRejection::Invalid)?;
    to_json(&value)
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyRejection> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value =
        serde_path_to_error::deserialize(&mut de).map_err(|e| BodyRejection::Malformed {
            path: e.path().to_string(),
            message: crate::error::redact_quoted(&e.inner().to_string()),
        })?;
    // Trailing bytes after the JSON value are as malformed as a truncation.
    de.end().map_err(|e| BodyRejection::Malformed {
        path: ".".to_owned(),
        message: e.to_string(),
    })?;
    Ok(value)
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, BodyRejection> {
    serde_json::to_value(value).map_err(|e| BodyRejection::Malformed {
        path: ".".to_owned(),
        message: e.to_string(),
    })
}
