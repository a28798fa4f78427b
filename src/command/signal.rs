//! `salesflow signal list [--customer C] [--open]` and `salesflow signal verdict
//! ID confirmed|false`: judging records a `verdict` event, which the rules and the
//! `risk_accuracy` metric read.

use serde_json::json;

use super::output::{Printer, outln};
use super::record::{check_record, open_for_recording};
use super::{Outcome, Result, Settings};
use crate::cli::{Format, ListFilter, SignalCommand, VerdictArg};
use crate::store::{NewEvent, SignalId, SignalRow, Verdict};
use crate::timefmt::{format_instant, rfc3339};

pub(super) fn run(command: &SignalCommand, s: &Settings, p: &mut Printer) -> Result {
    match command {
        SignalCommand::List(filter) => list(filter, s, p),
        SignalCommand::Verdict { id, verdict, by } => {
            let verdict = match verdict {
                VerdictArg::Confirmed => Verdict::Confirmed,
                VerdictArg::False => Verdict::False,
            };
            judge(s, p, SignalId(*id), verdict, by.as_deref())
        }
    }
}

fn list(filter: &ListFilter, s: &Settings, p: &mut Printer) -> Result {
    let store = s.read_store()?;
    super::record::known_customer(&store, filter.customer.as_deref())?;
    let signals = store.signals(filter.customer.as_deref(), filter.open)?;
    let tz = s.quiet_tz();
    // The risk's label, strategy and cases come from the rules as they are now,
    // when they check; else the strategy stored with the signal.
    let flow = s.flow().ok().flatten();
    let risk = |name: &str| flow.and_then(|f| f.risks.iter().find(|r| r.name == name));
    if s.format == Format::Json {
        let rows: Vec<_> = signals
            .iter()
            .map(|sig| {
                let mut row = signal_json(sig, tz);
                let r = risk(&sig.risk);
                row["label"] = json!(r.map(|r| &r.label));
                row["strategy"] = json!(r.map_or(&sig.strategy, |r| &r.strategy));
                row["cases"] = json!(r.map_or(&Vec::new(), |r| &r.cases));
                row
            })
            .collect();
        outln!(p, "{}", super::pretty(&json!(rows)));
        return Ok(Outcome::Done);
    }
    if signals.is_empty() {
        outln!(p, "{}", t!("signal-none"));
    }
    for sig in &signals {
        let label = risk(&sig.risk)
            .map(|r| format!(" \"{}\"", r.label))
            .unwrap_or_default();
        outln!(
            p,
            "#{}  {}  {}{label}  {}  {}  {}",
            sig.id,
            sig.customer,
            sig.risk,
            t!(
                "signal-in-event",
                keyword = sig.keyword,
                event = sig.event.0
            ),
            format_instant(sig.at, tz),
            verdict_text(sig.verdict)
        );
        for line in risk(&sig.risk).map_or(&sig.strategy, |r| &r.strategy) {
            outln!(p, "    {}", t!("signal-strategy", text = line));
        }
        for case in risk(&sig.risk).map_or(&[][..], |r| &r.cases) {
            outln!(p, "    {}", t!("signal-case", text = case));
        }
    }
    Ok(Outcome::Done)
}

fn judge(
    s: &Settings,
    p: &mut Printer,
    id: SignalId,
    verdict: Verdict,
    by: Option<&str>,
) -> Result {
    let tz = s.quiet_tz();
    let (now, mut store, actor) = open_for_recording(s, tz, by)?;
    // Judged before its customer existed, or before the event that raised it: the
    // record rules refuse it.
    if let Some(signal) = store.signal(id)? {
        let mut event = NewEvent::new(&signal.customer, now, "verdict", "cli");
        event.attrs.insert("risk".into(), signal.risk);
        event
            .attrs
            .insert("verdict".into(), verdict.as_str().into());
        event.attrs.insert("signal".into(), signal.key);
        check_record(p, &store, s.flow()?, tz, &event)?;
    }
    let signal = store.judge_signal(id, verdict, now, actor.as_deref())?;
    if s.format == Format::Json {
        outln!(p, "{}", super::pretty(&signal_json(&signal, tz)));
    } else {
        outln!(
            p,
            "{}",
            t!(
                "signal-judged",
                id = signal.id.0,
                risk = signal.risk,
                customer = signal.customer,
                verdict = verdict_text(Some(verdict)),
                at = format_instant(now, tz)
            )
        );
    }
    Ok(Outcome::Done)
}

/// A verdict for people: confirmed, a false alarm, or not judged yet.
fn verdict_text(verdict: Option<Verdict>) -> String {
    match verdict {
        Some(Verdict::Confirmed) => t!("verdict-confirmed"),
        Some(Verdict::False) => t!("verdict-false"),
        None => t!("verdict-none"),
    }
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
