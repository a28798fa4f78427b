//! Source files and byte spans.
//!
//! Every node of the syntax tree and every diagnostic points into a [`SourceFile`]
//! by a [`Span`] of byte offsets; lines and columns are computed only when printing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A half-open byte range `[start, end)` into one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// One rule file: its path as the user named it, and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path, as given or as resolved from an `include`.
    pub path: PathBuf,
    /// The whole text.
    pub text: Arc<str>,
}

impl SourceFile {
    /// A source file from a path and its text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Arc<Self> {
        Arc::new(Self {
            path: path.into(),
            text: text.into(),
        })
    }

    /// The path for display.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The directory includes and holiday files are resolved against.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new(""))
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; people (and our JSON) count characters.
        let (_, column) = self.line_col(inner.span().offset());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column - 1,
            inner.line_count(),
        )))
    }
}
