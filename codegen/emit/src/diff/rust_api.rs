//! The effect of a spec change on the generated Rust public API.
//!
//! Computed from the IR with the generator's naming rules: structs and their
//! fields (`Option<_>` unless mandatory), `new(..)` constructors of request
//! structs (mandatory fields without a default are its arguments, in field
//! order), enums and their variants (the `Unknown(String)` fallback is always
//! there and not listed), decision functions, and environment variants.
//! Items live at `payspec::<provider>::<area>::Item` for area items and
//! `payspec::<provider>::Item` for provider items.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ir::{Decision, DecisionType, Ir, Scope, Type};

/// What sort of Rust item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RustItemKind {
    /// A struct.
    Struct,
    /// A public struct field.
    Field,
    /// A request struct's `new(..)`.
    Constructor,
    /// An enum.
    Enum,
    /// An enum variant.
    Variant,
    /// A decision function.
    Function,
    /// A variant of a provider's `Environment`.
    Environment,
}

/// One public item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RustItem {
    /// What sort of item.
    pub kind: RustItemKind,
    /// Full path (`payspec::doku::cards::CardRefundRequest::amount`).
    pub path: String,
    /// How it reads (`payspec::doku::cards::CardRefundRequest::amount: Idr`).
    pub signature: String,
}

/// An item present on both sides whose signature changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RustSignatureChange {
    /// What sort of item.
    pub kind: RustItemKind,
    /// Full path.
    pub path: String,
    /// Signature in BASE.
    pub before: String,
    /// Signature in HEAD.
    pub after: String,
}

/// Items added, removed and changed, each sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RustApiDiff {
    /// Only in HEAD.
    pub added: Vec<RustItem>,
    /// Only in BASE.
    pub removed: Vec<RustItem>,
    /// In both, with another signature.
    pub changed: Vec<RustSignatureChange>,
}

impl RustApiDiff {
    /// No effect on the Rust API.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The module path of an item (`payspec::doku::cards::CardRefundRequest`).
pub fn rust_path(provider: &str, scope: &Scope, name: &str) -> String {
    match scope {
        Scope::Provider => format!("payspec::{provider}::{name}"),
        Scope::Area(area) => format!("payspec::{provider}::{area}::{name}"),
    }
}

/// The Rust type of a field type, as the generated code writes it.
pub fn rust_type(ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Integer => "i64".into(),
        Type::Boolean => "bool".into(),
        Type::AmountIdr => "Idr".into(),
        Type::Decimal => "Decimal".into(),
        Type::Json => "serde_json::Value".into(),
        Type::Enum(n) | Type::Struct(n) => n.clone(),
        Type::Array(inner) => format!("Vec<{}>", rust_type(inner)),
    }
}

fn decision_type(ty: &DecisionType) -> String {
    match ty {
        DecisionType::Boolean => "bool".into(),
        DecisionType::Enum(n) => n.clone(),
    }
}

fn option(ty: String, optional: bool) -> String {
    if optional {
        format!("Option<{ty}>")
    } else {
        ty
    }
}

fn decision_params(d: &Decision) -> String {
    let inputs: Vec<String> = d
        .inputs
        .iter()
        .map(|i| format!("{}: {}", i.name, option(decision_type(&i.ty), i.optional)))
        .collect();
    format!(
        "({}) -> {}",
        inputs.join(", "),
        option(decision_type(&d.output), d.otherwise.is_none())
    )
}

/// A decision's signature without its module path (`fn can_refund(channel: Channel) -> bool`).
pub fn decision_signature(d: &Decision) -> String {
    format!("fn {}{}", d.name, decision_params(d))
}

/// Every public item the IR generates, by kind and path.
pub fn api_items(ir: &Ir) -> BTreeMap<(RustItemKind, String), RustItem> {
    let mut items = BTreeMap::new();
    let mut add = |kind: RustItemKind, path: String, signature: String| {
        items.insert(
            (kind, path.clone()),
            RustItem {
                kind,
                path,
                signature,
            },
        );
    };
    for p in &ir.providers {
        for e in &p.environments {
            let path = format!("payspec::{}::Environment::{}", p.name, e.rust_name);
            add(RustItemKind::Environment, path.clone(), path);
        }
        for e in &p.enums {
            let path = rust_path(&p.name, &e.scope, &e.name);
            add(RustItemKind::Enum, path.clone(), format!("enum {path}"));
            for v in &e.values {
                let vp = format!("{path}::{}", v.rust_name);
                add(RustItemKind::Variant, vp.clone(), vp);
            }
        }
        for s in &p.structs {
            let path = rust_path(&p.name, &s.scope, &s.name);
            add(RustItemKind::Struct, path.clone(), format!("struct {path}"));
            for f in &s.fields {
                let fp = format!("{path}::{}", f.rust_name);
                let sig = format!("{fp}: {}", option(rust_type(&f.ty), f.optional));
                add(RustItemKind::Field, fp, sig);
            }
            if s.roles.request {
                let args: Vec<String> = s
                    .fields
                    .iter()
                    .filter(|f| !f.optional && f.default.is_none())
                    .map(|f| format!("{}: {}", f.rust_name, rust_type(&f.ty)))
                    .collect();
                let np = format!("{path}::new");
                let sig = format!("{np}({}) -> Self", args.join(", "));
                add(RustItemKind::Constructor, np, sig);
            }
        }
        for d in &p.decisions {
            let path = rust_path(&p.name, &d.scope, &d.name);
            let sig = format!("fn {path}{}", decision_params(d));
            add(RustItemKind::Function, path, sig);
        }
    }
    items
}

/// Compare the public items of BASE and HEAD.
pub fn diff_rust_api(base: &Ir, head: &Ir) -> RustApiDiff {
    let (b, h) = (api_items(base), api_items(head));
    let mut out = RustApiDiff::default();
    for (key, item) in &b {
        match h.get(key) {
            None => out.removed.push(item.clone()),
            Some(hi) if hi.signature != item.signature => out.changed.push(RustSignatureChange {
                kind: item.kind,
                path: item.path.clone(),
                before: item.signature.clone(),
                after: hi.signature.clone(),
            }),
            Some(_) => {}
        }
    }
    out.added = h
        .iter()
        .filter(|(k, _)| !b.contains_key(*k))
        .map(|(_, v)| v.clone())
        .collect();
    let by_path = |a: &RustItem, b: &RustItem| a.path.cmp(&b.path).then(a.kind.cmp(&b.kind));
    out.added.sort_by(by_path);
    out.removed.sort_by(by_path);
    out.changed
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.kind.cmp(&b.kind)));
    out
}
