//! A hand-built IR for the diff tests, and helpers to change clones of it.

#![allow(dead_code)]

use std::path::PathBuf;

use payspec_codegen::ir::*;

pub fn loc(file: &str, line: u32) -> Loc {
    Loc {
        file: PathBuf::from(file),
        line,
        column: 3,
    }
}

/// A field whose Rust name is its wire name.
pub fn field(wire: &str, ty: Type, presence: Presence, line: u32) -> Field {
    Field {
        generated: None,
        wire_name: wire.to_owned(),
        rust_name: wire.to_owned(),
        doc: format!("The {wire}."),
        ty,
        presence,
        optional: presence != Presence::Mandatory,
        max_len: None,
        min_len: None,
        format: None,
        default: None,
        aliases: vec![],
        also_accepts: vec![],
        minimum: None,
        sensitive: false,
        discrepancy: None,
        loc: loc("doku/cards/refund.yaml", line),
    }
}

pub fn mandatory(wire: &str, ty: Type, line: u32) -> Field {
    field(wire, ty, Presence::Mandatory, line)
}

pub fn optional(wire: &str, ty: Type, line: u32) -> Field {
    field(wire, ty, Presence::Optional, line)
}

pub fn with_max(mut f: Field, n: u32) -> Field {
    f.max_len = Some(n);
    f
}

pub fn en(name: &str) -> Type {
    Type::Enum(name.to_owned())
}

pub fn st(name: &str) -> Type {
    Type::Struct(name.to_owned())
}

pub fn arr(t: Type) -> Type {
    Type::Array(Box::new(t))
}

pub fn area() -> Scope {
    Scope::Area("cards".into())
}

pub fn enum_value(wire: &str, rust: &str) -> EnumValue {
    EnumValue {
        aliases: Vec::new(),
        wire: wire.into(),
        rust_name: rust.into(),
        doc: format!("{wire} value."),
    }
}

pub fn enum_lit(enum_name: &str, wire: &str, rust: &str) -> Literal {
    Literal::EnumValue {
        enum_name: enum_name.into(),
        wire: wire.into(),
        rust_name: rust.into(),
    }
}

pub fn step(wire: &str, ty: Type, optional: bool, each: bool) -> PathStep {
    PathStep {
        wire_name: wire.into(),
        rust_name: wire.into(),
        optional,
        each,
        ty,
    }
}

pub fn fp(steps: Vec<PathStep>) -> FieldPath {
    FieldPath { steps }
}

/// `refund_type = PARTIAL`.
pub fn when_partial() -> Condition {
    Condition {
        field: fp(vec![step("refund_type", en("RefundType"), true, false)]),
        test: ConditionTest::OneOf(vec![enum_lit("RefundType", "PARTIAL", "Partial")]),
    }
}

pub fn rule(kind: RuleKind, line: u32) -> Rule {
    Rule {
        source: format!("Doc sentence for {}.", kind.spec_name()),
        kind,
        loc: loc("doku/cards/refund.yaml", line),
    }
}

pub fn discrepancy(about: &str, accepts: &str, line: u32) -> Discrepancy {
    Discrepancy {
        about: about.into(),
        quotes: vec![
            "The table says string.".into(),
            "The sample shows a number.".into(),
        ],
        accepts: accepts.into(),
        loc: loc("doku/cards/refund.yaml", line),
    }
}

fn environment(name: &str, rust: &str, url: &str) -> Environment {
    Environment {
        name: name.into(),
        rust_name: rust.into(),
        base_url: url.into(),
        doc: None,
    }
}

fn strukt(name: &str, scope: Scope, request: bool, fields: Vec<Field>, line: u32) -> Struct {
    Struct {
        name: name.into(),
        scope,
        doc: format!("{name} doc."),
        fields,
        rules: vec![],
        roles: Roles {
            request,
            response: !request,
        },
        examples: vec![],
        loc: loc("doku/cards/refund.yaml", line),
    }
}

