//! `salesflow task list [--customer C] [--open]` and `salesflow task done ID`:
//! closing a task records a `task_done` event (`attrs.task` = the task's key), so
//! the rules see it (`until task "…" done`).

use serde_json::json;

use super::Exit;
use super::record::{check_record, open_for_recording};
use super::settings::{Settings, store_error};
use crate::cli::{Format, ListFilter, TaskCommand};
use crate::store::{NewEvent, TaskId, TaskRow};
use crate::timefmt::{format_instant, rfc3339};

pub(super) fn run(command: &TaskCommand) -> Exit {
    match command {
        TaskCommand::List(filter) => list(filter),
        TaskCommand::Done { id, by, run } => {
            let settings = match Settings::resolve(run) {
                Ok(s) => s,
                Err(e) => return e,
            };
            done(&settings, TaskId(*id), by.as_deref())
        }
    }
}

fn list(filter: &ListFilter) -> Exit {
    let (settings, store) = match Settings::reading(&filter.run) {
        Ok(opened) => opened,
        Err(e) => return e,
    };
    let tasks = match store.tasks(filter.customer.as_deref(), filter.open) {
        Ok(t) => t,
        Err(e) => return store_error(&e),
    };
    let tz = settings.quiet_tz();
    match settings.format {
        Format::Json => {
            let rows: Vec<_> = tasks.iter().map(|t| task_json(t, tz)).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            );
        }
        Format::Human => {
            if tasks.is_empty() {
                println!("no tasks");
            }
            for t in &tasks {
                let due = t
                    .due_at
                    .map(|d| format!("  due {}", format_instant(d, tz)))
                    .unwrap_or_default();
                let state = match t.done_at {
                    Some(d) => format!("done {}", format_instant(d, tz)),
                    None => "open".into(),
                };
                println!(
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
        }
    }
    Exit::Success
}

fn done(settings: &Settings, id: TaskId, by: Option<&str>) -> Exit {
    let tz = settings.quiet_tz();
    let (now, mut store, actor) = match open_for_recording(settings, tz, by) {
        Ok(opened) => opened,
        Err(e) => return e,
    };
    // A task done before the customer existed is refused; done before the task
    // itself was created, it counts as done at its creation.
    if let Ok(Some(task)) = store.task(id) {
        let mut event = NewEvent::new(&task.customer, now, "task_done", "cli");
        event.attrs.insert("task".into(), task.key);
        if let Err(e) = check_record(&store, None, tz, &event) {
            return e;
        }
    }
    let (task, closed) = match store.complete_task(id, now, actor.as_deref()) {
        Ok(t) => t,
        Err(e) => return store_error(&e),
    };
    match settings.format {
        Format::Json => println!("{}", task_json(&task, tz)),
        Format::Human => {
            let when = task
                .done_at
                .map(|d| format_instant(d, tz))
                .unwrap_or_default();
            if closed {
                println!(
                    "closed task #{} {} of `{}` at {when}",
                    task.id, task.title, task.customer
                );
            } else {
                println!(
                    "task #{} {} was already done at {when}",
                    task.id, task.title
                );
            }
        }
    }
    Exit::Success
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
