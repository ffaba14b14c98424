//! Comparing fields (struct fields, headers, path parameters) on one side.

use std::collections::BTreeMap;

use crate::ir::{Field, Type, WireKind};

use super::display::{self, Draft};
use super::uses::Side;
use super::ChangeKind as K;

/// What field comparison needs to know about its surroundings.
pub struct FieldCx<'a> {
    /// Request or response side.
    pub side: Side,
    /// BASE struct name → HEAD struct name, for renamed structs.
    pub struct_renames: &'a BTreeMap<String, String>,
    /// BASE enum name → HEAD enum name, for renamed enums.
    pub enum_renames: &'a BTreeMap<String, String>,
    /// What holds the fields.
    pub holder: Holder,
}

/// What the compared fields belong to, which decides how callers supply them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A struct: mandatory fields are `new(..)` arguments.
    Struct,
    /// A provider's headers, set by the client.
    Header,
    /// An endpoint's path parameters: client method arguments.
    PathParam,
}

impl FieldCx<'_> {
    /// Whether BASE type `b` is HEAD type `h`, seeing through renames.
    pub fn same_type(&self, b: &Type, h: &Type) -> bool {
        match (b, h) {
            (Type::Struct(x), Type::Struct(y)) => self.struct_renames.get(x).unwrap_or(x) == y,
            (Type::Enum(x), Type::Enum(y)) => self.enum_renames.get(x).unwrap_or(x) == y,
            (Type::Array(x), Type::Array(y)) => self.same_type(x, y),
            _ => b == h,
        }
    }

    /// What a new mandatory field means for callers' code.
    fn now_required(&self, rust_name: &str) -> String {
        match self.holder {
            Holder::Struct => format!("`new(..)` takes `{rust_name}` as a new argument, so existing calls stop compiling"),
            Holder::Header => "the client must now send this header".to_owned(),
            Holder::PathParam => format!("the client method takes `{rust_name}` as a new argument, so existing calls stop compiling"),
        }
    }

    fn who(&self) -> &'static str {
        match self.side {
            Side::Request => "callers building this request",
            Side::Response => "callers reading this response",
        }
    }
}

/// Compare two sets of fields matched by wire name; `path_of` turns a wire
/// name into the reported path. Likely renames are reported as renames.
pub fn compare_sets(
    cx: &FieldCx<'_>,
    path_of: &dyn Fn(&str) -> String,
    base: &[Field],
    head: &[Field],
) -> Vec<Draft> {
    let mut out = Vec::new();
    let removed: Vec<(usize, &Field)> = base
        .iter()
        .enumerate()
        .filter(|(_, b)| !head.iter().any(|h| h.wire_name == b.wire_name))
        .collect();
    let added: Vec<(usize, &Field)> = head
        .iter()
        .enumerate()
        .filter(|(_, h)| !base.iter().any(|b| b.wire_name == h.wire_name))
        .collect();
    let mut taken = vec![false; added.len()];

    for b in base {
        if let Some(h) = head.iter().find(|h| h.wire_name == b.wire_name) {
            out.extend(compare_field(cx, &path_of(&h.wire_name), b, h, false));
        }
    }
    for (bi, b) in &removed {
        let by_alias = added
            .iter()
            .enumerate()
            .position(|(k, (_, h))| !taken[k] && h.aliases.contains(&b.wire_name));
        let by_position = || {
            added
                .iter()
                .enumerate()
                .position(|(k, (hi, h))| !taken[k] && hi == bi && cx.same_type(&b.ty, &h.ty))
        };
        match by_alias.or_else(by_position) {
            Some(k) => {
                taken[k] = true;
                let h = added[k].1;
                let path = path_of(&h.wire_name);
                let why = if h.aliases.contains(&b.wire_name) {
                    "the old name is kept as an alias"
                } else {
                    "same type and position"
                };
                out.push(
                    Draft::new(
                        K::FieldRenamed,
                        path.clone(),
                        format!("renamed from {}", b.wire_name),
                        format!(
                            "`{}` is now `{}` on the wire and `{}` in Rust ({why}); {} that use the old name stop compiling.",
                            b.wire_name,
                            h.wire_name,
                            h.rust_name,
                            cx.who()
                        ),
                    )
                    .values(Some(b.wire_name.clone()), Some(h.wire_name.clone()))
                    .at(&h.loc),
                );
                out.extend(compare_field(cx, &path, b, h, true));
            }
            None => out.push(removed_field(cx, &path_of(&b.wire_name), b)),
        }
    }
    for (k, (_, h)) in added.iter().enumerate() {
        if !taken[k] {
            out.push(added_field(cx, &path_of(&h.wire_name), h));
        }
    }
    out
}

