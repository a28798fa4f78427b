//! `tasks`: the ones the rules created (from `Task` effects) and imported ones;
//! listing them and closing one (`task done`), which also records a `task_done`
//! event so the engine sees it in the history.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::error::{Result, StoreError};
use super::events::{self, NewEvent};
use super::ids::TaskId;
use super::sqltime::{SqlTime, opt};
use super::{Store, customers};
use crate::engine::RecordedTask;

/// A task as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskRow {
    /// Row id (what `task done` takes).
    pub id: TaskId,
    /// Stable key.
    pub key: String,
    /// The customer.
    pub customer: String,
    /// Title.
    pub title: String,
    /// The role it was given to.
    pub role: Option<String>,
    /// The person.
    pub assignee: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Due.
    pub due_at: Option<DateTime<Utc>>,
    /// Done.
    pub done_at: Option<DateTime<Utc>>,
    /// The effect key of what created it, or `import`.
    pub origin: String,
    /// `rules` or `import`.
    pub source: String,
    /// Asked for before the customer went live: closed as suppressed, never open.
    pub suppressed: bool,
}

const COLUMNS: &str = "id, key, customer, title, role, assignee, created_at, due_at, done_at, \
                       origin, source, suppressed";

impl Store {
    /// Tasks of one customer or of all, open ones only if asked; by id.
    pub fn tasks(&self, customer: Option<&str>, open_only: bool) -> Result<Vec<TaskRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM tasks
             WHERE (?1 IS NULL OR customer = ?1)
               AND (?2 = 0 OR (done_at IS NULL AND suppressed = 0))
             ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![customer, open_only], task_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One task.
    pub fn task(&self, id: TaskId) -> Result<Option<TaskRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM tasks WHERE id = ?1"),
                [id],
                task_row,
            )
            .optional()?)
    }

    /// Closes a task at `at`: sets `done_at` and records a `task_done` event with
    /// `attrs.task` = the task's key. Returns the task and whether this call closed
    /// it (a task already done is returned unchanged, with `false`).
    pub fn complete_task(
        &mut self,
        id: TaskId,
        at: DateTime<Utc>,
        actor: Option<&str>,
    ) -> Result<(TaskRow, bool)> {
        self.write(|tx| {
            let task = tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM tasks WHERE id = ?1"),
                    [id],
                    task_row,
                )
                .optional()?
                .ok_or(StoreError::UnknownTask(id.0))?;
            if task.done_at.is_some() || task.suppressed {
                return Ok((task, false));
            }
            // Done before it was created counts as done at its creation.
            let done_at = at.max(task.created_at);
            tx.execute(
                "UPDATE tasks SET done_at = ?2 WHERE id = ?1",
                params![id, SqlTime(done_at)],
            )?;
            let mut event = NewEvent::new(&task.customer, at, "task_done", "cli");
            event.actor = actor.map(str::to_string);
            event.text = Some(task.title.clone());
            event.attrs.insert("task".into(), task.key.clone());
            events::insert(tx, &event, &events::natural_key(&event, 1))?;
            customers::touch(tx, &task.customer)?;
            Ok((
                TaskRow {
                    done_at: Some(done_at),
                    ..task
                },
                true,
            ))
        })
    }
}

/// The customer's tasks that are records for the engine: every imported task,
/// and the tasks earlier rules created up to `rules_until` (the current rules'
/// `from`; `None`: none, the current rules derive all of theirs).
pub(super) fn load_recorded(
    conn: &Connection,
    customer: &str,
    rules_until: Option<DateTime<Utc>>,
) -> Result<Vec<RecordedTask>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, title, role, assignee, created_at, due_at, known_at FROM tasks
         WHERE customer = ?1 AND (source = 'import' OR created_at <= ?2)
         ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map(params![customer, rules_until.map(SqlTime)], |r| {
        Ok(RecordedTask {
            key: r.get(0)?,
            title: r.get(1)?,
            role: r.get(2)?,
            assignee: r.get(3)?,
            created_at: r.get::<_, SqlTime>(4)?.0,
            due_at: opt(r.get(5)?),
            known_at: opt(r.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a task (`source` = `rules` or `import`); an existing key keeps its row
/// but takes a newly given due or done time (a re-export that closed the task).
/// An imported task is a record, known when it was imported; its done time is
/// recorded as a `task_done` event, as every closing is. Returns whether anything
/// was written.
pub(super) fn upsert(tx: &Transaction<'_>, t: &TaskRow) -> Result<bool> {
    let imported = t.source == "import";
    let known_at = if imported {
        events::known_at(tx, &t.customer)?.map(SqlTime)
    } else {
        None
    };
    if let (true, Some(done)) = (imported, t.done_at) {
        let mut event = NewEvent::new(&t.customer, done, "task_done", "import");
        event.text = Some(t.title.clone());
        event.attrs.insert("task".into(), t.key.clone());
        events::insert(tx, &event, &format!("task_done:{}", t.key))?;
    }
    let n = tx
        .prepare_cached(
            "INSERT INTO tasks (key, customer, title, role, assignee, created_at, due_at,
                                done_at, origin, source, suppressed, known_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (key) DO UPDATE SET
               role = excluded.role, due_at = excluded.due_at,
               done_at = coalesce(done_at, excluded.done_at)
             WHERE excluded.source = 'import'
               AND (role, due_at, coalesce(done_at, excluded.done_at))
                   IS NOT (excluded.role, excluded.due_at, done_at)",
        )?
        .execute(params![
            t.key,
            t.customer,
            t.title,
            t.role,
            t.assignee,
            SqlTime(t.created_at),
            t.due_at.map(SqlTime),
            t.done_at.map(SqlTime),
            t.origin,
            t.source,
            t.suppressed,
            known_at,
        ])?;
    Ok(n > 0)
}

fn task_row(r: &Row<'_>) -> rusqlite::Result<TaskRow> {
    Ok(TaskRow {
        id: r.get(0)?,
        key: r.get(1)?,
        customer: r.get(2)?,
        title: r.get(3)?,
        role: r.get(4)?,
        assignee: r.get(5)?,
        created_at: r.get::<_, SqlTime>(6)?.0,
        due_at: opt(r.get(7)?),
        done_at: opt(r.get(8)?),
        origin: r.get(9)?,
        source: r.get(10)?,
        suppressed: r.get(11)?,
    })
}
