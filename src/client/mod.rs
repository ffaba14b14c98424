//! The provider-independent runtime behind the generated clients.
//!
//! # Contract for the emitter
//!
//! What distinguishes one provider from another is generated data: each
//! provider module carries its recipes (`pub static AUTH:
//! crate::recipe::Scheme`) and a [`Descriptor`] (its name, those recipes,
//! its error convention and idempotency, `pub static DESCRIPTOR`), a marker type that
//! implements [`Spec`] by returning it, and aliases of the one runtime
//! client over that marker:
//!
//! ```text
//! pub mod midtrans {
//!     pub use crate::client::{CallOptions, ResponseVerification};
//!     pub static AUTH: crate::recipe::Scheme = …;
//!     pub static DESCRIPTOR: crate::client::Descriptor = crate::client::Descriptor {
//!         name: "midtrans", auth: &AUTH, call_headers: &[…],
//!         retry: Some(crate::client::Idempotency { … }), errors: crate::convention::ErrorConvention { … },
//!     };
//!     pub struct Midtrans;
//!     impl crate::client::Spec for Midtrans {
//!         fn descriptor() -> &'static crate::client::Descriptor { &DESCRIPTOR }
//!     }
//!     pub type Client = crate::client::Client<Midtrans>;
//!     pub type Config = crate::client::Config<Midtrans>;
//!     impl Config {
//!         // The spec's credentials, in declaration order.
//!         pub fn new(base_url: impl Into<String>, server_key: impl Into<crate::Secret>) -> Self {
//!             Self::with_credentials(base_url, Vec::from([server_key.into()]))
//!         }
//!     }
//!     impl Client {
//!         /// Cancel a transaction. `POST /v2/{id}/cancel`
//!         pub async fn cancel(&self, id: impl crate::client::PathParam)
//!             -> Result<core::CancelResponse, crate::Error> {
//!             let id_segment = crate::client::PathParam::path_segment(&id);
//!             self.call_empty(crate::client::Call::post("cancel", format!("/v2/{id_segment}/cancel"))).await
//!         }
//!     }
//! }
//! ```
//!
//! Every client signs, retries and verifies through one loop (the private
//! `runtime` module) that runs the recipes, and reads every response with
//! the descriptor's error convention (`outcome`), so nothing here names a
//! provider. Notifications are verified by [`notify`], which the generated
//! `Notification` type wraps in the shape its recipe calls for.
//!
//! The runtime entry points of [`Client`]:
//!
//! | method | use |
//! | --- | --- |
//! | `call(&self, Call, &Req) -> Result<Resp, Error>` | a JSON body (`Req: Serialize + Validate`, `Resp: DeserializeOwned`) |
//! | `call_empty(&self, Call) -> Result<Resp, Error>` | no body (GET, or a body-less POST) |
//! | `call_with` / `call_empty_with(…, &CallOptions)` | per-call options (a caller-chosen request id, optional headers) |
//!
//! Path parameters: generated methods take one `impl` [`PathParam`] per
//! parameter (`&str`, `String`, a generated `path_refs:` type), insert its
//! percent-encoded [`PathParam::path_segment`] and pass the finished path to
//! [`Call::post`] / [`Call::get`], which take a `&'static str` or a
//! `String`. Environments come from the spec only: the runtime has no base
//! URL of its own; the generated module adds `Config::sandbox`-style
//! constructors (one per spec environment) and `Config::for_environment`.

mod config;
mod descriptor;
mod fields;
mod handle;
pub mod notify;
mod outcome;
pub(crate) mod runtime;
mod token;

pub use config::{Config, ResponseVerification};
pub use descriptor::{Descriptor, Spec};
pub use handle::Client;
// Named by the generated `DESCRIPTOR`s (`retry:` in the spec).
pub use crate::retry::{Idempotency, IdempotencyKey};

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{failure_path, redact_quoted, Error};
use crate::transport::{Method, Transport, TransportError, TransportErrorKind};

/// One endpoint: its name (for logs and errors), method and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The endpoint's spec name (`card_refund`).
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path below the base URL, path parameters already encoded.
    pub path: Cow<'static, str>,
    /// Request headers the spec gives a fixed value (`value:` in
    /// `request_headers`), sent with every call.
    pub fixed_headers: Vec<(&'static str, &'static str)>,
    /// Body codes that mean success for this endpoint, replacing the
    /// provider's (`success_codes:` of the endpoint).
    pub success_codes: Option<&'static [&'static str]>,
}

