//! `salesflow move CUSTOMER STAGE [--evidence E]…`: records a `stage_change`
//! event, refusing an unknown stage and, where the stage says `evidence required`,
//! a move without evidence.

use super::Exit;
use super::record::{check_record, open_for_recording, record};
use super::settings::{Settings, refuse};
use crate::cli::MoveArgs;
use crate::store::NewEvent;

pub(super) fn run(args: &MoveArgs) -> Exit {
    let settings = match Settings::resolve(&args.run) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let flow = match settings.require_flow("`move`") {
        Ok(f) => f,
        Err(e) => return e,
    };
    let Some(stage) = flow.stages.iter().find(|s| s.name == args.stage) else {
        let names: Vec<String> = flow
            .stages
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect();
        return refuse(&format!(
            "unknown stage `{}`; the pipeline is {}",
            args.stage,
            names.join(", ")
        ));
    };
    let evidence: Vec<String> = args
        .evidence
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    if stage.evidence_required && evidence.is_empty() {
        return refuse(&format!(
            "stage `{}` ({}) says `evidence required`: give `--evidence REF`; nothing was recorded",
            stage.name, stage.label
        ));
    }
    let (now, mut store, actor) =
        match open_for_recording(&settings, flow.timezone, args.by.as_deref()) {
            Ok(opened) => opened,
            Err(e) => return e,
        };
    let mut event = NewEvent::new(&args.customer, now, "stage_change", "cli");
    event.actor = actor;
    event.attrs.insert("stage".into(), stage.name.clone());
    event.evidence = evidence;
    event.text = args.note.clone().filter(|n| !n.trim().is_empty());
    if let Err(e) = check_record(&store, Some(&flow), flow.timezone, &event) {
        return e;
    }
    record(&settings, &mut store, &event, flow.timezone)
}
