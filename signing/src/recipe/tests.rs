//! Each primitive against a value computed independently (hmac/sha2/base64
//! directly, or a published vector), and the verify rules.

use std::time::{Duration, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest as _, Sha256, Sha512};

use super::*;
use crate::Secret;

fn t(text: &str) -> Template {
    Template::parse(text).expect("template")
}

fn value(name: &'static str, source: Source, steps: Vec<Step>) -> Value {
    Value {
        name: name.into(),
        source,
        steps: steps.into(),
    }
}

fn header(name: &'static str, template: &str) -> Output {
    Output {
        name: name.into(),
        template: t(template),
        ignore_case: false,
    }
}

fn cred(name: &'static str, kind: CredentialKind) -> CredentialDecl {
    CredentialDecl {
        name: name.into(),
        kind,
        env: "X".into(),
        doc: "".into(),
    }
}

fn scheme(credentials: Vec<CredentialDecl>) -> Scheme {
    Scheme {
        credentials: credentials.into(),
        request: None,
        response: None,
        notification: None,
        token: None,
    }
}

fn recipe(values: Vec<Value>, headers: Vec<Output>) -> Recipe {
    Recipe {
        values: values.into(),
        headers: headers.into(),
        fields: Vec::new().into(),
    }
}

const POST: Message<'static> = Message {
    method: "POST",
    target: "/v1/pay",
    query: Some("a=1"),
    body: br#"{ "a" : 1 }"#,
    has_body: true,
};

/// A `join` source of `parts`, every one unconditional.
fn joined(sep: &str, parts: &[&str]) -> Source {
    Source::Join {
        sep: sep.to_owned().into(),
        parts: parts
            .iter()
            .map(|p| Line {
                template: t(p),
                when_body: false,
            })
            .collect::<Vec<_>>()
            .into(),
    }
}

/// Signs `values` and returns the value named `out`.
fn run(creds: &Credentials, values: Vec<Value>, out: &str) -> Vec<u8> {
    let s = scheme(vec![
        cred("k", CredentialKind::Key),
        cred("id", CredentialKind::Id),
    ]);
    let r = recipe(values, vec![]);
    let signed = sign(&s, &r, &POST, &Context::new(creds)).expect("signs");
    signed.value(out).expect("value").to_vec()
}

fn key() -> Credentials {
    Credentials::new().with("k", "secret").with("id", "CID-1")
}

