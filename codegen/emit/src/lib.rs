//! `payspec-codegen-emit`: the back half of the generator. From the IR that
//! `payspec-codegen-core` lowers, it writes Rust ([`rust`]), Markdown docs
//! (`docs`) and OpenAPI 3.1 (`openapi`); [`generate`] runs all three into
//! an output directory atomically, and [`root_manifest`] keeps the including
//! crate's per-provider features; [`standalone`] lays the Rust out as a
//! workspace or one `OUT_DIR` module; `diff` classifies the change between
//! two IRs. Nothing here reads YAML.
//!
//! Features: `openapi` and `diff` (default) and `docs` (the Markdown docs,
//! which need `openapi`). `payspec-build` turns them all off: a build script
//! needs only the Rust emitter.

#[cfg(feature = "diff")]
pub mod diff;
pub mod docs;
pub mod generate;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod root_manifest;
pub mod rust;
pub mod standalone;

// The IR and the loader this crate reads from, under the names its modules use.
use payspec_codegen_core::{ir, words, work_queue};
use payspec_spec_digest as spec_digest;
// The unit tests lower fixture specs.
#[cfg(test)]
use payspec_codegen_core::lower;
