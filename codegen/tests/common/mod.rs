//! A hand-built IR standing in for lowered specs: DOKU-like provider with two
//! areas (every type, format, rule kind, a decision table, discrepancies,
//! examples, an error body, a notification) and a Midtrans-like provider on
//! basic auth.

#![allow(dead_code)]

use std::path::PathBuf;

use payspec_codegen::ir::*;

/// The DOKU provider as the repository's spec/ lowers it.
pub fn doku_from_spec() -> Provider {
    provider_from_spec("doku")
}

/// The provider `name` as `spec/` declares it (its recipes are what the
/// fixtures sign and describe with).
pub fn provider_from_spec(name: &str) -> Provider {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    payspec_codegen::lower::load_dir(&spec)
        .expect("spec/ loads")
        .ir
        .providers
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("spec/{name}"))
}

pub fn loc(file: &str, line: u32) -> Loc {
    Loc {
        file: PathBuf::from(file),
        line,
        column: 1,
    }
}

pub fn field(wire: &str, ty: Type, presence: Presence) -> Field {
    Field {
        generated: None,
        wire_name: wire.to_owned(),
        rust_name: wire.to_owned(),
        doc: String::new(),
        ty,
        presence,
        optional: presence != Presence::Mandatory,
        max_len: None,
        min_len: None,
        format: None,
        default: None,
        aliases: Vec::new(),
        also_accepts: Vec::new(),
        minimum: None,
        sensitive: false,
        discrepancy: None,
        loc: loc("doku/checkout/create_payment.yaml", 10),
    }
}

fn doc(mut f: Field, text: &str) -> Field {
    f.doc = text.to_owned();
    f
}

fn step(wire: &str, ty: Type, optional: bool, each: bool) -> PathStep {
    PathStep {
        wire_name: wire.to_owned(),
        rust_name: wire.to_owned(),
        optional,
        each,
        ty,
    }
}

fn path(steps: Vec<PathStep>) -> FieldPath {
    FieldPath { steps }
}

fn strukt(name: &str, scope: Scope, doc: &str, fields: Vec<Field>, roles: Roles) -> Struct {
    Struct {
        name: name.to_owned(),
        scope,
        doc: doc.to_owned(),
        fields,
        rules: Vec::new(),
        roles,
        examples: Vec::new(),
        loc: loc("doku/checkout/create_payment.yaml", 5),
    }
}

const REQ: Roles = Roles {
    request: true,
    response: false,
};
const RESP: Roles = Roles {
    request: false,
    response: true,
};

fn header(wire: &str, doc_text: &str, max_len: Option<u32>, format: Option<Format>) -> Header {
    let mut f = doc(field(wire, Type::String, Presence::Mandatory), doc_text);
    f.rust_name = wire.to_lowercase().replace('-', "_");
    f.max_len = max_len;
    f.format = format;
    f.loc = loc("doku/provider.yaml", 20);
    Header {
        fixed: None,
        wire_name: wire.to_owned(),
        field: f,
    }
}

fn checkout() -> Scope {
    Scope::Area("checkout".to_owned())
}

