//! payspec's generator as one library: the stages live in their own crates
//! and are re-exported here under one name, next to the tools only the
//! command line uses.
//!
//! Data flows one way: [`spec`] (serde model, located errors) → [`lower`]
//! (checks and resolution into [`ir`]), both from `payspec-codegen-core` →
//! [`emit`], [`diff`], [`root_manifest`] and [`standalone`] from `payspec-codegen-emit`.
//! [`generate`] runs the whole pipeline and writes or checks an output
//! directory atomically. [`audit`] belongs to the `payspec` command;
//! [`lint_report`] (from the core) prints the lint for it and for
//! `payspec-build`.

pub mod audit;

pub use payspec_codegen_core::{
    diagnostic, ir, lint_report, lower, spec, words, Diagnostic, Diagnostics, Ir, Severity,
};
pub use payspec_codegen_emit::{diff, generate, root_manifest, standalone};
pub use payspec_spec_digest as spec_digest;

/// Emitters: IR to Rust source, Markdown docs and OpenAPI.
pub mod emit {
    #[cfg(feature = "cli")]
    pub use payspec_codegen_emit::docs;
    pub use payspec_codegen_emit::{openapi, rust};
}
