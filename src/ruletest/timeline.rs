//! The `events:` of a test → timeline entries in time order. Each entry is one
//! record, in one of five forms:
//!
//! - `{ at, customer, kind, role, actor, text, status, next_action, blocker,
//!   evidence, attrs }`: an event of a kind the rules declare (or `note`), as
//!   `salesflow import events` records it;
//! - `{ at, customer, move: STAGE, evidence, text }`: `salesflow move`, refused
//!   without evidence where the stage requires it;
//! - `{ at, customer, update: { status, next_action, blocker, note, evidence } }`:
//!   `salesflow update`, refused without a field of `update requires`;
//! - `{ at, customer, task_done: TITLE }`: `salesflow task done` of that customer's
//!   open task of that title (which must exist by then, checked when the test runs);
//! - `{ at, customer, verdict: { risk, verdict: confirmed|false } }`: a verdict
//!   event judging the customer's earlier signals of that risk.

use std::collections::BTreeMap;

use super::context::{Ctx, blank, join, known};
use super::error::TestFileError;
use super::lines::Seg;
use super::spec::{RawEvent, RawUpdate, Scalar};
use super::suite::{Entry, EntryAction};
use crate::record::RecordRules;
use crate::store::NewEvent;

/// Kinds recorded through an entry form of their own.
const FORMS: [(&str, &str); 4] = [
    ("update", "update: { status, next_action, blocker }"),
    ("stage_change", "move: STAGE"),
    ("task_done", "task_done: TITLE"),
    ("verdict", "verdict: { risk, verdict }"),
];

