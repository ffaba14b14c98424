//! Lowering one provider directory: declarations first, then bodies,
//! endpoints, rules and decisions, then the whole-provider checks.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use indexmap::IndexMap;

use super::{names, Sink, Src};
use crate::ir::{
    Auth, Discrepancy, Endpoint, EndpointKind, Enum, EnumValue, Environment, ErrorBody, Example,
    Field, Header, Loc, Provider, Response, Scope, Struct,
};
use crate::spec::load::Parsed;
use crate::spec::model::{
    BodySpec, EndpointFile, EnumSpec, EnumValueSpec, FieldSpec, ProviderFile, RuleSpec,
};

/// The parsed files of one provider directory.
pub(crate) struct ProviderInput<'a> {
    /// Directory name.
    pub dir: &'a str,
    /// `provider.yaml`.
    pub provider: (&'a PathBuf, &'a Parsed<ProviderFile>),
    /// Endpoint files, sorted by path.
    pub endpoints: Vec<(&'a PathBuf, &'a Parsed<EndpointFile>)>,
    /// Every file of the spec (case credential files among them), by path
    /// relative to the spec root.
    pub files: &'a BTreeMap<PathBuf, Vec<u8>>,
}

/// What kind of thing a provider-wide name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// An enum.
    Enum,
    /// A struct: named type, body or inline object.
    Struct,
}

/// Rules waiting for every struct of the provider to exist.
pub(crate) struct PendingRules<'a> {
    /// The endpoint file they are written in.
    pub src: Src<'a>,
    /// The request body struct they are rooted at.
    pub root: String,
    /// The rules as written.
    pub rules: &'a [RuleSpec],
    /// Their key in the file (`rules`, `responses.200.rules`).
    pub key: String,
}

/// Provider-wide state while lowering.
pub(crate) struct Ctx<'s> {
    /// Where problems go.
    pub sink: &'s mut Sink,
    /// Enums lowered so far.
    pub enums: Vec<Enum>,
    /// Structs lowered so far.
    pub structs: Vec<Struct>,
    /// Index into `enums` by name (the first of a duplicated name), so
    /// lookups stay O(1) however many endpoints a provider has.
    pub enum_index: HashMap<String, usize>,
    /// Index into `structs` by name (the first of a duplicated name).
    pub struct_index: HashMap<String, usize>,
    /// Every enum and struct name with where it is defined.
    pub names: HashMap<String, (NameKind, Loc)>,
    /// Enum and struct names some field, body or decision uses.
    pub referenced: HashSet<String>,
    /// Types from `types:` sections, for the unreferenced-type warning.
    pub named_types: Vec<(String, Loc)>,
    /// Every discrepancy note, in the order met.
    pub discrepancies: Vec<Discrepancy>,
    /// (struct, wire name) of every field a presence rule names.
    pub rule_targets: HashSet<(String, String)>,
}

