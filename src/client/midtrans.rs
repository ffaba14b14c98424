//! The Midtrans Core API client.
//!
//! Authentication is HTTP Basic with the server key as user name. Midtrans
//! reports failures in the body's `status_code` even under HTTP 200 (412
//! "Merchant cannot modify the status of the transaction", 404, 401): any
//! `status_code` outside 2xx becomes [`Error::Api`] with that code and
//! `status_message`, whatever the HTTP status.
//!
//! # Example
//!
//! The generated `payspec::midtrans` module adds one method per endpoint
//! and a `verify` constructor per notification type:
//!
//! ```no_run
//! use payspec::midtrans::{verify_cancel_notification, Client, Config, TransactionRef};
//! use payspec::{Error, Secret};
//!
//! # async fn run(raw_body: &[u8]) -> Result<(), Error> {
//! let server_key = Secret::new("SB-Mid-server-your-key");
//! let mt = Client::new(Config::sandbox(server_key.clone()));
//! match mt.cancel(TransactionRef::OrderId("ORDER-1".into())).await {
//!     Ok(cancelled) => println!("{:?}", cancelled.transaction_status),
//!     Err(Error::Api(api)) if api.code.as_deref() == Some("412") => println!("already settled: refund instead"),
//!     Err(other) => return Err(other),
//! }
//!
//! // In the notification handler: check signature_key, then decode.
//! let note = verify_cancel_notification(raw_body, &server_key)?;
//! println!("{:?}", note.transaction_status);
//! # Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use payspec_signing::recipe::{self, Context, Credentials, Message};

use super::fields::{decode_watching, top_level_names, SignedFields};
use super::runtime::Runtime;
use super::{decode_json, encode_path_segment, encode_request, Call, CallOptions};
use crate::error::{ApiError, Error, Provider, SignatureMismatch};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::transport::{HttpResponse, ReqwestTransport, Transport};

const PROVIDER: Provider = Provider::Midtrans;

/// Where and as whom to call Midtrans.
#[derive(Debug, Clone)]
pub struct Config {
    base_url: String,
    server_key: Secret,
    timeout: Duration,
}

impl Config {
    /// A configuration for any base URL (a proxy, a test server). The
    /// documented URLs come from the spec: `payspec::midtrans::Config::sandbox`
    /// and `::production`.
    pub fn new(base_url: impl Into<String>, server_key: impl Into<Secret>) -> Self {
        Config {
            base_url: base_url.into(),
            server_key: server_key.into(),
            timeout: ReqwestTransport::DEFAULT_TIMEOUT,
        }
    }

    /// The whole-exchange timeout of the default transport (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn runtime(&self, transport: Arc<dyn Transport>) -> Runtime {
        let scheme = &crate::midtrans::AUTH;
        Runtime {
            provider: PROVIDER,
            scheme,
            credentials: super::credentials_in_order(scheme, [self.server_key.clone()]),
            base_url: self.base_url.clone(),
            retry: RetryPolicy::none(),
            verify_responses: true,
            transport,
            fixed_now: None,
        }
    }
}

/// Which transaction an operation applies to: Midtrans accepts either id in
/// the same path position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransactionRef {
    /// The merchant's `order_id`.
    OrderId(String),
    /// Midtrans' `transaction_id`.
    TransactionId(String),
}

impl TransactionRef {
    /// The id as given.
    pub fn as_str(&self) -> &str {
        match self {
            TransactionRef::OrderId(id) | TransactionRef::TransactionId(id) => id,
        }
    }
}

impl super::PathParam for TransactionRef {
    fn path_segment(&self) -> String {
        encode_path_segment(self.as_str())
    }
}

