//! One file per command. Each takes its parsed arguments, the resolved
//! [`Settings`] and a [`Printer`], and returns `Result<Outcome, CommandError>`;
//! [`main`] parses the command line, runs the command, renders an error once
//! (text, or JSON under `--format json`) and gives the process exit code.

mod apply;
mod calendar;
mod check;
mod ci;
mod delivery;
mod demo;
mod digest_source;
mod error;
mod explain;
mod fmt;
mod import;
mod import_team;
mod init;
mod json_time;
mod labels;
mod list;
mod move_stage;
mod outbox;
mod outbox_error;
mod output;
mod plan;
mod queued;
mod record;
mod report;
mod run;
mod settings;
mod signal;
mod spool;
mod table;
mod task;
mod test;
mod update;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::FromArgMatches as _;

use crate::cli::{Cli, Command, Format, Lang, SignalCommand, TaskCommand};
use crate::config::Config;
pub(crate) use error::CommandError;
use output::{Printer, outln};
pub(crate) use settings::Settings;

/// How a command ended, when it could do its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 1: the output says what is wrong with the rules or the data (check
    /// errors, failed tests, files `fmt --check` would change).
    Failed,
    /// Exit 2: the output says which input could not be read (a test file).
    Unreadable,
    /// `plan --detailed-exitcode` with actions pending: exit 2.
    Pending,
}

impl Outcome {
    fn code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Failed => 1,
            Outcome::Unreadable | Outcome::Pending => 2,
        }
    }
}

/// The command's result.
pub(crate) type Result<T = Outcome, E = CommandError> = std::result::Result<T, E>;

/// Parses `args` (the program name first), runs the command and gives the exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    let early = Early::scan(&args);
    crate::i18n::set_lang(early.lang());
    let mut p = Printer::stdio();
    let parsed = crate::cli::command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let code = match parsed {
        Ok(cli) => run(&cli, &mut p),
        Err(e) => clap_error(&e, early.json, &mut p),
    };
    ExitCode::from(code)
}

/// What must be known before clap parses the line (its help and errors are
/// already in the user's language): `--lang`, `--config`, `--format json`.
struct Early {
    lang: Option<Lang>,
    config: Option<std::path::PathBuf>,
    json: bool,
}

impl Early {
    /// Reads the words before `--`; a value clap will refuse later is ignored here.
    fn scan(args: &[OsString]) -> Early {
        let mut early = Early {
            lang: None,
            config: None,
            json: false,
        };
        let mut words = args
            .iter()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            }
            let (flag, value) = match word.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    (flag.to_string(), Some(value.to_string()))
                }
                _ => (word.clone(), None),
            };
            if !matches!(flag.as_str(), "--lang" | "--config" | "--format") {
                continue;
            }
            let Some(value) = value.or_else(|| words.next()) else {
                break;
            };
            match flag.as_str() {
                "--lang" => early.lang = clap::ValueEnum::from_str(&value, true).ok(),
                "--config" => early.config = Some(value.into()),
                _ => early.json = value == "json",
            }
        }
        early
    }

    /// `--lang`; else `lang:` of salesflow.yaml; else the locale's, except under
    /// `--format json` (machine output stays English unless a language was chosen).
    fn lang(&self) -> Lang {
        if let Some(lang) = self.lang {
            return lang;
        }
        let configured = std::env::current_dir()
            .ok()
            .and_then(|cwd| Config::locate(self.config.as_deref(), &cwd).ok().flatten())
            .and_then(|located| located.config.lang);
        match configured {
            Some(lang) => lang,
            None if self.json => Lang::En,
            None => Lang::from_locale(),
        }
    }
}

/// Runs a parsed command line; the exit code.
fn run(cli: &Cli, p: &mut Printer) -> u8 {
    let detailed = matches!(&cli.command, Command::Plan(a) if a.detailed_exitcode);
    let format = cli.global.format.unwrap_or_default();
    let result = std::env::current_dir()
        .map_err(|source| CommandError::Read {
            path: ".".into(),
            source,
        })
        .and_then(|cwd| Settings::resolve(&cli.global, &cwd))
        .and_then(|settings| {
            crate::i18n::set_lang(settings.text_lang());
            supports(&cli.command, settings.format)?;
            dispatch(cli, &settings, p)
        });
    let mut code = match result {
        Ok(outcome) => outcome.code(),
        Err(e) => {
            report(&e, format, p);
            // As terraform: with --detailed-exitcode, 2 means "actions pending" only.
            if detailed { 1 } else { e.exit_code() }
        }
    };
    if let Some(e) = p.finish() {
        let e = CommandError::Output(e);
        e.render(p, false);
        code = if detailed { 1 } else { e.exit_code() };
    }
    code
}

