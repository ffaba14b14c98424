//! Operations (endpoints), webhooks (notifications) and their servers,
//! parameters and responses.

use serde_yaml::{Mapping, Value};

use super::schema::{self, put, reference, s};
use super::security::computed_header;
use super::OpenApiError;
use crate::ir::{
    CallHeader, Endpoint, Environment, ErrorBody, Field, Header, HttpMethod, Indexed, Provider,
};

/// Header names OpenAPI ignores as parameters (they are expressed by
/// security schemes and media types instead).
const IGNORED_HEADERS: [&str; 3] = ["Authorization", "Accept", "Content-Type"];

/// The tag of a provider's area (`doku.cards`).
pub fn tag(provider: &Provider, area: &str) -> String {
    format!("{}.{area}", provider.name)
}

fn method_name(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::GET => "get",
        HttpMethod::POST => "post",
    }
}

/// `{name}` placeholders of a URL template, in order.
fn placeholders(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out
}

/// A server per environment. An environment the docs give no URL for
/// becomes a `{base_url}` template whose variable says so.
fn server(provider: &Provider, env: &Environment) -> Value {
    let mut map = Mapping::new();
    let url = if env.base_url.trim().is_empty() {
        "{base_url}".to_owned()
    } else {
        env.base_url.clone()
    };
    let mut description = format!("{} {}", provider.title, env.name);
    if let Some(doc) = &env.doc {
        description.push_str(": ");
        description.push_str(doc.trim_end());
    }
    let mut variables = Mapping::new();
    for name in placeholders(&url) {
        let mut var = Mapping::new();
        put(&mut var, "default", "https://example.invalid");
        put(
            &mut var,
            "description",
            format!(
                "The docs give no URL for the {} {} environment; use the one {} gives you.",
                provider.title, env.name, provider.title
            ),
        );
        put(&mut variables, name, Value::Mapping(var));
    }
    put(&mut map, "url", url);
    put(&mut map, "description", description);
    if !variables.is_empty() {
        put(&mut map, "variables", Value::Mapping(variables));
    }
    Value::Mapping(map)
}

fn servers(provider: &Provider) -> Value {
    Value::Sequence(
        provider
            .environments
            .iter()
            .map(|e| server(provider, e))
            .collect(),
    )
}

/// The schema of a parameter or header: the field's schema without its
/// description, which goes on the parameter.
fn bare_schema(provider: &Provider, field: &Field) -> Value {
    let mut value = schema::field_schema(&provider.name, field);
    if let Value::Mapping(map) = &mut value {
        map.remove("description");
    }
    value
}

fn header_parameter(provider: &Provider, header: &Header) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "name", header.wire_name.as_str());
    put(&mut map, "in", "header");
    let computed = computed_header(provider, &header.wire_name);
    let mut description = header.field.doc.trim_end().to_owned();
    if let Some(how) = &computed {
        if !description.is_empty() {
            description.push(' ');
        }
        description.push_str(&format!("Computed by the payspec client: {how}."));
    }
    if !description.is_empty() {
        put(&mut map, "description", description);
    }
    put(&mut map, "required", !header.field.optional);
    put(&mut map, "schema", bare_schema(provider, &header.field));
    if computed.is_some() {
        put(&mut map, "x-payspec-computed", true);
    }
    Value::Mapping(map)
}

/// An optional per-call header (`call_headers:`) with its documented limits:
/// a comma-separated list is an array in OpenAPI's `simple` style.
fn call_header_parameter(header: &CallHeader) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "name", header.wire_name.as_str());
    put(&mut map, "in", "header");
    put(&mut map, "description", header.doc.trim_end());
    put(&mut map, "required", false);
    let string = |max: Option<usize>| {
        let mut schema = Mapping::new();
        put(&mut schema, "type", "string");
        put(&mut schema, "minLength", 1u64);
        // What the runtime sends: printable ASCII only.
        put(&mut schema, "pattern", "^[ -~]+$");
        if let Some(max) = max {
            put(&mut schema, "maxLength", max as u64);
        }
        schema
    };
    let schema = match header.list {
        Some((',', max_items, item_max)) => {
            put(&mut map, "style", "simple");
            put(&mut map, "explode", false);
            let mut schema = Mapping::new();
            put(&mut schema, "type", "array");
            put(&mut schema, "minItems", 1u64);
            put(&mut schema, "maxItems", max_items as u64);
            put(&mut schema, "items", Value::Mapping(string(item_max)));
            schema
        }
        // Another separator has no OpenAPI style: the whole value, as text.
        _ => string(header.max_length),
    };
    put(&mut map, "schema", Value::Mapping(schema));
    put(&mut map, "x-payspec-call-header", true);
    Value::Mapping(map)
}

