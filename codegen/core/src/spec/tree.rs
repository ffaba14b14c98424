//! A spec file's YAML as a tree of located nodes, built from the same
//! yaml-rust2 events as its key index ([`crate::spec::spans`]), and a serde
//! `Deserializer` over it that locates every error.
//!
//! A file is parsed once, by one YAML parser, for both the key positions and
//! the serde model. Scalars resolve by the rules serde_yaml 0.9 applied, so
//! spec files read as they always have: YAML 1.2 core schema, `0x`/`0o`/`0b`
//! integers, a leading zero makes a string, any scalar reads as a string
//! where a string is expected, and only an unquoted scalar is ever null, a
//! boolean or a number. What spec files do not need is refused with a
//! located error instead of being read: anchors and aliases (no alias can
//! multiply a file's size), tags, a second document, and nesting deeper
//! than 128 collections. A deserialisation error is located at the node
//! being read (an unknown key at the key, a wrong type at the value, a
//! missing key at its mapping) and carries the node's dotted path, with
//! serde's own words (`unknown field`, `missing field`, `invalid type`).

use std::fmt;
use std::num::ParseIntError;

use serde::de::{self, Deserialize, DeserializeSeed, Expected, Unexpected, Visitor};
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use crate::spec::spans::Pos;

/// Collections nested deeper than this are an error (serde_yaml's limit).
const MAX_DEPTH: usize = 128;

/// The message of a file nested deeper than 128 collections (the limit serde_yaml had).
pub const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// The message of an anchor or alias.
pub const ANCHORS: &str =
    "YAML anchors and aliases (`&name`, `*name`) are not supported in spec files";

/// The message of a tagged node.
pub const TAGS: &str = "YAML tags (`!name`) are not supported in spec files";

/// The message of a second `---` document.
pub const SECOND_DOCUMENT: &str = "a spec file is one YAML document; a second one starts here";

/// One YAML node and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node starts: a scalar's first character, a flow
    /// collection's bracket, a block mapping's first key, a block
    /// sequence's first `-`.
    pub pos: Pos,
    /// What the node is.
    pub kind: Kind,
}

/// What a YAML node is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar's text; `plain` when unquoted and not a block scalar, the
    /// only kind that resolves to null, a boolean or a number.
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

/// Why a file's tree could not be built or read into the model: a message
/// and, once known, where and at which dotted path.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    message: String,
    /// Where the error is and the dotted path of the node read there
    /// (`None` at the root).
    at: Option<(Pos, Option<String>)>,
}

impl Error {
    fn located(pos: Pos, message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            at: Some((pos, None)),
        }
    }

    /// Where the error is; `None` only for an error no node was read at.
    pub fn pos(&self) -> Option<Pos> {
        self.at.as_ref().map(|(pos, _)| *pos)
    }

    /// Locates an error that is not located yet at the node being read.
    fn fix(mut self, pos: Pos, path: &Path<'_>) -> Error {
        if self.at.is_none() {
            let path = path.to_string();
            self.at = Some((pos, (path != ".").then_some(path)));
        }
        self
    }
}

/// The message, after the dotted path of the node when it is not the root
/// (`request.fields.amount: missing field `presence``).
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((_, Some(path))) = &self.at {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            at: None,
        }
    }
}

