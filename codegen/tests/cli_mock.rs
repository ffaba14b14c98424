//! `payspec mock` as a process: it listens where `--addr` says, takes the
//! credentials from the environment, and answers the sandbox control API.
//! (The sandbox's behaviour is tested in `sandbox/tests/`.)

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

/// Starts `payspec mock` on a free loopback port with `extra` flags, and
/// seeds one settled card payment `INV-CLI` of 100,000 through the control API.
fn start_seeded(extra: &[&str]) -> (Server, u16) {
    let port = free_loopback_port();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let child = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .args(["mock", "--addr", &format!("127.0.0.1:{port}"), "--spec"])
        .arg(&spec)
        .args(extra)
        .env("DOKU_CLIENT_ID", CLIENT_ID)
        .env("DOKU_SECRET_KEY", SECRET_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start payspec mock");
    let server = Server(child);

    // Bounded wait for the listener: 100 tries, 50 ms apart.
    let seed = r#"{"provider":"doku","resource":"card_payment","id":"INV-CLI","state":"settled","amount":100000}"#;
    let mut seeded = None;
    for _ in 0..100 {
        match http(port, "POST", "/_sandbox/seed", seed) {
            Ok(answer) => {
                seeded = Some(answer);
                break;
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    let (status, body) = seeded.expect("payspec mock accepted connections within 5 s");
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