impl Ctx<'_> {
    /// Registers a provider-wide name; reports a duplicate (L007).
    pub fn declare(&mut self, name: &str, kind: NameKind, loc: Loc) -> bool {
        if let Some((_, first)) = self.names.get(name) {
            let first = first.clone();
            self.sink.error(
                loc,
                "L007",
                format!(
                    "`{name}` is defined twice in this provider (first at {}:{}:{})",
                    first.file.display(),
                    first.line,
                    first.column
                ),
                "enum and struct names share one namespace per provider; rename one",
            );
            return false;
        }
        self.names.insert(name.to_owned(), (kind, loc));
        true
    }

    /// Checks a type name is UpperCamel (L016).
    pub fn check_type_name(&mut self, name: &str, loc: Loc) {
        if !names::is_upper_camel(name) {
            self.sink.error(
                loc,
                "L016",
                format!("type name `{name}` is not an UpperCamel Rust identifier"),
                format!("write it as `{}`", names::upper_camel(name)),
            );
        }
    }

    /// Checks a name is snake_case (L016).
    pub fn check_snake(&mut self, what: &str, name: &str, loc: Loc) {
        if !names::is_snake(name) {
            self.sink.error(
                loc,
                "L016",
                format!("{what} `{name}` is not a snake_case Rust identifier"),
                "use lower-case words joined by `_`, not a Rust keyword",
            );
        }
    }

    /// A lowered enum by Rust name.
    pub fn enum_by_name(&self, name: &str) -> Option<&Enum> {
        self.enum_index.get(name).and_then(|&i| self.enums.get(i))
    }

    /// A lowered struct by Rust name.
    pub fn struct_by_name(&self, name: &str) -> Option<&Struct> {
        self.struct_index
            .get(name)
            .and_then(|&i| self.structs.get(i))
    }

    /// A lowered struct by Rust name, to fill in.
    pub fn struct_by_name_mut(&mut self, name: &str) -> Option<&mut Struct> {
        self.struct_index
            .get(name)
            .and_then(|&i| self.structs.get_mut(i))
    }

    /// Adds an enum, indexing it by name; returns its index.
    pub fn push_enum(&mut self, e: Enum) -> usize {
        let index = self.enums.len();
        self.enum_index.entry(e.name.clone()).or_insert(index);
        self.enums.push(e);
        index
    }

    /// Adds a struct, indexing it by name; returns its index.
    pub fn push_struct(&mut self, s: Struct) -> usize {
        let index = self.structs.len();
        self.struct_index.entry(s.name.clone()).or_insert(index);
        self.structs.push(s);
        index
    }
}