/// A collection being built.
enum Open {
    Seq {
        pos: Pos,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

/// Builds the first document's tree from parser events.
#[derive(Default)]
pub(crate) struct TreeBuilder {
    stack: Vec<Open>,
    root: Option<Node>,
    documents: usize,
    /// A problem at a mapping's start, waiting for the next event: a block
    /// mapping's start event is marked after its first key, and the
    /// problem belongs at that key.
    held: Option<(Pos, &'static str)>,
    error: Option<Error>,
}

impl TreeBuilder {
    /// Takes one event and where the parser marked it.
    pub(crate) fn on_event(&mut self, event: &Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = Pos::from_marker(mark);
        if let Some((held, message)) = self.held.take() {
            return self.fail(held.min(pos), message);
        }
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    self.fail(pos, SECOND_DOCUMENT);
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if *anchor != 0 {
                    return self.fail(pos, ANCHORS);
                }
                if tag.is_some() {
                    return self.fail(pos, TAGS);
                }
                self.push(Node {
                    pos,
                    kind: Kind::Scalar {
                        value: value.clone(),
                        plain: matches!(style, TScalarStyle::Plain),
                    },
                });
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                let mapping = matches!(event, Event::MappingStart(..));
                let problem = if *anchor != 0 {
                    Some(ANCHORS)
                } else if tag.is_some() {
                    Some(TAGS)
                } else if self.stack.len() >= MAX_DEPTH {
                    Some(RECURSION_LIMIT)
                } else {
                    None
                };
                match (problem, mapping) {
                    (Some(message), true) => self.held = Some((pos, message)),
                    (Some(message), false) => self.fail(pos, message),
                    (None, true) => self.stack.push(Open::Map {
                        pos,
                        entries: Vec::new(),
                        key: None,
                    }),
                    (None, false) => self.stack.push(Open::Seq {
                        pos,
                        items: Vec::new(),
                    }),
                }
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Open::Seq { pos, items }) => self.push(Node {
                    pos,
                    kind: Kind::Seq(items),
                }),
                Some(Open::Map {
                    pos,
                    entries,
                    key: None,
                }) => self.push(Node {
                    pos,
                    kind: Kind::Map(entries),
                }),
                // The parser balances its events; this is only a guard.
                Some(Open::Map { key: Some(_), .. }) | None => {
                    self.fail(pos, "the YAML ends in the middle of a collection");
                }
            },
            Event::Alias(_) => self.fail(pos, ANCHORS),
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
    }

    /// Takes the parser's syntax error.
    pub(crate) fn on_error(&mut self, err: &ScanError) {
        if self.error.is_none() {
            let pos = Pos::from_marker(*err.marker());
            match self.held.take() {
                Some((held, message)) => self.fail(held, message),
                None => self.fail(pos, err.info().to_owned()),
            }
        }
    }

    /// Whether an error has ended the tree.
    pub(crate) fn failed(&self) -> bool {
        self.error.is_some()
    }

    fn fail(&mut self, pos: Pos, message: impl Into<String>) {
        self.error = Some(Error::located(pos, message));
        self.stack.clear();
    }

    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map {
                pos, entries, key, ..
            }) => match key.take() {
                None => {
                    if entries.is_empty() {
                        *pos = (*pos).min(node.pos);
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }

    /// The first document's root (`None` for a file without one), or the
    /// first thing wrong with the file's YAML.
    pub(crate) fn finish(mut self) -> Result<Option<Node>, Error> {
        if let Some((held, message)) = self.held.take() {
            self.fail(held, message);
        }
        match self.error {
            Some(err) => Err(err),
            None => Ok(self.root),
        }
    }
}

/// Reads `T` from a tree; every error is located (see [`Error::pos`]).
pub fn from_node<'de, T: Deserialize<'de>>(node: &'de Node) -> Result<T, Error> {
    T::deserialize(NodeDe {
        node,
        path: Path::Root,
    })
    .map_err(|err| err.fix(node.pos, &Path::Root))
}

/// Where a node is in the file, as serde_yaml wrote it in its messages:
/// `request.fields.amount`, `rules[0]`, `?` for a key that is no string.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Seq { parent: &'a Path<'a>, index: usize },
    Map { parent: &'a Path<'a>, key: &'a str },
    Unknown { parent: &'a Path<'a> },
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Parent<'a>(&'a Path<'a>);
        impl fmt::Display for Parent<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0 {
                    Path::Root => Ok(()),
                    path => write!(f, "{path}."),
                }
            }
        }
        match self {
            Path::Root => f.write_str("."),
            Path::Seq { parent, index } => write!(f, "{parent}[{index}]"),
            Path::Map { parent, key } => write!(f, "{}{key}", Parent(parent)),
            Path::Unknown { parent } => write!(f, "{}?", Parent(parent)),
        }
    }
}

// Scalar resolution, as serde_yaml 0.9 does it (its `de.rs`).

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

type FromStrRadix<T> = fn(&str, u32) -> Result<T, ParseIntError>;

const RADIXES: [(&str, u32); 3] = [("0x", 16), ("0o", 8), ("0b", 2)];

/// `0x1f`, `0o17`, `0b101` (no sign after the prefix).
fn prefixed<T>(unsigned: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    RADIXES.iter().find_map(|(prefix, radix)| {
        let rest = unsigned.strip_prefix(prefix)?;
        if rest.starts_with(['+', '-']) {
            return None;
        }
        from_str_radix(rest, *radix).ok()
    })
}

