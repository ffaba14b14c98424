//! Reading the body fields a notification recipe covers (`field:` sources
//! and `fields:` outputs) exactly as received, in the same pass that types
//! the body when there is one.

mod capture;
mod few;
mod signed;

use payspec_signing::recipe::{Recipe, Source};
use serde::de::DeserializeOwned;

pub(crate) use few::Few;
pub(crate) use signed::SignedFields;

/// How many signed members are listed without allocating.
pub(crate) const INLINE_MEMBERS: usize = 8;

/// The top-level member names a recipe reads.
pub(crate) type Names<'r> = Few<&'r str, INLINE_MEMBERS>;

/// The top-level member names `recipe` reads from the body, or `None` when
/// it reads a nested path (then the executor reads the body itself).
pub(crate) fn top_level_names(recipe: &Recipe) -> Option<Names<'_>> {
    let mut names = Names::new();
    for value in recipe.values.iter() {
        if let Source::Field(path) = &value.source {
            if path.as_bytes().contains(&b'.') {
                return None;
            }
            names.push(path);
        }
    }
    for field in recipe.fields.iter() {
        names.push(&field.name);
    }
    Some(names)
}

/// Decodes `T` from `raw_body`, reading the members `fields` watches.
pub(crate) fn decode_watching<'de, T: DeserializeOwned>(
    raw_body: &'de [u8],
    fields: &mut SignedFields<'de>,
) -> Result<T, serde_json::Error> {
    capture::decode(raw_body, fields)
}
