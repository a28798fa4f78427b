//! Clap types of the commands that write records to the store: `import`,
//! `update`, `move`, `task`, `signal`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::import::ImportKind;

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
}

/// `salesflow task`
#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// List tasks, by id.
    List(ListFilter),
    /// Close a task: records a `task_done` event the rules see.
    Done {
        /// The task's id (from `task list`).
        id: i64,
        /// Who closed it (a person id of the team).
        #[arg(long, value_name = "PERSON")]
        by: Option<String>,
    },
}

/// `salesflow signal`
#[derive(Debug, Subcommand)]
pub enum SignalCommand {
    /// List risk signals, by time.
    List(ListFilter),
    /// Judge a signal: records a `verdict` event (it feeds `risk_accuracy`).
    Verdict {
        /// The signal's id (from `signal list`).
        id: i64,
        /// Whether the risk was real.
        #[arg(value_enum)]
        verdict: VerdictArg,
        /// Who judged it (a person id of the team).
        #[arg(long, value_name = "PERSON")]
        by: Option<String>,
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
}

/// A verdict on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    /// The risk was real.
    Confirmed,
    /// A false alarm.
    False,
}
