//! The runtime as generated provider modules name it (`crate::client`,
//! `crate::convention`), for tests that compile a generated module outside
//! the client crate: the generated `impl Client` / `impl Config` blocks need
//! types of the test crate (inherent impls cannot be added to `payspec`'s own
//! types from there), so these wrap the one runtime client and forward to it.

pub mod convention {
    pub use payspec::convention::*;
}

/// Stand-in for the runtime client: the generated `impl Client` / `impl
/// Config` blocks need types of this crate (inherent impls cannot be added
/// to `payspec`'s own types from here), so these wrap the one runtime client
/// and forward to it; the descriptor, marker trait and notification
/// verifiers are the runtime's own.
pub mod client {
    pub use payspec::client::{
        Call, CallOptions, Descriptor, PathParam, ResponseVerification, Spec,
    };
    // Only a module with a notification recipe names it.
    #[allow(unused_imports)]
    pub use payspec::client::notify;

    /// Wraps the runtime's configuration.
    pub struct Config<P>(pub payspec::client::Config<P>);

    impl<P: Spec> Config<P> {
        /// Forwards to the runtime's `Config::with_credentials`.
        pub fn with_credentials(
            base_url: impl Into<String>,
            credentials: Vec<payspec::Secret>,
        ) -> Self {
            Config(payspec::client::Config::with_credentials(
                base_url,
                credentials,
            ))
        }
    }

    /// Wraps the runtime's client.
    pub struct Client<P>(pub payspec::client::Client<P>);

    impl<P: Spec> Client<P> {
        /// Forwards to the runtime's `Client::new`.
        pub fn new(config: Config<P>) -> Self {
            Client(payspec::client::Client::new(config.0))
        }

        /// Forwards to the runtime's `Client::call`.
        pub async fn call<Req, Resp>(
            &self,
            call: Call,
            request: &Req,
        ) -> Result<Resp, payspec::Error>
        where
            Req: serde::Serialize + payspec::validation::Validate,
            Resp: serde::de::DeserializeOwned,
        {
            self.0.call(call, request).await
        }

        /// Forwards to the runtime's `Client::call_with`.
        pub async fn call_with<Req, Resp>(
            &self,
            call: Call,
            request: &Req,
            options: &CallOptions,
        ) -> Result<Resp, payspec::Error>
        where
            Req: serde::Serialize + payspec::validation::Validate,
            Resp: serde::de::DeserializeOwned,
        {
            self.0.call_with(call, request, options).await
        }

        /// Forwards to the runtime's `Client::call_empty`.
        pub async fn call_empty<Resp>(&self, call: Call) -> Result<Resp, payspec::Error>
        where
            Resp: serde::de::DeserializeOwned,
        {
            self.0.call_empty(call).await
        }

        /// Forwards to the runtime's `Client::call_empty_with`.
        pub async fn call_empty_with<Resp>(
            &self,
            call: Call,
            options: &CallOptions,
        ) -> Result<Resp, payspec::Error>
        where
            Resp: serde::de::DeserializeOwned,
        {
            self.0.call_empty_with(call, options).await
        }
    }
}
