//! Turns the raw flags of the commands that run the rules (`--db`, `--rules`,
//! `--team`, `--at`) into a fully built runtime before any work starts: the checked
//! flow, the team, "now", the store's path. Flags override salesflow.yaml, which
//! overrides the defaults.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::Exit;
use crate::check::{DiskLoader, check_path};
use crate::cli::RunArgs;
use crate::config::Config;
use crate::model::Flow;
use crate::store::Store;
use crate::team::Team;

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
        let config = Config::load().map_err(|e| usage(&e))?;
        let db = args
            .db
            .clone()
            .or(config.db)
            .unwrap_or_else(|| PathBuf::from("salesflow.db"));
        let rules = args.rules.clone().or(config.rules).ok_or_else(|| {
            usage("no rules given: pass `--rules FILE` or set `rules:` in salesflow.yaml")
        })?;
        let checked = check_path(&rules, &DiskLoader)
            .map_err(|e| usage(&format!("cannot read `{}`: {e}", rules.display())))?;
        let Some(flow) = checked.flow else {
            for d in &checked.diagnostics {
                eprint!("{}", d.render_to_string(false));
            }
            eprintln!(
                "error: `{}` does not check; run `salesflow check` on it",
                rules.display()
            );
            return Err(Exit::Failure);
        };
        // `--team` when given; else the team imported into the store; else the
        // team file of salesflow.yaml.
        let stored = if args.team.is_none() && db.exists() {
            Store::open_read_only(&db)
                .and_then(|s| s.team())
                .map_err(|e| {
                    usage(&format!(
                        "cannot read the team from `{}`: {e}",
                        db.display()
                    ))
                })?
        } else {
            Team::default()
        };
        let team = match args.team.clone() {
            Some(path) => Team::load(&path).map_err(|e| usage(&e.to_string()))?,
            None if !stored.people.is_empty() => stored,
            None => match config.team {
                Some(path) => Team::load(&path).map_err(|e| usage(&e.to_string()))?,
                None => Team::default(),
            },
        };
        let now = match &args.at {
            Some(at) => crate::timefmt::parse_instant(at, flow.timezone).map_err(|e| usage(&e))?,
            None => Utc::now(),
        };
        Ok(Runtime {
            flow,
            team,
            now,
            db,
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
        Store::open_read_only(&self.db)
            .map_err(|e| usage(&format!("cannot open `{}`: {e}", self.db.display())))
    }

    /// Opens the store for writing (`apply`).
    pub fn write_store(&self) -> Result<Store, Exit> {
        Store::open(&self.db)
            .map_err(|e| usage(&format!("cannot open `{}`: {e}", self.db.display())))
    }
}

/// Prints a usage error and gives its exit code.
pub fn usage(message: &str) -> Exit {
    eprintln!("error: {message}");
    Exit::Usage
}
