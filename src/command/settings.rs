//! The one resolver of the global flags, in two stages (as ripgrep's low and
//! high arguments): [`crate::cli::GlobalArgs`] is what was typed; [`Settings`]
//! applies salesflow.yaml under it (found here or in the nearest parent, or
//! named by `--config`) and builds the expensive things once, on demand: the
//! checked flow, the team, "now", the store.
//!
//! Flags override salesflow.yaml, which overrides the defaults. A broken
//! salesflow.yaml is the same usage error for every command.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::error::CommandError;
use crate::check::{DiskLoader, check_path};
use crate::cli::{Format, GlobalArgs, Lang};
use crate::config::{Config, Located};
use crate::model::Flow;
use crate::store::Store;
use crate::team::Team;

/// The flags with salesflow.yaml applied.
pub(crate) struct Settings {
    /// The store's file.
    pub db: PathBuf,
    /// The root rule file, if any.
    pub rules: Option<PathBuf>,
    /// The team file, if any.
    pub team: Option<PathBuf>,
    /// The rule tests `salesflow test` runs without paths: `tests:` of
    /// salesflow.yaml, else a `tests/` folder beside it.
    pub tests: Option<PathBuf>,
    /// Output format.
    pub format: Format,
    /// The language of human output.
    pub lang: Lang,
    /// Whether the language was chosen (`--lang`, or `lang:` in salesflow.yaml,
    /// which is the project's choice) rather than taken from the locale.
    pub lang_chosen: bool,
    /// salesflow.yaml, when one was found.
    pub config: Option<Located>,
    /// `--verify`: check the store file whole when opening it.
    pub verify: bool,
    /// `--at` as typed.
    at: Option<String>,
    /// The checked flow, once built.
    flow: OnceCell<Flow>,
}

impl Settings {
    /// Finds salesflow.yaml from `cwd` (or `--config`) and applies it under the flags.
    pub fn resolve(args: &GlobalArgs, cwd: &Path) -> Result<Settings, CommandError> {
        let located = Config::locate(args.config.as_deref(), cwd)?;
        let config = located.as_ref().map(|l| &l.config);
        let chosen = args.lang.or_else(|| config.and_then(|c| c.lang));
        let from_config = |pick: fn(&Config) -> Option<&PathBuf>| config.and_then(pick).cloned();
        Ok(Settings {
            db: args
                .db
                .clone()
                .or_else(|| from_config(|c| c.db.as_ref()))
                .unwrap_or_else(|| PathBuf::from("salesflow.db")),
            rules: args
                .rules
                .clone()
                .or_else(|| from_config(|c| c.rules.as_ref())),
            team: args
                .team
                .clone()
                .or_else(|| from_config(|c| c.team.as_ref())),
            tests: from_config(|c| c.tests.as_ref()).or_else(|| {
                // Without `tests:`, a `tests/` folder beside salesflow.yaml.
                let dir = located.as_ref()?.path.parent()?.join("tests");
                dir.is_dir().then_some(dir)
            }),
            format: args.format.unwrap_or_default(),
            lang: chosen.unwrap_or_else(Lang::from_locale),
            lang_chosen: chosen.is_some(),
            config: located,
            verify: args.verify,
            at: args.at.clone(),
            flow: OnceCell::new(),
        })
    }

    /// The language of this command's texts: English in machine formats (JSON,
    /// JUnit, …) unless one was chosen, so CI output does not depend on the
    /// runner's locale.
    pub fn text_lang(&self) -> Lang {
        if self.format.is_machine() && !self.lang_chosen {
            Lang::En
        } else {
            self.lang
        }
    }

    /// The checked flow, when rules are configured.
    pub fn flow(&self) -> Result<Option<&Flow>, CommandError> {
        if let Some(flow) = self.flow.get() {
            return Ok(Some(flow));
        }
        let Some(rules) = &self.rules else {
            return Ok(None);
        };
        let checked = check_path(rules, &DiskLoader).map_err(|source| CommandError::Read {
            path: rules.clone(),
            source,
        })?;
        match checked.flow {
            Some(flow) => Ok(Some(self.flow.get_or_init(|| flow))),
            None => Err(CommandError::RulesDoNotCheck {
                path: rules.clone(),
                diagnostics: checked.diagnostics,
            }),
        }
    }

    /// The checked flow; an error naming the command (`plan`) that needs it when
    /// no rules are configured.
    pub fn require_flow(&self, command: &str) -> Result<&Flow, CommandError> {
        self.flow()?.ok_or_else(|| CommandError::NoRules {
            command: command.to_string(),
        })
    }

    /// The root rule file; an error naming the command that needs it when none
    /// is configured.
    pub fn require_rules(&self, command: &str) -> Result<&Path, CommandError> {
        self.rules.as_deref().ok_or_else(|| CommandError::NoRules {
            command: command.to_string(),
        })
    }

    /// The zone to show and read times in: the flow's when the rules check, else
    /// UTC (listing must work even while someone is editing the rules).
    pub fn quiet_tz(&self) -> Tz {
        self.flow()
            .ok()
            .flatten()
            .map_or(Tz::UTC, |flow| flow.timezone)
    }

    /// The team file, when one is configured.
    pub fn team_file(&self) -> Result<Option<Team>, CommandError> {
        Ok(self.team.as_deref().map(Team::load).transpose()?)
    }

    /// The team the rules run with: the team file (`--team`, else `team:` of
    /// salesflow.yaml), the only source of people; no file, no people.
    pub fn run_team(&self) -> Result<Team, CommandError> {
        Ok(self.team_file()?.unwrap_or_default())
    }

    /// "Now": `--at` read in `tz`, else the clock.
    pub fn now(&self, tz: Tz) -> Result<DateTime<Utc>, CommandError> {
        match &self.at {
            Some(at) => time_arg(at, tz),
            None => Ok(Utc::now()),
        }
    }

    /// Opens the store for writing.
    pub fn open_store(&self) -> Result<Store, CommandError> {
        let store = Store::open(&self.db)?;
        if self.verify {
            store.verify()?;
        }
        Ok(store)
    }

    /// Opens the store read-only.
    pub fn read_store(&self) -> Result<Store, CommandError> {
        let store = Store::open_read_only(&self.db)?;
        if self.verify {
            store.verify()?;
        }
        Ok(store)
    }
}

/// A time typed on the command line: RFC 3339, or `2026-03-02 09:00` in `tz`.
pub(crate) fn time_arg(text: &str, tz: Tz) -> Result<DateTime<Utc>, CommandError> {
    crate::timefmt::parse_instant(text, tz).map_err(|_| CommandError::BadValue {
        message: t!("error-not-a-time", value = text),
        help: Some(t!("help-time", zone = tz.name())),
    })
}
