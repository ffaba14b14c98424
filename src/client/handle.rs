//! The one client type every provider module names `Client`: validation,
//! serialisation and the request loop of [`Runtime`], then the outcome
//! read by the provider's error convention.

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::config::Config;
use super::descriptor::Spec;
use super::runtime::Runtime;
use super::{encode_request, outcome, Call, CallOptions};
use crate::error::Error;
use crate::transport::{ReqwestTransport, Transport};

/// A provider client; cheap to clone, share it.
pub struct Client<P> {
    config: Arc<Config<P>>,
    runtime: Arc<Runtime>,
}

impl<P> Clone for Client<P> {
    fn clone(&self) -> Self {
        Client {
            config: Arc::clone(&self.config),
            runtime: Arc::clone(&self.runtime),
        }
    }
}

impl<P: Spec> fmt::Debug for Client<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<P: Spec> Client<P> {
    /// A client over reqwest with the configured timeout.
    pub fn new(config: Config<P>) -> Self {
        let transport = Arc::new(ReqwestTransport::new(config.transport_timeout()));
        Self::with_transport(config, transport)
    }

    /// A client over another HTTP stack; [`Config::timeout`] is then the
    /// transport's business.
    pub fn with_transport(config: Config<P>, transport: Arc<dyn Transport>) -> Self {
        Client {
            runtime: Arc::new(config.runtime(transport)),
            config: Arc::new(config),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config<P> {
        &self.config
    }

    /// Validates, signs and sends `request` as JSON to `call`; decodes the
    /// response.
    // Low-level: what the generated endpoint methods call. Hidden from the
    // merchant-facing docs; public for them and for tooling.
    #[doc(hidden)]
    pub async fn call<Req, Resp>(&self, call: Call, request: &Req) -> Result<Resp, Error>
    where
        Req: Serialize + crate::validation::Validate,
        Resp: DeserializeOwned,
    {
        self.call_with(call, request, &CallOptions::new()).await
    }

    /// As [`Client::call`], with per-call options.
    #[doc(hidden)]
    pub async fn call_with<Req, Resp>(
        &self,
        call: Call,
        request: &Req,
        options: &CallOptions,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + crate::validation::Validate,
        Resp: DeserializeOwned,
    {
        let body = encode_request(self.runtime.provider, call.operation, request)?;
        self.execute(call, body, options).await
    }

    /// Signs and sends a call without a body (a GET, or a body-less POST).
    #[doc(hidden)]
    pub async fn call_empty<Resp: DeserializeOwned>(&self, call: Call) -> Result<Resp, Error> {
        self.call_empty_with(call, &CallOptions::new()).await
    }

    /// As [`Client::call_empty`], with per-call options.
    #[doc(hidden)]
    pub async fn call_empty_with<Resp: DeserializeOwned>(
        &self,
        call: Call,
        options: &CallOptions,
    ) -> Result<Resp, Error> {
        self.execute(call, Vec::new(), options).await
    }

    async fn execute<Resp: DeserializeOwned>(
        &self,
        call: Call,
        body: Vec<u8>,
        options: &CallOptions,
    ) -> Result<Resp, Error> {
        let exchange = self.runtime.exchange(&call, body, options).await?;
        outcome::interpret(&self.runtime, &call, &exchange)
    }
}