fn removed_field(cx: &FieldCx<'_>, path: &str, b: &Field) -> Draft {
    let message = match cx.side {
        Side::Request => format!(
            "The request no longer has `{}`: callers that set `{}` stop compiling, and the provider no longer documents it.",
            b.wire_name, b.rust_name
        ),
        Side::Response => format!(
            "The provider no longer documents sending `{}`: callers that read `{}` stop compiling.",
            b.wire_name, b.rust_name
        ),
    };
    Draft::new(K::FieldRemoved, path, "field removed", message)
        .values(Some(display::spec_type(&b.ty)), None)
        .at(&b.loc)
}

fn added_field(cx: &FieldCx<'_>, path: &str, h: &Field) -> Draft {
    let ty = display::spec_type(&h.ty);
    if cx.side == Side::Request && !h.optional && h.default.is_none() {
        return Draft::new(
            K::RequestFieldAddedMandatory,
            path,
            "new mandatory request field",
            format!(
                "Every request must now carry `{}` ({ty}): requests without it are rejected, and {}.",
                h.wire_name,
                cx.now_required(&h.rust_name)
            ),
        )
        .values(None, Some(ty))
        .at(&h.loc);
    }
    let message = match cx.side {
        Side::Request => format!(
            "New {} request field `{}`; existing requests stay valid.",
            display::presence(h.presence),
            h.wire_name
        ),
        Side::Response => format!(
            "New response field `{}`; response types are `#[non_exhaustive]`, so no caller breaks.",
            h.wire_name
        ),
    };
    Draft::new(K::FieldAdded, path, "field added", message)
        .values(None, Some(ty))
        .at(&h.loc)
}

