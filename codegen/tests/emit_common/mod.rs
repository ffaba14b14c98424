//! A hand-built IR exercising everything the Rust emitter handles: nested
//! objects, arrays of objects, enums in both scopes, every primitive type,
//! formats, limits, defaults, lenient fields, aliases, sensitive fields,
//! discrepancies, every rule kind (with `each` paths) and decision tables.

#![allow(dead_code)] // each test binary uses a different part

use payspec_codegen::ir::*;

pub fn loc(line: u32) -> Loc {
    Loc {
        file: "shop/payments/payment.yaml".into(),
        line,
        column: 1,
    }
}

pub fn field(wire: &str, ty: Type, presence: Presence, doc: &str) -> Field {
    Field {
        generated: None,
        wire_name: wire.to_owned(),
        rust_name: if wire == "type" {
            "r#type".to_owned()
        } else {
            wire.to_owned()
        },
        doc: doc.to_owned(),
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
        loc: loc(10),
    }
}

fn step(wire: &str, optional: bool, each: bool, ty: Type) -> PathStep {
    PathStep {
        wire_name: wire.to_owned(),
        rust_name: if wire == "type" {
            "r#type".to_owned()
        } else {
            wire.to_owned()
        },
        optional,
        each,
        ty,
    }
}

fn path(steps: Vec<PathStep>) -> FieldPath {
    FieldPath { steps }
}

fn value(wire: &str, rust: &str, doc: &str) -> EnumValue {
    EnumValue {
        aliases: Vec::new(),
        wire: wire.to_owned(),
        rust_name: rust.to_owned(),
        doc: doc.to_owned(),
    }
}

fn enum_lit(enum_name: &str, wire: &str, rust: &str) -> Literal {
    Literal::EnumValue {
        enum_name: enum_name.to_owned(),
        wire: wire.to_owned(),
        rust_name: rust.to_owned(),
    }
}

fn area() -> Scope {
    Scope::Area("payments".to_owned())
}

fn structure(name: &str, scope: Scope, doc: &str, fields: Vec<Field>, roles: Roles) -> Struct {
    Struct {
        name: name.to_owned(),
        scope,
        doc: doc.to_owned(),
        fields,
        rules: vec![],
        roles,
        examples: vec![],
        loc: loc(5),
    }
}

const REQUEST: Roles = Roles {
    request: true,
    response: false,
};
const RESPONSE: Roles = Roles {
    request: false,
    response: true,
};

fn session_discrepancy() -> Discrepancy {
    Discrepancy {
        about: "order.session_id".to_owned(),
        quotes: vec![
            "session_id | String | Optional".to_owned(),
            "\"session_id\": 231223".to_owned(),
        ],
        accepts: "a string or an integer; always sent as a string".to_owned(),
        loc: loc(40),
    }
}

fn enums() -> Vec<Enum> {
    vec![
        Enum {
            name: "Currency".to_owned(),
            scope: Scope::Provider,
            doc: "ISO 4217 currency code.".to_owned(),
            values: vec![
                value("IDR", "Idr", "Indonesian rupiah."),
                value("USD", "Usd", "US dollar."),
            ],
            discrepancy: None,
            in_request: true,
            in_response: true,
            loc: loc(3),
        },
        Enum {
            name: "RefundKind".to_owned(),
            scope: Scope::Provider,
            doc: "How a payment is given back.".to_owned(),
            values: vec![
                value("VOID", "Void", "Cancelled before settlement."),
                value("REFUND", "Refund", "Returned after settlement."),
            ],
            discrepancy: None,
            in_request: false,
            in_response: false,
            loc: loc(4),
        },
        Enum {
            name: "PaymentType".to_owned(),
            scope: area(),
            doc: "How the customer pays.".to_owned(),
            values: vec![
                value("SALE", "Sale", "One payment."),
                value(
                    "INSTALLMENT",
                    "Installment",
                    "Monthly [instalments] of the amount.",
                ),
            ],
            discrepancy: None,
            in_request: true,
            in_response: false,
            loc: loc(20),
        },
        Enum {
            name: "Channel".to_owned(),
            scope: area(),
            doc: "Payment channel.".to_owned(),
            values: vec![
                value("CREDIT_CARD", "CreditCard", "Card payment."),
                value(
                    "VIRTUAL_ACCOUNT",
                    "VirtualAccount",
                    "Bank transfer to a virtual account.",
                ),
            ],
            discrepancy: None,
            in_request: true,
            in_response: false,
            loc: loc(21),
        },
        Enum {
            name: "PaymentStatus".to_owned(),
            scope: area(),
            doc: "Outcome of a payment.".to_owned(),
            values: vec![
                value("SUCCESS", "Success", "Paid."),
                value("DELETE SUCCESS", "DeleteSuccess", "Cancelled."),
            ],
            discrepancy: Some(Discrepancy {
                about: "status".to_owned(),
                quotes: vec![
                    "SUCCESS, FAILED".to_owned(),
                    "\"status\": \"DELETE SUCCESS\"".to_owned(),
                ],
                accepts: "every value of both lists".to_owned(),
                loc: loc(22),
            }),
            in_request: false,
            in_response: true,
            loc: loc(22),
        },
    ]
}

