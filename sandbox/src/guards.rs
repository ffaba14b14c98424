//! Guards: the spec names a boolean decision table; the sandbox calls the
//! function generated from it, fed from the resource's attributes.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

/// Parses an attribute as a generated enum (an unknown value becomes `Unknown`).
fn attr<T: DeserializeOwned>(attributes: &HashMap<String, String>, name: &str) -> Option<T> {
    let value = attributes.get(name)?;
    serde_json::from_value(serde_json::Value::String(value.clone())).ok()
}

/// The guard's verdict; `None` when the sandbox knows no such function or a
/// mandatory input attribute is missing.
pub fn evaluate(provider: &str, guard: &str, attributes: &HashMap<String, String>) -> Option<bool> {
    match (provider, guard) {
        ("doku", "checkout_cancel_supported") => {
            use payspec::doku::checkout::{
                checkout_cancel_supported, CheckoutBank, CheckoutChannel,
            };
            let channel: CheckoutChannel = attr(attributes, "channel")?;
            let bank: Option<CheckoutBank> = attr(attributes, "bank");
            Some(checkout_cancel_supported(&channel, bank.as_ref()))
        }
        _ => None,
    }
}
