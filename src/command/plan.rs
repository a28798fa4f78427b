//! `salesflow plan`: what `apply` would do at `--at`, from a read-only store (the
//! database file stays byte-identical). A summary first, then each action.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::error::CommandError;
use super::labels;
use super::output::{Printer, errln, outln};
use super::spool::Spool;
use super::{Outcome, Result, Settings};
use crate::apply::Pass;
use crate::cli::{Format, PlanArgs};
use crate::engine::{Effect, Engine};
use crate::model::Flow;
use crate::timefmt::format_instant;

pub(super) fn run(args: &PlanArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("plan")?;
    let team = s.run_team()?;
    let now = s.now(flow.timezone)?;
    let store = s.read_store()?;
    let engine = Engine::new(flow, &team);
    let pass = Pass::new(&store, &engine, now)?;
    let tz = flow.timezone;
    let mut summary: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors: Vec<String> = Vec::new();
    if s.format == Format::Json {
        // Written customer by customer as each is evaluated: the memory stays that
        // of one customer however large the store.
        let mut doc = JsonPlan::default();
        let mut out = |bytes: &[u8]| p.out_bytes(bytes);
        pass.plan(&store, |pending| {
            for e in pending.effects() {
                *summary.entry(e.kind()).or_default() += 1;
                let mut action = action_json(&pending.eval.customer, e);
                super::json_time::localize(&mut action, tz);
                doc.action(&mut out, &action);
            }
            errors.extend(pending.eval.errors.iter().cloned());
            Ok(())
        })?;
        let mut rest = json!({
            "at": crate::timefmt::rfc3339(now, tz),
            "rules_digest": flow.digest,
            "summary": summary,
            "errors": errors,
        });
        super::json_time::localize(&mut rest, tz);
        doc.finish(&mut out, &rest);
    } else {
        // Each customer's section is written aside as it is evaluated, then
        // printed after the summary counted from the same pass.
        let mut sections = Spool::new();
        let mut spool_failed = None;
        let mut customers = 0;
        pass.plan(&store, |pending| {
            errors.extend(pending.eval.errors.iter().cloned());
            if pending.new.is_empty() {
                return Ok(());
            }
            customers += 1;
            let mut text = format!("\n{}\n", pending.eval.customer);
            for e in pending.effects() {
                *summary.entry(e.kind()).or_default() += 1;
                let kind = pad(&kind_name(e.kind()), 16);
                let _ = writeln!(text, "  {kind} {}", describe(e, flow));
            }
            if spool_failed.is_none() {
                spool_failed = sections.write(&text).err();
            }
            Ok(())
        })?;
        if let Some(e) = spool_failed {
            return Err(CommandError::Output(e));
        }
        let total: usize = summary.values().sum();
        let counts: Vec<String> = summary
            .iter()
            .map(|(k, n)| format!("{n} {}", kind_name(k)))
            .collect();
        let mut head = t!(
            "plan-summary",
            at = format_instant(now, tz),
            actions = total,
            customers = customers
        );
        if !counts.is_empty() {
            head = t!(
                "plan-summary-counts",
                summary = head,
                counts = counts.join(t!("list-separator").as_str())
            );
        }
        outln!(p, "{head}");
        sections
            .drain(|bytes| p.out_bytes(bytes))
            .map_err(CommandError::Output)?;
        for e in &errors {
            errln!(p, "{}", t!("error-line", message = e));
        }
    }
    if !errors.is_empty() {
        Ok(Outcome::Failed)
    } else if args.detailed_exitcode && summary.values().sum::<usize>() > 0 {
        Ok(Outcome::Pending)
    } else {
        Ok(Outcome::Done)
    }
}

/// `plan --format json` written as it is made: the `actions` array one action at
/// a time, then the other members. The bytes are those of
/// `serde_json::to_string_pretty` on the whole document (members in key order,
/// `actions` first; two spaces a level) followed by a newline.
#[derive(Default)]
struct JsonPlan {
    /// Actions written so far.
    actions: usize,
}

impl JsonPlan {
    /// Writes one action (the document's head before the first).
    fn action(&mut self, out: &mut impl FnMut(&[u8]), action: &Value) {
        let mut text = String::from(if self.actions == 0 {
            "{\n  \"actions\": [\n    "
        } else {
            ",\n    "
        });
        // A JSON string never holds a raw newline: every line break is layout.
        text.push_str(&super::pretty(action).replace('\n', "\n    "));
        out(text.as_bytes());
        self.actions += 1;
    }

    /// Closes the array and writes the other members (an object whose keys all
    /// sort after `actions`), then the closing brace and a newline.
    fn finish(self, out: &mut impl FnMut(&[u8]), rest: &Value) {
        out(if self.actions == 0 {
            b"{\n  \"actions\": [],\n"
        } else {
            b"\n  ],\n"
        });
        let rest = super::pretty(rest);
        out(rest.strip_prefix("{\n").unwrap_or(&rest).as_bytes());
        out(b"\n");
    }
}

/// The JSON of one action: the effect's fields, its plan kind and the customer.
fn action_json(customer: &str, e: &Effect) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("kind".into(), Value::from(e.kind()));
        map.insert("customer".into(), Value::from(customer));
    }
    v
}

/// The name of a plan kind for people (the JSON keeps the English kind).
pub(super) fn kind_name(kind: &str) -> String {
    match kind {
        "health" => t!("kind-health"),
        "segment" => t!("kind-segment"),
        "tag" => t!("kind-tag"),
        "signal" => t!("kind-signal"),
        "stage_action" => t!("kind-stage-action"),
        "task" => t!("kind-task"),
        "escalation_step" => t!("kind-escalation-step"),
        "notify" => t!("kind-notify"),
        "message" => t!("kind-message"),
        "field_change" => t!("kind-field-change"),
        "customers" => t!("kind-customers"),
        other => other.to_string(),
    }
}

