//! Retries of transient failures: bounded attempts, exponential backoff
//! with full jitter, only for failures where trying again is useful, and
//! only for calls the provider's spec says it de-duplicates ([`Idempotency`],
//! from `retry:` in its provider.yaml) or that change nothing (a GET).

use std::time::Duration;

use crate::transport::Method;

use crate::transport::TransportErrorKind;

/// How many times to try a call, and how long to wait between tries.
///
/// The default is [`RetryPolicy::none`]: one attempt. A policy applies only
/// to calls that are safe to repeat: a GET, or a call carrying the
/// idempotency key the provider's spec declares ([`Idempotency`]): its
/// generated request id, which every attempt reuses (a `Request-Id` the
/// provider answers a repeat of with the original response), or a per-call
/// header the caller sets (an `Idempotency-Key`). Any other call is sent
/// once whatever the policy. Which applies to a provider is stated on its
/// documentation page, under "Retries".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts, including the first (at least 1).
    pub max_attempts: u32,
    /// The backoff before the second attempt; doubled for each later one.
    pub base_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub const fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
        }
    }

    /// Up to `max_attempts` attempts with a 200 ms base delay capped at 5 s.
    pub const fn attempts(max_attempts: u32) -> Self {
        RetryPolicy {
            max_attempts,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }

    /// The same policy with other delays.
    pub const fn with_delays(mut self, base_delay: Duration, max_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self.max_delay = max_delay;
        self
    }

    /// Attempts to make, never less than one.
    pub fn attempt_limit(&self) -> u32 {
        self.max_attempts.max(1)
    }

    /// The wait before attempt `next_attempt` (2 for the first retry): a
    /// random duration up to `base × 2^(next_attempt − 2)`, capped at
    /// `max_delay` ("full jitter", so clients that failed together do not
    /// retry together).
    pub fn delay_before(&self, next_attempt: u32) -> Duration {
        let exponent = next_attempt.saturating_sub(2).min(16);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(0..=millis))
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::none()
    }
}

/// What makes sending a call again safe for a provider, from `retry:` in
/// its spec: a generated descriptor's `retry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Idempotency {
    /// Where the key the provider de-duplicates by travels.
    pub key: IdempotencyKey,
    /// How long the provider remembers a key: no retry is sent later than
    /// this after the first attempt, when a repeat would be processed anew.
    pub key_lifetime: Option<Duration>,
}

/// Where a provider's idempotency key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdempotencyKey {
    /// The request recipe's generated id of this name, which every attempt
    /// of a call reuses: every call is keyed.
    Value(&'static str),
    /// An optional per-call header (`CallOptions::header`): only a call
    /// that carries it is keyed.
    Header(&'static str),
}

/// How long a call may be retried for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// Sent once whatever the policy.
    Never,
    /// Retried by the policy, no later than this after the first attempt
    /// (`None`: no limit but the policy's).
    Within(Option<Duration>),
}

impl Repeat {
    /// Whether `call` may be repeated: a GET changes nothing (RFC 9110
    /// §9.2.1); any other call only when it carries the provider's key.
    /// `id_value`: the name of the request recipe's generated id the call
    /// carries; `headers`: the caller's per-call headers.
    pub(crate) fn of(
        idempotency: Option<&Idempotency>,
        method: Method,
        id_value: Option<&str>,
        headers: &[(String, String)],
    ) -> Repeat {
        if method == Method::Get {
            return Repeat::Within(None);
        }
        let Some(idempotency) = idempotency else {
            return Repeat::Never;
        };
        let keyed = match idempotency.key {
            IdempotencyKey::Value(name) => id_value == Some(name),
            IdempotencyKey::Header(name) => headers
                .iter()
                .any(|(n, v)| n.eq_ignore_ascii_case(name) && !v.is_empty()),
        };
        if keyed {
            Repeat::Within(idempotency.key_lifetime)
        } else {
            Repeat::Never
        }
    }

    /// Whether another attempt may start `elapsed` after the first.
    pub(crate) fn allows(self, elapsed: Duration) -> bool {
        match self {
            Repeat::Never => false,
            Repeat::Within(None) => true,
            Repeat::Within(Some(lifetime)) => elapsed < lifetime,
        }
    }
}

/// Whether an HTTP status is worth retrying: 429 and 5xx only.
pub(crate) fn retryable_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

/// Whether a transport failure is worth retrying: not an invalid request.
pub(crate) fn retryable_transport(kind: TransportErrorKind) -> bool {
    !matches!(kind, TransportErrorKind::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_capped() {
        let policy = RetryPolicy::attempts(10)
            .with_delays(Duration::from_millis(100), Duration::from_millis(350));
        for _ in 0..50 {
            assert!(policy.delay_before(2) <= Duration::from_millis(100));
            assert!(policy.delay_before(3) <= Duration::from_millis(200));
            assert!(policy.delay_before(9) <= Duration::from_millis(350));
        }
        assert_eq!(RetryPolicy::none().delay_before(2), Duration::ZERO);
        assert_eq!(
            RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::none()
            }
            .attempt_limit(),
            1
        );
    }

    const KEYED_BY_ID: Idempotency = Idempotency {
        key: IdempotencyKey::Value("request_id"),
        key_lifetime: None,
    };
    const KEYED_BY_HEADER: Idempotency = Idempotency {
        key: IdempotencyKey::Header("Idempotency-Key"),
        key_lifetime: Some(Duration::from_secs(300)),
    };

    fn header(name: &str, value: &str) -> Vec<(String, String)> {
        vec![(name.to_owned(), value.to_owned())]
    }

    #[test]
    fn only_keyed_calls_and_gets_repeat() {
        let post = Method::Post;
        assert_eq!(
            Repeat::of(Some(&KEYED_BY_ID), post, Some("request_id"), &[]),
            Repeat::Within(None)
        );
        // A recipe without the named id: the call carries no key.
        assert_eq!(
            Repeat::of(Some(&KEYED_BY_ID), post, None, &[]),
            Repeat::Never
        );
        assert_eq!(
            Repeat::of(
                Some(&KEYED_BY_HEADER),
                post,
                None,
                &header("idempotency-key", "k-1")
            ),
            Repeat::Within(Some(Duration::from_secs(300)))
        );
        assert_eq!(
            Repeat::of(
                Some(&KEYED_BY_HEADER),
                post,
                None,
                &header("Idempotency-Key", "")
            ),
            Repeat::Never
        );
        assert_eq!(
            Repeat::of(Some(&KEYED_BY_HEADER), post, None, &header("X-Other", "k")),
            Repeat::Never
        );
        assert_eq!(
            Repeat::of(None, post, Some("request_id"), &[]),
            Repeat::Never
        );
        assert_eq!(
            Repeat::of(None, Method::Get, None, &[]),
            Repeat::Within(None)
        );
    }

    #[test]
    fn a_key_lifetime_bounds_when_a_retry_may_start() {
        let within = Repeat::Within(Some(Duration::from_secs(300)));
        assert!(within.allows(Duration::from_secs(299)));
        assert!(!within.allows(Duration::from_secs(300)));
        assert!(Repeat::Within(None).allows(Duration::from_secs(86_400)));
        assert!(!Repeat::Never.allows(Duration::ZERO));
    }

    #[test]
    fn only_transient_statuses_retry() {
        assert!(retryable_status(503) && retryable_status(429) && retryable_status(500));
        assert!(!retryable_status(409) && !retryable_status(400) && !retryable_status(200));
    }
}

#[cfg(test)]
mod loopback_tests;
