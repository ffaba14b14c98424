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

    pub use crate::client::{CallOptions, ResponseVerification};

    /// How this provider authenticates: its credentials and the signature
    /// recipe of each direction, from the spec's `auth:` (run by
    /// [`crate::recipe::sign`] and [`crate::recipe::verify`]).
    pub static AUTH: crate::recipe::Scheme = crate::recipe::Scheme {
        credentials: std::borrow::Cow::Borrowed(
            &[
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("client_id"),
                    kind: crate::recipe::CredentialKind::Id,
                    env: std::borrow::Cow::Borrowed("DOKU_CLIENT_ID"),
                    doc: std::borrow::Cow::Borrowed("the `Client-Id` DOKU gave you"),
                },
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("secret_key"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("DOKU_SECRET_KEY"),
                    doc: std::borrow::Cow::Borrowed("the secret key that signs requests"),
                },
            ],
        ),
        request: Some(crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("request_id"),
                        source: crate::recipe::Source::Uuid {
                            max_len: 128usize,
                        },
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("timestamp"),
                        source: crate::recipe::Source::Now(
                            crate::recipe::TimeFormat::Utc,
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("digest"),
                        source: crate::recipe::Source::Body {
                            or: None,
                        },
                        steps: std::borrow::Cow::Borrowed(
                            &[crate::recipe::Step::Sha256, crate::recipe::Step::Base64],
                        ),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("string_to_sign"),
                        source: crate::recipe::Source::Lines(
                            std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Client-Id:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("client_id"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Id:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("request_id"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Timestamp:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("timestamp"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Target:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("target"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Digest:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("digest"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: true,
                                    },
                                ],
                            ),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("mac"),
                        source: crate::recipe::Source::Value(
                            std::borrow::Cow::Borrowed("string_to_sign"),
                        ),
                        steps: std::borrow::Cow::Borrowed(
                            &[
                                crate::recipe::Step::HmacSha256(
                                    std::borrow::Cow::Borrowed("secret_key"),
                                ),
                                crate::recipe::Step::Base64,
                            ],
                        ),
                    },
                ],
            ),
            headers: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Client-Id"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("client_id"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Request-Id"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("request_id"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Request-Timestamp"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("timestamp"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Signature"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Text(
                                        std::borrow::Cow::Borrowed("HMACSHA256="),
                                    ),
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("mac"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                ],
            ),
            fields: std::borrow::Cow::Borrowed(&[]),
        }),
        response: Some(crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("request_id"),
                        source: crate::recipe::Source::Sent(
                            std::borrow::Cow::Borrowed("request_id"),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("timestamp"),
                        source: crate::recipe::Source::Now(
                            crate::recipe::TimeFormat::Utc,
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("digest"),
                        source: crate::recipe::Source::Body {
                            or: None,
                        },
                        steps: std::borrow::Cow::Borrowed(
                            &[crate::recipe::Step::Sha256, crate::recipe::Step::Base64],
                        ),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("string_to_sign"),
                        source: crate::recipe::Source::Lines(
                            std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Client-Id:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("client_id"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Id:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("request_id"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Response-Timestamp:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("timestamp"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Target:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("target"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Digest:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("digest"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                ],
                            ),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("mac"),
                        source: crate::recipe::Source::Value(
                            std::borrow::Cow::Borrowed("string_to_sign"),
                        ),
                        steps: std::borrow::Cow::Borrowed(
                            &[
                                crate::recipe::Step::HmacSha256(
                                    std::borrow::Cow::Borrowed("secret_key"),
                                ),
                                crate::recipe::Step::Base64,
                            ],
                        ),
                    },
                ],
            ),
            headers: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Response-Timestamp"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("timestamp"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Signature"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Text(
                                        std::borrow::Cow::Borrowed("HMACSHA256="),
                                    ),
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("mac"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                ],
            ),
            fields: std::borrow::Cow::Borrowed(&[]),
        }),
        notification: Some(crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("request_id"),
                        source: crate::recipe::Source::Uuid {
                            max_len: 128usize,
                        },
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("timestamp"),
                        source: crate::recipe::Source::Now(
                            crate::recipe::TimeFormat::Utc,
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("digest"),
                        source: crate::recipe::Source::Body {
                            or: None,
                        },
                        steps: std::borrow::Cow::Borrowed(
                            &[crate::recipe::Step::Sha256, crate::recipe::Step::Base64],
                        ),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("string_to_sign"),
                        source: crate::recipe::Source::Lines(
                            std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Client-Id:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("client_id"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Id:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("request_id"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Timestamp:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("timestamp"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Request-Target:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("target"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("Digest:"),
                                                    ),
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("digest"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                ],
                            ),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("mac"),
                        source: crate::recipe::Source::Value(
                            std::borrow::Cow::Borrowed("string_to_sign"),
                        ),
                        steps: std::borrow::Cow::Borrowed(
                            &[
                                crate::recipe::Step::HmacSha256(
                                    std::borrow::Cow::Borrowed("secret_key"),
                                ),
                                crate::recipe::Step::Base64,
                            ],
                        ),
                    },
                ],
            ),
            headers: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Client-Id"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("client_id"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Request-Id"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("request_id"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Request-Timestamp"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("timestamp"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("Signature"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Text(
                                        std::borrow::Cow::Borrowed("HMACSHA256="),
                                    ),
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("mac"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                ],
            ),
            fields: std::borrow::Cow::Borrowed(&[]),
        }),
        token: None,
    };

    /// What distinguishes this provider at run time, from its spec: its
    /// name, its recipes ([`AUTH`]), where its responses carry their
    /// code and message (`error_convention:`) and what makes repeating
    /// a call safe (`retry:`).
    pub static DESCRIPTOR: crate::client::Descriptor = crate::client::Descriptor {
        name: "shop",
        auth: &AUTH,
        call_headers: &[],
        retry: None,
        errors: crate::convention::ErrorConvention {
            code: Some(std::borrow::Cow::Borrowed("error.code")),
            message: std::borrow::Cow::Borrowed(
                &[
                    std::borrow::Cow::Borrowed("error.message"),
                    std::borrow::Cow::Borrowed("message"),
                ],
            ),
            message_local: None,
            success_codes: std::borrow::Cow::Borrowed(&[]),
            success_flag: None,
            result: None,
            replay_status: Some(409u16),
        },
    };

    /// Shop as the runtime sees it: the type parameter of [`Client`] and [`Config`], selecting [`DESCRIPTOR`].
    #[derive(Debug, Clone, Copy)]
    pub struct Shop;
    impl crate::client::Spec for Shop {
        fn descriptor() -> &'static crate::client::Descriptor {
            &DESCRIPTOR
        }
    }

    /// A client of this provider; cheap to clone, share it.
    pub type Client = crate::client::Client<Shop>;
    /// Where and as whom to call this provider.
    pub type Config = crate::client::Config<Shop>;
    impl Config {
        /// A configuration for any base URL (a proxy, a test server); the documented ones have constructors of their own.
        ///
        /// `client_id`: the `Client-Id` DOKU gave you; `secret_key`: the secret key that signs requests.
        pub fn new(
            base_url: impl Into<String>,
            client_id: impl Into<String>,
            secret_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::with_credentials(
                base_url,
                Vec::from([crate::Secret::new(client_id.into()), secret_key.into()]),
            )
        }

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
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status (the code from `error.code`, the message from `error.message` or `message` in [`crate::ApiError`]); documented error bodies: `declined` ([`ErrorBody`]), read with `ApiError::body_as`.
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
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status (the code from `error.code`, the message from `error.message` or `message` in [`crate::ApiError`]); documented error bodies: `unknown_payment` ([`ErrorBody`], under HTTP 404), read with `ApiError::body_as`.
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

    pub use crate::client::notify::DEFAULT_NOTIFICATION_MAX_AGE;

    /// The `Client-Id`, `Request-Id`, `Request-Timestamp`, `Signature` headers of a notification request, for [`Notification::verify`]. Header names are matched without regard to case.
    ///
    /// A missing (or non-text) header the signature covers is [`crate::Error::SignatureMismatch`] naming it.
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

    impl<'a> NotificationHeaders<'a> {
        /// Each header by name, as received.
        fn pairs(&self) -> [(&'static str, Option<&'a str>); 4usize] {
            [
                ("Client-Id", Some(self.client_id)),
                ("Request-Id", Some(self.request_id)),
                ("Request-Timestamp", Some(self.request_timestamp)),
                ("Signature", self.signature),
            ]
        }
    }

    /// Inbound notifications: the signature is checked before anything typed is returned.
    #[derive(Debug, Clone, Copy)]
    pub struct Notification;
    impl Notification {
        /// The signed headers of a notification request, from the `http::HeaderMap` a web
        /// framework hands a handler.
        pub fn headers(
            map: &http::HeaderMap,
        ) -> Result<NotificationHeaders<'_>, crate::Error> {
            Ok(NotificationHeaders {
                client_id: crate::client::notify::required_header(
                    &DESCRIPTOR,
                    map,
                    "Client-Id",
                )?,
                request_id: crate::client::notify::required_header(
                    &DESCRIPTOR,
                    map,
                    "Request-Id",
                )?,
                request_timestamp: crate::client::notify::required_header(
                    &DESCRIPTOR,
                    map,
                    "Request-Timestamp",
                )?,
                signature: crate::client::notify::optional_header(map, "Signature"),
            })
        }

        /// Verifies a Shop notification's signature with the spec's notification recipe ([`AUTH`]) and decodes its body as `T`.
        ///
        /// `target` is the path of your notification URL as the provider called it (`/payments/notifications`); `raw_body` the request body exactly as received, before any JSON parsing.
        ///
        /// A valid signature proves origin, not freshness: a resent notification verifies again. Process each notification once.
        pub fn verify<T: serde::de::DeserializeOwned>(
            headers: &NotificationHeaders<'_>,
            target: &str,
            raw_body: &[u8],
            secret_key: &crate::Secret,
        ) -> Result<T, crate::Error> {
            crate::client::notify::verify_headers(
                &DESCRIPTOR,
                &headers.pairs(),
                target,
                raw_body,
                &[("secret_key", secret_key)],
            )
        }

        /// [`Notification::verify`], and then refuses a notification whose signed timestamp is more than `max_age` from this server's clock (either way) with [`crate::Error::StaleNotification`].
        ///
        /// The signature covers the timestamp, so a captured notification cannot be made to look recent: a replay older than `max_age` is refused ([`DEFAULT_NOTIFICATION_MAX_AGE`] is five minutes). Within the window a replay still verifies: remember the notifications you handled.
        pub fn verify_fresh<T: serde::de::DeserializeOwned>(
            headers: &NotificationHeaders<'_>,
            target: &str,
            raw_body: &[u8],
            secret_key: &crate::Secret,
            max_age: std::time::Duration,
        ) -> Result<T, crate::Error> {
            crate::client::notify::verify_headers_fresh(
                &DESCRIPTOR,
                &headers.pairs(),
                target,
                raw_body,
                &[("secret_key", secret_key)],
                max_age,
                std::time::SystemTime::now(),
            )
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
