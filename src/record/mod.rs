//! The record rules: what every way of recording a fact must check before the store
//! writes it (`update`, `move`, `task done`, `signal verdict`, every `import`, and
//! the timeline of a rule test). One place, so the commands, the importers and the
//! tests refuse exactly the same records with the same reasons.
//!
//! Takes the checked flow, a record (a [`NewEvent`]) and what the store knows of
//! its customer ([`CustomerFacts`]); gives `Ok` or every [`RecordError`] that
//! refuses it. Nothing here writes.
//!
//! The rules (LANGUAGE.md `update requires`, `evidence required`; PRODUCT.md
//! "Impossible records are refused"):
//! - a time outside 1970–2199, or before the customer's `created_at`, is refused;
//! - an `update` carries every field of `update requires` (non-blank);
//! - a move into a stage with `evidence required` carries evidence;
//! - a `verdict` names a known risk, says `confirmed` or `false`, and judges a risk
//!   that an earlier event of that customer matches.

mod error;

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

pub use error::RecordError;

use crate::engine::Event;
use crate::engine::matcher::Matchers;
use crate::model::{Flow, UpdateField};
use crate::store::NewEvent;

/// The first year a record may fall in.
pub const FIRST_YEAR: i32 = 1970;
/// The last year a record may fall in.
pub const LAST_YEAR: i32 = 2199;

/// What the store knows of the customer a record is about.
#[derive(Debug, Clone, Copy)]
pub struct CustomerFacts<'a> {
    /// The customer's id.
    pub id: &'a str,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Its events so far (for a verdict: which risks its events matched).
    pub events: &'a [Event],
}

/// The record rules of one flow.
pub struct RecordRules<'f> {
    flow: &'f Flow,
    matchers: OnceLock<Matchers>,
}

impl<'f> RecordRules<'f> {
    /// The rules of a checked flow.
    pub fn new(flow: &'f Flow) -> Self {
        RecordRules {
            flow,
            matchers: OnceLock::new(),
        }
    }

    /// Every reason to refuse `event` (empty: it may be recorded). `customer` is
    /// `None` for a customer created by the same import (its `created_at` is
    /// checked by the importer itself).
    pub fn check(
        &self,
        event: &NewEvent,
        customer: Option<&CustomerFacts<'_>>,
    ) -> Vec<RecordError> {
        let mut errors = Vec::new();
        let tz = self.flow.timezone;
        if let Err(e) = check_time(
            &event.customer,
            event.at,
            customer.map(|c| c.created_at),
            tz,
        ) {
            errors.push(e);
        }
        match event.kind.as_str() {
            "update" => errors.extend(self.update(event)),
            "stage_change" => errors.extend(self.stage_change(event)),
            "verdict" => errors.extend(self.verdict(event, customer)),
            _ => {}
        }
        errors
    }

    /// The fields of `update requires` an update lacks.
    fn update(&self, e: &NewEvent) -> Option<RecordError> {
        let blank = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
        let missing: Vec<UpdateField> = self
            .flow
            .update_requires
            .iter()
            .copied()
            .filter(|f| match f {
                UpdateField::Status => blank(&e.status),
                UpdateField::NextAction => blank(&e.next_action),
                UpdateField::Blocker => blank(&e.blocker),
                UpdateField::Note => blank(&e.text),
                UpdateField::Evidence => e.evidence.iter().all(|x| x.trim().is_empty()),
            })
            .collect();
        if missing.is_empty() {
            let empty = [&e.status, &e.next_action, &e.blocker, &e.text]
                .into_iter()
                .all(blank)
                && e.evidence.is_empty();
            return empty.then(|| RecordError::EmptyUpdate {
                customer: e.customer.clone(),
            });
        }
        Some(RecordError::UpdateRequires {
            customer: e.customer.clone(),
            missing,
        })
    }

    /// A move into an unknown stage, or into one that requires evidence without it.
    fn stage_change(&self, e: &NewEvent) -> Option<RecordError> {
        let name = e.attrs.get("stage")?;
        let Some(stage) = self.flow.stages.iter().find(|s| &s.name == name) else {
            return Some(RecordError::UnknownStage {
                stage: name.clone(),
                known: self.flow.stages.iter().map(|s| s.name.clone()).collect(),
            });
        };
        (stage.evidence_required && e.evidence.iter().all(|x| x.trim().is_empty())).then(|| {
            RecordError::EvidenceRequired {
                stage: stage.name.clone(),
                label: stage.label.clone(),
            }
        })
    }

    /// A verdict's risk and word, and an earlier event of the customer that the
    /// risk matches.
    fn verdict(&self, e: &NewEvent, customer: Option<&CustomerFacts<'_>>) -> Vec<RecordError> {
        let mut errors = Vec::new();
        let word = e.attrs.get("verdict").map(String::as_str);
        if !matches!(word, Some("confirmed" | "false")) {
            errors.push(RecordError::VerdictWord {
                word: word.unwrap_or_default().to_string(),
            });
        }
        let Some(risk) = e.attrs.get("risk") else {
            errors.push(RecordError::UnknownRisk {
                risk: String::new(),
            });
            return errors;
        };
        let Some(index) = self.flow.risks.iter().position(|r| &r.name == risk) else {
            errors.push(RecordError::UnknownRisk { risk: risk.clone() });
            return errors;
        };
        let matchers = self.matchers.get_or_init(|| Matchers::new(self.flow));
        let judged = customer.is_some_and(|c| {
            c.events.iter().filter(|ev| ev.at <= e.at).any(|ev| {
                ev.texts()
                    .any(|t| matchers.risk_hits(t).iter().any(|h| h.entry == index))
            })
        });
        if !judged {
            errors.push(RecordError::NothingToJudge {
                customer: e.customer.clone(),
                risk: risk.clone(),
            });
        }
        errors
    }
}

/// A time a record may have: within 1970–2199, and not before its customer's
/// creation (when known).
pub fn check_time(
    customer: &str,
    at: DateTime<Utc>,
    created_at: Option<DateTime<Utc>>,
    tz: Tz,
) -> Result<(), RecordError> {
    let show = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    if !in_range(at) {
        return Err(RecordError::OutOfRange { at: show(at) });
    }
    match created_at {
        Some(created) if at < created => Err(RecordError::BeforeCreation {
            customer: customer.to_string(),
            at: show(at),
            created: show(created),
        }),
        _ => Ok(()),
    }
}

/// Whether an instant is within the years a record may fall in (1970–2199).
pub fn in_range(at: DateTime<Utc>) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&at.year())
}
