/// The biller partner OpenAPI for bill and prepaid products. "Cancel API can
/// not be applied to all product categories" — "Products that have Cancel API
/// can be checked in Categories Response".
///
/// Every response is an envelope: responseCode, success, a bilingual message
/// ({ID, EN}) and data.
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
/// is the JSON request body; the runtime does the same (token_claims:
/// request_body). If the biller confirms another claim set, change
/// `token_claims`.
///
/// # Request headers
///
/// - `KEY`: The partner API key; the samples send "KEY: API Key" (Go, PHP, JavaScript) and "key: test-key" (curl).
/// - `TOKEN`: The request token; the samples send "TOKEN: token". "The body for the token is defined below": see the auth scheme.
/// - `VERSION`: API version; always the value 2.0 ("VERSION: 2.0" in every sample), so it is not a constructor argument.
///
/// # Discrepancies in the provider docs
///
/// Where the docs contradict themselves, the generated code follows these choices:
/// - `partnerId`: Named an id and sampled as a partner name ("ayopop"), but described as the partner's API key. Sent as given; treated as a secret, so Debug never prints it.
/// - `account_number`: The table spells account_Number, the sample body account_number. Sent as account_number (the sample, and the snake_case of its sibling ref_number); account_Number is accepted when reading.
/// - `sample labels`: The cancel page labels its samples and the `success` field as Inquiry, responseCode as the status of "the payment request" and productName as the product "whose inquiry is being done". They are read as the Cancel API's: the URL in every sample is /api/v2/bill/cancel and the message says "Cancellation Successful".
/// - `request samples send an empty body`: All three fields are mandatory (the curl sample sends no body at all, the Go, PHP and JavaScript samples send {} with Content-Length: 2). The table wins: the generated request has all three as constructor arguments and never sends {}. The {} samples are not examples.
/// - `data fields missing from the DATA OBJECT table`: refNumber, transactionId, denom and token are in the sample but not in the table. All four are read as optional strings (transactionId also from a JSON number); token is treated as a secret.
/// - `data.customerDetails, billDetails, productDetails, extraFields`: Described as key/value JSON objects, but the sample sends empty arrays, and the "details below" for billDetails are not on the page. All four are typed json (serde_json::Value), so an object, an array or anything else deserialises.
/// - `samples do not belong to one exchange`: The request cancels account 43554 / ref_number 5324354, the response reports accountNumber 0812300001 / refNumber 2074134, though both account fields are described as the same enrollmentId. Response values are read as returned and never compared with the request.
/// - `base URL`: The page names no sandbox or production host, only the placeholder {api-url}. No environment is generated; the caller supplies the base URL the biller gives them.
/// - `header name spelling`: curl spells the headers in lowercase, the Go, PHP and JavaScript samples in capitals. Header names are case-insensitive; KEY, TOKEN and VERSION are sent.
/// - `token body`: The field table is introduced as the body "for the token", and the same fields are the sample HTTP body. The generated code sends them as the JSON body and signs the same object as the JWT claim set (token_claims: request_body).
pub mod biller {
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

    /// Every endpoint and notification of Biller partner API, with type-erased body checks, for tooling that works across endpoints (a sandbox server, tests).
    ///
    /// - `bill_cancel`: `POST /api/v2/bill/cancel`
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

    /// Every decision table of Biller partner API, callable by name with its inputs given as wire values or booleans, for tooling that works across tables (the sandbox's lifecycle guards).
    pub static DECISIONS: &[crate::registry::DecisionInfo] = &[];
    pub use crate::client::biller::{Client, Config};

