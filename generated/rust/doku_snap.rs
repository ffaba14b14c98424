/// DOKU SNAP (Bank Indonesia's national open API standard) APIs: a B2B
/// access token obtained with an RSA-signed request, then transactions that
/// carry it as a bearer token and are signed with HMAC-SHA512 under the
/// client secret.
///
/// # Quick start
///
/// One [`Client`](crate::doku_snap::Client) per set of credentials (clone it to share it between tasks). Each endpoint is a method that validates the request, signs it, sends it and decodes the documented answer (see its `# Errors`):
///
/// ```rust,no_run
/// use payspec::doku_snap::{Client, Config};
///
/// async fn first_call(request: &payspec::doku_snap::auth::AccessTokenB2bRequest) -> Result<(), payspec::Error> {
///     let client = Client::new(Config::sandbox("<your client id>", "<your private key>", "<your client secret>", "<your doku public key>"));
///     let response = client.access_token_b2b(request).await?;
///     println!("{response:?}");
///     Ok(())
/// }
/// ```
///
/// Timeouts, retries and response verification are set on [`Config`](crate::doku_snap::Config); the Markdown reference (`generated/docs/doku_snap/`) builds a full request for every endpoint.
///
/// Specified from the provider docs `doku-snap-get-token-b2b.txt`, `doku-snap-symmetric-signature.txt`, `doku-snap-asymmetric-signature.txt`, `doku-snap-signature-overview.txt`, `doku-http-notification-sample-snap.txt`.
///
/// # Authentication
///
/// "Before you hit API on DOKU side, you need to understand how to generate
/// a X-Signature." The token request is signed with the asymmetric
/// signature ("For Get Token B2B and Get Token B2B2C"), every transaction
/// with the symmetric one ("For transaction request such as Create VA,
/// Account Binding, OTP Verification, Check Balance Inquiry, Payment,
/// Refund, Account Unbinding"), which covers the access token.
///
/// Header values the SNAP pages do not give: the client sends CHANNEL-ID
/// H2H (host to host; DOKU's Python SDK sends SDK for virtual accounts, in
/// doku_python_library/src/controller/va_controller.py), and 36 random
/// digits as X-EXTERNAL-ID (a numeric string, as long as the SNAP
/// notification sample's), the call's id kept across retries, which a
/// caller may replace with a numeric id of its own.
///
/// # Discrepancies in the provider docs
///
/// Where the docs contradict themselves, the generated code follows these choices:
/// - `X-TIMESTAMP (zone)`: The header table asks for UTC ("2020-09-22T01:51:00Z"), the token header sample and the symmetric stringToSign sample use WIB with an offset. DOKU's Python SDK sends UTC with `Z` for the token request (doku_python_library/src/services/token_service.py, get_timestamp). The client sends the samples' shape, `+07:00` (both denote the same instant); the timestamp is the one in the string to sign either way.
/// - `token answer body (field names)`: The stored copies of the token page lost the response body's parameter-name column and its JSON sample. The names (responseCode, responseMessage, accessToken, tokenType, expiresIn, additionalInfo) and expiresIn as a number come from DOKU's Python SDK, doku_python_library/src/model/token/token_b2b_response.py, which also treats responseCode "2007300" as success (doku_python_library/src/services/token_service.py). expiresIn is read as a number or a string of digits.
/// - `minify (what it removes)`: The pages show minify only by example: whitespace between tokens goes, the spaces inside "  088899" stay. The client's `minify` removes space, tab, CR and LF outside strings and nothing else. DOKU's Python SDK re-serialises the parsed body instead (json.dumps with separators, doku_python_library/src/services/token_service.py), which can differ for escapes and numbers; the client signs the bytes it sends.
/// - `notification X-SIGNATURE (algorithm and string to sign)`: The overview points at the symmetric signature, and the current notification page's only header text (for /v1.0/debit/notify) says HMAC_SHA512 with a 64-hex-digit sample; but the VA notification sample's X-SIGNATURE is 344 base64 characters, a 2048-bit RSA signature, and it carries no Authorization header, so no access token could enter a symmetric string to sign. The asymmetric page gives the transactional string to sign without a token and says its EndpointUrl is the merchant's notification path for notifications; its "Generate Signature" step is cut off in every stored copy, and the token page names the asymmetric algorithm "SHA256withRSA". The client verifies the VA payment notification with SHA256withRSA, base64, against DOKU's public key, over the method POST, the merchant's notification path, the lowercase hex SHA-256 of the minified body and X-TIMESTAMP joined with colons (`doku_public_key`). The docs' sample signature cannot be checked: no page gives DOKU's public key. DOKU's Python SDK does not verify this header at all: it checks the bearer token of the notification against the merchant's own public key (doku_python_library/src/snap.py, validate_token_and_generate_notification_response, and doku_python_library/src/services/token_service.py, validate_token_b2b).
/// - `notification headers (Authorization)`: The legacy VA header sample has X-SIGNATURE, X-PARTNER-ID, X-EXTERNAL-ID and X-TIMESTAMP and no Authorization; the current page's crawl mentions a bearer token "obtained from Get B2B Token API from merchant" (DOKU first gets a token from the merchant), and the Python SDK requires it. The client verifies the four headers of the sample and ignores an Authorization header: issuing and checking tokens for DOKU is the merchant's own endpoint, not in these pages.
/// - `notification X-EXTERNAL-ID (shape)`: The table says numeric, the VA sample has 36 digits and the direct debit sample 21, and no page gives a maximum. Both recipes write it as a `numeric_id` of at most 36 digits (the VA sample's length): the client sends 36 random digits or a caller's own 1 to 36 digits, and a verified notification's X-EXTERNAL-ID must be 1 to 36 digits.
pub mod doku_snap {
    pub use payspec_doku_snap_types::*;

