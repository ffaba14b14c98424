//! The spec loader on arbitrary bytes as a `provider.yaml`, next to one
//! valid endpoint file: must return diagnostics or an IR, never panic; when
//! it loads, the Rust emitter must not panic either.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

const ENDPOINT: &str = include_str!("../../spec/doku/cards/delete_tokenization.yaml");

fuzz_target!(|data: &[u8]| {
    let mut files = BTreeMap::new();
    files.insert(PathBuf::from("doku/provider.yaml"), data.to_vec());
    files.insert(
        PathBuf::from("doku/cards/delete_tokenization.yaml"),
        ENDPOINT.as_bytes().to_vec(),
    );
    if let Ok(loaded) = payspec_codegen::lower::load_files(&files) {
        for p in &loaded.ir.providers {
            let _ = payspec_codegen::emit::rust::render_provider(p);
        }
    }
});
