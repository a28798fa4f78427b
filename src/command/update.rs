//! `salesflow update CUSTOMER --status … --next … --blocker …`: records an
//! `update` event; the record rules refuse one that lacks a field of `update
//! requires`, says nothing, or is dated before the customer existed.

use super::output::Printer;
use super::record::{check_record, open_for_recording, record};
use super::{Result, Settings};
use crate::cli::UpdateArgs;
use crate::store::NewEvent;

pub(super) fn run(args: &UpdateArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("update")?;
    let given = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let (now, mut store, actor) = open_for_recording(s, flow.timezone, args.by.as_deref())?;
    let mut event = NewEvent::new(&args.customer, now, "update", "cli");
    event.actor = actor;
    event.status = given(&args.status);
    event.next_action = given(&args.next_action);
    event.blocker = given(&args.blocker);
    event.text = given(&args.note);
    event.evidence = args
        .evidence
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    check_record(p, &store, Some(flow), flow.timezone, &event)?;
    record(s, p, &mut store, &event, flow.timezone)
}
