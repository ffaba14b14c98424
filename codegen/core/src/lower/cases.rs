//! Conformance cases (`cases:`) checked against the endpoint they belong to:
//! one outcome each, request values that are values of the request type,
//! the wire method and path of the endpoint, JSON that parses (L033).
//! `payspec lint` also warns on an endpoint without any case
//! ([`coverage`], W006); generating does not, so a spec grows its cases
//! without noise in every build.

use std::collections::HashSet;

use serde_json::Value;

use super::names::is_snake;
use super::Sink;
use crate::diagnostic::Diagnostic;
use crate::ir::{Case, CaseErrorKind, Endpoint, EndpointKind, Ir, Provider, Type, WireKind};

/// W006 for every endpoint of `ir` without a conformance case.
pub fn coverage(ir: &Ir) -> Vec<Diagnostic> {
    let mut sink = Sink::default();
    for e in ir.providers.iter().flat_map(|p| &p.endpoints) {
        if e.kind == EndpointKind::Endpoint && e.cases.is_empty() {
            sink.warn(
                e.loc.clone(),
                "W006",
                format!("endpoint `{}` has no conformance cases", e.name),
                "add `cases:` (spec/README.md, \"Conformance cases\"): a request case, a response case and an error path",
            );
        }
    }
    sink.diags
}

/// Checks every case of every endpoint of `p`.
pub(crate) fn check(p: &Provider, sink: &mut Sink) {
    for e in &p.endpoints {
        let mut names = HashSet::new();
        for case in &e.cases {
            let mut problems = Vec::new();
            if !is_snake(&case.spec.name) {
                problems.push(format!("case name `{}` is not snake_case", case.spec.name));
            }
            if !names.insert(case.spec.name.as_str()) {
                problems.push(format!("two cases are named `{}`", case.spec.name));
            }
            problems.extend(problems_of(p, e, case));
            for problem in problems {
                sink.error(
                    case.loc.clone(),
                    "L033",
                    format!("case `{}` of `{}`: {problem}", case.spec.name, e.name),
                    "see spec/README.md, \"Conformance cases\"",
                );
            }
        }
    }
}

fn problems_of(p: &Provider, e: &Endpoint, case: &Case) -> Vec<String> {
    let c = &case.spec;
    let mut out = Vec::new();
    let validation = c
        .error
        .as_ref()
        .is_some_and(|err| err.kind == CaseErrorKind::Validation);
    match (&c.wire, &c.response) {
        (Some(_), None) if c.error.is_none() && c.decoded.is_none() => {}
        (None, Some(_)) if (c.decoded.is_some()) != (c.error.is_some()) && !validation => {}
        (None, None) if validation && c.decoded.is_none() => {}
        _ => out.push(
            "give `wire` (a request case), `response` with `decoded` or a non-validation \
             `error` (a response case), or a `validation` error alone"
                .to_owned(),
        ),
    }

    // The request body: present exactly when the endpoint has one, and of
    // its type unless the case is about refusing it.
    match (&e.request, &c.request.body) {
        (Some(root), Some(text)) => match serde_json::from_str::<Value>(text) {
            Ok(v) if !validation => out.extend(value_problems(
                p,
                &Type::Struct(root.clone()),
                &v,
                "request.body",
                &[],
            )),
            Ok(_) => {}
            Err(err) => out.push(format!("request.body is not JSON: {err}")),
        },
        (Some(_), None) => out.push("the endpoint has a request body; give `request.body`".into()),
        (None, Some(_)) => out.push("the endpoint has no request body".into()),
        (None, None) => {}
    }
    let declared: Vec<&str> = e.path_params.iter().map(|f| f.wire_name.as_str()).collect();
    let given: Vec<&str> = c.request.path_params.keys().map(String::as_str).collect();
    if declared != given {
        out.push(format!(
            "request.path_params names {given:?}; the endpoint's are {declared:?}"
        ));
    }

    if let Some(wire) = &c.wire {
        if let Some(method) = e.method.filter(|m| *m != wire.method) {
            out.push(format!(
                "wire.method is {:?}; the endpoint's is {method:?}",
                wire.method
            ));
        }
        // Literal segments must match; a parameter's segment is its value
        // percent-encoded, which the runner checks byte for byte.
        let template = e.path.clone().unwrap_or_default();
        let (want, got): (Vec<&str>, Vec<&str>) = (
            template.split('/').collect(),
            wire.path.split('/').collect(),
        );
        let matches = want.len() == got.len()
            && want
                .iter()
                .zip(&got)
                .all(|(w, g)| w.starts_with('{') || w == g);
        if !matches {
            out.push(format!(
                "wire.path `{}` is not the endpoint's `{template}`",
                wire.path
            ));
        }
        if let Some(Err(err)) = wire.body.as_deref().map(serde_json::from_str::<Value>) {
            out.push(format!("wire.body is not JSON: {err}"));
        }
    }
    if let Some(Err(err)) = c.decoded.as_deref().map(serde_json::from_str::<Value>) {
        out.push(format!("decoded is not JSON: {err}"));
    }
    if let Some(r) = &c.response {
        if !(100..=599).contains(&r.status) {
            out.push(format!(
                "response.status {} is not an HTTP status",
                r.status
            ));
        }
    }
    out
}

