//! payspec's generator: load YAML specs, lint them, lower them to the IR and
//! emit the client crate's Rust (and, later, docs and OpenAPI).
//!
//! Data flows one way: [`spec`] (serde model, located errors) → [`lower`]
//! (checks and resolution into [`ir`]) → [`emit`]. [`generate`] runs the
//! whole pipeline and writes or checks an output directory atomically.

pub mod audit;
pub mod diff;
pub mod emit;
pub mod generate;
pub mod lint_report;
pub mod standalone;

// The spec model, loader, IR and diagnostics live in `payspec-codegen-core`
// (same files, other package; see codegen/core/Cargo.toml for why).
pub use payspec_codegen_core::{
    diagnostic, ir, lower, spec, spec_digest, Diagnostic, Diagnostics, Ir, Severity,
};