fn channel_enum() -> Enum {
    Enum {
        name: "Channel".into(),
        scope: Scope::Provider,
        doc: "Payment channels.".into(),
        values: vec![
            enum_value("CREDIT_CARD", "CreditCard"),
            enum_value("VIRTUAL_ACCOUNT_BCA", "VirtualAccountBca"),
            enum_value("QRIS", "Qris"),
        ],
        discrepancy: None,
        in_request: false,
        in_response: true,
        loc: loc("doku/provider.yaml", 40),
    }
}

fn decision_input(name: &str, ty: DecisionType, optional: bool) -> DecisionInput {
    DecisionInput {
        name: name.into(),
        ty,
        doc: format!("The {name}."),
        optional,
    }
}

fn channel_lits(wires: &[(&str, &str)]) -> Vec<Literal> {
    wires
        .iter()
        .map(|(w, r)| enum_lit("Channel", w, r))
        .collect()
}

/// The DOKU-like provider every test starts from.
pub fn doku() -> Provider {
    let mut refund_request = strukt(
        "CardRefundRequest",
        area(),
        true,
        vec![
            mandatory("order", st("RefundOrder"), 10),
            mandatory("amount", Type::AmountIdr, 20),
            {
                let mut f = optional("refund_type", en("RefundType"), 21);
                f.default = Some(enum_lit("RefundType", "FULL", "Full"));
                f
            },
            with_max(optional("reason", Type::String, 22), 255),
            {
                let mut f = optional("customer_email", Type::String, 23);
                f.format = Some(Format::Email);
                f
            },
            optional("line_items", arr(st("LineItem")), 24),
        ],
        5,
    );
    refund_request.rules = vec![
        rule(
            RuleKind::RequiredIf {
                fields: vec![fp(vec![step("reason", Type::String, true, false)])],
                when: when_partial(),
            },
            40,
        ),
        rule(
            RuleKind::SumEquals {
                array: fp(vec![step("line_items", arr(st("LineItem")), true, false)]),
                multiply: vec![
                    fp(vec![step("price", Type::AmountIdr, false, false)]),
                    fp(vec![step("quantity", Type::Integer, false, false)]),
                ],
                equals: fp(vec![step("amount", Type::AmountIdr, false, false)]),
            },
            44,
        ),
        rule(
            RuleKind::MaxLenIf {
                field: fp(vec![step("reason", Type::String, true, false)]),
                max_len: 100,
                when: when_partial(),
            },
            48,
        ),
    ];
    let refund_order = strukt(
        "RefundOrder",
        area(),
        true,
        vec![
            with_max(mandatory("invoice_number", Type::String, 12), 64),
            optional("session_id", Type::String, 14),
        ],
        11,
    );
    let line_item = strukt(
        "LineItem",
        area(),
        true,
        vec![
            mandatory("name", Type::String, 30),
            mandatory("price", Type::AmountIdr, 31),
            mandatory("quantity", Type::Integer, 32),
        ],
        29,
    );
    let mut refund_response = strukt(
        "CardRefundResponse",
        area(),
        false,
        vec![
            mandatory("status", en("RefundStatus"), 60),
            mandatory("refund_id", Type::String, 61),
            optional("approval_code", Type::String, 62),
        ],
        59,
    );
    refund_response.examples = vec![Example {
        name: "success".into(),
        json: r#"{"status":"SUCCESS","refund_id":"R1"}"#.into(),
    }];
    let status_response = strukt(
        "CardStatusResponse",
        area(),
        false,
        vec![
            mandatory("status", en("RefundStatus"), 80),
            optional("refunded_amount", Type::AmountIdr, 81),
        ],
        79,
    );
    let error_body = strukt(
        "ErrorBody",
        Scope::Provider,
        false,
        vec![
            mandatory("error_code", Type::String, 90),
            mandatory("message", Type::String, 91),
        ],
        89,
    );
    let notification = strukt(
        "PaymentNotification",
        Scope::Area("checkout".into()),
        false,
        vec![
            mandatory("channel", en("Channel"), 100),
            mandatory("amount", Type::AmountIdr, 101),
        ],
        99,
    );
    let mut status_path = mandatory("invoice_number", Type::String, 75);
    status_path.loc = loc("doku/cards/status.yaml", 75);

    Provider {
        error_convention: Default::default(),
        error_shape: Default::default(),
        path_refs: Vec::new(),
        name: "doku".into(),
        title: "DOKU".into(),
        doc: "DOKU Checkout and Cards.".into(),
        docs: vec!["doku-cards-refund.txt".into()],
        auth: Auth {
            doc: "HMAC-SHA256 signature.".into(),
            token_claims: None,
            recipes: recipes(),
        },
        environments: vec![
            environment("sandbox", "Sandbox", "https://api-sandbox.doku.com"),
            environment("production", "Production", "https://api.doku.com"),
        ],
        request_headers: vec![Header {
            fixed: None,
            wire_name: "Client-Id".into(),
            field: mandatory("Client-Id", Type::String, 20),
        }],
        call_headers: Vec::new(),
        retry: None,
        response_headers: vec![],
        enums: vec![
            channel_enum(),
            Enum {
                name: "RefundType".into(),
                scope: area(),
                doc: "How much to refund.".into(),
                values: vec![
                    enum_value("FULL", "Full"),
                    enum_value("PARTIAL", "Partial"),
                    enum_value("VOID", "Void"),
                ],
                discrepancy: None,
                in_request: true,
                in_response: false,
                loc: loc("doku/cards/refund.yaml", 120),
            },
            Enum {
                name: "RefundStatus".into(),
                scope: area(),
                doc: "Refund outcome.".into(),
                values: vec![
                    enum_value("SUCCESS", "Success"),
                    enum_value("FAILED", "Failed"),
                ],
                discrepancy: None,
                in_request: false,
                in_response: true,
                loc: loc("doku/cards/refund.yaml", 130),
            },
        ],
        structs: vec![
            refund_request,
            refund_order,
            line_item,
            refund_response,
            status_response,
            error_body,
            notification,
        ],
        endpoints: vec![
            Endpoint {
                success_codes: None,
                cases: Vec::new(),
                kind: EndpointKind::Endpoint,
                name: "card_refund".into(),
                area: "cards".into(),
                summary: "Refund a card payment.".into(),
                doc: None,
                docs: vec!["doku-cards-refund.txt".to_owned()],
                method: Some(HttpMethod::POST),
                path: Some("/cards/v1/refund".into()),
                path_params: vec![],
                request: Some("CardRefundRequest".into()),
                responses: vec![Response {
                    status: 200,
                    body: "CardRefundResponse".into(),
                    example_by: None,
                }],
                errors: vec![ErrorBody {
                    status: None,
                    name: "refund_failed".into(),
                    body: "ErrorBody".into(),
                }],
                loc: loc("doku/cards/refund.yaml", 1),
            },
            Endpoint {
                success_codes: None,
                cases: Vec::new(),
                kind: EndpointKind::Endpoint,
                name: "card_status".into(),
                area: "cards".into(),
                summary: "Refund status.".into(),
                doc: None,
                docs: vec!["doku-cards-refund.txt".to_owned()],
                method: Some(HttpMethod::GET),
                path: Some("/cards/v1/status/{invoice_number}".into()),
                path_params: vec![status_path],
                request: None,
                responses: vec![Response {
                    status: 200,
                    body: "CardStatusResponse".into(),
                    example_by: None,
                }],
                errors: vec![ErrorBody {
                    status: None,
                    name: "not_found".into(),
                    body: "ErrorBody".into(),
                }],
                loc: loc("doku/cards/status.yaml", 1),
            },
            Endpoint {
                success_codes: None,
                cases: Vec::new(),
                kind: EndpointKind::Notification,
                name: "payment_notification".into(),
                area: "checkout".into(),
                summary: "Payment result.".into(),
                doc: None,
                docs: vec!["doku-checkout.txt".to_owned()],
                method: None,
                path: None,
                path_params: vec![],
                request: Some("PaymentNotification".into()),
                responses: vec![],
                errors: vec![],
                loc: loc("doku/checkout/notification.yaml", 1),
            },
        ],
        decisions: vec![
            Decision {
                name: "can_cancel".into(),
                scope: Scope::Provider,
                doc: "Whether a payment through this channel can be cancelled.".into(),
                source: "Only card and QRIS payments can be cancelled.".into(),
                inputs: vec![decision_input(
                    "channel",
                    DecisionType::Enum("Channel".into()),
                    false,
                )],
                output: DecisionType::Boolean,
                rows: vec![DecisionRow {
                    when: vec![(
                        0,
                        DecisionMatch::AnyOf(channel_lits(&[
                            ("CREDIT_CARD", "CreditCard"),
                            ("QRIS", "Qris"),
                        ])),
                    )],
                    then: Literal::Boolean(true),
                }],
                otherwise: Some(Literal::Boolean(false)),
                loc: loc("doku/provider.yaml", 60),
            },
            Decision {
                name: "refund_mode".into(),
                scope: Scope::Provider,
                doc: "Which refund a channel allows.".into(),
                source: "Cards allow partial refunds; virtual accounts only full ones.".into(),
                inputs: vec![
                    decision_input("channel", DecisionType::Enum("Channel".into()), false),
                    decision_input("partial", DecisionType::Boolean, true),
                ],
                output: DecisionType::Enum("RefundType".into()),
                rows: vec![
                    DecisionRow {
                        when: vec![
                            (
                                0,
                                DecisionMatch::AnyOf(channel_lits(&[(
                                    "CREDIT_CARD",
                                    "CreditCard",
                                )])),
                            ),
                            (1, DecisionMatch::AnyOf(vec![Literal::Boolean(true)])),
                        ],
                        then: enum_lit("RefundType", "PARTIAL", "Partial"),
                    },
                    DecisionRow {
                        when: vec![(
                            0,
                            DecisionMatch::AnyOf(channel_lits(&[
                                ("CREDIT_CARD", "CreditCard"),
                                ("VIRTUAL_ACCOUNT_BCA", "VirtualAccountBca"),
                            ])),
                        )],
                        then: enum_lit("RefundType", "FULL", "Full"),
                    },
                ],
                otherwise: None,
                loc: loc("doku/provider.yaml", 70),
            },
            Decision {
                name: "needs_3ds".into(),
                scope: Scope::Provider,
                doc: "Whether 3-D Secure is required.".into(),
                source: "Recurring card payments skip 3DS.".into(),
                inputs: vec![
                    decision_input("channel", DecisionType::Enum("Channel".into()), false),
                    decision_input("recurring", DecisionType::Boolean, false),
                ],
                output: DecisionType::Boolean,
                rows: vec![DecisionRow {
                    when: vec![
                        (
                            0,
                            DecisionMatch::AnyOf(channel_lits(&[("CREDIT_CARD", "CreditCard")])),
                        ),
                        (1, DecisionMatch::NoneOf(vec![Literal::Boolean(true)])),
                    ],
                    then: Literal::Boolean(true),
                }],
                otherwise: Some(Literal::Boolean(false)),
                loc: loc("doku/provider.yaml", 80),
            },
        ],
        discrepancies: vec![
            discrepancy("order.session_id", "a string", 15),
            discrepancy("amount", "an integer or a string of digits", 25),
        ],
        lifecycles: Vec::new(),
        case_credentials: Vec::new(),
        loc: loc("doku/provider.yaml", 1),
    }
}

