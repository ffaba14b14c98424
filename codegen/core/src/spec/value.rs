//! The spec model's dynamic value: what a key holds when its type depends
//! on something else in the spec (a field's `default`, a condition's
//! `equals`, a recipe's `values`), read as YAML wrote it and typed later by
//! lowering, which knows the field or decision it belongs to.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A YAML value: null, a boolean, a number, a string, a sequence or a
/// mapping (keys in file order; the loader has already refused a key
/// written twice).
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer or a float.
    Number(Number),
    /// Any other scalar, and every quoted or block scalar.
    String(String),
    /// `[a, b]` or `- a`.
    Sequence(Vec<Yaml>),
    /// `{k: v}` or `k: v` lines, in file order.
    Mapping(Vec<(Yaml, Yaml)>),
}

/// A YAML number: a 64-bit integer (signed or not) or a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(N);

#[derive(Debug, Clone, Copy, PartialEq)]
enum N {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

impl Number {
    /// The number as an `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(n) => i64::try_from(n).ok(),
            N::NegInt(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// The number as a `u64`, when it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(n) => Some(n),
            N::NegInt(_) | N::Float(_) => None,
        }
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        match u64::try_from(n) {
            Ok(n) => Number(N::PosInt(n)),
            Err(_) => Number(N::NegInt(n)),
        }
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Self {
        Number(N::PosInt(n))
    }
}

impl From<f64> for Number {
    fn from(f: f64) -> Self {
        Number(N::Float(f))
    }
}

/// Written as YAML writes it (`7`, `-7`, `1.5`, `1.0`, `1e16`, `.inf`),
/// which is how an enum wire value or a recipe constant written as a
/// number reads.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            N::PosInt(n) => write!(f, "{n}"),
            N::NegInt(n) => write!(f, "{n}"),
            N::Float(x) if x.is_nan() => f.write_str(".nan"),
            N::Float(x) if x.is_infinite() => f.write_str(if x.is_sign_negative() {
                "-.inf"
            } else {
                ".inf"
            }),
            // `{:?}` is the shortest round-trip form with a `.0` on whole
            // numbers and an exponent from 1e16 up, as serde_yaml (ryu)
            // writes them; ryu keeps plain decimals down to 1e-5.
            N::Float(x) if (1e-5..1e-4).contains(&x.abs()) => write!(f, "{x}"),
            N::Float(x) => write!(f, "{x:?}"),
        }
    }
}

impl Yaml {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as a `u64`, if this is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Yaml::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The value under the string key `key`, if this is a mapping with it.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Mapping(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// What kind of value this is, as a spec author would say it.
    pub fn describe(&self) -> &'static str {
        match self {
            Yaml::Null => "null",
            Yaml::Bool(_) => "a boolean",
            Yaml::Number(_) => "a number",
            Yaml::String(_) => "a string",
            Yaml::Sequence(_) => "a list",
            Yaml::Mapping(_) => "a mapping",
        }
    }
}

impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Yaml, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Yaml;

    // serde_yaml's words, which the loader's messages have always used
    // (`invalid type: integer `…` as u128, expected any YAML value`).
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Yaml, E> {
        Ok(Yaml::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Yaml, E> {
        Ok(Yaml::Number(n.into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Yaml, E> {
        Ok(Yaml::Number(f.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Yaml, E> {
        Ok(Yaml::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Yaml, E> {
        Ok(Yaml::String(s))
    }

    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_none<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Yaml, D::Error> {
        Yaml::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Yaml::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Yaml::Mapping(entries))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _data: A) -> Result<Yaml, A::Error> {
        Err(de::Error::custom(
            "YAML tags (`!name`) are not supported in spec files",
        ))
    }
}

/// As serde_yaml's value serialised: a fixed error-body member is turned
/// into JSON this way (`serde_json::to_value`).
impl Serialize for Yaml {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Yaml::Null => serializer.serialize_unit(),
            Yaml::Bool(b) => serializer.serialize_bool(*b),
            Yaml::Number(Number(N::PosInt(n))) => serializer.serialize_u64(*n),
            Yaml::Number(Number(N::NegInt(n))) => serializer.serialize_i64(*n),
            Yaml::Number(Number(N::Float(f))) => serializer.serialize_f64(*f),
            Yaml::String(s) => serializer.serialize_str(s),
            Yaml::Sequence(items) => items.serialize(serializer),
            Yaml::Mapping(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_yaml_writes_them() {
        let shown: Vec<String> = [
            Number::from(7u64),
            Number::from(-7i64),
            Number::from(1.5),
            Number::from(1.0),
            Number::from(1e16),
            Number::from(1e15),
            Number::from(0.00001),
            Number::from(1e-7),
            Number::from(f64::INFINITY),
            Number::from(f64::NEG_INFINITY),
            Number::from(f64::NAN),
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            shown,
            [
                "7",
                "-7",
                "1.5",
                "1.0",
                "1e16",
                "1000000000000000.0",
                "0.00001",
                "1e-7",
                ".inf",
                "-.inf",
                ".nan"
            ]
        );
    }

    #[test]
    fn numbers_print_as_serde_yaml_printed_them() {
        for f in [
            0.0, 1.0, -2.5, 0.1, 1e-4, 3e-5, 1.5e-5, 9.99e-6, 1e-7, 123456.789, 1e15, 1e16, 2.5e17,
            1e300,
        ] {
            let theirs = serde_yaml::Number::from(f).to_string();
            assert_eq!(Number::from(f).to_string(), theirs, "{f:e}");
        }
    }

    #[test]
    fn integers_convert_only_where_they_fit() {
        assert_eq!(Number::from(u64::MAX).as_i64(), None);
        assert_eq!(Number::from(u64::MAX).as_u64(), Some(u64::MAX));
        assert_eq!(Number::from(-1i64).as_u64(), None);
        assert_eq!(Number::from(-1i64).as_i64(), Some(-1));
        assert_eq!(Number::from(2.0).as_i64(), None);
    }

    #[test]
    fn get_reads_string_keys_of_a_mapping() {
        let map = Yaml::Mapping(vec![
            (Yaml::Number(1u64.into()), Yaml::Bool(true)),
            (Yaml::String("k".into()), Yaml::String("v".into())),
        ]);
        assert_eq!(map.get("k").and_then(Yaml::as_str), Some("v"));
        assert_eq!(map.get("1"), None);
        assert_eq!(Yaml::String("k".into()).get("k"), None);
    }

    #[test]
    fn writes_json_as_serde_yaml_did() {
        let text = "{a: [1, -2, 2.5, x, ~, true], 7: seven}";
        let ours: Yaml = serde_yaml::from_str(text).unwrap();
        let theirs: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&theirs).unwrap()
        );
        let bad: Yaml = serde_yaml::from_str("{[1]: x}").unwrap();
        assert!(serde_json::to_value(&bad).is_err());
    }

    #[test]
    fn reads_json_too() {
        let v: Yaml = serde_json::from_str(r#"{"a": [1, -2, 2.5, "x", null, true]}"#).unwrap();
        assert_eq!(
            v,
            Yaml::Mapping(vec![(
                Yaml::String("a".into()),
                Yaml::Sequence(vec![
                    Yaml::Number(1u64.into()),
                    Yaml::Number((-2i64).into()),
                    Yaml::Number(2.5.into()),
                    Yaml::String("x".into()),
                    Yaml::Null,
                    Yaml::Bool(true),
                ])
            )])
        );
    }
}
