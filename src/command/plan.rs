//! `salesflow plan`: what `apply` would do at `--at`, from a read-only store (the
//! database file stays byte-identical). A summary first, then each action.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};

use super::Exit;
use super::runtime::Runtime;
use crate::apply::{Pass, Pending};
use crate::cli::{Format, PlanArgs};
use crate::engine::{Effect, Engine};
use crate::timefmt::format_instant;

pub(super) fn run(args: &PlanArgs) -> Exit {
    let (rt, store) = match Runtime::reading(&args.run) {
        Ok(opened) => opened,
        Err(e) => return e,
    };
    let engine = Engine::new(&rt.flow, &rt.team);
    let mut plans = Vec::new();
    let planned = Pass::new(&store, &engine, rt.now).and_then(|pass| {
        pass.plan(&store, |p| {
            plans.push(p);
            Ok(())
        })
    });
    if let Err(e) = planned {
        return super::runtime::usage(&e.to_string());
    }
    let mut summary: BTreeMap<&str, usize> = BTreeMap::new();
    for e in plans.iter().flat_map(Pending::effects) {
        *summary.entry(e.kind()).or_default() += 1;
    }
    let errors: Vec<&String> = plans.iter().flat_map(|p| &p.eval.errors).collect();
    let total: usize = summary.values().sum();
    match args.run.format {
        Format::Json => {
            let actions: Vec<Value> = plans
                .iter()
                .flat_map(|p| p.effects().map(move |e| action_json(&p.eval.customer, e)))
                .collect();
            let out = json!({
                "at": rt.now.with_timezone(&rt.flow.timezone).to_rfc3339(),
                "rules_digest": rt.flow.digest,
                "actions": actions,
                "summary": summary,
                "errors": errors,
            });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Human => {
            let mut out = std::io::stdout().lock();
            let tz = rt.flow.timezone;
            let counts: Vec<String> = summary.iter().map(|(k, n)| format!("{n} {k}")).collect();
            let customers = plans.iter().filter(|p| !p.new.is_empty()).count();
            let _ = writeln!(
                out,
                "plan at {}: {total} action{} for {customers} customer{}{}",
                format_instant(rt.now, tz),
                if total == 1 { "" } else { "s" },
                if customers == 1 { "" } else { "s" },
                if counts.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", counts.join(", "))
                }
            );
            for p in plans.iter().filter(|p| !p.new.is_empty()) {
                let _ = writeln!(out, "\n{}", p.eval.customer);
                for e in p.effects() {
                    let _ = writeln!(out, "  {:<16} {}", e.kind(), describe(e, tz));
                }
            }
            for e in &errors {
                eprintln!("error: {e}");
            }
        }
    }
    if !errors.is_empty() {
        Exit::Failure
    } else if args.detailed_exitcode && total > 0 {
        Exit::Usage
    } else {
        Exit::Success
    }
}

/// The JSON of one action: the effect's fields, its plan kind and the customer.
pub fn action_json(customer: &str, e: &Effect) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("kind".into(), Value::from(e.kind()));
        map.insert("customer".into(), Value::from(customer));
    }
    v
}

/// One line about an effect, for people.
pub fn describe(e: &Effect, tz: chrono_tz::Tz) -> String {
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
            ..
        } => format!("{title} → {assignee}, due {}", at(*due_at)),
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
            ..
        } => {
            let cc = if cc.is_empty() {
                String::new()
            } else {
                format!(" cc {}", cc.join(", "))
            };
            format!("{recipient}{cc}: {}", body.replace('\n', " "))
        }
        Effect::FieldChange { field, value, .. } => format!("customer.{field} = {value}"),
    }
}
