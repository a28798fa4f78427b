//! The command line, as clap types. Raw flags only: `command/` turns them into
//! fully resolved settings before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod store_args;
use store_args::{IMPORT_EXIT_CODES, INIT_EXIT_CODES, RECORD_EXIT_CODES};
pub use store_args::{
    ImportArgs, InitArgs, ListFilter, MoveArgs, SignalCommand, TaskCommand, UpdateArgs, VerdictArg,
};

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
    /// What `apply` would do now, written nowhere (the store stays byte-identical).
    #[command(after_help = PLAN_EXIT_CODES)]
    Plan(PlanArgs),
    /// Evaluate the rules and record every effect once: health, signals, tasks,
    /// escalation steps, outbox messages.
    #[command(after_help = APPLY_EXIT_CODES)]
    Apply(ApplyArgs),
    /// Why a customer is in its health state, segment and stage, and its timers.
    #[command(after_help = READ_EXIT_CODES)]
    Explain(ExplainArgs),
    /// Customers matching a condition in the rule language.
    #[command(after_help = READ_EXIT_CODES)]
    List(ListArgs),
    /// Rewrite rule files in the canonical layout (in place, or `--check`, or `--diff`).
    #[command(after_help = FMT_EXIT_CODES)]
    Fmt(FmtArgs),
    /// Create the store, and a starter salesflow.yaml, rule file and team file
    /// where none exists. Never overwrites anything.
    #[command(after_help = INIT_EXIT_CODES)]
    Init(InitArgs),
    /// Import team, customers, events, stages or tasks from CSV, XLSX, JSON Lines or
    /// YAML; every row is checked and a file with any bad row writes nothing.
    #[command(after_help = IMPORT_EXIT_CODES)]
    Import(ImportArgs),
    /// Record a customer's progress update (the rules say which fields it needs).
    #[command(after_help = RECORD_EXIT_CODES)]
    Update(UpdateArgs),
    /// Record that a customer entered a pipeline stage.
    #[command(after_help = RECORD_EXIT_CODES)]
    Move(MoveArgs),
    /// List tasks, or close one.
    #[command(subcommand, after_help = RECORD_EXIT_CODES)]
    Task(TaskCommand),
    /// List risk signals, or judge one.
    #[command(subcommand, after_help = RECORD_EXIT_CODES)]
    Signal(SignalCommand),
    /// Run rule test files: customers, a timeline of events and what the rules
    /// must have done by given times, on virtual time against a store in memory.
    #[command(after_help = TEST_EXIT_CODES)]
    Test(TestArgs),
}

const APPLY_EXIT_CODES: &str = "\
Exit codes:
  0  applied (or nothing was due)
  1  the rules do not check, or a template failed to render for a customer (its
     other effects are applied; the failed message is tried again on every apply)
  2  usage error, unreadable input, or no store";

const READ_EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the rules (or the --where condition) do not check
  2  usage error, unreadable input, no store, or an unknown customer";

const PLAN_EXIT_CODES: &str = "\
Exit codes:
  0  success (with --detailed-exitcode: nothing to do)
  1  the rules or a template failed to evaluate
  2  usage error or unreadable input (with --detailed-exitcode: actions pending)";

/// Where the store, rules and team are, and what time it is.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// The customer store (default: `db` of salesflow.yaml, else `salesflow.db`).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// The root rule file (default: `rules` of salesflow.yaml).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// The team file (default: `team` of salesflow.yaml).
    #[arg(long)]
    pub team: Option<PathBuf>,
    /// "Now": RFC 3339, or `2026-03-02 09:00` in the flow's time zone (default: the clock).
    #[arg(long)]
    pub at: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `salesflow apply`
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
    /// Customers no apply has covered yet go live at TIME (old customers imported
    /// into a live store): what their rules would have sent or asked before it is
    /// recorded as suppressed. Customers already covered are left alone.
    #[arg(long, value_name = "TIME")]
    pub live_from: Option<String>,
}

/// `salesflow plan`
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
    /// Exit 0 when there is nothing to do and 2 when actions are pending.
    #[arg(long)]
    pub detailed_exitcode: bool,
}

/// `salesflow explain`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The customer's id.
    pub customer: String,
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// `salesflow list`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// A condition in the rule language: `tagged 新能源 and health is yellow`.
    #[arg(long = "where", value_name = "EXPR")]
    pub filter: Option<String>,
    /// Store, rules, team, time, format.
    #[command(flatten)]
    pub run: RunArgs,
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

const FMT_EXIT_CODES: &str = "\
Exit codes:
  0  success (--check: every file is formatted already)
  1  a file has syntax errors (it is left as it was), or with --check a file would change
  2  usage error, unreadable input, or a file that cannot be written";

/// `salesflow fmt`
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Rule files, or folders of `*.flow` files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the files that would change, and exit 1 if any would.
    #[arg(long)]
    pub check: bool,
    /// Write nothing; print a unified diff of what would change.
    #[arg(long)]
    pub diff: bool,
}

const TEST_EXIT_CODES: &str = "\
Exit codes:
  0  every test passed (and coverage reached --threshold)
  1  a test failed, or coverage is below --threshold
  2  a test file could not be read or parsed (an unknown key included), or its
     rules do not check; usage error";

/// Output format of `salesflow test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TestFormat {
    /// A line per test, failures in detail, then `N passed, N failed`.
    #[default]
    Human,
    /// JSON for programs.
    Json,
    /// JUnit XML: a testsuite per file, a testcase per expectation.
    Junit,
}

/// `salesflow test`
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Test files, or folders searched recursively for `*.yaml`.
    #[arg(required = true)]
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
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: TestFormat,
}
