//! Clap types of `salesflow demo` and `salesflow init`: the commands that make a
//! project a new user can run at once.

use std::path::PathBuf;

use clap::Args;

/// `salesflow demo`
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to build the demo project: a new or empty folder (default: a new
    /// folder under the system's temporary folder, kept afterwards).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// How many customers to generate (about 30% already in the CRM on the
    /// first day, the others arriving over the days).
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub customers: u32,
    /// Days of history, each ticked by an evening apply; they end the day before
    /// `--at` (default: today).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// The generator's seed: the same seed, sizes and `--at` day give the same store.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Build the store and say where it is, without the tour (for benchmarks).
    #[arg(long)]
    pub no_tour: bool,
}

/// `salesflow init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The project's folder, created if missing, in the standard layout
    /// (salesflow.yaml, salesflow.db, rules/main.flow, team.yaml, tests/, sample
    /// CSVs). Default: the working directory, where `--db`, `--rules` and `--team`
    /// name the files.
    pub dir: Option<PathBuf>,
    /// When the store goes live (default: now): messages and tasks the rules would
    /// have produced before it are recorded as suppressed, never sent.
    #[arg(long, value_name = "TIME")]
    pub live_from: Option<String>,
}