#[test]
fn digests_and_encodings_match_the_crates() {
    let body = POST.body;
    let v = |steps| {
        run(
            &key(),
            vec![value("v", Source::Body { or: None }, steps)],
            "v",
        )
    };
    assert_eq!(v(vec![Step::Sha256]), Sha256::digest(body).to_vec());
    assert_eq!(v(vec![Step::Sha512]), Sha512::digest(body).to_vec());
    assert_eq!(
        v(vec![Step::Sha256, Step::Base64]),
        STANDARD.encode(Sha256::digest(body)).into_bytes()
    );
    assert_eq!(
        v(vec![Step::Sha256, Step::Base64Url]),
        URL_SAFE_NO_PAD.encode(Sha256::digest(body)).into_bytes()
    );
    let hex: String = Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(v(vec![Step::Sha256, Step::Hex]), hex.into_bytes());
    // sha256sum of the empty string, a published constant.
    let empty = run(
        &key(),
        vec![value(
            "v",
            Source::Literal("".into()),
            vec![Step::Sha256, Step::Hex],
        )],
        "v",
    );
    assert_eq!(
        empty,
        b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn macs_are_keyed_with_the_credential() {
    let v = |step| run(&key(), vec![value("v", Source::Method, vec![step])], "v");
    let mut m = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
    m.update(b"POST");
    assert_eq!(
        v(Step::HmacSha256("k".into())),
        m.finalize().into_bytes().to_vec()
    );
    let mut m = Hmac::<Sha512>::new_from_slice(b"secret").unwrap();
    m.update(b"POST");
    assert_eq!(
        v(Step::HmacSha512("k".into())),
        m.finalize().into_bytes().to_vec()
    );
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    let jefe = Credentials::new().with("k", "Jefe");
    let rfc = run(
        &jefe,
        vec![value(
            "v",
            Source::Literal("what do ya want for nothing?".into()),
            vec![Step::HmacSha256("k".into()), Step::Hex],
        )],
        "v",
    );
    assert_eq!(
        rfc,
        b"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn jwt_hs256_signs_the_claims_as_given() {
    let token = run(
        &key(),
        vec![value(
            "v",
            Source::Body { or: None },
            vec![Step::JwtHs256("k".into())],
        )],
        "v",
    );
    let token = String::from_utf8(token).unwrap();
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(POST.body);
    let input = format!("{header}.{claims}");
    let mut m = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
    m.update(input.as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(m.finalize().into_bytes());
    assert_eq!(token, format!("{input}.{sig}"));
    // An empty body can be replaced: `body: { or: "{}" }`.
    let empty = Message { body: b"", ..POST };
    let s = scheme(vec![cred("k", CredentialKind::Key)]);
    let r = recipe(
        vec![value(
            "v",
            Source::Body {
                or: Some("{}".into()),
            },
            vec![],
        )],
        vec![],
    );
    let signed = sign(&s, &r, &empty, &Context::new(&key())).unwrap();
    assert_eq!(signed.value("v"), Some(&b"{}"[..]));
}

#[test]
fn basic_is_base64_of_user_colon_password() {
    // printf 'SB-Mid-server-abc:' | base64 → U0ItTWlkLXNlcnZlci1hYmM6
    let creds = Credentials::new().with("k", "SB-Mid-server-abc");
    let v = run(
        &creds,
        vec![value(
            "v",
            Source::Basic {
                user: "k".into(),
                password: None,
            },
            vec![],
        )],
        "v",
    );
    assert_eq!(v, b"U0ItTWlkLXNlcnZlci1hYmM6");
    let creds = creds.with("id", "pw");
    let v = run(
        &creds,
        vec![value(
            "v",
            Source::Basic {
                user: "k".into(),
                password: Some("id".into()),
            },
            vec![],
        )],
        "v",
    );
    assert_eq!(v, STANDARD.encode("SB-Mid-server-abc:pw").into_bytes());
}

#[test]
fn minify_removes_only_whitespace_outside_strings() {
    let input = b"{ \"a b\" : [1.50, 2e3 ,\n\t\"x\\\" y\"],\r\n \"z\":{} }";
    assert_eq!(
        minify_json(input),
        b"{\"a b\":[1.50,2e3,\"x\\\" y\"],\"z\":{}}".to_vec()
    );
    // Keys stay in order and numbers as written.
    assert_eq!(
        minify_json(b"{\"b\":1.0, \"a\":10}"),
        b"{\"b\":1.0,\"a\":10}"
    );
}

#[test]
fn lines_join_and_templates_compose_inputs() {
    let values = vec![
        value(
            "s",
            Source::Lines(
                vec![
                    Line {
                        template: t("M:{method}"),
                        when_body: false,
                    },
                    Line {
                        template: t("T:{target_with_query}"),
                        when_body: false,
                    },
                    Line {
                        template: t("C:{id}"),
                        when_body: false,
                    },
                    Line {
                        template: t("B"),
                        when_body: true,
                    },
                ]
                .into(),
            ),
            vec![],
        ),
        value(
            "j",
            Source::Join {
                sep: "|".into(),
                parts: vec![
                    Line {
                        template: t("{id}"),
                        when_body: false,
                    },
                    Line {
                        template: t("{{x}}"),
                        when_body: false,
                    },
                ]
                .into(),
            },
            vec![],
        ),
    ];
    assert_eq!(
        run(&key(), values.clone(), "s"),
        b"M:POST\nT:/v1/pay?a=1\nC:CID-1\nB"
    );
    assert_eq!(run(&key(), values, "j"), b"CID-1|{x}");
    let s = scheme(vec![cred("id", CredentialKind::Id)]);
    let r = recipe(
        vec![value(
            "s",
            Source::Lines(
                vec![Line {
                    template: t("B"),
                    when_body: true,
                }]
                .into(),
            ),
            vec![],
        )],
        vec![],
    );
    let get = Message {
        method: "GET",
        has_body: false,
        ..POST
    };
    assert_eq!(
        sign(&s, &r, &get, &Context::new(&key()))
            .unwrap()
            .value("s"),
        Some(&b""[..])
    );
}

#[test]
fn timestamps_and_ids_are_generated_or_set() {
    let s = scheme(vec![]);
    let r = recipe(
        vec![
            value("utc", Source::Now(TimeFormat::Utc), vec![]),
            value("wib", Source::Now(TimeFormat::Offset(420)), vec![]),
            value("id", Source::Uuid { max_len: 128 }, vec![]),
            value("short", Source::Uuid { max_len: 20 }, vec![]),
        ],
        vec![],
    );
    let creds = Credentials::new();
    let mut cx = Context::new(&creds);
    cx.now = UNIX_EPOCH + Duration::from_secs(1_711_443_701);
    let signed = sign(&s, &r, &POST, &cx).unwrap();
    assert_eq!(signed.value("utc"), Some(&b"2024-03-26T09:01:41Z"[..]));
    assert_eq!(signed.value("wib"), Some(&b"2024-03-26T16:01:41+07:00"[..]));
    let id = std::str::from_utf8(signed.value("id").unwrap()).unwrap();
    let parsed = uuid::Uuid::parse_str(id).expect("a UUID");
    assert_eq!(parsed.get_version_num(), 4);
    assert_eq!(id.len(), 36);
    assert_eq!(signed.value("short").unwrap().len(), 20);
    // A caller's id is checked against the limit.
    let set = [("id", "req-1")];
    cx.set = &set;
    assert_eq!(
        sign(&s, &r, &POST, &cx).unwrap().value("id"),
        Some(&b"req-1"[..])
    );
    let long = "x".repeat(129);
    let set = [("id", long.as_str())];
    cx.set = &set;
    assert_eq!(
        sign(&s, &r, &POST, &cx).unwrap_err(),
        RecipeError::TooLong {
            name: "id".into(),
            max: 128
        }
    );
}

/// `numeric_id`: a fresh id is `max_len` decimal digits (random: two
/// differ); a caller's id must be 1..=max_len digits; a verifier reads it
/// from the header that carries it, and the MAC covers it.
#[test]
fn numeric_ids_are_digits_of_their_length_or_the_callers_own() {
    let s = scheme(vec![cred("k", CredentialKind::Key)]);
    let r = recipe(
        vec![
            value("external_id", Source::Digits { max_len: 36 }, vec![]),
            value(
                "mac",
                Source::Template(t("{external_id}:{target}")),
                vec![Step::HmacSha256("k".into()), Step::Base64],
            ),
        ],
        vec![
            header("X-EXTERNAL-ID", "{external_id}"),
            header("X-SIGNATURE", "{mac}"),
        ],
    );
    let creds = Credentials::new().with("k", "secret");
    let mut cx = Context::new(&creds);
    let first = sign(&s, &r, &POST, &cx).unwrap();
    let id = std::str::from_utf8(first.value("external_id").unwrap())
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 36, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_digit()), "{id}");
    let second = sign(&s, &r, &POST, &cx).unwrap();
    assert_ne!(second.value("external_id"), first.value("external_id"));
    let mut m = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
    m.update(format!("{id}:/v1/pay").as_bytes());
    assert_eq!(
        first.headers[1],
        (
            "X-SIGNATURE".to_owned(),
            STANDARD.encode(m.finalize().into_bytes())
        )
    );
    // The verifier reads the id from X-EXTERNAL-ID.
    let headers = first.headers.clone();
    let mut verifying = Context::new(&creds);
    verifying.headers = &headers;
    assert!(verify(&s, &r, &POST, &verifying).is_ok());
    let mut other_id = headers.clone();
    other_id[0].1 = "1".repeat(36);
    verifying.headers = &other_id;
    assert!(verify(&s, &r, &POST, &verifying).is_err());

    // A caller's own id: digits, at most 36 of them.
    let set = [("external_id", "169157654793277588402")];
    cx.set = &set;
    assert_eq!(
        sign(&s, &r, &POST, &cx).unwrap().value("external_id"),
        Some(&b"169157654793277588402"[..])
    );
    let set = [("external_id", "16915-7654")];
    cx.set = &set;
    assert_eq!(
        sign(&s, &r, &POST, &cx).unwrap_err(),
        RecipeError::NotDigits("external_id".into())
    );
    let long = "7".repeat(37);
    let set = [("external_id", long.as_str())];
    cx.set = &set;
    assert_eq!(
        sign(&s, &r, &POST, &cx).unwrap_err(),
        RecipeError::TooLong {
            name: "external_id".into(),
            max: 36
        }
    );
}

#[test]
fn random_digits_have_the_length_asked_and_every_digit_occurs() {
    for len in [1, 14, 15, 64] {
        let text = super::run::random_digits(len);
        assert_eq!(text.len(), len);
        assert!(text.bytes().all(|b| b.is_ascii_digit()), "{text}");
    }
    let many = super::run::random_digits(2000);
    for digit in b'0'..=b'9' {
        assert!(
            many.bytes().any(|b| b == digit),
            "{} never occurs",
            digit as char
        );
    }
}

#[test]
fn body_fields_are_read_exactly_as_received() {
    let s = scheme(vec![cred("k", CredentialKind::Key)]);
    let r = recipe(
        vec![value("v", joined("", &["{a}", "{b}"]), vec![])]
            .into_iter()
            .rev()
            .chain([])
            .collect::<Vec<_>>(),
        vec![],
    );
    let mut values = vec![
        value("a", Source::Field("order.amount".into()), vec![]),
        value("b", Source::Field("id".into()), vec![]),
    ];
    values.extend(r.values.iter().cloned());
    let r = recipe(values, vec![]);
    let body = br#"{"id":"x\u0041","order":{"amount":"30000.00"}}"#;
    let msg = Message { body, ..POST };
    let signed = sign(&s, &r, &msg, &Context::new(&key())).unwrap();
    assert_eq!(signed.value("v"), Some(&b"30000.00xA"[..]));
    let msg = Message {
        body: br#"{"id":1,"order":{"amount":"1"}}"#,
        ..POST
    };
    assert_eq!(
        sign(&s, &r, &msg, &Context::new(&key())).unwrap_err(),
        RecipeError::MissingField("id".into())
    );
}

/// A DOKU-shaped recipe: carried id and timestamp, a MAC in a prefixed header.
fn hmac_recipe() -> (Scheme, Recipe) {
    let s = scheme(vec![
        cred("client_id", CredentialKind::Id),
        cred("k", CredentialKind::Key),
    ]);
    let r = recipe(
        vec![
            value("request_id", Source::Uuid { max_len: 128 }, vec![]),
            value("timestamp", Source::Now(TimeFormat::Utc), vec![]),
            value(
                "mac",
                Source::Template(t("{client_id}:{request_id}:{timestamp}:{target}")),
                vec![Step::HmacSha256("k".into()), Step::Base64],
            ),
        ],
        vec![
            header("Client-Id", "{client_id}"),
            header("Request-Id", "{request_id}"),
            header("Request-Timestamp", "{timestamp}"),
            header("Signature", "HMACSHA256={mac}"),
        ],
    );
    (s, r)
}

#[test]
fn sign_then_verify_round_trips_and_names_what_is_wrong() {
    let (s, r) = hmac_recipe();
    let creds = Credentials::new()
        .with("client_id", "C1")
        .with("k", "secret");
    let signed = sign(&s, &r, &POST, &Context::new(&creds)).unwrap();
    let ts = std::str::from_utf8(signed.value("timestamp").unwrap())
        .unwrap()
        .to_owned();
    let id = std::str::from_utf8(signed.value("request_id").unwrap())
        .unwrap()
        .to_owned();
    let mut m = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
    m.update(format!("C1:{id}:{ts}:/v1/pay").as_bytes());
    let expected = format!("HMACSHA256={}", STANDARD.encode(m.finalize().into_bytes()));
    assert_eq!(signed.headers[3], ("Signature".to_owned(), expected));

    let headers = signed.headers.clone();
    // The verifier is not given the client id: it is read from Client-Id.
    let keys_only = Credentials::new().with("k", "secret");
    let mut cx = Context::new(&keys_only);
    cx.headers = &headers;
    assert!(verify(&s, &r, &POST, &cx).is_ok());
    let other = Credentials::new().with("k", "other");
    let cx2 = Context {
        credentials: &other,
        ..cx
    };
    assert_eq!(
        verify(&s, &r, &POST, &cx2).unwrap_err().to_string(),
        "the Signature header does not match the message"
    );
    let mut wrong_scheme = headers.clone();
    wrong_scheme[3].1 = "sha256=abc".to_owned();
    let cx = Context {
        headers: &wrong_scheme,
        ..cx
    };
    assert_eq!(
        verify(&s, &r, &POST, &cx).unwrap_err().to_string(),
        "the Signature header does not start with HMACSHA256="
    );
    let mut unsigned = headers.clone();
    unsigned.pop();
    let cx = Context {
        headers: &unsigned,
        ..cx
    };
    assert_eq!(
        verify(&s, &r, &POST, &cx).unwrap_err(),
        RecipeError::MissingHeader("Signature".into())
    );
}

#[test]
fn a_key_reaching_an_output_is_found_and_traces_redact() {
    let s = scheme(vec![
        cred("k", CredentialKind::Key),
        cred("api", CredentialKind::Sent),
    ]);
    let r = recipe(
        vec![
            value("plain", Source::Credential("k".into()), vec![Step::Base64]),
            value(
                "sealed",
                Source::Credential("k".into()),
                vec![Step::Sha512, Step::Hex],
            ),
        ],
        vec![
            header("A", "{plain}"),
            header("B", "{sealed}"),
            header("C", "x{k}"),
            header("D", "{api}"),
        ],
    );
    assert_eq!(
        secret_reaches(&s, &r),
        vec![
            ("A".to_owned(), "k".to_owned()),
            ("C".to_owned(), "k".to_owned())
        ]
    );
    let creds = Credentials::new().with("k", "secret").with("api", "API-1");
    let signed = sign(&s, &r, &POST, &Context::new(&creds)).unwrap();
    let trace = signed.trace(&s, &r);
    assert!(trace
        .iter()
        .all(|(_, v)| !v.contains("secret") && !v.contains("API-1")));
    assert!(trace.contains(&("C".to_owned(), "x<redacted>".to_owned())));
    assert!(format!("{creds:?}").contains("\"k\"") && !format!("{creds:?}").contains("secret"));
}

#[test]
fn templates_parse_braces_and_refuse_unclosed() {
    assert_eq!(t("a{{b}}").pieces.len(), 1);
    assert_eq!(t("HMACSHA256={mac}").prefix(), "HMACSHA256=");
    assert_eq!(t("{mac}").only_value(), Some("mac"));
    assert!(Template::parse("{mac").is_err());
    assert!(Template::parse("a}").is_err());
    assert!(Template::parse("{}").is_err());
}

/// A 1024-bit test key and the signature `openssl dgst -sha256 -sign`
/// made of `client-1|2024-03-26T16:01:41+07:00` (see `rsa_vectors`).
#[path = "rsa_vectors.rs"]
mod rsa_vectors;

#[test]
fn rsa_pkcs1_sha256_matches_openssl_and_verifies_with_the_public_key() {
    let s = scheme(vec![
        cred("private", CredentialKind::Key),
        cred("public", CredentialKind::Key),
    ]);
    let sig = |key: &'static str| Value {
        name: "sig".into(),
        source: Source::Literal(rsa_vectors::MESSAGE.into()),
        steps: vec![Step::RsaSha256(key.into()), Step::Base64].into(),
    };
    let r = recipe(vec![sig("private")], vec![header("X-SIGNATURE", "{sig}")]);
    let creds = Credentials::new().with("private", rsa_vectors::PRIVATE_PEM);
    let signed = sign(&s, &r, &POST, &Context::new(&creds)).unwrap();
    assert_eq!(signed.headers[0].1, rsa_vectors::SIGNATURE_BASE64);
    // The receiver holds only the public key.
    let r = recipe(vec![sig("public")], vec![header("X-SIGNATURE", "{sig}")]);
    let public = Credentials::new().with("public", rsa_vectors::PUBLIC_PEM);
    let mut cx = Context::new(&public);
    let good = signed.headers.clone();
    cx.headers = &good;
    assert!(verify(&s, &r, &POST, &cx).is_ok());
    let bad = vec![("X-SIGNATURE".to_owned(), STANDARD.encode([7u8; 128]))];
    cx.headers = &bad;
    assert!(matches!(
        verify(&s, &r, &POST, &cx),
        Err(RecipeError::Mismatch { .. })
    ));
    let not_a_key = Credentials::new().with("private", "nope");
    let r = recipe(vec![sig("private")], vec![]);
    assert_eq!(
        sign(&s, &r, &POST, &Context::new(&not_a_key)).unwrap_err(),
        RecipeError::BadKey("private".into())
    );
}

#[test]
fn secrets_never_print() {
    let creds = Credentials::new().with("k", Secret::new("SK-123"));
    assert!(!format!("{creds:?}").contains("SK-123"));
}

/// DOKU SNAP's symmetric signature, from its pages: the minify sample of
/// doku-snap-asymmetric-signature.txt ("Before" → "After", SHA-256
/// `3274fab8…`), the string-to-sign formula and sample timestamp and access
/// token of doku-snap-symmetric-signature.txt, and HMAC_SHA512 + base64
/// (checked here with the hmac crate directly).
#[test]
fn snap_symmetric_signature_follows_the_docs_sample() {
    const BEFORE: &str = "{\n   \"partnerServiceId\":\"  088899\",\n   \"customerNo\":\"12345678901234567890\",\n   \"virtualAccountNo\":\"  08889912345678901234567890\",\n   \"virtualAccountName\":\"Jokul Doe\",\n   \"virtualAccountEmail\":\"jokul@email.com\",\n   \"virtualAccountPhone\":\"6281828384858\",\n   \"trxId\":\"abcdefgh1234\",\n   \"totalAmount\":{\n      \"value\":\"12345678.00\",\n      \"currency\":\"IDR\"\n   }\n}";
    const AFTER: &str = r#"{"partnerServiceId":"  088899","customerNo":"12345678901234567890","virtualAccountNo":"  08889912345678901234567890","virtualAccountName":"Jokul Doe","virtualAccountEmail":"jokul@email.com","virtualAccountPhone":"6281828384858","trxId":"abcdefgh1234","totalAmount":{"value":"12345678.00","currency":"IDR"}}"#;
    const TOKEN: &str = "__TEC2O1iVBszTBTkrZhCujPRwY1TUiMTVpx67lMaH3-COIKKIKvAFvZMvbKjH6fJhVKFFBJgVNtD-k4p_k4NQwQtHjy_gldtUNWJD9kRoLCloo32r6h2RAwi1JiwaBqPWsf7v9_ELfVA23vH8Ojn0jFzfNESeffOkJ8LjlH5zawuChHNZSq9eg6o0w_jrrdlLnhMKJRYl4x09da8GLR4_dKnR8pZiUB58GCDydPYEyt5CIlyYwBMF8VCUx4OPg-gFNh9nc0gGPLNLr7pjFXl-o16wDtRRFakMT_yc3fSo1oEZnulBGzFQOIQLP1k4dD2vDg";
    const TIMESTAMP: &str = "2024-03-26T16:01:41+07:00";
    const PATH: &str = "/bi-snap-va/v1/transfer-va/create-va";
    assert_eq!(minify_json(BEFORE.as_bytes()), AFTER.as_bytes());

    let s = scheme(vec![cred("client_secret", CredentialKind::Key)]);
    let part = |text: &str| Line {
        template: t(text),
        when_body: false,
    };
    let r = recipe(
        vec![
            value("timestamp", Source::Now(TimeFormat::Offset(420)), vec![]),
            value("token", Source::Token, vec![]),
            value(
                "digest",
                Source::Body { or: None },
                vec![Step::Minify, Step::Sha256, Step::Hex],
            ),
            value(
                "string_to_sign",
                Source::Join {
                    sep: ":".into(),
                    parts: vec![
                        part("{method}"),
                        part("{target}"),
                        part("{token}"),
                        part("{digest}"),
                        part("{timestamp}"),
                    ]
                    .into(),
                },
                vec![],
            ),
            value(
                "signature",
                Source::Value("string_to_sign".into()),
                vec![Step::HmacSha512("client_secret".into()), Step::Base64],
            ),
        ],
        vec![
            header("X-TIMESTAMP", "{timestamp}"),
            header("X-SIGNATURE", "{signature}"),
        ],
    );
    let creds = Credentials::new().with("client_secret", "SK-snap-secret");
    let mut cx = Context::new(&creds);
    cx.token = Some(TOKEN);
    // 2024-03-26T16:01:41+07:00 is 09:01:41Z: `date -u -d @1711443701`.
    cx.now = UNIX_EPOCH + Duration::from_secs(1_711_443_701);
    let message = Message {
        method: "POST",
        target: PATH,
        query: None,
        body: BEFORE.as_bytes(),
        has_body: true,
    };
    let signed = sign(&s, &r, &message, &cx).unwrap();
    assert_eq!(
        signed.value("digest"),
        Some(&b"3274fab8dac896837b106a16da2a974e7e65142dcecb4b768ef0294102838977"[..])
    );
    let expected_text = format!(
        "POST:{PATH}:{TOKEN}:3274fab8dac896837b106a16da2a974e7e65142dcecb4b768ef0294102838977:{TIMESTAMP}"
    );
    assert_eq!(
        signed.value("string_to_sign"),
        Some(expected_text.as_bytes())
    );
    let mut mac = Hmac::<Sha512>::new_from_slice(b"SK-snap-secret").unwrap();
    mac.update(expected_text.as_bytes());
    assert_eq!(
        signed.headers,
        vec![
            ("X-TIMESTAMP".to_owned(), TIMESTAMP.to_owned()),
            (
                "X-SIGNATURE".to_owned(),
                STANDARD.encode(mac.finalize().into_bytes())
            ),
        ]
    );
    // Without a token the recipe cannot sign.
    cx.token = None;
    assert_eq!(
        sign(&s, &r, &message, &cx).unwrap_err(),
        RecipeError::NoToken
    );
}

#[test]
fn the_access_token_is_the_callers_or_the_one_given_by_name() {
    let s = scheme(vec![cred("k", CredentialKind::Key)]);
    let r = recipe(
        vec![value("source", Source::Token, vec![])],
        vec![header("Authorization", "Bearer {access_token}")],
    );
    let creds = key();
    let mut cx = Context::new(&creds);
    cx.token = Some("tok-1");
    let signed = sign(&s, &r, &POST, &cx).expect("signs");
    assert_eq!(signed.value("source"), Some(&b"tok-1"[..]));
    assert_eq!(
        signed.headers,
        [("Authorization".to_owned(), "Bearer tok-1".to_owned())]
    );

    let given = [(ACCESS_TOKEN, "tok-2")];
    let mut cx = Context::new(&creds);
    cx.set = &given;
    let signed = sign(&s, &r, &POST, &cx).expect("signs");
    assert_eq!(signed.headers[0].1, "Bearer tok-2");

    assert_eq!(
        sign(&s, &r, &POST, &Context::new(&creds)),
        Err(RecipeError::NoToken)
    );
}

/// Composed sources (`template`, `lines`, `join`) are fed to a digest or MAC
/// piece by piece; the result must be the digest of the assembled text, with
/// `when: body` lines dropped on a message without a body.
#[test]
fn composed_sources_digest_as_their_assembled_text() {
    let line = |text: &str, when_body| Line {
        template: t(text),
        when_body,
    };
    let lines = Source::Lines(
        vec![
            line("M:{method}", false),
            line("T:{target}", false),
            line("B:{id}", true),
        ]
        .into(),
    );
    let join = joined("|", &["{method}", "{id}"]);
    let template = Source::Template(t("{method} {target}"));
    let sha512 = |text: &str| Sha512::digest(text.as_bytes()).to_vec();
    let mac = |text: &str| {
        let mut m = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
        m.update(text.as_bytes());
        STANDARD.encode(m.finalize().into_bytes()).into_bytes()
    };
    let v = |source: &Source, steps: Vec<Step>| {
        run(&key(), vec![value("v", source.clone(), steps)], "v")
    };
    let hmac_b64 = || vec![Step::HmacSha256("k".into()), Step::Base64];
    assert_eq!(
        v(&lines, vec![Step::Sha512]),
        sha512("M:POST\nT:/v1/pay\nB:CID-1")
    );
    assert_eq!(v(&lines, hmac_b64()), mac("M:POST\nT:/v1/pay\nB:CID-1"));
    assert_eq!(
        v(&join, vec![Step::Sha256]),
        Sha256::digest(b"POST|CID-1").to_vec()
    );
    assert_eq!(v(&template, hmac_b64()), mac("POST /v1/pay"));
    // Followed by more steps than one encoding.
    let twice = Sha256::digest(STANDARD.encode(Sha512::digest(b"POST /v1/pay")).as_bytes());
    assert_eq!(
        v(&template, vec![Step::Sha512, Step::Base64, Step::Sha256]),
        twice.to_vec()
    );

    let get = Message {
        method: "GET",
        has_body: false,
        ..POST
    };
    let s = scheme(vec![
        cred("k", CredentialKind::Key),
        cred("id", CredentialKind::Id),
    ]);
    let r = recipe(vec![value("v", lines, vec![Step::Sha512])], vec![]);
    let signed = sign(&s, &r, &get, &Context::new(&key())).unwrap();
    assert_eq!(signed.value("v").unwrap(), sha512("M:GET\nT:/v1/pay"));
}

/// Streaming must not change which error a broken recipe reports: the
/// source's, before the MAC's missing key, as when the text is assembled.
#[test]
fn a_streamed_mac_reports_errors_in_the_assembled_order() {
    let s = scheme(vec![cred("k", CredentialKind::Key)]);
    let mac = |source: Source| {
        recipe(
            vec![value("v", source, vec![Step::HmacSha256("k".into())])],
            vec![],
        )
    };
    let no_key = Credentials::new();
    let r = mac(Source::Template(t("{method}:{missing}")));
    assert_eq!(
        sign(&s, &r, &POST, &Context::new(&no_key)).unwrap_err(),
        RecipeError::UnknownValue("missing".into())
    );
    let r = mac(Source::Template(t("{method}")));
    assert_eq!(
        sign(&s, &r, &POST, &Context::new(&no_key)).unwrap_err(),
        RecipeError::MissingCredential("k".into())
    );
}

/// `check` is `verify` without the result: the same verdict and errors.
#[test]
fn check_agrees_with_verify() {
    let (s, r) = hmac_recipe();
    let creds = Credentials::new()
        .with("client_id", "C1")
        .with("k", "secret");
    let signed = sign(&s, &r, &POST, &Context::new(&creds)).unwrap();
    let good = signed.headers.clone();
    let mut forged = good.clone();
    forged[3].1 = "HMACSHA256=AAAA".to_owned();
    let mut unsigned = good.clone();
    unsigned.pop();
    let keys_only = Credentials::new().with("k", "secret");
    for headers in [&good, &forged, &unsigned] {
        let mut cx = Context::new(&keys_only);
        cx.headers = headers;
        assert_eq!(
            check(&s, &r, &POST, &cx),
            verify(&s, &r, &POST, &cx).map(drop)
        );
    }
    let mut cx = Context::new(&keys_only);
    cx.headers = &forged;
    assert_eq!(
        check(&s, &r, &POST, &cx).unwrap_err(),
        RecipeError::Mismatch {
            name: "Signature".into(),
            field: false
        }
    );
}

/// A verifier may lend its keys for one call instead of building
/// `Credentials`; fields already read reach the executor the same way.
#[test]
fn borrowed_keys_and_fields_verify_like_owned_ones() {
    struct Lent<'k>(&'k Secret);
    impl CredentialSource for Lent<'_> {
        fn get(&self, name: &str) -> Option<&Secret> {
            (name == "k").then_some(self.0)
        }
    }
    let s = scheme(vec![cred("k", CredentialKind::Key)]);
    let r = Recipe {
        values: vec![
            value("a", Source::Field("a".into()), vec![]),
            value(
                "sig",
                joined("", &["{a}", "{k}"]),
                vec![Step::Sha512, Step::Hex],
            ),
        ]
        .into(),
        headers: vec![].into(),
        fields: vec![Output {
            name: "sig".into(),
            template: t("{sig}"),
            ignore_case: true,
        }]
        .into(),
    };
    let expected: String = Sha512::digest(b"o-1secret")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = Secret::new("secret");
    let lent = Lent(&key);
    for sig in [expected.clone(), expected.to_uppercase()] {
        let fields = [("a", Some("o-1")), ("sig", Some(sig.as_str()))];
        let mut cx = Context::new(&lent);
        cx.fields = Some(&fields);
        assert_eq!(check(&s, &r, &POST, &cx), Ok(()));
    }
    let wrong = [("a", Some("o-2")), ("sig", Some(expected.as_str()))];
    let mut cx = Context::new(&lent);
    cx.fields = Some(&wrong);
    assert_eq!(
        check(&s, &r, &POST, &cx).unwrap_err(),
        RecipeError::Mismatch {
            name: "sig".into(),
            field: true
        }
    );
    let missing = [("a", Some("o-1"))];
    cx.fields = Some(&missing);
    assert_eq!(
        check(&s, &r, &POST, &cx).unwrap_err(),
        RecipeError::MissingSignatureField("sig".into())
    );
}

