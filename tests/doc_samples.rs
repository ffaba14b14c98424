//! Every JSON body the provider docs show deserialises into its generated
//! type and serialises back to the same JSON value.
//!
//! Driven by data: the samples are the `examples` of the IR loaded from
//! `spec/`, and each is run through the generated `ENDPOINTS` entry of the
//! endpoint that uses its struct (request bodies through the validating
//! check, responses by status, error bodies by name).

use std::collections::BTreeSet;
use std::path::Path;

use payspec::registry::{BodyFn, EndpointInfo};
use payspec_codegen::ir::{Endpoint, Ir, Provider, Struct, Type, WireKind};
use serde_json::Value;

fn ir() -> Ir {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    match payspec_codegen::lower::load_dir(&dir) {
        Ok(loaded) => loaded.ir,
        Err(problems) => panic!("spec/ does not load:\n{problems}"),
    }
}

fn registry(provider: &str) -> &'static [EndpointInfo] {
    match provider {
        "doku" => payspec::doku::ENDPOINTS,
        "midtrans" => payspec::midtrans::ENDPOINTS,
        "biller" => payspec::biller::ENDPOINTS,
        other => panic!("no generated module for provider `{other}`"),
    }
}

/// One sample's outcome.
struct Checked {
    /// `provider/endpoint/role/Struct/example`.
    label: String,
    /// The sample as the docs print it, with the spec's documented wire
    /// leniencies applied (see [`expected`]).
    expected: Value,
    /// What the generated type keeps, or why it refused.
    result: Result<Value, String>,
}

/// The value a round trip must give for `sample` of struct `s`: equal to
/// the sample, except where a field's spec says `also_accepts` another JSON
/// kind (a discrepancy between the docs' table and sample); such a value is
/// kept in the field's declared type, and each conversion is recorded in
/// `applied` so the test can assert exactly which ones happen.
fn expected(
    p: &Provider,
    s: &Struct,
    sample: &Value,
    path: &str,
    applied: &mut Vec<String>,
) -> Value {
    let Value::Object(map) = sample else {
        return sample.clone();
    };
    let mut out = map.clone();
    for f in &s.fields {
        let Some(value) = map.get(&f.wire_name) else {
            continue;
        };
        let here = format!("{path}.{}", f.wire_name);
        out.insert(
            f.wire_name.clone(),
            expected_value(p, &f.ty, &f.also_accepts, value, &here, applied),
        );
    }
    Value::Object(out)
}

fn expected_value(
    p: &Provider,
    ty: &Type,
    also: &[WireKind],
    value: &Value,
    path: &str,
    applied: &mut Vec<String>,
) -> Value {
    match (ty, value) {
        (Type::Struct(name), Value::Object(_)) => {
            let s = p
                .structs
                .iter()
                .find(|s| &s.name == name)
                .expect("struct in IR");
            expected(p, s, value, path, applied)
        }
        (Type::Array(inner), Value::Array(items)) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| expected_value(p, inner, also, v, &format!("{path}[{i}]"), applied))
                .collect(),
        ),
        (Type::String, Value::Number(n)) if also.contains(&WireKind::Integer) => {
            applied.push(format!("{path}: integer {n} kept as string \"{n}\""));
            Value::String(n.to_string())
        }
        _ => value.clone(),
    }
}

fn run(
    p: &Provider,
    body: BodyFn,
    s: &Struct,
    label: &str,
    out: &mut Vec<Checked>,
    applied: &mut Vec<String>,
) {
    for example in &s.examples {
        let sample: Value = serde_json::from_str(&example.json)
            .unwrap_or_else(|e| panic!("{label}/{}: the sample is not JSON: {e}", example.name));
        let label = format!("{label}/{}/{}", s.name, example.name);
        let expected = expected(p, s, &sample, &label, applied);
        out.push(Checked {
            label,
            expected,
            result: body(example.json.as_bytes()).map_err(|e| e.to_string()),
        });
    }
}

