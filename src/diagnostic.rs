//! Diagnostics: a stable code, a message, labelled spans (possibly in several
//! files) and help; rendered by miette (graphical or plain), as JSON, or for CI
//! through [`finding::Finding`] as GitHub annotations, GitLab Code Quality or SARIF
//! (one file per format beside this one).
//!
//! Every code the tool can emit is listed in [`Code`], so the list is the contract
//! that `--format json` consumers and snapshot tests rely on.

pub mod finding;
pub mod github;
pub mod gitlab;
mod rule;
pub mod sarif;

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::source::{SourceFile, Span};
use crate::syntax::SyntaxError;
pub use rule::Rule;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice; fails `check` only with `--deny-warnings`.
    Warning,
    /// The flow cannot be used.
    Error,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $sev:ident;)*) => {
        /// Every diagnostic code, with its stable name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $(#[doc = concat!("`salesflow::", $name, "`")] $variant,)* }

        impl Code {
            /// The stable name, `salesflow::…`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => concat!("salesflow::", $name),)* }
            }

            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// Whether this code is an error or a warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    UnexpectedToken = "syntax::unexpected_token", Error;
    UnterminatedString = "syntax::unterminated_string", Error;
    UnterminatedBlock = "syntax::unterminated_block", Error;
    InvalidEscape = "syntax::invalid_escape", Error;
    InvalidDuration = "syntax::invalid_duration", Error;
    InvalidNumber = "syntax::invalid_number", Error;
    InvalidTime = "syntax::invalid_time", Error;
    InvalidDate = "syntax::invalid_date", Error;
    TooComplex = "syntax::too_complex", Error;
    UnbalancedParentheses = "syntax::unbalanced_parentheses", Error;
    ManagerChain = "syntax::manager_chain", Error;
    UnreadableFile = "unreadable_file", Error;
    NotUtf8 = "not_utf8", Error;
    RefusedPath = "refused_path", Error;
    IncludeNotFound = "include_not_found", Error;
    IncludeCycle = "include_cycle", Error;
    FlowNotFirst = "flow_not_first", Error;
    DuplicateName = "duplicate_name", Error;
    AmbiguousLabel = "ambiguous_label", Error;
    DuplicateItem = "duplicate_item", Error;
    BuiltinRedeclared = "builtin_redeclared", Error;
    UnknownStage = "unknown_stage", Error;
    UnknownRole = "unknown_role", Error;
    UnknownEventKind = "unknown_event_kind", Error;
    UnknownField = "unknown_field", Error;
    UnknownFieldType = "unknown_field_type", Error;
    UnknownState = "unknown_state", Error;
    UnknownSegment = "unknown_segment", Error;
    UnknownRisk = "unknown_risk", Error;
    UnknownTag = "unknown_tag", Error;
    UnknownTemplate = "unknown_template", Error;
    UnknownCalendar = "unknown_calendar", Error;
    UnknownTimezone = "unknown_timezone", Error;
    UnknownGoalMetric = "unknown_goal_metric", Error;
    UnknownUpdateField = "unknown_update_field", Error;
    UnknownSeverity = "unknown_severity", Error;
    TypeMismatch = "type_mismatch", Error;
    NotACondition = "not_a_condition", Error;
    BareName = "bare_name", Error;
    WeeksUnderClock = "weeks_under_clock", Error;
    ZeroDuration = "zero_duration", Error;
    MissingPipeline = "missing_pipeline", Error;
    NoWonStage = "no_won_stage", Error;
    WonAndLost = "won_and_lost", Error;
    EmptyGroup = "empty_group", Error;
    MissingOtherwise = "missing_otherwise", Error;
    MissingWhen = "missing_when", Error;
    RepeatedClause = "repeated_clause", Error;
    MissingSeverity = "missing_severity", Error;
    MissingKeywords = "missing_keywords", Error;
    EmptyKeyword = "empty_keyword", Error;
    HolidayFileMissing = "holiday_file_missing", Error;
    HolidayFileMalformed = "holiday_file_malformed", Error;
    InvalidHours = "invalid_hours", Error;
    OverlappingHours = "overlapping_hours", Error;
    OffAndWork = "off_and_work", Error;
    InvertedDateRange = "inverted_date_range", Error;
    TemplateSyntax = "template_syntax", Error;
    TemplateUnknownVariable = "template_unknown_variable", Error;
    TemplateUnknownFilter = "template_unknown_filter", Error;
    TemplateTooLarge = "template_too_large", Error;
    TemplateTooComplex = "template_too_complex", Error;
    ReadOnlyField = "read_only_field", Error;
    GoalOutOfRange = "goal_out_of_range", Error;
    FullwidthPunctuation = "fullwidth_punctuation", Warning;
    UnreachableState = "unreachable_state", Warning;
    SegmentWithoutOtherwise = "segment_without_otherwise", Warning;
    StepsOutOfOrder = "steps_out_of_order", Warning;
    UnresolvableRecipient = "unresolvable_recipient", Warning;
    DuplicateKeyword = "duplicate_keyword", Warning;
    OverlappingKeywords = "overlapping_keywords", Warning;
    UnusedTemplate = "unused_template", Warning;
    TemplateMaybeUndefined = "template_maybe_undefined", Warning;
    EscalationWithoutSteps = "escalation_without_steps", Warning;
    EmptyCalendar = "empty_calendar", Warning;
}

