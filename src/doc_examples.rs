//! The Rust examples of the generated Markdown reference (`generated/docs/`)
//! compiled as doctests, so the reference cannot drift from the generated
//! API. `tests/doc_examples_listed.rs` fails when a page with a Rust example
//! is missing here.

macro_rules! doc_pages {
    ($($name:ident => $page:literal),* $(,)?) => {
        $(
            #[doc = include_str!(concat!("../generated/docs/", $page))]
            pub struct $name;
        )*
    };
}

doc_pages! {
    BillerBillCancel => "biller/bill/bill_cancel.md",
    DokuCardCapture => "doku/cards/card_capture.md",
    DokuCardDeleteToken => "doku/cards/card_delete_token.md",
    DokuCardPaymentPage => "doku/cards/card_payment_page.md",
    DokuCardRefund => "doku/cards/card_refund.md",
    DokuCancelOrder => "doku/checkout/cancel_order.md",
    MidtransCancel => "midtrans/core/cancel.md",
    MidtransCancelNotification => "midtrans/core/cancel_notification.md",
    MidtransApprove => "midtrans/core/approve.md",
    MidtransCapture => "midtrans/core/capture.md",
    MidtransCharge => "midtrans/core/charge.md",
    MidtransDeny => "midtrans/core/deny.md",
    MidtransDirectRefund => "midtrans/core/direct_refund.md",
    MidtransExpire => "midtrans/core/expire.md",
    MidtransExpireNotification => "midtrans/core/expire_notification.md",
    MidtransGetStatus => "midtrans/core/get_status.md",
    MidtransPaymentNotification => "midtrans/core/payment_notification.md",
    MidtransRefund => "midtrans/core/refund.md",
    MidtransRefundNotification => "midtrans/core/refund_notification.md",
}
