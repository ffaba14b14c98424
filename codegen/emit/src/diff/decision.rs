//! Comparing decision tables by what they answer, not how they are written.
//!
//! Inputs are booleans and enums, so every input combination can be listed:
//! both tables are evaluated over the same combinations (enum values of BASE
//! and HEAD, an unlisted value standing for `Unknown(..)`, and `None` for
//! optional inputs), and every combination whose answer differs is reported.
//! Rewriting a table without changing its answers is no change.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Decision, DecisionMatch, DecisionType, Provider};

use super::display::{self, Draft};
use super::rust_api::{decision_signature, rust_path};
use super::ChangeKind as K;

/// Larger tables are compared structurally instead.
const MAX_COMBINATIONS: usize = 100_000;
/// Combinations listed in one change before "and N more".
const MAX_LISTED: usize = 8;
/// Stands for an enum value neither side lists (`Unknown(..)`).
const UNLISTED: &str = "\u{1}unlisted";

/// Every decision change of one provider.
pub fn compare(b: &Provider, h: &Provider) -> Vec<Draft> {
    let mut out = Vec::new();
    for bd in &b.decisions {
        match h.decisions.iter().find(|hd| hd.name == bd.name) {
            Some(hd) => pair(b, h, bd, hd, &mut out),
            None => out.push(
                Draft::new(
                    K::DecisionRemoved,
                    bd.name.clone(),
                    "decision removed",
                    format!(
                        "The function `{}` is gone: callers of it stop compiling.",
                        bd.name
                    ),
                )
                .values(Some(decision_signature(bd)), None)
                .at(&bd.loc),
            ),
        }
    }
    for hd in &h.decisions {
        if !b.decisions.iter().any(|bd| bd.name == hd.name) {
            out.push(
                Draft::new(
                    K::DecisionAdded,
                    hd.name.clone(),
                    "decision added",
                    format!("New query function `{}`.", hd.name),
                )
                .values(None, Some(decision_signature(hd)))
                .at(&hd.loc),
            );
        }
    }
    out
}

fn pair(bp: &Provider, hp: &Provider, bd: &Decision, hd: &Decision, out: &mut Vec<Draft>) {
    let (bs, hs) = (decision_signature(bd), decision_signature(hd));
    if bs != hs {
        out.push(
            Draft::new(
                K::DecisionSignatureChanged,
                hd.name.clone(),
                format!("signature changed {bs} → {hs}"),
                format!(
                    "`{}` takes or returns other types now: existing calls stop compiling.",
                    hd.name
                ),
            )
            .values(Some(bs), Some(hs))
            .at(&hd.loc),
        );
    }
    if bd.scope != hd.scope {
        let (b, h) = (
            rust_path(&bp.name, &bd.scope, &bd.name),
            rust_path(&hp.name, &hd.scope, &hd.name),
        );
        out.push(
            Draft::new(
                K::ScopeChanged,
                hd.name.clone(),
                "moved to another module",
                format!("`{b}` is now `{h}`: imports of the old path stop compiling."),
            )
            .values(Some(b), Some(h))
            .at(&hd.loc),
        );
    }
    for (what, b, h) in [
        ("doc", &bd.doc, &hd.doc),
        ("source", &bd.source, &hd.source),
    ] {
        if b != h {
            out.push(
                Draft::new(
                    K::DocChanged,
                    hd.name.clone(),
                    format!("decision {what} changed"),
                    "Documentation only.",
                )
                .values(Some(b.clone()), Some(h.clone()))
                .at(&hd.loc),
            );
        }
    }
    let same_inputs = bd.inputs.len() == hd.inputs.len()
        && bd
            .inputs
            .iter()
            .zip(&hd.inputs)
            .all(|(x, y)| x.name == y.name && x.ty == y.ty && x.optional == y.optional);
    if !same_inputs || bd.output != hd.output {
        return; // the signature change says it all
    }
    let domains: Vec<Vec<Option<String>>> = hd
        .inputs
        .iter()
        .map(|i| domain(bp, hp, &i.ty, i.optional))
        .collect();
    let total = domains
        .iter()
        .try_fold(1usize, |acc, d| acc.checked_mul(d.len()));
    match total {
        Some(n) if n <= MAX_COMBINATIONS => semantic(bd, hd, &domains, out),
        _ => {
            if bd.rows != hd.rows || bd.otherwise != hd.otherwise {
                out.push(
                    Draft::new(
                        K::DecisionTableChanged,
                        hd.name.clone(),
                        "decision table changed",
                        "The table has too many input combinations to compare answer by answer; read the spec change.",
                    )
                    .at(&hd.loc),
                );
            }
        }
    }
}

