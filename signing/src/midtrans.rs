//! Midtrans: the Basic `Authorization` header and the notification
//! `signature_key`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest as _, Sha512};

use crate::{constant_time_eq, Secret};

/// The `Authorization` header value: `Basic base64(server_key + ":")`
/// (the server key is the user name; the password is empty).
pub fn basic_auth(server_key: &Secret) -> String {
    format!(
        "Basic {}",
        STANDARD.encode(format!("{}:", server_key.expose()))
    )
}

/// The notification `signature_key`: lowercase hex SHA-512 of
/// `order_id + status_code + gross_amount + server_key`.
///
/// Pass the strings exactly as received: `gross_amount` keeps its `".00"`.
pub fn signature_key(
    order_id: &str,
    status_code: &str,
    gross_amount: &str,
    server_key: &Secret,
) -> String {
    let hex = signature_hex(order_id, status_code, gross_amount, server_key);
    // Hex digits are ASCII.
    hex.iter().map(|&digit| char::from(digit)).collect()
}

/// Length of a `signature_key`: SHA-512 in hex.
const SIGNATURE_HEX_LEN: usize = 128;

/// The `signature_key` as lowercase hex bytes, without allocating (a
/// notification is checked on every delivery; formatting each byte through
/// `format!` cost more than the hash).
fn signature_hex(
    order_id: &str,
    status_code: &str,
    gross_amount: &str,
    server_key: &Secret,
) -> [u8; SIGNATURE_HEX_LEN] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hasher = Sha512::new();
    hasher.update(order_id.as_bytes());
    hasher.update(status_code.as_bytes());
    hasher.update(gross_amount.as_bytes());
    hasher.update(server_key.expose().as_bytes());
    let mut hex = [0u8; SIGNATURE_HEX_LEN];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(hasher.finalize()) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    hex
}

/// The fields of a notification that its signature covers, as received
/// (`None` where the field was absent or not a string).
#[derive(Debug, Clone, Copy, Default)]
pub struct NotificationFields<'a> {
    /// `order_id`.
    pub order_id: Option<&'a str>,
    /// `status_code`, e.g. `"200"`.
    pub status_code: Option<&'a str>,
    /// `gross_amount`, e.g. `"30000.00"`.
    pub gross_amount: Option<&'a str>,
    /// `signature_key`, the value to check.
    pub signature_key: Option<&'a str>,
}

/// Why a notification's `signature_key` was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyError {
    /// A field the signature needs is absent (or not a JSON string); names it.
    MissingField(&'static str),
    /// Every field is present but `signature_key` does not match them.
    Mismatch,
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerifyError::MissingField(field) => {
                write!(f, "the notification has no string field `{field}`, which its signature_key covers")
            }
            // What to do about it is the caller's to say (the client's error
            // adds its own advice; saying it here too printed it twice).
            VerifyError::Mismatch => f.write_str(
                "signature_key does not match SHA-512(order_id + status_code + gross_amount + server key)",
            ),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Checks a notification's `signature_key`, in constant time, saying why it
/// failed (a missing field, or a mismatch).
pub fn verify_notification(
    fields: &NotificationFields<'_>,
    server_key: &Secret,
) -> Result<(), VerifyError> {
    let order_id = fields
        .order_id
        .ok_or(VerifyError::MissingField("order_id"))?;
    let status_code = fields
        .status_code
        .ok_or(VerifyError::MissingField("status_code"))?;
    let gross_amount = fields
        .gross_amount
        .ok_or(VerifyError::MissingField("gross_amount"))?;
    let received = fields
        .signature_key
        .ok_or(VerifyError::MissingField("signature_key"))?;
    let expected = signature_hex(order_id, status_code, gross_amount, server_key);
    // The length is public (every signature_key has 128 digits).
    if received.len() != SIGNATURE_HEX_LEN {
        return Err(VerifyError::Mismatch);
    }
    // Hex case is not significant to the hash, but Midtrans sends lowercase;
    // normalising avoids rejecting an uppercase copy pasted by a human.
    let mut lowered = [0u8; SIGNATURE_HEX_LEN];
    for (low, byte) in lowered.iter_mut().zip(received.bytes()) {
        *low = byte.to_ascii_lowercase();
    }
    if constant_time_eq(&expected, &lowered) {
        Ok(())
    } else {
        Err(VerifyError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_appends_a_colon() {
        // printf 'SB-Mid-server-abc:' | base64 → U0ItTWlkLXNlcnZlci1hYmM6
        assert_eq!(
            basic_auth(&Secret::new("SB-Mid-server-abc")),
            "Basic U0ItTWlkLXNlcnZlci1hYmM6"
        );
    }

    #[test]
    fn signature_key_is_lowercase_hex_sha512() {
        // printf 'o2001.00k' | sha512sum
        let expected = {
            let digest = Sha512::digest(b"o2001.00k");
            digest
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        let key = Secret::new("k");
        let sig = signature_key("o", "200", "1.00", &key);
        assert_eq!(sig, expected);
        assert_eq!(sig.len(), 128);
        let fields = |signature_key| NotificationFields {
            order_id: Some("o"),
            status_code: Some("200"),
            gross_amount: Some("1.00"),
            signature_key,
        };
        // Upper case is accepted; a truncated or extended key is not.
        let upper = sig.to_ascii_uppercase();
        assert_eq!(verify_notification(&fields(Some(&upper)), &key), Ok(()));
        assert_eq!(
            verify_notification(&fields(Some(&sig[..127])), &key),
            Err(VerifyError::Mismatch)
        );
        let longer = format!("{sig}0");
        assert_eq!(
            verify_notification(&fields(Some(&longer)), &key),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn verify_names_the_missing_field() {
        let key = Secret::new("k");
        let sig = signature_key("o", "200", "1.00", &key);
        let mut fields = NotificationFields {
            order_id: Some("o"),
            status_code: Some("200"),
            gross_amount: Some("1.00"),
            signature_key: Some(&sig),
        };
        assert_eq!(verify_notification(&fields, &key), Ok(()));
        fields.gross_amount = Some("1.0");
        assert_eq!(
            verify_notification(&fields, &key),
            Err(VerifyError::Mismatch)
        );
        fields.gross_amount = None;
        assert_eq!(
            verify_notification(&fields, &key),
            Err(VerifyError::MissingField("gross_amount"))
        );
    }
}