/// Compiles the timeline at `path` for the customers `ids`.
pub fn compile(
    ctx: &Ctx<'_>,
    events: &[RawEvent],
    ids: &[&str],
    path: &[Seg<'_>],
) -> Result<Vec<Entry>, TestFileError> {
    let mut entries = Vec::new();
    for (i, raw) in events.iter().enumerate() {
        let here = join(path, &[Seg::Item(i)]);
        let at = ctx.time(&raw.at, &join(&here, &[Seg::Key("at")]))?;
        known(&raw.customer, ids.iter().copied(), "customer")
            .map_err(|m| ctx.invalid(&join(&here, &[Seg::Key("customer")]), m))?;
        if let Some(actor) = &raw.actor {
            ctx.person(actor, "person", &join(&here, &[Seg::Key("actor")]))?;
        }
        let action = entry(ctx, raw, at, &here)?;
        entries.push(Entry {
            at,
            line: ctx.lines.find(&here),
            action,
        });
    }
    // Stable: entries of one instant keep the file's order.
    entries.sort_by_key(|e| e.at);
    Ok(entries)
}

fn entry(
    ctx: &Ctx<'_>,
    raw: &RawEvent,
    at: chrono::DateTime<chrono::Utc>,
    here: &[Seg<'_>],
) -> Result<EntryAction, TestFileError> {
    let forms: Vec<&str> = [
        ("kind", raw.kind.is_some()),
        ("move", raw.move_to.is_some()),
        ("update", raw.update.is_some()),
        ("task_done", raw.task_done.is_some()),
        ("verdict", raw.verdict.is_some()),
    ]
    .iter()
    .filter(|(_, given)| *given)
    .map(|(name, _)| *name)
    .collect();
    let form = match forms.as_slice() {
        [one] => *one,
        [] => {
            return Err(ctx.invalid(
                here,
                "an entry needs one of `kind`, `move`, `update`, `task_done`, `verdict`".into(),
            ));
        }
        [a, b, ..] => {
            return Err(ctx.invalid(
                here,
                format!("`{a}` and `{b}` in one entry: write one event per entry"),
            ));
        }
    };
    let event_fields = [
        ("role", raw.role.is_some()),
        ("text", raw.text.is_some()),
        ("status", raw.status.is_some()),
        ("next_action", raw.next_action.is_some()),
        ("blocker", raw.blocker.is_some()),
        ("evidence", raw.evidence.is_some()),
        ("attrs", raw.attrs.is_some()),
    ];
    let allowed: &[&str] = match form {
        "kind" => &[
            "role",
            "text",
            "status",
            "next_action",
            "blocker",
            "evidence",
            "attrs",
        ],
        "move" => &["text", "evidence"],
        _ => &[],
    };
    if let Some((name, _)) = event_fields
        .iter()
        .find(|(name, given)| *given && !allowed.contains(name))
    {
        return Err(ctx.invalid(
            &join(here, &[Seg::Key(name)]),
            format!("`{name}` does not go with `{form}`"),
        ));
    }
    let mut event = NewEvent::new(&raw.customer, at, "", "test");
    event.actor.clone_from(&raw.actor);
    match form {
        "kind" => {
            let kind = raw.kind.clone().unwrap_or_default();
            if let Some((_, write)) = FORMS.iter().find(|(k, _)| *k == kind) {
                return Err(ctx.invalid(
                    &join(here, &[Seg::Key("kind")]),
                    format!("record `{kind}` as `{write}`"),
                ));
            }
            let kinds = ctx.flow.event_kinds.iter().map(String::as_str);
            known(&kind, kinds, "event kind")
                .map_err(|m| ctx.invalid(&join(here, &[Seg::Key("kind")]), m))?;
            event.kind = kind;
            event.role.clone_from(&raw.role);
            event.text.clone_from(&raw.text);
            event.status.clone_from(&raw.status);
            event.next_action.clone_from(&raw.next_action);
            event.blocker.clone_from(&raw.blocker);
            event.evidence = raw.evidence.clone().unwrap_or_default().0;
            event.attrs = attrs(raw.attrs.as_ref());
        }
        "move" => {
            let stage = raw.move_to.clone().unwrap_or_default();
            let place = join(here, &[Seg::Key("move")]);
            let names = ctx.flow.stages.iter().map(|s| s.name.as_str());
            known(&stage, names, "stage").map_err(|m| ctx.invalid(&place, m))?;
            event.evidence = raw.evidence.clone().unwrap_or_default().0;
            event.kind = "stage_change".into();
            event.text.clone_from(&raw.text);
            event.attrs.insert("stage".into(), stage);
            record_rules(ctx, &event, &place)?;
        }
        "update" => {
            let update = raw.update.as_ref().expect("the update form");
            update_event(ctx, update, &mut event, &join(here, &[Seg::Key("update")]))?;
        }
        "task_done" => {
            let title = raw.task_done.clone().unwrap_or_default();
            if blank(Some(&title)) {
                return Err(ctx.invalid(here, "`task_done` needs the task's title".into()));
            }
            return Ok(EntryAction::TaskDone {
                customer: raw.customer.clone(),
                title,
                actor: raw.actor.clone(),
            });
        }
        _ => {
            let verdict = raw.verdict.as_ref().expect("the verdict form");
            let risks = ctx.flow.risks.iter().map(|r| r.name.as_str());
            known(&verdict.risk, risks, "risk")
                .map_err(|m| ctx.invalid(&join(here, &[Seg::Key("verdict")]), m))?;
            event.kind = "verdict".into();
            event.attrs.insert("risk".into(), verdict.risk.clone());
            event
                .attrs
                .insert("verdict".into(), verdict.verdict.0.as_str().into());
        }
    }
    Ok(EntryAction::Record(Box::new(event)))
}

/// An `update` entry: refused, as `salesflow update` refuses it, without a field of
/// `update requires`.
fn update_event(
    ctx: &Ctx<'_>,
    update: &RawUpdate,
    event: &mut NewEvent,
    place: &[Seg<'_>],
) -> Result<(), TestFileError> {
    let given = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    event.kind = "update".into();
    event.status = given(&update.status);
    event.next_action = given(&update.next_action);
    event.blocker = given(&update.blocker);
    event.text = given(&update.note);
    event.evidence = update.evidence.clone().unwrap_or_default().0;
    record_rules(ctx, event, place)
}

/// The record rules `salesflow update` and `move` obey ([`crate::record`]), for the
/// entry at `place`. The customer's own facts (its creation, its earlier events)
/// are checked when the timeline runs.
fn record_rules(ctx: &Ctx<'_>, event: &NewEvent, place: &[Seg<'_>]) -> Result<(), TestFileError> {
    match RecordRules::new(ctx.flow).check(event, None).first() {
        Some(refused) => Err(ctx.invalid(place, refused.to_string())),
        None => Ok(()),
    }
}

fn attrs(raw: Option<&BTreeMap<String, Scalar>>) -> BTreeMap<String, String> {
    raw.into_iter()
        .flatten()
        .filter_map(|(k, v)| v.text().map(|v| (k.clone(), v)))
        .collect()
}