/// Compare one field present on both sides. `renamed` skips the Rust-name
/// check (the rename entry already says it).
pub fn compare_field(
    cx: &FieldCx<'_>,
    path: &str,
    b: &Field,
    h: &Field,
    renamed: bool,
) -> Vec<Draft> {
    let mut out = Vec::new();
    let mut push = |kind, title: String, message: String, before: String, after: String| {
        out.push(
            Draft::new(kind, path, title, message)
                .values(Some(before), Some(after))
                .at(&h.loc),
        );
    };
    let req = cx.side == Side::Request;

    if !renamed && b.rust_name != h.rust_name {
        push(
            K::FieldRustNameChanged,
            format!("Rust name changed {} → {}", b.rust_name, h.rust_name),
            format!(
                "The wire name is unchanged but the Rust field is now `{}`; code using `{}` stops compiling.",
                h.rust_name, b.rust_name
            ),
            b.rust_name.clone(),
            h.rust_name.clone(),
        );
    }

    if !cx.same_type(&b.ty, &h.ty) {
        let (bt, ht) = (display::spec_type(&b.ty), display::spec_type(&h.ty));
        let message = if req {
            format!("Callers must now send `{ht}` where they sent `{bt}`: code passing the old type stops compiling, and requests shaped as before are rejected.")
        } else {
            format!("The provider now sends `{ht}` where it sent `{bt}`: code reading it as the old type stops compiling.")
        };
        push(
            K::TypeChanged,
            format!("type changed {bt} → {ht}"),
            message,
            bt,
            ht,
        );
    }

    if b.optional != h.optional {
        let (bp, hp) = (
            display::presence(b.presence).to_owned(),
            display::presence(h.presence).to_owned(),
        );
        let (kind, title, message) = match (req, h.optional) {
            (true, false) => (
                K::RequestFieldNowMandatory,
                "request field now mandatory",
                format!("Requests without `{}` are now rejected, and {}.", h.wire_name, cx.now_required(&h.rust_name)),
            ),
            (true, true) => (
                K::RequestFieldNowOptional,
                "request field now optional",
                format!("Requests may omit `{}`; the Rust field becomes `Option<_>` and `new(..)` no longer takes it, so calls passing it must change.", h.wire_name),
            ),
            (false, true) => (
                K::ResponseFieldNowOptional,
                "response field now optional",
                format!("The provider may omit `{}`: the Rust field becomes `Option<_>`, so code reading it must handle its absence.", h.wire_name),
            ),
            (false, false) => (
                K::ResponseFieldNowMandatory,
                "response field now always present",
                format!("The provider always sends `{}`; the Rust field is no longer `Option<_>`.", h.wire_name),
            ),
        };
        push(kind, title.to_owned(), message, bp, hp);
    } else if b.presence != h.presence {
        let (bp, hp) = (
            display::presence(b.presence).to_owned(),
            display::presence(h.presence).to_owned(),
        );
        push(
            K::PresenceChanged,
            format!("presence changed {bp} → {hp}"),
            "Documentation only: the Rust field stays optional.".to_owned(),
            bp,
            hp,
        );
    }

    compare_lengths(cx, &mut push, b, h);
    compare_minimum(cx, &mut push, b, h);

    if b.format != h.format {
        let (bf, hf) = (display::format(b.format), display::format(h.format));
        let title = format!("format changed {bf} → {hf}");
        if !req {
            push(
                K::ResponseConstraintChanged,
                title,
                "Responses are not validated; documentation only.".into(),
                bf,
                hf,
            );
        } else if h.format.is_some() {
            push(K::FormatTightened, title, format!("Validation now requires `{}` to be {hf}; requests that passed before may be rejected.", h.wire_name), bf, hf);
        } else {
            push(K::ConstraintLoosened, title, format!("Validation no longer checks the format of `{}`: values it rejected are now sent, and the provider may still reject them.", h.wire_name), bf, hf);
        }
    }

    if b.default != h.default {
        let show = |d: &Option<crate::ir::Literal>| {
            d.as_ref()
                .map_or_else(|| "none".to_owned(), crate::words::literal)
        };
        let (bd, hd) = (show(&b.default), show(&h.default));
        push(
            K::DefaultChanged,
            format!("default changed {bd} → {hd}"),
            format!("The provider now assumes {hd} when `{}` is absent: callers that leave it out get different behaviour.", h.wire_name),
            bd,
            hd,
        );
    }

    let lost_aliases: Vec<&String> = b
        .aliases
        .iter()
        .filter(|a| !h.aliases.contains(a))
        .collect();
    let new_aliases: Vec<&String> = h
        .aliases
        .iter()
        .filter(|a| !b.aliases.contains(a))
        .collect();
    let lost_kinds: Vec<WireKind> = b
        .also_accepts
        .iter()
        .copied()
        .filter(|k| !h.also_accepts.contains(k))
        .collect();
    let new_kinds: Vec<WireKind> = h
        .also_accepts
        .iter()
        .copied()
        .filter(|k| !b.also_accepts.contains(k))
        .collect();
    if !lost_aliases.is_empty() || !lost_kinds.is_empty() {
        let what = leniency(&lost_aliases, &lost_kinds);
        push(
            K::WireLeniencyReduced,
            format!("no longer accepts {what}"),
            format!(
                "Bodies that spell `{}` as {what} no longer deserialise.",
                h.wire_name
            ),
            what.clone(),
            "none".into(),
        );
    }
    if !new_aliases.is_empty() || !new_kinds.is_empty() {
        let what = leniency(&new_aliases, &new_kinds);
        push(
            K::WireLeniencyAdded,
            format!("also accepts {what}"),
            "Deserialisation accepts more spellings; nothing that parsed before fails.".into(),
            "none".into(),
            what,
        );
    }

    if b.sensitive != h.sensitive {
        let (kind, title, message) = if h.sensitive {
            (
                K::SensitivityAdded,
                "now sensitive",
                "`Debug` no longer prints the value.",
            )
        } else {
            (K::SensitivityRemoved, "no longer sensitive", "`Debug` now prints the value: check it is not a secret or card data, since logs may show it.")
        };
        push(
            kind,
            title.into(),
            message.into(),
            b.sensitive.to_string(),
            h.sensitive.to_string(),
        );
    }

    if b.doc != h.doc {
        push(
            K::DocChanged,
            "description changed".into(),
            "Documentation only.".into(),
            b.doc.clone(),
            h.doc.clone(),
        );
    }
    out
}

