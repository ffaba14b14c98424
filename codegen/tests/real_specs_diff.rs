//! `payspec diff` on the real `spec/`: each kind of breaking change the
//! review issue names, applied by editing a copy of the YAML text, is
//! reported with the right kind at the right path; moving text around is not.

use std::fs;
use std::path::{Path, PathBuf};

use payspec_codegen::diff::{diff, ChangeKind, DiffReport, Severity};
use payspec_codegen::lower::load_dir;

fn real_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the real specs, edited by the test.
struct Head {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Head {
    fn new() -> Head {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("spec");
        copy_dir(&real_spec(), &dir);
        Head { _tmp: tmp, dir }
    }

    /// Replaces the first occurrence of `from` in `file`, which must contain it.
    fn edit(&self, file: &str, from: &str, to: &str) -> &Head {
        let path = self.dir.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} does not contain {from:?}");
        let edited = text.replacen(from, to, 1);
        // The file's conformance cases (last in the file) pin the unedited
        // contract; a contract change fails them (L033), as the lint should,
        // so they go with the edit: the diff is about the contract.
        let edited = match edited.find("\ncases:\n") {
            Some(at) => edited[..at + 1].to_owned(),
            None => edited,
        };
        fs::write(&path, edited).unwrap();
        self
    }

    fn report(&self) -> DiffReport {
        let base = load_dir(&real_spec()).unwrap().ir;
        let head = match load_dir(&self.dir) {
            Ok(loaded) => loaded.ir,
            Err(diags) => panic!("edited spec does not load:\n{diags}"),
        };
        diff(&base, &head)
    }
}

fn listing(report: &DiffReport) -> String {
    report
        .changes
        .iter()
        .map(|c| format!("{:?} {} {:?} {}\n", c.kind, c.provider, c.endpoint, c.path))
        .collect()
}

/// Asserts a breaking change of `kind` at `path` (in `endpoint`, when given).
fn assert_breaking(report: &DiffReport, kind: ChangeKind, endpoint: Option<&str>, path: &str) {
    let found = report.changes.iter().any(|c| {
        c.kind == kind
            && c.severity == Severity::Breaking
            && c.path == path
            && endpoint.map_or(true, |e| c.endpoint.as_deref() == Some(e))
    });
    assert!(
        found,
        "no breaking {kind} at {path} ({endpoint:?}); changes:\n{}",
        listing(report)
    );
}

#[test]
fn an_unchanged_copy_has_no_changes() {
    let report = Head::new().report();
    assert!(report.changes.is_empty(), "{}", listing(&report));
    assert!(report.rust_api.is_empty());
}

#[test]
fn removing_an_endpoint() {
    let head = Head::new();
    // delete_tokenization: no lifecycle transition names it, so the rest
    // of the spec still loads without it.
    fs::remove_file(head.dir.join("doku/cards/delete_tokenization.yaml")).unwrap();
    assert_breaking(
        &head.report(),
        ChangeKind::EndpointRemoved,
        Some("card_delete_token"),
        "POST /credit-card/delete-tokenization",
    );
}

#[test]
fn renaming_a_request_field() {
    let report = Head::new()
        .edit(
            "doku/cards/delete_tokenization.yaml",
            "    token_id:\n      type: string\n      presence: mandatory",
            "    token_ref:\n      type: string\n      presence: mandatory",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::FieldRenamed,
        Some("card_delete_token"),
        "token_ref",
    );
}

#[test]
fn making_an_optional_request_field_mandatory() {
    let report = Head::new()
        .edit(
            "doku/cards/payment_page.yaml",
            "        failed_url:\n          type: string\n          presence: optional",
            "        failed_url:\n          type: string\n          presence: mandatory",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::RequestFieldNowMandatory,
        Some("card_payment_page"),
        "order.failed_url",
    );
}

#[test]
fn adding_a_mandatory_request_field() {
    let report = Head::new()
        .edit(
            "doku/checkout/cancel_order.yaml",
            "      doc: Send the note for sync the data\n",
            "      doc: Send the note for sync the data\n    reason:\n      type: string\n      presence: mandatory\n      doc: Why the order is cancelled.\n",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::RequestFieldAddedMandatory,
        Some("cancel_order"),
        "reason",
    );
}

#[test]
fn changing_a_field_type() {
    let report = Head::new()
        .edit(
            "doku/cards/delete_tokenization.yaml",
            "    customer_id:\n      type: string\n      presence: optional",
            "    customer_id:\n      type: integer\n      presence: optional",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::TypeChanged,
        Some("card_delete_token"),
        "customer_id",
    );
}

#[test]
fn removing_a_value_from_a_request_enum() {
    let report = Head::new()
        .edit(
            "doku/cards/payment_page.yaml",
            "      ID:\n        doc: Indonesian.\n        rust: Indonesian\n",
            "",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::EnumValueRemoved,
        Some("card_payment_page"),
        "override_configuration.themes.language",
    );
}

#[test]
fn adding_a_value_to_a_response_enum() {
    let head = Head::new();
    let text = fs::read_to_string(head.dir.join("doku/cards/refund.yaml")).unwrap();
    // RefundStatus's values, wherever the enum is declared.
    let at = text.find("  RefundStatus:").expect("RefundStatus enum");
    let values = at + text[at..].find("    values:\n").unwrap() + "    values:\n".len();
    let mut edited = text.clone();
    edited.insert_str(values, "      PENDING: Not decided yet.\n");
    fs::write(head.dir.join("doku/cards/refund.yaml"), edited).unwrap();
    // A warning, not a breaking change: generated enums are
    // `#[non_exhaustive]` and decoding already kept unknown values, so the
    // diff's default `--fail-on breaking` passes.
    let report = head.report();
    let added: Vec<_> = report
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::ResponseEnumValueAdded)
        .collect();
    assert!(
        added.iter().any(|c| c.path == "response[200].refund.status"
            && c.endpoint.as_deref() == Some("card_refund")),
        "{}",
        listing(&report)
    );
    assert!(
        added.iter().all(|c| c.severity == Severity::Warning),
        "{}",
        listing(&report)
    );
    assert!(
        report
            .changes
            .iter()
            .all(|c| c.severity != Severity::Breaking),
        "{}",
        listing(&report)
    );
}

