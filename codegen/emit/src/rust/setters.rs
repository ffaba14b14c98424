//! Chainable `with_*` setters on request structs, one per field that
//! `new(..)` does not take (optional fields, and mandatory ones with a
//! default): nested optional fields are then set in one expression, with
//! no `let mut` and no `Some(..)`.

use super::text::{Call, Code};
use super::{ident, Ctx, EmitError};
use crate::ir::{Struct, Type};

/// The setters of request struct `s`, inside its inherent impl.
pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct, c: &mut Code) -> Result<(), EmitError> {
    for f in &s.fields {
        if !f.optional && f.default.is_none() {
            continue;
        }
        let item = format!("struct {}, field {}", s.name, f.wire_name);
        let field = ident(&f.rust_name)
            .map_err(|m| ctx.err(&item, m))?
            .to_string();
        let bare = f.rust_name.trim_start_matches("r#");
        let (param, value) = if f.ty == Type::String {
            ("impl Into<String>".to_owned(), format!("{field}.into()"))
        } else {
            (ctx.rust_type(&f.ty, &s.scope, &item)?, field.clone())
        };
        let doc = format!(
            "Sets `{bare}` and returns `self`, so a request, nested fields included, \
             is built in one expression: `.with_{bare}(…)` instead of `let mut` and an \
             assignment{}.",
            if f.optional { " of `Some(…)`" } else { "" }
        );
        setter(c, &doc, bare, &field, &param, &value, f.optional);
    }
    Ok(())
}

/// Prints `pub fn with_<bare>(mut self, <field>: <param>) -> Self`, which
/// stores `value` (in `Some` when `optional`), as prettyplease lays it out.
fn setter(
    c: &mut Code,
    doc: &str,
    bare: &str,
    field: &str,
    param: &str,
    value: &str,
    optional: bool,
) {
    c.doc(doc);
    let params = ["mut self".to_owned(), format!("{field}: {param}")];
    c.open_list(&format!("pub fn with_{bare}("), &params, "", ") -> Self {");
    let stored = if optional {
        Call::function("Some(", vec![Call::plain(value)], ")")
    } else {
        Call::plain(value)
    };
    stored.after(format!("self.{field} = ")).print(c, ";", true);
    c.line("self");
    c.close("}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_of_any_name_length_print_as_prettyplease_prints_them() {
        // As for the decoders: names up to 60 characters (longer ones make
        // prettyplease break inside `impl Into<String>`, which no spec comes near).
        for n in 1..=60 {
            let field = "f".repeat(n);
            for (param, value, optional) in [
                ("impl Into<String>", format!("{field}.into()"), true),
                ("payspec_runtime::money::Idr", field.clone(), true),
                ("bool", field.clone(), false),
            ] {
                let mut c = Code::new();
                c.open("impl S {");
                setter(&mut c, "Doc.", &field, &field, param, &value, optional);
                c.close("}");
                let stored = if optional {
                    format!("Some({value})")
                } else {
                    value.clone()
                };
                let source = format!(
                    "impl S {{ #[doc = \" Doc.\"] pub fn with_{field}(mut self, {field}: {param}) -> Self \
                     {{ self.{field} = {stored}; self }} }}"
                );
                let file = syn::parse_file(&source).expect("test source parses");
                assert_eq!(
                    c.finish(),
                    prettyplease::unparse(&file),
                    "{n} characters, {param}"
                );
            }
        }
    }

    #[test]
    fn a_raw_identifier_field_gets_a_plain_method_name() {
        let mut c = Code::new();
        setter(&mut c, "Doc.", "type", "r#type", "Kind", "r#type", true);
        let text = c.finish();
        assert!(
            text.contains("pub fn with_type(mut self, r#type: Kind) -> Self {"),
            "{text}"
        );
        assert!(text.contains("self.r#type = Some(r#type);"), "{text}");
    }
}