/// Lowers one provider. Problems go to `sink`; the IR returned is only
/// meaningful when none of them is an error.
pub(crate) fn lower(input: &ProviderInput<'_>, sink: &mut Sink) -> Provider {
    let errors_before = error_count(sink);
    let (ppath, pparsed) = input.provider;
    let pfile = &pparsed.value;
    let provider_scope = Scope::Provider;
    let psrc = Src {
        file: ppath,
        spans: &pparsed.spans,
        scope: &provider_scope,
    };
    let area_scopes: Vec<Scope> = input
        .endpoints
        .iter()
        .map(|(_, e)| Scope::Area(e.value.area.clone()))
        .collect();
    let esrcs: Vec<(Src<'_>, &EndpointFile)> = input
        .endpoints
        .iter()
        .zip(&area_scopes)
        .map(|((path, parsed), scope)| {
            (
                Src {
                    file: path,
                    spans: &parsed.spans,
                    scope,
                },
                &parsed.value,
            )
        })
        .collect();

    let mut cx = Ctx {
        sink,
        enums: Vec::new(),
        structs: Vec::new(),
        enum_index: HashMap::new(),
        struct_index: HashMap::new(),
        names: HashMap::new(),
        referenced: HashSet::new(),
        named_types: Vec::new(),
        discrepancies: Vec::new(),
        rule_targets: HashSet::new(),
    };

    if pfile.provider != input.dir {
        cx.sink.error(
            psrc.loc("provider"),
            "L016",
            format!(
                "provider name `{}` differs from its directory `{}`",
                pfile.provider, input.dir
            ),
            "name the directory after the provider module",
        );
    }
    cx.check_snake("provider name", &pfile.provider, psrc.loc("provider"));
    if names::is_payspec_root_name(&pfile.provider) {
        cx.sink.error(
            psrc.loc("provider"),
            "L080",
            format!(
                "provider name `{}` is already a module or crate at the root of the `payspec` crate, \
                 where each provider's module is declared",
                pfile.provider
            ),
            "name the provider (and its directory) after the gateway, e.g. `acme_pay`",
        );
    }

    // Phase 1: every enum and every named struct, so references resolve in any order.
    declare_enums(&mut cx, psrc, &pfile.enums);
    declare_types(&mut cx, psrc, &pfile.types);
    for (src, file) in &esrcs {
        declare_enums(&mut cx, *src, &file.enums);
        declare_types(&mut cx, *src, &file.types);
        for (key, body) in bodies(file) {
            if body.fields.is_some() {
                let loc = src.loc(&format!("{key}.type"));
                cx.check_type_name(&body.type_name, loc.clone());
                cx.declare(&body.type_name, NameKind::Struct, loc);
            }
        }
    }

    // Phase 2: struct contents, headers, endpoints.
    lower_types(&mut cx, psrc, &pfile.types);
    let request_headers = headers(&mut cx, psrc, "request_headers", &pfile.request_headers);
    let response_headers = headers(&mut cx, psrc, "response_headers", &pfile.response_headers);
    let call_headers = call_headers(&mut cx, psrc, pfile);
    let mut endpoints = Vec::new();
    let mut pending = Vec::new();
    let mut examples: Vec<(String, Vec<Example>)> = Vec::new();
    for (src, file) in &esrcs {
        lower_types(&mut cx, *src, &file.types);
        let endpoint = lower_endpoint(&mut cx, *src, file, &mut examples);
        if !file.rules.is_empty() {
            match &endpoint.request {
                Some(root) => pending.push(PendingRules {
                    src: *src,
                    root: root.clone(),
                    rules: &file.rules,
                    key: "rules".to_owned(),
                }),
                None => cx.sink.error(
                    src.loc("rules"),
                    "L023",
                    format!("endpoint `{}` has rules but no request body", file.name),
                    "rules check the request body; add `request:` or delete the rules",
                ),
            }
        }
        // Conditions on what the provider sends, rooted at each body.
        for (key, body) in bodies(file) {
            if key == "request" {
                if !body.rules.is_empty() {
                    cx.sink.error(
                        src.loc("request.rules"),
                        "L023",
                        "a request body's rules are the file's `rules:`".to_owned(),
                        "move them to `rules:` at the top level of the file",
                    );
                }
            } else if !body.rules.is_empty() {
                pending.push(PendingRules {
                    src: *src,
                    root: body.type_name.clone(),
                    rules: &body.rules,
                    key: format!("{key}.rules"),
                });
            }
        }
        for (i, d) in file.discrepancies.iter().enumerate() {
            let note = cx.discrepancy(*src, d, &format!("discrepancies[{i}]"), &file.name);
            cx.discrepancies.push(note);
        }
        endpoints.push(endpoint);
    }
    for (i, d) in pfile.discrepancies.iter().enumerate() {
        let note = cx.discrepancy(psrc, d, &format!("discrepancies[{i}]"), &pfile.provider);
        cx.discrepancies.push(note);
    }
    // Examples of bodies that reference a named type belong to that type.
    for (name, list) in examples {
        if let Some(s) = cx.struct_by_name_mut(&name) {
            s.examples.extend(list);
        }
    }

    for p in &pending {
        cx.lower_rules(p);
    }

    let mut decisions = Vec::new();
    decisions.extend(cx.lower_decisions(psrc, &pfile.decisions));
    for (src, file) in &esrcs {
        decisions.extend(cx.lower_decisions(*src, &file.decisions));
    }

    endpoints.sort_by(|a, b| (&a.area, &a.name).cmp(&(&b.area, &b.name)));
    let environments = pfile
        .environments
        .iter()
        .map(|(name, env)| {
            let loc = psrc.loc(&format!("environments.{name}"));
            cx.check_snake("environment name", name, loc);
            Environment {
                name: name.clone(),
                rust_name: names::upper_camel(name),
                base_url: env.base_url.trim_end_matches('/').to_owned(),
                doc: env.doc.clone(),
            }
        })
        .collect();

    let recipes = super::recipes::lower(
        cx.sink,
        psrc,
        &pfile.auth,
        &super::recipes::Api {
            endpoints: &endpoints,
            structs: &cx.structs,
        },
    );
    if pfile
        .error_convention
        .as_ref()
        .and_then(|c| c.code.as_ref())
        .is_none()
    {
        for (src, file) in &esrcs {
            if file.success_codes.is_some() {
                cx.sink.error(
                    src.loc("success_codes"),
                    "L041",
                    format!(
                        "`{}` has `success_codes`, but the provider's `error_convention` has no \
                         `code` path: there is no code to compare",
                        file.name
                    ),
                    "add `code:` to `error_convention` in provider.yaml, or drop `success_codes`",
                );
            }
        }
    }
    if pfile.auth.retired_scheme.is_some() {
        cx.sink.error(
            psrc.loc("auth.scheme"),
            "L089",
            "`auth.scheme` is gone: the recipes (`auth.request`, `auth.response`, \
             `auth.notification`, `auth.token`) and `auth.credentials` say how the provider \
             authenticates"
                .to_owned(),
            "delete the `scheme:` line; describe the signature with recipes (spec/README.md, \
             \"Signature recipes\")",
        );
    }
    let (error_convention, error_shape) =
        super::convention::lower(cx.sink, psrc, pfile.error_convention.as_ref());
    let retry = super::retry::lower(cx.sink, psrc, pfile, &recipes);
    let case_credentials = super::case_credentials::lower(
        cx.sink,
        psrc,
        pfile,
        &super::case_credentials::Input {
            dir: input.dir,
            files: input.files,
            recipes: &recipes,
            has_cases: endpoints.iter().any(|e| !e.cases.is_empty()),
        },
    );
    let mut provider = Provider {
        name: pfile.provider.clone(),
        title: pfile.title.clone(),
        doc: pfile.doc.clone(),
        docs: pfile.docs.iter().map(|d| d.file().to_owned()).collect(),
        auth: Auth {
            doc: pfile.auth.doc.clone(),
            token_claims: pfile.auth.token_claims,
            recipes,
        },
        error_convention,
        error_shape,
        path_refs: pfile
            .path_refs
            .iter()
            .map(|(name, r)| {
                let loc = psrc.loc(&format!("path_refs.{name}"));
                cx.check_type_name(name, loc.clone());
                for variant in r.variants.keys() {
                    cx.check_type_name(variant, loc.clone());
                }
                crate::ir::PathRef {
                    name: name.clone(),
                    doc: r.doc.clone(),
                    variants: r
                        .variants
                        .iter()
                        .map(|(v, d)| (v.clone(), d.clone()))
                        .collect(),
                }
            })
            .collect(),
        environments,
        request_headers,
        response_headers,
        retry,
        call_headers,
        enums: std::mem::take(&mut cx.enums),
        structs: std::mem::take(&mut cx.structs),
        endpoints,
        decisions,
        discrepancies: std::mem::take(&mut cx.discrepancies),
        lifecycles: Vec::new(),
        case_credentials,
        loc: psrc.loc("provider"),
    };
    // The lifecycle refers to fields and endpoints by their resolved types;
    // after an error above (an unknown type, say) it would only repeat it as
    // "not an amount field", so it is checked once the rest is clean.
    if error_count(cx.sink) == errors_before {
        provider.lifecycles = super::lifecycle::lower(&provider, psrc, &pfile.lifecycle, cx.sink);
        super::example_by::check_responses(&provider, &esrcs, cx.sink);
    }
    super::checks::run(
        &mut provider,
        &super::checks::Facts {
            referenced: &cx.referenced,
            named_types: &cx.named_types,
            rule_targets: &cx.rule_targets,
        },
        cx.sink,
    );
    super::convention::check_samples(&provider, cx.sink);
    provider
}

/// The bodies of an endpoint file with their key paths.
pub(crate) fn bodies(file: &EndpointFile) -> Vec<(String, &BodySpec)> {
    let mut out = Vec::new();
    if let Some(r) = &file.request {
        out.push(("request".to_owned(), r));
    }
    for (status, b) in &file.responses {
        out.push((format!("responses.{status}"), b));
    }
    for (name, b) in &file.errors {
        out.push((format!("errors.{name}"), b));
    }
    out
}

fn error_count(sink: &Sink) -> usize {
    sink.diags
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .count()
}

fn declare_enums(cx: &mut Ctx<'_>, src: Src<'_>, enums: &IndexMap<String, EnumSpec>) {
    for (name, spec) in enums {
        let key = format!("enums.{name}");
        let loc = src.loc(&key);
        cx.check_type_name(name, loc.clone());
        if !cx.declare(name, NameKind::Enum, loc.clone()) {
            continue;
        }
        let values = enum_values(cx, src, name, &key, &spec.values);
        let discrepancy = spec
            .discrepancy
            .as_ref()
            .map(|d| cx.discrepancy(src, d, &format!("{key}.discrepancy"), name));
        if let Some(d) = &discrepancy {
            cx.discrepancies.push(d.clone());
        }
        cx.push_enum(Enum {
            name: name.clone(),
            scope: src.scope.clone(),
            doc: spec.doc.clone(),
            values,
            discrepancy,
            in_request: false,
            in_response: false,
            loc,
        });
    }
}

fn enum_values(
    cx: &mut Ctx<'_>,
    src: Src<'_>,
    enum_name: &str,
    key: &str,
    values: &IndexMap<String, EnumValueSpec>,
) -> Vec<EnumValue> {
    let mut seen: HashMap<String, String> = HashMap::new();
    // Alias → the value it spells.
    let mut spellings: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    if values.is_empty() {
        cx.sink.error(
            src.loc(&format!("{key}.values")),
            "L008",
            format!("enum `{enum_name}` has no values"),
            "list the values the docs give, each with its description",
        );
    }
    for (wire, spec) in values {
        let vkey = format!("{key}.values.{wire}");
        let loc = src.loc(&vkey);
        let (doc, rust_name, aliases) = match spec {
            EnumValueSpec::Doc(doc) => (doc.clone(), names::upper_camel(wire), Vec::new()),
            EnumValueSpec::Full { doc, rust, aliases } => (
                doc.clone(),
                rust.clone().unwrap_or_else(|| names::upper_camel(wire)),
                aliases.clone(),
            ),
        };
        for alias in &aliases {
            // A spelling belongs to one value: the documented ones and
            // every alias seen so far.
            let taken = values.contains_key(alias) || spellings.contains_key(alias);
            if taken || alias == wire {
                cx.sink.error(
                    src.loc(&format!("{vkey}.aliases")),
                    "L008",
                    format!("alias `{alias}` of `{wire}` in `{enum_name}` is already a spelling of a value"),
                    "list each spelling once, under the value it means",
                );
            } else {
                spellings.insert(alias.clone(), wire.clone());
            }
        }
        if !names::is_upper_camel(&rust_name) {
            cx.sink.error(
                loc.clone(),
                "L008",
                format!("variant name `{rust_name}` for value `{wire}` of `{enum_name}` is not an UpperCamel Rust identifier"),
                format!("give the value an explicit name: `{wire}: {{ doc: ..., rust: SomeName }}`"),
            );
        } else if rust_name == "Unknown" {
            cx.sink.error(
                loc.clone(),
                "L008",
                format!("value `{wire}` of `{enum_name}` would be variant `Unknown`, which is reserved for undocumented values"),
                format!("give it another name: `{wire}: {{ doc: ..., rust: UnknownStatus }}`"),
            );
        } else if let Some(first) = seen.get(&rust_name) {
            cx.sink.error(
                loc.clone(),
                "L008",
                format!("values `{first}` and `{wire}` of `{enum_name}` both become variant `{rust_name}`"),
                "give one of them an explicit name with `rust:`".to_owned(),
            );
        } else {
            seen.insert(rust_name.clone(), wire.clone());
        }
        out.push(EnumValue {
            wire: wire.clone(),
            rust_name,
            doc,
            aliases,
        });
    }
    out
}

fn declare_types(
    cx: &mut Ctx<'_>,
    src: Src<'_>,
    types: &IndexMap<String, crate::spec::model::TypeSpec>,
) {
    for name in types.keys() {
        let loc = src.loc(&format!("types.{name}"));
        cx.check_type_name(name, loc.clone());
        if cx.declare(name, NameKind::Struct, loc.clone()) {
            cx.named_types.push((name.clone(), loc));
        }
    }
}

fn lower_types(
    cx: &mut Ctx<'_>,
    src: Src<'_>,
    types: &IndexMap<String, crate::spec::model::TypeSpec>,
) {
    for (name, spec) in types {
        let key = format!("types.{name}");
        cx.lower_struct(
            src,
            name,
            &key,
            spec.doc.clone(),
            &spec.fields,
            &format!("{key}.fields"),
            "",
        );
    }
}

/// `call_headers:`: optional per-call request headers with their limits.
fn call_headers(
    cx: &mut Ctx<'_>,
    src: Src<'_>,
    pfile: &crate::spec::model::ProviderFile,
) -> Vec<crate::ir::CallHeader> {
    let mut out = Vec::new();
    for (name, spec) in &pfile.call_headers {
        let loc = src.loc(&format!("call_headers.{name}"));
        if pfile
            .request_headers
            .keys()
            .any(|h| h.eq_ignore_ascii_case(name))
        {
            cx.sink.error(
                loc.clone(),
                "L077",
                format!("`{name}` is both a request header and a call header"),
                "a header every request carries belongs in `request_headers`; an optional one in `call_headers`",
            );
        }
        let mut methods = Vec::new();
        for m in &spec.methods {
            let upper = m.to_ascii_uppercase();
            if !["GET", "POST"].contains(&upper.as_str()) {
                cx.sink.error(
                    src.loc(&format!("call_headers.{name}.methods")),
                    "L078",
                    format!("`{m}` is not a method an endpoint can have"),
                    "write GET or POST",
                );
            }
            methods.push(upper);
        }
        let list = spec.list.as_ref().and_then(|l| {
            let mut chars = l.separator.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if l.max_items > 0 => Some((c, l.max_items, l.item_max_length)),
                _ => {
                    cx.sink.error(
                        src.loc(&format!("call_headers.{name}.list")),
                        "L079",
                        format!(
                            "`{name}`'s list needs a one-character `separator` and `max_items` above 0, not {:?} and {}",
                            l.separator, l.max_items
                        ),
                        "write the separator and the item count the docs give (`separator: \",\"`, `max_items: 3`)",
                    );
                    None
                }
            }
        });
        out.push(crate::ir::CallHeader {
            wire_name: name.clone(),
            doc: spec.doc.clone(),
            max_length: spec.max_length,
            methods,
            list,
        });
    }
    out
}

