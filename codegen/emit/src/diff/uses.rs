//! Where structs and enums are reached from endpoint bodies.
//!
//! A change to a struct is reported per endpoint that reaches it, with the
//! JSON path from that body's root, and classified by the side it is on: a
//! field becoming mandatory breaks request builders but not response readers.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{EndpointKind, Provider, Roles, Type};

/// Which way data flows for one use of a struct or enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// Built by callers and sent to the provider (an endpoint's request body).
    Request,
    /// Read by callers: a response, an error body or a notification body.
    Response,
}

/// One place a struct or enum is reached from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Use {
    /// The endpoint or notification, or `None` when no body reaches the item.
    pub endpoint: Option<String>,
    /// Request or response side.
    pub side: Side,
    /// For a struct: JSON path of the struct from the body root (empty for
    /// the request body itself; `response[200]` for a response body; the
    /// struct name when no body reaches it). For an enum: the field's path.
    pub path: String,
}

/// Every use of every struct and enum of one provider.
#[derive(Debug, Default)]
pub struct Uses {
    structs: BTreeMap<String, Vec<Use>>,
    enums: BTreeMap<String, Vec<Use>>,
}

/// Append a field name to a path.
pub fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Deepest nesting followed; guards against self-referencing structs.
const MAX_DEPTH: usize = 16;

impl Uses {
    /// Walk every body of every endpoint of `provider`.
    pub fn of(provider: &Provider) -> Uses {
        let mut uses = Uses::default();
        for ep in &provider.endpoints {
            if let Some(req) = &ep.request {
                let side = match ep.kind {
                    EndpointKind::Endpoint => Side::Request,
                    EndpointKind::Notification => Side::Response,
                };
                uses.walk(
                    provider,
                    &ep.name,
                    side,
                    req,
                    String::new(),
                    &mut Vec::new(),
                );
            }
            for r in &ep.responses {
                let label = format!("response[{}]", r.status);
                uses.walk(
                    provider,
                    &ep.name,
                    Side::Response,
                    &r.body,
                    label,
                    &mut Vec::new(),
                );
            }
            for e in &ep.errors {
                let label = format!("error[{}]", e.name);
                uses.walk(
                    provider,
                    &ep.name,
                    Side::Response,
                    &e.body,
                    label,
                    &mut Vec::new(),
                );
            }
        }
        for list in uses.structs.values_mut().chain(uses.enums.values_mut()) {
            let unique: BTreeSet<Use> = list.drain(..).collect();
            list.extend(unique);
        }
        uses
    }

    fn walk(
        &mut self,
        provider: &Provider,
        endpoint: &str,
        side: Side,
        name: &str,
        path: String,
        stack: &mut Vec<String>,
    ) {
        if stack.len() >= MAX_DEPTH || stack.iter().any(|s| s == name) {
            return;
        }
        self.structs.entry(name.to_owned()).or_default().push(Use {
            endpoint: Some(endpoint.to_owned()),
            side,
            path: path.clone(),
        });
        let Some(st) = provider.structs.iter().find(|s| s.name == name) else {
            return;
        };
        stack.push(name.to_owned());
        for field in &st.fields {
            let (leaf, array) = match &field.ty {
                Type::Array(inner) => (inner.as_ref(), true),
                other => (other, false),
            };
            let mut field_path = join(&path, &field.wire_name);
            if array {
                field_path.push_str("[]");
            }
            match leaf {
                Type::Struct(inner) => {
                    self.walk(provider, endpoint, side, inner, field_path, stack);
                }
                Type::Enum(e) => self.enums.entry(e.clone()).or_default().push(Use {
                    endpoint: Some(endpoint.to_owned()),
                    side,
                    path: field_path,
                }),
                _ => {}
            }
        }
        stack.pop();
    }

    /// Uses of a struct; a single endpoint-less use named after the struct
    /// when no body reaches it.
    pub fn of_struct(&self, name: &str, roles: Roles) -> Vec<Use> {
        match self.structs.get(name) {
            Some(list) if !list.is_empty() => list.clone(),
            _ => vec![Use {
                endpoint: None,
                side: if roles.request {
                    Side::Request
                } else {
                    Side::Response
                },
                path: name.to_owned(),
            }],
        }
    }

    /// Uses of an enum through struct fields (empty when only decisions or
    /// headers use it).
    pub fn of_enum(&self, name: &str) -> &[Use] {
        self.enums.get(name).map(Vec::as_slice).unwrap_or(&[])
    }
}
