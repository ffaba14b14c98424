//! IR → Rust source: per provider, the module the client crate `include!`s
//! (a documented `pub mod <provider> { … }` naming the hand-written client
//! runtime by absolute paths, `crate::client`, `crate::Error`) and the type
//! crates it re-exports (whose items name `payspec_runtime::money`,
//! `payspec_runtime::validation` and `payspec_runtime::wire`); see
//! [`render_provider`]. Structs (with their codecs, constructors and
//! validation) and enums are written as text in prettyplease's layout
//! (`text.rs`, `stmt.rs`); decision tables and the client module are built
//! with `quote!`, parsed with `syn` and printed with `prettyplease`. Either
//! way the output is deterministic.

mod client;
pub mod conformance;
mod decisions;
mod decode;
mod doc;
mod encode;
mod enums;
mod environment;
pub mod providers;
mod recipe;
mod registry;
mod rules;
mod setters;
mod stmt;
mod structs;
mod text;
mod types;
mod validate;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{self, Provider, Scope};
use payspec_codegen_core::lower::{is_raw_keyword, is_unrawable};
use text::Piece;

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

/// The files of one provider, by path relative to `generated/rust/`.
pub type RustFiles = BTreeMap<PathBuf, String>;

/// Renders one provider as formatted Rust files (paths relative to
/// `generated/rust/`):
///
/// - `<provider>.rs`, `include!`d by the client crate: the provider module
///   with its environments, registry and client methods;
/// - `<provider>/`: crate `payspec-<provider>-types`, which re-exports the
///   type crates below as the provider module's items and area modules;
/// - `<provider>/shared/`: crate `payspec-<provider>-shared`, the types of
///   `provider.yaml` (only when it defines any);
/// - `<provider>/areas/<area>/`: crate `payspec-<provider>-area-<area>`, one
///   area's types, validators and codecs.
///
/// The types live in crates of their own, depending only on
/// `payspec-runtime`, so that they compile in parallel with each other and
/// with the HTTP stack, and an edit to one area recompiles that area's
/// crate rather than every type of the provider (`BENCHMARKS.md`, section
/// 3). Each crate is built, parsed and printed as a separate job on the work
/// queue (`work_queue.rs`; each thread has its own `Ctx`: tokens cannot
/// cross threads), biggest first.
pub fn render_provider(p: &Provider) -> Result<RustFiles, EmitError> {
    let ctx = Ctx::new(p);
    let areas = ctx.areas();
    let has_shared = ctx.scope_size(&Scope::Provider) > 0;
    // Job 0 is the module the client crate includes, job 1 the shared
    // crate, job `i + 2` area `i`. Biggest first: the module holds every
    // endpoint's client method, an area crate its items.
    let mut order: Vec<usize> = (0..areas.len() + 2).collect();
    order.sort_by_cached_key(|&job| {
        std::cmp::Reverse(match job {
            0 => usize::MAX,
            1 => ctx.scope_size(&Scope::Provider),
            i => ctx.scope_size(&Scope::Area(areas[i - 2].to_owned())),
        })
    });
    let pieces = crate::work_queue::run(
        &order,
        || Ctx::new(p),
        |ctx, job| match job {
            0 => ctx.client_module().map(|code| TypeCrate {
                code,
                uses_shared: false,
                areas: BTreeSet::new(),
            }),
            1 => ctx.type_crate(&Scope::Provider),
            i => ctx.type_crate(&Scope::Area(areas[i - 2].to_owned())),
        },
    );
    let mut pieces = pieces.into_iter().map(|piece| {
        // Every job was taken by exactly one thread.
        piece.unwrap_or_else(|| Err(ctx.err("areas", "an area was not emitted")))
    });
    let module = pieces
        .next()
        .unwrap_or_else(|| Err(ctx.err("provider module", "the module was not emitted")))?;
    let shared = pieces
        .next()
        .unwrap_or_else(|| Err(ctx.err("shared types", "the crate was not emitted")))?;
    let area_crates = areas
        .iter()
        .zip(pieces)
        .map(|(area, piece)| piece.map(|c| (*area, c)))
        .collect::<Result<Vec<_>, _>>()?;
    ctx.check_references(&shared, &area_crates)?;

    let names = CrateNames::new(&p.name);
    let dir = PathBuf::from(&p.name);
    let mut files = RustFiles::new();
    files.insert(PathBuf::from(format!("{}.rs", p.name)), module.code);
    let mut aggregate = Vec::new();
    if has_shared {
        files.insert(
            dir.join("shared/Cargo.toml"),
            names.manifest(
                &names.shared(),
                &format!("{}: the types of `spec/{}/provider.yaml`", p.title, p.name),
                &names.dependencies(&shared, ".."),
                true,
            ),
        );
        files.insert(dir.join("shared/lib.rs"), shared.code);
        aggregate.push(format!("pub use {}::*;", lib_name(&names.shared())));
    }
    for (area, c) in area_crates {
        let area_dir = dir.join("areas").join(area);
        files.insert(
            area_dir.join("Cargo.toml"),
            names.manifest(
                &names.area(area),
                &format!("{}: the `{area}` types", p.title),
                &names.dependencies(&c, "../.."),
                true,
            ),
        );
        files.insert(area_dir.join("lib.rs"), c.code);
        let doc = doc::line_comments("///", &doc::area_doc(p, area));
        let module = ident(area).map_err(|m| ctx.err(format!("area {area}"), m))?;
        aggregate.push(format!(
            "{doc}pub mod {module} {{\n    pub use {}::*;\n}}",
            lib_name(&names.area(area))
        ));
    }
    let mut deps: Vec<(String, String)> = Vec::new();
    if has_shared {
        deps.push((names.shared(), "shared".to_owned()));
    }
    for area in &areas {
        deps.push((names.area(area), format!("areas/{area}")));
    }
    files.insert(
        dir.join("Cargo.toml"),
        names.manifest(
            &names.types(),
            &format!("{}: every type, by area", p.title),
            &deps,
            false,
        ),
    );
    let header = doc::line_comments(
        "//!",
        &format!(
            "Every {} type, by area: the provider module of `payspec` re-exports \
             this crate. Generated by `payspec generate` from `spec/{}/`; do not edit.",
            p.title, p.name
        ),
    );
    files.insert(
        dir.join("lib.rs"),
        format!(
            "{header}\n#![warn(missing_docs)]\n{RUSTFMT_SKIP}\n{}\n",
            aggregate.join("\n\n")
        ),
    );
    Ok(files)
}

