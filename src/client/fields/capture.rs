//! Types a notification body and reads its signed fields in the same pass.
//!
//! A second read of the body just for Midtrans' four signed strings cost about
//! 8,000 of a notification's 70,000 instructions (BENCHMARKS.md, section 5);
//! this wrapper instead watches the typed decode go by. It wraps the deserializer only at the top
//! level: it notes which member name was just read and, for the four signed
//! members only, copies the string the target type reads (borrowed unless it
//! had escapes). Every other member is decoded by `T` untouched.
//!
//! What it records matches [`SignedFields::parse`] whenever the typed decode
//! succeeds: names are compared after unescaping, a repeated member keeps
//! its last value, a non-string value is absent, and a body that is not an
//! object records nothing. `T` reads each signed member whatever its own
//! fields are: one it does not declare is read as "ignored", which this
//! wrapper turns into a read it can watch.
//!
//! What to watch for is a type parameter ([`Hook`]), not a runtime value,
//! so no visited value pays for a `match` on what to do with it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use super::signed::{Member, SignedFields};

/// Decodes `T` from `raw_body`, filling `fields` with the signed members.
pub(crate) fn decode<'de, T: serde::Deserialize<'de>>(
    raw_body: &'de [u8],
    fields: &mut SignedFields<'de>,
) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(raw_body);
    let value = T::deserialize(Tap {
        inner: &mut de,
        hook: BodyHook(fields),
    })?;
    de.end()?;
    Ok(value)
}

/// What a [`Tap`] watches for, decided at compile time.
trait Hook<'de>: Sized {
    /// Whether to keep watching inside `Some`/newtypes and to read an
    /// ignored value as any value (only a signed member's value needs it).
    const WATCH_INSIDE: bool = false;

    /// A string went by, borrowed from the body.
    fn seen_borrowed(&mut self, _text: &'de str) {}

    /// A string went by, unescaped into a scratch buffer.
    fn seen(&mut self, _text: &str) {}

    /// A map went by.
    fn map<V: Visitor<'de>, A: MapAccess<'de>>(
        self,
        visitor: V,
        map: A,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(map)
    }
}

/// The body: its members are watched.
struct BodyHook<'c, 'de>(&'c mut SignedFields<'de>);

impl<'de> Hook<'de> for BodyHook<'_, 'de> {
    fn map<V: Visitor<'de>, A: MapAccess<'de>>(
        self,
        visitor: V,
        map: A,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(Members {
            inner: map,
            fields: self.0,
            pending: None,
        })
    }
}

/// A member name: which signed field, if any, it is.
struct NameHook<'c, 'n>(&'c mut Option<Member>, &'n [&'n str]);

impl<'de> Hook<'de> for NameHook<'_, '_> {
    fn seen_borrowed(&mut self, text: &'de str) {
        *self.0 = Some(SignedFields::member(self.1, text));
    }

    fn seen(&mut self, text: &str) {
        *self.0 = Some(SignedFields::member(self.1, text));
    }
}

/// A signed member's value: its text, if it is a string.
struct TextHook<'c, 'de>(&'c mut Option<Cow<'de, str>>);

impl<'de> Hook<'de> for TextHook<'_, 'de> {
    const WATCH_INSIDE: bool = true;

    fn seen_borrowed(&mut self, text: &'de str) {
        *self.0 = Some(Cow::Borrowed(text));
    }

    fn seen(&mut self, text: &str) {
        *self.0 = Some(Cow::Owned(text.to_owned()));
    }
}

/// A deserializer (and, wrapping the visitor, a visitor) that forwards
/// everything to `inner` and tells its [`Hook`] what went by.
struct Tap<I, H> {
    inner: I,
    hook: H,
}

/// Forwards a `deserialize_*` method, watching through the visitor.
macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Tap { inner: visitor, hook: self.hook })
        }
    )*};
}

impl<'de, D: Deserializer<'de>, H: Hook<'de>> Deserializer<'de> for Tap<D, H> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        if H::WATCH_INSIDE {
            // A signed member `T` does not declare: serde_json would skip it
            // without showing its text, so read it as any value instead.
            self.inner.deserialize_any(Tap {
                inner: visitor,
                hook: self.hook,
            })
        } else {
            self.inner.deserialize_ignored_any(visitor)
        }
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Forwards a `visit_*` method that carries a plain value.
macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: serde::de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.inner.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>, H: Hook<'de>> Visitor<'de> for Tap<V, H> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_borrowed_str<E: serde::de::Error>(mut self, text: &'de str) -> Result<V::Value, E> {
        self.hook.seen_borrowed(text);
        self.inner.visit_borrowed_str(text)
    }

    fn visit_str<E: serde::de::Error>(mut self, text: &str) -> Result<V::Value, E> {
        self.hook.seen(text);
        self.inner.visit_str(text)
    }

    fn visit_string<E: serde::de::Error>(mut self, text: String) -> Result<V::Value, E> {
        self.hook.seen(&text);
        self.inner.visit_string(text)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    // `Option<String>` and newtypes read their content through another
    // deserializer: keep watching a signed value through them.
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        if H::WATCH_INSIDE {
            self.inner.visit_some(Tap {
                inner: deserializer,
                hook: self.hook,
            })
        } else {
            self.inner.visit_some(deserializer)
        }
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        if H::WATCH_INSIDE {
            self.inner.visit_newtype_struct(Tap {
                inner: deserializer,
                hook: self.hook,
            })
        } else {
            self.inner.visit_newtype_struct(deserializer)
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.hook.map(self.inner, map)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(data)
    }
}

