//! A borrowed read of the top-level string members a notification's
//! signature covers, straight from the raw body.
//!
//! The signature is checked before the body is typed, and building a
//! `serde_json::Value` just to read a few strings costs as much as typing the
//! whole body. This pass allocates nothing unless a field contains a JSON
//! escape, and skips every other member without building it.
//!
//! It reads the body exactly as a `Value` would: keys are compared after
//! unescaping, a repeated key keeps its last value, a signed field that is
//! not a JSON string counts as absent, and a body that is JSON but not an
//! object has no signed fields at all.

use std::borrow::Cow;
use std::fmt;

use payspec_signing::recipe::BodyFields;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::{Few, INLINE_MEMBERS};

/// The watched members, by name, as received (`None` when absent or not a
/// string).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SignedFields<'a> {
    names: &'a [&'a str],
    values: Few<Option<Cow<'a, str>>, INLINE_MEMBERS>,
}

impl<'a> SignedFields<'a> {
    /// Nothing read yet of the members `names`.
    pub(crate) fn new(names: &'a [&'a str]) -> Self {
        SignedFields {
            names,
            values: Few::defaults(names.len()),
        }
    }

    /// Reads the members `names` of `raw_body`; an error only when the body
    /// is not JSON.
    pub(crate) fn parse(
        raw_body: &'a [u8],
        names: &'a [&'a str],
    ) -> Result<Self, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_slice(raw_body);
        let fields = BodySeed(names).deserialize(&mut de)?;
        de.end()?;
        Ok(fields)
    }

    /// Which watched member `name` (unescaped) is.
    pub(crate) fn member(names: &[&str], name: &str) -> Member {
        Member(names.iter().position(|n| *n == name))
    }

    /// The names watched.
    pub(crate) fn names(&self) -> &'a [&'a str] {
        self.names
    }

    /// Where a watched member's value goes; `None` for any other member.
    pub(crate) fn slot(&mut self, key: Member) -> Option<&mut Option<Cow<'a, str>>> {
        self.values.as_mut_slice().get_mut(key.0?)
    }

    /// `(name, value)` pairs.
    #[cfg(test)]
    pub(crate) fn pairs(&self) -> Vec<(&str, Option<&str>)> {
        self.names
            .iter()
            .zip(self.values.as_slice())
            .map(|(n, v)| (*n, v.as_deref()))
            .collect()
    }
}

/// What the recipe executor reads: a watched member by name.
impl BodyFields for SignedFields<'_> {
    fn field(&self, name: &str) -> Option<&str> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.values.as_slice()[i].as_deref()
    }
}

/// Deserializes the body with the watched names.
struct BodySeed<'a>(&'a [&'a str]);

impl<'de> DeserializeSeed<'de> for BodySeed<'de> {
    type Value = SignedFields<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(BodyVisitor(self.0))
    }
}

/// Accepts any JSON document; only an object's signed members are kept.
struct BodyVisitor<'de>(&'de [&'de str]);

impl<'de> Visitor<'de> for BodyVisitor<'de> {
    type Value = SignedFields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = SignedFields::new(self.0);
        while let Some(key) = map.next_key_seed(KeySeed(self.0))? {
            match fields.slot(key) {
                Some(slot) => *slot = map.next_value::<Text<'de>>()?.0,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(SignedFields::new(self.0))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(SignedFields::new(self.0))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(SignedFields::new(self.0))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(SignedFields::new(self.0))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(SignedFields::new(self.0))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(SignedFields::new(self.0))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(SignedFields::new(self.0))
    }
}

/// A member name: the index of a watched name, or `None` for any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Member(Option<usize>);

impl Member {
    /// A member that is not watched.
    pub(crate) const OTHER: Member = Member(None);
}

struct KeySeed<'n>(&'n [&'n str]);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Member;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor(self.0))
    }
}

struct KeyVisitor<'n>(&'n [&'n str]);

impl Visitor<'_> for KeyVisitor<'_> {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    // serde_json hands over the unescaped name, borrowed or not.
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Member, E> {
        Ok(SignedFields::member(self.0, name))
    }
}

/// A signed field's value: its text if it is a JSON string, else `None`.
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Borrowed(text))))
    }

    // A string with escapes is unescaped into a scratch buffer: own it.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Owned(text.to_owned()))))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Owned(text))))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text(None))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Text(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Text(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Text(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Text(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Text(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["order_id", "status_code", "gross_amount", "signature_key"];

    fn fields(body: &str) -> SignedFields<'_> {
        SignedFields::parse(body.as_bytes(), NAMES).expect("json")
    }

    /// The reference: what reading the same body through a `Value` gives.
    fn via_value(body: &str) -> Vec<Option<String>> {
        let value: serde_json::Value = serde_json::from_str(body).expect("json");
        NAMES
            .iter()
            .map(|name| value.get(name).and_then(|v| v.as_str()).map(str::to_owned))
            .collect()
    }

    fn as_owned(f: &SignedFields<'_>) -> Vec<Option<String>> {
        f.pairs()
            .into_iter()
            .map(|(_, v)| v.map(str::to_owned))
            .collect()
    }

    #[test]
    fn reads_the_named_fields_borrowed_and_skips_the_rest() {
        let body = r#"{"order_id":"o-1","va_numbers":[{"bank":"bca"}],"status_code":"200",
            "gross_amount":"10000.00","signature_key":"abc","fraud_status":"accept"}"#;
        let f = fields(body);
        assert_eq!(
            f.pairs(),
            vec![
                ("order_id", Some("o-1")),
                ("status_code", Some("200")),
                ("gross_amount", Some("10000.00")),
                ("signature_key", Some("abc")),
            ]
        );
        assert!(matches!(f.values.as_slice()[0], Some(Cow::Borrowed(_))));
    }

    #[test]
    fn agrees_with_a_value_on_awkward_bodies() {
        for body in [
            // Escaped value and escaped key.
            r#"{"order_id":"o\"1","status\u005fcode":"200"}"#,
            // Repeated key: the last one wins, as in a Value.
            r#"{"order_id":"first","order_id":"second"}"#,
            // Non-string signed fields count as absent.
            r#"{"order_id":1,"status_code":null,"gross_amount":{"a":"b"},"signature_key":["x"]}"#,
            // JSON, but not an object.
            r#"["order_id","200"]"#,
            r#""order_id""#,
            "12",
            "null",
            "true",
        ] {
            assert_eq!(as_owned(&fields(body)), via_value(body), "{body}");
        }
    }

    #[test]
    fn not_json_is_an_error() {
        for body in ["", "{", "order_id=1", r#"{"order_id":"o"} trailing"#] {
            assert!(
                SignedFields::parse(body.as_bytes(), NAMES).is_err(),
                "{body:?}"
            );
        }
    }
}
