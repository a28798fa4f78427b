//! `salesflow move CUSTOMER STAGE [--evidence E]…`: records a `stage_change`
//! event, refusing an unknown stage and, where the stage says `evidence required`,
//! a move without evidence.

use super::output::Printer;
use super::record::{open_for_recording, record};
use super::{CommandError, Result, Settings};
use crate::cli::MoveArgs;
use crate::store::NewEvent;

pub(super) fn run(args: &MoveArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("move")?;
    let Some(stage) = flow.stages.iter().find(|st| st.name == args.stage) else {
        let names: Vec<String> = flow
            .stages
            .iter()
            .map(|st| format!("`{}`", st.name))
            .collect();
        return Err(CommandError::UnknownStage {
            stage: args.stage.clone(),
            pipeline: names.join(", "),
        });
    };
    let evidence: Vec<String> = args
        .evidence
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    if stage.evidence_required && evidence.is_empty() {
        return Err(CommandError::EvidenceRequired {
            stage: stage.name.clone(),
            label: stage.label.clone(),
        });
    }
    let (now, mut store, actor) = open_for_recording(s, flow.timezone, args.by.as_deref())?;
    let mut event = NewEvent::new(&args.customer, now, "stage_change", "cli");
    event.actor = actor;
    event.attrs.insert("stage".into(), stage.name.clone());
    event.evidence = evidence;
    event.text = args.note.clone().filter(|n| !n.trim().is_empty());
    record(s, p, &mut store, &event, flow.timezone)
}