fn structs() -> Vec<Struct> {
    let mut invoice = field(
        "invoice_number",
        Type::String,
        Presence::Mandatory,
        "Invoice number from the merchant.",
    );
    invoice.max_len = Some(64);
    invoice.format = Some(Format::PrintableAscii);
    let mut session = field(
        "session_id",
        Type::String,
        Presence::Optional,
        "Session of the customer.",
    );
    session.also_accepts = vec![WireKind::Integer];
    session.aliases = vec!["sessionId".to_owned()];
    session.discrepancy = Some(session_discrepancy());
    // Amounts are positive unless the spec says otherwise (lowering gives
    // every amount_idr a minimum; this IR is built by hand).
    let mut amount = field(
        "amount",
        Type::AmountIdr,
        Presence::Mandatory,
        "Total in IDR, without decimals.",
    );
    amount.minimum = Some(1);
    let order = structure(
        "Order",
        area(),
        "The order being paid.",
        vec![
            invoice,
            amount,
            field(
                "line_items",
                Type::Array(Box::new(Type::Struct("LineItem".to_owned()))),
                Presence::Recommended,
                "What was bought.",
            ),
            field(
                "channel",
                Type::Enum("Channel".to_owned()),
                Presence::Optional,
                "Channel to pay with.",
            ),
            session,
        ],
        REQUEST,
    );
    let mut item_name = field("name", Type::String, Presence::Mandatory, "Item name.");
    item_name.max_len = Some(255);
    // A page that allows free items says so: `minimum: 0`.
    let mut price = field("price", Type::AmountIdr, Presence::Mandatory, "Unit price.");
    price.minimum = Some(0);
    let line_item = structure(
        "LineItem",
        area(),
        "One line of the order.",
        vec![
            item_name,
            price,
            field("quantity", Type::Integer, Presence::Optional, "How many."),
            field(
                "sku",
                Type::String,
                Presence::Conditional,
                "Stock keeping unit.",
            ),
        ],
        REQUEST,
    );
    let payment = structure(
        "Payment",
        area(),
        "How it is paid.",
        vec![
            field(
                "type",
                Type::Enum("PaymentType".to_owned()),
                Presence::Mandatory,
                "Payment type.",
            ),
            field(
                "installment_term",
                Type::Integer,
                Presence::Conditional,
                "Number of months.",
            ),
        ],
        REQUEST,
    );
    let mut email = field(
        "email",
        Type::String,
        Presence::Conditional,
        "E-mail address.",
    );
    email.format = Some(Format::Email);
    email.max_len = Some(128);
    let mut phone = field(
        "phone",
        Type::String,
        Presence::Conditional,
        "Phone number.",
    );
    phone.format = Some(Format::Phone);
    let mut country = field("country", Type::String, Presence::Optional, "Country code.");
    country.min_len = Some(2);
    country.max_len = Some(2);
    country.format = Some(Format::CountryAlpha2);
    let customer = structure(
        "Customer",
        area(),
        "Who pays.",
        vec![
            email,
            phone,
            country,
            field(
                "address",
                Type::String,
                Presence::Optional,
                // A tab, as in a sample copied verbatim from a provider page.
                "Billing address:\tstreet, city.",
            ),
        ],
        REQUEST,
    );
    let mut card_token = field(
        "card_token",
        Type::String,
        Presence::Mandatory,
        "Token of the saved card.",
    );
    card_token.sensitive = true;
    let mut pin = field("pin", Type::String, Presence::Optional, "Card PIN.");
    pin.sensitive = true;
    let mut note = field(
        "note",
        Type::String,
        Presence::Optional,
        "Note shown to the customer.",
    );
    note.default = Some(Literal::String("-".to_owned()));
    let mut retry = field(
        "retry",
        Type::Boolean,
        Presence::Mandatory,
        "Whether to retry a failed charge.",
    );
    retry.default = Some(Literal::Boolean(false));
    let mut currency = field(
        "currency",
        Type::Enum("Currency".to_owned()),
        Presence::Mandatory,
        "Currency.",
    );
    currency.default = Some(enum_lit("Currency", "IDR", "Idr"));
    let mut tags = field(
        "tags",
        Type::Array(Box::new(Type::String)),
        Presence::Optional,
        "Free-form labels.",
    );
    tags.max_len = Some(20);
    let mut request = structure(
        "PaymentRequest",
        area(),
        "Charge a saved card.",
        vec![
            field(
                "order",
                Type::Struct("Order".to_owned()),
                Presence::Mandatory,
                "The order.",
            ),
            field(
                "payment",
                Type::Struct("Payment".to_owned()),
                Presence::Optional,
                "Payment details.",
            ),
            field(
                "customer",
                Type::Struct("Customer".to_owned()),
                Presence::Optional,
                "The customer.",
            ),
            card_token,
            pin,
            note,
            retry,
            currency,
            tags,
            field(
                "metadata",
                Type::Json,
                Presence::Optional,
                "Anything; echoed back.",
            ),
        ],
        REQUEST,
    );
    let payment_type = |optional_payment: bool| {
        path(vec![
            step(
                "payment",
                optional_payment,
                false,
                Type::Struct("Payment".to_owned()),
            ),
            step("type", false, false, Type::Enum("PaymentType".to_owned())),
        ])
    };
    let installment = Condition {
        field: payment_type(true),
        test: ConditionTest::OneOf(vec![enum_lit("PaymentType", "INSTALLMENT", "Installment")]),
    };
    let order_step = || step("order", false, false, Type::Struct("Order".to_owned()));
    let items_each = || {
        step(
            "line_items",
            true,
            true,
            Type::Struct("LineItem".to_owned()),
        )
    };
    let rule = |kind: RuleKind, source: &str, line: u32| Rule {
        kind,
        source: source.to_owned(),
        loc: loc(line),
    };
    request.rules = vec![
        rule(
            RuleKind::RequiredIf {
                fields: vec![
                    path(vec![
                        step("payment", true, false, Type::Struct("Payment".to_owned())),
                        step("installment_term", true, false, Type::Integer),
                    ]),
                    path(vec![
                        order_step(),
                        items_each(),
                        step("sku", true, false, Type::String),
                    ]),
                ],
                when: installment.clone(),
            },
            "For INSTALLMENT, installment_term and every line item's sku are mandatory.",
            60,
        ),
        rule(
            RuleKind::OneOfRequired {
                fields: vec![
                    path(vec![
                        step("customer", true, false, Type::Struct("Customer".to_owned())),
                        step("email", true, false, Type::String),
                    ]),
                    path(vec![
                        step("customer", true, false, Type::Struct("Customer".to_owned())),
                        step("phone", true, false, Type::String),
                    ]),
                ],
            },
            "Either email or phone must be sent.",
            61,
        ),
        rule(
            RuleKind::SumEquals {
                array: path(vec![
                    order_step(),
                    step(
                        "line_items",
                        true,
                        false,
                        Type::Array(Box::new(Type::Struct("LineItem".to_owned()))),
                    ),
                ]),
                multiply: vec![
                    path(vec![step("price", false, false, Type::AmountIdr)]),
                    path(vec![step("quantity", true, false, Type::Integer)]),
                ],
                equals: path(vec![
                    order_step(),
                    step("amount", false, false, Type::AmountIdr),
                ]),
            },
            "order.amount must be the sum of price × quantity of the line items.",
            62,
        ),
        rule(
            RuleKind::MaxLenIf {
                field: path(vec![
                    order_step(),
                    step("invoice_number", false, false, Type::String),
                ]),
                max_len: 30,
                when: Condition {
                    field: path(vec![
                        order_step(),
                        step("channel", true, false, Type::Enum("Channel".to_owned())),
                    ]),
                    test: ConditionTest::OneOf(vec![enum_lit(
                        "Channel",
                        "VIRTUAL_ACCOUNT",
                        "VirtualAccount",
                    )]),
                },
            },
            "Virtual accounts allow invoice numbers of at most 30 characters.",
            63,
        ),
        rule(
            RuleKind::NotGreaterThan {
                field: path(vec![
                    order_step(),
                    items_each(),
                    step("price", false, false, Type::AmountIdr),
                ]),
                than: path(vec![
                    order_step(),
                    step("amount", false, false, Type::AmountIdr),
                ]),
            },
            "No line item may cost more than the order.",
            64,
        ),
        rule(
            RuleKind::OnlyIf {
                fields: vec![path(vec![
                    step("payment", true, false, Type::Struct("Payment".to_owned())),
                    step("installment_term", true, false, Type::Integer),
                ])],
                when: installment,
            },
            "installment_term is only for INSTALLMENT payments.",
            65,
        ),
        rule(
            RuleKind::DependsOnAccount {
                fields: vec![path(vec![
                    step("customer", true, false, Type::Struct("Customer".to_owned())),
                    step("address", true, false, Type::String),
                ])],
            },
            "Address is mandatory when your account has fraud screening enabled.",
            66,
        ),
    ];

    let mut settled = field(
        "settled",
        Type::Boolean,
        Presence::Mandatory,
        "Whether the payment settled.",
    );
    settled.also_accepts = vec![WireKind::String];
    let mut response = structure(
        "PaymentResponse",
        area(),
        "Result of a charge.",
        vec![
            field(
                "invoice_number",
                Type::String,
                Presence::Mandatory,
                "Echoed invoice number.",
            ),
            field(
                "status",
                Type::Enum("PaymentStatus".to_owned()),
                Presence::Mandatory,
                "Outcome.",
            ),
            field(
                "gross_amount",
                Type::Decimal,
                Presence::Mandatory,
                "Amount with two decimals.",
            ),
            settled,
            field(
                "currency",
                Type::Enum("Currency".to_owned()),
                Presence::Optional,
                "Currency.",
            ),
            field(
                "approval_code",
                Type::Integer,
                Presence::Optional,
                "Bank approval code.",
            ),
        ],
        RESPONSE,
    );
    response.examples = vec![Example {
        name: "success".to_owned(),
        json: "{\n  \"invoice_number\": \"INV-1\",\n  \"status\": \"SUCCESS\",\n  \"gross_amount\": \"10000.00\",\n  \"settled\": \"true\"\n}".to_owned(),
    }];
    let error = structure(
        "ErrorBody",
        Scope::Provider,
        "An error the provider returns.",
        vec![field(
            "message",
            Type::String,
            Presence::Mandatory,
            "What went wrong.",
        )],
        RESPONSE,
    );
    vec![
        error, request, order, line_item, payment, customer, response,
    ]
}

