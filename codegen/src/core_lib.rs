//! `payspec-codegen-core`: the half of the generator the sandbox needs (spec
//! model, loader and lint, IR, diagnostics, Rust emitter).
//!
//! This file is the library root of the `payspec-codegen-core` package
//! (`codegen/core/Cargo.toml`); the modules it declares are the files next to
//! it in `codegen/src/`. `payspec-codegen` re-exports them under the same
//! names, so `payspec_codegen::ir` and `payspec_codegen_core::ir` are one
//! module. See `codegen/core/Cargo.toml` for why the split exists.

pub mod diagnostic;
pub mod ir;
pub mod lower;
pub mod spec;
pub mod spec_digest;
pub mod words;
mod work_queue;

/// Emitters needed at build time.
pub mod emit {
    pub mod rust;
}

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use ir::Ir;
