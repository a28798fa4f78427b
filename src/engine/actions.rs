//! Running the actions of an `on` block or an escalation step at their trigger
//! time: recipients resolved through the customer and the team, tasks created,
//! templates rendered, each result an effect with a key derived from its origin.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use minijinja::value::Value;

use super::effects::Effect;
use super::render::CLOCK_VAR;
use super::replay::Replay;
use super::state::TaskRec;
use crate::engine::records::FieldValue;
use crate::model::{Action, CalendarId, Recipient, SetValue};

/// Where actions run: what the template context and keys need to know.
pub struct Site<'a> {
    /// The origin key (`c1/enter/poc/17`, `c1/esc/feasibility/1/after 48h`).
    pub origin: String,
    /// The trigger time.
    pub at: DateTime<Utc>,
    /// The subject of messages (block trigger or escalation label).
    pub subject: String,
    /// The escalation's clock, if any.
    pub clock: Option<CalendarId>,
    /// `escalation` in the template context: (name, label).
    pub escalation: Option<(&'a str, &'a str)>,
    /// The title of the task named in `until`, if any.
    pub until_task: Option<&'a str>,
}

impl Replay<'_, '_> {
    /// Runs actions at a site, appending effects.
    pub(super) fn run_actions(&mut self, actions: &[Action], site: &Site<'_>) {
        // Tasks and fields set change what conditions' crossings are measured on.
        self.revision += 1;
        // `due` for an `on` block: the due time of the task it creates.
        let mut block_due = None;
        for (i, action) in actions.iter().enumerate() {
            match action {
                Action::Task { to, title, due, .. } => {
                    let Some(assignee) = self.resolve(to, &site.origin) else {
                        continue;
                    };
                    let Some(due_at) = super::cond::add(self.engine.flow, site.at, *due) else {
                        continue;
                    };
                    let key = format!("{}/task/{i}", site.origin);
                    let role = match to {
                        Recipient::Role(r) => Some(self.engine.flow.roles[r.index()].clone()),
                        Recipient::Owner => Some("owner".to_string()),
                        _ => None,
                    };
                    block_due.get_or_insert(due_at);
                    let suppressed = self.suppressed(site.at);
                    self.state.tasks.push(TaskRec {
                        key: key.clone(),
                        title: title.clone(),
                        assignee: assignee.clone(),
                        created_at: site.at,
                        visible_at: site.at,
                        due_at: Some(due_at),
                        done: None,
                        suppressed,
                    });
                    self.close_pending_done();
                    self.effects.push(Effect::Task {
                        key,
                        title: title.clone(),
                        assignee,
                        role,
                        created_at: site.at,
                        due_at,
                        origin: site.origin.clone(),
                        suppressed,
                    });
                }
                Action::Notify { to, cc, template } => {
                    let Some(recipient) = self.resolve(to, &site.origin) else {
                        continue;
                    };
                    let cc: Vec<String> = cc
                        .iter()
                        .filter_map(|r| self.resolve(r, &site.origin))
                        .collect();
                    let key = format!("{}/notify/{i}", site.origin);
                    if let Some(body) = self.render(template.index(), site, block_due) {
                        self.effects.push(Effect::Outbox {
                            key,
                            created_at: site.at,
                            kind: "notify".into(),
                            recipient,
                            cc,
                            subject: site.subject.clone(),
                            body,
                            origin: site.origin.clone(),
                            template: self.template_name(template.index()),
                            suppressed: self.suppressed(site.at),
                        });
                    }
                }
                Action::Message { template } => {
                    let key = format!("{}/message/{i}", site.origin);
                    if let Some(body) = self.render(template.index(), site, block_due) {
                        self.effects.push(Effect::Outbox {
                            key,
                            created_at: site.at,
                            kind: "message".into(),
                            recipient: "customer".into(),
                            cc: Vec::new(),
                            subject: site.subject.clone(),
                            body,
                            origin: site.origin.clone(),
                            template: self.template_name(template.index()),
                            suppressed: self.suppressed(site.at),
                        });
                    }
                }
                Action::Set { field, value } => {
                    let def = &self.engine.flow.fields[field.index()];
                    let name = def.name.clone();
                    let money = def.ty.value_type() == crate::model::Type::Money;
                    let ctx = self.ctx(site.at);
                    let new = match value {
                        SetValue::Cond(c) => FieldValue::Bool(ctx.eval(c).0),
                        SetValue::Operand(crate::model::Operand::Const(c)) => match c {
                            crate::model::Const::Number(n) if money => {
                                match crate::money::from_f64(*n) {
                                    Some(d) => crate::money::stored(d),
                                    None => continue,
                                }
                            }
                            crate::model::Const::Number(n) => FieldValue::Number(*n),
                            crate::model::Const::Bool(b) => FieldValue::Bool(*b),
                            crate::model::Const::Text(s) => FieldValue::Text(s.clone()),
                            // As imports store them: `2026-03-02`, RFC 3339.
                            crate::model::Const::Date(d) => FieldValue::Text(d.to_string()),
                            crate::model::Const::Time(t) => FieldValue::Text(t.to_rfc3339()),
                            _ => continue,
                        },
                        SetValue::Operand(_) => {
                            self.errors
                                .push(format!("{}: `set` takes a constant value", site.origin));
                            continue;
                        }
                    };
                    let text = match &new {
                        FieldValue::Bool(b) => b.to_string(),
                        FieldValue::Number(n) => n.to_string(),
                        FieldValue::Text(s) => s.clone(),
                    };
                    self.state.fields.insert(name.clone(), new);
                    self.state.tags_stale = true;
                    self.effects.push(Effect::FieldChange {
                        key: format!("{}/set/{i}", site.origin),
                        at: site.at,
                        field: name,
                        value: text,
                    });
                }
            }
        }
    }

