//! The courier: one delivery pass over the outbox. For each due message, oldest
//! first: route it, claim it in the store (which counts the channel's rate
//! limit), send it, record the outcome. A message no channel can take is given
//! up at once; a failure is retried with backoff until the channel's
//! `max_attempts`, then `dead`; a channel at its rate limit is left alone until
//! its window frees, while the other channels go on, and the pass waits (on the
//! clock) for the window when nothing else is left, up to `wait_until`.
//!
//! Several couriers on one store never send one message twice (see
//! [`crate::store::Claim`]). Asked to stop, a courier finishes the message in
//! hand, records it, and returns.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::backoff;
use super::channel::{Channel, Endpoint, Kind};
use super::channels::Channels;
use super::clock::Clock;
use super::email;
use super::failure::Failure;
use super::http;
use super::message::Outgoing;
use super::route::{Route, route};
use super::{dingtalk, feishu, webhook, wecom};
use crate::store::{Attempt, Claim, Claimed, DueMessage, Finished, OutboxId, Store, StoreError};
use crate::team::Team;

/// The most due messages read at once.
const FETCH: usize = 5000;

/// What became of one message in a pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// The message.
    pub id: OutboxId,
    /// Its recipient.
    pub recipient: String,
    /// The channel it went to (`None`: no channel could take it).
    pub channel: Option<String>,
    /// `sent`, `failed` or `dead`.
    pub status: &'static str,
    /// Why it failed (no secret in it).
    pub error: Option<String>,
    /// When it is tried again.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Accepted by their channel.
    pub sent: usize,
    /// Failed, to be tried again.
    pub failed: usize,
    /// Given up.
    pub dead: usize,
    /// Due, but left for later: their channel is at its rate limit.
    pub throttled: usize,
    /// Each message this pass tried.
    pub deliveries: Vec<Delivery>,
}

/// Delivers the outbox.
pub struct Courier<'a> {
    channels: &'a Channels,
    team: &'a Team,
    clock: &'a dyn Clock,
    tz: Tz,
    owner: String,
    agent: ureq::Agent,
}

