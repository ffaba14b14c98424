//! Building a DOKU client with a timeout, retries and response
//! verification (README.md, "Configuration", quotes this file from `use`).
//! Run with `cargo run --example configure_client`; it sends nothing.

use std::time::Duration;

use payspec::doku::{Client, Config, ResponseVerification};
use payspec::retry::RetryPolicy;

fn main() {
    let client = Client::new(
        Config::sandbox("MCH-0001", "SK-your-secret-key")
            .timeout(Duration::from_secs(10))
            .retry(RetryPolicy::attempts(3))
            .response_verification(ResponseVerification::Verify),
    );
    println!("calls go to {}", client.config().base_url());
}
