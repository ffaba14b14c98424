//! The Rust emitter on the hand-built fixture IR (`common::provider`).

#[path = "emit_common/mod.rs"]
mod common;

use std::path::PathBuf;

use payspec_codegen::emit::rust::{render_provider, EmitError};

fn expected_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected/shop.rs")
}

#[test]
fn fixture_snapshot() {
    let code = render_provider(&common::provider()).unwrap();
    insta::assert_snapshot!("shop", code);
}

/// `tests/expected/shop.rs` is compiled and exercised by the client crate's
/// `tests/emitted_fixture.rs`; it must be exactly what the emitter produces.
/// Rewrite it with `PAYSPEC_BLESS=1`.
#[test]
fn compiled_copy_is_current() {
    let code = render_provider(&common::provider()).unwrap();
    if std::env::var_os("PAYSPEC_BLESS").is_some() {
        std::fs::write(expected_path(), &code).unwrap();
    }
    let committed = std::fs::read_to_string(expected_path()).unwrap_or_default();
    assert!(
        committed == code,
        "tests/expected/shop.rs is stale; rerun with PAYSPEC_BLESS=1"
    );
}

#[test]
fn output_is_deterministic() {
    let a = render_provider(&common::provider()).unwrap();
    let b = render_provider(&common::provider()).unwrap();
    assert_eq!(a.as_bytes(), b.as_bytes());
}

#[test]
fn output_parses_and_has_the_expected_items() {
    let code = render_provider(&common::provider()).unwrap();
    let file = syn::parse_file(&code).unwrap();
    let [syn::Item::Mod(shop)] = file.items.as_slice() else {
        panic!("expected one module, got {}", file.items.len())
    };
    assert_eq!(shop.ident, "shop");
    let root = &shop.content.as_ref().unwrap().1;
    let names = |items: &[syn::Item]| -> Vec<String> {
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
    };
    assert_eq!(
        names(root),
        [
            "enum Environment",
            "enum Currency",
            "enum RefundKind",
            "struct ErrorBody",
            "fn can_refund",
            "mod payments"
        ]
    );
    let Some(syn::Item::Mod(payments)) = root.last() else {
        panic!("no area module")
    };
    assert_eq!(
        names(&payments.content.as_ref().unwrap().1),
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
}

#[test]
fn request_structs_get_new_validate_and_non_exhaustive() {
    let code = render_provider(&common::provider()).unwrap();
    assert!(
        code.contains("pub fn new(order: Order, card_token: impl Into<String>) -> Self"),
        "{code}"
    );
    assert!(code.contains("impl crate::validation::Validate for PaymentRequest"));
    assert_eq!(
        code.matches("#[non_exhaustive]").count(),
        7,
        "every struct is non_exhaustive"
    );
    // The response struct has neither a constructor nor validation.
    assert!(!code.contains("impl crate::validation::Validate for PaymentResponse"));
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
