//! The generated validation of the real DOKU payment-page request: every
//! field check and rule kind, on the docs' own sample with one thing broken
//! at a time, asserting the exact JSON paths and rule names reported, and
//! that several violations are all reported at once.

use std::path::Path;

use payspec::doku::cards::PaymentPageRequest;
use serde_json::{json, Value};

/// The docs' payment-page sample (`installment`), taken from the spec.
fn sample() -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let ir = match payspec_codegen::lower::load_dir(&dir) {
        Ok(loaded) => loaded.ir,
        Err(problems) => panic!("spec/ does not load:\n{problems}"),
    };
    let doku = ir
        .providers
        .iter()
        .find(|p| p.name == "doku")
        .expect("doku");
    let body = doku
        .structs
        .iter()
        .find(|s| s.name == "PaymentPageRequest")
        .expect("PaymentPageRequest");
    let example = body
        .examples
        .iter()
        .find(|e| e.name == "installment")
        .expect("the installment sample");
    serde_json::from_str(&example.json).expect("sample is JSON")
}

/// `(path, rule)` of every violation of `body` as the generated type sees it.
fn violations(body: Value) -> Vec<(String, &'static str)> {
    let request: PaymentPageRequest = serde_json::from_value(body).expect("decodes");
    match request.validate() {
        Ok(()) => vec![],
        Err(errors) => errors
            .violations()
            .iter()
            .map(|v| (v.path.clone(), v.rule))
            .collect(),
    }
}

/// The sample with `edit` applied.
fn with(edit: impl FnOnce(&mut Value)) -> Vec<(String, &'static str)> {
    let mut body = sample();
    edit(&mut body);
    violations(body)
}

fn v(path: &str, rule: &'static str) -> (String, &'static str) {
    (path.to_owned(), rule)
}

#[test]
fn the_docs_sample_is_valid() {
    assert_eq!(violations(sample()), vec![]);
}

#[test]
fn max_len() {
    assert_eq!(
        with(|b| b["order"]["invoice_number"] = json!("I".repeat(65))),
        [v("order.invoice_number", "max_len")]
    );
    assert_eq!(
        with(|b| b["order"]["invoice_number"] = json!("I".repeat(64))),
        []
    );
    assert_eq!(
        with(|b| b["order"]["line_items"][1]["name"] = json!("n".repeat(256))),
        [v("order.line_items[1].name", "max_len")]
    );
}

#[test]
fn format() {
    assert_eq!(
        with(|b| b["customer"]["email"] = json!("not-an-email")),
        [v("customer.email", "format")]
    );
    assert_eq!(
        with(|b| b["customer"]["phone"] = json!("+62 856")),
        [v("customer.phone", "format")]
    );
    assert_eq!(
        with(|b| b["customer"]["country"] = json!("IDN")),
        [v("customer.country", "format")]
    );
    assert_eq!(
        with(|b| b["override_configuration"]["themes"]["font_color"] = json!("#1A1A1A")),
        [v("override_configuration.themes.font_color", "format")]
    );
    assert_eq!(
        with(|b| b["order"]["invoice_number"] = json!("INV-ü")),
        [v("order.invoice_number", "format")]
    );
}

/// Amounts DOKU charges or refunds are positive: no page says zero or a
/// negative amount is allowed, so the spec leaves the default minimum of 1.
#[test]
fn amounts_are_positive() {
    // (The sample's line items and promos no longer add up either.)
    for amount in [-5, 0] {
        let found = with(|b| b["order"]["amount"] = json!(amount));
        assert!(found.contains(&v("order.amount", "minimum")), "{found:?}");
    }
    let found = with(|b| b["order"]["line_items"][0]["price"] = json!(-1));
    assert!(
        found.contains(&v("order.line_items[0].price", "minimum")),
        "{found:?}"
    );
    let found = with(|b| b["order"]["line_items"][0]["price"] = json!(1));
    assert!(
        !found.iter().any(|(_, rule)| *rule == "minimum"),
        "{found:?}"
    );
    use payspec::doku::cards::{
        PaymentPageOrder, RefundRequest, RefundRequestOrder, RefundRequestPayment,
        RefundRequestRefund,
    };
    use payspec::money::Idr;
    let page = PaymentPageRequest::new(PaymentPageOrder::new(Idr(-5), "INV-1"));
    let errors = page.validate().unwrap_err();
    assert!(errors.paths().contains(&"order.amount"), "{errors}");
    let refund = |amount| {
        RefundRequest::new(
            RefundRequestOrder::new("INV-1"),
            RefundRequestPayment::new("r-1"),
            RefundRequestRefund::new(Idr(amount)),
        )
        .validate()
    };
    assert_eq!(refund(-1).unwrap_err().paths(), ["refund.amount"]);
    assert_eq!(refund(0).unwrap_err().paths(), ["refund.amount"]);
    assert!(refund(1).is_ok());
}

