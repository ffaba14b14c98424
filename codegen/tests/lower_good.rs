//! The good fixture lowers cleanly; its IR is snapshotted and key resolutions asserted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use payspec_codegen::ir::{ConditionTest, Enum, Literal, Provider, RuleKind, Scope, Struct, Type};
use payspec_codegen::lower::{load_dir, load_files, Loaded};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

fn loaded() -> Loaded {
    match load_dir(&fixture()) {
        Ok(l) => l,
        Err(d) => panic!("good fixture must lower:\n{d}"),
    }
}

fn acme(l: &Loaded) -> &Provider {
    &l.ir.providers[0]
}

fn strukt<'a>(p: &'a Provider, name: &str) -> &'a Struct {
    p.structs
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no struct {name}"))
}

fn enm<'a>(p: &'a Provider, name: &str) -> &'a Enum {
    p.enums
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no enum {name}"))
}

#[test]
fn lowers_without_warnings() {
    let l = loaded();
    assert_eq!(l.warnings.0, vec![], "{}", l.warnings);
    assert_eq!(l.ir.providers.len(), 1);
}

#[test]
fn ir_snapshot() {
    insta::assert_debug_snapshot!("good_ir", loaded().ir);
}

#[test]
fn load_files_matches_load_dir() {
    let mut files = BTreeMap::new();
    for rel in [
        "acme/provider.yaml",
        "acme/cards/payment.yaml",
        "acme/cards/status.yaml",
        "acme/notifications/payment.yaml",
        "README.md",
    ] {
        files.insert(
            PathBuf::from(rel),
            std::fs::read(fixture().join(rel)).expect("fixture file"),
        );
    }
    let from_memory = load_files(&files).expect("lowers");
    assert_eq!(from_memory.ir, loaded().ir);
}

#[test]
fn array_step_in_rule_path_is_typed() {
    let l = loaded();
    let req = strukt(acme(&l), "CardPaymentRequest");
    let ngt = req
        .rules
        .iter()
        .find_map(|r| match &r.kind {
            RuleKind::NotGreaterThan { field, than } => Some((field, than)),
            _ => None,
        })
        .expect("not_greater_than rule");
    let steps = &ngt.0.steps;
    assert_eq!(ngt.0.dotted(), "order.line_items[].price");
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0].ty, Type::Struct("CardPaymentRequestOrder".into()));
    assert!(!steps[0].each && !steps[0].optional);
    assert!(steps[1].each, "`[]` steps into every element");
    assert!(steps[1].optional);
    assert_eq!(
        steps[1].ty,
        Type::Struct("LineItem".into()),
        "element type, not the Vec"
    );
    assert_eq!(steps[2].ty, Type::AmountIdr);
    assert_eq!(ngt.1.dotted(), "order.amount");

    let (array, multiply) = req
        .rules
        .iter()
        .find_map(|r| match &r.kind {
            RuleKind::SumEquals {
                array, multiply, ..
            } => Some((array, multiply)),
            _ => None,
        })
        .expect("sum_equals rule");
    let last = array.steps.last().expect("steps");
    assert!(!last.each);
    assert_eq!(
        last.ty,
        Type::Array(Box::new(Type::Struct("LineItem".into())))
    );
    assert_eq!(
        multiply.iter().map(|m| m.dotted()).collect::<Vec<_>>(),
        ["price", "quantity"]
    );
}

