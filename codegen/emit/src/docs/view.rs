//! View models the templates render: Markdown-ready strings built from the IR.

use crate::ir::{
    Decision, DecisionType, Discrepancy, Enum, Field, Indexed, Literal, Presence, Provider, Scope,
    Struct, Type, WireKind,
};
use crate::openapi::words::decision_match;
use crate::words::{self, Style};

/// Escapes a table cell: pipes would end the cell, newlines the row.
pub fn cell(text: &str) -> String {
    text.trim_end()
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// The Rust path of a provider type (`payspec::doku::checkout::Order`).
pub fn rust_path(provider: &str, scope: &Scope, name: &str) -> String {
    match scope {
        Scope::Provider => format!("payspec::{provider}::{name}"),
        Scope::Area(area) => format!("payspec::{provider}::{area}::{name}"),
    }
}

/// A discrepancy note.
pub struct Note {
    /// What it concerns.
    pub about: String,
    /// The contradicting passages.
    pub quotes: Vec<String>,
    /// What payspec accepts.
    pub accepts: String,
    /// `file:line` of the note in the spec.
    pub location: String,
}

impl Note {
    /// From the IR.
    pub fn new(d: &Discrepancy) -> Note {
        Note {
            about: d.about.clone(),
            quotes: d.quotes.iter().map(|q| q.replace('\n', " ")).collect(),
            accepts: sentence(&d.accepts),
            location: format!("{}:{}", d.loc.file.display(), d.loc.line),
        }
    }
}

/// `text` ending in exactly one sentence-closing mark, for templates that
/// print it as a sentence.
fn sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?']) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}.")
    }
}

/// One row of a field or header table.
pub struct FieldRow {
    /// JSON path (`order.line_items[].price`) or header name.
    pub name: String,
    /// Type in words.
    pub ty: String,
    /// Presence.
    pub presence: String,
    /// Length, format, default, other wire types.
    pub limits: String,
    /// The docs' description.
    pub description: String,
}

/// A presence in words.
pub fn presence(p: Presence) -> &'static str {
    match p {
        Presence::Mandatory => "mandatory",
        Presence::Optional => "optional",
        Presence::Conditional => "conditional",
        Presence::Recommended => "recommended",
    }
}

/// A type in words, with enums linked to their table on the page.
pub fn type_words(ty: &Type) -> String {
    match ty {
        Type::String => "string".to_owned(),
        Type::Integer => "integer".to_owned(),
        Type::Boolean => "boolean".to_owned(),
        Type::AmountIdr => "integer (whole rupiah)".to_owned(),
        Type::Decimal => "decimal string".to_owned(),
        Type::Json => "any JSON".to_owned(),
        Type::Enum(name) => format!("enum [`{name}`](#{})", name.to_lowercase()),
        Type::Struct(name) => format!("object `{name}`"),
        Type::Array(item) => format!("array of {}", type_words(item)),
    }
}

fn wire_kind(k: WireKind) -> &'static str {
    match k {
        WireKind::String => "string",
        WireKind::Integer => "integer",
        WireKind::Boolean => "boolean",
    }
}

/// Limits of a field in words.
pub fn limits(field: &Field) -> String {
    let mut parts = Vec::new();
    if let Some(length) = words::length(field.min_len, field.max_len) {
        parts.push(length);
    }
    if let Some(f) = field.format {
        parts.push(words::format(f).to_owned());
    }
    if let Some(d) = &field.default {
        parts.push(format!("default {}", words::value(d, Style::Code)));
    }
    if !field.also_accepts.is_empty() {
        let kinds: Vec<&str> = field.also_accepts.iter().map(|k| wire_kind(*k)).collect();
        parts.push(format!("also accepts {} on the wire", kinds.join(", ")));
    }
    if !field.aliases.is_empty() {
        parts.push(format!("also spelled `{}`", field.aliases.join("`, `")));
    }
    cell(&parts.join("; "))
}

fn description(field: &Field) -> String {
    let mut text = field.doc.trim_end().to_owned();
    if field.sensitive {
        text.push_str(" Sensitive: never printed by `Debug`.");
    }
    if field.discrepancy.is_some() {
        text.push_str(" The docs contradict themselves: see the discrepancy notes.");
    }
    cell(text.trim_start())
}

/// A header or path parameter row.
pub fn field_row(name: &str, field: &Field) -> FieldRow {
    FieldRow {
        name: format!("`{name}`"),
        ty: type_words(&field.ty),
        presence: presence(field.presence).to_owned(),
        limits: limits(field),
        description: description(field),
    }
}

/// What walking a body collects besides its rows.
#[derive(Default)]
pub struct Walk<'a> {
    /// Rows, depth first, in spec order.
    pub rows: Vec<FieldRow>,
    /// Enums met, first occurrence first.
    pub enums: Vec<&'a str>,
    /// Field discrepancies met.
    pub notes: Vec<&'a Discrepancy>,
}