/// `-0x1f`, `-0o17`, `-0b101`.
fn negative_prefixed<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    RADIXES.iter().find_map(|(prefix, radix)| {
        let rest = v.strip_prefix('-')?.strip_prefix(prefix)?;
        from_str_radix(&format!("-{rest}"), *radix).ok()
    })
}

fn parse_unsigned_int<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unpositive = v.strip_prefix('+').unwrap_or(v);
    if let Some(int) = prefixed(unpositive, from_str_radix) {
        return Some(int);
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_signed_int<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if let Some(int) = prefixed(unpositive, from_str_radix) {
        return Some(int);
    }
    if let Some(int) = negative_prefixed(v, from_str_radix) {
        return Some(int);
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    if let Some(int) = negative_prefixed(v, from_str_radix) {
        return Some(int);
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(v, 10).ok()
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

/// Visits an integer; gives the visitor back when `v` is none.
fn visit_int<'de, V: Visitor<'de>>(visitor: V, v: &str) -> Result<Result<V::Value, Error>, V> {
    if let Some(int) = parse_unsigned_int(v, u64::from_str_radix) {
        return Ok(visitor.visit_u64(int));
    }
    if let Some(int) = parse_negative_int(v, i64::from_str_radix) {
        return Ok(visitor.visit_i64(int));
    }
    if let Some(int) = parse_unsigned_int(v, u128::from_str_radix) {
        return Ok(visitor.visit_u128(int));
    }
    if let Some(int) = parse_negative_int(v, i128::from_str_radix) {
        return Ok(visitor.visit_i128(int));
    }
    Err(visitor)
}

/// An unquoted scalar read as whatever it resolves to.
fn visit_plain<'de, V: Visitor<'de>>(visitor: V, v: &'de str) -> Result<V::Value, Error> {
    if v.is_empty() || is_null(v) {
        return visitor.visit_unit();
    }
    if let Some(b) = parse_bool(v) {
        return visitor.visit_bool(b);
    }
    let visitor = match visit_int(visitor, v) {
        Ok(result) => return result,
        Err(visitor) => visitor,
    };
    if !digits_but_not_number(v) {
        if let Some(float) = parse_f64(v) {
            return visitor.visit_f64(float);
        }
    }
    visitor.visit_borrowed_str(v)
}

/// serde's `invalid type: <what the node is>, expected <exp>`.
fn invalid_type(node: &Node, exp: &dyn Expected) -> Error {
    enum Void {}

    struct InvalidType<'a> {
        exp: &'a dyn Expected,
    }

    impl<'de> Visitor<'de> for InvalidType<'_> {
        type Value = Void;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.exp.fmt(f)
        }
    }

    match &node.kind {
        Kind::Scalar { value, plain: true } => match visit_plain(InvalidType { exp }, value) {
            Ok(void) => match void {},
            Err(err) => err,
        },
        Kind::Scalar { value, .. } => de::Error::invalid_type(Unexpected::Str(value), exp),
        Kind::Seq(_) => de::Error::invalid_type(Unexpected::Seq, exp),
        Kind::Map(_) => de::Error::invalid_type(Unexpected::Map, exp),
    }
}

/// Reads one node; errors are located at it unless something inside it
/// located them first.
struct NodeDe<'de, 'p> {
    node: &'de Node,
    path: Path<'p>,
}