fn doku() -> Provider {
    let order_ty = Type::Struct("Order".to_owned());
    let auto_redirect = path(vec![
        step("order", order_ty.clone(), false, false),
        step("auto_redirect", Type::Boolean, true, false),
    ]);
    let callback_url = path(vec![
        step("order", order_ty.clone(), false, false),
        step("callback_url", Type::String, true, false),
    ]);
    let line_items = path(vec![
        step("order", order_ty.clone(), false, false),
        step(
            "line_items",
            Type::Array(Box::new(Type::Struct("LineItem".to_owned()))),
            true,
            false,
        ),
    ]);
    let item = |wire: &str, ty: Type| path(vec![step(wire, ty, false, false)]);
    let order_amount = path(vec![
        step("order", order_ty.clone(), false, false),
        step("amount", Type::AmountIdr, false, false),
    ]);
    let method_types = path(vec![step(
        "payment_method_types",
        Type::Array(Box::new(Type::Enum("PaymentMethod".to_owned()))),
        true,
        false,
    )]);
    let customer_name = path(vec![
        step("customer", Type::Struct("Customer".to_owned()), true, false),
        step("name", Type::String, true, false),
    ]);
    let customer_email = path(vec![
        step("customer", Type::Struct("Customer".to_owned()), true, false),
        step("email", Type::String, true, false),
    ]);
    let installment = path(vec![step("installment_months", Type::Integer, true, false)]);
    let line_item_price = path(vec![
        step("order", order_ty.clone(), false, false),
        step(
            "line_items",
            Type::Struct("LineItem".to_owned()),
            true,
            true,
        ),
        step("price", Type::AmountIdr, false, false),
    ]);

    let session_note = Discrepancy {
        about: "order.session_id".to_owned(),
        quotes: vec![
            "session_id | string | Optional | max 128".to_owned(),
            "\"session_id\": 12345".to_owned(),
        ],
        accepts: "a string, or an integer on the wire".to_owned(),
        loc: loc("doku/checkout/create_payment.yaml", 40),
    };

    let mut invoice = doc(
        field("invoice_number", Type::String, Presence::Mandatory),
        "Unique invoice number.",
    );
    invoice.max_len = Some(64);
    invoice.min_len = Some(1);
    invoice.format = Some(Format::PrintableAscii);
    let mut callback = doc(
        field("callback_url", Type::String, Presence::Conditional),
        "Where the customer returns after paying.",
    );
    callback.format = Some(Format::Url);
    let mut auto_redirect_f = doc(
        field("auto_redirect", Type::Boolean, Presence::Optional),
        "Redirect the customer automatically.",
    );
    auto_redirect_f.default = Some(Literal::Boolean(false));
    let mut session = doc(
        field("session_id", Type::String, Presence::Optional),
        "Merchant session.",
    );
    session.max_len = Some(128);
    session.also_accepts = vec![WireKind::Integer];
    session.discrepancy = Some(session_note.clone());
    let mut currency = doc(
        field("currency", Type::String, Presence::Optional),
        "ISO 4217 currency.",
    );
    currency.default = Some(Literal::String("IDR".to_owned()));
    let order = strukt(
        "Order",
        checkout(),
        "The order being paid.",
        vec![
            doc(
                field("amount", Type::AmountIdr, Presence::Mandatory),
                "Total to pay.",
            ),
            invoice,
            currency,
            callback,
            auto_redirect_f,
            session,
            doc(
                field(
                    "line_items",
                    Type::Array(Box::new(Type::Struct("LineItem".to_owned()))),
                    Presence::Optional,
                ),
                "What is bought.",
            ),
        ],
        REQ,
    );

    let mut item_name = doc(
        field("name", Type::String, Presence::Mandatory),
        "Item name.",
    );
    item_name.max_len = Some(255);
    let mut quantity = doc(
        field("quantity", Type::Integer, Presence::Mandatory),
        "How many.",
    );
    quantity.also_accepts = vec![WireKind::String];
    let line_item = strukt(
        "LineItem",
        checkout(),
        "One line of the order.",
        vec![
            item_name,
            doc(
                field("price", Type::AmountIdr, Presence::Mandatory),
                "Unit price.",
            ),
            quantity,
        ],
        REQ,
    );

    let mut email = doc(
        field("email", Type::String, Presence::Recommended),
        "Customer e-mail.",
    );
    email.format = Some(Format::Email);
    let mut phone = doc(
        field("phone", Type::String, Presence::Optional),
        "Customer phone.",
    );
    phone.format = Some(Format::Phone);
    phone.sensitive = true;
    let mut country = doc(
        field("country", Type::String, Presence::Optional),
        "Country of the customer.",
    );
    country.format = Some(Format::CountryAlpha2);
    let mut given = doc(
        field("name", Type::String, Presence::Optional),
        "Customer name.",
    );
    given.aliases = vec!["customer_name".to_owned()];
    let customer = Struct {
        loc: loc("doku/provider.yaml", 60),
        ..strukt(
            "Customer",
            Scope::Provider,
            "Who pays.",
            vec![given, email, phone, country],
            Roles {
                request: true,
                response: true,
            },
        )
    };

    let mut color = doc(
        field("background_color", Type::String, Presence::Optional),
        "Page colour.",
    );
    color.format = Some(Format::HexColor);
    let mut postcode = doc(
        field("postcode", Type::String, Presence::Optional),
        "Postal code.",
    );
    postcode.format = Some(Format::Digits);
    let mut expiry = doc(
        field("expired_date", Type::String, Presence::Optional),
        "When the page expires.",
    );
    expiry.format = Some(Format::UtcTimestamp);
    let mut create = strukt(
        "CreatePaymentRequest",
        checkout(),
        "Body of a Checkout payment request.",
        vec![
            doc(
                field("order", order_ty.clone(), Presence::Mandatory),
                "The order.",
            ),
            doc(
                field(
                    "customer",
                    Type::Struct("Customer".to_owned()),
                    Presence::Optional,
                ),
                "The customer.",
            ),
            doc(
                field(
                    "payment_method_types",
                    Type::Array(Box::new(Type::Enum("PaymentMethod".to_owned()))),
                    Presence::Optional,
                ),
                "Channels to offer; all when absent.",
            ),
            doc(
                field("installment_months", Type::Integer, Presence::Optional),
                "Instalment tenor.",
            ),
            doc(
                field("additional_info", Type::Json, Presence::Optional),
                "Anything DOKU echoes back.",
            ),
            color,
            postcode,
            expiry,
        ],
        REQ,
    );
    let when_redirect = Condition {
        field: auto_redirect.clone(),
        test: ConditionTest::OneOf(vec![Literal::Boolean(true)]),
    };
    let rule = |kind, source: &str| Rule {
        kind,
        source: source.to_owned(),
        loc: loc("doku/checkout/create_payment.yaml", 80),
    };
    create.rules = vec![
        rule(
            RuleKind::RequiredIf {
                fields: vec![callback_url.clone()],
                when: when_redirect.clone(),
            },
            "callback_url is mandatory if auto_redirect is true",
        ),
        rule(
            RuleKind::OneOfRequired {
                fields: vec![customer_name.clone(), customer_email.clone()],
            },
            "Send the customer's name or e-mail.",
        ),
        rule(
            RuleKind::SumEquals {
                array: line_items.clone(),
                multiply: vec![
                    item("price", Type::AmountIdr),
                    item("quantity", Type::Integer),
                ],
                equals: order_amount.clone(),
            },
            "The sum of price × quantity of line_items must equal order.amount",
        ),
        rule(
            RuleKind::MaxLenIf {
                field: path(vec![
                    step("order", order_ty.clone(), false, false),
                    step("invoice_number", Type::String, false, false),
                ]),
                max_len: 30,
                when: Condition {
                    field: method_types.clone(),
                    test: ConditionTest::OneOf(vec![
                        Literal::EnumValue {
                            enum_name: "PaymentMethod".to_owned(),
                            wire: "VIRTUAL_ACCOUNT_BCA".to_owned(),
                            rust_name: "VirtualAccountBca".to_owned(),
                        },
                        Literal::EnumValue {
                            enum_name: "PaymentMethod".to_owned(),
                            wire: "QRIS".to_owned(),
                            rust_name: "Qris".to_owned(),
                        },
                    ]),
                },
            },
            "For BCA VA and QRIS the invoice number is at most 30 characters.",
        ),
        rule(
            RuleKind::NotGreaterThan {
                field: line_item_price,
                than: order_amount,
            },
            "Item price cannot exceed the order amount.",
        ),
        rule(
            RuleKind::OnlyIf {
                fields: vec![installment.clone()],
                when: Condition {
                    field: method_types,
                    test: ConditionTest::Present(true),
                },
            },
            "installment_months is only used with payment_method_types.",
        ),
        rule(
            RuleKind::DependsOnAccount {
                fields: vec![customer_email],
            },
            "Customer e-mail is mandatory for some merchant configurations.",
        ),
    ];
    create.examples = vec![Example {
        name: "docs".to_owned(),
        json: r#"{
"order": {"amount": 90000, "invoice_number": "INV-20210118-0001", "callback_url": "https://merchant.com/return",
  "auto_redirect": true, "session_id": 12345,
  "line_items": [{"name": "T-shirt", "price": 45000, "quantity": "2"}]},
"customer": {"name": "Anton Budiman", "email": "anton@example.com", "phone": "6285694566147", "country": "ID"},
"payment_method_types": ["QRIS"],
"additional_info": {"channel": "web"},
"background_color": "F5F8FB",
"expired_date": "2020-09-22T01:51:00Z"
}"#
        .to_owned(),
    }];

    let mut payment_url = doc(
        field("url", Type::String, Presence::Mandatory),
        "Where to send the customer.",
    );
    payment_url.format = Some(Format::Url);
    let mut response = strukt(
        "CreatePaymentResponse",
        checkout(),
        "The payment page.",
        vec![
            doc(
                field(
                    "status",
                    Type::Enum("PaymentStatus".to_owned()),
                    Presence::Mandatory,
                ),
                "Outcome.",
            ),
            payment_url,
            doc(
                field(
                    "customer",
                    Type::Struct("Customer".to_owned()),
                    Presence::Optional,
                ),
                "Echoed customer.",
            ),
        ],
        RESP,
    );
    response.examples = vec![Example {
        name: "success".to_owned(),
        json: r#"{"status": "SUCCESS", "url": "https://jokul.doku.com/checkout/link/SU5WFDferd561dfasfasdfae123c20200510090550775", "extra": 1}"#
            .to_owned(),
    }];

    let error_body = strukt(
        "ErrorBody",
        Scope::Provider,
        "DOKU's error envelope.",
        vec![
            doc(
                field("code", Type::String, Presence::Mandatory),
                "Machine-readable code.",
            ),
            doc(
                field("message", Type::String, Presence::Optional),
                "Human-readable message.",
            ),
        ],
        RESP,
    );

    let mut refund_amount = doc(
        field("amount", Type::Decimal, Presence::Mandatory),
        "Amount to refund.",
    );
    refund_amount.loc = loc("doku/cards/refund.yaml", 12);
    let mut refund = strukt(
        "CardRefundRequest",
        Scope::Area("cards".to_owned()),
        "Void or refund a card payment.",
        vec![
            doc(
                field("invoice_number", Type::String, Presence::Mandatory),
                "Invoice being refunded.",
            ),
            refund_amount,
            doc(
                field(
                    "refund_type",
                    Type::Enum("RefundType".to_owned()),
                    Presence::Optional,
                ),
                "VOID or refund.",
            ),
        ],
        REQ,
    );
    refund.loc = loc("doku/cards/refund.yaml", 5);
    refund.examples = vec![Example {
        name: "docs".to_owned(),
        json: r#"{"invoice_number": "INV-1", "amount": "90000.00", "refund_type": "VOID"}"#
            .to_owned(),
    }];
    let notification_body = strukt(
        "PaymentNotification",
        checkout(),
        "What DOKU posts when a payment completes.",
        vec![
            doc(
                field("order", order_ty.clone(), Presence::Mandatory),
                "The order.",
            ),
            doc(
                field(
                    "status",
                    Type::Enum("PaymentStatus".to_owned()),
                    Presence::Mandatory,
                ),
                "Outcome.",
            ),
        ],
        RESP,
    );

    let enum_value = |wire: &str, rust: &str, d: &str| EnumValue {
        aliases: Vec::new(),
        wire: wire.to_owned(),
        rust_name: rust.to_owned(),
        doc: d.to_owned(),
    };
    let enums = vec![
        Enum {
            name: "PaymentMethod".to_owned(),
            scope: checkout(),
            doc: "Payment channels of the Checkout page.".to_owned(),
            values: vec![
                enum_value(
                    "VIRTUAL_ACCOUNT_BCA",
                    "VirtualAccountBca",
                    "BCA virtual account.",
                ),
                enum_value("QRIS", "Qris", "QRIS."),
                enum_value("CREDIT_CARD", "CreditCard", "Cards."),
            ],
            discrepancy: None,
            in_request: true,
            in_response: false,
            loc: loc("doku/checkout/create_payment.yaml", 100),
        },
        Enum {
            name: "PaymentStatus".to_owned(),
            scope: Scope::Provider,
            doc: "Outcome of a payment.".to_owned(),
            values: vec![
                enum_value("SUCCESS", "Success", "Paid."),
                enum_value("FAILED", "Failed", "Not paid."),
            ],
            discrepancy: None,
            in_request: false,
            in_response: true,
            loc: loc("doku/provider.yaml", 80),
        },
        Enum {
            name: "RefundType".to_owned(),
            scope: Scope::Area("cards".to_owned()),
            doc: "Kind of refund.".to_owned(),
            values: vec![
                enum_value("VOID", "Void", "Cancel before settlement."),
                enum_value("FULL_REFUND", "FullRefund", "Refund everything."),
            ],
            discrepancy: Some(Discrepancy {
                about: "refund.type".to_owned(),
                quotes: vec![
                    "Possible value: VOID, FULL_REFUND".to_owned(),
                    "\"type\": \"REFUND\"".to_owned(),
                ],
                accepts: "VOID and FULL_REFUND; anything else is kept as Unknown".to_owned(),
                loc: loc("doku/cards/refund.yaml", 30),
            }),
            in_request: true,
            in_response: false,
            loc: loc("doku/cards/refund.yaml", 25),
        },
    ];

    let endpoint = |kind, name: &str, area: &str, file: &str| Endpoint {
        success_codes: None,
        cases: Vec::new(),
        kind,
        name: name.to_owned(),
        area: area.to_owned(),
        summary: String::new(),
        doc: None,
        docs: vec![file.to_owned()],
        method: None,
        path: None,
        path_params: Vec::new(),
        request: None,
        responses: Vec::new(),
        errors: Vec::new(),
        loc: loc("", 1),
    };
    let refund_endpoint = Endpoint {
        success_codes: None,
        cases: Vec::new(),
        summary: "Void or refund a card payment.".to_owned(),
        method: Some(HttpMethod::POST),
        path: Some("/cancellation/credit-card/refund".to_owned()),
        request: Some("CardRefundRequest".to_owned()),
        responses: vec![Response {
            status: 200,
            body: "ErrorBody".to_owned(),
            example_by: None,
        }],
        loc: loc("doku/cards/refund.yaml", 1),
        ..endpoint(
            EndpointKind::Endpoint,
            "card_refund",
            "cards",
            "doku-cards-refund.txt",
        )
    };
    let create_endpoint = Endpoint {
        success_codes: None,
        cases: Vec::new(),
        summary: "Create a Checkout payment page.".to_owned(),
        doc: Some("Returns the URL of a hosted payment page.".to_owned()),
        method: Some(HttpMethod::POST),
        path: Some("/checkout/v1/payment".to_owned()),
        request: Some("CreatePaymentRequest".to_owned()),
        responses: vec![Response {
            status: 200,
            body: "CreatePaymentResponse".to_owned(),
            example_by: None,
        }],
        errors: vec![ErrorBody {
            status: None,
            name: "invalid_request".to_owned(),
            body: "ErrorBody".to_owned(),
        }],
        loc: loc("doku/checkout/create_payment.yaml", 1),
        ..endpoint(
            EndpointKind::Endpoint,
            "create_payment",
            "checkout",
            "doku-cards-payment-page-integration.txt",
        )
    };
    let notify = Endpoint {
        success_codes: None,
        cases: Vec::new(),
        summary: "Payment result notification.".to_owned(),
        method: Some(HttpMethod::POST),
        request: Some("PaymentNotification".to_owned()),
        loc: loc("doku/checkout/payment_notification.yaml", 1),
        ..endpoint(
            EndpointKind::Notification,
            "payment_notification",
            "checkout",
            "doku-cards-payment-page-integration.txt",
        )
    };

    let bool_lit = Literal::Boolean;
    let decision = Decision {
        name: "can_cancel".to_owned(),
        scope: checkout(),
        doc: "Whether a payment on this channel can be cancelled.".to_owned(),
        source: "Only card and QRIS payments can be cancelled before settlement.".to_owned(),
        inputs: vec![
            DecisionInput {
                name: "method".to_owned(),
                ty: DecisionType::Enum("PaymentMethod".to_owned()),
                doc: "The channel.".to_owned(),
                optional: false,
            },
            DecisionInput {
                name: "settled".to_owned(),
                ty: DecisionType::Boolean,
                doc: "Settled yet.".to_owned(),
                optional: true,
            },
        ],
        output: DecisionType::Boolean,
        rows: vec![
            DecisionRow {
                when: vec![(1, DecisionMatch::AnyOf(vec![bool_lit(true)]))],
                then: bool_lit(false),
            },
            DecisionRow {
                when: vec![(
                    0,
                    DecisionMatch::NoneOf(vec![Literal::EnumValue {
                        enum_name: "PaymentMethod".to_owned(),
                        wire: "VIRTUAL_ACCOUNT_BCA".to_owned(),
                        rust_name: "VirtualAccountBca".to_owned(),
                    }]),
                )],
                then: bool_lit(true),
            },
        ],
        otherwise: Some(bool_lit(false)),
        loc: loc("doku/checkout/create_payment.yaml", 120),
    };

    let topic_note = Discrepancy {
        about: "Request-Timestamp".to_owned(),
        quotes: vec![
            "ISO8601 UTC+0".to_owned(),
            "2020-08-12T09:45:42+07:00".to_owned(),
        ],
        accepts: "sends UTC with a Z suffix".to_owned(),
        loc: loc("doku/provider.yaml", 90),
    };

    // Signed and read as DOKU is: the recipes and error convention of spec/doku.
    let doku = doku_from_spec();
    Provider {
        error_convention: doku.error_convention.clone(),
        error_shape: doku.error_shape.clone(),
        path_refs: Vec::new(),
        name: "doku".to_owned(),
        title: "DOKU".to_owned(),
        doc: "DOKU Checkout and card payments (non-SNAP).".to_owned(),
        docs: vec![
            "doku-cards-refund.txt".to_owned(),
            "doku-cards-payment-page-integration.txt".to_owned(),
        ],
        auth: Auth {
            doc: "Every request is signed with HMAC-SHA256.".to_owned(),
            token_claims: None,
            recipes: doku.auth.recipes.clone(),
        },
        environments: vec![
            Environment {
                name: "sandbox".to_owned(),
                rust_name: "Sandbox".to_owned(),
                base_url: "https://api-sandbox.doku.com".to_owned(),
                doc: None,
            },
            Environment {
                name: "production".to_owned(),
                rust_name: "Production".to_owned(),
                base_url: "https://api.doku.com".to_owned(),
                doc: Some("Live money.".to_owned()),
            },
        ],
        request_headers: vec![
            header(
                "Client-Id",
                "Client ID retrieved from DOKU Back Office.",
                Some(50),
                None,
            ),
            header(
                "Request-Id",
                "Unique random string generated by the merchant.",
                Some(128),
                None,
            ),
            header(
                "Request-Timestamp",
                "Timestamp in UTC.",
                None,
                Some(Format::UtcTimestamp),
            ),
            header("Signature", "HMACSHA256=… over the request.", None, None),
        ],
        call_headers: Vec::new(),
        retry: None,
        response_headers: vec![header(
            "Response-Timestamp",
            "Timestamp of the response.",
            None,
            Some(Format::UtcTimestamp),
        )],
        enums,
        structs: vec![
            customer,
            error_body,
            refund,
            order,
            line_item,
            create,
            response,
            notification_body,
        ],
        endpoints: vec![refund_endpoint, create_endpoint, notify],
        decisions: vec![decision],
        discrepancies: vec![topic_note, session_note],
        lifecycles: Vec::new(),
        case_credentials: Vec::new(),
        loc: loc("doku/provider.yaml", 1),
    }
}

