//! Tests of `payspec diff`: classification of every change kind, identity,
//! reports, and reading a spec directory at a git revision.

#[path = "diff_support/fixture.rs"]
mod fixture;

use std::collections::BTreeSet;

use fixture::*;
use payspec_codegen::diff::{
    diff, Change, ChangeKind as K, DiffReport, FailOn, RustItemKind, Severity,
};
use payspec_codegen::ir::*;

type Mutate = fn(&mut Ir, &mut Ir);

/// One case per change kind: the kind, the path it must be reported at, and
/// how BASE and HEAD (both clones of the fixture) are changed.
fn cases() -> Vec<(K, &'static str, Mutate)> {
    vec![
        // ---- breaking
        (K::ProviderRemoved, "doku", |_, h| h.providers.clear()),
        (
            K::EndpointRemoved,
            "GET /cards/v1/status/{invoice_number}",
            |_, h| doku_mut(h).endpoints.retain(|e| e.name != "card_status"),
        ),
        (K::EndpointRenamed, "POST /cards/v1/refund", |_, h| {
            endpoint_mut(h, "card_refund").name = "refund_card_payment".into()
        }),
        (
            K::MethodChanged,
            "POST /cards/v1/status/{invoice_number}",
            |_, h| endpoint_mut(h, "card_status").method = Some(HttpMethod::POST),
        ),
        (K::HttpPathChanged, "POST /cards/v2/refund", |_, h| {
            endpoint_mut(h, "card_refund").path = Some("/cards/v2/refund".into())
        }),
        (K::BaseUrlChanged, "environments.sandbox", |_, h| {
            doku_mut(h).environments[0].base_url = "https://sandbox.doku.com".into()
        }),
        (K::EnvironmentRemoved, "environments.production", |_, h| {
            doku_mut(h).environments.truncate(1)
        }),
        (
            K::AuthRecipeChanged,
            "auth.request.headers.Signature",
            |_, h| {
                let recipe = doku_mut(h).auth.recipes.request.as_mut().expect("a recipe");
                recipe.headers.to_mut()[1].template =
                    payspec_signing::recipe::Template::parse("HMACSHA512={mac}")
                        .expect("a template");
            },
        ),
        (K::CredentialsChanged, "auth.credentials", |_, h| {
            doku_mut(h).auth.recipes.credentials.to_mut().reverse()
        }),
        (
            K::ErrorConventionChanged,
            "error_convention.success_codes",
            |_, h| doku_mut(h).error_convention.success_codes = vec!["2xx".into()].into(),
        ),
        (K::TokenFlowChanged, "auth.token", |_, h| {
            let recipes = &mut doku_mut(h).auth.recipes;
            recipes.token = Some(payspec_signing::recipe::TokenFlow {
                endpoint: "token".into(),
                method: "POST".into(),
                path: "/token".into(),
                body: "{}".into(),
                request: recipes.request.clone().expect("a recipe"),
                access_token: "accessToken".into(),
                expires_in: None,
                refresh_before: 60,
            });
        }),
        (K::RequestBodyChanged, "POST /cards/v1/refund", |_, h| {
            endpoint_mut(h, "card_refund").request = Some("LineItem".into())
        }),
        (K::ResponseRemoved, "response[200]", |_, h| {
            endpoint_mut(h, "card_status").responses.clear()
        }),
        (K::ResponseBodyChanged, "response[200]", |_, h| {
            endpoint_mut(h, "card_status").responses[0].body = "CardRefundResponse".into()
        }),
        (K::StructRemoved, "ErrorBody", |_, h| {
            endpoint_mut(h, "card_refund").errors.clear();
            endpoint_mut(h, "card_status").errors.clear();
            doku_mut(h).structs.retain(|s| s.name != "ErrorBody");
        }),
        (K::StructRenamed, "RefundResponse", |_, h| {
            struct_mut(h, "CardRefundResponse").name = "RefundResponse".into();
            endpoint_mut(h, "card_refund").responses[0].body = "RefundResponse".into();
        }),
        (K::ScopeChanged, "ErrorBody", |_, h| {
            struct_mut(h, "ErrorBody").scope = area()
        }),
        (K::FieldRemoved, "order.session_id", |_, h| {
            remove_field(h, "RefundOrder", "session_id")
        }),
        (K::FieldRenamed, "line_items[].unit_price", |_, h| {
            let f = field_mut(h, "LineItem", "price");
            f.wire_name = "unit_price".into();
            f.rust_name = "unit_price".into();
        }),
        (K::FieldRustNameChanged, "amount", |_, h| {
            field_mut(h, "CardRefundRequest", "amount").rust_name = "amount_idr".into()
        }),
        (K::RequestFieldNowMandatory, "order.session_id", |_, h| {
            let f = field_mut(h, "RefundOrder", "session_id");
            f.presence = Presence::Mandatory;
            f.optional = false;
        }),
        (
            K::RequestFieldAddedMandatory,
            "order.merchant_id",
            |_, h| {
                struct_mut(h, "RefundOrder")
                    .fields
                    .push(mandatory("merchant_id", Type::String, 15))
            },
        ),
        (K::TypeChanged, "response[200].refund_id", |_, h| {
            field_mut(h, "CardRefundResponse", "refund_id").ty = Type::Integer
        }),
        (K::EnumRemoved, "RefundStatus", |_, h| {
            doku_mut(h).enums.retain(|e| e.name != "RefundStatus")
        }),
        (K::EnumRenamed, "RefundResult", |_, h| {
            enum_mut(h, "RefundStatus").name = "RefundResult".into();
            field_mut(h, "CardRefundResponse", "status").ty = en("RefundResult");
            field_mut(h, "CardStatusResponse", "status").ty = en("RefundResult");
        }),
        (K::EnumValueRemoved, "refund_type", |_, h| {
            enum_mut(h, "RefundType")
                .values
                .retain(|v| v.wire != "VOID")
        }),
        (K::EnumVariantRenamed, "response[200].status", |_, h| {
            enum_mut(h, "RefundStatus").values[0].rust_name = "Succeeded".into()
        }),
        (K::ResponseEnumValueAdded, "response[200].status", |_, h| {
            enum_mut(h, "RefundStatus")
                .values
                .push(enum_value("PENDING", "Pending"))
        }),
        (K::MaxLenTightened, "order.invoice_number", |_, h| {
            field_mut(h, "RefundOrder", "invoice_number").max_len = Some(27)
        }),
        (K::MinLenRaised, "line_items[].name", |_, h| {
            field_mut(h, "LineItem", "name").min_len = Some(2)
        }),
        (K::MinimumRaised, "amount", |_, h| {
            field_mut(h, "CardRefundRequest", "amount").minimum = Some(1)
        }),
        (K::FormatTightened, "order.session_id", |_, h| {
            field_mut(h, "RefundOrder", "session_id").format = Some(Format::Digits)
        }),
        (K::RuleAdded, "reason, customer_email", |_, h| {
            struct_mut(h, "CardRefundRequest").rules.push(rule(
                RuleKind::OneOfRequired {
                    fields: vec![
                        fp(vec![step("reason", Type::String, true, false)]),
                        fp(vec![step("customer_email", Type::String, true, false)]),
                    ],
                },
                60,
            ))
        }),
        (K::RuleTightened, "reason", |_, h| set_max_len_if(h, 50)),
        (K::DecisionRemoved, "can_cancel", |_, h| {
            doku_mut(h).decisions.retain(|d| d.name != "can_cancel")
        }),
        (K::DecisionSignatureChanged, "needs_3ds", |_, h| {
            decision_mut(h, "needs_3ds").inputs[1].optional = true
        }),
        (K::DecisionNarrowed, "can_cancel", |_, h| {
            decision_mut(h, "can_cancel").rows[0].when[0].1 =
                DecisionMatch::AnyOf(vec![enum_lit("Channel", "CREDIT_CARD", "CreditCard")])
        }),
        // ---- warnings
        (
            K::ResponseFieldNowOptional,
            "response[200].refund_id",
            |_, h| {
                let f = field_mut(h, "CardRefundResponse", "refund_id");
                f.presence = Presence::Optional;
                f.optional = true;
            },
        ),
        (
            K::RequestFieldNowOptional,
            "line_items[].quantity",
            |_, h| {
                let f = field_mut(h, "LineItem", "quantity");
                f.presence = Presence::Optional;
                f.optional = true;
            },
        ),
        (K::DefaultChanged, "refund_type", |_, h| {
            field_mut(h, "CardRefundRequest", "refund_type").default =
                Some(enum_lit("RefundType", "PARTIAL", "Partial"))
        }),
        (K::ConstraintLoosened, "reason", |_, h| {
            field_mut(h, "CardRefundRequest", "reason").max_len = Some(500)
        }),
        (K::RuleRemoved, "amount", |_, h| {
            struct_mut(h, "CardRefundRequest")
                .rules
                .retain(|r| r.kind.spec_name() != "sum_equals")
        }),
        (K::RuleLoosened, "reason", |_, h| set_max_len_if(h, 150)),
        (K::DecisionResultChanged, "refund_mode", |_, h| {
            decision_mut(h, "refund_mode").rows[1].then =
                enum_lit("RefundType", "PARTIAL", "Partial")
        }),
        (K::DecisionTableChanged, "wide", |b, h| {
            doku_mut(b).decisions.push(wide_decision());
            let mut d = wide_decision();
            d.otherwise = Some(Literal::Boolean(true));
            doku_mut(h).decisions.push(d);
        }),
        (K::ErrorBodyChanged, "error[not_found]", |_, h| {
            endpoint_mut(h, "card_status").errors.clear()
        }),
        (K::ErrorBodyChanged, "error[not_found]", |_, h| {
            endpoint_mut(h, "card_status").errors[0].status = Some(200)
        }),
        (K::WireLeniencyReduced, "channel", |b, _| {
            enum_mut(b, "Channel").values[0].aliases = vec!["credit_card".into()]
        }),
        (K::WireLeniencyAdded, "channel", |_, h| {
            enum_mut(h, "Channel").values[0].aliases = vec!["credit_card".into()]
        }),
        (K::WireLeniencyReduced, "response[200].refund_id", |b, _| {
            field_mut(b, "CardRefundResponse", "refund_id").also_accepts = vec![WireKind::Integer]
        }),
        (K::SensitivityRemoved, "order.invoice_number", |b, _| {
            field_mut(b, "RefundOrder", "invoice_number").sensitive = true
        }),
        (K::AuthChanged, "auth.token_claims", |_, h| {
            doku_mut(h).auth.token_claims = Some(TokenClaims::Empty)
        }),
        // ---- info
        (K::ProviderAdded, "biller", |_, h| {
            h.providers.insert(0, biller())
        }),
        (
            K::EndpointAdded,
            "GET /cards/v2/status/{invoice_number}",
            |_, h| {
                let mut e = endpoint_mut(h, "card_status").clone();
                e.name = "card_status_v2".into();
                e.path = Some("/cards/v2/status/{invoice_number}".into());
                doku_mut(h).endpoints.push(e);
            },
        ),
        (
            K::EndpointAreaChanged,
            "GET /cards/v1/status/{invoice_number}",
            |_, h| endpoint_mut(h, "card_status").area = "payments".into(),
        ),
        (K::EnvironmentAdded, "environments.staging", |_, h| {
            let mut e = doku_mut(h).environments[0].clone();
            e.name = "staging".into();
            e.rust_name = "Staging".into();
            doku_mut(h).environments.push(e);
        }),
        (K::ResponseAdded, "response[404]", |_, h| {
            endpoint_mut(h, "card_status").responses.push(Response {
                status: 404,
                body: "ErrorBody".into(),
                example_by: None,
            })
        }),
        (K::StructAdded, "Unused", |_, h| {
            let mut s = struct_mut(h, "LineItem").clone();
            s.name = "Unused".into();
            s.fields.push(optional("extra", Type::Json, 3));
            doku_mut(h).structs.push(s);
        }),
        (K::FieldAdded, "note", |_, h| {
            struct_mut(h, "CardRefundRequest")
                .fields
                .push(optional("note", Type::String, 26))
        }),
        (
            K::ResponseFieldNowMandatory,
            "response[200].approval_code",
            |_, h| {
                let f = field_mut(h, "CardRefundResponse", "approval_code");
                f.presence = Presence::Mandatory;
                f.optional = false;
            },
        ),
        (K::PresenceChanged, "reason", |_, h| {
            field_mut(h, "CardRefundRequest", "reason").presence = Presence::Recommended
        }),
        (
            K::ResponseConstraintChanged,
            "response[200].refund_id",
            |_, h| field_mut(h, "CardRefundResponse", "refund_id").max_len = Some(32),
        ),
        (K::WireLeniencyAdded, "response[200].refund_id", |_, h| {
            field_mut(h, "CardRefundResponse", "refund_id").also_accepts = vec![WireKind::Integer]
        }),
        (K::SensitivityAdded, "order.invoice_number", |_, h| {
            field_mut(h, "RefundOrder", "invoice_number").sensitive = true
        }),
        (K::EnumAdded, "Currency", |_, h| {
            let mut e = enum_mut(h, "RefundType").clone();
            e.name = "Currency".into();
            e.values = vec![enum_value("IDR", "Idr")];
            doku_mut(h).enums.push(e);
        }),
        (K::RequestEnumValueAdded, "refund_type", |_, h| {
            enum_mut(h, "RefundType")
                .values
                .push(enum_value("CHARGEBACK", "Chargeback"))
        }),
        (K::DocsOnlyRuleChanged, "reason", |_, h| {
            struct_mut(h, "CardRefundRequest").rules.push(rule(
                RuleKind::DependsOnAccount {
                    fields: vec![fp(vec![step("reason", Type::String, true, false)])],
                },
                58,
            ))
        }),
        (
            K::ErrorShapeChanged,
            "error_convention.code_kind",
            |_, h| doku_mut(h).error_shape.code_kind = Some(CodeKind::Symbol),
        ),
        (K::DecisionAdded, "can_void", |_, h| {
            let mut d = decision_mut(h, "can_cancel").clone();
            d.name = "can_void".into();
            doku_mut(h).decisions.push(d);
        }),
        (K::DecisionWidened, "can_cancel", |_, h| {
            decision_mut(h, "can_cancel").otherwise = Some(Literal::Boolean(true))
        }),
        (K::DocChanged, "order.invoice_number", |_, h| {
            field_mut(h, "RefundOrder", "invoice_number").doc =
                "Invoice number of the payment.".into()
        }),
        (K::DiscrepancyAdded, "line_items[].price", |_, h| {
            doku_mut(h)
                .discrepancies
                .push(discrepancy("line_items[].price", "an integer", 35))
        }),
        (K::DiscrepancyRemoved, "amount", |_, h| {
            doku_mut(h).discrepancies.retain(|d| d.about != "amount")
        }),
        (K::DiscrepancyChanged, "order.session_id", |_, h| {
            doku_mut(h).discrepancies[0].accepts = "a string or a number".into()
        }),
        (
            K::ExampleChanged,
            "CardRefundResponse example \"success\"",
            |_, h| struct_mut(h, "CardRefundResponse").examples.clear(),
        ),
    ]
}