/// A request header the provider accepts per call if the caller sends it
/// (`call_headers:` in the spec), with the limits its docs give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionalHeader {
    /// The wire name (`Idempotency-Key`).
    pub name: &'static str,
    /// The methods of the endpoints that take it; all when empty.
    pub methods: &'static [Method],
    /// The most characters the whole value may have, if documented.
    pub max_len: Option<usize>,
    /// When the value is a list: its separator and the most items allowed.
    pub list: Option<HeaderList>,
}

/// The list shape of an [`OptionalHeader`] value (URLs separated by `,`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderList {
    /// What separates the items.
    pub separator: char,
    /// The most items allowed.
    pub max_items: usize,
    /// The most characters one item may have, if documented.
    pub item_max_len: Option<usize>,
}

impl Call {
    /// An endpoint with any method.
    pub fn new(
        operation: &'static str,
        method: Method,
        path: impl Into<Cow<'static, str>>,
    ) -> Self {
        Call {
            operation,
            method,
            path: path.into(),
            fixed_headers: Vec::new(),
            success_codes: None,
        }
    }

    /// A `POST` endpoint.
    pub fn post(operation: &'static str, path: impl Into<Cow<'static, str>>) -> Self {
        Call::new(operation, Method::Post, path)
    }

    /// A `GET` endpoint.
    pub fn get(operation: &'static str, path: impl Into<Cow<'static, str>>) -> Self {
        Call::new(operation, Method::Get, path)
    }

    /// A header sent with exactly this value on every request of the call.
    pub fn fixed_header(mut self, name: &'static str, value: &'static str) -> Self {
        self.fixed_headers.push((name, value));
        self
    }

    /// Body codes that mean success for this call, replacing the provider's.
    pub fn success_codes(mut self, codes: &'static [&'static str]) -> Self {
        self.success_codes = Some(codes);
        self
    }
}

/// Per-call choices a caller may make.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// The request id to send, where the provider's request recipe
    /// generates one (DOKU's `Request-Id`: at most 128 printable ASCII
    /// characters). Supply the one you stored to repeat a request safely
    /// after a crash; by default a fresh UUID v4 is generated.
    pub request_id: Option<String>,
    /// Optional headers to send, by wire name (an `Idempotency-Key`); each
    /// must be one the call declares and within its documented limits, or
    /// the call fails with [`Error::Validation`] before anything is sent.
    pub headers: Vec<(String, String)>,
}

