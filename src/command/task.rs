//! `salesflow task list [--customer C] [--open]` and `salesflow task done ID`:
//! closing a task records a `task_done` event (`attrs.task` = the task's key), so
//! the rules see it (`until task "…" done`).

use serde_json::json;

use super::output::{Printer, outln};
use super::record::{check_record, open_for_recording};
use super::{Outcome, Result, Settings};
use crate::cli::{Format, ListFilter, TaskCommand};
use crate::store::{NewEvent, TaskId, TaskRow};
use crate::timefmt::{format_instant, rfc3339};

pub(super) fn run(command: &TaskCommand, s: &Settings, p: &mut Printer) -> Result {
    match command {
        TaskCommand::List(filter) => list(filter, s, p),
        TaskCommand::Done { id, by } => done(s, p, TaskId(*id), by.as_deref()),
    }
}

fn list(filter: &ListFilter, s: &Settings, p: &mut Printer) -> Result {
    let store = s.read_store()?;
    super::record::known_customer(&store, filter.customer.as_deref())?;
    let tasks = store.tasks(filter.customer.as_deref(), filter.open)?;
    let tz = s.quiet_tz();
    if s.format == Format::Json {
        let rows: Vec<_> = tasks.iter().map(|t| task_json(t, tz)).collect();
        outln!(p, "{}", super::pretty(&json!(rows)));
        return Ok(Outcome::Done);
    }
    if tasks.is_empty() {
        outln!(p, "{}", t!("task-none"));
    }
    for t in &tasks {
        let due = t
            .due_at
            .map(|d| format!("  {}", t!("task-due", at = format_instant(d, tz))))
            .unwrap_or_default();
        let state = match t.done_at {
            Some(d) => t!("task-done-at", at = format_instant(d, tz)),
            None => t!("task-open"),
        };
        outln!(
            p,
            "#{}  {}  {}  {}{}{due}  {state}",
            t.id,
            t.customer,
            t.title,
            t.assignee,
            t.role
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
    }
    Ok(Outcome::Done)
}

fn done(s: &Settings, p: &mut Printer, id: TaskId, by: Option<&str>) -> Result {
    let tz = s.quiet_tz();
    let (now, mut store, actor) = open_for_recording(s, tz, by)?;
    // A task done before the customer existed is refused; done before the task
    // itself was created, it counts as done at its creation.
    if let Some(task) = store.task(id)? {
        let mut event = NewEvent::new(&task.customer, now, "task_done", "cli");
        event.attrs.insert("task".into(), task.key);
        check_record(p, &store, None, tz, &event)?;
    }
    let (task, closed) = store.complete_task(id, now, actor.as_deref())?;
    if s.format == Format::Json {
        outln!(p, "{}", super::pretty(&task_json(&task, tz)));
        return Ok(Outcome::Done);
    }
    let when = task
        .done_at
        .map(|d| format_instant(d, tz))
        .unwrap_or_default();
    if closed {
        outln!(
            p,
            "{}",
            t!(
                "task-closed",
                id = task.id.0,
                title = task.title,
                customer = task.customer,
                at = when
            )
        );
    } else {
        outln!(
            p,
            "{}",
            t!(
                "task-already-done",
                id = task.id.0,
                title = task.title,
                at = when
            )
        );
    }
    Ok(Outcome::Done)
}

fn task_json(t: &TaskRow, tz: chrono_tz::Tz) -> serde_json::Value {
    json!({
        "id": t.id,
        "key": t.key,
        "customer": t.customer,
        "title": t.title,
        "role": t.role,
        "assignee": t.assignee,
        "created_at": rfc3339(t.created_at, tz),
        "due_at": t.due_at.map(|d| rfc3339(d, tz)),
        "done_at": t.done_at.map(|d| rfc3339(d, tz)),
        "origin": t.origin,
        "source": t.source,
    })
}
