//! DOKU `Request-Timestamp` freshness: the sandbox refuses a request whose
//! timestamp is further from its own clock than a tolerance, so a merchant
//! whose clock is off (or who sends WIB time, not UTC) finds out locally.
//! DOKU's pages say the timestamp is UTC ("merchant need to subtract time
//! with 7") but give no window; the sandbox's default is
//! [`DEFAULT_TOLERANCE`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How far a `Request-Timestamp` may be from the sandbox clock by default.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ` (fractional seconds
/// before the `Z` are allowed and dropped); `None` for anything else.
pub fn parse_utc(timestamp: &str) -> Option<u64> {
    let bytes = timestamp.as_bytes();
    let rest = timestamp.strip_suffix('Z')?;
    let (main, fraction) = rest.split_once('.').unwrap_or((rest, "0"));
    if main.len() != 19 || fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let shape_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && bytes.get(10) == Some(&b'T')
        && bytes.get(13) == Some(&b':')
        && bytes.get(16) == Some(&b':');
    if !shape_ok {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u64> {
        let s = main.get(from..to)?;
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1970..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, for years from 1970).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `Err` says why `timestamp` is not within `tolerance` of `now`.
pub fn check_fresh(timestamp: &str, now: SystemTime, tolerance: Duration) -> Result<(), String> {
    let Some(at) = parse_utc(timestamp) else {
        return Err("Request-Timestamp is not a UTC time like 2020-09-22T01:51:00Z".to_owned());
    };
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let skew = now.abs_diff(at);
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

    #[test]
    fn parses_the_docs_example_and_refuses_other_shapes() {
        // `date -u -d @1600739460` → 2020-09-22T01:51:00Z (the docs' example).
        assert_eq!(parse_utc("2020-09-22T01:51:00Z"), Some(1_600_739_460));
        assert_eq!(parse_utc("2020-09-22T01:51:00.123Z"), Some(1_600_739_460));
        assert_eq!(parse_utc("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(parse_utc("1970-01-01T00:00:00Z"), Some(0));
        for bad in [
            "2020-09-22T01:51:00",
            "2020-09-22 01:51:00Z",
            "2020-13-22T01:51:00Z",
            "2020-09-22T24:00:00Z",
            "2020-09-22T01:51:00+07:00",
            "+020-09-22T01:51:00Z",
            "2020-09-22T01:51:00.Z",
            "",
            "Z",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }

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
