//! The biller partner API client.
//!
//! Every request carries `KEY` (the partner API key), `TOKEN` (an HS256 JWT
//! whose claims are the JSON body exactly as sent, or `{}` without a body:
//! the spec's request recipe, [`crate::biller::AUTH`]) and `VERSION: 2.0`. Responses
//! come in an envelope `{responseCode, success, message: {ID, EN}, data}`:
//! `success: true` yields `data` decoded as the endpoint's type, anything
//! else [`Error::Api`] with `responseCode` and both messages.
//!
//! The docs give no base URL (`{api-url}`), so there are no `sandbox()` or
//! `production()` constructors: use [`Config::new`] with the URL the biller
//! gave you.
//!
//! # Example
//!
//! The generated `payspec::biller` module adds one method per endpoint:
//!
//! ```no_run
//! use payspec::biller::bill::BillCancelRequest;
//! use payspec::biller::{Client, Config};
//!
//! # async fn run() -> Result<(), payspec::Error> {
//! let biller = Client::new(Config::new("https://biller.example.com", "partner-api-key", "token-secret"));
//! let request = BillCancelRequest::new("ayopop", "43554", "5324354");
//! // `data` of a successful envelope (`None` for `data: null`);
//! // `Error::Api` with responseCode otherwise.
//! if let Some(data) = biller.bill_cancel(&request).await? {
//!     println!("{:?}", data.ref_number);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::runtime::Runtime;
use super::{decode_json, decode_value, encode_request, Call, CallOptions};
use crate::error::{ApiError, Error, Provider};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::transport::{HttpResponse, ReqwestTransport, Transport};

const PROVIDER: Provider = Provider::Biller;

/// Where and as whom to call the biller.
#[derive(Debug, Clone)]
pub struct Config {
    base_url: String,
    api_key: Secret,
    token_secret: Secret,
    timeout: Duration,
}

impl Config {
    /// A configuration: `api_key` goes in the `KEY` header, `token_secret`
    /// signs the `TOKEN` JWT.
    pub fn new(
        base_url: impl Into<String>,
        api_key: impl Into<Secret>,
        token_secret: impl Into<Secret>,
    ) -> Self {
        Config {
            base_url: base_url.into(),
            api_key: api_key.into(),
            token_secret: token_secret.into(),
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
        let scheme = &crate::biller::AUTH;
        Runtime {
            provider: PROVIDER,
            scheme,
            credentials: super::credentials_in_order(
                scheme,
                [self.api_key.clone(), self.token_secret.clone()],
            ),
            base_url: self.base_url.clone(),
            retry: RetryPolicy::none(),
            verify_responses: true,
            transport,
            fixed_now: None,
        }
    }
}

/// A biller client; cheap to clone, share it.
#[derive(Clone)]
pub struct Client {
    config: Arc<Config>,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("biller::Client")
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

    /// Validates, tokenises and sends `request`; returns the envelope's
    /// `data` decoded as `Resp`.
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

    /// Sends a call without a body; the token's claims are then what the
    /// recipe gives an empty body (`{}`).
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

/// The response envelope every biller endpoint shares.
#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(rename = "responseCode")]
    response_code: i64,
    success: bool,
    #[serde(default)]
    message: Option<Messages>,
    #[serde(default)]
    data: serde_json::Value,
}

/// The envelope's message in Bahasa Indonesia and English.
#[derive(Debug, Deserialize)]
struct Messages {
    #[serde(rename = "ID", default)]
    id: Option<String>,
    #[serde(rename = "EN", default)]
    en: Option<String>,
}

fn interpret<Resp: DeserializeOwned>(
    operation: &'static str,
    response: HttpResponse,
) -> Result<Resp, Error> {
    let http_ok = (200..300).contains(&response.status);
    let envelope: Envelope = match decode_json(PROVIDER, operation, response.status, &response.body)
    {
        Ok(envelope) => envelope,
        // A non-2xx answer without an envelope (a gateway page) is still
        // the provider refusing; a 2xx one is a contract break.
        Err(_) if !http_ok => {
            return Err(Error::from(ApiError {
                provider: PROVIDER,
                operation,
                status: response.status,
                code: None,
                message: None,
                message_id: None,
                body: serde_json::from_slice(&response.body).ok(),
            }))
        }
        Err(error) => return Err(error),
    };
    if http_ok && envelope.success {
        return decode_value(
            PROVIDER,
            operation,
            Some(response.status),
            "data",
            envelope.data,
        );
    }
    let (message_id, message) = envelope
        .message
        .map(|m| (m.id, m.en))
        .unwrap_or((None, None));
    Err(Error::from(ApiError {
        provider: PROVIDER,
        operation,
        status: response.status,
        code: Some(envelope.response_code.to_string()),
        message,
        message_id,
        body: serde_json::from_slice(&response.body).ok(),
    }))
}
