//! Customer rows: `id`, `name`, `owner`, `created_at`, optional `stage` (with
//! `evidence` where the stage requires it), one column per role for its assignee,
//! one per declared field (typed), and `contact_name/email/mobile/wecom`.
//!
//! A new customer needs `name` and `owner`; without `created_at` it is created
//! at the import's time. Its stage, if given, is a `stage_change` at
//! `created_at`. A customer already stored is re-imported as a
//! [`CustomerChange`]: only the columns present and the cells not empty count,
//! its `created_at` (if given) must be the stored one, and the store records
//! changed fields and stages at the import's time.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::checker::{Checker, Columns, RowCheck};
use super::error::RowError;
use super::table::Table;
use super::{Context, Progress, cells, events};
use crate::engine::{Contact, CustomerRecord};
use crate::model::Flow;
use crate::record::check_time;
use crate::store::{CustomerChange, ImportBatch, NewEvent, STAGE_SOURCE};
use crate::timefmt::format_instant;

const CONTACT: [&str; 4] = [
    "contact_name",
    "contact_email",
    "contact_mobile",
    "contact_wecom",
];

/// When the row's customer was created, and whether at the import's time (a
/// new customer without `created_at`); errors for a `created_at` that differs
/// from the stored one and for an import dated before the customer existed.
fn creation(
    r: &mut RowCheck<'_, '_>,
    flow: &Flow,
    ctx: &Context<'_>,
    id: Option<&str>,
    is_new: bool,
    given: Option<DateTime<Utc>>,
) -> (Option<DateTime<Utc>>, bool) {
    let id = id.unwrap_or_default();
    let stored = ctx.created.get(id).copied();
    if let (Some(stored), Some(given)) = (stored, given) {
        if stored != given {
            r.error(
                "created_at",
                format!(
                    "`{}` differs from the stored creation time of `{id}`, {}: a customer's `created_at` cannot change (leave the cell empty)",
                    format_instant(given, flow.timezone),
                    format_instant(stored, flow.timezone),
                ),
            );
        }
    }
    if let (Some(now), Some(_)) = (ctx.now, stored) {
        // The changes of a re-import happen at the import's time.
        if let Err(e) = check_time(id, now, stored, flow.timezone) {
            r.error("id", crate::t!("import-time", reason = e.to_string()));
        }
    }
    let created_now = is_new && given.is_none() && r.cell("created_at").is_none();
    if created_now && ctx.now.is_none() {
        r.error("created_at", crate::t!("import-new-needs-created"));
    }
    (
        given.or(if created_now { ctx.now } else { None }),
        created_now,
    )
}

/// Validates customer rows.
pub(super) fn load(
    table: &Table,
    flow: &Flow,
    ctx: &Context<'_>,
    progress: &dyn Progress,
) -> (ImportBatch, Vec<RowError>) {
    let mut optional: Vec<String> = ["name", "owner", "created_at", "stage", "evidence"]
        .map(String::from)
        .to_vec();
    optional.extend(CONTACT.map(String::from));
    optional.extend(flow.roles.iter().cloned());
    optional.extend(flow.fields.iter().map(|f| f.name.clone()));
    let columns = Columns {
        required: vec!["id".into()],
        optional,
        attrs: false,
    };
    let mut checker = Checker::new(table, columns, flow.timezone);
    let mut batch = ImportBatch::default();
    let mut first_seen: HashMap<String, String> = HashMap::new();
    for row in &table.rows {
        progress.row();
        let mut r = checker.row(row, table.header.is_none());
        let id = r.unique_id("customer", &mut first_seen);
        let is_new = id.is_some() && !ctx.customers.contains(id.as_deref().unwrap_or(""));
        let name = if is_new {
            r.required_text("name")
        } else {
            r.text("name")
        };
        let owner = r.known("owner", is_new, "person", &ctx.people);
        let given_created = r.time("created_at", false);
        let (created_at, created_now) =
            creation(&mut r, flow, ctx, id.as_deref(), is_new, given_created);
        let mut assignees = BTreeMap::new();
        for role in &flow.roles {
            if let Some(person) = r.known(role, false, "person", &ctx.people) {
                assignees.insert(role.clone(), person);
            }
        }
        let mut fields = BTreeMap::new();
        for def in &flow.fields {
            if let Some(cell) = r.cell(&def.name) {
                match cells::field(cell, def.ty, r.tz()) {
                    Ok(value) => {
                        fields.insert(def.name.clone(), value);
                    }
                    Err(message) => r.error(&def.name, message),
                }
            }
        }
        let contact = Contact {
            name: r.text("contact_name"),
            email: r.text("contact_email"),
            mobile: r.text("contact_mobile"),
            wecom: r.text("contact_wecom"),
        };
        let evidence = cells::evidence(r.cell("evidence"));
        let stage = r.stage("stage", false, flow);
        if let Some(stage) = &stage {
            events::require_evidence(&mut r, flow, stage, &evidence);
        } else if !evidence.is_empty() {
            r.error("evidence", crate::t!("import-evidence-without-stage"));
        }
        let Some(id) = id else { continue };
        if !is_new {
            batch.changes.push(CustomerChange {
                id,
                name,
                owner,
                assignees,
                fields,
                contact,
                created_at: given_created,
                stage: stage.map(|s| (s, evidence)),
            });
            continue;
        }
        let (Some(name), Some(owner), Some(created_at)) = (name, owner, created_at) else {
            continue;
        };
        if created_now {
            batch.created_now += 1;
        }
        if let Some(stage) = stage {
            let mut event = NewEvent::new(&id, created_at, "stage_change", STAGE_SOURCE);
            event.attrs.insert("stage".into(), stage);
            event.evidence = evidence;
            batch.events.push(event);
        }
        batch.customers.push(CustomerRecord {
            id,
            name,
            owner,
            assignees,
            fields,
            created_at,
            contact,
        });
    }
    (batch, checker.errors)
}
