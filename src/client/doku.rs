//! The DOKU client (non-SNAP Checkout and Cards APIs).
//!
//! Every request carries `Client-Id`, `Request-Id`, `Request-Timestamp` and
//! `Signature`, signed by the spec's request recipe ([`crate::doku::AUTH`]). The body is serialised once;
//! those exact bytes are hashed into the `Digest` line and sent.
//!
//! **Response signatures** are verified by default
//! ([`ResponseVerification::Verify`]): a successful (2xx, or 409 replay)
//! response whose `Signature` does not match is returned as
//! [`Error::SignatureMismatch`], never as data. Error responses (4xx/5xx) are
//! not verified, because they are reported as errors anyway and gateways in
//! front of DOKU answer some of them unsigned. Opt out with
//! [`Config::response_verification`]`(ResponseVerification::Skip)` only
//! against a test double that cannot sign.
//!
//! **Retries** are off by default. With [`Config::retry`], a call that fails
//! to connect, times out, breaks mid-exchange or gets 429/5xx is sent again
//! with the *same* Request-Id and body and a fresh timestamp and signature.
//! DOKU processes a Request-Id once and answers a repeat with HTTP 409 and
//! the original response body, which this client returns as the result, so
//! a retried refund cannot become two refunds.
//!
//! # Example
//!
//! The generated `payspec::doku` module adds one method per endpoint; a
//! refund, with a stored Request-Id so a retry after a crash is safe:
//!
//! ```no_run
//! use payspec::doku::cards::{
//!     RefundRequest, RefundRequestRefund, RefundRequestOrder, RefundRequestPayment,
//! };
//! use payspec::money::Idr;
//! use payspec::doku::{CallOptions, Client, Config};
//! use payspec::retry::RetryPolicy;
//! use payspec::Error;
//!
//! # async fn run() -> Result<(), Error> {
//! let config = Config::sandbox("MCH-0001-10791114622547", "SK-your-secret-key")
//!     .retry(RetryPolicy::attempts(3));
//! let doku = Client::new(config);
//! let request = RefundRequest::new(
//!     RefundRequestOrder::new("INV-20210118-0001"),
//!     RefundRequestPayment::new("f6ddd8fb3d4a4c6c9d4fe72cbc1ef9e1"),
//!     RefundRequestRefund::new(Idr(90000)),
//! );
//! // Store the Request-Id before sending, so a crash-and-retry reuses it.
//! let options = CallOptions::new().request_id("refund-INV-20210118-0001");
//! // Validated, signed, sent, response signature verified, typed.
//! match doku.card_refund_with(&request, &options).await {
//!     Ok(refund) => println!("refund status {:?}", refund.refund.status),
//!     Err(Error::Validation(errors)) => eprintln!("fix the request: {errors}"),
//!     Err(Error::Api(api)) => eprintln!("DOKU refused: {:?} {:?}", api.code, api.message),
//!     Err(other) => return Err(other),
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use payspec_signing::recipe::{self, Context, Credentials, Message};

use super::runtime::{Exchange, Runtime};
use super::{decode_json, encode_request, Call, CallOptions};
use crate::error::{ApiError, Error, Provider, SignatureMismatch};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::transport::{ReqwestTransport, Transport};

const PROVIDER: Provider = Provider::Doku;

/// The longest Request-Id DOKU accepts.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// Whether to check the `Signature` of DOKU's responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseVerification {
    /// Reject successful responses whose signature is missing or wrong (default).
    #[default]
    Verify,
    /// Accept responses unverified: for test doubles only.
    Skip,
}

/// Where and as whom to call DOKU.
#[derive(Debug, Clone)]
pub struct Config {
    base_url: String,
    client_id: String,
    secret_key: Secret,
    timeout: Duration,
    retry: RetryPolicy,
    verification: ResponseVerification,
    fixed_timestamp: Option<String>,
}

impl Config {
    /// A configuration for any base URL (a proxy, a test server). The
    /// documented URLs come from the spec: `payspec::doku::Config::sandbox`
    /// and `::production`.
    pub fn new(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        Config {
            base_url: base_url.into(),
            client_id: client_id.into(),
            secret_key: secret_key.into(),
            timeout: ReqwestTransport::DEFAULT_TIMEOUT,
            retry: RetryPolicy::none(),
            verification: ResponseVerification::Verify,
            fixed_timestamp: None,
        }
    }

