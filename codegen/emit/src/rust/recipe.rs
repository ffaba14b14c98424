//! The provider's signature recipes as `static` data of the generated
//! module (`pub static AUTH: crate::recipe::Scheme`), which the client
//! runtime executes; the sandbox builds the same values from the IR.

use payspec_signing::recipe::{
    CredentialKind, Line, Output, Piece, Recipe, Scheme, Source, Step, Template, TimeFormat,
    TokenFlow, Value,
};
use proc_macro2::TokenStream;
use quote::quote;

/// `pub static AUTH: crate::recipe::Scheme = …;`
pub(crate) fn emit(scheme: &Scheme) -> TokenStream {
    let credentials = scheme.credentials.iter().map(|c| {
        let (name, env, doc) = (text(&c.name), text(&c.env), text(&c.doc));
        let kind = match c.kind {
            CredentialKind::Id => quote!(Id),
            CredentialKind::Key => quote!(Key),
            CredentialKind::Sent => quote!(Sent),
        };
        quote! {
            crate::recipe::CredentialDecl {
                name: #name,
                kind: crate::recipe::CredentialKind::#kind,
                env: #env,
                doc: #doc,
            }
        }
    });
    let request = option(scheme.request.as_ref());
    let response = option(scheme.response.as_ref());
    let notification = option(scheme.notification.as_ref());
    let token = match &scheme.token {
        Some(flow) => {
            let flow = token_flow(flow);
            quote!(Some(#flow))
        }
        None => quote!(None),
    };
    quote! {
        /// How this provider authenticates: its credentials and the signature
        /// recipe of each direction, from the spec's `auth:` (run by
        /// [`crate::recipe::sign`] and [`crate::recipe::verify`]).
        pub static AUTH: crate::recipe::Scheme = crate::recipe::Scheme {
            credentials: std::borrow::Cow::Borrowed(&[#(#credentials),*]),
            request: #request,
            response: #response,
            notification: #notification,
            token: #token,
        };
    }
}

fn token_flow(flow: &TokenFlow) -> TokenStream {
    let (endpoint, method, path, body) = (
        text(&flow.endpoint),
        text(&flow.method),
        text(&flow.path),
        text(&flow.body),
    );
    let request = recipe_tokens(&flow.request);
    let access_token = text(&flow.access_token);
    let expires_in = opt_text(flow.expires_in.as_deref());
    let refresh_before = flow.refresh_before;
    quote! {
        crate::recipe::TokenFlow {
            endpoint: #endpoint,
            method: #method,
            path: #path,
            body: #body,
            request: #request,
            access_token: #access_token,
            expires_in: #expires_in,
            refresh_before: #refresh_before,
        }
    }
}

fn text(s: &str) -> TokenStream {
    quote!(std::borrow::Cow::Borrowed(#s))
}

fn option(recipe: Option<&Recipe>) -> TokenStream {
    match recipe {
        Some(r) => {
            let r = recipe_tokens(r);
            quote!(Some(#r))
        }
        None => quote!(None),
    }
}

fn recipe_tokens(recipe: &Recipe) -> TokenStream {
    let values = recipe.values.iter().map(value);
    let headers = recipe.headers.iter().map(output);
    let fields = recipe.fields.iter().map(output);
    quote! {
        crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(&[#(#values),*]),
            headers: std::borrow::Cow::Borrowed(&[#(#headers),*]),
            fields: std::borrow::Cow::Borrowed(&[#(#fields),*]),
        }
    }
}

fn value(v: &Value) -> TokenStream {
    let name = text(&v.name);
    let source = source(&v.source);
    let steps = v.steps.iter().map(step);
    quote! {
        crate::recipe::Value {
            name: #name,
            source: #source,
            steps: std::borrow::Cow::Borrowed(&[#(#steps),*]),
        }
    }
}

fn opt_text(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => {
            let t = text(s);
            quote!(Some(#t))
        }
        None => quote!(None),
    }
}

fn source(s: &Source) -> TokenStream {
    match s {
        Source::Value(n) => {
            let n = text(n);
            quote!(crate::recipe::Source::Value(#n))
        }
        Source::Method => quote!(crate::recipe::Source::Method),
        Source::Target => quote!(crate::recipe::Source::Target),
        Source::TargetWithQuery => quote!(crate::recipe::Source::TargetWithQuery),
        Source::Body { or } => {
            let or = opt_text(or.as_deref());
            quote!(crate::recipe::Source::Body { or: #or })
        }
        Source::Header(n) => {
            let n = text(n);
            quote!(crate::recipe::Source::Header(#n))
        }
        Source::Credential(n) => {
            let n = text(n);
            quote!(crate::recipe::Source::Credential(#n))
        }
        Source::Now(TimeFormat::Utc) => {
            quote!(crate::recipe::Source::Now(crate::recipe::TimeFormat::Utc))
        }
        Source::Now(TimeFormat::Offset(m)) => {
            quote!(crate::recipe::Source::Now(crate::recipe::TimeFormat::Offset(#m)))
        }
        Source::Uuid { max_len } => quote!(crate::recipe::Source::Uuid { max_len: #max_len }),
        Source::Digits { max_len } => quote!(crate::recipe::Source::Digits { max_len: #max_len }),
        Source::Field(n) => {
            let n = text(n);
            quote!(crate::recipe::Source::Field(#n))
        }
        Source::Sent(n) => {
            let n = text(n);
            quote!(crate::recipe::Source::Sent(#n))
        }
        Source::Literal(n) => {
            let n = text(n);
            quote!(crate::recipe::Source::Literal(#n))
        }
        Source::Template(t) => {
            let t = template(t);
            quote!(crate::recipe::Source::Template(#t))
        }
        Source::Lines(lines) => {
            let lines = lines.iter().map(line);
            quote!(crate::recipe::Source::Lines(std::borrow::Cow::Borrowed(&[#(#lines),*])))
        }
        Source::Join { sep, parts } => {
            let sep = text(sep);
            let parts = parts.iter().map(line);
            quote!(crate::recipe::Source::Join {
                sep: #sep,
                parts: std::borrow::Cow::Borrowed(&[#(#parts),*]),
            })
        }
        Source::Basic { user, password } => {
            let user = text(user);
            let password = opt_text(password.as_deref());
            quote!(crate::recipe::Source::Basic { user: #user, password: #password })
        }
        Source::Token => quote!(crate::recipe::Source::Token),
    }
}

fn step(s: &Step) -> TokenStream {
    let keyed = |variant: TokenStream, k: &str| {
        let k = text(k);
        quote!(crate::recipe::Step::#variant(#k))
    };
    match s {
        Step::Sha256 => quote!(crate::recipe::Step::Sha256),
        Step::Sha512 => quote!(crate::recipe::Step::Sha512),
        Step::Hex => quote!(crate::recipe::Step::Hex),
        Step::Base64 => quote!(crate::recipe::Step::Base64),
        Step::Base64Url => quote!(crate::recipe::Step::Base64Url),
        Step::Minify => quote!(crate::recipe::Step::Minify),
        Step::HmacSha256(k) => keyed(quote!(HmacSha256), k),
        Step::HmacSha512(k) => keyed(quote!(HmacSha512), k),
        Step::RsaSha256(k) => keyed(quote!(RsaSha256), k),
        Step::JwtHs256(k) => keyed(quote!(JwtHs256), k),
    }
}

fn template(t: &Template) -> TokenStream {
    let pieces = t.pieces.iter().map(|p| match p {
        Piece::Text(s) => {
            let s = text(s);
            quote!(crate::recipe::Piece::Text(#s))
        }
        Piece::Value(s) => {
            let s = text(s);
            quote!(crate::recipe::Piece::Value(#s))
        }
    });
    quote!(crate::recipe::Template { pieces: std::borrow::Cow::Borrowed(&[#(#pieces),*]) })
}

fn line(l: &Line) -> TokenStream {
    let t = template(&l.template);
    let when_body = l.when_body;
    quote!(crate::recipe::Line { template: #t, when_body: #when_body })
}

fn output(o: &Output) -> TokenStream {
    let name = text(&o.name);
    let t = template(&o.template);
    let ignore_case = o.ignore_case;
    quote! {
        crate::recipe::Output { name: #name, template: #t, ignore_case: #ignore_case }
    }
}