#[test]
fn unknown_enum_value_in_a_request() {
    // Decoding accepts it (as `Unknown`), sending does not.
    assert_eq!(
        with(|b| b["payment"]["acquirer"] = json!("BANK_NEW")),
        [v("payment.acquirer", "enum")]
    );
    assert_eq!(
        with(|b| b["override_configuration"]["themes"]["language"] = json!("FR")),
        [v("override_configuration.themes.language", "enum")]
    );
}

#[test]
fn required_if() {
    assert_eq!(
        with(|b| {
            b["order"]["auto_redirect"] = json!(true);
            b["order"].as_object_mut().unwrap().remove("callback_url");
        }),
        [v("order.callback_url", "required_if")]
    );
    // Not required while auto_redirect is false, as in the sample.
    assert_eq!(
        with(|b| {
            b["order"].as_object_mut().unwrap().remove("callback_url");
        }),
        []
    );
    assert_eq!(
        with(|b| {
            b["payment"].as_object_mut().unwrap().remove("acquirer");
            b["payment"].as_object_mut().unwrap().remove("tenor");
        }),
        [
            v("payment.acquirer", "required_if"),
            v("payment.tenor", "required_if")
        ]
    );
    assert_eq!(
        with(|b| {
            b["card"]["save"] = json!(true);
            b["card"].as_object_mut().unwrap().remove("token");
            b["customer"].as_object_mut().unwrap().remove("id");
        }),
        [v("customer.id", "required_if")]
    );
    // Saving a card and paying with a saved one: each rule reports.
    assert_eq!(
        with(|b| {
            b["card"]["save"] = json!(true);
            b["customer"].as_object_mut().unwrap().remove("id");
        }),
        [
            v("customer.id", "required_if"),
            v("customer.id", "required_if")
        ]
    );
}

#[test]
fn required_if_through_an_array() {
    // `order.line_items[].price` is required in every element; the sum
    // cannot be checked with a price missing, so only the gap is reported.
    let reported = with(|b| {
        b["order"]["line_items"][1]
            .as_object_mut()
            .unwrap()
            .remove("price");
        b["order"]["line_items"][0]
            .as_object_mut()
            .unwrap()
            .remove("quantity");
    });
    assert_eq!(
        reported,
        [
            v("order.line_items[1].price", "required_if"),
            v("order.line_items[0].quantity", "required_if"),
        ]
    );
}

#[test]
fn one_of_required() {
    assert_eq!(
        with(|b| {
            let customer = b["customer"].as_object_mut().unwrap();
            customer.remove("email");
            customer.remove("phone");
        }),
        [v("customer.email", "one_of_required")]
    );
    assert_eq!(
        with(|b| {
            b["customer"].as_object_mut().unwrap().remove("email");
        }),
        []
    );
}

#[test]
fn sum_equals() {
    assert_eq!(
        with(|b| b["order"]["amount"] = json!(90001)),
        [v("order.amount", "sum_equals")]
    );
    assert_eq!(
        with(|b| b["order"]["line_items"][1]["quantity"] = json!(2)),
        [v("order.amount", "sum_equals")]
    );
}

#[test]
fn sum_equals_overflow_is_a_violation_not_a_panic() {
    let reported = with(|b| {
        b["order"]["line_items"][0]["price"] = json!(i64::MAX);
        b["order"]["line_items"][0]["quantity"] = json!(2);
    });
    assert_eq!(reported, [v("order.amount", "sum_equals")]);
    let request: PaymentPageRequest = serde_json::from_value({
        let mut b = sample();
        b["order"]["line_items"][0]["price"] = json!(i64::MAX);
        b["order"]["line_items"][0]["quantity"] = json!(2);
        b
    })
    .unwrap();
    let errors = request.validate().unwrap_err();
    let sum = errors
        .violations()
        .iter()
        .find(|v| v.rule == "sum_equals")
        .unwrap();
    assert!(sum.message.contains("overflows"), "{}", sum.message);
}

#[test]
fn max_len_if() {
    let invoice = "INV-".to_owned() + &"1".repeat(24); // 28 characters
    assert_eq!(
        with(|b| {
            b["order"]["invoice_number"] = json!(invoice);
            b["payment"]["acquirer"] = json!("BANK_MANDIRI");
        }),
        [v("order.invoice_number", "max_len_if")]
    );
    // 28 characters are fine for another acquirer.
    assert_eq!(with(|b| b["order"]["invoice_number"] = json!(invoice)), []);
}

