//! The Markdown reference of the fixture IR.
#![cfg(feature = "cli")]

mod common;

use std::path::{Path, PathBuf};

use payspec_codegen::emit::docs;

fn pages() -> std::collections::BTreeMap<PathBuf, String> {
    docs::render(&common::ir()).expect("the fixture renders")
}

#[test]
fn every_page_is_written_where_expected() {
    let pages = pages();
    let paths: Vec<&Path> = pages.keys().map(PathBuf::as_path).collect();
    assert_eq!(
        paths,
        [
            "biller/bill/bill_cancel.md",
            "biller/index.md",
            "doku/cards/card_refund.md",
            "doku/checkout/create_payment.md",
            "doku/checkout/payment_notification.md",
            "doku/index.md",
            "index.md",
            "midtrans/core/cancel.md",
            "midtrans/index.md",
        ]
        .map(Path::new)
    );
    assert_eq!(
        pages,
        docs::render(&common::ir()).unwrap(),
        "rendering is deterministic"
    );
}

#[test]
fn endpoint_page_matches_snapshot() {
    insta::assert_snapshot!(pages()[Path::new("doku/checkout/create_payment.md")]);
}

#[test]
fn provider_page_matches_snapshot() {
    insta::assert_snapshot!(pages()[Path::new("doku/index.md")]);
}

#[test]
fn endpoint_page_states_rules_fields_and_examples() {
    let page = &pages()[Path::new("doku/checkout/create_payment.md")];
    assert!(page.contains("- `order.callback_url` is required when `order.auto_redirect` is true (`required_if`).\n  > callback_url is mandatory if auto_redirect is true"));
    assert!(page.contains("| `order.line_items[].price` | integer (whole rupiah) | mandatory |"));
    assert!(page.contains("let mut request = payspec::doku::checkout::CreatePaymentRequest::new(payspec::doku::checkout::Order::new(payspec::money::Idr(90000), \"INV-20210118-0001\"));"));
    assert!(page.contains(
        "    request.order.callback_url = Some(\"https://merchant.com/return\".into());"
    ));
    assert!(page.contains("curl -X POST \"https://api-sandbox.doku.com/checkout/v1/payment\""));
    assert!(page.contains("`payspec sign doku …`"));
    assert!(page.contains("**order.session_id**"));
}

#[test]
fn midtrans_page_uses_basic_auth_and_a_path_parameter() {
    let page = &pages()[Path::new("midtrans/core/cancel.md")];
    assert!(page.contains("-u \"$SERVER_KEY:\""), "{page}");
    assert!(page.contains("/v2/<order_id>/cancel"), "{page}");
    // No body: the Rust example is the call with the path parameter.
    assert!(
        page.contains("let response = client.cancel(\"<order_id>\").await?;"),
        "{page}"
    );
    let provider = &pages()[Path::new("midtrans/index.md")];
    assert!(
        provider.contains("| `partner` | not given by the docs |"),
        "{provider}"
    );
}

#[test]
fn biller_curl_uses_its_headers_and_a_placeholder_body() {
    let page = &pages()[Path::new("biller/bill/bill_cancel.md")];
    assert!(
        page.contains("curl -X POST \"$API_URL/api/v2/bill/cancel\""),
        "{page}"
    );
    assert!(
        page.contains("-H 'KEY: <KEY>'") && page.contains("-H 'TOKEN: <TOKEN>'"),
        "{page}"
    );
    assert!(
        page.contains("TOKEN is an HS256 JWT over the request body"),
        "{page}"
    );
    assert!(
        !page.contains("payspec sign biller"),
        "no such command: {page}"
    );
    // No example in the docs: mandatory fields get placeholders, optional ones are left out.
    assert!(
        page.contains(
            "{\n  \"partnerId\": \"<partnerId>\",\n  \"account_Number\": \"<account_Number>\"\n}"
        ),
        "{page}"
    );
    assert!(page.contains("let request = payspec::biller::bill::BillCancelRequest::new(\"<partnerId>\", \"<account_Number>\");"), "{page}");
}

/// `PAYSPEC_DOCS_OUT=dir cargo test --test docs` writes every page there, for reading.
#[test]
fn dump_pages_for_review() {
    if let Some(dir) = std::env::var_os("PAYSPEC_DOCS_OUT") {
        for (path, text) in pages() {
            let path = Path::new(&dir).join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}
