//! `payspec audit` on the `shop` fixture (tests/fixtures/audit): its page
//! unchanged gives no finding; each change of the page on its own gives
//! its finding, with the right kind and spec line, in all three formats.

use std::fs;
use std::path::{Path, PathBuf};

use payspec_codegen::audit::{self, report::Format, report::Kind, report::Report};
use payspec_codegen::lower::load_dir;

const PAGE: &str = "shop-orders.txt";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit")
}

fn page() -> String {
    fs::read_to_string(fixture().join("pages").join(PAGE)).unwrap()
}

/// Audits the fixture spec against `page` (None: the page is absent).
fn audit_with(page: Option<&[u8]>) -> Report {
    let spec = fixture().join("spec");
    let ir = load_dir(&spec).expect("the fixture spec loads").ir;
    let docs = tempfile::tempdir().unwrap();
    if let Some(bytes) = page {
        fs::write(docs.path().join(PAGE), bytes).unwrap();
    }
    audit::run(&ir, &spec, docs.path()).unwrap().report
}

/// The page with `from` replaced by `to` (which must be there once).
fn changed(from: &str, to: &str) -> String {
    let page = page();
    assert_eq!(
        page.matches(from).count(),
        1,
        "`{from}` must be on the page once"
    );
    page.replacen(from, to, 1)
}

/// Line (1-based) of the first line of a spec file containing `needle`.
fn spec_line(file: &str, needle: &str) -> u32 {
    let text = fs::read_to_string(fixture().join("spec").join(file)).unwrap();
    let index = text.lines().position(|l| l.contains(needle)).unwrap();
    u32::try_from(index + 1).unwrap()
}

/// Each change on its own, the kind it must produce, and where in the spec.
fn changes() -> Vec<(&'static str, String, Kind, &'static str, u32)> {
    let endpoint = "shop/orders/create_order.yaml";
    vec![
        (
            "renamed_field",
            changed("order.invoice_number | string | Mandatory", "order.invoice_id | string | Mandatory"),
            Kind::FieldMissing,
            endpoint,
            spec_line(endpoint, "    order:"),
        ),
        (
            "new_enum_value",
            changed("Possible values: CARD, QRIS", "Possible values: CARD, QRIS, EWALLET"),
            Kind::EnumValueMissing,
            "shop/provider.yaml",
            spec_line("shop/provider.yaml", "  Channel:"),
        ),
        (
            "changed_max_length",
            changed("identify the order. Max length: 64", "identify the order. Max length: 32"),
            Kind::LengthDiffers,
            endpoint,
            spec_line(endpoint, "invoice_number:"),
        ),
        (
            "new_sample_field",
            changed("\"channel\": \"CARD\"\n", "\"channel\": \"CARD\",\n        \"note\": \"gift\"\n"),
            Kind::SampleFieldUnknown,
            endpoint,
            spec_line(endpoint, "    order:"),
        ),
        (
            "changed_sample_type",
            changed("\"amount\": 15000,", "\"amount\": \"15000\","),
            Kind::SampleTypeDiffers,
            endpoint,
            spec_line(endpoint, "amount:"),
        ),
        (
            "reworded_sentence",
            changed("customer.phone must be filled.", "customer.phone must be given."),
            Kind::QuoteChanged,
            endpoint,
            spec_line(endpoint, "- source:"),
        ),
        (
            "removed_sentence",
            changed("Use this API to create an order and get a payment link for your customer.\n", ""),
            Kind::QuoteMissing,
            endpoint,
            spec_line(endpoint, "doc: '\"Use this API"),
        ),
        (
            "new_endpoint",
            changed(
                "Response Body\n",
                "To cancel an unpaid order, call POST /orders/v1/cancel with its invoice number.\n\nResponse Body\n",
            ),
            Kind::EndpointMissing,
            "",
            0,
        ),
    ]
}

#[test]
fn the_unchanged_page_gives_no_finding() {
    let report = audit_with(Some(page().as_bytes()));
    assert_eq!(
        report.findings,
        vec![],
        "{}",
        report.render(Format::Text, Path::new("spec"))
    );
    assert_eq!(report.pages.len(), 1);
    assert_eq!(report.pages[0].state, audit::report::PageState::Unchanged);
}

#[test]
fn each_change_gives_its_finding_at_its_spec_line() {
    for (name, text, kind, file, line) in changes() {
        let report = audit_with(Some(text.as_bytes()));
        let rendered = report.render(Format::Text, Path::new("spec"));
        let found = report.findings.iter().find(|f| f.kind == kind);
        let found = found.unwrap_or_else(|| panic!("{name}: no {kind:?} finding:\n{rendered}"));
        if file.is_empty() {
            assert_eq!(found.spec_file, None, "{name}");
        } else {
            assert_eq!(
                found.spec_file.as_deref(),
                Some(Path::new(file)),
                "{name}:\n{rendered}"
            );
            assert_eq!(found.spec_line, Some(line), "{name}:\n{rendered}");
        }
        // Every change also changes the fingerprint; nothing else is reported
        // but the finding(s) the change explains.
        assert!(
            report.findings.iter().any(|f| f.kind == Kind::PageChanged),
            "{name}"
        );
    }
}

#[test]
fn the_changes_in_all_three_formats() {
    for (format, name) in [
        (Format::Text, "changes_text"),
        (Format::Json, "changes_json"),
        (Format::Markdown, "changes_markdown"),
    ] {
        let mut all = String::new();
        for (change, text, ..) in changes() {
            all.push_str(&format!("=== {change} ===\n"));
            all.push_str(&audit_with(Some(text.as_bytes())).render(format, Path::new("spec")));
        }
        insta::assert_snapshot!(name, all);
    }
}