#[test]
fn not_greater_than_through_an_array() {
    assert_eq!(
        with(|b| b["override_configuration"]["promo"][2]["discount_amount"] = json!(90001)),
        [v(
            "override_configuration.promo[2].discount_amount",
            "not_greater_than"
        )]
    );
    assert_eq!(
        with(|b| b["override_configuration"]["promo"][2]["discount_amount"] = json!(90000)),
        []
    );
}

#[test]
fn only_if() {
    // auto_capture only with payment.type AUTHORIZE; the sample is INSTALLMENT.
    assert_eq!(
        with(|b| b["payment"]["auto_capture"] = json!(true)),
        [v("payment.auto_capture", "only_if")]
    );
    assert_eq!(
        with(|b| {
            b["payment"]["type"] = json!("AUTHORIZE");
            b["payment"]["auto_capture"] = json!(true);
        }),
        []
    );
}

#[test]
fn auto_capture_without_payment_type() {
    // A merchant whose only card payment type is AUTHORIZE omits
    // payment.type ("Bring this if you have more than 1 type of Cards
    // payment type") and may still ask for auto_capture.
    assert_eq!(
        with(|b| {
            b["payment"] = json!({ "auto_capture": true });
        }),
        []
    );
    // Also with no `payment` object besides it at all: nothing to refuse.
    assert_eq!(
        with(|b| {
            b.as_object_mut().unwrap().remove("payment");
        }),
        []
    );
    // Another named type still refuses it.
    assert_eq!(
        with(|b| {
            b["payment"] = json!({ "type": "SALE", "auto_capture": true });
        }),
        [v("payment.auto_capture", "only_if")]
    );
}

#[test]
fn customer_id_when_paying_with_a_saved_card_token() {
    // "Mandatory if merchant wants to use tokenization feature": paying with
    // a saved card.token is tokenization, even with card.save false.
    assert_eq!(
        with(|b| {
            b["customer"].as_object_mut().unwrap().remove("id");
        }),
        [v("customer.id", "required_if")]
    );
    // Without a token and without save, no customer id is needed.
    assert_eq!(
        with(|b| {
            b["customer"].as_object_mut().unwrap().remove("id");
            b["card"].as_object_mut().unwrap().remove("token");
        }),
        []
    );
}

#[test]
fn all_violations_are_reported_at_once() {
    let reported = with(|b| {
        b["order"]["amount"] = json!(1);
        b["customer"]["email"] = json!("nope");
        b["payment"]["acquirer"] = json!("BANK_NEW");
        b["payment"]["auto_capture"] = json!(false);
        b["override_configuration"]["promo"][0]["discount_amount"] = json!(2);
    });
    let mut sorted = reported.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            v("customer.email", "format"),
            v("order.amount", "sum_equals"),
            v(
                "override_configuration.promo[0].discount_amount",
                "not_greater_than"
            ),
            v(
                "override_configuration.promo[1].discount_amount",
                "not_greater_than"
            ),
            v(
                "override_configuration.promo[2].discount_amount",
                "not_greater_than"
            ),
            v(
                "override_configuration.promo[3].discount_amount",
                "not_greater_than"
            ),
            v("payment.acquirer", "enum"),
            v("payment.auto_capture", "only_if"),
        ]
    );
}

/// Optional fields, nested ones included, are set in one expression with
/// the generated `with_*` setters (no `let mut`, no `Some(..)`), and they
/// set exactly what the field assignments would.
#[test]
fn with_setters_chain_and_set_the_fields() {
    use payspec::doku::cards::{PaymentPageCustomer, PaymentPageOrder};
    use payspec::money::Idr;
    let chained = PaymentPageRequest::new(
        PaymentPageOrder::new(Idr(150_000), "INV-1")
            .with_auto_redirect(true)
            .with_callback_url("https://merchant.example/done"),
    )
    .with_customer(
        PaymentPageCustomer::new()
            .with_email("a@example.com")
            .with_name("Jotaro"),
    );
    let mut order = PaymentPageOrder::new(Idr(150_000), "INV-1");
    order.auto_redirect = true;
    order.callback_url = Some("https://merchant.example/done".to_owned());
    let mut customer = PaymentPageCustomer::new();
    customer.email = Some("a@example.com".to_owned());
    customer.name = Some("Jotaro".to_owned());
    let mut assigned = PaymentPageRequest::new(order);
    assigned.customer = Some(customer);
    assert_eq!(chained, assigned);
    assert_eq!(chained.validate(), Ok(()));
    let json = serde_json::to_value(&chained).expect("serialises");
    assert_eq!(json["customer"]["email"], "a@example.com");
    assert_eq!(json["order"]["auto_redirect"], true);
}
