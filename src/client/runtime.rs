//! The request loop every provider client runs, driven by the provider's
//! recipes (`AUTH` in its generated module): sign with the request recipe,
//! send, retry transient failures with the same id and a fresh signature,
//! and verify a response with the response recipe. Nothing here names a
//! provider.

use std::sync::Arc;

use payspec_signing::recipe::{
    self, Context, Credentials, Headers, Message, Recipe, Scheme, Source, Values,
};
use tracing::Instrument as _;

use super::{join_url, json_headers, transport_error, Call, CallOptions};
use crate::error::{Error, SignatureMismatch};
use crate::retry::{retryable_status, retryable_transport, Idempotency, Repeat, RetryPolicy};
use crate::transport::{HttpRequest, HttpResponse, Method, Transport};
use crate::validation::{Format, Validator};

/// What a client is configured with besides its transport.
#[derive(Clone)]
pub(crate) struct Runtime {
    /// The provider's name, for errors and spans.
    pub provider: &'static str,
    /// The provider's recipes.
    pub scheme: &'static Scheme,
    /// Where the provider's responses carry its code and message.
    pub errors: &'static payspec_signing::convention::ErrorConvention,
    /// The provider's optional per-call headers and their limits.
    pub call_headers: &'static [super::OptionalHeader],
    /// What makes repeating a call safe (`retry:` in the spec).
    pub idempotency: Option<&'static Idempotency>,
    /// The configured credentials, by the names the recipes use.
    pub credentials: Credentials,
    /// Base URL, no trailing slash needed.
    pub base_url: String,
    /// Retries of transient failures.
    pub retry: RetryPolicy,
    /// Whether to verify responses with the response recipe (when there is one).
    pub verify_responses: bool,
    /// The HTTP stack.
    pub transport: Arc<dyn Transport>,
    /// A timestamp every request signs instead of the clock's (for
    /// reproducing a signature or a conformance case), in the recipe's format.
    pub fixed_now: Option<String>,
    /// The access token of the provider's token flow, shared with every
    /// client of the same credential set.
    pub token: super::token::TokenCache,
}

/// A final response and the request values it answers.
pub(crate) struct Exchange {
    /// The response.
    pub response: HttpResponse,
    /// The request recipe's values of the last attempt (a response recipe
    /// reads them with `sent:`).
    pub sent: Values,
}

impl Headers for HttpResponse {
    fn header(&self, name: &str) -> Option<&str> {
        HttpResponse::header(self, name)
    }
}

/// The id a call carries, when the request recipe generates one: the value
/// and the header it travels in.
pub(super) struct CallId {
    value: &'static str,
    id: String,
}

