//! Encoding of generated structs: a `Serialize` impl that writes one JSON
//! object entry per field through the runtime's `payspec_runtime::wire::ObjectWriter`.
//!
//! Written out instead of `#[derive(serde::Serialize)]`: the derive's
//! expansion was the largest part of the generated crate after macro
//! expansion (BENCHMARKS.md, section 3). The JSON is the derive's: fields in
//! declaration order under their wire names, unset optional fields left out.

use super::text::{str_lit, Code};
use super::{ident, Ctx, EmitError};
use crate::ir::Struct;

pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct, c: &mut Code) -> Result<(), EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let mut writes = Vec::new();
    for f in &s.fields {
        let field_item = format!("struct {}, field {}", s.name, f.wire_name);
        let field = ident(&f.rust_name).map_err(|m| ctx.err(&field_item, m))?;
        let method = if f.optional { "optional" } else { "field" };
        writes.push(format!(
            "object.{method}({}, &self.{field})?;",
            str_lit(&f.wire_name)
        ));
    }
    // `object` is a local of the impl, never a field access, so a field of
    // that name cannot clash with it.
    let object = if writes.is_empty() {
        "object"
    } else {
        "mut object"
    };
    c.open(&format!("impl serde::Serialize for {name} {{"));
    c.open("fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {");
    c.line(&format!(
        "let {object} = payspec_runtime::wire::object_writer(serializer)?;"
    ));
    for write in &writes {
        c.line(write);
    }
    c.line("object.end()");
    c.close("}");
    c.close("}");
    Ok(())
}
