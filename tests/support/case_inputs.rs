// The inputs the generated conformance calls (generated/rust/conformance.rs)
// ask for, shared by the runners that include both: tests/conformance.rs
// (a capturing transport) and sandbox/tests/conformance_wire.rs (the
// sandbox). The including file imports what these name: `Arc`, `Duration`,
// `CallOptions`, `Transport`, `Error`, `CaseSpec`, `CaseNotificationSpec`,
// `DeserializeOwned`, `Serialize`, `Value`, `Provider`.

const BASE: &str = "https://conformance.invalid";

/// The test value of credential `name` (one of the provider's
/// `auth.credentials`) the cases are signed with: its `case_credentials:`
/// entry in the spec.
fn test_credential<'p>(provider: &'p Provider, name: &str) -> &'p str {
    provider.case_credential(name).unwrap_or_else(|| {
        panic!(
            "no test credential `{name}` for `{}`: add it to its `case_credentials:`",
            provider.name
        )
    })
}

/// The inputs of an endpoint case, as the generated calls ask for them.
struct CaseInputs<'c> {
    provider: &'c Provider,
    case: &'c CaseSpec,
    transport: Arc<dyn Transport>,
}

impl<'c> CaseInputs<'c> {
    fn base(&self) -> &'static str {
        BASE
    }

    fn credential(&self, name: &str) -> &'c str {
        test_credential(self.provider, name)
    }

    fn transport(&self) -> Arc<dyn Transport> {
        self.transport.clone()
    }

    fn timestamp(&self) -> Option<String> {
        self.case.request.timestamp.clone()
    }

    fn options(&self) -> CallOptions {
        match &self.case.request.request_id {
            Some(id) => CallOptions::new().request_id(id.clone()),
            None => CallOptions::new(),
        }
    }

    /// The case's request body decoded as the endpoint's request type.
    fn body<T: DeserializeOwned>(&self) -> T {
        let text = self.case.request.body.as_deref().unwrap_or_else(|| {
            panic!(
                "{}: the endpoint takes a body; give request.body",
                self.case.name
            )
        });
        serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("{}: request.body: {e}", self.case.name))
    }

    fn param(&self, name: &str) -> &str {
        self.case
            .request
            .path_params
            .get(name)
            .unwrap_or_else(|| panic!("{}: no path parameter {name}", self.case.name))
    }

    fn json<T: Serialize>(&self, result: Result<T, Error>) -> Result<Value, Error> {
        to_json(result)
    }
}

/// The inputs of a notification case. `headers`, `target` and `max_age`
/// are what the generated calls of header-signed notifications (DOKU's
/// scheme) ask for; the spec may have none of those at a given time.
struct NotificationInputs<'c> {
    provider: &'c Provider,
    notification: &'c CaseNotificationSpec,
    #[allow(dead_code)]
    headers: http::HeaderMap,
}

impl<'c> NotificationInputs<'c> {
    fn credential(&self, name: &str) -> &'c str {
        test_credential(self.provider, name)
    }

    #[allow(dead_code)]
    fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    #[allow(dead_code)]
    fn target(&self) -> &str {
        self.notification.target.as_deref().unwrap_or_default()
    }

    fn body(&self) -> &[u8] {
        self.notification.body.as_bytes()
    }

    #[allow(dead_code)]
    fn max_age(&self) -> Option<Duration> {
        self.notification.max_age_secs.map(Duration::from_secs)
    }

    fn json<T: Serialize>(&self, result: Result<T, Error>) -> Result<Value, Error> {
        to_json(result)
    }
}

fn to_json<T: Serialize>(result: Result<T, Error>) -> Result<Value, Error> {
    result.map(|v| serde_json::to_value(v).expect("serialises"))
}

