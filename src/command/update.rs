//! `salesflow update CUSTOMER --status … --next … --blocker …`: records an
//! `update` event, refusing one that lacks a field of `update requires`.

use super::Exit;
use super::record::{check_record, open_for_recording, record};
use super::settings::{Settings, refuse};
use crate::cli::UpdateArgs;
use crate::model::UpdateField;
use crate::store::NewEvent;

pub(super) fn run(args: &UpdateArgs) -> Exit {
    let settings = match Settings::resolve(&args.run) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let flow = match settings.require_flow("`update`") {
        Ok(f) => f,
        Err(e) => return e,
    };
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
        let list: Vec<String> = missing.iter().map(|f| format!("`{f}`")).collect();
        return refuse(&format!(
            "an update must carry {} (the rules say `update requires`); nothing was recorded",
            list.join(", ")
        ));
    }
    let (now, mut store, actor) =
        match open_for_recording(&settings, flow.timezone, args.by.as_deref()) {
            Ok(opened) => opened,
            Err(e) => return e,
        };
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
        return refuse("an empty update: give `--status`, `--next`, `--blocker` or `--note`");
    }
    if let Err(e) = check_record(&store, Some(&flow), flow.timezone, &event) {
        return e;
    }
    record(&settings, &mut store, &event, flow.timezone)
}
