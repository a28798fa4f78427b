//! `salesflow plan`: what `apply` would do at `--at`, from a read-only store (the
//! database file stays byte-identical). A summary first, then each action.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::output::{Printer, errln, outln};
use super::{Outcome, Result, Settings};
use crate::apply::{Pass, Pending};
use crate::cli::{Format, PlanArgs};
use crate::engine::{Effect, Engine};
use crate::timefmt::format_instant;

pub(super) fn run(args: &PlanArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("`plan`")?;
    let team = s.run_team()?;
    let now = s.now(flow.timezone)?;
    let store = s.read_store()?;
    let engine = Engine::new(flow, &team);
    let mut plans = Vec::new();
    Pass::new(&store, &engine, now)?.plan(&store, |pending| {
        plans.push(pending);
        Ok(())
    })?;
    let mut summary: BTreeMap<&str, usize> = BTreeMap::new();
    for e in plans.iter().flat_map(Pending::effects) {
        *summary.entry(e.kind()).or_default() += 1;
    }
    let errors: Vec<&String> = plans.iter().flat_map(|p| &p.eval.errors).collect();
    let total: usize = summary.values().sum();
    let tz = flow.timezone;
    if s.format == Format::Json {
        let actions: Vec<Value> = plans
            .iter()
            .flat_map(|p| p.effects().map(move |e| action_json(&p.eval.customer, e)))
            .collect();
        let mut out = json!({
            "at": crate::timefmt::rfc3339(now, tz),
            "rules_digest": flow.digest,
            "actions": actions,
            "summary": summary,
            "errors": errors,
        });
        super::json_time::localize(&mut out, tz);
        outln!(p, "{}", super::pretty(&out));
    } else {
        let counts: Vec<String> = summary.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let customers = plans.iter().filter(|p| !p.new.is_empty()).count();
        outln!(
            p,
            "plan at {}: {total} action{} for {customers} customer{}{}",
            format_instant(now, tz),
            if total == 1 { "" } else { "s" },
            if customers == 1 { "" } else { "s" },
            if counts.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts.join(", "))
            }
        );
        for plan in plans.iter().filter(|p| !p.new.is_empty()) {
            outln!(p, "\n{}", plan.eval.customer);
            for e in plan.effects() {
                outln!(p, "  {:<16} {}", e.kind(), describe(e, tz));
            }
        }
        for e in &errors {
            errln!(p, "error: {e}");
        }
    }
    if !errors.is_empty() {
        Ok(Outcome::Failed)
    } else if args.detailed_exitcode && total > 0 {
        Ok(Outcome::Pending)
    } else {
        Ok(Outcome::Done)
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

/// One line about an effect, for people.
fn describe(e: &Effect, tz: chrono_tz::Tz) -> String {
    let at = |t| format_instant(t, tz);
    match e {
        Effect::Health {
            at: t,
            from,
            to,
            evidence,
            ..
        } => format!(
            "{} → {to} at {} (witness events {:?}{})",
            from.as_deref().unwrap_or("(none)"),
            at(*t),
            evidence.events,
            if evidence.creation {
                ", creation record"
            } else {
                ""
            }
        ),
        Effect::Segment {
            at: t, from, to, ..
        } => format!(
            "{} → {to} at {}",
            from.as_deref().unwrap_or("(none)"),
            at(*t)
        ),
        Effect::Tag {
            tag, added, at: t, ..
        } => format!("{}{tag} at {}", if *added { "+" } else { "-" }, at(*t)),
        Effect::Signal {
            risk,
            keyword,
            event,
            ..
        } => format!("{risk}: `{keyword}` in event {event}"),
        Effect::StageAction { trigger, at: t, .. } => format!("on {trigger} at {}", at(*t)),
        Effect::Task {
            title,
            assignee,
            due_at,
            suppressed,
            ..
        } => format!(
            "{title} → {assignee}, due {}{}",
            at(*due_at),
            suppressed_mark(*suppressed)
        ),
        Effect::EscalationStep {
            escalation,
            epoch,
            step,
            due_at,
            ..
        } => {
            format!("{escalation} #{epoch} {step}, due {}", at(*due_at))
        }
        Effect::Outbox {
            recipient,
            cc,
            body,
            suppressed,
            ..
        } => {
            let cc = if cc.is_empty() {
                String::new()
            } else {
                format!(" cc {}", cc.join(", "))
            };
            format!(
                "{recipient}{cc}: {}{}",
                body.replace('\n', " "),
                suppressed_mark(*suppressed)
            )
        }
        Effect::FieldChange { field, value, .. } => format!("customer.{field} = {value}"),
    }
}

/// Marks what the rules would have sent or asked before the customer went live:
/// recorded, never sent.
fn suppressed_mark(suppressed: bool) -> &'static str {
    if suppressed {
        "  [suppressed: before going live]"
    } else {
        ""
    }
}