fn check_endpoint(
    provider: &Provider,
    e: &Endpoint,
    info: &EndpointInfo,
    seen: &mut BTreeSet<(String, String)>,
    out: &mut Vec<Checked>,
    applied: &mut Vec<String>,
) {
    let label = format!("{}/{}", provider.name, e.name);
    let find = |name: &str| {
        provider
            .structs
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("{label}: no struct {name}"))
    };
    let mut note = |s: &Struct| {
        for example in &s.examples {
            seen.insert((s.name.clone(), example.name.clone()));
        }
    };
    if let Some(request) = &e.request {
        let body = info
            .request
            .unwrap_or_else(|| panic!("{label}: ENDPOINTS has no request check"));
        let s = find(request);
        note(s);
        run(provider, body, s, &format!("{label}/request"), out, applied);
    }
    for r in &e.responses {
        let body = info
            .responses
            .iter()
            .find(|(status, _)| *status == r.status)
            .unwrap_or_else(|| panic!("{label}: ENDPOINTS has no HTTP {} decoder", r.status))
            .1;
        let s = find(&r.body);
        note(s);
        run(
            provider,
            body,
            s,
            &format!("{label}/{}", r.status),
            out,
            applied,
        );
    }
    for er in &e.errors {
        let body = info
            .errors
            .iter()
            .find(|(name, _)| *name == er.name)
            .unwrap_or_else(|| panic!("{label}: ENDPOINTS has no `{}` error decoder", er.name))
            .1;
        let s = find(&er.body);
        note(s);
        run(
            provider,
            body,
            s,
            &format!("{label}/error {}", er.name),
            out,
            applied,
        );
    }
}

#[test]
fn every_doc_sample_round_trips_through_its_generated_type() {
    let ir = ir();
    let mut checked = Vec::new();
    let mut applied = Vec::new();
    let mut in_ir = 0;
    for provider in &ir.providers {
        let endpoints = registry(&provider.name);
        assert_eq!(
            endpoints.len(),
            provider.endpoints.len(),
            "{}: ENDPOINTS and the spec list different endpoints",
            provider.name
        );
        let mut seen = BTreeSet::new();
        for e in &provider.endpoints {
            let info = endpoints
                .iter()
                .find(|i| i.name == e.name)
                .unwrap_or_else(|| panic!("{}: no ENDPOINTS entry `{}`", provider.name, e.name));
            check_endpoint(provider, e, info, &mut seen, &mut checked, &mut applied);
        }
        let examples: usize = provider.structs.iter().map(|s| s.examples.len()).sum();
        assert_eq!(
            seen.len(),
            examples,
            "{}: samples on structs no endpoint uses as a body are not checked",
            provider.name
        );
        in_ir += examples;
    }
    let distinct: BTreeSet<&str> = checked.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        distinct.len(),
        checked.len(),
        "each sample checked once per role"
    );
    // A struct that is both a response and an error body (the biller's
    // envelope) has its samples checked in both roles.
    assert_eq!(
        checked.len(),
        in_ir + shared_role_samples(&ir),
        "samples checked"
    );
    assert_eq!(
        in_ir, 77,
        "samples in spec/ (update when the docs gain samples)"
    );

    // The one documented discrepancy that makes exact equality impossible:
    // the biller's sample sends `transactionId` as the number 0 while the
    // field is text (spec: `also_accepts: [integer]`); the generated type
    // keeps it as the string "0". Checked in both roles of the envelope.
    let success = "biller/bill_cancel/{role}/BillCancelResult/success.data.transactionId: \
                   integer 0 kept as string \"0\"";
    assert_eq!(
        applied,
        [
            success.replace("{role}", "200"),
            success.replace("{role}", "error failed")
        ]
    );

    let mut failures = Vec::new();
    for c in &checked {
        match &c.result {
            Ok(kept) if *kept == c.expected => {}
            Ok(kept) => failures.push(format!(
                "{}: round trip differs\n  docs: {}\n  kept: {}",
                c.label, c.expected, kept
            )),
            Err(why) => failures.push(format!("{}: refused: {why}", c.label)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Samples counted twice because their struct serves two roles of one
/// endpoint (response and error body).
fn shared_role_samples(ir: &Ir) -> usize {
    let mut extra = 0;
    for p in &ir.providers {
        for e in &p.endpoints {
            let mut bodies: Vec<&str> = e.request.iter().map(String::as_str).collect();
            bodies.extend(e.responses.iter().map(|r| r.body.as_str()));
            bodies.extend(e.errors.iter().map(|er| er.body.as_str()));
            for (i, body) in bodies.iter().enumerate() {
                if bodies[..i].contains(body) {
                    let s = p
                        .structs
                        .iter()
                        .find(|s| s.name == *body)
                        .expect("struct in IR");
                    extra += s.examples.len();
                }
            }
        }
    }
    extra
}
