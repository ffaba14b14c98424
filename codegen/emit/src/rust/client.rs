//! The typed client: the provider's descriptor (its recipes and error
//! convention as data), its marker type over the one runtime client
//! (`Client`, `Config`), `Config` constructors per spec environment, one
//! async method per endpoint, and the `Notification` verifier its
//! notification recipe calls for.
//!
//! Everything is decided by the IR (the recipes, the error convention,
//! environments, endpoint method, path, path parameters, bodies), never by
//! provider name; the runtime contract is in the client crate's
//! `src/client/mod.rs`.

use payspec_signing::recipe::CredentialKind;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc, ident, method_str, Ctx, EmitError, Scope};
use crate::ir::{Endpoint, EndpointKind, HttpMethod, RetryKey};

/// What the runtime does for this provider, read from its recipes and
/// error convention.
struct Shape {
    /// The header of the request id the request recipe generates, if any:
    /// endpoints then get `*_with(…, &CallOptions)` variants.
    request_id_header: Option<String>,
    /// Whether responses are signature-checked (a response recipe).
    signed_responses: bool,
    /// What makes a response an `Error::Api` besides its status.
    api_error: String,
}

fn shape(ctx: &Ctx<'_>) -> Shape {
    let recipes = &ctx.p.auth.recipes;
    let conv = &ctx.p.error_convention;
    let request_id_header = recipes.request.as_ref().and_then(|r| {
        r.values.iter().find_map(|v| {
            v.source.generated_id_max_len().is_some().then(|| {
                r.headers
                    .iter()
                    .find(|h| h.template.only_value() == Some(&*v.name))
                    .map_or_else(|| v.name.to_string(), |h| h.name.to_string())
            })
        })
    });
    let mut when = vec!["a non-2xx HTTP status".to_owned()];
    if let Some(flag) = &conv.success_flag {
        when.push(format!("a body whose `{flag}` is not `true`"));
    }
    if let (Some(code), false) = (&conv.code, conv.success_codes.is_empty()) {
        let codes: Vec<String> = conv
            .success_codes
            .iter()
            .map(|c| format!("`{c}`"))
            .collect();
        when.push(format!(
            "a `{code}` in the body other than {}, even under HTTP 200",
            codes.join(", ")
        ));
    }
    let mut read = Vec::new();
    if let Some(code) = &conv.code {
        read.push(format!("the code from `{code}`"));
    }
    if !conv.message.is_empty() {
        let paths: Vec<String> = conv.message.iter().map(|m| format!("`{m}`")).collect();
        read.push(format!("the message from {}", paths.join(" or ")));
    }
    if let Some(local) = &conv.message_local {
        read.push(format!("the second-language message from `{local}`"));
    }
    let read = if read.is_empty() {
        String::new()
    } else {
        format!(" ({} in [`crate::ApiError`])", read.join(", "))
    };
    Shape {
        request_id_header,
        signed_responses: recipes.response.is_some(),
        api_error: format!("{}{read}", when.join(", or ")),
    }
}

/// The marker type's name: the provider's name in UpperCamel (`Doku`).
fn marker(ctx: &Ctx<'_>) -> Result<proc_macro2::Ident, EmitError> {
    ident(&payspec_codegen_core::lower::names::upper_camel(
        &ctx.p.name,
    ))
    .map_err(|m| ctx.err("provider name", m))
}

pub(crate) fn emit(ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
    let s = shape(ctx);
    let marker = marker(ctx)?;
    let descriptor = descriptor(ctx, &marker);
    let config = config_impl(ctx)?;
    let refs = path_refs(ctx)?;
    let mut methods = Vec::new();
    let mut notifications = Vec::new();
    let signed = notification_signing(ctx)?;
    for e in &ctx.p.endpoints {
        match e.kind {
            EndpointKind::Endpoint => methods.push(endpoint_methods(ctx, &s, e)?),
            EndpointKind::Notification => {
                notifications.push(notification_impl(ctx, signed.as_ref(), e)?)
            }
        }
    }
    let client = (!methods.is_empty()).then(|| {
        quote! {
            impl Client {
                #(#methods)*
            }
        }
    });
    let auth = super::recipe::emit(&ctx.p.auth.recipes);
    let verifier = match &signed {
        Some(signed) => notification_type(ctx, signed)?,
        None => quote!(),
    };
    Ok(quote! {
        pub use crate::client::{CallOptions, ResponseVerification};
        #auth
        #descriptor
        #config
        #refs
        #client
        #verifier
        #(#notifications)*
    })
}