/// BASE: one provider.
pub fn base() -> Ir {
    Ir {
        providers: vec![doku()],
    }
}

/// A DOKU-like request recipe: an HMAC over the target and body digest,
/// sent as `Signature: HMACSHA256={mac}`.
pub fn recipes() -> payspec_signing::recipe::Scheme {
    use payspec_signing::recipe::{
        CredentialDecl, CredentialKind, Output, Recipe, Scheme, Source, Step, Template, Value,
    };
    let value = |name: &'static str, source: Source, steps: Vec<Step>| Value {
        name: name.into(),
        source,
        steps: steps.into(),
    };
    let header = |name: &'static str, template: &str| Output {
        name: name.into(),
        template: Template::parse(template).expect("a template"),
        ignore_case: false,
    };
    let credential = |name: &'static str, kind| CredentialDecl {
        name: name.into(),
        kind,
        env: format!("DOKU_{}", name.to_uppercase()).into(),
        doc: "A credential.".into(),
    };
    Scheme {
        credentials: vec![
            credential("client_id", CredentialKind::Id),
            credential("secret_key", CredentialKind::Key),
        ]
        .into(),
        request: Some(Recipe {
            values: vec![
                value(
                    "digest",
                    Source::Body { or: None },
                    vec![Step::Sha256, Step::Base64],
                ),
                value(
                    "string_to_sign",
                    Source::Template(
                        Template::parse("{client_id}:{target}:{digest}").expect("a template"),
                    ),
                    vec![],
                ),
                value(
                    "mac",
                    Source::Value("string_to_sign".into()),
                    vec![Step::HmacSha256("secret_key".into()), Step::Base64],
                ),
            ]
            .into(),
            headers: vec![
                header("Client-Id", "{client_id}"),
                header("Signature", "HMACSHA256={mac}"),
            ]
            .into(),
            fields: Vec::new().into(),
        }),
        response: None,
        notification: None,
        token: None,
    }
}

