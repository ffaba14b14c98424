//! The runtime as generated provider modules name it (`crate::client`,
//! `crate::convention`), for tests that compile a generated module outside
//! the client crate: what a standalone client crate or a build script's
//! module gets.
// Rendered by payspec-codegen's `standalone::shim::client_module`
// (`codegen/tests/standalone.rs` keeps it current; `INSTA_UPDATE=always
// cargo test -p payspec-codegen --test standalone` rewrites it).
#![cfg_attr(rustfmt, rustfmt::skip)]

pub mod convention {
    pub use ::payspec::convention::*;
}

/// The runtime client, under types of this crate that the provider
/// modules extend.
#[doc(hidden)]
pub mod client {
    pub use ::payspec::client::*;

    /// Where and as whom to call the provider `P` (wraps the runtime's
    /// configuration).
    pub struct Config<P>(pub ::payspec::client::Config<P>);

    impl<P> Clone for Config<P> {
        fn clone(&self) -> Self {
            Config(self.0.clone())
        }
    }

    impl<P: Spec> std::fmt::Debug for Config<P> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt(f)
        }
    }

    impl<P: Spec> Config<P> {
        /// A configuration for `base_url` with the spec's credentials in
        /// declaration order: what the generated `Config::new` calls.
        pub fn with_credentials(base_url: impl Into<String>, credentials: Vec<::payspec::Secret>) -> Self {
            Config(::payspec::client::Config::with_credentials(base_url, credentials))
        }

        /// The whole-exchange timeout of the default transport (30 s).
        pub fn timeout(self, timeout: std::time::Duration) -> Self {
            Config(self.0.timeout(timeout))
        }

        /// Retries for transient failures (default: none).
        pub fn retry(self, policy: ::payspec::retry::RetryPolicy) -> Self {
            Config(self.0.retry(policy))
        }

        /// Whether to verify response signatures (default: verify).
        pub fn response_verification(self, verification: ResponseVerification) -> Self {
            Config(self.0.response_verification(verification))
        }

        /// The base URL calls go to.
        pub fn base_url(&self) -> &str {
            self.0.base_url()
        }
    }

    /// A client of the provider `P`; cheap to clone, share it.
    pub struct Client<P>(pub ::payspec::client::Client<P>);

    impl<P> Clone for Client<P> {
        fn clone(&self) -> Self {
            Client(self.0.clone())
        }
    }

    impl<P: Spec> std::fmt::Debug for Client<P> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt(f)
        }
    }

    impl<P: Spec> Client<P> {
        /// A client over reqwest with the configured timeout.
        pub fn new(config: Config<P>) -> Self {
            Client(::payspec::client::Client::new(config.0))
        }

        /// A client over another HTTP stack.
        pub fn with_transport(config: Config<P>, transport: std::sync::Arc<dyn ::payspec::transport::Transport>) -> Self {
            Client(::payspec::client::Client::with_transport(config.0, transport))
        }

        /// Validates, signs and sends `request` to `call`; decodes the response.
        pub async fn call<Req, Resp>(&self, call: Call, request: &Req) -> Result<Resp, ::payspec::Error>
        where
            Req: ::serde::Serialize + ::payspec::validation::Validate,
            Resp: ::serde::de::DeserializeOwned,
        {
            self.0.call(call, request).await
        }

        /// As [`Client::call`], with per-call options.
        pub async fn call_with<Req, Resp>(&self, call: Call, request: &Req, options: &CallOptions) -> Result<Resp, ::payspec::Error>
        where
            Req: ::serde::Serialize + ::payspec::validation::Validate,
            Resp: ::serde::de::DeserializeOwned,
        {
            self.0.call_with(call, request, options).await
        }

        /// Signs and sends a call without a body.
        pub async fn call_empty<Resp: ::serde::de::DeserializeOwned>(&self, call: Call) -> Result<Resp, ::payspec::Error> {
            self.0.call_empty(call).await
        }

        /// As [`Client::call_empty`], with per-call options.
        pub async fn call_empty_with<Resp: ::serde::de::DeserializeOwned>(&self, call: Call, options: &CallOptions) -> Result<Resp, ::payspec::Error> {
            self.0.call_empty_with(call, options).await
        }
    }
}