    /// The whole-exchange timeout of the default transport (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Retries for transient failures (default: none). See the module docs.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether to verify response signatures (default: verify).
    pub fn response_verification(mut self, verification: ResponseVerification) -> Self {
        self.verification = verification;
        self
    }

    /// Signs every request with this `Request-Timestamp` instead of the
    /// current time: for conformance cases (the spec's `cases:`, whose
    /// expected signatures are fixed) and replaying recorded requests. DOKU
    /// refuses stale timestamps, so never set it against DOKU itself.
    pub fn fixed_timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.fixed_timestamp = Some(timestamp.into());
        self
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn runtime(&self, transport: Arc<dyn Transport>) -> Runtime {
        let scheme = &crate::doku::AUTH;
        Runtime {
            provider: PROVIDER,
            scheme,
            credentials: super::credentials_in_order(
                scheme,
                [Secret::new(self.client_id.clone()), self.secret_key.clone()],
            ),
            base_url: self.base_url.clone(),
            retry: self.retry,
            verify_responses: self.verification == ResponseVerification::Verify,
            transport,
            fixed_now: self.fixed_timestamp.clone(),
        }
    }
}

/// A DOKU client; cheap to clone, share it.
#[derive(Clone)]
pub struct Client {
    config: Arc<Config>,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("doku::Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client over reqwest with the configured timeout.
    pub fn new(config: Config) -> Self {
        let transport = Arc::new(ReqwestTransport::new(config.timeout));
        Self::with_transport(config, transport)
    }

    /// A client over another HTTP stack; [`Config::timeout`] is then the
    /// transport's business.
    pub fn with_transport(config: Config, transport: Arc<dyn Transport>) -> Self {
        Client {
            runtime: Arc::new(config.runtime(transport)),
            config: Arc::new(config),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Validates, signs and sends `request` to `call`; decodes the response.
    // Low-level: what the generated endpoint methods call. Hidden from the
    // merchant-facing docs; public for them and for tooling.
    #[doc(hidden)]
    pub async fn call<Req, Resp>(&self, call: Call, request: &Req) -> Result<Resp, Error>
    where
        Req: Serialize + crate::validation::Validate,
        Resp: DeserializeOwned,
    {
        self.call_with(call, request, &CallOptions::new()).await
    }

    /// As [`Client::call`], with per-call options (the Request-Id).
    // Low-level: what the generated endpoint methods call. Hidden from the
    // merchant-facing docs; public for them and for tooling.
    #[doc(hidden)]
    pub async fn call_with<Req, Resp>(
        &self,
        call: Call,
        request: &Req,
        options: &CallOptions,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + crate::validation::Validate,
        Resp: DeserializeOwned,
    {
        let body = encode_request(PROVIDER, call.operation, request)?;
        self.execute(call, body, options).await
    }

    /// Signs and sends a call without a body (a GET: no `Digest` line).
    // Low-level: what the generated endpoint methods call. Hidden from the
    // merchant-facing docs; public for them and for tooling.
    #[doc(hidden)]
    pub async fn call_empty<Resp: DeserializeOwned>(&self, call: Call) -> Result<Resp, Error> {
        self.call_empty_with(call, &CallOptions::new()).await
    }

    /// As [`Client::call_empty`], with per-call options.
    // Low-level: what the generated endpoint methods call. Hidden from the
    // merchant-facing docs; public for them and for tooling.
    #[doc(hidden)]
    pub async fn call_empty_with<Resp: DeserializeOwned>(
        &self,
        call: Call,
        options: &CallOptions,
    ) -> Result<Resp, Error> {
        self.execute(call, Vec::new(), options).await
    }

    async fn execute<Resp: DeserializeOwned>(
        &self,
        call: Call,
        body: Vec<u8>,
        options: &CallOptions,
    ) -> Result<Resp, Error> {
        let exchange = self.runtime.exchange(&call, body, options).await?;
        self.interpret(&call, &exchange)
    }

    /// Maps a final response to the result.
    fn interpret<Resp: DeserializeOwned>(
        &self,
        call: &Call,
        exchange: &Exchange,
    ) -> Result<Resp, Error> {
        let response = &exchange.response;
        let status = response.status;
        let success = (200..300).contains(&status);
        // 409: DOKU saw this Request-Id and body before and replays the
        // original response; that original outcome is this call's result.
        let replay = status == 409;
        if success || replay {
            self.runtime.verify_response(call, exchange)?;
        }
        if success {
            return decode_json(PROVIDER, call.operation, status, &response.body);
        }
        if replay {
            if let Ok(original) = serde_json::from_slice::<Resp>(&response.body) {
                tracing::info!("DOKU replayed the original response for this Request-Id");
                return Ok(original);
            }
        }
        Err(api_error(call.operation, response).into())
    }
}

/// DOKU's error body: `{"error": {"code", "message", "type"}}`, sometimes
/// beside the echoed request; or a bare `{"message"}` from a gateway.
fn api_error(operation: &'static str, response: &crate::transport::HttpResponse) -> ApiError {
    let body: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
    let field = |path: &[&str]| {
        let mut value = body.as_ref()?;
        for key in path {
            value = value.get(key)?;
        }
        value.as_str().map(str::to_owned)
    };
    ApiError {
        provider: PROVIDER,
        operation,
        status: response.status,
        code: field(&["error", "code"]),
        message: field(&["error", "message"]).or_else(|| field(&["message"])),
        message_id: None,
        body,
    }
}

/// The headers of an inbound DOKU HTTP notification, as received.
#[derive(Debug, Clone, Copy)]
pub struct NotificationHeaders<'a> {
    /// `Client-Id`.
    pub client_id: &'a str,
    /// `Request-Id`.
    pub request_id: &'a str,
    /// `Request-Timestamp`.
    pub request_timestamp: &'a str,
    /// `Signature`, if present.
    pub signature: Option<&'a str>,
}

/// How far a notification's `Request-Timestamp` may be from this server's
/// clock for [`Notification::verify_fresh`], unless you choose otherwise:
/// five minutes, the window the sandbox applies to requests.
pub const DEFAULT_NOTIFICATION_MAX_AGE: Duration = payspec_signing::time::DEFAULT_TIMESTAMP_WINDOW;

/// Inbound DOKU HTTP notifications.
#[derive(Debug, Clone, Copy)]
pub struct Notification;

impl Notification {
    /// Verifies a notification's `Signature` and decodes its body as `T`.
    ///
    /// `target` is the path of your notification URL as DOKU called it
    /// (`/payments/notifications`); `raw_body` the request body exactly as
    /// received, before any JSON parsing.
    ///
    /// A valid signature proves origin, not freshness: a resent notification
    /// verifies again. [`Notification::verify_fresh`] also refuses an old
    /// one; either way, process each notification once (remember the
    /// `Request-Id`s you handled).
    pub fn verify<T: DeserializeOwned>(
        headers: &NotificationHeaders<'_>,
        target: &str,
        raw_body: &[u8],
        secret_key: &Secret,
    ) -> Result<T, Error> {
        Self::check_signature(headers, target, raw_body, secret_key)?;
        crate::notification::decode(PROVIDER, raw_body)
    }

    /// [`Notification::verify`], and then refuses a notification whose
    /// signed `Request-Timestamp` is more than `max_age` from this server's
    /// clock (either way) with [`Error::StaleNotification`].
    ///
    /// The signature covers the timestamp, so an attacker who captured a
    /// genuine notification cannot make it look recent: a replay older than
    /// `max_age` is refused. DOKU's pages give no window and do not say
    /// whether a retried notification carries a new timestamp; five minutes
    /// ([`DEFAULT_NOTIFICATION_MAX_AGE`]) is what the sandbox allows for
    /// requests. Within the window a replay still verifies: remember the
    /// `Request-Id`s you handled.
    ///
    /// ```
    /// use payspec::doku::{Notification, DEFAULT_NOTIFICATION_MAX_AGE};
    /// use payspec::{testing, Error, Secret};
    ///
    /// let secret_key = Secret::new("SK-your-secret-key");
    /// let body = br#"{"order":{"invoice_number":"INV-1","amount":90000}}"#;
    /// let target = "/payments/notifications";
    /// // What DOKU sends: here signed locally, once just now and once in 2020.
    /// let now = testing::now_utc_timestamp();
    /// for timestamp in [now.as_str(), "2020-08-11T08:45:42Z"] {
    ///     let signed = testing::doku_notification(
    ///         &secret_key, "BRN-0001", "notification-1", timestamp, target, body,
    ///     );
    ///     // In your handler: the request's `http::HeaderMap` and raw body.
    ///     let headers = signed.header_map();
    ///     let result = Notification::verify_fresh::<serde_json::Value>(
    ///         &Notification::headers(&headers)?, target, body, &secret_key,
    ///         DEFAULT_NOTIFICATION_MAX_AGE,
    ///     );
    ///     let signed_just_now = timestamp == now;
    ///     match result {
    ///         Ok(notification) if signed_just_now => {
    ///             assert_eq!(notification["order"]["amount"], 90000)
    ///         }
    ///         // Signed by DOKU, but years ago: an old notification sent again.
    ///         Err(Error::StaleNotification { .. }) if !signed_just_now => {}
    ///         other => panic!("{timestamp}: {other:?}"),
    ///     }
    /// }
    /// # Ok::<(), Error>(())
    /// ```
    pub fn verify_fresh<T: DeserializeOwned>(
        headers: &NotificationHeaders<'_>,
        target: &str,
        raw_body: &[u8],
        secret_key: &Secret,
        max_age: Duration,
    ) -> Result<T, Error> {
        Self::verify_fresh_at(
            headers,
            target,
            raw_body,
            secret_key,
            max_age,
            std::time::SystemTime::now(),
        )
    }

    /// [`Notification::verify_fresh`] against the clock reading `now`.
    fn verify_fresh_at<T: DeserializeOwned>(
        headers: &NotificationHeaders<'_>,
        target: &str,
        raw_body: &[u8],
        secret_key: &Secret,
        max_age: Duration,
        now: std::time::SystemTime,
    ) -> Result<T, Error> {
        // Signature first: an unsigned timestamp says nothing, and a forger
        // learns nothing from which check failed.
        Self::check_signature(headers, target, raw_body, secret_key)?;
        let fresh = payspec_signing::time::skew(headers.request_timestamp, now)
            .is_some_and(|skew| skew <= max_age);
        if !fresh {
            return Err(Error::StaleNotification {
                provider: PROVIDER,
                timestamp: headers.request_timestamp.to_owned(),
                max_age,
            });
        }
        crate::notification::decode(PROVIDER, raw_body)
    }

    fn check_signature(
        headers: &NotificationHeaders<'_>,
        target: &str,
        raw_body: &[u8],
        secret_key: &Secret,
    ) -> Result<(), Error> {
        let scheme = &crate::doku::AUTH;
        let mismatch = |reason: String| {
            Error::SignatureMismatch(SignatureMismatch {
                provider: PROVIDER,
                operation: "notification",
                reason: format!("notification signature: {reason}"),
            })
        };
        let Some(recipe) = &scheme.notification else {
            return Err(mismatch(
                "the spec declares no notification recipe".to_owned(),
            ));
        };
        let mut received = vec![
            ("Client-Id".to_owned(), headers.client_id.to_owned()),
            ("Request-Id".to_owned(), headers.request_id.to_owned()),
            (
                "Request-Timestamp".to_owned(),
                headers.request_timestamp.to_owned(),
            ),
        ];
        if let Some(signature) = headers.signature {
            received.push(("Signature".to_owned(), signature.to_owned()));
        }
        // Only the key: the Client-Id is read from the notification.
        let key_name = scheme
            .credentials
            .iter()
            .find(|c| c.kind == recipe::CredentialKind::Key)
            .map_or("secret_key", |c| &c.name);
        let credentials = Credentials::new().with(key_name.to_owned(), secret_key.clone());
        let mut cx = Context::new(&credentials);
        cx.headers = &received;
        let message = Message {
            method: "POST",
            target,
            query: None,
            body: raw_body,
            has_body: true,
        };
        recipe::verify(scheme, recipe, &message, &cx)
            .map(drop)
            .map_err(|e| mismatch(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use serde_json::Value;

    use super::*;

    const TARGET: &str = "/payments/notifications";
    const BODY: &[u8] = br#"{"order":{"invoice_number":"INV-1","amount":90000}}"#;
    // The docs' example timestamp, 2020-08-11T08:45:42Z, as seconds.
    const SIGNED_AT: u64 = 1_597_135_542;

    /// DOKU's notification signature, written out here (not the recipe).
    fn signature(secret: &str, timestamp: &str) -> String {
        use base64::Engine as _;
        use hmac::Mac as _;
        use sha2::Digest as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let digest = b64.encode(sha2::Sha256::digest(BODY));
        let text = format!(
            "Client-Id:BRN-0001\nRequest-Id:req-1\nRequest-Timestamp:{timestamp}\n\
             Request-Target:{TARGET}\nDigest:{digest}"
        );
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(text.as_bytes());
        format!("HMACSHA256={}", b64.encode(mac.finalize().into_bytes()))
    }

    fn verify_at(signature: &str, timestamp: &str, now_secs: u64) -> Result<Value, Error> {
        let headers = NotificationHeaders {
            client_id: "BRN-0001",
            request_id: "req-1",
            request_timestamp: timestamp,
            signature: Some(signature),
        };
        Notification::verify_fresh_at(
            &headers,
            TARGET,
            BODY,
            &Secret::new("SK-merchant"),
            DEFAULT_NOTIFICATION_MAX_AGE,
            UNIX_EPOCH + Duration::from_secs(now_secs),
        )
    }

    #[test]
    fn a_notification_within_the_window_either_way_is_accepted() {
        let stamp = "2020-08-11T08:45:42Z";
        let sig = signature("SK-merchant", stamp);
        for now in [SIGNED_AT, SIGNED_AT + 300, SIGNED_AT - 300] {
            let body = verify_at(&sig, stamp, now).expect("fresh");
            assert_eq!(body["order"]["amount"], 90000);
        }
    }

    #[test]
    fn an_old_or_future_notification_is_refused_as_stale() {
        let stamp = "2020-08-11T08:45:42Z";
        let sig = signature("SK-merchant", stamp);
        for now in [SIGNED_AT + 301, SIGNED_AT - 301, SIGNED_AT + 86_400 * 365] {
            match verify_at(&sig, stamp, now) {
                Err(Error::StaleNotification {
                    provider,
                    timestamp,
                    max_age,
                }) => {
                    assert_eq!(provider, Provider::Doku);
                    assert_eq!(timestamp, stamp);
                    assert_eq!(max_age, Duration::from_secs(300));
                }
                other => panic!("now = {now}: expected StaleNotification, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_signed_timestamp_that_is_not_utc_is_refused_as_stale() {
        // WIB written with an offset: signed, but not the documented form.
        let stamp = "2020-08-11T15:45:42+07:00";
        let sig = signature("SK-merchant", stamp);
        let err = verify_at(&sig, stamp, SIGNED_AT).unwrap_err();
        assert!(
            matches!(err, Error::StaleNotification { .. }),
            "got {err:?}"
        );
        assert!(
            err.to_string().contains("`2020-08-11T15:45:42+07:00`"),
            "{err}"
        );
    }

    #[test]
    fn the_signature_is_checked_before_the_timestamp() {
        // Old and forged: the forgery is what gets reported.
        let stamp = "2020-08-11T08:45:42Z";
        let forged = signature("SK-attacker", stamp);
        let err = verify_at(&forged, stamp, SIGNED_AT + 86_400).unwrap_err();
        assert!(matches!(err, Error::SignatureMismatch(_)), "got {err:?}");
        // A genuine signature over another timestamp does not cover this one.
        let genuine_then = signature("SK-merchant", stamp);
        let err = verify_at(&genuine_then, "2020-08-12T08:45:42Z", SIGNED_AT + 86_400).unwrap_err();
        assert!(matches!(err, Error::SignatureMismatch(_)), "got {err:?}");
    }

    #[test]
    fn the_public_entry_point_reads_the_system_clock() {
        let stamp = payspec_signing::time::utc_timestamp(SystemTime::now());
        let sig = signature("SK-merchant", &stamp);
        let headers = NotificationHeaders {
            client_id: "BRN-0001",
            request_id: "req-1",
            request_timestamp: &stamp,
            signature: Some(&sig),
        };
        let secret = Secret::new("SK-merchant");
        let fresh: Value = Notification::verify_fresh(
            &headers,
            TARGET,
            BODY,
            &secret,
            DEFAULT_NOTIFICATION_MAX_AGE,
        )
        .expect("signed just now");
        assert_eq!(fresh["order"]["invoice_number"], "INV-1");
        let old_signature = signature("SK-merchant", "2020-08-11T08:45:42Z");
        let old = NotificationHeaders {
            request_timestamp: "2020-08-11T08:45:42Z",
            signature: Some(&old_signature),
            ..headers
        };
        let err = Notification::verify_fresh::<Value>(
            &old,
            TARGET,
            BODY,
            &secret,
            DEFAULT_NOTIFICATION_MAX_AGE,
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::StaleNotification { .. }),
            "got {err:?}"
        );
    }
}
