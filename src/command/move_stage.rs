//! `salesflow move CUSTOMER STAGE [--evidence E]…`: records a `stage_change`
//! event; the record rules refuse an unknown stage, a move without the evidence
//! the stage requires, and one dated before the customer existed.

use super::output::Printer;
use super::record::{check_record, open_for_recording, record};
use super::{Result, Settings};
use crate::cli::MoveArgs;
use crate::store::NewEvent;

pub(super) fn run(args: &MoveArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("move")?;
    let (now, mut store, actor) = open_for_recording(s, flow.timezone, args.by.as_deref())?;
    let mut event = NewEvent::new(&args.customer, now, "stage_change", "cli");
    event.actor = actor;
    // A stage by its name or its label (`move c3 方案演示`); what is neither is
    // kept as typed for the record rules to refuse with the pipeline's names.
    let stage = flow.stage_named(&args.stage).map_or_else(
        || args.stage.clone(),
        |id| flow.stages[id.index()].name.clone(),
    );
    event.attrs.insert("stage".into(), stage);
    event.evidence = args
        .evidence
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    event.text = args.note.clone().filter(|n| !n.trim().is_empty());
    check_record(p, &store, Some(flow), flow.timezone, &event)?;
    record(s, p, &mut store, &event, flow.timezone)
}
