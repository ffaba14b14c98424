//! Refund (or void) a DOKU card payment with the generated client.
//!
//! ```text
//! DOKU_CLIENT_ID=MCH-… DOKU_SECRET_KEY=SK-… \
//!   cargo run --example doku_refund -- INV-20210118-0001 <original Request-Id> 90000
//! ```
//!
//! `DOKU_BASE_URL` overrides the sandbox URL (a proxy, a mock server).
//! Without credentials it prints what is missing and exits with status 2.

use std::process::ExitCode;

use payspec::doku::cards::{
    RefundRequest, RefundRequestOrder, RefundRequestPayment, RefundRequestRefund,
};
use payspec::doku::{CallOptions, Client, Config};
use payspec::money::Idr;
use payspec::Error;

#[tokio::main]
async fn main() -> ExitCode {
    let client_id = std::env::var("DOKU_CLIENT_ID").ok();
    let secret_key = std::env::var("DOKU_SECRET_KEY").ok();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(client_id), Some(secret_key), [invoice, original_request_id, amount]) =
        (client_id, secret_key, args.as_slice())
    else {
        eprintln!(
            "usage: DOKU_CLIENT_ID=… DOKU_SECRET_KEY=… [DOKU_BASE_URL=…] \
             doku_refund <invoice_number> <original_request_id> <amount_idr>"
        );
        eprintln!("missing: DOKU_CLIENT_ID and/or DOKU_SECRET_KEY, or the three arguments");
        return ExitCode::from(2);
    };
    let Ok(amount) = amount.parse::<i64>() else {
        eprintln!("amount must be whole rupiah, got {amount:?}");
        return ExitCode::from(2);
    };

    let config = match std::env::var("DOKU_BASE_URL") {
        Ok(url) => Config::new(url, client_id, secret_key),
        Err(_) => Config::sandbox(client_id, secret_key),
    };
    let doku = Client::new(config);
    let request = RefundRequest::new(
        RefundRequestOrder::new(invoice.as_str()),
        RefundRequestPayment::new(original_request_id.as_str()),
        RefundRequestRefund::new(Idr(amount)),
    );
    // Validation runs again inside the call; doing it first lets you show
    // every problem before anything is sent.
    if let Err(errors) = request.validate() {
        eprintln!("the refund request is invalid:\n{errors}");
        return ExitCode::FAILURE;
    }
    // Store this Request-Id with the refund before sending: repeating the
    // call with it after a crash cannot refund twice.
    let options = CallOptions::new().request_id(format!("refund-{invoice}"));
    match doku.card_refund_with(&request, &options).await {
        Ok(response) => {
            println!(
                "refund {:?} of {} for {}: {:?}",
                response.refund.r#type,
                response.refund.amount,
                response.order.invoice_number,
                response.refund.status
            );
            ExitCode::SUCCESS
        }
        Err(Error::Validation(errors)) => {
            eprintln!("not sent, the request is invalid:\n{errors}");
            ExitCode::FAILURE
        }
        Err(Error::Api(api)) => {
            eprintln!(
                "DOKU refused the refund (HTTP {}): code {:?}, message {:?}",
                api.status, api.code, api.message
            );
            ExitCode::FAILURE
        }
        Err(Error::SignatureMismatch(mismatch)) => {
            eprintln!("the answer is not signed with your key; do not trust it: {mismatch}");
            ExitCode::FAILURE
        }
        Err(error @ (Error::Transport { .. } | Error::Timeout { .. })) => {
            eprintln!("no answer ({error}); retry with the same Request-Id");
            ExitCode::FAILURE
        }
        Err(other) => {
            eprintln!("refund failed: {other}");
            ExitCode::FAILURE
        }
    }
}