    impl Config {
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
        /// The `data` of a successful HTTP 200 envelope ([`bill::BillCancelResult`] with `success: true`), as [`bill::BillCancelData`].
        ///
        /// # Errors
        ///
        /// - [`crate::Error::Validation`]: the request breaks the spec's field checks or rules (every violation, with its JSON path); nothing is sent.
        /// - [`crate::Error::Api`]: the provider refused: an envelope with `success: false` or a non-2xx status (`responseCode` and both messages in [`crate::ApiError`]); documented error bodies: `failed` ([`bill::BillCancelResult`]), read with `ApiError::body_as`.
        /// - [`crate::Error::Transport`], [`crate::Error::Timeout`]: no complete response.
        /// - [`crate::Error::Decode`]: the response is not the documented JSON.
        pub async fn bill_cancel(
            &self,
            request: &bill::BillCancelRequest,
        ) -> Result<bill::BillCancelData, crate::Error> {
            self.call(
                    crate::client::Call::post("bill_cancel", "/api/v2/bill/cancel")
                        .token_claims(crate::client::ClaimSet::RequestBody),
                    request,
                )
                .await
        }
    }

    /// message: "Messages in Bahasa and English describing the RC above." Typed JSON; the sample is {"ID": "Pembatalan Sukses", "EN": "Cancellation Successful"}.
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct BilingualMessage {
        /// The message in Bahasa Indonesia.
        ///
        /// Mandatory.
        ///
        /// Wire name: `ID`.
        pub id: String,
        /// The message in English.
        ///
        /// Mandatory.
        ///
        /// Wire name: `EN`.
        pub en: String,
    }

