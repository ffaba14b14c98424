//! Builds a Kedai Pay order, validates it, signs it with the recipe of
//! `spec/kedai/provider.yaml` and prints the signed request: the client
//! code comes from `build.rs`, not from committed files.

// The provider module `kedai` (types, validators, `AUTH`, `Client`).
include!(concat!(env!("OUT_DIR"), "/payspec_generated.rs"));

use kedai::orders::{OrderItem, OrderRequest};
use payspec::money::Idr;
use payspec::recipe::{self, Context, Credentials, Message};

const TARGET: &str = "/v1/orders";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut request = OrderRequest::new(
        "ORD-0001",
        "bakso-7",
        Idr(45_000),
        vec![OrderItem::new("bakso urat", 3)],
    );
    request.buyer_email = Some("buyer@example.com".to_owned());

    // Validation: every broken rule, with its JSON path, before anything is signed.
    let mut broken = request.clone();
    broken.reference = String::new();
    broken.buyer_email = Some("not an address".to_owned());
    if let Err(violations) = broken.validate() {
        println!("refused before sending:\n{violations}\n");
    }
    request.validate()?;

    let body = serde_json::to_vec(&request)?;
    let credentials = Credentials::new()
        .with("client_id", "MERCHANT-42")
        .with("secret_key", "kedai-example-secret");
    let signing = kedai::AUTH
        .request
        .as_ref()
        .ok_or("the spec gives Kedai a request recipe")?;
    let message = Message {
        method: "POST",
        target: TARGET,
        query: None,
        body: &body,
        has_body: true,
    };
    let signed = recipe::sign(&kedai::AUTH, signing, &message, &Context::new(&credentials))
        .map_err(|e| format!("signing failed: {e}"))?;

    println!("POST {}{TARGET}", kedai::Environment::Sandbox.base_url());
    for (name, value) in &signed.headers {
        println!("{name}: {value}");
    }
    println!("\n{}", String::from_utf8(body)?);
    Ok(())
}