fn midtrans() -> Provider {
    let mut order_id = doc(
        field("order_id", Type::String, Presence::Mandatory),
        "Order ID or transaction ID.",
    );
    order_id.max_len = Some(50);
    let mut time = doc(
        field("transaction_time", Type::String, Presence::Mandatory),
        "When it happened (GMT+7).",
    );
    time.format = Some(Format::LocalDateTime);
    let mut cancel = Struct {
        name: "CancelResponse".to_owned(),
        scope: Scope::Area("core".to_owned()),
        doc: "Result of a cancel.".to_owned(),
        fields: vec![
            doc(
                field("status_code", Type::String, Presence::Mandatory),
                "HTTP-like status as a string.",
            ),
            doc(
                field("gross_amount", Type::Decimal, Presence::Optional),
                "Amount with two decimals.",
            ),
            time,
        ],
        rules: Vec::new(),
        roles: RESP,
        examples: Vec::new(),
        loc: loc("midtrans/core/cancel.yaml", 5),
    };
    cancel.examples = vec![Example {
        name: "success".to_owned(),
        json: r#"{"status_code": "200", "gross_amount": "30000.00", "transaction_time": "2015-02-26 14:39:33", "fraud_status": "accept"}"#
            .to_owned(),
    }];
    Provider {
        error_convention: Default::default(),
        error_shape: Default::default(),
        path_refs: Vec::new(),
        name: "midtrans".to_owned(),
        title: "Midtrans".to_owned(),
        doc: "Midtrans Core API.".to_owned(),
        docs: vec!["midtrans-cancel.txt".to_owned()],
        auth: Auth {
            doc: "HTTP basic with the server key.".to_owned(),
            token_claims: None,
            recipes: provider_from_spec("midtrans").auth.recipes,
        },
        environments: vec![
            Environment {
                name: "sandbox".to_owned(),
                rust_name: "Sandbox".to_owned(),
                base_url: "https://api.sandbox.midtrans.com".to_owned(),
                doc: None,
            },
            Environment {
                name: "partner".to_owned(),
                rust_name: "Partner".to_owned(),
                base_url: String::new(),
                doc: Some("Given on onboarding.".to_owned()),
            },
        ],
        request_headers: vec![
            Header {
                fixed: None,
                wire_name: "Authorization".to_owned(),
                field: doc(
                    field("Authorization", Type::String, Presence::Mandatory),
                    "Basic auth.",
                ),
            },
            Header {
                fixed: None,
                wire_name: "Accept".to_owned(),
                field: doc(
                    field("Accept", Type::String, Presence::Mandatory),
                    "application/json",
                ),
            },
        ],
        call_headers: Vec::new(),
        retry: None,
        response_headers: Vec::new(),
        enums: Vec::new(),
        structs: vec![cancel],
        endpoints: vec![Endpoint {
            success_codes: None,
            cases: Vec::new(),
            kind: EndpointKind::Endpoint,
            name: "cancel".to_owned(),
            area: "core".to_owned(),
            summary: "Cancel a transaction before settlement.".to_owned(),
            doc: None,
            docs: vec!["midtrans-cancel.txt".to_owned()],
            method: Some(HttpMethod::POST),
            path: Some("/v2/{order_id}/cancel".to_owned()),
            path_params: vec![order_id],
            request: None,
            responses: vec![Response {
                status: 200,
                body: "CancelResponse".to_owned(),
                example_by: None,
            }],
            errors: Vec::new(),
            loc: loc("midtrans/core/cancel.yaml", 1),
        }],
        decisions: Vec::new(),
        discrepancies: Vec::new(),
        lifecycles: Vec::new(),
        case_credentials: Vec::new(),
        loc: loc("midtrans/provider.yaml", 1),
    }
}

