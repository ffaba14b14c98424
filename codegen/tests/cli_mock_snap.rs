//! `payspec mock --spec tests/fixtures/snap --credential …` serves the SNAP
//! fixture provider (a token flow): a token request signed here with rsa
//! (a key pair made here; the sandbox gets the public key file) gets a
//! token, a call signed here with hmac/sha2 and that token is answered, and
//! the same call with one character of its signature changed is refused.
//! Requests are written on a plain TCP stream to 127.0.0.1.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rsa::pkcs8::{EncodePublicKey as _, LineEnding};
use rsa::signature::{SignatureEncoding as _, Signer as _};
use sha2::{Digest as _, Sha256, Sha512};

const CLIENT_ID: &str = "MCH-0008-1296507211683";
const SECRET: &str = "SK-cli-mock-secret";
const VA_PATH: &str = "/snap/v1.1/transfer-va/create-va";

/// The running `payspec mock`, stopped when dropped.
struct Mock(Child);

impl Drop for Mock {
    fn drop(&mut self) {
        // Already gone is fine: there is nothing left to stop.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free loopback port, chosen by the OS.
fn free_addr() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr")
}

/// One request on its own connection: `(status, body)`.
fn exchange(addr: SocketAddr, path: &str, headers: &[(&str, String)], body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Waits (at most 30 s) until the server accepts connections.
fn wait_for(addr: SocketAddr, mock: &mut Mock) {
    for _ in 0..300 {
        if TcpStream::connect(addr).is_ok() {
            return;
        }
        if let Some(status) = mock.0.try_wait().expect("the child") {
            panic!("payspec mock exited: {status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("payspec mock did not listen on {addr}");
}

fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn payspec_mock_serves_the_snap_fixture_token_flow() {
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).expect("a key");
    let tmp = tempfile::tempdir().expect("a temp dir");
    let public = tmp.path().join("public.pem");
    let pem = key
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("PEM");
    std::fs::write(&public, pem).expect("write the public key");

    let addr = free_addr();
    let codegen = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut mock = Mock(
        Command::new(env!("CARGO_BIN_EXE_payspec"))
            .current_dir(codegen)
            .args(["mock", "--spec", "tests/fixtures/snap", "--addr"])
            .arg(addr.to_string())
            .args(["--credential", &format!("SNAP_CLIENT_ID={CLIENT_ID}")])
            .args(["--credential", &format!("SNAP_CLIENT_SECRET={SECRET}")])
            .arg("--credential")
            .arg(format!("SNAP_PRIVATE_KEY_FILE={}", public.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("payspec mock starts"),
    );
    wait_for(addr, &mut mock);

    // The token request: SHA256withRSA over `client_id|timestamp`.
    let timestamp = payspec_signing::time::offset_timestamp(SystemTime::now(), 420);
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key);
    let signature = signer.sign(format!("{CLIENT_ID}|{timestamp}").as_bytes());
    let (status, answer) = exchange(
        addr,
        "/authorization/v1/access-token/b2b",
        &[
            ("X-CLIENT-KEY", CLIENT_ID.to_owned()),
            ("X-TIMESTAMP", timestamp.clone()),
            ("X-SIGNATURE", STANDARD.encode(signature.to_bytes())),
        ],
        r#"{"grantType":"client_credentials"}"#,
    );
    assert_eq!(status, 200, "{answer}");
    let answer: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
    let token = answer["accessToken"].as_str().expect("a token").to_owned();
    assert_eq!(answer["expiresIn"], "900");

    // A call: base64(HMAC-SHA512(secret, METHOD:path:token:hex(sha256(minified body)):timestamp)).
    let body = r#"{"partnerServiceId":"  088899","customerNo":"12345678901234567890","virtualAccountName":"Jokul Doe","trxId":"trx-1","totalAmount":{"value":"12345678.00","currency":"IDR"}}"#;
    let digest = lower_hex(&Sha256::digest(body.as_bytes()));
    let mut mac = Hmac::<Sha512>::new_from_slice(SECRET.as_bytes()).expect("a key");
    mac.update(format!("POST:{VA_PATH}:{token}:{digest}:{timestamp}").as_bytes());
    let signature = STANDARD.encode(mac.finalize().into_bytes());
    let headers = |signature: String| {
        [
            ("Authorization", format!("Bearer {token}")),
            ("X-TIMESTAMP", timestamp.clone()),
            ("X-SIGNATURE", signature),
            ("X-PARTNER-ID", CLIENT_ID.to_owned()),
            ("X-EXTERNAL-ID", "41807553358950093184".to_owned()),
            ("CHANNEL-ID", "H2H".to_owned()),
        ]
    };
    let (status, answer) = exchange(addr, VA_PATH, &headers(signature.clone()), body);
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("2002700"), "{answer}");

    // One character of the signature changed.
    let mut tampered = signature.into_bytes();
    tampered[0] = if tampered[0] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).expect("base64 is ASCII");
    let (status, answer) = exchange(addr, VA_PATH, &headers(tampered), body);
    assert_eq!(status, 401, "{answer}");
    assert!(answer.contains("X-SIGNATURE"), "{answer}");
}
