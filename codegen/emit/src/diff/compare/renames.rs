//! Likely renames: an item that disappeared while a look-alike appeared.

use std::collections::BTreeMap;

use crate::ir::{Enum, Provider, Struct};

use crate::diff::display;

/// BASE enums that disappeared while a HEAD enum with the same values appeared.
pub(super) fn enum_renames(b: &Provider, h: &Provider) -> BTreeMap<String, String> {
    fn values(e: &Enum) -> Vec<&str> {
        let mut v: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
        v.sort_unstable();
        v
    }
    let added: Vec<&Enum> = h
        .enums
        .iter()
        .filter(|e| !b.enums.iter().any(|x| x.name == e.name))
        .collect();
    let mut taken = vec![false; added.len()];
    let mut out = BTreeMap::new();
    for r in b
        .enums
        .iter()
        .filter(|e| !h.enums.iter().any(|x| x.name == e.name))
    {
        if let Some(k) = added
            .iter()
            .enumerate()
            .position(|(k, a)| !taken[k] && !r.values.is_empty() && values(r) == values(a))
        {
            taken[k] = true;
            out.insert(r.name.clone(), added[k].name.clone());
        }
    }
    out
}

/// BASE structs that disappeared while a HEAD struct with the same fields
/// appeared, or took the same body slot of the same endpoint.
pub(super) fn struct_renames(b: &Provider, h: &Provider) -> BTreeMap<String, String> {
    let shape = |s: &Struct| {
        s.fields
            .iter()
            .map(|f| (f.wire_name.clone(), display::spec_type(&f.ty), f.optional))
            .collect::<Vec<_>>()
    };
    let slots = |p: &Provider, name: &str| {
        let mut out = Vec::new();
        for e in &p.endpoints {
            if e.request.as_deref() == Some(name) {
                out.push(format!("{} request", e.name));
            }
            out.extend(
                e.responses
                    .iter()
                    .filter(|r| r.body == name)
                    .map(|r| format!("{} {}", e.name, r.status)),
            );
            out.extend(
                e.errors
                    .iter()
                    .filter(|x| x.body == name)
                    .map(|x| format!("{} {}", e.name, x.name)),
            );
        }
        out
    };
    let added: Vec<&Struct> = h
        .structs
        .iter()
        .filter(|s| !b.structs.iter().any(|x| x.name == s.name))
        .collect();
    let mut taken = vec![false; added.len()];
    let mut out = BTreeMap::new();
    for r in b
        .structs
        .iter()
        .filter(|s| !h.structs.iter().any(|x| x.name == s.name))
    {
        let r_slots = slots(b, &r.name);
        let found = added.iter().enumerate().position(|(k, a)| {
            let same_shape = !r.fields.is_empty() && shape(r) == shape(a);
            let same_slot = slots(h, &a.name).iter().any(|s| r_slots.contains(s));
            !taken[k] && (same_shape || same_slot)
        });
        if let Some(k) = found {
            taken[k] = true;
            out.insert(r.name.clone(), added[k].name.clone());
        }
    }
    out
}
