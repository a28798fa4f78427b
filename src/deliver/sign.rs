//! The vendors' request signatures, each exactly as its vendor documents it:
//! - DingTalk: `sign` = URL-encoded Base64 of HMAC-SHA256 keyed by the secret
//!   over `timestamp + "\n" + secret` (timestamp in milliseconds).
//! - Feishu: `sign` = Base64 of HMAC-SHA256 keyed by `timestamp + "\n" + secret`
//!   over an empty message (timestamp in seconds).
//! - Our webhooks: `sha256=` and the hex HMAC-SHA256 of the body keyed by the
//!   secret (GitHub's convention, so existing receivers can check it).

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::Sha256;

fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// DingTalk's `sign` query value, already URL-encoded.
pub fn dingtalk(secret: &str, timestamp_ms: i64) -> String {
    let mac = hmac_sha256(
        secret.as_bytes(),
        format!("{timestamp_ms}\n{secret}").as_bytes(),
    );
    utf8_percent_encode(&STANDARD.encode(mac), NON_ALPHANUMERIC).to_string()
}

/// Feishu's `sign` body field.
pub fn feishu(secret: &str, timestamp_s: i64) -> String {
    STANDARD.encode(hmac_sha256(
        format!("{timestamp_s}\n{secret}").as_bytes(),
        b"",
    ))
}

/// The `X-Salesflow-Signature` header of a webhook request.
pub fn webhook(secret: &str, body: &[u8]) -> String {
    format!("sha256={}", hex(&hmac_sha256(secret.as_bytes(), body)))
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The vectors were computed with Python's standard library, independently of
    // this code:
    //   quote_plus(base64.b64encode(hmac.new(b"SEC123", b"1700000000000\nSEC123", sha256).digest()))
    //   base64.b64encode(hmac.new(b"1700000000\nfeishu-secret", b"", sha256).digest())
    //   hmac.new(b"hook-secret", b'{"a":1}', sha256).hexdigest()

    #[test]
    fn dingtalk_matches_an_independent_vector() {
        assert_eq!(
            dingtalk("SEC123", 1_700_000_000_000),
            "lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ%3D"
        );
    }

    #[test]
    fn feishu_matches_an_independent_vector() {
        assert_eq!(
            feishu("feishu-secret", 1_700_000_000),
            "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU="
        );
    }

    #[test]
    fn webhook_matches_an_independent_vector() {
        assert_eq!(
            webhook("hook-secret", br#"{"a":1}"#),
            "sha256=eb8ded9d103e519ca7e2ab1be0df069c649c61531b59a9dcbf2fa2e799fb1fa6"
        );
    }
}
