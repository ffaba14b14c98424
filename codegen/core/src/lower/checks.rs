//! Whole-provider checks once everything is lowered: roles, enum usage,
//! unreferenced items, conditional fields without rules, duplicate routes.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use super::Sink;
use crate::ir::{EndpointKind, Loc, Presence, Provider, Scope, Type};

/// What lowering learned that the IR does not keep.
pub(crate) struct Facts<'a> {
    /// Enum and struct names something uses.
    pub referenced: &'a HashSet<String>,
    /// Types from `types:` sections.
    pub named_types: &'a [(String, Loc)],
    /// (struct, wire name) of fields a presence rule names.
    pub rule_targets: &'a HashSet<(String, String)>,
}

/// Computes roles and enum usage, then reports the whole-provider lints.
pub(crate) fn run(p: &mut Provider, facts: &Facts<'_>, sink: &mut Sink) {
    compute_roles(p);
    mark_enums(p);
    unreferenced(p, facts, sink);
    conditional_without_rule(p, facts, sink);
    duplicate_routes(p, sink);
    duplicate_endpoints(p, sink);
    recursive_structs(p, sink);
    crate_cycles(p, sink);
    super::cases::check(p, sink);
}

/// A struct that contains itself, directly or through other structs, with no
/// array in between (L024). Rust cannot give such a type a size (the
/// emitter writes plain and `Option` fields, not `Box`), and no payment API
/// in scope needs one; an array (`Vec`) is indirection enough.
fn recursive_structs(p: &Provider, sink: &mut Sink) {
    fn direct_struct(ty: &Type) -> Option<&str> {
        match ty {
            Type::Struct(n) => Some(n),
            _ => None,
        }
    }
    let by_name: HashMap<&str, usize> = p
        .structs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    // Iterative depth-first search; 0 = unvisited, 1 = on the path, 2 = done.
    let mut state = vec![0u8; p.structs.len()];
    for start in 0..p.structs.len() {
        if state[start] != 0 {
            continue;
        }
        // (struct index, next field index to look at)
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (si, ref mut fi)) = path.last_mut() {
            let fields = &p.structs[si].fields;
            let Some(field) = fields.get(*fi) else {
                state[si] = 2;
                path.pop();
                continue;
            };
            *fi += 1;
            let Some(&child) = direct_struct(&field.ty).and_then(|n| by_name.get(n)) else {
                continue;
            };
            match state[child] {
                0 => {
                    state[child] = 1;
                    path.push((child, 0));
                }
                1 => {
                    let from = path.iter().position(|&(s, _)| s == child).unwrap_or(0);
                    let cycle: Vec<&str> = path[from..]
                        .iter()
                        .map(|&(s, _)| p.structs[s].name.as_str())
                        .chain(std::iter::once(p.structs[child].name.as_str()))
                        .collect();
                    sink.error(
                        field.loc.clone(),
                        "L026",
                        format!(
                            "type `{}` contains itself through field `{}` ({}); Rust cannot size it",
                            p.structs[child].name,
                            field.wire_name,
                            cycle.join(" → ")
                        ),
                        "make the field an array of the type, or break the cycle; payment bodies are not recursive",
                    );
                }
                _ => {}
            }
        }
    }
}

