//! What the engine reads about one customer: plain data loaded by the store (or
//! built by a rule test), never SQL. Everything here is history; what the engine
//! derives from it (health, signals, timers, tasks it created, messages) is in
//! [`super::effects`].
//!
//! Every record has its true time `at` and `known_at`, when salesflow knew it (the
//! `now` of the latest apply that had covered the customer when it was written).
//! Its *counted* time `max(at, known_at)` is when it switches state; elapsed-time
//! measures use `at` (PRODUCT.md, "Records and time").

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A value of a customer field: stored as a JSON bool, number or string.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// `bool`
    Bool(bool),
    /// `number`, `money`
    Number(f64),
    /// `text`, and `date`/`time` in their text form
    Text(String),
}

/// Read by what the JSON value is, as `#[serde(untagged)]` would, but without
/// trying each variant in turn: that made a failed attempt, with its error
/// message, for every text field of every customer read.
impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FieldValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a bool, a number or a text")
            }
            fn visit_bool<E>(self, v: bool) -> Result<FieldValue, E> {
                Ok(FieldValue::Bool(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(v))
            }
            #[expect(
                clippy::cast_precision_loss,
                reason = "as serde reads an integer as f64"
            )]
            fn visit_i64<E>(self, v: i64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            #[expect(
                clippy::cast_precision_loss,
                reason = "as serde reads an integer as f64"
            )]
            fn visit_u64<E>(self, v: u64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<FieldValue, E> {
                Ok(FieldValue::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<FieldValue, E> {
                Ok(FieldValue::Text(v))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The customer's contact person (for `message customer`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Mobile.
    pub mobile: Option<String>,
    /// WeCom handle.
    pub wecom: Option<String>,
}

/// The customer row as imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRecord {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The sales owner's person id.
    pub owner: String,
    /// Assignee per role (`presales` → `wang`).
    pub assignees: BTreeMap<String, String>,
    /// Declared fields, as imported (later changes are `field_change` events).
    pub fields: BTreeMap<String, FieldValue>,
    /// When the customer was created (the witness of "no event at all").
    pub created_at: DateTime<Utc>,
    /// The contact.
    pub contact: Contact,
}

/// One event of the customer's history (append-only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Store id (the witness reference).
    pub id: i64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// When salesflow knew it (`None`: no apply had covered the customer yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_at: Option<DateTime<Utc>>,
    /// Event kind (`visit`, `update`, `stage_change`, …).
    pub kind: String,
    /// Who recorded it (a person id).
    pub actor: Option<String>,
    /// The contact's role (`decision_maker`).
    pub role: Option<String>,
    /// Free text (a visit note).
    pub text: Option<String>,
    /// `update`: status.
    pub status: Option<String>,
    /// `update`: next action.
    pub next_action: Option<String>,
    /// `update`: blocker.
    pub blocker: Option<String>,
    /// Evidence references.
    pub evidence: Vec<String>,
    /// Free attributes (`attrs.KEY`); `stage_change` has `stage`, `task_done` has
    /// `task`, `verdict` has `risk` and `verdict`, `field_change` has `field` and
    /// `value`.
    pub attrs: BTreeMap<String, String>,
}

impl Event {
    /// When it switches state: `max(at, known_at)`.
    pub fn counted(&self) -> DateTime<Utc> {
        counted(self.at, self.known_at)
    }

    /// Whether it was recorded after an apply that had already evaluated its time
    /// (it then acts after the effects applied at its counted time).
    pub fn late(&self) -> bool {
        late(self.at, self.known_at)
    }

    /// An attribute for filters: the built-in ones, then `attrs`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match name {
            "role" => self.role.as_deref(),
            "actor" => self.actor.as_deref(),
            "status" => self.status.as_deref(),
            "blocker" => self.blocker.as_deref(),
            "kind" => Some(self.kind.as_str()),
            other => self.attrs.get(other).map(String::as_str),
        }
    }

    /// Every text of the event that risks and `mentions` read: the note, the
    /// update's fields and the blocker.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [&self.text, &self.status, &self.next_action, &self.blocker]
            .into_iter()
            .filter_map(|t| t.as_deref())
    }
}

