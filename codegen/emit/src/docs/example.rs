//! Request examples: Rust against the generated API, and curl.
//!
//! Both are built from the request body's first documented example; without
//! one, from placeholder values for the mandatory fields.

use serde_yaml::{Mapping, Value};

use super::view::rust_path;
use super::DocsError;
use crate::ir::{Endpoint, Format, HttpMethod, Indexed, Provider, Struct, Type};
use crate::openapi::{basic_credentials, computed_header, shape};

/// The example body: the first documented example, else placeholders.
pub fn body<'a>(provider: &'a Indexed<'a>, st: &'a Struct) -> Result<Value, DocsError> {
    match st.examples.first() {
        // Parsed into a YAML value so keys keep the docs' order.
        Some(example) => serde_json::from_str(&example.json).map_err(|e| DocsError::BadExample {
            provider: provider.name.clone(),
            structure: st.name.clone(),
            example: example.name.clone(),
            message: e.to_string(),
        }),
        None => Ok(placeholder_struct(provider, st, &mut Vec::new())),
    }
}

fn format_sample(format: Format) -> &'static str {
    match format {
        Format::HexColor => "F5F8FB",
        Format::CountryAlpha2 => "ID",
        Format::Phone => "6281122334455",
        Format::Email => "name@example.com",
        Format::Url => "https://merchant.example/return",
        Format::Digits => "12345",
        Format::PrintableAscii => "text",
        Format::UtcTimestamp => "2020-09-22T01:51:00Z",
        Format::LocalDateTime => "2015-02-26 14:39:33",
    }
}

fn placeholder_struct<'a>(
    provider: &'a Indexed<'a>,
    st: &'a Struct,
    stack: &mut Vec<&'a str>,
) -> Value {
    stack.push(&st.name);
    let mut map = Mapping::new();
    for f in st.fields.iter().filter(|f| !f.optional) {
        let value = match (&f.ty, f.format) {
            (Type::String, Some(format)) => Value::String(format_sample(format).to_owned()),
            // The field's own name says what goes there, within its length limit.
            (Type::String, None) => {
                let text = format!("<{}>", f.wire_name);
                let limit = f.max_len.map_or(usize::MAX, |m| m as usize);
                Value::String(text.chars().take(limit).collect())
            }
            _ => placeholder(provider, &f.ty, stack),
        };
        map.insert(Value::String(f.wire_name.clone()), value);
    }
    stack.pop();
    Value::Mapping(map)
}

fn placeholder<'a>(provider: &'a Indexed<'a>, ty: &Type, stack: &mut Vec<&'a str>) -> Value {
    match ty {
        Type::String => Value::String("text".to_owned()),
        Type::Integer => Value::from(1),
        Type::AmountIdr => Value::from(10000),
        Type::Decimal => Value::String("10000.00".to_owned()),
        Type::Boolean => Value::Bool(false),
        Type::Json => Value::Mapping(Mapping::new()),
        Type::Enum(name) => provider
            .enum_named(name)
            .and_then(|e| e.values.first())
            .map_or(Value::String(String::new()), |v| {
                Value::String(v.wire.clone())
            }),
        Type::Struct(name) => match provider.struct_named(name) {
            Some(st) if !stack.contains(&name.as_str()) => placeholder_struct(provider, st, stack),
            _ => Value::Mapping(Mapping::new()),
        },
        Type::Array(item) => Value::Sequence(vec![placeholder(provider, item, stack)]),
    }
}

/// Builds the Rust statements that construct a request value.
struct RustBuilder<'a> {
    provider: &'a Indexed<'a>,
    /// Statements that must run before the root value is built.
    prelude: Vec<String>,
    /// Local variable names in use.
    names: Vec<String>,
}

/// A constructed struct: its `new(..)` call and the optional fields to set
/// afterwards, as (Rust field path, expression).
struct Built {
    new_call: String,
    sets: Vec<(String, String)>,
}

fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

impl<'a> RustBuilder<'a> {
    fn fresh(&mut self, hint: &str) -> String {
        let base = hint.trim_start_matches("r#").to_owned();
        let mut name = base.clone();
        let mut n = 2;
        while self.names.contains(&name) || name == "request" {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.names.push(name.clone());
        name
    }

    fn find_struct(&self, name: &str) -> Option<&'a Struct> {
        self.provider.struct_named(name)
    }