impl<'a> Courier<'a> {
    /// A courier over `channels` for `team`'s people, on `clock`; `tz` is the
    /// flow's zone (times in webhook payloads).
    pub fn new(channels: &'a Channels, team: &'a Team, clock: &'a dyn Clock, tz: Tz) -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Courier {
            channels,
            team,
            clock,
            tz,
            owner: format!("pid{}-{started:x}", std::process::id()),
            agent: ureq::Agent::new_with_defaults(),
        }
    }

    /// One pass: everything due now, waiting for rate windows that free up
    /// before `wait_until` (`None`: as long as it takes); `stop` is asked before
    /// each message and during waits.
    pub fn deliver(
        &self,
        store: &mut Store,
        wait_until: Option<DateTime<Utc>>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Report, StoreError> {
        let mut report = Report::default();
        let mut blocked: HashMap<usize, DateTime<Utc>> = HashMap::new();
        let mut gone: HashSet<OutboxId> = HashSet::new();
        loop {
            let now = self.clock.now();
            blocked.retain(|_, until| *until > now);
            let mut progressed = false;
            let mut waiting = 0;
            for message in store.outbox_due(now, FETCH)? {
                if stop() {
                    return Ok(report);
                }
                if gone.contains(&message.row.id) {
                    continue;
                }
                let route = match route(
                    &message,
                    &self.channels.list,
                    self.channels.customer,
                    self.team,
                ) {
                    Ok(r) => r,
                    Err(why) => {
                        let error = self.channels.redactor.clean(&why.to_string());
                        if store.outbox_give_up(message.row.id, &self.owner, now, &error)? {
                            report.record(&message, None, Finished::Dead { error });
                            progressed = true;
                        }
                        continue;
                    }
                };
                if blocked.contains_key(&route.channel) {
                    waiting += 1;
                    continue;
                }
                match self.attempt(store, &message, &route)? {
                    Attempted::Done(finished, throttle) => {
                        if let Some(until) = throttle {
                            blocked.insert(route.channel, until);
                        }
                        let channel = &self.channels.list[route.channel];
                        report.record(&message, Some(channel), finished);
                        progressed = true;
                    }
                    Attempted::Throttled(until) => {
                        blocked.insert(route.channel, until);
                        waiting += 1;
                    }
                    Attempted::Gone => {
                        gone.insert(message.row.id);
                    }
                }
            }
            if progressed {
                continue;
            }
            report.throttled = waiting;
            let Some(&until) = blocked.values().min() else {
                return Ok(report);
            };
            if waiting == 0 || wait_until.is_some_and(|limit| until > limit) {
                return Ok(report);
            }
            if !self.clock.sleep_until(until, stop) {
                return Ok(report);
            }
        }
    }

    /// Claims, sends and records one message.
    fn attempt(
        &self,
        store: &mut Store,
        message: &DueMessage,
        route: &Route,
    ) -> Result<Attempted, StoreError> {
        let channel = &self.channels.list[route.channel];
        let limits: Vec<(u32, TimeDelta)> = channel.limits.iter().map(|l| l.pair()).collect();
        let now = self.clock.now();
        // Longer than the send can take: one request for HTTP, a dozen SMTP
        // commands (each with the timeout) for mail, and a minute to spare.
        let requests = if channel.kind == Kind::Email { 12 } else { 2 };
        let lease = TimeDelta::from_std(channel.timeout * requests).unwrap_or(TimeDelta::hours(1))
            + TimeDelta::minutes(1);
        let claimed = store.outbox_claim(&Claim {
            id: message.row.id,
            owner: &self.owner,
            now,
            lease_until: now + lease,
            channel: &channel.name,
            limits: &limits,
        })?;
        let (attempt, before) = match claimed {
            Claimed::Ours {
                attempt,
                attempts_before,
            } => (attempt, attempts_before),
            Claimed::Throttled(until) => return Ok(Attempted::Throttled(until)),
            Claimed::Gone => return Ok(Attempted::Gone),
        };
        let out = Outgoing {
            row: &message.row,
            customer_name: message.customer_name.as_deref(),
            to: &route.to,
            cc: &route.cc,
            tz: self.tz,
        };
        let result = self.send(channel, &out);
        let done = self.clock.now();
        let mut throttle = None;
        let finished = match result {
            Ok(()) => Finished::Sent,
            Err(failure) => {
                let failures = u32::try_from(before + 1).unwrap_or(u32::MAX);
                let error = self.channels.redactor.clean(&failure.message);
                throttle = failure.retry_after.map(|wait| done + wait);
                if failures >= channel.max_attempts {
                    Finished::Dead {
                        error: format!("{error} (gave up after {failures} attempts)"),
                    }
                } else {
                    Finished::Failed {
                        retry_at: backoff::retry_at(
                            done,
                            channel.backoff,
                            failures,
                            &message.row.key,
                            failure.retry_after,
                        ),
                        error,
                    }
                }
            }
        };
        store.outbox_finish(
            &Attempt {
                id: message.row.id,
                attempt,
                owner: &self.owner,
                channel: &channel.name,
            },
            done,
            &finished,
            throttle,
        )?;
        Ok(Attempted::Done(finished, throttle))
    }

    fn send(&self, channel: &Channel, out: &Outgoing<'_>) -> Result<(), Failure> {
        let post = |request: http::HttpRequest, codes| {
            http::post(&self.agent, &request, channel.timeout, codes)
        };
        match &channel.endpoint {
            Endpoint::Http {
                url,
                secret,
                format,
            } => match channel.kind {
                Kind::Wecom => post(wecom::request(url, *format, out), Some(wecom::CODES)),
                Kind::Dingtalk => post(
                    dingtalk::request(url, secret.as_ref(), out, self.clock.wall()),
                    Some(dingtalk::CODES),
                ),
                Kind::Feishu => post(
                    feishu::request(url, secret.as_ref(), out, self.clock.wall()),
                    Some(feishu::CODES),
                ),
                Kind::Webhook | Kind::Email => {
                    post(webhook::request(url, secret.as_ref(), out), None)
                }
            },
            Endpoint::Smtp {
                host,
                port,
                from,
                login,
                tls,
                ca_pem,
            } => email::send(
                &email::Server {
                    host,
                    port: *port,
                    from,
                    login: login.as_ref(),
                    tls: *tls,
                    ca_pem: ca_pem.as_deref(),
                    timeout: channel.timeout,
                },
                out,
            ),
        }
    }
}

/// How one claim-and-send went.
enum Attempted {
    /// Sent or failed, with when the channel is free again if the vendor said
    /// to slow down.
    Done(Finished, Option<DateTime<Utc>>),
    /// The channel is at its rate limit until then.
    Throttled(DateTime<Utc>),
    /// Another process has it, or it is no longer due.
    Gone,
}

impl Report {
    fn record(&mut self, message: &DueMessage, channel: Option<&Channel>, finished: Finished) {
        let (status, error, next) = match finished {
            Finished::Sent => {
                self.sent += 1;
                ("sent", None, None)
            }
            Finished::Failed { error, retry_at } => {
                self.failed += 1;
                ("failed", Some(error), Some(retry_at))
            }
            Finished::Dead { error } => {
                self.dead += 1;
                ("dead", Some(error), None)
            }
        };
        self.deliveries.push(Delivery {
            id: message.row.id,
            recipient: message.row.recipient.clone(),
            channel: channel.map(|c| c.name.clone()),
            status,
            error,
            next_attempt_at: next,
        });
    }
}
