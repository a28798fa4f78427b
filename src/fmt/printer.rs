//! The output side of the formatter: lines at an indentation, with every comment
//! of the source put back in order.
//!
//! Takes lines from the item printers, each with the source range of its tokens;
//! produces the formatted text. A comment that stands before a line's first token
//! (or inside the tokens of the line before, which the formatter may have joined)
//! is written on its own line before it, at its indentation; a comment with only
//! spaces between the line's last token and the `#` stays at the end of the line.
//! Empty lines of the source between lines are kept, one at most, except right after
//! a `{`, right before a `}` and inside a condition.

use unicode_width::UnicodeWidthStr;

use super::source_view::SourceView;

/// One line of output.
#[derive(Debug, Clone, Default)]
struct OutLine {
    /// Spaces before the text.
    indent: usize,
    /// The text (a text block makes it several lines); empty for an empty line.
    text: String,
    /// A trailing comment.
    comment: Option<String>,
}

/// Whether an empty line of the source may be kept before a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blank {
    /// Between items and between the lines of a block.
    Keep,
    /// Inside a condition, and before a `}`.
    Drop,
}

/// Collects lines and places comments.
pub(crate) struct Printer<'a> {
    /// The source the tree was parsed from.
    pub src: SourceView<'a>,
    next_comment: usize,
    lines: Vec<OutLine>,
    /// The end of the last source token or comment written.
    last_end: Option<usize>,
    /// The last line opened a block.
    after_open: bool,
}

impl<'a> Printer<'a> {
    /// A printer over `src`, nothing written yet.
    pub fn new(src: SourceView<'a>) -> Self {
        Self {
            src,
            next_comment: 0,
            lines: Vec::new(),
            last_end: None,
            after_open: false,
        }
    }

    fn push(&mut self, indent: usize, text: String, start: usize, blank: Blank) {
        let keep_blank = blank == Blank::Keep
            && !self.after_open
            && !self.lines.is_empty()
            && self
                .last_end
                .is_some_and(|end| self.src.has_blank_line(end, start));
        if keep_blank {
            self.lines.push(OutLine::default());
        }
        self.lines.push(OutLine {
            indent,
            text,
            comment: None,
        });
        self.after_open = false;
    }

    fn advance(&mut self, end: usize) {
        self.last_end = Some(self.last_end.map_or(end, |e| e.max(end)));
    }

    /// Writes, each on its own line at `indent`, the comments that stand before `pos`.
    fn comments_before(&mut self, pos: usize, indent: usize, blank: Blank) {
        while let Some(c) = self.src.comments.get(self.next_comment) {
            if c.span.start >= pos {
                break;
            }
            let (text, start, end) = (c.text.clone(), c.span.start, c.span.end);
            self.next_comment += 1;
            self.push(indent, text, start, blank);
            self.advance(end);
        }
    }

    /// Puts the next comment at the end of the last line when only spaces stand
    /// between `end` (its last token) and the `#`.
    fn trailing(&mut self, end: usize) {
        let Some(c) = self.src.comments.get(self.next_comment) else {
            return;
        };
        if c.span.start >= end && self.src.same_line_blank(end, c.span.start) {
            let (text, c_end) = (c.text.clone(), c.span.end);
            self.next_comment += 1;
            if let Some(line) = self.lines.last_mut() {
                line.comment = Some(text);
            }
            self.advance(c_end);
        }
    }

    /// Writes a line whose tokens run from `start` to `end` in the source.
    pub fn line(&mut self, indent: usize, text: impl Into<String>, start: usize, end: usize) {
        self.line_with(indent, text.into(), start, end, Blank::Keep);
    }

    /// Writes a line, saying whether an empty line before it may be kept.
    pub fn line_with(
        &mut self,
        indent: usize,
        text: String,
        start: usize,
        end: usize,
        blank: Blank,
    ) {
        self.comments_before(start, indent, blank);
        self.push(indent, text, start, blank);
        self.advance(end);
        self.trailing(end);
    }

    /// Writes a line ending in the `{` at `brace` that opens a block.
    pub fn open(&mut self, indent: usize, text: impl Into<String>, start: usize, brace: usize) {
        let mut text = text.into();
        text.push_str(" {");
        self.line(indent, text, start, brace + 1);
        self.after_open = true;
    }

    /// Writes the `}` at `brace` that closes a block opened at `indent`; comments left
    /// inside the block go before it, at the block's inner indentation.
    pub fn close(&mut self, indent: usize, brace: usize) {
        self.comments_before(brace, indent + 2, Blank::Keep);
        self.line_with(indent, "}".into(), brace, brace + 1, Blank::Drop);
    }

    /// Writes the comments left at the end of the file and returns the text.
    pub fn finish(mut self) -> String {
        self.comments_before(usize::MAX, 0, Blank::Keep);
        render(&self.lines)
    }
}

/// Lines to text. Trailing comments of consecutive lines at one indentation line up,
/// two spaces after the longest of those lines.
fn render(lines: &[OutLine]) -> String {
    let width = |l: &OutLine| l.indent + l.text.width();
    let aligned = |l: &OutLine| l.comment.is_some() && !l.text.contains('\n');
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let mut run_end = i + 1;
        if aligned(&lines[i]) {
            while run_end < lines.len()
                && aligned(&lines[run_end])
                && lines[run_end].indent == lines[i].indent
            {
                run_end += 1;
            }
        }
        let column = lines[i..run_end].iter().map(width).max().unwrap_or(0) + 2;
        for line in &lines[i..run_end] {
            if !line.text.is_empty() {
                out.extend(std::iter::repeat_n(' ', line.indent));
                out.push_str(&line.text);
            }
            if let Some(comment) = &line.comment {
                let pad = if aligned(line) {
                    column - width(line)
                } else {
                    2
                };
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(comment);
            }
            out.push('\n');
        }
        i = run_end;
    }
    out
}