/// A Midtrans client; cheap to clone, share it.
#[derive(Clone)]
pub struct Client {
    config: Arc<Config>,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("midtrans::Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client over reqwest with the configured timeout.
    pub fn new(config: Config) -> Self {
        let transport = Arc::new(ReqwestTransport::new(config.timeout));
        Self::with_transport(config, transport)
    }

    /// A client over another HTTP stack.
    pub fn with_transport(config: Config, transport: Arc<dyn Transport>) -> Self {
        Client {
            runtime: Arc::new(config.runtime(transport)),
            config: Arc::new(config),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Validates and sends `request` as JSON to `call`; decodes the response.
    // Low-level: what the generated endpoint methods call. Hidden from the
    // merchant-facing docs; public for them and for tooling.
    #[doc(hidden)]
    pub async fn call<Req, Resp>(&self, call: Call, request: &Req) -> Result<Resp, Error>
    where
        Req: Serialize + crate::validation::Validate,
        Resp: DeserializeOwned,
    {
        let body = encode_request(PROVIDER, call.operation, request)?;
        self.execute(call, body).await
    }

    /// Sends a call without a body (Midtrans' `POST /v2/{id}/cancel`).
    // Low-level: what the generated endpoint methods call. Hidden from the
    // merchant-facing docs; public for them and for tooling.
    #[doc(hidden)]
    pub async fn call_empty<Resp: DeserializeOwned>(&self, call: Call) -> Result<Resp, Error> {
        self.execute(call, Vec::new()).await
    }

    async fn execute<Resp: DeserializeOwned>(
        &self,
        call: Call,
        body: Vec<u8>,
    ) -> Result<Resp, Error> {
        let exchange = self
            .runtime
            .exchange(&call, body, &CallOptions::new())
            .await?;
        interpret(call.operation, exchange.response)
    }
}

/// Maps a response: `status_code` in the body decides, not only HTTP.
fn interpret<Resp: DeserializeOwned>(
    operation: &'static str,
    response: HttpResponse,
) -> Result<Resp, Error> {
    let http_ok = (200..300).contains(&response.status);
    let body: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
    let status_code =
        body.as_ref()
            .and_then(|b| b.get("status_code"))
            .and_then(|code| match code {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
    let body_ok = status_code
        .as_deref()
        .map_or(true, |code| code.starts_with('2') && code.len() == 3);
    if http_ok && body_ok {
        return decode_json(PROVIDER, operation, response.status, &response.body);
    }
    let message = body
        .as_ref()
        .and_then(|b| b.get("status_message"))
        .and_then(|m| m.as_str())
        .map(str::to_owned);
    Err(Error::from(ApiError {
        provider: PROVIDER,
        operation,
        status: response.status,
        code: status_code,
        message,
        message_id: None,
        body,
    }))
}

/// Inbound Midtrans HTTP notifications.
#[derive(Debug, Clone, Copy)]
pub struct Notification;

impl Notification {
    /// Checks a notification's `signature_key` with the spec's notification
    /// recipe (SHA-512 of `order_id + status_code + gross_amount + server
    /// key`, over the strings exactly as received) and decodes the body as `T`.
    ///
    /// A missing field or a wrong signature is [`Error::SignatureMismatch`]
    /// naming the reason; a body that is not JSON is [`Error::Decode`].
    ///
    /// A valid signature proves origin, not freshness: a resent notification
    /// verifies again, and since Midtrans signs no timestamp or nonce no
    /// check like DOKU's `verify_fresh` can tell. Process each one once
    /// (remember the `order_id` and `transaction_status` you handled).
    pub fn verify<T: DeserializeOwned>(
        raw_body: impl AsRef<[u8]>,
        server_key: &Secret,
    ) -> Result<T, Error> {
        let raw_body = raw_body.as_ref();
        let recipe = notification_recipe()?;
        let Some(names) = top_level_names(recipe) else {
            Self::check(raw_body, server_key)?;
            return crate::notification::decode(PROVIDER, raw_body);
        };
        // One pass types the body and reads the signed strings; nothing
        // typed is returned before the signature matches.
        let mut fields = SignedFields::new(&names);
        match decode_watching::<T>(raw_body, &mut fields) {
            Ok(decoded) => {
                if check_fields(raw_body, Some(&fields), server_key).is_err() {
                    // Rejected: say why exactly as `check` does, from its own
                    // read of the body (a `T` with an unusual field type
                    // might read a signed string in a way not watched).
                    Self::check(raw_body, server_key)?;
                }
                Ok(decoded)
            }
            // Not JSON, or not a `T`: the signature decides first, as it
            // always has, then the error says where the body went wrong.
            Err(_) => {
                Self::check(raw_body, server_key)?;
                crate::notification::explain_decode_failure(PROVIDER, raw_body)
            }
        }
    }

    /// Only the signature check of [`Notification::verify`], with the reason
    /// it failed (for `payspec verify midtrans-notification`).
    pub fn check(raw_body: &[u8], server_key: &Secret) -> Result<(), Error> {
        let recipe = notification_recipe()?;
        let Some(names) = top_level_names(recipe) else {
            return check_fields(raw_body, None, server_key);
        };
        let fields = match SignedFields::parse(raw_body, &names) {
            Ok(fields) => fields,
            // Explained by a full parse, so the message is the one a
            // `Value` gives (the borrowed read skips nesting without a
            // recursion limit, and would report an unclosed deep nest as
            // an early end instead).
            Err(e) => {
                return Err(match crate::notification::parse(PROVIDER, raw_body) {
                    Err(not_json) => not_json,
                    Ok(_) => crate::notification::not_json(PROVIDER, &e),
                })
            }
        };
        check_fields(raw_body, Some(&fields), server_key)
    }
}

fn notification_recipe() -> Result<&'static recipe::Recipe, Error> {
    crate::midtrans::AUTH.notification.as_ref().ok_or_else(|| {
        Error::SignatureMismatch(SignatureMismatch {
            provider: PROVIDER,
            operation: "notification",
            reason: "the spec declares no notification recipe".to_owned(),
        })
    })
}

/// Checks the signed fields read from `raw_body` (or, without them, the
/// body itself) with the notification recipe, in constant time.
fn check_fields(
    raw_body: &[u8],
    fields: Option<&SignedFields<'_>>,
    server_key: &Secret,
) -> Result<(), Error> {
    let scheme = &crate::midtrans::AUTH;
    let recipe = notification_recipe()?;
    let credentials: Credentials = super::credentials_in_order(scheme, [server_key.clone()]);
    let pairs = fields.map(SignedFields::pairs);
    let mut cx = Context::new(&credentials);
    cx.fields = pairs.as_deref();
    let message = Message {
        method: "POST",
        target: "",
        query: None,
        body: raw_body,
        has_body: true,
    };
    recipe::verify(scheme, recipe, &message, &cx)
        .map(drop)
        .map_err(|e| {
            // The signed fields are read without checking everything a full
            // parse checks in the members skipped (UTF-8 in strings, number
            // range). A body a full parse rejects is reported as not JSON, as
            // it was when the signature was read from a `Value`; only
            // rejected bodies pay for that second parse.
            match crate::notification::parse(PROVIDER, raw_body) {
                Err(not_json) => not_json,
                Ok(_) => Error::SignatureMismatch(SignatureMismatch {
                    provider: PROVIDER,
                    operation: "notification",
                    reason: e.to_string(),
                }),
            }
        })
}
