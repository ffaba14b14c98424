//! A table of every endpoint and notification, for tooling that works
//! across endpoints without naming their types: the sandbox server checks
//! incoming bodies with it, and tests walk it to cover every endpoint.
//!
//! Each generated provider module has a `pub const ENDPOINTS: &[EndpointInfo]`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::transport::Method;
use crate::validation::{Validate, ValidationErrors};

/// Why a body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyRejection {
    /// Not JSON, or JSON that does not fit the type; `path` is where it failed.
    Malformed {
        /// JSON path of the failure (`.` for the root).
        path: String,
        /// What serde said, with quoted values removed so no card data leaks.
        message: String,
    },
    /// Well-formed, but breaks the spec's field checks or rules.
    Invalid(ValidationErrors),
}

impl std::fmt::Display for BodyRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyRejection::Malformed { path, message } => {
                write!(f, "malformed body at {path}: {message}")
            }
            BodyRejection::Invalid(errors) => errors.fmt(f),
        }
    }
}

impl std::error::Error for BodyRejection {}

/// A type-erased body check: [`decode`] or [`check`] for one generated
/// type, returning the body as that type keeps it.
pub type BodyFn = fn(&[u8]) -> Result<Value, BodyRejection>;

/// One endpoint (merchant → provider) or notification (provider → merchant).
#[derive(Debug, Clone, Copy)]
pub struct EndpointInfo {
    /// Provider module name (`doku`).
    pub provider: &'static str,
    /// Spec name, also the client method name (`card_refund`).
    pub name: &'static str,
    /// Whether the provider or the merchant receives it.
    pub kind: EndpointKind,
    /// HTTP method; `None` for notifications (the provider's choice).
    pub method: Option<Method>,
    /// Path with `{param}` placeholders; `None` for notifications.
    pub path: Option<&'static str>,
    /// Checks a request (or notification) body: decode, then validate.
    pub request: Option<BodyFn>,
    /// Decoders of the documented responses, by HTTP status.
    pub responses: &'static [(u16, BodyFn)],
    /// Decoders of the documented error bodies, by spec name.
    pub errors: &'static [(&'static str, BodyFn)],
}

/// Which side receives the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointKind {
    /// The merchant calls the provider.
    Endpoint,
    /// The provider calls the merchant.
    Notification,
}

/// Decodes `body` as `T`, returning its canonical JSON (what `T` keeps).
pub fn decode<T: DeserializeOwned + Serialize>(body: &[u8]) -> Result<Value, BodyRejection> {
    to_json(&parse::<T>(body)?)
}

/// Decodes `body` as `T` and validates it against the spec's checks and rules.
pub fn check<T: DeserializeOwned + Serialize + Validate>(
    body: &[u8],
) -> Result<Value, BodyRejection> {
    let value = parse::<T>(body)?;
    value.validate().map_err(BodyRejection::Invalid)?;
    to_json(&value)
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyRejection> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value =
        serde_path_to_error::deserialize(&mut de).map_err(|e| BodyRejection::Malformed {
            path: crate::error::failure_path(&e),
            message: crate::error::redact_quoted(&e.inner().to_string()),
        })?;
    // Trailing bytes after the JSON value are as malformed as a truncation.
    de.end().map_err(|e| BodyRejection::Malformed {
        path: ".".to_owned(),
        message: e.to_string(),
    })?;
    Ok(value)
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, BodyRejection> {
    serde_json::to_value(value).map_err(|e| BodyRejection::Malformed {
        path: ".".to_owned(),
        message: e.to_string(),
    })
}

/// A decision table's input or result as data: a boolean, or an enum's wire
/// value. What [`DecisionInfo::evaluate`] takes and gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionValue {
    /// A boolean input or result.
    Bool(bool),
    /// An enum input or result, as sent on the wire (`VOID`).
    Wire(String),
}

/// Why a type-erased decision could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionError {
    /// A required input was not given.
    MissingInput(&'static str),
    /// An input was given as the wrong kind (a wire string for a boolean).
    WrongKind(&'static str),
}

impl std::fmt::Display for DecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecisionError::MissingInput(name) => write!(f, "input `{name}` is missing"),
            DecisionError::WrongKind(name) => write!(f, "input `{name}` has the wrong kind"),
        }
    }
}

impl std::error::Error for DecisionError {}

/// The inputs of one evaluation, looked up by input name.
pub type DecisionInputs<'a> = &'a dyn Fn(&str) -> Option<DecisionValue>;

/// A type-erased decision function: inputs by name in, the result out
/// (`None` when no row matches and the table has no `otherwise`).
pub type DecisionFn = fn(DecisionInputs<'_>) -> Result<Option<DecisionValue>, DecisionError>;

/// One decision table of a provider, callable without naming its types.
///
/// Each generated provider module has a `pub static DECISIONS: &[DecisionInfo]`.
#[derive(Clone, Copy)]
pub struct DecisionInfo {
    /// Provider module name (`doku`).
    pub provider: &'static str,
    /// Spec name, also the generated function's name (`refund_type`).
    pub name: &'static str,
    /// Input names, in parameter order.
    pub inputs: &'static [&'static str],
    /// Whether the result is a boolean (else an enum's wire value).
    pub boolean: bool,
    /// Calls the generated function.
    pub evaluate: DecisionFn,
}