/// Where `v` is not a value of `ty`: unknown members, values outside an
/// enum, wrong JSON kinds (`also_accepts` allowed).
fn value_problems(p: &Provider, ty: &Type, v: &Value, at: &str, also: &[WireKind]) -> Vec<String> {
    let kind_ok = |wanted: bool, kind: WireKind| wanted || also.contains(&kind);
    let ok = match ty {
        Type::String | Type::Decimal => kind_ok(v.is_string(), WireKind::String),
        Type::Integer | Type::AmountIdr => kind_ok(v.is_i64(), WireKind::Integer),
        Type::Boolean => kind_ok(v.is_boolean(), WireKind::Boolean),
        Type::Json => true,
        Type::Enum(name) => {
            let Some(text) = v.as_str() else {
                return vec![format!("{at} is not a string (enum {name})")];
            };
            let known = p
                .enums
                .iter()
                .find(|en| &en.name == name)
                .is_some_and(|en| en.values.iter().any(|value| value.wire == text));
            if !known {
                return vec![format!("{at} is `{text}`, not a value of enum {name}")];
            }
            true
        }
        Type::Array(inner) => {
            let Some(items) = v.as_array() else {
                return vec![format!("{at} is not an array")];
            };
            return items
                .iter()
                .enumerate()
                .flat_map(|(i, item)| value_problems(p, inner, item, &format!("{at}[{i}]"), &[]))
                .collect();
        }
        Type::Struct(name) => {
            let (Some(s), Some(map)) = (p.structs.iter().find(|s| &s.name == name), v.as_object())
            else {
                return vec![format!("{at} is not an object ({name})")];
            };
            let mut out = Vec::new();
            for f in s.fields.iter().filter(|f| !f.optional) {
                if !map.contains_key(&f.wire_name) && !f.aliases.iter().any(|a| map.contains_key(a))
                {
                    out.push(format!(
                        "{at}.{} is missing (mandatory in {name})",
                        f.wire_name
                    ));
                }
            }
            for (key, member) in map {
                let field = s
                    .fields
                    .iter()
                    .find(|f| &f.wire_name == key || f.aliases.contains(key));
                match field {
                    Some(f) => out.extend(value_problems(
                        p,
                        &f.ty,
                        member,
                        &format!("{at}.{key}"),
                        &f.also_accepts,
                    )),
                    None => out.push(format!("{at}.{key} is not a field of {name}")),
                }
            }
            return out;
        }
    };
    if ok {
        Vec::new()
    } else {
        vec![format!("{at} is not a value of type {ty:?}")]
    }
}
