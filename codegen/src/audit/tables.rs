//! Tables and value lists: dotted field names (`order.invoice_number`) and
//! the names of field-table rows,
//! "Possible value(s)" lists and documented lengths (`String(64)`, "Max
//! length: 64", "max 128 characters") on the page, compared with the spec's
//! fields, enums and `max_len`.

use std::collections::{BTreeMap, HashSet};

use crate::audit::page::Page;
use crate::audit::report::{Finding, Kind};
use crate::audit::view::ProviderView;
use crate::ir::{Field, Struct, Type};

/// Nested types are followed this deep (a type may contain itself through
/// an array).
const MAX_DEPTH: usize = 8;

/// How many lines above a length the field's name may be (tables
/// flattened one cell per line).
const NAME_WITHIN: usize = 8;

/// The fields the page's endpoints know, by dotted wire path (a path may
/// be in several bodies: a request's field echoed by its response).
struct FieldTree<'a> {
    paths: BTreeMap<String, Vec<&'a Field>>,
    tops: HashSet<String>,
    /// Every wire name at any depth (a table may list nested members by
    /// their own name).
    leaves: HashSet<String>,
}

impl<'a> FieldTree<'a> {
    fn new(view: &ProviderView<'a>, bodies: &[&'a Struct]) -> FieldTree<'a> {
        let mut tree = FieldTree {
            paths: BTreeMap::new(),
            tops: HashSet::new(),
            leaves: HashSet::new(),
        };
        for body in bodies {
            tree.add(view, body, "", 0);
        }
        tree
    }

    fn add(&mut self, view: &ProviderView<'a>, s: &'a Struct, prefix: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for field in &s.fields {
            for name in std::iter::once(&field.wire_name).chain(&field.aliases) {
                self.leaves.insert(name.clone());
                let path = if prefix.is_empty() {
                    self.tops.insert(name.clone());
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                self.paths.entry(path.clone()).or_default().push(field);
                if let Some(inner) = struct_of(&field.ty).and_then(|n| view.strukt(n)) {
                    self.add(view, inner, &path, depth + 1);
                }
            }
        }
    }
}

fn struct_of(ty: &Type) -> Option<&str> {
    match ty {
        Type::Struct(name) => Some(name),
        Type::Array(inner) => struct_of(inner),
        _ => None,
    }
}

/// Compares the page's field names, value lists and lengths with the spec.
pub fn check(view: &ProviderView<'_>, page: &Page) -> Vec<Finding> {
    let bodies = view.bodies(Some(&page.name));
    if bodies.is_empty() {
        return Vec::new();
    }
    // A page may document endpoints the spec specifies from another page
    // (DOKU's payment page describes refunds too): a name is missing only
    // when no endpoint of the provider has it.
    let all = view.bodies(None);
    let tree = FieldTree::new(view, &all);
    let headers: Vec<&Field> = view
        .ir
        .request_headers
        .iter()
        .chain(&view.ir.response_headers)
        .map(|h| &h.field)
        .collect();
    let lines: Vec<(u32, &str)> = page.lines().collect();
    let field_rows = field_table_rows(&lines);
    let mut findings = Vec::new();
    let mut reported = HashSet::new();
    for (i, (line, text)) in lines.iter().enumerate() {
        let row_name = field_rows.get(&i).cloned();
        for name in dotted_names(text).into_iter().chain(row_name) {
            let first = name.split('.').next().unwrap_or_default();
            let in_field_table = field_rows.contains_key(&i) && !name.contains('.');
            if in_field_table && tree.leaves.contains(&name) {
                continue;
            }
            if !(tree.tops.contains(first) || in_field_table)
                || tree.paths.contains_key(&name)
                || view.acknowledges(&name)
                || !reported.insert(name.clone())
            {
                continue;
            }
            // The member is missing from the deepest object the spec has.
            let parent = prefixes(&name).find_map(|p| tree.paths.get(p).map(|f| (p, f[0])));
            let (spec, owner) = match parent {
                Some((p, field)) => (field.loc.clone(), format!("`{p}` has no such member")),
                None => (
                    bodies[0].loc.clone(),
                    "no body of the page's endpoints has it".to_owned(),
                ),
            };
            findings.push(Finding {
                doc_file: page.name.clone(),
                doc_line: Some(*line),
                kind: Kind::FieldMissing,
                severity: Kind::FieldMissing.severity(),
                spec_file: Some(spec.file),
                spec_line: Some(spec.line),
                message: format!(
                    "the page names the field `{name}`, which the spec lacks ({owner}): add the field, or if the page renamed one, rename it and keep the old spelling in `aliases`"
                ),
            });
        }
        if let Some(values) = possible_values(text) {
            findings.extend(check_values(view, page, *line, &values));
        }
        if let Some(len) = documented_length(text) {
            let field = field_named_near(&tree, &headers, &lines, i);
            // Lengths are the request's: a response echoing the field may
            // leave `max_len` out, so any field at the path agreeing will do.
            if let Some((name, fields)) = field {
                if !fields.iter().any(|f| f.max_len == Some(len)) {
                    let field = fields
                        .iter()
                        .find(|f| f.max_len.is_some())
                        .unwrap_or(&fields[0]);
                    let spec_has = field
                        .max_len
                        .map_or_else(|| "no max_len".to_owned(), |m| format!("max_len {m}"));
                    findings.push(Finding {
                        doc_file: page.name.clone(),
                        doc_line: Some(*line),
                        kind: Kind::LengthDiffers,
                        severity: Kind::LengthDiffers.severity(),
                        spec_file: Some(field.loc.file.clone()),
                        spec_line: Some(field.loc.line),
                        message: format!(
                            "the page gives `{name}` a length of {len}, the spec {spec_has}: set `max_len: {len}` (or record why not in a discrepancy on the field)"
                        ),
                    });
                }
            }
        }
    }
    findings
}

