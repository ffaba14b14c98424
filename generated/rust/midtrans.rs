/// Midtrans Core API. "Cancel transaction is triggered to void the
/// transaction. If transaction is already settled (status : settlement ) you
/// should perform refund instead if the payment method supports it." "Cancel
/// API can be used in both Core API and Snap integrations."
///
/// Amounts arrive as decimal strings ("30000.00") and are parsed exactly.
///
/// Specified from the provider docs `midtrans-cancel.txt`.
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
pub mod midtrans {
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
    }

    impl core::CancelNotification {
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
        pub fn verify(
            raw_body: impl AsRef<[u8]>,
            server_key: &crate::Secret,
        ) -> Result<Self, crate::Error> {
            Notification::verify(raw_body, server_key)
        }
    }

    /// transaction_status: "Transaction status after charge credit card transaction." Values collected from the whole page: the attribute table (capture, deny, authorize), the samples (cancel) and the prose (settlement).
    ///
    /// A value the docs do not list arrives as [`TransactionStatus::Unknown`] instead of failing; in a request it is reported by `validate()`.
    ///
    /// # Discrepancy in the provider docs
    ///
    /// About `TransactionStatus`. The docs say, in one place:
    ///
    /// > transaction_status | Transaction status after charge credit card transaction. Possible values arecapture : Transaction is accepted by the bank and ready for settlement.
    ///
    /// and in another:
    ///
    /// > deny : transaction is denied by the bank or FDS.authorize : Credit card is authorized in pre-authorization feature.
    ///
    /// and in another:
    ///
    /// > "transaction_status" : "cancel",
    ///
    /// and in another:
    ///
    /// > If transaction is already settled (status : settlement
    ///
    /// Accepted: The table lists only capture, deny and authorize ("after charge"), yet every sample on this cancel page says cancel and the prose names settlement. All five are documented values; any other value deserialises as Unknown.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum TransactionStatus {
        /// `"capture"`
        ///
        /// Transaction is accepted by the bank and ready for settlement. Note: Cancel transaction to deny / cancel it. Otherwise, transaction is settled automatically.
        Capture,
        /// `"deny"`
        ///
        /// transaction is denied by the bank or FDS.
        Deny,
        /// `"authorize"`
        ///
        /// Credit card is authorized in pre-authorization feature.
        Authorize,
        /// `"cancel"`
        ///
        /// The transaction was cancelled (voided): the value in the cancel response and notification samples, "transaction_status" : "cancel".
        Cancel,
        /// `"settlement"`
        ///
        /// The transaction is settled: "If transaction is already settled (status : settlement ) you should perform refund instead".
        Settlement,
        /// A value the docs do not list, kept as received.
        Unknown(String),
    }

    impl TransactionStatus {
        /// The documented wire values, in the docs' order.
        pub const VALUES: &'static [&'static str] = &[
            "capture",
            "deny",
            "authorize",
            "cancel",
            "settlement",
        ];

        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Capture => "capture",
                Self::Deny => "deny",
                Self::Authorize => "authorize",
                Self::Cancel => "cancel",
                Self::Settlement => "settlement",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for TransactionStatus {
        fn from(value: &str) -> Self {
            match value {
                "capture" => Self::Capture,
                "deny" => Self::Deny,
                "authorize" => Self::Authorize,
                "cancel" => Self::Cancel,
                "settlement" => Self::Settlement,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for TransactionStatus {
        fn from(value: String) -> Self {
            match value.as_str() {
                "capture" => Self::Capture,
                "deny" => Self::Deny,
                "authorize" => Self::Authorize,
                "cancel" => Self::Cancel,
                "settlement" => Self::Settlement,
                _ => Self::Unknown(value),
            }
        }
    }

    impl std::fmt::Display for TransactionStatus {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.as_str())
        }
    }

    impl serde::Serialize for TransactionStatus {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for TransactionStatus {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_wire_enum(deserializer)
        }
    }

    impl crate::wire::WireEnum for TransactionStatus {
        fn as_wire(&self) -> &str {
            self.as_str()
        }

        fn is_unknown(&self) -> bool {
            matches!(self, Self::Unknown(_))
        }

        fn documented(&self) -> &'static [&'static str] {
            Self::VALUES
        }
    }

    /// fraud_status: "Detection result by Fraud Detection System (FDS)."
    ///
    /// A value the docs do not list arrives as [`FraudStatus::Unknown`] instead of failing; in a request it is reported by `validate()`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum FraudStatus {
        /// `"accept"`
        ///
        /// Approved by FDS.
        Accept,
        /// `"deny"`
        ///
        /// Denied by FDS. Transaction automatically failed.
        Deny,
        /// A value the docs do not list, kept as received.
        Unknown(String),
    }

    impl FraudStatus {
        /// The documented wire values, in the docs' order.
        pub const VALUES: &'static [&'static str] = &["accept", "deny"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Accept => "accept",
                Self::Deny => "deny",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for FraudStatus {
        fn from(value: &str) -> Self {
            match value {
                "accept" => Self::Accept,
                "deny" => Self::Deny,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for FraudStatus {
        fn from(value: String) -> Self {
            match value.as_str() {
                "accept" => Self::Accept,
                "deny" => Self::Deny,
                _ => Self::Unknown(value),
            }
        }
    }

    impl std::fmt::Display for FraudStatus {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.as_str())
        }
    }

    impl serde::Serialize for FraudStatus {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for FraudStatus {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_wire_enum(deserializer)
        }
    }

    impl crate::wire::WireEnum for FraudStatus {
        fn as_wire(&self) -> &str {
            self.as_str()
        }

        fn is_unknown(&self) -> bool {
            matches!(self, Self::Unknown(_))
        }

        fn documented(&self) -> &'static [&'static str] {
            Self::VALUES
        }
    }

    /// bank: "The acquiring bank of the transaction." Wire values are lowercase, as the samples send them ("bank" : "bni", "bank": "mandiri"); the card-cancel table names the banks in capitals.
    ///
    /// A value the docs do not list arrives as [`AcquiringBank::Unknown`] instead of failing; in a request it is reported by `validate()`.
    ///
    /// # Discrepancy in the provider docs
    ///
    /// About `AcquiringBank`. The docs say, in one place:
    ///
    /// > BCA, BRI, MAYBANK | Before and after pre-authorization payment has been captured. |
    ///
    /// and in another:
    ///
    /// > "bank" : "bni",
    ///
    /// and in another:
    ///
    /// > "bank": "mandiri",
    ///
    /// Accepted: The table spells banks BNI, Mandiri, BCA, BRI, MAYBANK; the samples send lowercase. The enum's wire values are lowercase; other spellings deserialise as Unknown.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum AcquiringBank {
        /// `"bni"`
        ///
        /// BNI.
        Bni,
        /// `"mandiri"`
        ///
        /// Mandiri.
        Mandiri,
        /// `"bca"`
        ///
        /// BCA.
        Bca,
        /// `"bri"`
        ///
        /// BRI.
        Bri,
        /// `"maybank"`
        ///
        /// Maybank.
        Maybank,
        /// A value the docs do not list, kept as received.
        Unknown(String),
    }

    impl AcquiringBank {
        /// The documented wire values, in the docs' order.
        pub const VALUES: &'static [&'static str] = &[
            "bni",
            "mandiri",
            "bca",
            "bri",
            "maybank",
        ];

        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Bni => "bni",
                Self::Mandiri => "mandiri",
                Self::Bca => "bca",
                Self::Bri => "bri",
                Self::Maybank => "maybank",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for AcquiringBank {
        fn from(value: &str) -> Self {
            match value {
                "bni" => Self::Bni,
                "mandiri" => Self::Mandiri,
                "bca" => Self::Bca,
                "bri" => Self::Bri,
                "maybank" => Self::Maybank,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for AcquiringBank {
        fn from(value: String) -> Self {
            match value.as_str() {
                "bni" => Self::Bni,
                "mandiri" => Self::Mandiri,
                "bca" => Self::Bca,
                "bri" => Self::Bri,
                "maybank" => Self::Maybank,
                _ => Self::Unknown(value),
            }
        }
    }

    impl std::fmt::Display for AcquiringBank {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.as_str())
        }
    }

    impl serde::Serialize for AcquiringBank {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for AcquiringBank {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_wire_enum(deserializer)
        }
    }

    impl crate::wire::WireEnum for AcquiringBank {
        fn as_wire(&self) -> &str {
            self.as_str()
        }

        fn is_unknown(&self) -> bool {
            matches!(self, Self::Unknown(_))
        }

        fn documented(&self) -> &'static [&'static str] {
            Self::VALUES
        }
    }

    /// When a pre-authorized card payment can be cancelled, by acquiring bank. Not a wire value.
    ///
    /// A value the docs do not list arrives as [`CardCancelWindow::Unknown`] instead of failing; in a request it is reported by `validate()`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum CardCancelWindow {
        /// `"AFTER_CAPTURE"`
        ///
        /// After pre-authorization payment has been captured.
        AfterCapture,
        /// `"AFTER_INITIAL_CHARGE"`
        ///
        /// After the initial charge of the pre-authorized payment.
        AfterInitialCharge,
        /// `"BEFORE_AND_AFTER_CAPTURE"`
        ///
        /// Before and after pre-authorization payment has been captured.
        BeforeAndAfterCapture,
        /// A value the docs do not list, kept as received.
        Unknown(String),
    }

    impl CardCancelWindow {
        /// The documented wire values, in the docs' order.
        pub const VALUES: &'static [&'static str] = &[
            "AFTER_CAPTURE",
            "AFTER_INITIAL_CHARGE",
            "BEFORE_AND_AFTER_CAPTURE",
        ];

        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::AfterCapture => "AFTER_CAPTURE",
                Self::AfterInitialCharge => "AFTER_INITIAL_CHARGE",
                Self::BeforeAndAfterCapture => "BEFORE_AND_AFTER_CAPTURE",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for CardCancelWindow {
        fn from(value: &str) -> Self {
            match value {
                "AFTER_CAPTURE" => Self::AfterCapture,
                "AFTER_INITIAL_CHARGE" => Self::AfterInitialCharge,
                "BEFORE_AND_AFTER_CAPTURE" => Self::BeforeAndAfterCapture,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for CardCancelWindow {
        fn from(value: String) -> Self {
            match value.as_str() {
                "AFTER_CAPTURE" => Self::AfterCapture,
                "AFTER_INITIAL_CHARGE" => Self::AfterInitialCharge,
                "BEFORE_AND_AFTER_CAPTURE" => Self::BeforeAndAfterCapture,
                _ => Self::Unknown(value),
            }
        }
    }

    impl std::fmt::Display for CardCancelWindow {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.as_str())
        }
    }

    impl serde::Serialize for CardCancelWindow {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for CardCancelWindow {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_wire_enum(deserializer)
        }
    }

    impl crate::wire::WireEnum for CardCancelWindow {
        fn as_wire(&self) -> &str {
            self.as_str()
        }

        fn is_unknown(&self) -> bool {
            matches!(self, Self::Unknown(_))
        }

        fn documented(&self) -> &'static [&'static str] {
            Self::VALUES
        }
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

    /// Midtrans `core` API: request, response and error types.
    ///
    /// - `cancel`: Cancel (void) a transaction that has not been settled.
    /// - `cancel_notification`: HTTP notification Midtrans sends after a transaction is cancelled.
    pub mod core {
        use super::*;

        /// "Cancel Transaction Response and Notification": the cancelled transaction. The attribute table has no presence column; status_code and status_message appear in every sample and are required, the rest is optional so that any real response deserialises.
        ///
        /// Response body (HTTP 200) of `POST /v2/{id}/cancel` (endpoint `cancel`).
        ///
        /// # Examples from the provider docs
        ///
        /// success:
        ///
        /// ```json
        /// {
        /// "status_code" : "200",
        /// "status_message" : "Success, transaction is canceled",
        /// "transaction_id" : "249fc620-6017-4540-af7c-5a1c25788f46",
        /// "masked_card" : "48111111-1114",
        /// "order_id" : "example-1424936368",
        /// "payment_type" : "credit_card",
        /// "transaction_time" : "2015-02-26 14:39:33",
        /// "transaction_status" : "cancel",
        /// "fraud_status" : "accept",
        /// "bank" : "bni",
        /// "gross_amount" : "30000.00",
        /// "channel": "dragon",
        /// "expiry_time":"2015-03-06 14:39:33",
        /// "settlement_time":"2015-02-26 19:00:00"
        /// }
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct CancelResponse {
            /// Status code of transaction cancel result.
            ///
            /// Mandatory.
            pub status_code: String,
            /// Description of transaction cancel result.
            ///
            /// Mandatory.
            pub status_message: String,
            /// Transaction ID given by Midtrans.
            ///
            /// Optional.
            pub transaction_id: Option<String>,
            /// First 8-digits and last 4-digits of customer's credit card number.
            ///
            /// Optional.
            pub masked_card: Option<String>,
            /// Order ID specified by you.
            ///
            /// Optional.
            pub order_id: Option<String>,
            /// The payment method used by the customer.
            ///
            /// Optional.
            pub payment_type: Option<String>,
            /// Timestamp of transaction in ISO 8601 format. Time Zone: GMT+7.
            ///
            /// Optional. Format: `YYYY-MM-DD HH:MM:SS`.
            ///
            /// # Discrepancy in the provider docs
            ///
            /// About `transaction_time`. The docs say, in one place:
            ///
            /// > transaction_time | Timestamp of transaction in ISO 8601 format. Time Zone: GMT+7. | String |
            ///
            /// and in another:
            ///
            /// > "transaction_time" : "2015-02-26 14:39:33",
            ///
            /// Accepted: Described as ISO 8601, but every sample is "YYYY-MM-DD HH:MM:SS" (space, no offset). Read as a string in that local GMT+7 form (format local_date_time); it is not parsed as ISO 8601.
            pub transaction_time: Option<String>,
            /// Transaction status after charge credit card transaction. Possible values are capture, deny, authorize (and, on this page, cancel).
            ///
            /// Optional.
            pub transaction_status: Option<TransactionStatus>,
            /// Detection result by Fraud Detection System (FDS). Possible values are accept : Approved by FDS. deny : Denied by FDS. Transaction automatically failed.
            ///
            /// Optional.
            pub fraud_status: Option<FraudStatus>,
            /// The acquiring bank of the transaction.
            ///
            /// Optional.
            pub bank: Option<AcquiringBank>,
            /// Total amount of transaction in IDR. A decimal string with two decimals ("30000.00"), parsed exactly and kept as received for signature checks.
            ///
            /// Optional.
            pub gross_amount: Option<crate::money::Decimal>,
            /// The name of the payment channel provider. Provided if channel attribute on charge api request is present. More details on request and possible values are available on Card Feature: Specific Channel.
            ///
            /// Optional.
            pub channel: Option<String>,
            /// For regular card transactions (non-recurring, non-one-click, non-two-click token) and the 3DS redirect_url expires in 10 minutes. For authorized transaction expires in 8 days.
            ///
            /// Optional. Format: `YYYY-MM-DD HH:MM:SS`.
            pub expiry_time: Option<String>,
            /// Credit card settlement time refers to the duration it takes for a credit card transaction to be processed and transaction_status change to settlement.
            ///
            /// Optional. Format: `YYYY-MM-DD HH:MM:SS`.
            pub settlement_time: Option<String>,
        }

        impl serde::Serialize for CancelResponse {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("status_code", &self.status_code)?;
                object.field("status_message", &self.status_message)?;
                object.optional("transaction_id", &self.transaction_id)?;
                object.optional("masked_card", &self.masked_card)?;
                object.optional("order_id", &self.order_id)?;
                object.optional("payment_type", &self.payment_type)?;
                object.optional("transaction_time", &self.transaction_time)?;
                object.optional("transaction_status", &self.transaction_status)?;
                object.optional("fraud_status", &self.fraud_status)?;
                object.optional("bank", &self.bank)?;
                object.optional("gross_amount", &self.gross_amount)?;
                object.optional("channel", &self.channel)?;
                object.optional("expiry_time", &self.expiry_time)?;
                object.optional("settlement_time", &self.settlement_time)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for CancelResponse {
            const EXPECTING: &'static str = "struct CancelResponse";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut status_code = None;
                let mut status_message = None;
                let mut transaction_id = None;
                let mut masked_card = None;
                let mut order_id = None;
                let mut payment_type = None;
                let mut transaction_time = None;
                let mut transaction_status = None;
                let mut fraud_status = None;
                let mut bank = None;
                let mut gross_amount = None;
                let mut channel = None;
                let mut expiry_time = None;
                let mut settlement_time = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "status_code" => map.value(&mut status_code, "status_code")?,
                        "status_message" => {
                            map.value(&mut status_message, "status_message")?
                        }
                        "transaction_id" => {
                            map.value(&mut transaction_id, "transaction_id")?
                        }
                        "masked_card" => map.value(&mut masked_card, "masked_card")?,
                        "order_id" => map.value(&mut order_id, "order_id")?,
                        "payment_type" => map.value(&mut payment_type, "payment_type")?,
                        "transaction_time" => {
                            map.value(&mut transaction_time, "transaction_time")?
                        }
                        "transaction_status" => {
                            map.value(&mut transaction_status, "transaction_status")?
                        }
                        "fraud_status" => map.value(&mut fraud_status, "fraud_status")?,
                        "bank" => map.value(&mut bank, "bank")?,
                        "gross_amount" => map.value(&mut gross_amount, "gross_amount")?,
                        "channel" => map.value(&mut channel, "channel")?,
                        "expiry_time" => map.value(&mut expiry_time, "expiry_time")?,
                        "settlement_time" => {
                            map.value(&mut settlement_time, "settlement_time")?
                        }
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    status_code: map.required(status_code, "status_code")?,
                    status_message: map.required(status_message, "status_message")?,
                    transaction_id: crate::wire::optional(transaction_id),
                    masked_card: crate::wire::optional(masked_card),
                    order_id: crate::wire::optional(order_id),
                    payment_type: crate::wire::optional(payment_type),
                    transaction_time: crate::wire::optional(transaction_time),
                    transaction_status: crate::wire::optional(transaction_status),
                    fraud_status: crate::wire::optional(fraud_status),
                    bank: crate::wire::optional(bank),
                    gross_amount: crate::wire::optional(gross_amount),
                    channel: crate::wire::optional(channel),
                    expiry_time: crate::wire::optional(expiry_time),
                    settlement_time: crate::wire::optional(settlement_time),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for CancelResponse {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        /// The transaction's status cannot be changed any more (for example it is already settled). The page shows this body with status_code "412" but not the HTTP status it comes with.
        ///
        /// Error body `cannot_modify` of `POST /v2/{id}/cancel` (endpoint `cancel`).
        ///
        /// # Examples from the provider docs
        ///
        /// status_412:
        ///
        /// ```json
        /// {
        /// "status_code" : "412",
        /// "status_message" : "Merchant cannot modify the status of the transaction"
        /// }
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct CancelRejected {
            /// Status code of transaction cancel result.
            ///
            /// Mandatory.
            pub status_code: String,
            /// Description of transaction cancel result.
            ///
            /// Mandatory.
            pub status_message: String,
        }

        impl serde::Serialize for CancelRejected {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("status_code", &self.status_code)?;
                object.field("status_message", &self.status_message)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for CancelRejected {
            const EXPECTING: &'static str = "struct CancelRejected";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut status_code = None;
                let mut status_message = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "status_code" => map.value(&mut status_code, "status_code")?,
                        "status_message" => {
                            map.value(&mut status_message, "status_message")?
                        }
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    status_code: map.required(status_code, "status_code")?,
                    status_message: map.required(status_message, "status_message")?,
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for CancelRejected {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        /// The notification body. The attribute table has no presence column; status_code and status_message are in every sample and required, the rest is optional.
        ///
        /// Body of the `cancel_notification` notification.
        ///
        /// # Examples from the provider docs
        ///
        /// cancel:
        ///
        /// ```json
        /// {
        /// "masked_card": "48111111-1114",
        /// "approval_code": "325511",
        /// "bank": "mandiri",
        /// "eci": "05",
        /// "transaction_time": "2016-07-04 13:32:44",
        /// "gross_amount": "244108.00",
        /// "order_id": "160288131764",
        /// "payment_type": "credit_card",
        /// "signature_key": "71f3b14d3036d2a60dac7fef1cdde7bebdbb2dbeebc68bcf5e7819fe8be7c9241611ea1e769e0c6775735805174c02b9d6b5cf89a11de1861d5efb298c9898b7",
        /// "status_code": "202",
        /// "transaction_id": "ffd82cd2-4f0d-4b24-b4b8-e201b0c3d80e",
        /// "transaction_status": "cancel",
        /// "fraud_status": "accept",
        /// "status_message": "midtrans payment notification"
        /// }
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct CancelNotification {
            /// Status code of transaction cancel result.
            ///
            /// Mandatory.
            pub status_code: String,
            /// Description of transaction cancel result.
            ///
            /// Mandatory.
            pub status_message: String,
            /// Transaction ID given by Midtrans.
            ///
            /// Optional.
            pub transaction_id: Option<String>,
            /// First 8-digits and last 4-digits of customer's credit card number.
            ///
            /// Optional.
            pub masked_card: Option<String>,
            /// Order ID specified by you.
            ///
            /// Optional.
            pub order_id: Option<String>,
            /// The payment method used by the customer.
            ///
            /// Optional.
            pub payment_type: Option<String>,
            /// Timestamp of transaction in ISO 8601 format. Time Zone: GMT+7. (The samples use "YYYY-MM-DD HH:MM:SS"; see the cancel response's note.)
            ///
            /// Optional. Format: `YYYY-MM-DD HH:MM:SS`.
            pub transaction_time: Option<String>,
            /// Transaction status after charge credit card transaction. Possible values are capture, deny, authorize (and, on this page, cancel).
            ///
            /// Optional.
            pub transaction_status: Option<TransactionStatus>,
            /// Detection result by Fraud Detection System (FDS). Possible values are accept : Approved by FDS. deny : Denied by FDS. Transaction automatically failed.
            ///
            /// Optional.
            pub fraud_status: Option<FraudStatus>,
            /// The acquiring bank of the transaction.
            ///
            /// Optional.
            pub bank: Option<AcquiringBank>,
            /// Total amount of transaction in IDR. A decimal string with two decimals ("30000.00"), parsed exactly and kept as received for signature checks.
            ///
            /// Optional.
            pub gross_amount: Option<crate::money::Decimal>,
            /// The name of the payment channel provider. Provided if channel attribute on charge api request is present. More details on request and possible values are available on Card Feature: Specific Channel.
            ///
            /// Optional.
            pub channel: Option<String>,
            /// For regular card transactions (non-recurring, non-one-click, non-two-click token) and the 3DS redirect_url expires in 10 minutes. For authorized transaction expires in 8 days.
            ///
            /// Optional. Format: `YYYY-MM-DD HH:MM:SS`.
            pub expiry_time: Option<String>,
            /// Credit card settlement time refers to the duration it takes for a credit card transaction to be processed and transaction_status change to settlement.
            ///
            /// Optional. Format: `YYYY-MM-DD HH:MM:SS`.
            pub settlement_time: Option<String>,
            /// Approval code from the acquiring bank (in the notification sample, not in the attribute table).
            ///
            /// Optional.
            pub approval_code: Option<String>,
            /// Electronic Commerce Indicator of the 3-D Secure result (in the notification sample, not in the attribute table).
            ///
            /// Optional.
            pub eci: Option<String>,
            /// Signature of the notification (in the notification sample, not in the attribute table). Midtrans' public documentation, not the provided page, defines it as the hex SHA-512 of order_id + status_code + gross_amount + Server Key; verify it before trusting the body.
            ///
            /// Optional.
            ///
            /// # Discrepancy in the provider docs
            ///
            /// About `signature_key`. The docs say, in one place:
            ///
            /// > "signature_key": "71f3b14d3036d2a60dac7fef1cdde7bebdbb2dbeebc68bcf5e7819fe8be7c9241611ea1e769e0c6775735805174c02b9d6b5cf89a11de1861d5efb298c9898b7",
            ///
            /// and in another:
            ///
            /// > "approval_code": "325511",
            ///
            /// and in another:
            ///
            /// > "eci": "05",
            ///
            /// and in another:
            ///
            /// > Cancel Transaction Response and Notification
            ///
            /// Accepted: The notification sample carries signature_key, approval_code and eci, none of which the attribute table lists. All three are read as optional strings.
            pub signature_key: Option<String>,
        }

        impl serde::Serialize for CancelNotification {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("status_code", &self.status_code)?;
                object.field("status_message", &self.status_message)?;
                object.optional("transaction_id", &self.transaction_id)?;
                object.optional("masked_card", &self.masked_card)?;
                object.optional("order_id", &self.order_id)?;
                object.optional("payment_type", &self.payment_type)?;
                object.optional("transaction_time", &self.transaction_time)?;
                object.optional("transaction_status", &self.transaction_status)?;
                object.optional("fraud_status", &self.fraud_status)?;
                object.optional("bank", &self.bank)?;
                object.optional("gross_amount", &self.gross_amount)?;
                object.optional("channel", &self.channel)?;
                object.optional("expiry_time", &self.expiry_time)?;
                object.optional("settlement_time", &self.settlement_time)?;
                object.optional("approval_code", &self.approval_code)?;
                object.optional("eci", &self.eci)?;
                object.optional("signature_key", &self.signature_key)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for CancelNotification {
            const EXPECTING: &'static str = "struct CancelNotification";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut status_code = None;
                let mut status_message = None;
                let mut transaction_id = None;
                let mut masked_card = None;
                let mut order_id = None;
                let mut payment_type = None;
                let mut transaction_time = None;
                let mut transaction_status = None;
                let mut fraud_status = None;
                let mut bank = None;
                let mut gross_amount = None;
                let mut channel = None;
                let mut expiry_time = None;
                let mut settlement_time = None;
                let mut approval_code = None;
                let mut eci = None;
                let mut signature_key = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "status_code" => map.value(&mut status_code, "status_code")?,
                        "status_message" => {
                            map.value(&mut status_message, "status_message")?
                        }
                        "transaction_id" => {
                            map.value(&mut transaction_id, "transaction_id")?
                        }
                        "masked_card" => map.value(&mut masked_card, "masked_card")?,
                        "order_id" => map.value(&mut order_id, "order_id")?,
                        "payment_type" => map.value(&mut payment_type, "payment_type")?,
                        "transaction_time" => {
                            map.value(&mut transaction_time, "transaction_time")?
                        }
                        "transaction_status" => {
                            map.value(&mut transaction_status, "transaction_status")?
                        }
                        "fraud_status" => map.value(&mut fraud_status, "fraud_status")?,
                        "bank" => map.value(&mut bank, "bank")?,
                        "gross_amount" => map.value(&mut gross_amount, "gross_amount")?,
                        "channel" => map.value(&mut channel, "channel")?,
                        "expiry_time" => map.value(&mut expiry_time, "expiry_time")?,
                        "settlement_time" => {
                            map.value(&mut settlement_time, "settlement_time")?
                        }
                        "approval_code" => {
                            map.value(&mut approval_code, "approval_code")?
                        }
                        "eci" => map.value(&mut eci, "eci")?,
                        "signature_key" => {
                            map.value(&mut signature_key, "signature_key")?
                        }
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    status_code: map.required(status_code, "status_code")?,
                    status_message: map.required(status_message, "status_message")?,
                    transaction_id: crate::wire::optional(transaction_id),
                    masked_card: crate::wire::optional(masked_card),
                    order_id: crate::wire::optional(order_id),
                    payment_type: crate::wire::optional(payment_type),
                    transaction_time: crate::wire::optional(transaction_time),
                    transaction_status: crate::wire::optional(transaction_status),
                    fraud_status: crate::wire::optional(fraud_status),
                    bank: crate::wire::optional(bank),
                    gross_amount: crate::wire::optional(gross_amount),
                    channel: crate::wire::optional(channel),
                    expiry_time: crate::wire::optional(expiry_time),
                    settlement_time: crate::wire::optional(settlement_time),
                    approval_code: crate::wire::optional(approval_code),
                    eci: crate::wire::optional(eci),
                    signature_key: crate::wire::optional(signature_key),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for CancelNotification {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }
    }
}
