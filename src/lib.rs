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

#[cfg(feature = "doku")]
include!(concat!(env!("OUT_DIR"), "/doku.rs"));
#[cfg(feature = "midtrans")]
include!(concat!(env!("OUT_DIR"), "/midtrans.rs"));
#[cfg(feature = "biller")]
include!(concat!(env!("OUT_DIR"), "/biller.rs"));