/// The field names of flattened field tables (`name | description | type |`
/// under a header row whose first cell says "attribute", "parameter" or
/// "field"), by line index: only names starting in lowercase (not `HTTP
/// Method` or a bank's name).
fn field_table_rows(lines: &[(u32, &str)]) -> BTreeMap<usize, String> {
    let mut out = BTreeMap::new();
    let mut in_table = false;
    for (i, (_, text)) in lines.iter().enumerate() {
        let first_cell = text.split('|').next().unwrap_or_default().trim();
        if !text.contains('|') {
            in_table = false;
        } else if text.trim_start().starts_with("---") {
            let header = i
                .checked_sub(1)
                .and_then(|h| lines.get(h))
                .map(|(_, h)| h.split('|').next().unwrap_or_default().to_ascii_lowercase())
                .unwrap_or_default();
            in_table = ["attribute", "parameter", "field"]
                .iter()
                .any(|w| header.contains(w));
        } else if in_table
            && first_cell.starts_with(|c: char| c.is_ascii_lowercase())
            && first_cell
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            out.insert(i, first_cell.to_owned());
        }
    }
    out
}

/// `a.b.c` → `a.b`, `a`.
fn prefixes(name: &str) -> impl Iterator<Item = &str> {
    name.rmatch_indices('.').map(move |(i, _)| &name[..i])
}

/// The dotted field names on a line. A line that is nothing but a name may
/// have a space after a dot (`override_configuration.themes. language`).
fn dotted_names(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    let joined = trimmed.replace(". ", ".");
    if is_dotted(&joined) {
        return vec![joined];
    }
    line.split(|c: char| {
        !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '[' || c == ']')
    })
    .map(|w| strip_indexes(w.trim_matches('.')))
    .filter(|w| is_dotted(w))
    .collect()
}

fn strip_indexes(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut depth = 0;
    for c in word.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// `a.b_c.d`: identifiers joined by dots, all but the first starting in
/// lowercase (so "order.Please" from a missing space is not a name).
fn is_dotted(word: &str) -> bool {
    let mut parts = word.split('.');
    let Some(first) = parts.next() else {
        return false;
    };
    let ident = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let mut rest = 0;
    for part in parts {
        if !ident(part) || !part.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
            return false;
        }
        rest += 1;
    }
    rest > 0 && ident(first)
}

/// The values of a "Possible value(s)" list on the line: the capitalised
/// code of each comma-separated item (`English EN` → `EN`).
fn possible_values(line: &str) -> Option<Vec<String>> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find("possible value")?;
    let rest = &line[at + "possible value".len()..];
    let rest = rest.trim_start_matches(['s', 'S']).trim_start();
    let rest = rest.strip_prefix("are").unwrap_or(rest).trim_start();
    let rest = rest.trim_start_matches(':').trim_start();
    let end = rest
        .find([')', '.'])
        .into_iter()
        .chain(rest.find("Default"))
        .min()
        .unwrap_or(rest.len());
    let values: Vec<String> = rest[..end]
        .split(',')
        .filter_map(|item| {
            item.split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_'))
                .find(|w| {
                    w.len() >= 2
                        && w.starts_with(|c: char| c.is_ascii_uppercase())
                        && w.chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                })
                .map(str::to_owned)
        })
        .collect();
    (values.len() >= 2).then_some(values)
}

