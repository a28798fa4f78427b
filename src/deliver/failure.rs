//! Why one delivery attempt failed, as the courier records it: a sentence for
//! `last_error` (secrets are masked by the courier before it is stored or shown)
//! and, when the vendor said when to come back (HTTP 429 `Retry-After`, or a
//! rate-limit error code), how long to wait at least.

use chrono::TimeDelta;

/// A failed attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What happened, for a person.
    pub message: String,
    /// The vendor asked for this much quiet before the next request.
    pub retry_after: Option<TimeDelta>,
}

impl Failure {
    /// A failure with nothing to wait for beyond the backoff.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            retry_after: None,
        }
    }

    /// A rate-limit refusal: come back after `wait`.
    pub fn throttled(message: impl Into<String>, wait: TimeDelta) -> Failure {
        Failure {
            message: message.into(),
            retry_after: Some(wait),
        }
    }
}
