//! OpenAPI 3.1 export of every provider: one YAML document, built from the IR.
//!
//! Layout: each provider's environments are the `servers` of its path items
//! (so providers with different hosts share one document); endpoints are
//! operations (`operationId` = `<provider>_<endpoint>`, tag `<provider>.<area>`);
//! notifications are `webhooks`; enums and structs are component schemas
//! named `<provider>.<Type>`. What JSON Schema cannot say (cross-field rules,
//! decision tables, contradictions in the docs) travels in `x-payspec-*`
//! extensions. Output is deterministic: it follows IR order, which is sorted.

mod format;
mod operation;
mod schema;
mod security;
#[cfg(feature = "docs")] // only the docs emitter draws decision tables
pub(crate) mod words;
mod yaml;

use serde_yaml::{Mapping, Value};

pub use format::{pattern as format_pattern, DECIMAL_PATTERN};
pub use schema::component_name;
pub use security::{basic_credentials, computed_header, shape, summary as auth_summary};

use crate::ir::{Decision, DecisionMatch, DecisionType, EndpointKind, Indexed, Ir, Scope};
use schema::{put, s};

/// Why the IR could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum OpenApiError {
    /// A body sample is not valid JSON.
    #[error("{provider}: example `{example}` of `{structure}` is not valid JSON: {message}")]
    BadExample {
        /// Provider name.
        provider: String,
        /// Struct the example belongs to.
        structure: String,
        /// Example name.
        example: String,
        /// The JSON parser's message.
        message: String,
    },
    /// Two types of one provider would get the same component name.
    #[error("{provider}: two types named `{name}` would share the component schema name `{provider}.{name}`")]
    DuplicateSchema {
        /// Provider name.
        provider: String,
        /// Type name.
        name: String,
    },
    /// Two operations claim the same path and method, or two providers the same path.
    #[error("{provider}: `{method} {path}` of endpoint `{endpoint}` clashes with another endpoint's path")]
    PathClash {
        /// Provider name.
        provider: String,
        /// Endpoint name.
        endpoint: String,
        /// HTTP method.
        method: String,
        /// Path.
        path: String,
    },
    /// An endpoint lacks its method or path.
    #[error("{provider}: endpoint `{endpoint}` has no {missing}")]
    Incomplete {
        /// Provider name.
        provider: String,
        /// Endpoint name.
        endpoint: String,
        /// `method` or `path`.
        missing: &'static str,
    },
}

/// Renders the OpenAPI 3.1 document of every provider in `ir` as YAML.
pub fn render(ir: &Ir) -> Result<String, OpenApiError> {
    let doc = document(ir)?;
    Ok(yaml::to_string(&doc))
}

/// Builds the document as a YAML value.
fn document(ir: &Ir) -> Result<Value, OpenApiError> {
    let mut root = Mapping::new();
    put(&mut root, "openapi", "3.1.0");
    put(&mut root, "info", info(ir));

    let mut tags = Vec::new();
    let mut paths = Mapping::new();
    let mut webhooks = Mapping::new();
    let mut schemas = Mapping::new();
    let mut security_schemes = Mapping::new();
    let mut decisions = Vec::new();
    let mut discrepancies = Vec::new();

    for provider in &ir.providers {
        let (provider_schemes, requirement) = security::schemes(provider);
        for (name, scheme) in provider_schemes {
            put(&mut security_schemes, &name, scheme);
        }
        let duplicate = |name: &str| OpenApiError::DuplicateSchema {
            provider: provider.name.clone(),
            name: name.to_owned(),
        };
        for e in &provider.enums {
            let name = component_name(&provider.name, &e.name);
            if schemas.contains_key(name.as_str()) {
                return Err(duplicate(&e.name));
            }
            put(&mut schemas, &name, schema::enum_schema(e));
        }
        for st in &provider.structs {
            let name = component_name(&provider.name, &st.name);
            if schemas.contains_key(name.as_str()) {
                return Err(duplicate(&st.name));
            }
            put(&mut schemas, &name, schema::struct_schema(provider, st)?);
        }
        let mut areas: Vec<&str> = provider.endpoints.iter().map(|e| e.area.as_str()).collect();
        areas.dedup();
        for area in areas {
            let mut tag = Mapping::new();
            put(&mut tag, "name", operation::tag(provider, area));
            put(
                &mut tag,
                "description",
                format!("{}: {area}.", provider.title),
            );
            tags.push(Value::Mapping(tag));
        }
        let indexed = Indexed::new(provider);
        for endpoint in &provider.endpoints {
            match endpoint.kind {
                EndpointKind::Endpoint => {
                    operation::add_path(&mut paths, &indexed, endpoint, &requirement)?
                }
                EndpointKind::Notification => {
                    let (method, item) = operation::webhook(&indexed, endpoint);
                    let mut path_item = Mapping::new();
                    put(&mut path_item, method, item);
                    put(
                        &mut webhooks,
                        &format!("{}_{}", provider.name, endpoint.name),
                        Value::Mapping(path_item),
                    );
                }
            }
        }
        decisions.extend(
            provider
                .decisions
                .iter()
                .map(|d| decision(&provider.name, d)),
        );
        for d in &provider.discrepancies {
            let mut entry = Mapping::new();
            put(&mut entry, "provider", provider.name.as_str());
            if let Value::Mapping(note) = schema::discrepancy(d) {
                entry.extend(note);
            }
            discrepancies.push(Value::Mapping(entry));
        }
    }

    put(&mut root, "tags", Value::Sequence(tags));
    put(&mut root, "paths", Value::Mapping(paths));
    if !webhooks.is_empty() {
        put(&mut root, "webhooks", Value::Mapping(webhooks));
    }
    let mut components = Mapping::new();
    put(&mut components, "schemas", Value::Mapping(schemas));
    put(
        &mut components,
        "securitySchemes",
        Value::Mapping(security_schemes),
    );
    put(&mut root, "components", Value::Mapping(components));
    if !decisions.is_empty() {
        put(&mut root, "x-payspec-decisions", Value::Sequence(decisions));
    }
    if !discrepancies.is_empty() {
        put(
            &mut root,
            "x-payspec-discrepancies",
            Value::Sequence(discrepancies),
        );
    }
    Ok(Value::Mapping(root))
}

