/// The biller partner OpenAPI for bill and prepaid products. "Cancel API can
/// not be applied to all product categories" — "Products that have Cancel API
/// can be checked in Categories Response".
///
/// Every response is an envelope: responseCode, success, a bilingual message
/// ({ID, EN}) and data.
///
/// # Quick start
///
/// One [`Client`](crate::biller::Client) per set of credentials (clone it to share it between tasks). Each endpoint is a method that validates the request, signs it, sends it and decodes the documented answer (see its `# Errors`):
///
/// ```rust,no_run
/// use payspec::biller::{Client, Config};
///
/// async fn first_call(request: &payspec::biller::bill::BillCancelRequest) -> Result<(), payspec::Error> {
///     let client = Client::new(Config::new("<base URL>", "<your api key>", "<your token secret>"));
///     let response = client.bill_cancel(request).await?;
///     println!("{response:?}");
///     Ok(())
/// }
/// ```
///
/// Timeouts, retries and response verification are set on [`Config`](crate::biller::Config); the Markdown reference (`generated/docs/biller/`) builds a full request for every endpoint.
///
/// Specified from the provider docs `biller-bill-cancel.txt`.
///
/// # Authentication
///
/// Every request carries three headers: KEY (the partner's API key), TOKEN
/// and VERSION ("2.0"). The page says only "The body for the token is
/// defined below" above the request field table, and its samples send
/// `TOKEN: token`; it does not say how the token is made, which algorithm
/// signs it, or what its claims are. Public integrations of this partner
/// API send an HS256 JWT, signed with the partner's secret, whose claim set
/// is the JSON request body; the request recipe below does the same
/// (token_claims: request_body documents it). If the biller confirms
/// another claim set, change the recipe's `token` value and `token_claims`.
///
/// # Request headers
///
/// - `KEY`: The partner API key; the samples send "KEY: API Key" (Go, PHP, JavaScript) and "key: test-key" (curl).
/// - `TOKEN`: The request token; the samples send "TOKEN: token". "The body for the token is defined below": see the auth scheme.
/// - `VERSION`: API version; always the value 2.0 ("VERSION: 2.0" in every sample), so it is not a constructor argument.
/// - `Cache-Control`: Every sample sends it ("-H 'cache-control: no-cache'" in curl, "Cache-Control: no-cache" in Go, PHP and JavaScript, which also repeat it in lowercase); the page does not say why. Sent once, as `Cache-Control: no-cache`, on every request.
///
/// # Discrepancies in the provider docs
///
/// Where the docs contradict themselves, the generated code follows these choices:
/// - `partnerId`: Named an id and sampled as a partner name ("ayopop"), but described as the partner's API key. Sent as given; treated as a secret, so Debug never prints it.
/// - `account_number`: The table spells account_Number, the sample body account_number. Sent as account_number (the sample, and the snake_case of its sibling ref_number); account_Number is accepted when reading.
/// - `sample labels`: The cancel page labels its samples and the `success` field as Inquiry, responseCode as the status of "the payment request" and productName as the product "whose inquiry is being done". They are read as the Cancel API's: the URL in every sample is /api/v2/bill/cancel and the message says "Cancellation Successful".
/// - `request samples send an empty body`: All three fields are mandatory (the curl sample sends no body at all, the Go, PHP and JavaScript samples send {} with Content-Length: 2). The table wins: the generated request has all three as constructor arguments and never sends {}. The {} samples are not examples.
/// - `data fields missing from the DATA OBJECT table`: refNumber, transactionId, denom and token are in the sample but not in the table. All four are read as optional strings (transactionId also from a JSON number); token is treated as a secret.
/// - `data.customerDetails, billDetails, productDetails, extraFields`: Described as key/value JSON objects, but the sample sends empty arrays, and the details promised for billDetails ("More details about this section below") are not on the page. All four are typed json (serde_json::Value), so an object, an array or anything else deserialises.
/// - `samples do not belong to one exchange`: The request cancels account 43554 / ref_number 5324354, the response reports accountNumber 0812300001 / refNumber 2074134, though both account fields are described as the same enrollmentId. Response values are read as returned and never compared with the request.
/// - `base URL`: The page names no sandbox or production host, only the placeholder {api-url}. No environment is generated; the caller supplies the base URL the biller gives them.
/// - `header name spelling`: curl spells the headers in lowercase, the Go, PHP and JavaScript samples in capitals. Header names are case-insensitive; KEY, TOKEN and VERSION are sent.
/// - `token body`: The field table is introduced as the body "for the token", and the same fields are the sample HTTP body. The generated code sends them as the JSON body and signs the same object as the JWT claim set (token_claims: request_body).
pub mod biller {
    pub use payspec_biller_types::*;

