//! Syntax trees → checked [`Flow`]: names resolved (with "did you mean"), types
//! checked, durations bound to clocks, calendars and holiday files read, templates
//! parsed and their variables checked, lints run. Every finding is collected; a
//! flow is returned only when there is no error.
//!
//! Passes: `declare` (symbol tables, duplicates) → `items` (pipeline, states,
//! risks, tags, goals) → `calendar` → `expr` / `actions` (conditions, on blocks,
//! escalations) → `templates` → `lints`.

mod access;
mod actions;
mod calendar;
mod declare;
mod expr;
mod items;
mod labels;
mod lints;
mod loader;
mod names;
mod team_lint;
mod template_facts;
mod template_lints;
mod templates;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use access::{
    AllowPaths, DiskLoader, Loader, MAX_HOLIDAY_FILE, MAX_RULE_FILE, MemoryLoader, ReadError,
};
pub use loader::normalize;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Flow, TemplateSite};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{File, Item};
use crate::team::Team;
use names::{Names, Site};

/// The result of checking one flow.
pub struct Checked {
    /// The root file.
    pub root: PathBuf,
    /// Every file of the flow, root first.
    pub files: Vec<Arc<SourceFile>>,
    /// The flow, when it has no error.
    pub flow: Option<Flow>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Checks the flow whose root is `path`, reading files with `loader`.
pub fn check_path(path: &Path, loader: &dyn Loader) -> std::io::Result<Checked> {
    check_path_with_team(path, loader, None)
}

/// Checks a flow and, with a team, warns about step recipients nobody can be.
pub fn check_path_with_team(
    path: &Path,
    loader: &dyn Loader,
    team: Option<&Team>,
) -> std::io::Result<Checked> {
    let loaded = loader::load(path, loader)?;
    Ok(finish(path.to_path_buf(), loaded, team))
}

/// Checks a flow whose root text is given (includes and holiday files come from
/// `loader`).
pub fn check_source(source: &Arc<SourceFile>, loader: &dyn Loader) -> Checked {
    let root = source.path.clone();
    let loaded = loader::load_source(source, loader);
    finish(root, loaded, None)
}

/// Checks the flow at `root` and a condition written in its language (`list
/// --where`), resolved against the flow's names.
pub fn check_condition(
    root: &Path,
    loader: &dyn Loader,
    text: &str,
) -> std::io::Result<Result<(Flow, crate::model::Cond), Vec<Diagnostic>>> {
    let loaded = loader::load(root, loader)?;
    let mut diagnostics = loaded.diagnostics;
    let errors = |d: &[Diagnostic]| d.iter().any(|d| d.severity == Severity::Error);
    if loaded.syntax_errors || errors(&diagnostics) {
        return Ok(Err(diagnostics));
    }
    let source = SourceFile::new("--where", text);
    let expr = match crate::syntax::parse_expr(&source) {
        Ok(e) => e,
        Err(errs) => {
            return Ok(Err(errs
                .iter()
                .map(|e| Diagnostic::syntax(&source, e))
                .collect()));
        }
    };
    let mut files = loaded.files;
    files.push(File {
        source,
        items: Vec::new(),
        comments: Vec::new(),
        fullwidth: Vec::new(),
    });
    let mut checker = Checker::new(&files, &loaded.access);
    checker.run();
    // The condition is resolved against the flow just built: its fields, groups
    // and names.
    checker.cur = files.len() - 1;
    let cond = checker.cond(&expr, None);
    let flow = checker.take_flow();
    diagnostics.extend(
        checker
            .diags
            .into_iter()
            .filter(|d| d.severity == Severity::Error),
    );
    match cond {
        Some(c) if !errors(&diagnostics) => Ok(Ok((flow, c))),
        _ => Ok(Err(diagnostics)),
    }
}

/// The files a root includes, directly or not (for deciding which given files
/// are roots).
pub fn included_files(path: &Path, loader: &dyn Loader) -> Vec<PathBuf> {
    loader::load(path, loader)
        .map(|l| {
            l.files
                .iter()
                .skip(1)
                .map(|f| normalize(&f.source.path))
                .collect()
        })
        .unwrap_or_default()
}

fn finish(root: PathBuf, loaded: loader::Loaded<'_>, team: Option<&Team>) -> Checked {
    let files: Vec<Arc<SourceFile>> = loaded.files.iter().map(|f| f.source.clone()).collect();
    let mut diagnostics = loaded.diagnostics;
    let mut flow = None;
    // Semantic checks on a tree with holes would mostly report the holes again.
    if !loaded.syntax_errors {
        let mut checker = Checker::new(&loaded.files, &loaded.access);
        checker.team = team;
        checker.run();
        let built = checker.take_flow();
        diagnostics.extend(checker.diags);
        if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
            flow = Some(built);
        }
    }
    let order = |d: &Diagnostic| {
        let file = d
            .file()
            .and_then(|f| files.iter().position(|g| Arc::ptr_eq(f, g)));
        (file, d.labels.first().map(|l| l.span.start))
    };
    diagnostics.sort_by_key(order);
    Checked {
        root,
        files,
        flow,
        diagnostics,
    }
}

