//! Why a command could not do its work: one enum, each variant a miette
//! diagnostic with a stable code and help, carrying its exit code (PRODUCT.md:
//! 1 the rules or the data are wrong, 2 usage error or unreadable input).
//!
//! Commands return `Result<Outcome, CommandError>` and use `?`; `command::run`
//! renders the error once, as text on stderr or, under `--format json`, as
//! `{"error": {"code", "message", "help"}}` on stdout (plus the diagnostics of
//! rules that do not check, or the rejected rows of an import).

use std::io;
use std::path::PathBuf;

use miette::Diagnostic as _;
use serde_json::{Value, json};

use super::output::{Printer, err, errln};
use crate::apply::ApplyError;
use crate::cli::Format;
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::import::{ImportError, RowError};
use crate::record::RecordError;
use crate::store::StoreError;
use crate::team::TeamError;

/// Why a command failed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub(crate) enum CommandError {
    /// The command line asks for something that cannot be done.
    #[error("{message}")]
    #[diagnostic(code(salesflow::usage))]
    Usage {
        /// What is wrong.
        message: String,
        /// What to do instead.
        #[help]
        help: Option<String>,
    },
    /// `--format` names a format this command does not write.
    #[error("`salesflow {command}` does not write `--format {}`", format.name())]
    #[diagnostic(
        code(salesflow::usage::format),
        help("{}", supported_formats(supported))
    )]
    UnsupportedFormat {
        /// The command, as typed (`task list`).
        command: String,
        /// The format asked for.
        format: Format,
        /// The formats it writes.
        supported: &'static [Format],
    },
    /// A value on the command line that does not parse (a time, a duration).
    #[error("{message}")]
    #[diagnostic(code(salesflow::usage::value))]
    BadValue {
        /// What is wrong, with the value.
        message: String,
        /// How to write it.
        #[help]
        help: Option<String>,
    },
    /// A file or folder cannot be read.
    #[error("cannot read `{}`: {source}", path.display())]
    #[diagnostic(code(salesflow::unreadable))]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file cannot be written.
    #[error("cannot write `{}`: {source}", path.display())]
    #[diagnostic(code(salesflow::unwritable))]
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// stdout failed (not a closed pipe, which is quiet).
    #[error("cannot write the output: {0}")]
    #[diagnostic(code(salesflow::output))]
    Output(io::Error),
    /// salesflow.yaml is unreadable or wrong.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] ConfigError),
    /// The team file is unreadable or wrong.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Team(#[from] TeamError),
    /// The store refused or failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Store(#[from] StoreError),
    /// An import file cannot be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Import(ImportError),
    /// Rows of an import are wrong: every one is listed, nothing was written.
    #[error("`{file}` rejected: {} error{}; nothing was written", errors.len(), plural(errors.len()))]
    #[diagnostic(code(salesflow::import::rejected))]
    Rejected {
        /// The file.
        file: String,
        /// What it held.
        kind: &'static str,
        /// Every wrong row.
        errors: Vec<RowError>,
    },
    /// The command runs the rules and none are configured.
    #[error("{what} needs the rules")]
    #[diagnostic(
        code(salesflow::no_rules),
        help("pass `--rules FILE` or set `rules:` in salesflow.yaml")
    )]
    NoRules {
        /// What needs them (`plan`, `importing customers`).
        what: String,
    },
    /// The rules have errors.
    #[error("`{}` does not check", path.display())]
    #[diagnostic(
        code(salesflow::rules_do_not_check),
        help("the errors are listed above; `salesflow check` shows them too")
    )]
    RulesDoNotCheck {
        /// The root rule file.
        path: PathBuf,
        /// Its diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
    /// `list --where` was given a condition with errors.
    #[error("the `--where` condition does not check")]
    #[diagnostic(
        code(salesflow::bad_condition),
        help("write a condition as in a `health` state: `tagged 新能源 and health is yellow`")
    )]
    Condition {
        /// Its diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
    /// A `--by` person nobody in the team is.
    #[error("`--by {id}`: no such person in the team")]
    #[diagnostic(
        code(salesflow::unknown_person),
        help("give a person id of the team file")
    )]
    UnknownPerson {
        /// As given.
        id: String,
    },
    /// A calendar the rules do not declare.
    #[error("no calendar `{name}` in the rules")]
    #[diagnostic(code(salesflow::unknown_calendar), help("declared: {declared}"))]
    UnknownCalendar {
        /// As given.
        name: String,
        /// The calendars of the rules, listed.
        declared: String,
    },
    /// A record the record rules refuse (the first reason; every reason is printed
    /// before it).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Refused(#[from] RecordError),
    /// A pass of the rules could not run.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Apply(ApplyError),
    /// `salesflow demo` could not build its project.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Demo(crate::demo::DemoError),
}

