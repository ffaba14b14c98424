//! Parsing `generated:` shapes: how the sandbox makes up a value the
//! provider generates (`uuid_v4`, `digits(6)`, `timestamp(…)`, `template(…)`).

use crate::ir::{Format, Generated, TemplatePart};

/// Parses one shape; `Err` says what is wrong with it.
pub fn parse(text: &str) -> Result<Generated, String> {
    let text = text.trim();
    if text == "uuid_v4" {
        return Ok(Generated::UuidV4);
    }
    let Some((name, args)) = text.strip_suffix(')').and_then(|t| t.split_once('(')) else {
        return Err(format!("`{text}` is not a known shape"));
    };
    match name.trim() {
        "digits" => count(args).map(Generated::Digits),
        "alnum" => count(args).map(Generated::Alnum),
        "timestamp" => timestamp(args),
        "template" => template(args).map(Generated::Template),
        other => Err(format!("`{other}` is not a known shape")),
    }
}

/// A length between 1 and 256.
fn count(arg: &str) -> Result<u32, String> {
    match arg.trim().parse::<u32>() {
        Ok(n) if (1..=256).contains(&n) => Ok(n),
        _ => Err(format!("`{arg}` is not a length from 1 to 256")),
    }
}

/// `format[, ±HH:MM][, +N(s|m|h|d)]`.
fn timestamp(args: &str) -> Result<Generated, String> {
    let mut parts = args.split(',').map(str::trim);
    let format = match parts.next().and_then(Format::from_spec_name) {
        Some(f @ (Format::UtcTimestamp | Format::LocalDateTime)) => f,
        _ => {
            return Err(format!(
                "`timestamp({args})` needs the format utc_timestamp or local_date_time first"
            ))
        }
    };
    let mut offset_minutes = 0;
    let mut after_secs = 0;
    for part in parts {
        if let Some(minutes) = offset(part) {
            if format == Format::UtcTimestamp && minutes != 0 {
                return Err("a utc_timestamp is always at +00:00".to_owned());
            }
            offset_minutes = minutes;
        } else if let Some(secs) = after(part) {
            after_secs = secs;
        } else {
            return Err(format!(
                "`{part}` is neither a UTC offset (+07:00) nor a delay (+8d, +10m)"
            ));
        }
    }
    Ok(Generated::Timestamp {
        format,
        offset_minutes,
        after_secs,
    })
}

/// `+07:00` → 420.
fn offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    ((0..=14).contains(&h) && (0..60).contains(&m)).then_some(sign * (h * 60 + m))
}

/// `+8d` → 691200.
fn after(text: &str) -> Option<i64> {
    let rest = text.strip_prefix('+')?;
    let unit = match rest.chars().last()? {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return None,
    };
    let n: i64 = rest[..rest.len() - 1].parse().ok()?;
    n.checked_mul(unit)
}

/// Text with `{uuid_v4}`, `{digits(N)}`, `{alnum(N)}`, `{request:a.b}` and
/// `{header:Name}` placeholders.
fn template(text: &str) -> Result<Vec<TemplatePart>, String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(TemplatePart::Text(rest[..open].to_owned()));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(format!("`{{` without `}}` in template `{text}`"));
        };
        let inner = &rest[open + 1..open + close];
        parts.push(if let Some(path) = inner.strip_prefix("request:") {
            TemplatePart::Request(path.to_owned())
        } else if let Some(name) = inner.strip_prefix("header:") {
            TemplatePart::Header(name.to_owned())
        } else {
            match parse(inner)? {
                Generated::Template(_) => return Err("templates do not nest".to_owned()),
                g => TemplatePart::Generated(g),
            }
        });
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Text(rest.to_owned()));
    }
    if parts.is_empty() {
        return Err("the template is empty".to_owned());
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_parse() {
        assert_eq!(parse("uuid_v4"), Ok(Generated::UuidV4));
        assert_eq!(parse("digits(6)"), Ok(Generated::Digits(6)));
        assert_eq!(parse("alnum(20)"), Ok(Generated::Alnum(20)));
        assert_eq!(
            parse("timestamp(local_date_time, +07:00, +8d)"),
            Ok(Generated::Timestamp {
                format: Format::LocalDateTime,
                offset_minutes: 420,
                after_secs: 8 * 86_400,
            })
        );
        assert_eq!(
            parse("template(https://x/p?id={request:order.id}&r={header:Request-Id}&s={alnum(4)})"),
            Ok(Generated::Template(vec![
                TemplatePart::Text("https://x/p?id=".into()),
                TemplatePart::Request("order.id".into()),
                TemplatePart::Text("&r=".into()),
                TemplatePart::Header("Request-Id".into()),
                TemplatePart::Text("&s=".into()),
                TemplatePart::Generated(Generated::Alnum(4)),
            ]))
        );
    }

    #[test]
    fn bad_shapes_say_why() {
        assert!(parse("uuid").unwrap_err().contains("not a known shape"));
        assert!(parse("digits(0)").unwrap_err().contains("1 to 256"));
        assert!(parse("timestamp(rfc2822)").unwrap_err().contains("format"));
        assert!(parse("timestamp(utc_timestamp, +07:00)")
            .unwrap_err()
            .contains("+00:00"));
        assert!(parse("timestamp(local_date_time, soon)")
            .unwrap_err()
            .contains("neither"));
        assert!(parse("template(a{uuid_v4)")
            .unwrap_err()
            .contains("without"));
    }
}
