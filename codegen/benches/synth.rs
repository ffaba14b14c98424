//! Synthetic specs of any size, built as YAML text in memory, for the
//! generation benchmark and the compile-cost-at-scale measurement.
//!
//! Every endpoint has about ten request fields: nested objects, an array of
//! objects, an array of strings, a per-endpoint enum, a provider-wide enum
//! and named type (defined once in the first endpoint file, so name
//! resolution crosses files), formats and five conditional rules.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// How many product areas the endpoints are spread over.
const AREAS: usize = 10;

/// A `provider.yaml` for a provider named `provider`.
pub fn provider_file(provider: &str) -> String {
    format!(
        r#"provider: {provider}
title: Synthetic
doc: A synthetic provider for benchmarks.
docs:
  - synth.txt
auth:
  doc: Basic authentication.
environments:
  sandbox:
    base_url: https://sandbox.example.com
"#
    )
}

/// The relative path of endpoint `i` of `provider`.
pub fn endpoint_path(provider: &str, i: usize) -> PathBuf {
    PathBuf::from(format!("{provider}/synth{}/op_{i}.yaml", i % AREAS))
}

/// The YAML of endpoint `i`; endpoint 0 also defines the shared items.
pub fn endpoint_file(i: usize) -> String {
    let area = i % AREAS;
    let mut y = format!(
        r#"kind: endpoint
name: synth_op_{i}
area: synth{area}
summary: Synthetic operation {i}.
docs: synth.txt
method: POST
path: /v1/synth/{i}/{{order_id}}
path_params:
  order_id: {{ type: string, presence: mandatory, doc: The order. }}
request:
  type: SynthOp{i}Request
  doc: Request {i}.
  fields:
    order:
      type: object
      name: SynthOp{i}Order
      presence: mandatory
      doc: The order.
      fields:
        amount: {{ type: amount_idr, presence: mandatory, doc: Whole rupiah. }}
        invoice_number: {{ type: string, presence: mandatory, max_len: 64, format: printable_ascii, doc: Invoice. }}
        callback_url: {{ type: string, presence: conditional, format: url, doc: Callback. }}
        auto_redirect: {{ type: boolean, presence: optional, doc: Redirect. }}
        line_items:
          type: array
          presence: optional
          doc: Items.
          items:
            type: object
            name: SynthOp{i}LineItem
            presence: mandatory
            doc: One item.
            fields:
              name: {{ type: string, presence: optional, max_len: 255, doc: Name. }}
              price: {{ type: amount_idr, presence: conditional, doc: Price. }}
              quantity: {{ type: integer, presence: conditional, doc: Quantity. }}
    kind: {{ type: SynthOp{i}Kind, presence: optional, doc: Kind. }}
    email: {{ type: string, presence: conditional, format: email, doc: E-mail. }}
    phone: {{ type: string, presence: conditional, format: phone, doc: Phone. }}
    tags:
      type: array
      presence: optional
      doc: Tags.
      items: {{ type: string, presence: mandatory, max_len: 32, doc: A tag. }}
    status: {{ type: SynthStatus, presence: optional, doc: Shared enum. }}
    reference: {{ type: SynthReference, presence: optional, doc: Shared type. }}
responses:
  "200":
    type: SynthOp{i}Response
    doc: Response {i}.
    fields:
      status: {{ type: SynthStatus, presence: mandatory, doc: Status. }}
      kind: {{ type: SynthOp{i}Kind, presence: optional, doc: Kind. }}
      reference: {{ type: SynthReference, presence: optional, doc: Reference. }}
      amount: {{ type: amount_idr, presence: optional, doc: Amount. }}
      message: {{ type: string, presence: optional, doc: Message. }}
    examples:
      - name: success
        json: |
          {{"status": "SUCCESS", "kind": "A", "amount": 1000, "reference": {{"id": "r1", "created": "2020-08-11T08:45:42Z"}}}}
rules:
  - source: "Mandatory if auto_redirect is true"
    required_if:
      fields: [order.callback_url]
      when: {{ field: order.auto_redirect, equals: true }}
  - source: "One of e-mail and phone"
    one_of_required:
      fields: [email, phone]
  - source: "Price and quantity of every item"
    required_if:
      fields: ["order.line_items[].price", "order.line_items[].quantity"]
      when: {{ field: order.line_items, present: true }}
  - source: "Total must match"
    sum_equals:
      array: order.line_items
      multiply: [price, quantity]
      equals: order.amount
  - source: "Short invoice for kind B"
    max_len_if:
      field: order.invoice_number
      max_len: 27
      when: {{ field: kind, equals: B }}
enums:
  SynthOp{i}Kind:
    doc: Kind of operation {i}.
    values:
      A: First.
      B: Second.
      C: Third.
"#
    );
    if i == 0 {
        y.push_str(
            r#"  SynthStatus:
    doc: Shared status.
    values:
      SUCCESS: It worked.
      FAILED: It did not.
types:
  SynthReference:
    doc: A shared reference.
    fields:
      id: { type: string, presence: mandatory, doc: Identifier. }
      created: { type: string, presence: optional, format: utc_timestamp, doc: When. }
"#,
        );
    }
    y
}

/// `n` endpoints of a provider named `provider`, with its `provider.yaml`
/// when `with_provider_file` (off when adding endpoints to a real provider).
pub fn files(provider: &str, n: usize, with_provider_file: bool) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    if with_provider_file {
        files.insert(
            PathBuf::from(format!("{provider}/provider.yaml")),
            provider_file(provider).into_bytes(),
        );
    }
    for i in 0..n {
        files.insert(endpoint_path(provider, i), endpoint_file(i).into_bytes());
    }
    files
}

/// Total YAML size, for the report.
pub fn total_bytes(files: &BTreeMap<PathBuf, Vec<u8>>) -> usize {
    files.values().map(Vec::len).sum()
}
