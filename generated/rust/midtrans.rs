/// Midtrans Core API. "Cancel transaction is triggered to void the
/// transaction. If transaction is already settled (status : settlement ) you
/// should perform refund instead if the payment method supports it." "Cancel
/// API can be used in both Core API and Snap integrations."
///
/// Amounts arrive as decimal strings ("30000.00") and are parsed exactly.
///
/// Specified from the provider docs `midtrans-cancel.txt`, `midtrans-get-status.txt`, `midtrans-get-status-guide.txt`, `midtrans-capture.txt`, `midtrans-refund.txt`, `midtrans-direct-refund.txt`, `midtrans-expire.txt`, `midtrans-approve.txt`, `midtrans-deny.txt`, `midtrans-transaction-status-cycle.txt`, `midtrans-status-codes.txt`, `midtrans-auth-headers.txt`, `midtrans-charge-bank-transfer.txt`, `midtrans-bank-transfer-object.txt`, `midtrans-http-notification.txt`.
///
/// # Authentication
///
/// The provided page does not describe authentication. Midtrans' public
/// documentation (not the provided page) specifies HTTP Basic
/// authentication with the Server Key as the username and an empty
/// password: `Authorization: Basic base64(server_key + ":")`, which the
/// runtime sends on every request along with `Accept: application/json`.
///
/// # Discrepancies in the provider docs
///
/// Where the docs contradict themselves, the generated code follows these choices:
/// - `TransactionStatus`: The table lists only capture, deny and authorize ("after charge"), yet every sample on this cancel page says cancel and the prose names settlement. All five are documented values; any other value deserialises as Unknown.
/// - `AcquiringBank`: The table spells banks BNI, Mandiri, BCA, BRI, MAYBANK; the samples send lowercase. The enum's wire values are lowercase; other spellings deserialise as Unknown.
/// - `transaction_time`: Described as ISO 8601, but every sample is "YYYY-MM-DD HH:MM:SS" (space, no offset). Read as a string in that local GMT+7 form (format local_date_time); it is not parsed as ISO 8601.
/// - `path`: The request line has an empty path segment and a stray "?"; the endpoint table has the identifier between the slashes. The generated code sends POST /v2/{id}/cancel, with `id` percent-encoded, no query string and no body.
/// - `settlement_time of a cancelled transaction`: Only unsettled transactions can be cancelled, yet the cancel sample carries a settlement_time. settlement_time is optional and read as returned; its presence says nothing about the status.
/// - `signature_key`: The notification sample carries signature_key, approval_code and eci, none of which the attribute table lists. All three are read as optional strings.
/// - `status_code of the notification`: One table describes both bodies, but the response says "200" and the notification "202" (with status_message "midtrans payment notification") for the same cancellation. status_code is read as any string; callers should judge the outcome by transaction_status.
/// - `masked_card`: The reference page says 8+4 digits (samples "48111111-1114"), the guide's table 6+4, and its 2021 sample is "481111-1114". Read as any string; its length is not checked.
/// - `transaction_time`: The reference table says ISO 8601; the guide and every sample give "YYYY-MM-DD HH:MM:SS" in GMT+7 without an offset. Read as a string in that local form (format local_date_time).
/// - `payment_option_type`: The success sample is a credit_card transaction yet carries payment_option_type GOPAY_WALLET, which the table reserves for GoPay. Read whenever present, whatever the payment_type.
/// - `actions`: Typed Object, but the sample opens an array of action objects (and never closes it). Read as an array of objects.
/// - `samples that are not JSON`: Three samples are not JSON: "Success (Refund)" and "Success (Refunded Trx - Bank Confirmed)" end their refunds array with a trailing comma, and "Pending (DANA & ShopeePay)" never closes its actions array. They are not examples. Their fields (refunds\[\] with refund_chargeback_id, refund_amount, created_at, reason, refund_key, refund_method, bank_confirmed_at; actions\[\]) are all declared, so the same bodies in valid JSON deserialise.
/// - `transaction_status spelling`: The DANA & ShopeePay pending sample spells the status in capitals, the OVO one in lower case, as every other value. The enum's wire value is "pending"; "PENDING" deserialises as `TransactionStatus::Unknown("PENDING")` and is sent back unchanged.
/// - `HTTP status of failures`: The explorer puts the 404 body under HTTP 200 and the 401 body under HTTP 401. The client judges by the body's status_code whatever the HTTP status: any status_code outside 2xx is `Error::Api` with that code.
/// - `refund_chargeback_id type`: This page types it Long, the refund pages String; every sample sends a JSON number. Read and sent as an integer.
pub mod midtrans {
    pub use payspec_midtrans_types::*;

