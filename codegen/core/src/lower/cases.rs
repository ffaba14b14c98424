//! Conformance cases (`cases:`) checked against the endpoint they belong to:
//! one outcome each, request values that are values of the request type,
//! the wire method and path of the endpoint, JSON that parses (L033).
//! Cases of a notification (L070–L074) are checked against its body type
//! and its provider's notification recipe. `payspec lint` also warns on an
//! endpoint without any case (W006), and on a notification without cases or
//! an endpoint or notification with fewer than three or no error path
//! ([`coverage`], W011); generating does not, so a spec grows its cases
//! without noise in every build.

use std::collections::HashSet;

use serde_json::Value;

use super::names::is_snake;
use super::Sink;
use crate::diagnostic::Diagnostic;
use crate::ir::{Case, CaseErrorKind, Endpoint, EndpointKind, Ir, Provider, Type, WireKind};
use payspec_signing::recipe::{Line, Recipe, Source, Template};

/// The fewest cases an endpoint or notification should have.
pub const MIN_CASES: usize = 3;

/// W006 for every endpoint of `ir` without a conformance case; W011 for a
/// notification without one, and for an endpoint or notification with
/// fewer than `MIN_CASES` (three) or no error path.
pub fn coverage(ir: &Ir) -> Vec<Diagnostic> {
    let mut sink = Sink::default();
    for e in ir.providers.iter().flat_map(|p| &p.endpoints) {
        let what = match e.kind {
            EndpointKind::Endpoint => "endpoint",
            EndpointKind::Notification => "notification",
        };
        if e.cases.is_empty() {
            let code = match e.kind {
                EndpointKind::Endpoint => "W006",
                EndpointKind::Notification => "W011",
            };
            let help = match e.kind {
                EndpointKind::Endpoint => "add `cases:` (spec/README.md, \"Conformance cases\"): a request case, a response case and an error path",
                EndpointKind::Notification => "add `cases:` (spec/README.md, \"Conformance cases\"): a notification verified and decoded, and refused ones (a tampered byte)",
            };
            sink.warn(
                e.loc.clone(),
                code,
                format!("{what} `{}` has no conformance cases", e.name),
                help,
            );
            continue;
        }
        let errors = e.cases.iter().filter(|c| c.spec.error.is_some()).count();
        if e.cases.len() < MIN_CASES || errors == 0 {
            sink.warn(
                e.loc.clone(),
                "W011",
                format!(
                    "{what} `{}` has {} conformance case(s), {errors} of them an error path",
                    e.name,
                    e.cases.len()
                ),
                "give at least three cases, at least one of them an error path",
            );
        }
    }
    sink.diags
}

/// Checks every case of every endpoint and notification of `p`.
pub(crate) fn check(p: &Provider, sink: &mut Sink) {
    for e in &p.endpoints {
        let mut names = HashSet::new();
        for case in &e.cases {
            let mut problems = Vec::new();
            if !is_snake(&case.spec.name) {
                problems.push((
                    "L033",
                    format!("case name `{}` is not snake_case", case.spec.name),
                ));
            }
            if !names.insert(case.spec.name.as_str()) {
                problems.push(("L033", format!("two cases are named `{}`", case.spec.name)));
            }
            match e.kind {
                EndpointKind::Endpoint => {
                    problems.extend(problems_of(p, e, case).into_iter().map(|m| ("L033", m)))
                }
                EndpointKind::Notification => problems.extend(notification_problems(p, e, case)),
            }
            for (code, problem) in problems {
                sink.error(
                    case.loc.clone(),
                    code,
                    format!("case `{}` of `{}`: {problem}", case.spec.name, e.name),
                    "see spec/README.md, \"Conformance cases\"",
                );
            }
        }
    }
}

