//! The `customers:` of a test: rows with the import column names (`id`, `name`,
//! `owner`, `stage`, `evidence`, `created_at`, one column per role for its
//! assignee, one per declared field, `contact_name/email/mobile/wecom`) →
//! customer records and their initial stage visits. An unknown column is an error,
//! as in `salesflow import`; `created_at` defaults to `start`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::context::{Ctx, blank, join, known};
use super::error::TestFileError;
use super::lines::Seg;
use super::spec::{RawCustomer, Scalar};
use super::when::When;
use crate::engine::{Contact, CustomerRecord, FieldValue};
use crate::model::FieldType;
use crate::store::NewEvent;

const BASIC: [&str; 6] = ["id", "name", "owner", "stage", "evidence", "created_at"];
const CONTACT: [&str; 4] = [
    "contact_name",
    "contact_email",
    "contact_mobile",
    "contact_wecom",
];

/// Compiles the customer rows at `path` (the `customers` list).
pub fn compile(
    ctx: &Ctx<'_>,
    rows: &[RawCustomer],
    path: &[Seg<'_>],
) -> Result<(Vec<CustomerRecord>, Vec<NewEvent>), TestFileError> {
    let mut customers: Vec<CustomerRecord> = Vec::new();
    let mut initial = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let here = join(path, &[Seg::Item(i)]);
        let (customer, stage) = one(ctx, row, &here)?;
        if customers.iter().any(|c| c.id == customer.id) {
            return Err(ctx.invalid(&here, crate::t!("test-customer-twice", id = customer.id)));
        }
        if let Some(event) = stage {
            initial.push(event);
        }
        customers.push(customer);
    }
    Ok((customers, initial))
}

fn one(
    ctx: &Ctx<'_>,
    row: &RawCustomer,
    here: &[Seg<'_>],
) -> Result<(CustomerRecord, Option<NewEvent>), TestFileError> {
    let flow = ctx.flow;
    let at = |key: &'static str| join(here, &[Seg::Key(key)]);
    for key in row.keys() {
        let is_known = BASIC.contains(&key.as_str())
            || CONTACT.contains(&key.as_str())
            || flow.roles.iter().any(|r| r == key)
            || flow.fields.iter().any(|f| &f.name == key);
        if !is_known {
            let columns = BASIC
                .iter()
                .chain(&CONTACT)
                .copied()
                .chain(flow.roles.iter().map(String::as_str))
                .chain(flow.fields.iter().map(|f| f.name.as_str()));
            let message = known(key, columns, "customer column").unwrap_err();
            return Err(ctx.invalid(&join(here, &[Seg::Key(key)]), message));
        }
    }
    let text = |key: &'static str| row.get(key).and_then(Scalar::text);
    let required = |key: &'static str| {
        text(key)
            .filter(|t| !blank(Some(t)))
            .ok_or_else(|| ctx.invalid(here, crate::t!("test-customer-needs", key = key)))
    };
    let id = required("id")?;
    let name = required("name")?;
    let owner = required("owner")?;
    ctx.person(&owner, "person", &at("owner"))?;
    let created_at = match text("created_at") {
        Some(t) => {
            let when = When::parse(&t).map_err(|m| ctx.invalid(&at("created_at"), m))?;
            ctx.time(&when, &at("created_at"))?
        }
        None => ctx.start,
    };
    let mut assignees = BTreeMap::new();
    for role in &flow.roles {
        if let Some(person) = row.get(role).and_then(Scalar::text) {
            ctx.person(&person, "person", &join(here, &[Seg::Key(role)]))?;
            assignees.insert(role.clone(), person);
        }
    }
    let mut fields = BTreeMap::new();
    for def in &flow.fields {
        if let Some(value) = row.get(&def.name).filter(|v| **v != Scalar::Null) {
            let value = field(value, def.ty, ctx)
                .map_err(|m| ctx.invalid(&join(here, &[Seg::Key(&def.name)]), m))?;
            fields.insert(def.name.clone(), value);
        }
    }
    let evidence: Vec<String> = text("evidence")
        .unwrap_or_default()
        .split([';', '；'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let stage = match text("stage") {
        Some(stage) => {
            let def = flow
                .stages
                .iter()
                .find(|s| s.name == stage)
                .ok_or_else(|| {
                    let names = flow.stages.iter().map(|s| s.name.as_str());
                    ctx.invalid(&at("stage"), known(&stage, names, "stage").unwrap_err())
                })?;
            if def.evidence_required && evidence.is_empty() {
                return Err(ctx.invalid(
                    &at("stage"),
                    format!(
                        "stage `{stage}` says `evidence required`: give the customer `evidence`"
                    ),
                ));
            }
            let mut event = NewEvent::new(&id, created_at, "stage_change", "test");
            event.attrs.insert("stage".into(), stage);
            event.evidence = evidence;
            Some(event)
        }
        None if !evidence.is_empty() => {
            return Err(ctx.invalid(
                &at("evidence"),
                "evidence is for the initial `stage`; none is given".into(),
            ));
        }
        None => None,
    };
    let customer = CustomerRecord {
        id,
        name,
        owner,
        assignees,
        fields,
        created_at,
        contact: Contact {
            name: text("contact_name"),
            email: text("contact_email"),
            mobile: text("contact_mobile"),
            wecom: text("contact_wecom"),
        },
    };
    Ok((customer, stage))
}

/// A cell as a value of the field's type.
fn field(value: &Scalar, ty: FieldType, ctx: &Ctx<'_>) -> Result<FieldValue, String> {
    let shown = value.text().unwrap_or_default();
    match (ty, value) {
        (FieldType::Text, _) => Ok(FieldValue::Text(shown)),
        (FieldType::Money, Scalar::Number(n)) => crate::money::from_f64(*n)
            .map(crate::money::stored)
            .ok_or_else(|| format!("`{shown}` is not an amount")),
        (FieldType::Money, Scalar::Text(t)) => {
            crate::money::parse(&t.trim().trim_end_matches('元').replace(',', ""))
                .map(crate::money::stored)
                .ok_or_else(|| format!("`{t}` is not an amount"))
        }
        (FieldType::Number, Scalar::Number(n)) => Ok(FieldValue::Number(*n)),
        (FieldType::Number, Scalar::Text(t)) => t
            .trim()
            .trim_end_matches('元')
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(FieldValue::Number)
            .ok_or_else(|| format!("`{t}` is not a number")),
        (FieldType::Bool, Scalar::Bool(b)) => Ok(FieldValue::Bool(*b)),
        (FieldType::Date, Scalar::Text(t)) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map(|d| FieldValue::Text(d.to_string()))
            .map_err(|_| format!("`{t}` is not a date: write `2026-03-02`")),
        (FieldType::Time, Scalar::Text(t)) => When::parse(t)
            .and_then(|w| w.resolve(ctx.start, ctx.flow.timezone))
            .map(|t| FieldValue::Text(t.to_rfc3339())),
        (ty, _) => Err(format!(
            "`{shown}` is not a value of a {} field",
            FieldType::ALL
                .iter()
                .find(|(_, t)| *t == ty)
                .map_or("?", |(n, _)| n)
        )),
    }
}