fn decisions() -> Vec<Decision> {
    let channel = |optional| DecisionInput {
        name: "channel".to_owned(),
        ty: DecisionType::Enum("Channel".to_owned()),
        doc: "Channel the payment was made with.".to_owned(),
        optional,
    };
    vec![
        Decision {
            name: "can_refund".to_owned(),
            scope: Scope::Provider,
            doc: "Whether a payment can be refunded.".to_owned(),
            source: "Cards can be refunded until settlement; virtual accounts never.".to_owned(),
            inputs: vec![
                channel(false),
                DecisionInput {
                    name: "settled".to_owned(),
                    ty: DecisionType::Boolean,
                    doc: "Whether it settled.".to_owned(),
                    optional: false,
                },
                DecisionInput {
                    name: "status".to_owned(),
                    ty: DecisionType::Enum("PaymentStatus".to_owned()),
                    doc: "Last known status, if any.".to_owned(),
                    optional: true,
                },
            ],
            output: DecisionType::Boolean,
            rows: vec![
                DecisionRow {
                    when: vec![
                        (
                            0,
                            DecisionMatch::AnyOf(vec![enum_lit(
                                "Channel",
                                "CREDIT_CARD",
                                "CreditCard",
                            )]),
                        ),
                        (1, DecisionMatch::AnyOf(vec![Literal::Boolean(false)])),
                    ],
                    then: Literal::Boolean(true),
                },
                DecisionRow {
                    when: vec![(
                        2,
                        DecisionMatch::NoneOf(vec![enum_lit(
                            "PaymentStatus",
                            "DELETE SUCCESS",
                            "DeleteSuccess",
                        )]),
                    )],
                    then: Literal::Boolean(false),
                },
            ],
            otherwise: Some(Literal::Boolean(false)),
            loc: loc(80),
        },
        Decision {
            name: "refund_kind".to_owned(),
            scope: area(),
            doc: "How a payment would be given back.".to_owned(),
            source: "Unsettled card payments are voided, settled ones refunded.".to_owned(),
            inputs: vec![
                channel(true),
                DecisionInput {
                    name: "settled".to_owned(),
                    ty: DecisionType::Boolean,
                    doc: "Whether it settled.".to_owned(),
                    optional: false,
                },
            ],
            output: DecisionType::Enum("RefundKind".to_owned()),
            rows: vec![
                DecisionRow {
                    when: vec![
                        (
                            0,
                            DecisionMatch::AnyOf(vec![enum_lit(
                                "Channel",
                                "CREDIT_CARD",
                                "CreditCard",
                            )]),
                        ),
                        (1, DecisionMatch::AnyOf(vec![Literal::Boolean(false)])),
                    ],
                    then: enum_lit("RefundKind", "VOID", "Void"),
                },
                DecisionRow {
                    when: vec![(
                        0,
                        DecisionMatch::AnyOf(vec![enum_lit(
                            "Channel",
                            "CREDIT_CARD",
                            "CreditCard",
                        )]),
                    )],
                    then: enum_lit("RefundKind", "REFUND", "Refund"),
                },
            ],
            otherwise: None,
            loc: loc(90),
        },
    ]
}