    fn build(&mut self, st: &'a Struct, value: Option<&Value>) -> Built {
        let map = value.and_then(Value::as_mapping);
        let mut args = Vec::new();
        let mut sets = Vec::new();
        for f in &st.fields {
            let v = map
                .and_then(|m| m.get(f.wire_name.as_str()))
                .filter(|v| !v.is_null());
            if !f.optional && f.default.is_none() {
                match (&f.ty, self.find_struct_of(&f.ty)) {
                    (Type::Struct(_), Some(child)) => {
                        let built = self.build(child, v);
                        args.push(built.new_call);
                        sets.extend(
                            built
                                .sets
                                .into_iter()
                                .map(|(p, e)| (format!("{}.{p}", f.rust_name), e)),
                        );
                    }
                    _ => args.push(self.expr(&f.ty, v, &f.rust_name, true)),
                }
            } else if let Some(v) = v {
                let expr = self.expr(&f.ty, Some(v), &f.rust_name, false);
                let expr = if f.optional {
                    format!("Some({expr})")
                } else {
                    expr
                };
                sets.push((f.rust_name.clone(), expr));
            }
        }
        let path = rust_path(&self.provider.name, &st.scope, &st.name);
        Built {
            new_call: format!("{path}::new({})", args.join(", ")),
            sets,
        }
    }

    fn find_struct_of(&self, ty: &Type) -> Option<&'a Struct> {
        match ty {
            Type::Struct(name) => self.find_struct(name),
            _ => None,
        }
    }

    /// A struct value as one expression: inline when nothing is set after
    /// `new`, else through a local variable declared in the prelude.
    fn struct_expr(&mut self, st: &'a Struct, value: Option<&Value>, hint: &str) -> String {
        let built = self.build(st, value);
        if built.sets.is_empty() {
            return built.new_call;
        }
        let var = self.fresh(hint);
        self.prelude
            .push(format!("let mut {var} = {};", built.new_call));
        for (path, expr) in built.sets {
            self.prelude.push(format!("{var}.{path} = {expr};"));
        }
        var
    }

    /// An expression of type `ty`; `arg` when it is a `new` argument
    /// (strings as `impl Into<String>`).
    fn expr(&mut self, ty: &Type, value: Option<&Value>, hint: &str, arg: bool) -> String {
        let stand_in;
        let value = match value {
            Some(v) => v,
            None => {
                stand_in = placeholder(self.provider, ty, &mut Vec::new());
                &stand_in
            }
        };
        match ty {
            Type::String => {
                let text = scalar_text(value);
                if arg {
                    rust_string(&text)
                } else {
                    format!("{}.into()", rust_string(&text))
                }
            }
            Type::Integer => integer(value).to_string(),
            Type::AmountIdr => format!("payspec::money::Idr({})", integer(value)),
            Type::Decimal => format!("{}.parse()?", rust_string(&scalar_text(value))),
            Type::Boolean => value.as_bool().unwrap_or(false).to_string(),
            Type::Json => format!("serde_json::json!({})", json_text(value)),
            Type::Enum(name) => {
                let wire = scalar_text(value);
                match self.provider.enum_named(name) {
                    Some(e) => {
                        let path = rust_path(&self.provider.name, &e.scope, &e.name);
                        match e.values.iter().find(|v| v.wire == wire) {
                            Some(v) => format!("{path}::{}", v.rust_name),
                            None => format!("{path}::Unknown({}.into())", rust_string(&wire)),
                        }
                    }
                    None => rust_string(&wire),
                }
            }
            Type::Struct(name) => match self.find_struct(name) {
                Some(st) => self.struct_expr(st, Some(value), hint),
                None => format!("/* {name} */ Default::default()"),
            },
            Type::Array(item) => {
                let items: Vec<String> = match value.as_sequence() {
                    Some(seq) => seq
                        .iter()
                        .map(|v| self.expr(item, Some(v), hint, false))
                        .collect(),
                    None => Vec::new(),
                };
                format!("vec![{}]", items.join(", "))
            }
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => json_text(other),
    }
}