/// Type crates that would name each other's types in a cycle (L060): each
/// area's types are a crate (the shared types one more), and cargo cannot
/// build crates that depend on each other. Reported once per cycle, at the
/// item that makes its first hop, naming the item behind every hop.
fn crate_cycles(p: &Provider, sink: &mut Sink) {
    let refs = p.scope_references();
    let label = |scope: &Scope| match scope {
        Scope::Provider => "the shared types (provider.yaml)".to_owned(),
        Scope::Area(a) => format!("area `{a}`"),
    };
    for start in refs.keys() {
        // The shortest way back to `start` through scopes after it: a cycle
        // through an earlier scope was reported from there.
        let mut came_from: BTreeMap<&Scope, &Scope> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        let mut last = None;
        'search: while let Some(node) = queue.pop_front() {
            for next in refs.get(node).into_iter().flat_map(BTreeMap::keys) {
                if next == start {
                    last = Some(node);
                    break 'search;
                }
                if next > start && !came_from.contains_key(next) {
                    came_from.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        let Some(mut node) = last else { continue };
        let mut cycle = vec![start, node];
        while node != start {
            node = came_from[node];
            cycle.push(node);
        }
        cycle.reverse();
        let hops: Vec<_> = cycle.windows(2).map(|w| &refs[w[0]][w[1]]).collect();
        let witnesses: Vec<String> = hops
            .iter()
            .map(|r| {
                format!(
                    "{} ({}:{}) names `{}`",
                    r.by,
                    r.loc.file.display(),
                    r.loc.line,
                    r.names
                )
            })
            .collect();
        sink.error(
            hops[0].loc.clone(),
            "L060",
            format!(
                "{} name each other's types ({}); each area's types are a crate, and crates cannot depend on each other in a cycle",
                cycle.iter().map(|s| label(s)).collect::<Vec<_>>().join(" → "),
                witnesses.join("; ")
            ),
            "move the types they share to `provider.yaml`, or name only one way between the areas",
        );
    }
}

/// Struct names a type mentions, through arrays.
fn struct_of(ty: &Type) -> Option<&str> {
    match ty {
        Type::Struct(n) => Some(n),
        Type::Array(t) => struct_of(t),
        _ => None,
    }
}

fn enum_of(ty: &Type) -> Option<&str> {
    match ty {
        Type::Enum(n) => Some(n),
        Type::Array(t) => enum_of(t),
        _ => None,
    }
}

/// Names of every struct reachable from `roots`.
fn reachable(p: &Provider, roots: Vec<String>) -> HashSet<String> {
    let by_name: HashMap<&str, usize> = p
        .structs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut stack = roots;
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(&i) = by_name.get(name.as_str()) {
            for f in &p.structs[i].fields {
                if let Some(child) = struct_of(&f.ty) {
                    stack.push(child.to_owned());
                }
            }
        }
    }
    seen
}

fn compute_roles(p: &mut Provider) {
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for e in &p.endpoints {
        if let Some(r) = &e.request {
            match e.kind {
                EndpointKind::Endpoint => request_roots.push(r.clone()),
                EndpointKind::Notification => response_roots.push(r.clone()),
            }
        }
        response_roots.extend(e.responses.iter().map(|r| r.body.clone()));
        response_roots.extend(e.errors.iter().map(|r| r.body.clone()));
    }
    let request = reachable(p, request_roots);
    let response = reachable(p, response_roots);
    for s in &mut p.structs {
        s.roles.request = request.contains(&s.name);
        s.roles.response = response.contains(&s.name);
    }
}

fn mark_enums(p: &mut Provider) {
    let mut in_request: HashSet<String> = HashSet::new();
    let mut in_response: HashSet<String> = HashSet::new();
    for s in &p.structs {
        for f in &s.fields {
            if let Some(e) = enum_of(&f.ty) {
                if s.roles.request {
                    in_request.insert(e.to_owned());
                }
                if s.roles.response {
                    in_response.insert(e.to_owned());
                }
            }
        }
    }
    let request_fields = p
        .request_headers
        .iter()
        .map(|h| &h.field)
        .chain(p.endpoints.iter().flat_map(|e| &e.path_params));
    for f in request_fields {
        if let Some(e) = enum_of(&f.ty) {
            in_request.insert(e.to_owned());
        }
    }
    for h in &p.response_headers {
        if let Some(e) = enum_of(&h.field.ty) {
            in_response.insert(e.to_owned());
        }
    }
    for e in &mut p.enums {
        e.in_request = in_request.contains(&e.name);
        e.in_response = in_response.contains(&e.name);
    }
}

fn unreferenced(p: &Provider, facts: &Facts<'_>, sink: &mut Sink) {
    for e in &p.enums {
        if !facts.referenced.contains(&e.name) {
            sink.warn(
                e.loc.clone(),
                "W001",
                format!("enum `{}` is not used by any field or decision", e.name),
                "use it as a field's `type`, or delete it",
            );
        }
    }
    for (name, loc) in facts.named_types {
        if !facts.referenced.contains(name) {
            sink.warn(
                loc.clone(),
                "W001",
                format!("type `{name}` is not used by any field or body"),
                "use it as a field's or body's `type`, or delete it",
            );
        }
    }
}

fn conditional_without_rule(p: &Provider, facts: &Facts<'_>, sink: &mut Sink) {
    for s in p.structs.iter().filter(|s| s.roles.request) {
        for f in &s.fields {
            if f.presence == Presence::Conditional
                && !facts
                    .rule_targets
                    .contains(&(s.name.clone(), f.wire_name.clone()))
            {
                sink.warn(
                    f.loc.clone(),
                    "W002",
                    format!("field `{}` of `{}` is conditional, but no rule says when it is required", f.wire_name, s.name),
                    "add a required_if, one_of_required, max_len_if, only_if or depends_on_account rule naming it, or change its presence",
                );
            }
        }
    }
}

fn duplicate_routes(p: &Provider, sink: &mut Sink) {
    let mut seen: HashMap<(String, String), &str> = HashMap::new();
    for e in &p.endpoints {
        let (Some(method), Some(path)) = (e.method, &e.path) else {
            continue;
        };
        let route = (format!("{method:?}"), path.clone());
        if let Some(first) = seen.get(&route) {
            sink.error(
                e.loc.clone(),
                "L019",
                format!("endpoint `{}` has the same route {method:?} {path} as `{first}`", e.name),
                "each endpoint needs its own method and path; merge the files if they describe one call",
            );
        } else {
            seen.insert(route, &e.name);
        }
    }
}

fn duplicate_endpoints(p: &Provider, sink: &mut Sink) {
    let mut seen: HashMap<&str, &Loc> = HashMap::new();
    for e in &p.endpoints {
        if let Some(first) = seen.get(e.name.as_str()) {
            sink.error(
                e.loc.clone(),
                "L007",
                format!(
                    "endpoint name `{}` is used twice (also at {}:{}:{})",
                    e.name,
                    first.file.display(),
                    first.line,
                    first.column
                ),
                "endpoint names become client method names; rename one",
            );
        } else {
            seen.insert(&e.name, &e.loc);
        }
    }
}
