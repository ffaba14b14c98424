//! The client runtime where a generated provider module expects it.
//!
//! A provider module (`rust/<provider>.rs`) names the runtime as
//! `crate::client`, `crate::convention`, `crate::Error` and so on: inside
//! the `payspec` crate those are its own modules. Outside it (a standalone
//! client crate, a build script's module) this stand-in provides them as
//! re-exports of the `payspec` crate, plus a `Config<P>` and a `Client<P>`
//! of the including crate: the module adds `impl Config` / `impl Client`
//! blocks (environment constructors, one method per endpoint) to its
//! aliases of them, and Rust only allows those on the including crate's own
//! types. Both wrap the one runtime client and forward to it; the
//! descriptor, the marker trait and the notification verifiers are the
//! runtime's own.

use super::rebase::RUNTIME_NAMES;

/// The package and library name of the client runtime the stand-in
/// re-exports. Today the root `payspec` crate (with its default features
/// off) is the client runtime; if it moves into a crate of its own, this
/// and [`super::manifest::CLIENT_RUNTIME_DIR`] are the two places to change.
///
/// The runtime is generic over the provider (a marker type implementing
/// `Spec`), so a standalone client needs none of its cargo features: they
/// only compile this repository's own provider modules into it.
pub const CLIENT_RUNTIME: &str = "payspec";

/// The stand-in's items (re-exports and the `client` module), to be placed
/// where the provider modules' `crate::` paths point after the rebasing in
/// `standalone`: the crate root of a standalone client crate, the hidden
/// module of a build script's file.
///
/// The root re-exports are the names `rebase::RUNTIME_NAMES` lists (those
/// the rebasing moves here), so a name added there is re-exported too.
pub fn render() -> String {
    let rt = CLIENT_RUNTIME;
    let names: Vec<&str> = RUNTIME_NAMES
        .iter()
        .copied()
        .filter(|name| *name != "client")
        .collect();
    format!(
        "pub use ::{rt}::{{{}}};\n\n{}",
        names.join(", "),
        client_module(rt)
    )
}

