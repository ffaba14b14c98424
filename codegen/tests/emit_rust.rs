//! The Rust emitter on the hand-built fixture IR (`common::provider`).

#[path = "emit_common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use payspec_codegen::emit::rust::{joined, render_provider, EmitError, RustFiles};

fn expected_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected")
}

fn rendered() -> RustFiles {
    render_provider(&common::provider()).unwrap()
}

/// The text of one rendered file.
fn file<'a>(files: &'a RustFiles, path: &str) -> &'a str {
    files
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("{path} was not rendered"))
}

#[test]
fn fixture_snapshot() {
    insta::assert_snapshot!("shop", joined(&rendered()));
}

/// `tests/expected/shop.rs` and the type crates under `tests/expected/shop/`
/// are compiled and exercised by the client crate's
/// `tests/emitted_fixture.rs`; they must be exactly what the emitter
/// produces. Rewrite them with `PAYSPEC_BLESS=1`.
#[test]
fn compiled_copy_is_current() {
    let files = rendered();
    for (path, text) in &files {
        let on_disk = expected_dir().join(path);
        if std::env::var_os("PAYSPEC_BLESS").is_some() {
            std::fs::create_dir_all(on_disk.parent().unwrap()).unwrap();
            std::fs::write(&on_disk, text).unwrap();
        }
        let committed = std::fs::read_to_string(&on_disk).unwrap_or_default();
        assert!(
            committed == *text,
            "tests/expected/{} is stale; rerun with PAYSPEC_BLESS=1",
            path.display()
        );
    }
}

/// clippy's `tabs_in_doc_comments` (run on the compiled copy) refuses a tab
/// in a doc comment; the fixture's `address` doc has one.
#[test]
fn doc_comments_hold_no_tabs() {
    let has_tab = common::provider()
        .structs
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| f.doc.contains('\t'));
    assert!(has_tab, "the fixture should carry a tab in a field doc");
    for (path, text) in &rendered() {
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                assert!(
                    !line.contains('\t'),
                    "{}:{}: {line:?}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
    assert!(joined(&rendered()).contains("/// Billing address:    street, city."));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(rendered(), rendered());
}

/// The names of the structs, enums, functions and modules among `items`.
fn names(items: &[syn::Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Struct(s) => Some(format!("struct {}", s.ident)),
            syn::Item::Enum(e) => Some(format!("enum {}", e.ident)),
            syn::Item::Fn(f) => Some(format!("fn {}", f.sig.ident)),
            syn::Item::Mod(m) => Some(format!("mod {}", m.ident)),
            _ => None,
        })
        .collect()
}

#[test]
fn output_parses_and_has_the_expected_items() {
    let files = rendered();
    let module = syn::parse_file(file(&files, "shop.rs")).unwrap();
    let [syn::Item::Mod(shop)] = module.items.as_slice() else {
        panic!("expected one module, got {}", module.items.len())
    };
    assert_eq!(shop.ident, "shop");
    assert_eq!(
        names(&shop.content.as_ref().unwrap().1),
        [
            "enum Environment",
            "struct Shop",
            "struct NotificationHeaders",
            "struct Notification",
            "fn can_refund"
        ]
    );

    let shared = syn::parse_file(file(&files, "shop/shared/lib.rs")).unwrap();
    assert_eq!(
        names(&shared.items),
        ["enum Currency", "enum RefundKind", "struct ErrorBody"]
    );
    let payments = syn::parse_file(file(&files, "shop/areas/payments/lib.rs")).unwrap();
    assert_eq!(
        names(&payments.items),
        [
            "enum PaymentType",
            "enum Channel",
            "enum PaymentStatus",
            "struct PaymentRequest",
            "struct Order",
            "struct LineItem",
            "struct Payment",
            "struct Customer",
            "struct PaymentResponse",
            "fn refund_kind"
        ]
    );
    let types = syn::parse_file(file(&files, "shop/lib.rs")).unwrap();
    assert_eq!(names(&types.items), ["mod payments"]);
}

#[test]
fn request_structs_get_new_validate_and_non_exhaustive() {
    let code = joined(&rendered());
    assert!(
        code.contains("pub fn new(order: Order, card_token: impl Into<String>) -> Self"),
        "{code}"
    );
    assert!(code.contains("impl payspec_runtime::validation::Validate for PaymentRequest"));
    assert_eq!(
        code.matches("#[non_exhaustive]\npub struct").count(),
        7,
        "every struct is non_exhaustive"
    );
    // So is every enum of provider values (smithy-rs does the same): a value
    // documented later is a new variant, which must not break a caller's
    // `match`.
    assert_eq!(
        code.matches("#[non_exhaustive]\npub enum").count(),
        5,
        "every value enum is non_exhaustive"
    );
    assert_eq!(code.matches("#[non_exhaustive]").count(), 12);
    // A chainable setter for every field `new(..)` does not take, none for
    // the ones it does.
    assert!(code.contains("pub fn with_customer(mut self, customer: Customer) -> Self {"));
    assert!(code.contains("self.customer = Some(customer);"));
    assert!(code.contains("pub fn with_email(mut self, email: impl Into<String>) -> Self {"));
    assert!(!code.contains("pub fn with_card_token("));
    assert!(!code.contains("pub fn with_order("));
    // The response struct has neither a constructor nor validation.
    assert!(!code.contains("impl payspec_runtime::validation::Validate for PaymentResponse"));
    // The sensitive field's value is never formatted.
    assert!(code.contains(".field(\"card_token\", &\"<redacted>\")"));
    assert!(code.contains(".field(\"pin\", &self.pin.as_ref().map(|_| \"<redacted>\"))"));
}

