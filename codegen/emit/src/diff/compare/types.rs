//! Comparing enums (and their values) and structs (fields, rules, examples).

use crate::ir::{Enum, Struct};

use super::ProviderCmp;
use crate::diff::display::Draft;
use crate::diff::field::{compare_sets, Holder};
use crate::diff::rules::compare_rules;
use crate::diff::rust_api::rust_path;
use crate::diff::uses::{join, Side, Use, Uses};
use crate::diff::ChangeKind as K;

impl ProviderCmp<'_> {
    /// Uses of an enum, or one use named after it when no field reaches it.
    fn enum_uses(uses: &Uses, e: &Enum) -> Vec<Use> {
        let list = uses.of_enum(&e.name);
        if !list.is_empty() {
            return list.to_vec();
        }
        let mut sides = Vec::new();
        if e.in_response {
            sides.push(Side::Response);
        }
        if e.in_request || sides.is_empty() {
            sides.push(Side::Request);
        }
        sides
            .into_iter()
            .map(|side| Use {
                endpoint: None,
                side,
                path: e.name.clone(),
            })
            .collect()
    }

    pub(super) fn enums(&mut self) {
        let (b, h) = (self.b, self.h);
        for be in &b.enums {
            let head_name = self.enum_renames.get(&be.name).unwrap_or(&be.name).clone();
            match h.enums.iter().find(|he| he.name == head_name) {
                Some(he) => self.enum_pair(be, he),
                None => {
                    for u in Self::enum_uses(&self.b_uses, be) {
                        self.emit(
                            Draft::new(
                                K::EnumRemoved,
                                be.name.clone(),
                                "enum removed",
                                format!(
                                    "The enum `{}` is gone: code naming it stops compiling.",
                                    be.name
                                ),
                            )
                            .at(&be.loc),
                            u.endpoint.as_deref(),
                        );
                    }
                }
            }
        }
        for he in &h.enums {
            let known = b.enums.iter().any(|be| be.name == he.name)
                || self.enum_renames.values().any(|n| n == &he.name);
            if !known {
                for u in Self::enum_uses(&self.h_uses, he) {
                    self.emit(
                        Draft::new(
                            K::EnumAdded,
                            he.name.clone(),
                            "enum added",
                            format!("New enum `{}`.", he.name),
                        )
                        .at(&he.loc),
                        u.endpoint.as_deref(),
                    );
                }
            }
        }
    }

    fn enum_pair(&mut self, be: &Enum, he: &Enum) {
        let uses = self.old_uses(Self::enum_uses(&self.h_uses, he), &he.name);
        let provider = self.h.name.clone();
        for u in &uses {
            let ep = u.endpoint.as_deref();
            if be.name != he.name {
                self.emit(
                    Draft::new(
                        K::EnumRenamed,
                        he.name.clone(),
                        format!("renamed from {}", be.name),
                        format!("The enum `{}` is now `{}` (same values): code naming the old type stops compiling.", be.name, he.name),
                    )
                    .values(Some(be.name.clone()), Some(he.name.clone()))
                    .at(&he.loc),
                    ep,
                );
            }
            if be.scope != he.scope {
                let (bp, hp) = (
                    rust_path(&provider, &be.scope, &be.name),
                    rust_path(&provider, &he.scope, &he.name),
                );
                self.emit(
                    Draft::new(
                        K::ScopeChanged,
                        he.name.clone(),
                        "moved to another module",
                        format!("`{bp}` is now `{hp}`: imports of the old path stop compiling."),
                    )
                    .values(Some(bp), Some(hp))
                    .at(&he.loc),
                    ep,
                );
            }
            for bv in &be.values {
                let Some(hv) = he.values.iter().find(|v| v.wire == bv.wire) else {
                    let consequence = match u.side {
                        Side::Request => "requests can no longer send it",
                        Side::Response => {
                            "if the provider still sends it, it now arrives as `Unknown(..)`"
                        }
                    };
                    self.emit(
                        Draft::new(
                            K::EnumValueRemoved,
                            u.path.clone(),
                            format!("value {:?} removed from {}", bv.wire, he.name),
                            format!(
                                "`{}::{}` is gone: code naming it stops compiling, and {consequence}.",
                                he.name, bv.rust_name
                            ),
                        )
                        .values(Some(bv.wire.clone()), None)
                        .at(&be.loc),
                        ep,
                    );
                    continue;
                };
                // Other spellings decode to the value: losing one makes it
                // arrive as `Unknown(..)`; gaining one only reads more.
                // Requests always send the documented spelling.
                let decoded = matches!(u.side, Side::Response);
                for (kind, gone, now, from, to) in [
                    (
                        K::WireLeniencyReduced,
                        "no longer",
                        "arrives as `Unknown(..)`",
                        bv,
                        hv,
                    ),
                    (K::WireLeniencyAdded, "now", "decodes as the value", hv, bv),
                ] {
                    let changed = from.aliases.iter().filter(|a| !to.aliases.contains(a));
                    for alias in changed.filter(|_| decoded) {
                        let (before, after) = match kind {
                            K::WireLeniencyAdded => (None, Some(alias.clone())),
                            _ => (Some(alias.clone()), None),
                        };
                        self.emit(
                            Draft::new(
                                kind,
                                u.path.clone(),
                                format!(
                                    "{}::{} {gone} accepts the spelling {alias:?}",
                                    he.name, hv.rust_name
                                ),
                                format!("A received {alias:?} {now}."),
                            )
                            .values(before, after)
                            .at(&he.loc),
                            ep,
                        );
                    }
                }
                if bv.rust_name != hv.rust_name {
                    self.emit(
                        Draft::new(
                            K::EnumVariantRenamed,
                            u.path.clone(),
                            format!("variant {}::{} renamed to {}", he.name, bv.rust_name, hv.rust_name),
                            format!("The wire value {:?} is unchanged, but code naming `{}::{}` stops compiling.", hv.wire, he.name, bv.rust_name),
                        )
                        .values(Some(bv.rust_name.clone()), Some(hv.rust_name.clone()))
                        .at(&he.loc),
                        ep,
                    );
                }
            }
            for hv in &he.values {
                if be.values.iter().any(|v| v.wire == hv.wire) {
                    continue;
                }
                let draft = match u.side {
                    Side::Response => Draft::new(
                        K::ResponseEnumValueAdded,
                        u.path.clone(),
                        format!("value {:?} added to response enum {}", hv.wire, he.name),
                        format!(
                            "`{e}` gains `{e}::{v}`. `{e}` is `#[non_exhaustive]`, so every `match` keeps compiling, but code that handled `{e}::Unknown({w:?})` no longer sees it: it now arrives as `{e}::{v}`.",
                            e = he.name,
                            v = hv.rust_name,
                            w = hv.wire
                        ),
                    ),
                    Side::Request => Draft::new(
                        K::RequestEnumValueAdded,
                        u.path.clone(),
                        format!("value {:?} added to request enum {}", hv.wire, he.name),
                        format!("Callers may now send `{}::{}`; existing requests are unaffected.", he.name, hv.rust_name),
                    ),
                };
                self.emit(draft.values(None, Some(hv.wire.clone())).at(&he.loc), ep);
            }
        }
        if be.doc != he.doc {
            self.emit(
                Draft::new(
                    K::DocChanged,
                    he.name.clone(),
                    "enum doc changed",
                    "Documentation only.",
                )
                .values(Some(be.doc.clone()), Some(he.doc.clone()))
                .at(&he.loc),
                None,
            );
        }
        for bv in &be.values {
            if let Some(hv) = he.values.iter().find(|v| v.wire == bv.wire) {
                if bv.doc != hv.doc {
                    self.emit(
                        Draft::new(
                            K::DocChanged,
                            format!("{}::{}", he.name, hv.rust_name),
                            "value doc changed",
                            "Documentation only.",
                        )
                        .values(Some(bv.doc.clone()), Some(hv.doc.clone()))
                        .at(&he.loc),
                        None,
                    );
                }
            }
        }
    }

    pub(super) fn structs(&mut self) {
        let (b, h) = (self.b, self.h);
        for bs in &b.structs {
            let head_name = self
                .struct_renames
                .get(&bs.name)
                .unwrap_or(&bs.name)
                .clone();
            match h.structs.iter().find(|hs| hs.name == head_name) {
                Some(hs) => self.struct_pair(bs, hs),
                None => {
                    for u in self.b_uses.of_struct(&bs.name, bs.roles) {
                        self.emit(
                            Draft::new(
                                K::StructRemoved,
                                bs.name.clone(),
                                "struct removed",
                                format!(
                                    "The struct `{}` is gone: code naming it stops compiling.",
                                    bs.name
                                ),
                            )
                            .at(&bs.loc),
                            u.endpoint.as_deref(),
                        );
                    }
                }
            }
        }
        for hs in &h.structs {
            let known = b.structs.iter().any(|bs| bs.name == hs.name)
                || self.struct_renames.values().any(|n| n == &hs.name);
            if !known {
                for u in self.h_uses.of_struct(&hs.name, hs.roles) {
                    self.emit(
                        Draft::new(
                            K::StructAdded,
                            hs.name.clone(),
                            "struct added",
                            format!("New struct `{}`.", hs.name),
                        )
                        .at(&hs.loc),
                        u.endpoint.as_deref(),
                    );
                }
            }
        }
    }

    fn struct_pair(&mut self, bs: &Struct, hs: &Struct) {
        // A struct no body reaches in HEAD is reported where BASE reached it.
        let head_uses = self.h_uses.of_struct(&hs.name, hs.roles);
        let uses = if head_uses.iter().all(|u| u.endpoint.is_none()) {
            self.b_uses.of_struct(&bs.name, bs.roles)
        } else {
            self.old_uses(head_uses, &hs.name)
        };
        let provider = self.h.name.clone();
        for u in &uses {
            let ep = u.endpoint.as_deref();
            if bs.name != hs.name {
                self.emit(
                    Draft::new(
                        K::StructRenamed,
                        hs.name.clone(),
                        format!("renamed from {}", bs.name),
                        format!("The struct `{}` is now `{}`: code naming the old type stops compiling.", bs.name, hs.name),
                    )
                    .values(Some(bs.name.clone()), Some(hs.name.clone()))
                    .at(&hs.loc),
                    ep,
                );
            }
            if bs.scope != hs.scope {
                let (bp, hp) = (
                    rust_path(&provider, &bs.scope, &bs.name),
                    rust_path(&provider, &hs.scope, &hs.name),
                );
                self.emit(
                    Draft::new(
                        K::ScopeChanged,
                        hs.name.clone(),
                        "moved to another module",
                        format!("`{bp}` is now `{hp}`: imports of the old path stop compiling."),
                    )
                    .values(Some(bp), Some(hp))
                    .at(&hs.loc),
                    ep,
                );
            }
            let prefix = u.path.clone();
            let drafts = compare_sets(
                &self.cx(u.side, Holder::Struct),
                &|w| join(&prefix, w),
                &bs.fields,
                &hs.fields,
            );
            self.emit_all(drafts, ep);
            if u.side == Side::Request {
                let drafts = compare_rules(&prefix, &bs.rules, &hs.rules);
                self.emit_all(drafts, ep);
            }
        }
        if !uses.iter().any(|u| u.side == Side::Request) {
            // Rules only live on request bodies; report them even if no
            // request reaches this struct any more.
            let drafts = compare_rules(&hs.name, &bs.rules, &hs.rules);
            self.emit_all(drafts, None);
        }
        if bs.doc != hs.doc {
            self.emit(
                Draft::new(
                    K::DocChanged,
                    hs.name.clone(),
                    "struct doc changed",
                    "Documentation only.",
                )
                .values(Some(bs.doc.clone()), Some(hs.doc.clone()))
                .at(&hs.loc),
                None,
            );
        }
        self.examples(bs, hs);
    }

    fn examples(&mut self, bs: &Struct, hs: &Struct) {
        let names: Vec<&String> = {
            let mut n: Vec<&String> = bs
                .examples
                .iter()
                .chain(&hs.examples)
                .map(|e| &e.name)
                .collect();
            n.sort();
            n.dedup();
            n
        };
        for name in names {
            let bj = bs
                .examples
                .iter()
                .find(|e| &e.name == name)
                .map(|e| e.json.clone());
            let hj = hs
                .examples
                .iter()
                .find(|e| &e.name == name)
                .map(|e| e.json.clone());
            if bj == hj {
                continue;
            }
            let title = match (&bj, &hj) {
                (None, _) => "example added",
                (_, None) => "example removed",
                _ => "example changed",
            };
            self.emit(
                Draft::new(
                    K::ExampleChanged,
                    format!("{} example {name:?}", hs.name),
                    title,
                    "Documentation only: a body sample from the docs.",
                )
                .values(bj, hj)
                .at(&hs.loc),
                None,
            );
        }
    }
}
