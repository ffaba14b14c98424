//! Where each key of a YAML file is, for located lint messages.
//!
//! Once a file has deserialised, values carry no position. Lints still have
//! to name the line and column of the offending key, so the loader's one
//! walk over yaml-rust2's marked events also records, for every key, its
//! dotted path (`request.fields.order.fields.invoice_number.max_len`,
//! `rules[2].required_if.when.field`) and where it starts. The same walk
//! finds keys repeated within one mapping, which a serde map would silently
//! collapse.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::spec::tree::{self, Node, TreeBuilder};

/// Nesting beyond which keys are not indexed (the tree's recursion limit,
/// 128, rejects such files).
const MAX_DEPTH: usize = 256;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl Pos {
    /// The start of the file, where everything without a better place goes.
    pub const START: Pos = Pos { line: 1, column: 1 };

    pub(crate) fn from_marker(mark: Marker) -> Pos {
        // yaml-rust2 lines are 1-based, columns 0-based.
        Pos {
            line: u32::try_from(mark.line()).unwrap_or(u32::MAX).max(1),
            column: u32::try_from(mark.col()).unwrap_or(u32::MAX - 1) + 1,
        }
    }
}

/// What the top of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootKind {
    /// No node at all (empty file or only comments).
    Empty,
    /// A mapping, as every spec file must be.
    Mapping,
    /// A sequence (`- a`).
    Sequence,
    /// A single scalar.
    Scalar,
    /// An alias (`*a`) at the top.
    Alias,
}

/// A key written twice in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Dotted path of the repeated key.
    pub path: String,
    /// Where it is first written.
    pub first: Pos,
    /// Where it is written again.
    pub again: Pos,
}

/// The key index of one YAML file.
#[derive(Debug, Clone)]
pub struct Spans {
    keys: HashMap<String, Pos>,
    /// Keys repeated within one mapping, in file order.
    pub duplicates: Vec<DuplicateKey>,
    /// What the first document's root node is.
    pub root: RootKind,
}

impl Spans {
    /// Indexes `text`. A syntax error stops the walk; what was seen before it
    /// is kept (the loader reports the error, from [`Spans::index_with_tree`]).
    pub fn index(text: &str) -> Spans {
        Spans::walk(text, None)
    }

    /// Indexes `text` and, from the same parse, builds its YAML tree: the
    /// loader's one pass over a file. The tree is `Ok(None)` for a file
    /// without a document, and an error, located, when the file does not
    /// parse or is not the YAML the tree reads (see [`crate::spec::tree`]).
    pub fn index_with_tree(text: &str) -> (Spans, Result<Option<Node>, tree::Error>) {
        let mut tree = TreeBuilder::default();
        let spans = Spans::walk(text, Some(&mut tree));
        (spans, tree.finish())
    }

    fn walk(text: &str, mut tree: Option<&mut TreeBuilder>) -> Spans {
        let mut walker = Walker::default();
        let mut parser = Parser::new_from_str(text);
        // Pull events one at a time: yaml-rust2's `load` recurses once per
        // nesting level and overflows the stack on a few thousand nested
        // mappings. Only the first document matters (a second one is a load
        // error), and nothing deeper than MAX_DEPTH is indexed: the tree
        // refuses such files anyway, with its own located error. The tree
        // reads on to the end, so that it sees a second document or a
        // syntax error after the first one.
        loop {
            let indexing = !walker.done && walker.stack.len() <= MAX_DEPTH;
            let building = tree.as_deref().is_some_and(|tree| !tree.failed());
            if !indexing && !building {
                break;
            }
            match parser.next_token() {
                Ok((Event::StreamEnd, _)) => break,
                Err(err) => {
                    if let Some(tree) = tree.as_deref_mut() {
                        tree.on_error(&err);
                    }
                    break;
                }
                Ok((event, mark)) => {
                    if let Some(tree) = tree.as_deref_mut() {
                        tree.on_event(&event, mark);
                    }
                    if indexing {
                        walker.on_event(event, mark);
                    }
                }
            }
        }
        Spans {
            keys: walker.keys,
            duplicates: walker.duplicates,
            root: walker.root.unwrap_or(RootKind::Empty),
        }
    }

