//! Enums: every documented value plus an `Unknown(String)` fallback, so a
//! value the provider adds later never breaks deserialisation.

use super::text::{str_lit, Call, Code};
use super::{decode, doc, ident, Ctx, EmitError};
use crate::ir::Enum;

pub(crate) fn emit(ctx: &Ctx<'_>, e: &Enum) -> Result<String, EmitError> {
    let item = format!("enum {}", e.name);
    let name = ident(&e.name).map_err(|m| ctx.err(&item, m))?.to_string();
    if e.values.is_empty() {
        return Err(ctx.err(&item, "an enum needs at least one documented value"));
    }
    let mut variants = Vec::new();
    for v in &e.values {
        if v.rust_name == "Unknown" {
            return Err(ctx.err(
                &item,
                format!(
                    "value {:?} is named `Unknown`, which is the fallback variant",
                    v.wire
                ),
            ));
        }
        variants.push(
            ident(&v.rust_name)
                .map_err(|m| ctx.err(&item, m))?
                .to_string(),
        );
    }
    let wires: Vec<String> = e.values.iter().map(|v| str_lit(&v.wire)).collect();

    let mut text = vec![doc::md(&e.doc)];
    text.push(format!(
        "A value the docs do not list arrives as [`{0}::Unknown`] instead of failing; \
         in a request it is reported by `validate()`. Non-exhaustive: a value documented \
         later becomes a new variant, so `match` with a wildcard arm.",
        e.name
    ));
    if let Some(d) = &e.discrepancy {
        text.push(doc::discrepancy(d));
    }

    let mut c = Code::new();
    c.doc(&doc::paragraphs(text));
    c.line("#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    // A value the provider documents later becomes a new variant; callers'
    // `match`es must already have a wildcard arm, so that is not breaking.
    c.line("#[non_exhaustive]");
    c.open(&format!("pub enum {name} {{"));
    for (v, variant) in e.values.iter().zip(&variants) {
        let spelled = match v.aliases.as_slice() {
            [] => format!("`{:?}`", v.wire),
            aliases => format!(
                "`{:?}` (also received as {}; always sent as `{:?}`)",
                v.wire,
                aliases
                    .iter()
                    .map(|a| format!("`{a:?}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                v.wire
            ),
        };
        c.doc(&doc::paragraphs([spelled, doc::md(&v.doc)]));
        c.line(&format!("{variant},"));
    }
    c.line("/// A value the docs do not list, kept as received.");
    c.line("Unknown(String),");
    c.close("}");

    c.open(&format!("impl {name} {{"));
    c.line("/// The documented wire values, in the docs' order.");
    c.list(
        "pub const VALUES: &'static [&'static str] = &[",
        &wires,
        "",
        "];",
    );
    c.line("/// The value as sent on the wire.");
    c.open("pub fn as_str(&self) -> &str {");
    c.open("match self {");
    for (variant, wire) in variants.iter().zip(&wires) {
        c.arm(&format!("Self::{variant}"), &Call::plain(wire.clone()));
    }
    c.line("Self::Unknown(value) => value,");
    c.close("}");
    c.close("}");
    c.close("}");

    for (from, scrutinee, fallback) in [
        ("&str", "value", "other => Self::Unknown(other.to_owned()),"),
        ("String", "value.as_str()", "_ => Self::Unknown(value),"),
    ] {
        c.open(&format!("impl From<{from}> for {name} {{"));
        c.open(&format!("fn from(value: {from}) -> Self {{"));
        c.open(&format!("match {scrutinee} {{"));
        for ((variant, wire), v) in variants.iter().zip(&wires).zip(&e.values) {
            // Other spellings of the value decode to it.
            let pattern = std::iter::once(wire.clone())
                .chain(v.aliases.iter().map(|a| str_lit(a)))
                .collect::<Vec<_>>()
                .join(" | ");
            c.arm(&pattern, &Call::plain(format!("Self::{variant}")));
        }
        c.line(fallback);
        c.close("}");
        c.close("}");
        c.close("}");
    }

    c.open(&format!("impl std::fmt::Display for {name} {{"));
    c.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    c.line("f.write_str(self.as_str())");
    c.close("}");
    c.close("}");

    c.open(&format!("impl serde::Serialize for {name} {{"));
    c.open("fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {");
    c.line("serializer.serialize_str(self.as_str())");
    c.close("}");
    c.close("}");

    // Borrows the wire value: a documented one is matched without allocating.
    decode::deserialize_via(&mut c, &name, "deserialize_wire_enum");

    c.open(&format!(
        "impl payspec_runtime::wire::WireEnum for {name} {{"
    ));
    c.open("fn as_wire(&self) -> &str {");
    c.line("self.as_str()");
    c.close("}");
    c.open("fn is_unknown(&self) -> bool {");
    c.line("matches!(self, Self::Unknown(_))");
    c.close("}");
    c.open("fn documented(&self) -> &'static [&'static str] {");
    c.line("Self::VALUES");
    c.close("}");
    c.close("}");
    Ok(c.finish())
}