/// A labelled span.
#[derive(Debug, Clone)]
pub struct Label {
    /// The file the span points into.
    pub file: Arc<SourceFile>,
    /// The span.
    pub span: Span,
    /// What the label says.
    pub text: String,
}

/// One finding about a flow.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// Error or warning (from the code, unless overridden).
    pub severity: Severity,
    /// A lowercase sentence, user input in backticks.
    pub message: String,
    /// The primary label first, then secondary ones.
    pub labels: Vec<Label>,
    /// Advice.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with its primary label.
    pub fn new(
        code: Code,
        message: impl Into<String>,
        file: &Arc<SourceFile>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: vec![Label {
                file: file.clone(),
                span,
                text: label.into(),
            }],
            help: None,
        }
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_label(
        mut self,
        file: &Arc<SourceFile>,
        span: Span,
        text: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            file: file.clone(),
            span,
            text: text.into(),
        });
        self
    }

    /// Sets the help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A syntax error of `file`, with the code of its kind.
    pub fn syntax(file: &Arc<SourceFile>, e: &SyntaxError) -> Self {
        use miette::Diagnostic as _;
        let labels: Vec<Label> = e
            .labels()
            .into_iter()
            .flatten()
            .map(|l| Label {
                file: file.clone(),
                span: Span::new(l.offset(), l.offset() + l.len()),
                text: l.label().unwrap_or_default().to_string(),
            })
            .collect();
        let code = Code::from(e);
        let (message, label, help) = e.localized();
        let mut labels = labels;
        if let (Some(first), Some(text)) = (labels.first_mut(), label) {
            first.text = text;
        }
        Self {
            code,
            severity: code.severity(),
            message,
            labels,
            help,
        }
    }

    /// The file of the primary label.
    pub fn file(&self) -> Option<&Arc<SourceFile>> {
        self.labels.first().map(|l| &l.file)
    }

    /// A view that miette can render.
    pub fn render(&self) -> Rendered<'_> {
        Rendered {
            diag: self,
            file: self.file().cloned(),
            labels_from: 0,
        }
    }
}

impl From<&SyntaxError> for Code {
    fn from(e: &SyntaxError) -> Code {
        match e {
            SyntaxError::UnexpectedToken { .. } => Code::UnexpectedToken,
            SyntaxError::UnterminatedString { .. } => Code::UnterminatedString,
            SyntaxError::UnterminatedBlock { .. } => Code::UnterminatedBlock,
            SyntaxError::InvalidEscape { .. } => Code::InvalidEscape,
            SyntaxError::InvalidDuration { .. } => Code::InvalidDuration,
            SyntaxError::InvalidNumber { .. } => Code::InvalidNumber,
            SyntaxError::InvalidTime { .. } => Code::InvalidTime,
            SyntaxError::InvalidDate { .. } => Code::InvalidDate,
            SyntaxError::TooComplex { .. } => Code::TooComplex,
            SyntaxError::UnbalancedParentheses { .. } => Code::UnbalancedParentheses,
            SyntaxError::ManagerChain { .. } => Code::ManagerChain,
        }
    }
}

/// A diagnostic as miette sees it: the labels in the primary label's file, and a
/// related note for each label in another file.
pub struct Rendered<'a> {
    diag: &'a Diagnostic,
    file: Option<Arc<SourceFile>>,
    labels_from: usize,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.labels_from == 0 {
            f.write_str(&self.diag.message)
        } else {
            f.write_str(&self.diag.labels[self.labels_from].text)
        }
    }
}

impl std::error::Error for Rendered<'_> {}

