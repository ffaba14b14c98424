//! Bad-input corpus, spec side: malformed and hostile spec files. Each case
//! must end in located diagnostics (file:line:column, a code, a message)
//! within a time bound, never a panic. The messages of the whole group are
//! one insta snapshot, so a reviewer reads them side by side.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use payspec_codegen::lower::load_files;

const PROVIDER: &str = "provider: shop\ntitle: Shop\ndoc: d\nauth: { doc: d }\nenvironments:\n  sandbox: { base_url: \"https://x.test\" }\n";

/// A valid endpoint with one `{body}` request struct, for cases that only
/// change the request fields or types.
fn endpoint(request_fields: &str, extra: &str) -> String {
    format!(
        "kind: endpoint\nname: pay\narea: orders\nsummary: Pay.\ndocs: d.txt\nmethod: POST\npath: /pay\nrequest:\n  type: PayRequest\n  fields:\n{request_fields}{extra}"
    )
}

fn files(endpoint: impl Into<Vec<u8>>) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("shop/provider.yaml"),
        PROVIDER.as_bytes().to_vec(),
    );
    files.insert(PathBuf::from("shop/orders/pay.yaml"), endpoint.into());
    files
}

/// The cases: name → input files.
fn cases() -> Vec<(&'static str, BTreeMap<PathBuf, Vec<u8>>)> {
    let mut out: Vec<(&'static str, BTreeMap<PathBuf, Vec<u8>>)> = vec![
        ("empty endpoint file", files("")),
        ("only a comment", files("# nothing here\n")),
        ("YAML list at the root", files("- kind: endpoint\n- name: pay\n")),
        ("a single scalar", files("hello\n")),
        (
            "non-UTF-8 bytes",
            files(b"kind: endpoint\nname: p\xffay\n".to_vec()),
        ),
        ("NUL byte", files(b"kind: endpoint\x00\nname: pay\n".to_vec())),
        ("tab indentation", files("kind: endpoint\nrequest:\n\ttype: X\n")),
        ("unclosed flow mapping", files("kind: endpoint\nrequest: { type: X\n")),
        ("two YAML documents", files(endpoint("    a: { type: string, presence: optional, doc: A. }\n", "---\nkind: endpoint\n"))),
        ("unknown top-level key", files(endpoint("    a: { type: string, presence: optional, doc: A. }\n", "colour: red\n"))),
        ("duplicate key", files(endpoint("    a: { type: string, presence: optional, doc: A. }\n    a: { type: integer, presence: optional, doc: A. }\n", ""))),
        ("unknown presence", files(endpoint("    a: { type: string, presence: sometimes, doc: A. }\n", ""))),
        ("unknown field type", files(endpoint("    a: { type: strang, presence: optional, doc: A. }\n", ""))),
        ("max_len beyond u64", files(endpoint("    a: { type: string, presence: optional, max_len: 99999999999999999999999, doc: A. }\n", ""))),
        ("negative max_len", files(endpoint("    a: { type: string, presence: optional, max_len: -3, doc: A. }\n", ""))),
        ("max_len on an integer", files(endpoint("    a: { type: integer, presence: optional, max_len: 3, doc: A. }\n", ""))),
        ("unknown format", files(endpoint("    a: { type: string, presence: optional, format: iban, doc: A. }\n", ""))),
        ("object without fields", files(endpoint("    a: { type: object, name: A, presence: optional, doc: A. }\n", ""))),
        ("array without items", files(endpoint("    a: { type: array, presence: optional, doc: A. }\n", ""))),
        (
            "self-recursive named type",
            files(endpoint(
                "    node: { type: Node, presence: optional, doc: A. }\n",
                "types:\n  Node:\n    doc: A tree node.\n    fields:\n      child: { type: Node, presence: optional, doc: Child. }\n",
            )),
        ),
        (
            "self-recursive type through an array (allowed)",
            files(endpoint(
                "    node: { type: Node, presence: optional, doc: A. }\n",
                // A documented 200 so the whole pipeline, client included, emits it.
                "responses:\n  \"200\":\n    type: PayResponse\n    fields:\n      ok: { type: boolean, presence: mandatory, doc: OK. }\ntypes:\n  Node:\n    doc: A tree node.\n    fields:\n      children: { type: array, presence: optional, doc: C., items: { type: Node, presence: mandatory, doc: Child. } }\n",
            )),
        ),
        (
            "mutually recursive named types",
            files(endpoint(
                "    a: { type: Ping, presence: optional, doc: A. }\n",
                "types:\n  Ping:\n    doc: Ping.\n    fields:\n      pong: { type: Pong, presence: mandatory, doc: P. }\n  Pong:\n    doc: Pong.\n    fields:\n      ping: { type: Ping, presence: mandatory, doc: P. }\n",
            )),
        ),
        (
            "rule path to a missing field",
            files(endpoint(
                "    a: { type: string, presence: conditional, doc: A. }\n",
                "rules:\n  - source: s\n    required_if:\n      fields: [a]\n      when: { field: nope.deeper, present: true }\n",
            )),
        ),
        (
            "rule with two kinds",
            files(endpoint(
                "    a: { type: string, presence: conditional, doc: A. }\n    b: { type: string, presence: conditional, doc: B. }\n",
                "rules:\n  - source: s\n    one_of_required: { fields: [a, b] }\n    depends_on_account: { fields: [a] }\n",
            )),
        ),
        (
            "rule value of the wrong type",
            files(endpoint(
                "    a: { type: string, presence: conditional, doc: A. }\n    n: { type: integer, presence: optional, doc: N. }\n",
                "rules:\n  - source: s\n    required_if:\n      fields: [a]\n      when: { field: n, equals: lots }\n",
            )),
        ),
        (
            "endpoint name not snake_case",
            files(endpoint("    a: { type: string, presence: optional, doc: A. }\n", "").replace("name: pay", "name: PayNow")),
        ),
        (
            "path parameter without a field",
            files(endpoint("    a: { type: string, presence: optional, doc: A. }\n", "").replace("path: /pay", "path: /pay/{order_id}")),
        ),
        (
            "enum value list empty",
            files(endpoint(
                "    a: { type: Colour, presence: optional, doc: A. }\n",
                "enums:\n  Colour:\n    doc: C.\n    values: {}\n",
            )),
        ),
    ];

    // Hostile sizes and shapes.
    let mut deep = String::from("kind: endpoint\nname: ");
    deep.push_str(&"[".repeat(10_000));
    out.push(("10,000 nested flow sequences", files(deep)));
    let mut deep_map = String::new();
    for depth in 0..3_000 {
        let _ = writeln!(deep_map, "{}k{depth}:", " ".repeat(depth));
    }
    out.push(("3,000 nested block mappings", files(deep_map)));
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let letters: Vec<char> = ('a'..='j').collect();
    for w in letters.windows(2) {
        let items = vec![format!("*{}", w[0]); 9].join(",");
        let _ = writeln!(bomb, "{}: &{} [{items}]", w[1], w[1]);
    }
    out.push(("billion laughs aliases", files(bomb)));
    let huge_doc = format!(
        "{}doc: \"{}\"\n",
        endpoint(
            "    a: { type: string, presence: optional, doc: A. }\n",
            "colour: red\n"
        ),
        "x".repeat(8 * 1024 * 1024)
    );
    out.push(("8 MiB string plus an unknown key", files(huge_doc)));
    out.push((
        "100,000-character key",
        files(endpoint(
            &format!(
                "    {}: {{ type: string, presence: optional, doc: A. }}\n",
                "k".repeat(100_000)
            ),
            "",
        )),
    ));

    // Layout problems.
    let mut yml = files(endpoint(
        "    a: { type: string, presence: optional, doc: A. }\n",
        "",
    ));
    yml.insert(
        PathBuf::from("shop/orders/refund.yml"),
        b"kind: endpoint\n".to_vec(),
    );
    out.push(("a .yml file", yml));
    let mut loose = files(endpoint(
        "    a: { type: string, presence: optional, doc: A. }\n",
        "",
    ));
    loose.insert(PathBuf::from("loose.yaml"), b"kind: endpoint\n".to_vec());
    out.push(("file outside any provider directory", loose));
    let mut orphan = BTreeMap::new();
    orphan.insert(
        PathBuf::from("ghost/orders/pay.yaml"),
        endpoint("    a: { type: string, presence: optional, doc: A. }\n", "").into_bytes(),
    );
    out.push(("provider directory without provider.yaml", orphan));
    let mut twice = files(endpoint(
        "    a: { type: Shared, presence: optional, doc: A. }\n",
        "types:\n  Shared:\n    doc: S.\n    fields:\n      x: { type: string, presence: optional, doc: X. }\n",
    ));
    twice.insert(
        PathBuf::from("shop/orders/other.yaml"),
        endpoint("    b: { type: Shared, presence: optional, doc: B. }\n", "types:\n  Shared:\n    doc: S.\n    fields:\n      y: { type: string, presence: optional, doc: Y. }\n")
            .replace("name: pay", "name: other")
            .replace("path: /pay", "path: /other")
            .replace("PayRequest", "OtherRequest")
            .into_bytes(),
    );
    out.push(("type defined in two files", twice));
    // Two areas each naming a type of the other: their type crates would
    // depend on each other, which cargo cannot build.
    let mut cycle = files(endpoint(
        "    refund_note: { type: RefundNote, presence: optional, doc: R. }\n",
        "responses:\n  \"200\":\n    type: PayResponse\n    fields:\n      ok: { type: boolean, presence: mandatory, doc: OK. }\ntypes:\n  OrderNote:\n    doc: O.\n    fields:\n      x: { type: string, presence: optional, doc: X. }\n",
    ));
    cycle.insert(
        PathBuf::from("shop/refunds/refund.yaml"),
        endpoint(
            "    order_note: { type: OrderNote, presence: optional, doc: O. }\n",
            "responses:\n  \"200\":\n    type: RefundResponse\n    fields:\n      ok: { type: boolean, presence: mandatory, doc: OK. }\ntypes:\n  RefundNote:\n    doc: R.\n    fields:\n      y: { type: string, presence: optional, doc: Y. }\n",
        )
        .replace("name: pay", "name: refund")
        .replace("area: orders", "area: refunds")
        .replace("path: /pay", "path: /refund")
        .replace("PayRequest", "RefundRequest")
        .into_bytes(),
    );
    out.push(("two areas naming each other's types", cycle));
    out
}