fn headers(
    cx: &mut Ctx<'_>,
    src: Src<'_>,
    key: &str,
    specs: &IndexMap<String, FieldSpec>,
) -> Vec<Header> {
    specs
        .iter()
        .map(|(wire, spec)| {
            let fkey = format!("{key}.{wire}");
            let field = cx.lower_field(src, "Header", wire, spec, &fkey, wire);
            if matches!(
                field.ty,
                crate::ir::Type::Struct(_) | crate::ir::Type::Array(_) | crate::ir::Type::Json
            ) {
                cx.sink.error(
                    src.loc(&format!("{fkey}.type")),
                    "L001",
                    format!(
                        "header `{wire}` has type `{}`; headers carry a single value",
                        spec.ty
                    ),
                    "use string, integer, boolean, decimal, amount_idr or an enum",
                );
            }
            let fixed = spec.value.clone();
            if fixed.is_some() {
                let misplaced = if key != "request_headers" {
                    Some("only request headers have a fixed value".to_owned())
                } else if spec.ty != "string" || spec.presence != crate::ir::Presence::Mandatory {
                    Some(format!(
                        "header `{wire}` has a fixed value, so it must be a mandatory string"
                    ))
                } else {
                    None
                };
                if let Some(message) = misplaced {
                    cx.sink.error(
                        src.loc(&format!("{fkey}.value")),
                        "L031",
                        message,
                        "give `value:` only to a `type: string, presence: mandatory` request header",
                    );
                }
            }
            Header {
                wire_name: wire.clone(),
                field,
                fixed,
            }
        })
        .collect()
}

