//! Classifying the differences between two IRs, provider by provider.

use std::collections::BTreeMap;

use crate::ir::{Endpoint, EndpointKind, Enum, Ir, Provider, Struct};

use super::display::{self, Draft};
use super::field::{compare_sets, FieldCx};
use super::rules::compare_rules;
use super::rust_api::rust_path;
use super::uses::{join, Side, Use, Uses};
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
        cmp.enum_renames = enum_renames(b, h);
        cmp.struct_renames = struct_renames(b, h);
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

    fn cx(&self, side: Side) -> FieldCx<'_> {
        FieldCx {
            side,
            struct_renames: &self.struct_renames,
            enum_renames: &self.enum_renames,
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
        if b.auth.scheme != h.auth.scheme {
            let (bs, hs) = (
                format!("{:?}", b.auth.scheme),
                format!("{:?}", h.auth.scheme),
            );
            self.emit(
                Draft::new(
                    K::AuthSchemeChanged,
                    "auth.scheme",
                    format!("auth scheme changed {bs} → {hs}"),
                    "Requests are authenticated differently: the client's credentials type changes and callers must supply new secrets.",
                )
                .values(Some(bs), Some(hs))
                .at(loc),
                None,
            );
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
            let drafts = compare_sets(&self.cx(side), &|w| format!("{label} {w}"), &bf, &hf);
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

    fn enums(&mut self) {
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
                            "`{e}` gains `{e}::{v}`. Callers that match `{e}` exhaustively without a wildcard arm stop compiling, and code that handled `{e}::Unknown({w:?})` no longer sees it: it now arrives as `{e}::{v}`.",
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

    fn structs(&mut self) {
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
                &self.cx(u.side),
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

    fn find_endpoint_renames(&self) -> BTreeMap<String, String> {
        let (b, h) = (self.b, self.h);
        let removed: Vec<&Endpoint> = b
            .endpoints
            .iter()
            .filter(|e| !h.endpoints.iter().any(|x| x.name == e.name))
            .collect();
        let added: Vec<&Endpoint> = h
            .endpoints
            .iter()
            .filter(|e| !b.endpoints.iter().any(|x| x.name == e.name))
            .collect();
        let mut taken = vec![false; added.len()];
        let mut renames = BTreeMap::new();
        for r in removed {
            let found = added.iter().enumerate().position(|(k, a)| {
                let same_route = r.method.is_some()
                    && r.path.is_some()
                    && r.method == a.method
                    && r.path == a.path;
                let same_body = r.request.is_some()
                    && r.request
                        .as_ref()
                        .map(|n| self.struct_renames.get(n).unwrap_or(n))
                        == a.request.as_ref();
                !taken[k] && r.kind == a.kind && (same_route || same_body)
            });
            if let Some(k) = found {
                taken[k] = true;
                renames.insert(r.name.clone(), added[k].name.clone());
            }
        }
        renames
    }

    fn endpoints(&mut self) {
        let (b, h) = (self.b, self.h);
        for be in &b.endpoints {
            let head_name = self
                .endpoint_renames
                .get(&be.name)
                .unwrap_or(&be.name)
                .clone();
            match h.endpoints.iter().find(|he| he.name == head_name) {
                Some(he) => self.endpoint_pair(be, he),
                None => {
                    let message = match be.kind {
                        EndpointKind::Endpoint => format!("`{}` is no longer documented: callers of the client method `{}` stop compiling.", route(be), be.name),
                        EndpointKind::Notification => format!("The notification `{}` is no longer documented: handlers using its body type stop compiling.", be.name),
                    };
                    self.emit(
                        Draft::new(K::EndpointRemoved, route(be), "endpoint removed", message)
                            .at(&be.loc),
                        Some(&be.name),
                    );
                }
            }
        }
        for he in &h.endpoints {
            let known = b.endpoints.iter().any(|be| be.name == he.name)
                || self.endpoint_renames.values().any(|n| n == &he.name);
            if !known {
                self.emit(
                    Draft::new(
                        K::EndpointAdded,
                        route(he),
                        "endpoint added",
                        format!("New: {}", he.summary),
                    )
                    .at(&he.loc),
                    Some(&he.name),
                );
            }
        }
    }

    fn endpoint_pair(&mut self, be: &Endpoint, he: &Endpoint) {
        let ep = Some(he.name.as_str());
        let r = route(he);
        let change = |kind, title: String, message: String, before: String, after: String| {
            Draft::new(kind, r.clone(), title, message)
                .values(Some(before), Some(after))
                .at(&he.loc)
        };
        if be.name != he.name {
            let message = match he.kind {
                EndpointKind::Endpoint => format!(
                    "The client method `{}` is now `{}`: existing calls stop compiling.",
                    be.name, he.name
                ),
                EndpointKind::Notification => format!(
                    "The notification `{}` is now `{}`: handlers referring to it by name must change.",
                    be.name, he.name
                ),
            };
            self.emit(
                change(
                    K::EndpointRenamed,
                    format!("renamed from {}", be.name),
                    message,
                    be.name.clone(),
                    he.name.clone(),
                ),
                ep,
            );
        }
        if be.method != he.method {
            let show = |m: Option<crate::ir::HttpMethod>| {
                m.map_or("none".to_owned(), |m| format!("{m:?}"))
            };
            let (bm, hm) = (show(be.method), show(he.method));
            self.emit(change(K::MethodChanged, format!("method changed {bm} → {hm}"), "Requests are sent with another HTTP method (and signed differently); proxies and allow-lists keyed on it must change.".into(), bm, hm), ep);
        }
        if be.path != he.path {
            let (bp, hp) = (
                be.path.clone().unwrap_or_default(),
                he.path.clone().unwrap_or_default(),
            );
            self.emit(change(K::HttpPathChanged, format!("path changed {bp} → {hp}"), "Requests go to another URL path; proxies and allow-lists keyed on it must change.".into(), bp, hp), ep);
        }
        if be.area != he.area {
            self.emit(change(K::EndpointAreaChanged, format!("area changed {} → {}", be.area, he.area), "The endpoint moved to another product area; its types' moves are listed separately.".into(), be.area.clone(), he.area.clone()), ep);
        }
        for (what, bt, ht) in [
            (
                "summary",
                Some(be.summary.clone()),
                Some(he.summary.clone()),
            ),
            ("doc", be.doc.clone(), he.doc.clone()),
            ("docs", Some(be.docs.clone()), Some(he.docs.clone())),
        ] {
            if bt != ht {
                self.emit(
                    Draft::new(
                        K::DocChanged,
                        r.clone(),
                        format!("{what} changed"),
                        "Documentation only.",
                    )
                    .values(bt, ht)
                    .at(&he.loc),
                    ep,
                );
            }
        }
        let drafts = compare_sets(
            &self.cx(Side::Request),
            &|w| format!("{{{w}}}"),
            &be.path_params,
            &he.path_params,
        );
        self.emit_all(drafts, ep);

        let renames = self.struct_renames.clone();
        let mapped = |n: &Option<String>| n.as_ref().map(|n| renames.get(n).unwrap_or(n).clone());
        if mapped(&be.request) != he.request {
            let show = |n: &Option<String>| n.clone().unwrap_or_else(|| "none".into());
            self.emit(
                change(
                    K::RequestBodyChanged,
                    format!(
                        "request body changed {} → {}",
                        show(&be.request),
                        show(&he.request)
                    ),
                    "The body is another type: callers building the old type stop compiling."
                        .into(),
                    show(&be.request),
                    show(&he.request),
                ),
                ep,
            );
        }
        for br in &be.responses {
            let label = format!("response[{}]", br.status);
            match he.responses.iter().find(|x| x.status == br.status) {
                None => self.emit(
                    Draft::new(K::ResponseRemoved, label, format!("response {} removed", br.status), format!("The provider no longer documents status {}: callers handling `{}` there must change.", br.status, br.body))
                        .values(Some(br.body.clone()), None)
                        .at(&be.loc),
                    ep,
                ),
                Some(hr) if mapped(&Some(br.body.clone())).as_ref() != Some(&hr.body) => self.emit(
                    Draft::new(K::ResponseBodyChanged, label, format!("response {} body changed {} → {}", br.status, br.body, hr.body), "Callers reading the old body type stop compiling.")
                        .values(Some(br.body.clone()), Some(hr.body.clone()))
                        .at(&he.loc),
                    ep,
                ),
                Some(_) => {}
            }
        }
        for hr in &he.responses {
            if !be.responses.iter().any(|x| x.status == hr.status) {
                self.emit(
                    Draft::new(
                        K::ResponseAdded,
                        format!("response[{}]", hr.status),
                        format!("response {} added", hr.status),
                        "A newly documented response.",
                    )
                    .values(None, Some(hr.body.clone()))
                    .at(&he.loc),
                    ep,
                );
            }
        }
        for bx in &be.errors {
            let label = format!("error[{}]", bx.name);
            let hx = he.errors.iter().find(|x| x.name == bx.name);
            if hx.map(|x| &x.body) == mapped(&Some(bx.body.clone())).as_ref() {
                continue;
            }
            let after = hx.map(|x| x.body.clone());
            let title = if after.is_some() {
                "error body changed"
            } else {
                "error body removed"
            };
            self.emit(
                Draft::new(
                    K::ErrorBodyChanged,
                    label,
                    title,
                    "Callers that parse this error body into the old type must change.",
                )
                .values(Some(bx.body.clone()), after)
                .at(&he.loc),
                ep,
            );
        }
        for hx in &he.errors {
            if !be.errors.iter().any(|x| x.name == hx.name) {
                self.emit(
                    Draft::new(
                        K::ResponseAdded,
                        format!("error[{}]", hx.name),
                        "error body added",
                        "A newly documented error body.",
                    )
                    .values(None, Some(hx.body.clone()))
                    .at(&he.loc),
                    ep,
                );
            }
        }
    }

    fn discrepancies(&mut self) {
        let keyed = |p: &'a Provider| {
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            p.discrepancies
                .iter()
                .map(|d| {
                    let n = seen.entry(d.about.as_str()).or_default();
                    *n += 1;
                    ((d.about.clone(), *n), d)
                })
                .collect::<BTreeMap<_, _>>()
        };
        let (bk, hk) = (keyed(self.b), keyed(self.h));
        let text = |d: &crate::ir::Discrepancy| {
            format!("{} (accepts: {})", d.quotes.join(" / "), d.accepts)
        };
        for (key, bd) in &bk {
            match hk.get(key) {
                None => self.emit(
                    Draft::new(K::DiscrepancyRemoved, key.0.clone(), "discrepancy note removed", "Documentation only.")
                        .values(Some(text(bd)), None)
                        .at(&bd.loc),
                    None,
                ),
                Some(hd) if bd.quotes != hd.quotes || bd.accepts != hd.accepts => self.emit(
                    Draft::new(K::DiscrepancyChanged, key.0.clone(), "discrepancy note changed", "Documentation of what the generated code accepts; check the wire behaviour it describes.")
                        .values(Some(text(bd)), Some(text(hd)))
                        .at(&hd.loc),
                    None,
                ),
                Some(_) => {}
            }
        }
        for (key, hd) in &hk {
            if !bk.contains_key(key) {
                self.emit(
                    Draft::new(
                        K::DiscrepancyAdded,
                        key.0.clone(),
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
}

/// `POST /path` for endpoints, `notification` for notifications.
fn route(e: &Endpoint) -> String {
    match (&e.method, &e.path) {
        (Some(m), Some(p)) => format!("{m:?} {p}"),
        _ if e.kind == EndpointKind::Notification => "notification".to_owned(),
        _ => e.name.clone(),
    }
}

/// BASE enums that disappeared while a HEAD enum with the same values appeared.
fn enum_renames(b: &Provider, h: &Provider) -> BTreeMap<String, String> {
    fn values(e: &Enum) -> Vec<&str> {
        let mut v: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
        v.sort_unstable();
        v
    }
    let added: Vec<&Enum> = h
        .enums
        .iter()
        .filter(|e| !b.enums.iter().any(|x| x.name == e.name))
        .collect();
    let mut taken = vec![false; added.len()];
    let mut out = BTreeMap::new();
    for r in b
        .enums
        .iter()
        .filter(|e| !h.enums.iter().any(|x| x.name == e.name))
    {
        if let Some(k) = added
            .iter()
            .enumerate()
            .position(|(k, a)| !taken[k] && !r.values.is_empty() && values(r) == values(a))
        {
            taken[k] = true;
            out.insert(r.name.clone(), added[k].name.clone());
        }
    }
    out
}

/// BASE structs that disappeared while a HEAD struct with the same fields
/// appeared, or took the same body slot of the same endpoint.
fn struct_renames(b: &Provider, h: &Provider) -> BTreeMap<String, String> {
    let shape = |s: &Struct| {
        s.fields
            .iter()
            .map(|f| (f.wire_name.clone(), display::spec_type(&f.ty), f.optional))
            .collect::<Vec<_>>()
    };
    let slots = |p: &Provider, name: &str| {
        let mut out = Vec::new();
        for e in &p.endpoints {
            if e.request.as_deref() == Some(name) {
                out.push(format!("{} request", e.name));
            }
            out.extend(
                e.responses
                    .iter()
                    .filter(|r| r.body == name)
                    .map(|r| format!("{} {}", e.name, r.status)),
            );
            out.extend(
                e.errors
                    .iter()
                    .filter(|x| x.body == name)
                    .map(|x| format!("{} {}", e.name, x.name)),
            );
        }
        out
    };
    let added: Vec<&Struct> = h
        .structs
        .iter()
        .filter(|s| !b.structs.iter().any(|x| x.name == s.name))
        .collect();
    let mut taken = vec![false; added.len()];
    let mut out = BTreeMap::new();
    for r in b
        .structs
        .iter()
        .filter(|s| !h.structs.iter().any(|x| x.name == s.name))
    {
        let r_slots = slots(b, &r.name);
        let found = added.iter().enumerate().position(|(k, a)| {
            let same_shape = !r.fields.is_empty() && shape(r) == shape(a);
            let same_slot = slots(h, &a.name).iter().any(|s| r_slots.contains(s));
            !taken[k] && (same_shape || same_slot)
        });
        if let Some(k) = found {
            taken[k] = true;
            out.insert(r.name.clone(), added[k].name.clone());
        }
    }
    out
}
