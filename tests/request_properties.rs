//! Property tests of the generated request types: every request round-trips
//! through JSON unchanged, `validate()` accepts whatever the valid-value
//! strategies produce, and each single-rule violation is reported with
//! exactly that rule's path and kind, and nothing else.

use payspec::biller::bill::BillCancelRequest;
use payspec::doku::cards::{
    CaptureRequest, CaptureRequestPayment, DeleteTokenizationRequest, OverrideConfiguration,
    PaymentPageCard, PaymentPageCustomer, PaymentPageLineItem, PaymentPageOrder,
    PaymentPagePayment, PaymentPagePromo, PaymentPageRequest, PaymentPageThemes, RefundRequest,
    RefundRequestOrder, RefundRequestPayment, RefundRequestRefund,
};
use payspec::doku::checkout::{CancelOrderOrder, CancelOrderPayment, CancelOrderRequest};
use payspec::doku::{Acquirer, CardPaymentType};
use payspec::money::Idr;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("serialises");
    let back: T = serde_json::from_str(&json).expect("reads back what it wrote");
    assert_eq!(&back, value, "JSON: {json}");
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Za-z0-9 ._/-]{{1,{max}}}")).expect("regex")
}

fn hex() -> impl Strategy<Value = String> {
    "[0-9A-F]{6}"
}

/// Acquirers other than BANK_MANDIRI, which tightens the invoice length.
fn acquirer() -> impl Strategy<Value = Acquirer> {
    prop_oneof![
        Just(Acquirer::Bni),
        Just(Acquirer::Bri),
        Just(Acquirer::Bca),
        Just(Acquirer::Hsbc),
        Just(Acquirer::Danamon),
    ]
}

prop_compose! {
    fn line_items()(items in prop::collection::vec((text(40), 1i64..1_000_000, 1i64..20), 0..4))
        -> Vec<PaymentPageLineItem> {
        items.into_iter().map(|(name, price, quantity)| {
            let mut item = PaymentPageLineItem::new();
            item.name = Some(name);
            item.price = Some(Idr(price));
            item.quantity = Some(quantity);
            item
        }).collect()
    }
}

prop_compose! {
    fn payment()(kind in 0u8..4, acquirer in acquirer(), tenor in prop::sample::select(vec![3i64, 6, 12]), auto_capture in any::<bool>())
        -> Option<PaymentPagePayment> {
        let mut p = PaymentPagePayment::new();
        match kind {
            0 => return None,
            1 => {
                p.r#type = Some(CardPaymentType::Installment);
                p.acquirer = Some(acquirer);
                p.tenor = Some(tenor);
            }
            2 => {
                p.r#type = Some(CardPaymentType::Authorize);
                p.auto_capture = Some(auto_capture);
            }
            _ => p.r#type = Some(CardPaymentType::Sale),
        }
        Some(p)
    }
}

prop_compose! {
    /// A payment-page request that satisfies every field check and rule.
    fn valid_payment_page()(
        invoice in "[A-Z0-9-]{1,64}",
        items in line_items(),
        lone_amount in 1i64..10_000_000,
        redirect in any::<bool>(),
        callback in proptest::option::of("https://[a-z]{1,12}\\.example/[a-z]{0,10}"),
        email in proptest::option::of("[a-z]{1,10}@[a-z]{1,8}\\.com"),
        phone in "62[0-9]{8,12}",
        with_phone in any::<bool>(),
        customer_id in proptest::option::of("CUST-[0-9]{1,6}"),
        save in proptest::option::of(any::<bool>()),
        payment in payment(),
        colours in proptest::option::of((hex(), hex())),
        promo_share in proptest::option::of(0i64..=100),
        allow_bin in proptest::option::of(prop::collection::vec("[0-9]{6}", 0..3)),
    ) -> PaymentPageRequest {
        let amount: i64 = if items.is_empty() {
            lone_amount
        } else {
            items.iter().map(|i| i.price.map_or(0, Idr::value) * i.quantity.unwrap_or(0)).sum()
        };
        let mut order = PaymentPageOrder::new(Idr(amount), invoice);
        order.auto_redirect = redirect;
        order.callback_url = if redirect {
            Some(callback.unwrap_or_else(|| "https://merchant.example/ok".into()))
        } else {
            callback
        };
        if !items.is_empty() {
            order.line_items = Some(items);
        }
        let mut customer = PaymentPageCustomer::new();
        customer.email = email.clone();
        customer.phone = (with_phone || email.is_none()).then_some(phone);
        customer.id = customer_id.or_else(|| (save == Some(true)).then(|| "CUST-1".into()));
        let mut request = PaymentPageRequest::new(order);
        request.customer = Some(customer);
        if let Some(save) = save {
            let mut card = PaymentPageCard::new();
            card.save = Some(save);
            request.card = Some(card);
        }
        request.payment = payment;
        if colours.is_some() || promo_share.is_some() || allow_bin.is_some() {
            let mut config = OverrideConfiguration::new();
            if let Some((bg, font)) = colours {
                let mut themes = PaymentPageThemes::new();
                themes.background_color = Some(bg);
                themes.font_color = Some(font);
                config.themes = Some(themes);
            }
            if let Some(share) = promo_share {
                let mut promo = PaymentPagePromo::new();
                promo.bin = Some("461700".into());
                // Amounts are positive: a promo discounts at least 1.
                promo.discount_amount = Some(Idr((amount * share / 100).max(1)));
                config.promo = Some(vec![promo]);
            }
            config.allow_bin = allow_bin;
            request.override_configuration = Some(config);
        }
        request
    }
}