    impl serde::Serialize for BilingualMessage {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let mut object = crate::wire::object_writer(serializer)?;
            object.field("ID", &self.id)?;
            object.field("EN", &self.en)?;
            object.end()
        }
    }

    #[doc(hidden)]
    impl crate::wire::WireStruct for BilingualMessage {
        const EXPECTING: &'static str = "struct BilingualMessage";
        fn from_map<'de, A: serde::de::MapAccess<'de>>(
            mut map: crate::wire::StructMap<'de, A>,
        ) -> Result<Self, A::Error> {
            let mut id = None;
            let mut en = None;
            while let Some(key) = map.next_key()? {
                match key.as_str() {
                    "ID" => map.value(&mut id, "ID")?,
                    "EN" => map.value(&mut en, "EN")?,
                    _ => map.skip()?,
                }
            }
            Ok(Self {
                id: map.required(id, "ID")?,
                en: map.required(en, "EN")?,
            })
        }
    }

    impl<'de> serde::Deserialize<'de> for BilingualMessage {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            crate::wire::deserialize_struct(deserializer)
        }
    }

    /// Biller partner API `bill` API: request, response and error types.
    ///
    /// - `bill_cancel`: Cancel a bill or prepaid transaction (for product categories that support it).
    pub mod bill {
        use super::*;

        /// The biller's response envelope for Cancel ("TOP LEVEL" table), used for successes and failures alike.
        ///
        /// Response body (HTTP 200) of `POST /api/v2/bill/cancel` (endpoint `bill_cancel`).
        /// Error body `failed` of `POST /api/v2/bill/cancel` (endpoint `bill_cancel`).
        ///
        /// # Examples from the provider docs
        ///
        /// success:
        ///
        /// ```json
        /// {
        ///     "responseCode": 600,
        ///     "success": true,
        ///     "message": {
        ///         "ID": "Pembatalan Sukses",
        ///         "EN": "Cancellation Successful"
        ///     },
        ///     "data": {
        ///         "refNumber": "2074134",
        ///         "transactionId": 0,
        ///         "accountNumber": "0812300001",
        ///         "amount": 1000,
        ///         "totalAdmin": 0,
        ///         "processingFee": 0,
        ///         "denom": "",
        ///         "productCode": "PPLSTEK1",
        ///         "productName": "Rp. 1.000",
        ///         "category": "",
        ///         "token": "",
        ///         "customerDetails": [],
        ///         "billDetails": [],
        ///         "productDetails": [],
        ///         "extraFields": []
        ///     }
        /// }
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct BillCancelResult {
            /// Status of the payment request. Refer to the Response code section/document for more details
            ///
            /// Mandatory.
            ///
            /// Wire name: `responseCode`.
            pub response_code: i64,
            /// Status of Inquiry
            ///
            /// Mandatory.
            pub success: bool,
            /// Messages in Bahasa and English describing the RC above.
            ///
            /// Mandatory.
            pub message: BilingualMessage,
            /// The main payload with the Bill details. (Typed JSON; the sample is an object. Optional because a failure may carry none.)
            ///
            /// Optional.
            pub data: Option<BillCancelData>,
        }

        impl serde::Serialize for BillCancelResult {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("responseCode", &self.response_code)?;
                object.field("success", &self.success)?;
                object.field("message", &self.message)?;
                object.optional("data", &self.data)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for BillCancelResult {
            const EXPECTING: &'static str = "struct BillCancelResult";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut response_code = None;
                let mut success = None;
                let mut message = None;
                let mut data = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "responseCode" => map.value(&mut response_code, "responseCode")?,
                        "success" => map.value(&mut success, "success")?,
                        "message" => map.value(&mut message, "message")?,
                        "data" => map.value(&mut data, "data")?,
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    response_code: map.required(response_code, "responseCode")?,
                    success: map.required(success, "success")?,
                    message: map.required(message, "message")?,
                    data: crate::wire::optional(data),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for BillCancelResult {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        /// The main payload with the Bill details. (Typed JSON; the sample is an object. Optional because a failure may carry none.)
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct BillCancelData {
            /// The transaction's reference number (in the sample, not in the DATA OBJECT table).
            ///
            /// Optional.
            ///
            /// Wire name: `refNumber`.
            pub ref_number: Option<String>,
            /// The biller's transaction ID (in the sample as the number 0, not in the DATA OBJECT table). Read as a string so that an ID sent as either a number or text survives.
            ///
            /// Optional.
            ///
            /// Wire name: `transactionId`.
            pub transaction_id: Option<String>,
            /// The enrollmentId which was received in the callback enrollment
            ///
            /// Optional.
            ///
            /// Wire name: `accountNumber`.
            pub account_number: Option<String>,
            /// Final amount to be paid for the product / bill. This amount already includes Total Admin Fee.
            ///
            /// Optional.
            pub amount: Option<crate::money::Idr>,
            /// Total Administrative charges.
            ///
            /// Optional.
            ///
            /// Wire name: `totalAdmin`.
            pub total_admin: Option<crate::money::Idr>,
            /// Additional processing fee that is added on behalf of the partner towards its customers
            ///
            /// Optional.
            ///
            /// Wire name: `processingFee`.
            pub processing_fee: Option<crate::money::Idr>,
            /// Denomination of the product (empty in the sample, not in the DATA OBJECT table).
            ///
            /// Optional.
            pub denom: Option<String>,
            /// The product code sent by the partner towards the transaction
            ///
            /// Optional.
            ///
            /// Wire name: `productCode`.
            pub product_code: Option<String>,
            /// Name of the Brand and Product whose inquiry is being done.
            ///
            /// Optional.
            ///
            /// Wire name: `productName`.
            pub product_name: Option<String>,
            /// Category of the product
            ///
            /// Optional.
            pub category: Option<String>,
            /// A prepaid product's token, e.g. an electricity voucher (empty in the sample, not in the DATA OBJECT table). Treated as a secret: whoever reads it can redeem it.
            ///
            /// Optional. Sensitive: never printed by `Debug`.
            pub token: Option<String>,
            /// Key / Value structure nest JSON object. This object provides customer specific details regarding the bill.
            ///
            /// Optional.
            ///
            /// Wire name: `customerDetails`.
            pub customer_details: Option<serde_json::Value>,
            /// Key / Value structure nest JSON object. This object provides bill-specific details regarding the bill. More details about this section below
            ///
            /// Optional.
            ///
            /// Wire name: `billDetails`.
            pub bill_details: Option<serde_json::Value>,
            /// Key / Value structure nest JSON object. This object provides product specific details regarding the bill.
            ///
            /// Optional.
            ///
            /// Wire name: `productDetails`.
            pub product_details: Option<serde_json::Value>,
            /// Key / Value structure nest JSON object. This object provides additional details regarding the bill.
            ///
            /// Optional.
            ///
            /// Wire name: `extraFields`.
            pub extra_fields: Option<serde_json::Value>,
        }

        impl std::fmt::Debug for BillCancelData {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("BillCancelData")
                    .field("ref_number", &self.ref_number)
                    .field("transaction_id", &self.transaction_id)
                    .field("account_number", &self.account_number)
                    .field("amount", &self.amount)
                    .field("total_admin", &self.total_admin)
                    .field("processing_fee", &self.processing_fee)
                    .field("denom", &self.denom)
                    .field("product_code", &self.product_code)
                    .field("product_name", &self.product_name)
                    .field("category", &self.category)
                    .field("token", &self.token.as_ref().map(|_| "<redacted>"))
                    .field("customer_details", &self.customer_details)
                    .field("bill_details", &self.bill_details)
                    .field("product_details", &self.product_details)
                    .field("extra_fields", &self.extra_fields)
                    .finish()
            }
        }

        impl serde::Serialize for BillCancelData {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.optional("refNumber", &self.ref_number)?;
                object.optional("transactionId", &self.transaction_id)?;
                object.optional("accountNumber", &self.account_number)?;
                object.optional("amount", &self.amount)?;
                object.optional("totalAdmin", &self.total_admin)?;
                object.optional("processingFee", &self.processing_fee)?;
                object.optional("denom", &self.denom)?;
                object.optional("productCode", &self.product_code)?;
                object.optional("productName", &self.product_name)?;
                object.optional("category", &self.category)?;
                object.optional("token", &self.token)?;
                object.optional("customerDetails", &self.customer_details)?;
                object.optional("billDetails", &self.bill_details)?;
                object.optional("productDetails", &self.product_details)?;
                object.optional("extraFields", &self.extra_fields)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for BillCancelData {
            const EXPECTING: &'static str = "struct BillCancelData";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut ref_number = None;
                let mut transaction_id = None;
                let mut account_number = None;
                let mut amount = None;
                let mut total_admin = None;
                let mut processing_fee = None;
                let mut denom = None;
                let mut product_code = None;
                let mut product_name = None;
                let mut category = None;
                let mut token = None;
                let mut customer_details = None;
                let mut bill_details = None;
                let mut product_details = None;
                let mut extra_fields = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "refNumber" => map.value(&mut ref_number, "refNumber")?,
                        "transactionId" => {
                            map.lenient_opt(&mut transaction_id, "transactionId")?
                        }
                        "accountNumber" => {
                            map.value(&mut account_number, "accountNumber")?
                        }
                        "amount" => map.value(&mut amount, "amount")?,
                        "totalAdmin" => map.value(&mut total_admin, "totalAdmin")?,
                        "processingFee" => {
                            map.value(&mut processing_fee, "processingFee")?
                        }
                        "denom" => map.value(&mut denom, "denom")?,
                        "productCode" => map.value(&mut product_code, "productCode")?,
                        "productName" => map.value(&mut product_name, "productName")?,
                        "category" => map.value(&mut category, "category")?,
                        "token" => map.value(&mut token, "token")?,
                        "customerDetails" => {
                            map.value(&mut customer_details, "customerDetails")?
                        }
                        "billDetails" => map.value(&mut bill_details, "billDetails")?,
                        "productDetails" => {
                            map.value(&mut product_details, "productDetails")?
                        }
                        "extraFields" => map.value(&mut extra_fields, "extraFields")?,
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    ref_number: crate::wire::optional(ref_number),
                    transaction_id: crate::wire::optional(transaction_id),
                    account_number: crate::wire::optional(account_number),
                    amount: crate::wire::optional(amount),
                    total_admin: crate::wire::optional(total_admin),
                    processing_fee: crate::wire::optional(processing_fee),
                    denom: crate::wire::optional(denom),
                    product_code: crate::wire::optional(product_code),
                    product_name: crate::wire::optional(product_name),
                    category: crate::wire::optional(category),
                    token: crate::wire::optional(token),
                    customer_details: crate::wire::optional(customer_details),
                    bill_details: crate::wire::optional(bill_details),
                    product_details: crate::wire::optional(product_details),
                    extra_fields: crate::wire::optional(extra_fields),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for BillCancelData {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        /// "The body for the token is defined below": the partner, the enrolled account and the reference of the transaction to cancel.
        ///
        /// Request body of `POST /api/v2/bill/cancel` (endpoint `bill_cancel`).
        ///
        /// # Examples from the provider docs
        ///
        /// cancel:
        ///
        /// ```json
        /// {
        ///     "partnerId": "ayopop",
        ///     "account_number": "43554",
        ///     "ref_number": "5324354"
        /// }
        /// ```
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct BillCancelRequest {
            /// Partner API key provided
            ///
            /// Mandatory. Sensitive: never printed by `Debug`.
            ///
            /// Wire name: `partnerId`.
            ///
            /// # Discrepancy in the provider docs
            ///
            /// About `partnerId`. The docs say, in one place:
            ///
            /// > partnerIdSTRINGYesPartner API key provided
            ///
            /// and in another:
            ///
            /// > "partnerId": "ayopop",
            ///
            /// Accepted: Named an id and sampled as a partner name ("ayopop"), but described as the partner's API key. Sent as given; treated as a secret, so Debug never prints it.
            pub partner_id: String,
            /// enrollmentId which was received in the callback enrollment
            ///
            /// Mandatory. Also read from `account_Number`.
            ///
            /// # Discrepancy in the provider docs
            ///
            /// About `account_number`. The docs say, in one place:
            ///
            /// > account_NumberSTRINGYesenrollmentId which was received in the callback enrollment
            ///
            /// and in another:
            ///
            /// > "account_number": "43554",
            ///
            /// Accepted: The table spells account_Number, the sample body account_number. Sent as account_number (the sample, and the snake_case of its sibling ref_number); account_Number is accepted when reading.
            pub account_number: String,
            /// Partner ref_number sent in enrollment request
            ///
            /// Mandatory.
            pub ref_number: String,
        }

        impl std::fmt::Debug for BillCancelRequest {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("BillCancelRequest")
                    .field("partner_id", &"<redacted>")
                    .field("account_number", &self.account_number)
                    .field("ref_number", &self.ref_number)
                    .finish()
            }
        }

        impl serde::Serialize for BillCancelRequest {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut object = crate::wire::object_writer(serializer)?;
                object.field("partnerId", &self.partner_id)?;
                object.field("account_number", &self.account_number)?;
                object.field("ref_number", &self.ref_number)?;
                object.end()
            }
        }

        #[doc(hidden)]
        impl crate::wire::WireStruct for BillCancelRequest {
            const EXPECTING: &'static str = "struct BillCancelRequest";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: crate::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                let mut partner_id = None;
                let mut account_number = None;
                let mut ref_number = None;
                while let Some(key) = map.next_key()? {
                    match key.as_str() {
                        "partnerId" => map.value(&mut partner_id, "partnerId")?,
                        "account_number" | "account_Number" => {
                            map.value(&mut account_number, "account_number")?
                        }
                        "ref_number" => map.value(&mut ref_number, "ref_number")?,
                        _ => map.skip()?,
                    }
                }
                Ok(Self {
                    partner_id: map.required(partner_id, "partnerId")?,
                    account_number: map.required(account_number, "account_number")?,
                    ref_number: map.required(ref_number, "ref_number")?,
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for BillCancelRequest {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::wire::deserialize_struct(deserializer)
            }
        }

        impl BillCancelRequest {
            /// Builds it from its mandatory fields (`partner_id`, `account_number`, `ref_number`); optional fields start unset and are set by name.
            pub fn new(
                partner_id: impl Into<String>,
                account_number: impl Into<String>,
                ref_number: impl Into<String>,
            ) -> Self {
                Self {
                    partner_id: partner_id.into(),
                    account_number: account_number.into(),
                    ref_number: ref_number.into(),
                }
            }

            /// Checks every field and rule the docs state, returning every
            /// violation at once, each with its JSON path.
            pub fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
                crate::validation::Validate::validate(self)
            }
        }

        impl crate::validation::Validate for BillCancelRequest {
            fn validate_in(&self, _v: &mut crate::validation::Validator) {}
        }
    }
}
