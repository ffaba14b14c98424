//! The default transport refuses response bodies over its cap, whether the
//! server declares the length or streams chunks without one, so a hostile or
//! misconfigured endpoint cannot fill memory.

use std::time::Duration;

use payspec::transport::{HttpRequest, Method, ReqwestTransport, Transport, TransportErrorKind};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves one connection on 127.0.0.1 with `response`, then stops.
async fn one_shot(response: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        if let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket.write_all(&response).await;
            let _ = socket.shutdown().await;
        }
    });
    format!("http://{addr}/")
}

fn get(url: String) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url,
        headers: Vec::new(),
        body: Vec::new(),
    }
}

fn transport(max: usize) -> ReqwestTransport {
    ReqwestTransport::new(Duration::from_secs(5)).max_body(max)
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_refused() {
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Length: 2048\r\nConnection: close\r\n\r\n".to_vec();
    response.extend(std::iter::repeat_n(b'x', 2048));
    let url = one_shot(response).await;
    let err = transport(1024)
        .send(get(url))
        .await
        .expect_err("over the cap");
    assert_eq!(err.kind, TransportErrorKind::Other);
    assert!(
        err.message.contains("larger than 1024 bytes"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn a_chunked_body_over_the_cap_is_refused() {
    let mut response =
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
    for _ in 0..4 {
        response.extend(b"200\r\n");
        response.extend(std::iter::repeat_n(b'y', 0x200));
        response.extend(b"\r\n");
    }
    response.extend(b"0\r\n\r\n");
    let url = one_shot(response).await;
    let err = transport(1024)
        .send(get(url))
        .await
        .expect_err("over the cap");
    assert!(
        err.message.contains("larger than 1024 bytes"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn a_body_within_the_cap_arrives_whole() {
    let mut response =
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
    response.extend(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    let url = one_shot(response).await;
    let answer = transport(1024)
        .send(get(url))
        .await
        .expect("within the cap");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, b"hello world");
}