impl Rendered<'_> {
    /// Whether a label is drawn in this snippet: in its file and near its
    /// primary label.
    fn same_file(&self, label: &Label) -> bool {
        self.file
            .as_ref()
            .is_some_and(|f| Arc::ptr_eq(f, &label.file))
            && self.diag.near_primary(label)
    }
}

/// Labels further from the primary label than this many lines are drawn as a
/// snippet of their own, so a snippet never shows the lines between two labels
/// that stand far apart.
const NEAR_LINES: usize = 8;

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (self.labels_from == 0).then(|| Box::new(self.diag.code.name()) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match (self.labels_from, self.diag.severity) {
            (0, Severity::Error) => miette::Severity::Error,
            (0, Severity::Warning) => miette::Severity::Warning,
            _ => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.labels_from != 0 {
            return None;
        }
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.file.as_deref().map(|f| f as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if self.labels_from != 0 {
            let l = &self.diag.labels[self.labels_from];
            return Some(Box::new(std::iter::once(
                miette::LabeledSpan::new_with_span(Some(l.text.clone()), l.file.shown(l.span)),
            )));
        }
        let labels = self
            .diag
            .labels
            .iter()
            .enumerate()
            .filter(|(_, l)| self.same_file(l));
        Some(Box::new(labels.map(|(i, l)| {
            let text = (!l.text.is_empty()).then(|| l.text.clone());
            let span = l.file.shown(l.span);
            if i == 0 {
                miette::LabeledSpan::new_primary_with_span(text, span)
            } else {
                miette::LabeledSpan::new_with_span(text, span)
            }
        })))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        None
    }
}

impl Diagnostic {
    /// Whether a label stands in the primary label's file, within
    /// [`NEAR_LINES`] lines of it.
    fn near_primary(&self, label: &Label) -> bool {
        let Some(primary) = self.labels.first() else {
            return false;
        };
        if !Arc::ptr_eq(&primary.file, &label.file) {
            return false;
        }
        let line = |offset| label.file.line_col(offset).0;
        let (p_first, p_last) = (line(primary.span.start), line(primary.span.end));
        let (first, last) = (line(label.span.start), line(label.span.end));
        first <= p_last + NEAR_LINES && p_first <= last + NEAR_LINES
    }

    /// Notes for the labels that stand in another file than the primary one, or
    /// far from it in its file.
    pub fn elsewhere(&self) -> Vec<Rendered<'_>> {
        self.labels
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, l)| !self.near_primary(l))
            .map(|(i, l)| Rendered {
                diag: self,
                file: Some(l.file.clone()),
                labels_from: i,
            })
            .collect()
    }
}

/// The JSON shape of one label.
#[derive(Debug, Serialize)]
pub struct JsonLabel {
    /// The file (when it differs from the diagnostic's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Byte offset.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
    /// One-based line.
    pub line: usize,
    /// One-based column, in characters.
    pub column: usize,
    /// The label's text.
    pub text: String,
}

/// The JSON shape of one diagnostic.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// The file of the primary label.
    pub file: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The stable code.
    pub code: &'static str,
    /// The message.
    pub message: String,
    /// Advice, when there is some.
    pub help: Option<String>,
    /// Labels, primary first.
    pub labels: Vec<JsonLabel>,
}

impl Diagnostic {
    /// The JSON shape of this diagnostic.
    pub fn to_json(&self) -> JsonDiagnostic {
        let primary = self.file().map(|f| f.name()).unwrap_or_default();
        JsonDiagnostic {
            file: primary.clone(),
            severity: self.severity,
            code: self.code.name(),
            message: self.message.clone(),
            help: self.help.clone(),
            labels: self
                .labels
                .iter()
                .map(|l| {
                    let (line, column) = l.file.line_col(l.span.start);
                    let name = l.file.name();
                    JsonLabel {
                        file: (name != primary).then_some(name),
                        offset: l.span.start,
                        length: l.span.len(),
                        line,
                        column,
                        text: l.text.clone(),
                    }
                })
                .collect(),
        }
    }
}

impl Diagnostic {
    /// The diagnostic drawn by miette: colours and unicode on a terminal, plain
    /// unicode without colour otherwise (and in snapshot tests).
    pub fn render_to_string(&self, color: bool) -> String {
        use miette::{GraphicalReportHandler, GraphicalTheme};
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false);
        let mut out = String::new();
        let _ = handler.render_report(&mut out, &self.render());
        for note in self.elsewhere() {
            let _ = handler.render_report(&mut out, &note);
        }
        out
    }
}
