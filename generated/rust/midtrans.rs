/// Midtrans Core API. "Cancel transaction is triggered to void the
/// transaction. If transaction is already settled (status : settlement ) you
/// should perform refund instead if the payment method supports it." "Cancel
/// API can be used in both Core API and Snap integrations."
///
/// Amounts arrive as decimal strings ("30000.00") and are parsed exactly.
///
/// # Quick start
///
/// One [`Client`](crate::midtrans::Client) per set of credentials (clone it to share it between tasks). Each endpoint is a method that validates the request, signs it, sends it and decodes the documented answer (see its `# Errors`):
///
/// ```rust,no_run
/// use payspec::midtrans::{Client, Config};
///
/// async fn first_call() -> Result<(), payspec::Error> {
///     let client = Client::new(Config::sandbox("<your server key>"));
///     let response = client.approve("<id>").await?;
///     println!("{response:?}");
///     Ok(())
/// }
/// ```
///
/// Timeouts, retries and response verification are set on [`Config`](crate::midtrans::Config); the Markdown reference (`generated/docs/midtrans/`) builds a full request for every endpoint.
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
/// Notifications carry `signature_key`: the SHA-512, in lowercase hex, of
/// order_id + status_code + gross_amount + server key, over the strings
/// exactly as received (gross_amount keeps its ".00").
///
/// # Discrepancies in the provider docs
///
/// Where the docs contradict themselves, the generated code follows these choices:
/// - `TransactionStatus`: The table lists only capture, deny and authorize ("after charge"), yet every sample on this cancel page says cancel and the prose names settlement. All five are documented values; any other value deserialises as Unknown.
/// - `AcquiringBank`: The table spells banks BNI, Mandiri, BCA, BRI, MAYBANK; the samples send lowercase. The enum's wire values are lowercase, as sent; the table's spellings are read as aliases of the same banks.
/// - `ChargePaymentType`: The Permata request sends payment_type "permata", its response says "bank_transfer", and the object reference makes Permata a bank_transfer bank. Both request forms are accepted: payment_type permata without bank_transfer, or bank_transfer with bank "permata".
/// - `VaBank`: The object reference lists four banks; the integration page also charges CIMB. All five are values.
/// - `fraud_status`: The attribute table says an unanswered challenge is cancelled at settlement, the Fraud Status page that it is denied. The client reads whatever transaction_status follows.
/// - `masked_card digits`: The table says 8+4 digits (sample "45111111-1117"); the Ruby SDK sample quoted in the same file has 6+4. Read as any string.
/// - `transaction_time`: Described as ISO 8601, but every sample is `YYYY-MM-DD HH:MM:SS` (space, no offset). Read as a string in that local GMT+7 form (format local_date_time); it is not parsed as ISO 8601.
/// - `settlement_time`: Described as a duration, but sampled as a date and time. Read as a GMT+7 "YYYY-MM-DD HH:MM:SS" timestamp (format local_date_time), as the sample and the Get Status guide ("The date and time of settlement of the transaction") give it; a duration is never parsed from it.
/// - `path`: The request line has an empty path segment and a stray "?"; the endpoint table has the identifier between the slashes. The generated code sends POST /v2/{id}/cancel, with `id` percent-encoded, no query string and no body.
/// - `settlement_time of a cancelled transaction`: Only unsettled transactions can be cancelled, yet the cancel sample carries a settlement_time. settlement_time is optional and read as returned; its presence says nothing about the status.
/// - `signature_key`: The notification sample carries signature_key, approval_code and eci, none of which the attribute table lists. All three are read as optional strings.
/// - `status_code of the notification`: One table describes both bodies, but the response says "200" and the notification "202" (with status_message "midtrans payment notification") for the same cancellation. status_code is read as any string; callers should judge the outcome by transaction_status.
/// - `gross_amount`: The request takes a Long without decimals ("gross_amount": 145000); the response gives the amount as a decimal string. The request sends a JSON integer of whole rupiah; the response's is read as an exact decimal.
/// - `which transactions can be captured`: The intro allows GoPay pre-authorizations too; the method table says card payment only. The client sends any transaction_id; whether it can be captured is the provider's answer (412 when it cannot).
/// - `transaction_details.gross_amount`: Typed String, but every request sample sends the number 44000 (and the response gives "44000.00"). Sent as a JSON integer of whole rupiah.
/// - `bank_transfer.va_number`: The object reference, its BNI table and the integration page's VA Number Specification give different lengths for every bank. Midtrans pads a short number and trims a long one, so the client checks only that the value is digits (at most 255, the String(255) of the table).
/// - `bank_transfer.free_text`: Typed an array of Free Text Objects, but the sample (and the Free Text Object table) make it one object holding the inquiry and payment arrays. Sent as that object.
/// - `echannel`: Required by the current page, absent from the 2021 Mandiri Bill sample. The client requires it with payment_type echannel, as the current page says.
/// - `va_numbers`: The tables list va_number and bank as top-level strings; the samples (and the 2021 note) put them in a va_numbers array of objects. Read as that array; top-level va_number and bank are not fields.
/// - `biller_code`: The table calls bill_key the company code and biller_code the bill number, the note spells it bill_code, and the custom-number table makes bill_key the merchant-chosen number (6 to 12 digits, like the sampled "778347787706"; biller_code is the 5-digit "70012"). Both are read as strings under the sampled names bill_key and biller_code; the field docs keep the table's words.
/// - `CIMB response`: The CIMB table lists fraud_status, the CIMB sample has none (and adds expiry_time). fraud_status and expiry_time are optional.
/// - `Permata custom VA number`: 12 digits in the object reference, 10 in the specification table and its sample. Not checked (see bank_transfer.va_number); "by default your sandbox account may not support Permata custom VA".
/// - `echannel in the 2021 Mandiri Bill sample`: Today's table makes echannel required for a Mandiri Bill charge; the 2021 copy's sample sends payment_type echannel without it. The generated request follows the table: `validate()` refuses an echannel charge without echannel (required_if), so the 2021 sample is not an example (the audit still lists it as a new sample that decodes).
/// - `transaction_status`: The page's sample leaves a denied transaction in deny; the Ruby SDK's live sample quoted in the same file shows cancel (with fraud_status deny). Both are `TransactionStatus` values; judge the outcome by fraud_status deny.
/// - `amount`: The table types it Long and the sample sends the number 5000; the API explorer's schema says string. Sent as a JSON integer.
/// - `transaction_status`: The table names refund and partial_refund only; a rejected direct refund answers settlement. All three are `TransactionStatus` values.
/// - `refund_chargeback_id`: Typed String, sent as a JSON number. Read as an integer; a string of digits is accepted too.
/// - `notification samples`: The "Notification" and "Notification (Bank Confirmed)" samples end their refunds array with a trailing comma and are not JSON; the "Notification (Refund Partial Amount)" sample is. The two are examples of `refund_notification` with that comma removed. Direct refund notifications are verified and read like any other Midtrans notification.
/// - `refund window for ShopeePay`: The older crawls said 24 hours, the current page 365 days. The client does not check windows; a refund out of its window is the provider's refusal.
/// - `status_code of a successful expiry`: Success is reported with status_code "407", which the status-code list files among the 4xx errors ("Expired transaction"). For this endpoint "407" is declared the success code (`success_codes`): the client returns the body as `ExpireResponse`; any other code, 412 included, is `Error::Api`.
/// - `which transactions can be expired`: The endpoint list says pending transactions; the status cycle also lets authorize become expire. The client sends the call for any transaction; the provider answers 412 when it cannot expire it.
/// - `status_code of the notification`: The expire response says "407", the notification of the same expiry "202". status_code is read as any string (and is signed as sent); judge the outcome by transaction_status.
/// - `masked_card`: The reference page says 8+4 digits (samples "48111111-1114"), the guide's table 6+4, and its 2021 sample is "481111-1114". Read as any string; its length is not checked.
/// - `transaction_time`: The reference table says ISO 8601; the guide and every sample give "YYYY-MM-DD HH:MM:SS" in GMT+7 without an offset. Read as a string in that local form (format local_date_time).
/// - `payment_option_type`: The success sample is a credit_card transaction yet carries payment_option_type GOPAY_WALLET, which the table reserves for GoPay. Read whenever present, whatever the payment_type.
/// - `actions`: Typed Object, but the sample opens an array of action objects (and never closes it). Read as an array of objects.
/// - `samples that are not JSON`: Three samples are not JSON: "Success (Refund)" and "Success (Refunded Trx - Bank Confirmed)" end their refunds array with a trailing comma, and "Pending (DANA & ShopeePay)" never closes its actions array. The two refund samples are examples with that one comma removed (the rest verbatim), since their intent is plain; the DANA sample, whose brackets cannot be repaired without guessing, is not. Its fields (actions\[\] with name, method, url) are declared, so the same body in valid JSON deserialises.
/// - `transaction_status spelling`: The DANA & ShopeePay pending sample spells the status in capitals, the OVO one in lower case, as every other value. The enum's wire value is `pending`; `PENDING` is its alias and deserialises as `TransactionStatus::Pending` (the sample is not an example: it is not JSON, and would serialise back as `pending`).
/// - `HTTP status of failures`: The explorer puts the 404 body under HTTP 200 and the 401 body under HTTP 401. The client judges by the body's status_code whatever the HTTP status: any status_code outside 2xx is `Error::Api` with that code.
/// - `refund_chargeback_id type`: This page types it Long, the refund pages String; every sample sends a JSON number. Read and sent as an integer.
/// - `masked_card`: The table says 6+4 digits; the sample (and the 2021 cURL sample's "481111-1114" aside) has 8+4. Read as any string.
/// - `card_type`: The table capitalises the values, the sample sends lower case. The wire values are lower case (credit, debit), as in every sample; the table's `Credit` and `Debit` are read as aliases of them.
/// - `va_numbers`: The tables list va_number and bank as top-level strings; every sample nests them in a va_numbers array. Read as that array.
/// - `payment_amounts`: Typed a String in the format of a time, but the samples send an array (empty for BCA and BRI) of objects with paid_at and amount, which the BNI table lists. Read as that array.
/// - `payment_code`: Described as 14 digits; both samples have 18. Read as any string.
/// - `fraud_status spelling`: The best-practice list writes ACCEPT, every sample accept. The wire value is accept; "ACCEPT" deserialises as `FraudStatus::Unknown("ACCEPT")`.
/// - `number of notification URLs per transaction`: X-Append-Notification and X-Override-Notification take 3 URLs now, 2 in 2021. The generated client cannot send per-call headers yet; the limit is recorded here for when it can.
/// - `sample signature keys`: The BCA, BNI and BRI VA samples carry one signature_key for three different order_id and gross_amount pairs (so do GoPay, QRIS and ShopeePay), so at most one of them can be the SHA-512 of its own fields under any key. The samples are illustrations; they decode, but `verify_payment_notification` rejects them without the server key that signed them.
/// - `refund_chargeback_id`: This table types it String; the samples send a JSON number and the Get Status table says Long. Read as an integer; a string of digits is accepted too.
/// - `retrying with the same refund_key`: The current page says a retry reuses its refund_key (within 7 days); the samples answer 406 "Duplicate refund ID" and the older crawl said the id "cannot be reused". The client sends the refund_key as given and reports a 406 as `Error::Api` with code "406"; whether the first attempt was acknowledged is in get_status's refunds list ("if it's not listed, it means your refund request has not been acknowledged, you can retry the refund request").
/// - `status codes 406 and 414`: The status-code list gives 414 and 406 other meanings than this page. The client reports either as `Error::Api` with the code and the status_message as received; it does not interpret the message.
/// - `success sample with comments`: The full-refund "Success" sample carries // comments, so it is not JSON and not an example; its fields (with transaction_status "refund") are all declared, so the same body without the comments deserialises.
/// - `refund notification samples`: Both notification samples end their refunds array with a trailing comma and are not JSON; they are examples of `refund_notification` with that comma removed. A refund notification is verified and read like any other Midtrans notification; its refunds list has the shape of get_status's `RefundDetail`.
/// - `supported payment methods`: The older crawl allowed card payments only. The client calls the endpoint for any transaction; a method that cannot be refunded is the provider's 412.
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

    /// Every endpoint and notification of Midtrans, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests), which reaches it through `payspec::registry::endpoints`; hidden from the merchant-facing docs.
    ///
    /// - `approve`: `POST /v2/{id}/approve`
    /// - `cancel`: `POST /v2/{id}/cancel`
    /// - `cancel_notification`: notification
    /// - `capture`: `POST /v2/capture`
    /// - `charge`: `POST /v2/charge`
    /// - `deny`: `POST /v2/{id}/deny`
    /// - `direct_refund`: `POST /v2/{id}/refund/online/direct`
    /// - `expire`: `POST /v2/{id}/expire`
    /// - `expire_notification`: notification
    /// - `get_status`: `GET /v2/{id}/status`
    /// - `payment_notification`: notification
    /// - `refund`: `POST /v2/{id}/refund`
    /// - `refund_notification`: notification
    #[doc(hidden)]
    pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "approve",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/{id}/approve"),
            request: None,
            responses: &[(200, crate::registry::decode::<core::ApproveResponse>)],
            errors: &[
                ("cannot_modify", crate::registry::decode::<core::ApproveRejected>),
            ],
        },
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
            name: "capture",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/capture"),
            request: Some(crate::registry::check::<core::CaptureRequest>),
            responses: &[
                (200, crate::registry::decode::<core::CaptureResponse>),
                (401, crate::registry::decode::<core::CaptureUnauthorized>),
            ],
            errors: &[
                ("cannot_modify", crate::registry::decode::<core::CaptureRejected>),
            ],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "charge",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/charge"),
            request: Some(crate::registry::check::<core::ChargeRequest>),
            responses: &[(200, crate::registry::decode::<core::ChargeResponse>)],
            errors: &[
                (
                    "duplicate_order_id",
                    crate::registry::decode::<core::ChargeDuplicateOrder>,
                ),
            ],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "deny",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/{id}/deny"),
            request: None,
            responses: &[(200, crate::registry::decode::<core::DenyResponse>)],
            errors: &[("cannot_modify", crate::registry::decode::<core::DenyRejected>)],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "direct_refund",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/{id}/refund/online/direct"),
            request: Some(crate::registry::check::<core::DirectRefundRequest>),
            responses: &[(200, crate::registry::decode::<core::DirectRefundResponse>)],
            errors: &[
                ("cannot_modify", crate::registry::decode::<core::DirectRefundRejected>),
                (
                    "invalid_amount",
                    crate::registry::decode::<core::DirectRefundInvalidAmount>,
                ),
                (
                    "duplicate_refund_key",
                    crate::registry::decode::<core::DirectRefundDuplicateKey>,
                ),
            ],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "expire",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/{id}/expire"),
            request: None,
            responses: &[(200, crate::registry::decode::<core::ExpireResponse>)],
            errors: &[("cannot_modify", crate::registry::decode::<core::ExpireRejected>)],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "expire_notification",
            kind: crate::registry::EndpointKind::Notification,
            method: None,
            path: None,
            request: Some(crate::registry::decode::<core::ExpireNotification>),
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
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "payment_notification",
            kind: crate::registry::EndpointKind::Notification,
            method: None,
            path: None,
            request: Some(crate::registry::decode::<core::PaymentNotification>),
            responses: &[],
            errors: &[],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "refund",
            kind: crate::registry::EndpointKind::Endpoint,
            method: Some(crate::transport::Method::Post),
            path: Some("/v2/{id}/refund"),
            request: Some(crate::registry::check::<core::RefundRequest>),
            responses: &[
                (200, crate::registry::decode::<core::RefundResponse>),
                (401, crate::registry::decode::<core::RefundUnauthorized>),
            ],
            errors: &[
                ("cannot_modify", crate::registry::decode::<core::RefundRejected>),
                ("invalid_amount", crate::registry::decode::<core::RefundInvalidAmount>),
                (
                    "duplicate_refund_key",
                    crate::registry::decode::<core::RefundDuplicateKey>,
                ),
            ],
        },
        crate::registry::EndpointInfo {
            provider: "midtrans",
            name: "refund_notification",
            kind: crate::registry::EndpointKind::Notification,
            method: None,
            path: None,
            request: Some(crate::registry::decode::<core::RefundNotification>),
            responses: &[],
            errors: &[],
        },
    ];

    /// Every decision table of Midtrans, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards), which reaches it through `payspec::registry::decision`; hidden from the merchant-facing docs.
    ///
    /// - `card_cancel_window`
    /// - `direct_refund_supported`
    /// - `refund_supported`
    /// - `refund_amount_allowed`
    #[doc(hidden)]
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
        crate::registry::DecisionInfo {
            provider: "midtrans",
            name: "direct_refund_supported",
            inputs: &["payment_type", "bank"],
            boolean: true,
            evaluate: |inputs| {
                let input0: core::PaymentType = crate::registry::input_enum(
                    inputs,
                    "payment_type",
                )?;
                let input1: Option<AcquiringBank> = crate::registry::input_enum_opt(
                    inputs,
                    "bank",
                )?;
                Ok(
                    Some(
                        crate::registry::DecisionValue::Bool(
                            core::direct_refund_supported(&input0, input1.as_ref()),
                        ),
                    ),
                )
            },
        },
        crate::registry::DecisionInfo {
            provider: "midtrans",
            name: "refund_supported",
            inputs: &["payment_type"],
            boolean: true,
            evaluate: |inputs| {
                let input0: core::PaymentType = crate::registry::input_enum(
                    inputs,
                    "payment_type",
                )?;
                Ok(
                    Some(
                        crate::registry::DecisionValue::Bool(
                            core::refund_supported(&input0),
                        ),
                    ),
                )
            },
        },
        crate::registry::DecisionInfo {
            provider: "midtrans",
            name: "refund_amount_allowed",
            inputs: &["payment_type", "whole"],
            boolean: true,
            evaluate: |inputs| {
                let input0: Option<core::PaymentType> = crate::registry::input_enum_opt(
                    inputs,
                    "payment_type",
                )?;
                let input1 = crate::registry::input_bool(inputs, "whole")?;
                Ok(
                    Some(
                        crate::registry::DecisionValue::Bool(
                            core::refund_amount_allowed(input0.as_ref(), input1),
                        ),
                    ),
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
        token: None,
    };

    /// What distinguishes this provider at run time, from its spec: its
    /// name, its recipes ([`AUTH`]), where its responses carry their
    /// code and message (`error_convention:`) and what makes repeating
    /// a call safe (`retry:`).
    pub static DESCRIPTOR: crate::client::Descriptor = crate::client::Descriptor {
        name: "midtrans",
        auth: &AUTH,
        call_headers: &[
            crate::client::OptionalHeader {
                name: "Idempotency-Key",
                methods: &[crate::transport::Method::Post],
                max_len: Some(46usize),
                list: None,
            },
            crate::client::OptionalHeader {
                name: "X-Append-Notification",
                methods: &[],
                max_len: None,
                list: Some(crate::client::HeaderList {
                    separator: ',',
                    max_items: 3usize,
                    item_max_len: None,
                }),
            },
            crate::client::OptionalHeader {
                name: "X-Override-Notification",
                methods: &[],
                max_len: None,
                list: Some(crate::client::HeaderList {
                    separator: ',',
                    max_items: 3usize,
                    item_max_len: None,
                }),
            },
        ],
        retry: Some(crate::client::Idempotency {
            key: crate::client::IdempotencyKey::Header("Idempotency-Key"),
            key_lifetime: Some(std::time::Duration::from_secs(300u64)),
        }),
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

    /// Midtrans as the runtime sees it: the type parameter of [`Client`] and [`Config`], selecting [`DESCRIPTOR`].
    #[derive(Debug, Clone, Copy)]
    pub struct Midtrans;
    impl crate::client::Spec for Midtrans {
        fn descriptor() -> &'static crate::client::Descriptor {
            &DESCRIPTOR
        }
    }

    /// A client of this provider; cheap to clone, share it.
    pub type Client = crate::client::Client<Midtrans>;
    /// Where and as whom to call this provider.
    pub type Config = crate::client::Config<Midtrans>;
    impl Config {
        /// A configuration for any base URL (a proxy, a test server); the documented ones have constructors of their own.
        ///
        /// `server_key`: the server key (HTTP Basic user name).
        pub fn new(
            base_url: impl Into<String>,
            server_key: impl Into<crate::Secret>,
        ) -> Self {
            Self::with_credentials(base_url, Vec::from([server_key.into()]))
        }

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

    /// Which transaction an operation applies to: Midtrans accepts either id in the same path position ("BASE_URL/v2/{order_id OR transaction_id}/cancel").
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum TransactionRef {
        /// The merchant's `order_id`.
        OrderId(String),
        /// Midtrans' `transaction_id`.
        TransactionId(String),
    }

    impl TransactionRef {
        /// The id as given.
        pub fn as_str(&self) -> &str {
            match self {
                TransactionRef::OrderId(id) | TransactionRef::TransactionId(id) => id,
            }
        }
    }

    impl crate::client::PathParam for TransactionRef {
        fn path_segment(&self) -> String {
            crate::client::encode_path_segment(self.as_str())
        }
    }

    impl Client {
        /// Accept a card payment that the Fraud Detection System challenged.
        ///
        /// `POST /v2/{id}/approve`
        ///
        /// "Approve transaction is triggered to accept the card payment transaction
        /// with fraud_status:challenge."
        ///
        /// "challenge | Transaction is flagged as potential fraud, but cannot be
        /// determined precisely. You can accept or deny the transaction from MAP
        /// account or by using Approve Transaction API or Deny Transaction API. If no
        /// action is taken, the transaction is denied automatically." (Fraud Status
        /// page, in the same file.)
        ///
        /// The request has no body. The stored copies of the page stop inside the
        /// attribute table's status_message row.
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The challenged transaction: its order_id or transaction_id, as in "BASE_URL/v2/{order_id OR transaction_id}/approve". Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::ApproveResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::ApproveRejected`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn approve(
            &self,
            id: impl crate::client::PathParam,
        ) -> Result<core::ApproveResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty(
                    crate::client::Call::post(
                        "approve",
                        format!("/v2/{id_segment}/approve"),
                    ),
                )
                .await
        }

        /// As [`Client::approve`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn approve_with(
            &self,
            id: impl crate::client::PathParam,
            options: &CallOptions,
        ) -> Result<core::ApproveResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty_with(
                    crate::client::Call::post(
                        "approve",
                        format!("/v2/{id_segment}/approve"),
                    ),
                    options,
                )
                .await
        }

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
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The transaction to cancel: its order_id ("Order ID specified by you.") or its transaction_id ("Transaction ID given by Midtrans."), as in "BASE_URL/v2/{order_id OR transaction_id}/cancel". Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::CancelResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::CancelRejected`]), read with `ApiError::body_as`.
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

        /// As [`Client::cancel`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn cancel_with(
            &self,
            id: impl crate::client::PathParam,
            options: &CallOptions,
        ) -> Result<core::CancelResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty_with(
                    crate::client::Call::post(
                        "cancel",
                        format!("/v2/{id_segment}/cancel"),
                    ),
                    options,
                )
                .await
        }

        /// Capture the balance of an authorized (pre-authorized) transaction.
        ///
        /// `POST /v2/capture`
        ///
        /// "Capture transaction is triggered to capture the transaction balance when
        /// transaction_status:authorize. This is only available after Pre-Authorized
        /// Credit Card" or "Pre-Authorized GoPay".
        ///
        /// The transaction is named in the body by its transaction_id, not in the
        /// path. Specified from midtrans-capture.txt, including its card variant page
        /// ("Capture Transaction on Card") and API explorer. The card variant prints
        /// its request sample with a stray "v" after the closing brace and its
        /// explorer shows the path as "/v2/capture?"; the client sends the main
        /// page's form, POST /v2/capture with no query string.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::CaptureResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::CaptureRejected`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn capture(
            &self,
            request: &core::CaptureRequest,
        ) -> Result<core::CaptureResponse, crate::Error> {
            self.call(crate::client::Call::post("capture", "/v2/capture"), request).await
        }

        /// As [`Client::capture`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn capture_with(
            &self,
            request: &core::CaptureRequest,
            options: &CallOptions,
        ) -> Result<core::CaptureResponse, crate::Error> {
            self.call_with(
                    crate::client::Call::post("capture", "/v2/capture"),
                    request,
                    options,
                )
                .await
        }

        /// Create a bank-transfer (virtual account) or Mandiri Bill transaction.
        ///
        /// `POST /v2/charge`
        ///
        /// "Your customers can make payments using the Bank Transfer payment method
        /// provided by Midtrans. You will be notified when customer completes the
        /// transaction using this option." Banks: "BCA Virtual Account", "BNI Virtual
        /// Account", "BRI Virtual Account", "Mandiri Bill Payment", "Permata Virtual
        /// Account", "CIMB Virtual Account" ("Danamon Virtual Account (only via
        /// BI-SNAP version of Core API", not this endpoint). "VA can be paid from
        /// any banks (support inter-bank transfer) for BNI, BRI, Permata and CIMB, as
        /// long as the transferred fund is received in time."
        ///
        /// "By default the expiry time for Bank Transfer / VA is 24 hours."
        ///
        /// Specified for the bank-transfer family only, from
        /// midtrans-charge-bank-transfer.txt and the Bank Transfer object reference
        /// (midtrans-bank-transfer-object.txt). The page's "Tips" mention
        /// customer_details and item_details, documented elsewhere and not in these
        /// copies; they are not part of this request type. The custom-VA snippets
        /// ("…" `"bank_transfer":{…}` fragments, one with a `//NOTE` comment) and the
        /// object reference's snippets are fragments of a body, not bodies, so they
        /// are not examples; every field they show is declared below.
        ///
        /// Headers (midtrans-auth-headers.txt) a caller adds per call
        /// (`call_headers:` of provider.yaml, sent with `CallOptions::header` and
        /// checked before sending): "Idempotency-Key | Idempotency key to safely
        /// handle retry requests. | Optional |" ("The maximum length of
        /// Idempotency-Key is 46. Midtrans ignores the usage of Idempotency-Key if it
        /// is longer than the maximum length." "Please note that the key value
        /// lifetime is five minutes." "idempotent requests are not supported for
        /// these payment methods: 1. Permata Virtual Account");
        /// X-Append-Notification / X-Override-Notification ("Both header can
        /// support up to maximum of 3 URLs, separated by coma(,).").
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::ChargeResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `duplicate_order_id` ([`core::ChargeDuplicateOrder`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn charge(
            &self,
            request: &core::ChargeRequest,
        ) -> Result<core::ChargeResponse, crate::Error> {
            self.call(crate::client::Call::post("charge", "/v2/charge"), request).await
        }

        /// As [`Client::charge`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn charge_with(
            &self,
            request: &core::ChargeRequest,
            options: &CallOptions,
        ) -> Result<core::ChargeResponse, crate::Error> {
            self.call_with(
                    crate::client::Call::post("charge", "/v2/charge"),
                    request,
                    options,
                )
                .await
        }

        /// Deny a card payment that the Fraud Detection System challenged.
        ///
        /// `POST /v2/{id}/deny`
        ///
        /// "Deny transaction is triggered to immediately deny the card payment
        /// transaction with fraud_status:challenge."
        ///
        /// The request has no body. The stored copies of the page stop inside the
        /// attribute table's transaction_status row; the fields after it are those
        /// of the sample (as on the sibling Approve page).
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The challenged transaction: its order_id or transaction_id, as in "BASE_URL/v2/{order_id OR transaction_id}/deny". Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::DenyResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::DenyRejected`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn deny(
            &self,
            id: impl crate::client::PathParam,
        ) -> Result<core::DenyResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty(
                    crate::client::Call::post("deny", format!("/v2/{id_segment}/deny")),
                )
                .await
        }

        /// As [`Client::deny`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn deny_with(
            &self,
            id: impl crate::client::PathParam,
            options: &CallOptions,
        ) -> Result<core::DenyResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty_with(
                    crate::client::Call::post("deny", format!("/v2/{id_segment}/deny")),
                    options,
                )
                .await
        }

        /// Send a refund of a settled transaction directly to the bank or payment provider.
        ///
        /// `POST /v2/{id}/refund/online/direct`
        ///
        /// "Merchant can now just use 1 refund endpoint /refund for all refund
        /// usecases. Direct Refund" "endpoint however can still be used for existing
        /// merchants."
        ///
        /// "Unlike the Refund Transaction" … "Direct Refund transaction is triggered to
        /// send the refund request directly to the bank or to the third-party payment
        /// provider for transaction with payment status Settlement. If payment status
        /// is still in either Capture, Pending or Authorize, use the Cancel API
        /// instead. This method is faster than the standard operation process which
        /// may take one to two days, after the initial refund request. The status of
        /// corresponding transaction is updated immediately after receiving refund
        /// result from the third-party payment provider. HTTP notification is sent
        /// only if the refund is successful."
        ///
        /// "Direct Refund transaction is only supported for GoPay, QRIS, ShopeePay,
        /// Credit Card, Akulaku and Kredivo payment methods. Currently for Credit Card
        /// payment method, Midtrans only supports BCA, MAYBANK, BNI (via Cybersource)
        /// and BRI acquiring banks." "Refund is not allowed from 11:55 PM to 6:00 AM
        /// GMT+7" for ShopeePay; refund windows: ShopeePay 365 days, Kredivo 14 days,
        /// "QRIS with acquirers GoPay: 45 days", "GoPay Tokenization and GoPay
        /// deeplink with GoPay payment option GOPAY_COINS: 90 days", "Other GoPay
        /// transactions: 180 days".
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The transaction to refund: its order_id or transaction_id, as in "BASE_URL/v2/{order_id **OR** transaction_id}/refund/online/direct". Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::DirectRefundResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::DirectRefundRejected`]), `invalid_amount` ([`core::DirectRefundInvalidAmount`]), `duplicate_refund_key` ([`core::DirectRefundDuplicateKey`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn direct_refund(
            &self,
            id: impl crate::client::PathParam,
            request: &core::DirectRefundRequest,
        ) -> Result<core::DirectRefundResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call(
                    crate::client::Call::post(
                        "direct_refund",
                        format!("/v2/{id_segment}/refund/online/direct"),
                    ),
                    request,
                )
                .await
        }

        /// As [`Client::direct_refund`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn direct_refund_with(
            &self,
            id: impl crate::client::PathParam,
            request: &core::DirectRefundRequest,
            options: &CallOptions,
        ) -> Result<core::DirectRefundResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_with(
                    crate::client::Call::post(
                        "direct_refund",
                        format!("/v2/{id_segment}/refund/online/direct"),
                    ),
                    request,
                    options,
                )
                .await
        }

        /// Expire a pending transaction so that its order_id can be reused.
        ///
        /// `POST /v2/{id}/expire`
        ///
        /// "Expire transaction is triggered to update the transaction_status to
        /// expire, when the customer fails to complete the payment. The expired
        /// order_id can be reused for the same or different payment methods."
        /// "Expire API can be used in both Core API and Snap integrations."
        ///
        /// The request has no body. The stored copies of the page stop inside the
        /// attribute table's transaction_status row; the response fields after it
        /// (gross_amount, and currency, fraud_status, merchant_id of the Ruby SDK
        /// reference quoted in the same file) are taken from the samples.
        ///
        /// A successful expiry answers status_code "407" ("Success, transaction has
        /// expired"), which the runtime reports as `Error::Api` with code "407"
        /// because it treats every status_code outside 2xx as a failure; read the
        /// body with `ApiError::body_as::<core::ExpireResponse>()`.
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The transaction to expire: its order_id or transaction_id, as in "BASE_URL/v2/{order_id OR transaction_id}/expire". Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::ExpireResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::ExpireRejected`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn expire(
            &self,
            id: impl crate::client::PathParam,
        ) -> Result<core::ExpireResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty(
                    crate::client::Call::post(
                            "expire",
                            format!("/v2/{id_segment}/expire"),
                        )
                        .success_codes(&["407"]),
                )
                .await
        }

        /// As [`Client::expire`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn expire_with(
            &self,
            id: impl crate::client::PathParam,
            options: &CallOptions,
        ) -> Result<core::ExpireResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty_with(
                    crate::client::Call::post(
                            "expire",
                            format!("/v2/{id_segment}/expire"),
                        )
                        .success_codes(&["407"]),
                    options,
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
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The transaction to look up: "The order id or transaction id of the transaction you want to look up.", as in "BASE_URL/v2/{order_id OR transaction_id}/status". "If you're using BI SNAP and DANA payment methods, please only use Transaction ID to get status." The path cannot show the payment method, so this is not checked. Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::GetStatusResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `not_found` ([`core::GetStatusNotFound`], under HTTP 200), read with `ApiError::body_as`.
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

        /// As [`Client::get_status`], with per-call options: the optional headers `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn get_status_with(
            &self,
            id: impl crate::client::PathParam,
            options: &CallOptions,
        ) -> Result<core::GetStatusResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_empty_with(
                    crate::client::Call::get(
                        "get_status",
                        format!("/v2/{id_segment}/status"),
                    ),
                    options,
                )
                .await
        }

        /// Refund a settled transaction, wholly or partly; refund_key makes a retry safe.
        ///
        /// `POST /v2/{id}/refund`
        ///
        /// "Refund transaction is called to reverse the money back to customers for
        /// transactions with payment status Settlement. If transaction's status is
        /// still Pending Authorize or Capture please use Cancel API instead."
        ///
        /// "We will use refund_key as the unique identifier from merchant. If you
        /// want to do retry the same refund request please use the same refund_key,
        /// but if you want to create a new refund request please use the new
        /// refund_key. If you don't sent us the refund_key we will treat it as a new
        /// request and generate the refund_key from our side."
        ///
        /// "Refund transaction is supported only for credit_card , gopay, shopeepay
        /// ,dana,ovo, QRIS , kredivo and akulaku payment methods." Refund windows:
        /// "ShopeePay (QRIS and JumpApp) : 365 days", "Kredivo : 14 days", "DANA : 45
        /// days", "OVO : 7 days for regular merchants, 180 days for OTA merchants";
        /// GoPay: "QRIS ON-US (acquirers GoPay x issuer Gopay) : 45 days", "QRIS
        /// OFF-US (acquirers GoPay x issuer Other Player) : 7 days", "GoPay
        /// Tokenization : 180 days", "GoPay Deeplink : 45 days", "Other GoPay
        /// transactions: 180 days".
        ///
        /// "Starting January 2024, GoPay Static QRIS transaction can only be
        /// refunded by passing the Midtrans transaction ID (transaction_id) on the
        /// refund API call."
        ///
        /// "Merchant can now just use 1 refund endpoint /refund for all refund
        /// usecases." "Midtrans will return 2 refund post notifications to merchant -
        /// without and with bank_confirmed_at."
        ///
        /// # Path parameters
        ///
        /// Each accepts `&str`, `String` or any [`crate::PathParam`].
        ///
        /// - `id`: The transaction to refund: its order_id or transaction_id, as in "BASE_URL/v2/{order_id OR transaction_id}/refund". "Starting January 2024, GoPay Static QRIS transaction can only be refunded by passing the Midtrans transaction ID (transaction_id) on the refund API call." The path cannot show the payment method, so this is not checked. Percent-encoded into the path.
        ///
        /// # Returns
        ///
        /// The HTTP 200 body as [`core::RefundResponse`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: a non-2xx HTTP status, or a `status_code` in the body other than `2xx`, even under HTTP 200 (the code from `status_code`, the message from `status_message` in [`crate::ApiError`]); documented error bodies: `cannot_modify` ([`core::RefundRejected`]), `invalid_amount` ([`core::RefundInvalidAmount`]), `duplicate_refund_key` ([`core::RefundDuplicateKey`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn refund(
            &self,
            id: impl crate::client::PathParam,
            request: &core::RefundRequest,
        ) -> Result<core::RefundResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call(
                    crate::client::Call::post(
                        "refund",
                        format!("/v2/{id_segment}/refund"),
                    ),
                    request,
                )
                .await
        }

        /// As [`Client::refund`], with per-call options: the optional headers `Idempotency-Key`, `X-Append-Notification`, `X-Override-Notification` ([`CallOptions::header`]), checked against their documented limits before anything is sent.
        pub async fn refund_with(
            &self,
            id: impl crate::client::PathParam,
            request: &core::RefundRequest,
            options: &CallOptions,
        ) -> Result<core::RefundResponse, crate::Error> {
            let id_segment = crate::client::PathParam::path_segment(&id);
            self.call_with(
                    crate::client::Call::post(
                        "refund",
                        format!("/v2/{id_segment}/refund"),
                    ),
                    request,
                    options,
                )
                .await
        }
    }

    /// Inbound notifications: the signature is checked before anything typed is returned.
    #[derive(Debug, Clone, Copy)]
    pub struct Notification;
    impl Notification {
        /// Checks a Midtrans notification's signed body fields with the spec's notification recipe ([`AUTH`]), over the strings exactly as received, and decodes the body as `T`.
        ///
        /// A missing field or a wrong signature is [`crate::Error::SignatureMismatch`] naming the reason; a body that is not JSON is [`crate::Error::Decode`].
        ///
        /// A valid signature proves origin, not freshness: a resent notification verifies again, so process each one once.
        pub fn verify<T: serde::de::DeserializeOwned>(
            raw_body: impl AsRef<[u8]>,
            server_key: &crate::Secret,
        ) -> Result<T, crate::Error> {
            crate::client::notify::verify_fields(
                &DESCRIPTOR,
                raw_body.as_ref(),
                &[("server_key", server_key)],
            )
        }

        /// Only the signature check of [`Notification::verify`], with the reason it failed.
        pub fn check(
            raw_body: &[u8],
            server_key: &crate::Secret,
        ) -> Result<(), crate::Error> {
            crate::client::notify::check_signed_fields(
                &DESCRIPTOR,
                raw_body,
                &[("server_key", server_key)],
            )
        }
    }

    /// Verifies and decodes the `cancel_notification` notification: HTTP notification Midtrans sends after a transaction is cancelled.
    ///
    /// `raw_body` is the request body exactly as received; its signed fields must be what the spec's notification recipe ([`AUTH`]) computes.
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

    /// Verifies and decodes the `expire_notification` notification: HTTP notification Midtrans sends when a transaction expires.
    ///
    /// `raw_body` is the request body exactly as received; its signed fields must be what the spec's notification recipe ([`AUTH`]) computes.
    ///
    /// # Replays
    ///
    /// A valid signature proves the provider sent this body, not that it is new: a captured notification verifies again when resent. Process each one once, e.g. by remembering the transaction id and status you have already handled.
    ///
    /// # Errors
    ///
    /// - [`crate::Error::SignatureMismatch`]: the signature is missing or wrong; do not trust the body.
    /// - [`crate::Error::Decode`]: the body is not the documented JSON (the failing path is named).
    pub fn verify_expire_notification(
        raw_body: impl AsRef<[u8]>,
        server_key: &crate::Secret,
    ) -> Result<core::ExpireNotification, crate::Error> {
        Notification::verify(raw_body, server_key)
    }

    /// Verifies and decodes the `payment_notification` notification: HTTP(S) notification Midtrans posts when a payment completes or a transaction's status changes.
    ///
    /// `raw_body` is the request body exactly as received; its signed fields must be what the spec's notification recipe ([`AUTH`]) computes.
    ///
    /// # Replays
    ///
    /// A valid signature proves the provider sent this body, not that it is new: a captured notification verifies again when resent. Process each one once, e.g. by remembering the transaction id and status you have already handled.
    ///
    /// # Errors
    ///
    /// - [`crate::Error::SignatureMismatch`]: the signature is missing or wrong; do not trust the body.
    /// - [`crate::Error::Decode`]: the body is not the documented JSON (the failing path is named).
    pub fn verify_payment_notification(
        raw_body: impl AsRef<[u8]>,
        server_key: &crate::Secret,
    ) -> Result<core::PaymentNotification, crate::Error> {
        Notification::verify(raw_body, server_key)
    }

    /// Verifies and decodes the `refund_notification` notification: HTTP notification Midtrans sends after a refund or direct refund.
    ///
    /// `raw_body` is the request body exactly as received; its signed fields must be what the spec's notification recipe ([`AUTH`]) computes.
    ///
    /// # Replays
    ///
    /// A valid signature proves the provider sent this body, not that it is new: a captured notification verifies again when resent. Process each one once, e.g. by remembering the transaction id and status you have already handled.
    ///
    /// # Errors
    ///
    /// - [`crate::Error::SignatureMismatch`]: the signature is missing or wrong; do not trust the body.
    /// - [`crate::Error::Decode`]: the body is not the documented JSON (the failing path is named).
    pub fn verify_refund_notification(
        raw_body: impl AsRef<[u8]>,
        server_key: &crate::Secret,
    ) -> Result<core::RefundNotification, crate::Error> {
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