    /// Where Midtrans requests are sent.
    ///
    /// - `sandbox`: `https://api.sandbox.midtrans.com`
    /// - `production`: `https://api.midtrans.com`
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Environment {
        /// `https://api.sandbox.midtrans.com`
        ///
        /// From the page's request line "post <https://api.sandbox.midtrans.com/v2//cancel?>".
        Sandbox,
        /// `https://api.midtrans.com`
        ///
        /// From Midtrans' public documentation, not the provided page: the page shows only the sandbox URL and "BASE_URL/v2/{order_id OR transaction_id}/cancel".
        Production,
        /// Another base URL (a mock server, a proxy), without a trailing slash.
        Custom(String),
    }

    impl Environment {
        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            match self {
                Self::Sandbox => "https://api.sandbox.midtrans.com",
                Self::Production => "https://api.midtrans.com",
                Self::Custom(url) => url,
            }
        }
    }

    /// Every endpoint and notification of Midtrans, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests).
    ///
    /// - `cancel`: `POST /v2/{id}/cancel`
    /// - `cancel_notification`: notification
    /// - `get_status`: `GET /v2/{id}/status`
    pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "cancel",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/{id}/cancel"),
            request: None,
            responses: &[(200, crate::registry::decode::<core::CancelResponse>)],
            errors: &[("cannot_modify", crate::registry::decode::<core::CancelRejected>)],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "cancel_notification",
            kind: crate::registry::EndpointKind::Notification,
            method: None,
            path: None,
            request: Some(crate::registry::decode::<core::CancelNotification>),
            responses: &[],
            errors: &[],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "get_status",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Get),
            path: Some("/v2/{id}/status"),
            request: None,
            responses: &[
                (200, crate::registry::decode::<core::GetStatusResponse>),
                (401, crate::registry::decode::<core::GetStatusUnauthorized>),
            ],
            errors: &[("not_found", crate::registry::decode::<core::GetStatusNotFound>)],
        },
    ];

    /// Every decision table of Midtrans, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards).
    ///
    /// - `card_cancel_window`
    pub static DECISIONS: &[crate::registry::DecisionInfo] = &[
        crate::registry::DecisionInfo {
            provider: "midtrans",
            name: "card_cancel_window",
            inputs: &["bank"],
            boolean: false,
            evaluate: |inputs| {
                let input0: AcquiringBank = crate::registry::input_enum(inputs, "bank")?;
                Ok(
                    card_cancel_window(&input0)
                        .as_ref()
                        .map(crate::registry::output_enum),
                )
            },
        },
    ];

    pub use crate::client::midtrans::{Client, Config, Notification, TransactionRef};

    impl Config {
        /// Midtrans sandbox, `https://api.sandbox.midtrans.com`.
        ///
        /// `server_key`: the server key (HTTP Basic user name).
        pub fn sandbox(server_key: impl Into<crate::Secret>) -> Self {
            Self::new(Environment::Sandbox.base_url(), server_key)
        }

        /// Midtrans production, `https://api.midtrans.com`.
        ///
        /// `server_key`: the server key (HTTP Basic user name).
        pub fn production(server_key: impl Into<crate::Secret>) -> Self {
            Self::new(Environment::Production.base_url(), server_key)
        }

        /// A configuration for `environment` (from configuration files: `Environment::Custom` for any other URL).
        ///
        /// `server_key`: the server key (HTTP Basic user name).
        pub fn for_environment(
            environment: Environment,
            server_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(environment.base_url(), server_key)
        }
    }

    impl Client {
        /// Cancel (void) a transaction that has not been settled.
        ///
        /// `POST /v2/{id}/cancel`
        ///
        /// "Cancel transaction is triggered to void the transaction. If transaction
        /// is already settled (status : settlement ) you should perform refund
        /// instead if the payment method supports it."
        ///
        /// "Card payment can be voided with Cancel method if the transaction has not
        /// been settled. The time interval during which the pre-authorized
        /// transaction can be cancelled depends on the Acquiring Bank." See
        /// `card_cancel_window`.
        ///
        /// The request has no body. The result comes back in the response and again
        /// as an HTTP notification (`cancel_notification`).
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::client::PathParam`].
        ///
        /// - `id`: The transaction to cancel: its order_id ("Order ID specified by you.") or its transaction_id ("Transaction ID given by Midtrans."), as in "BASE_URL/v2/{order_id OR transaction_id}/cancel". Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::CancelResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status or a non-2xx `status_code` in the body, even under HTTP 200 (`status_code` and `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::CancelRejected`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn cancel(
            &self,
            id: impl crate::client::PathParam,
        ) -> Result<core::CancelResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty(
                    crate::client::Call::post(
                        "cancel",
                        format!("/v2/{id_segment}/cancel"),
                    ),
                )
                .await
        }

        /// Get the transaction_status and other details of a transaction.
        ///
        /// `GET /v2/{id}/status`
        ///
        /// "Get Transaction Status is triggered to obtain the transaction_status and
        /// other details of a specific transaction. Get Status API can be used by both
        /// Snap and Core API integration."
        ///
        /// "If you're using BI SNAP and DANA payment methods, please only use
        /// Transaction ID to get status. Otherwise it won't work."
        ///
        /// "Please expect that the actual API response may have slight variations
        /// (more/less JSON fields), depending on conditions (like different payment
        /// methods will have different fields, etc.)." Every response attribute is
        /// therefore optional except status_code and status_message.
        ///
        /// Specified from midtrans-get-status.txt (the reference page, its card
        /// variant and its API explorer); the samples, status codes and refund
        /// details of the guide page midtrans-get-status-guide.txt are included too
        /// (its "JSON with Point Information" sample is the reference page's, so it is
        /// one example).
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::client::PathParam`].
        ///
        /// - `id`: The transaction to look up: "The order id or transaction id of the transaction you want to look up.", as in "BASE_URL/v2/{order_id OR transaction_id}/status". "If you're using BI SNAP and DANA payment methods, please only use Transaction ID to get status." Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::GetStatusResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status or a non-2xx `status_code` in the body, even under HTTP 200 (`status_code` and `status_message` in [`crate::ApiError`]); documented error bodies: `not_found` ([`core::GetStatusNotFound`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn get_status(
            &self,
            id: impl crate::client::PathParam,
        ) -> Result<core::GetStatusResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty(
                    crate::client::Call::get(
                        "get_status",
                        format!("/v2/{id_segment}/status"),
                    ),
                )
                .await
        }
    }

    /// Verifies and decodes the `cancel_notification` notification: HTTP notification Midtrans sends after a transaction is cancelled.
    ///
    /// `raw_body` is the request body exactly as received; its `signature_key` must be the SHA-512 of `order_id + status_code + gross_amount + server key`.
    ///
    /// # Replays
    ///
    /// A valid signature proves the provider sent this body, not that it is new: a captured notification verifies again when resent. Process each one once, e.g. by remembering the transaction id and status you have already handled.
    ///
    /// # Errors
    ///
    /// - [`crate::Error::SignatureMismatch`]: the signature is missing or wrong; do not trust the body.
    /// - [`crate::Error::Decode`]: the body is not the documented JSON (the failing path is named).
    pub fn verify_cancel_notification(
        raw_body: impl AsRef<[u8]>,
        server_key: &crate::Secret,
    ) -> Result<core::CancelNotification, crate::Error> {
        Notification::verify(raw_body, server_key)
    }

    /// When Midtrans can cancel a pre-authorized card payment acquired by `bank`; `None` for a bank the table does not list. In every case "Card payment can be voided with Cancel method if the transaction has not been settled."
    ///
    /// # Parameters
    ///
    /// - `bank`: The transaction's acquiring bank (its `bank` attribute).
    ///
    /// Returns `None` when no row of the table matches: the docs do not say.
    ///
    /// # Source
    ///
    /// > The time interval during which the pre-authorized transaction can be cancelled depends on the Acquiring Bank. Acquiring Bank | Trigger Cancel Method | ---|---| BNI | After pre-authorization payment has been captured. | Mandiri | After the initial charge of the pre-authorized payment. | BCA, BRI, MAYBANK | Before and after pre-authorization payment has been captured. |
    ///
    /// # Table
    ///
    /// The first matching row wins.
    ///
    /// | `bank` | result |
    /// | --- | --- |
    /// | `"bni"` | `"AFTER_CAPTURE"` |
    /// | `"mandiri"` | `"AFTER_INITIAL_CHARGE"` |
    /// | `"bca"` or `"bri"` or `"maybank"` | `"BEFORE_AND_AFTER_CAPTURE"` |
    pub fn card_cancel_window(bank: &AcquiringBank) -> Option<CardCancelWindow> {
        if matches!(bank, AcquiringBank::Bni) {
            return Some(CardCancelWindow::AfterCapture);
        }
        if matches!(bank, AcquiringBank::Mandiri) {
            return Some(CardCancelWindow::AfterInitialCharge);
        }
        if matches!(
            bank, AcquiringBank::Bca | AcquiringBank::Bri | AcquiringBank::Maybank
        ) {
            return Some(CardCancelWindow::BeforeAndAfterCapture);
        }
        None
    }
}