fn integer(value: &Value) -> i64 {
    match value {
        Value::Number(n) => n.as_i64().unwrap_or(0),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

/// How a merchant gets a client with the provider's credentials (in
/// `Config` constructor order), as a comment line.
fn client_comment(provider: &Provider) -> String {
    let p = &provider.name;
    let env = provider
        .environments
        .first()
        .map(|e| format!("Config::{}", e.name))
        .unwrap_or_else(|| "Config::new(base_url, ".to_owned());
    let open = if env.ends_with(", ") { "" } else { "(" };
    let args = provider
        .auth
        .recipes
        .credentials
        .iter()
        .map(|c| &*c.name)
        .collect::<Vec<_>>()
        .join(", ");
    format!("// let client = payspec::{p}::Client::new(payspec::{p}::{env}{open}{args}));\n")
}

/// The call's path-parameter arguments, as placeholder string literals.
fn path_args(endpoint: &Endpoint) -> Vec<String> {
    endpoint
        .path_params
        .iter()
        .map(|p| rust_string(&format!("<{}>", p.wire_name)))
        .collect()
}

/// Rust that builds the request from the example body and sends it with the
/// generated client, which validates it first.
pub fn rust_request<'a>(
    provider: &'a Indexed<'a>,
    endpoint: &Endpoint,
    st: &'a Struct,
    body: &Value,
) -> String {
    let mut b = RustBuilder {
        provider,
        prelude: Vec::new(),
        names: Vec::new(),
    };
    let built = b.build(st, Some(body));
    let mut out = client_comment(provider);
    out.push_str(&format!(
        "async fn {name}(client: &payspec::{p}::Client) -> Result<(), payspec::Error> {{\n",
        name = endpoint.name,
        p = provider.name
    ));
    for line in &b.prelude {
        out.push_str(&format!("    {line}\n"));
    }
    let binding = if built.sets.is_empty() {
        "let request"
    } else {
        "let mut request"
    };
    out.push_str(&format!("    {binding} = {};\n", built.new_call));
    for (path, expr) in &built.sets {
        out.push_str(&format!("    request.{path} = {expr};\n"));
    }
    let mut args = path_args(endpoint);
    args.push("&request".to_owned());
    out.push_str(
        "    // The client validates first: a request breaking any documented rule comes\n    \
         // back as `payspec::Error::Validation` with every violation and its JSON path.\n",
    );
    out.push_str(&format!(
        "    let response = client.{}({}).await?;\n    println!(\"{{response:?}}\");\n    Ok(())\n}}\n",
        endpoint.name,
        args.join(", ")
    ));
    out
}

/// Rust that calls an endpoint without a request body.
pub fn rust_call(provider: &Provider, endpoint: &Endpoint) -> String {
    let mut out = client_comment(provider);
    out.push_str(&format!(
        "async fn {name}(client: &payspec::{p}::Client) -> Result<(), payspec::Error> {{\n    \
         let response = client.{name}({args}).await?;\n    println!(\"{{response:?}}\");\n    Ok(())\n}}\n",
        name = endpoint.name,
        p = provider.name,
        args = path_args(endpoint).join(", ")
    ));
    out
}

/// Rust that verifies a notification's signature and parses it, shaped
/// like the generated `verify_<name>`: headers and the merchant's own path
/// when the notification recipe signs headers, the body alone when it signs
/// body fields; the signing keys are the `key` credentials the recipe reads.
pub fn rust_notification(provider: &Provider, notification: &Endpoint, st: &Struct) -> String {
    let ty = rust_path(&provider.name, &st.scope, &st.name);
    let p = &provider.name;
    let verify = format!("payspec::{p}::verify_{}", notification.name);
    let Some(recipe) = &provider.auth.recipes.notification else {
        // The emitter refuses a notification without a recipe, so this is
        // never shown.
        return format!(
            "fn on_notification(body: &[u8]) -> Result<{ty}, serde_json::Error> {{\n    serde_json::from_slice(body)\n}}\n"
        );
    };
    // The verifier takes the signing keys the notification recipe reads.
    let keys = crate::rust::notification_keys(provider);
    let key_params: String = keys
        .iter()
        .map(|k| format!("    {k}: &payspec::Secret,\n"))
        .collect();
    let key_args: String = keys.iter().map(|k| format!(", {k}")).collect();
    if recipe.headers.is_empty() {
        let fields: Vec<String> = recipe.fields.iter().map(|f| f.name.to_string()).collect();
        return format!(
            "fn on_notification(\n    body: &[u8],\n{key_params}) -> Result<{ty}, payspec::Error> {{\n    \
             // Checks {} in constant time before trusting any field.\n    \
             {verify}(body{key_args})\n}}\n",
            fields.join(", ")
        );
    }
    format!(
        "fn on_notification(\n    headers: &payspec::{p}::NotificationHeaders,\n    body: &[u8],\n{key_params}) -> Result<{ty}, payspec::Error> {{\n    \
         // The signature covers your own notification path: pass it as the provider called it.\n    \
         {verify}(headers, \"/payments/notifications\", body{key_args})\n}}\n"
    )
}

/// The base URL of the first environment, as a shell word; a URL the docs
/// do not give becomes `$BASE_URL` (and `{x}` placeholders `$X`).
fn shell_base_url(provider: &Provider) -> (String, Option<String>) {
    let Some(env) = provider.environments.first() else {
        return (
            "$BASE_URL".to_owned(),
            Some("# BASE_URL: the spec lists no environment.".to_owned()),
        );
    };
    if env.base_url.trim().is_empty() {
        let note = format!(
            "# BASE_URL: the docs give no URL for the {} environment.",
            env.name
        );
        return ("$BASE_URL".to_owned(), Some(note));
    }
    if env.base_url.contains('{') {
        let mut url = String::new();
        let mut rest = env.base_url.as_str();
        while let Some(start) = rest.find('{') {
            url.push_str(&rest[..start]);
            match rest[start..].find('}') {
                Some(len) => {
                    let var = rest[start + 1..start + len]
                        .to_uppercase()
                        .replace(['-', '.'], "_");
                    url.push_str(&format!("${var}"));
                    rest = &rest[start + len + 1..];
                }
                None => {
                    rest = &rest[start..];
                    break;
                }
            }
        }
        url.push_str(rest);
        let note = format!(
            "# {url}: the docs give this URL only as a template ({}).",
            env.base_url
        );
        return (url, Some(note));
    }
    (env.base_url.clone(), None)
}

fn header_value(provider: &Provider, name: &str, format: Option<Format>) -> String {
    if let Some(shape) = signed_shape(provider, name) {
        return shape;
    }
    if name.eq_ignore_ascii_case("Content-Type") || name.eq_ignore_ascii_case("Accept") {
        return "application/json".to_owned();
    }
    match format {
        Some(f) => format_sample(f).to_owned(),
        None => format!("<{name}>"),
    }
}

/// A request-recipe header with a fixed prefix, its values as `<name>`
/// placeholders (`HMACSHA256=<mac>`).
fn signed_shape(provider: &Provider, name: &str) -> Option<String> {
    let recipe = provider.auth.recipes.request.as_ref()?;
    let header = recipe
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))?;
    if header.template.prefix().is_empty() {
        return None;
    }
    Some(shape(&header.template, |value| format!("<{value}>")))
}

