//! A borrowed read of the four fields a Midtrans notification's
//! `signature_key` covers, straight from the raw body.
//!
//! The signature is checked before the body is typed, and building a
//! `serde_json::Value` just to read four strings costs as much as typing the
//! whole body. This pass allocates nothing unless a field contains a JSON
//! escape, and skips every other member without building it.
//!
//! It reads the body exactly as a `Value` would: keys are compared after
//! unescaping, a repeated key keeps its last value, a signed field that is
//! not a JSON string counts as absent, and a body that is JSON but not an
//! object has no signed fields at all.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use payspec_signing::midtrans::NotificationFields;

/// The signed fields, as received (`None` when absent or not a string).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct SignedFields<'a> {
    order_id: Option<Cow<'a, str>>,
    status_code: Option<Cow<'a, str>>,
    gross_amount: Option<Cow<'a, str>>,
    signature_key: Option<Cow<'a, str>>,
}

impl<'a> SignedFields<'a> {
    /// Reads the signed fields of `raw_body`; an error only when the body is
    /// not JSON.
    pub(super) fn parse(raw_body: &'a [u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(raw_body)
    }

    /// Where a signed member's value goes; `None` for any other member.
    pub(super) fn slot(&mut self, key: Member) -> Option<&mut Option<Cow<'a, str>>> {
        match key {
            Member::OrderId => Some(&mut self.order_id),
            Member::StatusCode => Some(&mut self.status_code),
            Member::GrossAmount => Some(&mut self.gross_amount),
            Member::SignatureKey => Some(&mut self.signature_key),
            Member::Other => None,
        }
    }

    /// The view the signing crate checks.
    pub(super) fn as_fields(&self) -> NotificationFields<'_> {
        NotificationFields {
            order_id: self.order_id.as_deref(),
            status_code: self.status_code.as_deref(),
            gross_amount: self.gross_amount.as_deref(),
            signature_key: self.signature_key.as_deref(),
        }
    }
}

impl<'de> Deserialize<'de> for SignedFields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BodyVisitor)
    }
}

/// Accepts any JSON document; only an object's signed members are kept.
struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = SignedFields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = SignedFields::default();
        while let Some(key) = map.next_key::<Member>()? {
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
        Ok(SignedFields::default())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(SignedFields::default())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(SignedFields::default())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(SignedFields::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(SignedFields::default())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(SignedFields::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(SignedFields::default())
    }
}

/// A member name: one of the signed fields, or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Member {
    OrderId,
    StatusCode,
    GrossAmount,
    SignatureKey,
    Other,
}

impl Member {
    /// The member `name` (unescaped) is.
    pub(super) fn of(name: &str) -> Member {
        match name {
            "order_id" => Member::OrderId,
            "status_code" => Member::StatusCode,
            "gross_amount" => Member::GrossAmount,
            "signature_key" => Member::SignatureKey,
            _ => Member::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    // serde_json hands over the unescaped name, borrowed or not.
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Member, E> {
        Ok(Member::of(name))
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

    fn fields(body: &str) -> SignedFields<'_> {
        SignedFields::parse(body.as_bytes()).expect("json")
    }

    fn text(s: &str) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(s))
    }

    /// The reference: what reading the same body through a `Value` gives.
    fn via_value(body: &str) -> [Option<String>; 4] {
        let value: serde_json::Value = serde_json::from_str(body).expect("json");
        ["order_id", "status_code", "gross_amount", "signature_key"]
            .map(|name| value.get(name).and_then(|v| v.as_str()).map(str::to_owned))
    }

    fn as_owned(f: &SignedFields<'_>) -> [Option<String>; 4] {
        [
            &f.order_id,
            &f.status_code,
            &f.gross_amount,
            &f.signature_key,
        ]
        .map(|v| v.as_deref().map(str::to_owned))
    }

    #[test]
    fn reads_the_four_fields_borrowed_and_skips_the_rest() {
        let body = r#"{"order_id":"o-1","va_numbers":[{"bank":"bca"}],"status_code":"200",
            "gross_amount":"10000.00","signature_key":"abc","fraud_status":"accept"}"#;
        let f = fields(body);
        assert_eq!(
            f,
            SignedFields {
                order_id: text("o-1"),
                status_code: text("200"),
                gross_amount: text("10000.00"),
                signature_key: text("abc"),
            }
        );
        assert!(matches!(f.order_id, Some(Cow::Borrowed(_))));
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
            assert!(SignedFields::parse(body.as_bytes()).is_err(), "{body:?}");
        }
    }
}
