//! clap's help in the user's language. The clap types (derived) give the shape
//! of the command line; this walks the built `clap::Command` and sets every
//! command's about and exit codes, every flag's help and every heading from the
//! message catalogue (`crate::i18n`), so `--help` reads in Chinese or English.
//!
//! Keys: `cli-{path}` for a command's about (`cli-salesflow`, `cli-task-list`),
//! `cli-{path}-exit` for its exit codes, `cli-{path}--{arg}` for an argument,
//! `cli-global--{arg}` for the flags every command accepts. A test walks the tree
//! and fails when a key has no text. clap's own error messages stay English.

use clap::{Arg, ArgAction, Command, CommandFactory as _};

use super::Cli;
use crate::i18n::{Args, tr};

/// The command line with help texts in the current language.
pub fn command() -> Command {
    let cmd = Cli::command().disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(text("cli-version"))
            .help_heading(text("cli-heading-options")),
    );
    localize(cmd, "salesflow")
}

/// Every key the help texts use (for the catalogue test).
pub fn keys() -> Vec<String> {
    let mut keys = vec!["cli-version".to_string(), "cli-help".to_string()];
    collect(&Cli::command(), "salesflow", &mut keys);
    keys
}

fn collect(cmd: &Command, path: &str, keys: &mut Vec<String>) {
    keys.push(format!("cli-{path}"));
    keys.push(format!("cli-{path}-exit"));
    for arg in cmd.get_arguments() {
        keys.push(arg_key(path, arg));
    }
    for sub in cmd.get_subcommands() {
        collect(sub, &child(path, sub.get_name()), keys);
    }
}

/// `check` under the root, `task-list` under `task`.
fn child(path: &str, name: &str) -> String {
    if path == "salesflow" {
        name.to_string()
    } else {
        format!("{path}-{name}")
    }
}

fn arg_key(path: &str, arg: &Arg) -> String {
    if arg.is_global_set() {
        format!("cli-global--{}", arg.get_id())
    } else {
        format!("cli-{path}--{}", arg.get_id())
    }
}

fn text(key: &str) -> String {
    tr(key, &Args::new())
}

fn localize(mut cmd: Command, path: &str) -> Command {
    cmd = cmd
        .about(text(&format!("cli-{path}")))
        .long_about(None)
        .after_help(text(&format!("cli-{path}-exit")))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(text("cli-heading-commands"))
        .help_template(format!(
            "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            text("cli-heading-usage")
        ));
    let helps: Vec<(String, String, String, bool)> = cmd
        .get_arguments()
        .filter(|a| a.get_id() != "help" && a.get_id() != "version")
        .map(|a| {
            let heading = if a.is_global_set() {
                text("cli-heading-global")
            } else if a.is_positional() {
                text("cli-heading-arguments")
            } else {
                text("cli-heading-options")
            };
            let choices = a.get_action().takes_values() && !a.get_possible_values().is_empty();
            (
                a.get_id().to_string(),
                text(&arg_key(path, a)),
                heading,
                choices,
            )
        })
        .collect();
    for (order, (id, help, heading, choices)) in helps.into_iter().enumerate() {
        cmd = cmd.mut_arg(id, |a| {
            // The values are listed in the (translated) help text itself.
            a.help(help)
                .help_heading(heading)
                .hide_possible_values(choices)
                .display_order(order)
        });
    }
    // Last, so each command's own arguments and options come first.
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(text("cli-help"))
            .help_heading(text("cli-heading-options"))
            .display_order(usize::MAX),
    );
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = child(path, &name);
        cmd = cmd.mut_subcommand(name, |sub| localize(sub, &sub_path));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_localized_command_line_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn every_subcommand_has_help_in_the_catalogue() {
        // `keys` is what the catalogue test checks; it must reach every leaf.
        let keys = keys();
        for key in [
            "cli-task-done--id",
            "cli-calendar-show--from",
            "cli-global--lang",
            "cli-plan-exit",
        ] {
            assert!(keys.iter().any(|k| k == key), "{key} missing from {keys:?}");
        }
    }
}
