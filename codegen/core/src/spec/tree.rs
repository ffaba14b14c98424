//! A spec file's YAML as a tree, built from the same yaml-rust2 events as
//! its key index ([`crate::spec::spans`]), and a serde `Deserializer` over it.
//!
//! This is the loader's fast path: a good file is parsed once, by one YAML
//! parser, for both the key positions and the serde model. It reads the
//! plain YAML that spec files are written in and gives the same values
//! serde_yaml would: scalars are resolved by serde_yaml's rules (YAML 1.2
//! core schema, `0x`/`0o`/`0b` integers, a leading zero makes a string, any
//! scalar reads as a string where a string is expected). Anything else —
//! anchors and aliases, tags, a second document, deep nesting, a scalar
//! that is not plainly one value — makes the tree absent, and any value that
//! does not fit the model makes the deserializer fail; in both cases the
//! loader parses the file with serde_yaml as before, so every error and its
//! message come from there unchanged.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

/// Nesting the tree takes; deeper files go to serde_yaml, whose own limit
/// (128) then reports them.
const MAX_DEPTH: usize = 100;

/// One YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar's text; `plain` when unquoted and not a block scalar, the
    /// only kind serde_yaml resolves to null, booleans and numbers.
    Scalar {
        /// The scalar's value after unescaping and folding.
        value: String,
        /// Written without quotes, `|` or `>`.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Node, Node)>),
}

/// A collection being built.
enum Open {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// Builds the first document's tree from parser events.
#[derive(Default)]
pub(crate) struct TreeBuilder {
    stack: Vec<Open>,
    root: Option<Node>,
    /// Something outside what the tree reads was seen.
    unsupported: bool,
}

impl TreeBuilder {
    /// Takes one event.
    pub(crate) fn on_event(&mut self, event: &Event) {
        if self.unsupported {
            return;
        }
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                if *anchor != 0 || tag.is_some() {
                    return self.give_up();
                }
                let plain = matches!(style, TScalarStyle::Plain);
                self.push(Node::Scalar {
                    value: value.clone(),
                    plain,
                });
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if *anchor != 0 || tag.is_some() || self.stack.len() >= MAX_DEPTH {
                    return self.give_up();
                }
                if self.root.is_some() {
                    // A second document.
                    return self.give_up();
                }
                self.stack.push(match event {
                    Event::SequenceStart(..) => Open::Seq(Vec::new()),
                    _ => Open::Map(Vec::new(), None),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Open::Seq(items)) => self.push(Node::Seq(items)),
                Some(Open::Map(entries, None)) => self.push(Node::Map(entries)),
                Some(Open::Map(_, Some(_))) | None => self.give_up(),
            },
            Event::Alias(_) => self.give_up(),
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }

    pub(crate) fn give_up(&mut self) {
        self.unsupported = true;
        self.stack.clear();
    }

    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None if self.root.is_none() => self.root = Some(node),
            None => self.give_up(),
            Some(Open::Seq(items)) => items.push(node),
            Some(Open::Map(entries, pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }

    /// The first document's root, unless anything was unsupported or left open.
    pub(crate) fn finish(self) -> Option<Node> {
        if self.unsupported || !self.stack.is_empty() {
            return None;
        }
        self.root
    }
}

/// Why the tree does not deserialise into the model; only ever a signal to
/// read the file with serde_yaml instead, never shown to anyone.
#[derive(Debug)]
pub struct Mismatch(String);

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Mismatch {}

impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Mismatch(msg.to_string())
    }
}

fn mismatch<T>(what: &str) -> Result<T, Mismatch> {
    Err(Mismatch(what.to_owned()))
}

// Scalar resolution, as serde_yaml 0.9 does it (`de.rs`).

fn is_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Leading zeros before digits make a string in YAML 1.2.
fn digits_but_not_number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
}

fn radix_body(v: &str) -> Option<(&str, u32)> {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            return Some((rest, radix));
        }
    }
    None
}