/// What is wrong with a notification's case, each with its code: shape
/// (L070), the body of a notification that passes its signature check
/// against the notification type (L071), the target,
/// headers and freshness against the scheme's notification recipe (L072),
/// the error kind (L073), the decoded value (L074).
fn notification_problems(p: &Provider, e: &Endpoint, case: &Case) -> Vec<(&'static str, String)> {
    let c = &case.spec;
    let mut out = Vec::new();
    let request_given = c.request != crate::spec::model::CaseRequestSpec::default();
    if request_given || c.wire.is_some() || c.response.is_some() {
        out.push((
            "L070",
            "a notification case has no `request`, `wire` or `response`; give `notification`"
                .to_owned(),
        ));
    }
    let Some(n) = &c.notification else {
        out.push((
            "L070",
            "give `notification` (what arrives) with `decoded` or `error`".to_owned(),
        ));
        return out;
    };
    if c.decoded.is_some() == c.error.is_some() {
        out.push((
            "L070",
            "give exactly one outcome: `decoded` or `error`".to_owned(),
        ));
    }

    let body = serde_json::from_str::<Value>(&n.body);
    // A body refused for its signature or its shape may be anything (a
    // tampered byte, a missing signature member); one that passes the
    // signature check must be of the type.
    let passes_signature = !matches!(&c.error, Some(err) if err.kind != CaseErrorKind::Stale);
    match (&body, &e.request) {
        (_, _) if !passes_signature => {}
        (Err(err), _) => out.push(("L071", format!("notification.body is not JSON: {err}"))),
        (Ok(v), Some(root)) => out.extend(
            value_problems(p, &Type::Struct(root.clone()), v, "notification.body", &[])
                .into_iter()
                .map(|m| ("L071", m)),
        ),
        (Ok(_), None) => {}
    }

    let recipe = p.auth.recipes.notification.as_ref();
    let signs_target = recipe.is_some_and(|r| {
        reads_input(r, "target", |s| matches!(s, Source::Target))
            || reads_input(r, "target_with_query", |s| {
                matches!(s, Source::TargetWithQuery)
            })
    });
    let signs_time =
        recipe.is_some_and(|r| r.values.iter().any(|v| matches!(v.source, Source::Now(_))));
    match (signs_target, &n.target) {
        (true, None) => out.push((
            "L072",
            "the notification recipe signs the target: give `notification.target`".to_owned(),
        )),
        (false, Some(_)) => out.push((
            "L072",
            "the notification recipe signs no target: delete `notification.target`".to_owned(),
        )),
        _ => {}
    }
    for header in recipe.into_iter().flat_map(|r| r.headers.iter()) {
        let given = n
            .headers
            .keys()
            .any(|k| k.eq_ignore_ascii_case(&header.name));
        if !given && !matches!(&c.error, Some(err) if err.kind == CaseErrorKind::Signature) {
            out.push((
                "L072",
                format!(
                    "notification.headers lacks `{}`, which the recipe reads",
                    header.name
                ),
            ));
        }
    }
    if n.max_age_secs.is_some() && !signs_time {
        out.push((
            "L072",
            "the notification recipe signs no timestamp: delete `notification.max_age_secs`"
                .to_owned(),
        ));
    }

    if let Some(err) = &c.error {
        match err.kind {
            CaseErrorKind::Signature => {}
            CaseErrorKind::Decode if err.path.is_some() => {}
            CaseErrorKind::Decode => {
                out.push(("L073", "a `decode` error names its `path`".to_owned()))
            }
            CaseErrorKind::Stale if n.max_age_secs.is_some() => {}
            CaseErrorKind::Stale => out.push((
                "L073",
                "a `stale` error needs `notification.max_age_secs`".to_owned(),
            )),
            kind @ (CaseErrorKind::Validation | CaseErrorKind::Api) => out.push((
                "L073",
                format!("a notification is refused with `signature`, `decode` or `stale`, not `{kind:?}`"),
            )),
        }
        if err.kind != CaseErrorKind::Validation && !err.paths.is_empty()
            || err.kind != CaseErrorKind::Api && (err.status.is_some() || err.code.is_some())
        {
            out.push((
                "L073",
                "`paths` belong to `validation` errors, `status` and `code` to `api` errors"
                    .to_owned(),
            ));
        }
    }
    if let Some(decoded) = &c.decoded {
        match (serde_json::from_str::<Value>(decoded), &e.request) {
            (Err(err), _) => out.push(("L074", format!("decoded is not JSON: {err}"))),
            (Ok(v), Some(root)) => out.extend(
                value_problems(p, &Type::Struct(root.clone()), &v, "decoded", &[])
                    .into_iter()
                    .map(|m| ("L074", m)),
            ),
            (Ok(_), None) => {}
        }
    }
    out
}

