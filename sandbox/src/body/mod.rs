//! Bodies held to the spec by reading the IR, the way the generated types
//! hold them: [`decode`] reads a body as its struct would (wire names and
//! aliases, the JSON kinds a discrepancy note allows, unknown keys dropped)
//! and returns the JSON that struct keeps; [`validate`] then runs the field
//! checks and cross-field rules its `Validate` impl runs. The sandbox thus
//! serves any spec it loads, without compiling the client generated from it.

mod decode;
mod rules;
mod validate;

use payspec_codegen_core::ir::{Provider, Struct};
use payspec_runtime::validation::ValidationErrors;
use serde_json::Value;

/// Why a body was refused.
#[derive(Debug)]
pub enum Rejection {
    /// Not JSON, or JSON that does not fit the struct; `path` is where.
    Malformed {
        /// JSON path of the failure (`.` for the document itself).
        path: String,
        /// What does not fit, without the value (it may be card data).
        message: String,
    },
    /// Well-formed, but breaks the spec's field checks or rules.
    Invalid(ValidationErrors),
}

/// Reads a request (or notification) body as struct `name` of `provider`
/// and, for a request struct, validates it; `Ok` is the body as the struct
/// keeps it.
pub fn check_request(provider: &Provider, name: &str, bytes: &[u8]) -> Result<Value, Rejection> {
    let s = find(provider, name)?;
    let value = decode::document(provider, s, bytes)?;
    // Only request structs are validated: a notification body is decoded.
    if s.roles.request {
        validate::body(provider, s, &value).map_err(Rejection::Invalid)?;
    }
    Ok(value)
}

/// Reads an answer as response struct `name`, holding it to the struct's
/// rules (`responses.<status>.rules`) when it has any.
pub fn check_answer(provider: &Provider, name: &str, body: &Value) -> Result<(), Rejection> {
    let s = find(provider, name)?;
    let value = decode::document(provider, s, body.to_string().as_bytes())?;
    if !s.rules.is_empty() {
        validate::body(provider, s, &value).map_err(Rejection::Invalid)?;
    }
    Ok(())
}

fn find<'p>(provider: &'p Provider, name: &str) -> Result<&'p Struct, Rejection> {
    provider
        .structs
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| Rejection::Malformed {
            path: ".".to_owned(),
            message: format!("the spec has no struct {name}"),
        })
}

/// `prefix.field`, or `field` at the root.
fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else {
        format!("{prefix}.{field}")
    }
}
