//! The typed client: re-exports of the runtime client for the provider's
//! auth scheme, `Config` constructors per spec environment, one async method
//! per endpoint and a `verify_<notification>` function per notification.
//!
//! Everything is decided by the IR (`Auth.scheme`, environments, endpoint
//! method, path, path parameters, bodies), never by provider name; the
//! runtime contract is in the client crate's `src/client/mod.rs`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc, ident, method_str, Ctx, EmitError, Scope};
use crate::ir::{AuthScheme, Endpoint, EndpointKind, HttpMethod};

/// What differs between the runtime clients, by auth scheme.
struct Scheme {
    /// The runtime module (`crate::client::doku`).
    module: TokenStream,
    /// Items re-exported from it.
    exports: Vec<&'static str>,
    /// Extra re-exports from `crate::client`.
    shared_exports: Vec<&'static str>,
    /// Credential parameters of the `Config` constructors.
    credentials: Vec<(&'static str, TokenStream, &'static str)>,
    /// `*_with(…, &CallOptions)` variants (a caller-chosen Request-Id).
    call_options: bool,
    /// The runtime returns the success envelope's `data`, not the body.
    envelope_data: bool,
    /// Whether responses are signature-checked.
    signed_responses: bool,
    /// What makes a response an [`Error::Api`](crate) besides its status.
    api_error: &'static str,
}

fn scheme(auth: AuthScheme) -> Scheme {
    match auth {
        AuthScheme::DokuHmacSha256 => Scheme {
            module: quote!(crate::client::doku),
            exports: vec![
                "Client",
                "Config",
                "DEFAULT_NOTIFICATION_MAX_AGE",
                "Notification",
                "NotificationHeaders",
                "ResponseVerification",
            ],
            shared_exports: vec!["CallOptions"],
            credentials: vec![
                (
                    "client_id",
                    quote!(impl Into<String>),
                    "the `Client-Id` DOKU gave you",
                ),
                (
                    "secret_key",
                    quote!(impl Into<crate::Secret>),
                    "the secret key that signs requests",
                ),
            ],
            call_options: true,
            envelope_data: false,
            signed_responses: true,
            api_error: "a 4xx/5xx answer (DOKU's `error.code` and `error.message` in \
                        [`crate::ApiError`])",
        },
        AuthScheme::MidtransBasic => Scheme {
            module: quote!(crate::client::midtrans),
            exports: vec!["Client", "Config", "Notification", "TransactionRef"],
            shared_exports: vec![],
            credentials: vec![(
                "server_key",
                quote!(impl Into<crate::Secret>),
                "the server key (HTTP Basic user name)",
            )],
            call_options: false,
            envelope_data: false,
            signed_responses: false,
            api_error: "a non-2xx HTTP status or a non-2xx `status_code` in the body, even \
                        under HTTP 200 (`status_code` and `status_message` in \
                        [`crate::ApiError`])",
        },
        AuthScheme::BillerJwtHs256 => Scheme {
            module: quote!(crate::client::biller),
            exports: vec!["Client", "Config"],
            shared_exports: vec![],
            credentials: vec![
                (
                    "api_key",
                    quote!(impl Into<crate::Secret>),
                    "the partner API key (`KEY` header)",
                ),
                (
                    "token_secret",
                    quote!(impl Into<crate::Secret>),
                    "the secret that signs the `TOKEN` JWT",
                ),
            ],
            call_options: false,
            envelope_data: true,
            signed_responses: false,
            api_error: "an envelope with `success: false` or a non-2xx status \
                        (`responseCode` and both messages in [`crate::ApiError`])",
        },
    }
}

