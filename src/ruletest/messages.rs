//! The outbox comparisons: `outbox` (messages created up to the expectation's
//! time, matched like the other lists) and `no_outbox` (nothing created since the
//! previous expectation's time). The outbox rows come from the store; the
//! template each was rendered from, from the effect `apply` wrote.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::lists::{Row, brace, compare, list, object};
use super::run::World;
use super::suite::{Expectation, OutboxSpec};
use super::verify::Mismatch;
use crate::engine::Effect;
use crate::store::StoreError;
use crate::timefmt::format_instant;

/// An outbox row with the template its effect was rendered from.
struct Message {
    customer: String,
    created_at: DateTime<Utc>,
    kind: String,
    to: String,
    cc: BTreeSet<String>,
    template: Option<String>,
    body: String,
}

fn messages(world: &World<'_>, exp: &Expectation) -> Result<Vec<Message>, StoreError> {
    let templates: HashMap<&str, Option<&str>> = world
        .applied
        .iter()
        .filter_map(|a| match &a.effect {
            Effect::Outbox { key, template, .. } => Some((key.as_str(), template.as_deref())),
            _ => None,
        })
        .collect();
    Ok(world
        .store
        .outbox(None)?
        .into_iter()
        .filter(|r| {
            exp.customer
                .as_ref()
                .is_none_or(|c| Some(c) == r.customer.as_ref())
        })
        .filter(|r| r.created_at <= exp.at)
        .map(|r| Message {
            template: templates
                .get(r.key.as_str())
                .copied()
                .flatten()
                .map(str::to_string),
            customer: r.customer.unwrap_or_default(),
            created_at: r.created_at,
            kind: r.kind,
            to: r.recipient,
            cc: r.cc.into_iter().collect(),
            body: r.body,
        })
        .collect())
}

fn message_row(m: &Message, exp: &Expectation, world: &World<'_>) -> Row {
    let cc = (!m.cc.is_empty()).then(|| list(&m.cc));
    Row {
        json: object(&[
            ("customer", json!(m.customer)),
            ("to", json!(m.to)),
            ("cc", json!(m.cc)),
            ("kind", json!(m.kind)),
            ("template", json!(m.template)),
            ("created_at", json!(m.created_at.to_rfc3339())),
            ("text", json!(m.body)),
        ]),
        line: brace(&[
            (
                "customer",
                exp.customer.is_none().then(|| m.customer.clone()),
            ),
            ("to", Some(m.to.clone())),
            ("cc", cc),
            ("kind", Some(m.kind.clone())),
            ("template", m.template.clone()),
            ("created", Some(format_instant(m.created_at, world.tz))),
            (
                "text",
                Some(format!("{:?}", m.body.trim().replace('\n', " "))),
            ),
        ]),
    }
}

/// `outbox`: messages created up to the expectation's time.
pub fn outbox(
    world: &World<'_>,
    exp: &Expectation,
    items: &[OutboxSpec],
    exactly: bool,
) -> Result<Option<Mismatch>, StoreError> {
    let actual = messages(world, exp)?;
    let rows = actual.iter().map(|m| message_row(m, exp, world)).collect();
    let expected = items
        .iter()
        .map(|s| {
            (
                object(&[
                    ("to", json!(s.to)),
                    ("cc", json!(s.cc)),
                    ("kind", json!(s.kind)),
                    ("template", json!(s.template)),
                    ("text_contains", json!(s.text_contains)),
                ]),
                brace(&[
                    ("to", s.to.clone()),
                    ("cc", s.cc.as_ref().map(list)),
                    ("kind", s.kind.map(|c| c.as_str().to_string())),
                    ("template", s.template.clone()),
                    (
                        "text_contains",
                        s.text_contains.as_ref().map(|t| format!("{t:?}")),
                    ),
                ]),
            )
        })
        .collect();
    Ok(compare("outbox", exp, expected, rows, exactly, |i, j| {
        let (s, m) = (&items[i], &actual[j]);
        s.to.as_ref().is_none_or(|to| *to == m.to)
            && s.cc.as_ref().is_none_or(|cc| *cc == m.cc)
            && s.kind.is_none_or(|c| c.as_str() == m.kind)
            && s.template
                .as_ref()
                .is_none_or(|t| Some(t) == m.template.as_ref())
            && s.text_contains
                .as_ref()
                .is_none_or(|t| m.body.contains(t.as_str()))
    }))
}

/// `no_outbox`: no message created after the previous expectation's time.
pub fn no_outbox(world: &World<'_>, exp: &Expectation) -> Result<Option<Mismatch>, StoreError> {
    let new: Vec<Message> = messages(world, exp)?
        .into_iter()
        .filter(|m| exp.since.is_none_or(|s| m.created_at > s))
        .collect();
    if new.is_empty() {
        return Ok(None);
    }
    let since = exp.since.map_or_else(
        || "so far".to_string(),
        |s| format!("since {}", format_instant(s, world.tz)),
    );
    let rows: Vec<Row> = new.iter().map(|m| message_row(m, exp, world)).collect();
    let mut diff = vec![format!("- (nothing new {since})")];
    diff.extend(rows.iter().map(|r| format!("+ {}", r.line)));
    Ok(Some(Mismatch {
        key: "no_outbox".into(),
        message: format!("no_outbox: {} new message(s) {since}", rows.len()),
        expected: json!([]),
        actual: Value::Array(rows.into_iter().map(|r| r.json).collect()),
        diff,
        decided_by: Vec::new(),
    }))
}
