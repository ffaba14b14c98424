//! A DOKU refund quotes the payment-page call's Request-Id
//! (`payment.original_request_id`), which `card_payment_page` generates and
//! never returns: the rustdoc of both methods says to send the payment page
//! with `card_payment_page_with` and a stored Request-Id, with an example
//! (compiled as a doctest of the crate). The text comes from `spec/`.

use std::fs;
use std::path::Path;

/// The rustdoc lines directly above `pub async fn <method>(`.
fn rustdoc_of(module: &str, method: &str) -> String {
    let signature = format!("pub async fn {method}(");
    let lines: Vec<&str> = module.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&signature))
        .unwrap_or_else(|| panic!("no method {method}"));
    let mut doc: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.trim_start().starts_with("///"))
        .map(|l| l.trim_start().trim_start_matches("///").trim())
        .collect();
    doc.reverse();
    doc.join("\n")
}

#[test]
fn payment_page_and_refund_docs_say_to_keep_the_request_id() {
    let module =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/rust/doku.rs"))
            .expect("generated/rust/doku.rs");
    let page = rustdoc_of(&module, "card_payment_page");
    assert!(page.contains("Keep the Request-Id"), "{page}");
    assert!(page.contains("```rust,no_run"), "{page}");
    assert!(
        page.contains("client.card_payment_page_with(&request, &options).await?"),
        "{page}"
    );
    assert!(page.contains("CallOptions::new().request_id("), "{page}");

    let refund = rustdoc_of(&module, "card_refund");
    assert!(refund.contains("card_payment_page_with"), "{refund}");
    assert!(
        refund.contains("RefundRequestPayment::new(stored_request_id)"),
        "{refund}"
    );
}
