//! `salesflow outbox list|show|deliver|retry`: the messages the rules produced,
//! one in full with its delivery attempts, one delivery pass, and making failed
//! or dead messages due again. Delivery itself is `crate::deliver`; this file
//! resolves its settings (channels with their secrets, the team, the clock) and
//! prints what happened. Times are shown in the flow's zone (UTC while the rules
//! do not check) and in JSON as RFC 3339 with that offset.

use std::sync::atomic::Ordering;

use chrono_tz::Tz;
use comfy_table::{Table, presets};
use serde_json::{Value, json};

use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, OutboxCommand, OutboxListArgs, OutboxRetryArgs};
use crate::deliver::{Channels, Clock, ConfigError, Courier, Report, SystemClock, process_env};
use crate::store::{OutboxFilter, OutboxId, OutboxRow, Retried};
use crate::team::Team;
use crate::timefmt::{format_instant, rfc3339};

/// The command's name as typed.
pub(super) fn name(command: &OutboxCommand) -> &'static str {
    match command {
        OutboxCommand::List(_) => "outbox list",
        OutboxCommand::Show { .. } => "outbox show",
        OutboxCommand::Deliver => "outbox deliver",
        OutboxCommand::Retry(_) => "outbox retry",
    }
}

pub(super) fn run(command: &OutboxCommand, s: &Settings, p: &mut Printer) -> Result {
    match command {
        OutboxCommand::List(args) => list(args, s, p),
        OutboxCommand::Show { id } => show(OutboxId(*id), s, p),
        OutboxCommand::Deliver => deliver(s, p),
        OutboxCommand::Retry(args) => retry(args, s, p),
    }
}

fn list(args: &OutboxListArgs, s: &Settings, p: &mut Printer) -> Result {
    let store = s.read_store()?;
    super::record::known_customer(&store, args.customer.as_deref())?;
    let tz = s.quiet_tz();
    let since = args
        .since
        .as_deref()
        .map(|t| crate::timefmt::parse_instant(t, tz))
        .transpose()
        .map_err(|e| CommandError::bad_value(format!("`--since`: {e}")))?;
    let rows = store.outbox_list(&OutboxFilter {
        status: args.status.map(|s| s.name().to_string()),
        customer: args.customer.clone(),
        since,
    })?;
    if s.format == Format::Json {
        let list: Vec<Value> = rows.iter().map(|r| message_json(r, tz)).collect();
        outln!(p, "{}", super::pretty(&json!(list)));
        return Ok(Outcome::Done);
    }
    if rows.is_empty() {
        outln!(p, "no messages");
        return Ok(Outcome::Done);
    }
    let mut table = Table::new();
    table.load_preset(presets::NOTHING).set_header([
        "ID", "STATUS", "KIND", "TO", "CHANNEL", "CUSTOMER", "CREATED", "DUE", "SUBJECT",
    ]);
    for r in &rows {
        table.add_row([
            r.id.to_string(),
            r.status.clone(),
            r.kind.clone(),
            r.recipient.clone(),
            r.channel.clone().unwrap_or_else(|| "-".into()),
            r.customer.clone().unwrap_or_else(|| "-".into()),
            short_time(r.created_at, tz),
            r.due_at().map_or_else(|| "-".into(), |t| short_time(t, tz)),
            r.subject.clone(),
        ]);
    }
    outln!(p, "{}", trim_lines(&table.to_string()));
    Ok(Outcome::Done)
}

fn show(id: OutboxId, s: &Settings, p: &mut Printer) -> Result {
    let store = s.read_store()?;
    let row = store
        .outbox_message(id)?
        .ok_or(CommandError::UnknownMessage(id.0))?;
    let attempts = store.outbox_attempts(id)?;
    let tz = s.quiet_tz();
    if s.format == Format::Json {
        let mut doc = message_json(&row, tz);
        doc["attempts_log"] = json!(
            attempts
                .iter()
                .map(|a| json!({
                    "at": rfc3339(a.at, tz),
                    "channel": a.channel,
                    "outcome": a.outcome,
                    "error": a.error,
                }))
                .collect::<Vec<_>>()
        );
        outln!(p, "{}", super::pretty(&doc));
        return Ok(Outcome::Done);
    }
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let fields = [
        ("message", row.id.to_string()),
        ("key", row.key.clone()),
        ("status", row.status.clone()),
        ("kind", row.kind.clone()),
        ("to", row.recipient.clone()),
        (
            "cc",
            or_dash((!row.cc.is_empty()).then(|| row.cc.join(", "))),
        ),
        ("customer", or_dash(row.customer.clone())),
        ("channel", or_dash(row.channel.clone())),
        ("created", format_instant(row.created_at, tz)),
        ("due", or_dash(row.due_at().map(|t| format_instant(t, tz)))),
        (
            "delivered",
            or_dash(row.delivered_at.map(|t| format_instant(t, tz))),
        ),
        ("attempts", row.attempts.to_string()),
        ("last error", or_dash(row.last_error.clone())),
        ("origin", row.origin.clone()),
        ("subject", row.subject.clone()),
    ];
    for (label, value) in fields {
        outln!(p, "{label:<10} {value}");
    }
    outln!(p);
    for line in row.body.lines() {
        outln!(p, "  {line}");
    }
    if !attempts.is_empty() {
        outln!(p);
        let mut table = Table::new();
        table
            .load_preset(presets::NOTHING)
            .set_header(["ATTEMPT", "AT", "CHANNEL", "OUTCOME", "ERROR"]);
        for (i, a) in attempts.iter().enumerate() {
            table.add_row([
                (i + 1).to_string(),
                short_time(a.at, tz),
                a.channel.clone(),
                a.outcome.clone().unwrap_or_else(|| "(interrupted)".into()),
                a.error.clone().unwrap_or_default(),
            ]);
        }
        outln!(p, "{}", trim_lines(&table.to_string()));
    }
    Ok(Outcome::Done)
}

