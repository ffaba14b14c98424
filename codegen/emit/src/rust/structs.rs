//! Structs: documented field by field, encoded and decoded under their
//! wire names (`encode`, `decode`);
//! request structs also get `new()` and validation.

use super::text::{str_lit, Call, Code};
use super::{decode, doc, encode, ident, validate, Ctx, EmitError};
use crate::ir::{Field, Struct};

/// Above this many parameters clippy asks for a builder; a constructor that
/// mirrors the docs' mandatory fields is clearer, so the lint is allowed on
/// that one function only.
const CLIPPY_MAX_ARGS: usize = 7;

/// The struct and its impls.
pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct) -> Result<String, EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?.to_string();
    let mut c = Code::new();
    c.doc(&struct_doc(s, ctx.usages(&s.name)));
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    c.line(if sensitive {
        "#[derive(Clone, PartialEq)]"
    } else {
        "#[derive(Debug, Clone, PartialEq)]"
    });
    c.line("#[non_exhaustive]");
    if s.fields.is_empty() {
        c.line(&format!("pub struct {name} {{}}"));
    } else {
        c.open(&format!("pub struct {name} {{"));
        for f in &s.fields {
            field(ctx, s, f, &mut c)?;
        }
        c.close("}");
    }
    if sensitive {
        redacting_debug(ctx, s, &name, &mut c)?;
    }
    encode::emit(ctx, s, &mut c)?;
    decode::emit(ctx, s, &mut c)?;
    if s.roles.request {
        let takes_arguments = constructor(ctx, s, &name, &mut c)?;
        if !takes_arguments {
            // Clippy wants `Default` wherever `new()` takes no arguments.
            c.open(&format!("impl Default for {name} {{"));
            c.open("fn default() -> Self {");
            c.line("Self::new()");
            c.close("}");
            c.close("}");
        }
        validate::emit(ctx, s, &mut c)?;
    } else if !s.rules.is_empty() {
        // A response body with conditions the docs state on what the
        // provider sends: callers (and the sandbox) can check an answer.
        c.open(&format!("impl {name} {{"));
        c.line("/// Checks the conditions the docs state on this body (its rules),");
        c.line("/// returning every violation at once, each with its JSON path.");
        c.open(
            "pub fn validate(&self) -> Result<(), payspec_runtime::validation::ValidationErrors> {",
        );
        c.line("payspec_runtime::validation::Validate::validate(self)");
        c.close("}");
        c.close("}");
        validate::emit(ctx, s, &mut c)?;
    }
    Ok(c.finish())
}

fn struct_doc(s: &Struct, usages: &[String]) -> String {
    let mut parts = vec![doc::md(&s.doc), usages.join("\n")];
    if !s.rules.is_empty() {
        let mut rules = String::from(if s.roles.request {
            "# Rules\n\nFrom the provider docs. `validate()` checks each of them except `depends_on_account`, which the request alone cannot show."
        } else {
            "# Rules\n\nFrom the provider docs: conditions on what the provider sends. `validate()` checks them on a decoded answer; the sandbox holds its own answers to them."
        });
        for r in &s.rules {
            rules.push_str(&format!(
                "\n\n**{}**: {}\n\n{}",
                r.kind.spec_name(),
                crate::words::rule(&r.kind, crate::words::Style::Code) + ".",
                doc::block_quote(&r.source)
            ));
        }
        parts.push(rules);
    }
    if !s.examples.is_empty() {
        let mut ex = String::from("# Examples from the provider docs");
        for e in &s.examples {
            ex.push_str(&format!(
                "\n\n{}:\n\n```json\n{}\n```",
                doc::md(&e.name),
                e.json.trim_end()
            ));
        }
        parts.push(ex);
    }
    let text = doc::paragraphs(parts);
    if text.is_empty() {
        // Every public item is documented, even when the spec says nothing.
        format!("The `{}` object of the provider's API.", s.name)
    } else {
        text
    }
}