impl<'de> NodeDe<'de, '_> {
    fn located<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|err| err.fix(self.node.pos, &self.path))
    }

    fn plain(&self) -> Option<&'de str> {
        match &self.node.kind {
            Kind::Scalar { value, plain: true } => Some(value),
            _ => None,
        }
    }

    fn is_empty_plain(&self) -> bool {
        self.plain().is_some_and(str::is_empty)
    }

    /// A typed scalar (`bool`, an integer, a float): unquoted text that
    /// `parse` reads, or else a type error.
    fn scalar<T, V: Visitor<'de>>(
        self,
        visitor: V,
        parse: impl FnOnce(&str) -> Option<T>,
        visit: impl FnOnce(V, T) -> Result<V::Value, Error>,
    ) -> Result<V::Value, Error> {
        let result = match self.plain().and_then(parse) {
            Some(value) => visit(visitor, value),
            None => Err(invalid_type(self.node, &visitor)),
        };
        self.located(result)
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node: &'de Node = self.node;
        let result = match &node.kind {
            Kind::Scalar { value, plain: true } => visit_plain(visitor, value),
            Kind::Scalar { value, .. } => visitor.visit_borrowed_str(value),
            Kind::Seq(items) => visit_seq(items, &self.path, visitor),
            Kind::Map(entries) => visit_map(entries, &self.path, visitor),
        };
        self.located(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, parse_bool, |v, b| v.visit_bool(b))
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(
            visitor,
            |v| parse_signed_int(v, i64::from_str_radix),
            |v, n| v.visit_i64(n),
        )
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(
            visitor,
            |v| parse_unsigned_int(v, u64::from_str_radix),
            |v, n| v.visit_u64(n),
        )
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, parse_f64, |v, f| v.visit_f64(f))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node: &'de Node = self.node;
        let result = match &node.kind {
            Kind::Scalar { value, .. } => visitor.visit_borrowed_str(value),
            _ => Err(invalid_type(node, &visitor)),
        };
        self.located(result)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = Err(invalid_type(self.node, &visitor));
        self.located(result)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain() {
            Some(v) if v.is_empty() || is_null(v) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match (&self.node.kind, self.plain()) {
            (_, Some(v)) if v.is_empty() || is_null(v) => visitor.visit_unit(),
            (Kind::Scalar { value, .. }, _) => {
                Err(de::Error::invalid_value(Unexpected::Str(value), &"null"))
            }
            _ => Err(invalid_type(self.node, &visitor)),
        };
        self.located(result)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.kind {
            Kind::Seq(items) => visit_seq(items, &self.path, visitor),
            _ if self.is_empty_plain() => visit_seq(&[], &self.path, visitor),
            _ => Err(invalid_type(self.node, &visitor)),
        };
        self.located(result)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.kind {
            Kind::Map(entries) => visit_map(entries, &self.path, visitor),
            _ if self.is_empty_plain() => visit_map(&[], &self.path, visitor),
            _ => Err(invalid_type(self.node, &visitor)),
        };
        self.located(result)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Untagged YAML names only unit variants (serde_yaml wanted a `!tag`
        // for the others, and spec files have no tags).
        let result = match &self.node.kind {
            Kind::Scalar { .. } => visitor.visit_enum(UnitVariant(NodeDe {
                node: self.node,
                path: self.path,
            })),
            Kind::Seq(_) => Err(de::Error::invalid_type(
                Unexpected::Seq,
                &"a YAML tag starting with '!'",
            )),
            Kind::Map(_) => Err(de::Error::invalid_type(
                Unexpected::Map,
                &"a YAML tag starting with '!'",
            )),
        };
        self.located(result)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// How many elements or entries the visitor read, for `invalid length`.
enum Read {
    Seq(usize),
    Map(usize),
}

impl Expected for Read {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Read::Seq(1) => f.write_str("sequence of 1 element"),
            Read::Seq(n) => write!(f, "sequence of {n} elements"),
            Read::Map(1) => f.write_str("map containing 1 entry"),
            Read::Map(n) => write!(f, "map containing {n} entries"),
        }
    }
}

fn visit_seq<'de, V: Visitor<'de>>(
    items: &'de [Node],
    path: &Path<'_>,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut access = SeqAccess {
        items: items.iter(),
        index: 0,
        path,
    };
    let value = visitor.visit_seq(&mut access)?;
    match access.items.len() {
        0 => Ok(value),
        left => Err(de::Error::invalid_length(
            access.index + left,
            &Read::Seq(access.index),
        )),
    }
}

fn visit_map<'de, V: Visitor<'de>>(
    entries: &'de [(Node, Node)],
    path: &Path<'_>,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut access = MapAccess {
        entries: entries.iter(),
        value: None,
        read: 0,
        path,
    };
    let value = visitor.visit_map(&mut access)?;
    match access.entries.len() {
        0 => Ok(value),
        left => Err(de::Error::invalid_length(
            access.read + left,
            &Read::Map(access.read),
        )),
    }
}

