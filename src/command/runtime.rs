//! The runtime of the commands that run the rules (`plan`, `apply`, `explain`,
//! `list`): the shared flags resolved by [`Settings`] into a fully built whole
//! before any work starts — the checked flow, the team, "now", the store's path.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::Exit;
use super::settings::{Settings, store_error};
use crate::cli::RunArgs;
use crate::model::Flow;
use crate::store::Store;
use crate::team::Team;

pub(super) use super::settings::usage;

/// Everything a run of the rules needs.
pub struct Runtime {
    /// The checked flow.
    pub flow: Flow,
    /// The team.
    pub team: Team,
    /// "Now".
    pub now: DateTime<Utc>,
    /// The store's file.
    pub db: PathBuf,
    /// The root rule file.
    pub rules: PathBuf,
}

impl Runtime {
    /// Resolves the flags; prints why and returns the exit code when it cannot.
    pub fn resolve(args: &RunArgs) -> Result<Runtime, Exit> {
        let settings = Settings::resolve(args)?;
        let flow = settings.require_flow("running the rules")?;
        let rules = settings.rules.clone().unwrap_or_default();
        // `--team` when given; else the team imported into the store; else the
        // team file of salesflow.yaml.
        let stored = if args.team.is_none() && settings.db.exists() {
            settings.read_store()?.team().map_err(|e| store_error(&e))?
        } else {
            Team::default()
        };
        let team = match args.team.as_deref() {
            Some(path) => Team::load(path).map_err(|e| usage(&e.to_string()))?,
            None if !stored.people.is_empty() => stored,
            None => settings.team_file()?.unwrap_or_default(),
        };
        let now = settings.now(flow.timezone)?;
        Ok(Runtime {
            flow,
            team,
            now,
            db: settings.db,
            rules,
        })
    }

    /// Resolves the flags and opens the store read-only (`plan`, `explain`).
    pub fn reading(args: &RunArgs) -> Result<(Runtime, Store), Exit> {
        let rt = Runtime::resolve(args)?;
        let store = rt.read_store()?;
        Ok((rt, store))
    }

    /// Opens the store read-only (`plan`, `explain`, `list`).
    pub fn read_store(&self) -> Result<Store, Exit> {
        Store::open_read_only(&self.db).map_err(|e| store_error(&e))
    }

    /// Opens the store for writing (`apply`).
    pub fn write_store(&self) -> Result<Store, Exit> {
        Store::open(&self.db).map_err(|e| store_error(&e))
    }
}
