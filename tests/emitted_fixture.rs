//! The code the emitter produces for the codegen fixture
//! (`codegen/tests/expected/shop.rs` and the type crates under
//! `codegen/tests/expected/shop/`, kept current by the codegen test
//! `compiled_copy_is_current`) compiles against the runtime, passes clippy
//! with the rest of the crate, and behaves as its spec says.

// Every public item the emitter writes has rustdoc.
#![deny(missing_docs)]

/// The generated provider module names the runtime as `crate::money` and so
/// on, as it does inside the client crate; these re-exports stand in for it
/// here. (Its type crates, under `codegen/tests/expected/shop/`, name
/// `payspec_runtime` directly.)
mod money {
    pub use payspec::money::*;
}
mod validation {
    pub use payspec::validation::*;
}

include!("support/generated_root.rs");

use payspec::{Error, Secret};

include!("../codegen/tests/expected/shop.rs");

use money::Idr;
use shop::payments::{
    Channel, Customer, LineItem, Order, Payment, PaymentRequest, PaymentResponse, PaymentStatus,
    PaymentType,
};

fn item(name: &str, price: i64, quantity: i64) -> LineItem {
    let mut item = LineItem::new(name, Idr(price));
    item.quantity = Some(quantity);
    item.sku = Some(format!("SKU-{name}"));
    item
}

fn valid_request() -> PaymentRequest {
    let mut order = Order::new("INV-20210118-0001", Idr(30000));
    order.line_items = Some(vec![item("a", 10000, 2), item("b", 5000, 2)]);
    let mut request = PaymentRequest::new(order, "tok_123");
    let mut customer = Customer::new();
    customer.email = Some("jotaro_kujo@example.com".to_owned());
    request.customer = Some(customer);
    request
}

fn violations(request: &PaymentRequest) -> Vec<(String, &'static str)> {
    match request.validate() {
        Ok(()) => vec![],
        Err(e) => e
            .violations()
            .iter()
            .map(|v| (v.path.clone(), v.rule))
            .collect(),
    }
}

#[test]
fn a_request_following_every_rule_is_valid() {
    assert_eq!(valid_request().validate(), Ok(()));
}

#[test]
fn constructor_applies_defaults() {
    let r = valid_request();
    assert!(!r.retry);
    assert_eq!(r.currency, shop::Currency::Idr);
    assert_eq!(
        r.note, None,
        "an optional field with a default is left to the provider"
    );
}

#[test]
fn field_checks_report_nested_paths_with_indexes() {
    let mut r = valid_request();
    r.order.invoice_number = "x".repeat(65);
    r.order.line_items.as_mut().unwrap()[1].name = "n".repeat(256);
    r.customer.as_mut().unwrap().country = Some("XX".to_owned());
    r.tags = Some(vec!["ok".to_owned(), "t".repeat(21)]);
    r.currency = shop::Currency::from("EUR");
    assert_eq!(
        violations(&r),
        [
            ("order.invoice_number".to_owned(), "max_len"),
            ("order.line_items[1].name".to_owned(), "max_len"),
            ("customer.country".to_owned(), "format"),
            ("currency".to_owned(), "enum"),
            ("tags[1]".to_owned(), "max_len"),
        ]
    );
}

#[test]
fn required_if_checks_every_element() {
    let mut r = valid_request();
    r.payment = Some(Payment::new(PaymentType::Installment));
    r.order.line_items.as_mut().unwrap()[1].sku = None;
    let errors = r.validate().unwrap_err();
    assert_eq!(
        errors.paths(),
        ["payment.installment_term", "order.line_items[1].sku"]
    );
    assert_eq!(
        errors.violations()[0].message,
        "is required when payment.type is \"INSTALLMENT\""
    );
    assert!(errors.violations().iter().all(|v| v.rule == "required_if"));
}

