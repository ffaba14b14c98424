//! The spec loader on arbitrary bytes as one endpoint file of the real DOKU
//! spec: diagnostics or an IR, never a panic; a loaded IR must emit without
//! panicking, and every emitted Rust file must parse.
//!
//! The first byte picks which real endpoint file the rest replaces; the
//! other files stay as they are. DOKU's `provider.yaml` names its endpoints
//! in lifecycles, so a mutated file only loads beside all the others (an
//! earlier version of this target put the bytes beside `provider.yaml`
//! alone, and no input ever loaded). Seed it with each real file behind
//! its index byte.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

#[path = "common/spec.rs"]
mod spec;

const PROVIDER: &str = include_str!("../../spec/doku/provider.yaml");
const ENDPOINTS: [(&str, &str); 5] = [
    (
        "doku/cards/capture.yaml",
        include_str!("../../spec/doku/cards/capture.yaml"),
    ),
    (
        "doku/cards/delete_tokenization.yaml",
        include_str!("../../spec/doku/cards/delete_tokenization.yaml"),
    ),
    (
        "doku/cards/payment_page.yaml",
        include_str!("../../spec/doku/cards/payment_page.yaml"),
    ),
    (
        "doku/cards/refund.yaml",
        include_str!("../../spec/doku/cards/refund.yaml"),
    ),
    (
        "doku/checkout/cancel_order.yaml",
        include_str!("../../spec/doku/checkout/cancel_order.yaml"),
    ),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let replaced = usize::from(pick) % ENDPOINTS.len();
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("doku/provider.yaml"),
        PROVIDER.as_bytes().to_vec(),
    );
    for (i, (path, text)) in ENDPOINTS.iter().enumerate() {
        let contents = if i == replaced {
            bytes.to_vec()
        } else {
            text.as_bytes().to_vec()
        };
        files.insert(PathBuf::from(path), contents);
    }
    spec::load_and_emit(&files);
});
