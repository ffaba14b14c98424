//! `payspec sign doku` and `payspec verify midtrans-notification`: signature
//! debugging. Secrets come from the environment only and are never printed.

use std::fs;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use payspec_signing::{doku, midtrans, Secret};

use super::{print_stdout, Failure};

/// The environment variable holding DOKU's Secret Key.
const DOKU_SECRET_ENV: &str = "DOKU_SECRET_KEY";
/// The environment variable holding Midtrans's server key.
const MIDTRANS_KEY_ENV: &str = "MIDTRANS_SERVER_KEY";

/// Markers around the string to sign, so leading and trailing whitespace shows.
const BEGIN: &str = "-----BEGIN STRING TO SIGN-----";
const END: &str = "-----END STRING TO SIGN-----";

/// `payspec sign …`
#[derive(Debug, Subcommand)]
pub enum SignCommand {
    /// A DOKU non-SNAP request signature (secret from env DOKU_SECRET_KEY).
    Doku(DokuSignArgs),
}

/// `payspec verify …`
#[derive(Debug, Subcommand)]
pub enum VerifyCommand {
    /// A Midtrans HTTP notification's signature_key (server key from env MIDTRANS_SERVER_KEY).
    MidtransNotification(MidtransVerifyArgs),
}

/// HTTP methods DOKU signs differently: GET has no `Digest` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum Method {
    /// No body, no `Digest` line.
    Get,
    /// The body's SHA-256 is signed as `Digest`.
    Post,
}

/// `payspec sign doku` arguments.
#[derive(Debug, Args)]
pub struct DokuSignArgs {
    /// The `Client-Id` header.
    #[arg(long, value_name = "ID")]
    client_id: String,
    /// The `Request-Id` header.
    #[arg(long, value_name = "RID")]
    request_id: String,
    /// The `Request-Timestamp` header (`2020-08-12T09:45:42Z`).
    #[arg(long, value_name = "TS")]
    timestamp: String,
    /// The request path (`/cancellation/credit-card/refund`).
    #[arg(long, value_name = "PATH")]
    target: String,
    /// GET or POST.
    #[arg(long, value_enum, default_value = "POST", ignore_case = true)]
    method: Method,
    /// The exact body bytes sent (required for POST).
    #[arg(long, value_name = "FILE")]
    body: Option<PathBuf>,
}

/// `payspec verify midtrans-notification` arguments.
#[derive(Debug, Args)]
pub struct MidtransVerifyArgs {
    /// The notification's JSON body, as received.
    #[arg(long, value_name = "FILE")]
    body: PathBuf,
}

fn secret_from_env(name: &str) -> Result<Secret, Failure> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => Ok(Secret::new(value)),
        _ => Err(Failure::Io(format!(
            "environment variable {name} is not set (or empty); export it with the key to use"
        ))),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    fs::read(path).map_err(|e| Failure::Io(format!("cannot read {}: {e}", path.display())))
}

/// Prints the Digest line (not for GET), the string to sign between
/// markers, and the `Signature` header value.
pub fn run_sign(cmd: &SignCommand) -> Result<(), Failure> {
    let SignCommand::Doku(args) = cmd;
    let body = match (args.method, &args.body) {
        (Method::Get, Some(_)) => {
            return Err(Failure::Io(
                "--body is not used with --method GET (a GET request is signed without Digest)"
                    .to_owned(),
            ))
        }
        (Method::Get, None) => None,
        (Method::Post, Some(path)) => Some(read(path)?),
        (Method::Post, None) => {
            return Err(Failure::Io(
                "--body FILE is required for POST: the Digest covers the exact body bytes"
                    .to_owned(),
            ))
        }
    };
    let secret = secret_from_env(DOKU_SECRET_ENV)?;
    let components = doku::Components {
        direction: doku::Direction::Request,
        client_id: &args.client_id,
        request_id: &args.request_id,
        timestamp: &args.timestamp,
        target: &args.target,
        body: body.as_deref(),
    };
    let explanation = doku::explain(&secret, &components);
    let mut out = String::new();
    if let Some(digest) = &explanation.digest_line {
        out.push_str(digest);
        out.push('\n');
    }
    out.push_str(&format!(
        "{BEGIN}\n{}\n{END}\nSignature: {}\n",
        explanation.string_to_sign, explanation.signature
    ));
    print_stdout(&out)
}

/// Exit 0 when the notification's `signature_key` is valid, 1 (saying why)
/// when not, 2 when the body is not a JSON object or the key is missing.
pub fn run_verify(cmd: &VerifyCommand) -> Result<(), Failure> {
    let VerifyCommand::MidtransNotification(args) = cmd;
    let bytes = read(&args.body)?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        Failure::Io(format!(
            "{} is not JSON: {e}; pass the notification body exactly as received",
            args.body.display()
        ))
    })?;
    let Some(object) = json.as_object() else {
        return Err(Failure::Io(format!(
            "{} is not a JSON object; a Midtrans notification body is one",
            args.body.display()
        )));
    };
    let server_key = secret_from_env(MIDTRANS_KEY_ENV)?;
    let field = |name: &str| object.get(name).and_then(serde_json::Value::as_str);
    let fields = midtrans::NotificationFields {
        order_id: field("order_id"),
        status_code: field("status_code"),
        gross_amount: field("gross_amount"),
        signature_key: field("signature_key"),
    };
    match midtrans::verify_notification(&fields, &server_key) {
        Ok(()) => print_stdout(&format!(
            "valid: signature_key matches order_id {}\n",
            fields.order_id.unwrap_or_default()
        )),
        Err(e) => {
            let advice = match e {
                midtrans::VerifyError::Mismatch => {
                    "; check the server key, or the notification was not sent by Midtrans"
                }
                midtrans::VerifyError::MissingField(_) => "",
            };
            print_stdout(&format!("invalid: {e}{advice}\n"))?;
            Err(Failure::Exit(1))
        }
    }
}