/// Every file of a provider as one text, in path order, each after a
/// `// ==> <path>` line: for snapshots and for reading the whole output.
pub fn joined(files: &RustFiles) -> String {
    let mut out = String::new();
    for (path, text) in files {
        out.push_str(&format!("// ==> {}\n", path.display()));
        out.push_str(text);
    }
    out
}

/// Keeps `cargo fmt` off the generated crates: it would reflow
/// prettyplease's layout, and `payspec check` would then find the committed
/// files stale. (`rustfmt` is never a cfg rustc sets, so the attribute
/// does nothing in a build.)
const RUSTFMT_SKIP: &str =
    "// Laid out by the generator; `payspec check` compares it byte for byte.\n\
                            #![cfg_attr(rustfmt, rustfmt::skip)]\n";

/// One printed type crate (`lib.rs`) and what it refers to outside itself.
struct TypeCrate {
    code: String,
    /// Whether it names an item of the shared crate.
    uses_shared: bool,
    /// The areas whose items it names.
    areas: BTreeSet<String>,
}

/// The package names of one provider's generated crates.
struct CrateNames<'a> {
    provider: &'a str,
}

impl<'a> CrateNames<'a> {
    fn new(provider: &'a str) -> Self {
        CrateNames { provider }
    }

    fn kebab(&self, suffix: &str) -> String {
        format!("payspec-{}-{suffix}", self.provider).replace('_', "-")
    }

    /// The crate the client crate depends on.
    fn types(&self) -> String {
        types_package(self.provider)
    }

