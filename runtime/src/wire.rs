//! Wire helpers the generated code calls: enum fallbacks, lenient
//! deserialisation for fields whose docs and samples disagree on the JSON type,
//! and the shared object decoder behind every generated struct's
//! `Deserialize` ([`WireStruct`]).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
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
/// Every generated enum's `Deserialize` impl calls this: reading into a
/// `String` first would allocate for every value, known or not. Errors read
/// as a `String`'s would ("expected a string").
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

/// What a JSON value is, for messages (never the value itself: it may be
/// card data).
pub fn kind(value: &Value) -> &'static str {
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

/// A generated struct decoded from a JSON object by the shared
/// [`deserialize_struct`] visitor, so each struct's `Deserialize` impl is a
/// single call and the struct itself only says which key goes where.
///
/// This replaces `#[derive(serde::Deserialize)]`, which expands to a field
/// enum with its own visitor plus a sequence visitor per struct: most of the
/// compile time of the generated crate.
pub trait WireStruct: Sized {
    /// What the input should have been, for type errors (`struct Name`,
    /// the text serde's derive uses).
    const EXPECTING: &'static str;

    /// Reads the struct's fields from the object's entries.
    fn from_map<'de, A: MapAccess<'de>>(map: StructMap<'de, A>) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` for a [`WireStruct`]: accepts a JSON object
/// only.
///
/// Unlike serde's derive, an array of the field values in declaration order
/// is rejected (`invalid type: sequence, expected struct Name`): no provider
/// sends one, and accepting it would make field order part of the contract.
pub fn deserialize_struct<'de, D: Deserializer<'de>, T: WireStruct>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct StructVisitor<T>(PhantomData<T>);

    impl<'de, T: WireStruct> Visitor<'de> for StructVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_map(StructMap {
                map,
                marker: PhantomData,
            })
        }
    }

    deserializer.deserialize_map(StructVisitor(PhantomData))
}

/// An object key: borrowed from the input when it has no escapes, owned
/// when it had to be unescaped (`"amo\u0075nt"` is the key `amount`).
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("field identifier")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// The entries of the object a [`WireStruct`] is read from, with the steps
/// every generated `from_map` takes: next key, value into its slot (once),
/// skip an unknown key, and the final required/optional checks. The error
/// texts are serde's (`duplicate field `amount``, `missing field `amount``).
pub struct StructMap<'de, A> {
    map: A,
    marker: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> StructMap<'de, A> {
    /// The next key, or `None` at the end of the object.
    pub fn next_key(&mut self) -> Result<Option<Key<'de>>, A::Error> {
        self.map.next_key()
    }

    /// Reads the value of the current key into `slot`; `name` is the wire
    /// name reported when the key appears twice.
    pub fn value<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        Self::unset(slot, name)?;
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// [`value`](Self::value) for a mandatory field that also accepts other
    /// JSON types ([`Lenient`]).
    pub fn lenient<T: Lenient>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        Self::unset(slot, name)?;
        let value: Value = self.map.next_value()?;
        *slot = Some(T::from_lenient(value).map_err(de::Error::custom)?);
        Ok(())
    }

    /// [`value`](Self::value) for an optional field that also accepts other
    /// JSON types ([`Lenient`]); `null` is `None`.
    pub fn lenient_opt<T: Lenient>(
        &mut self,
        slot: &mut Option<Option<T>>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        Self::unset(slot, name)?;
        *slot = Some(match self.map.next_value::<Value>()? {
            Value::Null => None,
            value => Some(T::from_lenient(value).map_err(de::Error::custom)?),
        });
        Ok(())
    }

    /// serde's `duplicate field` error when `slot` was already filled: a key
    /// that appears twice in one object.
    fn unset<T>(slot: &Option<T>, name: &'static str) -> Result<(), A::Error> {
        match slot {
            Some(_) => Err(de::Error::duplicate_field(name)),
            None => Ok(()),
        }
    }

    /// Skips the value of a key the struct does not know: providers add
    /// fields without notice, so unknown keys are ignored, not errors.
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>()?;
        Ok(())
    }

    /// The value of a mandatory field, or serde's `missing field` error.
    pub fn required<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
        slot.ok_or_else(|| de::Error::missing_field(name))
    }
}

/// The value of an optional field: absent and `null` are both `None`.
pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// Writes a generated struct as a JSON object: what every generated
/// struct's `Serialize` impl calls, one line per field, in the struct's field
/// order.
///
/// Written out instead of `#[derive(serde::Serialize)]`, whose expansion
/// (length arithmetic, a `skip_field` branch per optional field, a wrapper
/// module) was the largest part of the generated crate after macro
/// expansion; this keeps the per-struct code to one call per field.
/// The bytes serde_json writes are the derive's.
pub struct ObjectWriter<M> {
    map: M,
}

/// Starts the object for `serializer`; then [`ObjectWriter::field`] and
/// [`ObjectWriter::optional`] per field, and [`ObjectWriter::end`].
pub fn object_writer<S: Serializer>(
    serializer: S,
) -> Result<ObjectWriter<S::SerializeMap>, S::Error> {
    Ok(ObjectWriter {
        map: serializer.serialize_map(None)?,
    })
}

