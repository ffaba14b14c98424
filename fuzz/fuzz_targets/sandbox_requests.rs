//! The sandbox's request handling (`payspec_sandbox::InProcess`) on
//! arbitrary requests: method, path, authentication and body cut from the
//! input. Inputs may carry correct DOKU signatures, Midtrans Basic auth and
//! biller tokens, so bodies reach validation and the lifecycle engine, and
//! Request-Ids repeat, so replays are exercised.
//!
//! Checked on every input: no panic or hang; every complete answer is a
//! valid HTTP status with a JSON body; the seeded card payment's refunded
//! sum never exceeds its amount.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use payspec_sandbox::{Credentials, InProcess, MockOptions};

struct Harness {
    runtime: tokio::runtime::Runtime,
    sandbox: InProcess,
    paths: Vec<String>,
}

const SEEDS: &str = r#"[
  {"provider":"doku","resource":"card_payment","id":"INV-1","state":"settled","amount":100000,
   "attributes":{"authorize_id":"AUTH-1"}},
  {"provider":"doku","resource":"card_payment","id":"INV-2","state":"authorized","amount":50000,
   "attributes":{"authorize_id":"AUTH-2"}},
  {"provider":"doku","resource":"checkout_order","id":"INV-3","amount":10000,
   "attributes":{"channel":"QRIS"}},
  {"provider":"midtrans","resource":"transaction","id":"ORDER-1","state":"capture","amount":30000,
   "attributes":{"bank":"bni"}},
  {"provider":"biller","resource":"bill","id":"REF-1","amount":20000}
]"#;

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
        let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
        opts.credentials = Credentials::test();
        let sandbox = InProcess::new(&opts).expect("the spec loads");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let mut paths = Vec::new();
        for provider in ["doku", "midtrans", "biller"] {
            for e in payspec::registry::endpoints(provider) {
                if let Some(path) = e.path {
                    paths.push(path.replace("{id}", "ORDER-1").replace("{order_id}", "ORDER-1"));
                }
            }
        }
        for control in [
            "/_sandbox/seed",
            "/_sandbox/reset",
            "/_sandbox/faults",
            "/_sandbox/doku/card_payment/INV-1",
            "/_sandbox/doku/card_payment/INV-2/authorize",
            "/_sandbox/doku/card_payment/NEW-1/pay",
            "/_sandbox/midtrans/transaction/ORDER-1/settle",
        ] {
            paths.push(control.to_owned());
        }
        Harness {
            runtime,
            sandbox,
            paths,
        }
    })
}

async fn seed(sandbox: &InProcess) {
    let json = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    sandbox.handle("POST", "/_sandbox/reset", &[], Vec::new()).await;
    let answer = sandbox
        .handle("POST", "/_sandbox/seed", &json, SEEDS.as_bytes().to_vec())
        .await;
    assert_eq!(answer.status, 200, "the seeds load");
}

fuzz_target!(|data: &[u8]| {
    let h = harness();
    let creds = Credentials::test();
    let [selector, flags, rid, rest @ ..] = data else {
        return;
    };
    // The path: one of the known ones, or raw bytes up to the first 0xff.
    let (path, body) = match h.paths.get(usize::from(*selector) % (h.paths.len() + 1)) {
        Some(p) => (p.clone(), rest),
        None => {
            let mut parts = rest.splitn(2, |b| *b == 0xff);
            let raw = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
            (raw, parts.next().unwrap_or_default())
        }
    };
    let method = match flags & 0b11 {
        0 => "GET",
        1 | 2 => "POST",
        _ => "P\u{1}UT",
    };
    let request_id = format!("fuzz-rid-{}", rid % 4);
    let timestamp = payspec_signing::time::now_utc_timestamp();
    let target = path.split('?').next().unwrap_or_default();
    // Each provider's request recipe, as the client runs it.
    let signed = |scheme: &'static payspec::recipe::Scheme| {
        let credentials = creds.for_scheme(scheme);
        let set = [
            ("request_id", request_id.as_str()),
            ("timestamp", timestamp.as_str()),
        ];
        let mut cx = payspec::recipe::Context::new(&credentials);
        cx.set = &set;
        let message = payspec::recipe::Message {
            method,
            target,
            query: None,
            body: if method == "GET" { &[] } else { body },
            has_body: method != "GET",
        };
        scheme
            .request
            .as_ref()
            .and_then(|r| payspec::recipe::sign(scheme, r, &message, &cx).ok())
            .map(|s| s.headers)
            .unwrap_or_default()
    };
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    if flags & 0b100 != 0 {
        headers.extend(signed(&payspec::doku::AUTH));
    } else {
        headers.push(("Client-Id".to_owned(), creds.by_env("DOKU_CLIENT_ID").expose().to_owned()));
        headers.push(("Request-Id".to_owned(), request_id.clone()));
        headers.push(("Request-Timestamp".to_owned(), timestamp.clone()));
    }
    if flags & 0b1000 != 0 {
        headers.extend(signed(&payspec::midtrans::AUTH));
    }
    if flags & 0b1_0000 != 0 {
        headers.extend(signed(&payspec::biller::AUTH));
    }
    h.runtime.block_on(async {
        if flags & 0b10_0000 != 0 {
            seed(&h.sandbox).await;
        }
        let answer = h.sandbox.handle(method, &path, &headers, body.to_vec()).await;
        assert!((100..600).contains(&answer.status), "{}", answer.status);
        if let Some(bytes) = &answer.body {
            if !bytes.is_empty() {
                assert!(
                    serde_json::from_slice::<serde_json::Value>(bytes).is_ok(),
                    "{method} {path}: status {} with a body that is not JSON",
                    answer.status
                );
            }
        }
        let state = h
            .sandbox
            .handle("GET", "/_sandbox/doku/card_payment/INV-1", &[], Vec::new())
            .await;
        if let Some(v) = state
            .body
            .as_deref()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok())
        {
            let applied = v["applied"].as_i64().unwrap_or(0);
            let amount = v["amount"].as_i64().unwrap_or(0);
            assert!(applied <= amount, "refunded {applied} of {amount}");
        }
    });
});
