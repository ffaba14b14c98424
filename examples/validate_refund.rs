//! Builds and validates DOKU requests with the generated types, offline.
//!
//! ```sh
//! cargo run --example validate_refund
//! ```
//!
//! A card refund is built from its mandatory fields and passes validation;
//! a payment page is built in one expression with the `with_*` setters of
//! its optional fields; a deliberately broken payment-page request shows
//! every violation at once, each with its JSON path and the rule it breaks.

use payspec::doku::cards::{
    PaymentPageCustomer, PaymentPageOrder, PaymentPageRequest, RefundRequest, RefundRequestOrder,
    RefundRequestPayment, RefundRequestRefund,
};
use payspec::money::Idr;

fn main() {
    // A refund: `new(..)` takes exactly the mandatory fields.
    let refund = RefundRequest::new(
        RefundRequestOrder::new("INV-20210118-0001"),
        RefundRequestPayment::new("b266c265-3d61-4708-9860-c0d5b9a98f8c"),
        RefundRequestRefund::new(Idr::from(90_000)),
    );
    match refund.validate() {
        Ok(()) => println!("refund is valid"),
        Err(errors) => println!("{errors}"),
    }

    // Optional fields, nested ones included, are set with chained `with_*`
    // setters: no `let mut`, no `Some(..)`.
    let page = PaymentPageRequest::new(
        PaymentPageOrder::new(Idr::from(150_000), "INV-20210118-0002")
            .with_auto_redirect(true)
            .with_callback_url("https://merchant.example/done"),
    )
    .with_customer(PaymentPageCustomer::new().with_email("jotaro_kujo@example.com"));
    match page.validate() {
        Ok(()) => println!("payment page request is valid"),
        Err(errors) => println!("{errors}"),
    }

    // A payment page request that breaks four documented rules: an invoice
    // number over 64 characters, with a non-printable character,
    // auto_redirect without the callback_url it requires, and no customer
    // email or phone.
    let request = PaymentPageRequest::new(
        PaymentPageOrder::new(Idr::from(150_000), format!("INV-{}\u{7}", "9".repeat(70)))
            .with_auto_redirect(true),
    );
    match request.validate() {
        Ok(()) => println!("payment page request is valid"),
        Err(errors) => {
            println!("{errors}");
            for violation in errors.violations() {
                println!("{} [{}]", violation.path, violation.rule);
            }
        }
    }
}