fn path_parameter(provider: &Provider, field: &Field) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "name", field.wire_name.as_str());
    put(&mut map, "in", "path");
    if !field.doc.is_empty() {
        put(&mut map, "description", field.doc.trim_end());
    }
    put(&mut map, "required", true);
    put(&mut map, "schema", bare_schema(provider, field));
    Value::Mapping(map)
}

fn json_content(schema: Value) -> Value {
    let mut media = Mapping::new();
    put(&mut media, "schema", schema);
    let mut content = Mapping::new();
    put(&mut content, "application/json", Value::Mapping(media));
    Value::Mapping(content)
}

fn response_headers(provider: &Provider) -> Option<Value> {
    let mut headers = Mapping::new();
    for h in &provider.response_headers {
        if IGNORED_HEADERS
            .iter()
            .any(|i| i.eq_ignore_ascii_case(&h.wire_name))
        {
            continue;
        }
        let mut map = Mapping::new();
        if !h.field.doc.is_empty() {
            put(&mut map, "description", h.field.doc.trim_end());
        }
        put(&mut map, "required", !h.field.optional);
        put(&mut map, "schema", bare_schema(provider, &h.field));
        put(&mut headers, &h.wire_name, Value::Mapping(map));
    }
    (!headers.is_empty()).then_some(Value::Mapping(headers))
}

/// Responses by status, plus the documented error bodies as `default`
/// (the IR does not say which status an error body comes with).
fn responses(provider: &Indexed<'_>, endpoint: &Endpoint, with_headers: bool) -> Mapping {
    let headers = if with_headers {
        response_headers(provider)
    } else {
        None
    };
    let mut map = Mapping::new();
    for r in &endpoint.responses {
        let mut response = Mapping::new();
        put(
            &mut response,
            "description",
            body_description(provider, &r.body),
        );
        if let Some(h) = &headers {
            put(&mut response, "headers", h.clone());
        }
        put(
            &mut response,
            "content",
            json_content(reference(&provider.name, &r.body)),
        );
        put(&mut map, &r.status.to_string(), Value::Mapping(response));
    }
    // An error body whose status the docs give, and which no documented
    // response uses, is that status's response; the others (no status, or
    // one shared with a success body, as Midtrans's not-found under HTTP
    // 200) are the `default` response, their status named in its text.
    let (own, shared): (Vec<&ErrorBody>, Vec<&ErrorBody>) = endpoint.errors.iter().partition(|e| {
        e.status
            .is_some_and(|s| !endpoint.responses.iter().any(|r| r.status == s))
    });
    let mut statuses: Vec<u16> = own.iter().filter_map(|e| e.status).collect();
    statuses.dedup();
    for status in statuses {
        let here: Vec<&ErrorBody> = own
            .iter()
            .copied()
            .filter(|e| e.status == Some(status))
            .collect();
        let response = error_response(provider, &here, headers.as_ref());
        put(&mut map, &status.to_string(), response);
    }
    if !shared.is_empty() {
        let response = error_response(provider, &shared, headers.as_ref());
        put(&mut map, "default", response);
    }
    map
}

/// The response for error bodies that share one status (or `default`).
fn error_response(provider: &Indexed<'_>, errors: &[&ErrorBody], headers: Option<&Value>) -> Value {
    let names: Vec<String> = errors
        .iter()
        .map(|e| match e.status {
            Some(status) => format!("`{}` (`{}`, under HTTP {status})", e.name, e.body),
            None => format!("`{}` (`{}`)", e.name, e.body),
        })
        .collect();
    let schema = match errors {
        [one] => reference(&provider.name, &one.body),
        many => {
            let mut any = Mapping::new();
            put(
                &mut any,
                "anyOf",
                Value::Sequence(
                    many.iter()
                        .map(|e| reference(&provider.name, &e.body))
                        .collect(),
                ),
            );
            Value::Mapping(any)
        }
    };
    let mut response = Mapping::new();
    put(
        &mut response,
        "description",
        format!("Error bodies the docs show: {}.", names.join(", ")),
    );
    if let Some(h) = headers {
        put(&mut response, "headers", h.clone());
    }
    put(&mut response, "content", json_content(schema));
    Value::Mapping(response)
}

/// A response's description: the body struct's doc and name.
fn body_description(provider: &Indexed<'_>, body: &str) -> String {
    match provider.struct_named(body).map(|s| s.doc.trim_end()) {
        Some(doc) if !doc.is_empty() => format!("`{body}`: {doc}"),
        _ => format!("`{body}`"),
    }
}

