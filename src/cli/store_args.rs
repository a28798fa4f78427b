//! Clap types of the commands that write records to the store: `init`, `import`,
//! `update`, `move`, `task`, `signal`. Their exit codes are listed in each one's
//! `--help`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::RunArgs;
use crate::import::ImportKind;

pub(super) const INIT_EXIT_CODES: &str = "\
Exit codes:
  0  the store was created
  1  a store (or any file) already exists at that path: nothing was touched
  2  usage error, or the files could not be written";

pub(super) const IMPORT_EXIT_CODES: &str = "\
Exit codes:
  0  imported (with --dry-run: would import), re-imported rows counted as known
  1  rows rejected (every error is listed with file, line and column), or the rules
     do not check: nothing was written
  2  usage error, unreadable file, or no store";

pub(super) const RECORD_EXIT_CODES: &str = "\
Exit codes:
  0  recorded (or already recorded: the same event is stored once)
  1  refused: a field the rules require is missing, evidence the stage requires is
     missing, the customer, stage, person, task or signal is unknown, or the rules
     do not check
  2  usage error or no store";

pub(super) const LIST_EXIT_CODES: &str = "\
Exit codes:
  0  listed (possibly nothing)
  2  usage error or no store";

/// `salesflow init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the store (default: `db` of salesflow.yaml, else `salesflow.db`).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// When the store goes live (default: now): messages and tasks the rules would
    /// have produced before it are recorded as suppressed, never sent.
    #[arg(long, value_name = "TIME")]
    pub live_from: Option<String>,
}

/// `salesflow import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// A `.csv`, `.xlsx` (first sheet), `.jsonl` or `.yaml` file.
    pub file: PathBuf,
    /// Check every row and count what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rename and convert a foreign CRM's columns (not implemented yet).
    #[arg(long, value_name = "MAP.yaml")]
    pub map: Option<PathBuf>,
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// `salesflow update`
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The customer's id.
    pub customer: String,
    /// Where the deal stands.
    #[arg(long)]
    pub status: Option<String>,
    /// The next action.
    #[arg(long = "next", value_name = "NEXT_ACTION")]
    pub next_action: Option<String>,
    /// What blocks it.
    #[arg(long)]
    pub blocker: Option<String>,
    /// A free note.
    #[arg(long)]
    pub note: Option<String>,
    /// An evidence reference (repeat for several).
    #[arg(long)]
    pub evidence: Vec<String>,
    /// Who records it (a person id of the team).
    #[arg(long, value_name = "PERSON")]
    pub by: Option<String>,
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// `salesflow move`
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// The customer's id.
    pub customer: String,
    /// The pipeline stage it enters.
    pub stage: String,
    /// An evidence reference (repeat for several); required where the stage says
    /// `evidence required`.
    #[arg(long)]
    pub evidence: Vec<String>,
    /// A free note.
    #[arg(long)]
    pub note: Option<String>,
    /// Who records it (a person id of the team).
    #[arg(long, value_name = "PERSON")]
    pub by: Option<String>,
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// `salesflow task`
#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// List tasks, by id.
    #[command(after_help = LIST_EXIT_CODES)]
    List(ListFilter),
    /// Close a task: records a `task_done` event the rules see.
    #[command(after_help = RECORD_EXIT_CODES)]
    Done {
        /// The task's id (from `task list`).
        id: i64,
        /// Who closed it (a person id of the team).
        #[arg(long, value_name = "PERSON")]
        by: Option<String>,
        /// Store, rules, team, time, format.
        #[command(flatten)]
        run: RunArgs,
    },
}

/// `salesflow signal`
#[derive(Debug, Subcommand)]
pub enum SignalCommand {
    /// List risk signals, by time.
    #[command(after_help = LIST_EXIT_CODES)]
    List(ListFilter),
    /// Judge a signal: records a `verdict` event (it feeds `risk_accuracy`).
    #[command(after_help = RECORD_EXIT_CODES)]
    Verdict {
        /// The signal's id (from `signal list`).
        id: i64,
        /// Whether the risk was real.
        #[arg(value_enum)]
        verdict: VerdictArg,
        /// Who judged it (a person id of the team).
        #[arg(long, value_name = "PERSON")]
        by: Option<String>,
        /// Store, rules, team, time, format.
        #[command(flatten)]
        run: RunArgs,
    },
}

/// Filters of `task list` and `signal list`.
#[derive(Debug, Args)]
pub struct ListFilter {
    /// Only this customer's.
    #[arg(long)]
    pub customer: Option<String>,
    /// Only open ones (tasks not done, signals not judged).
    #[arg(long)]
    pub open: bool,
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// A verdict on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    /// The risk was real.
    Confirmed,
    /// A false alarm.
    False,
}
