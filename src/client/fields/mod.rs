//! Reading the body fields a notification recipe covers (`field:` sources
//! and `fields:` outputs) exactly as received, in the same pass that types
//! the body when there is one.

mod capture;
mod signed;

use payspec_signing::recipe::{Recipe, Source};
use serde::de::DeserializeOwned;

pub(crate) use signed::SignedFields;

/// The top-level member names `recipe` reads from the body, or `None` when
/// it reads a nested path (then the executor reads the body itself).
pub(crate) fn top_level_names(recipe: &Recipe) -> Option<Vec<&str>> {
    let mut names = Vec::new();
    for value in recipe.values.iter() {
        if let Source::Field(path) = &value.source {
            if path.contains('.') {
                return None;
            }
            names.push(&**path);
        }
    }
    names.extend(recipe.fields.iter().map(|f| &*f.name));
    Some(names)
}

/// Decodes `T` from `raw_body`, reading the members `fields` watches.
pub(crate) fn decode_watching<'de, T: DeserializeOwned>(
    raw_body: &'de [u8],
    fields: &mut SignedFields<'de>,
) -> Result<T, serde_json::Error> {
    capture::decode(raw_body, fields)
}