fn set_max_len_if(ir: &mut Ir, limit: u32) {
    for r in &mut struct_mut(ir, "CardRefundRequest").rules {
        if let RuleKind::MaxLenIf { max_len, .. } = &mut r.kind {
            *max_len = limit;
        }
    }
}

/// A decision with 2^17 input combinations: too many to evaluate.
fn wide_decision() -> Decision {
    let mut d = base().providers[0].decisions[0].clone();
    d.name = "wide".into();
    d.inputs = (0..17)
        .map(|i| DecisionInput {
            name: format!("flag_{i}"),
            ty: DecisionType::Boolean,
            doc: String::new(),
            optional: false,
        })
        .collect();
    d.rows = vec![DecisionRow {
        when: vec![(0, DecisionMatch::AnyOf(vec![Literal::Boolean(true)]))],
        then: Literal::Boolean(true),
    }];
    d
}

fn run(mutate: Mutate) -> DiffReport {
    let (mut b, mut h) = (base(), base());
    mutate(&mut b, &mut h);
    diff(&b, &h)
}

fn describe(report: &DiffReport) -> String {
    report
        .changes
        .iter()
        .map(|c| format!("{} {} {:?} {}", c.kind, c.path, c.endpoint, c.title))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_change_kind_has_a_case() {
    let covered: BTreeSet<K> = cases().iter().map(|c| c.0).collect();
    let missing: Vec<&str> = K::ALL
        .iter()
        .filter(|k| !covered.contains(k))
        .map(|k| k.code())
        .collect();
    assert!(missing.is_empty(), "kinds without a case: {missing:?}");
}

#[test]
fn each_case_is_classified_with_its_kind_path_and_severity() {
    let mut failures = Vec::new();
    for (kind, path, mutate) in cases() {
        let report = run(mutate);
        let found = report
            .changes
            .iter()
            .any(|c| c.kind == kind && c.path == path && c.severity == kind.severity());
        // Nothing more serious than the case itself may be reported.
        let worst = report.changes.iter().map(|c| c.severity).min();
        if !found || worst != Some(kind.severity()) {
            failures.push(format!(
                "{} at {path} ({:?}); got:\n{}\n",
                kind.code(),
                kind.severity(),
                describe(&report)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_breaking_kind_is_breaking_in_its_case() {
    let breaking: Vec<K> = cases()
        .into_iter()
        .filter(|c| c.0.severity() == Severity::Breaking)
        .map(|c| {
            let report = run(c.2);
            assert_eq!(report.exit_code(FailOn::Breaking), 1, "{}", c.0.code());
            c.0
        })
        .collect();
    // response_enum_value_added is a warning since enums are #[non_exhaustive];
    // minimum_raised is new.
    assert_eq!(breaking.len(), 36);
}

#[test]
fn codes_are_unique_snake_case() {
    let codes: BTreeSet<&str> = K::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(codes.len(), K::ALL.len());
    for c in codes {
        assert!(
            c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
            "{c}"
        );
    }
}

#[test]
fn identical_irs_have_no_changes() {
    let report = diff(&base(), &base());
    assert!(report.changes.is_empty());
    assert!(report.rust_api.is_empty());
    assert_eq!(report.exit_code(FailOn::Warning), 0);
}

#[test]
fn reordering_and_moving_files_is_no_change() {
    let mut head = base();
    head.providers.push(biller());
    let mut b = base();
    b.providers.insert(0, biller());
    doku_mut(&mut b)
        .discrepancies
        .push(discrepancy("amount", "a string of digits", 26));
    let p = doku_mut(&mut head);
    p.enums.reverse();
    p.structs.reverse();
    p.endpoints.reverse();
    p.decisions.reverse();
    // Two notes on one subject, swapped.
    p.discrepancies
        .push(discrepancy("amount", "a string of digits", 26));
    p.discrepancies.reverse();
    p.environments.reverse();
    p.loc = loc("moved/provider.yaml", 99);
    for e in &mut p.enums {
        e.values.reverse();
        e.loc = loc("moved/enums.yaml", 1);
    }
    for s in &mut p.structs {
        s.fields.reverse();
        s.rules.reverse();
        s.loc = loc("moved/types.yaml", 2);
        for f in &mut s.fields {
            f.loc = loc("moved/types.yaml", 7);
        }
        for r in &mut s.rules {
            r.loc = loc("moved/rules.yaml", 3);
        }
    }
    for e in &mut p.endpoints {
        e.loc = loc("moved/endpoint.yaml", 4);
    }
    for d in &mut p.decisions {
        d.loc = loc("moved/decisions.yaml", 5);
    }
    for d in &mut p.discrepancies {
        d.loc = loc("moved/notes.yaml", 6);
    }
    let report = diff(&b, &head);
    assert_eq!(describe(&report), "");
    // Reversing fields swaps constructor arguments: not a spec change, but a
    // Rust signature change, so the Rust API section shows it.
    let changed: Vec<&str> = report
        .rust_api
        .changed
        .iter()
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "payspec::doku::cards::CardRefundRequest::new",
            "payspec::doku::cards::LineItem::new",
        ]
    );
    assert!(report.rust_api.added.is_empty() && report.rust_api.removed.is_empty());
}

#[test]
fn rewriting_a_decision_without_changing_answers_is_no_change() {
    let mut head = base();
    let d = decision_mut(&mut head, "can_cancel");
    // Same answers: split the row in two and list the excluded channel instead.
    d.rows = vec![
        DecisionRow {
            when: vec![(
                0,
                DecisionMatch::NoneOf(vec![
                    enum_lit("Channel", "VIRTUAL_ACCOUNT_BCA", "VirtualAccountBca"),
                    enum_lit("Channel", "QRIS", "Qris"),
                ]),
            )],
            then: Literal::Boolean(false),
        },
        DecisionRow {
            when: vec![(
                0,
                DecisionMatch::AnyOf(vec![enum_lit("Channel", "QRIS", "Qris")]),
            )],
            then: Literal::Boolean(true),
        },
        DecisionRow {
            when: vec![(
                0,
                DecisionMatch::AnyOf(vec![enum_lit("Channel", "CREDIT_CARD", "CreditCard")]),
            )],
            then: Literal::Boolean(true),
        },
    ];
    // CREDIT_CARD first, or the `NoneOf` row would answer false for it.
    d.rows.rotate_left(2);
    let report = diff(&base(), &head);
    assert_eq!(describe(&report), "");
}

#[test]
fn narrowed_decision_names_the_removed_channel() {
    let report = run(|_, h| {
        decision_mut(h, "can_cancel").rows[0].when[0].1 =
            DecisionMatch::AnyOf(vec![enum_lit("Channel", "CREDIT_CARD", "CreditCard")])
    });
    let c = only(&report, K::DecisionNarrowed);
    assert_eq!(c.title, "now false for channel=QRIS");
    assert_eq!(c.before.as_deref(), Some("channel=QRIS → true"));
    assert_eq!(c.after.as_deref(), Some("channel=QRIS → false"));
}

#[test]
fn decision_answers_collapse_inputs_that_do_not_matter() {
    // refund_mode(channel, partial: Option<bool>): QRIS now gets FULL whatever `partial` is.
    let report = run(|_, h| {
        decision_mut(h, "refund_mode").otherwise = Some(enum_lit("RefundType", "FULL", "Full"))
    });
    let c = only(&report, K::DecisionWidened);
    assert_eq!(
        c.title,
        "now answers for channel=QRIS (None → FULL); channel=any other value (None → FULL)"
    );
    assert_eq!(
        c.after.as_deref(),
        Some("channel=QRIS → FULL; channel=any other value → FULL")
    );
}

fn only(report: &DiffReport, kind: K) -> &Change {
    let list: Vec<&Change> = report.changes.iter().filter(|c| c.kind == kind).collect();
    assert_eq!(list.len(), 1, "{}", describe(report));
    list[0]
}

#[test]
fn enum_rename_is_not_also_a_type_change() {
    let report = run(|_, h| {
        enum_mut(h, "RefundStatus").name = "RefundResult".into();
        field_mut(h, "CardRefundResponse", "status").ty = en("RefundResult");
        field_mut(h, "CardStatusResponse", "status").ty = en("RefundResult");
    });
    let kinds: BTreeSet<K> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        BTreeSet::from([K::EnumRenamed]),
        "{}",
        describe(&report)
    );
    let c = only(&report, K::EnumRenamed);
    assert_eq!(c.endpoint.as_deref(), Some("card_refund, card_status"));
}

#[test]
fn shared_struct_change_names_every_endpoint_once() {
    let report = run(|b, h| {
        // Both endpoints call their error `refund_failed`: same path, one entry.
        endpoint_mut(b, "card_status").errors[0].name = "refund_failed".into();
        endpoint_mut(h, "card_status").errors[0].name = "refund_failed".into();
        field_mut(h, "ErrorBody", "message").ty = Type::Json;
    });
    let c = only(&report, K::TypeChanged);
    assert_eq!(c.endpoint.as_deref(), Some("card_refund, card_status"));
    assert_eq!(c.path, "error[refund_failed].message");
    assert_eq!(c.before.as_deref(), Some("string"));
    assert_eq!(c.after.as_deref(), Some("json"));
}

#[test]
fn shared_struct_at_different_paths_is_reported_per_path() {
    let report = run(|_, h| field_mut(h, "ErrorBody", "message").ty = Type::Json);
    let found: Vec<(Option<&str>, &str)> = report
        .changes
        .iter()
        .map(|c| (c.endpoint.as_deref(), c.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Some("card_refund"), "error[refund_failed].message"),
            (Some("card_status"), "error[not_found].message"),
        ]
    );
}

#[test]
fn field_rename_by_position_says_renamed_from() {
    let report = run(|_, h| {
        let f = field_mut(h, "LineItem", "price");
        f.wire_name = "unit_price".into();
        f.rust_name = "unit_price".into();
    });
    let c = only(&report, K::FieldRenamed);
    assert_eq!(c.title, "renamed from price");
    assert_eq!(c.before.as_deref(), Some("price"));
    assert_eq!(c.after.as_deref(), Some("unit_price"));
    assert_eq!(c.endpoint.as_deref(), Some("card_refund"));
    assert!(!report.changes.iter().any(|c| c.kind == K::FieldRemoved));
}

#[test]
fn new_mandatory_field_changes_the_constructor() {
    let report = run(|_, h| {
        let f = field_mut(h, "RefundOrder", "session_id");
        f.presence = Presence::Mandatory;
        f.optional = false;
    });
    let ctor = report
        .rust_api
        .changed
        .iter()
        .find(|c| c.kind == RustItemKind::Constructor)
        .expect("constructor changed");
    assert_eq!(
        ctor.before,
        "payspec::doku::cards::RefundOrder::new(invoice_number: String) -> Self"
    );
    assert_eq!(
        ctor.after,
        "payspec::doku::cards::RefundOrder::new(invoice_number: String, session_id: String) -> Self"
    );
    let field = report
        .rust_api
        .changed
        .iter()
        .find(|c| c.kind == RustItemKind::Field)
        .expect("field type changed");
    assert_eq!(
        field.after,
        "payspec::doku::cards::RefundOrder::session_id: String"
    );
}

#[test]
fn change_on_a_struct_reached_only_by_a_new_endpoint_names_no_endpoint() {
    let report = run(|_, h| {
        // LineItem is now only reached from a new endpoint.
        let mut e = endpoint_mut(h, "card_refund").clone();
        e.name = "card_capture".into();
        e.path = Some("/cards/v1/capture".into());
        e.request = Some("LineItem".into());
        doku_mut(h).endpoints.push(e);
        field_mut(h, "CardRefundRequest", "line_items").ty = Type::Json;
        field_mut(h, "LineItem", "name").max_len = Some(10);
    });
    let c = only(&report, K::MaxLenTightened);
    assert_eq!(c.endpoint, None);
    assert_eq!(c.path, "LineItem.name");
}

#[test]
fn exit_codes_follow_fail_on() {
    let breaking = run(|_, h| field_mut(h, "RefundOrder", "invoice_number").max_len = Some(27));
    let warning = run(|_, h| field_mut(h, "CardRefundRequest", "reason").max_len = Some(500));
    let info = run(|_, h| field_mut(h, "RefundOrder", "invoice_number").doc = "x".into());
    let codes =
        |r: &DiffReport| [FailOn::Breaking, FailOn::Warning, FailOn::None].map(|f| r.exit_code(f));
    assert_eq!(codes(&breaking), [1, 1, 0]);
    assert_eq!(codes(&warning), [0, 1, 0]);
    assert_eq!(codes(&info), [0, 0, 0]);
}

#[test]
fn text_line_matches_the_documented_shape() {
    let report = run(|_, h| field_mut(h, "RefundOrder", "invoice_number").max_len = Some(27));
    let text = report.render_text();
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(
            "BREAKING doku card_refund order.invoice_number: max length tightened 64 → 27 (doku/cards/refund.yaml:12) — "
        ),
        "{first}"
    );
}

#[test]
fn every_class_pair_reports() {
    let report = diff(&base(), &head_with_every_class());
    // Sorted: severity first, then provider, endpoint, path.
    let keys: Vec<_> = report
        .changes
        .iter()
        .map(|c| {
            (
                c.severity,
                c.provider.clone(),
                c.endpoint.clone(),
                c.path.clone(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(report
        .render_markdown()
        .contains("Void a card payment \\| same day only."));
    insta::assert_snapshot!("every_class_text", report.render_text());
    insta::assert_snapshot!("every_class_markdown", report.render_markdown());
    insta::assert_snapshot!("every_class_json", report.render_json());
}

#[test]
fn every_class_pair_is_deterministic() {
    let a = diff(&base(), &head_with_every_class()).render_json();
    let b = diff(&base(), &head_with_every_class()).render_json();
    assert_eq!(a, b);
}

mod git_revisions {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use payspec_codegen::diff::{read_spec_at_revision, DiffError};

    fn git(repo: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .arg("-C")
            .arg(repo)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    fn write(repo: &Path, path: &str, text: &str) {
        let p = repo.join(path);
        std::fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn files(list: &[(&str, &str)]) -> BTreeMap<PathBuf, Vec<u8>> {
        list.iter()
            .map(|(p, t)| (PathBuf::from(p), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn reads_both_revisions_and_leaves_the_working_tree_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = dir.path();
        git(repo, &["init", "-q"]);
        write(repo, "spec/doku/provider.yaml", "provider: doku\n");
        write(
            repo,
            "spec/doku/cards/refund.yaml",
            "name: card_refund # v1\n",
        );
        write(repo, "README.md", "not a spec\n");
        git(repo, &["add", "-A"]);
        git(repo, &["commit", "-q", "-m", "one"]);
        let first = git(repo, &["rev-parse", "HEAD"]);

        write(
            repo,
            "spec/doku/cards/refund.yaml",
            "name: card_refund # v2\n",
        );
        write(repo, "spec/doku/cards/void.yaml", "name: card_void\n");
        git(repo, &["add", "-A"]);
        git(repo, &["commit", "-q", "-m", "two"]);

        // Uncommitted edits and an untracked file in the working tree.
        write(repo, "spec/doku/cards/refund.yaml", "uncommitted\n");
        write(repo, "spec/doku/cards/draft.yaml", "untracked\n");
        let status = git(repo, &["status", "--porcelain"]);

        let at_first = read_spec_at_revision(repo, &first, Path::new("spec")).expect("first");
        assert_eq!(
            at_first,
            files(&[
                ("doku/cards/refund.yaml", "name: card_refund # v1\n"),
                ("doku/provider.yaml", "provider: doku\n"),
            ])
        );
        let at_head = read_spec_at_revision(repo, "HEAD", Path::new("spec/")).expect("head");
        assert_eq!(
            at_head,
            files(&[
                ("doku/cards/refund.yaml", "name: card_refund # v2\n"),
                ("doku/cards/void.yaml", "name: card_void\n"),
                ("doku/provider.yaml", "provider: doku\n"),
            ])
        );
        assert_eq!(
            read_spec_at_revision(repo, "HEAD~1", Path::new("spec")).expect("HEAD~1"),
            at_first
        );

        // A repository subdirectory works too: paths stay relative to the spec dir.
        let nested = read_spec_at_revision(&repo.join("spec"), "HEAD", Path::new("doku/cards"))
            .expect("nested");
        assert_eq!(
            nested.keys().cloned().collect::<Vec<_>>(),
            [PathBuf::from("refund.yaml"), PathBuf::from("void.yaml")]
        );

        assert_eq!(
            std::fs::read_to_string(repo.join("spec/doku/cards/refund.yaml")).expect("read"),
            "uncommitted\n"
        );
        assert_eq!(git(repo, &["status", "--porcelain"]), status);
        assert_eq!(git(repo, &["rev-parse", "HEAD~1"]), first);
    }

    #[test]
    fn bad_revisions_and_missing_directories_are_clear_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = dir.path();
        git(repo, &["init", "-q"]);
        write(repo, "spec/doku/provider.yaml", "provider: doku\n");
        git(repo, &["add", "-A"]);
        git(repo, &["commit", "-q", "-m", "one"]);

        let err = read_spec_at_revision(repo, "--output=/tmp/x", Path::new("spec")).unwrap_err();
        assert!(
            matches!(err, DiffError::BadRevision(ref r) if r == "--output=/tmp/x"),
            "{err}"
        );

        let err = read_spec_at_revision(repo, "no-such-branch", Path::new("spec")).unwrap_err();
        assert!(matches!(err, DiffError::Git { .. }), "{err}");
        assert!(err.to_string().contains("no-such-branch"), "{err}");

        let err = read_spec_at_revision(repo, "HEAD", Path::new("specs")).unwrap_err();
        assert_eq!(err.to_string(), "no files under `specs` at revision `HEAD`");
    }
}

#[test]
fn path_parameters_and_headers_are_compared_like_fields() {
    let report = run(|_, h| {
        let p = &mut endpoint_mut(h, "card_status").path_params[0];
        p.wire_name = "order_id".into();
        p.rust_name = "order_id".into();
        doku_mut(h).request_headers.push(Header {
            fixed: None,
            wire_name: "Request-Id".into(),
            field: mandatory("Request-Id", Type::String, 21),
        });
    });
    let renamed = only(&report, K::FieldRenamed);
    assert_eq!(
        (renamed.endpoint.as_deref(), renamed.path.as_str()),
        (Some("card_status"), "{order_id}")
    );
    let header = only(&report, K::RequestFieldAddedMandatory);
    assert_eq!(
        (header.endpoint.as_deref(), header.path.as_str()),
        (None, "request header Request-Id")
    );
    assert!(
        header
            .message
            .contains("the client must now send this header"),
        "{}",
        header.message
    );
}

#[test]
fn report_formats_and_fail_on_parse() {
    use payspec_codegen::diff::ReportFormat;
    assert_eq!("json".parse::<ReportFormat>(), Ok(ReportFormat::Json));
    assert_eq!("md".parse::<ReportFormat>(), Ok(ReportFormat::Markdown));
    assert!("yaml"
        .parse::<ReportFormat>()
        .unwrap_err()
        .contains("text, markdown or json"));
    assert_eq!("warning".parse::<FailOn>(), Ok(FailOn::Warning));
    assert!("all".parse::<FailOn>().is_err());
    let report = diff(&base(), &base());
    assert_eq!(
        report.render(ReportFormat::Text),
        "0 breaking changes, 0 warnings, 0 info\n"
    );
    assert_eq!(
        report.render(ReportFormat::Markdown),
        "## payspec diff: 0 breaking changes, 0 warnings, 0 info\n\nNo change for API callers.\n\n### Rust API\n\nNo change to the generated Rust API.\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&report.render(ReportFormat::Json)).expect("valid JSON");
    assert_eq!(json["summary"]["breaking"], 0);
    assert_eq!(json["changes"], serde_json::json!([]));
}

#[test]
fn markdown_cells_escape_pipes_and_shorten_long_values() {
    let report = run(|_, h| {
        field_mut(h, "RefundOrder", "invoice_number").doc = format!("a|b {}", "x".repeat(200));
    });
    let md = report.render_markdown();
    let row = md
        .lines()
        .find(|l| l.contains("description changed"))
        .expect("row");
    assert!(row.contains("`a\\|b xxx"), "{row}");
    assert!(row.contains("…`"), "{row}");
    // Cells stay one table row: 8 columns, 9 unescaped pipes.
    let pipes = row.matches('|').count() - row.matches("\\|").count();
    assert_eq!(pipes, 9, "{row}");
    // The JSON keeps the value whole.
    assert!(report.render_json().contains(&"x".repeat(200)));
}

#[test]
fn self_referencing_structs_are_walked_once() {
    let add_tree = |ir: &mut Ir| {
        let mut node = struct_mut(ir, "ErrorBody").clone();
        node.name = "Node".into();
        node.scope = area();
        node.fields = vec![
            mandatory("label", Type::String, 140),
            optional("children", arr(st("Node")), 141),
        ];
        doku_mut(ir).structs.push(node);
        struct_mut(ir, "CardRefundResponse")
            .fields
            .push(optional("tree", st("Node"), 63));
    };
    let (mut b, mut h) = (base(), base());
    add_tree(&mut b);
    add_tree(&mut h);
    field_mut(&mut h, "Node", "label").ty = Type::Integer;
    let report = diff(&b, &h);
    let c = only(&report, K::TypeChanged);
    assert_eq!(c.path, "response[200].tree.label");
    assert_eq!(c.endpoint.as_deref(), Some("card_refund"));
}

#[test]
fn scope_change_gives_both_rust_paths() {
    let report = run(|_, h| enum_mut(h, "RefundStatus").scope = Scope::Provider);
    let c = only(&report, K::ScopeChanged);
    assert_eq!(
        c.before.as_deref(),
        Some("payspec::doku::cards::RefundStatus")
    );
    assert_eq!(c.after.as_deref(), Some("payspec::doku::RefundStatus"));
    let moved: Vec<(&str, RustItemKind)> = report
        .rust_api
        .added
        .iter()
        .map(|i| (i.path.as_str(), i.kind))
        .collect();
    assert_eq!(
        moved,
        [
            ("payspec::doku::RefundStatus", RustItemKind::Enum),
            ("payspec::doku::RefundStatus::Failed", RustItemKind::Variant),
            (
                "payspec::doku::RefundStatus::Success",
                RustItemKind::Variant
            ),
        ]
    );
    assert_eq!(report.rust_api.removed.len(), 3);
}

#[test]
fn lowering_a_minimum_loosens_validation() {
    let mut b = base();
    field_mut(&mut b, "CardRefundRequest", "amount").minimum = Some(1);
    let report = diff(&b, &base());
    let found: Vec<(K, &str)> = report
        .changes
        .iter()
        .map(|c| (c.kind, c.path.as_str()))
        .collect();
    assert_eq!(found, [(K::ConstraintLoosened, "amount")]);
    assert_eq!(report.exit_code(FailOn::Breaking), 0);
}
