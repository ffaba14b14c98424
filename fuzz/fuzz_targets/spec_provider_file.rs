//! The spec loader on arbitrary bytes as a `provider.yaml`, next to one
//! valid endpoint file: must return diagnostics or an IR, never panic; when
//! it loads, the Rust emitter must not panic either, and every emitted
//! Rust file must parse.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

#[path = "common/spec.rs"]
mod spec;

const ENDPOINT: &str = include_str!("../../spec/doku/cards/delete_tokenization.yaml");

fuzz_target!(|data: &[u8]| {
    let mut files = BTreeMap::new();
    files.insert(PathBuf::from("doku/provider.yaml"), data.to_vec());
    files.insert(
        PathBuf::from("doku/cards/delete_tokenization.yaml"),
        ENDPOINT.as_bytes().to_vec(),
    );
    spec::load_and_emit(&files);
});
