//! One HTTP POST with a timeout, and what its answer means. A robot answers HTTP
//! 200 even when it refuses a message, with the reason in the body (`errcode`
//! for WeCom and DingTalk, `code` for Feishu): a non-zero code is a failure, and
//! the codes that mean "too fast" are treated like HTTP 429. Redirects are not
//! followed (a robot URL never redirects; a captive portal does).

use std::time::Duration;

use chrono::TimeDelta;

use super::failure::Failure;

/// A request ready to send.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// The full URL, query included (may hold secrets: never print it).
    pub url: String,
    /// Extra headers.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body.
    pub body: Vec<u8>,
}

/// How a vendor reports a refusal inside a 200 answer.
#[derive(Debug, Clone, Copy)]
pub struct VendorCodes {
    /// The body fields that hold the code (the first present counts).
    pub fields: &'static [&'static str],
    /// The fields that hold the message.
    pub messages: &'static [&'static str],
    /// Codes that mean "too many requests".
    pub throttled: &'static [i64],
}

/// How long to wait after a 429 that names no `Retry-After`: a rate window.
const DEFAULT_RETRY_AFTER: TimeDelta = TimeDelta::minutes(1);

/// The most of an answer's body kept in an error.
const EXCERPT: usize = 200;

/// Sends `request` and judges the answer: `vendor` is `None` for a webhook,
/// which any 2xx accepts.
pub fn post(
    agent: &ureq::Agent,
    request: &HttpRequest,
    timeout: Duration,
    vendor: Option<VendorCodes>,
) -> Result<(), Failure> {
    let mut builder = agent
        .post(&request.url)
        .config()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .header("Content-Type", "application/json; charset=utf-8");
    for (name, value) in &request.headers {
        builder = builder.header(*name, value);
    }
    let mut answer = builder
        .send(&request.body[..])
        .map_err(|e| transport(&e, timeout))?;
    let status = answer.status().as_u16();
    let retry_after = answer
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map(TimeDelta::seconds);
    let body = answer
        .body_mut()
        .with_config()
        .limit(1 << 20)
        .read_to_string()
        .unwrap_or_default();
    if status == 429 {
        return Err(Failure::throttled(
            format!("HTTP 429 too many requests{}", excerpt(&body)),
            retry_after.unwrap_or(DEFAULT_RETRY_AFTER),
        ));
    }
    if !(200..300).contains(&status) {
        return Err(Failure::new(format!("HTTP {status}{}", excerpt(&body))));
    }
    match vendor {
        Some(codes) => vendor_verdict(&body, codes),
        None => Ok(()),
    }
}

/// A non-zero vendor code in a 2xx answer is a refusal.
pub fn vendor_verdict(body: &str, codes: VendorCodes) -> Result<(), Failure> {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(body) else {
        return Err(Failure::new(format!(
            "the answer is not the vendor's JSON{}",
            excerpt(body)
        )));
    };
    let Some(code) = codes.fields.iter().find_map(|f| json.get(f)) else {
        return Err(Failure::new(format!(
            "the answer has no `{}`{}",
            codes.fields[0],
            excerpt(body)
        )));
    };
    let code = code
        .as_i64()
        .or_else(|| code.as_str().and_then(|s| s.parse().ok()));
    match code {
        Some(0) => Ok(()),
        Some(n) => {
            let said = codes
                .messages
                .iter()
                .find_map(|m| json.get(m).and_then(|v| v.as_str()))
                .unwrap_or("");
            let message = format!("{} {n}: {said}", codes.fields[0]);
            if codes.throttled.contains(&n) {
                Err(Failure::throttled(message, DEFAULT_RETRY_AFTER))
            } else {
                Err(Failure::new(message))
            }
        }
        None => Err(Failure::new(format!(
            "the answer's `{}` is not a number{}",
            codes.fields[0],
            excerpt(body)
        ))),
    }
}

/// A transport error in words that name no URL (a URL may hold a token).
fn transport(e: &ureq::Error, timeout: Duration) -> Failure {
    Failure::new(match e {
        ureq::Error::Timeout(_) => {
            format!("no answer within {}", humantime::format_duration(timeout))
        }
        ureq::Error::HostNotFound => "the host was not found".into(),
        ureq::Error::ConnectionFailed => "the connection was refused".into(),
        ureq::Error::Io(io) => format!("connection error: {}", io.kind()),
        ureq::Error::BadUri(_) => "the URL is not valid".into(),
        other => format!("request failed: {other}"),
    })
}

/// `: ` and the start of a body on one line, or nothing for an empty body.
fn excerpt(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return String::new();
    }
    let cut: String = flat.chars().take(EXCERPT).collect();
    let more = if cut.len() < flat.len() { "…" } else { "" };
    format!(": {cut}{more}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const WECOM: VendorCodes = VendorCodes {
        fields: &["errcode"],
        messages: &["errmsg"],
        throttled: &[45009],
    };

    #[test]
    fn a_zero_code_is_accepted_and_any_other_refused() {
        assert!(vendor_verdict(r#"{"errcode":0,"errmsg":"ok"}"#, WECOM).is_ok());
        let refused = vendor_verdict(r#"{"errcode":93000,"errmsg":"invalid webhook url"}"#, WECOM)
            .unwrap_err();
        assert_eq!(refused.message, "errcode 93000: invalid webhook url");
        assert_eq!(refused.retry_after, None);
    }

    #[test]
    fn a_rate_limit_code_waits_like_a_429() {
        let f = vendor_verdict(
            r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#,
            WECOM,
        )
        .unwrap_err();
        assert_eq!(f.retry_after, Some(DEFAULT_RETRY_AFTER));
    }

    #[test]
    fn an_answer_without_the_code_is_no_acceptance() {
        assert!(vendor_verdict("<html>portal</html>", WECOM).is_err());
        assert!(vendor_verdict(r#"{"ok":true}"#, WECOM).is_err());
    }

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt(""), "");
        assert_eq!(excerpt("a\n  b"), ": a b");
        assert!(excerpt(&"字".repeat(500)).ends_with('…'));
    }
}
