//! DOKU `Request-Timestamp` freshness: the sandbox refuses a request whose
//! timestamp is further from its own clock than a tolerance, so a merchant
//! whose clock is off (or who sends WIB time, not UTC) finds out locally.
//! DOKU's pages say the timestamp is UTC ("merchant need to subtract time
//! with 7") but give no window; the sandbox's default is
//! [`DEFAULT_TOLERANCE`].

use std::time::{Duration, SystemTime};

/// How far a `Request-Timestamp` may be from the sandbox clock by default
/// (the window the client also offers for notifications).
pub const DEFAULT_TOLERANCE: Duration = payspec_signing::time::DEFAULT_TIMESTAMP_WINDOW;

/// `Err` says why `timestamp` is not within `tolerance` of `now`.
pub fn check_fresh(timestamp: &str, now: SystemTime, tolerance: Duration) -> Result<(), String> {
    let Some(skew) = payspec_signing::time::skew(timestamp, now) else {
        return Err("Request-Timestamp is not a UTC time like 2020-09-22T01:51:00Z".to_owned());
    };
    let skew = skew.as_secs();
    if skew > tolerance.as_secs() {
        return Err(format!(
            "Request-Timestamp is {skew} s from the sandbox clock (at most {} s; it must be UTC)",
            tolerance.as_secs()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::UNIX_EPOCH;

    #[test]
    fn freshness_is_measured_both_ways() {
        let now = UNIX_EPOCH + Duration::from_secs(1_600_739_460);
        let tolerance = DEFAULT_TOLERANCE;
        assert!(check_fresh("2020-09-22T01:51:00Z", now, tolerance).is_ok());
        assert!(check_fresh("2020-09-22T01:56:00Z", now, tolerance).is_ok());
        assert!(check_fresh("2020-09-22T01:46:00Z", now, tolerance).is_ok());
        let late = check_fresh("2020-09-22T01:56:01Z", now, tolerance).unwrap_err();
        assert!(late.contains("301 s"), "{late}");
        // WIB sent as if it were UTC: seven hours off.
        assert!(check_fresh("2020-09-22T08:51:00Z", now, tolerance).is_err());
        assert!(check_fresh("soon", now, tolerance).is_err());
    }
}
