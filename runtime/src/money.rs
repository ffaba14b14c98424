//! Money types. Amounts are never floats: rupiah are whole numbers, and
//! Midtrans' decimal strings (`"30000.00"`) are parsed exactly and keep the
//! text they arrived as, because signatures are computed over that text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount in whole Indonesian rupiah ("In IDR Currency and without decimal").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Idr(pub i64);

impl Idr {
    /// The amount in rupiah.
    pub const fn value(self) -> i64 {
        self.0
    }

    /// `self × factor`, or `None` on overflow.
    pub fn checked_mul(self, factor: i64) -> Option<Idr> {
        self.0.checked_mul(factor).map(Idr)
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Idr) -> Option<Idr> {
        self.0.checked_add(other.0).map(Idr)
    }
}

impl From<i64> for Idr {
    fn from(value: i64) -> Self {
        Idr(value)
    }
}

impl fmt::Display for Idr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a decimal string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid decimal amount {text:?}: {reason}")]
pub struct DecimalError {
    text: String,
    reason: &'static str,
}

/// An exact decimal amount that remembers its wire text (`"30000.00"`).
///
/// Equality compares values (`"30000.00" == "30000.0"`); [`Decimal::as_str`]
/// gives the text exactly as received, for signature checks.
#[derive(Debug, Clone)]
pub struct Decimal {
    text: String,
    mantissa: i128,
    scale: u32,
}

/// Digits beyond this cannot be represented exactly in an `i128` mantissa.
const MAX_DIGITS: usize = 38;

impl Decimal {
    /// The text as received or as constructed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The value as `mantissa × 10^-scale`.
    pub fn parts(&self) -> (i128, u32) {
        (self.mantissa, self.scale)
    }

    /// The amount in whole rupiah, if it has no fractional part.
    pub fn to_idr(&self) -> Option<Idr> {
        let divisor = 10i128.checked_pow(self.scale)?;
        if self.mantissa % divisor != 0 {
            return None;
        }
        i64::try_from(self.mantissa / divisor).ok().map(Idr)
    }

    /// A whole rupiah amount written with two decimals, as Midtrans writes it.
    pub fn from_idr(amount: Idr) -> Decimal {
        Decimal {
            text: format!("{}.00", amount.0),
            mantissa: i128::from(amount.0) * 100,
            scale: 2,
        }
    }

    fn normalized(&self) -> (i128, u32) {
        let (mut m, mut s) = (self.mantissa, self.scale);
        while s > 0 && m % 10 == 0 {
            m /= 10;
            s -= 1;
        }
        (m, s)
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Decimal::parse_owned(text.to_owned())
    }
}

impl Decimal {
    /// Parses `text`, keeping it as the wire text without copying it.
    fn parse_owned(text: String) -> Result<Decimal, DecimalError> {
        match parts_of(&text) {
            Ok((mantissa, scale)) => Ok(Decimal {
                text,
                mantissa,
                scale,
            }),
            Err(reason) => Err(DecimalError {
                text: text.chars().take(64).collect(),
                reason,
            }),
        }
    }
}

/// `text` as `mantissa × 10^-scale`, or why it is not a decimal.
///
/// One pass over the digits (every Midtrans notification and response
/// carries amounts). The reasons keep their precedence: a missing digit
/// before or after the point, then any byte that is not a digit, then too
/// many digits.
fn parts_of(text: &str) -> Result<(i128, u32), &'static str> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let bytes = body.as_bytes();
    let point = bytes.iter().position(|&b| b == b'.');
    let (int_len, frac_len) = match point {
        Some(at) => (at, bytes.len() - at - 1),
        None => (bytes.len(), 0),
    };
    if int_len == 0 || (point.is_some() && frac_len == 0) {
        return Err("expected digits before and after the decimal point");
    }
    let mut magnitude: i128 = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if Some(at) == point {
            continue;
        }
        if !byte.is_ascii_digit() {
            return Err("only digits and one decimal point are allowed");
        }
        // Wrapping: past MAX_DIGITS the value is discarded below, and up to
        // it every step fits an i128 (10^38 < 2^127).
        magnitude = magnitude
            .wrapping_mul(10)
            .wrapping_add(i128::from(byte - b'0'));
    }
    if int_len + frac_len > MAX_DIGITS {
        return Err("too many digits");
    }
    let scale = u32::try_from(frac_len).map_err(|_| "too many digits")?;
    Ok((if negative { -magnitude } else { magnitude }, scale))
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.normalized() == other.normalized()
    }
}

impl Eq for Decimal {}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::parse_owned(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_keeps_text_and_value() {
        let d: Decimal = "30000.00".parse().unwrap();
        assert_eq!(d.as_str(), "30000.00");
        assert_eq!(d.parts(), (3_000_000, 2));
        assert_eq!(d.to_idr(), Some(Idr(30000)));
        assert_eq!(d, "30000".parse::<Decimal>().unwrap());
        assert_eq!("30000.50".parse::<Decimal>().unwrap().to_idr(), None);
    }

    #[test]
    fn decimal_rejects_non_numbers() {
        for bad in [
            "",
            ".",
            "1.",
            ".5",
            "1e5",
            "30 000",
            "1.2.3",
            "-",
            "99999999999999999999999999999999999999999",
        ] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn decimal_reasons_keep_their_precedence() {
        let reason = |text: &str| text.parse::<Decimal>().unwrap_err().reason;
        assert_eq!(
            reason("1."),
            "expected digits before and after the decimal point"
        );
        assert_eq!(
            reason("-.5"),
            "expected digits before and after the decimal point"
        );
        assert_eq!(
            reason("a."),
            "expected digits before and after the decimal point"
        );
        assert_eq!(
            reason("1.2.3"),
            "only digits and one decimal point are allowed"
        );
        assert_eq!(
            reason("--1"),
            "only digits and one decimal point are allowed"
        );
        let long_and_bad = format!("{}x", "9".repeat(40));
        assert_eq!(
            reason(&long_and_bad),
            "only digits and one decimal point are allowed"
        );
        assert_eq!(reason(&"9".repeat(39)), "too many digits");
        assert_eq!(
            reason(&format!("{}.{}", "9".repeat(20), "9".repeat(19))),
            "too many digits"
        );
    }

    #[test]
    fn decimal_extremes_and_json() {
        let widest = "9".repeat(38);
        assert_eq!(
            widest.parse::<Decimal>().unwrap().parts(),
            (widest.parse::<i128>().unwrap(), 0)
        );
        let d: Decimal = "-0.05".parse().unwrap();
        assert_eq!((d.parts(), d.as_str()), ((-5, 2), "-0.05"));
        let from_json: Decimal = serde_json::from_str(r#""244108.00""#).unwrap();
        assert_eq!(from_json.as_str(), "244108.00");
        assert_eq!(from_json.parts(), (24_410_800, 2));
        let err = serde_json::from_str::<Decimal>(r#""12a""#).unwrap_err();
        assert!(err.to_string().contains("only digits"), "{err}");
    }

    #[test]
    fn idr_rejects_float_json() {
        assert!(serde_json::from_str::<Idr>("90000.5").is_err());
        assert_eq!(serde_json::from_str::<Idr>("90000").unwrap(), Idr(90000));
    }
}
