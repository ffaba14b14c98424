//! The Midtrans and DOKU notification verifiers on arbitrary bodies (and,
//! for DOKU, arbitrary header values cut from the same bytes): a clear
//! error or a decoded notification, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use payspec::secret::Secret;

fuzz_target!(|data: &[u8]| {
    let key = Secret::new("SB-Mid-server-fuzz");
    let _ = payspec::midtrans::Notification::verify::<
        payspec::midtrans::core::CancelNotification,
    >(data, &key);
    let _ = payspec::midtrans::Notification::check(data, &key);

    // Split the input into header values and a body at the first three 0xff bytes.
    let mut parts = data.splitn(4, |b| *b == 0xff);
    let text = |p: Option<&[u8]>| String::from_utf8_lossy(p.unwrap_or_default()).into_owned();
    let signature = text(parts.next());
    let request_id = text(parts.next());
    let timestamp = text(parts.next());
    let body = parts.next().unwrap_or(data);
    let headers = payspec::doku::NotificationHeaders {
        client_id: "BRN-0001-0000000000001",
        request_id: &request_id,
        request_timestamp: &timestamp,
        signature: Some(&signature),
    };
    let _ = payspec::doku::Notification::verify::<serde_json::Value>(
        &headers,
        "/payments/notifications",
        body,
        &key,
    );
});
