//! Read-only lifecycle actions (a status query) and documented not-found
//! answers, on a copy of `spec/` with a status endpoint added.

use std::fs;
use std::path::{Path, PathBuf};

use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use serde_json::{json, Value};

/// A Midtrans status query shaped after midtrans-get-status.txt, under
/// names no real endpoint uses. Its not-found body arrives with HTTP 200
/// ("200 -- Transaction doesn't exist."), the 401 one with 401.
const STATUS_ENDPOINT: &str = r#"kind: endpoint
name: fixture_status
area: core
summary: Test fixture of a status query.
docs: midtrans-get-status.txt
method: GET
path: /v2/{order_id}/fixture-status
path_params:
  order_id:
    type: string
    presence: mandatory
    doc: order_id or transaction_id
responses:
  "200":
    type: FixtureStatus
    doc: The transaction.
    fields:
      status_code: { type: string, presence: mandatory, doc: Status code. }
      status_message: { type: string, presence: mandatory, doc: Status message. }
      order_id: { type: string, presence: optional, doc: Order ID specified by you. }
      transaction_status: { type: string, presence: optional, doc: Transaction status. }
      gross_amount: { type: string, presence: optional, doc: Total amount of transaction in IDR. }
    examples:
      - name: success
        json: |
          {"status_code": "200", "status_message": "Success, transaction found", "order_id": "example-1424936368", "transaction_status": "capture", "gross_amount": "30000.00"}
errors:
  not_found:
    type: FixtureStatusError
    status: 200
    doc: Transaction doesn't exist.
    fields:
      status_code: { type: string, presence: mandatory, doc: Status code. }
      status_message: { type: string, presence: mandatory, doc: Status message. }
      id: { type: string, presence: optional, doc: An id. }
    examples:
      - name: not_found
        json: |
          {"status_code": "404", "status_message": "Transaction doesn't exist.", "id": "ca1774d3-302a-4d47-8495-11524ee306b8"}
  unauthorized:
    type: FixtureStatusError
    status: 401
"#;

const STATUS_ACTION: &str = r#"
      fixture_status:
        endpoint: fixture_status
        key: path.order_id
        reads: true
        not_found: not_found
        respond:
          order_id: id
          transaction_status: state
          gross_amount: amount_decimal
"#;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// `spec/` plus the status endpoint and its read-only action.
fn spec_with_status_query(dir: &Path) -> PathBuf {
    let spec = dir.join("spec");
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec"),
        &spec,
    );
    fs::write(
        spec.join("midtrans/core/fixture_status.yaml"),
        STATUS_ENDPOINT,
    )
    .unwrap();
    let provider = spec.join("midtrans/provider.yaml");
    let text = fs::read_to_string(&provider).unwrap();
    // The fixture's action goes first among the transaction's transitions.
    let anchor = "\n    transitions:";
    assert_eq!(text.matches(anchor).count(), 1, "{text}");
    let with_action = text.replacen(anchor, &format!("{anchor}{}", STATUS_ACTION.trim_end()), 1);
    fs::write(&provider, with_action).unwrap();
    spec
}

fn start(spec: PathBuf) -> SandboxHandle {
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    spawn_for_tests(opts).expect("sandbox starts").1
}

async fn get_status(base: &str, id: &str) -> (u16, Value) {
    let key = Credentials::test().by_env("MIDTRANS_SERVER_KEY");
    let r = reqwest::Client::new()
        .get(format!("{base}/v2/{id}/fixture-status"))
        .basic_auth(key.expose(), Some(""))
        .send()
        .await
        .expect("status call");
    (r.status().as_u16(), r.json().await.expect("JSON body"))
}

#[tokio::test]
async fn a_status_query_answers_from_the_resource_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let sb = start(spec_with_status_query(tmp.path()));
    let base = sb.base_url();
    let seeded = reqwest::Client::new()
        .post(format!("{base}/_sandbox/seed"))
        .json(&json!({"provider":"midtrans","resource":"transaction","id":"ORDER-7","state":"settlement","amount":125000}))
        .send()
        .await
        .unwrap();
    assert_eq!(seeded.status().as_u16(), 200);

    let view = || async {
        reqwest::get(format!("{base}/_sandbox/midtrans/transaction/ORDER-7"))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    };
    let before = view().await;

    let (status, body) = get_status(&base, "ORDER-7").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["order_id"], "ORDER-7");
    assert_eq!(body["transaction_status"], "settlement");
    assert_eq!(body["gross_amount"], "125000.00");
    // The rest is the docs' sample.
    assert_eq!(body["status_message"], "Success, transaction found");
    assert_eq!(view().await, before, "a status query changes nothing");
}

#[tokio::test]
async fn an_unknown_id_gets_the_documented_not_found_body_with_its_status() {
    let tmp = tempfile::tempdir().unwrap();
    let sb = start(spec_with_status_query(tmp.path()));
    let (status, body) = get_status(&sb.base_url(), "NO-SUCH-ORDER").await;
    // midtrans-get-status.txt: "200 -- Transaction doesn't exist."
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"status_code": "404", "status_message": "Transaction doesn't exist.", "id": "ca1774d3-302a-4d47-8495-11524ee306b8"})
    );
}
