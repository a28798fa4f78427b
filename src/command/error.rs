//! Why a command could not do its work: one enum, each variant with a stable
//! code and help, carrying its exit code (PRODUCT.md: 1 the rules or the data
//! are wrong, 2 usage error or unreadable input).
//!
//! Commands return `Result<Outcome, CommandError>` and use `?`; `command::main`
//! renders the error once, as text on stderr or, under `--format json`, as
//! `{"error": {"code", "message", "help"}}` on stdout (plus the diagnostics of
//! rules that do not check, or the rejected rows of an import). Messages and
//! help come from the catalogue (`crate::i18n`), also for the store, import,
//! team and config errors a command passes on; codes never change with the
//! language.

use std::fmt;
use std::io;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::output::{Printer, err, errln};
use crate::apply::ApplyError;
use crate::cli::Format;
use crate::config::ConfigError;
use crate::demo::DemoError;
use crate::diagnostic::Diagnostic;
use crate::import::{ImportError, RowError};
use crate::model::UpdateField;
use crate::record::RecordError;
use crate::report::ReportError;
use crate::store::StoreError;
use crate::team::TeamError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CommandError {
    /// The command line asks for something that cannot be done (message and
    /// help already in the user's language).
    Usage {
        /// What is wrong.
        message: String,
        /// What to do instead.
        help: Option<String>,
    },
    /// `--format` names a format this command does not write.
    UnsupportedFormat {
        /// The command, as typed (`task list`).
        command: String,
        /// The format asked for.
        format: Format,
        /// The formats it writes.
        supported: &'static [Format],
    },
    /// A value on the command line that does not parse (a time, a duration).
    BadValue {
        /// What is wrong, with the value.
        message: String,
        /// How to write it.
        help: Option<String>,
    },
    /// A file or folder cannot be read.
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file cannot be written.
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// stdout failed (not a closed pipe, which is quiet).
    Output(io::Error),
    /// salesflow.yaml is unreadable or wrong.
    Config(#[from] ConfigError),
    /// The team file is unreadable or wrong.
    Team(#[from] TeamError),
    /// The store refused or failed.
    Store(#[from] StoreError),
    /// An import file cannot be read.
    Import(ImportError),
    /// Rows of an import are wrong: every one is listed, nothing was written.
    Rejected {
        /// The file.
        file: String,
        /// What it held.
        kind: &'static str,
        /// Every wrong row.
        errors: Vec<RowError>,
    },
    /// The command runs the rules and none are configured.
    NoRules {
        /// The command as typed (`plan`, `import customers`).
        command: String,
    },
    /// The rules have errors.
    RulesDoNotCheck {
        /// The root rule file.
        path: PathBuf,
        /// Its diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
    /// `list --where` was given a condition with errors.
    Condition {
        /// Its diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
    /// A `--by` person nobody in the team is.
    UnknownPerson {
        /// As given.
        id: String,
    },
    /// A calendar the rules do not declare.
    UnknownCalendar {
        /// As given.
        name: String,
        /// The calendars of the rules, listed (empty: none).
        declared: String,
    },
    /// A record the record rules refuse (the first reason; every reason is printed
    /// before it).
    Refused(#[from] RecordError),
    /// A pass of the rules could not run.
    Apply(ApplyError),
    /// A report could not be made (a bad period, `--compare-to`, `--calendar`).
    Report(#[from] crate::report::ReportError),
    /// A delivery channel or digest of salesflow.yaml cannot be used.
    Delivery(#[from] crate::deliver::ConfigError),
    /// A digest could not be composed.
    Digest(crate::deliver::DigestError),
    /// No outbox message with this id.
    UnknownMessage(i64),
    /// `outbox retry` of a message that must not be sent (again).
    NotRetriable(super::outbox_error::NotRetriable),
    /// `salesflow demo` could not build its project.
    Demo(DemoError),
}

impl From<crate::deliver::DigestError> for CommandError {
    fn from(e: crate::deliver::DigestError) -> Self {
        match e {
            crate::deliver::DigestError::Store(e) => CommandError::Store(e),
            e @ crate::deliver::DigestError::Report { .. } => CommandError::Digest(e),
        }
    }
}

impl From<ApplyError> for CommandError {
    fn from(e: ApplyError) -> Self {
        match e {
            ApplyError::Store(e) => CommandError::Store(e),
            e @ ApplyError::Backwards { .. } => CommandError::Apply(e),
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl miette::Diagnostic for CommandError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code_name()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help_text()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

impl CommandError {
    /// A usage error with advice (both already in the user's language).
    pub(crate) fn usage(message: String, help: Option<String>) -> CommandError {
        CommandError::Usage { message, help }
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
                | StoreError::UnreadableRow { .. }
                | StoreError::Exists { .. },
            )
            | CommandError::Rejected { .. }
            | CommandError::RulesDoNotCheck { .. }
            | CommandError::Condition { .. }
            | CommandError::UnknownPerson { .. }
            | CommandError::UnknownMessage(_)
            | CommandError::NotRetriable(_)
            | CommandError::Refused(_) => 1,
            _ => 2,
        }
    }

    /// The stable code, `salesflow::…`, the same in every language.
    pub(crate) fn code_name(&self) -> String {
        use miette::Diagnostic as _;
        let code = match self {
            CommandError::Usage { .. } => "salesflow::usage",
            CommandError::UnsupportedFormat { .. } => "salesflow::usage::format",
            CommandError::BadValue { .. } => "salesflow::usage::value",
            CommandError::Read { .. } => "salesflow::unreadable",
            CommandError::Write { .. } => "salesflow::unwritable",
            CommandError::Output(_) => "salesflow::output",
            CommandError::Config(e) => return inner_code(e.code()),
            CommandError::Team(e) => return inner_code(e.code()),
            CommandError::Store(e) => return inner_code(e.code()),
            CommandError::Import(e) => return inner_code(e.code()),
            CommandError::Rejected { .. } => "salesflow::import::rejected",
            CommandError::NoRules { .. } => "salesflow::no_rules",
            CommandError::RulesDoNotCheck { .. } => "salesflow::rules_do_not_check",
            CommandError::Condition { .. } => "salesflow::bad_condition",
            CommandError::UnknownPerson { .. } => "salesflow::unknown_person",
            CommandError::UnknownCalendar { .. } => "salesflow::unknown_calendar",
            CommandError::Refused(e) => return inner_code(e.code()),
            CommandError::Apply(e) => return inner_code(e.code()),
            CommandError::Report(e) => return inner_code(e.code()),
            CommandError::Delivery(e) => return inner_code(e.code()),
            CommandError::Digest(e) => return inner_code(e.code()),
            CommandError::UnknownMessage(_) => "salesflow::outbox::unknown_message",
            CommandError::NotRetriable(_) => "salesflow::outbox::not_retriable",
            CommandError::Demo(e) => return inner_code(e.code()),
        };
        code.to_string()
    }

    /// The message in the user's language.
    fn message(&self) -> String {
        match self {
            CommandError::Usage { message, .. } | CommandError::BadValue { message, .. } => {
                message.clone()
            }
            CommandError::UnsupportedFormat {
                command, format, ..
            } => t!(
                "error-unsupported-format",
                command = command,
                format = format.name()
            ),
            CommandError::Read { path, source } => {
                t!("error-read", path = path, reason = source.to_string())
            }
            CommandError::Write { path, source } => {
                t!("error-write", path = path, reason = source.to_string())
            }
            CommandError::Output(e) => t!("error-output", reason = e.to_string()),
            CommandError::Config(e) => config_message(e),
            CommandError::Team(e) => team_message(e),
            CommandError::Store(e) => store_message(e),
            CommandError::Import(e) => import_message(e),
            CommandError::Rejected { file, errors, .. } => {
                t!("error-rejected", file = file, count = errors.len())
            }
            CommandError::NoRules { command } => t!("error-no-rules", command = command),
            CommandError::RulesDoNotCheck { path, .. } => {
                t!("error-rules-do-not-check", path = path)
            }
            CommandError::Condition { .. } => t!("error-condition"),
            CommandError::UnknownPerson { id } => t!("error-unknown-person", id = id),
            CommandError::UnknownCalendar { name, .. } => {
                t!("error-unknown-calendar", name = name)
            }
            CommandError::Refused(e) => record_message(e),
            CommandError::Apply(e) => apply_message(e),
            CommandError::Report(e) => report_message(e),
            CommandError::Delivery(e) => super::outbox_error::config_message(e),
            CommandError::Digest(e) => super::outbox_error::digest_message(e),
            CommandError::UnknownMessage(id) => t!("error-outbox-unknown-message", id = *id),
            CommandError::NotRetriable(why) => why.message(),
            CommandError::Demo(e) => demo_message(e),
        }
    }

    /// Advice in the user's language, when there is some.
    fn help_text(&self) -> Option<String> {
        Some(match self {
            CommandError::Usage { help, .. } | CommandError::BadValue { help, .. } => {
                return help.clone();
            }
            CommandError::UnsupportedFormat { supported, .. } => {
                let names: Vec<String> = supported
                    .iter()
                    .map(|f| format!("`{}`", f.name()))
                    .collect();
                t!("help-unsupported-format", formats = names.join(", "))
            }
            CommandError::Config(ConfigError::Parse { .. }) => t!("help-config-keys"),
            CommandError::Team(TeamError::Parse { .. }) => t!("help-team-shape"),
            CommandError::Store(e) => return store_help(e),
            CommandError::Import(ImportError::Format { .. }) => t!("help-import-format"),
            CommandError::Import(ImportError::Read { .. }) => t!("help-import-read"),
            CommandError::Import(ImportError::Map { .. }) => t!("help-import-map"),
            CommandError::Import(ImportError::NoRules { .. }) | CommandError::NoRules { .. } => {
                t!("help-no-rules")
            }
            CommandError::RulesDoNotCheck { .. } => t!("help-rules-do-not-check"),
            CommandError::Condition { .. } => t!("help-condition"),
            CommandError::UnknownPerson { .. } => t!("help-unknown-person"),
            CommandError::UnknownCalendar { declared, .. } if declared.is_empty() => {
                t!("help-no-calendar")
            }
            CommandError::UnknownCalendar { declared, .. } => {
                t!("help-unknown-calendar", declared = declared)
            }
            CommandError::Refused(e) => record_help(e),
            CommandError::Report(e) => return report_help(e),
            CommandError::Apply(ApplyError::Backwards { last, .. }) => {
                t!("help-apply-backwards", last = last)
            }
            CommandError::Delivery(e) => super::outbox_error::config_help(e),
            CommandError::Digest(e) => super::outbox_error::digest_help(e),
            CommandError::UnknownMessage(_) => t!("help-outbox-unknown-message"),
            CommandError::NotRetriable(why) => why.help(),
            CommandError::Demo(e) => return demo_help(e),
            _ => return None,
        })
    }

    /// `{"error": {"code", "message", "help"}}`, with the diagnostics or rejected
    /// rows beside it.
    pub(crate) fn to_json(&self) -> Value {
        let mut doc = json!({
            "error": {
                "code": self.code_name(),
                "message": self.message(),
                "help": self.help_text(),
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
        errln!(p, "{}", t!("error-line", message = self.message()));
        if let Some(help) = self.help_text() {
            errln!(p, "{}", t!("help-line", help = help));
        }
    }
}

fn inner_code(code: Option<Box<dyn fmt::Display + '_>>) -> String {
    code.map_or_else(|| "salesflow::error".to_string(), |c| c.to_string())
}

fn config_message(e: &ConfigError) -> String {
    match e {
        ConfigError::Read { path, source } => {
            t!("error-read", path = path, reason = source.to_string())
        }
        ConfigError::Parse {
            path,
            line,
            message,
        } => t!(
            "error-config-parse",
            path = path,
            line = *line,
            reason = message
        ),
    }
}

fn team_message(e: &TeamError) -> String {
    match e {
        TeamError::Read { path, source } => {
            t!("error-read", path = path, reason = source.to_string())
        }
        TeamError::Parse {
            path,
            line,
            message,
        } => t!(
            "error-config-parse",
            path = path,
            line = *line,
            reason = message
        ),
        TeamError::Invalid { path, message } => {
            t!("error-team-invalid", path = path, reason = message)
        }
    }
}

fn store_message(e: &StoreError) -> String {
    match e {
        StoreError::Exists { path } => t!("error-store-exists", path = path),
        StoreError::NotFound { path } => t!("error-store-not-found", path = path),
        StoreError::Create { path, source } => {
            t!(
                "error-store-create",
                path = path,
                reason = source.to_string()
            )
        }
        StoreError::TooNew { found, known } => {
            t!("error-store-too-new", found = *found, known = *known)
        }
        StoreError::Outdated { found, known } => {
            t!("error-store-outdated", found = *found, known = *known)
        }
        StoreError::Busy => t!("error-store-busy"),
        StoreError::UnknownCustomer(id) => t!("error-unknown-customer", id = id),
        StoreError::UnknownTask(id) => t!("error-unknown-task", id = *id),
        StoreError::UnknownSignal(id) => t!("error-unknown-signal", id = *id),
        StoreError::Damaged { reason } => t!("error-store-damaged", reason = reason),
        StoreError::ReadOnly { reason } => t!("error-store-read-only", reason = reason),
        // Failures of the database itself: SQLite's own words are what a
        // maintainer needs.
        e => e.to_string(),
    }
}

fn store_help(e: &StoreError) -> Option<String> {
    Some(match e {
        StoreError::Exists { .. } => t!("help-store-exists"),
        StoreError::NotFound { .. } => t!("help-store-not-found"),
        StoreError::TooNew { .. } => t!("help-store-too-new"),
        StoreError::Outdated { .. } => t!("help-store-outdated"),
        StoreError::Busy => t!("help-store-busy"),
        StoreError::Damaged { .. } => t!("help-store-damaged"),
        StoreError::ReadOnly { .. } => t!("help-store-read-only"),
        StoreError::UnknownTask(_) => t!("help-unknown-task"),
        StoreError::UnknownSignal(_) => t!("help-unknown-signal"),
        _ => return None,
    })
}

fn import_message(e: &ImportError) -> String {
    match e {
        ImportError::Read { file, message } => t!("error-read", path = file, reason = message),
        ImportError::Format { file } => t!("error-import-format", file = file),
        ImportError::NoRules { kind } => t!("error-no-rules", command = format!("import {kind}")),
        e => e.to_string(),
    }
}

fn report_message(e: &ReportError) -> String {
    match e {
        ReportError::BadTime { flag, value } => {
            t!("error-report-bad-time", flag = *flag, value = value)
        }
        ReportError::EmptyPeriod { from, to } => {
            t!("error-report-empty-period", from = from, to = to)
        }
        ReportError::BadCompare(value) => t!("error-report-bad-compare", value = value),
        ReportError::UnknownCalendar(name) => t!("error-report-unknown-calendar", name = name),
        ReportError::Store(e) => store_message(e),
    }
}

fn report_help(e: &ReportError) -> Option<String> {
    Some(match e {
        ReportError::BadTime { .. } => t!("help-report-bad-time"),
        ReportError::EmptyPeriod { .. } => t!("help-report-empty-period"),
        ReportError::BadCompare(_) => t!("help-report-bad-compare"),
        ReportError::UnknownCalendar(_) => t!("help-report-unknown-calendar"),
        ReportError::Store(e) => return store_help(e),
    })
}

fn demo_message(e: &DemoError) -> String {
    match e {
        DemoError::NotEmpty { dir } => t!("error-demo-not-empty", dir = dir),
        DemoError::Write { path, source } => {
            t!("error-write", path = path, reason = source.to_string())
        }
        DemoError::Read { path, source } => {
            t!("error-read", path = path, reason = source.to_string())
        }
        DemoError::Rules { messages } => t!("error-demo-rules", reason = messages.join("; ")),
        DemoError::Refused { reason } => t!("error-demo-refused", reason = reason),
        DemoError::Store(e) => store_message(e),
        DemoError::Apply(e) => apply_message(e),
        DemoError::Report(e) => report_message(e),
    }
}

fn demo_help(e: &DemoError) -> Option<String> {
    Some(match e {
        DemoError::NotEmpty { .. } => t!("help-demo-not-empty"),
        DemoError::Write { .. } => t!("help-demo-unwritable"),
        DemoError::Rules { .. } => t!("help-demo-rules"),
        DemoError::Refused { .. } => t!("help-demo-refused"),
        DemoError::Store(e) => return store_help(e),
        DemoError::Read { .. } | DemoError::Apply(_) | DemoError::Report(_) => return None,
    })
}

fn apply_message(e: &ApplyError) -> String {
    match e {
        ApplyError::Backwards { at, last } => t!("error-apply-backwards", at = at, last = last),
        ApplyError::Store(e) => store_message(e),
    }
}

fn record_message(e: &RecordError) -> String {
    match e {
        RecordError::OutOfRange { at } => t!("error-record-out-of-range", at = at),
        RecordError::BeforeCreation {
            customer,
            at,
            created,
        } => t!(
            "error-record-before-creation",
            customer = customer,
            at = at,
            created = created
        ),
        RecordError::UpdateRequires { customer, missing } => {
            let fields: Vec<String> = missing.iter().map(|f| format!("`{}`", f.name())).collect();
            t!(
                "error-update-requires",
                customer = customer,
                fields = fields.join(", ")
            )
        }
        RecordError::EmptyUpdate { customer } => t!("error-empty-update", customer = customer),
        RecordError::UnknownStage { stage, .. } => t!("error-unknown-stage", stage = stage),
        RecordError::EvidenceRequired { stage, label } => {
            t!("error-evidence-required", stage = stage, label = label)
        }
        RecordError::VerdictWord { word } => t!("error-verdict-word", word = word),
        RecordError::UnknownRisk { risk } => t!("error-unknown-risk", risk = risk),
        RecordError::NothingToJudge { customer, risk } => {
            t!("error-nothing-to-judge", customer = customer, risk = risk)
        }
    }
}

fn record_help(e: &RecordError) -> String {
    match e {
        RecordError::OutOfRange { .. } => t!("help-record-out-of-range"),
        RecordError::BeforeCreation { .. } => t!("help-record-before-creation"),
        RecordError::UpdateRequires { missing, .. } => {
            let flags: Vec<String> = missing
                .iter()
                .map(|f| format!("`{}`", update_flag(*f)))
                .collect();
            t!("help-update-requires", flags = flags.join(", "))
        }
        RecordError::EmptyUpdate { .. } => t!("help-empty-update"),
        RecordError::UnknownStage { known, .. } => {
            let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            t!("help-unknown-stage", pipeline = known.join(", "))
        }
        RecordError::EvidenceRequired { .. } => t!("help-evidence-required"),
        RecordError::VerdictWord { .. } => t!("help-verdict-word"),
        RecordError::UnknownRisk { .. } => t!("help-unknown-risk"),
        RecordError::NothingToJudge { .. } => t!("help-nothing-to-judge"),
    }
}

/// The flag of `salesflow update` that gives a field.
fn update_flag(field: UpdateField) -> &'static str {
    match field {
        UpdateField::Status => "--status",
        UpdateField::NextAction => "--next",
        UpdateField::Blocker => "--blocker",
        UpdateField::Note => "--note",
        UpdateField::Evidence => "--evidence",
    }
}
