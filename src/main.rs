//! The `salesflow` binary: parse the command line, run, return the exit code.

use std::process::ExitCode;

/// mimalloc: the syntax trees are many small allocations made on one thread and
/// freed on another, where glibc's allocator spends a fifth of a large check.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    salesflow::command::main(std::env::args_os())
}
