/// A fictional payment gateway used to test the emitter.
///
/// Specified from the provider docs `shop-payments.txt`.
///
/// # Authentication
///
/// HMAC-SHA256 over the request.
///
/// # Request headers
///
/// - `Client-Id`: Client ID from the back office.
///
/// # Discrepancies in the provider docs
///
/// Where the docs contradict themselves, the generated code follows these choices:
/// - `order.session_id`: a string or an integer; always sent as a string
pub mod shop {
    /// Where Shop requests are sent.
    ///
    /// - `sandbox`: `https://sandbox.shop.test`
    /// - `production`: `https://api.shop.test`
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Environment {
        /// `https://sandbox.shop.test`
        ///
        /// For testing.
        Sandbox,
        /// `https://api.shop.test`
        Production,
        /// Another base URL (a mock server, a proxy), without a trailing slash.
        Custom(String),
    }

    impl Environment {
        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            match self {
                Self::Sandbox => "https://sandbox.shop.test",
                Self::Production => "https://api.shop.test",
                Self::Custom(url) => url,
            }
        }
    }

    /// Every endpoint and notification of Shop, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests).
    ///
    /// - `payment`: `POST /payments`
    pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[
        crate::registry::EndpointInfo {
            provider: "shop",
            name: "payment",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/payments"),
            request: Some(crate::registry::check::<payments::PaymentRequest>),
            responses: &[(200, crate::registry::decode::<payments::PaymentResponse>)],
            errors: &[("declined", crate::registry::decode::<ErrorBody>)],
        },
    ];

    /// Every decision table of Shop, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards).
    ///
    /// - `can_refund`
    /// - `refund_kind`
    pub static DECISIONS: &[crate::registry::DecisionInfo] = &[
        crate::registry::DecisionInfo {
            provider: "shop",
            name: "can_refund",
            inputs: &["channel", "settled", "status"],
            boolean: true,
            evaluate: |inputs| {
                let input0: payments::Channel = crate::registry::input_enum(
                    inputs,
                    "channel",
                )?;
                let input1 = crate::registry::input_bool(inputs, "settled")?;
                let input2: Option<payments::PaymentStatus> = crate::registry::input_enum_opt(
                    inputs,
                    "status",
                )?;
                Ok(
                    Some(
                        crate::registry::DecisionValue::Bool(
                            can_refund(&input0, input1, input2.as_ref()),
                        ),
                    ),
                )
            },
        },
        crate::registry::DecisionInfo {
            provider: "shop",
            name: "refund_kind",
            inputs: &["channel", "settled"],
            boolean: false,
            evaluate: |inputs| {
                let input0: Option<payments::Channel> = crate::registry::input_enum_opt(
                    inputs,
                    "channel",
                )?;
                let input1 = crate::registry::input_bool(inputs, "settled")?;
                Ok(
                    payments::refund_kind(input0.as_ref(), input1)
                        .as_ref()
                        .map(crate::registry::output_enum),
                )
            },
        },
    ];

    pub use crate::client::doku::{
        Client, Config, Notification, NotificationHeaders, ResponseVerification,
    };

    pub use crate::client::CallOptions;

    impl Config {
        /// Shop sandbox, `https://sandbox.shop.test`.
        ///
        /// `client_id`: the `Client-Id` DOKU gave you; `secret_key`: the secret key that signs requests.
        pub fn sandbox(
            client_id: impl Into<String>,
            secret_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(Environment::Sandbox.base_url(), client_id, secret_key)
        }

        /// Shop production, `https://api.shop.test`.
        ///
        /// `client_id`: the `Client-Id` DOKU gave you; `secret_key`: the secret key that signs requests.
        pub fn production(
            client_id: impl Into<String>,
            secret_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(Environment::Production.base_url(), client_id, secret_key)
        }

        /// A configuration for `environment` (from configuration files: `Environment::Custom` for any other URL).
        ///
        /// `client_id`: the `Client-Id` DOKU gave you; `secret_key`: the secret key that signs requests.
        pub fn for_environment(
            environment: Environment,
            client_id: impl Into<String>,
            secret_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(environment.base_url(), client_id, secret_key)
        }
    }

    impl Client {
        /// Charge a saved card.
        ///
        /// `POST /payments`
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`payments::PaymentResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a 4xx/5xx answer (DOKU's `error.code` and `error.message` in [`crate::ApiError`]); documented error bodies: `declined` ([`ErrorBody`]), read with `ApiError::body_as`.
        /// - [`crate::Error::SignatureMismatch`]: the response is not signed with your key.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn payment(
            &self,
            request: &payments::PaymentRequest,
        ) -> Result<payments::PaymentResponse, crate::Error> {
            self.call(crate::client::Call::post("payment", "/payments"), request).await
        }

        /// As [`Client::payment`], with per-call options: store the Request-Id you pass in `options` before sending, so a retry after a crash repeats the request safely.
        pub async fn payment_with(
            &self,
            request: &payments::PaymentRequest,
            options: &CallOptions,
        ) -> Result<payments::PaymentResponse, crate::Error> {
            self.call_with(
                    crate::client::Call::post("payment", "/payments"),
                    request,
                    options,
                )
                .await
        }
    }

    /// ISO 4217 currency code.
    ///
    /// A value the docs do not list arrives as [`Currency::Unknown`] instead of failing; in a request it is reported by `validate()`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Currency {
        /// `"IDR"`
        ///
        /// Indonesian rupiah.
        Idr,
        /// `"USD"`
        ///
        /// US dollar.
        Usd,
        /// A value the docs do not list, kept as received.
        Unknown(String),
    }

    impl Currency {
        /// The documented wire values, in the docs' order.
        pub const VALUES: &'static [&'static str] = &["IDR", "USD"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Idr => "IDR",
                Self::Usd => "USD",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for Currency {
        fn from(value: &str) -> Self {
            match value {
                "IDR" => Self::Idr,
                "USD" => Self::Usd,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for Currency {
        fn from(value: String) -> Self {
            match value.as_str() {
                "IDR" => Self::Idr,
                "USD" => Self::Usd,
                _ => Self::Unknown(value),
            }
        }
    }

    impl std::fmt::Display for Currency {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.as_str())
        }
    }

    impl serde::Serialize for Currency {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for Currency {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_wire_enum(deserializer)
        }
    }

    impl crate::wire::WireEnum for Currency {
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

    /// How a payment is given back.
    ///
    /// A value the docs do not list arrives as [`RefundKind::Unknown`] instead of failing; in a request it is reported by `validate()`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum RefundKind {
        /// `"VOID"`
        ///
        /// Cancelled before settlement.
        Void,
        /// `"REFUND"`
        ///
        /// Returned after settlement.
        Refund,
        /// A value the docs do not list, kept as received.
        Unknown(String),
    }

    impl RefundKind {
        /// The documented wire values, in the docs' order.
        pub const VALUES: &'static [&'static str] = &["VOID", "REFUND"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Void => "VOID",
                Self::Refund => "REFUND",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for RefundKind {
        fn from(value: &str) -> Self {
            match value {
                "VOID" => Self::Void,
                "REFUND" => Self::Refund,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for RefundKind {
        fn from(value: String) -> Self {
            match value.as_str() {
                "VOID" => Self::Void,
                "REFUND" => Self::Refund,
                _ => Self::Unknown(value),
            }
        }
    }

    impl std::fmt::Display for RefundKind {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.as_str())
        }
    }

    impl serde::Serialize for RefundKind {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for RefundKind {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_wire_enum(deserializer)
        }
    }

    impl crate::wire::WireEnum for RefundKind {
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

    /// An error the provider returns.
    ///
    /// Error body `declined` of `POST /payments` (endpoint `payment`).
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct ErrorBody {
        /// What went wrong.
        ///
        /// Mandatory.
        pub message: String,
    }

    impl serde::Serialize for ErrorBody {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let mut object = crate::wire::object_writer(serializer)?;
            object.field("message", &self.message)?;
            object.end()
        }
    }

    #[doc(hidden)]
    impl crate::wire::WireStruct for ErrorBody {
        const EXPECTING: &'static str = "struct ErrorBody";
        fn from_map<'de, A: serde::de::MapAccess<'de>>(
            mut map: crate::wire::StructMap<'de, A>,
        ) -> Result<Self, A::Error> {
            let mut message = None;
            while let Some(key) = map.next_key()? {
                match key.as_str() {
                    "message" => map.value(&mut message, "message")?,
                    _ => map.skip()?,
                }
            }
            Ok(Self {
                message: map.required(message, "message")?,
            })
        }
    }

    impl<'de> serde::Deserialize<'de> for ErrorBody {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_struct(deserializer)
        }
    }

    /// Whether a payment can be refunded.
    ///
    /// # Parameters
    ///
    /// - `channel`: Channel the payment was made with.
    /// - `settled`: Whether it settled.
    /// - `status` (optional): Last known status, if any.
    ///
    /// # Source
    ///
    /// > Cards can be refunded until settlement; virtual accounts never.
    ///
    /// # Table
    ///
    /// The first matching row wins.
    ///
    /// | `channel` | `settled` | `status` | result |
    /// | --- | --- | --- | --- |
    /// | `"CREDIT_CARD"` | `false` | any | `true` |
    /// | any | any | not `"DELETE SUCCESS"` | `false` |
    /// | otherwise |  |  | `false` |
    pub fn can_refund(
        channel: &payments::Channel,
        settled: bool,
        status: Option<&payments::PaymentStatus>,
    ) -> bool {
        if matches!(channel, payments::Channel::CreditCard) && !settled {
            return true;
        }
        if !matches!(status, Some(payments::PaymentStatus::DeleteSuccess)) {
            return false;
        }
        false
    }

    /// Shop `payments` API: request, response and error types.
    ///
    /// - `payment`: Charge a saved card.
    pub mod payments {
        use super::*;

        /// How the customer pays.
        ///
        /// A value the docs do not list arrives as [`PaymentType::Unknown`] instead of failing; in a request it is reported by `validate()`.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum PaymentType {
            /// `"SALE"`
            ///
            /// One payment.
            Sale,
            /// `"INSTALLMENT"`
            ///
            /// Monthly \[instalments\] of the amount.
            Installment,
            /// A value the docs do not list, kept as received.
            Unknown(String),
        }

        impl PaymentType {
            /// The documented wire values, in the docs' order.
            pub const VALUES: &'static [&'static str] = &["SALE", "INSTALLMENT"];
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::Sale => "SALE",
                    Self::Installment => "INSTALLMENT",
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for PaymentType {
            fn from(value: &str) -> Self {
                match value {
                    "SALE" => Self::Sale,
                    "INSTALLMENT" => Self::Installment,
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for PaymentType {
            fn from(value: String) -> Self {
                match value.as_str() {
                    "SALE" => Self::Sale,
                    "INSTALLMENT" => Self::Installment,
                    _ => Self::Unknown(value),
                }
            }
        }

        impl std::fmt::Display for PaymentType {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for PaymentType {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for PaymentType {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_wire_enum(deserializer)
            }
        }

        impl crate::wire::WireEnum for PaymentType {
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

        /// Payment channel.
        ///
        /// A value the docs do not list arrives as [`Channel::Unknown`] instead of failing; in a request it is reported by `validate()`.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Channel {
            /// `"CREDIT_CARD"`
            ///
            /// Card payment.
            CreditCard,
            /// `"VIRTUAL_ACCOUNT"`
            ///
            /// Bank transfer to a virtual account.
            VirtualAccount,
            /// A value the docs do not list, kept as received.
            Unknown(String),
        }

        impl Channel {
            /// The documented wire values, in the docs' order.
            pub const VALUES: &'static [&'static str] = &[
                "CREDIT_CARD",
                "VIRTUAL_ACCOUNT",
            ];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::CreditCard => "CREDIT_CARD",
                    Self::VirtualAccount => "VIRTUAL_ACCOUNT",
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for Channel {
            fn from(value: &str) -> Self {
                match value {
                    "CREDIT_CARD" => Self::CreditCard,
                    "VIRTUAL_ACCOUNT" => Self::VirtualAccount,
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for Channel {
            fn from(value: String) -> Self {
                match value.as_str() {
                    "CREDIT_CARD" => Self::CreditCard,
                    "VIRTUAL_ACCOUNT" => Self::VirtualAccount,
                    _ => Self::Unknown(value),
                }
            }
        }

        impl std::fmt::Display for Channel {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for Channel {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for Channel {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_wire_enum(deserializer)
            }
        }

        impl crate::wire::WireEnum for Channel {
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

        /// Outcome of a payment.
        ///
        /// A value the docs do not list arrives as [`PaymentStatus::Unknown`] instead of failing; in a request it is reported by `validate()`.
        ///
        /// # Discrepancy in the provider docs
        ///
        /// About `status`. The docs say, in one place:
        ///
        /// > SUCCESS, FAILED
        ///
        /// and in another:
        ///
        /// > "status": "DELETE SUCCESS"
        ///
        /// Accepted: every value of both lists
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum PaymentStatus {
            /// `"SUCCESS"`
            ///
            /// Paid.
            Success,
            /// `"DELETE SUCCESS"`
            ///
            /// Cancelled.
            DeleteSuccess,
            /// A value the docs do not list, kept as received.
            Unknown(String),
        }

        impl PaymentStatus {
            /// The documented wire values, in the docs' order.
            pub const VALUES: &'static [&'static str] = &["SUCCESS", "DELETE SUCCESS"];
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::Success => "SUCCESS",
                    Self::DeleteSuccess => "DELETE SUCCESS",
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for PaymentStatus {
            fn from(value: &str) -> Self {
                match value {
                    "SUCCESS" => Self::Success,
                    "DELETE SUCCESS" => Self::DeleteSuccess,
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for PaymentStatus {
            fn from(value: String) -> Self {
                match value.as_str() {
                    "SUCCESS" => Self::Success,
                    "DELETE SUCCESS" => Self::DeleteSuccess,
                    _ => Self::Unknown(value),
                }
            }
        }

        impl std::fmt::Display for PaymentStatus {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for PaymentStatus {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for PaymentStatus {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_wire_enum(deserializer)
            }
        }

        impl crate::wire::WireEnum for PaymentStatus {
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

        /// Charge a saved card.
        ///
        /// Request body of `POST /payments` (endpoint `payment`).
        ///
        /// # Rules
        ///
        /// From the provider docs. `validate()` checks each of them except `depends_on_account`, which the request alone cannot show.
        ///
        /// **required_if**: `payment.installment_term`, `order.line_items[].sku` required when `payment.type` is `"INSTALLMENT"`.
        ///
        /// > For INSTALLMENT, installment_term and every line item's sku are mandatory.
        ///
        /// **one_of_required**: at least one of `customer.email`, `customer.phone` must be present.
        ///
        /// > Either email or phone must be sent.
        ///
        /// **sum_equals**: `order.amount` must equal the sum over `order.line_items` of `price` × `quantity`.
        ///
        /// > order.amount must be the sum of price × quantity of the line items.
        ///
        /// **max_len_if**: `order.invoice_number` at most 30 characters when `order.channel` is `"VIRTUAL_ACCOUNT"`.
        ///
        /// > Virtual accounts allow invoice numbers of at most 30 characters.
        ///
        /// **not_greater_than**: `order.line_items[].price` must not be greater than `order.amount`.
        ///
        /// > No line item may cost more than the order.
        ///
        /// **only_if**: `payment.installment_term` may only be sent when `payment.type` is `"INSTALLMENT"`.
        ///
        /// > installment_term is only for INSTALLMENT payments.
        ///
        /// **depends_on_account**: whether `customer.address` is required depends on the merchant's account setup (not checked).
        ///
        /// > Address is mandatory when your account has fraud screening enabled.
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct PaymentRequest {
            /// The order.
            ///
            /// Mandatory.
            pub order: Order,
            /// Payment details.
            ///
            /// Optional.
            pub payment: Option<Payment>,
            /// The customer.
            ///
            /// Optional.
            pub customer: Option<Customer>,
            /// Token of the saved card.
            ///
            /// Mandatory. Sensitive: never printed by `Debug`.
            pub card_token: String,
            /// Card PIN.
            ///
            /// Optional. Sensitive: never printed by `Debug`.
            pub pin: Option<String>,
            /// Note shown to the customer.
            ///
            /// Optional. Default: `"-"`.
            pub note: Option<String>,
            /// Whether to retry a failed charge.
            ///
            /// Mandatory. Default: `false`.
            pub retry: bool,
            /// Currency.
            ///
            /// Mandatory. Default: `"IDR"`.
            pub currency: Currency,
            /// Free-form labels.
            ///
            /// Optional. Each element: at most 20 characters.
            pub tags: Option<Vec<String>>,
            /// Anything; echoed back.
            ///
            /// Optional.
            pub metadata: Option<serde_json::Value>,
        }

        impl std::fmt::Debug for PaymentRequest {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("PaymentRequest")
                    .field("order", &self.order)
                    .field("payment", &self.payment)
                    .field("customer", &self.customer)
                    .field("card_token", &"<redacted>")
                    .field("pin", &self.pin.as_ref().map(|_| "<redacted>"))
                    .field("note", &self.note)
                    .field("retry", &self.retry)
                    .field("currency", &self.currency)
                    .field("tags", &self.tags)
                    .field("metadata", &self.metadata)
                    .finish()
            }
        }

        impl serde::Serialize for PaymentRequest {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("order", &self.order)?;
                object.optional("payment", &self.payment)?;
                object.optional("customer", &self.customer)?;
                object.field("card_token", &self.card_token)?;
                object.optional("pin", &self.pin)?;
                object.optional("note", &self.note)?;
                object.field("retry", &self.retry)?;
                object.field("currency", &self.currency)?;
                object.optional("tags", &self.tags)?;
                object.optional("metadata", &self.metadata)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for PaymentRequest {
            const EXPECTING: &'static str = "struct PaymentRequest";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut order = None;
                let mut payment = None;
                let mut customer = None;
                let mut card_token = None;
                let mut pin = None;
                let mut note = None;
                let mut retry = None;
                let mut currency = None;
                let mut tags = None;
                let mut metadata = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "order" => map.value(&mut order, "order")?,
                        "payment" => map.value(&mut payment, "payment")?,
                        "customer" => map.value(&mut customer, "customer")?,
                        "card_token" => map.value(&mut card_token, "card_token")?,
                        "pin" => map.value(&mut pin, "pin")?,
                        "note" => map.value(&mut note, "note")?,
                        "retry" => map.value(&mut retry, "retry")?,
                        "currency" => map.value(&mut currency, "currency")?,
                        "tags" => map.value(&mut tags, "tags")?,
                        "metadata" => map.value(&mut metadata, "metadata")?,
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    order: map.required(order, "order")?,
                    payment: crate::wire::optional(payment),
                    customer: crate::wire::optional(customer),
                    card_token: map.required(card_token, "card_token")?,
                    pin: crate::wire::optional(pin),
                    note: crate::wire::optional(note),
                    retry: map.required(retry, "retry")?,
                    currency: map.required(currency, "currency")?,
                    tags: crate::wire::optional(tags),
                    metadata: crate::wire::optional(metadata),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for PaymentRequest {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        impl PaymentRequest {
            /// Builds it from its mandatory fields (`order`, `card_token`); optional fields start unset and are set by name.
            pub fn new(order: Order, card_token: impl Into<String>) -> Self {
                Self {
                    order,
                    payment: None,
                    customer: None,
                    card_token: card_token.into(),
                    pin: None,
                    note: None,
                    retry: false,
                    currency: Currency::Idr,
                    tags: None,
                    metadata: None,
                }
            }

            /// Checks every field and rule the docs state, returning every
            /// violation at once, each with its JSON path.
            pub fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
                crate::validation::Validate::validate(self)
            }
        }

        impl crate::validation::Validate for PaymentRequest {
            fn validate_in(&self, v: &mut crate::validation::Validator) {
                v.nested("order", &self.order);
                if let Some(value) = &self.payment {
                    v.nested("payment", value);
                }
                if let Some(value) = &self.customer {
                    v.nested("customer", value);
                }
                v.check_known("currency", &self.currency);
                if let Some(value) = &self.tags {
                    for (i, item) in value.iter().enumerate() {
                        let name = format!("tags[{i}]");
                        v.check_len(&name, item, None, Some(20));
                    }
                }
                {
                    let payment_type_value = self.payment.as_ref().map(|x| &x.r#type);
                    let when_holds = matches!(
                        payment_type_value, Some(PaymentType::Installment)
                    );
                    if let Some(payment) = &self.payment {
                        if when_holds && payment.installment_term.is_none() {
                            v.fail_at(
                                "payment.installment_term",
                                "required_if",
                                "is required when payment.type is \"INSTALLMENT\"",
                            );
                        }
                    }
                    if let Some(line_items) = &self.order.line_items {
                        for (i, item) in line_items.iter().enumerate() {
                            if when_holds && item.sku.is_none() {
                                v.fail_at(
                                    format!("order.line_items[{i}].sku"),
                                    "required_if",
                                    "is required when payment.type is \"INSTALLMENT\"",
                                );
                            }
                        }
                    }
                }
                if self.customer.as_ref().and_then(|x| x.email.as_ref()).is_none()
                    && self.customer.as_ref().and_then(|x| x.phone.as_ref()).is_none()
                {
                    v.fail_at(
                        "customer.email",
                        "one_of_required",
                        "at least one of customer.email, customer.phone must be present",
                    );
                }
                if let Some(line_items) = &self.order.line_items {
                    let expected = self.order.amount.value();
                    let mut sum = Some(0_i64);
                    let mut complete = true;
                    for item in line_items {
                        if let Some(quantity) = item.quantity {
                            let price = item.price.value();
                            sum = sum
                                .and_then(|s| s.checked_add(price.checked_mul(quantity)?));
                        } else {
                            complete = false;
                        }
                    }
                    if complete {
                        match sum {
                            Some(sum) if sum != expected => {
                                v.fail_at(
                                    "order.amount",
                                    "sum_equals",
                                    format!(
                                        "is {expected}, but the sum of price × quantity over order.line_items is {sum}"
                                    ),
                                )
                            }
                            Some(_) => {}
                            None => {
                                v.fail_at(
                                    "order.amount",
                                    "sum_equals",
                                    "the sum of price × quantity over order.line_items overflows a 64-bit integer",
                                )
                            }
                        }
                    }
                }
                if matches!(self.order.channel, Some(Channel::VirtualAccount)) {
                    let len = self.order.invoice_number.chars().count();
                    if len > 30 {
                        v.fail_at(
                            "order.invoice_number",
                            "max_len_if",
                            format!(
                                "is {len} characters long; at most 30 are allowed when order.channel is \"VIRTUAL_ACCOUNT\""
                            ),
                        );
                    }
                }
                {
                    let bound = self.order.amount.value();
                    if let Some(line_items) = &self.order.line_items {
                        for (i, item) in line_items.iter().enumerate() {
                            let value = item.price.value();
                            if value > bound {
                                v.fail_at(
                                    format!("order.line_items[{i}].price"),
                                    "not_greater_than",
                                    format!(
                                        "is {value}, which is greater than order.amount ({bound})"
                                    ),
                                );
                            }
                        }
                    }
                }
                {
                    let payment_type_value = self.payment.as_ref().map(|x| &x.r#type);
                    let when_fails = !matches!(
                        payment_type_value, Some(PaymentType::Installment)
                    );
                    if let Some(payment) = &self.payment {
                        if when_fails && payment.installment_term.is_some() {
                            v.fail_at(
                                "payment.installment_term",
                                "only_if",
                                "may only be sent when payment.type is \"INSTALLMENT\"",
                            );
                        }
                    }
                }
            }
        }

        /// The order being paid.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Order {
            /// Invoice number from the merchant.
            ///
            /// Mandatory. At most 64 characters. Format: printable ASCII (letters, digits, punctuation, spaces).
            pub invoice_number: String,
            /// Total in IDR, without decimals.
            ///
            /// Mandatory.
            pub amount: crate::money::Idr,
            /// What was bought.
            ///
            /// Recommended: optional, but the provider advises sending it.
            pub line_items: Option<Vec<LineItem>>,
            /// Channel to pay with.
            ///
            /// Optional.
            pub channel: Option<Channel>,
            /// Session of the customer.
            ///
            /// Optional. Also read from `sessionId`.
            ///
            /// # Discrepancy in the provider docs
            ///
            /// About `order.session_id`. The docs say, in one place:
            ///
            /// > session_id | String | Optional
            ///
            /// and in another:
            ///
            /// > "session_id": 231223
            ///
            /// Accepted: a string or an integer; always sent as a string
            pub session_id: Option<String>,
        }

        impl serde::Serialize for Order {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("invoice_number", &self.invoice_number)?;
                object.field("amount", &self.amount)?;
                object.optional("line_items", &self.line_items)?;
                object.optional("channel", &self.channel)?;
                object.optional("session_id", &self.session_id)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for Order {
            const EXPECTING: &'static str = "struct Order";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut invoice_number = None;
                let mut amount = None;
                let mut line_items = None;
                let mut channel = None;
                let mut session_id = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "invoice_number" => {
                            map.value(&mut invoice_number, "invoice_number")?
                        }
                        "amount" => map.value(&mut amount, "amount")?,
                        "line_items" => map.value(&mut line_items, "line_items")?,
                        "channel" => map.value(&mut channel, "channel")?,
                        "session_id" | "sessionId" => {
                            map.lenient_opt(&mut session_id, "session_id")?
                        }
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    invoice_number: map.required(invoice_number, "invoice_number")?,
                    amount: map.required(amount, "amount")?,
                    line_items: crate::wire::optional(line_items),
                    channel: crate::wire::optional(channel),
                    session_id: crate::wire::optional(session_id),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for Order {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        impl Order {
            /// Builds it from its mandatory fields (`invoice_number`, `amount`); optional fields start unset and are set by name.
            pub fn new(
                invoice_number: impl Into<String>,
                amount: crate::money::Idr,
            ) -> Self {
                Self {
                    invoice_number: invoice_number.into(),
                    amount,
                    line_items: None,
                    channel: None,
                    session_id: None,
                }
            }

            /// Checks every field and rule the docs state, returning every
            /// violation at once, each with its JSON path.
            pub fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
                crate::validation::Validate::validate(self)
            }
        }

        impl crate::validation::Validate for Order {
            fn validate_in(&self, v: &mut crate::validation::Validator) {
                v.check_len("invoice_number", &self.invoice_number, None, Some(64));
                v.check_format(
                    "invoice_number",
                    &self.invoice_number,
                    crate::validation::Format::PrintableAscii,
                );
                if let Some(value) = &self.line_items {
                    v.each("line_items", value);
                }
                if let Some(value) = &self.channel {
                    v.check_known("channel", value);
                }
            }
        }

        /// One line of the order.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct LineItem {
            /// Item name.
            ///
            /// Mandatory. At most 255 characters.
            pub name: String,
            /// Unit price.
            ///
            /// Mandatory.
            pub price: crate::money::Idr,
            /// How many.
            ///
            /// Optional.
            pub quantity: Option<i64>,
            /// Stock keeping unit.
            ///
            /// Conditional: see the rules on the request type.
            pub sku: Option<String>,
        }

        impl serde::Serialize for LineItem {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("name", &self.name)?;
                object.field("price", &self.price)?;
                object.optional("quantity", &self.quantity)?;
                object.optional("sku", &self.sku)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for LineItem {
            const EXPECTING: &'static str = "struct LineItem";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut name = None;
                let mut price = None;
                let mut quantity = None;
                let mut sku = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "name" => map.value(&mut name, "name")?,
                        "price" => map.value(&mut price, "price")?,
                        "quantity" => map.value(&mut quantity, "quantity")?,
                        "sku" => map.value(&mut sku, "sku")?,
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    name: map.required(name, "name")?,
                    price: map.required(price, "price")?,
                    quantity: crate::wire::optional(quantity),
                    sku: crate::wire::optional(sku),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for LineItem {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        impl LineItem {
            /// Builds it from its mandatory fields (`name`, `price`); optional fields start unset and are set by name.
            pub fn new(name: impl Into<String>, price: crate::money::Idr) -> Self {
                Self {
                    name: name.into(),
                    price,
                    quantity: None,
                    sku: None,
                }
            }

            /// Checks every field and rule the docs state, returning every
            /// violation at once, each with its JSON path.
            pub fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
                crate::validation::Validate::validate(self)
            }
        }

        impl crate::validation::Validate for LineItem {
            fn validate_in(&self, v: &mut crate::validation::Validator) {
                v.check_len("name", &self.name, None, Some(255));
            }
        }

        /// How it is paid.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Payment {
            /// Payment type.
            ///
            /// Mandatory.
            pub r#type: PaymentType,
            /// Number of months.
            ///
            /// Conditional: see the rules on the request type.
            pub installment_term: Option<i64>,
        }

        impl serde::Serialize for Payment {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("type", &self.r#type)?;
                object.optional("installment_term", &self.installment_term)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for Payment {
            const EXPECTING: &'static str = "struct Payment";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut r#type = None;
                let mut installment_term = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "type" => map.value(&mut r#type, "type")?,
                        "installment_term" => {
                            map.value(&mut installment_term, "installment_term")?
                        }
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    r#type: map.required(r#type, "type")?,
                    installment_term: crate::wire::optional(installment_term),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for Payment {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        impl Payment {
            /// Builds it from its mandatory fields (`type`); optional fields start unset and are set by name.
            pub fn new(r#type: PaymentType) -> Self {
                Self {
                    r#type,
                    installment_term: None,
                }
            }

            /// Checks every field and rule the docs state, returning every
            /// violation at once, each with its JSON path.
            pub fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
                crate::validation::Validate::validate(self)
            }
        }

        impl crate::validation::Validate for Payment {
            fn validate_in(&self, v: &mut crate::validation::Validator) {
                v.check_known("type", &self.r#type);
            }
        }

        /// Who pays.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Customer {
            /// E-mail address.
            ///
            /// Conditional: see the rules on the request type. At most 128 characters. Format: an e-mail address.
            pub email: Option<String>,
            /// Phone number.
            ///
            /// Conditional: see the rules on the request type. Format: calling code and number, 8 to 15 digits, like `6281122334455`.
            pub phone: Option<String>,
            /// Country code.
            ///
            /// Optional. Exactly 2 characters. Format: an ISO 3166-1 alpha-2 country code, like `ID`.
            pub country: Option<String>,
            /// Billing address.
            ///
            /// Optional.
            pub address: Option<String>,
        }

        impl serde::Serialize for Customer {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.optional("email", &self.email)?;
                object.optional("phone", &self.phone)?;
                object.optional("country", &self.country)?;
                object.optional("address", &self.address)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for Customer {
            const EXPECTING: &'static str = "struct Customer";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut email = None;
                let mut phone = None;
                let mut country = None;
                let mut address = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "email" => map.value(&mut email, "email")?,
                        "phone" => map.value(&mut phone, "phone")?,
                        "country" => map.value(&mut country, "country")?,
                        "address" => map.value(&mut address, "address")?,
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    email: crate::wire::optional(email),
                    phone: crate::wire::optional(phone),
                    country: crate::wire::optional(country),
                    address: crate::wire::optional(address),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for Customer {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        impl Customer {
            /// Builds it with every optional field unset and defaults applied; set the rest by name.
            pub fn new() -> Self {
                Self {
                    email: None,
                    phone: None,
                    country: None,
                    address: None,
                }
            }

            /// Checks every field and rule the docs state, returning every
            /// violation at once, each with its JSON path.
            pub fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
                crate::validation::Validate::validate(self)
            }
        }

        impl Default for Customer {
            fn default() -> Self {
                Self::new()
            }
        }

        impl crate::validation::Validate for Customer {
            fn validate_in(&self, v: &mut crate::validation::Validator) {
                if let Some(value) = &self.email {
                    v.check_len("email", value, None, Some(128));
                    v.check_format("email", value, crate::validation::Format::Email);
                }
                if let Some(value) = &self.phone {
                    v.check_format("phone", value, crate::validation::Format::Phone);
                }
                if let Some(value) = &self.country {
                    v.check_len("country", value, Some(2), Some(2));
                    v.check_format(
                        "country",
                        value,
                        crate::validation::Format::CountryAlpha2,
                    );
                }
            }
        }

        /// Result of a charge.
        ///
        /// Response body (HTTP 200) of `POST /payments` (endpoint `payment`).
        ///
        /// # Examples from the provider docs
        ///
        /// success:
        ///
        /// ```json
        /// {
        ///   "invoice_number": "INV-1",
        ///   "status": "SUCCESS",
        ///   "gross_amount": "10000.00",
        ///   "settled": "true"
        /// }
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct PaymentResponse {
            /// Echoed invoice number.
            ///
            /// Mandatory.
            pub invoice_number: String,
            /// Outcome.
            ///
            /// Mandatory.
            pub status: PaymentStatus,
            /// Amount with two decimals.
            ///
            /// Mandatory.
            pub gross_amount: crate::money::Decimal,
            /// Whether the payment settled.
            ///
            /// Mandatory.
            pub settled: bool,
            /// Currency.
            ///
            /// Optional.
            pub currency: Option<Currency>,
            /// Bank approval code.
            ///
            /// Optional.
            pub approval_code: Option<i64>,
        }

        impl serde::Serialize for PaymentResponse {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("invoice_number", &self.invoice_number)?;
                object.field("status", &self.status)?;
                object.field("gross_amount", &self.gross_amount)?;
                object.field("settled", &self.settled)?;
                object.optional("currency", &self.currency)?;
                object.optional("approval_code", &self.approval_code)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for PaymentResponse {
            const EXPECTING: &'static str = "struct PaymentResponse";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut invoice_number = None;
                let mut status = None;
                let mut gross_amount = None;
                let mut settled = None;
                let mut currency = None;
                let mut approval_code = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "invoice_number" => {
                            map.value(&mut invoice_number, "invoice_number")?
                        }
                        "status" => map.value(&mut status, "status")?,
                        "gross_amount" => map.value(&mut gross_amount, "gross_amount")?,
                        "settled" => map.lenient(&mut settled, "settled")?,
                        "currency" => map.value(&mut currency, "currency")?,
                        "approval_code" => {
                            map.value(&mut approval_code, "approval_code")?
                        }
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    invoice_number: map.required(invoice_number, "invoice_number")?,
                    status: map.required(status, "status")?,
                    gross_amount: map.required(gross_amount, "gross_amount")?,
                    settled: map.required(settled, "settled")?,
                    currency: crate::wire::optional(currency),
                    approval_code: crate::wire::optional(approval_code),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for PaymentResponse {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        /// How a payment would be given back.
        ///
        /// # Parameters
        ///
        /// - `channel` (optional): Channel the payment was made with.
        /// - `settled`: Whether it settled.
        ///
        /// Returns `None` when no row of the table matches: the docs do not say.
        ///
        /// # Source
        ///
        /// > Unsettled card payments are voided, settled ones refunded.
        ///
        /// # Table
        ///
        /// The first matching row wins.
        ///
        /// | `channel` | `settled` | result |
        /// | --- | --- | --- |
        /// | `"CREDIT_CARD"` | `false` | `"VOID"` |
        /// | `"CREDIT_CARD"` | any | `"REFUND"` |
        pub fn refund_kind(
            channel: Option<&Channel>,
            settled: bool,
        ) -> Option<RefundKind> {
            if matches!(channel, Some(Channel::CreditCard)) && !settled {
                return Some(RefundKind::Void);
            }
            if matches!(channel, Some(Channel::CreditCard)) {
                return Some(RefundKind::Refund);
            }
            None
        }
    }
}
