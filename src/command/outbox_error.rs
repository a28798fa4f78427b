//! The delivery errors the commands pass on (`outbox`, `run`), in the user's
//! language: each [`ConfigError`] and [`DigestError`] as a catalogue message
//! with its help, and why `outbox retry` refuses a message. Codes stay those of
//! the errors.

use crate::deliver::{ConfigError, DigestError, DigestProblem, RateProblem, ScheduleProblem, Why};

/// Why `outbox retry` leaves a message alone.
#[derive(Debug)]
pub(crate) enum NotRetriable {
    /// Sent already (at this time, as shown): retrying would send it twice.
    Sent {
        /// The message.
        id: i64,
        /// When it was sent, shown in the flow's zone.
        at: String,
    },
    /// Produced before the customer went live: never sent.
    Suppressed {
        /// The message.
        id: i64,
    },
}

impl NotRetriable {
    pub(crate) fn message(&self) -> String {
        match self {
            NotRetriable::Sent { id, at } => t!("error-outbox-sent", id = *id, at = at),
            NotRetriable::Suppressed { id } => t!("error-outbox-suppressed", id = *id),
        }
    }

    pub(crate) fn help(&self) -> String {
        match self {
            NotRetriable::Sent { .. } => t!("help-outbox-sent"),
            NotRetriable::Suppressed { .. } => t!("help-outbox-suppressed"),
        }
    }
}

pub(crate) fn config_message(e: &ConfigError) -> String {
    match e {
        ConfigError::Shape { index, reason } => {
            t!("error-channel-shape", index = *index, reason = reason)
        }
        ConfigError::Duplicate(name) => t!("error-channel-duplicate", name = name),
        ConfigError::Missing {
            channel,
            kind,
            field,
        } => t!(
            "error-channel-missing",
            channel = channel,
            kind = *kind,
            field = *field
        ),
        ConfigError::Foreign {
            channel,
            kind,
            field,
        } => t!(
            "error-channel-foreign",
            channel = channel,
            kind = *kind,
            field = *field
        ),
        ConfigError::SecretInFile { channel, .. } => {
            t!("error-channel-secret-in-file", channel = channel)
        }
        ConfigError::Bad {
            channel,
            field,
            value,
            why,
        } => t!(
            "error-channel-bad",
            channel = channel,
            field = *field,
            value = value,
            why = why_text(why)
        ),
        ConfigError::UnsetEnv { channel, var } => {
            t!("error-channel-unset-env", channel = channel, var = var)
        }
        ConfigError::UnknownCustomerChannel(name) => {
            t!("error-customer-channel-unknown", name = name)
        }
        ConfigError::NoChannels => t!("error-no-channels"),
        ConfigError::Digest { index, problem } => t!(
            "error-digest",
            index = *index,
            problem = digest_problem(problem)
        ),
    }
}

pub(crate) fn config_help(e: &ConfigError) -> String {
    match e {
        ConfigError::Shape { .. } => t!("help-channel-shape"),
        ConfigError::Duplicate(_) => t!("help-channel-duplicate"),
        ConfigError::Missing { field, .. } => match *field {
            "url_env" => t!("help-channel-missing-url"),
            "smtp" => t!("help-channel-missing-smtp"),
            "from" => t!("help-channel-missing-from"),
            other => t!("help-channel-missing-pair", field = other),
        },
        ConfigError::Foreign { .. } => t!("help-channel-foreign"),
        ConfigError::SecretInFile { kind, .. } => t!("help-channel-secret-in-file", kind = *kind),
        ConfigError::Bad { why, .. } => match why {
            Why::NotUrl => t!("help-channel-url"),
            Why::EnvNotUrl => t!("help-channel-env-url"),
            Why::NotDuration => t!("help-channel-duration"),
            Why::Zero => t!("help-channel-attempts"),
            Why::Port | Why::Host => t!("help-channel-smtp"),
            Why::Rate(_) => t!("help-channel-rate"),
            Why::Unreadable(_) => t!("help-channel-ca-file"),
            Why::NotAddress(_) => t!("help-channel-missing-from"),
        },
        ConfigError::UnsetEnv { var, .. } => t!("help-channel-unset-env", var = var),
        ConfigError::UnknownCustomerChannel(_) => t!("help-customer-channel-unknown"),
        ConfigError::NoChannels => t!("help-no-channels"),
        ConfigError::Digest { problem, .. } => match problem {
            DigestProblem::Report(_) => t!("help-digest-report"),
            DigestProblem::Every { .. } => t!("help-digest-every"),
            DigestProblem::NoGoals(_) => t!("help-digest-no-goals"),
            DigestProblem::OnlyWhen(_) => t!("help-digest-only-when"),
            DigestProblem::To(_) => t!("help-digest-to"),
        },
    }
}

pub(crate) fn digest_message(e: &DigestError) -> String {
    match e {
        DigestError::Report {
            report,
            to,
            message,
        } => t!(
            "error-digest-report",
            report = report,
            to = to,
            reason = message
        ),
        // Passed on as a store error by `From<DigestError>`.
        DigestError::Store(e) => e.to_string(),
    }
}

pub(crate) fn digest_help(e: &DigestError) -> String {
    match e {
        DigestError::Report { report, .. } => t!("help-digest-report-failed", report = report),
        DigestError::Store(_) => t!("help-store-busy"),
    }
}

fn why_text(why: &Why) -> String {
    match why {
        Why::NotUrl => t!("why-not-url"),
        Why::EnvNotUrl => t!("why-env-not-url"),
        Why::NotDuration => t!("why-not-duration"),
        Why::Zero => t!("why-zero-attempts"),
        Why::Port => t!("why-port"),
        Why::Host => t!("why-host"),
        Why::Rate(RateProblem::Shape) => t!("why-rate-shape"),
        Why::Rate(RateProblem::Count(n)) => t!("why-rate-count", count = n),
        Why::Rate(RateProblem::Unit(u)) => t!("why-rate-unit", unit = u),
        Why::Unreadable(reason) => t!("why-unreadable", reason = reason),
        Why::NotAddress(reason) => t!("why-not-address", reason = reason),
    }
}

fn digest_problem(problem: &DigestProblem) -> String {
    match problem {
        DigestProblem::Report(r) => t!("digest-problem-report", report = r),
        DigestProblem::Every { every, problem } => {
            let why = match problem {
                ScheduleProblem::Shape => t!("schedule-problem-shape"),
                ScheduleProblem::Time(v) => t!("schedule-problem-time", value = v),
                ScheduleProblem::Day(v) => t!("schedule-problem-day", value = v),
                ScheduleProblem::MonthDay(v) => t!("schedule-problem-month-day", value = v),
            };
            t!("digest-problem-every", every = every, why = why)
        }
        DigestProblem::NoGoals(r) => t!("digest-problem-no-goals", report = r),
        DigestProblem::OnlyWhen(w) => t!("digest-problem-only-when", value = w),
        DigestProblem::To(to) => t!("digest-problem-to", to = to),
    }
}
