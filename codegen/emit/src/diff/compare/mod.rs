//! Classifying the differences between two IRs, provider by provider.
//!
//! This module holds the per-provider state and provider-wide items
//! (environments, headers, auth, discrepancy notes); `types` compares enums
//! and structs, `endpoints` endpoints, and `renames` finds likely renames.

mod auth;
mod endpoints;
mod renames;
mod types;

use std::collections::BTreeMap;

use crate::ir::{Discrepancy, Ir, Provider};

use super::display::Draft;
use super::field::{compare_sets, FieldCx, Holder};
use super::uses::{Side, Use, Uses};
use super::{decision, Change, ChangeKind as K};

/// Every change between BASE and HEAD, unsorted and unmerged.
pub fn compare(base: &Ir, head: &Ir) -> Vec<Change> {
    let mut out = Vec::new();
    for b in &base.providers {
        match head.providers.iter().find(|h| h.name == b.name) {
            Some(h) => ProviderCmp::new(b, h).run(&mut out),
            None => out.push(
                Draft::new(
                    K::ProviderRemoved,
                    b.name.clone(),
                    "provider removed",
                    format!(
                        "The `payspec::{}` module and its cargo feature are gone; every caller of it stops compiling.",
                        b.name
                    ),
                )
                .at(&b.loc)
                .finish(&b.name, None),
            ),
        }
    }
    for h in &head.providers {
        if !base.providers.iter().any(|b| b.name == h.name) {
            out.push(
                Draft::new(
                    K::ProviderAdded,
                    h.name.clone(),
                    "provider added",
                    format!("New module `payspec::{}`.", h.name),
                )
                .at(&h.loc)
                .finish(&h.name, None),
            );
        }
    }
    out
}

/// Comparison state for one provider present on both sides.
struct ProviderCmp<'a> {
    b: &'a Provider,
    h: &'a Provider,
    b_uses: Uses,
    h_uses: Uses,
    struct_renames: BTreeMap<String, String>,
    enum_renames: BTreeMap<String, String>,
    endpoint_renames: BTreeMap<String, String>,
    out: Vec<Change>,
}

impl<'a> ProviderCmp<'a> {
    fn new(b: &'a Provider, h: &'a Provider) -> Self {
        let mut cmp = ProviderCmp {
            b,
            h,
            b_uses: Uses::of(b),
            h_uses: Uses::of(h),
            struct_renames: BTreeMap::new(),
            enum_renames: BTreeMap::new(),
            endpoint_renames: BTreeMap::new(),
            out: Vec::new(),
        };
        cmp.enum_renames = renames::enum_renames(b, h);
        cmp.struct_renames = renames::struct_renames(b, h);
        cmp.endpoint_renames = cmp.find_endpoint_renames();
        cmp
    }

    fn run(mut self, out: &mut Vec<Change>) {
        self.provider_level();
        self.enums();
        self.structs();
        self.endpoints();
        for d in decision::compare(self.b, self.h) {
            self.emit(d, None);
        }
        self.discrepancies();
        out.append(&mut self.out);
    }

    fn emit(&mut self, draft: Draft, endpoint: Option<&str>) {
        self.out.push(draft.finish(&self.h.name, endpoint));
    }

    fn emit_all(&mut self, drafts: Vec<Draft>, endpoint: Option<&str>) {
        for d in drafts {
            self.emit(d, endpoint);
        }
    }

