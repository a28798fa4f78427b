//! What `update`, `move`, `task done` and `signal verdict` share: checking who
//! records it, then recording one event and saying so.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::json;

use super::Exit;
use super::settings::{Settings, refuse, store_error};
use crate::cli::Format;
use crate::model::Flow;
use crate::record::{CustomerFacts, RecordRules, check_time};
use crate::store::{NewEvent, Store, StoreError};
use crate::timefmt::{format_instant, rfc3339};

/// Checks that `--by` names a person of the store's team or of the team file.
fn check_actor(
    settings: &Settings,
    store: &Store,
    by: Option<&str>,
) -> Result<Option<String>, Exit> {
    let Some(by) = by else {
        return Ok(None);
    };
    if store.person(by).map_err(|e| store_error(&e))?.is_some() {
        return Ok(Some(by.to_string()));
    }
    let in_file = settings
        .team_file()?
        .is_some_and(|team| team.person(by).is_some());
    if in_file {
        Ok(Some(by.to_string()))
    } else {
        Err(refuse(&format!("`--by {by}`: no such person in the team")))
    }
}

/// What recording needs: "now" (`--at` in `tz`), the store open for writing, and
/// who records it (`--by`, checked against the team).
pub(super) fn open_for_recording(
    settings: &Settings,
    tz: Tz,
    by: Option<&str>,
) -> Result<(DateTime<Utc>, Store, Option<String>), Exit> {
    let now = settings.now(tz)?;
    let store = settings.open_store()?;
    let actor = check_actor(settings, &store, by)?;
    Ok((now, store, actor))
}

/// The record rules ([`crate::record`]) for a record about to be written: with the
/// rules, all of them; without, the time checks. Prints every refusal; exit 1.
pub(super) fn check_record(
    store: &Store,
    flow: Option<&Flow>,
    tz: Tz,
    event: &NewEvent,
) -> Result<(), Exit> {
    let history = store
        .history(&event.customer)
        .map_err(|e| store_error(&e))?
        .ok_or_else(|| store_error(&StoreError::UnknownCustomer(event.customer.clone())))?;
    let facts = CustomerFacts {
        id: &event.customer,
        created_at: history.customer.created_at,
        events: &history.events,
    };
    let errors = match flow {
        Some(flow) => RecordRules::new(flow).check(event, Some(&facts)),
        None => check_time(&event.customer, event.at, Some(facts.created_at), tz)
            .err()
            .into_iter()
            .collect(),
    };
    if errors.is_empty() {
        return Ok(());
    }
    for e in &errors {
        eprintln!("error: {e}");
        if let Some(help) = miette::Diagnostic::help(e) {
            eprintln!("  help: {help}");
        }
    }
    Err(Exit::Failure)
}

/// Records the event and reports it (a repeat of a recorded event is not an error).
pub(super) fn record(settings: &Settings, store: &mut Store, event: &NewEvent, tz: Tz) -> Exit {
    let id = match store.record_event(event) {
        Ok(id) => id,
        Err(e) => return store_error(&e),
    };
    match settings.format {
        Format::Json => println!(
            "{}",
            json!({
                "recorded": id.is_some(),
                "event": id,
                "customer": event.customer,
                "kind": event.kind,
                "at": rfc3339(event.at, tz),
            })
        ),
        Format::Human => match id {
            Some(id) => println!(
                "recorded {} #{id} of `{}` at {}",
                event.kind,
                event.customer,
                format_instant(event.at, tz)
            ),
            None => println!(
                "already recorded: the same {} of `{}` at {}",
                event.kind,
                event.customer,
                format_instant(event.at, tz)
            ),
        },
    }
    Exit::Success
}