/// The DOKU provider of an IR, to change it.
pub fn doku_mut(ir: &mut Ir) -> &mut Provider {
    ir.providers
        .iter_mut()
        .find(|p| p.name == "doku")
        .expect("fixture has doku")
}

pub fn struct_mut<'a>(ir: &'a mut Ir, name: &str) -> &'a mut Struct {
    doku_mut(ir)
        .structs
        .iter_mut()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("fixture has struct {name}"))
}

pub fn field_mut<'a>(ir: &'a mut Ir, strukt: &str, wire: &str) -> &'a mut Field {
    struct_mut(ir, strukt)
        .fields
        .iter_mut()
        .find(|f| f.wire_name == wire)
        .unwrap_or_else(|| panic!("fixture has field {strukt}.{wire}"))
}

pub fn enum_mut<'a>(ir: &'a mut Ir, name: &str) -> &'a mut Enum {
    doku_mut(ir)
        .enums
        .iter_mut()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("fixture has enum {name}"))
}

pub fn endpoint_mut<'a>(ir: &'a mut Ir, name: &str) -> &'a mut Endpoint {
    doku_mut(ir)
        .endpoints
        .iter_mut()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("fixture has endpoint {name}"))
}

pub fn decision_mut<'a>(ir: &'a mut Ir, name: &str) -> &'a mut Decision {
    doku_mut(ir)
        .decisions
        .iter_mut()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("fixture has decision {name}"))
}

