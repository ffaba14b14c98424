//! `payspec-codegen-emit`: the back half of the generator. From the IR that
//! `payspec-codegen-core` lowers, it writes Rust ([`rust`]), Markdown docs
//! ([`docs`]) and OpenAPI 3.1 ([`openapi`]); [`generate`] runs all three into
//! an output directory atomically, and [`root_manifest`] keeps the including
//! crate's per-provider features; [`diff`] classifies the change between two
//! IRs. Nothing here reads YAML.

pub mod diff;
pub mod docs;
pub mod generate;
pub mod openapi;
pub mod root_manifest;
pub mod rust;

// The IR and the loader this crate reads from, under the names its modules use.
use payspec_codegen_core::{ir, words, work_queue};
use payspec_spec_digest as spec_digest;
// The unit tests lower fixture specs.
#[cfg(test)]
use payspec_codegen_core::lower;
