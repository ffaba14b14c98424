//! The HTTP stack behind the clients: [`ReqwestTransport`] by default, or
//! anything implementing [`Transport`].
//!
//! The clients build a complete [`HttpRequest`] (signed headers and the exact
//! body bytes) and need back a complete [`HttpResponse`]; redirects, pooling
//! and TLS are the transport's business.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, sendable future, so [`Transport`] stays object safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The HTTP methods the specs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`: no body, and DOKU signs it without a `Digest` line.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method name as sent (`POST`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// A request ready to send.
#[derive(Clone)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Header names and values, in order. Some values are credentials.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes (empty for none).
    pub body: Vec<u8>,
}

// Header values include credentials (Authorization, TOKEN, Signature), so
// Debug shows names only.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A complete response.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Header names (any case) and values.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first header called `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How an exchange failed; decides whether a retry is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake).
    Connect,
    /// The connection broke before the response was complete: the server
    /// may have processed the request.
    Interrupted,
    /// The timeout elapsed.
    Timeout,
    /// Anything else (an invalid URL, say); not worth retrying.
    Other,
}

/// Why an exchange failed. The message must not contain header values.
#[derive(Debug, Clone)]
pub struct TransportError {
    /// The kind, for retry decisions.
    pub kind: TransportErrorKind,
    /// A description for logs and [`crate::Error::Transport`].
    pub message: String,
}

/// Sends one HTTP request and returns the whole response.
///
/// Implement it to use another HTTP stack, a proxy with special needs, or a
/// fake in tests; pass it to a client's `with_transport`.
pub trait Transport: Send + Sync {
    /// Sends `request`. A non-2xx status is a response, not an error.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// The timeout this transport applies, for [`crate::Error::Timeout`].
    fn timeout(&self) -> Option<Duration> {
        None
    }
}

/// The default transport: reqwest with rustls, a whole-exchange timeout and
/// a cap on the response body.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    timeout: Duration,
    max_body: usize,
}

impl ReqwestTransport {
    /// The default whole-exchange timeout.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

    /// The default cap on a response body. The documented bodies are a few
    /// kilobytes; a larger answer is a misbehaving or hostile peer, and
    /// reading it whole would let it fill memory within the timeout.
    pub const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;

    /// A transport with `timeout` for each exchange (connect to last byte).
    pub fn new(timeout: Duration) -> Self {
        // `build` only fails when the TLS backend cannot initialise; the
        // default client is then the best remaining choice.
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        ReqwestTransport::from_client(client, timeout)
    }

    /// A transport around a reqwest client you configured (proxy, pool, TLS).
    pub fn from_client(client: reqwest::Client, timeout: Duration) -> Self {
        ReqwestTransport {
            client,
            timeout,
            max_body: Self::DEFAULT_MAX_BODY,
        }
    }

    /// Refuses response bodies longer than `bytes` (default
    /// [`Self::DEFAULT_MAX_BODY`]) with a [`TransportErrorKind::Other`] error.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }
}

impl Default for ReqwestTransport {
    fn default() -> Self {
        ReqwestTransport::new(Self::DEFAULT_TIMEOUT)
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let method = match request.method {
                Method::Get => reqwest::Method::GET,
                Method::Post => reqwest::Method::POST,
                Method::Put => reqwest::Method::PUT,
                Method::Patch => reqwest::Method::PATCH,
                Method::Delete => reqwest::Method::DELETE,
            };
            let mut builder = self
                .client
                .request(method, &request.url)
                .timeout(self.timeout);
            for (name, value) in &request.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            if request.method != Method::Get {
                builder = builder.body(request.body);
            }
            let response = builder.send().await.map_err(classify)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .filter_map(|(name, value)| {
                    Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
                })
                .collect();
            let body = read_capped(response, self.max_body).await?;
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        })
    }

    fn timeout(&self) -> Option<Duration> {
        Some(self.timeout)
    }
}

fn classify(error: reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_request() || error.is_body() || error.is_decode() {
        TransportErrorKind::Interrupted
    } else {
        TransportErrorKind::Other
    };
    // reqwest's Display names the URL and the cause; it never includes
    // header values or bodies. The source chain says *why* (reset, refused).
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError { kind, message }
}

/// Reads a response body chunk by chunk, failing as soon as it exceeds `max`
/// bytes (a declared Content-Length over `max` fails before reading).
async fn read_capped(
    mut response: reqwest::Response,
    max: usize,
) -> Result<Vec<u8>, TransportError> {
    let too_large = || TransportError {
        kind: TransportErrorKind::Other,
        message: format!(
            "the response body is larger than {max} bytes, far beyond any documented answer; \
             check the base URL (a proxy or error page?) or raise ReqwestTransport::max_body"
        ),
    };
    if response
        .content_length()
        .is_some_and(|len| len > max as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(classify)? {
        if body.len() + chunk.len() > max {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
