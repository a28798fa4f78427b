//! The command line, as clap types. Raw flags only: `command/` turns them into
//! fully resolved settings before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (check: no error)
  1  the rules or the data have errors (check: errors, or warnings with --deny-warnings)
  2  usage error or unreadable input";

/// Sales flow rules that a machine keeps: check them, compute working time, and
/// (soon) run them against the customer store.
#[derive(Debug, Parser)]
#[command(name = "salesflow", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output format of commands whose output is data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Text for people (graphical diagnostics on a terminal).
    #[default]
    Human,
    /// JSON for programs.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check rule files; report every error of every file.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Working-time arithmetic of a calendar in the rules, to check a deadline by hand.
    #[command(after_help = EXIT_CODES)]
    Calendar(CalendarArgs),
}

/// `salesflow check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rule files, or folders of `*.flow` files. A file included by another one given
    /// is checked as part of that flow.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// A team file: warn about recipients that resolve to nobody in it (default:
    /// `team` of salesflow.yaml, if any).
    #[arg(long)]
    pub team: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `salesflow calendar`
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The calendar's name in the rules.
    pub name: String,
    /// The rule file (default: `rules` of salesflow.yaml).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t, global = true)]
    pub format: Format,
    /// The computation.
    #[command(subcommand)]
    pub op: CalendarOp,
}

/// What `salesflow calendar` computes.
#[derive(Debug, Subcommand)]
pub enum CalendarOp {
    /// The instant at which DURATION of working time has passed since TIME.
    Add {
        /// A time (`2026-03-02 09:00` in the flow's zone, or RFC 3339).
        time: String,
        /// A duration: `48h`, `7h30m`, `2d` (working days).
        duration: String,
    },
    /// The working time between two instants.
    Between {
        /// The start.
        from: String,
        /// The end.
        to: String,
    },
    /// Each day's working hours, and why.
    Show {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day (YYYY-MM-DD).
        #[arg(long)]
        to: String,
    },
}
