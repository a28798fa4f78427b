//! `salesflow update CUSTOMER --status … --next … --blocker …`: records an
//! `update` event, refusing one that lacks a field of `update requires`.

use super::output::Printer;
use super::record::{open_for_recording, record};
use super::{CommandError, Result, Settings};
use crate::cli::UpdateArgs;
use crate::model::UpdateField;
use crate::store::NewEvent;

pub(super) fn run(args: &UpdateArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("update")?;
    let given = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let evidence: Vec<String> = args
        .evidence
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    let missing: Vec<&str> = flow
        .update_requires
        .iter()
        .filter_map(|f| {
            let (flag, present) = match f {
                UpdateField::Status => ("--status", given(&args.status).is_some()),
                UpdateField::NextAction => ("--next", given(&args.next_action).is_some()),
                UpdateField::Blocker => ("--blocker", given(&args.blocker).is_some()),
                UpdateField::Note => ("--note", given(&args.note).is_some()),
                UpdateField::Evidence => ("--evidence", !evidence.is_empty()),
            };
            (!present).then_some(flag)
        })
        .collect();
    if !missing.is_empty() {
        return Err(CommandError::MissingUpdateFields {
            flags: missing.iter().map(|f| format!("`{f}`")).collect(),
        });
    }
    let (now, mut store, actor) = open_for_recording(s, flow.timezone, args.by.as_deref())?;
    let mut event = NewEvent::new(&args.customer, now, "update", "cli");
    event.actor = actor;
    event.status = given(&args.status);
    event.next_action = given(&args.next_action);
    event.blocker = given(&args.blocker);
    event.text = given(&args.note);
    event.evidence = evidence;
    if event.status.is_none()
        && event.next_action.is_none()
        && event.blocker.is_none()
        && event.text.is_none()
        && event.evidence.is_empty()
    {
        return Err(CommandError::EmptyUpdate);
    }
    record(s, p, &mut store, &event, flow.timezone)
}
