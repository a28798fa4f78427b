//! Event rows (`customer`, `at`, `kind`, `actor`, `role`, `text`, `status`,
//! `next_action`, `blocker`, `evidence`, `stage`, `attrs.KEY`) and stage rows
//! (`customer`, `stage`, `at`, `evidence`, recorded as `stage_change` events).
//! Checks what the rules demand of an event: a known kind, the fields of
//! `update requires`, a known stage with its evidence, a verdict's risk and word.

use std::collections::HashSet;

use super::checker::{Checker, Columns, RowCheck};
use super::error::RowError;
use super::table::Table;
use super::{Context, Progress, cells};
use crate::model::{Flow, UpdateField};
use crate::record::check_time;
use crate::store::{ImportBatch, NewEvent};

const EVENT_COLUMNS: [&str; 8] = [
    "actor",
    "role",
    "text",
    "status",
    "next_action",
    "blocker",
    "evidence",
    "stage",
];

/// Validates event rows, or (`stages`) stage rows.
pub(super) fn load(
    table: &Table,
    flow: &Flow,
    ctx: &Context<'_>,
    progress: &dyn Progress,
    stages_only: bool,
) -> (ImportBatch, Vec<RowError>) {
    let columns = if stages_only {
        Columns {
            required: ["customer", "stage", "at"].map(String::from).to_vec(),
            optional: vec!["evidence".into()],
            attrs: false,
        }
    } else {
        Columns {
            required: ["customer", "at", "kind"].map(String::from).to_vec(),
            optional: EVENT_COLUMNS.map(String::from).to_vec(),
            attrs: true,
        }
    };
    let kinds: HashSet<String> = flow.event_kinds.iter().cloned().collect();
    let risks: HashSet<String> = flow.risks.iter().map(|r| r.name.clone()).collect();
    let mut checker = Checker::new(table, columns, flow.timezone);
    let mut batch = ImportBatch::default();
    for row in &table.rows {
        progress.row();
        let mut r = checker.row(row, table.header.is_none());
        let customer = r.known("customer", true, "customer", &ctx.customers);
        let at = r.time("at", true);
        if let (Some(c), Some(t)) = (&customer, at) {
            // The record rules' time check: the one every way of recording uses.
            if let Err(e) = check_time(c, t, ctx.created.get(c).copied(), flow.timezone) {
                r.error("at", e.to_string());
            }
        }
        let kind = if stages_only {
            Some("stage_change".to_string())
        } else {
            r.known("kind", true, "event kind", &kinds)
        };
        let mut event = NewEvent::new("", chrono::DateTime::UNIX_EPOCH, "", "import");
        event.actor = r.known("actor", false, "person", &ctx.people);
        event.role = r.text("role");
        event.text = r.text("text");
        event.status = r.text("status");
        event.next_action = r.text("next_action");
        event.blocker = r.text("blocker");
        event.evidence = cells::evidence(r.cell("evidence"));
        for (column, cell) in &row.cells {
            if let Some(key) = column.strip_prefix("attrs.") {
                if !cell.is_blank() {
                    event.attrs.insert(key.to_string(), cell.to_string());
                }
            }
        }
        match kind.as_deref() {
            Some("stage_change") => {
                if let Some(stage) = r.stage("stage", true, flow) {
                    require_evidence(&mut r, flow, &stage, &event.evidence);
                    event.attrs.insert("stage".into(), stage);
                }
            }
            Some(other) if r.cell("stage").is_some() => r.error(
                "stage",
                crate::t!("import-stage-only-for-change", kind = other),
            ),
            _ => {}
        }
        match kind.as_deref() {
            Some("update") => require_update_fields(&mut r, flow, &event),
            Some("verdict") => check_verdict(&mut r, &risks),
            _ => {}
        }
        let (Some(customer), Some(at), Some(kind)) = (customer, at, kind) else {
            continue;
        };
        event.customer = customer;
        event.at = at;
        event.kind = kind;
        batch.events.push(event);
    }
    (batch, checker.errors)
}

/// An error unless `evidence` is given where the stage says `evidence required`.
pub(super) fn require_evidence(
    r: &mut RowCheck<'_, '_>,
    flow: &Flow,
    stage: &str,
    evidence: &[String],
) {
    let required = flow
        .stages
        .iter()
        .any(|s| s.name == stage && s.evidence_required);
    if required && evidence.is_empty() {
        r.error(
            "evidence",
            format!(
                "stage `{stage}` says `evidence required`: give at least one reference (`;`-separated)"
            ),
        );
    }
}

/// Errors for each field of `update requires` the update lacks.
fn require_update_fields(r: &mut RowCheck<'_, '_>, flow: &Flow, e: &NewEvent) {
    for field in &flow.update_requires {
        let (column, present) = match field {
            UpdateField::Status => ("status", e.status.is_some()),
            UpdateField::NextAction => ("next_action", e.next_action.is_some()),
            UpdateField::Blocker => ("blocker", e.blocker.is_some()),
            UpdateField::Note => ("text", e.text.is_some()),
            UpdateField::Evidence => ("evidence", !e.evidence.is_empty()),
        };
        if !present {
            r.error(column, crate::t!("import-update-requires", column = column));
        }
    }
}

/// `attrs.risk` names a risk; `attrs.verdict` is `confirmed` or `false`.
fn check_verdict(r: &mut RowCheck<'_, '_>, risks: &HashSet<String>) {
    r.known("attrs.risk", true, "risk", risks);
    if let Some(v) = r.required_text("attrs.verdict") {
        if v != "confirmed" && v != "false" {
            r.error(
                "attrs.verdict",
                crate::t!("import-not-a-verdict", value = v),
            );
        }
    }
}
