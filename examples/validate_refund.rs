//! Builds and validates DOKU requests with the generated types, offline.
//!
//! ```sh
//! cargo run --example validate_refund
//! ```
//!
//! A card refund is built from its mandatory fields and passes validation;
//! a deliberately broken payment-page request shows every violation at once,
//! each with its JSON path and the rule it breaks.

use payspec::doku::cards::{
    PaymentPageOrder, PaymentPageRequest, RefundRequest, RefundRequestOrder, RefundRequestPayment,
    RefundRequestRefund,
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

    // A payment page request that breaks four documented rules: an invoice
    // number over 64 characters, with a non-printable character,
    // auto_redirect without the callback_url it requires, and no customer
    // email or phone.
    let mut order =
        PaymentPageOrder::new(Idr::from(150_000), format!("INV-{}\u{7}", "9".repeat(70)));
    order.auto_redirect = true;
    let request = PaymentPageRequest::new(order);
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
