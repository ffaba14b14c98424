//! Guards: the spec names a decision table; the sandbox calls the function
//! generated from it through the type-erased `DECISIONS` registry of the
//! `payspec` crate, fed from the resource's attributes of the same names.
//! What the result allows is the spec's `guard_states` or the boolean itself.

use payspec_codegen_core::ir::{Lifecycle, Provider, Transition};

use crate::decide::{DecisionError, DecisionValue};

use crate::world::Resource;

/// An attribute as a decision input: `true`/`false` as a boolean, anything
/// else as an enum wire value.
pub fn as_input(value: &str) -> DecisionValue {
    match value {
        "true" => DecisionValue::Bool(true),
        "false" => DecisionValue::Bool(false),
        other => DecisionValue::Wire(other.to_owned()),
    }
}

/// Why the transition's guard refuses it for `r`; `None` when it allows it
/// (or has no guard). A guard whose required inputs the resource lacks does
/// not apply to it: a Midtrans transaction without an acquiring `bank` is not
/// a card payment, so the card cancel window says nothing about it.
pub fn refusal(
    provider: &Provider,
    lifecycle: &Lifecycle,
    transition: &Transition,
    r: &Resource,
) -> Option<String> {
    let guard = transition.guard.as_deref()?;
    let Some(table) = crate::decide::find(provider, guard) else {
        return Some(format!("the sandbox cannot evaluate guard {guard}"));
    };
    let lookup = |name: &str| r.attributes.get(name).map(|v| as_input(v));
    match crate::decide::evaluate(provider, table, &lookup) {
        Ok(Some(DecisionValue::Bool(true))) => None,
        Ok(Some(DecisionValue::Bool(false))) => Some(format!(
            "{guard} does not allow this for the {}",
            lifecycle.name
        )),
        Ok(Some(DecisionValue::Wire(value))) => {
            let (_, states) = transition.guard_states.iter().find(|(k, _)| *k == value)?;
            (!states.contains(&r.state))
                .then(|| format!("{guard} is {value}: not allowed while {}", r.state))
        }
        Ok(None) | Err(DecisionError::MissingInput(_)) => None,
        Err(e) => Some(format!("guard {guard}: {e}")),
    }
}