fn dispatch(cli: &Cli, s: &Settings, p: &mut Printer) -> Result {
    match &cli.command {
        Command::Check(args) => check::run(args, s, p),
        Command::Fmt(args) => fmt::run(args, s, p),
        Command::Test(args) => test::run(args, s, p),
        Command::Calendar(args) => calendar::run(args, s, p),
        Command::Init(args) => init::run(args, s, p),
        Command::Import(args) => import::run(args, s, p),
        Command::Plan(args) => plan::run(args, s, p),
        Command::Apply(args) => apply::run(args, s, p),
        Command::Explain(args) => explain::run(args, s, p),
        Command::List(args) => list::run(args, s, p),
        Command::Update(args) => update::run(args, s, p),
        Command::Move(args) => move_stage::run(args, s, p),
        Command::Task(command) => task::run(command, s, p),
        Command::Signal(command) => signal::run(command, s, p),
        Command::Report(args) => report::run(args, cli.global.lang, s, p),
        Command::Outbox(command) => outbox::run(command, s, p),
        Command::Run(args) => run::run(args, s, p),
        Command::Demo(args) => demo::run(args, s, p),
    }
}

/// Human and JSON: what every command writes.
const HUMAN_JSON: &[Format] = &[Format::Human, Format::Json];

/// `check`: also the CI formats (see `ci.rs`).
const CHECK: &[Format] = &[
    Format::Human,
    Format::Json,
    Format::Github,
    Format::Gitlab,
    Format::Sarif,
];

/// `test`: also JUnit and the CI formats.
const TEST: &[Format] = &[
    Format::Human,
    Format::Json,
    Format::Junit,
    Format::Github,
    Format::Gitlab,
    Format::Sarif,
];

/// The command's name as typed, and the formats it writes.
fn formats(command: &Command) -> (&'static str, &'static [Format]) {
    match command {
        Command::Check(_) => ("check", CHECK),
        Command::Fmt(_) => ("fmt", HUMAN_JSON),
        Command::Test(_) => ("test", TEST),
        Command::Calendar(_) => ("calendar", HUMAN_JSON),
        Command::Init(_) => ("init", HUMAN_JSON),
        Command::Import(_) => ("import", HUMAN_JSON),
        Command::Plan(_) => ("plan", HUMAN_JSON),
        Command::Apply(_) => ("apply", HUMAN_JSON),
        Command::Explain(_) => ("explain", HUMAN_JSON),
        Command::List(_) => ("list", HUMAN_JSON),
        Command::Update(_) => ("update", HUMAN_JSON),
        Command::Move(_) => ("move", HUMAN_JSON),
        Command::Task(TaskCommand::List(_)) => ("task list", HUMAN_JSON),
        Command::Task(TaskCommand::Done { .. }) => ("task done", HUMAN_JSON),
        Command::Signal(SignalCommand::List(_)) => ("signal list", HUMAN_JSON),
        Command::Signal(SignalCommand::Verdict { .. }) => ("signal verdict", HUMAN_JSON),
        Command::Report(_) => (
            "report",
            &[Format::Human, Format::Json, Format::Csv, Format::Html],
        ),
        Command::Outbox(command) => (outbox::name(command), HUMAN_JSON),
        Command::Run(_) => ("run", HUMAN_JSON),
        Command::Demo(_) => ("demo", HUMAN_JSON),
    }
}

/// A usage error when the command does not write `format`.
fn supports(command: &Command, format: Format) -> Result<()> {
    let (name, supported) = formats(command);
    if supported.contains(&format) {
        Ok(())
    } else {
        Err(CommandError::UnsupportedFormat {
            command: name.to_string(),
            format,
            supported,
        })
    }
}

/// Renders an error: JSON on stdout under `--format json`, else text on stderr.
fn report(e: &CommandError, format: Format, p: &mut Printer) {
    if format == Format::Json {
        outln!(p, "{}", pretty(&e.to_json()));
    } else {
        e.render(p, color(std::io::stderr().is_terminal()));
    }
}

/// A clap error: help and version are printed as clap prints them; a usage error
/// is JSON under `--format json`, else clap's own text (with its suggestions).
fn clap_error(e: &clap::Error, json: bool, p: &mut Printer) -> u8 {
    use clap::error::ErrorKind;
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    if !json
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        // A closed pipe under `--help | head` is not worth a message.
        let _ = e.print();
        return code;
    }
    let text = e.render().to_string();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let message = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    let help: Vec<&str> = lines.map(str::trim).collect();
    let doc = serde_json::json!({
        "error": {
            "code": "salesflow::usage",
            "message": message,
            "help": (!help.is_empty()).then(|| help.join("\n")),
        }
    });
    outln!(p, "{}", pretty(&doc));
    code
}

/// JSON for people to read and programs to parse.
pub(crate) fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// Whether to draw in colour: a terminal, and `NO_COLOR` unset.
pub(crate) fn color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A file as given, or every `*.flow` file in a folder (sorted), for `check` and
/// `fmt`.
pub(crate) fn flow_files(path: &std::path::Path) -> Result<Vec<std::path::PathBuf>> {
    let read = |source| CommandError::Read {
        path: path.to_path_buf(),
        source,
    };
    if !path.is_dir() {
        std::fs::metadata(path).map_err(read)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(path)
        .map_err(read)?
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "flow") && p.is_file())
        .collect();
    found.sort();
    Ok(found)
}