/// The body's members: names and signed values are watched.
struct Members<'c, 'de, A> {
    inner: A,
    fields: &'c mut SignedFields<'de>,
    /// The name just read, until its value is.
    pending: Option<Member>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Members<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.pending = None;
        let names = self.fields.names();
        self.inner.next_key_seed(Watch {
            seed,
            hook: NameHook(&mut self.pending, names),
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.pending.take() {
            Some(member) if member != Member::OTHER => self.next_signed_value(member, seed),
            _ => self.inner.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> Members<'_, 'de, A> {
    /// A signed member's value, watched. Kept out of line: `T`'s visitor
    /// instantiates this for every field type, and inlined it doubled the
    /// visitor's code (instruction-cache misses cost more than the call).
    #[inline(never)]
    fn next_signed_value<S: DeserializeSeed<'de>>(
        &mut self,
        member: Member,
        seed: S,
    ) -> Result<S::Value, A::Error> {
        let Some(slot) = self.fields.slot(member) else {
            return self.inner.next_value_seed(seed);
        };
        // A repeated member replaces the earlier value, even with a non-string.
        *slot = None;
        self.inner.next_value_seed(Watch {
            seed,
            hook: TextHook(slot),
        })
    }
}

/// A seed whose deserializer is watched.
struct Watch<S, H> {
    seed: S,
    hook: H,
}

impl<'de, S: DeserializeSeed<'de>, H: Hook<'de>> DeserializeSeed<'de> for Watch<S, H> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Tap {
            inner: deserializer,
            hook: self.hook,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Deserialize;

    use super::*;

    const NAMES: &[&str] = &["order_id", "status_code", "gross_amount", "signature_key"];

    /// Declares all four signed fields, one through `Option`, one as a
    /// `Decimal` (which reads a `String` inside).
    #[derive(Debug, Deserialize)]
    struct AllSigned {
        #[allow(dead_code)]
        order_id: Option<String>,
        #[allow(dead_code)]
        status_code: String,
        #[allow(dead_code)]
        gross_amount: Option<crate::money::Decimal>,
        #[allow(dead_code)]
        signature_key: Option<String>,
    }

    /// Declares none of them: all four are members it ignores.
    #[derive(Debug, Deserialize)]
    struct NoneSigned {
        #[allow(dead_code)]
        #[serde(default)]
        transaction_status: Option<String>,
    }

    const BODIES: [&str; 9] = [
        r#"{"order_id":"o-1","status_code":"200","gross_amount":"10000.00","signature_key":"abc"}"#,
        r#"{"va_numbers":[{"order_id":"nested"}],"order_id":"o-1","status_code":"201","transaction_status":"settlement"}"#,
        r#"{"order\u005fid":"o\"1","status_code":"200","gross_amount":"1.00"}"#,
        r#"{"status_code":"200","order_id":null}"#,
        r#"{"status_code":"200","gross_amount":"5.00","signature_key":"x","order_id":"o","extra":{"a":[1,2,{"b":"c"}]}}"#,
        // Repeated member: only a type that ignores it decodes.
        r#"{"status_code":"200","order_id":"first","order_id":"second"}"#,
        r#"{"status_code":"200","order_id":"first","order_id":7}"#,
        // Not an object.
        r#"["order_id","200"]"#,
        r#""status_code""#,
    ];

    fn agrees<T: DeserializeOwned>(body: &str) -> bool {
        let mut watched = SignedFields::new(NAMES);
        match decode::<T>(body.as_bytes(), &mut watched) {
            Ok(_) => {
                let read = SignedFields::parse(body.as_bytes(), NAMES).expect("json");
                assert_eq!(watched, read, "{body} as {}", std::any::type_name::<T>());
                true
            }
            Err(_) => false,
        }
    }

    #[test]
    fn watching_the_typed_decode_reads_what_the_borrowed_pass_reads() {
        let decoded = |agree: fn(&str) -> bool| BODIES.iter().filter(|b| agree(b)).count();
        // Each type decodes some of the bodies; every one it decodes agrees.
        assert_eq!(decoded(agrees::<serde_json::Value>), BODIES.len());
        assert_eq!(decoded(agrees::<NoneSigned>), 7);
        assert_eq!(decoded(agrees::<AllSigned>), 5);
    }

    #[test]
    fn signed_strings_are_borrowed_unless_escaped() {
        let body = BODIES[2].as_bytes();
        let mut watched = SignedFields::new(NAMES);
        decode::<AllSigned>(body, &mut watched).expect("decodes");
        assert_eq!(
            watched.pairs(),
            vec![
                ("order_id", Some("o\"1")),
                ("status_code", Some("200")),
                ("gross_amount", Some("1.00")),
                ("signature_key", None),
            ]
        );
    }

    #[test]
    fn trailing_bytes_fail_the_decode() {
        let mut watched = SignedFields::new(NAMES);
        assert!(decode::<serde_json::Value>(br#"{"status_code":"200"} x"#, &mut watched).is_err());
    }
}