#[test]
fn only_if_rejects_a_field_sent_without_its_condition() {
    let mut r = valid_request();
    let mut payment = Payment::new(PaymentType::Sale);
    payment.installment_term = Some(3);
    r.payment = Some(payment);
    assert_eq!(
        violations(&r),
        [("payment.installment_term".to_owned(), "only_if")]
    );
}

#[test]
fn one_of_required_reports_once_at_the_first_candidate() {
    let mut r = valid_request();
    r.customer = None;
    let errors = r.validate().unwrap_err();
    assert_eq!(errors.paths(), ["customer.email"]);
    assert_eq!(
        errors.violations()[0].message,
        "at least one of customer.email or customer.phone must be present"
    );
}

#[test]
fn sum_equals_names_the_computed_sum() {
    let mut r = valid_request();
    r.order.amount = Idr(29999);
    let errors = r.validate().unwrap_err();
    assert_eq!(errors.paths(), ["order.amount"]);
    assert_eq!(
        errors.violations()[0].message,
        "is 29999, but the sum of price × quantity over order.line_items is 30000"
    );
}

#[test]
fn sum_equals_is_skipped_when_a_factor_is_absent() {
    let mut r = valid_request();
    r.order.amount = Idr(100);
    r.order.line_items = Some(vec![LineItem::new("a", Idr(1))]);
    assert_eq!(violations(&r), []);
    r.order.line_items = Some(vec![item("a", 1, 1), LineItem::new("b", Idr(5))]);
    assert_eq!(violations(&r), [], "quantity of item b is absent");
}

#[test]
fn sum_overflow_is_a_violation_not_a_panic() {
    let mut r = valid_request();
    r.order.amount = Idr(i64::MAX);
    r.order.line_items = Some(vec![item("a", i64::MAX, 2)]);
    let errors = r.validate().unwrap_err();
    assert_eq!(errors.paths(), ["order.amount"]);
    assert_eq!(
        errors.violations()[0].message,
        "the sum of price × quantity over order.line_items overflows a 64-bit integer"
    );
}

#[test]
fn not_greater_than_checks_each_element() {
    let mut r = valid_request();
    r.order.amount = Idr(9000);
    r.order.line_items = Some(vec![item("a", 4500, 2), item("b", 9001, 0)]);
    let errors = r.validate().unwrap_err();
    assert_eq!(errors.paths(), ["order.line_items[1].price"]);
    assert_eq!(
        errors.violations()[0].message,
        "is 9001, which is greater than order.amount (9000)"
    );
}

#[test]
fn max_len_if_applies_only_under_its_condition() {
    let mut r = valid_request();
    r.order.invoice_number = "I".repeat(31);
    assert_eq!(violations(&r), []);
    r.order.channel = Some(Channel::VirtualAccount);
    let errors = r.validate().unwrap_err();
    assert_eq!(errors.paths(), ["order.invoice_number"]);
    assert_eq!(
        errors.violations()[0].message,
        "is 31 characters long; at most 30 are allowed when order.channel is \"VIRTUAL_ACCOUNT\""
    );
}

#[test]
fn debug_never_prints_sensitive_fields() {
    let mut r = valid_request();
    r.pin = Some("4321".to_owned());
    let debug = format!("{r:?}");
    assert!(
        !debug.contains("tok_123") && !debug.contains("4321"),
        "{debug}"
    );
    assert!(debug.contains("card_token: \"<redacted>\""), "{debug}");
    assert!(debug.contains("pin: Some(\"<redacted>\")"), "{debug}");
}

#[test]
fn requests_serialise_to_wire_names_without_absent_fields() {
    let mut r = valid_request();
    r.order.line_items = None;
    r.payment = Some(Payment::new(PaymentType::Installment));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "order": { "invoice_number": "INV-20210118-0001", "amount": 30000 },
            "payment": { "type": "INSTALLMENT" },
            "customer": { "email": "jotaro_kujo@example.com" },
            "card_token": "tok_123",
            "retry": false,
            "currency": "IDR"
        })
    );
}