fn lower_endpoint(
    cx: &mut Ctx<'_>,
    src: Src<'_>,
    file: &EndpointFile,
    examples: &mut Vec<(String, Vec<Example>)>,
) -> Endpoint {
    cx.check_snake("endpoint name", &file.name, src.loc("name"));
    cx.check_snake("area", &file.area, src.loc("area"));
    match file.kind {
        EndpointKind::Endpoint => {
            if file.method.is_none() || file.path.is_none() {
                let missing = match (file.method.is_none(), file.path.is_none()) {
                    (true, true) => "`method` and `path`",
                    (true, false) => "`method`",
                    _ => "`path`",
                };
                cx.sink.error(
                    src.loc("kind"),
                    "L015",
                    format!("endpoint `{}` has no {missing}", file.name),
                    "an endpoint needs `method: POST` (or GET) and `path: /...`",
                );
            }
        }
        EndpointKind::Notification => {
            if file.method.is_some() || file.path.is_some() {
                let key = if file.method.is_some() {
                    "method"
                } else {
                    "path"
                };
                cx.sink.error(
                    src.loc(key),
                    "L015",
                    format!("notification `{}` has a `{key}`", file.name),
                    "the provider calls the merchant's URL; delete `method` and `path`",
                );
            }
        }
    }
    if let Some(path) = &file.path {
        if !path.starts_with('/') {
            cx.sink.error(
                src.loc("path"),
                "L015",
                format!("path `{path}` of `{}` does not start with `/`", file.name),
                format!("write it as `/{path}`; it is appended to the environment's base URL"),
            );
        }
    }
    let path_params = path_params(cx, src, file);
    if file.docs.is_empty() {
        cx.sink.error(
            src.loc("docs"),
            "E003",
            format!("`docs` of `{}` lists no file", file.name),
            "name the provider-docs page the endpoint comes from, or a list of them",
        );
    }

    let request = file
        .request
        .as_ref()
        .map(|b| body(cx, src, "request", b, examples));
    let status_outside_errors = file
        .request
        .iter()
        .map(|b| ("request".to_owned(), b))
        .chain(
            file.responses
                .iter()
                .map(|(status, b)| (format!("responses.{status}"), b)),
        );
    for (key, b) in status_outside_errors {
        if b.status.is_some() {
            cx.sink.error(
                src.loc(&format!("{key}.status")),
                "L021",
                format!("`{key}` has a `status`, which only error bodies take"),
                "a response's status is its key under `responses:`; drop `status`",
            );
        }
    }
    let mut responses = Vec::new();
    for (status, b) in &file.responses {
        let key = format!("responses.{status}");
        let name = body(cx, src, &key, b, examples);
        match status.parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) => responses.push(crate::ir::Response {
                status: code,
                body: name,
                example_by: b.example_by.as_ref().map(super::example_by::unchecked),
            }),
            _ => cx.sink.error(
                src.loc(&key),
                "L021",
                format!("response status `{status}` is not an HTTP status code"),
                "key responses by a status between 100 and 599, quoted: `\"200\":`",
            ),
        }
    }
    responses.sort_by_key(|r: &Response| r.status);
    let errors = file
        .errors
        .iter()
        .map(|(name, b)| {
            let key = format!("errors.{name}");
            if let Some(status) = b.status.filter(|s| !(100..=599).contains(s)) {
                cx.sink.error(
                    src.loc(&format!("{key}.status")),
                    "L021",
                    format!("error status `{status}` is not an HTTP status code"),
                    "give the status between 100 and 599 the docs say the body comes with",
                );
            }
            ErrorBody {
                name: name.clone(),
                body: body(cx, src, &key, b, examples),
                status: b.status,
            }
        })
        .collect();

    Endpoint {
        kind: file.kind,
        name: file.name.clone(),
        area: file.area.clone(),
        summary: file.summary.clone(),
        doc: file.doc.clone(),
        docs: file.docs.clone(),
        method: file.method,
        path: file.path.clone(),
        path_params,
        request,
        responses,
        errors,
        success_codes: file.success_codes.as_ref().map(|codes| {
            super::convention::success_codes(cx.sink, src, "", codes, true)
                .iter()
                .map(|c| c.to_string())
                .collect()
        }),
        cases: file
            .cases
            .iter()
            .enumerate()
            .map(|(i, spec)| crate::ir::Case {
                spec: spec.clone(),
                loc: src.loc(&format!("cases[{i}]")),
            })
            .collect(),
        loc: src.loc("kind"),
    }
}

