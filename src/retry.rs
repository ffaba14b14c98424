//! Opt-in retries for requests the provider de-duplicates (DOKU's
//! `Request-Id`): bounded attempts, exponential backoff with full jitter,
//! and only for failures where trying again is safe and useful.

use std::time::Duration;

use crate::transport::TransportErrorKind;

/// How many times to try a call, and how long to wait between tries.
///
/// The default is [`RetryPolicy::none`]: one attempt. Retrying is safe for
/// DOKU because every attempt reuses the Request-Id and body, so DOKU
/// processes the request at most once and answers a repeat with HTTP 409 and
/// the original response, which the client returns as the result.
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

    #[test]
    fn only_transient_statuses_retry() {
        assert!(retryable_status(503) && retryable_status(429) && retryable_status(500));
        assert!(!retryable_status(409) && !retryable_status(400) && !retryable_status(200));
    }
}
