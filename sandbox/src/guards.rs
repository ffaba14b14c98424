//! Guards: the spec names a decision table; the sandbox calls the function
//! generated from it, fed from the resource's attributes of the same names.
//! Only the evaluation is here (which generated function a name means); what
//! the result allows is the spec's `guard_states` or the boolean itself.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

/// What a decision gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A boolean decision's result.
    Bool(bool),
    /// An enum decision's wire value, or `None` when no row matched.
    Value(Option<String>),
}

/// Parses an attribute as a generated enum (an unknown value becomes `Unknown`).
fn attr<T: DeserializeOwned>(attributes: &HashMap<String, String>, name: &str) -> Option<T> {
    let value = attributes.get(name)?;
    serde_json::from_value(serde_json::Value::String(value.clone())).ok()
}

/// The decision's result; `None` when the sandbox knows no such function,
/// or an input it needs is missing from the attributes.
pub fn evaluate(
    provider: &str,
    guard: &str,
    attributes: &HashMap<String, String>,
) -> Option<Verdict> {
    use payspec::wire::WireEnum as _;
    match (provider, guard) {
        ("doku", "checkout_cancel_supported") => {
            use payspec::doku::checkout::{
                checkout_cancel_supported, CheckoutBank, CheckoutChannel,
            };
            let channel: CheckoutChannel = attr(attributes, "channel")?;
            let bank: Option<CheckoutBank> = attr(attributes, "bank");
            Some(Verdict::Bool(checkout_cancel_supported(
                &channel,
                bank.as_ref(),
            )))
        }
        ("midtrans", "card_cancel_window") => {
            // Not a card payment (no acquiring bank): the window does not apply.
            let Some(bank) = attr::<payspec::midtrans::AcquiringBank>(attributes, "bank") else {
                return Some(Verdict::Value(None));
            };
            let window = payspec::midtrans::card_cancel_window(&bank);
            Some(Verdict::Value(window.map(|w| w.as_wire().to_owned())))
        }
        _ => None,
    }
}