    /// Where the key at `path` is, if it is in the file.
    pub fn get(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied()
    }

    /// Where the key at `path` is, or else its nearest written ancestor, or
    /// else the start of the file.
    pub fn locate(&self, path: &str) -> Pos {
        let mut current = path;
        loop {
            if let Some(pos) = self.get(current) {
                return pos;
            }
            match parent_path(current) {
                Some(parent) => current = parent,
                None => return Pos::START,
            }
        }
    }
}

/// `a.b[2]` → `a.b`, `a.b` → `a`, `a` → none.
fn parent_path(path: &str) -> Option<&str> {
    if path.ends_with(']') {
        if let Some(open) = path.rfind('[') {
            return Some(&path[..open]);
        }
    }
    path.rfind('.').map(|dot| &path[..dot])
}

/// Joins a key onto a path.
fn child_key(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// One open collection while walking events.
#[derive(Debug)]
enum Frame {
    Mapping {
        path: String,
        /// The key whose value comes next, with its path; `None` when the
        /// next scalar is a key.
        pending: Option<String>,
        /// Keys seen so far in this mapping.
        seen: HashSet<String>,
        /// A sequence item this mapping is, whose position becomes that of
        /// the first key (the parser marks block mappings oddly).
        item: Option<String>,
    },
    Sequence {
        path: String,
        next: usize,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    keys: HashMap<String, Pos>,
    duplicates: Vec<DuplicateKey>,
    root: Option<RootKind>,
    /// Documents after the first are ignored.
    done: bool,
}

impl Walker {
    /// The path a new node (collection or scalar value) gets, and whether it
    /// is a mapping key rather than a value.
    fn node_path(&mut self, mark: Marker, scalar: Option<&str>) -> NodeRole {
        match self.stack.last_mut() {
            None => NodeRole::Value(String::new()),
            Some(Frame::Sequence { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                self.keys.entry(p.clone()).or_insert(Pos::from_marker(mark));
                NodeRole::Value(p)
            }
            Some(Frame::Mapping {
                path,
                pending,
                seen,
                item,
            }) => {
                if let Some(value_path) = pending.take() {
                    return NodeRole::Value(value_path);
                }
                match scalar {
                    Some(key) => {
                        let key_path = child_key(path, key);
                        let here = Pos::from_marker(mark);
                        if let Some(item_path) = item.take() {
                            self.keys.insert(item_path, here);
                        }
                        if !seen.insert(key.to_owned()) {
                            let first = self.keys.get(&key_path).copied().unwrap_or(here);
                            self.duplicates.push(DuplicateKey {
                                path: key_path.clone(),
                                first,
                                again: here,
                            });
                        } else {
                            self.keys.insert(key_path.clone(), here);
                        }
                        *pending = Some(key_path);
                        NodeRole::Key
                    }
                    None => {
                        // A collection used as a key: index nothing under it,
                        // and file its value under the mapping's own path.
                        *pending = Some(format!("{path}.?"));
                        NodeRole::Value(format!("{path}.?key"))
                    }
                }
            }
        }
    }

    fn note_root(&mut self, kind: RootKind) {
        if self.stack.is_empty() && self.root.is_none() {
            self.root = Some(kind);
        }
    }
}

enum NodeRole {
    Key,
    Value(String),
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.done {
            return;
        }
        match ev {
            Event::Scalar(value, ..) => {
                self.note_root(RootKind::Scalar);
                let _ = self.node_path(mark, Some(&value));
            }
            Event::Alias(_) => {
                self.note_root(RootKind::Alias);
                let _ = self.node_path(mark, Some("*alias"));
            }
            Event::MappingStart(..) => {
                self.note_root(RootKind::Mapping);
                let in_sequence = matches!(self.stack.last(), Some(Frame::Sequence { .. }));
                let path = match self.node_path(mark, None) {
                    NodeRole::Value(p) => p,
                    NodeRole::Key => String::new(),
                };
                self.stack.push(Frame::Mapping {
                    item: in_sequence.then(|| path.clone()),
                    path,
                    pending: None,
                    seen: HashSet::new(),
                });
            }
            Event::SequenceStart(..) => {
                self.note_root(RootKind::Sequence);
                let path = match self.node_path(mark, None) {
                    NodeRole::Value(p) => p,
                    NodeRole::Key => String::new(),
                };
                self.stack.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::DocumentEnd => {
                if self.root.is_some() {
                    self.done = true;
                }
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn indexes_nested_keys_and_sequence_items() {
        let text = "\
kind: endpoint
request:
  type: Foo
  fields:
    order:
      type: object
      fields:
        invoice_number: { type: string, max_len: 64 }
rules:
  - source: a
    required_if:
      fields: [x, y]
      when: { field: z, equals: 1 }
";
        let s = Spans::index(text);
        assert_eq!(s.root, RootKind::Mapping);
        assert_eq!(s.get("kind"), Some(pos(1, 1)));
        assert_eq!(s.get("request.fields.order"), Some(pos(5, 5)));
        assert_eq!(
            s.get("request.fields.order.fields.invoice_number.max_len"),
            Some(pos(8, 41))
        );
        assert_eq!(s.get("rules[0]"), Some(pos(10, 5)));
        assert_eq!(s.get("rules[0].required_if.fields[1]"), Some(pos(12, 19)));
        assert_eq!(s.get("rules[0].required_if.when.field"), Some(pos(13, 15)));
        assert!(s.duplicates.is_empty());
    }

    #[test]
    fn locate_falls_back_to_ancestor_then_start() {
        let s = Spans::index("a:\n  b:\n    c: 1\nlist:\n  - x\n");
        assert_eq!(s.locate("a.b.nothing.deeper"), pos(2, 3));
        assert_eq!(s.locate("list[7]"), pos(4, 1));
        assert_eq!(s.locate("zzz"), Pos::START);
    }

    #[test]
    fn finds_duplicate_keys_per_mapping() {
        let s = Spans::index("a:\n  x: 1\n  x: 2\nb:\n  x: 3\n");
        assert_eq!(
            s.duplicates,
            vec![DuplicateKey {
                path: "a.x".into(),
                first: pos(2, 3),
                again: pos(3, 3)
            }]
        );
    }

    #[test]
    fn reports_root_kind() {
        assert_eq!(Spans::index("- a\n- b\n").root, RootKind::Sequence);
        assert_eq!(Spans::index("# nothing\n").root, RootKind::Empty);
        assert_eq!(Spans::index("").root, RootKind::Empty);
        assert_eq!(Spans::index("just text").root, RootKind::Scalar);
    }

    #[test]
    fn survives_deep_nesting_and_syntax_errors() {
        let nested = format!("{}1{}", "[".repeat(50), "]".repeat(50));
        let s = Spans::index(&nested);
        assert_eq!(s.get(&"[0]".repeat(50)), Some(pos(1, 51)));
        // Beyond yaml-rust2's recursion limit the walk stops early, keeping nothing.
        let deep = "[".repeat(10_000);
        assert_eq!(Spans::index(&deep).get(&"[0]".repeat(10_000)), None);
        let broken = Spans::index("a: 1\nb: [\n");
        assert_eq!(broken.get("a"), Some(pos(1, 1)));
    }

    #[test]
    fn thousands_of_nested_block_mappings_do_not_overflow_the_stack() {
        // Found by the bad-input corpus: yaml-rust2's recursive `load`
        // overflowed a 2 MiB test-thread stack at 3,000 levels.
        let mut deep = String::new();
        for depth in 0..3_000 {
            deep.push_str(&" ".repeat(depth));
            deep.push_str(&format!("k{depth}:\n"));
        }
        let s = Spans::index(&deep);
        assert_eq!(s.root, RootKind::Mapping);
        assert_eq!(s.get("k0"), Some(pos(1, 1)));
        assert_eq!(s.get("k0.k1"), Some(pos(2, 2)));
        // Nothing below the indexing limit is recorded.
        let too_deep: Vec<String> = (0..=MAX_DEPTH + 1).map(|d| format!("k{d}")).collect();
        assert_eq!(s.get(&too_deep.join(".")), None);
    }
}
