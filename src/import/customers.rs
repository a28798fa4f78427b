//! Customer rows: `id`, `name`, `owner`, `created_at`, optional `stage` (with
//! `evidence` where the stage requires it), one column per role for its assignee,
//! one per declared field (typed), and `contact_name/email/mobile/wecom`. A row
//! with a stage also yields a `stage_change` event at `created_at`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::checker::{Checker, Columns};
use super::error::RowError;
use super::table::Table;
use super::{Context, Progress, cells, events};
use crate::engine::{Contact, CustomerRecord};
use crate::model::Flow;
use crate::store::{ImportBatch, NewEvent};

const CONTACT: [&str; 4] = [
    "contact_name",
    "contact_email",
    "contact_mobile",
    "contact_wecom",
];

/// Validates customer rows.
pub(super) fn load(
    table: &Table,
    flow: &Flow,
    ctx: &Context<'_>,
    progress: &dyn Progress,
) -> (ImportBatch, Vec<RowError>) {
    let mut optional: Vec<String> = ["stage", "evidence"].map(String::from).to_vec();
    optional.extend(CONTACT.map(String::from));
    optional.extend(flow.roles.iter().cloned());
    optional.extend(flow.fields.iter().map(|f| f.name.clone()));
    let columns = Columns {
        required: ["id", "name", "owner", "created_at"]
            .map(String::from)
            .to_vec(),
        optional,
        attrs: false,
    };
    let stages: HashSet<String> = flow.stages.iter().map(|s| s.name.clone()).collect();
    let mut checker = Checker::new(table, columns, flow.timezone);
    let mut batch = ImportBatch::default();
    let mut first_seen: HashMap<String, String> = HashMap::new();
    for row in &table.rows {
        progress.row();
        let mut r = checker.row(row, table.header.is_none());
        let id = r.unique_id("customer", &mut first_seen);
        let name = r.required_text("name");
        let owner = r.known("owner", true, "person", &ctx.people);
        let created_at = r.time("created_at", true);
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
        let stage = r.known("stage", false, "stage", &stages);
        if let Some(stage) = &stage {
            events::require_evidence(&mut r, flow, stage, &evidence);
        } else if !evidence.is_empty() {
            r.error(
                "evidence",
                "evidence is for the initial `stage`; none is given".into(),
            );
        }
        let (Some(id), Some(name), Some(owner), Some(created_at)) = (id, name, owner, created_at)
        else {
            continue;
        };
        if let Some(stage) = stage {
            let mut event = NewEvent::new(&id, created_at, "stage_change", "import");
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
