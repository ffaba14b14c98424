//! A client's configuration: base URL, credentials in the order the spec
//! declares them, timeout, retries and response verification. The
//! generated module adds `new` and one constructor per spec environment.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use super::descriptor::Spec;
use super::runtime::Runtime;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::transport::{ReqwestTransport, Transport};

/// Whether to check the signature of a provider's responses (where its spec
/// declares a response recipe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseVerification {
    /// Reject successful responses whose signature is missing or wrong (default).
    #[default]
    Verify,
    /// Accept responses unverified: for test doubles only.
    Skip,
}

/// Where and as whom to call a provider.
pub struct Config<P> {
    base_url: String,
    credentials: Vec<Secret>,
    timeout: Duration,
    retry: RetryPolicy,
    verification: ResponseVerification,
    fixed_timestamp: Option<String>,
    provider: PhantomData<fn() -> P>,
}

impl<P> Clone for Config<P> {
    fn clone(&self) -> Self {
        Config {
            base_url: self.base_url.clone(),
            credentials: self.credentials.clone(),
            timeout: self.timeout,
            retry: self.retry,
            verification: self.verification,
            fixed_timestamp: self.fixed_timestamp.clone(),
            provider: PhantomData,
        }
    }
}

impl<P: Spec> fmt::Debug for Config<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let descriptor = P::descriptor();
        let mut s = f.debug_struct("Config");
        s.field("provider", &descriptor.name)
            .field("base_url", &self.base_url);
        for (decl, value) in descriptor.auth.credentials.iter().zip(&self.credentials) {
            s.field(&decl.name, value);
        }
        s.field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("verification", &self.verification)
            .field("fixed_timestamp", &self.fixed_timestamp)
            .finish()
    }
}

impl<P: Spec> Config<P> {
    /// A configuration for `base_url` with `credentials` in the order the
    /// spec's `auth.credentials` declares them: what the generated
    /// `Config::new` calls.
    #[doc(hidden)]
    pub fn with_credentials(base_url: impl Into<String>, credentials: Vec<Secret>) -> Self {
        Config {
            base_url: base_url.into(),
            credentials,
            timeout: ReqwestTransport::DEFAULT_TIMEOUT,
            retry: RetryPolicy::none(),
            verification: ResponseVerification::Verify,
            fixed_timestamp: None,
            provider: PhantomData,
        }
    }

    /// The whole-exchange timeout of the default transport (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Retries for transient failures (default: none). Only a call the
    /// provider's spec says is safe to repeat is retried (see
    /// [`RetryPolicy`]); it is sent again with the same request id and body,
    /// and a fresh timestamp and signature.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether to verify response signatures (default: verify).
    pub fn response_verification(mut self, verification: ResponseVerification) -> Self {
        self.verification = verification;
        self
    }

    /// Signs every request with this timestamp instead of the current time:
    /// for conformance cases (the spec's `cases:`, whose expected signatures
    /// are fixed) and replaying recorded requests. Providers refuse stale
    /// timestamps, so never set it against a real provider.
    pub fn fixed_timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.fixed_timestamp = Some(timestamp.into());
        self
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The default transport's timeout.
    pub(crate) fn transport_timeout(&self) -> Duration {
        self.timeout
    }

    pub(crate) fn runtime(&self, transport: Arc<dyn Transport>) -> Runtime {
        let descriptor = P::descriptor();
        Runtime {
            provider: descriptor.name,
            scheme: descriptor.auth,
            errors: &descriptor.errors,
            call_headers: descriptor.call_headers,
            idempotency: descriptor.retry.as_ref(),
            credentials: super::credentials_in_order(descriptor.auth, self.credentials.clone()),
            base_url: self.base_url.clone(),
            retry: self.retry,
            verify_responses: self.verification == ResponseVerification::Verify,
            transport,
            fixed_now: self.fixed_timestamp.clone(),
            token: Default::default(),
        }
    }
}