/// A curl command sending the example body to the first environment.
pub fn curl(provider: &Provider, endpoint: &Endpoint, body: Option<&Value>) -> String {
    let mut out = String::new();
    let (base, note) = shell_base_url(provider);
    if let Some(note) = note {
        out.push_str(&note);
        out.push('\n');
    }
    let computed: Vec<&str> = provider
        .request_headers
        .iter()
        .filter(|h| computed_header(provider, &h.wire_name).is_some())
        .map(|h| h.wire_name.as_str())
        .collect();
    let basic = basic_credentials(provider);
    match computed.as_slice() {
        [] => {}
        [one] => out.push_str(&format!(
            "# {one} is computed per request; `payspec sign {} …` prints it.\n",
            provider.name
        )),
        many => out.push_str(&format!(
            "# {} are computed per request; `payspec sign {} …` prints them.\n",
            many.join(", "),
            provider.name
        )),
    }
    if let Some((user, password)) = basic {
        let password = match password {
            Some(password) => format!("`{password}` is the password"),
            None => "the password is empty".to_owned(),
        };
        out.push_str(&format!(
            "# HTTP Basic: `{user}` is the user name; {password}.\n"
        ));
    }
    let method = match endpoint.method.unwrap_or(HttpMethod::POST) {
        HttpMethod::GET => "GET",
        HttpMethod::POST => "POST",
    };
    let mut path = endpoint.path.clone().unwrap_or_default();
    for p in &endpoint.path_params {
        path = path.replace(
            &format!("{{{}}}", p.wire_name),
            &format!("<{}>", p.wire_name),
        );
    }
    let mut lines = vec![format!("curl -X {method} \"{base}{path}\"")];
    if let Some((user, password)) = basic {
        let var = |name: &str| format!("${}", name.to_ascii_uppercase());
        let password = password.map(var).unwrap_or_default();
        lines.push(format!("-u \"{}:{password}\"", var(user)));
    }
    for h in &provider.request_headers {
        if basic.is_some() && h.wire_name.eq_ignore_ascii_case("Authorization") {
            continue;
        }
        if h.wire_name.eq_ignore_ascii_case("Content-Type") {
            continue;
        }
        lines.push(format!(
            "-H '{}: {}'",
            h.wire_name,
            header_value(provider, &h.wire_name, h.field.format)
        ));
    }
    if body.is_some() {
        lines.push("-H 'Content-Type: application/json'".to_owned());
        lines.push("--data-binary @- <<'JSON'".to_owned());
    }
    out.push_str(&lines.join(" \\\n  "));
    out.push('\n');
    if let Some(body) = body {
        out.push_str(&serde_json::to_string_pretty(body).unwrap_or_else(|_| "{}".to_owned()));
        out.push_str("\nJSON\n");
    }
    out
}
