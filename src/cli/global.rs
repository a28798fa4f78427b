//! The flags every command accepts, before or after the subcommand and among its
//! arguments (clap's `global = true`), and the value enums they take.
//!
//! Only what was typed: `command::settings` applies `salesflow.yaml` under them
//! and builds the expensive things (the checked flow, the team, "now") once.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

pub use crate::i18n::Lang;

/// The global flags, as typed.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// The customer store (default: `db` of salesflow.yaml, else `salesflow.db`).
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,
    /// The root rule file (default: `rules` of salesflow.yaml).
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub rules: Option<PathBuf>,
    /// The team file (default: `team` of salesflow.yaml).
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub team: Option<PathBuf>,
    /// The settings file (default: salesflow.yaml here or in the nearest parent folder).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,
    /// "Now": RFC 3339, or `2026-03-02 09:00` in the flow's time zone (default: the clock).
    #[arg(
        long,
        global = true,
        value_name = "TIME",
        help_heading = "Global options"
    )]
    pub at: Option<String>,
    /// Output format (default: human); each command lists the ones it writes.
    #[arg(long, global = true, value_enum, help_heading = "Global options")]
    pub format: Option<Format>,
    /// Language of messages (default: `lang` of salesflow.yaml, else the locale's:
    /// `LC_ALL`, `LC_MESSAGES` or `LANG`).
    #[arg(long, global = true, value_enum, help_heading = "Global options")]
    pub lang: Option<Lang>,
    /// Check the whole store file for damage before the command reads it
    /// (`PRAGMA quick_check`; reads every page).
    #[arg(long, global = true, help_heading = "Global options")]
    pub verify: bool,
}

/// Output formats. One enum for every command; a command refuses the ones it does
/// not write, naming those it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Default)]
pub enum Format {
    /// Text for people (graphical diagnostics on a terminal; tables of a report).
    #[default]
    #[value(alias = "table")]
    Human,
    /// JSON for programs, errors included.
    Json,
    /// JUnit XML (`test`).
    Junit,
    /// Comma-separated values (reports).
    Csv,
    /// A web page (reports).
    Html,
    /// GitHub Actions annotations (`check`, `test`).
    Github,
    /// GitLab Code Quality report (`check`, `test`).
    Gitlab,
    /// SARIF 2.1.0, for code scanning (`check`, `test`).
    Sarif,
}

impl Format {
    /// The word on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Sarif => "sarif",
        }
    }

    /// Whether the output is for programs (texts in it stay English unless
    /// `--lang` is given).
    pub fn is_machine(self) -> bool {
        self != Format::Human
    }
}
