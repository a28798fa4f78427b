//! `salesflow outbox …` and `salesflow run`: the outbox's messages and their
//! delivery, and the scheduler loop (apply, then deliver, until stopped).

use clap::{Args, Subcommand, ValueEnum};

/// A message's delivery status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutboxStatus {
    /// Waiting for its first delivery.
    Pending,
    /// Accepted by its channel.
    Sent,
    /// Failed; tried again after a backoff.
    Failed,
    /// Given up (too many failures, or no channel takes its recipient).
    Dead,
    /// Produced before the customer went live: never sent.
    Suppressed,
}

impl OutboxStatus {
    /// As stored.
    pub fn name(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
            OutboxStatus::Dead => "dead",
            OutboxStatus::Suppressed => "suppressed",
        }
    }
}

/// `salesflow outbox`
#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// The messages the rules produced, by id, with their delivery status.
    List(OutboxListArgs),
    /// One message: its text, recipient, channel and every delivery attempt.
    Show {
        /// The message's id (from `outbox list`).
        id: i64,
    },
    /// Send every message that is due on the channels of salesflow.yaml: failures
    /// are retried later with backoff, each channel kept under its rate limit.
    Deliver,
    /// Make failed or dead messages due again now, with a fresh count of attempts
    /// (after fixing a channel, a handle in the team file, or a contact).
    Retry(OutboxRetryArgs),
}

/// `salesflow outbox list`
#[derive(Debug, Args)]
pub struct OutboxListArgs {
    /// Only messages with this status.
    #[arg(long, value_enum)]
    pub status: Option<OutboxStatus>,
    /// Only messages about this customer.
    #[arg(long, value_name = "ID")]
    pub customer: Option<String>,
    /// Only messages created at or after TIME (`2026-03-02 09:00` in the flow's
    /// zone, or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
}

/// `salesflow outbox retry`
#[derive(Debug, Args)]
pub struct OutboxRetryArgs {
    /// The messages' ids (from `outbox list`).
    #[arg(required_unless_present = "dead")]
    pub ids: Vec<i64>,
    /// Every dead message.
    #[arg(long)]
    pub dead: bool,
}

/// `salesflow run`
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct RunArgs {
    /// Tick every DURATION (`5m`, `1h`) until SIGINT or SIGTERM.
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,
    /// One tick, then exit (for cron).
    #[arg(long)]
    pub once: bool,
}