#[test]
fn literals_are_typed_against_their_fields() {
    let l = loaded();
    let p = acme(&l);
    let req = strukt(p, "CardPaymentRequest");
    let RuleKind::RequiredIf { fields, when } = &req.rules[0].kind else {
        panic!("first rule is required_if");
    };
    assert_eq!(fields[0].dotted(), "payment.installment_months");
    assert_eq!(
        when.test,
        ConditionTest::OneOf(vec![Literal::EnumValue {
            enum_name: "Channel".into(),
            wire: "CREDIT_CARD".into(),
            rust_name: "CreditCard".into(),
        }])
    );
    let RuleKind::MaxLenIf { when, .. } = &req.rules[3].kind else {
        panic!("fourth rule is max_len_if");
    };
    let ConditionTest::OneOf(values) = &when.test else {
        panic!("one_of condition");
    };
    assert!(matches!(&values[0], Literal::EnumValue { rust_name, .. } if rust_name == "BcaVa"));
    let RuleKind::RequiredIf { when, .. } = &req.rules[6].kind else {
        panic!("seventh rule is required_if");
    };
    assert_eq!(when.test, ConditionTest::Present(true));

    let order = strukt(p, "CardPaymentRequestOrder");
    let currency = order
        .fields
        .iter()
        .find(|f| f.wire_name == "currency")
        .expect("currency");
    assert!(
        matches!(&currency.default, Some(Literal::EnumValue { rust_name, .. }) if rust_name == "Idr")
    );
    let options = strukt(p, "PaymentOptions");
    let save = options
        .fields
        .iter()
        .find(|f| f.wire_name == "save_card")
        .expect("save_card");
    assert_eq!(save.default, Some(Literal::Boolean(false)));
    let customer = strukt(p, "Customer");
    assert_eq!(
        customer.fields[3].default,
        Some(Literal::String("ID".into()))
    );
}

#[test]
fn roles_follow_reachability() {
    let l = loaded();
    let p = acme(&l);
    let roles = |n: &str| {
        let r = strukt(p, n).roles;
        (r.request, r.response)
    };
    assert_eq!(roles("CardPaymentRequest"), (true, false));
    assert_eq!(roles("LineItem"), (true, false));
    assert_eq!(roles("CardPaymentResponse"), (false, true));
    assert_eq!(roles("ErrorResponse"), (false, true));
    assert_eq!(roles("ErrorResponseError"), (false, true));
    assert_eq!(
        roles("PaymentNotification"),
        (false, true),
        "notifications are received"
    );
    assert_eq!(roles("Customer"), (true, true));
    let usage = |n: &str| {
        let e = enm(p, n);
        (e.in_request, e.in_response)
    };
    assert_eq!(usage("Currency"), (true, false));
    assert_eq!(usage("Channel"), (true, true));
    assert_eq!(usage("PaymentStatus"), (false, true));
}

#[test]
fn names_scopes_and_order() {
    let l = loaded();
    let p = acme(&l);
    let names: Vec<(&str, &str)> = p
        .endpoints
        .iter()
        .map(|e| (e.area.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("cards", "card_payment"),
            ("cards", "card_payment_status"),
            ("notifications", "payment_notification")
        ]
    );
    let order = strukt(p, "CardPaymentRequestOrder");
    assert_eq!(order.scope, Scope::Area("cards".into()));
    assert_eq!(strukt(p, "Customer").scope, Scope::Provider);
    let ty = order
        .fields
        .iter()
        .find(|f| f.wire_name == "type")
        .expect("type field");
    assert_eq!(ty.rust_name, "r#type");
    assert_eq!(p.request_headers[1].field.rust_name, "request_id");
    assert_eq!(enm(p, "PaymentStatus").values[2].rust_name, "DeleteSuccess");
    assert_eq!(p.environments[1].rust_name, "Production");
    assert_eq!(p.environments[1].base_url, "https://api.acme.test");
    let status = &p.endpoints[1];
    assert_eq!(status.path_params[0].wire_name, "invoice_number");
    assert_eq!(status.responses[0].status, 200);
    let abouts: Vec<&str> = p.discrepancies.iter().map(|d| d.about.as_str()).collect();
    assert_eq!(
        abouts,
        [
            "PaymentStatus",
            "order.session_id",
            "order.amount",
            "Request-Timestamp"
        ]
    );
    assert_eq!(
        strukt(p, "ErrorResponse").examples.len(),
        1,
        "examples of a referenced body go to its type"
    );
}