    fn shared(&self) -> String {
        self.kebab("shared")
    }

    fn area(&self, area: &str) -> String {
        self.kebab(&format!("area-{area}"))
    }

    /// The path dependencies of a type crate whose directory is `up` below
    /// the provider's, as (package, path from the provider's directory).
    fn dependencies(&self, c: &TypeCrate, up: &str) -> Vec<(String, String)> {
        let mut deps = Vec::new();
        if c.uses_shared {
            deps.push((self.shared(), format!("{up}/shared")));
        }
        for area in &c.areas {
            deps.push((self.area(area), format!("{up}/areas/{area}")));
        }
        deps
    }

    /// A generated crate's `Cargo.toml`; `code` for a crate with items of its
    /// own (which need the runtime and serde), not only re-exports. Shared
    /// settings and the runtime come from the workspace, so the files name
    /// no path outside `generated/`.
    fn manifest(
        &self,
        name: &str,
        description: &str,
        deps: &[(String, String)],
        code: bool,
    ) -> String {
        let mut out = format!(
            "# Generated by `payspec generate` from `spec/{provider}/`; do not edit.\n\
             [package]\n\
             name = \"{name}\"\n\
             version.workspace = true\n\
             description = \"{description} (generated by payspec).\"\n\
             edition.workspace = true\n\
             license.workspace = true\n\
             rust-version.workspace = true\n\
             \n\
             [lib]\n\
             path = \"lib.rs\"\n\
             \n\
             [dependencies]\n",
            provider = self.provider,
            description = description.replace('\\', "\\\\").replace('"', "\\\""),
        );
        // Versioned, so `cargo package` accepts them (crates.io needs a
        // version; the path is used while building from the checkout).
        for (package, path) in deps {
            out.push_str(&format!(
                "{package} = {{ path = \"{path}\", version = \"{GENERATED_VERSION}\" }}\n"
            ));
        }
        if code {
            out.push_str(
                "payspec-runtime.workspace = true\nserde.workspace = true\nserde_json.workspace = true\n",
            );
        }
        out
    }
}

/// The names of the signing keys (`kind: key` credentials) the provider's
/// notification recipe reads, in declaration order: what its notification
/// verifiers take, each by its name (a key only its requests use is not
/// asked for). Empty without a notification recipe.
pub(crate) fn notification_keys(p: &Provider) -> Vec<&str> {
    let scheme = &p.auth.recipes;
    let Some(recipe) = &scheme.notification else {
        return Vec::new();
    };
    scheme
        .credentials_read_by(recipe)
        .filter(|c| c.kind == payspec_signing::recipe::CredentialKind::Key)
        .map(|c| c.name.as_ref())
        .collect()
}

/// The package that re-exports a provider's types, the one the client crate
/// depends on (`payspec-doku-snap-types` for `doku_snap`).
pub fn types_package(provider: &str) -> String {
    format!("payspec-{provider}-types").replace('_', "-")
}

