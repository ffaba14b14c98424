/// A made-up provider with DOKU SNAP's authentication: a B2B access token
/// from a request signed SHA256withRSA, then HMAC-SHA512-signed calls that
/// carry the token.
///
/// # Quick start
///
/// One [`Client`](crate::snap::Client) per set of credentials (clone it to share it between tasks). Each endpoint is a method that validates the request, signs it, sends it and decodes the documented answer (see its `# Errors`):
///
/// ```rust,no_run
/// use payspec::snap::{Client, Config};
///
/// async fn first_call(request: &payspec::snap::auth::TokenRequest) -> Result<(), payspec::Error> {
///     let client = Client::new(Config::sandbox("<your client id>", "<your private key>", "<your client secret>"));
///     let response = client.access_token_b2b(request).await?;
///     println!("{response:?}");
///     Ok(())
/// }
/// ```
///
/// Timeouts, retries and response verification are set on [`Config`](crate::snap::Config); the Markdown reference (`generated/docs/snap/`) builds a full request for every endpoint.
///
/// # Authentication
///
/// A bearer token from the B2B token endpoint, and a symmetric signature on every call.
pub mod snap {
    pub use payspec_snap_types::*;

    /// Where Snap requests are sent.
    ///
    /// - `sandbox`: `https://snap.example`
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Environment {
        /// `https://snap.example`
        Sandbox,
        /// Another base URL (a mock server, a proxy), without a trailing slash.
        Custom(String),
    }

