//! Reading the four DOKU notification headers from the `http::HeaderMap`
//! a web framework (axum, hyper, actix-web 4 via `http`) hands a handler.

use crate::client::doku::{Notification, NotificationHeaders};
use crate::error::{Error, Provider, SignatureMismatch};

impl Notification {
    /// The `Client-Id`, `Request-Id`, `Request-Timestamp` and `Signature`
    /// headers of a notification request, for [`Notification::verify`] and
    /// [`Notification::verify_fresh`]. Header names are matched without
    /// regard to case.
    ///
    /// A missing (or non-text) `Client-Id`, `Request-Id` or
    /// `Request-Timestamp` is [`Error::SignatureMismatch`] naming it: the
    /// signature covers them, so the notification cannot be checked. A
    /// missing `Signature` is reported the same way by the verification.
    ///
    /// ```
    /// use payspec::doku::{Notification, DEFAULT_NOTIFICATION_MAX_AGE};
    /// use payspec::{testing, Error, Secret};
    ///
    /// # let secret_key = Secret::new("SK-your-secret-key");
    /// # let body = br#"{"order":{"invoice_number":"INV-1"}}"#;
    /// # let target = "/payments/notifications";
    /// # let headers = testing::doku_notification(
    /// #     &secret_key, "BRN-0001", "n-1", &testing::now_utc_timestamp(), target, body,
    /// # ).header_map();
    /// // In a handler given `headers: &http::HeaderMap` and the raw `body`:
    /// let notification: serde_json::Value = Notification::verify_fresh(
    ///     &Notification::headers(&headers)?,
    ///     target,
    ///     body,
    ///     &secret_key,
    ///     DEFAULT_NOTIFICATION_MAX_AGE,
    /// )?;
    /// # assert_eq!(notification["order"]["invoice_number"], "INV-1");
    ///
    /// let missing = Notification::headers(&http::HeaderMap::new()).unwrap_err();
    /// assert!(missing.to_string().contains("Client-Id"), "{missing}");
    /// # Ok::<(), Error>(())
    /// ```
    pub fn headers(map: &http::HeaderMap) -> Result<NotificationHeaders<'_>, Error> {
        let text = |name: &str| map.get(name).and_then(|v| v.to_str().ok());
        let required = |name: &'static str| {
            text(name).ok_or_else(|| {
                Error::SignatureMismatch(SignatureMismatch {
                    provider: Provider::Doku,
                    operation: "notification",
                    reason: format!(
                        "the notification has no text `{name}` header, which its signature covers"
                    ),
                })
            })
        };
        Ok(NotificationHeaders {
            client_id: required("Client-Id")?,
            request_id: required("Request-Id")?,
            request_timestamp: required("Request-Timestamp")?,
            signature: text("Signature"),
        })
    }
}
