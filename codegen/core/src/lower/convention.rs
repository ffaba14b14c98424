//! `error_convention:` lowered to the data the client runtime and the
//! sandbox read (`payspec_signing::convention`), with each malformed path
//! or code reported at its line.

use std::borrow::Cow;

use payspec_signing::convention::ErrorConvention;
use payspec_signing::recipe::Text;

use super::{Sink, Src};
use crate::spec::model::ErrorConventionSpec;

/// Lowers a provider's convention; without one, only the HTTP status decides.
pub(crate) fn lower(
    sink: &mut Sink,
    src: Src<'_>,
    spec: Option<&ErrorConventionSpec>,
) -> ErrorConvention {
    let Some(spec) = spec else {
        return ErrorConvention::default();
    };
    let mut path = |key: &str, value: &str| -> Text {
        check_path(sink, src, &format!("error_convention.{key}"), value);
        Cow::Owned(value.to_owned())
    };
    let code = spec.code.as_deref().map(|p| path("code", p));
    let message = spec
        .message
        .iter()
        .enumerate()
        .map(|(i, p)| path(&format!("message[{i}]"), p))
        .collect::<Vec<_>>();
    let message_local = spec
        .message_local
        .as_deref()
        .map(|p| path("message_local", p));
    let success_flag = spec
        .success_flag
        .as_deref()
        .map(|p| path("success_flag", p));
    let result = spec.result.as_deref().map(|p| path("result", p));
    let success_codes = success_codes(
        sink,
        src,
        "error_convention",
        &spec.success_codes,
        code.is_some(),
    );
    if let Some(status) = spec.replay_status.filter(|s| !(100..=599).contains(s)) {
        sink.error(
            src.loc("error_convention.replay_status"),
            "L040",
            format!("`replay_status` {status} is not an HTTP status code"),
            "give the status (100 to 599) with which the provider replays an original response",
        );
    }
    ErrorConvention {
        code,
        message: Cow::Owned(message),
        message_local,
        success_codes,
        success_flag,
        result,
        replay_status: spec.replay_status,
    }
}

/// Checks a list of success codes at `key` (a provider's convention or an
/// endpoint's override); `has_code`: whether the convention says where the
/// code is, without which no code can be compared.
pub(crate) fn success_codes(
    sink: &mut Sink,
    src: Src<'_>,
    key: &str,
    codes: &[String],
    has_code: bool,
) -> Cow<'static, [Text]> {
    let at = |rest: &str| match key {
        "" => format!("success_codes{rest}"),
        key => format!("{key}.success_codes{rest}"),
    };
    if !codes.is_empty() && !has_code {
        sink.error(
            src.loc(&at("")),
            "L041",
            "`success_codes` without a `code` path: there is no code to compare".to_owned(),
            "add `code:` to the provider's `error_convention` (where the body carries its code)",
        );
    }
    for (i, code) in codes.iter().enumerate() {
        if code.is_empty() || code.chars().any(char::is_whitespace) {
            sink.error(
                src.loc(&at(&format!("[{i}]"))),
                "L041",
                format!("success code `{code}` is empty or contains a space"),
                "write the code as the body carries it (`\"200\"`), `x` for any one character (`2xx`)",
            );
        }
    }
    Cow::Owned(codes.iter().map(|c| Cow::Owned(c.clone())).collect())
}

/// A dotted JSON path: member names separated by single dots.
fn check_path(sink: &mut Sink, src: Src<'_>, key: &str, path: &str) {
    if path
        .split('.')
        .any(|segment| segment.is_empty() || segment.trim() != segment)
    {
        sink.error(
            src.loc(key),
            "L040",
            format!("`{path}` is not a dotted JSON path"),
            "name members separated by single dots, without spaces: `error.code`, `message.EN`",
        );
    }
}