#[test]
fn a_missing_page_is_reported_not_a_panic() {
    let report = audit_with(None);
    let kinds: Vec<Kind> = report.findings.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![Kind::PageMissing]);
    let f = &report.findings[0];
    assert_eq!(
        f.spec_file.as_deref(),
        Some(Path::new("shop/provider.yaml"))
    );
    assert_eq!(
        f.spec_line,
        Some(spec_line("shop/provider.yaml", "- { file: shop-orders.txt"))
    );
    assert!(report.fails(Some(audit::report::Severity::Error)));
}

#[test]
fn a_binary_or_non_utf8_page_is_a_located_error() {
    let mut bytes = page().into_bytes();
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    bytes.insert(third_line, 0xff);
    let report = audit_with(Some(&bytes));
    let kinds: Vec<Kind> = report.findings.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![Kind::PageUnreadable]);
    assert_eq!(report.findings[0].doc_line, Some(3));
    assert!(
        report.findings[0].message.contains("not UTF-8"),
        "{}",
        report.findings[0].message
    );

    let mut binary = page().into_bytes();
    binary.extend_from_slice(b"\n\x00\x01\x02");
    let report = audit_with(Some(&binary));
    assert_eq!(report.findings[0].kind, Kind::PageUnreadable);
    assert!(report.findings[0].message.contains("binary"));
}

#[test]
fn response_samples_warn_where_the_types_still_read_them() {
    let endpoint = "shop/orders/create_order.yaml";
    // An unknown key in a response: the generated type ignores it.
    let text = changed(
        "\"status\": \"PENDING\"\n",
        "\"status\": \"PENDING\",\n    \"expires_in\": 3600\n",
    );
    let report = audit_with(Some(text.as_bytes()));
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == Kind::SampleFieldUnknown)
        .unwrap();
    assert_eq!(f.severity, audit::report::Severity::Warning);
    assert!(f.message.contains("`$.expires_in`"), "{}", f.message);
    assert!(!report.fails(Some(audit::report::Severity::Error)));

    // A value the enum lacks: kept as Unknown, a warning; the same in a
    // request would be an error (see the changes above).
    let text = changed("\"status\": \"PENDING\"\n", "\"status\": \"EXPIRED\"\n");
    let report = audit_with(Some(text.as_bytes()));
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == Kind::SampleEnumValue)
        .unwrap();
    assert_eq!(f.severity, audit::report::Severity::Warning);
    assert_eq!(
        f.spec_file.as_deref(),
        Some(Path::new("shop/provider.yaml"))
    );
    assert_eq!(
        f.spec_line,
        Some(spec_line("shop/provider.yaml", "  OrderStatus:"))
    );

    // A sample that decodes cleanly but is no example: copy it.
    let text = changed("\"status\": \"PENDING\"\n", "\"status\": \"PAID\"\n");
    let report = audit_with(Some(text.as_bytes()));
    let kinds: Vec<Kind> = report.findings.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![Kind::PageChanged, Kind::SampleNew]);
    let f = &report.findings[1];
    assert_eq!(f.spec_file.as_deref(), Some(Path::new(endpoint)));
    assert!(f.message.contains("CreateOrderResponse"), "{}", f.message);
}

#[test]
fn a_table_row_naming_a_field_the_spec_lacks_is_reported() {
    let text = changed("payment_url | string |", "payment_link | string |");
    let report = audit_with(Some(text.as_bytes()));
    let missing: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::FieldMissing)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("`payment_link`"), "{}", missing[0]);
}

/// An `audit_accepted:` entry drops the finding it matches (by kind, page
/// and message text), and an entry that matches nothing is reported, so an
/// acceptance cannot outlive what it accepted.
#[test]
fn accepted_findings_are_dropped_and_unused_acceptances_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("spec");
    let shop = spec.join("shop");
    fs::create_dir_all(shop.join("orders")).unwrap();
    for entry in fs::read_dir(fixture().join("spec/shop/orders")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), shop.join("orders").join(entry.file_name())).unwrap();
    }
    let provider = fs::read_to_string(fixture().join("spec/shop/provider.yaml")).unwrap();
    let accepted = "audit_accepted:\n  - kind: endpoint_missing\n    page: shop-orders.txt\n    match: \"`POST /orders/v1/cancel`\"\n    reason: cancelled by the shop's back office, not through the client\n  - kind: endpoint_missing\n    page: shop-orders.txt\n    match: \"`POST /orders/v1/refund`\"\n    reason: no such call on the page\n";
    let provider = provider.replacen("auth:", &format!("{accepted}auth:"), 1);
    fs::write(shop.join("provider.yaml"), &provider).unwrap();
    let ir = load_dir(&spec).expect("the spec with acceptances loads").ir;
    let docs = tmp.path().join("pages");
    fs::create_dir_all(&docs).unwrap();
    let page = changed(
        "Response Body\n",
        "To cancel an unpaid order, call POST /orders/v1/cancel with its invoice number.\n\nResponse Body\n",
    );
    fs::write(docs.join(PAGE), page).unwrap();
    let report = audit::run(&ir, &spec, &docs).unwrap().report;
    let kinds: Vec<(Kind, Option<u32>)> = report
        .findings
        .iter()
        .filter(|f| f.kind != Kind::PageChanged)
        .map(|f| (f.kind, f.spec_line))
        .collect();
    // The unused entry is located at its first line (`  - kind: …`).
    let lines: Vec<&str> = provider.lines().collect();
    let matched = lines
        .iter()
        .position(|l| l.contains("`POST /orders/v1/refund`"))
        .unwrap();
    let unused_line = lines[..matched]
        .iter()
        .rposition(|l| l.starts_with("  - "))
        .map(|i| u32::try_from(i + 1).unwrap());
    assert_eq!(kinds, [(Kind::AcceptedUnused, unused_line)]);
}