/// `text` followed by spaces up to `width` terminal columns (a Chinese
/// character takes two).
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// One line about an effect, for people.
fn describe(e: &Effect, flow: &Flow) -> String {
    let at = |t| format_instant(t, flow.timezone);
    let none = || t!("none");
    match e {
        Effect::Health {
            at: t,
            from,
            to,
            evidence,
            ..
        } => {
            let from = from
                .as_deref()
                .map_or_else(none, |h| labels::health(flow, h));
            let (to, events) = (labels::health(flow, to), format!("{:?}", evidence.events));
            if evidence.creation {
                t!(
                    "plan-health-creation",
                    from = from,
                    to = to,
                    at = at(*t),
                    events = events
                )
            } else {
                t!(
                    "plan-health",
                    from = from,
                    to = to,
                    at = at(*t),
                    events = events
                )
            }
        }
        Effect::Segment {
            at: t, from, to, ..
        } => t!(
            "plan-segment",
            from = from
                .as_deref()
                .map_or_else(none, |s| labels::segment(flow, s)),
            to = labels::segment(flow, to),
            at = at(*t)
        ),
        Effect::Tag {
            tag, added, at: t, ..
        } => t!(
            "plan-tag",
            sign = if *added { "+" } else { "-" },
            tag = tag,
            at = at(*t)
        ),
        Effect::Signal {
            risk,
            keyword,
            event,
            ..
        } => t!(
            "plan-signal",
            risk = risk,
            keyword = keyword,
            event = *event
        ),
        Effect::StageAction { trigger, at: t, .. } => {
            t!(
                "plan-stage-action",
                trigger = trigger_text(trigger, flow),
                at = at(*t)
            )
        }
        Effect::Task {
            title,
            assignee,
            due_at,
            suppressed,
            ..
        } => {
            t!(
                "plan-task",
                title = title,
                assignee = assignee,
                due = at(*due_at)
            ) + &suppressed_mark(*suppressed)
        }
        Effect::EscalationStep {
            escalation,
            epoch,
            step,
            due_at,
            ..
        } => t!(
            "plan-step",
            escalation = escalation,
            epoch = *epoch,
            step = step,
            due = at(*due_at)
        ),
        Effect::Outbox {
            recipient,
            cc,
            body,
            suppressed,
            ..
        } => {
            let body = body.replace('\n', " ");
            let line = if cc.is_empty() {
                t!("plan-message", to = recipient, body = body)
            } else {
                t!(
                    "plan-message-cc",
                    to = recipient,
                    cc = cc.join(", "),
                    body = body
                )
            };
            line + &suppressed_mark(*suppressed)
        }
        Effect::FieldChange { field, value, .. } => format!("customer.{field} = {value}"),
    }
}

/// Marks what the rules would have sent or asked before the customer went live:
/// recorded, never sent.
fn suppressed_mark(suppressed: bool) -> String {
    if suppressed {
        format!("  {}", t!("plan-suppressed"))
    } else {
        String::new()
    }
}

/// A block's trigger (`enter demo`, `exit segment dormant`) for people: the
/// stage or segment with its label.
fn trigger_text(trigger: &str, flow: &Flow) -> String {
    let (enter, rest) = match trigger.split_once(' ') {
        Some(("enter", rest)) => (true, rest),
        Some(("exit", rest)) => (false, rest),
        _ => return trigger.to_string(),
    };
    match (enter, rest.strip_prefix("segment ")) {
        (true, Some(s)) => t!(
            "plan-trigger-enter-segment",
            segment = labels::segment(flow, s)
        ),
        (false, Some(s)) => t!(
            "plan-trigger-exit-segment",
            segment = labels::segment(flow, s)
        ),
        (true, None) => t!("plan-trigger-enter", stage = labels::stage(flow, rest)),
        (false, None) => t!("plan-trigger-exit", stage = labels::stage(flow, rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed bytes against the document built whole, as `plan` printed it
    /// before it streamed.
    fn streamed(actions: &[Value], rest: &Value) -> String {
        let mut bytes = Vec::new();
        let mut out = |b: &[u8]| bytes.extend_from_slice(b);
        let mut doc = JsonPlan::default();
        for a in actions {
            doc.action(&mut out, a);
        }
        doc.finish(&mut out, rest);
        String::from_utf8(bytes).unwrap()
    }

    fn whole(actions: &[Value], rest: &Value) -> String {
        let mut v = rest.clone();
        v["actions"] = Value::from(actions.to_vec());
        format!("{}\n", crate::command::pretty(&v))
    }

    #[test]
    fn the_streamed_document_is_the_whole_one_byte_for_byte() {
        let rest = json!({
            "at": "2026-03-20T09:00:00+08:00",
            "rules_digest": "2028ebff02f9836f",
            "summary": {"health": 2, "task": 1},
            "errors": ["template care: undefined value", "第二个\n错误"],
        });
        let actions = [
            json!({"kind": "task", "customer": "c1", "title": "多行\n标题 \"引号\"",
                   "cc": [], "evidence": {"events": [1, 2], "creation": false},
                   "origin": {}, "nested": [[1, [2, {}]], []]}),
            json!({"kind": "tag", "customer": "c2", "added": true, "tag": "新能源"}),
            json!({}),
        ];
        for n in 0..=actions.len() {
            assert_eq!(streamed(&actions[..n], &rest), whole(&actions[..n], &rest));
        }
        let bare = json!({"at": "x", "rules_digest": "y", "summary": {}, "errors": []});
        assert_eq!(streamed(&[], &bare), whole(&[], &bare));
    }
}