impl Runtime {
    /// Signs and sends `body` to `call` until a final answer (a response that
    /// is not retryable, or the last attempt's outcome).
    pub(crate) async fn exchange(
        &self,
        call: &Call,
        body: Vec<u8>,
        options: &CallOptions,
    ) -> Result<Exchange, Error> {
        let call_id = self.call_id(options)?;
        let extra = optional_headers(self.call_headers, call, options)?;
        let span = tracing::info_span!(
            "payspec.call",
            provider = self.provider,
            endpoint = call.operation,
            request_id = tracing::field::Empty,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        if let Some(c) = &call_id {
            span.record("request_id", tracing::field::display(&c.id));
        }
        let repeat = Repeat::of(
            self.idempotency,
            call.method,
            call_id.as_ref().map(|c| c.value),
            &extra,
        );
        let send =
            |token| self.send_with_retries(call, call_id.as_ref(), &extra, &body, token, repeat);
        super::token::authorised(self, call, send)
            .instrument(span)
            .await
    }

    /// The caller's id (checked against the recipe's limit) or a fresh one,
    /// kept for every attempt so the provider can recognise a repeat.
    fn call_id(&self, options: &CallOptions) -> Result<Option<CallId>, Error> {
        let Some(recipe) = &self.scheme.request else {
            return Ok(None);
        };
        let Some((value, max_len, header)) = generated_id(recipe) else {
            return Ok(None);
        };
        let id = match &options.request_id {
            Some(id) => {
                let mut v = Validator::new();
                v.check_len(header, id, Some(1), Some(max_len));
                v.check_format(header, id, Format::PrintableAscii);
                v.finish()?;
                id.clone()
            }
            None => {
                let mut id = uuid::Uuid::new_v4().to_string();
                id.truncate(max_len);
                id
            }
        };
        Ok(Some(CallId { value, id }))
    }

    /// Signs (with `token`, when the recipe uses one) and sends `body` to
    /// `call`, retrying transient failures as far as `repeat` allows.
    pub(super) async fn send_with_retries(
        &self,
        call: &Call,
        call_id: Option<&CallId>,
        extra: &[(String, String)],
        body: &[u8],
        token: Option<Arc<str>>,
        repeat: Repeat,
    ) -> Result<Exchange, Error> {
        let limit = self.retry.attempt_limit();
        let started = std::time::Instant::now();
        let mut attempt = 1;
        loop {
            tracing::Span::current().record("attempt", attempt);
            let (request, sent) =
                self.signed_request(call, call_id, extra, body, token.as_deref())?;
            let outcome = self.transport.send(request).await;
            let delay = self.retry.delay_before(attempt + 1);
            let may_retry = attempt < limit && repeat.allows(started.elapsed() + delay);
            let retry_reason = match outcome {
                Ok(response) => {
                    tracing::Span::current().record("status", response.status);
                    if may_retry && retryable_status(response.status) {
                        format!("HTTP {}", response.status)
                    } else {
                        return Ok(Exchange { response, sent });
                    }
                }
                Err(error) if may_retry && retryable_transport(error.kind) => error.message,
                Err(error) => {
                    return Err(transport_error(
                        self.provider,
                        call.operation,
                        self.transport.as_ref(),
                        error,
                    ))
                }
            };
            tracing::warn!(attempt, reason = %retry_reason, ?delay, "retrying with the same request id");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// A request signed now (a fresh timestamp and signature over the same
    /// id and body).
    fn signed_request(
        &self,
        call: &Call,
        call_id: Option<&CallId>,
        extra: &[(String, String)],
        body: &[u8],
        token: Option<&str>,
    ) -> Result<(HttpRequest, Values), Error> {
        let is_get = call.method == Method::Get;
        let mut headers = json_headers(call);
        headers.extend_from_slice(extra);
        let mut sent = Vec::new();
        if let Some(recipe) = super::token::request_recipe(self.scheme, call) {
            let (target, query) = split_query(&call.path);
            let message = Message {
                method: call.method.as_str(),
                target,
                query,
                body: if is_get { &[] } else { body },
                has_body: !is_get,
            };
            let mut set: Vec<(&str, &str)> = Vec::new();
            if let Some(c) = call_id {
                set.push((c.value, c.id.as_str()));
            }
            if let Some(now) = &self.fixed_now {
                set.extend(
                    recipe
                        .values
                        .iter()
                        .filter(|v| matches!(v.source, Source::Now(_)))
                        .map(|v| (&*v.name, now.as_str())),
                );
            }
            let mut cx = Context::new(&self.credentials);
            cx.set = &set;
            cx.token = token;
            let signed =
                recipe::sign(self.scheme, recipe, &message, &cx).map_err(|e| Error::Encode {
                    provider: self.provider,
                    operation: call.operation,
                    message: format!("signing the request: {e}"),
                })?;
            headers.extend(signed.headers);
            sent = signed.values;
        }
        let request = HttpRequest {
            method: call.method,
            url: join_url(&self.base_url, &call.path),
            headers,
            body: if is_get { Vec::new() } else { body.to_vec() },
        };
        Ok((request, sent))
    }

    /// Checks a response with the response recipe, if the provider has one
    /// and verification is on.
    pub(crate) fn verify_response(&self, call: &Call, exchange: &Exchange) -> Result<(), Error> {
        let Some(recipe) = self
            .scheme
            .response
            .as_ref()
            .filter(|_| self.verify_responses)
        else {
            return Ok(());
        };
        let (target, query) = split_query(&call.path);
        let message = Message {
            method: call.method.as_str(),
            target,
            query,
            body: &exchange.response.body,
            has_body: true,
        };
        let mut cx = Context::new(&self.credentials);
        cx.headers = &exchange.response;
        cx.sent = &exchange.sent;
        recipe::verify(self.scheme, recipe, &message, &cx)
            .map(drop)
            .map_err(|e| {
                Error::SignatureMismatch(SignatureMismatch {
                    provider: self.provider,
                    operation: call.operation,
                    reason: format!("response signature: {e}"),
                })
            })
    }
}

/// The caller's optional headers, each checked against the limits the
/// call declares for it; nothing is sent when one is unknown or too long.
fn optional_headers(
    declared: &[super::OptionalHeader],
    call: &Call,
    options: &CallOptions,
) -> Result<Vec<(String, String)>, Error> {
    let taken: Vec<&super::OptionalHeader> = declared
        .iter()
        .filter(|h| h.methods.is_empty() || h.methods.contains(&call.method))
        .collect();
    let mut v = Validator::new();
    for (name, value) in &options.headers {
        let Some(spec) = taken.iter().find(|h| h.name.eq_ignore_ascii_case(name)) else {
            let known: Vec<&str> = taken.iter().map(|h| h.name).collect();
            v.fail(
                name,
                "header",
                format!(
                    "is not an optional header of {}; it takes: {}",
                    call.operation,
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
            );
            continue;
        };
        v.check_len(spec.name, value, Some(1), spec.max_len);
        v.check_format(spec.name, value, Format::PrintableAscii);
        if let Some(list) = spec.list {
            let items: Vec<&str> = value.split(list.separator).collect();
            if items.len() > list.max_items {
                v.fail(
                    spec.name,
                    "max_items",
                    format!(
                        "has {} items separated by {:?}; at most {} are allowed",
                        items.len(),
                        list.separator,
                        list.max_items
                    ),
                );
            }
            for (i, item) in items.iter().enumerate() {
                let field = format!("{}[{i}]", spec.name);
                v.check_len(&field, item, Some(1), list.item_max_len);
            }
        }
    }
    v.finish()?;
    Ok(options.headers.clone())
}

/// The request recipe's generated id: its value name, limit, and the header
/// that carries it.
fn generated_id(recipe: &'static Recipe) -> Option<(&'static str, usize, &'static str)> {
    recipe.values.iter().find_map(|v| {
        let max_len = v.source.generated_id_max_len()?;
        let header = recipe
            .headers
            .iter()
            .find(|h| h.template.only_value() == Some(&v.name))
            .map_or(&*v.name, |h| &*h.name);
        Some((&*v.name, max_len, header))
    })
}

/// `/path?query` → (`/path`, `Some("query")`).
pub(crate) fn split_query(path: &str) -> (&str, Option<&str>) {
    match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    }
}