/// What a delivery pass needs, resolved before anything is sent: the channels
/// (with their secrets), the team's handles, the zone, the clock.
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
    /// Resolves channels, team, zone and clock; `None` channels are an error
    /// unless `optional`.
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

    /// One pass over the store (waiting for rate windows as long as needed),
    /// stopped early by SIGINT or SIGTERM.
    pub(super) fn deliver(
        &self,
        store: &mut crate::store::Store,
        wait_until: Option<chrono::DateTime<chrono::Utc>>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Report> {
        let courier = Courier::new(&self.channels, &self.team, &self.clock, self.tz);
        Ok(courier.deliver(store, wait_until, stop)?)
    }
}

fn deliver(s: &Settings, p: &mut Printer) -> Result {
    let delivery = Delivery::prepare(s, false)?;
    let mut store = s.open_store()?;
    let stop = super::run::stop_on_signals()?;
    let report = delivery.deliver(&mut store, None, &|| stop.load(Ordering::Relaxed))?;
    let at = delivery.clock.now();
    if s.format == Format::Json {
        outln!(
            p,
            "{}",
            super::pretty(&report_json(&report, at, delivery.tz))
        );
    } else {
        outln!(
            p,
            "delivered at {}: {}",
            format_instant(at, delivery.tz),
            counts(&report)
        );
        for d in &report.deliveries {
            if d.status == "sent" {
                continue;
            }
            let next = d
                .next_attempt_at
                .map(|t| format!("; next attempt {}", format_instant(t, delivery.tz)))
                .unwrap_or_default();
            outln!(
                p,
                "  #{} to {}{}: {}: {}{next}",
                d.id,
                d.recipient,
                d.channel
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
                d.status,
                d.error.as_deref().unwrap_or_default()
            );
        }
    }
    Ok(if report.dead > 0 {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

fn retry(args: &OutboxRetryArgs, s: &Settings, p: &mut Printer) -> Result {
    let mut store = s.open_store()?;
    let mut ids: Vec<OutboxId> = args.ids.iter().map(|id| OutboxId(*id)).collect();
    if args.dead {
        ids.extend(store.outbox(Some("dead"))?.into_iter().map(|r| r.id));
    }
    let tz = s.quiet_tz();
    // Every id is checked before any is changed.
    for &id in &ids {
        let row = store
            .outbox_message(id)?
            .ok_or(CommandError::UnknownMessage(id.0))?;
        match row.status.as_str() {
            "sent" => {
                return Err(CommandError::NotRetriable {
                    id: id.0,
                    why: format!(
                        "was sent at {}",
                        row.delivered_at
                            .map_or_else(|| "-".into(), |t| format_instant(t, tz))
                    ),
                    help: "retrying would send it twice; a new message needs a new record".into(),
                });
            }
            "suppressed" => {
                return Err(CommandError::NotRetriable {
                    id: id.0,
                    why: "is suppressed (produced before the customer went live)".into(),
                    help: "suppressed messages are never sent".into(),
                });
            }
            _ => {}
        }
    }
    let mut done = Vec::new();
    for &id in &ids {
        match store.outbox_retry(id)? {
            Some(Retried::Requeued { from }) => done.push((id, from)),
            Some(Retried::Hurried) => done.push((id, "pending".into())),
            // Sent or suppressed since it was checked: another process got there.
            Some(Retried::AlreadySent(_) | Retried::Suppressed) | None => {}
        }
    }
    if s.format == Format::Json {
        let list: Vec<Value> = done
            .iter()
            .map(|(id, from)| json!({ "id": id, "from": from, "status": "pending" }))
            .collect();
        outln!(p, "{}", super::pretty(&json!({ "retried": list })));
    } else if done.is_empty() {
        outln!(p, "no messages to retry");
    } else {
        for (id, from) in &done {
            outln!(p, "message {id} is due again (it was {from})");
        }
    }
    Ok(Outcome::Done)
}

/// A message as `outbox list` and `outbox show` give it in JSON.
fn message_json(r: &OutboxRow, tz: Tz) -> Value {
    json!({
        "id": r.id,
        "key": r.key,
        "status": r.status,
        "kind": r.kind,
        "customer": r.customer,
        "recipient": r.recipient,
        "cc": r.cc,
        "channel": r.channel,
        "subject": r.subject,
        "body": r.body,
        "origin": r.origin,
        "attempts": r.attempts,
        "last_error": r.last_error,
        "created_at": rfc3339(r.created_at, tz),
        "due_at": r.due_at().map(|t| rfc3339(t, tz)),
        "delivered_at": r.delivered_at.map(|t| rfc3339(t, tz)),
    })
}

/// A delivery pass in JSON.
pub(super) fn report_json(report: &Report, at: chrono::DateTime<chrono::Utc>, tz: Tz) -> Value {
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

/// `3 sent, 1 failed, 0 dead` (and the throttled, when any).
pub(super) fn counts(report: &Report) -> String {
    let waiting = match report.throttled {
        0 => String::new(),
        n => format!(", {n} waiting for a rate limit"),
    };
    format!(
        "{} sent, {} failed, {} dead{waiting}",
        report.sent, report.failed, report.dead
    )
}

/// `2026-03-06 11:00 +08:00`.
fn short_time(t: chrono::DateTime<chrono::Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .format("%Y-%m-%d %H:%M %:z")
        .to_string()
}

/// A table without the padding comfy-table leaves at the ends of lines.
fn trim_lines(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_end().strip_prefix(' ').unwrap_or(l.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}