#[test]
fn tightening_a_max_len() {
    let report = Head::new()
        .edit(
            "doku/cards/refund.yaml",
            "          max_len: 128",
            "          max_len: 64",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::MaxLenTightened,
        Some("card_refund"),
        "payment.original_request_id",
    );
}

#[test]
fn adding_a_required_if_rule() {
    let report = Head::new()
        .edit(
            "doku/cards/payment_page.yaml",
            "\nrules:\n",
            "\nrules:\n  - source: \"test: failed_url is needed when redirecting\"\n    required_if:\n      fields: [order.failed_url]\n      when: { field: order.auto_redirect, equals: true }\n",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::RuleAdded,
        Some("card_payment_page"),
        "order.failed_url",
    );
}

#[test]
fn changing_a_path() {
    let report = Head::new()
        .edit(
            "doku/cards/refund.yaml",
            "path: /cancellation/credit-card/refund",
            "path: /cancellation/credit-card/refunds",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::HttpPathChanged,
        Some("card_refund"),
        "POST /cancellation/credit-card/refunds",
    );
}

#[test]
fn changing_a_method() {
    let report = Head::new()
        .edit("doku/cards/refund.yaml", "method: POST", "method: GET")
        .report();
    assert_breaking(
        &report,
        ChangeKind::MethodChanged,
        Some("card_refund"),
        "GET /cancellation/credit-card/refund",
    );
}

#[test]
fn changing_a_base_url() {
    let report = Head::new()
        .edit(
            "doku/provider.yaml",
            "base_url: https://api-sandbox.doku.com",
            "base_url: https://sandbox.doku.com",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::BaseUrlChanged,
        None,
        "environments.sandbox",
    );
}

#[test]
fn removing_a_channel_from_checkout_cancel_supported() {
    let report = Head::new()
        .edit(
            "doku/checkout/cancel_order.yaml",
            "channel: [QRIS, CONVENIENCE_STORE]",
            "channel: [CONVENIENCE_STORE]",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::DecisionNarrowed,
        None,
        "checkout_cancel_supported",
    );
}

#[test]
fn renaming_a_spec_file_is_no_change() {
    let head = Head::new();
    fs::rename(
        head.dir.join("doku/cards/refund.yaml"),
        head.dir.join("doku/cards/card_refund.yaml"),
    )
    .unwrap();
    let report = head.report();
    assert!(report.changes.is_empty(), "{}", listing(&report));
}

#[test]
fn reordering_keys_is_no_change() {
    // `method`/`path` swapped, and the first two request fields swapped.
    let report = Head::new()
        .edit(
            "doku/cards/refund.yaml",
            "method: POST\npath: /cancellation/credit-card/refund\n",
            "path: /cancellation/credit-card/refund\nmethod: POST\n",
        )
        .edit(
            "doku/cards/refund.yaml",
            "          presence: mandatory\n          doc: Invoice number of the transaction that being refunded\n",
            "          doc: Invoice number of the transaction that being refunded\n          presence: mandatory\n",
        )
        .report();
    assert!(report.changes.is_empty(), "{}", listing(&report));
}

#[test]
fn changing_the_request_signature_header_or_mac() {
    // The first `Signature:` of doku/provider.yaml is the request recipe's.
    let report = Head::new()
        .edit(
            "doku/provider.yaml",
            "      Signature: \"HMACSHA256={mac}\"",
            "      Signature: \"HMACSHA512={mac}\"",
        )
        .edit(
            "doku/provider.yaml",
            "      mac: [string_to_sign, { hmac_sha256: secret_key }, base64]",
            "      mac: [string_to_sign, { hmac_sha512: secret_key }, base64]",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::AuthRecipeChanged,
        None,
        "auth.request.headers.Signature",
    );
    assert_breaking(
        &report,
        ChangeKind::AuthRecipeChanged,
        None,
        "auth.request.values.mac",
    );
    let mac = report
        .changes
        .iter()
        .find(|c| c.path == "auth.request.values.mac")
        .expect("the mac change");
    assert_eq!(
        (mac.before.as_deref(), mac.after.as_deref()),
        (
            Some("[string_to_sign, hmac_sha256: secret_key, base64]"),
            Some("[string_to_sign, hmac_sha512: secret_key, base64]")
        )
    );
    // The response and notification recipes are as they were.
    assert!(
        report
            .changes
            .iter()
            .all(|c| c.path.starts_with("auth.request.")),
        "{}",
        listing(&report)
    );
}

#[test]
fn adding_a_credential_breaks_config_new() {
    let report = Head::new()
        .edit(
            "midtrans/provider.yaml",
            "    server_key:",
            "    client_key: { kind: id, env: MIDTRANS_CLIENT_KEY, doc: the client key }\n    server_key:",
        )
        // The cases are signed with a test value of every credential (L112).
        .edit(
            "midtrans/provider.yaml",
            "case_credentials:\n",
            "case_credentials:\n  client_key: { value: test-client-key }\n",
        )
        .report();
    assert_breaking(
        &report,
        ChangeKind::CredentialsChanged,
        None,
        "auth.credentials",
    );
}
