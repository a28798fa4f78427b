//! Secrets: values read from the environment variables that salesflow.yaml names
//! (robot URLs, signing keys, SMTP passwords). A [`Secret`] never prints itself,
//! and every text that leaves delivery (an error, a log line, `last_error` in the
//! store) passes through the [`Redactor`], which knows every secret value and the
//! forms a URL library may print it in.

use std::fmt;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// A value that must appear in no output, log, error or store row.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value read from the environment.
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The value, for the one place that needs it (a request, a signature).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// What a secret is replaced with.
const MASK: &str = "***";

/// Removes every known secret from a text.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    values: Vec<String>,
}

impl Redactor {
    /// Learns a secret, as written and percent-encoded.
    pub fn add(&mut self, secret: &Secret) {
        self.add_text(secret.expose());
    }

    /// Learns a secret-bearing URL: the URL itself, and each query value (of 8
    /// characters or more) and path segment of 16 or more in it (a robot's token
    /// is one or the other), so a library that prints the URL in another shape
    /// still shows none of it.
    pub fn add_url(&mut self, url: &Secret) {
        let text = url.expose();
        self.add_text(text);
        let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        for segment in path.split('/').skip(1) {
            if segment.len() >= 16 {
                self.add_text(segment);
            }
        }
        // A token is long; a short value (`?v=2`) is not worth masking every
        // occurrence of in a sentence.
        for pair in query.split('&') {
            if let Some((_, value)) = pair.split_once('=').filter(|(_, v)| v.len() >= 8) {
                self.add_text(value);
            }
        }
    }

    fn add_text(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        let encoded = utf8_percent_encode(value, NON_ALPHANUMERIC).to_string();
        for v in [value.to_string(), encoded] {
            if !self.values.contains(&v) {
                self.values.push(v);
            }
        }
        // Longest first, so a secret containing another is masked whole.
        self.values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }

    /// The text with every secret masked.
    pub fn clean(&self, text: &str) -> String {
        let mut out = text.to_string();
        for v in &self.values {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), MASK);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints_itself() {
        let s = Secret::new("hunter2".into());
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn every_form_of_a_secret_is_masked() {
        let mut r = Redactor::default();
        r.add(&Secret::new("a+b/c=".into()));
        r.add_url(&Secret::new(
            "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef".into(),
        ));
        r.add_url(&Secret::new(
            "https://open.feishu.cn/open-apis/bot/v2/hook/6d1e4f0a-aaaa-bbbb-cccc".into(),
        ));
        let text = "a+b/c= a%2Bb%2Fc%3D token 0123456789abcdef at \
                    https://open.feishu.cn:443/open-apis/bot/v2/hook/6d1e4f0a-aaaa-bbbb-cccc/";
        let clean = r.clean(text);
        for leak in ["a+b/c=", "a%2Bb", "0123456789abcdef", "6d1e4f0a"] {
            assert!(!clean.contains(leak), "{leak} in {clean}");
        }
        assert!(clean.contains("open.feishu.cn"), "{clean}");
    }
}
