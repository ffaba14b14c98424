//! Cancel a Midtrans transaction with the generated client.
//!
//! ```text
//! MIDTRANS_SERVER_KEY=SB-Mid-server-… cargo run --example midtrans_cancel -- ORDER-1
//! MIDTRANS_SERVER_KEY=… cargo run --example midtrans_cancel -- --transaction-id 249fc620-…
//! ```
//!
//! `MIDTRANS_BASE_URL` overrides the sandbox URL. Without a server key it
//! prints what is missing and exits with status 2.

use std::process::ExitCode;

use payspec::midtrans::{Client, Config, TransactionRef};
use payspec::Error;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let transaction = match args.as_slice() {
        [flag, id] if flag == "--transaction-id" => Some(TransactionRef::TransactionId(id.clone())),
        [id] => Some(TransactionRef::OrderId(id.clone())),
        _ => None,
    };
    let server_key = std::env::var("MIDTRANS_SERVER_KEY").ok();
    let (Some(transaction), Some(server_key)) = (transaction, server_key) else {
        eprintln!("usage: MIDTRANS_SERVER_KEY=… midtrans_cancel [--transaction-id] <id>");
        if std::env::var("MIDTRANS_SERVER_KEY").is_err() {
            eprintln!("missing: MIDTRANS_SERVER_KEY (your sandbox or production server key)");
        }
        return ExitCode::from(2);
    };
    let config = match std::env::var("MIDTRANS_BASE_URL") {
        Ok(url) => Config::new(url, server_key),
        Err(_) => Config::sandbox(server_key),
    };
    let mt = Client::new(config);
    match mt.cancel(transaction).await {
        Ok(cancelled) => {
            println!(
                "{}: order {:?} is now {:?}",
                cancelled.status_message, cancelled.order_id, cancelled.transaction_status
            );
            ExitCode::SUCCESS
        }
        // Midtrans reports this under HTTP 200, in the body's status_code.
        Err(Error::Api(api)) if api.code.as_deref() == Some("412") => {
            eprintln!(
                "Midtrans cannot cancel it ({:?}): if it is settled, refund instead",
                api.message
            );
            ExitCode::FAILURE
        }
        Err(Error::Api(api)) => {
            eprintln!(
                "Midtrans refused (HTTP {}, status_code {:?}): {:?}",
                api.status, api.code, api.message
            );
            ExitCode::FAILURE
        }
        Err(error @ (Error::Transport { .. } | Error::Timeout { .. })) => {
            eprintln!("no answer ({error}); check the transaction status before retrying");
            ExitCode::FAILURE
        }
        Err(other) => {
            eprintln!("cancel failed: {other}");
            ExitCode::FAILURE
        }
    }
}
