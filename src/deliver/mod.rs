//! Delivery: the outbox to WeCom, DingTalk and Feishu robots, webhooks and email.
//!
//! Takes the channels of salesflow.yaml (secrets read from the environment
//! variables it names), the team (people's handles) and the store's outbox;
//! gives every due message sent, failed (tried again later with backoff), or
//! dead, each recorded in the store. The flow of one message:
//! [`route`](route::route) picks its channel → the store claims it (a lease
//! and the channel's rate limit, [`crate::store::Claim`]) → the channel's kind
//! builds the vendor's request (one file per kind: `wecom`, `dingtalk`,
//! `feishu`, `webhook`, `email`) → the outcome is recorded. [`Courier`] runs that
//! over everything due. Delivery is at least once: a message is sent again only
//! if its process died between sending and recording, and the idempotency key
//! travels with it (`Idempotency-Key`, the mail's `Message-ID`).
//!
//! Pushed digests ([`Digests`]) are queued into the outbox once per period, on
//! a [`Schedule`], with their text from a [`DigestSource`] (the reports).
//!
//! Time comes from a [`Clock`], so backoff and throttling run on virtual time in
//! tests. No SQL here; no secret leaves through an error or a record (the
//! [`Redactor`]).

mod backoff;
mod channel;
mod channels;
mod clock;
mod courier;
mod digest;
mod dingtalk;
mod email;
mod error;
mod failure;
mod feishu;
mod http;
mod message;
mod rate;
mod route;
mod schedule;
mod secret;
mod sign;
mod webhook;
mod wecom;

pub use channel::{
    Channel, DEFAULT_MAX_ATTEMPTS, Endpoint, Env, Kind, TextFormat, Tls, process_env,
};
pub use channels::Channels;
pub use clock::{Clock, ManualClock, SystemClock};
pub use courier::{Courier, Delivery, Report};
pub use digest::{
    Composed, DigestError, DigestPlan, DigestSource, Digests, REPORTS, plan as plan_digests,
};
pub use error::{ConfigError, DigestProblem, RateProblem, ScheduleProblem, Why};
pub use failure::Failure;
pub use message::Outgoing;
pub use rate::Limit;
pub use route::{Addressee, Route, Unroutable, route};
pub use schedule::Schedule;
pub use secret::{Redactor, Secret};
