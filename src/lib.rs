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
mod notification;
pub mod registry;
pub mod retry;
pub mod secret;
pub mod transport;

pub use payspec_runtime::{money, validation, wire};
/// Signature recipes and their executor (each provider module's `AUTH`).
pub use payspec_signing::recipe;

#[cfg(all(doctest, feature = "doku", feature = "midtrans", feature = "biller"))]
mod doc_examples;

pub use error::{ApiError, Error, Provider, SignatureMismatch};
pub use secret::Secret;

// The committed output of `payspec generate` (kept current by `payspec
// check` in CI): each provider module, over its generated type crates.
#[cfg(feature = "doku")]
include!("../generated/rust/doku.rs");
#[cfg(feature = "midtrans")]
include!("../generated/rust/midtrans.rs");
#[cfg(feature = "biller")]
include!("../generated/rust/biller.rs");