/// `DESCRIPTOR`, the marker type and the `Client`/`Config` aliases.
fn descriptor(ctx: &Ctx<'_>, marker: &proc_macro2::Ident) -> TokenStream {
    let p = ctx.p;
    let name = p.name.as_str();
    let conv = &p.error_convention;
    let text = |t: &str| quote!(std::borrow::Cow::Borrowed(#t));
    let opt = |t: Option<&str>| match t {
        Some(t) => {
            let t = text(t);
            quote!(Some(#t))
        }
        None => quote!(None),
    };
    let list = |items: &[std::borrow::Cow<'static, str>]| {
        let items = items.iter().map(|i| text(i));
        quote!(std::borrow::Cow::Borrowed(&[#(#items),*]))
    };
    let code = opt(conv.code.as_deref());
    let message = list(&conv.message);
    let message_local = opt(conv.message_local.as_deref());
    let success_codes = list(&conv.success_codes);
    let success_flag = opt(conv.success_flag.as_deref());
    let result = opt(conv.result.as_deref());
    let replay = match conv.replay_status {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    let marker_doc = doc::attrs(&format!(
        "{} as the runtime sees it: the type parameter of [`Client`] and [`Config`], \
         selecting [`DESCRIPTOR`].",
        p.title
    ));
    let call_headers = p.call_headers.iter().map(|h| {
        let name = h.wire_name.as_str();
        let methods = h.methods.iter().map(|m| match m.as_str() {
            "GET" => quote!(crate::transport::Method::Get),
            _ => quote!(crate::transport::Method::Post),
        });
        let max_len = option_usize(h.max_length);
        let list = match h.list {
            Some((separator, max_items, item_max)) => {
                let item_max = option_usize(item_max);
                quote!(Some(crate::client::HeaderList { separator: #separator, max_items: #max_items, item_max_len: #item_max }))
            }
            None => quote!(None),
        };
        quote!(crate::client::OptionalHeader { name: #name, methods: &[#(#methods),*], max_len: #max_len, list: #list })
    });
    let retry = match &p.retry {
        Some(r) => {
            let key = match &r.key {
                RetryKey::Value(v) => quote!(crate::client::IdempotencyKey::Value(#v)),
                RetryKey::Header(h) => quote!(crate::client::IdempotencyKey::Header(#h)),
            };
            let lifetime = match r.key_lifetime_secs {
                Some(secs) => quote!(Some(std::time::Duration::from_secs(#secs))),
                None => quote!(None),
            };
            quote!(Some(crate::client::Idempotency { key: #key, key_lifetime: #lifetime }))
        }
        None => quote!(None),
    };
    quote! {
        /// What distinguishes this provider at run time, from its spec: its
        /// name, its recipes ([`AUTH`]), where its responses carry their
        /// code and message (`error_convention:`) and what makes repeating
        /// a call safe (`retry:`).
        pub static DESCRIPTOR: crate::client::Descriptor = crate::client::Descriptor {
            name: #name,
            auth: &AUTH,
            call_headers: &[#(#call_headers),*],
            retry: #retry,
            errors: crate::convention::ErrorConvention {
                code: #code,
                message: #message,
                message_local: #message_local,
                success_codes: #success_codes,
                success_flag: #success_flag,
                result: #result,
                replay_status: #replay,
            },
        };
        #marker_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #marker;
        impl crate::client::Spec for #marker {
            fn descriptor() -> &'static crate::client::Descriptor {
                &DESCRIPTOR
            }
        }
        /// A client of this provider; cheap to clone, share it.
        pub type Client = crate::client::Client<#marker>;
        /// Where and as whom to call this provider.
        pub type Config = crate::client::Config<#marker>;
    }
}

/// `Config::new`, `Config::<environment>(…)` per spec environment and
/// `Config::for_environment`, taking the spec's credentials in order.
fn config_impl(ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
    let creds = &ctx.p.auth.recipes.credentials;
    let mut names = Vec::new();
    let mut types = Vec::new();
    let mut values = Vec::new();
    for c in creds.iter() {
        let name = ident(&c.name).map_err(|m| ctx.err(format!("credential {}", c.name), m))?;
        match c.kind {
            CredentialKind::Id => {
                types.push(quote!(impl Into<String>));
                values.push(quote!(crate::Secret::new(#name.into())));
            }
            CredentialKind::Key | CredentialKind::Sent => {
                types.push(quote!(impl Into<crate::Secret>));
                values.push(quote!(#name.into()));
            }
        }
        names.push(name);
    }
    let cred_doc: Vec<String> = creds
        .iter()
        .map(|c| format!("`{}`: {}", c.name, c.doc))
        .collect();
    let cred_doc = match cred_doc.is_empty() {
        true => String::new(),
        false => format!("\n\n{}.", cred_doc.join("; ")),
    };
    let mut constructors = Vec::new();
    for env in &ctx.p.environments {
        let item = format!("environment {}", env.name);
        let fn_name = ident(&env.name).map_err(|m| ctx.err(&item, m))?;
        if matches!(
            fn_name.to_string().as_str(),
            "new"
                | "for_environment"
                | "timeout"
                | "retry"
                | "base_url"
                | "response_verification"
                | "fixed_timestamp"
                | "with_credentials"
        ) {
            return Err(ctx.err(item, "clashes with a `Config` method of the runtime"));
        }
        let variant = ident(&env.rust_name).map_err(|m| ctx.err(&item, m))?;
        let text = format!(
            "{} {}, `{}`.{cred_doc}",
            ctx.p.title, env.name, env.base_url
        );
        let d = doc::attrs(&text);
        constructors.push(quote! {
            #d
            pub fn #fn_name(#(#names: #types),*) -> Self {
                Self::new(Environment::#variant.base_url(), #(#names),*)
            }
        });
    }
    let new_doc = doc::attrs(&format!(
        "A configuration for any base URL (a proxy, a test server); the documented \
         ones have constructors of their own.{cred_doc}"
    ));
    let for_env_doc = doc::attrs(&format!(
        "A configuration for `environment` (from configuration files: \
         `Environment::Custom` for any other URL).{cred_doc}"
    ));
    Ok(quote! {
        impl Config {
            #new_doc
            pub fn new(base_url: impl Into<String> #(, #names: #types)*) -> Self {
                Self::with_credentials(base_url, Vec::from([#(#values),*]))
            }
            #(#constructors)*
            #for_env_doc
            pub fn for_environment(environment: Environment, #(#names: #types),*) -> Self {
                Self::new(environment.base_url(), #(#names),*)
            }
        }
    })
}

/// One enum per `path_refs:` entry, usable wherever a path parameter is.
fn path_refs(ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
    let mut out = Vec::new();
    for r in &ctx.p.path_refs {
        let item = format!("path reference {}", r.name);
        let name = ident(&r.name).map_err(|m| ctx.err(&item, m))?;
        let d = doc::attrs(&r.doc);
        let mut variants = Vec::new();
        let mut names = Vec::new();
        for (v, vdoc) in &r.variants {
            let v = ident(v).map_err(|m| ctx.err(&item, m))?;
            let vd = doc::attrs(vdoc);
            variants.push(quote!(#vd #v(String),));
            names.push(v);
        }
        out.push(quote! {
            #d
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub enum #name {
                #(#variants)*
            }
            impl #name {
                /// The id as given.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#name::#names(id))|* => id,
                    }
                }
            }
            impl crate::client::PathParam for #name {
                fn path_segment(&self) -> String {
                    crate::client::encode_path_segment(self.as_str())
                }
            }
        });
    }
    Ok(quote!(#(#out)*))
}

/// The async method (and its `_with` variant) for one endpoint.
fn endpoint_methods(ctx: &Ctx<'_>, s: &Shape, e: &Endpoint) -> Result<TokenStream, EmitError> {
    let item = format!("endpoint {}", e.name);
    let (Some(method), Some(path)) = (e.method, e.path.as_deref()) else {
        return Err(ctx.err(item, "an endpoint needs a method and a path"));
    };
    let name = ident(&e.name).map_err(|m| ctx.err(&item, m))?;
    let operation = e.name.as_str();

    // Path: each `{param}` placeholder becomes `{<param>_segment}`, a local
    // holding the argument's percent-encoded `PathParam::path_segment`.
    let mut format = path.to_owned();
    let mut params = Vec::new();
    let mut segments = Vec::new();
    let mut param_docs = Vec::new();
    for p in &e.path_params {
        let placeholder = format!("{{{}}}", p.wire_name);
        if !format.contains(&placeholder) {
            return Err(ctx.err(
                &item,
                format!("path parameter `{}` is not in the path", p.wire_name),
            ));
        }
        let param = ident(&p.rust_name).map_err(|m| ctx.err(&item, m))?;
        let segment = format_ident!("{}_segment", p.rust_name.trim_start_matches("r#"));
        format = format.replace(&placeholder, &format!("{{{segment}}}"));
        params.push(param);
        segments.push(segment);
        let mut limits = Vec::new();
        if let Some(n) = p.min_len {
            limits.push(format!("at least {n} characters"));
        }
        if let Some(n) = p.max_len {
            limits.push(format!("at most {n} characters"));
        }
        if let Some(f) = p.format {
            limits.push(format!("of format `{}`", f.spec_name()));
        }
        let checked = match limits.is_empty() {
            true => String::new(),
            false => format!(
                " Must be {}: checked before sending ([`crate::Error::Validation`]).",
                limits.join(", ")
            ),
        };
        param_docs.push(format!(
            "- `{}`: {} Percent-encoded into the path.{checked}",
            p.rust_name,
            doc::md(&p.doc)
        ));
    }
    let mut bare = path.to_owned();
    for p in &e.path_params {
        bare = bare.replace(&format!("{{{}}}", p.wire_name), "");
    }
    if bare.contains(['{', '}']) {
        return Err(ctx.err(
            &item,
            "the path has a `{placeholder}` that is not a path parameter",
        ));
    }
    let path_expr = if params.is_empty() {
        quote!(#path)
    } else {
        quote!(format!(#format))
    };
    let check_params = path_param_checks(ctx, &item, e)?;
    let encode_params = quote! {
        #check_params
        #(let #segments = crate::client::PathParam::path_segment(&#params);)*
    };
    let constructor = match method {
        HttpMethod::GET => quote!(get),
        HttpMethod::POST => quote!(post),
    };
    // Request headers the spec gives a fixed value (`value:` in
    // `request_headers`) are data of the call, sent by the runtime.
    let fixed = ctx.p.request_headers.iter().filter_map(|h| {
        let value = h.fixed.as_deref()?;
        let name = h.wire_name.as_str();
        Some(quote!(.fixed_header(#name, #value)))
    });
    // Optional per-call headers (`call_headers:`) the endpoint's method
    // takes, with their limits, checked by the runtime before sending.
    let method_name = match method {
        HttpMethod::GET => "GET",
        HttpMethod::POST => "POST",
    };
    let optional_headers: Vec<&crate::ir::CallHeader> = ctx
        .p
        .call_headers
        .iter()
        .filter(|h| h.methods.is_empty() || h.methods.iter().any(|m| m == method_name))
        .collect();
    let success_codes = e.success_codes.as_ref().map(|codes| {
        let codes = codes.iter().map(String::as_str);
        quote!(.success_codes(&[#(#codes),*]))
    });
    let call =
        quote!(crate::client::Call::#constructor(#operation, #path_expr) #(#fixed)* #success_codes);

    // Success type: the 2xx body, or its `data` where the runtime unwraps
    // the envelope.
    let Some(success) = e.responses.iter().find(|r| (200..300).contains(&r.status)) else {
        return Err(ctx.err(item, "an endpoint needs a documented 2xx response"));
    };
    let body_path = struct_path(ctx, &item, &success.body)?;
    let (ret, returns_doc) = if let Some(result) = ctx.p.error_convention.result.as_deref() {
        let def = ctx
            .struct_def(&success.body)
            .ok_or_else(|| ctx.err(&item, "response body is not a struct"))?;
        let data = def
            .fields
            .iter()
            .find(|f| f.wire_name == result)
            .ok_or_else(|| {
                ctx.err(
                    &item,
                    format!(
                        "the response envelope `{}` has no `{result}` field for the client to return \
                         (`error_convention.result`)",
                        success.body
                    ),
                )
            })?;
        let crate::ir::Type::Struct(data_ty) = &data.ty else {
            return Err(ctx.err(&item, format!("the envelope's `{result}` is not a struct")));
        };
        let data_path = struct_path(ctx, &item, data_ty)?;
        let doc = format!(
            "The `{result}` of a successful HTTP {} envelope ([`{}`]), as [`{}`]",
            success.status,
            plain(&body_path),
            plain(&data_path)
        );
        // An optional result may be `null` or missing on success: `None`,
        // never a decoding error.
        if data.optional {
            (
                quote!(Option<#data_path>),
                format!("{doc}; `None` when `{result}` is `null` or absent."),
            )
        } else {
            (data_path.clone(), format!("{doc}."))
        }
    } else {
        (
            body_path.clone(),
            format!(
                "The HTTP {} body as [`{}`].",
                success.status,
                plain(&body_path)
            ),
        )
    };

    let request = match &e.request {
        Some(body) => Some(struct_path(ctx, &item, body)?),
        None => None,
    };
    let request_arg = request.as_ref().map(|ty| quote!(, request: &#ty));
    let (runtime, runtime_with) = if request.is_some() {
        (
            quote!(call(#call, request)),
            quote!(call_with(#call, request, options)),
        )
    } else {
        (
            quote!(call_empty(#call)),
            quote!(call_empty_with(#call, options)),
        )
    };

    // Rustdoc.
    let mut errors = Vec::new();
    if request.is_some() {
        errors.push(
            "- [`crate::Error::Validation`]: the request breaks the spec's field checks or \
             rules (every violation, with its JSON path); nothing is sent."
                .to_owned(),
        );
    }
    let documented: Vec<String> = e
        .errors
        .iter()
        .map(|er| {
            struct_path(ctx, &item, &er.body).map(|p| match er.status {
                Some(status) => format!("`{}` ([`{}`], under HTTP {status})", er.name, plain(&p)),
                None => format!("`{}` ([`{}`])", er.name, plain(&p)),
            })
        })
        .collect::<Result<_, _>>()?;
    let documented = if documented.is_empty() {
        String::new()
    } else {
        format!(
            "; documented error bodies: {}, read with `ApiError::body_as`",
            documented.join(", ")
        )
    };
    errors.push(format!(
        "- [`crate::Error::Api`]: the provider refused: {}{documented}.",
        s.api_error
    ));
    if s.signed_responses {
        errors.push(
            "- [`crate::Error::SignatureMismatch`]: the response is not signed with your key."
                .to_owned(),
        );
    }
    errors.push(
        "- [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response."
            .to_owned(),
    );
    errors.push("- [`crate::Error::Decode`]: the response is not the documented JSON.".to_owned());
    let params_doc = if param_docs.is_empty() {
        String::new()
    } else {
        format!(
            "# Path parameters\n\nEach accepts `&str`, `String` or any \
             [`crate::PathParam`].\n\n{}",
            param_docs.join("\n")
        )
    };
    let text = doc::paragraphs([
        doc::md(&e.summary),
        format!("`{} {}`", method_str(method), path),
        e.doc.as_deref().map(doc::md).unwrap_or_default(),
        params_doc,
        format!("# Returns\n\n{returns_doc}"),
        format!("# Errors\n\n{}", errors.join("\n")),
    ]);
    let method_doc = doc::attrs(&text);
    // A parameter with length or format limits is read as text to check them.
    let param_tys: Vec<_> = e
        .path_params
        .iter()
        .map(|p| match is_constrained(p) {
            true => quote!(impl crate::client::PathParam + AsRef<str>),
            false => quote!(impl crate::client::PathParam),
        })
        .collect();
    let plain_method = quote! {
        #method_doc
        pub async fn #name(&self #(, #params: #param_tys)* #request_arg) -> Result<#ret, crate::Error> {
            #encode_params
            self.#runtime.await
        }
    };
    let plain_name = name.to_string();
    let plain_name = plain_name.trim_start_matches("r#");
    let with_text = match (&s.request_id_header, optional_headers.is_empty()) {
        (None, true) => return Ok(plain_method),
        (Some(id_header), _) => format!(
            "As [`Client::{plain_name}`], with per-call options: store the {id_header} you pass in \
             `options` before sending, so a retry after a crash repeats the request safely."
        ),
        (None, false) => {
            let names: Vec<String> = optional_headers
                .iter()
                .map(|h| format!("`{}`", h.wire_name))
                .collect();
            format!(
                "As [`Client::{plain_name}`], with per-call options: the optional headers {} \
                 ([`CallOptions::header`]), checked against their documented limits before \
                 anything is sent.",
                names.join(", ")
            )
        }
    };
    let with_name = format_ident!("{plain_name}_with");
    let with_doc = doc::attrs(&with_text);
    Ok(quote! {
        #plain_method
        #with_doc
        pub async fn #with_name(&self #(, #params: #param_tys)* #request_arg, options: &CallOptions) -> Result<#ret, crate::Error> {
            #encode_params
            self.#runtime_with.await
        }
    })
}

fn is_constrained(p: &crate::ir::Field) -> bool {
    p.max_len.is_some() || p.min_len.is_some() || p.format.is_some()
}

/// Checks of the path parameters' `max_len`, `min_len` and `format`, before
/// anything is sent: a violation is [`crate::Error::Validation`] naming the
/// parameter as `{name}`.
fn path_param_checks(ctx: &Ctx<'_>, item: &str, e: &Endpoint) -> Result<TokenStream, EmitError> {
    let usize_opt = |n: Option<u32>| match n {
        Some(n) => {
            let n = n as usize;
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    let mut checks = Vec::new();
    for p in e.path_params.iter().filter(|p| is_constrained(p)) {
        let param = ident(&p.rust_name).map_err(|m| ctx.err(item, m))?;
        let name = format!("{{{}}}", p.wire_name);
        if p.max_len.is_some() || p.min_len.is_some() {
            let (min, max) = (usize_opt(p.min_len), usize_opt(p.max_len));
            checks.push(quote!(checks.check_len(#name, #param.as_ref(), #min, #max);));
        }
        if let Some(format) = p.format {
            let variant = ident(format.rust_variant()).map_err(|m| ctx.err(item, m))?;
            checks.push(quote!(
                checks.check_format(#name, #param.as_ref(), crate::validation::Format::#variant);
            ));
        }
    }
    if checks.is_empty() {
        return Ok(quote!());
    }
    Ok(quote! {
        let mut checks = crate::validation::Validator::new();
        #(#checks)*
        checks.finish().map_err(crate::Error::Validation)?;
    })
}

/// How the notification recipe signs: in headers (each with its field name
/// in `NotificationHeaders`, and whether it carries a value as it is, so it
/// must be present) or in body fields; and the signing keys a verifier takes:
/// those the recipe reads.
struct NotificationSigning {
    headers: Option<Vec<(String, proc_macro2::Ident, bool)>>,
    /// Whether a header carries the recipe's `now` value (`verify_fresh`).
    timestamped: bool,
    /// The keys the recipe reads: a parameter of each verifier, by name.
    keys: Vec<proc_macro2::Ident>,
    /// Their credential names, as the runtime matches them.
    key_names: Vec<String>,
}

fn notification_signing(ctx: &Ctx<'_>) -> Result<Option<NotificationSigning>, EmitError> {
    let Some(recipe) = ctx.p.auth.recipes.notification.as_ref() else {
        return Ok(None);
    };
    let item = "auth.notification";
    let key_names: Vec<String> = super::notification_keys(ctx.p)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let keys = key_names
        .iter()
        .map(|name| ident(name).map_err(|m| ctx.err(item, m)))
        .collect::<Result<Vec<_>, _>>()?;
    let headers = match (recipe.headers.is_empty(), recipe.fields.is_empty()) {
        (false, true) => Some(
            recipe
                .headers
                .iter()
                .map(|h| {
                    let field = ident(&h.name.to_ascii_lowercase().replace('-', "_"))
                        .map_err(|m| ctx.err(item, m))?;
                    Ok((h.name.to_string(), field, h.template.only_value().is_some()))
                })
                .collect::<Result<Vec<_>, EmitError>>()?,
        ),
        (true, false) => None,
        _ => {
            return Err(ctx.err(
                item,
                "a notification recipe signs in headers or in body fields, not both",
            ))
        }
    };
    Ok(Some(NotificationSigning {
        timestamped: headers.is_some() && recipe.timestamp_header().is_some(),
        headers,
        keys,
        key_names,
    }))
}

/// The `Notification` verifier (and `NotificationHeaders` for a
/// header-signed recipe) over `crate::client::notify`.
fn notification_type(
    ctx: &Ctx<'_>,
    signed: &NotificationSigning,
) -> Result<TokenStream, EmitError> {
    let keys = &signed.keys;
    let key_names = &signed.key_names;
    // Each key with its credential name: the runtime matches by name.
    let key_list = quote!(&[#((#key_names, #keys)),*]);
    let title = &ctx.p.title;
    let Some(headers) = &signed.headers else {
        let verify_doc = doc::attrs(&format!(
            "Checks a {title} notification's signed body fields with the spec's notification \
             recipe ([`AUTH`]), over the strings exactly as received, and decodes the body as \
             `T`.\n\nA missing field or a wrong signature is [`crate::Error::SignatureMismatch`] \
             naming the reason; a body that is not JSON is [`crate::Error::Decode`].\n\n\
             A valid signature proves origin, not freshness: a resent notification verifies \
             again, so process each one once."
        ));
        return Ok(quote! {
            /// Inbound notifications: the signature is checked before anything typed is returned.
            #[derive(Debug, Clone, Copy)]
            pub struct Notification;
            impl Notification {
                #verify_doc
                pub fn verify<T: serde::de::DeserializeOwned>(raw_body: impl AsRef<[u8]> #(, #keys: &crate::Secret)*) -> Result<T, crate::Error> {
                    crate::client::notify::verify_fields(&DESCRIPTOR, raw_body.as_ref(), #key_list)
                }
                /// Only the signature check of [`Notification::verify`], with the reason it failed.
                pub fn check(raw_body: &[u8] #(, #keys: &crate::Secret)*) -> Result<(), crate::Error> {
                    crate::client::notify::check_signed_fields(&DESCRIPTOR, raw_body, #key_list)
                }
            }
        });
    };
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    let mut pairs = Vec::new();
    for (wire, field, required) in headers {
        if *required {
            let d = doc::attrs(&format!("`{wire}`."));
            fields.push(quote!(#d pub #field: &'a str,));
            reads.push(
                quote!(#field: crate::client::notify::required_header(&DESCRIPTOR, map, #wire)?,),
            );
            pairs.push(quote!((#wire, Some(self.#field))));
        } else {
            let d = doc::attrs(&format!("`{wire}`, if present."));
            fields.push(quote!(#d pub #field: Option<&'a str>,));
            reads.push(quote!(#field: crate::client::notify::optional_header(map, #wire),));
            pairs.push(quote!((#wire, self.#field)));
        }
    }
    let n = pairs.len();
    let names: Vec<String> = headers.iter().map(|(w, _, _)| format!("`{w}`")).collect();
    let names = names.join(", ");
    let headers_doc = doc::attrs(&format!(
        "The {names} headers of a notification request, for [`Notification::verify`]. Header \
         names are matched without regard to case.\n\nA missing (or non-text) header the \
         signature covers is [`crate::Error::SignatureMismatch`] naming it."
    ));
    let verify_doc = doc::attrs(&format!(
        "Verifies a {title} notification's signature with the spec's notification recipe \
         ([`AUTH`]) and decodes its body as `T`.\n\n`target` is the path of your \
         notification URL as the provider called it (`/payments/notifications`); `raw_body` \
         the request body exactly as received, before any JSON parsing.\n\nA valid \
         signature proves origin, not freshness: a resent notification verifies again. \
         Process each notification once."
    ));
    let fresh = signed.timestamped.then(|| {
        let d = doc::attrs(
            "[`Notification::verify`], and then refuses a notification whose signed timestamp \
             is more than `max_age` from this server's clock (either way) with \
             [`crate::Error::StaleNotification`].\n\nThe signature covers the timestamp, so a \
             captured notification cannot be made to look recent: a replay older than \
             `max_age` is refused ([`DEFAULT_NOTIFICATION_MAX_AGE`] is five minutes). Within \
             the window a replay still verifies: remember the notifications you handled.",
        );
        quote! {
            #d
            pub fn verify_fresh<T: serde::de::DeserializeOwned>(
                headers: &NotificationHeaders<'_>,
                target: &str,
                raw_body: &[u8]
                #(, #keys: &crate::Secret)*,
                max_age: std::time::Duration,
            ) -> Result<T, crate::Error> {
                crate::client::notify::verify_headers_fresh(
                    &DESCRIPTOR, &headers.pairs(), target, raw_body, #key_list, max_age,
                    std::time::SystemTime::now(),
                )
            }
        }
    });
    let max_age = signed.timestamped.then(|| {
        quote!(
            pub use crate::client::notify::DEFAULT_NOTIFICATION_MAX_AGE;
        )
    });
    Ok(quote! {
        #max_age
        #headers_doc
        #[derive(Debug, Clone, Copy)]
        pub struct NotificationHeaders<'a> {
            #(#fields)*
        }
        impl<'a> NotificationHeaders<'a> {
            /// Each header by name, as received.
            fn pairs(&self) -> [(&'static str, Option<&'a str>); #n] {
                [#(#pairs),*]
            }
        }
        /// Inbound notifications: the signature is checked before anything typed is returned.
        #[derive(Debug, Clone, Copy)]
        pub struct Notification;
        impl Notification {
            /// The signed headers of a notification request, from the `http::HeaderMap` a web
            /// framework hands a handler.
            pub fn headers(map: &http::HeaderMap) -> Result<NotificationHeaders<'_>, crate::Error> {
                Ok(NotificationHeaders { #(#reads)* })
            }
            #verify_doc
            pub fn verify<T: serde::de::DeserializeOwned>(
                headers: &NotificationHeaders<'_>,
                target: &str,
                raw_body: &[u8]
                #(, #keys: &crate::Secret)*
            ) -> Result<T, crate::Error> {
                crate::client::notify::verify_headers(&DESCRIPTOR, &headers.pairs(), target, raw_body, #key_list)
            }
            #fresh
        }
    })
}

/// `pub fn verify_<notification>(…) -> Result<Body, Error>` for a
/// notification: a function of the provider module, not an associated
/// function of the body, because the body type lives in a type crate and
/// the verifier in the client crate.
fn notification_impl(
    ctx: &Ctx<'_>,
    signed: Option<&NotificationSigning>,
    e: &Endpoint,
) -> Result<TokenStream, EmitError> {
    let item = format!("notification {}", e.name);
    let Some(body) = &e.request else {
        return Err(ctx.err(item, "a notification needs a body type"));
    };
    let Some(signed) = signed else {
        return Err(ctx.err(
            item,
            "the provider's `auth` has no `notification` recipe to verify it with",
        ));
    };
    let ty = struct_path(ctx, &item, body)?;
    let summary = doc::md(&e.summary);
    let keys = &signed.keys;
    let (params, call, how) = match &signed.headers {
        None => (
            quote!(raw_body: impl AsRef<[u8]> #(, #keys: &crate::Secret)*),
            quote!(Notification::verify(raw_body #(, #keys)*)),
            "`raw_body` is the request body exactly as received; its signed fields must be \
             what the spec's notification recipe ([`AUTH`]) computes."
                .to_owned(),
        ),
        Some(headers) => {
            let names: Vec<String> = headers.iter().map(|(w, _, _)| format!("`{w}`")).collect();
            (
                quote!(
                    headers: &NotificationHeaders<'_>,
                    target: &str,
                    raw_body: &[u8]
                    #(, #keys: &crate::Secret)*
                ),
                quote!(Notification::verify(headers, target, raw_body #(, #keys)*)),
                format!(
                    "`headers` are the notification's {}; `target` the path of your \
                     notification URL as the provider called it; `raw_body` the body exactly \
                     as received.",
                    names.join(", ")
                ),
            )
        }
    };
    let text = doc::paragraphs([
        format!(
            "Verifies and decodes the `{}` notification: {summary}",
            e.name
        ),
        how,
        // A merchant reading only this method must learn that a valid
        // signature proves origin, not freshness.
        "# Replays\n\n\
         A valid signature proves the provider sent this body, not that it is new: a \
         captured notification verifies again when resent. Process each one once, e.g. \
         by remembering the transaction id and status you have already handled."
            .to_owned(),
        "# Errors\n\n\
         - [`crate::Error::SignatureMismatch`]: the signature is missing or wrong; do not trust \
         the body.\n\
         - [`crate::Error::Decode`]: the body is not the documented JSON (the failing path is \
         named)."
            .to_owned(),
    ]);
    let d = doc::attrs(&text);
    let name = ident(&format!("verify_{}", e.name)).map_err(|m| ctx.err(&item, m))?;
    Ok(quote! {
        #d
        pub fn #name(#params) -> Result<#ty, crate::Error> {
            #call
        }
    })
}

/// The path of a struct from the provider module's root.
fn struct_path(ctx: &Ctx<'_>, item: &str, name: &str) -> Result<TokenStream, EmitError> {
    let def = ctx
        .struct_def(name)
        .ok_or_else(|| ctx.err(item, format!("body type `{name}` is not a struct")))?;
    let id = ident(name).map_err(|m| ctx.err(item, m))?;
    ctx.item_path(&id, &def.scope, &Scope::Provider)
}

/// A token path as rustdoc link text (`cards::RefundRequest`).
fn plain(path: &TokenStream) -> String {
    path.to_string().replace(' ', "")
}

/// `Some(n)` / `None` as a token stream.
fn option_usize(n: Option<usize>) -> TokenStream {
    match n {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::ir::Provider;
    use crate::rust::{render_provider, EmitError};

    /// The loader's good fixture (`acme`: DOKU's recipes, a POST, a GET with
    /// a path parameter, a notification).
    fn acme() -> Provider {
        // The fixtures are payspec-codegen's, one directory up.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/good");
        let loaded = crate::lower::load_dir(&dir).expect("the good fixture loads");
        loaded
            .ir
            .providers
            .into_iter()
            .next()
            .expect("one provider")
    }

    /// Whether `code` contains `needle`; on failure names the needle only
    /// (the code is long).
    fn has(code: &str, needle: &str) -> bool {
        if !code.contains(needle) {
            eprintln!("missing: {needle}");
        }
        code.contains(needle)
    }

    /// The rendered code with all whitespace removed, for token matching.
    fn squashed(p: &Provider) -> String {
        crate::rust::joined(&render_provider(p).expect("renders"))
            .split_whitespace()
            .collect()
    }

    #[test]
    fn path_parameters_are_encoded_locals_and_get_has_no_body() {
        let code = squashed(&acme());
        assert!(has(
            &code,
            "pubasyncfncard_payment_status(&self,invoice_number:implcrate::client::PathParam+AsRef<str>,)"
        ));
        // The fixture's parameter has a length and a format limit, checked
        // before anything is sent.
        assert!(has(
            &code,
            "letmutchecks=crate::validation::Validator::new();\
             checks.check_len(\"{invoice_number}\",invoice_number.as_ref(),None,Some(64usize),);\
             checks.check_format(\"{invoice_number}\",invoice_number.as_ref(),crate::validation::Format::PrintableAscii,);\
             checks.finish().map_err(crate::Error::Validation)?;"
        ));
        assert!(has(&code,
            "letinvoice_number_segment=crate::client::PathParam::path_segment(&invoice_number,);\
             self.call_empty(crate::client::Call::get(\"card_payment_status\",format!(\"/cards/v1/payments/{invoice_number_segment}/status\"),),).await"
        ));
        // The request recipe generates an id: a `_with` variant takes the
        // caller's.
        assert!(has(&code, "pubasyncfncard_payment_status_with("));
        assert!(has(&code, "self.call_empty_with("));
    }

    #[test]
    fn config_constructors_take_the_spec_credentials_in_order() {
        let code = squashed(&acme());
        assert!(has(&code,
            "pubfnsandbox(client_id:implInto<String>,secret_key:implInto<crate::Secret>,)->Self{Self::new(Environment::Sandbox.base_url(),client_id,secret_key)}"
        ));
        assert!(has(&code,
            "Self::with_credentials(base_url,Vec::from([crate::Secret::new(client_id.into()),secret_key.into()]),)"
        ));
        // One credential, no request id: no `_with` variants.
        let mut p = acme();
        let mut creds = p.auth.recipes.credentials.to_vec();
        creds.remove(0);
        p.auth.recipes.credentials = creds.into();
        p.auth.recipes.request = None;
        p.endpoints.retain(|e| e.path_params.is_empty());
        let code = squashed(&p);
        assert!(has(&code,
            "pubfnproduction(secret_key:implInto<crate::Secret>)->Self{Self::new(Environment::Production.base_url(),secret_key)}"
        ));
        assert!(
            !code.contains("_with("),
            "no request id, no `_with` variants"
        );
    }

    #[test]
    fn the_descriptor_carries_the_error_convention_and_the_aliases_its_marker() {
        let code = squashed(&acme());
        assert!(has(&code, "pubstaticDESCRIPTOR:crate::client::Descriptor=crate::client::Descriptor{name:\"acme\",auth:&AUTH,call_headers:&[],retry:None,errors:crate::convention::ErrorConvention{code:Some(std::borrow::Cow::Borrowed(\"error.code\")),"));
        assert!(has(&code, "replay_status:Some(409u16)"));
        assert!(has(&code, "pubstructAcme;implcrate::client::SpecforAcme{"));
        assert!(has(&code, "pubtypeClient=crate::client::Client<Acme>;"));
        assert!(has(&code, "pubtypeConfig=crate::client::Config<Acme>;"));
    }

    #[test]
    fn the_descriptor_carries_the_retry_key_and_its_lifetime() {
        let mut p = acme();
        p.retry = Some(crate::ir::Retry {
            doc: String::new(),
            key: crate::ir::RetryKey::Header("Idempotency-Key".to_owned()),
            key_lifetime_secs: Some(300),
        });
        assert!(has(&squashed(&p),
            "retry:Some(crate::client::Idempotency{key:crate::client::IdempotencyKey::Header(\"Idempotency-Key\"),key_lifetime:Some(std::time::Duration::from_secs(300u64)),}),"
        ));
        p.retry = Some(crate::ir::Retry {
            doc: String::new(),
            key: crate::ir::RetryKey::Value("request_id".to_owned()),
            key_lifetime_secs: None,
        });
        assert!(has(&squashed(&p),
            "retry:Some(crate::client::Idempotency{key:crate::client::IdempotencyKey::Value(\"request_id\"),key_lifetime:None,}),"
        ));
    }

    #[test]
    fn an_endpoint_success_code_override_is_data_of_its_call() {
        let mut p = acme();
        p.endpoints
            .iter_mut()
            .find(|e| e.name == "card_payment")
            .expect("card_payment")
            .success_codes = Some(vec!["407".to_owned()]);
        let code = squashed(&p);
        assert!(has(
            &code,
            "crate::client::Call::post(\"card_payment\",\"/cards/v1/payments\").success_codes(&[\"407\"])"
        ));
    }

    #[test]
    fn notifications_get_a_verify_shaped_by_their_recipe() {
        let code = squashed(&acme());
        // Signed in headers: the headers the recipe writes, the signature optional.
        assert!(has(&code, "pubstructNotificationHeaders<'a>{"));
        assert!(has(&code, "pubclient_id:&'astr,"));
        assert!(has(&code, "pubsignature:Option<&'astr>,"));
        assert!(has(&code,
            "pubfnverify_payment_notification(headers:&NotificationHeaders<'_>,target:&str,raw_body:&[u8],secret_key:&crate::Secret,)->Result<notifications::PaymentNotification,crate::Error>{Notification::verify(headers,target,raw_body,secret_key)}"
        ));
        // A timestamp header: `verify_fresh` and its default window.
        assert!(has(&code, "pubfnverify_fresh<"));
        // No notification recipe: a notification cannot be verified.
        let mut p = acme();
        p.auth.recipes.notification = None;
        let err = render_provider(&p).unwrap_err();
        assert!(matches!(err, EmitError::Unsupported { .. }), "{err}");
    }

    /// The spec's providers, loaded (the core crate's sources live in
    /// codegen/src).
    fn spec_provider(name: &str) -> Provider {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        crate::lower::load_dir(&dir)
            .expect("spec/ loads")
            .ir
            .providers
            .into_iter()
            .find(|p| p.name == name)
            .expect("the provider")
    }

    #[test]
    fn a_notification_verifier_takes_only_the_keys_its_recipe_reads_by_name() {
        // DOKU SNAP declares three keys; its notification recipe reads only
        // DOKU's public key (the private key and the client secret sign
        // requests).
        let code = squashed(&spec_provider("doku_snap"));
        let params = "headers:&NotificationHeaders<'_>,target:&str,raw_body:&[u8],doku_public_key:&crate::Secret,";
        assert!(has(&code, &format!(
            "pubfnverify_va_payment_notification({params})->Result<notifications::VaPaymentNotification,crate::Error>{{Notification::verify(headers,target,raw_body,doku_public_key)}}"
        )));
        assert!(has(
            &code,
            &format!("pubfnverify<T:serde::de::DeserializeOwned>({params})")
        ));
        assert!(has(&code, &format!("pubfnverify_fresh<T:serde::de::DeserializeOwned>({params}max_age:std::time::Duration,)")));
        assert!(has(&code, "&[(\"doku_public_key\",doku_public_key)]"));
        assert!(
            !code.contains("client_secret:&crate::Secret"),
            "client_secret is asked for"
        );
        // DOKU's and Midtrans' verifiers take the one key they did.
        let code = squashed(&spec_provider("doku"));
        assert!(has(&code,
            "pubfnverify_virtual_account_notification(headers:&NotificationHeaders<'_>,target:&str,raw_body:&[u8],secret_key:&crate::Secret,)"
        ));
        assert!(has(&code, "&[(\"secret_key\",secret_key)]"));
        let code = squashed(&spec_provider("midtrans"));
        for name in ["payment", "cancel", "expire", "refund"] {
            assert!(has(&code, &format!(
                "pubfnverify_{name}_notification(raw_body:implAsRef<[u8]>,server_key:&crate::Secret,)"
            )));
        }
        assert!(has(
            &code,
            "pubfncheck(raw_body:&[u8],server_key:&crate::Secret,)"
        ));
        assert!(has(&code, "&[(\"server_key\",server_key)]"));
    }

    #[test]
    fn a_key_only_the_request_recipe_reads_is_not_a_verifier_parameter() {
        let mut p = acme();
        let mut creds = p.auth.recipes.credentials.to_vec();
        let mut extra = creds
            .iter()
            .find(|c| c.name == "secret_key")
            .expect("the fixture's key")
            .clone();
        extra.name = "request_only_key".into();
        creds.insert(0, extra);
        p.auth.recipes.credentials = creds.into();
        let code = squashed(&p);
        // The constructor takes it; the verifier does not.
        assert!(has(&code, "request_only_key:implInto<crate::Secret>"));
        assert!(
            !code.contains("request_only_key:&crate::Secret"),
            "a verifier takes it"
        );
        assert!(has(&code, "raw_body:&[u8],secret_key:&crate::Secret,)"));
        assert!(has(&code, "&[(\"secret_key\",secret_key)]"));
    }

    #[test]
    fn an_envelope_result_is_what_the_methods_return() {
        let mut p = acme();
        p.error_convention.result = Some("data".into());
        p.endpoints
            .retain(|e| e.kind == crate::ir::EndpointKind::Endpoint);
        // The fixture's responses have no `data` field: refused, naming it.
        let err = render_provider(&p).unwrap_err().to_string();
        assert!(err.contains("has no `data` field"), "{err}");

        // Give every 2xx body a `data` field: the methods return its type.
        for s in p
            .structs
            .iter_mut()
            .filter(|s| s.name == "CardPaymentResponse" || s.name == "PaymentStatusResponse")
        {
            let mut data = s.fields[0].clone();
            data.wire_name = "data".to_owned();
            data.rust_name = "data".to_owned();
            data.ty = crate::ir::Type::Struct("CardPaymentResponseOrder".to_owned());
            s.fields.push(data);
        }
        let code = squashed(&p);
        assert!(has(
            &code,
            "->Result<cards::CardPaymentResponseOrder,crate::Error>{self.call(crate::client::Call::post(\"card_payment\",\"/cards/v1/payments\"),request,).await}"
        ));
    }

    #[test]
    fn a_placeholder_that_is_not_a_path_parameter_is_refused() {
        let mut p = acme();
        let e = p
            .endpoints
            .iter_mut()
            .find(|e| e.name == "card_payment")
            .expect("card_payment");
        e.path = Some("/cards/{merchant}/payments".to_owned());
        let err = render_provider(&p).unwrap_err().to_string();
        assert!(err.contains("not a path parameter"), "{err}");
    }
}
