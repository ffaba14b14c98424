//! Cancel a biller bill with the generated client.
//!
//! ```text
//! BILLER_BASE_URL=https://… BILLER_API_KEY=… BILLER_TOKEN_SECRET=… \
//!   cargo run --example biller_cancel -- <partnerId> <accountNumber> <refNumber>
//! ```
//!
//! The biller's docs give no base URL, so `BILLER_BASE_URL` is required.
//! Without the variables it prints what is missing and exits with status 2.

use std::process::ExitCode;

use payspec::biller::bill::BillCancelRequest;
use payspec::biller::{Client, Config};
use payspec::Error;

#[tokio::main]
async fn main() -> ExitCode {
    let missing: Vec<&str> = ["BILLER_BASE_URL", "BILLER_API_KEY", "BILLER_TOKEN_SECRET"]
        .into_iter()
        .filter(|name| std::env::var(name).is_err())
        .collect();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ([partner_id, account_number, ref_number], true) = (args.as_slice(), missing.is_empty())
    else {
        eprintln!("usage: biller_cancel <partnerId> <accountNumber> <refNumber>");
        if !missing.is_empty() {
            eprintln!("missing environment variables: {}", missing.join(", "));
        }
        return ExitCode::from(2);
    };
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let config = Config::new(
        var("BILLER_BASE_URL"),
        var("BILLER_API_KEY"),
        var("BILLER_TOKEN_SECRET"),
    );
    let biller = Client::new(config);
    let request = BillCancelRequest::new(
        partner_id.as_str(),
        account_number.as_str(),
        ref_number.as_str(),
    );
    if let Err(errors) = request.validate() {
        eprintln!("the cancel request is invalid:\n{errors}");
        return ExitCode::FAILURE;
    }
    // The TOKEN header is a JWT over this body; the result is the `data`
    // of a successful envelope (`None` when it carries `data: null`).
    match biller.bill_cancel(&request).await {
        Ok(Some(data)) => {
            println!(
                "cancelled: ref {:?}, transaction {:?}, amount {:?}",
                data.ref_number, data.transaction_id, data.amount
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            println!("cancelled (the biller sent no data)");
            ExitCode::SUCCESS
        }
        Err(Error::Api(api)) => {
            eprintln!(
                "the biller refused (responseCode {:?}): {:?} / {:?}",
                api.code, api.message, api.message_id
            );
            ExitCode::FAILURE
        }
        Err(Error::Validation(errors)) => {
            eprintln!("not sent, the request is invalid:\n{errors}");
            ExitCode::FAILURE
        }
        Err(other) => {
            eprintln!("cancel failed: {other}");
            ExitCode::FAILURE
        }
    }
}