/// The struct a type leads to, through arrays.
fn struct_of(ty: &Type) -> Option<&str> {
    match ty {
        Type::Struct(name) => Some(name),
        Type::Array(item) => struct_of(item),
        _ => None,
    }
}

fn enum_of(ty: &Type) -> Option<&str> {
    match ty {
        Type::Enum(name) => Some(name),
        Type::Array(item) => enum_of(item),
        _ => None,
    }
}

/// `[]` per array level.
fn array_suffix(ty: &Type) -> String {
    match ty {
        Type::Array(item) => format!("[]{}", array_suffix(item)),
        _ => String::new(),
    }
}

/// Walks `st` depth first, appending a row per field with its JSON path.
/// `stack` guards against recursive types.
pub fn walk<'a>(
    provider: &'a Indexed<'a>,
    st: &'a Struct,
    prefix: &str,
    stack: &mut Vec<&'a str>,
    out: &mut Walk<'a>,
) {
    stack.push(&st.name);
    for field in &st.fields {
        let name = format!("{prefix}{}", field.wire_name);
        out.rows.push(FieldRow {
            name: format!("`{name}`"),
            ty: type_words(&field.ty),
            presence: presence(field.presence).to_owned(),
            limits: limits(field),
            description: description(field),
        });
        if let Some(d) = &field.discrepancy {
            if !out.notes.contains(&d) {
                out.notes.push(d);
            }
        }
        if let Some(e) = enum_of(&field.ty) {
            if !out.enums.contains(&e) {
                out.enums.push(e);
            }
        }
        if let Some(child) = struct_of(&field.ty) {
            let found = provider.struct_named(child);
            if let Some(child_struct) = found.filter(|_| !stack.contains(&child)) {
                let prefix = format!("{name}{}.", array_suffix(&field.ty));
                walk(provider, child_struct, &prefix, stack, out);
            }
        }
    }
    stack.pop();
}

/// An enum and its values.
pub struct EnumView {
    /// Rust name, also the anchor.
    pub name: String,
    /// Rust path.
    pub rust_path: String,
    /// Doc.
    pub doc: String,
    /// (wire, Rust variant, doc).
    pub values: Vec<(String, String, String)>,
    /// Whether unknown values are refused before sending.
    pub closed: bool,
}

impl EnumView {
    /// From the IR.
    pub fn new(provider: &Provider, e: &Enum) -> EnumView {
        EnumView {
            name: e.name.clone(),
            rust_path: rust_path(&provider.name, &e.scope, &e.name),
            doc: e.doc.trim_end().to_owned(),
            values: e
                .values
                .iter()
                .map(|v| {
                    let doc = match v.aliases.as_slice() {
                        [] => v.doc.clone(),
                        aliases => format!(
                            "{} (also received as {}.)",
                            v.doc.trim_end(),
                            aliases
                                .iter()
                                .map(|a| format!("`{a}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    (v.wire.clone(), v.rust_name.clone(), cell(&doc))
                })
                .collect(),
            closed: e.in_request,
        }
    }
}

/// A decision table as a Markdown table.
pub struct DecisionView {
    /// Function name.
    pub name: String,
    /// Rust path of the function.
    pub rust_path: String,
    /// Doc.
    pub doc: String,
    /// The doc passage.
    pub source: String,
    /// Column headers: inputs then the output.
    pub header: Vec<String>,
    /// Cells per row.
    pub rows: Vec<Vec<String>>,
    /// Result when no row matches, if any.
    pub otherwise: Option<String>,
}

fn decision_type(t: &DecisionType) -> String {
    match t {
        DecisionType::Boolean => "bool".to_owned(),
        DecisionType::Enum(name) => name.clone(),
    }
}

fn literal_cell(lit: &Literal) -> String {
    words::value(lit, Style::Code)
}

impl DecisionView {
    /// From the IR.
    pub fn new(provider: &Provider, d: &Decision) -> DecisionView {
        let mut header: Vec<String> = d
            .inputs
            .iter()
            .map(|i| {
                let opt = if i.optional { ", optional" } else { "" };
                format!("`{}` ({}{opt})", i.name, decision_type(&i.ty))
            })
            .collect();
        header.push(format!("result ({})", decision_type(&d.output)));
        let rows = d
            .rows
            .iter()
            .map(|row| {
                let mut cells: Vec<String> = (0..d.inputs.len())
                    .map(|i| {
                        cell(&decision_match(
                            row.when.iter().find(|(idx, _)| *idx == i).map(|(_, m)| m),
                        ))
                    })
                    .collect();
                cells.push(literal_cell(&row.then));
                cells
            })
            .collect();
        DecisionView {
            name: d.name.clone(),
            rust_path: rust_path(&provider.name, &d.scope, &d.name),
            doc: d.doc.trim_end().to_owned(),
            source: d.source.replace('\n', " "),
            header,
            rows,
            otherwise: d.otherwise.as_ref().map(literal_cell),
        }
    }
}