impl<M: SerializeMap> ObjectWriter<M> {
    /// Writes a field that is always sent.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.map.serialize_entry(name, value)
    }

    /// Writes an optional field when it is set; an unset one is left out,
    /// never sent as `null`.
    pub fn optional<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.map.serialize_entry(name, value),
            None => Ok(()),
        }
    }

    /// Closes the object.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
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

    /// A struct decoded the way generated structs are: one mandatory, one
    /// optional, one lenient field with an alias.
    #[derive(Debug, PartialEq)]
    struct Sample {
        amount: Idr,
        note: Option<String>,
        id: String,
    }

    impl WireStruct for Sample {
        const EXPECTING: &'static str = "struct Sample";

        fn from_map<'de, A: MapAccess<'de>>(mut map: StructMap<'de, A>) -> Result<Self, A::Error> {
            let mut amount = None;
            let mut note = None;
            let mut id = None;
            while let Some(key) = map.next_key()? {
                match key.as_str() {
                    "amount" => map.value(&mut amount, "amount")?,
                    "note" => map.value(&mut note, "note")?,
                    "id" | "ID" => map.lenient(&mut id, "id")?,
                    _ => map.skip()?,
                }
            }
            Ok(Self {
                amount: map.required(amount, "amount")?,
                note: optional(note),
                id: map.required(id, "id")?,
            })
        }
    }

    impl<'de> Deserialize<'de> for Sample {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_struct(deserializer)
        }
    }

    fn decode(json: &str) -> Result<Sample, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn struct_decoding_matches_serde_derive_for_objects() {
        let expected = Sample {
            amount: Idr(100),
            note: None,
            id: "7".to_owned(),
        };
        // Unknown keys ignored, optional absent or null is None, alias and
        // lenient number accepted.
        assert_eq!(
            decode(r#"{"amount":100,"extra":{"a":[1]},"ID":7}"#).unwrap(),
            expected
        );
        assert_eq!(
            decode(r#"{"amount":100,"note":null,"id":"7"}"#).unwrap(),
            expected
        );
        // An escaped key is unescaped before matching.
        assert_eq!(
            decode(r#"{"amo\u0075nt":100,"note":"n","id":"7"}"#)
                .unwrap()
                .note
                .as_deref(),
            Some("n")
        );
        // The same key through a `serde_json::Value` (owned keys).
        let value = serde_json::json!({"amount": 100, "id": 7});
        assert_eq!(Sample::deserialize(value).unwrap(), expected);
    }

    #[test]
    fn struct_decoding_errors_use_serde_texts() {
        assert_eq!(
            decode(r#"{"id":"7"}"#).unwrap_err(),
            "missing field `amount` at line 1 column 10"
        );
        assert_eq!(
            decode(r#"{"amount":1,"id":"7","ID":"8"}"#).unwrap_err(),
            "duplicate field `id` at line 1 column 25"
        );
        assert_eq!(
            decode(r#"{"amount":1,"amount":2,"id":"7"}"#).unwrap_err(),
            "duplicate field `amount` at line 1 column 20"
        );
        assert_eq!(
            decode(r#"{"amount":1,"id":true}"#).unwrap_err(),
            "expected a string or an integer, found a boolean at line 1 column 22"
        );
        assert_eq!(
            decode("null").unwrap_err(),
            "invalid type: null, expected struct Sample at line 1 column 4"
        );
    }

    #[test]
    fn a_struct_sent_as_an_array_is_refused() {
        // serde's derive would accept `[100, null, "7"]` (fields in
        // declaration order); the shared decoder accepts objects only.
        assert_eq!(
            decode(r#"[100, null, "7"]"#).unwrap_err(),
            "invalid type: sequence, expected struct Sample at line 1 column 0"
        );
    }

    /// The shape a generated struct's `Serialize` impl writes, beside the
    /// derive it replaced, on the same values.
    struct Written {
        amount: Idr,
        note: Option<String>,
        tags: Option<Vec<String>>,
    }

    impl Serialize for Written {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = object_writer(serializer)?;
            object.field("amount", &self.amount)?;
            object.optional("note", &self.note)?;
            object.optional("tags", &self.tags)?;
            object.end()
        }
    }

    #[derive(serde::Serialize)]
    struct Derived {
        amount: Idr,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tags: Option<Vec<String>>,
    }

    #[test]
    fn written_objects_are_the_derives_bytes() {
        let cases = [
            (None, None),
            (Some("a \"quoted\" note"), None),
            (None, Some(vec![])),
            (Some(""), Some(vec!["x".to_owned(), "y".to_owned()])),
        ];
        for (note, tags) in cases {
            let written = Written {
                amount: Idr(90_000),
                note: note.map(str::to_owned),
                tags: tags.clone(),
            };
            let derived = Derived {
                amount: Idr(90_000),
                note: note.map(str::to_owned),
                tags,
            };
            let bytes = serde_json::to_string(&written).unwrap();
            assert_eq!(bytes, serde_json::to_string(&derived).unwrap());
            assert_eq!(
                serde_json::to_value(&written).unwrap(),
                serde_json::to_value(&derived).unwrap()
            );
        }
        let unset = Written {
            amount: Idr(1),
            note: None,
            tags: None,
        };
        assert_eq!(serde_json::to_string(&unset).unwrap(), r#"{"amount":1}"#);
    }
}
