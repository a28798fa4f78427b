//! Pushed digests: `digests:` of salesflow.yaml, e.g. `{ report: journey, every:
//! "mon 09:00", to: sales_director, only_when: missed }`. At each tick `run`
//! queues, for every digest whose time has come, one message to its recipient
//! for the current period, through the outbox like any other message: its
//! idempotency key names the digest and the period, so however many ticks or
//! processes see the period, it is queued once.
//!
//! The report's text comes from a [`DigestSource`] (the reports), over the
//! period since the previous occurrence. With `only_when: missed` a digest is
//! queued only when a goal is missed; a period whose goals are all met sends
//! nothing. A period that began before salesflow's first apply on this store is
//! skipped: turning digests on sends the next one, not last week's.

use std::cell::RefCell;
use std::collections::HashSet;

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;

use super::error::{ConfigError, DigestProblem};
use super::schedule::Schedule;
use crate::config::Digest;
use crate::store::{NewMessage, Store, StoreError};
use crate::team::Team;

/// The reports a digest can push.
pub const REPORTS: &[&str] = &["funnel", "dwell", "journey"];

/// A report's text for a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    /// The first line (a mail's subject).
    pub subject: String,
    /// The text.
    pub body: String,
    /// Whether a goal of the report is missed.
    pub missed: bool,
}

/// Where digests get their text: the reports.
pub trait DigestSource {
    /// `report` over the period from `from` to `to`.
    fn compose(
        &self,
        report: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Composed, String>;
}

/// A digest, checked.
#[derive(Debug, Clone)]
pub struct DigestPlan {
    /// The report.
    pub report: String,
    /// When, as written.
    pub every: String,
    schedule: Schedule,
    /// The recipient's person id.
    pub to: String,
    /// Only when a goal is missed.
    pub only_when_missed: bool,
}

/// Checks the digests against the team (`to:` a person id or a role).
pub fn plan(digests: &[Digest], team: &Team) -> Result<Vec<DigestPlan>, ConfigError> {
    digests
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let bad = |problem: DigestProblem| ConfigError::Digest {
                index: i + 1,
                problem,
            };
            if !REPORTS.contains(&d.report.as_str()) {
                return Err(bad(DigestProblem::Report(d.report.clone())));
            }
            let schedule = Schedule::parse(&d.every).map_err(|problem| {
                bad(DigestProblem::Every {
                    every: d.every.clone(),
                    problem,
                })
            })?;
            let only_when_missed = match d.only_when.as_deref() {
                None => false,
                Some("missed") if d.report == "journey" => true,
                Some("missed") => return Err(bad(DigestProblem::NoGoals(d.report.clone()))),
                Some(other) => return Err(bad(DigestProblem::OnlyWhen(other.to_string()))),
            };
            let to = recipient(team, &d.to).ok_or_else(|| bad(DigestProblem::To(d.to.clone())))?;
            Ok(DigestPlan {
                report: d.report.clone(),
                every: d.every.clone(),
                schedule,
                to,
                only_when_missed,
            })
        })
        .collect()
}

/// A person id as it is, else the team's default for the role, else the first
/// person holding it.
fn recipient(team: &Team, to: &str) -> Option<String> {
    if team.person(to).is_some() {
        return Some(to.to_string());
    }
    team.defaults.get(to).cloned().or_else(|| {
        team.people
            .iter()
            .find(|p| p.role.as_deref() == Some(to))
            .map(|p| p.id.clone())
    })
}

/// Why a digest could not be queued.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum DigestError {
    /// The store failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Store(#[from] StoreError),
    /// The report failed.
    #[error("digest `{report}` for `{to}`: {message}")]
    #[diagnostic(
        code(salesflow::deliver::digest_report),
        help("`salesflow report {report}` shows the same report and its errors")
    )]
    Report {
        /// The report.
        report: String,
        /// The recipient.
        to: String,
        /// Why.
        message: String,
    },
}

/// Queues the digests due at `now`; remembers (for the life of the value) the
/// periods a `only_when` condition left out, so a report is composed once per
/// period and process.
#[derive(Debug, Default)]
pub struct Digests {
    plans: Vec<DigestPlan>,
    passed: RefCell<HashSet<String>>,
}

impl Digests {
    /// Over checked plans.
    pub fn new(plans: Vec<DigestPlan>) -> Digests {
        Digests {
            plans,
            passed: RefCell::default(),
        }
    }

    /// Whether there are any.
    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    /// Queues every digest due at `now` not queued yet; how many were queued.
    pub fn queue_due(
        &self,
        store: &mut Store,
        source: &dyn DigestSource,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<usize, DigestError> {
        let Some(first) = store.first_tick_at()? else {
            return Ok(0);
        };
        let mut queued = 0;
        for plan in &self.plans {
            let Some(at) = plan.schedule.latest(now, tz).filter(|at| *at >= first) else {
                continue;
            };
            let key = format!(
                "digest/{}/{}/{}/{}",
                plan.report,
                plan.to,
                plan.every,
                at.to_rfc3339_opts(SecondsFormat::Secs, true)
            );
            if self.passed.borrow().contains(&key) || store.outbox_has_key(&key)? {
                continue;
            }
            let from = plan.schedule.previous(at, tz).unwrap_or(at);
            let composed =
                source
                    .compose(&plan.report, from, at)
                    .map_err(|message| DigestError::Report {
                        report: plan.report.clone(),
                        to: plan.to.clone(),
                        message,
                    })?;
            if plan.only_when_missed && !composed.missed {
                self.passed.borrow_mut().insert(key);
                continue;
            }
            let new = store.queue_message(&NewMessage {
                key,
                customer: None,
                created_at: at,
                kind: "notify".into(),
                recipient: plan.to.clone(),
                cc: Vec::new(),
                subject: composed.subject,
                body: composed.body,
                origin: format!("digest:{}", plan.report),
            })?;
            queued += usize::from(new);
        }
        Ok(queued)
    }
}
