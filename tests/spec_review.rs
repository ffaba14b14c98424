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

/// Response-side conditions are data (`responses.<status>.rules`): the
/// generated response types check them, and the registry reader the
/// sandbox holds its answers to refuses an answer that breaks them.
mod response_conditions {
    use payspec::doku::cards::{CaptureResponse, RefundResponse};
    use payspec::registry::BodyRejection;
    use serde_json::{json, Value};

    const REFUND_SUCCESS: &str = r#"{"order":{"invoice_number":"INV-20210118-0001"},"payment":{"original_request_id":"b266c265-3d61-4708-9860-c0d5b9a98f8c"},"refund":{"amount":90000,"type":"FULL_REFUND","status":"SUCCESS","message":"Approved","approval_code":"12321"}}"#;

    fn paths(errors: &payspec::validation::ValidationErrors) -> Vec<(String, &'static str)> {
        errors
            .violations()
            .iter()
            .map(|v| (v.path.clone(), v.rule))
            .collect()
    }

    fn refund_reader() -> payspec::registry::BodyFn {
        let info = payspec::doku::ENDPOINTS
            .iter()
            .find(|e| e.name == "card_refund")
            .expect("card_refund");
        info.responses
            .iter()
            .find(|(status, _)| *status == 200)
            .expect("200")
            .1
    }

    #[test]
    fn approval_code_only_when_the_refund_succeeded() {
        let ok: RefundResponse = serde_json::from_str(REFUND_SUCCESS).unwrap();
        assert!(ok.validate().is_ok());
        let mut failed: Value = serde_json::from_str(REFUND_SUCCESS).unwrap();
        failed["refund"]["status"] = json!("FAILED");
        let decoded: RefundResponse = serde_json::from_value(failed.clone()).unwrap();
        let errors = decoded.validate().unwrap_err();
        assert_eq!(
            paths(&errors),
            [("refund.approval_code".to_owned(), "only_if")]
        );
        // The reader the sandbox checks its answers with refuses it too.
        let read = refund_reader();
        assert!(read(REFUND_SUCCESS.as_bytes()).is_ok());
        match read(failed.to_string().as_bytes()) {
            Err(BodyRejection::Invalid(errors)) => {
                assert_eq!(
                    paths(&errors),
                    [("refund.approval_code".to_owned(), "only_if")]
                )
            }
            other => panic!("expected the rule to refuse it, got {other:?}"),
        }
    }

    #[test]
    fn authorize_id_when_the_payment_type_is_authorize() {
        let sample = json!({
            "order": {"invoice_number": "INV-1", "amount": 90000},
            "payment": {
                "type": "AUTHORIZE",
                "identifier": [],
                "request_id": "r", "response_code": "00", "response_message": "ok",
                "eci": "05", "status": "SUCCESS"
            },
            "three_dsecure": {"authentication_id": "a"},
            "card": {"type": "CREDIT", "issuer": "Bank", "brand": "VISA"}
        });
        let decoded: CaptureResponse = serde_json::from_value(sample.clone()).unwrap();
        assert_eq!(
            paths(&decoded.validate().unwrap_err()),
            [("payment.authorize_id".to_owned(), "required_if")]
        );
        let mut with_id = sample;
        with_id["payment"]["authorize_id"] = json!("12312391719112");
        let decoded: CaptureResponse = serde_json::from_value(with_id).unwrap();
        assert!(decoded.validate().is_ok());
    }
}
