//! The client runtime where a generated provider module expects it.
//!
//! A provider module (`rust/<provider>.rs`) names the runtime as
//! `crate::client`, `crate::money`, `crate::Error` and so on: inside the
//! `payspec` crate those are its own modules. Outside it (a standalone
//! client crate, a build script's module) this stand-in provides them as
//! re-exports of the `payspec` crate, plus a `Config` and a `Client` of the
//! including crate: the module adds `impl Config` / `impl Client` blocks
//! (environment constructors, one method per endpoint), and Rust only allows
//! those on the including crate's own types. Both wrap the runtime's and
//! forward to it.

use crate::ir::{AuthScheme, Provider};

/// The package and library name of the client runtime the stand-in
/// re-exports. Today the root `payspec` crate (with its default features
/// off) is the client runtime; if it moves into a crate of its own, this
/// and [`super::manifest::CLIENT_RUNTIME_DIR`] are the two places to change.
pub const CLIENT_RUNTIME: &str = "payspec";

/// What the stand-in needs to know about the runtime client of an auth
/// scheme.
struct RuntimeClient {
    /// Its module under `payspec::client`, also the `payspec` cargo
    /// feature that compiles it.
    module: &'static str,
    /// Items of that module the provider module re-exports unchanged.
    exports: &'static [&'static str],
    /// Whether it has the `*_with(…, &CallOptions)` calls.
    call_options: bool,
}

fn runtime_client(scheme: AuthScheme) -> RuntimeClient {
    match scheme {
        AuthScheme::DokuHmacSha256 => RuntimeClient {
            module: "doku",
            exports: &[
                "DEFAULT_NOTIFICATION_MAX_AGE",
                "Notification",
                "NotificationHeaders",
                "ResponseVerification",
            ],
            call_options: true,
        },
        AuthScheme::MidtransBasic => RuntimeClient {
            module: "midtrans",
            exports: &["Notification", "TransactionRef"],
            call_options: false,
        },
        AuthScheme::BillerJwtHs256 => RuntimeClient {
            module: "biller",
            exports: &[],
            call_options: false,
        },
    }
}

/// The `payspec` features the providers' runtime clients need, sorted,
/// without repeats.
pub fn runtime_features(providers: &[Provider]) -> Vec<&'static str> {
    let mut features: Vec<_> = providers
        .iter()
        .map(|p| runtime_client(p.auth.scheme).module)
        .collect();
    features.sort_unstable();
    features.dedup();
    features
}

/// The stand-in's items (re-exports and the `client` module), to be placed
/// where the provider modules' `crate::` paths point after
/// the rebasing in `standalone`: the crate root of a standalone client crate.
pub fn render(providers: &[Provider]) -> String {
    let rt = CLIENT_RUNTIME;
    let mut out = format!(
        "pub use ::{rt}::{{money, recipe, registry, transport, validation}};\n\
         pub use ::{rt}::{{ApiError, Error, PathParam, Secret}};\n\
         \n\
         /// The runtime clients, under types of this crate that the provider\n\
         /// modules extend.\n\
         #[doc(hidden)]\n\
         pub mod client {{\n\
         \x20   pub use ::{rt}::client::{{Call, CallOptions, PathParam}};\n"
    );
    let mut seen = Vec::new();
    for p in providers {
        let client = runtime_client(p.auth.scheme);
        if seen.contains(&client.module) {
            continue;
        }
        seen.push(client.module);
        out.push('\n');
        out.push_str(&runtime_module(&client, p.auth.scheme.credential_names()));
    }
    out.push_str("}\n");
    out
}