    fn cx(&self, side: Side, holder: Holder) -> FieldCx<'_> {
        FieldCx {
            side,
            struct_renames: &self.struct_renames,
            enum_renames: &self.enum_renames,
            holder,
        }
    }

    fn provider_level(&mut self) {
        let (b, h) = (self.b, self.h);
        let loc = &h.loc;
        let doc = |path: &str, before: &str, after: &str| {
            Draft::new(
                K::DocChanged,
                path,
                format!("{path} changed"),
                "Documentation only.",
            )
            .values(Some(before.to_owned()), Some(after.to_owned()))
            .at(loc)
        };
        if b.title != h.title {
            self.emit(doc("title", &b.title, &h.title), None);
        }
        if b.doc != h.doc {
            self.emit(doc("doc", &b.doc, &h.doc), None);
        }
        if b.docs != h.docs {
            self.emit(doc("docs", &b.docs.join(", "), &h.docs.join(", ")), None);
        }
        for draft in auth::compare(&b.auth.recipes, &h.auth.recipes, loc) {
            self.emit(draft, None);
        }
        for draft in auth::convention(
            (&b.error_convention, &b.error_shape),
            (&h.error_convention, &h.error_shape),
            loc,
        ) {
            self.emit(draft, None);
        }
        if b.auth.token_claims != h.auth.token_claims {
            let show = |c: &Option<crate::ir::TokenClaims>| {
                c.map_or("none".to_owned(), |c| format!("{c:?}"))
            };
            self.emit(
                Draft::new(
                    K::AuthChanged,
                    "auth.token_claims",
                    "token claims changed",
                    "The JWT the client signs carries different claims; the provider may reject tokens built the old way.",
                )
                .values(Some(show(&b.auth.token_claims)), Some(show(&h.auth.token_claims)))
                .at(loc),
                None,
            );
        }
        if b.auth.doc != h.auth.doc {
            self.emit(doc("auth.doc", &b.auth.doc, &h.auth.doc), None);
        }
        self.environments();
        for (side, bh, hh, label) in [
            (
                Side::Request,
                &b.request_headers,
                &h.request_headers,
                "request header",
            ),
            (
                Side::Response,
                &b.response_headers,
                &h.response_headers,
                "response header",
            ),
        ] {
            let bf: Vec<_> = bh.iter().map(|x| x.field.clone()).collect();
            let hf: Vec<_> = hh.iter().map(|x| x.field.clone()).collect();
            let drafts = compare_sets(
                &self.cx(side, Holder::Header),
                &|w| format!("{label} {w}"),
                &bf,
                &hf,
            );
            self.emit_all(drafts, None);
        }
    }

    fn environments(&mut self) {
        let (b, h) = (self.b, self.h);
        for be in &b.environments {
            let path = format!("environments.{}", be.name);
            match h.environments.iter().find(|he| he.name == be.name) {
                None => self.emit(
                    Draft::new(
                        K::EnvironmentRemoved,
                        path,
                        "environment removed",
                        format!(
                            "`Environment::{}` is gone: clients configured with it stop compiling.",
                            be.rust_name
                        ),
                    )
                    .values(Some(be.base_url.clone()), None)
                    .at(&b.loc),
                    None,
                ),
                Some(he) => {
                    if be.base_url != he.base_url {
                        self.emit(
                            Draft::new(
                                K::BaseUrlChanged,
                                path.clone(),
                                format!("base URL changed {} → {}", be.base_url, he.base_url),
                                format!("Every request in `{}` now goes to another host; callers' firewall rules and credentials may not match it.", be.name),
                            )
                            .values(Some(be.base_url.clone()), Some(he.base_url.clone()))
                            .at(&h.loc),
                            None,
                        );
                    }
                    if be.doc != he.doc {
                        self.emit(
                            Draft::new(
                                K::DocChanged,
                                path,
                                "environment doc changed",
                                "Documentation only.",
                            )
                            .values(be.doc.clone(), he.doc.clone())
                            .at(&h.loc),
                            None,
                        );
                    }
                }
            }
        }
        for he in &h.environments {
            if !b.environments.iter().any(|be| be.name == he.name) {
                self.emit(
                    Draft::new(
                        K::EnvironmentAdded,
                        format!("environments.{}", he.name),
                        "environment added",
                        format!("New `Environment::{}`.", he.rust_name),
                    )
                    .values(None, Some(he.base_url.clone()))
                    .at(&h.loc),
                    None,
                );
            }
        }
    }

    /// Keep the HEAD uses through endpoints that BASE already had: a change
    /// to a struct means nothing to an endpoint that is itself new. When
    /// only new endpoints reach it, one use named after the item remains.
    fn old_uses(&self, uses: Vec<Use>, name: &str) -> Vec<Use> {
        let existed = |ep: &str| {
            self.b.endpoints.iter().any(|e| e.name == ep) && !self.endpoint_renames.contains_key(ep)
                || self.endpoint_renames.values().any(|n| n == ep)
        };
        let mut kept: Vec<Use> = Vec::new();
        let mut dropped_sides = Vec::new();
        for u in uses {
            match u.endpoint.as_deref() {
                Some(ep) if !existed(ep) => dropped_sides.push(u.side),
                _ => kept.push(u),
            }
        }
        if kept.is_empty() {
            dropped_sides.sort();
            dropped_sides.dedup();
            kept = dropped_sides
                .into_iter()
                .map(|side| Use {
                    endpoint: None,
                    side,
                    path: name.to_owned(),
                })
                .collect();
        }
        kept
    }

    /// Notes are matched by content first, so reordering is no change, then
    /// by subject (`about`), so an edited note is one change.
    fn discrepancies(&mut self) {
        let (b, h) = (self.b, self.h);
        let same = |x: &Discrepancy, y: &Discrepancy| {
            x.about == y.about && x.quotes == y.quotes && x.accepts == y.accepts
        };
        let text = |d: &Discrepancy| format!("{} (accepts: {})", d.quotes.join(" / "), d.accepts);
        let mut head: Vec<&Discrepancy> = h.discrepancies.iter().collect();
        let mut base_left = Vec::new();
        for bd in &b.discrepancies {
            match head.iter().position(|hd| same(bd, hd)) {
                Some(k) => {
                    head.remove(k);
                }
                None => base_left.push(bd),
            }
        }
        for bd in base_left {
            let draft = match head.iter().position(|hd| hd.about == bd.about) {
                Some(k) => {
                    let hd = head.remove(k);
                    Draft::new(
                        K::DiscrepancyChanged,
                        hd.about.clone(),
                        "discrepancy note changed",
                        "Documentation of what the generated code accepts; check the wire behaviour it describes.",
                    )
                    .values(Some(text(bd)), Some(text(hd)))
                    .at(&hd.loc)
                }
                None => Draft::new(
                    K::DiscrepancyRemoved,
                    bd.about.clone(),
                    "discrepancy note removed",
                    "Documentation only.",
                )
                .values(Some(text(bd)), None)
                .at(&bd.loc),
            };
            self.emit(draft, None);
        }
        for hd in head {
            self.emit(
                Draft::new(
                    K::DiscrepancyAdded,
                    hd.about.clone(),
                    "discrepancy note added",
                    "Documentation of a contradiction in the provider docs.",
                )
                .values(None, Some(text(hd)))
                .at(&hd.loc),
                None,
            );
        }
    }
}