#[test]
fn responses_accept_documented_oddities_and_unknown_values() {
    let body = r#"{"invoice_number":"INV-1","status":"PARTIAL","gross_amount":"10000.00","settled":"true","new_field":1}"#;
    let response: PaymentResponse = serde_json::from_str(body).unwrap();
    assert_eq!(
        response.status,
        PaymentStatus::Unknown("PARTIAL".to_owned())
    );
    assert!(response.settled);
    assert_eq!(response.gross_amount.as_str(), "10000.00");
    assert_eq!(serde_json::to_value(&response.status).unwrap(), "PARTIAL");

    let order: Order =
        serde_json::from_str(r#"{"invoice_number":"I","amount":1,"sessionId":231223}"#).unwrap();
    assert_eq!(order.session_id.as_deref(), Some("231223"));
    assert!(serde_json::from_str::<Order>(r#"{"invoice_number":"I","amount":1.5}"#).is_err());
}

#[test]
fn enums_round_trip_through_their_wire_values() {
    assert_eq!(
        PaymentStatus::from("DELETE SUCCESS"),
        PaymentStatus::DeleteSuccess
    );
    assert_eq!(PaymentStatus::DeleteSuccess.to_string(), "DELETE SUCCESS");
    assert_eq!(PaymentStatus::VALUES, ["SUCCESS", "DELETE SUCCESS"]);
    let parsed: Channel = serde_json::from_str("\"CREDIT_CARD\"").unwrap();
    assert_eq!(parsed, Channel::CreditCard);
}

#[test]
fn decisions_follow_their_tables() {
    use shop::payments::refund_kind;
    use shop::{can_refund, RefundKind};
    assert!(can_refund(&Channel::CreditCard, false, None));
    assert!(!can_refund(
        &Channel::CreditCard,
        true,
        Some(&PaymentStatus::Success)
    ));
    assert!(
        !can_refund(&Channel::VirtualAccount, false, None),
        "NoneOf matches an absent input"
    );
    assert_eq!(
        refund_kind(Some(&Channel::CreditCard), false),
        Some(RefundKind::Void)
    );
    assert_eq!(
        refund_kind(Some(&Channel::CreditCard), true),
        Some(RefundKind::Refund)
    );
    assert_eq!(
        refund_kind(None, true),
        None,
        "no row matches and there is no otherwise"
    );
}

#[test]
fn environments_know_their_base_urls() {
    assert_eq!(
        shop::Environment::Sandbox.base_url(),
        "https://sandbox.shop.test"
    );
    assert_eq!(
        shop::Environment::Custom("http://127.0.0.1:9".to_owned()).base_url(),
        "http://127.0.0.1:9"
    );
}

#[tokio::test]
async fn a_path_parameter_breaking_its_limits_is_refused_before_sending() {
    // Port 9 (discard) on loopback: nothing is listening, and a request that
    // were sent would fail as Transport, not Validation.
    let client = shop::Client::new(shop::Config::new(
        "http://127.0.0.1:9",
        "MCH-1",
        Secret::new("secret"),
    ));
    let too_long = client.payment_status("PAY-123456").await;
    let Err(Error::Validation(errors)) = too_long else {
        panic!("expected a validation error, got {too_long:?}");
    };
    let found: Vec<(&str, &str)> = errors
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), v.rule))
        .collect();
    assert_eq!(found, [("{payment_id}", "max_len")]);

    let control = client.payment_status("PAY\u{7}").await;
    let Err(Error::Validation(errors)) = control else {
        panic!("expected a validation error, got {control:?}");
    };
    assert_eq!(errors.violations()[0].rule, "format");

    // Within its limits it is sent (and fails to connect).
    let sent = client.payment_status("PAY-1").await;
    assert!(
        matches!(sent, Err(Error::Transport { .. } | Error::Timeout { .. })),
        "{sent:?}"
    );
}