fn field(ctx: &Ctx<'_>, s: &Struct, f: &Field, c: &mut Code) -> Result<(), EmitError> {
    let item = format!("struct {}, field {}", s.name, f.wire_name);
    let name = ident(&f.rust_name).map_err(|m| ctx.err(&item, m))?;
    let inner = ctx.rust_type(&f.ty, &s.scope, &item)?;
    c.doc(&doc::field(f, s.roles.request));
    if f.optional {
        c.line(&format!("pub {name}: Option<{inner}>,"));
    } else {
        c.line(&format!("pub {name}: {inner},"));
    }
    Ok(())
}

/// `Debug` that prints `<redacted>` for sensitive fields (and whether an
/// optional one is set), never their value.
fn redacting_debug(ctx: &Ctx<'_>, s: &Struct, name: &str, c: &mut Code) -> Result<(), EmitError> {
    let item = format!("struct {}", s.name);
    let mut calls = vec![format!("f.debug_struct({})", str_lit(&s.name))];
    for f in &s.fields {
        let field = ident(&f.rust_name).map_err(|m| ctx.err(&item, m))?;
        let label = str_lit(f.rust_name.trim_start_matches("r#"));
        calls.push(match (f.sensitive, f.optional) {
            (false, _) => format!(".field({label}, &self.{field})"),
            (true, false) => format!(".field({label}, &\"<redacted>\")"),
            (true, true) => {
                format!(".field({label}, &self.{field}.as_ref().map(|_| \"<redacted>\"))")
            }
        });
    }
    calls.push(".finish()".to_owned());
    c.open(&format!("impl std::fmt::Debug for {name} {{"));
    c.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    c.chain(&calls);
    c.close("}");
    c.close("}");
    Ok(())
}

/// The inherent impl of a request struct: `new()` taking the mandatory
/// fields without a default, in spec order, `validate()` and a `with_*`
/// setter for every other field. Returns
/// whether `new()` takes any argument.
fn constructor(ctx: &Ctx<'_>, s: &Struct, name: &str, c: &mut Code) -> Result<bool, EmitError> {
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut param_docs = Vec::new();
    for f in &s.fields {
        let field_item = format!("struct {}, field {}", s.name, f.wire_name);
        let field = ident(&f.rust_name).map_err(|m| ctx.err(&field_item, m))?;
        if f.optional {
            inits.push(Call::plain(format!("{field}: None")));
        } else if let Some(default) = &f.default {
            let value = ctx.default_value(&f.ty, default, &s.scope, &field_item)?;
            inits.push(Call::plain(format!("{field}: {value}")));
        } else if f.ty == crate::ir::Type::String {
            params.push(format!("{field}: impl Into<String>"));
            inits.push(Call::plain(format!("{field}: {field}.into()")));
            param_docs.push(format!("`{}`", f.rust_name.trim_start_matches("r#")));
        } else {
            let ty = ctx.rust_type(&f.ty, &s.scope, &field_item)?;
            params.push(format!("{field}: {ty}"));
            inits.push(Call::plain(field.to_string()));
            param_docs.push(format!("`{}`", f.rust_name.trim_start_matches("r#")));
        }
    }
    c.open(&format!("impl {name} {{"));
    if param_docs.is_empty() {
        c.doc(
            "Builds it with every optional field unset and defaults applied; set the rest by name.",
        );
    } else {
        c.doc(&format!(
            "Builds it from its mandatory fields ({}); optional fields start unset and are set by name.",
            param_docs.join(", ")
        ));
    }
    if params.len() > CLIPPY_MAX_ARGS {
        c.line("#[allow(clippy::too_many_arguments)]");
    }
    c.open_list("pub fn new(", &params, "", ") -> Self {");
    c.struct_literal("", "Self", &inits, "");
    c.close("}");
    c.line("/// Checks every field and rule the docs state, returning every");
    c.line("/// violation at once, each with its JSON path.");
    c.open("pub fn validate(&self) -> Result<(), payspec_runtime::validation::ValidationErrors> {");
    c.line("payspec_runtime::validation::Validate::validate(self)");
    c.close("}");
    super::setters::emit(ctx, s, c)?;
    c.close("}");
    Ok(!params.is_empty())
}
