//! The tour `salesflow demo` prints: what the team recorded, what the rules did
//! with it (counts, then a health change, a risk signal and an escalation step,
//! each quoting its evidence), the outbox, the reports, where the files are and
//! what to try next. [`Tour::collect`] reads it from the store (aggregates and a
//! few rows, whatever the store's size); [`human`] writes it for people in their
//! language, [`Tour::to_json`] for programs (names and data, no sentences).

pub mod human;
pub mod reports;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};

use super::project::Project;
use super::run::{Spec, Summary};
use crate::model::Flow;
use crate::store::{
    Activity, HealthExample, MessageExample, SignalExample, StepExample, Store, StoreError,
};
use crate::team::Team;
use crate::timefmt::rfc3339;
use reports::TourReports;

/// Examples of each kind the tour shows.
const EXAMPLES: usize = 1;
/// Messages the outbox's highlights show.
const HIGHLIGHTS: usize = 3;

/// Everything the tour says.
pub struct Tour<'a> {
    /// The project.
    pub project: &'a Project,
    /// Its rules.
    pub flow: &'a Flow,
    /// Its team (for people's names).
    pub team: &'a Team,
    /// What was generated.
    pub spec: &'a Spec,
    /// What the generator did.
    pub summary: &'a Summary,
    /// What the store holds.
    pub activity: Activity,
    /// Changes into the worst health state, with evidence.
    pub health: Vec<HealthExample>,
    /// Risk signals with their notes.
    pub signals: Vec<SignalExample>,
    /// Escalation steps with their messages.
    pub steps: Vec<StepExample>,
    /// The latest message waiting of each subject.
    pub messages: Vec<MessageExample>,
    /// The three reports, once made ([`TourReports::make`]).
    pub reports: Option<TourReports>,
}

impl<'a> Tour<'a> {
    /// Reads the tour from the store the generator built.
    pub fn collect(
        store: &Store,
        project: &'a Project,
        flow: &'a Flow,
        team: &'a Team,
        spec: &'a Spec,
        summary: &'a Summary,
    ) -> Result<Tour<'a>, StoreError> {
        let now = summary.last_apply.unwrap_or_else(Utc::now);
        // The worst state with an example (the first declared is the worst by
        // convention; a flow without changes into it shows the next).
        let mut health = Vec::new();
        for state in &flow.health {
            health = store.health_examples(&state.name, EXAMPLES)?;
            if !health.is_empty() {
                break;
            }
        }
        Ok(Tour {
            project,
            flow,
            team,
            spec,
            summary,
            activity: store.activity(now)?,
            health,
            signals: store.signal_examples(EXAMPLES)?,
            steps: store.step_examples(EXAMPLES)?,
            messages: store.outbox_highlights(HIGHLIGHTS)?,
            reports: None,
        })
    }

    /// The first and last day of the history.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        let last = self.spec.start + chrono::Duration::days(i64::from(self.spec.days) - 1);
        (self.spec.start, last)
    }

    /// The tour as data (`--format json`).
    pub fn to_json(&self) -> Value {
        let tz = self.flow.timezone;
        let time = |t: Option<DateTime<Utc>>| t.map(|t| rfc3339(t, tz));
        let map = |counts: &[(String, u64)]| -> Value {
            counts.iter().map(|(k, n)| (k.clone(), json!(n))).collect()
        };
        let (from, to) = self.days();
        let a = &self.activity;
        let s = self.summary;
        json!({
            "files": {
                "dir": self.project.dir,
                "db": self.project.db,
                "rules": self.project.rules,
                "team": self.project.team,
                "html": self.reports.as_ref().map(|r| &r.html),
            },
            "customers": a.customers,
            "days": self.spec.days,
            "seed": self.spec.seed,
            "from": from.to_string(),
            "to": to.to_string(),
            "live_from": time(s.live_from),
            "last_apply": time(s.last_apply),
            "recorded": {
                "events": a.events,
                "late": a.late_events,
                "tasks_on_time": a.task_timeliness.0,
                "tasks_late": a.task_timeliness.1,
                "tasks_overdue": a.task_timeliness.2,
                "confirmed": a.verdicts.0,
                "false": a.verdicts.1,
            },
            "derived": {
                "health": map(&a.health),
                "signals": map(&a.signals),
                "escalation_steps": map(&a.steps),
                "tasks": map(&a.tasks),
                "stages": map(&a.stages),
                "outbox": map(&a.outbox),
            },
            "examples": {
                "health": self.health.iter().map(|h| json!({
                    "customer": h.customer, "name": h.name, "from": h.from, "to": h.to,
                    "at": rfc3339(h.at, tz), "rule": h.rule,
                    "evidence": h.witnesses.iter().map(|w| json!({
                        "at": rfc3339(w.at, tz), "kind": w.kind, "actor": w.actor, "text": w.text,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "signals": self.signals.iter().map(|x| json!({
                    "customer": x.customer, "name": x.name, "risk": x.risk, "keyword": x.keyword,
                    "verdict": x.verdict, "strategy": x.strategy,
                    "evidence": {
                        "at": rfc3339(x.event.at, tz), "kind": x.event.kind,
                        "actor": x.event.actor, "text": x.event.text,
                    },
                })).collect::<Vec<_>>(),
                "escalations": self.steps.iter().map(|x| json!({
                    "customer": x.customer, "name": x.name, "escalation": x.escalation,
                    "step": x.step, "due_at": rfc3339(x.due_at, tz),
                    "messages": x.messages.iter().map(|(to, cc, body)| json!({
                        "to": to, "cc": cc, "body": body,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            },
            "outbox": self.messages.iter().map(|m| json!({
                "customer": m.customer, "kind": m.kind, "to": m.recipient,
                "subject": m.subject, "body": m.body, "created_at": rfc3339(m.created_at, tz),
            })).collect::<Vec<_>>(),
            "reports": self.reports.as_ref().map(|r| json!({
                "funnel": crate::report::json::render(&r.funnel),
                "dwell": crate::report::json::render(&r.dwell),
                "journey": crate::report::json::render(&r.journey),
            })),
            "errors": s.errors,
        })
    }
}
