//! Request path: build, validate, serialise and sign the docs' DOKU Cards
//! payment-page request (two line items, customer, override configuration)
//! with the generated types, against a hand-written serde struct of the same
//! shape serialised and signed by the same HMAC code (no validation).
//!
//! Before timing, the bench asserts that both paths send byte-identical
//! bodies with identical signatures, so the comparison is like for like.
//! Every result is returned to criterion (which `black_box`es it) and the
//! secret goes through `black_box`, so nothing is folded at compile time.
//!
//! Run: `cargo bench -p payspec --bench request_path -- --warm-up-time 1 --measurement-time 3`.
//! Instruction counts per row: `bash benches/callgrind.sh request_path`
//! (see `support/callgrind.rs`).

#[path = "support/callgrind.rs"]
mod callgrind;

use std::hint::black_box;

use criterion::Criterion;
use payspec::doku::cards::{
    OverrideConfiguration, PaymentPageCustomer, PaymentPageLineItem, PaymentPageOrder,
    PaymentPagePayment, PaymentPagePromo, PaymentPageRequest, PaymentPageThemes,
};
use payspec::doku::{Acquirer, CardPaymentType};
use payspec::money::Idr;
use payspec::recipe::{self, Context, Credentials, Message};
use serde::Serialize;

const CLIENT_ID: &str = "MCH-0001-10791114622547";
const REQUEST_ID: &str = "cc682442-6c22-493e-8121-b9ef6b3fa728";
const TIMESTAMP: &str = "2020-08-11T08:45:42Z";
const TARGET: &str = "/credit-card/v1/payment-page";

/// The `Signature` header the client's runtime sends: the spec's request
/// recipe run by the executor, at a fixed Request-Id and timestamp.
fn signature(credentials: &Credentials, body: &[u8]) -> String {
    let set = [("request_id", REQUEST_ID), ("timestamp", TIMESTAMP)];
    let mut cx = Context::new(credentials);
    cx.set = &set;
    let message = Message {
        method: "POST",
        target: TARGET,
        query: None,
        body,
        has_body: true,
    };
    let scheme = &payspec::doku::AUTH;
    let recipe = scheme.request.as_ref().expect("a request recipe");
    let signed = recipe::sign(scheme, recipe, &message, &cx).expect("signs");
    signed
        .headers
        .into_iter()
        .find(|(name, _)| name == "Signature")
        .map(|(_, value)| value)
        .expect("a Signature header")
}

fn line_item(name: &str, price: i64, quantity: i64) -> PaymentPageLineItem {
    let mut item = PaymentPageLineItem::new();
    item.name = Some(name.to_owned());
    item.price = Some(Idr(price));
    item.quantity = Some(quantity);
    item
}

fn promo(bin: &str, discount: i64) -> PaymentPagePromo {
    let mut p = PaymentPagePromo::new();
    p.bin = Some(bin.to_owned());
    p.discount_amount = Some(Idr(discount));
    p
}

/// The docs' installment example, built through the generated API.
fn generated_request() -> PaymentPageRequest {
    let mut order = PaymentPageOrder::new(Idr(90_000), "INV-20210118-0001");
    order.line_items = Some(vec![
        line_item("T-Shirt Red", 30_000, 2),
        line_item("Polo Navy", 30_000, 1),
    ]);
    order.callback_url = Some("https://merchant.com/success-url".to_owned());
    order.failed_url = Some("https://merchant.com/failed-url".to_owned());
    order.descriptor = Some("Test Descriptor".to_owned());
    let mut customer = PaymentPageCustomer::new();
    customer.id = Some("CUST-0001".to_owned());
    customer.name = Some("Jotaro Kujo".to_owned());
    customer.email = Some("jotaro_kujo@example.com".to_owned());
    customer.phone = Some("6285694566147".to_owned());
    customer.address = Some("Menara Mulia Lantai 8".to_owned());
    customer.country = Some("ID".to_owned());
    let mut payment = PaymentPagePayment::new();
    payment.r#type = Some(CardPaymentType::Installment);
    payment.acquirer = Some(Acquirer::Bri);
    payment.tenor = Some(3);
    let mut themes = PaymentPageThemes::new();
    themes.background_color = Some("F5F8FB".to_owned());
    themes.font_color = Some("1A1A1A".to_owned());
    themes.button_background_color = Some("E1251B".to_owned());
    themes.button_font_color = Some("FFFFFF".to_owned());
    let mut config = OverrideConfiguration::new();
    config.themes = Some(themes);
    config.promo = Some(vec![promo("142498", 20_000), promo("314498", 20_000)]);
    config.allow_bin = Some(vec!["461700".into(), "410505".into(), "557338".into()]);
    config.allow_tenor = Some(vec![0, 3, 6]);
    let mut request = PaymentPageRequest::new(order);
    request.customer = Some(customer);
    request.payment = Some(payment);
    request.override_configuration = Some(config);
    request
}

/// The baseline: plain serde structs of the same shape, no validation.
mod baseline {
    use serde::Serialize;

    #[derive(Serialize)]
    pub struct Request {
        pub order: Order,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub customer: Option<Customer>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub payment: Option<Payment>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub override_configuration: Option<Override>,
    }

    #[derive(Serialize)]
    pub struct Order {
        pub amount: i64,
        pub invoice_number: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub callback_url: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub failed_url: Option<String>,
        pub auto_redirect: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub line_items: Option<Vec<LineItem>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub descriptor: Option<String>,
    }

    #[derive(Serialize)]
    pub struct LineItem {
        pub name: Option<String>,
        pub price: Option<i64>,
        pub quantity: Option<i64>,
    }

