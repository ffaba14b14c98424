//! The OpenAPI export of the fixture IR.

mod common;

use payspec_codegen::emit::openapi::{self, format_pattern, DECIMAL_PATTERN};
use payspec_codegen::ir::Format;

fn document() -> serde_yaml::Value {
    let text = openapi::render(&common::ir()).expect("the fixture exports");
    serde_yaml::from_str(&text).expect("the export is YAML")
}

#[test]
fn openapi_document_matches_snapshot() {
    let text = openapi::render(&common::ir()).expect("the fixture exports");
    // CI's `.ci/openapi-check.sh` can be pointed at this file.
    if let Some(out) = std::env::var_os("PAYSPEC_OPENAPI_OUT") {
        std::fs::write(out, &text).expect("write the document");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn rendering_is_deterministic() {
    let ir = common::ir();
    assert_eq!(openapi::render(&ir).unwrap(), openapi::render(&ir).unwrap());
}

#[test]
fn operations_carry_ids_tags_servers_and_security() {
    let doc = document();
    let item = &doc["paths"]["/checkout/v1/payment"];
    assert_eq!(item["servers"][1]["url"], "https://api.doku.com");
    let op = &item["post"];
    assert_eq!(op["operationId"], "doku_create_payment");
    assert_eq!(op["tags"][0], "doku.checkout");
    assert!(op["security"][0].get("doku_signature").is_some());
    let signature = op["parameters"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Signature")
        .unwrap();
    assert_eq!(signature["x-payspec-computed"], true);
    let client_id = op["parameters"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Client-Id")
        .unwrap();
    assert_eq!(client_id["schema"]["maxLength"], 50);
    assert!(client_id.get("x-payspec-computed").is_none());
    assert_eq!(
        op["responses"]["default"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/doku.ErrorBody"
    );
    // Midtrans: Authorization is a security scheme, not a parameter; an environment without URL is a template.
    let cancel = &doc["paths"]["/v2/{order_id}/cancel"];
    assert_eq!(cancel["servers"][1]["url"], "{base_url}");
    assert!(cancel["servers"][1]["variables"]["base_url"]["default"].is_string());
    let params = cancel["post"]["parameters"].as_sequence().unwrap();
    assert_eq!(params.len(), 1);
    assert_eq!(params[0]["in"], "path");
    assert_eq!(
        doc["components"]["securitySchemes"]["midtrans_basic"]["scheme"],
        "basic"
    );
    assert_eq!(
        doc["webhooks"]["doku_payment_notification"]["post"]["operationId"],
        "doku_payment_notification"
    );
}

#[test]
fn schemas_carry_constraints_rules_and_openness() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let order = &schemas["doku.Order"];
    assert_eq!(order["additionalProperties"], false);
    assert_eq!(
        order["required"],
        serde_yaml::from_str::<serde_yaml::Value>("[amount, invoice_number]").unwrap()
    );
    assert_eq!(order["properties"]["amount"]["format"], "int64");
    assert_eq!(order["properties"]["invoice_number"]["maxLength"], 64);
    assert_eq!(order["properties"]["session_id"]["type"][1], "integer");
    assert_eq!(order["properties"]["currency"]["default"], "IDR");
    assert_eq!(
        schemas["doku.LineItem"]["properties"]["quantity"]["pattern"],
        "^-?[0-9]+$"
    );
    // Providers add fields to responses, so response schemas stay open.
    assert!(schemas["doku.CreatePaymentResponse"]
        .get("additionalProperties")
        .is_none());
    assert!(schemas["doku.PaymentStatus"].get("anyOf").is_some());
    assert_eq!(schemas["doku.PaymentMethod"]["enum"][1], "QRIS");
    let rules = schemas["doku.CreatePaymentRequest"]["x-payspec-rules"]
        .as_sequence()
        .unwrap();
    let kinds: Vec<&str> = rules.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "required_if",
            "one_of_required",
            "sum_equals",
            "max_len_if",
            "not_greater_than",
            "only_if",
            "depends_on_account"
        ]
    );
    assert_eq!(rules[0]["fields"][0], "order.callback_url");
    assert_eq!(rules[0]["when"]["equals"], true);
    assert_eq!(rules[4]["field"], "order.line_items[].price");
    assert_eq!(
        rules[0]["description"],
        "`order.callback_url` is required when `order.auto_redirect` is `true`."
    );
    assert_eq!(
        schemas["midtrans.CancelResponse"]["properties"]["gross_amount"]["pattern"],
        DECIMAL_PATTERN
    );
    assert_eq!(
        doc["x-payspec-decisions"][0]["rows"][1]["when"]["method"]["none_of"][0],
        "VIRTUAL_ACCOUNT_BCA"
    );
    assert_eq!(
        doc["x-payspec-discrepancies"][1]["about"],
        "order.session_id"
    );
}

#[test]
fn a_bad_example_is_an_error_naming_it() {
    let mut ir = common::ir();
    ir.providers[1].structs[2].examples[0].json = "{not json".to_owned();
    let err = openapi::render(&ir).unwrap_err().to_string();
    assert!(
        err.starts_with("doku: example `docs` of `CardRefundRequest` is not valid JSON"),
        "{err}"
    );
}

#[test]
fn format_patterns_accept_doc_samples_and_reject_neighbours() {
    let cases: [(Format, &[&str], &[&str]); 9] = [
        (
            Format::HexColor,
            &["F5F8FB", "a0b1c2"],
            &["#F5F8FB", "F5F8F", "F5F8FBB", "G5F8FB"],
        ),
        (Format::CountryAlpha2, &["ID", "SG"], &["id", "IDN", "I"]),
        (
            Format::Phone,
            &["6285694566147", "62811223"],
            &["085694566147", "6281", "+6285694566147", "6285694566147123"],
        ),
        (
            Format::Email,
            &["jotaro_kujo@example.com", "a@b.c"],
            &[
                "jotaro kujo@example.com",
                "a@example",
                "a@.com",
                "a@b.",
                "@b.c",
                "a@b@c.d",
            ],
        ),
        (
            Format::Url,
            &["https://merchant.com/success-url", "http://x.id?a=1"],
            &[
                "merchant.com/success-url",
                "https://",
                "https:///path",
                "https://a b.com",
                "ftp://x.com",
            ],
        ),
        (Format::Digits, &["461700", "0"], &["46170a", "", "-1"]),
        (
            Format::PrintableAscii,
            &["INV-20210118-0001", "a b ~!", ""],
            &["INV\u{7f}", "é", "tab\there"],
        ),
        (
            Format::UtcTimestamp,
            &["2020-09-22T01:51:00Z", "1999-12-31T23:59:60Z"],
            &[
                "2020-09-22T01:51:00+07:00",
                "2020-13-22T01:51:00Z",
                "2020-09-22 01:51:00Z",
                "2020-09-22T24:00:00Z",
            ],
        ),
        (
            Format::LocalDateTime,
            &["2015-02-26 14:39:33"],
            &[
                "2015-02-26T14:39:33",
                "2015-02-26 14:39",
                "2015-02-32 14:39:33",
            ],
        ),
    ];
    for (format, good, bad) in cases {
        let re = regex::Regex::new(format_pattern(format)).unwrap();
        for g in good {
            assert!(re.is_match(g), "{format:?} pattern rejected {g:?}");
        }
        for b in bad {
            assert!(!re.is_match(b), "{format:?} pattern accepted {b:?}");
        }
    }
    let decimal = regex::Regex::new(DECIMAL_PATTERN).unwrap();
    assert!(decimal.is_match("30000.00") && decimal.is_match("-1") && decimal.is_match("7"));
    assert!(!decimal.is_match("30000.") && !decimal.is_match(".5") && !decimal.is_match("1e3"));
}

#[test]
fn biller_uses_key_and_token_schemes_and_a_templated_server() {
    let doc = document();
    let item = &doc["paths"]["/api/v2/bill/cancel"];
    assert_eq!(item["servers"][0]["url"], "{api-url}");
    assert!(item["servers"][0]["variables"]["api-url"]["default"].is_string());
    assert_eq!(
        item["post"]["security"][0],
        serde_yaml::from_str::<serde_yaml::Value>("{biller_key: [], biller_token: []}").unwrap()
    );
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["biller_token"]["name"], "TOKEN");
    assert!(schemes["biller_token"]["description"]
        .as_str()
        .unwrap()
        .contains("whose claim set is the body as sent"));
    let params = item["post"]["parameters"].as_sequence().unwrap();
    let token = params.iter().find(|p| p["name"] == "TOKEN").unwrap();
    assert_eq!(token["x-payspec-computed"], true);
    let version = params.iter().find(|p| p["name"] == "VERSION").unwrap();
    assert!(version.get("x-payspec-computed").is_none());
}

#[test]
fn clashing_names_and_paths_are_errors() {
    let mut ir = common::ir();
    let mut twin = ir.providers[1].structs[0].clone();
    twin.scope = payspec_codegen::ir::Scope::Area("cards".to_owned());
    ir.providers[1].structs.push(twin);
    let err = openapi::render(&ir).unwrap_err().to_string();
    assert_eq!(
        err,
        "doku: two types named `Customer` would share the component schema name `doku.Customer`"
    );

    let mut ir = common::ir();
    ir.providers[2].endpoints[0].path = Some("/checkout/v1/payment".to_owned());
    let err = openapi::render(&ir).unwrap_err().to_string();
    assert_eq!(
        err,
        "midtrans: `POST /checkout/v1/payment` of endpoint `cancel` clashes with another endpoint's path"
    );
}

/// The fixture with `create_payment`'s error body given an HTTP status.
fn with_error_status(status: u16) -> serde_yaml::Value {
    let ir = common::ir_with_error_status(status);
    let text = openapi::render(&ir).expect("the fixture exports");
    serde_yaml::from_str(&text).expect("the export is YAML")
}

#[test]
fn an_error_with_its_own_status_is_that_status_response() {
    let doc = with_error_status(401);
    let op = &doc["paths"]["/checkout/v1/payment"]["post"];
    let response = &op["responses"]["401"];
    assert_eq!(
        response["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/doku.ErrorBody"
    );
    assert_eq!(
        response["description"],
        "Error bodies the docs show: `invalid_request` (`ErrorBody`, under HTTP 401)."
    );
    assert!(op["responses"].get("default").is_none(), "{op:?}");
    // Both source pages are cited.
    let description = op["description"].as_str().unwrap();
    assert!(
        description.ends_with(
            "Specified from `provider-docs/doku-cards-payment-page-integration.txt` and `provider-docs/doku-status-codes.txt`."
        ),
        "{description}"
    );
}

#[test]
fn an_error_under_a_success_status_stays_the_default_response_and_says_so() {
    let doc = with_error_status(200);
    let responses = &doc["paths"]["/checkout/v1/payment"]["post"]["responses"];
    assert_eq!(
        responses["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/doku.CreatePaymentResponse"
    );
    assert_eq!(
        responses["default"]["description"],
        "Error bodies the docs show: `invalid_request` (`ErrorBody`, under HTTP 200)."
    );
}

#[test]
fn other_spellings_of_an_enum_value_are_valid_on_the_wire() {
    let text = openapi::render(&common::ir_with_alias("PaymentStatus", "success"))
        .expect("the fixture exports");
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    let status = &doc["components"]["schemas"]["doku.PaymentStatus"];
    let documented: Vec<&str> = status["anyOf"][0]["enum"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(documented, ["SUCCESS", "success", "FAILED"]);
    assert_eq!(status["x-payspec-aliases"]["SUCCESS"][0], "success");
}

/// The fixture with Midtrans' three `call_headers:` and a GET copy of its
/// cancel endpoint, exported.
fn document_with_call_headers() -> serde_yaml::Value {
    use payspec_codegen::ir::{CallHeader, HttpMethod};
    let mut ir = common::ir();
    let midtrans = ir
        .providers
        .iter_mut()
        .find(|p| p.name == "midtrans")
        .expect("the fixture has midtrans");
    midtrans.call_headers = vec![
        CallHeader {
            wire_name: "Idempotency-Key".into(),
            doc: "The maximum length of Idempotency-Key is 46.".into(),
            max_length: Some(46),
            methods: vec!["POST".into()],
            list: None,
        },
        CallHeader {
            wire_name: "X-Append-Notification".into(),
            doc: "Up to 3 URLs, separated by coma(,).".into(),
            max_length: None,
            methods: Vec::new(),
            list: Some((',', 3, Some(255))),
        },
    ];
    let mut status = midtrans.endpoints[0].clone();
    status.name = "get_status".into();
    status.method = Some(HttpMethod::GET);
    status.path = Some("/v2/{order_id}/status".into());
    midtrans.endpoints.push(status);
    let text = openapi::render(&ir).expect("the fixture exports");
    serde_yaml::from_str(&text).expect("the export is YAML")
}

fn header_named<'v>(op: &'v serde_yaml::Value, name: &str) -> Option<&'v serde_yaml::Value> {
    op["parameters"]
        .as_sequence()?
        .iter()
        .find(|p| p["name"] == name && p["in"] == "header")
}

#[test]
fn call_headers_are_optional_header_parameters_of_the_methods_they_apply_to() {
    let doc = document_with_call_headers();
    let post = &doc["paths"]["/v2/{order_id}/cancel"]["post"];
    let key = header_named(post, "Idempotency-Key").expect("POST takes Idempotency-Key");
    assert_eq!(key["required"], false);
    assert_eq!(key["schema"]["type"], "string");
    assert_eq!(key["schema"]["maxLength"], 46);
    assert_eq!(key["x-payspec-call-header"], true);
    let append = header_named(post, "X-Append-Notification").expect("every method takes it");
    assert_eq!(
        (&append["style"], &append["explode"]),
        (
            &serde_yaml::Value::from("simple"),
            &serde_yaml::Value::from(false)
        )
    );
    assert_eq!(append["schema"]["type"], "array");
    assert_eq!(append["schema"]["maxItems"], 3);
    assert_eq!(append["schema"]["items"]["maxLength"], 255);

    // `methods: [POST]`: a GET operation does not take Idempotency-Key.
    let get = &doc["paths"]["/v2/{order_id}/status"]["get"];
    assert!(header_named(get, "X-Append-Notification").is_some());
    assert!(header_named(get, "Idempotency-Key").is_none(), "{get:?}");
    // Other providers declare none.
    let doku = &doc["paths"]["/checkout/v1/payment"]["post"];
    assert!(header_named(doku, "Idempotency-Key").is_none());
}