impl From<ApplyError> for CommandError {
    fn from(e: ApplyError) -> Self {
        match e {
            ApplyError::Store(e) => CommandError::Store(e),
            e @ ApplyError::Backwards { .. } => CommandError::Apply(e),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn supported_formats(formats: &[Format]) -> String {
    let names: Vec<String> = formats.iter().map(|f| format!("`{}`", f.name())).collect();
    format!("it writes {}", names.join(", "))
}

impl CommandError {
    /// A usage error with advice.
    pub(crate) fn usage(message: impl Into<String>, help: Option<&str>) -> CommandError {
        CommandError::Usage {
            message: message.into(),
            help: help.map(str::to_string),
        }
    }

    /// A value that does not parse, from a parser's message.
    pub(crate) fn bad_value(message: impl Into<String>) -> CommandError {
        CommandError::BadValue {
            message: message.into(),
            help: None,
        }
    }

    /// An import error: rejected rows are a data error of their own.
    pub(crate) fn import(e: ImportError, kind: &'static str) -> CommandError {
        match e {
            ImportError::Rejected { file, errors } => CommandError::Rejected { file, kind, errors },
            ImportError::Store(e) => CommandError::Store(e),
            e => CommandError::Import(e),
        }
    }

    /// The process exit code: 1 the rules or the data are wrong, 2 usage error or
    /// unreadable input.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CommandError::Store(
                StoreError::UnknownCustomer(_)
                | StoreError::UnknownTask(_)
                | StoreError::UnknownSignal(_)
                | StoreError::Exists { .. },
            )
            | CommandError::Rejected { .. }
            | CommandError::RulesDoNotCheck { .. }
            | CommandError::Condition { .. }
            | CommandError::UnknownPerson { .. }
            | CommandError::Refused(_) => 1,
            _ => 2,
        }
    }

    /// The stable code, `salesflow::…`.
    pub(crate) fn code_name(&self) -> String {
        self.code()
            .map_or_else(|| "salesflow::error".to_string(), |c| c.to_string())
    }

    /// `{"error": {"code", "message", "help"}}`, with the diagnostics or rejected
    /// rows beside it.
    pub(crate) fn to_json(&self) -> Value {
        let mut doc = json!({
            "error": {
                "code": self.code_name(),
                "message": self.to_string(),
                "help": self.help().map(|h| h.to_string()),
            }
        });
        match self {
            CommandError::RulesDoNotCheck { diagnostics, .. }
            | CommandError::Condition { diagnostics } => {
                let list: Vec<_> = diagnostics.iter().map(Diagnostic::to_json).collect();
                doc["diagnostics"] = json!(list);
            }
            CommandError::Rejected { file, kind, errors } => {
                doc["file"] = json!(file);
                doc["kind"] = json!(kind);
                doc["written"] = json!(false);
                doc["errors"] = json!(errors);
            }
            _ => {}
        }
        doc
    }

    /// Text for people on stderr: the diagnostics or rows first, then the error
    /// and its help.
    pub(crate) fn render(&self, p: &mut Printer, color: bool) {
        match self {
            CommandError::RulesDoNotCheck { diagnostics, .. }
            | CommandError::Condition { diagnostics } => {
                for d in diagnostics {
                    err!(p, "{}", d.render_to_string(color));
                }
            }
            CommandError::Rejected { errors, .. } => {
                for e in errors {
                    errln!(p, "{e}");
                }
            }
            _ => {}
        }
        errln!(p, "error: {self}");
        if let Some(help) = self.help() {
            errln!(p, "  help: {help}");
        }
    }
}
