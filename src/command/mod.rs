//! One file per command. Each takes its parsed arguments and returns an [`Exit`].

mod apply;
mod calendar;
mod check;
mod explain;
mod fmt;
mod import;
mod init;
mod list;
mod move_stage;
mod plan;
mod record;
mod report;
mod runtime;
mod settings;
mod signal;
mod task;
mod test;
mod update;

use crate::cli::{Cli, Command};

/// How a command ended; maps to the process exit code listed in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success.
    Success,
    /// 1: the rules or the data have errors.
    Failure,
    /// 2: usage error or unreadable input.
    Usage,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        match e {
            Exit::Success => Self::SUCCESS,
            Exit::Failure => Self::from(1),
            Exit::Usage => Self::from(2),
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Calendar(args) => calendar::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Apply(args) => apply::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::List(args) => list::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Update(args) => update::run(&args),
        Command::Move(args) => move_stage::run(&args),
        Command::Task(command) => task::run(&command),
        Command::Signal(command) => signal::run(&command),
        Command::Test(args) => test::run(&args),
        Command::Report(args) => report::run(&args),
    }
}

/// Whether to draw in colour: a terminal, and `NO_COLOR` unset.
pub(crate) fn color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A file as given, or every `*.flow` file in a folder (sorted), for `check` and
/// `fmt`.
pub(crate) fn flow_files(path: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    if !path.is_dir() {
        std::fs::metadata(path)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "flow") && p.is_file())
        .collect();
    found.sort();
    Ok(found)
}
