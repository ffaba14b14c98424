//! The primitives a recipe composes that are not cryptography: timestamp
//! formats and JSON minification.

use std::time::SystemTime;

/// A timestamp format the runtime can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    /// `2020-08-12T09:45:42Z`: UTC, whole seconds (`iso8601_utc`).
    Utc,
    /// `2024-03-26T16:01:41+07:00`: whole seconds in a declared zone
    /// (`iso8601_offset` with `zone: "+07:00"`), minutes east of UTC.
    Offset(i16),
}

impl TimeFormat {
    /// `time` in this format.
    pub fn format(self, time: SystemTime) -> String {
        match self {
            TimeFormat::Utc => crate::time::utc_timestamp(time),
            TimeFormat::Offset(minutes) => crate::time::offset_timestamp(time, minutes),
        }
    }

    /// Reads a zone written `+07:00`, `-05:30` or `Z` as minutes east of UTC.
    pub fn parse_zone(zone: &str) -> Option<i16> {
        if zone == "Z" {
            return Some(0);
        }
        let (sign, rest) = match zone.as_bytes().first()? {
            b'+' => (1, &zone[1..]),
            b'-' => (-1, &zone[1..]),
            _ => return None,
        };
        let (h, m) = rest.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (i16, i16) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
    }
}

/// JSON minify: removes the whitespace JSON allows between tokens (space,
/// tab, line feed, carriage return) outside strings, and nothing else. It
/// never parses numbers, reorders keys or changes escapes, so the bytes that
/// remain are the bytes that were sent. Input that is not JSON is minified
/// by the same rule.
pub fn minify_json(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut in_string = false;
    let mut escaped = false;
    for &byte in input {
        if in_string {
            out.push(byte);
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
        } else {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => {}
                b'"' => {
                    in_string = true;
                    out.push(byte);
                }
                _ => out.push(byte),
            }
        }
    }
    out
}