/// Lowers a body; returns its struct name.
fn body(
    cx: &mut Ctx<'_>,
    src: Src<'_>,
    key: &str,
    spec: &BodySpec,
    examples: &mut Vec<(String, Vec<Example>)>,
) -> String {
    let list: Vec<Example> = spec
        .examples
        .iter()
        .enumerate()
        .map(|(i, ex)| {
            if let Err(err) = serde_json::from_str::<serde_json::Value>(&ex.json) {
                cx.sink.warn(
                    src.loc(&format!("{key}.examples[{i}].json")),
                    "W005",
                    format!("example `{}` is not valid JSON: {err}", ex.name),
                    "copy the sample exactly; if the docs print invalid JSON, fix it here and say so in a discrepancy",
                );
            }
            Example {
                name: ex.name.clone(),
                json: ex.json.clone(),
            }
        })
        .collect();
    match &spec.fields {
        Some(fields) => {
            let doc = spec.doc.clone().unwrap_or_default();
            cx.lower_struct(
                src,
                &spec.type_name,
                key,
                doc,
                fields,
                &format!("{key}.fields"),
                "",
            );
            if let Some(s) = cx.struct_by_name_mut(&spec.type_name) {
                s.examples.extend(list);
            }
        }
        None => {
            let known = matches!(
                cx.names.get(&spec.type_name),
                Some((super::provider::NameKind::Struct, _))
            );
            if known {
                cx.referenced.insert(spec.type_name.clone());
                examples.push((spec.type_name.clone(), list));
            } else {
                cx.sink.error(
                    src.loc(&format!("{key}.type")),
                    "L014",
                    format!("body type `{}` has no `fields` and names no defined type", spec.type_name),
                    "add `fields:` to define it here, or define it under `types:` in this file or provider.yaml",
                );
            }
        }
    }
    spec.type_name.clone()
}

