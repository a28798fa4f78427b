//! The shape of a test file as written, for serde: every map refuses a key it
//! does not know (`deny_unknown_fields`), so a typo is an error with its line,
//! never a check silently skipped. Names (customers, stages, risks, people) are
//! checked later against the rules and the team ([`super::customers`],
//! [`super::timeline`], [`super::expects`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use super::when::When;

/// A whole test file: one test (`customers`, `events`, `expect` at the top) or
/// several (`tests: [...]`), sharing `rules`, `team` and `start`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// The test's name (one-test form).
    pub name: Option<String>,
    /// The root rule file, relative to the test file.
    pub rules: String,
    /// The team file, relative to the test file.
    pub team: Option<String>,
    /// The instant offsets count from.
    pub start: When,
    /// Extra ticks every so often (default: only at events and expectations).
    pub tick: Option<When>,
    /// One-test form: the customers.
    pub customers: Option<Vec<RawCustomer>>,
    /// One-test form: the timeline.
    pub events: Option<Vec<RawEvent>>,
    /// One-test form: the expectations.
    pub expect: Option<Vec<RawExpect>>,
    /// Several tests.
    pub tests: Option<Vec<RawTest>>,
}

/// One test of a `tests:` list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTest {
    /// Its name.
    pub name: Option<String>,
    /// Its own tick period (default: the file's).
    pub tick: Option<When>,
    /// The customers.
    #[serde(default)]
    pub customers: Vec<RawCustomer>,
    /// The timeline.
    #[serde(default)]
    pub events: Vec<RawEvent>,
    /// The expectations.
    #[serde(default)]
    pub expect: Vec<RawExpect>,
}

/// A customer row with the import column names; which columns exist depends on
/// the rules (roles, fields), so it is checked in `compile`.
pub type RawCustomer = BTreeMap<String, Scalar>;

/// A scalar cell: text, number or boolean (`null` is no value).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// A list of texts (`evidence: [合同草案, 会议纪要]`).
    List(Vec<String>),
    /// `null`, `~`.
    Null,
}

impl Scalar {
    /// The value as text (numbers without a useless `.0`; a list joined by `;`).
    pub fn text(&self) -> Option<String> {
        match self {
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Number(n) => Some(crate::timefmt::format_number(*n)),
            Scalar::Text(t) => Some(t.clone()),
            Scalar::List(items) => Some(items.join(";")),
            Scalar::Null => None,
        }
    }
}

/// Evidence references: a list, or one text split at `;`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence(pub Vec<String>);

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Evidence, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Form {
            List(Vec<String>),
            Text(String),
        }
        let items = match Form::deserialize(d)? {
            Form::List(items) => items,
            Form::Text(text) => text.split([';', '；']).map(str::to_string).collect(),
        };
        Ok(Evidence(
            items
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ))
    }
}

/// One timeline entry: an event of a `kind`, or one of the entry forms `move`,
/// `update`, `task_done`, `verdict`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// When.
    pub at: When,
    /// Whose.
    pub customer: String,
    /// An event kind of the rules (`visit`, `call`, `note`, …).
    pub kind: Option<String>,
    /// Who recorded it (a person id).
    pub actor: Option<String>,
    /// The contact's role (`decision_maker`).
    pub role: Option<String>,
    /// The note.
    pub text: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Next action.
    pub next_action: Option<String>,
    /// Blocker.
    pub blocker: Option<String>,
    /// Evidence references.
    pub evidence: Option<Evidence>,
    /// Free attributes.
    pub attrs: Option<BTreeMap<String, Scalar>>,
    /// `move: poc`: a stage change.
    #[serde(rename = "move")]
    pub move_to: Option<String>,
    /// `update: { status, next_action, blocker, note }`.
    pub update: Option<RawUpdate>,
    /// `task_done: "技术可行性报告"`: closes the customer's open task of that title.
    pub task_done: Option<String>,
    /// `verdict: { risk, verdict: confirmed|false }`.
    pub verdict: Option<RawVerdict>,
}

/// The fields of an `update` entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdate {
    /// Status.
    pub status: Option<String>,
    /// Next action.
    pub next_action: Option<String>,
    /// Blocker.
    pub blocker: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// Evidence references.
    pub evidence: Option<Evidence>,
}

/// A `verdict` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVerdict {
    /// The risk judged.
    pub risk: String,
    /// `confirmed` or `false`.
    pub verdict: VerdictWord,
}

/// `confirmed` or `false` (YAML's unquoted `false` is a boolean; both are taken).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictWord(pub crate::store::Verdict);

impl<'de> Deserialize<'de> for VerdictWord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<VerdictWord, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Form {
            Bool(bool),
            Text(String),
        }
        let text = match Form::deserialize(d)? {
            Form::Bool(b) => b.to_string(),
            Form::Text(t) => t,
        };
        text.parse()
            .map(VerdictWord)
            .map_err(serde::de::Error::custom)
    }
}

/// One expectation: at a time, about one customer or (without `customer`) all.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    /// When.
    pub at: When,
    /// Whose (default: every customer; the only one for `health` and the like).
    pub customer: Option<String>,
    /// A name shown in reports.
    pub name: Option<String>,
    /// The health state.
    pub health: Option<String>,
    /// The segment.
    pub segment: Option<String>,
    /// The stage.
    pub stage: Option<String>,
    /// The tags, as a set.
    pub tags: Option<Vec<String>>,
    /// The risks that raised a signal so far, as a set.
    pub signals: Option<Vec<String>>,
    /// Tasks created so far.
    pub tasks: Option<Vec<RawTask>>,
    /// Outbox messages created so far.
    pub outbox: Option<Vec<RawOutbox>>,
    /// `true`: no outbox message since the previous expectation's time.
    pub no_outbox: Option<bool>,
    /// Escalation steps fired so far.
    pub fired: Option<Vec<RawFired>>,
    /// `true`: `tasks`, `outbox` and `fired` list everything, not a subset.
    #[serde(default)]
    pub exactly: bool,
}

/// An expected task.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    /// Title.
    pub title: String,
    /// The person.
    pub assignee: Option<String>,
    /// Due.
    pub due: Option<When>,
    /// Whether it is done by the expectation's time.
    pub done: Option<bool>,
}

/// An expected outbox message.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutbox {
    /// The recipient (a person id, or `customer`).
    pub to: Option<String>,
    /// The copies, as a set.
    pub cc: Option<Vec<String>>,
    /// `notify` or `message`.
    pub kind: Option<MessageKind>,
    /// The named template it was rendered from.
    pub template: Option<String>,
    /// A part of the rendered text.
    pub text_contains: Option<String>,
}

/// The kind of an outbox message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageKind {
    /// An internal notice.
    Notify,
    /// A message to the customer.
    Message,
}

impl MessageKind {
    /// The word stored in the outbox.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Notify => "notify",
            MessageKind::Message => "message",
        }
    }
}

/// An expected escalation step.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFired {
    /// The escalation.
    pub escalation: String,
    /// The step as `explain` shows it: `after 48h`, `every 24h after 48h #2`.
    pub step: Option<String>,
    /// When it was due.
    pub due: Option<When>,
    /// The timer's epoch (from 1).
    pub epoch: Option<u32>,
}