struct SeqAccess<'de, 'a> {
    items: std::slice::Iter<'de, Node>,
    index: usize,
    path: &'a Path<'a>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Seq {
            parent: self.path,
            index: self.index,
        };
        self.index += 1;
        seed.deserialize(NodeDe { node, path })
            .map(Some)
            .map_err(|err| err.fix(node.pos, &path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'de, 'a> {
    entries: std::slice::Iter<'de, (Node, Node)>,
    /// The value of the key just read, with the key's text.
    value: Option<(&'de Node, Option<&'de str>)>,
    read: usize,
    path: &'a Path<'a>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.read += 1;
        let text = match &key.kind {
            Kind::Scalar { value, .. } => Some(value.as_str()),
            _ => None,
        };
        self.value = Some((value, text));
        // A key is read at its mapping's path, as serde_yaml did.
        seed.deserialize(NodeDe {
            node: key,
            path: *self.path,
        })
        .map(Some)
        .map_err(|err| err.fix(key.pos, self.path))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((node, key)) = self.value.take() else {
            return Err(de::Error::custom("a value was read before its key"));
        };
        let path = match key {
            Some(key) => Path::Map {
                parent: self.path,
                key,
            },
            None => Path::Unknown { parent: self.path },
        };
        seed.deserialize(NodeDe { node, path })
            .map_err(|err| err.fix(node.pos, &path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A scalar naming a unit variant.
struct UnitVariant<'de, 'p>(NodeDe<'de, 'p>);

impl<'de, 'p> de::EnumAccess<'de> for UnitVariant<'de, 'p> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let de = NodeDe {
            node: self.0.node,
            path: self.0.path,
        };
        Ok((seed.deserialize(de)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _seed: S) -> Result<S::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde::de::DeserializeOwned;

    use super::{from_node, Error, Node};
    use crate::spec::model::{EndpointFile, ProviderFile};
    use crate::spec::spans::{Pos, Spans};
    use crate::spec::value::Yaml;

    fn tree(text: &str) -> Result<Option<Node>, Error> {
        Spans::index_with_tree(text).1
    }

    /// The tree's value, or its error.
    fn via_tree<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
        let root = tree(text)?.expect("a document");
        from_node(&root)
    }

    /// serde_yaml's error as the loader used to show it: the message
    /// without its ` at line L column C`, and the position.
    fn serde_yaml_error<T: DeserializeOwned>(text: &str) -> (String, Pos) {
        let Err(err) = serde_yaml::from_str::<T>(text) else {
            panic!("serde_yaml reads {text:?}");
        };
        let full = err.to_string();
        let message = full.rfind(" at line ").map_or(&*full, |i| &full[..i]);
        let loc = err.location().expect("a located error");
        let pos = Pos {
            line: u32::try_from(loc.line()).unwrap(),
            column: u32::try_from(loc.column()).unwrap(),
        };
        (message.to_owned(), pos)
    }

    fn shown(err: &Error) -> (String, Pos) {
        (err.to_string(), err.pos().expect("located"))
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
        // The model's own value type, read both ways.
        let expected: Yaml = serde_yaml::from_str(text).unwrap();
        let got: Yaml = via_tree(text).unwrap();
        assert_eq!(format!("{got:?}"), format!("{expected:?}"));
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        s: String,
        n: Option<u16>,
        o: Option<String>,
        f: f64,
        b: bool,
        l: Vec<String>,
        e: Kind,
        #[serde(default)]
        m: Option<Inner>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        need: String,
        #[serde(default)]
        list: Vec<u8>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        One,
    }

    #[test]
    fn typed_reads_agree_with_serde_yaml() {
        let text = "s: 200\nn: 0x10\no: ~\nf: 3\nb: True\nl: [1, a, '2', null]\ne: one\n";
        let expected: T = serde_yaml::from_str(text).unwrap();
        assert_eq!(via_tree::<T>(text).unwrap(), expected);
    }

    /// Where serde_yaml refuses a file's content, the tree refuses it with
    /// the same message, path and position.
    #[test]
    fn model_errors_are_serde_yaml_s() {
        for bad in [
            "s: a\nn: 70000\no: x\nf: 1\nb: true\nl: []\ne: one\n",
            "s: a\nn: 1\no: x\nf: 1\nb: yes\nl: []\ne: one\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: two\n",
            "s: [a]\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: one\n",
            "s: a\nn: '1'\no: x\nf: 1\nb: true\nl: []\ne: one\n",
            "s: a\nn: -3\no: x\nf: 1\nb: true\nl: []\ne: one\n",
            "s: a\nn: 1\no: x\nf: no\nb: true\nl: []\ne: one\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: {a: 1}\ne: one\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: {one: 1}\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: one\nextra: 1\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: one\nm:\n  list: [1]\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: one\nm: {need: x, list: [1, 300]}\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: []\ne: one\nm:\n  - need: x\n",
            "s: a\nn: 1\no: x\nf: 1\nb: true\nl: [[x]]\ne: one\n",
        ] {
            let got = via_tree::<T>(bad).expect_err(bad);
            assert_eq!(shown(&got), serde_yaml_error::<T>(bad), "{bad}");
        }
        let wide = "a: 99999999999999999999999\n";
        let got = via_tree::<Yaml>(wide).expect_err(wide);
        assert_eq!(shown(&got), serde_yaml_error::<serde_yaml::Value>(wide));
    }

    #[test]
    fn what_spec_files_do_not_need_is_refused_where_it_is() {
        let deep = format!("a: {}{}\n", "[".repeat(150), "]".repeat(150));
        let mut block = String::new();
        for depth in 0..200 {
            block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
        }
        for (text, message, line, column) in [
            // yaml-rust2 marks a node after its anchor or tag.
            ("a: &x 1\nb: *x\n", super::ANCHORS, 1, 7),
            ("a: 1\nb: *x\n", "unknown anchor", 2, 4),
            ("a:\n  b: &x\n    c: 1\n", super::ANCHORS, 3, 5),
            ("a: !tag 1\n", super::TAGS, 1, 9),
            ("a: 1\n---\nb: 2\n", super::SECOND_DOCUMENT, 2, 1),
            ("a: [1, 2\n", "while parsing a flow sequence", 2, 1),
            // The 128th bracket, as serde_yaml said.
            (&deep, super::RECURSION_LIMIT, 1, 131),
            // The 129th nested mapping, at its first key, as serde_yaml said.
            (&block, super::RECURSION_LIMIT, 129, 129),
        ] {
            let err = tree(text).expect_err(text);
            assert!(err.to_string().contains(message), "{text}: {err}");
            assert_eq!(err.pos(), Some(Pos { line, column }), "{text}: {err}");
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

    /// A file read both ways: the model's `Debug`, or the error.
    type Read = Result<String, (String, Pos)>;

    fn both_ways<M: DeserializeOwned + std::fmt::Debug>(text: &str) -> (Read, Read) {
        let tree = match tree(text) {
            Ok(Some(root)) => from_node::<M>(&root)
                .map(|m| format!("{m:?}"))
                .map_err(|e| shown(&e)),
            Ok(None) => Err(("no document".into(), Pos::START)),
            Err(e) => Err(shown(&e)),
        };
        let serde = match serde_yaml::from_str::<M>(text) {
            Ok(m) => Ok(format!("{m:?}")),
            Err(_) => Err(serde_yaml_error::<M>(text)),
        };
        (tree, serde)
    }

    /// Every spec file in the repository, good and bad, gives the model
    /// serde_yaml gives, or fails where serde_yaml fails: with serde_yaml's
    /// words when the YAML parses, with yaml-rust2's when it does not.
    #[test]
    fn every_spec_file_reads_the_same_both_ways() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in ["spec", "codegen/tests/fixtures"] {
            yaml_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 50, "found only {} spec files", files.len());
        let mut failing = 0;
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let name = file.display().to_string();
            let (read, serde) = if file.file_name().is_some_and(|n| n == "provider.yaml") {
                both_ways::<ProviderFile>(&text)
            } else {
                both_ways::<EndpointFile>(&text)
            };
            let syntax_error = serde_yaml::from_str::<serde_yaml::Value>(&text).is_err();
            // A root that is no mapping is the loader's to word.
            let no_mapping = matches!(
                tree(&text),
                Ok(root) if !matches!(root.as_ref().map(|r| &r.kind), Some(super::Kind::Map(_)))
            );
            failing += usize::from(read.is_err());
            match (&read, &serde) {
                (Err(_), Err(_)) if no_mapping => {}
                (Ok(t), Ok(s)) => assert_eq!(t, s, "{name}"),
                (Err(_), Err(_)) if syntax_error => {}
                (Err(t), Err(s)) => assert_eq!(t, s, "{name}"),
                _ => panic!("{name}: the tree gives {read:?}, serde_yaml {serde:?}"),
            }
        }
        assert!(
            failing * 2 < files.len(),
            "{failing} of {} files fail",
            files.len()
        );
    }

    #[test]
    fn every_real_spec_file_reads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        let mut files = Vec::new();
        yaml_files(&root, &mut files);
        assert!(files.len() >= 10);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let read = if file.ends_with("provider.yaml") {
                via_tree::<ProviderFile>(&text).map(drop)
            } else {
                via_tree::<EndpointFile>(&text).map(drop)
            };
            assert_eq!(read, Ok(()), "{}", file.display());
        }
    }
}