/// `max(at, known_at)`.
pub fn counted(at: DateTime<Utc>, known_at: Option<DateTime<Utc>>) -> DateTime<Utc> {
    known_at.map_or(at, |k| k.max(at))
}

/// Whether a record with these times is late: known at or after its own time.
pub fn late(at: DateTime<Utc>, known_at: Option<DateTime<Utc>>) -> bool {
    known_at.is_some_and(|k| k >= at)
}

/// A task that is a record, not derived by the current rules: imported, or created
/// by an earlier set of rules before the current set took over. Whether it is done
/// comes from `task_done` events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedTask {
    /// Stable key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Role, when given.
    pub role: Option<String>,
    /// Assignee person id.
    pub assignee: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Due.
    pub due_at: Option<DateTime<Utc>>,
    /// When salesflow knew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_at: Option<DateTime<Utc>>,
}

impl RecordedTask {
    /// When it appears: `max(created_at, known_at)`.
    pub fn counted(&self) -> DateTime<Utc> {
        counted(self.created_at, self.known_at)
    }

    /// Whether it was recorded late.
    pub fn late(&self) -> bool {
        late(self.created_at, self.known_at)
    }
}

/// The customer's state as applied when the current rules took over: what their
/// first state changes are measured against.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Health state name.
    pub health: Option<String>,
    /// Segment name.
    pub segment: Option<String>,
    /// Tag names.
    pub tags: Vec<String>,
}

/// Since when the current rules hold (PRODUCT.md: rules change from the moment
/// they are applied).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleWindow {
    /// The previous apply's `now` when these rules were first applied: nothing they
    /// would have derived before it is derived (steps due then are skipped).
    /// `None`: the rules hold from the beginning.
    pub from: Option<DateTime<Utc>>,
    /// The `now` of the first apply under these rules: the state changes they imply
    /// (against `baseline`) happen then.
    pub switch: Option<DateTime<Utc>>,
    /// What was applied when these rules took over.
    pub baseline: Baseline,
}

/// Everything the engine needs to evaluate one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerHistory {
    /// The customer row.
    pub customer: CustomerRecord,
    /// Its events, in (at, id) order.
    pub events: Vec<Event>,
    /// Tasks that are records (imported, or made by earlier rules).
    pub tasks: Vec<RecordedTask>,
    /// Since when the current rules hold.
    #[serde(default)]
    pub rules: RuleWindow,
    /// Messages and tasks due before this instant are recorded as suppressed: the
    /// customer was not live yet. `None`: always live.
    #[serde(default)]
    pub live_from: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::FieldValue;

    #[test]
    fn field_values_read_as_untagged_json() {
        let read = |t: &str| serde_json::from_str::<FieldValue>(t);
        assert_eq!(read("true").unwrap(), FieldValue::Bool(true));
        assert_eq!(read("4").unwrap(), FieldValue::Number(4.0));
        assert_eq!(read("-2").unwrap(), FieldValue::Number(-2.0));
        assert_eq!(read("12.5").unwrap(), FieldValue::Number(12.5));
        assert_eq!(read("\"锂电\"").unwrap(), FieldValue::Text("锂电".into()));
        assert!(read("null").is_err());
        assert!(read("[1]").is_err());
        assert!(read("{}").is_err());
        let map: std::collections::BTreeMap<String, FieldValue> =
            serde_json::from_str(r#"{"contract_disputes":0.0,"industry":"整车","vip":false}"#)
                .unwrap();
        assert_eq!(map["contract_disputes"], FieldValue::Number(0.0));
        assert_eq!(map["industry"], FieldValue::Text("整车".into()));
        assert_eq!(map["vip"], FieldValue::Bool(false));
        // Written back the same way.
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"contract_disputes":0.0,"industry":"整车","vip":false}"#
        );
    }
}
