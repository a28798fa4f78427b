//! The command line, as clap types. Raw flags only: `command/` turns them into
//! fully resolved settings before any work starts. The doc comments here are
//! for the code's readers; `--help` shows the texts of the message catalogue
//! (`help.rs`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod demo_args;
mod global;
mod help;
mod outbox_args;
mod report_args;
mod store_args;

pub use demo_args::{DemoArgs, InitArgs};
pub use global::{Format, GlobalArgs, Lang};
pub use help::command;
#[cfg(test)]
pub use help::keys as help_keys;
pub use outbox_args::{OutboxCommand, OutboxListArgs, OutboxRetryArgs, RunArgs};
pub use report_args::{ReportArgs, ReportBy, ReportKind};
pub use store_args::{
    ImportArgs, ListFilter, MoveArgs, SignalCommand, TaskCommand, UpdateArgs, VerdictArg,
};

/// Sales flow rules that a machine keeps: check and test them, compute working
/// time, and run them against the customer store.
#[derive(Debug, Parser)]
#[command(name = "salesflow", version, args_override_self = true)]
pub struct Cli {
    /// Flags every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check rule files; report every error of every file.
    Check(CheckArgs),
    /// Rewrite rule files in the canonical layout (in place, or `--check`, or `--diff`).
    Fmt(FmtArgs),
    /// Run rule test files: customers, a timeline of events and what the rules
    /// must have done by given times, on virtual time against a store in memory.
    Test(TestArgs),
    /// Working-time arithmetic of a calendar in the rules, to check a deadline by hand.
    Calendar(CalendarArgs),
    /// Create a project: the store, and where none exists a starter
    /// salesflow.yaml, rule file, team file, rule tests and sample customers and
    /// events that work at once. Never overwrites anything.
    Init(InitArgs),
    /// Import team, customers, events, stages or tasks from CSV, XLSX, JSON Lines or
    /// YAML; every row is checked and a file with any bad row writes nothing.
    Import(ImportArgs),
    /// What `apply` would do now, written nowhere (the store stays byte-identical).
    Plan(PlanArgs),
    /// Evaluate the rules and record every effect once: health, signals, tasks,
    /// escalation steps, outbox messages.
    Apply(ApplyArgs),
    /// Why a customer is in its health state, segment and stage, and its timers.
    Explain(ExplainArgs),
    /// Customers matching a condition in the rule language.
    List(ListArgs),
    /// Record a customer's progress update (the rules say which fields it needs).
    Update(UpdateArgs),
    /// Record that a customer entered a pipeline stage.
    Move(MoveArgs),
    /// List tasks, or close one.
    #[command(subcommand)]
    Task(TaskCommand),
    /// List risk signals, or judge one.
    #[command(subcommand)]
    Signal(SignalCommand),
    /// The funnel, stage dwell with delay reasons, or journey goals with findings,
    /// for a period: tables, JSON, CSV or one HTML file.
    Report(ReportArgs),
    /// The messages the rules produced: list, show, deliver, retry.
    #[command(subcommand)]
    Outbox(OutboxCommand),
    /// The scheduler: apply, queue due digests, then deliver the outbox; every
    /// `--every`, or `--once`. SIGINT/SIGTERM finish the message in hand and exit 0.
    Run(RunArgs),
    /// Build a demo project: the example rules, a team and a generated store of
    /// customers ticked day by day, then a tour of what the rules did.
    Demo(DemoArgs),
}

/// `salesflow apply`
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Customers no apply has covered yet go live at TIME (old customers imported
    /// into a live store): what their rules would have sent or asked before it is
    /// recorded as suppressed. Customers already covered are left alone.
    #[arg(long, value_name = "TIME")]
    pub live_from: Option<String>,
}

/// `salesflow check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rule files, or folders of `*.flow` files (default: `rules` of
    /// salesflow.yaml). A file included by another one given is checked as part
    /// of that flow.
    pub paths: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `salesflow fmt`
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Rule files, or folders of `*.flow` files (default: the folder of `rules`
    /// of salesflow.yaml).
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the files that would change, and exit 1 if any would.
    #[arg(long)]
    pub check: bool,
    /// Write nothing; print a unified diff of what would change.
    #[arg(long)]
    pub diff: bool,
}

/// `salesflow test`
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Test files, or folders searched recursively for `*.yaml` (default: `tests`
    /// of salesflow.yaml).
    pub paths: Vec<PathBuf>,
    /// Run only the tests whose name, or file path, contains PATTERN.
    #[arg(long = "run", value_name = "PATTERN")]
    pub filter: Option<String>,
    /// List every health state, segment, escalation step, risk, tag and `on`
    /// block of the flows under test, and whether a test exercised it.
    #[arg(long)]
    pub coverage: bool,
    /// Fail (exit 1) when coverage is below N percent (implies --coverage).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub threshold: Option<u32>,
}

/// `salesflow calendar`
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The calendar's name in the rules.
    pub name: String,
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

/// `salesflow plan`
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Exit 0 when there is nothing to do, 2 when actions are pending, 1 on any error.
    #[arg(long)]
    pub detailed_exitcode: bool,
}

/// `salesflow explain`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The customer's id.
    pub customer: String,
}

/// `salesflow list`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// A condition in the rule language: `tagged 新能源 and health is yellow`.
    #[arg(long = "where", value_name = "EXPR")]
    pub filter: Option<String>,
    /// Replay every customer, even where the stored columns decide (for tests
    /// that compare the two ways).
    #[arg(long, hide = true)]
    pub replay: bool,
}