pub(crate) fn emit(ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
    let s = scheme(ctx.p.auth.scheme);
    let module = &s.module;
    let exports: Vec<_> = s.exports.iter().map(|e| format_ident!("{}", e)).collect();
    let shared: Vec<_> = s
        .shared_exports
        .iter()
        .map(|e| format_ident!("{}", e))
        .collect();
    let shared = (!shared.is_empty()).then(|| quote!(pub use crate::client::{#(#shared),*};));
    let config = config_impl(ctx, &s)?;
    let mut methods = Vec::new();
    let mut notifications = Vec::new();
    for e in &ctx.p.endpoints {
        match e.kind {
            EndpointKind::Endpoint => methods.push(endpoint_methods(ctx, &s, e)?),
            EndpointKind::Notification => notifications.push(notification_impl(ctx, e)?),
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
    Ok(quote! {
        pub use #module::{#(#exports),*};
        #auth
        #shared
        #config
        #client
        #(#notifications)*
    })
}

/// `Config::<environment>(…)` per spec environment and `Config::for_environment`.
fn config_impl(ctx: &Ctx<'_>, s: &Scheme) -> Result<TokenStream, EmitError> {
    let names: Vec<_> = s
        .credentials
        .iter()
        .map(|(n, _, _)| format_ident!("{}", n))
        .collect();
    let types: Vec<_> = s.credentials.iter().map(|(_, t, _)| t.clone()).collect();
    let cred_doc: Vec<String> = s
        .credentials
        .iter()
        .map(|(n, _, d)| format!("`{n}`: {d}"))
        .collect();
    let cred_doc = cred_doc.join("; ");
    let mut constructors = Vec::new();
    for env in &ctx.p.environments {
        let item = format!("environment {}", env.name);
        let fn_name = ident(&env.name).map_err(|m| ctx.err(&item, m))?;
        if matches!(
            fn_name.to_string().as_str(),
            "new" | "for_environment" | "timeout" | "retry" | "base_url" | "response_verification"
        ) {
            return Err(ctx.err(item, "clashes with a `Config` method of the runtime"));
        }
        let variant = ident(&env.rust_name).map_err(|m| ctx.err(&item, m))?;
        let text = format!(
            "{} {}, `{}`.\n\n{cred_doc}.",
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
    let for_env_doc = doc::attrs(&format!(
        "A configuration for `environment` (from configuration files: \
         `Environment::Custom` for any other URL).\n\n{cred_doc}."
    ));
    Ok(quote! {
        impl Config {
            #(#constructors)*
            #for_env_doc
            pub fn for_environment(environment: Environment, #(#names: #types),*) -> Self {
                Self::new(environment.base_url(), #(#names),*)
            }
        }
    })
}

/// The async method (and its `_with` variant) for one endpoint.
fn endpoint_methods(ctx: &Ctx<'_>, s: &Scheme, e: &Endpoint) -> Result<TokenStream, EmitError> {
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
    let call = quote!(crate::client::Call::#constructor(#operation, #path_expr) #(#fixed)*);

    // Success type: the 2xx body, or its `data` where the runtime unwraps
    // the envelope.
    let Some(success) = e.responses.iter().find(|r| (200..300).contains(&r.status)) else {
        return Err(ctx.err(item, "an endpoint needs a documented 2xx response"));
    };
    let body_path = struct_path(ctx, &item, &success.body)?;
    let (ret, returns_doc) = if s.envelope_data {
        let def = ctx
            .struct_def(&success.body)
            .ok_or_else(|| ctx.err(&item, "response body is not a struct"))?;
        let data = def
            .fields
            .iter()
            .find(|f| f.wire_name == "data")
            .ok_or_else(|| {
                ctx.err(
                    &item,
                    format!(
                        "the response envelope `{}` has no `data` field for the client to return",
                        success.body
                    ),
                )
            })?;
        let crate::ir::Type::Struct(data_ty) = &data.ty else {
            return Err(ctx.err(&item, "the envelope's `data` is not a struct"));
        };
        let data_path = struct_path(ctx, &item, data_ty)?;
        let doc = format!(
            "The `data` of a successful HTTP {} envelope ([`{}`] with `success: true`), as \
             [`{}`]",
            success.status,
            plain(&body_path),
            plain(&data_path)
        );
        // An optional `data` may be `null` or missing on success: `None`,
        // never a decoding error.
        if data.optional {
            (
                quote!(Option<#data_path>),
                format!("{doc}; `None` when `data` is `null` or absent."),
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
    if !s.call_options {
        return Ok(plain_method);
    }
    let with_name = format_ident!("{}_with", name.to_string().trim_start_matches("r#"));
    let with_doc = doc::attrs(&format!(
        "As [`Client::{}`], with per-call options: store the Request-Id you pass in \
         `options` before sending, so a retry after a crash repeats the request safely.",
        name.to_string().trim_start_matches("r#")
    ));
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

/// `pub fn verify_<notification>(…) -> Result<Body, Error>` for a
/// notification: a function of the provider module, not an associated
/// function of the body, because the body type lives in a type crate and
/// the verifier in the client crate.
fn notification_impl(ctx: &Ctx<'_>, e: &Endpoint) -> Result<TokenStream, EmitError> {
    let item = format!("notification {}", e.name);
    let Some(body) = &e.request else {
        return Err(ctx.err(item, "a notification needs a body type"));
    };
    let ty = struct_path(ctx, &item, body)?;
    let summary = doc::md(&e.summary);
    let (params, call, how) = match ctx.p.auth.scheme {
        AuthScheme::MidtransBasic => (
            quote!(raw_body: impl AsRef<[u8]>, server_key: &crate::Secret),
            quote!(Notification::verify(raw_body, server_key)),
            "`raw_body` is the request body exactly as received; its `signature_key` must be \
             the SHA-512 of `order_id + status_code + gross_amount + server key`.",
        ),
        AuthScheme::DokuHmacSha256 => (
            quote!(
                headers: &NotificationHeaders<'_>,
                target: &str,
                raw_body: &[u8],
                secret_key: &crate::Secret
            ),
            quote!(Notification::verify(headers, target, raw_body, secret_key)),
            "`headers` are the notification's `Client-Id`, `Request-Id`, `Request-Timestamp` \
             and `Signature`; `target` the path of your notification URL as DOKU called it; \
             `raw_body` the body exactly as received.",
        ),
        AuthScheme::BillerJwtHs256 => {
            return Err(ctx.err(
                item,
                "the biller auth scheme has no notification verifier in the runtime",
            ))
        }
    };
    let text = doc::paragraphs([
        format!(
            "Verifies and decodes the `{}` notification: {summary}",
            e.name
        ),
        how.to_owned(),
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::ir::{AuthScheme, Provider};
    use crate::rust::{render_provider, EmitError};

    /// The loader's good fixture (`acme`: DOKU scheme, a POST, a GET with a
    /// path parameter, a notification).
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
        // DOKU scheme: a `_with` variant taking the caller's Request-Id.
        assert!(has(&code, "pubasyncfncard_payment_status_with("));
        assert!(has(&code, "self.call_empty_with("));
    }

    #[test]
    fn config_constructors_follow_environments_and_scheme() {
        let code = squashed(&acme());
        assert!(has(&code,
            "pubfnsandbox(client_id:implInto<String>,secret_key:implInto<crate::Secret>,)->Self{Self::new(Environment::Sandbox.base_url(),client_id,secret_key)}"
        ));
        let mut p = acme();
        p.auth.scheme = AuthScheme::MidtransBasic;
        p.endpoints.retain(|e| e.path_params.is_empty());
        let code = squashed(&p);
        assert!(has(&code,
            "pubfnproduction(server_key:implInto<crate::Secret>)->Self{Self::new(Environment::Production.base_url(),server_key)}"
        ));
        assert!(has(
            &code,
            "pubusecrate::client::midtrans::{Client,Config,Notification,TransactionRef};"
        ));
        assert!(
            !code.contains("_with("),
            "no Request-Id variants outside DOKU"
        );
    }

    #[test]
    fn notifications_get_a_verify_for_their_scheme() {
        let code = squashed(&acme());
        assert!(has(&code,
            "pubfnverify_payment_notification(headers:&NotificationHeaders<'_>,target:&str,raw_body:&[u8],secret_key:&crate::Secret,)->Result<notifications::PaymentNotification,crate::Error>{Notification::verify(headers,target,raw_body,secret_key)}"
        ));
        let mut p = acme();
        p.auth.scheme = AuthScheme::BillerJwtHs256;
        let err = render_provider(&p).unwrap_err();
        assert!(matches!(err, EmitError::Unsupported { .. }), "{err}");
    }

    #[test]
    fn biller_scheme_returns_the_envelope_data() {
        let mut p = acme();
        p.auth.scheme = AuthScheme::BillerJwtHs256;
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
        assert!(has(&code, "pubusecrate::client::biller::{Client,Config};"));
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