#[test]
fn lifecycle_sections_are_lowered_and_checked() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let loaded = payspec_codegen::lower::load_dir(&spec).expect("the real specs load");
    let doku = loaded
        .ir
        .providers
        .iter()
        .find(|p| p.name == "doku")
        .expect("doku");
    let card = doku
        .lifecycles
        .iter()
        .find(|l| l.name == "card_payment")
        .expect("card_payment");
    let capture = card
        .transitions
        .iter()
        .find(|t| t.action == "capture")
        .expect("capture");
    assert_eq!(capture.within_days, Some(7));
    assert_eq!(capture.from, ["authorized"]);
    let refund = card
        .transitions
        .iter()
        .find(|t| t.action == "refund")
        .expect("refund");
    assert!(refund.cumulative);
    assert_eq!(refund.refused, Some(("refund_failed".to_owned(), 400)));
    use payspec_codegen::ir::{AttributeSource, DecideInput, Literal};
    let decide = refund.decide.as_ref().expect("refund decides");
    assert_eq!(decide.table, "refund_type");
    assert_eq!(decide.write.as_deref(), Some("refund.type"));
    assert_eq!(
        decide.inputs,
        vec![
            (
                "settled".to_owned(),
                DecideInput::StateIn(vec!["settled".to_owned()])
            ),
            ("full_amount".to_owned(), DecideInput::FullAmount(true)),
            (
                "manual".to_owned(),
                DecideInput::Value(Literal::Boolean(false))
            ),
        ]
    );
    assert_eq!(
        refund.same,
        [(
            "payment.original_request_id".to_owned(),
            "request_id".to_owned()
        )]
    );
    let create = card
        .transitions
        .iter()
        .find(|t| t.creates)
        .expect("a creating transition");
    assert_eq!(
        (
            create.endpoint.as_ref().map(|e| e.name.as_str()),
            create.from.len(),
            create.to.as_str(),
            create.amount.as_deref()
        ),
        (
            Some("card_payment_page"),
            0,
            "pending",
            Some("order.amount")
        )
    );
    assert_eq!(
        create.attributes,
        [
            (
                "payment_type".to_owned(),
                AttributeSource::Body("payment.type".to_owned())
            ),
            (
                "request_id".to_owned(),
                AttributeSource::Header("Request-Id".to_owned())
            ),
        ]
    );

    let mut files = std::collections::BTreeMap::new();
    let provider = std::fs::read_to_string(spec.join("doku/provider.yaml")).expect("read");
    let broken = provider
        .replace("to: cancelled", "to: canceled")
        .replace("key: payment.authorize_id", "key: payment.nothing")
        .replace(
            "guard: checkout_cancel_supported",
            "guard: installment_kind",
        );
    files.insert(
        std::path::PathBuf::from("doku/provider.yaml"),
        broken.into_bytes(),
    );
    for entry in [
        "cards/capture.yaml",
        "cards/refund.yaml",
        "cards/payment_page.yaml",
        "cards/delete_tokenization.yaml",
        "checkout/cancel_order.yaml",
        "orders/check_status.yaml",
        "notifications/virtual_account_notification.yaml",
    ] {
        let bytes = std::fs::read(spec.join("doku").join(entry)).expect("read");
        files.insert(std::path::PathBuf::from("doku").join(entry), bytes);
    }
    let errors = payspec_codegen::lower::load_files(&files).expect_err("broken lifecycle");
    let l024: Vec<String> = errors
        .0
        .iter()
        .filter(|d| d.code == "L024")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(l024.len(), 3, "{l024:?}");
    assert!(
        l024.iter().any(|m| m.contains("state `canceled`")),
        "{l024:?}"
    );
    assert!(
        l024.iter().any(|m| m.contains("payment.nothing")),
        "{l024:?}"
    );
    assert!(
        l024.iter().any(|m| m.contains("installment_kind")),
        "{l024:?}"
    );
}

/// A struct named after one of its own members (the DOKU refund object was
/// `RefundRequestAmount`, for `{ "amount": … }` under `refund`) is a name
/// a reader cannot guess from the JSON; the naming rule's
/// `<parent><Field>` (`RefundRequestRefund`) is.
#[test]
fn no_real_struct_is_named_after_one_of_its_members_instead_of_its_field() {
    use heck::ToUpperCamelCase;
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let loaded = load_dir(&spec).expect("the real specs load");
    let mut misnamed = Vec::new();
    for p in &loaded.ir.providers {
        for parent in &p.structs {
            for f in &parent.fields {
                let Type::Struct(name) = &f.ty else { continue };
                let child = strukt(p, name);
                let holder = f.wire_name.to_upper_camel_case();
                for member in &child.fields {
                    let member_name = member.wire_name.to_upper_camel_case();
                    if name.ends_with(&member_name) && !name.ends_with(&holder) {
                        misnamed.push(format!("{}.{} is {name}", parent.name, f.wire_name));
                    }
                }
            }
        }
    }
    assert!(misnamed.is_empty(), "{misnamed:#?}");
}

