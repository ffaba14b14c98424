/// A made-up wallet API authenticated like Midtrans.
///
/// # Quick start
///
/// One [`Client`](crate::wallet::Client) per set of credentials (clone it to share it between tasks). Each endpoint is a method that validates the request, signs it, sends it and decodes the documented answer (see its `# Errors`):
///
/// ```rust,no_run
/// use payspec::wallet::{Client, Config};
///
/// async fn first_call() -> Result<(), payspec::Error> {
///     let client = Client::new(Config::sandbox("<your server key>"));
///     let response = client.void("<id>").await?;
///     println!("{response:?}");
///     Ok(())
/// }
/// ```
///
/// Timeouts, retries and response verification are set on [`Config`](crate::wallet::Config); the Markdown reference (`generated/docs/wallet/`) builds a full request for every endpoint.
///
/// Specified from the provider docs `wallet-api.txt`.
///
/// # Authentication
///
/// HTTP Basic with the server key as user name and an empty password.
pub mod wallet {
    pub use payspec_wallet_types::*;

    /// Where Wallet requests are sent.
    ///
    /// - `sandbox`: `https://sandbox.wallet.test`
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Environment {
        /// `https://sandbox.wallet.test`
        Sandbox,
        /// Another base URL (a mock server, a proxy), without a trailing slash.
        Custom(String),
    }

    impl Environment {
        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            match self {
                Self::Sandbox => "https://sandbox.wallet.test",
                Self::Custom(url) => url,
            }
        }
    }

    /// Every endpoint and notification of Wallet, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests), which reaches it through `payspec::registry::endpoints`; hidden from the merchant-facing docs.
    ///
    /// - `void`: `POST /v1/payments/{id}/void`
    #[doc(hidden)]
    pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[
        crate::registry::EndpointInfo {
            provider: "wallet",
            name: "void",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v1/payments/{id}/void"),
            request: None,
            responses: &[(200, crate::registry::decode::<payments::VoidResponse>)],
            errors: &[],
        },
    ];

    /// Every decision table of Wallet, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards), which reaches it through `payspec::registry::decision`; hidden from the merchant-facing docs.
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
                    name: std::borrow::Cow::Borrowed("server_key"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("WALLET_SERVER_KEY"),
                    doc: std::borrow::Cow::Borrowed(
                        "the wallet server key (HTTP Basic user name)",
                    ),
                },
            ],
        ),
        request: Some(crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("basic"),
                        source: crate::recipe::Source::Basic {
                            user: std::borrow::Cow::Borrowed("server_key"),
                            password: None,
                        },
                        steps: std::borrow::Cow::Borrowed(&[]),
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
                                        std::borrow::Cow::Borrowed("Basic "),
                                    ),
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("basic"),
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
        name: "wallet",
        auth: &AUTH,
        call_headers: &[],
        retry: None,
        errors: crate::convention::ErrorConvention {
            code: Some(std::borrow::Cow::Borrowed("status_code")),
            message: std::borrow::Cow::Borrowed(
                &[std::borrow::Cow::Borrowed("status_message")],
            ),
            message_local: None,
            success_codes: std::borrow::Cow::Borrowed(
                &[std::borrow::Cow::Borrowed("2xx")],
            ),
            success_flag: None,
            result: None,
            replay_status: None,
        },
    };

    /// Wallet as the runtime sees it: the type parameter of [`Client`] and [`Config`], selecting [`DESCRIPTOR`].
    #[derive(Debug, Clone, Copy)]
    pub struct Wallet;
    impl crate::client::Spec for Wallet {
        fn descriptor() -> &'static crate::client::Descriptor {
            &DESCRIPTOR
        }
    }

    /// A client of this provider; cheap to clone, share it.
    pub type Client = crate::client::Client<Wallet>;
    /// Where and as whom to call this provider.
    pub type Config = crate::client::Config<Wallet>;
    impl Config {
        /// A configuration for any base URL (a proxy, a test server); the documented ones have constructors of their own.
        ///
        /// `server_key`: the wallet server key (HTTP Basic user name).
        pub fn new(
            base_url: impl Into<String>,
            server_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::with_credentials(base_url, Vec::from([server_key.into()]))
        }

        /// Wallet sandbox, `https://sandbox.wallet.test`.
        ///
        /// `server_key`: the wallet server key (HTTP Basic user name).
        pub fn sandbox(server_key: impl Into<crate::Secret>) -> Self {
            Self::new(Environment::Sandbox.base_url(), server_key)
        }

        /// A configuration for `environment` (from configuration files: `Environment::Custom` for any other URL).
        ///
        /// `server_key`: the wallet server key (HTTP Basic user name).
        pub fn for_environment(
            environment: Environment,
            server_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::new(environment.base_url(), server_key)
        }
    }

    impl Client {
        /// Void a payment.
        ///
        /// `POST /v1/payments/{id}/void`
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The payment id. Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`payments::VoidResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]).
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn void(
            &self,
            id: impl crate::client::PathParam,
        ) -> Result<payments::VoidResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty(
                    crate::client::Call::post(
                        "void",
                        format!("/v1/payments/{id_segment}/void"),
                    ),
                )
                .await
        }
    }
}
