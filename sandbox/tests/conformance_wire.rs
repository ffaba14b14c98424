//! The spec's request cases (`cases:` with `wire:`) sent byte for byte to
//! the sandbox: the sandbox, which checks signatures, tokens and bodies
//! with its own code, takes every expected wire request as authentic and
//! valid and answers it with success once the resource it names exists.
//! (`tests/conformance.rs` checks the client sends exactly these requests.)

use std::path::PathBuf;

use payspec_sandbox::{Credentials, InProcess, MockOptions};

const SEEDS: &str = r#"[
  {"provider":"doku","resource":"card_payment","id":"INV-20210118-0001","state":"settled","amount":90000},
  {"provider":"doku","resource":"card_payment","id":"INV-CAPTURE","state":"authorized","amount":90000,
   "attributes":{"authorize_id":"12312391719112"}},
  {"provider":"doku","resource":"card_payment","id":"INV-20210124-0001","state":"captured","amount":150000},
  {"provider":"doku","resource":"checkout_order","id":"INV-20210118-0001","amount":90000,
   "attributes":{"channel":"QRIS"}},
  {"provider":"midtrans","resource":"transaction","id":"example-1424936368","state":"capture","amount":30000,
   "attributes":{"bank":"bca"}},
  {"provider":"midtrans","resource":"transaction","id":"order/1 a","state":"capture","amount":30000,
   "attributes":{"bank":"bca"}},
  {"provider":"midtrans","resource":"transaction","id":"testing-0.4555-1414741517","state":"authorize","amount":145000,
   "attributes":{"bank":"bni","transaction_id":"be4f3e44-d6ee-4355-8c64-c1d1dc7f4590"}},
  {"provider":"midtrans","resource":"transaction","id":"vtcc05","state":"settlement","amount":10000,
   "attributes":{"payment_type":"credit_card","bank":"bni"}},
  {"provider":"midtrans","resource":"transaction","id":"MID-1620622357","state":"settlement","amount":10000,
   "attributes":{"payment_type":"credit_card","bank":"bca"}},
  {"provider":"midtrans","resource":"transaction","id":"vtmbill05","amount":10000,
   "attributes":{"payment_type":"echannel"}},
  {"provider":"biller","resource":"bill","id":"5324354","amount":1000}
]"#;

/// Seeds that replace one of `SEEDS` for one endpoint's cases: approve and
/// deny act on the docs' order while the FDS challenges it, capture on the
/// same order while it is authorized.
const SEEDS_FOR: &[(&str, &str)] = &[
    (
        "approve",
        r#"{"provider":"midtrans","resource":"transaction","id":"testing-0.4555-1414741517","state":"challenge","amount":30000,"attributes":{"bank":"bni"}}"#,
    ),
    (
        "deny",
        r#"{"provider":"midtrans","resource":"transaction","id":"testing-0.4555-1414741517","state":"challenge","amount":30000,"attributes":{"bank":"bni"}}"#,
    ),
];

#[tokio::test]
async fn the_sandbox_accepts_every_expected_wire_request() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let ir = payspec_codegen_core::lower::load_dir(&spec)
        .expect("the spec loads")
        .ir;
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), &spec);
    opts.credentials = Credentials::test();
    // The cases sign with fixed, old timestamps.
    opts.doku_timestamp_tolerance = None;
    let sandbox = InProcess::new(&opts).expect("sandbox");
    let json = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let mut sent = 0;
    let mut problems = Vec::new();
    for p in &ir.providers {
        for e in &p.endpoints {
            for case in &e.cases {
                let Some(wire) = &case.spec.wire else {
                    continue;
                };
                // Each case on a fresh world: cases share Request-Ids.
                sandbox
                    .handle("POST", "/_sandbox/reset", &[], Vec::new())
                    .await;
                let seeded = sandbox
                    .handle("POST", "/_sandbox/seed", &json, SEEDS.as_bytes().to_vec())
                    .await;
                assert_eq!(seeded.status, 200, "seeds load");
                for (_, seed) in SEEDS_FOR.iter().filter(|(name, _)| *name == e.name) {
                    let seeded = sandbox
                        .handle("POST", "/_sandbox/seed", &json, seed.as_bytes().to_vec())
                        .await;
                    assert_eq!(seeded.status, 200, "{} seed loads", e.name);
                }
                let headers: Vec<(String, String)> = wire
                    .headers
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let body = wire.body.clone().unwrap_or_default().into_bytes();
                let method = format!("{:?}", wire.method);
                let answer = sandbox.handle(&method, &wire.path, &headers, body).await;
                sent += 1;
                if !(200..300).contains(&answer.status) {
                    let body = answer.body.unwrap_or_default();
                    problems.push(format!(
                        "{}/{}/{}: {} {}",
                        p.name,
                        e.name,
                        case.spec.name,
                        answer.status,
                        String::from_utf8_lossy(&body)
                    ));
                }
            }
        }
    }
    assert!(sent >= 7, "only {sent} request cases");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
