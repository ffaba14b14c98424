//! Typed, validating clients for DOKU, Midtrans and a biller partner API,
//! generated from the YAML specs in `spec/` by `payspec-codegen`.
//!
//! Each provider is a module behind a cargo feature of the same name (all on
//! by default). Requests are built with `new()` from their mandatory fields,
//! optional fields are set by name, and `validate()` reports every violation
//! with its JSON path.

#![warn(missing_docs)]

pub mod client;
pub mod error;
pub mod money;
mod notification;
pub mod registry;
pub mod retry;
pub mod secret;
pub mod transport;
pub mod validation;
pub mod wire;

#[cfg(all(doctest, feature = "doku", feature = "midtrans", feature = "biller"))]
mod doc_examples;

pub use error::{ApiError, Error, Provider, SignatureMismatch};
pub use secret::Secret;

// The committed output of `payspec generate` (kept current by `payspec
// check` in CI), so building the crate never runs the generator; with the
// `regenerate` feature, build.rs's fresh output from spec/ instead.
#[cfg(all(feature = "doku", not(feature = "regenerate")))]
include!("../generated/rust/doku.rs");
#[cfg(all(feature = "midtrans", not(feature = "regenerate")))]
include!("../generated/rust/midtrans.rs");
#[cfg(all(feature = "biller", not(feature = "regenerate")))]
include!("../generated/rust/biller.rs");
#[cfg(all(feature = "doku", feature = "regenerate"))]
include!(concat!(env!("OUT_DIR"), "/doku.rs"));
#[cfg(all(feature = "midtrans", feature = "regenerate"))]
include!(concat!(env!("OUT_DIR"), "/midtrans.rs"));
#[cfg(all(feature = "biller", feature = "regenerate"))]
include!(concat!(env!("OUT_DIR"), "/biller.rs"));
