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
/// Notifications carry `signature_key`: the SHA-512, in lowercase hex, of
/// order_id + status_code + gross_amount + server key, over the strings
/// exactly as received (gross_amount keeps its ".00").
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

    /// How this provider authenticates: its credentials and the signature
    /// recipe of each direction, from the spec's `auth:` (run by
    /// [`crate::recipe::sign`] and [`crate::recipe::verify`]).
    pub static AUTH: crate::recipe::Scheme = crate::recipe::Scheme {
        credentials: std::borrow::Cow::Borrowed(
            &[
                crate::recipe::CredentialDecl {
                    name: std::borrow::Cow::Borrowed("server_key"),
                    kind: crate::recipe::CredentialKind::Key,
                    env: std::borrow::Cow::Borrowed("MIDTRANS_SERVER_KEY"),
                    doc: std::borrow::Cow::Borrowed(
                        "the server key (HTTP Basic user name)",
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
        notification: Some(crate::recipe::Recipe {
            values: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("order_id"),
                        source: crate::recipe::Source::Field(
                            std::borrow::Cow::Borrowed("order_id"),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("status_code"),
                        source: crate::recipe::Source::Field(
                            std::borrow::Cow::Borrowed("status_code"),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("gross_amount"),
                        source: crate::recipe::Source::Field(
                            std::borrow::Cow::Borrowed("gross_amount"),
                        ),
                        steps: std::borrow::Cow::Borrowed(&[]),
                    },
                    crate::recipe::Value {
                        name: std::borrow::Cow::Borrowed("signature_key"),
                        source: crate::recipe::Source::Join {
                            sep: std::borrow::Cow::Borrowed(""),
                            parts: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Line {
                                        template: crate::recipe::Template {
                                            pieces: std::borrow::Cow::Borrowed(
                                                &[
                                                    crate::recipe::Piece::Value(
                                                        std::borrow::Cow::Borrowed("order_id"),
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
                                                        std::borrow::Cow::Borrowed("status_code"),
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
                                                        std::borrow::Cow::Borrowed("gross_amount"),
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
                                                        std::borrow::Cow::Borrowed("server_key"),
                                                    ),
                                                ],
                                            ),
                                        },
                                        when_body: false,
                                    },
                                ],
                            ),
                        },
                        steps: std::borrow::Cow::Borrowed(
                            &[crate::recipe::Step::Sha512, crate::recipe::Step::Hex],
                        ),
                    },
                ],
            ),
            headers: std::borrow::Cow::Borrowed(&[]),
            fields: std::borrow::Cow::Borrowed(
                &[
                    crate::recipe::Output {
                        name: std::borrow::Cow::Borrowed("signature_key"),
                        template: crate::recipe::Template {
                            pieces: std::borrow::Cow::Borrowed(
                                &[
                                    crate::recipe::Piece::Value(
                                        std::borrow::Cow::Borrowed("signature_key"),
                                    ),
                                ],
                            ),
                        },
                        ignore_case: true,
                    },
                ],
            ),
        }),
    };

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