/// Validation result as (path, rule) pairs.
fn broken(request: &PaymentPageRequest) -> Vec<(String, &'static str)> {
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e
            .violations()
            .iter()
            .map(|v| (v.path.clone(), v.rule))
            .collect(),
    }
}

/// One way to break exactly one rule: what it does, and the expected report.
type Breaker = fn(&mut PaymentPageRequest) -> Option<(String, &'static str)>;

fn breakers() -> Vec<(&'static str, Breaker)> {
    vec![
        ("invoice too long", |r| {
            r.order.invoice_number = "I".repeat(65);
            Some(("order.invoice_number".into(), "max_len"))
        }),
        ("invoice not printable", |r| {
            r.order.invoice_number = "INV\u{7}1".into();
            Some(("order.invoice_number".into(), "format"))
        }),
        ("auto redirect without callback", |r| {
            r.order.auto_redirect = true;
            r.order.callback_url = None;
            Some(("order.callback_url".into(), "required_if"))
        }),
        ("no e-mail nor phone", |r| {
            let c = r.customer.as_mut()?;
            c.email = None;
            c.phone = None;
            Some(("customer.email".into(), "one_of_required"))
        }),
        ("phone not digits", |r| {
            r.customer.as_mut()?.phone = Some("+62 811".into());
            Some(("customer.phone".into(), "format"))
        }),
        ("line items do not sum up", |r| {
            r.order.amount = Idr(r.order.amount.value() + 1);
            // A promo bounded by the amount stays within it.
            r.order.line_items.as_ref()?;
            Some(("order.amount".into(), "sum_equals"))
        }),
        ("line item without quantity", |r| {
            let items = r.order.line_items.as_mut()?;
            let last = items.len() - 1;
            items[last].quantity = None;
            // The sum then counts the item as zero; keep it matching.
            let total: i64 = items
                .iter()
                .map(|i| i.price.map_or(0, Idr::value) * i.quantity.unwrap_or(0))
                .sum();
            if total == 0 {
                return None;
            }
            let promo_ok = r
                .override_configuration
                .as_ref()
                .and_then(|c| c.promo.as_ref())
                .map_or(true, |p| {
                    p.iter()
                        .all(|p| p.discount_amount.map_or(true, |d| d.value() <= total))
                });
            if !promo_ok {
                return None;
            }
            r.order.amount = Idr(total);
            Some((format!("order.line_items[{last}].quantity"), "required_if"))
        }),
        ("installment without tenor", |r| {
            let p = r.payment.as_mut()?;
            if p.r#type != Some(CardPaymentType::Installment) {
                return None;
            }
            p.tenor = None;
            Some(("payment.tenor".into(), "required_if"))
        }),
        ("auto capture on a sale", |r| {
            let p = r.payment.as_mut()?;
            if p.r#type != Some(CardPaymentType::Sale) {
                return None;
            }
            p.auto_capture = Some(true);
            Some(("payment.auto_capture".into(), "only_if"))
        }),
        ("undocumented payment type", |r| {
            let p = r.payment.as_mut()?;
            if p.r#type != Some(CardPaymentType::Sale) {
                return None;
            }
            p.r#type = Some(CardPaymentType::Unknown("BARTER".into()));
            Some(("payment.type".into(), "enum"))
        }),
        ("promo above the amount", |r| {
            let promo = r.override_configuration.as_mut()?.promo.as_mut()?;
            promo[0].discount_amount = Some(Idr(r.order.amount.value() + 1));
            Some((
                "override_configuration.promo[0].discount_amount".into(),
                "not_greater_than",
            ))
        }),
        ("colour with a hash", |r| {
            let themes = r.override_configuration.as_mut()?.themes.as_mut()?;
            themes.font_color = Some("#FFFFFF".into());
            Some(("override_configuration.themes.font_color".into(), "format"))
        }),
        ("saving the card without a customer id", |r| {
            r.card.get_or_insert_with(PaymentPageCard::new).save = Some(true);
            r.customer.as_mut()?.id = None;
            Some(("customer.id".into(), "required_if"))
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn valid_payment_pages_validate_and_round_trip(request in valid_payment_page()) {
        prop_assert_eq!(broken(&request), Vec::<(String, &str)>::new());
        round_trips(&request);
    }

    #[test]
    fn each_single_violation_is_reported_at_its_path(request in valid_payment_page(), which in 0usize..13) {
        let (name, breaker) = breakers()[which];
        let mut bad = request.clone();
        if let Some((path, rule)) = breaker(&mut bad) {
            prop_assert_eq!(broken(&bad), vec![(path, rule)], "{}", name);
            round_trips(&bad);
        }
    }

    #[test]
    fn refunds_round_trip_and_validate(invoice in text(64), request_id in "[a-z0-9-]{1,128}", amount in 1i64..i64::MAX) {
        let request = RefundRequest::new(
            RefundRequestOrder::new(invoice),
            RefundRequestPayment::new(request_id),
            RefundRequestRefund::new(Idr(amount)),
        );
        prop_assert_eq!(request.validate(), Ok(()));
        round_trips(&request);
    }

    #[test]
    fn refund_request_id_over_128_is_the_only_violation(extra in 1usize..50) {
        let request = RefundRequest::new(
            RefundRequestOrder::new("INV-1"),
            RefundRequestPayment::new("r".repeat(128 + extra)),
            RefundRequestRefund::new(Idr(1)),
        );
        let errors = request.validate().expect_err("too long");
        let got: Vec<(&str, &str)> = errors.violations().iter().map(|v| (v.path.as_str(), v.rule)).collect();
        prop_assert_eq!(got, vec![("payment.original_request_id", "max_len")]);
    }

    #[test]
    fn captures_round_trip(authorize_id in text(40), amount in proptest::option::of(1i64..i64::MAX)) {
        let mut payment = CaptureRequestPayment::new(authorize_id);
        payment.capture_amount = amount.map(Idr);
        let request = CaptureRequest::new(payment);
        prop_assert_eq!(request.validate(), Ok(()));
        round_trips(&request);
    }

    #[test]
    fn token_deletions_round_trip(token in "[0-9a-f]{64}", customer in proptest::option::of(text(20))) {
        let mut request = DeleteTokenizationRequest::new(token);
        request.customer_id = customer;
        prop_assert_eq!(request.validate(), Ok(()));
        round_trips(&request);
    }

    #[test]
    fn checkout_cancellations_round_trip(invoice in text(64), request_id in "[a-z0-9-]{1,128}", note in ".{0,80}") {
        let request = CancelOrderRequest::new(
            CancelOrderOrder::new(invoice),
            CancelOrderPayment::new(request_id),
            note,
        );
        prop_assert_eq!(request.validate(), Ok(()));
        round_trips(&request);
    }

    #[test]
    fn checkout_cancellation_request_id_over_128_is_reported(extra in 1usize..50) {
        let request = CancelOrderRequest::new(
            CancelOrderOrder::new("INV-1"),
            CancelOrderPayment::new("r".repeat(128 + extra)),
            "note",
        );
        let errors = request.validate().expect_err("too long");
        prop_assert_eq!(errors.paths(), vec!["payment.original_request_id"]);
    }

    #[test]
    fn biller_cancellations_round_trip(partner in text(20), account in "[0-9]{6,16}", reference in text(30)) {
        let request = BillCancelRequest::new(partner, account, reference);
        prop_assert_eq!(request.validate(), Ok(()));
        round_trips(&request);
    }
}

/// Every breaker applies to some generated requests: the property above is
/// not vacuous for any rule.
#[test]
fn every_single_rule_violation_is_exercised() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = valid_payment_page();
    let mut applied = vec![0u32; breakers().len()];
    for _ in 0..400 {
        let request = strategy.new_tree(&mut runner).expect("generates").current();
        for (i, (name, breaker)) in breakers().into_iter().enumerate() {
            let mut bad = request.clone();
            if let Some(expected) = breaker(&mut bad) {
                assert_eq!(broken(&bad), vec![expected], "{name}");
                applied[i] += 1;
            }
        }
    }
    for ((name, _), count) in breakers().iter().zip(&applied) {
        assert!(
            *count >= 10,
            "`{name}` applied to only {count} of 400 requests"
        );
    }
}
