//! Clap types of `salesflow report`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// Customers reaching each stage, conversion, milestone pass rates, won and lost.
    Funnel,
    /// Time in each stage (calendar and working days), overdue share, top delay
    /// reasons, and the heatmap of mean dwell per stage and week (or --by).
    Dwell,
    /// Node coverage, response SLA and risk accuracy against the goals, with a
    /// finding for each goal missed.
    Journey,
}

/// How to split a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    /// The customer's owner.
    Owner,
    /// The customer's segment.
    Segment,
    /// Each of the customer's tags.
    Tag,
    /// Each ISO week of the period.
    Week,
}

/// `salesflow report`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    pub kind: ReportKind,
    /// First day (`2026-03-01`) or instant of the period (default: 30 days before --to).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day counted (`2026-03-31`), or the first instant not counted (default: --at).
    #[arg(long)]
    pub to: Option<String>,
    /// Split by owner, segment, tag or week (dwell: the heatmap's columns).
    #[arg(long, value_enum)]
    pub by: Option<ReportBy>,
    /// Set another period beside this one: `previous`, or `2026-02-01..2026-02-28`.
    #[arg(long, value_name = "previous|FROM..TO")]
    pub compare_to: Option<String>,
    /// Count working days on this calendar of the rules (default: the first declared).
    #[arg(long)]
    pub calendar: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}