#[test]
fn a_read_only_action_takes_its_answers_status_from_the_error_body() {
    let l = loaded();
    let lifecycle = &acme(&l).lifecycles[0];
    let look_up = lifecycle
        .transitions
        .iter()
        .find(|t| t.action == "look_up")
        .expect("look_up");
    assert!(look_up.reads);
    assert_eq!(look_up.to, "");
    // `errors.not_found.status: 404`, with no `not_found_status` or
    // `refused_status` to override it.
    assert_eq!(look_up.not_found, Some(("not_found".to_owned(), 404)));
    assert_eq!(look_up.refused, Some(("not_found".to_owned(), 404)));
    let endpoint = acme(&l)
        .endpoints
        .iter()
        .find(|e| e.name == "card_payment_status")
        .expect("endpoint");
    assert_eq!(
        endpoint.docs_files(),
        ["acme-api.txt", "acme-status-codes.txt"]
    );
    let status = acme(&l)
        .enums
        .iter()
        .find(|e| e.name == "PaymentStatus")
        .expect("enum");
    assert_eq!(status.values[0].aliases, ["success"]);
}

/// The type crates' dependencies (`Provider::scope_references`) include an
/// enum a rule compares with, even when no field of the rule's area names
/// that enum's area: area `a` reaches area `c` only through `b.kind`.
#[test]
fn a_rule_condition_makes_its_area_depend_on_the_compared_enum() {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("shop/provider.yaml"),
        b"provider: shop\ntitle: Shop\ndoc: Shop.\n\
          auth: { doc: Basic auth. }\n\
          environments:\n  sandbox: { base_url: \"https://sandbox.shop.test\" }\n"
            .to_vec(),
    );
    let endpoint = |area: &str, fields: &str, extra: &str| {
        format!(
            "kind: endpoint\nname: op_{area}\narea: {area}\nsummary: Op.\ndocs: shop.txt\n\
             method: POST\npath: /{area}\nrequest:\n  type: Op{area}Request\n  fields:\n{fields}\
             responses:\n  \"200\":\n    type: Op{area}Response\n    fields:\n\
             \x20     ok: {{ type: boolean, presence: mandatory, doc: OK. }}\n{extra}"
        )
        .into_bytes()
    };
    files.insert(
        PathBuf::from("shop/a/op.yaml"),
        endpoint(
            "a",
            "    b: { type: BThing, presence: mandatory, doc: B. }\n    x: { type: string, presence: conditional, doc: X. }\n",
            "rules:\n  - source: \"x when b.kind is ONE\"\n    required_if:\n      fields: [x]\n      when: { field: b.kind, equals: ONE }\n",
        ),
    );
    files.insert(
        PathBuf::from("shop/b/op.yaml"),
        endpoint(
            "b",
            "    t: { type: BThing, presence: optional, doc: T. }\n",
            "types:\n  BThing:\n    doc: B.\n    fields:\n      kind: { type: CKind, presence: mandatory, doc: K. }\n",
        ),
    );
    files.insert(
        PathBuf::from("shop/c/op.yaml"),
        endpoint(
            "c",
            "    k: { type: CKind, presence: optional, doc: K. }\n",
            "enums:\n  CKind:\n    doc: K.\n    values: { ONE: One., TWO: Two. }\n",
        ),
    );
    let loaded = match load_files(&files) {
        Ok(loaded) => loaded,
        Err(diagnostics) => panic!("the spec must load:\n{diagnostics}"),
    };
    let refs = loaded.ir.providers[0].scope_references();
    let from_a = &refs[&Scope::Area("a".to_owned())];
    let areas: Vec<&Scope> = from_a.keys().collect();
    assert_eq!(
        areas,
        [&Scope::Area("b".to_owned()), &Scope::Area("c".to_owned())]
    );
    let to_c = &from_a[&Scope::Area("c".to_owned())];
    assert_eq!(to_c.by, "a `required_if` rule of `OpaRequest`");
    assert_eq!(to_c.names, "CKind");
    assert_eq!(to_c.loc.file, PathBuf::from("shop/a/op.yaml"));
    assert_eq!(
        refs[&Scope::Area("b".to_owned())]
            .keys()
            .collect::<Vec<_>>(),
        [&Scope::Area("c".to_owned())]
    );
}