fn description(endpoint: &Endpoint) -> String {
    let mut text = endpoint.doc.as_deref().unwrap_or("").trim_end().to_owned();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&format!("Specified from {}.", endpoint.docs_cited()));
    text
}

fn request_body(provider: &Indexed<'_>, endpoint: &Endpoint) -> Option<Value> {
    endpoint.request.as_ref().map(|body| {
        let mut map = Mapping::new();
        put(&mut map, "required", true);
        put(
            &mut map,
            "content",
            json_content(reference(&provider.name, body)),
        );
        Value::Mapping(map)
    })
}

/// Adds an endpoint's operation to `paths`, with the provider's servers on
/// its path item.
pub fn add_path(
    paths: &mut Mapping,
    provider: &Indexed<'_>,
    endpoint: &Endpoint,
    security: &Value,
) -> Result<(), OpenApiError> {
    let incomplete = |missing| OpenApiError::Incomplete {
        provider: provider.name.clone(),
        endpoint: endpoint.name.clone(),
        missing,
    };
    let method = method_name(endpoint.method.ok_or_else(|| incomplete("method"))?);
    let path = endpoint.path.as_deref().ok_or_else(|| incomplete("path"))?;
    let clash = || OpenApiError::PathClash {
        provider: provider.name.clone(),
        endpoint: endpoint.name.clone(),
        method: method.to_uppercase(),
        path: path.to_owned(),
    };

    let mut op = Mapping::new();
    put(
        &mut op,
        "operationId",
        format!("{}_{}", provider.name, endpoint.name),
    );
    put(
        &mut op,
        "tags",
        Value::Sequence(vec![s(tag(provider, &endpoint.area))]),
    );
    put(&mut op, "summary", endpoint.summary.trim_end());
    put(&mut op, "description", description(endpoint));
    let mut parameters: Vec<Value> = endpoint
        .path_params
        .iter()
        .map(|f| path_parameter(provider, f))
        .collect();
    parameters.extend(
        provider
            .request_headers
            .iter()
            .filter(|h| {
                !IGNORED_HEADERS
                    .iter()
                    .any(|i| i.eq_ignore_ascii_case(&h.wire_name))
            })
            .map(|h| header_parameter(provider, h)),
    );
    let upper = method.to_uppercase();
    parameters.extend(
        provider
            .call_headers
            .iter()
            .filter(|h| h.methods.is_empty() || h.methods.contains(&upper))
            .map(call_header_parameter),
    );
    if !parameters.is_empty() {
        put(&mut op, "parameters", Value::Sequence(parameters));
    }
    if let Some(body) = request_body(provider, endpoint) {
        put(&mut op, "requestBody", body);
    }
    let responses = responses(provider, endpoint, true);
    if !responses.is_empty() {
        put(&mut op, "responses", Value::Mapping(responses));
    }
    put(&mut op, "security", security.clone());

    let item = paths.entry(s(path)).or_insert_with(|| {
        let mut item = Mapping::new();
        put(&mut item, "servers", servers(provider));
        put(&mut item, "x-payspec-provider", provider.name.as_str());
        Value::Mapping(item)
    });
    let Value::Mapping(item) = item else {
        return Err(clash());
    };
    let same_provider =
        item.get("x-payspec-provider").and_then(Value::as_str) == Some(provider.name.as_str());
    if !same_provider || item.contains_key(method) {
        return Err(clash());
    }
    put(item, method, Value::Mapping(op));
    Ok(())
}

/// A notification as a webhook operation: (method, operation).
pub fn webhook(provider: &Indexed<'_>, endpoint: &Endpoint) -> (&'static str, Value) {
    let mut op = Mapping::new();
    put(
        &mut op,
        "operationId",
        format!("{}_{}", provider.name, endpoint.name),
    );
    put(
        &mut op,
        "tags",
        Value::Sequence(vec![s(tag(provider, &endpoint.area))]),
    );
    put(&mut op, "summary", endpoint.summary.trim_end());
    put(
        &mut op,
        "description",
        format!(
            "{} sends this to the merchant's notification URL. {}",
            provider.title,
            description(endpoint)
        ),
    );
    if let Some(body) = request_body(provider, endpoint) {
        put(&mut op, "requestBody", body);
    }
    let responses = responses(provider, endpoint, false);
    if !responses.is_empty() {
        put(&mut op, "responses", Value::Mapping(responses));
    }
    (
        method_name(endpoint.method.unwrap_or(HttpMethod::POST)),
        Value::Mapping(op),
    )
}