#[test]
fn a_recipe_reads_the_credentials_it_refers_to_and_no_other() {
    let s = scheme(vec![
        cred("client_id", CredentialKind::Id),
        cred("private_key", CredentialKind::Key),
        cred("secret", CredentialKind::Key),
        cred("user", CredentialKind::Sent),
        cred("public_key", CredentialKind::Key),
        cred("shadowed", CredentialKind::Key),
    ]);
    let r = recipe(
        vec![
            value("shadowed", Source::Literal("x".into()), vec![]),
            value("text", joined(":", &["{client_id}", "{shadowed}"]), vec![]),
            value(
                "mac",
                Source::Value("text".into()),
                vec![Step::HmacSha256("secret".into())],
            ),
            value(
                "basic",
                Source::Basic {
                    user: "user".into(),
                    password: None,
                },
                vec![],
            ),
            value(
                "sig",
                Source::Value("text".into()),
                vec![Step::RsaSha256("public_key".into())],
            ),
        ],
        vec![
            header("X-Signature", "{mac}.{sig}"),
            header("Authorization", "Basic {basic}"),
        ],
    );
    let read: Vec<&str> = s.credentials_read_by(&r).map(|c| &*c.name).collect();
    // `private_key` is declared but unused; `shadowed` is a value's name.
    assert_eq!(read, ["client_id", "secret", "user", "public_key"]);
    // A reference in an output template reads the credential too.
    let only_header = recipe(vec![], vec![header("X-Key", "{private_key}")]);
    assert!(only_header.reads_credential("private_key"));
    assert!(!only_header.reads_credential("secret"));
}
