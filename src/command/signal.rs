//! `salesflow signal list [--customer C] [--open]` and `salesflow signal verdict
//! ID confirmed|false`: judging records a `verdict` event, which the rules and the
//! `risk_accuracy` metric read.

use serde_json::json;

use super::Exit;
use super::record::{check_record, open_for_recording};
use super::settings::{Settings, store_error};
use crate::cli::{Format, ListFilter, SignalCommand, VerdictArg};
use crate::store::{NewEvent, SignalId, SignalRow, Verdict};
use crate::timefmt::{format_instant, rfc3339};

pub(super) fn run(command: &SignalCommand) -> Exit {
    match command {
        SignalCommand::List(filter) => list(filter),
        SignalCommand::Verdict {
            id,
            verdict,
            by,
            run,
        } => {
            let settings = match Settings::resolve(run) {
                Ok(s) => s,
                Err(e) => return e,
            };
            let verdict = match verdict {
                VerdictArg::Confirmed => Verdict::Confirmed,
                VerdictArg::False => Verdict::False,
            };
            judge(&settings, SignalId(*id), verdict, by.as_deref())
        }
    }
}

fn list(filter: &ListFilter) -> Exit {
    let (settings, store) = match Settings::reading(&filter.run) {
        Ok(opened) => opened,
        Err(e) => return e,
    };
    let signals = match store.signals(filter.customer.as_deref(), filter.open) {
        Ok(s) => s,
        Err(e) => return store_error(&e),
    };
    let tz = settings.quiet_tz();
    match settings.format {
        Format::Json => {
            let rows: Vec<_> = signals.iter().map(|s| signal_json(s, tz)).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            );
        }
        Format::Human => {
            if signals.is_empty() {
                println!("no signals");
            }
            for s in &signals {
                println!(
                    "#{}  {}  {}  「{}」 in event #{}  {}  {}",
                    s.id,
                    s.customer,
                    s.risk,
                    s.keyword,
                    s.event,
                    format_instant(s.at, tz),
                    s.verdict.map_or("unjudged", Verdict::as_str)
                );
            }
        }
    }
    Exit::Success
}

fn judge(settings: &Settings, id: SignalId, verdict: Verdict, by: Option<&str>) -> Exit {
    let tz = settings.quiet_tz();
    let (now, mut store, actor) = match open_for_recording(settings, tz, by) {
        Ok(opened) => opened,
        Err(e) => return e,
    };
    // Judged before its customer existed, or before the event that raised it, is
    // refused by the record rules.
    if let Ok(Some(signal)) = store.signal(id) {
        let flow = settings.flow().ok().flatten();
        let mut event = NewEvent::new(&signal.customer, now, "verdict", "cli");
        event.attrs.insert("risk".into(), signal.risk);
        event
            .attrs
            .insert("verdict".into(), verdict.as_str().into());
        event.attrs.insert("signal".into(), signal.key);
        if let Err(e) = check_record(&store, flow.as_ref(), tz, &event) {
            return e;
        }
    }
    let signal = match store.judge_signal(id, verdict, now, actor.as_deref()) {
        Ok(s) => s,
        Err(e) => return store_error(&e),
    };
    match settings.format {
        Format::Json => println!("{}", signal_json(&signal, tz)),
        Format::Human => println!(
            "signal #{} ({} of `{}`) judged {verdict} at {}",
            signal.id,
            signal.risk,
            signal.customer,
            format_instant(now, tz)
        ),
    }
    Exit::Success
}

fn signal_json(s: &SignalRow, tz: chrono_tz::Tz) -> serde_json::Value {
    json!({
        "id": s.id,
        "key": s.key,
        "customer": s.customer,
        "risk": s.risk,
        "event": s.event,
        "keyword": s.keyword,
        "at": rfc3339(s.at, tz),
        "strategy": s.strategy,
        "verdict": s.verdict,
    })
}