/// The version the generated crates' path dependencies require: the
/// generator's own, which is the workspace's (`version.workspace = true`).
const GENERATED_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The library name cargo gives a package (`payspec-doku-shared` →
/// `payspec_doku_shared`).
fn lib_name(package: &str) -> String {
    package.replace('-', "_")
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
    /// Set while emitting an area crate when an item refers to a
    /// provider-scope item, so the shared crate is imported only when used.
    uses_provider_scope: Cell<bool>,
    /// The areas the type crate being emitted refers to.
    referenced_areas: RefCell<BTreeSet<String>>,
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
            referenced_areas: RefCell::new(BTreeSet::new()),
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
    ///
    /// Code in `Scope::Provider` is either the client module (which sees the
    /// types crate's re-exports) or the shared crate; an area crate imports
    /// the shared crate's items and names other areas' crates by area name
    /// (see [`Ctx::type_crate`]), so the paths are the same in all of them.
    pub(crate) fn item_path(
        &self,
        name: &Ident,
        target: &Scope,
        from: &Scope,
    ) -> Result<TokenStream, EmitError> {
        Ok(match self.area_prefix(target, from)? {
            Some(area) => quote!(#area::#name),
            None => quote!(#name),
        })
    }

    /// The area module an item of `target` is named through from code in
    /// `from`, if any, noting which crates that code uses.
    fn area_prefix(&self, target: &Scope, from: &Scope) -> Result<Option<Ident>, EmitError> {
        Ok(match (target, from) {
            (Scope::Provider, Scope::Provider) => None,
            (Scope::Provider, Scope::Area(_)) => {
                self.uses_provider_scope.set(true);
                None
            }
            (Scope::Area(a), Scope::Area(b)) if a == b => None,
            (Scope::Area(a), _) => {
                self.referenced_areas.borrow_mut().insert(a.clone());
                Some(ident(a).map_err(|m| self.err(format!("area {a}"), m))?)
            }
        })
    }

    /// The provider module the client crate includes: environments,
    /// registry and client methods, over the types crate's re-exports.
    fn client_module(&self) -> Result<String, EmitError> {
        let p = self.p;
        let module = ident(&p.name).map_err(|m| self.err("provider name", m))?;
        let doc = doc::attrs(&doc::provider_doc(p));
        let types = format_ident!("{}", lib_name(&CrateNames::new(&p.name).types()));
        let environment = environment::emit(self)?;
        let registry = registry::emit(self)?;
        let client = client::emit(self)?;
        let decisions = self.provider_decisions()?;
        let code = format_file(
            p,
            quote! {
                #doc
                pub mod #module {
                    pub use #types::*;
                    #environment
                    #registry
                    #client
                    #(#decisions)*
                }
            },
        )?;
        Ok(space_items(&code))
    }

    /// The provider's areas, sorted: the order of their crates.
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

    /// The `lib.rs` of the crate holding one scope's items: the shared
    /// crate for `Scope::Provider`, else the area's crate.
    fn type_crate(&self, scope: &Scope) -> Result<TypeCrate, EmitError> {
        self.uses_provider_scope.set(false);
        self.referenced_areas.borrow_mut().clear();
        let items = self.scope_items(scope)?;
        let names = CrateNames::new(&self.p.name);
        let uses_shared = self.uses_provider_scope.get();
        let areas = std::mem::take(&mut *self.referenced_areas.borrow_mut());
        let mut code = String::new();
        if uses_shared {
            code.push_str(&format!("use {}::*;\n", lib_name(&names.shared())));
        }
        for area in &areas {
            let name = ident(area).map_err(|m| self.err(format!("area {area}"), m))?;
            code.push_str(&format!("use {} as {name};\n", lib_name(&names.area(area))));
        }
        let mut code = space_items(&code);
        let (what, doc) = match scope {
            Scope::Provider => (
                "shared types".to_owned(),
                format!(
                    "{} types shared by its areas, from `spec/{}/provider.yaml`.",
                    self.p.title, self.p.name
                ),
            ),
            Scope::Area(area) => (format!("area {area}"), doc::area_doc(self.p, area)),
        };
        for item in items {
            let text = match item {
                Piece::Text(text) => text,
                Piece::Tokens(tokens) => format_file(self.p, tokens).map_err(|e| match e {
                    EmitError::Syntax { provider, message } => EmitError::Syntax {
                        provider,
                        message: format!("{what}: {message}"),
                    },
                    other => other,
                })?,
            };
            push_spaced(&mut code, &text);
        }
        let header = doc::line_comments(
            "//!",
            &format!(
                "{doc}\n\nGenerated by `payspec generate` from `spec/{}/`; do not edit. \
                 Use these types through the `payspec` crate's `{}` module.",
                self.p.name, self.p.name
            ),
        );
        Ok(TypeCrate {
            code: format!("{header}\n#![warn(missing_docs)]\n{RUSTFMT_SKIP}\n{code}"),
            uses_shared,
            areas,
        })
    }

    /// Refuses a type crate that names a scope lowering did not list for
    /// it ([`Provider::scope_references`]): lowering refuses cycles in that
    /// map (L060), so the crates written from it cannot depend on each other
    /// in a cycle. A reference outside it is a bug of the emitter or of the
    /// map, not of the spec.
    fn check_references(
        &self,
        shared: &TypeCrate,
        areas: &[(&str, TypeCrate)],
    ) -> Result<(), EmitError> {
        let listed = self.p.scope_references();
        let crates = std::iter::once((Scope::Provider, shared))
            .chain(areas.iter().map(|(a, c)| (Scope::Area((*a).to_owned()), c)));
        for (from, c) in crates {
            let targets = c
                .areas
                .iter()
                .map(|a| Scope::Area(a.clone()))
                .chain(c.uses_shared.then_some(Scope::Provider));
            for to in targets {
                if !listed.get(&from).is_some_and(|m| m.contains_key(&to)) {
                    return Err(self.err(
                        "type crates",
                        format!(
                            "the crate of {from:?} names a type of {to:?}, which \
                             `Provider::scope_references` does not list"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// How many items a scope's type crate holds: its job's expected size
    /// (zero: no crate).
    fn scope_size(&self, scope: &Scope) -> usize {
        let p = self.p;
        let decisions = match scope {
            Scope::Provider => 0,
            Scope::Area(_) => p.decisions.iter().filter(|d| &d.scope == scope).count(),
        };
        p.enums.iter().filter(|e| &e.scope == scope).count()
            + p.structs.iter().filter(|s| &s.scope == scope).count()
            + decisions
    }

    /// Enums, structs and decisions of one scope, in IR order.
    ///
    /// The provider's own decisions are not among its types: they go into
    /// the client module ([`Ctx::provider_decisions`]), where they may take
    /// any area's types without the shared crate depending on an area.
    fn scope_items(&self, scope: &Scope) -> Result<Vec<Piece>, EmitError> {
        let mut items = Vec::new();
        for e in self.p.enums.iter().filter(|e| &e.scope == scope) {
            items.push(Piece::Text(enums::emit(self, e)?));
        }
        for s in self.p.structs.iter().filter(|s| &s.scope == scope) {
            items.push(Piece::Text(structs::emit(self, s)?));
        }
        if let Scope::Area(_) = scope {
            for d in self.p.decisions.iter().filter(|d| &d.scope == scope) {
                items.push(Piece::Tokens(decisions::emit(self, d)?));
            }
        }
        Ok(items)
    }

    /// The decisions of `provider.yaml`, for the client module.
    fn provider_decisions(&self) -> Result<Vec<TokenStream>, EmitError> {
        let provider = self
            .p
            .decisions
            .iter()
            .filter(|d| d.scope == Scope::Provider);
        provider.map(|d| decisions::emit(self, d)).collect()
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
    if is_unrawable(bare) {
        return Err(format!("`{name}` cannot be used as a Rust identifier"));
    }
    if is_raw_keyword(bare) {
        // A keyword (`type`, `match`): not a plain identifier.
        Ok(Ident::new_raw(bare, proc_macro2::Span::call_site()))
    } else {
        Ok(Ident::new(bare, proc_macro2::Span::call_site()))
    }
}

#[cfg(test)]
mod tests {
    use super::{ident, is_raw_keyword, is_unrawable, space_items};

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
        assert_eq!(ident("gen").unwrap().to_string(), "r#gen");
        assert_eq!(ident("r#gen").unwrap().to_string(), "r#gen");
        assert!(ident("line items").is_err());
        assert!(ident("9lives").is_err());
        assert!(ident("").is_err());
        assert!(ident("self").is_err());
    }

    #[test]
    fn the_keyword_table_matches_what_syn_refuses_as_an_identifier() {
        // Every word syn refuses (and only those, but `gen`) is in the
        // table: the table replaced asking syn per identifier, and must not
        // drift from it. syn parses edition 2021, where `gen` is a plain
        // word; the table escapes it for edition 2024 (see the table).
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
            let in_table = is_raw_keyword(word) || is_unrawable(word);
            let refused = syn::parse_str::<proc_macro2::Ident>(word).is_err();
            assert_eq!(in_table, refused || word == "gen", "{word}");
        }
    }
}
