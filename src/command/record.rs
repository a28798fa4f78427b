//! What `update`, `move`, `task done` and `signal verdict` share: checking who
//! records it, then recording one event and saying so.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::json;

use super::output::{Printer, errln, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::Format;
use crate::model::Flow;
use crate::record::{CustomerFacts, RecordRules, check_time};
use crate::store::{NewEvent, Store, StoreError};
use crate::timefmt::{format_instant, rfc3339};

/// Checks that `--by` names a person of the store's team or of the team file.
fn check_actor(s: &Settings, store: &Store, by: Option<&str>) -> Result<Option<String>> {
    let Some(by) = by else {
        return Ok(None);
    };
    if store.person(by)?.is_some() || s.team_file()?.is_some_and(|team| team.person(by).is_some()) {
        Ok(Some(by.to_string()))
    } else {
        Err(CommandError::UnknownPerson { id: by.to_string() })
    }
}

/// An unknown customer given as a filter is an error, not an empty list.
pub(super) fn known_customer(store: &Store, customer: Option<&str>) -> Result<()> {
    match customer {
        Some(id) if !store.customer_exists(id)? => {
            Err(StoreError::UnknownCustomer(id.to_string()).into())
        }
        _ => Ok(()),
    }
}

/// What recording needs: "now" (`--at` in `tz`), the store open for writing, and
/// who records it (`--by`, checked against the team).
pub(super) fn open_for_recording(
    s: &Settings,
    tz: Tz,
    by: Option<&str>,
) -> Result<(DateTime<Utc>, Store, Option<String>)> {
    let now = s.now(tz)?;
    let store = s.open_store()?;
    let actor = check_actor(s, &store, by)?;
    Ok((now, store, actor))
}

/// The record rules ([`crate::record`]) for a record about to be written: with the
/// rules, all of them; without, the time checks. Every refusal but the last is
/// printed; the last is the error.
pub(super) fn check_record(
    p: &mut Printer,
    store: &Store,
    flow: Option<&Flow>,
    tz: Tz,
    event: &NewEvent,
) -> Result<()> {
    let history = store
        .history(&event.customer)?
        .ok_or_else(|| StoreError::UnknownCustomer(event.customer.clone()))?;
    let facts = CustomerFacts {
        id: &event.customer,
        created_at: history.customer.created_at,
        events: &history.events,
    };
    let mut errors = match flow {
        Some(flow) => RecordRules::new(flow).check(event, Some(&facts)),
        None => check_time(&event.customer, event.at, Some(facts.created_at), tz)
            .err()
            .into_iter()
            .collect(),
    };
    let Some(last) = errors.pop() else {
        return Ok(());
    };
    for e in errors {
        let message = CommandError::from(e).to_string();
        errln!(p, "{}", t!("error-line", message = message));
    }
    Err(last.into())
}

/// Records the event and reports it (a repeat of a recorded event is not an error).
pub(super) fn record(
    s: &Settings,
    p: &mut Printer,
    store: &mut Store,
    event: &NewEvent,
    tz: Tz,
) -> Result {
    let id = store.record_event(event)?;
    if s.format == Format::Json {
        outln!(
            p,
            "{}",
            super::pretty(&json!({
                "recorded": id.is_some(),
                "event": id,
                "customer": event.customer,
                "kind": event.kind,
                "at": rfc3339(event.at, tz),
            }))
        );
    } else {
        let at = format_instant(event.at, tz);
        match id {
            Some(id) => outln!(
                p,
                "{}",
                t!(
                    "record-recorded",
                    kind = event.kind,
                    id = id.0,
                    customer = event.customer,
                    at = at
                )
            ),
            None => outln!(
                p,
                "{}",
                t!(
                    "record-known",
                    kind = event.kind,
                    customer = event.customer,
                    at = at
                )
            ),
        }
    }
    Ok(Outcome::Done)
}
