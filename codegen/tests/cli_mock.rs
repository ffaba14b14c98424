//! `payspec mock` as a process: it listens where `--addr` says, takes the
//! credentials from the environment or `--credential`, answers the sandbox
//! control API, and serves a token flow (the SNAP fixture). (The sandbox's
//! behaviour is tested in `sandbox/tests/`.)

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Kills the server when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_loopback_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local addr").port()
}

/// One HTTP/1.1 exchange; returns (status, body).
fn http(port: u16, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    http_with(port, method, path, &[], body)
}

/// One HTTP/1.1 exchange with extra headers; returns (status, body).
fn http_with(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let extra: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// Starts `payspec mock --spec spec` on a free loopback port with `extra`
/// flags and DOKU's credentials in the environment; returns once it answers.
fn start(spec: &Path, extra: &[String]) -> (Server, u16) {
    let port = free_loopback_port();
    let child = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .args(["mock", "--addr", &format!("127.0.0.1:{port}"), "--spec"])
        .arg(spec)
        .args(extra)
        .env("DOKU_CLIENT_ID", CLIENT_ID)
        .env("DOKU_SECRET_KEY", SECRET_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start payspec mock");
    let server = Server(child);
    // Bounded wait for the listener: 100 tries, 50 ms apart.
    for _ in 0..100 {
        if let Ok((200, _)) = http(port, "GET", "/_sandbox/clock", "") {
            return (server, port);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("payspec mock did not answer within 5 s");
}

/// Starts `payspec mock` on spec/ with `extra` flags, and seeds one settled
/// card payment `INV-CLI` of 100,000 through the control API.
fn start_seeded(extra: &[&str]) -> (Server, u16) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    let (server, port) = start(&spec, &extra);
    let seed = r#"{"provider":"doku","resource":"card_payment","id":"INV-CLI","state":"settled","amount":100000}"#;
    let (status, body) = http(port, "POST", "/_sandbox/seed", seed).expect("seed");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"seeded\":true"), "{body}");
    (server, port)
}

const CLIENT_ID: &str = "MCH-CLI-TEST";
const SECRET_KEY: &str = "SK-cli-test";
const REFUND_PATH: &str = "/cancellation/credit-card/refund";

/// A correctly signed partial refund of `INV-CLI` sent at `timestamp`.
fn signed_refund(port: u16, request_id: &str, timestamp: &str) -> (u16, String) {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use hmac::{Hmac, Mac};
    use sha2::{Digest as _, Sha256};
    let body = r#"{"order":{"invoice_number":"INV-CLI"},"payment":{"original_request_id":"r"},"refund":{"amount":1000}}"#;
    // DOKU's signature, assembled here rather than by payspec.
    let digest = STANDARD.encode(Sha256::digest(body.as_bytes()));
    let text = format!(
        "Client-Id:{CLIENT_ID}\nRequest-Id:{request_id}\nRequest-Timestamp:{timestamp}\n\
         Request-Target:{REFUND_PATH}\nDigest:{digest}"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET_KEY.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    let signature = format!(
        "HMACSHA256={}",
        STANDARD.encode(mac.finalize().into_bytes())
    );
    let headers = [
        ("Client-Id", CLIENT_ID.to_owned()),
        ("Request-Id", request_id.to_owned()),
        ("Request-Timestamp", timestamp.to_owned()),
        ("Digest", digest),
        ("Signature", signature),
    ];
    http_with(port, "POST", REFUND_PATH, &headers, body).expect("refund answer")
}

#[test]
fn mock_refuses_a_stale_doku_timestamp_unless_the_check_is_off() {
    let stale = "2020-01-01T00:00:00Z";
    let (_server, port) = start_seeded(&[]);
    let (status, body) = signed_refund(port, "cli-stale-1", stale);
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("INVALID_TIMESTAMP"), "{body}");

    // The flag's earlier name still works.
    let (_server, port) = start_seeded(&["--doku-timestamp-tolerance", "0"]);
    let (status, body) = signed_refund(port, "cli-stale-2", stale);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"amount\":1000"), "{body}");
}

#[test]
fn mock_serves_the_control_api_on_the_given_address() {
    let (_server, port) = start_seeded(&[]);

    let (status, body) =
        http(port, "GET", "/_sandbox/doku/card_payment/INV-CLI", "").expect("read state");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"state\":\"settled\""), "{body}");
    assert!(body.contains("100000"), "{body}");

    // An unsigned refund is refused as DOKU would: 401.
    let (status, _) = http(
        port,
        "POST",
        "/cancellation/credit-card/refund",
        r#"{"order":{"invoice_number":"INV-CLI"},"payment":{"original_request_id":"r"},"refund":{"amount":1}}"#,
    )
    .expect("refund answer");
    assert_eq!(status, 401);
}