/// Whether `recipe` reads the message input `name` (`target`): as a value's
/// source, or as `{name}` in any template.
fn reads_input(recipe: &Recipe, name: &str, is_source: impl Fn(&Source) -> bool) -> bool {
    let in_template = |t: &Template| t.references().any(|r| r == name);
    let in_lines = |lines: &[Line]| lines.iter().any(|l| in_template(&l.template));
    recipe.values.iter().any(|v| {
        is_source(&v.source)
            || match &v.source {
                Source::Template(t) => in_template(t),
                Source::Lines(lines) => in_lines(lines),
                Source::Join { parts, .. } => in_lines(parts),
                _ => false,
            }
    }) || recipe
        .headers
        .iter()
        .chain(recipe.fields.iter())
        .any(|o| in_template(&o.template))
}

fn problems_of(p: &Provider, e: &Endpoint, case: &Case) -> Vec<String> {
    let c = &case.spec;
    let mut out = Vec::new();
    if c.notification.is_some() {
        out.push("`notification` belongs to a notification's cases".to_owned());
    }
    if c.error
        .as_ref()
        .is_some_and(|err| err.kind == CaseErrorKind::Stale)
    {
        out.push("`stale` is an error of a notification".to_owned());
    }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::coverage;
    use crate::spec::model::{CaseErrorKind, CaseErrorSpec};

    /// The loader's good fixture (its sources live one directory up from
    /// the core crate's manifest).
    fn acme() -> crate::ir::Ir {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/good");
        crate::lower::load_dir(&dir)
            .expect("the good fixture loads")
            .ir
    }

    fn warnings(ir: &crate::ir::Ir) -> Vec<(String, String)> {
        coverage(ir)
            .into_iter()
            .map(|d| (d.code.to_string(), d.message))
            .collect()
    }

    #[test]
    fn a_notification_without_cases_is_w011_and_an_endpoint_w006() {
        let found = warnings(&acme());
        assert!(found.contains(&(
            "W011".to_owned(),
            "notification `payment_notification` has no conformance cases".to_owned()
        )));
        assert!(found.contains(&(
            "W006".to_owned(),
            "endpoint `card_payment` has no conformance cases".to_owned()
        )));
    }

    #[test]
    fn fewer_than_three_cases_or_no_error_path_is_w011() {
        let mut ir = acme();
        let real =
            crate::lower::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec"))
                .expect("spec/ loads")
                .ir;
        // Borrow real cases: two that are not error paths, then three with
        // one error path.
        let cases: Vec<_> = real
            .providers
            .iter()
            .flat_map(|p| &p.endpoints)
            .flat_map(|e| &e.cases)
            .filter(|c| c.spec.error.is_none())
            .take(3)
            .cloned()
            .collect();
        let notification = ir.providers[0]
            .endpoints
            .iter_mut()
            .find(|e| e.name == "payment_notification")
            .expect("the fixture's notification");
        notification.cases = cases[..2].to_vec();
        let found = warnings(&ir);
        assert!(found.contains(&(
            "W011".to_owned(),
            "notification `payment_notification` has 2 conformance case(s), 0 of them an error path"
                .to_owned()
        )), "{found:?}");

        let notification = ir.providers[0]
            .endpoints
            .iter_mut()
            .find(|e| e.name == "payment_notification")
            .expect("the fixture's notification");
        notification.cases = cases.clone();
        notification.cases[2].spec.error = Some(CaseErrorSpec {
            kind: CaseErrorKind::Signature,
            status: None,
            code: None,
            path: None,
            paths: Vec::new(),
        });
        let found = warnings(&ir);
        assert!(
            !found
                .iter()
                .any(|(_, m)| m.contains("payment_notification")),
            "{found:?}"
        );
    }
}