/// Values an input can take: both sides' enum values plus an unlisted one,
/// `true`/`false`, and `None` when optional.
fn domain(bp: &Provider, hp: &Provider, ty: &DecisionType, optional: bool) -> Vec<Option<String>> {
    let mut values: Vec<Option<String>> = match ty {
        DecisionType::Boolean => vec![Some("true".into()), Some("false".into())],
        DecisionType::Enum(name) => {
            let mut set: BTreeSet<String> = BTreeSet::new();
            for p in [bp, hp] {
                if let Some(e) = p.enums.iter().find(|e| &e.name == name) {
                    set.extend(e.values.iter().map(|v| v.wire.clone()));
                }
            }
            let mut v: Vec<Option<String>> = set.into_iter().map(Some).collect();
            v.push(Some(UNLISTED.into()));
            v
        }
    };
    if optional {
        values.push(None);
    }
    values
}

fn eval(d: &Decision, combo: &[Option<String>]) -> Option<String> {
    let hit = |m: &DecisionMatch, v: &Option<String>| match m {
        DecisionMatch::AnyOf(l) => v
            .as_ref()
            .is_some_and(|v| l.iter().any(|x| &display::literal_key(x) == v)),
        DecisionMatch::NoneOf(l) => v
            .as_ref()
            .map_or(true, |v| !l.iter().any(|x| &display::literal_key(x) == v)),
    };
    for row in &d.rows {
        if row
            .when
            .iter()
            .all(|(i, m)| combo.get(*i).is_some_and(|v| hit(m, v)))
        {
            return Some(display::literal_key(&row.then));
        }
    }
    d.otherwise.as_ref().map(display::literal_key)
}

fn show_value(v: &Option<String>) -> String {
    match v.as_deref() {
        None => "None".into(),
        Some(UNLISTED) => "any other value".into(),
        Some(s) => s.to_owned(),
    }
}

/// One differing answer: input values (display), BASE answer, HEAD answer.
type Diff = (Vec<String>, String, String);

fn semantic(bd: &Decision, hd: &Decision, domains: &[Vec<Option<String>>], out: &mut Vec<Draft>) {
    let mut diffs: Vec<Diff> = Vec::new();
    let mut idx = vec![0usize; domains.len()];
    loop {
        let combo: Vec<Option<String>> = idx
            .iter()
            .zip(domains)
            .map(|(&i, d)| d[i].clone())
            .collect();
        let (b, h) = (eval(bd, &combo), eval(hd, &combo));
        if b != h {
            let show = |o: &Option<String>| o.clone().unwrap_or_else(|| "None".into());
            diffs.push((combo.iter().map(show_value).collect(), show(&b), show(&h)));
        }
        // Next combination, last input fastest.
        let mut k = domains.len();
        loop {
            if k == 0 {
                return finish(hd, domains, diffs, out);
            }
            k -= 1;
            idx[k] += 1;
            if idx[k] < domains[k].len() {
                break;
            }
            idx[k] = 0;
        }
    }
}

