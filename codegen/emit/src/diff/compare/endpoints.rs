//! Comparing endpoints and notifications: routes, bodies, responses, errors.

use std::collections::BTreeMap;

use crate::ir::{Endpoint, EndpointKind};

use super::ProviderCmp;
use crate::diff::display::Draft;
use crate::diff::field::{compare_sets, Holder};
use crate::diff::uses::Side;
use crate::diff::ChangeKind as K;

impl ProviderCmp<'_> {
    pub(super) fn find_endpoint_renames(&self) -> BTreeMap<String, String> {
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

    pub(super) fn endpoints(&mut self) {
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
            (
                "docs",
                Some(be.docs_files().join(", ")),
                Some(he.docs_files().join(", ")),
            ),
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
            &self.cx(Side::Request, Holder::PathParam),
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
                if let Some(hx) = hx.filter(|hx| hx.status != bx.status) {
                    let show = |s: Option<u16>| s.map_or("not given".to_owned(), |s| s.to_string());
                    self.emit(
                        Draft::new(
                            K::ErrorBodyChanged,
                            label,
                            format!(
                                "error status changed {} → {}",
                                show(bx.status),
                                show(hx.status)
                            ),
                            "Callers that recognise this error by its HTTP status must change.",
                        )
                        .values(Some(show(bx.status)), Some(show(hx.status)))
                        .at(&he.loc),
                        ep,
                    );
                }
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
}

/// `POST /path` for endpoints, `notification` for notifications.
fn route(e: &Endpoint) -> String {
    match (&e.method, &e.path) {
        (Some(m), Some(p)) => format!("{m:?} {p}"),
        _ if e.kind == EndpointKind::Notification => "notification".to_owned(),
        _ => e.name.clone(),
    }
}
