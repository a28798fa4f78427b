//! Task rows: `customer`, `title`, `assignee`, `created_at`, and optional `role`,
//! `due_at`, `done_at`. The rules are optional here: with them, times without an
//! offset are in the flow's zone and `role` must be one of its roles.

use std::collections::HashSet;

use chrono_tz::Tz;

use super::checker::{Checker, Columns};
use super::error::RowError;
use super::table::Table;
use super::{Context, Progress};
use crate::model::Flow;
use crate::store::{ImportBatch, NewTask};

/// Validates task rows.
pub(super) fn load(
    table: &Table,
    flow: Option<&Flow>,
    ctx: &Context<'_>,
    progress: &dyn Progress,
) -> (ImportBatch, Vec<RowError>) {
    let columns = Columns {
        required: ["customer", "title", "assignee", "created_at"]
            .map(String::from)
            .to_vec(),
        optional: ["role", "due_at", "done_at"].map(String::from).to_vec(),
        attrs: false,
    };
    let roles: Option<HashSet<String>> = flow.map(|f| {
        f.roles
            .iter()
            .cloned()
            .chain(std::iter::once("owner".to_string()))
            .collect()
    });
    let tz = flow.map_or(Tz::UTC, |f| f.timezone);
    let mut checker = Checker::new(table, columns, tz);
    let mut batch = ImportBatch::default();
    for row in &table.rows {
        progress.row();
        let mut r = checker.row(row, table.header.is_none());
        let customer = r.known("customer", true, "customer", &ctx.customers);
        let title = r.required_text("title");
        let assignee = r.known("assignee", true, "person", &ctx.people);
        let created_at = r.time("created_at", true);
        let due_at = r.time("due_at", false);
        let done_at = r.time("done_at", false);
        let role = match &roles {
            Some(roles) => r.known("role", false, "role", roles),
            None => r.text("role"),
        };
        if let (Some(created), Some(due)) = (created_at, due_at) {
            if due < created {
                r.error("due_at", crate::t!("import-due-before-created"));
            }
        }
        let (Some(customer), Some(title), Some(assignee), Some(created_at)) =
            (customer, title, assignee, created_at)
        else {
            continue;
        };
        batch.tasks.push(NewTask {
            customer,
            title,
            role,
            assignee,
            created_at,
            due_at,
            done_at,
        });
    }
    (batch, checker.errors)
}
