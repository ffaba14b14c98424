//! IR → Rust source of the client crate: one formatted file per provider.
//!
//! Each file is `include!`d by the client crate at item level, so it holds a
//! documented `pub mod <provider> { … }` whose items name the hand-written
//! runtime by absolute paths (`crate::money`, `crate::validation`,
//! `crate::wire`). Tokens are built with `quote!`, parsed with `syn` and
//! printed with `prettyplease`, so the output is deterministic.

mod client;
mod decisions;
mod decode;
mod doc;
mod encode;
mod enums;
mod environment;
mod registry;
mod rules;
mod structs;
mod types;
mod validate;

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{self, Provider, Scope};

/// Why a provider could not be turned into Rust. These point at IR the
/// loader should have rejected, so each names the item concerned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmitError {
    /// An item cannot be expressed in the generated Rust.
    #[error("provider `{provider}`, {item}: {message}")]
    Unsupported {
        /// Provider module name.
        provider: String,
        /// The item concerned (`struct CardRefundRequest, field amount`).
        item: String,
        /// What is wrong.
        message: String,
    },
    /// The emitter produced tokens that are not valid Rust: a generator bug.
    #[error(
        "provider `{provider}`: generated code does not parse ({message}); this is a payspec bug"
    )]
    Syntax {
        /// Provider module name.
        provider: String,
        /// The parser's message.
        message: String,
    },
}

/// Renders one provider as a formatted Rust source file.
///
/// Parsing and printing dominate emission, so the provider module's shell
/// (its root items) and each area module are built, parsed and printed as
/// separate jobs on the crate's work queue (`work_queue.rs`; each thread
/// has its own `Ctx`: tokens cannot cross threads), biggest first so the
/// last job to finish is a small one. The printed areas are spliced into the printed shell. The
/// bytes are those of [`render_provider_whole`], which tests check.
pub fn render_provider(p: &Provider) -> Result<String, EmitError> {
    let ctx = Ctx::new(p);
    let areas = ctx.areas();
    // Job 0 is the shell; job `i + 1` is area `i`. Biggest first: the shell
    // holds every endpoint's client method, an area its items.
    let mut order: Vec<usize> = (0..=areas.len()).collect();
    order.sort_by_cached_key(|&job| {
        std::cmp::Reverse(match job {
            0 => usize::MAX,
            i => ctx.area_size(areas[i - 1]),
        })
    });
    let pieces = crate::work_queue::run(
        &order,
        || Ctx::new(p),
        |ctx, job| match job {
            0 => ctx.shell(),
            i => ctx.area_chunk(areas[i - 1]),
        },
    );
    let mut pieces = pieces.into_iter().map(|piece| {
        // Every job was taken by exactly one thread.
        piece.unwrap_or_else(|| Err(ctx.err("areas", "an area was not emitted")))
    });
    let shell = pieces
        .next()
        .unwrap_or_else(|| Err(ctx.err("provider module", "the module was not emitted")))?;
    // The shell ends with the provider module's closing brace; the areas go
    // just before it. An empty module would print as `{}` on one line: fall
    // back to formatting everything at once rather than splice wrongly.
    let Some(head) = shell.strip_suffix("}\n") else {
        return render_provider_whole(p);
    };
    let mut out = String::with_capacity(shell.len() * (areas.len() + 1));
    out.push_str(head);
    for piece in pieces {
        push_spaced(&mut out, &piece?);
    }
    push_spaced(&mut out, "}\n");
    Ok(out)
}

/// [`render_provider`] in one piece: the whole provider module parsed and
/// printed at once, on the calling thread. The reference its output must
/// equal byte for byte.
pub fn render_provider_whole(p: &Provider) -> Result<String, EmitError> {
    let ctx = Ctx::new(p);
    let code = format_file(p, ctx.provider_module(true)?)?;
    Ok(space_items(&code))
}

/// Parses tokens as a file and prints them with prettyplease.
fn format_file(p: &Provider, tokens: TokenStream) -> Result<String, EmitError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| EmitError::Syntax {
        provider: p.name.clone(),
        message: e.to_string(),
    })?;
    Ok(doc::unpack(prettyplease::unparse(&file)))
}

/// prettyplease prints items back to back; a blank line after each item
/// (and after `use`) makes the file read like hand-written code. An item
/// ends with a `}` line followed, at the same indentation, by the next item's
/// doc, attribute or keyword.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 20);
    push_spaced(&mut out, code);
    out
}

