//! Optional per-call request headers (`call_headers:` in a provider spec),
//! on the wire: the value given is sent on the request, and a value that
//! breaks the documented limits is refused before anything is sent.

use std::sync::{Arc, Mutex};

use payspec::midtrans::{CallOptions, Client, Config};
use payspec::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use payspec::Error;

const SERVER_KEY: &str = "SB-Mid-server-payspec-test";

/// The docs' cancel response sample (midtrans-cancel.txt).
const CANCEL_SUCCESS: &str = r#"{
"status_code" : "200",
"status_message" : "Success, transaction is canceled",
"transaction_id" : "249fc620-6017-4540-af7c-5a1c25788f46",
"masked_card" : "48111111-1114",
"order_id" : "example-1424936368",
"payment_type" : "credit_card",
"transaction_time" : "2015-02-26 14:39:33",
"transaction_status" : "cancel",
"fraud_status" : "accept",
"bank" : "bni",
"gross_amount" : "30000.00",
"channel": "dragon",
"expiry_time":"2015-03-06 14:39:33",
"settlement_time":"2015-02-26 19:00:00"
}"#;

/// Records every request and answers each with the cancel sample.
#[derive(Default)]
struct Capturing {
    sent: Mutex<Vec<HttpRequest>>,
}

impl Transport for Capturing {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(request);
        Box::pin(async {
            Ok(HttpResponse {
                status: 200,
                headers: Vec::new(),
                body: CANCEL_SUCCESS.as_bytes().to_vec(),
            })
        })
    }
}

fn client() -> (Client, Arc<Capturing>) {
    let transport = Arc::new(Capturing::default());
    let config = Config::new("http://gateway.invalid", SERVER_KEY);
    (Client::with_transport(config, transport.clone()), transport)
}

fn header<'r>(request: &'r HttpRequest, name: &str) -> Vec<&'r str> {
    request
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The violations' paths and rules, for asserting which check refused.
fn violations(error: Error) -> Vec<(String, String)> {
    let Error::Validation(errors) = error else {
        panic!("expected a validation error, got {error:?}");
    };
    errors
        .violations()
        .iter()
        .map(|v| (v.path.clone(), v.rule.to_owned()))
        .collect()
}

#[tokio::test]
async fn idempotency_key_is_sent_with_the_value_given() {
    let (client, transport) = client();
    // The docs' example value, 43 characters (the limit is 46).
    let key = "d63ae3e0-a7c5-4733-8d81-b451168d8a2c-charge";
    let options = CallOptions::new().header("Idempotency-Key", key).header(
        "X-Override-Notification",
        "https://tokoecomm.com/notif-handler-1,https://myweb.com/notif-handler-2",
    );
    let response = client.cancel_with("example-1424936368", &options).await;
    assert_eq!(
        response.unwrap().order_id.as_deref(),
        Some("example-1424936368")
    );
    let sent = transport.sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(header(&sent[0], "Idempotency-Key"), vec![key]);
    assert_eq!(
        header(&sent[0], "X-Override-Notification"),
        vec!["https://tokoecomm.com/notif-handler-1,https://myweb.com/notif-handler-2"]
    );
    assert!(header(&sent[0], "X-Append-Notification").is_empty());
}

#[tokio::test]
async fn without_options_no_optional_header_is_sent() {
    let (client, transport) = client();
    client.cancel("example-1424936368").await.unwrap();
    let sent = transport.sent.lock().unwrap();
    assert!(header(&sent[0], "Idempotency-Key").is_empty());
}

#[tokio::test]
async fn an_idempotency_key_longer_than_46_is_refused_before_sending() {
    let (client, transport) = client();
    let key = "k".repeat(47);
    let options = CallOptions::new().header("Idempotency-Key", key);
    let error = client
        .cancel_with("example-1424936368", &options)
        .await
        .unwrap_err();
    assert_eq!(
        violations(error),
        vec![("Idempotency-Key".to_owned(), "max_len".to_owned())]
    );
    assert!(transport.sent.lock().unwrap().is_empty());

    // 46 is the documented maximum, and is sent.
    let options = CallOptions::new().header("Idempotency-Key", "k".repeat(46));
    client
        .cancel_with("example-1424936368", &options)
        .await
        .unwrap();
    assert_eq!(transport.sent.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn more_than_three_notification_urls_are_refused_before_sending() {
    let (client, transport) = client();
    let four = "https://a.example/1,https://a.example/2,https://a.example/3,https://a.example/4";
    let options = CallOptions::new().header("X-Append-Notification", four);
    let error = client
        .cancel_with("example-1424936368", &options)
        .await
        .unwrap_err();
    assert_eq!(
        violations(error),
        vec![("X-Append-Notification".to_owned(), "max_items".to_owned())]
    );
    // An empty item (a trailing comma) is refused too.
    let options = CallOptions::new().header("X-Append-Notification", "https://a.example/1,");
    let error = client
        .cancel_with("example-1424936368", &options)
        .await
        .unwrap_err();
    assert_eq!(
        violations(error),
        vec![("X-Append-Notification[1]".to_owned(), "min_len".to_owned())]
    );
    assert!(transport.sent.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_header_the_call_does_not_declare_is_refused_before_sending() {
    let (client, transport) = client();
    // GET endpoints do not take Idempotency-Key ("all POST requests").
    let options = CallOptions::new().header("Idempotency-Key", "abc");
    let error = client
        .get_status_with("example-1424936368", &options)
        .await
        .unwrap_err();
    let found = violations(error);
    assert_eq!(
        found,
        vec![("Idempotency-Key".to_owned(), "header".to_owned())]
    );
    let message = client
        .get_status_with(
            "example-1424936368",
            &CallOptions::new().header("X-Unknown", "1"),
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(message.contains("X-Unknown"), "{message}");
    assert!(message.contains("X-Append-Notification"), "{message}");
    assert!(transport.sent.lock().unwrap().is_empty());
}