    /// Where DOKU SNAP requests are sent.
    ///
    /// - `sandbox`: `https://api-sandbox.doku.com`
    /// - `production`: `https://api.doku.com`
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Environment {
        /// `https://api-sandbox.doku.com`
        ///
        /// Not on the SNAP pages; DOKU's Python SDK (doku_python_library/src/commons/config.py) uses it.
        Sandbox,
        /// `https://api.doku.com`
        ///
        /// "if merchant wants to hit DOKU VA API: <https://api.doku.com/bi-snap-va/v1/transfer-va/create-va>"
        Production,
        /// Another base URL (a mock server, a proxy), without a trailing slash.
        Custom(String),
    }

    impl Environment {
        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            match self {
                Self::Sandbox => "https://api-sandbox.doku.com",
                Self::Production => "https://api.doku.com",
                Self::Custom(url) => url,
            }
        }
    }

    /// Every endpoint and notification of DOKU SNAP, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests), which reaches it through `payspec::registry::endpoints`; hidden from the merchant-facing docs.
    ///
    /// - `access_token_b2b`: `POST /authorization/v1/access-token/b2b`
    /// - `va_payment_notification`: notification
    #[doc(hidden)]
    pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[
        crate::registry::EndpointInfo {
            provider: "doku_snap",
            name: "access_token_b2b",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/authorization/v1/access-token/b2b"),
            request: Some(crate::registry::check::<auth::AccessTokenB2bRequest>),
            responses: &[(200, crate::registry::decode::<auth::AccessTokenB2bResponse>)],
            errors: &[],
        },
        crate::registry::EndpointInfo {
            provider: "doku_snap",
            name: "va_payment_notification",
            kind: crate::registry::EndpointKind::Notification,
            method: None,
            path: None,
            request: Some(
                crate::registry::decode::<notifications::VaPaymentNotification>,
            ),
            responses: &[],
            errors: &[],
        },
    ];

    /// Every decision table of DOKU SNAP, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards), which reaches it through `payspec::registry::decision`; hidden from the merchant-facing docs.
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
                    env: std::borrow::Cow::Borrowed("DOKU_SNAP_CLIENT_ID"),
                    doc: std::borrow::Cow::Borrowed(
                        "the Client ID (`X-CLIENT-KEY` of the token request, `X-PARTNER-ID` of transactions)",
                    ),
                },
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("private_key"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("DOKU_SNAP_PRIVATE_KEY_FILE"),
                    doc: std::borrow::Cow::Borrowed(
                        "the merchant's RSA private key (PEM), whose public key is registered with DOKU",
                    ),
                },
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("client_secret"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("DOKU_SNAP_CLIENT_SECRET"),
                    doc: std::borrow::Cow::Borrowed(
                        "the Secret Key from the DOKU Dashboard (Integration > API Keys)",
                    ),
                },
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("doku_public_key"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("DOKU_SNAP_PUBLIC_KEY_FILE"),
                    doc: std::borrow::Cow::Borrowed(
                        "DOKU's RSA public key (PEM), which verifies the X-SIGNATURE of DOKU's notifications (the sandbox, standing in for DOKU, signs with a private key under this name)",
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
                        source: crate::recipe::Source::Digits {
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
        notification: Some(crate::recipe::Recipe {
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
                        source: crate::recipe::Source::Digits {
                            max_len: 36usize,
                        },
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
                                                    crate::recipe::Piece::Text(
                                                        std::borrow::Cow::Borrowed("POST"),
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
                                crate::recipe::Step::RsaSha256(
                                    std::borrow::Cow::Borrowed("doku_public_key"),
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
                ],
            ),
            fields: std::borrow::Cow::Borrowed(&[]),
        }),
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
        name: "doku_snap",
        auth: &AUTH,
        call_headers: &[],
        retry: None,
        errors: crate::convention::ErrorConvention {
            code: None,
            message: std::borrow::Cow::Borrowed(&[]),
            message_local: None,
            success_codes: std::borrow::Cow::Borrowed(&[]),
            success_flag: None,
            result: None,
            replay_status: None,
        },
    };

    /// DOKU SNAP as the runtime sees it: the type parameter of [`Client`] and [`Config`], selecting [`DESCRIPTOR`].
    #[derive(Debug, Clone, Copy)]
    pub struct DokuSnap;
    impl crate::client::Spec for DokuSnap {
        fn descriptor() -> &'static crate::client::Descriptor {
            &DESCRIPTOR
        }
    }

    /// A client of this provider; cheap to clone, share it.
    pub type Client = crate::client::Client<DokuSnap>;
    /// Where and as whom to call this provider.
    pub type Config = crate::client::Config<DokuSnap>;
    impl Config {
        /// A configuration for any base URL (a proxy, a test server); the documented ones have constructors of their own.
        ///
        /// `client_id`: the Client ID (`X-CLIENT-KEY` of the token request, `X-PARTNER-ID` of transactions); `private_key`: the merchant's RSA private key (PEM), whose public key is registered with DOKU; `client_secret`: the Secret Key from the DOKU Dashboard (Integration > API Keys); `doku_public_key`: DOKU's RSA public key (PEM), which verifies the X-SIGNATURE of DOKU's notifications (the sandbox, standing in for DOKU, signs with a private key under this name).
        pub fn new(
            base_url: impl Into<String>,
            client_id: impl Into<String>,
            private_key: impl Into<crate::Secret>,
            client_secret: impl Into<crate::Secret>,
            doku_public_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::with_credentials(
                base_url,
                Vec::from([
                    crate::Secret::new(client_id.into()),
                    private_key.into(),
                    client_secret.into(),
                    doku_public_key.into(),
                ]),
            )
        }

        /// DOKU SNAP sandbox, `https://api-sandbox.doku.com`.
        ///
        /// `client_id`: the Client ID (`X-CLIENT-KEY` of the token request, `X-PARTNER-ID` of transactions); `private_key`: the merchant's RSA private key (PEM), whose public key is registered with DOKU; `client_secret`: the Secret Key from the DOKU Dashboard (Integration > API Keys); `doku_public_key`: DOKU's RSA public key (PEM), which verifies the X-SIGNATURE of DOKU's notifications (the sandbox, standing in for DOKU, signs with a private key under this name).
        pub fn sandbox(
            client_id: impl Into<String>,
            private_key: impl Into<crate::Secret>,
            client_secret: impl Into<crate::Secret>,
            doku_public_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(
                Environment::Sandbox.base_url(),
                client_id,
                private_key,
                client_secret,
                doku_public_key,
            )
        }

        /// DOKU SNAP production, `https://api.doku.com`.
        ///
        /// `client_id`: the Client ID (`X-CLIENT-KEY` of the token request, `X-PARTNER-ID` of transactions); `private_key`: the merchant's RSA private key (PEM), whose public key is registered with DOKU; `client_secret`: the Secret Key from the DOKU Dashboard (Integration > API Keys); `doku_public_key`: DOKU's RSA public key (PEM), which verifies the X-SIGNATURE of DOKU's notifications (the sandbox, standing in for DOKU, signs with a private key under this name).
        pub fn production(
            client_id: impl Into<String>,
            private_key: impl Into<crate::Secret>,
            client_secret: impl Into<crate::Secret>,
            doku_public_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(
                Environment::Production.base_url(),
                client_id,
                private_key,
                client_secret,
                doku_public_key,
            )
        }

        /// A configuration for `environment` (from configuration files: `Environment::Custom` for any other URL).
        ///
        /// `client_id`: the Client ID (`X-CLIENT-KEY` of the token request, `X-PARTNER-ID` of transactions); `private_key`: the merchant's RSA private key (PEM), whose public key is registered with DOKU; `client_secret`: the Secret Key from the DOKU Dashboard (Integration > API Keys); `doku_public_key`: DOKU's RSA public key (PEM), which verifies the X-SIGNATURE of DOKU's notifications (the sandbox, standing in for DOKU, signs with a private key under this name).
        pub fn for_environment(
            environment: Environment,
            client_id: impl Into<String>,
            private_key: impl Into<crate::Secret>,
            client_secret: impl Into<crate::Secret>,
            doku_public_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(
                environment.base_url(),
                client_id,
                private_key,
                client_secret,
                doku_public_key,
            )
        }
    }

    impl Client {
        /// Get a B2B access token.
        ///
        /// `POST /authorization/v1/access-token/b2b`
        ///
        /// "To get access token, you need to hit this API endpoint" (Service Code 73). The request is signed with the asymmetric signature (X-CLIENT-KEY, X-TIMESTAMP, X-SIGNATURE); the token then goes in `Authorization: Bearer` of every transaction and in its symmetric signature.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`auth::AccessTokenB2bResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn access_token_b2b(
            &self,
            request: &auth::AccessTokenB2bRequest,
        ) -> Result<auth::AccessTokenB2bResponse, crate::Error> {
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
            request: &auth::AccessTokenB2bRequest,
            options: &CallOptions,
        ) -> Result<auth::AccessTokenB2bResponse, crate::Error> {
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
    }

    pub use crate::client::notify::DEFAULT_NOTIFICATION_MAX_AGE;

    /// The `X-TIMESTAMP`, `X-SIGNATURE`, `X-PARTNER-ID`, `X-EXTERNAL-ID` headers of a notification request, for [`Notification::verify`]. Header names are matched without regard to case.
    ///
    /// A missing (or non-text) header the signature covers is [`crate::Error::SignatureMismatch`] naming it.
    #[derive(Debug, Clone, Copy)]
    pub struct NotificationHeaders<'a> {
        /// `X-TIMESTAMP`.
        pub x_timestamp: &'a str,
        /// `X-SIGNATURE`.
        pub x_signature: &'a str,
        /// `X-PARTNER-ID`.
        pub x_partner_id: &'a str,
        /// `X-EXTERNAL-ID`.
        pub x_external_id: &'a str,
    }

    impl<'a> NotificationHeaders<'a> {
        /// Each header by name, as received.
        fn pairs(&self) -> [(&'static str, Option<&'a str>); 4usize] {
            [
                ("X-TIMESTAMP", Some(self.x_timestamp)),
                ("X-SIGNATURE", Some(self.x_signature)),
                ("X-PARTNER-ID", Some(self.x_partner_id)),
                ("X-EXTERNAL-ID", Some(self.x_external_id)),
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
                x_timestamp: crate::client::notify::required_header(
                    &DESCRIPTOR,
                    map,
                    "X-TIMESTAMP",
                )?,
                x_signature: crate::client::notify::required_header(
                    &DESCRIPTOR,
                    map,
                    "X-SIGNATURE",
                )?,
                x_partner_id: crate::client::notify::required_header(
                    &DESCRIPTOR,
                    map,
                    "X-PARTNER-ID",
                )?,
                x_external_id: crate::client::notify::required_header(
                    &DESCRIPTOR,
                    map,
                    "X-EXTERNAL-ID",
                )?,
            })
        }

        /// Verifies a DOKU SNAP notification's signature with the spec's notification recipe ([`AUTH`]) and decodes its body as `T`.
        ///
        /// `target` is the path of your notification URL as the provider called it (`/payments/notifications`); `raw_body` the request body exactly as received, before any JSON parsing.
        ///
        /// A valid signature proves origin, not freshness: a resent notification verifies again. Process each notification once.
        pub fn verify<T: serde::de::DeserializeOwned>(
            headers: &NotificationHeaders<'_>,
            target: &str,
            raw_body: &[u8],
            doku_public_key: &crate::Secret,
        ) -> Result<T, crate::Error> {
            crate::client::notify::verify_headers(
                &DESCRIPTOR,
                &headers.pairs(),
                target,
                raw_body,
                &[("doku_public_key", doku_public_key)],
            )
        }

        /// [`Notification::verify`], and then refuses a notification whose signed timestamp is more than `max_age` from this server's clock (either way) with [`crate::Error::StaleNotification`].
        ///
        /// The signature covers the timestamp, so a captured notification cannot be made to look recent: a replay older than `max_age` is refused ([`DEFAULT_NOTIFICATION_MAX_AGE`] is five minutes). Within the window a replay still verifies: remember the notifications you handled.
        pub fn verify_fresh<T: serde::de::DeserializeOwned>(
            headers: &NotificationHeaders<'_>,
            target: &str,
            raw_body: &[u8],
            doku_public_key: &crate::Secret,
            max_age: std::time::Duration,
        ) -> Result<T, crate::Error> {
            crate::client::notify::verify_headers_fresh(
                &DESCRIPTOR,
                &headers.pairs(),
                target,
                raw_body,
                &[("doku_public_key", doku_public_key)],
                max_age,
                std::time::SystemTime::now(),
            )
        }
    }

    /// Verifies and decodes the `va_payment_notification` notification: Notification DOKU posts to the merchant when a SNAP virtual account is paid.
    ///
    /// `headers` are the notification's `X-TIMESTAMP`, `X-SIGNATURE`, `X-PARTNER-ID`, `X-EXTERNAL-ID`; `target` the path of your notification URL as the provider called it; `raw_body` the body exactly as received.
    ///
    /// # Replays
    ///
    /// A valid signature proves the provider sent this body, not that it is new: a captured notification verifies again when resent. Process each one once, e.g. by remembering the transaction id and status you have already handled.
    ///
    /// # Errors
    ///
    /// - [`crate::Error::SignatureMismatch`]: the signature is missing or wrong; do not trust the body.
    /// - [`crate::Error::Decode`]: the body is not the documented JSON (the failing path is named).
    pub fn verify_va_payment_notification(
        headers: &NotificationHeaders<'_>,
        target: &str,
        raw_body: &[u8],
        doku_public_key: &crate::Secret,
    ) -> Result<notifications::VaPaymentNotification, crate::Error> {
        Notification::verify(headers, target, raw_body, doku_public_key)
    }
}