fn parse_u64(v: &str) -> Option<u64> {
    let unpositive = v.strip_prefix('+').unwrap_or(v);
    if let Some((rest, radix)) = radix_body(unpositive) {
        if let Ok(int) = u64::from_str_radix(rest, radix) {
            return Some(int);
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    unpositive.parse().ok()
}

/// `-0x1f`, `-0o17`, `-0b101`.
fn negative_radix(v: &str) -> Option<i64> {
    let (digits, radix) = radix_body(v.strip_prefix('-')?)?;
    i64::from_str_radix(&format!("-{digits}"), radix).ok()
}

fn parse_negative_i64(v: &str) -> Option<i64> {
    if let Some(int) = negative_radix(v) {
        return Some(int);
    }
    if digits_but_not_number(v) {
        return None;
    }
    v.parse().ok()
}

fn parse_i64(v: &str) -> Option<i64> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if let Some((rest, radix)) = radix_body(unpositive) {
        if let Ok(int) = i64::from_str_radix(rest, radix) {
            return Some(int);
        }
    }
    if let Some(int) = negative_radix(v) {
        return Some(int);
    }
    if digits_but_not_number(v) {
        return None;
    }
    unpositive.parse().ok()
}

fn parse_f64(v: &str) -> Option<f64> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if matches!(unpositive, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(v, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(v, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Whether a plain scalar is an integer too large for 64 bits (serde_yaml
/// visits it as a 128-bit one; the tree leaves that to serde_yaml).
fn is_wide_int(v: &str) -> bool {
    let unsigned = v.strip_prefix('+').unwrap_or(v);
    let digits = unsigned.strip_prefix('-').unwrap_or(unsigned);
    !digits.is_empty()
        && (digits.bytes().all(|b| b.is_ascii_digit()) || radix_body(digits).is_some())
}

impl<'de> de::Deserializer<'de> for &'de Node {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            Node::Scalar { value, plain: true } => {
                let v = value.as_str();
                if v.is_empty() || is_null(v) {
                    return visitor.visit_unit();
                }
                if let Some(b) = parse_bool(v) {
                    return visitor.visit_bool(b);
                }
                if let Some(int) = parse_u64(v) {
                    return visitor.visit_u64(int);
                }
                if let Some(int) = parse_negative_i64(v) {
                    return visitor.visit_i64(int);
                }
                if is_wide_int(v) && !digits_but_not_number(v) {
                    return mismatch("integer wider than 64 bits");
                }
                if !digits_but_not_number(v) {
                    if let Some(float) = parse_f64(v) {
                        return visitor.visit_f64(float);
                    }
                }
                visitor.visit_str(v)
            }
            Node::Scalar {
                value,
                plain: false,
            } => visitor.visit_str(value),
            Node::Seq(items) => visit_seq(items, visitor),
            Node::Map(entries) => visit_map(entries, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.plain().and_then(parse_bool) {
            Some(b) => visitor.visit_bool(b),
            None => mismatch("not a boolean"),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.plain().and_then(parse_i64) {
            Some(int) => visitor.visit_i64(int),
            None => mismatch("not an integer"),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.plain().and_then(parse_u64) {
            Some(int) => visitor.visit_u64(int),
            None => mismatch("not an unsigned integer"),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.plain().and_then(parse_f64) {
            Some(float) => visitor.visit_f64(float),
            None => mismatch("not a number"),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            Node::Scalar { value, .. } => visitor.visit_str(value),
            _ => mismatch("not a string"),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Mismatch> {
        mismatch("bytes")
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Mismatch> {
        mismatch("bytes")
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if self.is_null() {
            visitor.visit_unit()
        } else {
            mismatch("not null")
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            Node::Seq(items) => visit_seq(items, visitor),
            _ if self.is_empty_plain() => visit_seq(&[], visitor),
            _ => mismatch("not a sequence"),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            Node::Map(entries) => visit_map(entries, visitor),
            _ if self.is_empty_plain() => visit_map(&[], visitor),
            _ => mismatch("not a mapping"),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        // Untagged YAML names only unit variants (serde_yaml wants a `!tag`
        // for the others, which the tree does not read).
        match self {
            Node::Scalar { .. } => visitor.visit_enum(UnitVariant(self)),
            _ => mismatch("an enum that is not a unit variant"),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }
}

impl Node {
    /// A plain scalar's text.
    fn plain(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, plain: true } => Some(value),
            _ => None,
        }
    }

    fn is_empty_plain(&self) -> bool {
        self.plain().is_some_and(str::is_empty)
    }

    /// Null as serde_yaml reads an optional value.
    fn is_null(&self) -> bool {
        self.plain().is_some_and(|v| v.is_empty() || is_null(v))
    }
}

fn visit_seq<'de, V: Visitor<'de>>(items: &'de [Node], visitor: V) -> Result<V::Value, Mismatch> {
    let mut access = de::value::SeqDeserializer::new(items.iter());
    let value = visitor.visit_seq(&mut access)?;
    access.end()?;
    Ok(value)
}

fn visit_map<'de, V: Visitor<'de>>(
    entries: &'de [(Node, Node)],
    visitor: V,
) -> Result<V::Value, Mismatch> {
    let mut access = de::value::MapDeserializer::new(entries.iter().map(|(k, v)| (k, v)));
    let value = visitor.visit_map(&mut access)?;
    access.end()?;
    Ok(value)
}

impl<'de> IntoDeserializer<'de, Mismatch> for &'de Node {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A scalar naming a unit variant.
struct UnitVariant<'de>(&'de Node);

impl<'de> de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = Mismatch;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Mismatch> {
        Ok((seed.deserialize(self.0)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'de> {
    type Error = Mismatch;

    fn unit_variant(self) -> Result<(), Mismatch> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _seed: S) -> Result<S::Value, Mismatch> {
        mismatch("newtype variant")
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Mismatch> {
        mismatch("tuple variant")
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Mismatch> {
        mismatch("struct variant")
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde::de::DeserializeOwned;

    use super::Node;
    use crate::spec::model::{EndpointFile, ProviderFile};
    use crate::spec::spans::Spans;

    fn tree(text: &str) -> Option<Node> {
        Spans::index_with_tree(text).1
    }

    /// The tree's value, or `None` where the loader would ask serde_yaml.
    fn via_tree<T: DeserializeOwned>(text: &str) -> Option<T> {
        tree(text).and_then(|t| T::deserialize(&t).ok())
    }

    #[test]
    fn scalars_resolve_as_serde_yaml_resolves_them() {
        let text = "\
a: [~, null, Null, NULL, '', true, False, TRUE, yes, no, on]
b: [0, 7, +7, -7, 007, -007, 0x1f, 0o17, 0b101, -0x1f, +0x1f, 0x-1, 08]
c: [1.5, -1.5, 1e3, .inf, -.Inf, +.INF, 1_000, 0.1e-2, '12', \"3\", 1.0]
d: [18446744073709551615, -9223372036854775808, 12:30, 2026-12-05, 'a: b']
e: { k: , 200: ok, true: t, 1.5: f }
f: |
  literal
  block
g: >
  folded
  block
h: plain
  over lines
i: \"esc\\t\\u00e9\"
";
        let expected: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let got: serde_yaml::Value = via_tree(text).expect("the tree reads plain YAML");
        assert_eq!(got, expected);
    }

    #[test]
    fn typed_reads_agree_with_serde_yaml_where_the_tree_reads_them() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct T {
            s: String,
            n: Option<u16>,
            o: Option<String>,
            f: f64,
            b: bool,
            l: Vec<String>,
            e: Kind,
        }
        #[derive(Debug, PartialEq, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            One,
        }
        let text = "s: 200\nn: 0x10\no: ~\nf: 3\nb: True\nl: [1, a, '2', null]\ne: one\n";
        let expected: T = serde_yaml::from_str(text).unwrap();
        assert_eq!(via_tree::<T>(text), Some(expected));
        // Where serde_yaml refuses, the tree refuses too (and the loader
        // then reports serde_yaml's error).
        for bad in [
            "s: a\nn: 70000\no: x\nf: 1\nb: true\nl: []\ne: one\n",
            "s: a\nn: 1\no: x\nf: 1\nb: yes\nl: []\ne: one\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: two\n",
            "s: [a]\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: one\n",
            "s: a\nn: '1'\no: x\nf: 1\nb: true\nl: []\ne: one\n",
        ] {
            assert!(serde_yaml::from_str::<T>(bad).is_err(), "{bad}");
            assert_eq!(via_tree::<T>(bad), None, "{bad}");
        }
    }

    #[test]
    fn what_the_tree_does_not_read_is_left_to_serde_yaml() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "a: 99999999999999999999999\n",
            &format!("a: {}{}\n", "[".repeat(150), "]".repeat(150)),
        ] {
            assert_eq!(via_tree::<serde_yaml::Value>(text), None, "{text}");
        }
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }

    /// Every spec file in the repository, good and bad: where the tree gives
    /// a model it is serde_yaml's model, and every file of the real specs and
    /// good fixtures takes the one-parse path.
    #[test]
    fn every_spec_file_reads_the_same_both_ways() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in ["spec", "codegen/tests/fixtures"] {
            yaml_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 50, "found only {} spec files", files.len());
        let mut fast = 0;
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let name = file.display().to_string();
            let provider = file.file_name().is_some_and(|n| n == "provider.yaml");
            let (tree_typed, serde_typed) = if provider {
                (
                    via_tree::<ProviderFile>(&text).map(|m| format!("{m:?}")),
                    serde_yaml::from_str::<ProviderFile>(&text).map(|m| format!("{m:?}")),
                )
            } else {
                (
                    via_tree::<EndpointFile>(&text).map(|m| format!("{m:?}")),
                    serde_yaml::from_str::<EndpointFile>(&text).map(|m| format!("{m:?}")),
                )
            };
            if let Some(tree_typed) = tree_typed {
                fast += 1;
                assert_eq!(Some(&tree_typed), serde_typed.as_ref().ok(), "{name}");
            }
            if let (Some(t), Ok(v)) = (
                via_tree::<serde_yaml::Value>(&text),
                serde_yaml::from_str::<serde_yaml::Value>(&text),
            ) {
                assert_eq!(t, v, "{name}");
            }
        }
        assert!(
            fast * 2 > files.len(),
            "{fast} of {} files took the one-parse path",
            files.len()
        );
    }

    #[test]
    fn every_real_spec_file_takes_the_one_parse_path() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        let mut files = Vec::new();
        yaml_files(&root, &mut files);
        assert!(files.len() >= 10);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let read = if file.ends_with("provider.yaml") {
                via_tree::<ProviderFile>(&text).is_some()
            } else {
                via_tree::<EndpointFile>(&text).is_some()
            };
            assert!(read, "{} went to serde_yaml", file.display());
        }
    }
}
