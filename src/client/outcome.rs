//! A final response read by the provider's error convention
//! (`error_convention:` in its spec): the decoded result, or the one typed
//! [`Error::Api`] with the provider's code, message and where the code was.

use payspec_signing::convention::{as_text, lookup, ErrorConvention};
use serde::de::DeserializeOwned;

use super::runtime::{Exchange, Runtime};
use super::{decode_json, decode_value, Call};
use crate::error::{ApiError, Error};
use crate::transport::HttpResponse;

/// The result of `exchange`, or why the provider refused.
pub(crate) fn interpret<Resp: DeserializeOwned>(
    runtime: &Runtime,
    call: &Call,
    exchange: &Exchange,
) -> Result<Resp, Error> {
    let conv = runtime.errors;
    let response = &exchange.response;
    let status = response.status;
    let http_ok = (200..300).contains(&status);
    // A replay: the provider saw this request id and body before and
    // answers with the original response, which is this call's result.
    let replay = conv.replay_status == Some(status);
    if http_ok || replay {
        runtime.verify_response(call, exchange)?;
    }
    if replay {
        if let Ok(original) = serde_json::from_slice::<Resp>(&response.body) {
            tracing::info!("the provider replayed the original response for this request id");
            return Ok(original);
        }
    }
    let success_codes = Codes::of(runtime, call);
    let reads_body =
        conv.success_flag.is_some() || conv.result.is_some() || !success_codes.is_empty();
    if http_ok && !reads_body {
        return decode_json(runtime.provider, call.operation, status, &response.body);
    }
    let body: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
    if http_ok {
        if let Some(body) = &body {
            if succeeded(runtime, call, status, &success_codes, body)? {
                return match &conv.result {
                    Some(path) => decode_value(
                        runtime.provider,
                        call.operation,
                        Some(status),
                        path,
                        lookup(body, path).cloned().unwrap_or_default(),
                    ),
                    None => decode_json(runtime.provider, call.operation, status, &response.body),
                };
            }
        } else {
            // A 2xx answer that is not JSON is a contract break: say where.
            return decode_json(runtime.provider, call.operation, status, &response.body);
        }
    }
    Err(refusal(runtime.provider, call.operation, conv, status, body).into())
}

/// The answer of the token endpoint (`auth.token`) read by the same
/// convention as every other call: the whole JSON body when it says success
/// (the flow's paths are read from it), else the provider's refusal with
/// its code and where it was. A token answer has no response signature and
/// no replay: neither applies to it.
pub(crate) fn token_answer(
    runtime: &Runtime,
    call: &Call,
    response: &HttpResponse,
) -> Result<serde_json::Value, Error> {
    let status = response.status;
    let body: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
    if (200..300).contains(&status) {
        let Some(body) = body else {
            return Err(Error::Decode {
                provider: runtime.provider,
                operation: call.operation,
                status: Some(status),
                path: ".".to_owned(),
                message: "the token answer is not JSON".to_owned(),
            });
        };
        if succeeded(runtime, call, status, &Codes::of(runtime, call), &body)? {
            return Ok(body);
        }
        return Err(refusal(
            runtime.provider,
            call.operation,
            runtime.errors,
            status,
            Some(body),
        )
        .into());
    }
    Err(refusal(
        runtime.provider,
        call.operation,
        runtime.errors,
        status,
        body,
    )
    .into())
}

/// The success codes in force: the call's own, or the provider's.
enum Codes<'a> {
    Spec(&'a [std::borrow::Cow<'static, str>]),
    Call(&'static [&'static str]),
}

impl<'a> Codes<'a> {
    fn of(runtime: &'a Runtime, call: &Call) -> Self {
        call.success_codes
            .map_or_else(|| Codes::Spec(&runtime.errors.success_codes), Codes::Call)
    }

    fn is_empty(&self) -> bool {
        match self {
            Codes::Spec(c) => c.is_empty(),
            Codes::Call(c) => c.is_empty(),
        }
    }

    fn matches(&self, code: &str) -> bool {
        match self {
            Codes::Spec(c) => ErrorConvention::code_matches(c, code),
            Codes::Call(c) => ErrorConvention::code_matches(c, code),
        }
    }
}

/// Whether a 2xx body says success: its flag is `true` and its code (when
/// it has one) is a success code. A 2xx body without the flag is not the
/// documented envelope: a decode error naming the flag.
fn succeeded(
    runtime: &Runtime,
    call: &Call,
    status: u16,
    codes: &Codes<'_>,
    body: &serde_json::Value,
) -> Result<bool, Error> {
    let conv = runtime.errors;
    if let Some(flag) = &conv.success_flag {
        match lookup(body, flag) {
            Some(serde_json::Value::Bool(true)) => {}
            Some(serde_json::Value::Bool(false)) => return Ok(false),
            other => {
                return Err(Error::Decode {
                    provider: runtime.provider,
                    operation: call.operation,
                    status: Some(status),
                    path: flag.to_string(),
                    message: match other {
                        None => format!("missing field `{flag}`"),
                        Some(_) => "invalid type: expected a boolean".to_owned(),
                    },
                })
            }
        }
    }
    if codes.is_empty() {
        return Ok(true);
    }
    let code = conv
        .code
        .as_ref()
        .and_then(|path| lookup(body, path))
        .and_then(as_text);
    Ok(code.map_or(true, |code| codes.matches(&code)))
}

/// The provider's refusal, read where its convention says.
pub(crate) fn refusal(
    provider: &'static str,
    operation: &'static str,
    conv: &ErrorConvention,
    status: u16,
    body: Option<serde_json::Value>,
) -> ApiError {
    let text = |path: &str| {
        body.as_ref()
            .and_then(|b| lookup(b, path))
            .and_then(as_text)
    };
    let code = conv.code.as_deref().and_then(text);
    ApiError {
        provider,
        operation,
        status,
        code_path: conv.code.clone().filter(|_| code.is_some()),
        code,
        message: conv.message.iter().find_map(|path| text(path)),
        message_id: conv.message_local.as_deref().and_then(text),
        body,
    }
}
