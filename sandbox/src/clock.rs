//! Timestamp freshness: the sandbox refuses a request whose signed timestamp
//! (a request recipe's `now:` value) is further from its own clock than a
//! tolerance, so a merchant whose clock is off (or who sends local time
//! marked as UTC) finds out locally. A UTC timestamp (`…Z`) and one with a
//! declared offset (`…+07:00`) are both read as the instant they name.
//! The providers' pages give no window; the sandbox's default is
//! [`DEFAULT_TOLERANCE`].

use std::time::{Duration, SystemTime};

/// How far a signed timestamp may be from the sandbox clock by default
/// (the window the client also offers for notifications).
pub const DEFAULT_TOLERANCE: Duration = payspec_signing::time::DEFAULT_TIMESTAMP_WINDOW;

/// `Err` says why `timestamp` is not within `tolerance` of `now`.
pub fn check_fresh(timestamp: &str, now: SystemTime, tolerance: Duration) -> Result<(), String> {
    let Some(skew) = skew(timestamp, now) else {
        return Err(format!(
            "the timestamp {timestamp:?} is not a time like 2020-09-22T01:51:00Z or 2024-03-26T16:01:41+07:00"
        ));
    };
    let skew = skew.as_secs();
    if skew > tolerance.as_secs() {
        return Err(format!(
            "the timestamp is {skew} s from the sandbox clock (at most {} s; is its zone right?)",
            tolerance.as_secs()
        ));
    }
    Ok(())
}

/// How far `timestamp` is from `now`: UTC (`…Z`), or with an offset
/// (`…+07:00`), read as the same wall-clock time in UTC moved by the offset.
fn skew(timestamp: &str, now: SystemTime) -> Option<Duration> {
    if timestamp.ends_with('Z') {
        return payspec_signing::time::skew(timestamp, now);
    }
    let split = timestamp.len().checked_sub(6)?;
    let (local, zone) = (timestamp.get(..split)?, timestamp.get(split..)?);
    let minutes = i64::from(payspec_signing::recipe::TimeFormat::parse_zone(zone)?) * 60;
    let as_utc = payspec_signing::time::parse_utc(&format!("{local}Z"))?;
    let at = i64::try_from(as_utc).ok()? - minutes;
    let now = now.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.abs_diff(i64::try_from(now).ok()?)))
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
        // The same instant in WIB, declared as such.
        assert!(check_fresh("2020-09-22T08:51:00+07:00", now, tolerance).is_ok());
        assert!(check_fresh("2020-09-22T01:51:00-00:00", now, tolerance).is_ok());
        let wrong_zone = check_fresh("2020-09-22T01:51:00+07:00", now, tolerance).unwrap_err();
        assert!(wrong_zone.contains("25200 s"), "{wrong_zone}");
        assert!(check_fresh("2020-09-22T08:51:00+7:00", now, tolerance).is_err());
    }
}