/// Appends `code` (whole lines) to `out` (empty or whole lines, already
/// spaced) with the blank lines [`space_items`] adds, including one between
/// the last line of `out` and the first of `code`: spacing pieces one by
/// one gives the same text as spacing them joined.
fn push_spaced(out: &mut String, code: &str) {
    let mut lines = code.lines();
    let Some(first) = lines.next() else {
        return;
    };
    if last_line(out).is_some_and(|last| ends_item_before(last, first)) {
        out.push('\n');
    }
    out.push_str(first);
    out.push('\n');
    let mut previous = first;
    for line in lines {
        if ends_item_before(previous, line) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
}

/// The last line of `text` (without its newline), if any.
fn last_line(text: &str) -> Option<&str> {
    let body = text.strip_suffix('\n')?;
    Some(body.rsplit_once('\n').map_or(body, |(_, last)| last))
}

/// Whether a blank line goes between `line` and the `next` one.
fn ends_item_before(line: &str, next: &str) -> bool {
    const ITEM_STARTS: [&str; 6] = ["///", "#[", "impl", "pub ", "fn ", "mod "];
    let body = trim_indent(line);
    let ends_item = matches!(body.trim_end(), "}" | "};" | "];")
        || body.starts_with("use ")
        || body.starts_with("pub use ");
    if !ends_item {
        return false;
    }
    let next_body = trim_indent(next);
    line.len() - body.len() == next.len() - next_body.len()
        && ITEM_STARTS.iter().any(|s| next_body.starts_with(s))
}

/// `line.trim_start()`, counting the spaces prettyplease indents with
/// before falling back to Unicode whitespace rules (a hot path: every
/// printed line goes through it).
pub(crate) fn trim_indent(line: &str) -> &str {
    let rest = &line[line.bytes().take_while(|&b| b == b' ').count()..];
    match rest.as_bytes().first() {
        Some(b) if b.is_ascii_whitespace() || !b.is_ascii() => rest.trim_start(),
        _ => rest,
    }
}

/// Everything an emitter needs to know about the provider being emitted.
pub(crate) struct Ctx<'a> {
    pub(crate) p: &'a Provider,
    enums: HashMap<&'a str, &'a ir::Enum>,
    structs: HashMap<&'a str, &'a ir::Struct>,
    /// Set while emitting an area module when an item refers to a
    /// provider-scope item, so `use super::*;` is emitted only when used.
    uses_provider_scope: Cell<bool>,
    /// Struct name → the endpoints that use it, for rustdoc.
    usages: BTreeMap<&'a str, Vec<String>>,
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Provider) -> Self {
        Ctx {
            p,
            enums: p.enums.iter().map(|e| (e.name.as_str(), e)).collect(),
            structs: p.structs.iter().map(|s| (s.name.as_str(), s)).collect(),
            uses_provider_scope: Cell::new(false),
            usages: endpoint_usages(p),
        }
    }

    /// An error about `item`.
    pub(crate) fn err(&self, item: impl Into<String>, message: impl Into<String>) -> EmitError {
        EmitError::Unsupported {
            provider: self.p.name.clone(),
            item: item.into(),
            message: message.into(),
        }
    }

    pub(crate) fn enum_def(&self, name: &str) -> Option<&'a ir::Enum> {
        self.enums.get(name).copied()
    }

    pub(crate) fn struct_def(&self, name: &str) -> Option<&'a ir::Struct> {
        self.structs.get(name).copied()
    }

    pub(crate) fn usages(&self, struct_name: &str) -> &[String] {
        self.usages.get(struct_name).map_or(&[], Vec::as_slice)
    }

    /// The path naming an item defined in `target` from code in `from`.
    pub(crate) fn item_path(
        &self,
        name: &Ident,
        target: &Scope,
        from: &Scope,
    ) -> Result<TokenStream, EmitError> {
        Ok(match (target, from) {
            (Scope::Provider, Scope::Provider) => quote!(#name),
            (Scope::Provider, Scope::Area(_)) => {
                self.uses_provider_scope.set(true);
                quote!(#name)
            }
            (Scope::Area(a), Scope::Area(b)) if a == b => quote!(#name),
            (Scope::Area(a), Scope::Provider) => {
                let area = ident(a).map_err(|m| self.err(format!("area {a}"), m))?;
                quote!(#area::#name)
            }
            (Scope::Area(a), Scope::Area(_)) => {
                let area = ident(a).map_err(|m| self.err(format!("area {a}"), m))?;
                quote!(super::#area::#name)
            }
        })
    }

    /// The provider module, with its area modules or (for
    /// [`render_provider`], which prints those separately) without them.
    fn provider_module(&self, with_areas: bool) -> Result<TokenStream, EmitError> {
        let p = self.p;
        let module = ident(&p.name).map_err(|m| self.err("provider name", m))?;
        let doc = doc::attrs(&doc::provider_doc(p));
        let root_items = self.scope_items(&Scope::Provider)?;
        let environment = environment::emit(self)?;
        let registry = registry::emit(self)?;
        let client = client::emit(self)?;
        let mut area_modules = Vec::new();
        if with_areas {
            for area in self.areas() {
                area_modules.push(self.area_module(area)?);
            }
        }
        Ok(quote! {
            #doc
            pub mod #module {
                #environment
                #registry
                #client
                #(#root_items)*
                #(#area_modules)*
            }
        })
    }

    /// The provider's areas, sorted: the order of their modules.
    fn areas(&self) -> Vec<&'a str> {
        let p = self.p;
        let mut areas: Vec<&str> = Vec::new();
        let scopes = p
            .enums
            .iter()
            .map(|e| &e.scope)
            .chain(p.structs.iter().map(|s| &s.scope))
            .chain(p.decisions.iter().map(|d| &d.scope));
        for scope in scopes {
            if let Scope::Area(a) = scope {
                areas.push(a);
            }
        }
        areas.sort_unstable();
        areas.dedup();
        areas
    }

    /// One area's `pub mod`.
    fn area_module(&self, area: &str) -> Result<TokenStream, EmitError> {
        self.uses_provider_scope.set(false);
        let items = self.scope_items(&Scope::Area(area.to_owned()))?;
        let use_super = self.uses_provider_scope.get().then(|| {
            quote!(
                use super::*;
            )
        });
        let name = ident(area).map_err(|m| self.err(format!("area {area}"), m))?;
        let area_doc = doc::attrs(&doc::area_doc(self.p, area));
        Ok(quote! {
            #area_doc
            pub mod #name {
                #use_super
                #(#items)*
            }
        })
    }

    /// The provider module without its areas, printed and item-spaced.
    fn shell(&self) -> Result<String, EmitError> {
        Ok(space_items(&format_file(
            self.p,
            self.provider_module(false)?,
        )?))
    }

    /// How many items an area holds: its job's expected size.
    fn area_size(&self, area: &str) -> usize {
        let p = self.p;
        let in_area = |scope: &Scope| matches!(scope, Scope::Area(a) if a == area);
        p.enums.iter().filter(|e| in_area(&e.scope)).count()
            + p.structs.iter().filter(|s| in_area(&s.scope)).count()
            + p.decisions.iter().filter(|d| in_area(&d.scope)).count()
    }

    /// One area's module printed as it appears inside the provider module:
    /// printed inside a bare `pub mod <provider> { … }` (so indentation and
    /// line breaks are the same) and cut out of it.
    fn area_chunk(&self, area: &str) -> Result<String, EmitError> {
        let module = ident(&self.p.name).map_err(|m| self.err("provider name", m))?;
        let area_module = self.area_module(area)?;
        let code = format_file(self.p, quote!(pub mod #module { #area_module }))?;
        let inner = code
            .split_once('\n')
            .and_then(|(_, rest)| rest.strip_suffix("}\n"));
        inner.map(space_items).ok_or_else(|| {
            self.err(
                format!("area {area}"),
                "printed module has an unexpected shape; this is a payspec bug",
            )
        })
    }

    /// Enums, structs and decisions of one scope, in IR order.
    fn scope_items(&self, scope: &Scope) -> Result<Vec<TokenStream>, EmitError> {
        let mut items = Vec::new();
        for e in self.p.enums.iter().filter(|e| &e.scope == scope) {
            items.push(enums::emit(self, e)?);
        }
        for s in self.p.structs.iter().filter(|s| &s.scope == scope) {
            items.push(structs::emit(self, s)?);
        }
        for d in self.p.decisions.iter().filter(|d| &d.scope == scope) {
            items.push(decisions::emit(self, d)?);
        }
        Ok(items)
    }
}

/// For every struct, one line per endpoint that uses it as a body.
fn endpoint_usages(p: &Provider) -> BTreeMap<&str, Vec<String>> {
    let mut out: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for e in &p.endpoints {
        let target = match (e.kind, e.method, e.path.as_deref()) {
            (ir::EndpointKind::Endpoint, Some(method), Some(path)) => {
                format!("`{} {}` (endpoint `{}`)", method_str(method), path, e.name)
            }
            (ir::EndpointKind::Notification, _, _) => format!("the `{}` notification", e.name),
            _ => format!("endpoint `{}`", e.name),
        };
        if let Some(req) = &e.request {
            let what = match e.kind {
                ir::EndpointKind::Endpoint => "Request body of",
                ir::EndpointKind::Notification => "Body of",
            };
            out.entry(req.as_str())
                .or_default()
                .push(format!("{what} {target}."));
        }
        for r in &e.responses {
            out.entry(r.body.as_str())
                .or_default()
                .push(format!("Response body (HTTP {}) of {target}.", r.status));
        }
        for er in &e.errors {
            out.entry(er.body.as_str())
                .or_default()
                .push(format!("Error body `{}` of {target}.", er.name));
        }
    }
    out
}

/// The method as the docs spell it.
pub(crate) fn method_str(m: ir::HttpMethod) -> &'static str {
    match m {
        ir::HttpMethod::GET => "GET",
        ir::HttpMethod::POST => "POST",
    }
}

/// A Rust identifier from an IR name (`type`, `r#type`, `CardRefund`);
/// keywords become raw identifiers. Never panics on odd input.
pub(crate) fn ident(name: &str) -> Result<Ident, String> {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    let mut chars = bare.chars();
    let valid = match chars.next() {
        Some(c) => {
            (c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        None => false,
    };
    if !valid || bare == "_" {
        return Err(format!("`{name}` is not a valid Rust identifier"));
    }
    if matches!(bare, "self" | "Self" | "super" | "crate") {
        return Err(format!("`{name}` cannot be used as a Rust identifier"));
    }
    if is_keyword(bare) {
        // A keyword (`type`, `match`): not a plain identifier.
        Ok(Ident::new_raw(bare, proc_macro2::Span::call_site()))
    } else {
        Ok(Ident::new(bare, proc_macro2::Span::call_site()))
    }
}

/// The words syn refuses as a plain identifier (its `accept_as_ident`:
/// strict, reserved and weak keywords). A table rather than running syn's
/// lexer and parser per identifier, which cost a large share of emission.
fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "Self"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

#[cfg(test)]
mod tests {
    use super::{ident, is_keyword, space_items};

    #[test]
    fn items_are_separated_by_blank_lines_but_bodies_are_not() {
        let code = "mod m {\n    use super::*;\n    fn a() {\n        if x {\n        }\n        y();\n    }\n    /// B.\n    fn b() {}\n}\n";
        assert_eq!(
            space_items(code),
            "mod m {\n    use super::*;\n\n    fn a() {\n        if x {\n        }\n        y();\n    }\n\n    /// B.\n    fn b() {}\n}\n"
        );
    }

    #[test]
    fn identifiers_are_checked_and_keywords_made_raw() {
        assert_eq!(ident("amount").unwrap().to_string(), "amount");
        assert_eq!(ident("type").unwrap().to_string(), "r#type");
        assert_eq!(ident("r#type").unwrap().to_string(), "r#type");
        assert!(ident("line items").is_err());
        assert!(ident("9lives").is_err());
        assert!(ident("").is_err());
        assert!(ident("self").is_err());
    }

    #[test]
    fn the_keyword_table_matches_what_syn_refuses_as_an_identifier() {
        // Every word syn refuses (and only those) is in the table: the
        // table replaced asking syn per identifier, and must not drift from it.
        let words = [
            "abstract",
            "as",
            "async",
            "await",
            "become",
            "box",
            "break",
            "const",
            "continue",
            "crate",
            "do",
            "dyn",
            "else",
            "enum",
            "extern",
            "false",
            "final",
            "fn",
            "for",
            "if",
            "impl",
            "in",
            "let",
            "loop",
            "macro",
            "match",
            "mod",
            "move",
            "mut",
            "override",
            "priv",
            "pub",
            "ref",
            "return",
            "Self",
            "self",
            "static",
            "struct",
            "super",
            "trait",
            "true",
            "try",
            "type",
            "typeof",
            "unsafe",
            "unsized",
            "use",
            "virtual",
            "where",
            "while",
            "yield",
            "union",
            "raw",
            "gen",
            "default",
            "macro_rules",
            "amount",
            "Type",
            "r",
            "id",
            "_x",
            "dyn_",
            "Async",
        ];
        for word in words {
            assert_eq!(
                is_keyword(word),
                syn::parse_str::<proc_macro2::Ident>(word).is_err(),
                "{word}"
            );
        }
    }
}