impl CallOptions {
    /// No options: a generated Request-Id.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `request_id` as the request id (DOKU's `Request-Id`).
    pub fn request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sends the optional header `name` (one of the call's
    /// `call_headers:`) with `value` on every attempt of the call.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A value that fills one `{param}` of an endpoint path. Generated
/// endpoint methods take `impl PathParam` per path parameter and insert its
/// [`PathParam::path_segment`], so an id is always percent-encoded and a
/// reference type the spec declares (`path_refs:`, generated) works
/// wherever a plain id does.
pub trait PathParam {
    /// The value as one percent-encoded path segment.
    fn path_segment(&self) -> String;
}

impl PathParam for str {
    fn path_segment(&self) -> String {
        encode_path_segment(self)
    }
}

impl PathParam for String {
    fn path_segment(&self) -> String {
        encode_path_segment(self)
    }
}

impl<T: PathParam + ?Sized> PathParam for &T {
    fn path_segment(&self) -> String {
        (**self).path_segment()
    }
}

/// Percent-encodes one path segment (the encoding the signed request
/// target and the sandbox share).
pub use payspec_signing::encode_path_segment;

/// `base` + `path` with exactly one `/` between them.
pub(crate) fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// Validates then serialises a request, once.
pub(crate) fn encode_request<Req>(
    provider: &'static str,
    operation: &'static str,
    request: &Req,
) -> Result<Vec<u8>, Error>
where
    Req: Serialize + crate::validation::Validate,
{
    request.validate()?;
    serde_json::to_vec(request).map_err(|e| Error::Encode {
        provider,
        operation,
        message: e.to_string(),
    })
}

/// Decodes a response body, reporting the JSON path that failed.
pub(crate) fn decode_json<T: DeserializeOwned>(
    provider: &'static str,
    operation: &'static str,
    status: u16,
    body: &[u8],
) -> Result<T, Error> {
    // Plain serde first: tracking the path costs about as much as decoding,
    // and only a failure needs it, so a failure is decoded a second time.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut de)
        .map_err(|e| decode_error(provider, operation, Some(status), "", e))
}

/// Decodes a JSON value already parsed (the biller's `data`), with `prefix`
/// prepended to the failing path.
pub(crate) fn decode_value<T: DeserializeOwned>(
    provider: &'static str,
    operation: &'static str,
    status: Option<u16>,
    prefix: &str,
    value: serde_json::Value,
) -> Result<T, Error> {
    // As in `decode_json`: the path is only tracked to explain a failure.
    if let Ok(decoded) = T::deserialize(&value) {
        return Ok(decoded);
    }
    serde_path_to_error::deserialize(value)
        .map_err(|e| decode_error(provider, operation, status, prefix, e))
}

fn decode_error(
    provider: &'static str,
    operation: &'static str,
    status: Option<u16>,
    prefix: &str,
    error: serde_path_to_error::Error<serde_json::Error>,
) -> Error {
    let inner = failure_path(&error);
    let path = match (prefix.is_empty(), inner.as_str()) {
        (true, inner) => inner.to_owned(),
        (false, ".") => prefix.to_owned(),
        (false, inner) => format!("{prefix}.{inner}"),
    };
    Error::Decode {
        provider,
        operation,
        status,
        path,
        message: redact_quoted(&error.into_inner().to_string()),
    }
}

/// Turns a transport failure into [`Error::Timeout`] or [`Error::Transport`].
pub(crate) fn transport_error(
    provider: &'static str,
    operation: &'static str,
    transport: &dyn Transport,
    error: TransportError,
) -> Error {
    match (error.kind, transport.timeout()) {
        (TransportErrorKind::Timeout, Some(after)) => Error::Timeout {
            provider,
            operation,
            after,
        },
        (TransportErrorKind::Timeout, None) => Error::Timeout {
            provider,
            operation,
            after: std::time::Duration::ZERO,
        },
        _ => Error::Transport {
            provider,
            operation,
            message: error.message,
        },
    }
}

/// The credentials of `scheme` from `values` given in its declaration
/// order (the order of the `Config` constructor's arguments).
pub(crate) fn credentials_in_order(
    scheme: &payspec_signing::recipe::Scheme,
    values: impl IntoIterator<Item = crate::Secret>,
) -> payspec_signing::recipe::Credentials {
    let mut credentials = payspec_signing::recipe::Credentials::new();
    for (decl, value) in scheme.credentials.iter().zip(values) {
        credentials.insert(decl.name.clone(), value);
    }
    credentials
}

/// The header list every JSON call starts with.
pub(crate) fn json_headers(call: &Call) -> Vec<(String, String)> {
    let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
    if call.method != Method::Get {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    headers.extend(
        call.fixed_headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned())),
    );
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path_segment("ORDER-1_a.b~c"), "ORDER-1_a.b~c");
        assert_eq!(encode_path_segment("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
        assert_eq!(encode_path_segment("pesanan-ü"), "pesanan-%C3%BC");
    }

    #[test]
    fn path_params_encode_whatever_their_type() {
        assert_eq!("a/b".path_segment(), "a%2Fb");
        assert_eq!(String::from("a b").path_segment(), "a%20b");
        fn through_ref(param: impl PathParam) -> String {
            param.path_segment()
        }
        assert_eq!(through_ref("x?"), "x%3F");
        let owned = String::from("t#1");
        assert_eq!(through_ref(&owned), "t%231");
    }

    #[test]
    fn urls_join_with_one_slash() {
        assert_eq!(
            join_url("https://api.doku.com/", "/checkout"),
            "https://api.doku.com/checkout"
        );
        assert_eq!(
            join_url("http://127.0.0.1:1/proxy", "v2/x/cancel"),
            "http://127.0.0.1:1/proxy/v2/x/cancel"
        );
    }
}
