//! Decoding of generated structs: a `payspec_runtime::wire::WireStruct` impl that
//! matches each object key to its field, and a one-line `Deserialize` impl
//! calling the runtime's shared visitor.
//!
//! Written out instead of `#[derive(serde::Deserialize)]` because the derive
//! expands to a field enum with its own visitor and a second (sequence)
//! visitor per struct, which dominated the compile time of the generated
//! crate (BENCHMARKS.md, section 3). Behaviour matches the derive for
//! objects: same error texts, unknown keys ignored, optional fields absent
//! or `null` → `None`.

use super::text::{str_lit, Call, Code};
use super::{ident, types::is_lenient, Ctx, EmitError};
use crate::ir::Struct;

pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct, c: &mut Code) -> Result<(), EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let expecting = str_lit(&format!("struct {}", s.name));
    let mut field_names = Vec::new();
    for f in &s.fields {
        let field_item = format!("struct {}, field {}", s.name, f.wire_name);
        let field = ident(&f.rust_name).map_err(|m| ctx.err(&field_item, m))?;
        field_names.push(field.to_string());
    }
    // The locals holding each field's value are named after the fields, so
    // the map and key variables take names no field has.
    let map = unused_name("map", &field_names);
    let key = unused_name("key", &field_names);
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for (f, field) in s.fields.iter().zip(&field_names) {
        let wire = str_lit(&f.wire_name);
        let read = match (f.also_accepts.is_empty(), f.optional) {
            (true, _) => "value",
            (false, optional) => {
                if !is_lenient(&f.ty) {
                    return Err(ctx.err(
                        format!("struct {}, field {}", s.name, f.wire_name),
                        "`also_accepts` is only supported on string, integer, boolean and amount fields",
                    ));
                }
                if optional {
                    "lenient_opt"
                } else {
                    "lenient"
                }
            }
        };
        let mut pattern = wire.clone();
        for alias in &f.aliases {
            pattern.push_str(" | ");
            pattern.push_str(&str_lit(alias));
        }
        arms.push((
            pattern,
            Call::method(
                &map,
                &format!(".{read}("),
                vec![
                    Call::plain(format!("&mut {field}")),
                    Call::plain(wire.clone()),
                ],
                ")?",
            ),
        ));
        let init = if f.optional {
            Call::function(
                "payspec_runtime::wire::optional(".to_owned(),
                vec![Call::plain(field.clone())],
                ")",
            )
        } else {
            Call::method(
                &map,
                ".required(",
                vec![Call::plain(field.clone()), Call::plain(wire)],
                ")?",
            )
        };
        inits.push(init.after(format!("{field}: ")));
    }
    // Hidden from rustdoc: the impl is how `Deserialize` works, not API a
    // merchant calls, and it would be listed on every type's page.
    c.line("#[doc(hidden)]");
    c.open(&format!(
        "impl payspec_runtime::wire::WireStruct for {name} {{"
    ));
    c.line(&format!("const EXPECTING: &'static str = {expecting};"));
    c.open_list(
        "fn from_map<'de, A: serde::de::MapAccess<'de>>(",
        &[format!(
            "mut {map}: payspec_runtime::wire::StructMap<'de, A>"
        )],
        "",
        ") -> Result<Self, A::Error> {",
    );
    for field in &field_names {
        c.line(&format!("let mut {field} = None;"));
    }
    if s.fields.is_empty() {
        c.open(&format!("while {map}.next_key()?.is_some() {{"));
        c.line(&format!("{map}.skip()?;"));
        c.close("}");
    } else {
        c.open(&format!("while let Some({key}) = {map}.next_key()? {{"));
        c.open(&format!("match {key}.as_str() {{"));
        for (pattern, value) in &arms {
            c.arm(pattern, value);
        }
        c.line(&format!("_ => {map}.skip()?,"));
        c.close("}");
        c.close("}");
    }
    c.struct_literal("Ok(", "Self", &inits, ")");
    c.close("}");
    c.close("}");

    deserialize_via(c, &name.to_string(), "deserialize_struct");
    Ok(())
}

/// `Deserialize` for `name` through one of the runtime's shared visitors
/// (`payspec_runtime::wire::<function>`).
pub(crate) fn deserialize_via(c: &mut Code, name: &str, function: &str) {
    c.open(&format!("impl<'de> serde::Deserialize<'de> for {name} {{"));
    c.open_list(
        "fn deserialize<D: serde::Deserializer<'de>>(",
        &["deserializer: D".to_owned()],
        "",
        ") -> Result<Self, D::Error> {",
    );
    c.line(&format!("payspec_runtime::wire::{function}(deserializer)"));
    c.close("}");
    c.close("}");
}

/// `base`, or `base_`, `base__`… when a field already has that name.
fn unused_name(base: &str, fields: &[String]) -> String {
    let mut name = base.to_owned();
    while fields.contains(&name) {
        name.push('_');
    }
    name
}
