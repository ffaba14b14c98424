//! `payspec sign doku_snap` (the DOKU SNAP spec in `spec/`): the symmetric
//! signature of a transaction and the asymmetric one of the token request,
//! each step printed and the final `X-SIGNATURE` checked against a value
//! computed here with hmac/sha2/rsa directly.

use std::path::Path;
use std::process::{Command, Output};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rsa::pkcs8::{EncodePrivateKey as _, LineEnding};
use rsa::signature::{SignatureEncoding as _, Signer as _};
use sha2::{Digest as _, Sha256, Sha512};

const CLIENT_ID: &str = "MCH-0008-1296507211683";
const SECRET: &str = "SK-snap-test-secret";
const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE2OTgwNTA3NDN9.c2ln";
const TIMESTAMP: &str = "2024-03-26T16:01:41+07:00";

fn payspec() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_payspec"));
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env_remove("DOKU_SNAP_CLIENT_ID")
        .env_remove("DOKU_SNAP_CLIENT_SECRET")
        .env_remove("DOKU_SNAP_PRIVATE_KEY_FILE");
    cmd
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whitespace outside JSON strings removed (the docs' "Minify request Body").
fn minify(body: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in body.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

#[test]
fn sign_doku_snap_transaction_prints_the_symmetric_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let body = "{\n   \"partnerServiceId\":\"  088899\",\n   \"customerNo\":\"12345678901234567890\",\n   \"totalAmount\":{\n      \"value\":\"12345678.00\",\n      \"currency\":\"IDR\"\n   }\n}";
    let file = tmp.path().join("body.json");
    std::fs::write(&file, body).unwrap();
    let target = "/bi-snap-va/v1/transfer-va/create-va";
    let out = payspec()
        .args(["sign", "doku_snap", "--target", target])
        .arg("--body")
        .arg(&file)
        .args(["--set", &format!("access_token={TOKEN}")])
        .args(["--set", &format!("timestamp={TIMESTAMP}")])
        .args(["--client-id", CLIENT_ID])
        .env("DOKU_SNAP_CLIENT_SECRET", SECRET)
        .output()
        .unwrap();
    let text = stdout(&out);

    let digest: String = Sha256::digest(minify(body).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let string_to_sign = format!("POST:{target}:{TOKEN}:{digest}:{TIMESTAMP}");
    let mut mac = Hmac::<Sha512>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    let signature = STANDARD.encode(mac.finalize().into_bytes());

    assert!(text.contains(&format!("body_digest: {digest}\n")), "{text}");
    assert!(
        text.contains(&format!(
            "-----BEGIN STRING TO SIGN-----\n{string_to_sign}\n-----END STRING TO SIGN-----\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("X-SIGNATURE: {signature}\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Authorization: Bearer {TOKEN}\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("X-TIMESTAMP: {TIMESTAMP}\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("X-PARTNER-ID: {CLIENT_ID}\n")),
        "{text}"
    );
    assert!(!text.contains(SECRET), "the secret is never printed");
}

#[test]
fn sign_doku_snap_token_request_prints_the_asymmetric_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).unwrap();
    let pem = tmp.path().join("private.pem");
    std::fs::write(&pem, key.to_pkcs8_pem(LineEnding::LF).unwrap().as_bytes()).unwrap();
    let out = payspec()
        .args(["sign", "doku_snap"])
        .args(["--target", "/authorization/v1/access-token/b2b"])
        .args(["--set", &format!("timestamp={TIMESTAMP}")])
        .args(["--client-id", CLIENT_ID])
        .env("DOKU_SNAP_PRIVATE_KEY_FILE", &pem)
        .output()
        .unwrap();
    let text = stdout(&out);

    let string_to_sign = format!("{CLIENT_ID}|{TIMESTAMP}");
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key);
    let signature = STANDARD.encode(signer.sign(string_to_sign.as_bytes()).to_bytes());
    assert!(
        text.contains(&format!(
            "-----BEGIN STRING TO SIGN-----\n{string_to_sign}\n-----END STRING TO SIGN-----\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("X-SIGNATURE: {signature}\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("X-CLIENT-KEY: {CLIENT_ID}\n")),
        "{text}"
    );
    assert!(!text.contains("PRIVATE KEY"), "the key is never printed");
}

#[test]
fn sign_doku_snap_without_the_key_file_names_the_variable() {
    let out = payspec()
        .args(["sign", "doku_snap"])
        .args(["--target", "/authorization/v1/access-token/b2b"])
        .args(["--client-id", CLIENT_ID])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DOKU_SNAP_PRIVATE_KEY_FILE"), "{err}");
}