fn biller() -> Provider {
    let biller_header = |wire: &str, text: &str| Header {
        fixed: None,
        wire_name: wire.to_owned(),
        field: doc(field(wire, Type::String, Presence::Mandatory), text),
    };
    let mut partner = doc(
        field("partnerId", Type::String, Presence::Mandatory),
        "Partner API key provided.",
    );
    partner.rust_name = "partner_id".to_owned();
    let mut account = doc(
        field("account_Number", Type::String, Presence::Mandatory),
        "enrollmentId which was received in the callback enrollment.",
    );
    account.rust_name = "account_number".to_owned();
    let mut reason = doc(field("reason", Type::String, Presence::Optional), "Why.");
    reason.max_len = Some(100);
    Provider {
        error_convention: Default::default(),
        error_shape: Default::default(),
        path_refs: Vec::new(),
        name: "biller".to_owned(),
        title: "Biller".to_owned(),
        doc: "The biller partner API.".to_owned(),
        docs: vec!["biller-bill-cancel.txt".to_owned()],
        auth: Auth {
            doc: "KEY, TOKEN and VERSION headers.".to_owned(),
            token_claims: Some(TokenClaims::RequestBody),
            recipes: provider_from_spec("biller").auth.recipes,
        },
        environments: vec![Environment {
            name: "production".to_owned(),
            rust_name: "Production".to_owned(),
            base_url: "{api-url}".to_owned(),
            doc: Some("The docs write `{api-url}`.".to_owned()),
        }],
        request_headers: vec![
            biller_header("KEY", "API key."),
            biller_header("TOKEN", "JWT."),
            biller_header("VERSION", "API version, `2.0`."),
        ],
        call_headers: Vec::new(),
        retry: None,
        response_headers: Vec::new(),
        enums: Vec::new(),
        structs: vec![Struct {
            name: "BillCancelRequest".to_owned(),
            scope: Scope::Area("bill".to_owned()),
            doc: "Cancel an enrolled bill.".to_owned(),
            fields: vec![partner, account, reason],
            rules: Vec::new(),
            roles: REQ,
            examples: Vec::new(),
            loc: loc("biller/bill/cancel.yaml", 5),
        }],
        endpoints: vec![Endpoint {
            success_codes: None,
            cases: Vec::new(),
            kind: EndpointKind::Endpoint,
            name: "bill_cancel".to_owned(),
            area: "bill".to_owned(),
            summary: "Cancel a bill.".to_owned(),
            doc: None,
            docs: vec!["biller-bill-cancel.txt".to_owned()],
            method: Some(HttpMethod::POST),
            path: Some("/api/v2/bill/cancel".to_owned()),
            path_params: Vec::new(),
            request: Some("BillCancelRequest".to_owned()),
            responses: Vec::new(),
            errors: Vec::new(),
            loc: loc("biller/bill/cancel.yaml", 1),
        }],
        decisions: Vec::new(),
        discrepancies: Vec::new(),
        lifecycles: Vec::new(),
        case_credentials: Vec::new(),
        loc: loc("biller/provider.yaml", 1),
    }
}

/// The fixture IR, providers sorted by name.
/// The fixture with `create_payment`'s error body given an HTTP status and
/// a second source page, as the Midtrans status page needs.
pub fn ir_with_error_status(status: u16) -> Ir {
    let mut ir = ir();
    let endpoint = ir
        .providers
        .iter_mut()
        .flat_map(|p| p.endpoints.iter_mut())
        .find(|e| e.name == "create_payment")
        .expect("fixture endpoint");
    endpoint.errors[0].status = Some(status);
    endpoint.docs.push("doku-status-codes.txt".to_owned());
    ir
}

/// The fixture with another spelling of the first value of enum `name`.
pub fn ir_with_alias(name: &str, alias: &str) -> Ir {
    let mut ir = ir();
    let e = ir
        .providers
        .iter_mut()
        .flat_map(|p| p.enums.iter_mut())
        .find(|e| e.name == name)
        .expect("fixture enum");
    e.values[0].aliases.push(alias.to_owned());
    ir
}

pub fn ir() -> Ir {
    Ir {
        providers: vec![biller(), doku(), midtrans()],
    }
}
