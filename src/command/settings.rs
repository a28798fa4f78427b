//! Resolving the shared flags (`--db`, `--rules`, `--team`, `--at`, `--format`)
//! for the commands that record data, where the rules are optional for some
//! (`task list`, `import team`) and required for others (`update`, `move`).
//! Flags override salesflow.yaml, which overrides the defaults.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::Exit;
use crate::check::{DiskLoader, check_path};
use crate::cli::{Format, RunArgs};
use crate::config::Config;
use crate::model::Flow;
use crate::store::{Store, StoreError};
use crate::team::Team;

/// The flags with salesflow.yaml applied.
pub(super) struct Settings {
    /// The store's file.
    pub db: PathBuf,
    /// The root rule file, if any.
    pub rules: Option<PathBuf>,
    /// The team file, if any.
    pub team: Option<PathBuf>,
    /// `--at` as written.
    pub at: Option<String>,
    /// Output format.
    pub format: Format,
}

impl Settings {
    /// Applies salesflow.yaml under the flags.
    pub fn resolve(args: &RunArgs) -> Result<Settings, Exit> {
        let config = Config::load().map_err(|e| usage(&e))?;
        Ok(Settings {
            db: args
                .db
                .clone()
                .or(config.db)
                .unwrap_or_else(|| PathBuf::from("salesflow.db")),
            rules: args.rules.clone().or(config.rules),
            team: args.team.clone().or(config.team),
            at: args.at.clone(),
            format: args.format,
        })
    }

    /// Applies salesflow.yaml and opens the store read-only (the list commands).
    pub fn reading(args: &RunArgs) -> Result<(Settings, Store), Exit> {
        let settings = Settings::resolve(args)?;
        let store = settings.read_store()?;
        Ok((settings, store))
    }

    /// The checked flow, when rules are configured.
    pub fn flow(&self) -> Result<Option<Flow>, Exit> {
        let Some(rules) = &self.rules else {
            return Ok(None);
        };
        let checked = check_path(rules, &DiskLoader)
            .map_err(|e| usage(&format!("cannot read `{}`: {e}", rules.display())))?;
        match checked.flow {
            Some(flow) => Ok(Some(flow)),
            None => {
                for d in &checked.diagnostics {
                    eprint!("{}", d.render_to_string(false));
                }
                eprintln!(
                    "error: `{}` does not check; run `salesflow check` on it",
                    rules.display()
                );
                Err(Exit::Failure)
            }
        }
    }

    /// The checked flow; a usage error when no rules are configured.
    pub fn require_flow(&self, what: &str) -> Result<Flow, Exit> {
        self.flow()?.ok_or_else(|| {
            usage(&format!(
                "{what} needs the rules: pass `--rules FILE` or set `rules:` in salesflow.yaml"
            ))
        })
    }

    /// The zone to show and read times in: the flow's when the rules check, else
    /// UTC (listing must work even while someone is editing the rules).
    pub fn quiet_tz(&self) -> Tz {
        self.rules
            .as_deref()
            .and_then(|rules| check_path(rules, &DiskLoader).ok())
            .and_then(|checked| checked.flow)
            .map_or(Tz::UTC, |flow| flow.timezone)
    }

    /// The team file, when one is configured.
    pub fn team_file(&self) -> Result<Option<Team>, Exit> {
        self.team
            .as_deref()
            .map(Team::load)
            .transpose()
            .map_err(|e| usage(&e.to_string()))
    }

    /// "Now": `--at` read in `tz`, else the clock.
    pub fn now(&self, tz: Tz) -> Result<DateTime<Utc>, Exit> {
        match &self.at {
            Some(at) => crate::timefmt::parse_instant(at, tz).map_err(|e| usage(&e)),
            None => Ok(Utc::now()),
        }
    }

    /// Opens the store for writing.
    pub fn open_store(&self) -> Result<Store, Exit> {
        Store::open(&self.db).map_err(|e| store_error(&e))
    }

    /// Opens the store read-only.
    pub fn read_store(&self) -> Result<Store, Exit> {
        Store::open_read_only(&self.db).map_err(|e| store_error(&e))
    }
}

/// Prints a store error with its help; refusals about the data are exit 1,
/// everything else (no store, busy, I/O) exit 2.
pub(super) fn store_error(e: &StoreError) -> Exit {
    eprintln!("error: {e}");
    if let Some(help) = miette::Diagnostic::help(e) {
        eprintln!("  help: {help}");
    }
    match e {
        StoreError::UnknownCustomer(_)
        | StoreError::UnknownTask(_)
        | StoreError::UnknownSignal(_) => Exit::Failure,
        _ => Exit::Usage,
    }
}

/// Prints a usage error and gives its exit code.
pub(super) fn usage(message: &str) -> Exit {
    eprintln!("error: {message}");
    Exit::Usage
}

/// Prints a refusal about the data and gives its exit code.
pub(super) fn refuse(message: &str) -> Exit {
    eprintln!("error: {message}");
    Exit::Failure
}
