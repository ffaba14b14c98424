//! Every generated body decoder in the registry (requests with their
//! validation, responses, error bodies) on arbitrary bytes: Ok or a located
//! rejection, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let tables = [
        payspec::doku::ENDPOINTS,
        payspec::midtrans::ENDPOINTS,
        payspec::biller::ENDPOINTS,
    ];
    for info in tables.into_iter().flatten() {
        if let Some(check) = info.request {
            let _ = check(data);
        }
        for (_, decode) in info.responses {
            let _ = decode(data);
        }
        for (_, decode) in info.errors {
            let _ = decode(data);
        }
    }
});