/// Path parameters in the order of their `{placeholders}`.
fn path_params(cx: &mut Ctx<'_>, src: Src<'_>, file: &EndpointFile) -> Vec<Field> {
    let placeholders = file.path.as_deref().map(placeholders).unwrap_or_default();
    let mut seen = HashSet::new();
    for p in &placeholders {
        if !seen.insert(p.as_str()) {
            cx.sink.error(
                src.loc("path"),
                "L020",
                format!("path placeholder `{{{p}}}` appears twice"),
                "each path parameter may appear once",
            );
        } else if !file.path_params.contains_key(p) {
            cx.sink.error(
                src.loc("path"),
                "L020",
                format!("path placeholder `{{{p}}}` is not declared under `path_params`"),
                format!("add `path_params: {{ {p}: {{ type: string, presence: mandatory, doc: ... }} }}`"),
            );
        }
    }
    for name in file.path_params.keys() {
        if !placeholders.iter().any(|p| p == name) {
            cx.sink.error(
                src.loc(&format!("path_params.{name}")),
                "L020",
                format!("path parameter `{name}` does not appear in the path as `{{{name}}}`"),
                "add the placeholder to `path` or delete the parameter",
            );
        }
    }
    let mut out = Vec::new();
    for p in placeholders.iter() {
        if let Some(spec) = file.path_params.get(p) {
            if out.iter().any(|f: &Field| &f.wire_name == p) {
                continue;
            }
            let key = format!("path_params.{p}");
            out.push(cx.lower_field(src, "PathParam", p, spec, &key, p));
        }
    }
    out
}

/// Names inside `{...}` in a path, in order.
pub(crate) fn placeholders(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(after[..close].to_owned());
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_in_order() {
        assert_eq!(placeholders("/a/{x}/b/{y_z}"), ["x", "y_z"]);
        assert_eq!(placeholders("/plain"), Vec::<String>::new());
        assert_eq!(placeholders("/broken/{x"), Vec::<String>::new());
        assert_eq!(placeholders("/{a}{b}"), ["a", "b"]);
    }
}
