//! `salesflow outbox list|show|deliver|retry`: the messages the rules produced,
//! one in full with its delivery attempts, one delivery pass, and making failed
//! or dead messages due again. Delivery itself is `crate::deliver`; the shared
//! setup is [`super::delivery`]. Times are shown in the flow's zone (UTC while
//! the rules do not check) and in JSON as RFC 3339 with that offset.

use std::sync::atomic::Ordering;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use comfy_table::{Table, presets};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use super::delivery::{Delivery, counts, report_json};
use super::outbox_error::NotRetriable;
use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, OutboxCommand, OutboxListArgs, OutboxRetryArgs};
use crate::deliver::Clock;
use crate::store::{OutboxFilter, OutboxId, OutboxRow, Retried};
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
        .map(|t| super::settings::time_arg(t, tz))
        .transpose()?;
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
        outln!(p, "{}", t!("outbox-none"));
        return Ok(Outcome::Done);
    }
    let mut table = Table::new();
    table.load_preset(presets::NOTHING).set_header([
        t!("outbox-col-id"),
        t!("outbox-col-status"),
        t!("outbox-col-kind"),
        t!("outbox-col-to"),
        t!("outbox-col-channel"),
        t!("outbox-col-customer"),
        t!("outbox-col-created"),
        t!("outbox-col-due"),
        t!("outbox-col-subject"),
    ]);
    for r in &rows {
        table.add_row([
            r.id.to_string(),
            r.status.clone(),
            r.kind.clone(),
            r.recipient.clone(),
            or_dash(r.channel.clone()),
            or_dash(r.customer.clone()),
            short_time(r.created_at, tz),
            or_dash(r.due_at().map(|t| short_time(t, tz))),
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
    let when = |t: Option<DateTime<Utc>>| or_dash(t.map(|t| format_instant(t, tz)));
    let fields = [
        (t!("outbox-field-message"), row.id.to_string()),
        (t!("outbox-field-key"), row.key.clone()),
        (t!("outbox-field-status"), row.status.clone()),
        (t!("outbox-field-kind"), row.kind.clone()),
        (t!("outbox-field-to"), row.recipient.clone()),
        (
            t!("outbox-field-cc"),
            or_dash((!row.cc.is_empty()).then(|| row.cc.join(", "))),
        ),
        (t!("outbox-field-customer"), or_dash(row.customer.clone())),
        (t!("outbox-field-channel"), or_dash(row.channel.clone())),
        (t!("outbox-field-created"), when(Some(row.created_at))),
        (t!("outbox-field-due"), when(row.due_at())),
        (t!("outbox-field-delivered"), when(row.delivered_at)),
        (t!("outbox-field-attempts"), row.attempts.to_string()),
        (
            t!("outbox-field-last-error"),
            or_dash(row.last_error.clone()),
        ),
        (t!("outbox-field-origin"), row.origin.clone()),
        (t!("outbox-field-subject"), row.subject.clone()),
    ];
    // Labels padded to one width on screen (a Chinese character takes two).
    let width = fields.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    for (label, value) in &fields {
        outln!(p, "{label}{} {value}", " ".repeat(width - label.width()));
    }
    outln!(p);
    for line in row.body.lines() {
        outln!(p, "  {line}");
    }
    if !attempts.is_empty() {
        outln!(p);
        let mut table = Table::new();
        table.load_preset(presets::NOTHING).set_header([
            t!("outbox-col-attempt"),
            t!("outbox-col-at"),
            t!("outbox-col-channel"),
            t!("outbox-col-outcome"),
            t!("outbox-col-error"),
        ]);
        for (i, a) in attempts.iter().enumerate() {
            table.add_row([
                (i + 1).to_string(),
                short_time(a.at, tz),
                a.channel.clone(),
                a.outcome
                    .clone()
                    .unwrap_or_else(|| t!("outbox-interrupted")),
                a.error.clone().unwrap_or_default(),
            ]);
        }
        outln!(p, "{}", trim_lines(&table.to_string()));
    }
    Ok(Outcome::Done)
}

fn deliver(s: &Settings, p: &mut Printer) -> Result {
    let delivery = Delivery::prepare(s, false)?;
    let mut store = s.open_store()?;
    let stop = super::run::stop_on_signals()?;
    let report = delivery.deliver(&mut store, None, &|| stop.load(Ordering::Relaxed))?;
    let at = delivery.clock.now();
    let tz = delivery.tz;
    if s.format == Format::Json {
        outln!(p, "{}", super::pretty(&report_json(&report, at, tz)));
    } else {
        let at = format_instant(at, tz);
        outln!(
            p,
            "{}",
            t!("outbox-delivered", at = at, counts = counts(&report))
        );
        for d in report.deliveries.iter().filter(|d| d.status != "sent") {
            let next = d
                .next_attempt_at
                .map(|t| t!("outbox-next-attempt", at = format_instant(t, tz)))
                .unwrap_or_default();
            let error = d.error.as_deref().unwrap_or_default();
            let line = match d.channel.as_deref() {
                Some(channel) => t!(
                    "outbox-delivery-line",
                    id = d.id.0,
                    to = d.recipient.as_str(),
                    channel = channel,
                    status = d.status,
                    error = error,
                    next = next
                ),
                // No channel could take it.
                None => t!(
                    "outbox-delivery-nowhere",
                    id = d.id.0,
                    to = d.recipient.as_str(),
                    status = d.status,
                    error = error
                ),
            };
            outln!(p, "  {line}");
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
        let refused = match row.status.as_str() {
            "sent" => NotRetriable::Sent {
                id: id.0,
                at: or_dash(row.delivered_at.map(|t| format_instant(t, tz))),
            },
            "suppressed" => NotRetriable::Suppressed { id: id.0 },
            _ => continue,
        };
        return Err(CommandError::NotRetriable(refused));
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
        outln!(p, "{}", t!("outbox-retry-none"));
    } else {
        for (id, from) in &done {
            outln!(
                p,
                "{}",
                t!("outbox-retried", id = id.0, from = from.as_str())
            );
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

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "-".into())
}

/// `2026-03-06 11:00 +08:00`.
fn short_time(t: DateTime<Utc>, tz: Tz) -> String {
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
