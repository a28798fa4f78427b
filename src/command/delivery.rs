//! What `outbox deliver` and `run` share: delivery's settings resolved before
//! anything is sent (the channels with their secrets, the team's handles, the
//! flow's zone, the clock), one pass, and how a pass is reported.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::{Result, Settings};
use crate::deliver::{Channels, ConfigError, Courier, Report, SystemClock, process_env};
use crate::store::Store;
use crate::team::Team;
use crate::timefmt::rfc3339;

/// Delivery, ready to run.
pub(super) struct Delivery {
    /// The channels.
    pub channels: Channels,
    /// The people.
    pub team: Team,
    /// The flow's zone.
    pub tz: Tz,
    /// "Now": `--at` (then running on in real time), else the system clock.
    pub clock: SystemClock,
}

impl Delivery {
    /// Resolves channels, team, zone and clock; no channels is an error unless
    /// `optional` (`run` may only apply).
    pub(super) fn prepare(s: &Settings, optional: bool) -> Result<Delivery> {
        let (specs, customer, base) = match &s.config {
            Some(located) => (
                located.config.channels.as_slice(),
                located.config.customer_channel.as_deref(),
                located.path.parent().unwrap_or(std::path::Path::new("")),
            ),
            None => (&[][..], None, std::path::Path::new("")),
        };
        let channels = Channels::resolve(specs, customer, &process_env, base)?;
        if channels.list.is_empty() && !optional {
            return Err(ConfigError::NoChannels.into());
        }
        let tz = s.quiet_tz();
        // Without `--at`, "now" is the clock and the shift is nil.
        let clock = SystemClock::starting_at(s.now(tz)?);
        Ok(Delivery {
            channels,
            team: s.run_team()?,
            tz,
            clock,
        })
    }

    /// One pass over the store, waiting for rate windows until `wait_until`
    /// (`None`: as long as needed), stopped early when `stop` says so.
    pub(super) fn deliver(
        &self,
        store: &mut Store,
        wait_until: Option<DateTime<Utc>>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Report> {
        let courier = Courier::new(&self.channels, &self.team, &self.clock, self.tz);
        Ok(courier.deliver(store, wait_until, stop)?)
    }
}

/// A pass in JSON (`at`: when it ended).
pub(super) fn report_json(report: &Report, at: DateTime<Utc>, tz: Tz) -> Value {
    json!({
        "at": rfc3339(at, tz),
        "sent": report.sent,
        "failed": report.failed,
        "dead": report.dead,
        "throttled": report.throttled,
        "deliveries": report.deliveries.iter().map(|d| json!({
            "id": d.id,
            "recipient": d.recipient,
            "channel": d.channel,
            "status": d.status,
            "error": d.error,
            "next_attempt_at": d.next_attempt_at.map(|t| rfc3339(t, tz)),
        })).collect::<Vec<_>>(),
    })
}

/// `3 sent, 1 failed, 0 dead` (and those waiting for a rate limit, when any).
pub(super) fn counts(report: &Report) -> String {
    t!(
        "deliver-counts",
        sent = report.sent,
        failed = report.failed,
        dead = report.dead,
        waiting = report.throttled
    )
}