/// `pub mod <runtime client> { … }`: the re-exports and the two wrappers.
fn runtime_module(client: &RuntimeClient, credentials: &[&str]) -> String {
    let rt = CLIENT_RUNTIME;
    let m = client.module;
    let inner = format!("::{rt}::client::{m}");
    let params: Vec<String> = credentials
        .iter()
        .map(|name| match *name {
            "client_id" => format!("{name}: impl Into<String>"),
            _ => format!("{name}: impl Into<::{rt}::Secret>"),
        })
        .collect();
    let exports = if client.exports.is_empty() {
        String::new()
    } else {
        format!(
            "        pub use {inner}::{{{}}};\n\n",
            client.exports.join(", ")
        )
    };
    let with_options = if client.call_options {
        format!(
            "\n\
             \x20           /// As [`Client::call`], with per-call options.\n\
             \x20           #[doc(hidden)]\n\
             \x20           pub async fn call_with<Req, Resp>(&self, call: super::Call, request: &Req, options: &super::CallOptions) -> Result<Resp, ::{rt}::Error>\n\
             \x20           where\n\
             \x20               Req: ::serde::Serialize + ::{rt}::validation::Validate,\n\
             \x20               Resp: ::serde::de::DeserializeOwned,\n\
             \x20           {{\n\
             \x20               self.0.call_with(call, request, options).await\n\
             \x20           }}\n\
             \n\
             \x20           /// As [`Client::call_empty`], with per-call options.\n\
             \x20           #[doc(hidden)]\n\
             \x20           pub async fn call_empty_with<Resp: ::serde::de::DeserializeOwned>(&self, call: super::Call, options: &super::CallOptions) -> Result<Resp, ::{rt}::Error> {{\n\
             \x20               self.0.call_empty_with(call, options).await\n\
             \x20           }}\n"
        )
    } else {
        String::new()
    };
    format!(
        "    /// The `{m}` runtime client.\n\
         \x20   pub mod {m} {{\n\
         {exports}\
         \x20       /// Where and as whom to call the provider (wraps the runtime's\n\
         \x20       /// configuration; [`Config::map`] reaches its other settings).\n\
         \x20       #[derive(Debug, Clone)]\n\
         \x20       pub struct Config(pub {inner}::Config);\n\
         \n\
         \x20       impl Config {{\n\
         \x20           /// A configuration for any base URL (a proxy, a test server).\n\
         \x20           pub fn new(base_url: impl Into<String>, {params}) -> Self {{\n\
         \x20               Config({inner}::Config::new(base_url, {args}))\n\
         \x20           }}\n\
         \n\
         \x20           /// The whole-exchange timeout of the default transport (30 s).\n\
         \x20           pub fn timeout(self, timeout: std::time::Duration) -> Self {{\n\
         \x20               Config(self.0.timeout(timeout))\n\
         \x20           }}\n\
         \n\
         \x20           /// Any other setting of the runtime's configuration.\n\
         \x20           pub fn map(self, set: impl FnOnce({inner}::Config) -> {inner}::Config) -> Self {{\n\
         \x20               Config(set(self.0))\n\
         \x20           }}\n\
         \n\
         \x20           /// The base URL requests are sent to.\n\
         \x20           pub fn base_url(&self) -> &str {{\n\
         \x20               self.0.base_url()\n\
         \x20           }}\n\
         \x20       }}\n\
         \n\
         \x20       /// A client; cheap to clone, share it.\n\
         \x20       #[derive(Debug, Clone)]\n\
         \x20       pub struct Client(pub {inner}::Client);\n\
         \n\
         \x20       impl Client {{\n\
         \x20           /// A client over reqwest with the configured timeout.\n\
         \x20           pub fn new(config: Config) -> Self {{\n\
         \x20               Client({inner}::Client::new(config.0))\n\
         \x20           }}\n\
         \n\
         \x20           /// A client over another HTTP stack.\n\
         \x20           pub fn with_transport(config: Config, transport: std::sync::Arc<dyn ::{rt}::transport::Transport>) -> Self {{\n\
         \x20               Client({inner}::Client::with_transport(config.0, transport))\n\
         \x20           }}\n\
         \n\
         \x20           /// Validates, signs and sends `request` to `call`; decodes the response.\n\
         \x20           #[doc(hidden)]\n\
         \x20           pub async fn call<Req, Resp>(&self, call: super::Call, request: &Req) -> Result<Resp, ::{rt}::Error>\n\
         \x20           where\n\
         \x20               Req: ::serde::Serialize + ::{rt}::validation::Validate,\n\
         \x20               Resp: ::serde::de::DeserializeOwned,\n\
         \x20           {{\n\
         \x20               self.0.call(call, request).await\n\
         \x20           }}\n\
         \n\
         \x20           /// Signs and sends a call without a body.\n\
         \x20           #[doc(hidden)]\n\
         \x20           pub async fn call_empty<Resp: ::serde::de::DeserializeOwned>(&self, call: super::Call) -> Result<Resp, ::{rt}::Error> {{\n\
         \x20               self.0.call_empty(call).await\n\
         \x20           }}\n\
         {with_options}\
         \x20       }}\n\
         \x20   }}\n",
        params = params.join(", "),
        args = credentials.join(", "),
    )
}
