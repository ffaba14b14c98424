//! `payspec-codegen-core`: the front half of the generator. It reads a spec
//! directory (serde model with located errors, [`spec`]), checks it and lowers
//! it to the resolved [`ir`] ([`lower`]), and reports what is wrong as
//! [`Diagnostic`]s. It knows no output language: the emitters
//! (`payspec-codegen-emit`), the command line (`payspec-codegen`) and the
//! sandbox (`payspec-sandbox`) all start from the [`Ir`] it returns.

pub mod diagnostic;
pub mod ir;
pub mod lint_report;
pub mod lower;
pub mod spec;
pub mod words;
pub mod work_queue;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use ir::Ir;
