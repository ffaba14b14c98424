//! UTC timestamps in the `YYYY-MM-DDTHH:MM:SSZ` form DOKU signs: written
//! for outgoing requests, read back to judge an incoming one's freshness.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Formats `time` as `YYYY-MM-DDTHH:MM:SSZ` in UTC, dropping sub-seconds.
///
/// Times before 1970 are clamped to the epoch: a clock that far off would
/// be rejected by the provider anyway, and this must not panic.
pub fn utc_timestamp(time: SystemTime) -> String {
    let mut out = local_clock(time, 0);
    out.push('Z');
    out
}

/// Formats `time` as `YYYY-MM-DDTHH:MM:SS±HH:MM` in the zone `offset_minutes`
/// east of UTC (`+07:00` is 420), dropping sub-seconds.
///
/// Times before 1970 (after the shift) are clamped to the epoch, as in
/// [`utc_timestamp`].
pub fn offset_timestamp(time: SystemTime, offset_minutes: i16) -> String {
    let mut out = local_clock(time, offset_minutes);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let abs = offset_minutes.unsigned_abs();
    out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
    out
}

/// `YYYY-MM-DDTHH:MM:SS` of `time` shifted `offset_minutes` east of UTC.
fn local_clock(time: SystemTime, offset_minutes: i16) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let secs = secs.saturating_add_signed(i64::from(offset_minutes) * 60);
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// The current time as [`utc_timestamp`] formats it.
pub fn now_utc_timestamp() -> String {
    utc_timestamp(SystemTime::now())
}

/// How far a signed DOKU timestamp may be from the receiver's clock, either
/// way, unless the receiver chooses otherwise: five minutes. DOKU's pages
/// give no window; the sandbox applies this one to requests and the client
/// offers it for notifications, so both judge freshness alike.
pub const DEFAULT_TIMESTAMP_WINDOW: Duration = Duration::from_secs(5 * 60);

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ` (fractional seconds
/// before the `Z` are allowed and dropped); `None` for anything else,
/// including an offset other than `Z`.
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

/// How far `timestamp` is from `now`, either way, in whole seconds; `None`
/// when `timestamp` is not a time [`parse_utc`] reads.
pub fn skew(timestamp: &str, now: SystemTime) -> Option<Duration> {
    let at = parse_utc(timestamp)?;
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Some(Duration::from_secs(now.abs_diff(at)))
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

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), after
/// Howard Hinnant's `civil_from_days` (unsigned, since days are never negative here).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> String {
        utc_timestamp(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        // `date -u -d @1600739460` → 2020-09-22T01:51:00Z (the docs' example).
        assert_eq!(at(1_600_739_460), "2020-09-22T01:51:00Z");
        // Leap day and end of a leap year.
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_609_459_199), "2020-12-31T23:59:59Z");
    }

    #[test]
    fn offset_timestamps_shift_the_clock_and_name_the_zone() {
        // The SNAP sample `2024-03-26T16:01:41+07:00` is 09:01:41Z:
        // `date -u -d 2024-03-26T09:01:41Z +%s` → 1711443701.
        let at = UNIX_EPOCH + Duration::from_secs(1_711_443_701);
        assert_eq!(offset_timestamp(at, 420), "2024-03-26T16:01:41+07:00");
        assert_eq!(offset_timestamp(at, -330), "2024-03-26T03:31:41-05:30");
        assert_eq!(offset_timestamp(at, 0), "2024-03-26T09:01:41+00:00");
    }

    #[test]
    fn clamps_times_before_the_epoch() {
        assert_eq!(
            utc_timestamp(UNIX_EPOCH - Duration::from_secs(5)),
            "1970-01-01T00:00:00Z"
        );
    }

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
    fn parse_reads_back_what_format_writes() {
        for secs in [0, 951_782_400, 1_600_739_460, 1_609_459_199, 4_102_444_800] {
            assert_eq!(parse_utc(&at(secs)), Some(secs));
        }
    }

    #[test]
    fn skew_is_measured_both_ways() {
        let now = UNIX_EPOCH + Duration::from_secs(1_600_739_460);
        let skew_of = |timestamp| skew(timestamp, now).map(|d| d.as_secs());
        assert_eq!(skew_of("2020-09-22T01:51:00Z"), Some(0));
        assert_eq!(skew_of("2020-09-22T01:56:01Z"), Some(301));
        assert_eq!(skew_of("2020-09-22T01:46:00Z"), Some(300));
        assert_eq!(skew_of("soon"), None);
    }
}