/// What the pipeline says about one case: the diagnostics, or, when it
/// loads, whether the Rust emitter accepts it.
fn outcome(files: &BTreeMap<PathBuf, Vec<u8>>) -> String {
    match load_files(files) {
        Err(diags) => {
            for d in &diags.0 {
                assert!(
                    files.contains_key(&d.loc.file),
                    "{d}: names a file that was not given"
                );
                assert!(d.loc.line >= 1 && d.loc.column >= 1, "{d}: not located");
            }
            // Long inputs echoed in messages are cut so the snapshot stays readable.
            diags
                .to_string()
                .lines()
                .map(|l| {
                    if l.chars().count() > 300 {
                        format!(
                            "{}… ({} chars)",
                            l.chars().take(300).collect::<String>(),
                            l.chars().count()
                        )
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        Ok(loaded) => {
            let mut out = String::from("loads");
            for p in &loaded.ir.providers {
                match payspec_codegen::emit::rust::render_provider(p) {
                    Ok(files) => {
                        let code = payspec_codegen::emit::rust::joined(&files);
                        let _ = write!(out, "; emits {} bytes of Rust", code.len());
                        if code.contains("Box<") {
                            out.push_str(" (uses Box)");
                        }
                    }
                    Err(e) => {
                        let _ = write!(out, "; emitter refuses it: {e}");
                    }
                }
            }
            out
        }
    }
}

#[test]
fn every_bad_spec_gets_located_diagnostics_quickly() {
    let cases = cases();
    assert!(
        cases.len() >= 30,
        "the spec corpus has {} cases",
        cases.len()
    );
    let mut report = String::new();
    for (name, files) in &cases {
        let start = Instant::now();
        let result = outcome(files);
        let took = start.elapsed();
        eprintln!("{name}: {took:?}");
        assert!(
            // Unoptimised test build on a shared 2-core machine: the slowest
            // case (8 MiB) takes seconds here and well under one in release.
            // The bound catches hangs and exponential blow-ups, not speed.
            took < Duration::from_secs(60),
            "`{name}` took {took:?}; bad input must be bounded in time"
        );
        let _ = writeln!(report, "## {name}\n{result}\n");
    }
    insta::assert_snapshot!("bad_specs", report);
}