    /// Where Biller partner API requests are sent.
    ///
    /// The provider's docs give no base URL: use `Environment::Custom`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Environment {
        /// Another base URL (a mock server, a proxy), without a trailing slash.
        Custom(String),
    }

    impl Environment {
        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            match self {
                Self::Custom(url) => url,
            }
        }
    }

    /// Every endpoint and notification of Biller partner API, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests), which reaches it through `payspec::registry::endpoints`; hidden from the merchant-facing docs.
    ///
    /// - `bill_cancel`: `POST /api/v2/bill/cancel`
    #[doc(hidden)]
    pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[
        crate::registry::EndpointInfo {
            provider: "biller",
            name: "bill_cancel",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/api/v2/bill/cancel"),
            request: Some(crate::registry::check::<bill::BillCancelRequest>),
            responses: &[(200, crate::registry::decode::<bill::BillCancelResult>)],
            errors: &[("failed", crate::registry::decode::<bill::BillCancelResult>)],
        },
    ];

    /// Every decision table of Biller partner API, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards), which reaches it through `payspec::registry::decision`; hidden from the merchant-facing docs.
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
                    name: std::borrow::Cow::Borrowed("api_key"),
                    kind: crate::recipe::CredentialKind::Sent,
                    env: std::borrow::Cow::Borrowed("BILLER_API_KEY"),
                    doc: std::borrow::Cow::Borrowed("the partner API key (`KEY` header)"),
                },
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("token_secret"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("BILLER_TOKEN_SECRET"),
                    doc: std::borrow::Cow::Borrowed(
                        "the secret that signs the `TOKEN` JWT",
                    ),
                },
            ],
        ),
        request: Some(crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("token"),
                        source: crate::recipe::Source::Body {
                            or: Some(std::borrow::Cow::Borrowed("{}")),
                        },
                        steps: std::borrow::Cow::Borrowed(
                            &[
                                crate::recipe::Step::JwtHs256(
                                    std::borrow::Cow::Borrowed("token_secret"),
                                ),
                            ],
                        ),
                    },
                ],
            ),
            headers: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("KEY"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("api_key"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("TOKEN"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("token"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: false,
                    },
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("VERSION"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Text(
                                        std::borrow::Cow::Borrowed("2.0"),
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
        token: None,
    };

    /// What distinguishes this provider at run time, from its spec: its
    /// name, its recipes ([`AUTH`]), where its responses carry their
    /// code and message (`error_convention:`) and what makes repeating
    /// a call safe (`retry:`).
    pub static DESCRIPTOR: crate::client::Descriptor = crate::client::Descriptor {
        name: "biller",
        auth: &AUTH,
        call_headers: &[],
        retry: None,
        errors: crate::convention::ErrorConvention {
            code: Some(std::borrow::Cow::Borrowed("responseCode")),
            message: std::borrow::Cow::Borrowed(
                &[std::borrow::Cow::Borrowed("message.EN")],
            ),
            message_local: Some(std::borrow::Cow::Borrowed("message.ID")),
            success_codes: std::borrow::Cow::Borrowed(&[]),
            success_flag: Some(std::borrow::Cow::Borrowed("success")),
            result: Some(std::borrow::Cow::Borrowed("data")),
            replay_status: None,
        },
    };

    /// Biller partner API as the runtime sees it: the type parameter of [`Client`] and [`Config`], selecting [`DESCRIPTOR`].
    #[derive(Debug, Clone, Copy)]
    pub struct Biller;
    impl crate::client::Spec for Biller {
        fn descriptor() -> &'static crate::client::Descriptor {
            &DESCRIPTOR
        }
    }

    /// A client of this provider; cheap to clone, share it.
    pub type Client = crate::client::Client<Biller>;
    /// Where and as whom to call this provider.
    pub type Config = crate::client::Config<Biller>;
    impl Config {
        /// A configuration for any base URL (a proxy, a test server); the documented ones have constructors of their own.
        ///
        /// `api_key`: the partner API key (`KEY` header); `token_secret`: the secret that signs the `TOKEN` JWT.
        pub fn new(
            base_url: impl Into<String>,
            api_key: impl Into<crate::Secret>,
            token_secret: impl Into<crate::Secret>,
        ) -> Self {
            Self::with_credentials(
                base_url,
                Vec::from([api_key.into(), token_secret.into()]),
            )
        }

        /// A configuration for `environment` (from configuration files: `Environment::Custom` for any other URL).
        ///
        /// `api_key`: the partner API key (`KEY` header); `token_secret`: the secret that signs the `TOKEN` JWT.
        pub fn for_environment(
            environment: Environment,
            api_key: impl Into<crate::Secret>,
            token_secret: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(environment.base_url(), api_key, token_secret)
        }
    }

    impl Client {
        /// Cancel a bill or prepaid transaction (for product categories that support it).
        ///
        /// `POST /api/v2/bill/cancel`
        ///
        /// "Cancel API can not be applied to all product categories" — "Products
        /// that have Cancel API can be checked in Categories Response".
        ///
        /// The answer is the biller's usual envelope; success is `success: true`
        /// (responseCode 600 in the sample).
        ///
        /// # Returns
        ///
        /// The `data` of a successful HTTP 200 envelope ([`bill::BillCancelResult`]), as [`bill::BillCancelData`]; `None` when `data` is `null` or absent.
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a body whose `success` is not `true` (the code from `responseCode`, the message from `message.EN`, the second-language message from `message.ID` in [`crate::ApiError`]); documented error bodies: `failed` ([`bill::BillCancelResult`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn bill_cancel(
            &self,
            request: &bill::BillCancelRequest,
        ) -> Result<Option<bill::BillCancelData>, crate::Error> {
            self.call(
                    crate::client::Call::post("bill_cancel", "/api/v2/bill/cancel")
                        .fixed_header("Cache-Control", "no-cache"),
                    request,
                )
                .await
        }
    }
}