impl std::fmt::Debug for DecisionInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecisionInfo")
            .field("provider", &self.provider)
            .field("name", &self.name)
            .field("inputs", &self.inputs)
            .field("boolean", &self.boolean)
            .finish_non_exhaustive()
    }
}

/// A required boolean input (generated code calls this).
pub fn input_bool(inputs: DecisionInputs<'_>, name: &'static str) -> Result<bool, DecisionError> {
    input_bool_opt(inputs, name)?.ok_or(DecisionError::MissingInput(name))
}

/// An optional boolean input (generated code calls this).
pub fn input_bool_opt(
    inputs: DecisionInputs<'_>,
    name: &'static str,
) -> Result<Option<bool>, DecisionError> {
    match inputs(name) {
        None => Ok(None),
        Some(DecisionValue::Bool(b)) => Ok(Some(b)),
        Some(DecisionValue::Wire(_)) => Err(DecisionError::WrongKind(name)),
    }
}

/// A required enum input, parsed from its wire value (an undocumented value
/// becomes the enum's `Unknown`).
pub fn input_enum<T: for<'s> From<&'s str>>(
    inputs: DecisionInputs<'_>,
    name: &'static str,
) -> Result<T, DecisionError> {
    input_enum_opt(inputs, name)?.ok_or(DecisionError::MissingInput(name))
}

/// An optional enum input, parsed from its wire value.
pub fn input_enum_opt<T: for<'s> From<&'s str>>(
    inputs: DecisionInputs<'_>,
    name: &'static str,
) -> Result<Option<T>, DecisionError> {
    match inputs(name) {
        None => Ok(None),
        Some(DecisionValue::Wire(w)) => Ok(Some(T::from(w.as_str()))),
        Some(DecisionValue::Bool(_)) => Err(DecisionError::WrongKind(name)),
    }
}

/// An enum result as data.
pub fn output_enum<T: crate::wire::WireEnum>(value: &T) -> DecisionValue {
    DecisionValue::Wire(value.as_wire().to_owned())
}

/// The `ENDPOINTS` table of the generated provider module `provider`
/// (`doku`), or an empty one for a name with no module.
// `#[inline]` keeps this function, and with it the `ENDPOINTS` consts and
// every `check::<T>`/`decode::<T>` instance they name, out of this crate's
// object code: they are compiled in the crates that call it (the sandbox,
// tests). A merchant who never walks the registry does not pay for one
// serde_json decoder and encoder per generated type (at 100 synthetic
// endpoints, seven times less LLVM IR; BENCHMARKS.md section 3).
#[inline]
pub fn endpoints(provider: &str) -> &'static [EndpointInfo] {
    // Generated (`generated/rust/providers.rs`): one arm per provider module
    // compiled in, each behind its feature; with the features off, the crate
    // is only the client runtime that standalone packages build on.
    crate::provider_tables::endpoints(provider)
}

/// The `DECISIONS` table of the generated provider module `provider`, or an
/// empty one for a name with no module.
pub fn decisions(provider: &str) -> &'static [DecisionInfo] {
    crate::provider_tables::decisions(provider)
}

/// The decision table `name` of `provider`.
pub fn decision(provider: &str, name: &str) -> Option<&'static DecisionInfo> {
    decisions(provider).iter().find(|d| d.name == name)
}

#[cfg(test)]
mod tests {
    use super::{decision, DecisionError, DecisionValue};

    fn inputs<'a>(
        pairs: &'a [(&'a str, DecisionValue)],
    ) -> impl Fn(&str) -> Option<DecisionValue> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn decisions_are_callable_by_name_with_wire_values() {
        let refund = decision("doku", "refund_type").expect("refund_type");
        assert_eq!(refund.inputs, ["settled", "full_amount", "manual"]);
        assert!(!refund.boolean);
        let given = [
            ("settled", DecisionValue::Bool(false)),
            ("full_amount", DecisionValue::Bool(true)),
            ("manual", DecisionValue::Bool(false)),
        ];
        assert_eq!(
            (refund.evaluate)(&inputs(&given)),
            Ok(Some(DecisionValue::Wire("VOID".to_owned())))
        );
        let partial_before_settlement = [
            ("settled", DecisionValue::Bool(false)),
            ("full_amount", DecisionValue::Bool(false)),
            ("manual", DecisionValue::Bool(false)),
        ];
        assert_eq!(
            (refund.evaluate)(&inputs(&partial_before_settlement)),
            Ok(None)
        );
        assert_eq!(
            (refund.evaluate)(&inputs(&given[..1])),
            Err(DecisionError::MissingInput("full_amount"))
        );
        let wrong = [("settled", DecisionValue::Wire("yes".to_owned()))];
        assert_eq!(
            (refund.evaluate)(&inputs(&wrong)),
            Err(DecisionError::WrongKind("settled"))
        );

        let cancel = decision("doku", "checkout_cancel_supported").expect("cancel");
        assert!(cancel.boolean);
        let qris = [("channel", DecisionValue::Wire("QRIS".to_owned()))];
        assert_eq!(
            (cancel.evaluate)(&inputs(&qris)),
            Ok(Some(DecisionValue::Bool(true)))
        );
        let cards = [("channel", DecisionValue::Wire("CARDS".to_owned()))];
        assert_eq!(
            (cancel.evaluate)(&inputs(&cards)),
            Ok(Some(DecisionValue::Bool(false)))
        );
        assert!(decision("doku", "no_such_table").is_none());
        assert!(decision("nobody", "refund_type").is_none());
    }
}