    /// A named template's name (`None` for inline text).
    fn template_name(&self, template: usize) -> Option<String> {
        self.engine.flow.templates[template].name.clone()
    }

    /// The person a recipient is for this customer.
    fn resolve(&mut self, r: &Recipient, origin: &str) -> Option<String> {
        let found = self.person_of(r);
        if found.is_none() {
            self.errors.push(format!(
                "{origin}: no person for recipient `{}`",
                describe(self.engine.flow, r)
            ));
        }
        found
    }

    fn person_of(&self, r: &Recipient) -> Option<String> {
        let team = self.engine.team;
        let c = &self.state.history.customer;
        match r {
            Recipient::Owner => Some(c.owner.clone()),
            Recipient::Person(id) => Some(id.clone()),
            Recipient::Role(role) => {
                let name = &self.engine.flow.roles[role.index()];
                c.assignees
                    .get(name)
                    .or_else(|| team.defaults.get(name))
                    .cloned()
            }
            Recipient::ManagerOf(of) => {
                let p = self.person_of(of)?;
                team.person(&p)?.manager.clone()
            }
        }
    }

    /// Renders a template for a site; an error is recorded and nothing is sent.
    fn render(
        &mut self,
        template: usize,
        site: &Site<'_>,
        block_due: Option<DateTime<Utc>>,
    ) -> Option<String> {
        let ctx = self.template_context(site, block_due);
        match self.engine.renderer.render(template, &ctx) {
            Ok(body) => Some(body),
            Err(e) => {
                let name = self.engine.flow.templates[template]
                    .name
                    .clone()
                    .unwrap_or_else(|| "inline text".into());
                self.errors
                    .push(format!("{}: template `{name}`: {e}", site.origin));
                None
            }
        }
    }

