//! payspec's generator: load YAML specs, lint them, lower them to the IR and
//! emit the client crate's Rust (and, later, docs and OpenAPI).
//!
//! Data flows one way: [`spec`] (serde model, located errors) → [`lower`]
//! (checks and resolution into [`ir`]) → [`emit`]. [`generate`] runs the
//! whole pipeline and writes or checks an output directory atomically.

pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod generate;
pub mod ir;
pub mod lint_report;
pub mod lower;
pub mod spec;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use ir::Ir;
