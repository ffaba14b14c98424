//! What distinguishes one provider from another at run time, as data the
//! generator writes from the spec: a [`Descriptor`] per provider module,
//! reached through the module's marker type ([`Spec`]).

use payspec_signing::convention::ErrorConvention;
use payspec_signing::recipe::Scheme;

/// One provider as the runtime sees it: its name, recipes, error
/// convention, per-call headers and idempotency. Generated as `DESCRIPTOR` in each provider module.
#[derive(Debug)]
pub struct Descriptor {
    /// Module name (`doku`), used in errors, logs and spans.
    pub name: &'static str,
    /// The credentials and the signature recipe of each direction.
    pub auth: &'static Scheme,
    /// Where responses carry the provider's code and message.
    pub errors: ErrorConvention,
    /// Optional headers a caller may add per call, with their limits
    /// (`call_headers:`).
    pub call_headers: &'static [super::OptionalHeader],
    /// What makes repeating a call safe (`retry:`); `None`: only a GET is
    /// retried.
    pub retry: Option<crate::retry::Idempotency>,
}

/// A provider module's marker type: the type parameter of
/// [`Client`](super::Client) and [`Config`](super::Config) that selects its
/// [`Descriptor`].
pub trait Spec: Send + Sync + 'static {
    /// The provider's descriptor.
    fn descriptor() -> &'static Descriptor;
}