/// The state of checking one flow.
pub(crate) struct Checker<'a> {
    files: &'a [File],
    /// What the flow may read (holiday files).
    access: &'a access::Access<'a>,
    /// The file of the item being checked.
    cur: usize,
    diags: Vec<Diagnostic>,
    stages: Names<'a>,
    states: Names<'a>,
    segments: Names<'a>,
    risks: Names<'a>,
    tags: Names<'a>,
    roles: Names<'a>,
    /// Event kinds and groups share one namespace.
    kinds: Names<'a>,
    fields: Names<'a>,
    calendars: Names<'a>,
    templates: Names<'a>,
    escalations: Names<'a>,
    /// For each template: where it is used.
    template_uses: Vec<Vec<(TemplateSite, Site)>>,
    /// Each template's literal and its file.
    template_sources: Vec<(usize, crate::syntax::ast::StrLit)>,
    flow: Flow,
    /// The team, when given: step recipients are checked against it.
    team: Option<&'a Team>,
    /// Recipients of escalation steps, for the team lint.
    step_recipients: Vec<(crate::model::Recipient, Site)>,
    /// Each holiday file read: its path relative to the entry file's folder and
    /// its bytes, for the digest (a new year's holidays change due times).
    holiday_files: Vec<(PathBuf, Vec<u8>)>,
}

impl<'a> Checker<'a> {
    fn new(files: &'a [File], access: &'a access::Access<'a>) -> Self {
        Self {
            files,
            access,
            cur: 0,
            diags: Vec::new(),
            stages: Names::default(),
            states: Names::default(),
            segments: Names::default(),
            risks: Names::default(),
            tags: Names::default(),
            roles: Names::default(),
            kinds: Names::default(),
            fields: Names::default(),
            calendars: Names::default(),
            templates: Names::default(),
            escalations: Names::default(),
            template_uses: Vec::new(),
            template_sources: Vec::new(),
            flow: empty_flow(),
            team: None,
            step_recipients: Vec::new(),
            holiday_files: Vec::new(),
        }
    }

    /// Every item with its file index, in load order.
    fn items(&self) -> impl Iterator<Item = (usize, &'a Item)> + 'a {
        self.files
            .iter()
            .enumerate()
            .flat_map(|(i, f)| f.items.iter().map(move |it| (i, it)))
    }

    fn file(&self, index: usize) -> &'a Arc<SourceFile> {
        &self.files[index].source
    }

    /// Reports a diagnostic in the current file.
    fn report(
        &mut self,
        code: Code,
        span: Span,
        message: String,
        label: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::new(code, message, self.file(self.cur), span, label);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    /// Reports a name declared twice, pointing at both places.
    fn duplicate(&mut self, what: &str, name: &str, span: Span, first: Site) {
        let d = Diagnostic::new(
            Code::DuplicateName,
            crate::t!(
                "check-declared-twice",
                what = crate::i18n::noun(what),
                name = name
            ),
            self.file(self.cur),
            span,
            crate::t!("check-label-declared-again"),
        )
        .with_label(
            self.file(first.0),
            first.1,
            crate::t!("check-label-first-declared"),
        )
        .with_help(crate::t!("check-help-declared-twice", name = name));
        self.diags.push(d);
    }

    /// Runs every pass; the flow is then in `self.flow`.
    fn run(&mut self) {
        let files = self.files;
        std::thread::scope(|scope| {
            let early = templates::parse_early(scope, files);
            self.declare();
            self.check_items();
            self.check_calendars();
            self.check_conditions();
            self.check_blocks();
            self.check_escalations();
            let early = early
                // A thread that panicked is a bug: surface it as this thread's panic.
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .unwrap_or_default();
            self.check_templates(&early);
        });
        self.lint();
        self.lint_team();
        self.flow.digest = digest(self.files, &self.holiday_files);
    }

    /// The flow built by [`Checker::run`].
    fn take_flow(&mut self) -> Flow {
        std::mem::replace(&mut self.flow, empty_flow())
    }
}

fn empty_flow() -> Flow {
    Flow {
        name: None,
        timezone: chrono_tz::UTC,
        calendars: Vec::new(),
        roles: Vec::new(),
        event_kinds: Vec::new(),
        event_groups: Vec::new(),
        fields: Vec::new(),
        stages: Vec::new(),
        blocks: Vec::new(),
        health: Vec::new(),
        segments: Vec::new(),
        escalations: Vec::new(),
        risks: Vec::new(),
        tags: Vec::new(),
        update_requires: Vec::new(),
        goals: Vec::new(),
        templates: Vec::new(),
        digest: String::new(),
    }
}

/// A digest of the flow's sources (FNV-1a over paths and texts, the rule files'
/// and then the holiday files'), recorded with every tick so a result can be
/// traced to the rules that made it; new holiday data is new rules.
///
/// Paths count relative to the entry file's folder (with `/` between parts), so
/// the same rules checked out in another folder, or named by an absolute path
/// in one place and a relative one in another, have the same digest.
fn digest(files: &[File], holidays: &[(PathBuf, Vec<u8>)]) -> String {
    let root = files.first().map(|f| f.source.dir().to_path_buf());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    // A plain loop per slice: the texts are long, and chained iterators cost
    // about twice the instructions per byte.
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in files {
        eat(relative_name(&f.source.path, root.as_deref()).as_bytes());
        eat(&[0]);
        eat(f.source.text.as_bytes());
        eat(&[0]);
    }
    for (path, bytes) in holidays {
        eat(relative_name(path, root.as_deref()).as_bytes());
        eat(&[0]);
        eat(bytes);
        eat(&[0]);
    }
    format!("{h:016x}")
}

/// A file's path relative to `root` when it lies inside, else its file name
/// only: the part of a path that belongs to the rules, not to the checkout.
fn relative_name(path: &std::path::Path, root: Option<&std::path::Path>) -> String {
    let inside = root.and_then(|r| path.strip_prefix(r).ok());
    let rel = inside.unwrap_or_else(|| path.file_name().map_or(path, std::path::Path::new));
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