fn unsupported(p: payspec_codegen::ir::Provider) -> String {
    match render_provider(&p) {
        Err(e @ EmitError::Unsupported { .. }) => e.to_string(),
        other => panic!("expected an Unsupported error, got {other:?}"),
    }
}

#[test]
fn an_enum_value_named_unknown_is_refused() {
    let mut p = common::provider();
    p.enums[0].values[0].rust_name = "Unknown".to_owned();
    assert_eq!(
        unsupported(p),
        "provider `shop`, enum Currency: value \"IDR\" is named `Unknown`, which is the fallback variant"
    );
}

#[test]
fn bad_identifiers_are_errors_not_panics() {
    let mut p = common::provider();
    p.structs[1].fields[0].rust_name = "or der".to_owned();
    assert_eq!(unsupported(p), "provider `shop`, struct PaymentRequest, field order: `or der` is not a valid Rust identifier");
}

#[test]
fn a_default_of_the_wrong_type_is_an_error() {
    let mut p = common::provider();
    p.structs[1].fields[6].default = Some(payspec_codegen::ir::Literal::String("no".to_owned()));
    assert_eq!(
        unsupported(p),
        "provider `shop`, struct PaymentRequest, field retry: a default of String(\"no\") cannot be given to a field of type Boolean"
    );
}

/// The fixture's `PaymentRequest` rules, by position.
fn with_rule(
    edit: impl FnOnce(&mut Vec<payspec_codegen::ir::Rule>),
) -> payspec_codegen::ir::Provider {
    let mut p = common::provider();
    edit(&mut p.structs[1].rules);
    p
}

#[test]
fn a_presence_test_on_a_mandatory_field_is_refused() {
    use payspec_codegen::ir::{ConditionTest, RuleKind};
    let p = with_rule(|rules| {
        if let RuleKind::RequiredIf { when, .. } = &mut rules[0].kind {
            when.field.steps[0].optional = false;
            when.field.steps.truncate(1);
            when.test = ConditionTest::Present(true);
        }
    });
    assert_eq!(
        unsupported(p),
        "provider `shop`, struct PaymentRequest, rule required_if at line 60: `payment` is mandatory, so testing its presence is constant"
    );
}

#[test]
fn a_condition_inside_array_elements_is_refused() {
    use payspec_codegen::ir::RuleKind;
    let p = with_rule(|rules| {
        let RuleKind::NotGreaterThan { field, .. } = rules[4].kind.clone() else {
            panic!("rule 4 is not_greater_than")
        };
        if let RuleKind::MaxLenIf { when, .. } = &mut rules[3].kind {
            when.field = field;
        }
    });
    assert_eq!(
        unsupported(p),
        "provider `shop`, struct PaymentRequest, rule max_len_if at line 63: `order.line_items[].price` steps into array elements, which is not supported here"
    );
}

#[test]
fn only_if_on_a_mandatory_field_is_refused() {
    use payspec_codegen::ir::RuleKind;
    let p = with_rule(|rules| {
        if let RuleKind::OnlyIf { fields, .. } = &mut rules[5].kind {
            fields[0].steps[1].optional = false;
        }
    });
    assert_eq!(
        unsupported(p),
        "provider `shop`, struct PaymentRequest, rule only_if at line 65: `payment.installment_term` is always present, so it cannot be restricted by `only_if`"
    );
}

#[test]
fn a_decision_excluding_both_booleans_is_refused() {
    use payspec_codegen::ir::{DecisionMatch, Literal};
    let mut p = common::provider();
    p.decisions[0].rows[0].when[1].1 =
        DecisionMatch::NoneOf(vec![Literal::Boolean(true), Literal::Boolean(false)]);
    assert_eq!(
        unsupported(p),
        "provider `shop`, decision can_refund: input `settled` excludes both booleans, so the row never matches"
    );
}

#[test]
fn the_provider_page_opens_with_the_client_and_hides_the_tooling_tables() {
    let files = rendered();
    let module = file(&files, "shop.rs");
    let quick = module.find("/// # Quick start").expect("a quick start");
    let auth = module.find("/// # Authentication").expect("authentication");
    let notes = module
        .find("/// # Discrepancies in the provider docs")
        .expect("the discrepancy list");
    assert!(
        quick < auth && auth < notes,
        "quick start first, discrepancies below"
    );
    assert!(module.contains(
        "///     let client = Client::new(Config::sandbox(\"<your client id>\", \"<your secret key>\"));\n\
         ///     let response = client.payment(request).await?;"
    ));
    for table in ["pub const ENDPOINTS", "pub static DECISIONS"] {
        let at = module.find(table).unwrap_or_else(|| panic!("{table}"));
        assert!(
            module[..at].trim_end().ends_with("#[doc(hidden)]"),
            "{table} is hidden from the merchant-facing docs"
        );
    }
    assert!(
        !module.contains("[`crate::client::"),
        "doc links name public paths"
    );
}
