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
    /// An offset inside a character counts as that character's start.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

/// The most of a line a snippet shows: a longer line (a minified or generated
/// file, a template pasted on one line) is shown as this much around the label.
const MAX_SHOWN_LINE: usize = 240;

impl SourceFile {
    /// The part of a span a snippet underlines: the span, unless it is longer
    /// than a line can show or runs over more than a few lines, in which case its
    /// start (the rest would be pages of snippet).
    pub fn shown(&self, span: Span) -> Span {
        const HEAD: usize = 60;
        let text: &str = &self.text;
        let body = self.slice(span);
        let long = span.len() > MAX_SHOWN_LINE || body.matches('\n').count() > 8;
        if !long {
            return span;
        }
        let line_end = body.find('\n').unwrap_or(body.len());
        let mut end = span.start + line_end.min(HEAD);
        while end > span.start && !text.is_char_boundary(end) {
            end -= 1;
        }
        Span::new(span.start, end)
    }

    /// The part of a long line a snippet shows for a span on it: about
    /// [`MAX_SHOWN_LINE`] bytes around the span, on character boundaries. `None`
    /// when the span's line, and every context line, is short enough to show
    /// whole, or the span runs over several lines.
    fn window(&self, span: &miette::SourceSpan, data: &[u8]) -> Option<(usize, usize)> {
        if !data
            .split(|b| *b == b'\n')
            .any(|l| l.len() > MAX_SHOWN_LINE)
        {
            return None;
        }
        let text: &str = &self.text;
        let start = span.offset().min(text.len());
        let end = (start + span.len()).min(text.len());
        let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
        let line_end = text
            .get(start..)?
            .find('\n')
            .map_or(text.len(), |i| start + i);
        if end > line_end || end - start > MAX_SHOWN_LINE {
            return None;
        }
        let margin = (MAX_SHOWN_LINE - (end - start)) / 2;
        let mut from = line_start.max(start.saturating_sub(margin));
        let mut to = line_end.min(end + margin);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        while !text.is_char_boundary(to) {
            to += 1;
        }
        Some((from, to))
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
        if let Some((from, to)) = self.window(span, inner.data()) {
            // Only the span's own line, and of it only the window: the data must
            // be one slice of the text, so the context lines go.
            let (line, column) = self.line_col(from);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name(),
                &self.text.as_bytes()[from..to],
                (from, to - from).into(),
                line - 1,
                column - 1,
                1,
            )));
        }
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

#[cfg(test)]
mod tests {
    use super::{SourceFile, Span};

    #[test]
    fn offsets_inside_a_character_are_its_start() {
        let f = SourceFile::new("t.flow", "ab\n销售x");
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(4), (2, 1));
        assert_eq!(f.line_col(6), (2, 2));
        assert_eq!(f.line_col(100), (2, 4));
        assert_eq!(f.slice(Span::new(4, 7)), "");
    }

    #[test]
    fn long_labels_are_drawn_under_their_start() {
        let line = "x".repeat(1000);
        let f = SourceFile::new("t.flow", format!("{line}\n").as_str());
        assert_eq!(f.shown(Span::new(0, 1000)), Span::new(0, 60));
        assert_eq!(f.shown(Span::new(5, 10)), Span::new(5, 10));
        let many = "a\n".repeat(20);
        let f = SourceFile::new("t.flow", many.as_str());
        assert_eq!(f.shown(Span::new(0, 40)), Span::new(0, 1));
    }
}
