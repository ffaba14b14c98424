/// A fictional payment gateway used to test the emitter.
///
/// # Quick start
///
/// One [`Client`](crate::shop::Client) per set of credentials (clone it to share it between tasks). Each endpoint is a method that validates the request, signs it, sends it and decodes the documented answer (see its `# Errors`):
///
/// ```rust,no_run
/// use payspec::shop::{Client, Config};
///
/// async fn first_call(request: &payspec::shop::payments::PaymentRequest) -> Result<(), payspec::Error> {
///     let client = Client::new(Config::sandbox("<your client id>", "<your secret key>"));
///     let response = client.payment(request).await?;
///     println!("{response:?}");
///     Ok(())
/// }
/// ```
///
/// Timeouts, retries and response verification are set on [`Config`](crate::shop::Config); the Markdown reference (`generated/docs/shop/`) builds a full request for every endpoint.
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
    pub use payspec_shop_types::*;

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

    /// Every endpoint and notification of Shop, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests), which reaches it through `payspec::registry::endpoints`; hidden from the merchant-facing docs.
    ///
    /// - `payment`: `POST /payments`
    /// - `payment_status`: `GET /payments/{payment_id}`
    #[doc(hidden)]
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
        crate::registry::EndpointInfo {
            provider: "shop",
            name: "payment_status",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Get),
            path: Some("/payments/{payment_id}"),
            request: None,
            responses: &[(200, crate::registry::decode::<payments::PaymentResponse>)],
            errors: &[("unknown_payment", crate::registry::decode::<ErrorBody>)],
        },
    ];

    /// Every decision table of Shop, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards), which reaches it through `payspec::registry::decision`; hidden from the merchant-facing docs.
    ///
    /// - `can_refund`
    /// - `refund_kind`
    #[doc(hidden)]
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
        Client, Config, DEFAULT_NOTIFICATION_MAX_AGE, Notification, NotificationHeaders,
        ResponseVerification,
    };

    /// How this provider authenticates: its credentials and the signature
    /// recipe of each direction, from the spec's `auth:` (run by
    /// [`crate::recipe::sign`] and [`crate::recipe::verify`]).
    pub static AUTH: crate::recipe::Scheme = crate::recipe::Scheme {
        credentials: std::borrow::Cow::Borrowed(&[]),
        request: None,
        response: None,
        notification: None,
        token: None,
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

        /// Look a payment up.
        ///
        /// `GET /payments/{payment_id}`
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `payment_id`: The payment's id. Percent-encoded into the path. Must be at most 8 characters, of format `printable_ascii`: checked before sending ([`crate::Error::Validation`]).
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`payments::PaymentResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a 4xx/5xx answer (DOKU's `error.code` and `error.message` in [`crate::ApiError`]); documented error bodies: `unknown_payment` ([`ErrorBody`], under HTTP 404), read with `ApiError::body_as`.
        /// - [`crate::Error::SignatureMismatch`]: the response is not signed with your key.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn payment_status(
            &self,
            payment_id: impl crate::client::PathParam + AsRef<str>,
        ) -> Result<payments::PaymentResponse, crate::Error> {
            let mut checks = crate::validation::Validator::new();
            checks.check_len("{payment_id}", payment_id.as_ref(), None, Some(8usize));
            checks
                .check_format(
                    "{payment_id}",
                    payment_id.as_ref(),
                    crate::validation::Format::PrintableAscii,
                );
            checks.finish().map_err(crate::Error::Validation)?;
            let payment_id_segment = crate::client::PathParam::path_segment(&payment_id);
            self.call_empty(
                    crate::client::Call::get(
                        "payment_status",
                        format!("/payments/{payment_id_segment}"),
                    ),
                )
                .await
        }

        /// As [`Client::payment_status`], with per-call options: store the Request-Id you pass in `options` before sending, so a retry after a crash repeats the request safely.
        pub async fn payment_status_with(
            &self,
            payment_id: impl crate::client::PathParam + AsRef<str>,
            options: &CallOptions,
        ) -> Result<payments::PaymentResponse, crate::Error> {
            let mut checks = crate::validation::Validator::new();
            checks.check_len("{payment_id}", payment_id.as_ref(), None, Some(8usize));
            checks
                .check_format(
                    "{payment_id}",
                    payment_id.as_ref(),
                    crate::validation::Format::PrintableAscii,
                );
            checks.finish().map_err(crate::Error::Validation)?;
            let payment_id_segment = crate::client::PathParam::path_segment(&payment_id);
            self.call_empty_with(
                    crate::client::Call::get(
                        "payment_status",
                        format!("/payments/{payment_id_segment}"),
                    ),
                    options,
                )
                .await
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
}
