//! The `salesflow` binary: parse the command line, run, return the exit code.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = salesflow::cli::Cli::parse();
    salesflow::command::run(cli).into()
}