    impl Environment {
        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            match self {
                Self::Sandbox => "https://snap.example",
                Self::Custom(url) => url,
            }
        }
    }

    /// Every endpoint and notification of Snap, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests), which reaches it through `payspec::registry::endpoints`; hidden from the merchant-facing docs.
    ///
    /// - `access_token_b2b`: `POST /authorization/v1/access-token/b2b`
    /// - `create_va`: `POST /snap/v1.1/transfer-va/create-va`
    #[doc(hidden)]
    pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[
        crate::registry::EndpointInfo {
            provider: "snap",
            name: "access_token_b2b",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/authorization/v1/access-token/b2b"),
            request: Some(crate::registry::check::<auth::TokenRequest>),
            responses: &[(200, crate::registry::decode::<auth::TokenAnswer>)],
            errors: &[],
        },
        crate::registry::EndpointInfo {
            provider: "snap",
            name: "create_va",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/snap/v1.1/transfer-va/create-va"),
            request: Some(crate::registry::check::<va::CreateVaRequest>),
            responses: &[(200, crate::registry::decode::<va::CreateVaAnswer>)],
            errors: &[],
        },
    ];

    /// Every decision table of Snap, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards), which reaches it through `payspec::registry::decision`; hidden from the merchant-facing docs.
    #[doc(hidden)]
    pub static DECISIONS: &[crate::registry::DecisionInfo] = &[];
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
                    env: std::borrow::Cow::Borrowed("SNAP_CLIENT_ID"),
                    doc: std::borrow::Cow::Borrowed(
                        "The Client ID (X-CLIENT-KEY and X-PARTNER-ID).",
                    ),
                },
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("private_key"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("SNAP_PRIVATE_KEY_FILE"),
                    doc: std::borrow::Cow::Borrowed(
                        "The merchant's RSA private key (PEM).",
                    ),
                },
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("client_secret"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("SNAP_CLIENT_SECRET"),
                    doc: std::borrow::Cow::Borrowed(
                        "The secret key of the symmetric signature.",
                    ),
                },
            ],
        ),
        request: Some(crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("timestamp"),
                        source: crate::recipe::Source::Now(
                            crate::recipe::TimeFormat::Offset(420i16),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("external_id"),
                        source: crate::recipe::Source::Uuid {
                            max_len: 36usize,
                        },
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("channel_id"),
                        source: crate::recipe::Source::Literal(
                            std::borrow::Cow::Borrowed("H2H"),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("body_digest"),
                        source: crate::recipe::Source::Body {
                            or: None,
                        },
                        steps: std::borrow::Cow::Borrowed(
                            &[
                                crate::recipe::Step::Minify,
                                crate::recipe::Step::Sha256,
                                crate::recipe::Step::Hex,
                            ],
                        ),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("string_to_sign"),
                        source: crate::recipe::Source::Join {
                            sep: std::borrow::Cow::Borrowed(":"),
                            parts: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("method"),
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
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("access_token"),
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
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("body_digest"),
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
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("timestamp"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                ],
                            ),
                        },
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("signature"),
                        source: crate::recipe::Source::Value(
                            std::borrow::Cow::Borrowed("string_to_sign"),
                        ),
                        steps: std::borrow::Cow::Borrowed(
                            &[
                                crate::recipe::Step::HmacSha512(
                                    std::borrow::Cow::Borrowed("client_secret"),
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
                        name: std::borrow::Cow::Borrowed("Authorization"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Text(
                                        std::borrow::Cow::Borrowed("Bearer "),
                                    ),
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("access_token"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("X-TIMESTAMP"),
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
                        name: std::borrow::Cow::Borrowed("X-SIGNATURE"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("signature"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("X-PARTNER-ID"),
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
                        name: std::borrow::Cow::Borrowed("X-EXTERNAL-ID"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("external_id"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("CHANNEL-ID"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("channel_id"),
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
        response: None,
        notification: None,
        token: Some(crate::recipe::TokenFlow {
            endpoint: std::borrow::Cow::Borrowed("access_token_b2b"),
            method: std::borrow::Cow::Borrowed("POST"),
            path: std::borrow::Cow::Borrowed("/authorization/v1/access-token/b2b"),
            body: std::borrow::Cow::Borrowed("{\"grantType\":\"client_credentials\"}"),
            request: crate::recipe::Recipe {
                values: std::borrow::Cow::Borrowed(
                    &[
                        crate::recipe::Value {
                            name: std::borrow::Cow::Borrowed("timestamp"),
                            source: crate::recipe::Source::Now(
                                crate::recipe::TimeFormat::Offset(420i16),
                            ),
                            steps: std::borrow::Cow::Borrowed(&[]),
                        },
                        crate::recipe::Value {
                            name: std::borrow::Cow::Borrowed("string_to_sign"),
                            source: crate::recipe::Source::Template(crate::recipe::Template {
                                pieces: std::borrow::Cow::Borrowed(
                                    &[
                                        crate::recipe::Piece::Value(
                                            std::borrow::Cow::Borrowed("client_id"),
                                        ),
                                        crate::recipe::Piece::Text(std::borrow::Cow::Borrowed("|")),
                                        crate::recipe::Piece::Value(
                                            std::borrow::Cow::Borrowed("timestamp"),
                                        ),
                                    ],
                                ),
                            }),
                            steps: std::borrow::Cow::Borrowed(&[]),
                        },
                        crate::recipe::Value {
                            name: std::borrow::Cow::Borrowed("signature"),
                            source: crate::recipe::Source::Value(
                                std::borrow::Cow::Borrowed("string_to_sign"),
                            ),
                            steps: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Step::RsaSha256(
                                        std::borrow::Cow::Borrowed("private_key"),
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
                            name: std::borrow::Cow::Borrowed("X-CLIENT-KEY"),
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
                            name: std::borrow::Cow::Borrowed("X-TIMESTAMP"),
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
                            name: std::borrow::Cow::Borrowed("X-SIGNATURE"),
                            template: crate::recipe::Template {
                                pieces: std::borrow::Cow::Borrowed(
                                    &[
                                        crate::recipe::Piece::Value(
                                            std::borrow::Cow::Borrowed("signature"),
                                        ),
                                    ],
                                ),
                            },
                            ignore_case: false,
                        },
                    ],
                ),
                fields: std::borrow::Cow::Borrowed(&[]),
            },
            access_token: std::borrow::Cow::Borrowed("accessToken"),
            expires_in: Some(std::borrow::Cow::Borrowed("expiresIn")),
            refresh_before: 60u64,
        }),
    };

    /// What distinguishes this provider at run time, from its spec: its
    /// name, its recipes ([`AUTH`]), where its responses carry their
    /// code and message (`error_convention:`) and what makes repeating
    /// a call safe (`retry:`).
    pub static DESCRIPTOR: crate::client::Descriptor = crate::client::Descriptor {
        name: "snap",
        auth: &AUTH,
        call_headers: &[],
        retry: None,
        errors: crate::convention::ErrorConvention {
            code: Some(std::borrow::Cow::Borrowed("responseCode")),
            message: std::borrow::Cow::Borrowed(
                &[std::borrow::Cow::Borrowed("responseMessage")],
            ),
            message_local: None,
            success_codes: std::borrow::Cow::Borrowed(
                &[std::borrow::Cow::Borrowed("2xxxxxx")],
            ),
            success_flag: None,
            result: None,
            replay_status: None,
        },
    };

    /// Snap as the runtime sees it: the type parameter of [`Client`] and [`Config`], selecting [`DESCRIPTOR`].
    #[derive(Debug, Clone, Copy)]
    pub struct Snap;
    impl crate::client::Spec for Snap {
        fn descriptor() -> &'static crate::client::Descriptor {
            &DESCRIPTOR
        }
    }

    /// A client of this provider; cheap to clone, share it.
    pub type Client = crate::client::Client<Snap>;
    /// Where and as whom to call this provider.
    pub type Config = crate::client::Config<Snap>;
    impl Config {
        /// A configuration for any base URL (a proxy, a test server); the documented ones have constructors of their own.
        ///
        /// `client_id`: The Client ID (X-CLIENT-KEY and X-PARTNER-ID).; `private_key`: The merchant's RSA private key (PEM).; `client_secret`: The secret key of the symmetric signature..
        pub fn new(
            base_url: impl Into<String>,
            client_id: impl Into<String>,
            private_key: impl Into<crate::Secret>,
            client_secret: impl Into<crate::Secret>,
        ) -> Self {
            Self::with_credentials(
                base_url,
                Vec::from([
                    crate::Secret::new(client_id.into()),
                    private_key.into(),
                    client_secret.into(),
                ]),
            )
        }

        /// Snap sandbox, `https://snap.example`.
        ///
        /// `client_id`: The Client ID (X-CLIENT-KEY and X-PARTNER-ID).; `private_key`: The merchant's RSA private key (PEM).; `client_secret`: The secret key of the symmetric signature..
        pub fn sandbox(
            client_id: impl Into<String>,
            private_key: impl Into<crate::Secret>,
            client_secret: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(
                Environment::Sandbox.base_url(),
                client_id,
                private_key,
                client_secret,
            )
        }

        /// A configuration for `environment` (from configuration files: `Environment::Custom` for any other URL).
        ///
        /// `client_id`: The Client ID (X-CLIENT-KEY and X-PARTNER-ID).; `private_key`: The merchant's RSA private key (PEM).; `client_secret`: The secret key of the symmetric signature..
        pub fn for_environment(
            environment: Environment,
            client_id: impl Into<String>,
            private_key: impl Into<crate::Secret>,
            client_secret: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(environment.base_url(), client_id, private_key, client_secret)
        }
    }

    impl Client {
        /// Issue a B2B access token.
        ///
        /// `POST /authorization/v1/access-token/b2b`
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`auth::TokenAnswer`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `responseCode` in the body other than `2xxxxxx`, even under HTTP 200 (the code from `responseCode`, the message from `responseMessage` in [`crate::ApiError`]).
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn access_token_b2b(
            &self,
            request: &auth::TokenRequest,
        ) -> Result<auth::TokenAnswer, crate::Error> {
            self.call(
                    crate::client::Call::post(
                        "access_token_b2b",
                        "/authorization/v1/access-token/b2b",
                    ),
                    request,
                )
                .await
        }

        /// As [`Client::access_token_b2b`], with per-call options: store the X-EXTERNAL-ID you pass in `options` before sending, so a retry after a crash repeats the request safely.
        pub async fn access_token_b2b_with(
            &self,
            request: &auth::TokenRequest,
            options: &CallOptions,
        ) -> Result<auth::TokenAnswer, crate::Error> {
            self.call_with(
                    crate::client::Call::post(
                        "access_token_b2b",
                        "/authorization/v1/access-token/b2b",
                    ),
                    request,
                    options,
                )
                .await
        }

        /// Create a virtual account.
        ///
        /// `POST /snap/v1.1/transfer-va/create-va`
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`va::CreateVaAnswer`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `responseCode` in the body other than `2xxxxxx`, even under HTTP 200 (the code from `responseCode`, the message from `responseMessage` in [`crate::ApiError`]).
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn create_va(
            &self,
            request: &va::CreateVaRequest,
        ) -> Result<va::CreateVaAnswer, crate::Error> {
            self.call(
                    crate::client::Call::post(
                        "create_va",
                        "/snap/v1.1/transfer-va/create-va",
                    ),
                    request,
                )
                .await
        }

        /// As [`Client::create_va`], with per-call options: store the X-EXTERNAL-ID you pass in `options` before sending, so a retry after a crash repeats the request safely.
        pub async fn create_va_with(
            &self,
            request: &va::CreateVaRequest,
            options: &CallOptions,
        ) -> Result<va::CreateVaAnswer, crate::Error> {
            self.call_with(
                    crate::client::Call::post(
                        "create_va",
                        "/snap/v1.1/transfer-va/create-va",
                    ),
                    request,
                    options,
                )
                .await
        }
    }
}