/// A value list is compared with the provider's enum that shares most of
/// its values (at least half); a list no enum shares is some other list.
fn check_values(
    view: &ProviderView<'_>,
    page: &Page,
    line: u32,
    values: &[String],
) -> Vec<Finding> {
    let best = view
        .ir
        .enums
        .iter()
        .map(|e| {
            let shared = values
                .iter()
                .filter(|v| e.values.iter().any(|ev| ev.wire == **v))
                .count();
            (e, shared)
        })
        .max_by_key(|(_, shared)| *shared);
    let Some((e, shared)) = best else {
        return Vec::new();
    };
    if shared == 0 || shared * 2 < values.len() {
        return Vec::new();
    }
    values
        .iter()
        .filter(|v| !e.values.iter().any(|ev| ev.wire == **v) && !view.acknowledges(v))
        .map(|v| Finding {
            doc_file: page.name.clone(),
            doc_line: Some(line),
            kind: Kind::EnumValueMissing,
            severity: Kind::EnumValueMissing.severity(),
            spec_file: Some(e.loc.file.clone()),
            spec_line: Some(e.loc.line),
            message: format!(
                "the page lists `{v}` among the possible values ({}), which enum `{}` lacks: add it with the page's description",
                values.join(", "),
                e.name
            ),
        })
        .collect()
}

/// The maximum length a line documents.
fn documented_length(line: &str) -> Option<u32> {
    let lower = line.to_ascii_lowercase();
    for marker in ["string(", "varchar(", "char("] {
        if let Some(at) = lower.find(marker) {
            if let Some(n) = leading_number(&lower[at + marker.len()..]) {
                return Some(n);
            }
        }
    }
    let mut from = 0;
    while let Some(at) = lower[from..].find("max") {
        let start = from + at + 3;
        from = start;
        let rest = lower[start..]
            .trim_start_matches("imum")
            .trim_start_matches('.');
        let rest = rest.trim_start();
        let (said_length, rest) = match rest.strip_prefix("length") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let rest = rest.trim_start().trim_start_matches(':').trim_start();
        if let Some(n) = leading_number(rest) {
            let after = rest
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start();
            if said_length || after.starts_with("char") {
                return Some(n);
            }
        }
    }
    None
}

fn leading_number(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The field a length on line `i` belongs to: a field name on the same
/// line, else a line above holding only a field name.
fn field_named_near<'a>(
    tree: &FieldTree<'a>,
    headers: &[&'a Field],
    lines: &[(u32, &str)],
    i: usize,
) -> Option<(String, Vec<&'a Field>)> {
    // Only string fields have lengths: an object's name in the prose
    // ("identify the order") is not the field a length is about.
    let lookup = |name: &str| -> Option<(String, Vec<&'a Field>)> {
        let (name, fields) = match tree.paths.get(name) {
            Some(fields) => (name, fields.clone()),
            None => {
                let header = headers
                    .iter()
                    .find(|h| h.wire_name.eq_ignore_ascii_case(name))?;
                (header.wire_name.as_str(), vec![*header])
            }
        };
        let strings: Vec<&Field> = fields
            .into_iter()
            .filter(|f| matches!(f.ty, Type::String))
            .collect();
        (!strings.is_empty()).then(|| (name.to_owned(), strings))
    };
    let on_line = lines[i]
        .1
        .split(|c: char| c.is_whitespace() || c == '|')
        .map(|w| w.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')))
        .find_map(|w| lookup(w).or_else(|| lookup(&strip_indexes(w))));
    if on_line.is_some() {
        return on_line;
    }
    lines[i.saturating_sub(NAME_WITHIN)..i]
        .iter()
        .rev()
        .find_map(|(_, text)| lookup(&text.trim().replace(". ", ".")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dotted_names() {
        assert_eq!(
            dotted_names("override_configuration.themes. language"),
            vec!["override_configuration.themes.language"]
        );
        assert_eq!(
            dotted_names("Mandatory if merchant set order.auto_redirect to true, see api.doku.com. Then the order.Please"),
            vec!["order.auto_redirect", "api.doku.com"]
        );
        assert_eq!(
            dotted_names("payment.type ='AUTHORIZATION' and line_items[0].price"),
            vec!["payment.type", "line_items.price"]
        );
    }

    #[test]
    fn reads_value_lists() {
        assert_eq!(
            possible_values("(Possible Values : INSTALLMENT, AUTHORIZE, SALE)").unwrap(),
            vec!["INSTALLMENT", "AUTHORIZE", "SALE"]
        );
        assert_eq!(
            possible_values("Possible value: English EN, Indonesia ID Default: English EN")
                .unwrap(),
            vec!["EN", "ID"]
        );
        assert_eq!(possible_values("Possible value: true, false"), None);
    }

    #[test]
    fn reads_lengths() {
        assert_eq!(
            documented_length("order.x | String(64) | Mandatory"),
            Some(64)
        );
        assert_eq!(
            documented_length("Max length: 64 (27 If you have Mandiri Acquirer)"),
            Some(64)
        );
        assert_eq!(
            documented_length("Unique random string (max 128 characters)"),
            Some(128)
        );
        assert_eq!(documented_length("the max 3 retries"), None);
    }
}