    #[derive(Serialize)]
    pub struct Customer {
        pub id: Option<String>,
        pub name: Option<String>,
        pub email: Option<String>,
        pub phone: Option<String>,
        pub address: Option<String>,
        pub country: Option<String>,
    }

    #[derive(Serialize)]
    pub struct Payment {
        #[serde(rename = "type")]
        pub kind: &'static str,
        pub acquirer: &'static str,
        pub tenor: i64,
    }

    #[derive(Serialize)]
    pub struct Override {
        pub themes: Themes,
        pub promo: Vec<Promo>,
        pub allow_bin: Vec<String>,
        pub allow_tenor: Vec<i64>,
    }

    #[derive(Serialize)]
    pub struct Themes {
        pub background_color: String,
        pub font_color: String,
        pub button_background_color: String,
        pub button_font_color: String,
    }

    #[derive(Serialize)]
    pub struct Promo {
        pub bin: String,
        pub discount_amount: i64,
    }
}

fn baseline_request() -> baseline::Request {
    let item = |name: &str, price, quantity| baseline::LineItem {
        name: Some(name.to_owned()),
        price: Some(price),
        quantity: Some(quantity),
    };
    let promo = |bin: &str, discount_amount| baseline::Promo {
        bin: bin.to_owned(),
        discount_amount,
    };
    baseline::Request {
        order: baseline::Order {
            amount: 90_000,
            invoice_number: "INV-20210118-0001".to_owned(),
            callback_url: Some("https://merchant.com/success-url".to_owned()),
            failed_url: Some("https://merchant.com/failed-url".to_owned()),
            auto_redirect: false,
            line_items: Some(vec![
                item("T-Shirt Red", 30_000, 2),
                item("Polo Navy", 30_000, 1),
            ]),
            descriptor: Some("Test Descriptor".to_owned()),
        },
        customer: Some(baseline::Customer {
            id: Some("CUST-0001".to_owned()),
            name: Some("Jotaro Kujo".to_owned()),
            email: Some("jotaro_kujo@example.com".to_owned()),
            phone: Some("6285694566147".to_owned()),
            address: Some("Menara Mulia Lantai 8".to_owned()),
            country: Some("ID".to_owned()),
        }),
        payment: Some(baseline::Payment {
            kind: "INSTALLMENT",
            acquirer: "BRI",
            tenor: 3,
        }),
        override_configuration: Some(baseline::Override {
            themes: baseline::Themes {
                background_color: "F5F8FB".to_owned(),
                font_color: "1A1A1A".to_owned(),
                button_background_color: "E1251B".to_owned(),
                button_font_color: "FFFFFF".to_owned(),
            },
            promo: vec![promo("142498", 20_000), promo("314498", 20_000)],
            allow_bin: vec!["461700".into(), "410505".into(), "557338".into()],
            allow_tenor: vec![0, 3, 6],
        }),
    }
}

fn serialize_and_sign<T: Serialize>(secret: &Credentials, value: &T) -> (Vec<u8>, String) {
    let body = serde_json::to_vec(value).expect("serialises");
    let sig = signature(black_box(secret), &body);
    (body, sig)
}

/// The generated path: build, `validate()`, serialise, sign.
fn generated_path(secret: &Credentials) -> (Vec<u8>, String) {
    let request = generated_request();
    request.validate().expect("valid");
    serialize_and_sign(secret, &request)
}

/// The baseline: build, serialise, sign (nothing to validate).
fn baseline_path(secret: &Credentials) -> (Vec<u8>, String) {
    serialize_and_sign(secret, &baseline_request())
}

fn main() {
    let secret = Credentials::new()
        .with("client_id", CLIENT_ID)
        .with("secret_key", "SK-hCJ42G28TA0MKG9LE2E_1");
    // The generated request is valid, and both paths send the same bytes
    // (same members in the same order, so the same digest and signature).
    assert_eq!(generated_request().validate(), Ok(()));
    let (generated_body, generated_sig) = generated_path(&secret);
    let (baseline_body, baseline_sig) = baseline_path(&secret);
    assert_eq!(
        String::from_utf8_lossy(&generated_body),
        String::from_utf8_lossy(&baseline_body),
        "the baseline must serialise to the same bytes"
    );
    assert_eq!(generated_sig, baseline_sig);

    let request = generated_request();
    let body = serde_json::to_vec(&request).expect("json");
    let rows: [callgrind::Row<'_>; 6] = [
        callgrind::Row {
            name: "request_path/generated_build_validate_serialize_sign",
            run: &|| drop(black_box(generated_path(&secret))),
        },
        callgrind::Row {
            name: "request_path/baseline_build_serialize_sign",
            run: &|| drop(black_box(baseline_path(&secret))),
        },
        callgrind::Row {
            name: "request_path/generated_build_only",
            run: &|| drop(black_box(generated_request())),
        },
        callgrind::Row {
            name: "request_path/baseline_build_only",
            run: &|| drop(black_box(baseline_request())),
        },
        callgrind::Row {
            name: "request_path/generated_validate_only",
            run: &|| drop(black_box(black_box(&request).validate())),
        },
        callgrind::Row {
            name: "request_path/sign_only",
            run: &|| drop(black_box(signature(&secret, black_box(&body)))),
        },
    ];
    if callgrind::run_requested(&rows) {
        return;
    }

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("request_path");
    g.bench_function("generated_build_validate_serialize_sign", |b| {
        b.iter(|| generated_path(&secret))
    });
    g.bench_function("baseline_build_serialize_sign", |b| {
        b.iter(|| baseline_path(&secret))
    });
    g.bench_function("generated_validate_only", |b| {
        b.iter(|| black_box(&request).validate())
    });
    g.bench_function("sign_only", |b| {
        b.iter(|| signature(&secret, black_box(&body)))
    });
    g.finish();
    c.final_summary();
}
