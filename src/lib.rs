//! Typed, validating clients for DOKU, Midtrans and a biller partner API,
//! generated from the YAML specs in `spec/` by `payspec-codegen`.
//!
//! # Quick start
//!
//! Build a client from the provider's `Config`, build the request from its
//! mandatory fields (`new(..)`), set optional ones by name, and call the
//! endpoint's method: it validates the request, signs it, sends it and
//! decodes the documented answer.
//!
//! ```no_run
//! use payspec::doku::cards::{PaymentPageCustomer, PaymentPageOrder, PaymentPageRequest};
//! use payspec::doku::{Client, Config};
//! use payspec::money::Idr;
//! use payspec::Error;
//!
//! async fn payment_page(client: &Client, invoice: &str) -> Result<String, Error> {
//!     let mut request = PaymentPageRequest::new(PaymentPageOrder::new(Idr(150_000), invoice));
//!     let mut customer = PaymentPageCustomer::new();
//!     customer.email = Some("buyer@example.com".to_owned());
//!     request.customer = Some(customer);
//!     match client.card_payment_page(&request).await {
//!         Ok(page) => Ok(page.credit_card_payment_page.url),
//!         // Nothing was sent: every broken rule, each with its JSON path.
//!         Err(Error::Validation(violations)) => {
//!             eprintln!("{violations}");
//!             Err(Error::Validation(violations))
//!         }
//!         // DOKU answered with an error (status, code, message, body).
//!         Err(other) => Err(other),
//!     }
//! }
//!
//! # async fn run() -> Result<(), Error> {
//! let client = Client::new(Config::sandbox("MCH-0001", "SK-your-secret-key"));
//! let url = payment_page(&client, "INV-20210118-0001").await?;
//! # let _ = url; Ok(()) }
//! ```
//!
//! Where to go next:
//!
//! - the provider modules, one per provider of `spec/` ([`doku`],
//!   [`doku_snap`], [`midtrans`], [`biller`]; each behind a cargo feature
//!   of the same name, all on by default): the
//!   client, one method per endpoint, the request and response types by
//!   area, notification verifiers, and the list of places where the
//!   provider's docs contradict themselves;
//! - README.md, "Configuration": timeouts, retries (DOKU), response
//!   verification, and the `payspec.call` tracing span;
//! - [`Error`]: what a call can fail with, and which failures are safe to
//!   retry;
//! - notifications: [`doku::Notification::verify_fresh`] (with
//!   [`doku::Notification::headers`] for an `http::HeaderMap`) and
//!   [`midtrans::verify_cancel_notification`]; [`testing`] signs
//!   notifications as the providers do, for your handler's tests;
//! - [`money`] (`Idr`, `Decimal`: never a float) and [`validation`].
//!
//! Tooling that works across endpoints (a sandbox, test harnesses) reads
//! [`registry`]; a merchant application does not need it.

#![warn(missing_docs)]

// The runtime the generated provider modules are built on. Everything a
// merchant needs from it is re-exported by a provider module
// (`payspec::doku::Client`, `payspec::doku::CallOptions`) or here
// (`PathParam`), so each item has one documented path; the module stays
// public for the generated code, the sandbox and tests.
#[doc(hidden)]
pub mod client;
pub mod error;
mod notification;
pub mod registry;
pub mod retry;
pub mod secret;
// Signs notifications with any provider module's notification recipe.
pub mod testing;
pub mod transport;

pub use payspec_runtime::{money, validation, wire};
/// Where providers put their codes and messages (each provider module's
/// `DESCRIPTOR.errors`).
pub use payspec_signing::convention;
/// Signature recipes and their executor (each provider module's `AUTH`).
pub use payspec_signing::recipe;

// Each page's examples are compiled when its provider's feature is on.
#[cfg(doctest)]
mod doc_examples;

pub use client::PathParam;
// The `http` the notification verifiers take a `HeaderMap` of: a generated
// module outside this crate (a standalone client, a build script's module)
// names it through here, so its user needs no `http` dependency of a
// matching version.
pub use error::{ApiError, Error, SignatureMismatch};
#[doc(hidden)]
pub use http;
pub use secret::Secret;

// The committed output of `payspec generate` (kept current by `payspec
// check` in CI): each provider module of spec/, over its generated type
// crates and behind the cargo feature of its name, and the lookups by
// provider name that `registry` answers with.
include!("../generated/rust/providers.rs");