/// `pub mod client { … }` over the runtime crate `rt`: everything public in
/// the runtime's `client` module, by a glob so that an item the runtime adds
/// for generated code (`OptionalHeader` for `call_headers:`) needs no edit
/// here, and the two wrappers, which shadow the runtime's `Config` and
/// `Client` of the glob. It names nothing but `::<rt>` and `::serde`, so it
/// works wherever it is placed.
pub fn client_module(rt: &str) -> String {
    format!(
        "/// The runtime client, under types of this crate that the provider\n\
         /// modules extend.\n\
         #[doc(hidden)]\n\
         pub mod client {{\n\
         \x20   pub use ::{rt}::client::*;\n\
         \n\
         \x20   /// Where and as whom to call the provider `P` (wraps the runtime's\n\
         \x20   /// configuration).\n\
         \x20   pub struct Config<P>(pub ::{rt}::client::Config<P>);\n\
         \n\
         {config_impls}\
         \n\
         \x20   impl<P: Spec> Config<P> {{\n\
         \x20       /// A configuration for `base_url` with the spec's credentials in\n\
         \x20       /// declaration order: what the generated `Config::new` calls.\n\
         \x20       pub fn with_credentials(base_url: impl Into<String>, credentials: Vec<::{rt}::Secret>) -> Self {{\n\
         \x20           Config(::{rt}::client::Config::with_credentials(base_url, credentials))\n\
         \x20       }}\n\
         \n\
         \x20       /// The whole-exchange timeout of the default transport (30 s).\n\
         \x20       pub fn timeout(self, timeout: std::time::Duration) -> Self {{\n\
         \x20           Config(self.0.timeout(timeout))\n\
         \x20       }}\n\
         \n\
         \x20       /// Retries for transient failures (default: none).\n\
         \x20       pub fn retry(self, policy: ::{rt}::retry::RetryPolicy) -> Self {{\n\
         \x20           Config(self.0.retry(policy))\n\
         \x20       }}\n\
         \n\
         \x20       /// Whether to verify response signatures (default: verify).\n\
         \x20       pub fn response_verification(self, verification: ResponseVerification) -> Self {{\n\
         \x20           Config(self.0.response_verification(verification))\n\
         \x20       }}\n\
         \n\
         \x20       /// The base URL calls go to.\n\
         \x20       pub fn base_url(&self) -> &str {{\n\
         \x20           self.0.base_url()\n\
         \x20       }}\n\
         \x20   }}\n\
         \n\
         \x20   /// A client of the provider `P`; cheap to clone, share it.\n\
         \x20   pub struct Client<P>(pub ::{rt}::client::Client<P>);\n\
         \n\
         {client_impls}\
         \n\
         \x20   impl<P: Spec> Client<P> {{\n\
         \x20       /// A client over reqwest with the configured timeout.\n\
         \x20       pub fn new(config: Config<P>) -> Self {{\n\
         \x20           Client(::{rt}::client::Client::new(config.0))\n\
         \x20       }}\n\
         \n\
         \x20       /// A client over another HTTP stack.\n\
         \x20       pub fn with_transport(config: Config<P>, transport: std::sync::Arc<dyn ::{rt}::transport::Transport>) -> Self {{\n\
         \x20           Client(::{rt}::client::Client::with_transport(config.0, transport))\n\
         \x20       }}\n\
         \n\
         \x20       /// Validates, signs and sends `request` to `call`; decodes the response.\n\
         \x20       pub async fn call<Req, Resp>(&self, call: Call, request: &Req) -> Result<Resp, ::{rt}::Error>\n\
         \x20       where\n\
         \x20           Req: ::serde::Serialize + ::{rt}::validation::Validate,\n\
         \x20           Resp: ::serde::de::DeserializeOwned,\n\
         \x20       {{\n\
         \x20           self.0.call(call, request).await\n\
         \x20       }}\n\
         \n\
         \x20       /// As [`Client::call`], with per-call options.\n\
         \x20       pub async fn call_with<Req, Resp>(&self, call: Call, request: &Req, options: &CallOptions) -> Result<Resp, ::{rt}::Error>\n\
         \x20       where\n\
         \x20           Req: ::serde::Serialize + ::{rt}::validation::Validate,\n\
         \x20           Resp: ::serde::de::DeserializeOwned,\n\
         \x20       {{\n\
         \x20           self.0.call_with(call, request, options).await\n\
         \x20       }}\n\
         \n\
         \x20       /// Signs and sends a call without a body.\n\
         \x20       pub async fn call_empty<Resp: ::serde::de::DeserializeOwned>(&self, call: Call) -> Result<Resp, ::{rt}::Error> {{\n\
         \x20           self.0.call_empty(call).await\n\
         \x20       }}\n\
         \n\
         \x20       /// As [`Client::call_empty`], with per-call options.\n\
         \x20       pub async fn call_empty_with<Resp: ::serde::de::DeserializeOwned>(&self, call: Call, options: &CallOptions) -> Result<Resp, ::{rt}::Error> {{\n\
         \x20           self.0.call_empty_with(call, options).await\n\
         \x20       }}\n\
         \x20   }}\n\
         }}\n",
        config_impls = derived_impls("Config"),
        client_impls = derived_impls("Client"),
    )
}

/// `Clone` and `Debug` of the wrapper `ty`: by hand, as a derive would
/// bound them on `P` (a marker) rather than on what the runtime's type needs.
fn derived_impls(ty: &str) -> String {
    format!(
        "    impl<P> Clone for {ty}<P> {{\n\
         \x20       fn clone(&self) -> Self {{\n\
         \x20           {ty}(self.0.clone())\n\
         \x20       }}\n\
         \x20   }}\n\
         \n\
         \x20   impl<P: Spec> std::fmt::Debug for {ty}<P> {{\n\
         \x20       fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n\
         \x20           self.0.fmt(f)\n\
         \x20       }}\n\
         \x20   }}\n"
    )
}
