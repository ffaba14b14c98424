//! Wire helpers the generated code calls: enum fallbacks and lenient
//! deserialisation for fields whose docs and samples disagree on the JSON type.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::money::{Decimal, Idr};

/// An enum with documented values and an `Unknown(String)` fallback.
pub trait WireEnum {
    /// The value as sent on the wire.
    fn as_wire(&self) -> &str;
    /// Whether this is a value the docs do not list.
    fn is_unknown(&self) -> bool;
    /// The documented wire values.
    fn documented(&self) -> &'static [&'static str];
}

/// `Deserialize` for an enum with an `Unknown(String)` fallback: reads the
/// wire value as a string slice and allocates only for a value the docs do
/// not list (or when the deserializer already owns a `String`).
///
/// For the emitter: `<String as Deserialize>::deserialize(d).map(Self::from)`
/// allocates for every value, known or not; calling this instead from the
/// generated `Deserialize` impls removes one allocation per enum field per
/// response. Errors read as they did ("expected a string").
pub fn deserialize_wire_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct WireVisitor<T>(std::marker::PhantomData<T>);

    impl<T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'_> for WireVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(WireVisitor(std::marker::PhantomData))
}

/// A type that may arrive as another JSON type than its canonical one
/// (a number as a string, a boolean as `"true"`), per a spec discrepancy note.
pub trait Lenient: Sized {
    /// Converts any accepted JSON value, or says what was expected.
    fn from_lenient(value: Value) -> Result<Self, String>;
}

impl Lenient for String {
    fn from_lenient(value: Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(s),
            Value::Number(n) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
            other => Err(format!(
                "expected a string or an integer, found {}",
                kind(&other)
            )),
        }
    }
}

impl Lenient for i64 {
    fn from_lenient(value: Value) -> Result<Self, String> {
        match value {
            Value::Number(n) => n
                .as_i64()
                .ok_or_else(|| format!("expected a whole number, found {n}")),
            Value::String(s) => s
                .trim()
                .parse()
                .map_err(|_| format!("expected a whole number, found the string {s:?}")),
            other => Err(format!(
                "expected an integer or a string of digits, found {}",
                kind(&other)
            )),
        }
    }
}

impl Lenient for Idr {
    fn from_lenient(value: Value) -> Result<Self, String> {
        i64::from_lenient(value).map(Idr)
    }
}

impl Lenient for bool {
    fn from_lenient(value: Value) -> Result<Self, String> {
        match value {
            Value::Bool(b) => Ok(b),
            Value::String(s) if s == "true" => Ok(true),
            Value::String(s) if s == "false" => Ok(false),
            other => Err(format!("expected true or false, found {}", kind(&other))),
        }
    }
}

impl Lenient for Decimal {
    fn from_lenient(value: Value) -> Result<Self, String> {
        match value {
            Value::String(s) => s
                .parse()
                .map_err(|e: crate::money::DecimalError| e.to_string()),
            Value::Number(n) if n.is_i64() || n.is_u64() => n
                .to_string()
                .parse()
                .map_err(|e: crate::money::DecimalError| e.to_string()),
            other => Err(format!("expected a decimal string, found {}", kind(&other))),
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `deserialize_with` for a mandatory lenient field.
pub fn lenient<'de, D: Deserializer<'de>, T: Lenient>(deserializer: D) -> Result<T, D::Error> {
    T::from_lenient(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

/// `deserialize_with` for an optional lenient field (`null` is `None`).
pub fn lenient_opt<'de, D: Deserializer<'de>, T: Lenient>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        value => T::from_lenient(value)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Status {
        Success,
        Unknown(String),
    }

    impl From<&str> for Status {
        fn from(value: &str) -> Self {
            match value {
                "SUCCESS" => Status::Success,
                other => Status::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for Status {
        fn from(value: String) -> Self {
            match value.as_str() {
                "SUCCESS" => Status::Success,
                _ => Status::Unknown(value),
            }
        }
    }

    fn status(json: &str) -> Result<Status, String> {
        let mut de = serde_json::Deserializer::from_str(json);
        deserialize_wire_enum(&mut de).map_err(|e: serde_json::Error| e.to_string())
    }

    #[test]
    fn wire_enums_read_known_unknown_and_escaped_values() {
        assert_eq!(status(r#""SUCCESS""#), Ok(Status::Success));
        assert_eq!(status(r#""SUCC\u0045SS""#), Ok(Status::Success));
        assert_eq!(
            status(r#""PENDING""#),
            Ok(Status::Unknown("PENDING".into()))
        );
        // The same message a `String` field gives.
        let as_string = serde_json::from_str::<String>("5").unwrap_err().to_string();
        assert_eq!(status("5"), Err(as_string));
    }

    #[test]
    fn lenient_conversions() {
        assert_eq!(
            String::from_lenient(serde_json::json!(231223)).unwrap(),
            "231223"
        );
        assert_eq!(
            String::from_lenient(serde_json::json!("0000231223")).unwrap(),
            "0000231223"
        );
        assert_eq!(
            Idr::from_lenient(serde_json::json!("90000")).unwrap(),
            Idr(90000)
        );
        assert!(Idr::from_lenient(serde_json::json!(90000.5)).is_err());
        assert!(bool::from_lenient(serde_json::json!("false")).is_ok_and(|b| !b));
        assert!(bool::from_lenient(serde_json::json!("yes")).is_err());
    }
}
