//! Regular expressions (ECMA-262 subset, as JSON Schema `pattern` uses) for
//! the value shapes the runtime checks, so an OpenAPI consumer rejects what
//! `payspec::validation::Format::matches` rejects.

use crate::ir::Format;

/// The `pattern` for a [`Format`]; kept in step with the runtime check.
///
/// `CountryAlpha2` is looser than the runtime (any two capitals, not only
/// assigned ISO 3166-1 codes): the code list lives in the runtime crate.
pub fn pattern(format: Format) -> &'static str {
    match format {
        Format::HexColor => r"^[0-9A-Fa-f]{6}$",
        Format::CountryAlpha2 => r"^[A-Z]{2}$",
        Format::Phone => r"^[1-9][0-9]{7,14}$",
        Format::Email => r"^[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]$",
        Format::Url => r"^https?://[^\s/?#\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*$",
        Format::Digits => r"^[0-9]+$",
        Format::PrintableAscii => r"^[\x20-\x7e]*$",
        Format::UtcTimestamp => {
            r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)Z$"
        }
        Format::LocalDateTime => {
            r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)$"
        }
    }
}

/// The `pattern` of an exact decimal carried as a string (`"30000.00"`),
/// as `payspec::money::Decimal` parses it.
pub const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

/// The `pattern` of an integer that also arrives as a string (`"90000"`).
pub const INTEGER_STRING_PATTERN: &str = r"^-?[0-9]+$";