fn finish(hd: &Decision, domains: &[Vec<Option<String>>], diffs: Vec<Diff>, out: &mut Vec<Draft>) {
    let boolean = hd.output == DecisionType::Boolean;
    let mut buckets: BTreeMap<K, Vec<Diff>> = BTreeMap::new();
    for d in diffs {
        let kind = match (d.1.as_str(), d.2.as_str()) {
            ("true", _) if boolean => K::DecisionNarrowed,
            (_, "true") if boolean => K::DecisionWidened,
            (_, "None") => K::DecisionNarrowed,
            ("None", _) => K::DecisionWidened,
            _ => K::DecisionResultChanged,
        };
        buckets.entry(kind).or_default().push(d);
    }
    let names: Vec<&str> = hd.inputs.iter().map(|i| i.name.as_str()).collect();
    let widths: Vec<usize> = domains.iter().map(Vec::len).collect();
    for (kind, diffs) in buckets {
        let rows = collapse(diffs, &widths);
        // Boolean answers in the narrowed and widened lists are implied by the title.
        let implied = boolean && kind != K::DecisionResultChanged;
        let item = |r: &Diff| {
            if implied {
                combo_text(&names, r)
            } else {
                format!("{} ({} → {})", combo_text(&names, r), r.1, r.2)
            }
        };
        let mut list = rows
            .iter()
            .take(MAX_LISTED)
            .map(item)
            .collect::<Vec<_>>()
            .join("; ");
        let more = rows.len().saturating_sub(MAX_LISTED);
        if more > 0 {
            list.push_str(&format!("; and {more} more"));
        }
        let before: Vec<String> = rows
            .iter()
            .take(MAX_LISTED)
            .map(|r| format!("{} → {}", combo_text(&names, r), r.1))
            .collect();
        let after: Vec<String> = rows
            .iter()
            .take(MAX_LISTED)
            .map(|r| format!("{} → {}", combo_text(&names, r), r.2))
            .collect();
        let (title, message) = match kind {
            K::DecisionNarrowed if boolean => (
                format!("now false for {list}"),
                format!("`{}` now answers false for these inputs: callers that rely on it, e.g. to offer a channel or bank, stop offering it.", hd.name),
            ),
            K::DecisionNarrowed => (
                format!("no answer any more for {list}"),
                format!("`{}` now returns `None` for these inputs: callers that used its answer there get none.", hd.name),
            ),
            K::DecisionWidened if boolean => (
                format!("now true for {list}"),
                format!("`{}` now answers true for more inputs.", hd.name),
            ),
            K::DecisionWidened => (
                format!("now answers for {list}"),
                format!("`{}` now has an answer for inputs it returned `None` for.", hd.name),
            ),
            _ => (
                format!("answer changed for {list}"),
                format!("`{}` gives a different answer for these inputs; callers acting on it behave differently.", hd.name),
            ),
        };
        out.push(
            Draft::new(kind, hd.name.clone(), title, message)
                .values(Some(before.join("; ")), Some(after.join("; ")))
                .at(&hd.loc),
        );
    }
}

/// Merge combinations that differ only in one input covering its whole
/// domain into one with `*` for that input, input by input.
fn collapse(mut rows: Vec<Diff>, widths: &[usize]) -> Vec<Diff> {
    for (i, &width) in widths.iter().enumerate() {
        let mut groups: BTreeMap<Diff, BTreeSet<String>> = BTreeMap::new();
        let mut order: Vec<Diff> = Vec::new();
        for (mut coords, b, h) in rows.drain(..) {
            let v = std::mem::take(&mut coords[i]);
            let key = (coords, b, h);
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().insert(v);
        }
        for key in order {
            let values = groups.remove(&key).unwrap_or_default();
            if values.len() == width && width > 1 {
                let mut k = key;
                k.0[i] = "*".into();
                rows.push(k);
            } else {
                for v in values {
                    let mut k = key.clone();
                    k.0[i] = v;
                    rows.push(k);
                }
            }
        }
    }
    rows
}

fn combo_text(names: &[&str], row: &Diff) -> String {
    let parts: Vec<String> = names
        .iter()
        .zip(&row.0)
        .filter(|(_, v)| v.as_str() != "*")
        .map(|(n, v)| format!("{n}={v}"))
        .collect();
    if parts.is_empty() {
        "all inputs".into()
    } else {
        parts.join(", ")
    }
}
