//! The request target a signature covers: a path whose `{param}` segments
//! are percent-encoded one way, by the client that signs it and by the
//! sandbox that checks and answers it.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters left as they are in a path segment: RFC 3986 unreserved.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment, so `/`, `?`, `#`, spaces and non-ASCII
/// in an id cannot change which URL is called.
pub fn encode_path_segment(segment: &str) -> String {
    utf8_percent_encode(segment, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::encode_path_segment;

    #[test]
    fn unreserved_characters_stay_and_the_rest_is_percent_encoded() {
        assert_eq!(encode_path_segment("ORDER-1_a.b~c"), "ORDER-1_a.b~c");
        assert_eq!(encode_path_segment("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
        assert_eq!(encode_path_segment("pesanan-ü"), "pesanan-%C3%BC");
    }
}