fn info(ir: &Ir) -> Value {
    let mut info = Mapping::new();
    let titles: Vec<&str> = ir.providers.iter().map(|p| p.title.as_str()).collect();
    put(
        &mut info,
        "title",
        format!("payspec: {}", titles.join(", ")),
    );
    put(&mut info, "version", env!("CARGO_PKG_VERSION"));
    let mut description = String::from(
        "Generated by payspec from its YAML specs; do not edit. Operations are grouped by provider and area; \
         each provider's environments are the servers of its paths.\n",
    );
    for p in &ir.providers {
        description.push_str(&format!(
            "\n- {} (`{}`): {}",
            p.title,
            p.name,
            p.doc.trim_end()
        ));
    }
    put(&mut info, "description", description);
    Value::Mapping(info)
}

fn decision_type(t: &DecisionType) -> Value {
    match t {
        DecisionType::Boolean => s("boolean"),
        DecisionType::Enum(name) => s(name.as_str()),
    }
}

/// A decision table as an `x-payspec-decisions` entry.
fn decision(provider: &str, d: &Decision) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "provider", provider);
    put(&mut map, "name", d.name.as_str());
    put(
        &mut map,
        "scope",
        match &d.scope {
            Scope::Provider => "provider".to_owned(),
            Scope::Area(a) => a.clone(),
        },
    );
    put(&mut map, "description", d.doc.as_str());
    put(&mut map, "source", d.source.as_str());
    let inputs = d
        .inputs
        .iter()
        .map(|i| {
            let mut input = Mapping::new();
            put(&mut input, "name", i.name.as_str());
            put(&mut input, "type", decision_type(&i.ty));
            put(&mut input, "optional", i.optional);
            put(&mut input, "description", i.doc.as_str());
            Value::Mapping(input)
        })
        .collect();
    put(&mut map, "inputs", Value::Sequence(inputs));
    put(&mut map, "output", decision_type(&d.output));
    let rows = d
        .rows
        .iter()
        .map(|row| {
            let mut when = Mapping::new();
            for (index, m) in &row.when {
                let name = d
                    .inputs
                    .get(*index)
                    .map_or_else(|| format!("#{index}"), |i| i.name.clone());
                let mut test = Mapping::new();
                let (key, values) = match m {
                    DecisionMatch::AnyOf(v) => ("any_of", v),
                    DecisionMatch::NoneOf(v) => ("none_of", v),
                };
                put(
                    &mut test,
                    key,
                    Value::Sequence(values.iter().map(schema::literal).collect()),
                );
                put(&mut when, &name, Value::Mapping(test));
            }
            let mut r = Mapping::new();
            put(&mut r, "when", Value::Mapping(when));
            put(&mut r, "then", schema::literal(&row.then));
            Value::Mapping(r)
        })
        .collect();
    put(&mut map, "rows", Value::Sequence(rows));
    if let Some(o) = &d.otherwise {
        put(&mut map, "otherwise", schema::literal(o));
    }
    Value::Mapping(map)
}
