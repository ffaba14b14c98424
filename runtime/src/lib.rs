//! The runtime payspec's generated types compile against, without the HTTP
//! client: money amounts ([`money`]), request validation ([`validation`])
//! and the JSON wire helpers behind every generated type's `Serialize` and
//! `Deserialize` ([`wire`]).
//!
//! It is a crate of its own so that the generated type crates (one per
//! provider area, under `generated/rust/`) depend on it alone: they compile
//! in parallel with each other and with the HTTP stack. Merchants use it
//! through `payspec`, which re-exports these modules.

#![warn(missing_docs)]

pub mod money;
pub mod validation;
pub mod wire;