/// The DOKU provider as the repository's spec/ lowers it.
fn doku_from_spec() -> Provider {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    payspec_codegen::lower::load_dir(&spec)
        .expect("spec/ loads")
        .ir
        .providers
        .into_iter()
        .find(|p| p.name == "doku")
        .expect("spec/doku")
}

/// The fixture provider, `shop`, signed and read as DOKU is (the recipes
/// and error convention of spec/doku).
pub fn provider() -> Provider {
    let doku = doku_from_spec();
    Provider {
        error_convention: doku.error_convention.clone(),
        error_shape: doku.error_shape.clone(),
        path_refs: Vec::new(),
        name: "shop".to_owned(),
        title: "Shop".to_owned(),
        doc: "A fictional payment gateway used to test the emitter.".to_owned(),
        docs: vec!["shop-payments.txt".to_owned()],
        auth: Auth {
            doc: "HMAC-SHA256 over the request.".to_owned(),
            token_claims: None,
            recipes: doku.auth.recipes.clone(),
        },
        environments: vec![
            Environment {
                name: "sandbox".to_owned(),
                rust_name: "Sandbox".to_owned(),
                base_url: "https://sandbox.shop.test".to_owned(),
                doc: Some("For testing.".to_owned()),
            },
            Environment {
                name: "production".to_owned(),
                rust_name: "Production".to_owned(),
                base_url: "https://api.shop.test".to_owned(),
                doc: None,
            },
        ],
        request_headers: vec![Header {
            fixed: None,
            wire_name: "Client-Id".to_owned(),
            field: field(
                "Client-Id",
                Type::String,
                Presence::Mandatory,
                "Client ID from the back office.",
            ),
        }],
        call_headers: Vec::new(),
        retry: None,
        response_headers: vec![],
        enums: enums(),
        structs: structs(),
        endpoints: vec![
            Endpoint {
                success_codes: None,
                cases: Vec::new(),
                kind: EndpointKind::Endpoint,
                name: "payment".to_owned(),
                area: "payments".to_owned(),
                summary: "Charge a saved card.".to_owned(),
                doc: None,
                docs: vec!["shop-payments.txt".to_owned()],
                method: Some(HttpMethod::POST),
                path: Some("/payments".to_owned()),
                path_params: vec![],
                request: Some("PaymentRequest".to_owned()),
                responses: vec![Response {
                    status: 200,
                    body: "PaymentResponse".to_owned(),
                    example_by: None,
                }],
                errors: vec![ErrorBody {
                    status: None,
                    name: "declined".to_owned(),
                    body: "ErrorBody".to_owned(),
                }],
                loc: loc(1),
            },
            payment_status(),
        ],
        decisions: decisions(),
        discrepancies: vec![session_discrepancy()],
        lifecycles: Vec::new(),
        case_credentials: Vec::new(),
        loc: loc(1),
    }
}

/// A status query whose path parameter has a length and format limit.
fn payment_status() -> Endpoint {
    let mut id = field(
        "payment_id",
        Type::String,
        Presence::Mandatory,
        "The payment's id.",
    );
    id.max_len = Some(8);
    id.format = Some(Format::PrintableAscii);
    Endpoint {
        success_codes: None,
        cases: Vec::new(),
        kind: EndpointKind::Endpoint,
        name: "payment_status".to_owned(),
        area: "payments".to_owned(),
        summary: "Look a payment up.".to_owned(),
        doc: None,
        docs: vec![
            "shop-payments.txt".to_owned(),
            "shop-status-codes.txt".to_owned(),
        ],
        method: Some(HttpMethod::GET),
        path: Some("/payments/{payment_id}".to_owned()),
        path_params: vec![id],
        request: None,
        responses: vec![Response {
            status: 200,
            body: "PaymentResponse".to_owned(),
            example_by: None,
        }],
        errors: vec![ErrorBody {
            status: Some(404),
            name: "unknown_payment".to_owned(),
            body: "ErrorBody".to_owned(),
        }],
        loc: loc(2),
    }
}

/// An IR holding only the fixture provider.
pub fn ir() -> Ir {
    Ir {
        providers: vec![provider()],
    }
}
