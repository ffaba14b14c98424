// The crate root a generated provider module expects, for a test or bench
// that `include!`s one outside the client crate: the runtime modules it
// names as `crate::recipe`, `crate::registry` and `crate::transport`, and
// the stand-in for `crate::client` and `crate::convention`. `include!` this
// file at the crate root, before the generated module.

mod recipe {
    pub use payspec::recipe::*;
}
mod registry {
    pub use payspec::registry::*;
}
mod transport {
    pub use payspec::transport::*;
}
// Re-exports every runtime item a generated module may name; a given
// module names some.
#[allow(unused_imports)]
#[path = "client_standin.rs"]
mod standin;
use standin::{client, convention};