    fn template_context(&self, site: &Site<'_>, block_due: Option<DateTime<Utc>>) -> Value {
        let flow = self.engine.flow;
        let state = &self.state;
        let c = &state.history.customer;
        let mut customer: BTreeMap<String, Value> = BTreeMap::new();
        customer.insert("id".into(), Value::from(c.id.clone()));
        customer.insert("name".into(), Value::from(c.name.clone()));
        customer.insert("owner".into(), Value::from(c.owner.clone()));
        customer.insert("created_at".into(), Value::from(c.created_at.to_rfc3339()));
        if let Some(v) = state.visit() {
            customer.insert("stage".into(), Value::from(v.stage.clone()));
            if let Some(s) = flow.stages.iter().find(|s| s.name == v.stage) {
                customer.insert("stage_label".into(), Value::from(s.label.clone()));
            }
        }
        if let Some((h, _)) = &state.health {
            customer.insert("health".into(), Value::from(flow.health[*h].name.clone()));
            customer.insert(
                "health_label".into(),
                Value::from(flow.health[*h].label.clone()),
            );
        }
        if let Some(s) = state.segment {
            customer.insert("segment".into(), Value::from(flow.segments[s].name.clone()));
            customer.insert(
                "segment_label".into(),
                Value::from(flow.segments[s].label.clone()),
            );
        }
        let tags: Vec<String> = state
            .tags
            .iter()
            .map(|t| flow.tags[*t].name.clone())
            .collect();
        customer.insert("tags".into(), Value::from(tags));
        for (k, v) in &state.fields {
            let money = flow
                .fields
                .iter()
                .any(|f| &f.name == k && f.ty.value_type() == crate::model::Type::Money);
            let v = match v {
                // Money as its exact digits: `320000`, `12345678901234567.89`.
                v if money => match crate::money::of(v) {
                    Some(d) => money_value(d),
                    None => continue,
                },
                FieldValue::Bool(b) => Value::from(*b),
                // `320000`, not `320000.0`, in a message.
                #[expect(clippy::cast_possible_truncation, reason = "whole and below 2^53")]
                FieldValue::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => {
                    Value::from(*n as i64)
                }
                FieldValue::Number(n) => Value::from(*n),
                FieldValue::Text(s) => Value::from(s.clone()),
            };
            customer.insert(k.clone(), v);
        }
        for (k, v) in [
            ("contact_name", &c.contact.name),
            ("contact_email", &c.contact.email),
            ("contact_mobile", &c.contact.mobile),
            ("contact_wecom", &c.contact.wecom),
        ] {
            if let Some(v) = v {
                customer.insert(k.into(), Value::from(v.clone()));
            }
        }
        let until_task = site
            .until_task
            .and_then(|title| state.latest_task(title, site.at));
        let assignee = until_task.map_or_else(|| c.owner.clone(), |t| t.assignee.clone());
        let due = until_task
            .and_then(|t| t.due_at)
            .or(block_due)
            .or(site.escalation.map(|_| site.at));
        let mut ctx: BTreeMap<String, Value> = BTreeMap::new();
        ctx.insert("customer".into(), Value::from(customer));
        ctx.insert("owner".into(), self.person_value(&c.owner));
        ctx.insert("assignee".into(), self.person_value(&assignee));
        ctx.insert("now".into(), Value::from(site.at.to_rfc3339()));
        if let Some(due) = due {
            ctx.insert("due".into(), Value::from(due.to_rfc3339()));
        }
        // The latest non-blank blocker; never a risk keyword or note text, which
        // are internal.
        if let Some(topic) = state.topic() {
            ctx.insert("topic".into(), Value::from(topic));
        }
        if let Some((name, label)) = site.escalation {
            let esc: BTreeMap<&str, Value> =
                [("name", Value::from(name)), ("label", Value::from(label))].into();
            ctx.insert("escalation".into(), Value::from(esc));
        }
        if let Some(clock) = site.clock {
            ctx.insert(CLOCK_VAR.into(), Value::from(clock.index()));
        }
        Value::from(ctx)
    }

    fn person_value(&self, id: &str) -> Value {
        let mut map: BTreeMap<&str, Value> = BTreeMap::new();
        map.insert("id", Value::from(id.to_string()));
        if let Some(p) = self.engine.team.person(id) {
            map.insert("name", Value::from(p.name.clone()));
            for (k, v) in [
                ("title", &p.title),
                ("role", &p.role),
                ("manager", &p.manager),
                ("wecom", &p.wecom),
                ("mobile", &p.mobile),
                ("feishu", &p.feishu),
                ("email", &p.email),
            ] {
                if let Some(v) = v {
                    map.insert(k, Value::from(v.clone()));
                }
            }
        }
        Value::from(map)
    }
}

fn describe(flow: &crate::model::Flow, r: &Recipient) -> String {
    match r {
        Recipient::Owner => "owner".into(),
        Recipient::Person(id) => format!("person \"{id}\""),
        Recipient::Role(role) => flow.roles[role.index()].clone(),
        Recipient::ManagerOf(of) => format!("manager of {}", describe(flow, of)),
    }
}

/// Money in a template: a whole amount as an integer (so `{{ x * 2 }}` works), else
/// its exact digits as text.
fn money_value(amount: rust_decimal::Decimal) -> Value {
    let normalized = amount.normalize();
    if normalized.scale() == 0 {
        if let Ok(whole) = i64::try_from(normalized) {
            return Value::from(whole);
        }
    }
    Value::from(crate::money::text(amount))
}
