//! `retry:` lowered to what the client runtime reads before sending a call
//! again: where the provider's idempotency key travels and how long the
//! provider remembers it, each malformed entry reported at its line.

use payspec_signing::recipe::{Scheme, Source};

use super::{Sink, Src};
use crate::ir::{Retry, RetryKey};
use crate::spec::model::ProviderFile;

/// Lowers a provider's `retry:`; `recipes` are its lowered recipes (the
/// key may be a value of the request recipe).
pub(crate) fn lower(
    sink: &mut Sink,
    src: Src<'_>,
    pfile: &ProviderFile,
    recipes: &Scheme,
) -> Option<Retry> {
    let spec = pfile.retry.as_ref()?;
    let key_spec = &spec.idempotency_key;
    let key = match (&key_spec.value, &key_spec.header) {
        (Some(value), None) => {
            let generated = recipes
                .request
                .as_ref()
                .and_then(|r| r.value(value))
                .is_some_and(|v| matches!(v.source, Source::Uuid { .. }));
            if !generated {
                sink.error(
                    src.loc("retry.idempotency_key.value"),
                    "L091",
                    format!("`{value}` is not a generated id (`uuid_v4`) of the request recipe"),
                    "name the request recipe's `uuid_v4` value: the runtime keeps it for every \
                     attempt of a call, while any other value is computed afresh",
                );
            }
            RetryKey::Value(value.clone())
        }
        (None, Some(header)) => {
            let declared = pfile
                .call_headers
                .keys()
                .any(|h| h.eq_ignore_ascii_case(header));
            if !declared {
                sink.error(
                    src.loc("retry.idempotency_key.header"),
                    "L092",
                    format!("`{header}` is not a `call_headers` entry"),
                    "declare the header under `call_headers` (the caller sets the key per call), \
                     or key retries by a generated request value with `value:`",
                );
            }
            RetryKey::Header(header.clone())
        }
        _ => {
            sink.error(
                src.loc("retry.idempotency_key"),
                "L090",
                "`idempotency_key` needs exactly one of `value` or `header`".to_owned(),
                "write `value: <the request recipe's uuid_v4 value>` or `header: <a call_headers entry>`",
            );
            return None;
        }
    };
    if spec.key_lifetime_secs == Some(0) {
        sink.error(
            src.loc("retry.key_lifetime_secs"),
            "L093",
            "`key_lifetime_secs` is 0: no retry could be sent".to_owned(),
            "give the lifetime the docs state (\"the key value lifetime is five minutes\": 300), \
             or leave it out when they state none",
        );
    }
    Some(Retry {
        doc: spec.doc.clone(),
        key,
        key_lifetime_secs: spec.key_lifetime_secs,
    })
}
