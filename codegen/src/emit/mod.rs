//! Emitters: IR to Rust source, Markdown docs and OpenAPI.

pub mod docs;
pub mod openapi;
pub use payspec_codegen_core::emit::rust;
