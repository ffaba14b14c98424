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
    let endpoints = payspec::registry::endpoints(provider);
    assert!(
        !endpoints.is_empty(),
        "no generated module for provider `{provider}`"
    );
    endpoints
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
/// kept in the field's declared type; and a member spelled as one of a
/// field's `aliases` comes back under the field's wire name. Each
/// conversion is recorded in `applied` so the test can assert exactly
/// which ones happen.
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
        let alias = f.aliases.iter().find(|a| map.contains_key(*a));
        let value = match (map.get(&f.wire_name), alias) {
            (Some(value), _) => value,
            (None, Some(alias)) => {
                applied.push(format!("{path}.{alias}: read as `{}`", f.wire_name));
                out.remove(alias);
                &map[alias]
            }
            (None, None) => continue,
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
        in_ir,
        samples_in_spec_files(),
        "every sample written in spec/ reaches the IR"
    );

    // The one documented discrepancy that makes exact equality impossible:
    // the biller's sample sends `transactionId` as the number 0 while the
    // field is text (spec: `also_accepts: [integer]`); the generated type
    // keeps it as the string "0". Checked in both roles of the envelope.
    let success = "biller/bill_cancel/{role}/BillCancelResult/success.data.transactionId: \
                   integer 0 kept as string \"0\"";
    // And DOKU's BCA VA notification sample spells `identifier` as
    // `identifer` (spec: `aliases: [identifer]`); it comes back spelled right.
    let identifer = "doku/virtual_account_notification/request/VirtualAccountNotification/\
                     bca_va.virtual_account_payment.identifer: read as `identifier`";
    assert_eq!(
        applied,
        [
            success.replace("{role}", "200"),
            success.replace("{role}", "error failed"),
            identifer.to_owned(),
        ]
    );

    let mut failures = Vec::new();
    for c in &checked {
        match &c.result {
            Ok(kept) if *kept == c.expected => {}
            Ok(kept) => {
                let mut paths = Vec::new();
                differences(&c.expected, kept, "", &mut paths);
                failures.push(format!(
                    "{}: does not serialise back to the docs' sample (spec/README.md, \
                     \"The round-trip rule\"):\n    {}",
                    c.label,
                    paths.join("\n    ")
                ));
            }
            Err(why) => failures.push(format!("{}: refused: {why}", c.label)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where `kept` (the sample after a trip through its generated type)
/// differs from `docs` (the sample), one line per JSON path, so a failure
/// names the key to add as a field rather than printing both bodies.
fn differences(docs: &Value, kept: &Value, path: &str, out: &mut Vec<String>) {
    let at = |key: &str| format!("{path}.{key}");
    match (docs, kept) {
        (Value::Object(d), Value::Object(k)) => {
            for (key, value) in d {
                match k.get(key) {
                    Some(other) => differences(value, other, &at(key), out),
                    None => out.push(format!(
                        "{}: in the sample but dropped: no field `{key}` on the body type \
                         (add it, or the sample is not of this body)",
                        at(key)
                    )),
                }
            }
            for (key, value) in k {
                if !d.contains_key(key) {
                    out.push(format!(
                        "{}: written back as {value} but not in the sample \
                         (a default, or a field that should be skipped when absent)",
                        at(key)
                    ));
                }
            }
        }
        (Value::Array(d), Value::Array(k)) if d.len() == k.len() => {
            for (i, (a, b)) in d.iter().zip(k).enumerate() {
                differences(a, b, &format!("{path}[{i}]"), out);
            }
        }
        _ if docs == kept => {}
        _ => out.push(format!(
            "{}: the sample has {docs}, written back as {kept}",
            if path.is_empty() { "." } else { path }
        )),
    }
}

#[test]
fn a_failed_round_trip_names_each_differing_path() {
    let docs = serde_json::json!({
        "order": {"invoice_number": "INV-1", "session_id": "S1"},
        "items": [{"price": 1}, {"price": 2}],
        "status": "SUCCESS"
    });
    let kept = serde_json::json!({
        "order": {"invoice_number": "INV-1", "currency": "IDR"},
        "items": [{"price": 1}, {"price": "2"}],
        "status": "SUCCESS"
    });
    let mut paths = Vec::new();
    differences(&docs, &kept, "", &mut paths);
    assert_eq!(
        paths,
        [
            ".items[1].price: the sample has 2, written back as \"2\"",
            ".order.session_id: in the sample but dropped: no field `session_id` on the body \
             type (add it, or the sample is not of this body)",
            ".order.currency: written back as \"IDR\" but not in the sample (a default, or a \
             field that should be skipped when absent)",
        ]
    );
    let mut none = Vec::new();
    differences(&docs, &docs, "", &mut none);
    assert!(none.is_empty(), "{none:?}");
}

/// The `examples:` written in the endpoint files under `spec/`, counted
/// from the files as parsed (before lowering), so a sample the lowering
/// dropped shows as a difference with the IR.
fn samples_in_spec_files() -> usize {
    use payspec_codegen::spec::{load, model::EndpointFile};
    fn walk(dir: &Path, total: &mut usize) {
        for entry in std::fs::read_dir(dir).expect("spec/ is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, total);
            } else if path.extension().is_some_and(|e| e == "yaml")
                && path.file_name().is_some_and(|n| n != "provider.yaml")
            {
                let bytes = std::fs::read(&path).expect("spec file is readable");
                let file = load::parse::<EndpointFile>(&path, &bytes, "an endpoint file")
                    .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
                    .value;
                *total += file
                    .request
                    .iter()
                    .chain(file.responses.values())
                    .chain(file.errors.values())
                    .map(|body| body.examples.len())
                    .sum::<usize>();
            }
        }
    }
    let mut total = 0;
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("spec"),
        &mut total,
    );
    assert!(total > 0, "spec/ has samples");
    total
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