/// `payspec mock --spec tests/fixtures/snap --credential …` serves the SNAP
/// fixture provider (a token flow): a token request signed here with rsa
/// (a key pair made here; the sandbox gets the public key file) gets a
/// token, a call signed here with hmac/sha2 and that token is answered, and
/// the same call with one character of its signature changed is refused.
#[test]
fn mock_serves_the_snap_fixture_token_flow() {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use hmac::{Hmac, Mac};
    use rsa::pkcs8::{EncodePublicKey as _, LineEnding};
    use rsa::signature::{SignatureEncoding as _, Signer as _};
    use sha2::{Digest as _, Sha256, Sha512};
    const SNAP_ID: &str = "MCH-0008-1296507211683";
    const SNAP_SECRET: &str = "SK-cli-mock-secret";
    const VA_PATH: &str = "/snap/v1.1/transfer-va/create-va";

    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).expect("a key");
    let tmp = tempfile::tempdir().expect("a temp dir");
    let public = tmp.path().join("public.pem");
    let pem = key
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("PEM");
    std::fs::write(&public, pem).expect("write the public key");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snap");
    let (_server, port) = start(
        &spec,
        &[
            "--credential".to_owned(),
            format!("SNAP_CLIENT_ID={SNAP_ID}"),
            "--credential".to_owned(),
            format!("SNAP_CLIENT_SECRET={SNAP_SECRET}"),
            "--credential".to_owned(),
            format!("SNAP_PRIVATE_KEY_FILE={}", public.display()),
        ],
    );

    // The token request: SHA256withRSA over `client_id|timestamp`.
    let timestamp = payspec_signing::time::offset_timestamp(std::time::SystemTime::now(), 420);
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key);
    let signature = signer.sign(format!("{SNAP_ID}|{timestamp}").as_bytes());
    let token_headers = [
        ("X-CLIENT-KEY", SNAP_ID.to_owned()),
        ("X-TIMESTAMP", timestamp.clone()),
        ("X-SIGNATURE", STANDARD.encode(signature.to_bytes())),
    ];
    let (status, answer) = http_with(
        port,
        "POST",
        "/authorization/v1/access-token/b2b",
        &token_headers,
        r#"{"grantType":"client_credentials"}"#,
    )
    .expect("token answer");
    assert_eq!(status, 200, "{answer}");
    let answer: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
    let token = answer["accessToken"].as_str().expect("a token").to_owned();
    assert_eq!(answer["expiresIn"], "900");

    // A call: base64(HMAC-SHA512(secret,
    // METHOD:path:token:hex(sha256(minified body)):timestamp)).
    let body = r#"{"partnerServiceId":"  088899","customerNo":"12345678901234567890","virtualAccountName":"Jokul Doe","trxId":"trx-1","totalAmount":{"value":"12345678.00","currency":"IDR"}}"#;
    let digest: String = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut mac = Hmac::<Sha512>::new_from_slice(SNAP_SECRET.as_bytes()).expect("a key");
    mac.update(format!("POST:{VA_PATH}:{token}:{digest}:{timestamp}").as_bytes());
    let signature = STANDARD.encode(mac.finalize().into_bytes());
    let call_headers = |signature: String| {
        [
            ("Authorization", format!("Bearer {token}")),
            ("X-TIMESTAMP", timestamp.clone()),
            ("X-SIGNATURE", signature),
            ("X-PARTNER-ID", SNAP_ID.to_owned()),
            ("X-EXTERNAL-ID", "41807553358950093184".to_owned()),
            ("CHANNEL-ID", "H2H".to_owned()),
        ]
    };
    let (status, answer) = http_with(
        port,
        "POST",
        VA_PATH,
        &call_headers(signature.clone()),
        body,
    )
    .expect("answer");
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("2002700"), "{answer}");

    // One character of the signature changed.
    let mut tampered = signature.into_bytes();
    tampered[0] = if tampered[0] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).expect("base64 is ASCII");
    let (status, answer) =
        http_with(port, "POST", VA_PATH, &call_headers(tampered), body).expect("answer");
    assert_eq!(status, 401, "{answer}");
    assert!(answer.contains("X-SIGNATURE"), "{answer}");
}