/// Remove a struct field.
pub fn remove_field(ir: &mut Ir, strukt: &str, wire: &str) {
    struct_mut(ir, strukt)
        .fields
        .retain(|f| f.wire_name != wire);
}

/// A small second provider, for "provider added".
pub fn biller() -> Provider {
    let mut p = doku();
    p.name = "biller".into();
    p.title = "Biller".into();
    p.enums.clear();
    p.structs.clear();
    p.endpoints.clear();
    p.decisions.clear();
    p.discrepancies.clear();
    p.request_headers.clear();
    p.auth.token_claims = Some(TokenClaims::RequestBody);
    p.loc = loc("biller/provider.yaml", 1);
    p
}

/// HEAD for the snapshot pair: one change of every class the review issue lists.
pub fn head_with_every_class() -> Ir {
    let mut ir = base();
    // Breaking: endpoint removed (and with it a struct).
    doku_mut(&mut ir)
        .endpoints
        .retain(|e| e.name != "card_status");
    doku_mut(&mut ir)
        .structs
        .retain(|s| s.name != "CardStatusResponse");
    // Breaking: endpoint renamed (same body).
    endpoint_mut(&mut ir, "payment_notification").name = "payment_result".into();
    // Breaking: path changed.
    endpoint_mut(&mut ir, "card_refund").path = Some("/cards/v2/refund".into());
    // Breaking: base URL changed.
    doku_mut(&mut ir).environments[0].base_url = "https://sandbox.doku.com".into();
    // Breaking: the request recipe's MAC is another one.
    doku_mut(&mut ir)
        .auth
        .recipes
        .request
        .as_mut()
        .expect("a recipe")
        .values
        .to_mut()[2]
        .steps = vec![
        payspec_signing::recipe::Step::HmacSha512("secret_key".into()),
        payspec_signing::recipe::Step::Base64,
    ]
    .into();
    // Breaking: field renamed (old name kept as an alias).
    {
        let f = field_mut(&mut ir, "CardRefundRequest", "customer_email");
        f.wire_name = "email".into();
        f.rust_name = "email".into();
        f.aliases = vec!["customer_email".into()];
    }
    // Breaking: response field removed.
    remove_field(&mut ir, "CardRefundResponse", "approval_code");
    // Breaking: request field now mandatory (nested: order.session_id).
    {
        let f = field_mut(&mut ir, "RefundOrder", "session_id");
        f.presence = Presence::Mandatory;
        f.optional = false;
    }
    // Breaking: max length tightened (order.invoice_number 64 → 27).
    field_mut(&mut ir, "RefundOrder", "invoice_number").max_len = Some(27);
    // Breaking: new mandatory request field in an array element.
    struct_mut(&mut ir, "LineItem")
        .fields
        .push(mandatory("sku", Type::String, 33));
    // Breaking: type change.
    field_mut(&mut ir, "LineItem", "quantity").ty = Type::String;
    // Breaking: min length raised and format added.
    {
        let f = field_mut(&mut ir, "LineItem", "name");
        f.min_len = Some(3);
        f.format = Some(Format::PrintableAscii);
    }
    // Breaking: request enum value removed; info: request enum value added.
    {
        let e = enum_mut(&mut ir, "RefundType");
        e.values.retain(|v| v.wire != "VOID");
        e.values.push(enum_value("CHARGEBACK", "Chargeback"));
    }
    // Breaking: response enum value added; info: doc changed.
    {
        let e = enum_mut(&mut ir, "RefundStatus");
        e.values.push(enum_value("PENDING", "Pending"));
        e.doc = "Refund outcome, as the provider reports it.".into();
    }
    // Breaking: rule added (only_if); info: docs-only rule added;
    // breaking: max_len_if tightened; warning: sum_equals removed.
    {
        let s = struct_mut(&mut ir, "CardRefundRequest");
        s.rules.retain(|r| r.kind.spec_name() != "sum_equals");
        for r in &mut s.rules {
            if let RuleKind::MaxLenIf { max_len, .. } = &mut r.kind {
                *max_len = 50;
            }
        }
        s.rules.push(rule(
            RuleKind::OnlyIf {
                fields: vec![fp(vec![step(
                    "line_items",
                    arr(st("LineItem")),
                    true,
                    false,
                )])],
                when: when_partial(),
            },
            52,
        ));
        s.rules.push(rule(
            RuleKind::DependsOnAccount {
                fields: vec![fp(vec![step("reason", Type::String, true, false)])],
            },
            56,
        ));
        s.doc = "Refund request body.".into();
    }
    // Breaking: a channel removed from a supported list.
    decision_mut(&mut ir, "can_cancel").rows[0].when[0].1 =
        DecisionMatch::AnyOf(channel_lits(&[("CREDIT_CARD", "CreditCard")]));
    // Breaking: decision input type change (bool → Option<bool>).
    decision_mut(&mut ir, "needs_3ds").inputs[1].optional = true;
    // Warning: decision result changed for an enum output; info: widened.
    {
        let d = decision_mut(&mut ir, "refund_mode");
        d.rows[1].when[0].1 = DecisionMatch::AnyOf(channel_lits(&[
            ("CREDIT_CARD", "CreditCard"),
            ("VIRTUAL_ACCOUNT_BCA", "VirtualAccountBca"),
            ("QRIS", "Qris"),
        ]));
        d.rows[0].then = enum_lit("RefundType", "FULL", "Full");
        d.rows[0].when[0].1 = DecisionMatch::AnyOf(channel_lits(&[(
            "VIRTUAL_ACCOUNT_BCA",
            "VirtualAccountBca",
        )]));
    }
    // Warning: response field now optional.
    {
        let f = field_mut(&mut ir, "CardRefundResponse", "refund_id");
        f.presence = Presence::Optional;
        f.optional = true;
    }
    // Warning: default changed.
    field_mut(&mut ir, "CardRefundRequest", "refund_type").default =
        Some(enum_lit("RefundType", "PARTIAL", "Partial"));
    // Warning: request max length loosened.
    field_mut(&mut ir, "CardRefundRequest", "reason").max_len = Some(500);
    // Info: new optional field with a description.
    struct_mut(&mut ir, "CardRefundRequest")
        .fields
        .push(optional("note", Type::String, 25));
    // Info: field description changed.
    field_mut(&mut ir, "CardRefundRequest", "amount").doc =
        "Amount to refund, in whole rupiah.".into();
    // Info: example changed.
    struct_mut(&mut ir, "CardRefundResponse").examples[0].json =
        r#"{"status":"SUCCESS","refund_id":"R2"}"#.into();
    // Info: discrepancies changed, removed, added.
    {
        let p = doku_mut(&mut ir);
        p.discrepancies[0].accepts = "a string or a number".into();
        p.discrepancies.remove(1);
        p.discrepancies
            .push(discrepancy("line_items[].price", "an integer", 35));
    }
    // Info: new endpoint with a new struct and enum; new decision.
    {
        let p = doku_mut(&mut ir);
        p.enums.push(Enum {
            name: "VoidReason".into(),
            scope: area(),
            doc: "Why a payment is voided.".into(),
            values: vec![
                enum_value("FRAUD", "Fraud"),
                enum_value("CUSTOMER", "Customer"),
            ],
            discrepancy: None,
            in_request: true,
            in_response: false,
            loc: loc("doku/cards/void.yaml", 30),
        });
        let mut void = strukt(
            "CardVoidRequest",
            area(),
            true,
            vec![
                mandatory("invoice_number", Type::String, 10),
                optional("reason", en("VoidReason"), 11),
            ],
            9,
        );
        void.loc = loc("doku/cards/void.yaml", 9);
        p.structs.push(void);
        p.endpoints.push(Endpoint {
            success_codes: None,
            cases: Vec::new(),
            kind: EndpointKind::Endpoint,
            name: "card_void".into(),
            area: "cards".into(),
            summary: "Void a card payment | same day only.".into(),
            doc: None,
            docs: vec!["doku-cards-refund.txt".to_owned()],
            method: Some(HttpMethod::POST),
            path: Some("/cards/v1/void".into()),
            path_params: vec![],
            request: Some("CardVoidRequest".into()),
            responses: vec![Response {
                status: 200,
                body: "CardRefundResponse".into(),
                example_by: None,
            }],
            errors: vec![],
            loc: loc("doku/cards/void.yaml", 1),
        });
        let mut can_void = p.decisions[0].clone();
        can_void.name = "can_void".into();
        can_void.loc = loc("doku/cards/void.yaml", 40);
        p.decisions.push(can_void);
    }
    // Info: a provider added.
    ir.providers.insert(0, biller());
    ir
}
