//! Findings of the independent review of `spec/` against the provider docs
//! (issue 18, part 3) stay recorded: each contradiction is a discrepancy
//! note quoting both sides and saying what the client accepts.

use std::path::Path;

use payspec_codegen::ir::{Discrepancy, Ir};

fn ir() -> Ir {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    match payspec_codegen::lower::load_dir(&dir) {
        Ok(loaded) => loaded.ir,
        Err(problems) => panic!("spec/ does not load:\n{problems}"),
    }
}

/// The provider's note whose quotes contain every one of `passages`.
fn note<'a>(ir: &'a Ir, provider: &str, passages: &[&str]) -> &'a Discrepancy {
    let p = ir
        .providers
        .iter()
        .find(|p| p.name == provider)
        .unwrap_or_else(|| panic!("provider {provider}"));
    p.discrepancies
        .iter()
        .find(|d| {
            passages
                .iter()
                .all(|passage| d.quotes.iter().any(|q| q.contains(passage)))
        })
        .unwrap_or_else(|| panic!("{provider}: no discrepancy quotes all of {passages:?}"))
}

#[test]
fn payment_page_url_request_id_differs_from_the_request_id() {
    let ir = ir();
    let d = note(
        &ir,
        "doku",
        &[
            "Request-Id: b266c265-3d61-4708-9860-c0d5b9a98f8c",
            "requestId=8quQyK39l4aM5cCml0Yy",
        ],
    );
    assert!(
        d.about.contains("credit_card_payment_page.url"),
        "{}",
        d.about
    );
    assert!(d.accepts.contains("opaque"), "{}", d.accepts);
}

#[test]
fn failed_full_refund_bigger_than_the_original() {
    let ir = ir();
    let d = note(
        &ir,
        "doku",
        &[
            "\"type\": \"FULL_REFUND\", \"status\": \"FAILED\"",
            "Total Refund amount is Bigger than Original Transaction",
            "the refund.amount is equal to order.amount",
        ],
    );
    assert!(d.accepts.contains("read as returned"), "{}", d.accepts);
}

#[test]
fn settlement_time_described_as_a_duration_sampled_as_a_timestamp() {
    let ir = ir();
    let d = note(
        &ir,
        "midtrans",
        &[
            "refers to the duration it takes",
            "\"settlement_time\":\"2015-02-26 19:00:00\"",
        ],
    );
    assert!(d.about.contains("settlement_time"), "{}", d.about);
    assert!(d.accepts.contains("local_date_time"), "{}", d.accepts);
}
