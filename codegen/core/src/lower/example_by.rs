//! Lowering `example_by:`: which documented example the sandbox answers a
//! call with (a response, by request values) or sends (a lifecycle
//! notification, by resource facts). Every example named must be one of
//! the body's, every `from` a request field or a fact (L100).

use super::lifecycle_calls::{body_type, parse_fact, FACT_HELP};
use super::{Sink, Src};
use crate::ir::{ExampleChoice, Fact, Provider, Type};
use crate::spec::model::{EndpointFile, ExampleBySpec};

/// The choice as written; its names are checked by [`check_responses`]
/// once every body is lowered.
pub(crate) fn unchecked(spec: &ExampleBySpec) -> ExampleChoice<String> {
    ExampleChoice {
        from: spec.from.clone(),
        examples: pairs(spec),
    }
}

fn pairs(spec: &ExampleBySpec) -> Vec<(String, String)> {
    spec.examples
        .iter()
        .map(|(value, example)| (value.clone(), example.clone()))
        .collect()
}

/// L100: every example named is one of struct `body`'s examples.
fn check_examples(
    provider: &Provider,
    body: &str,
    spec: &ExampleBySpec,
    src: Src<'_>,
    at: &str,
    sink: &mut Sink,
) {
    let names: Vec<&str> = provider
        .structs
        .iter()
        .find(|s| s.name == body)
        .map(|s| s.examples.iter().map(|e| e.name.as_str()).collect())
        .unwrap_or_default();
    if spec.from.is_empty() || spec.examples.is_empty() {
        sink.error(
            src.loc(at),
            "L100",
            "`example_by` needs at least one `from` and one `examples` entry".to_owned(),
            "list where the choosing values are read and which example each value picks",
        );
    }
    for (value, example) in &spec.examples {
        if !names.contains(&example.as_str()) {
            sink.error(
                src.loc(&format!("{at}.examples.{value}")),
                "L100",
                format!("`{example}` is not an example of `{body}`"),
                format!("name one of: {}", names.join(", ")),
            );
        }
    }
}

/// L100 on every endpoint file: `example_by` only on responses, naming the
/// response's examples and scalar request-body fields.
pub(crate) fn check_responses(
    provider: &Provider,
    files: &[(Src<'_>, &EndpointFile)],
    sink: &mut Sink,
) {
    // By name: a search per file made this quadratic in the endpoints.
    let endpoints: std::collections::HashMap<&str, &crate::ir::Endpoint> = provider
        .endpoints
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    for (src, file) in files {
        let elsewhere = file
            .request
            .iter()
            .map(|b| ("request".to_owned(), b))
            .chain(file.errors.iter().map(|(n, b)| (format!("errors.{n}"), b)));
        for (key, b) in elsewhere {
            if b.example_by.is_some() {
                sink.error(
                    src.loc(&format!("{key}.example_by")),
                    "L100",
                    format!("`{key}` has `example_by`, which only response bodies take"),
                    "move it to the response the sandbox answers, or drop it",
                );
            }
        }
        let Some(endpoint) = endpoints.get(file.name.as_str()) else {
            continue;
        };
        for (status, b) in &file.responses {
            let Some(spec) = &b.example_by else { continue };
            let at = format!("responses.{status}.example_by");
            check_examples(provider, &b.type_name, spec, *src, &at, sink);
            let request = endpoint.request.as_deref();
            for (i, path) in spec.from.iter().enumerate() {
                let scalar = matches!(
                    body_type(provider, request, path),
                    Some(Type::String | Type::Enum(_) | Type::Integer | Type::Boolean)
                );
                if !scalar {
                    sink.error(
                        src.loc(&format!("{at}.from[{i}]")),
                        "L100",
                        format!(
                            "`{path}` is not a scalar field of `{}`'s request body",
                            file.name
                        ),
                        "give the dotted path of a string, enum, integer or boolean request field",
                    );
                }
            }
        }
    }
}

/// A lifecycle notification's `example_by`, its `from` read as resource facts.
pub(crate) fn for_notification(
    provider: &Provider,
    body: &str,
    spec: &ExampleBySpec,
    src: Src<'_>,
    at: &str,
    sink: &mut Sink,
) -> ExampleChoice<Fact> {
    check_examples(provider, body, spec, src, at, sink);
    let mut from = Vec::new();
    for (i, fact) in spec.from.iter().enumerate() {
        match parse_fact(fact) {
            Some(f) => from.push(f),
            None => sink.error(
                src.loc(&format!("{at}.from[{i}]")),
                "L100",
                format!("`{fact}` is not a resource fact"),
                FACT_HELP,
            ),
        }
    }
    ExampleChoice {
        from,
        examples: pairs(spec),
    }
}