fn leniency(aliases: &[&String], kinds: &[WireKind]) -> String {
    let mut parts: Vec<String> = aliases.iter().map(|a| format!("alias {a:?}")).collect();
    parts.extend(kinds.iter().map(|k| {
        match k {
            WireKind::String => "a JSON string",
            WireKind::Integer => "a JSON integer",
            WireKind::Boolean => "a JSON boolean",
        }
        .to_owned()
    }));
    parts.join(", ")
}

type Push<'p> = dyn FnMut(K, String, String, String, String) + 'p;

fn compare_lengths(cx: &FieldCx<'_>, push: &mut Push<'_>, b: &Field, h: &Field) {
    let req = cx.side == Side::Request;
    for (label, bl, hl, is_max) in [
        ("max length", b.max_len, h.max_len, true),
        ("min length", b.min_len, h.min_len, false),
    ] {
        if bl == hl {
            continue;
        }
        let (bs, hs) = (display::number(bl), display::number(hl));
        // Stricter: a maximum appears or drops; a minimum appears or rises.
        let stricter = match (bl, hl) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(x), Some(y)) => (is_max && y < x) || (!is_max && y > x),
            (None, None) => false,
        };
        if !req {
            push(
                K::ResponseConstraintChanged,
                format!("{label} changed {bs} → {hs}"),
                "Responses are not validated; documentation only.".into(),
                bs,
                hs,
            );
        } else if stricter {
            let kind = if is_max {
                K::MaxLenTightened
            } else {
                K::MinLenRaised
            };
            let verb = if is_max { "tightened" } else { "raised" };
            push(
                kind,
                format!("{label} {verb} {bs} → {hs}"),
                format!("Validation now rejects `{}` values that were accepted before ({label} {bs} → {hs}); callers sending such values get a validation error.", h.wire_name),
                bs,
                hs,
            );
        } else {
            push(
                K::ConstraintLoosened,
                format!("{label} loosened {bs} → {hs}"),
                format!("Validation now lets through `{}` values it rejected before; if the provider still enforces {bs}, those requests fail at the provider instead.", h.wire_name),
                bs,
                hs,
            );
        }
    }
}

/// A request number's `minimum`: raised or added is breaking, lowered or
/// dropped loosens validation; on a response it is documentation only.
fn compare_minimum(cx: &FieldCx<'_>, push: &mut Push<'_>, b: &Field, h: &Field) {
    if b.minimum == h.minimum {
        return;
    }
    let show = |n: Option<i64>| n.map_or_else(|| "none".to_owned(), |n| n.to_string());
    let (bs, hs) = (show(b.minimum), show(h.minimum));
    let raised = match (b.minimum, h.minimum) {
        (None, Some(_)) => true,
        (Some(x), Some(y)) => y > x,
        _ => false,
    };
    let (kind, summary, why) = if cx.side != Side::Request {
        (
            K::ResponseConstraintChanged,
            format!("minimum changed {bs} → {hs}"),
            "Responses are not validated; documentation only.".to_owned(),
        )
    } else if raised {
        (
            K::MinimumRaised,
            format!("minimum raised {bs} → {hs}"),
            format!("Validation now rejects `{}` values below {hs} that were accepted before; callers sending them get a validation error.", h.wire_name),
        )
    } else {
        (
            K::ConstraintLoosened,
            format!("minimum loosened {bs} → {hs}"),
            format!("Validation now lets through `{}` values below {bs}; if the provider still refuses them, those requests fail at the provider instead.", h.wire_name),
        )
    };
    push(kind, summary, why, bs, hs);
}
