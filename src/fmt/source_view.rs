//! Questions about the text *between* the syntax tree's nodes: blank lines,
//! newlines, the next or previous token, and which parentheses wrap an expression.
//!
//! Takes a file's text and its comments (whose spans the parser kept); produces
//! positions and yes/no answers. The tree does not record layout, parentheses or the
//! braces of blocks, and the formatter needs all three, so they are read here from
//! the source, comment spans skipped, never guessed with patterns over the text.

use crate::syntax::ast::Comment;

/// The grammar's `WHITESPACE`.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// A file's text with its comments.
#[derive(Clone, Copy)]
pub(crate) struct SourceView<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Every comment, in file order.
    pub comments: &'a [Comment],
}

impl<'a> SourceView<'a> {
    /// A view of `text` whose comments are `comments` (sorted, as the parser gives them).
    pub fn new(text: &'a str, comments: &'a [Comment]) -> Self {
        Self { text, comments }
    }

    /// The text of a byte range.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    fn comment_starting_at(&self, pos: usize) -> Option<&Comment> {
        let i = self
            .comments
            .binary_search_by_key(&pos, |c| c.span.start)
            .ok()?;
        self.comments.get(i)
    }

    fn comment_ending_at(&self, pos: usize) -> Option<&Comment> {
        let i = self
            .comments
            .binary_search_by_key(&pos, |c| c.span.end)
            .ok()?;
        self.comments.get(i)
    }

    /// The first character at or after `pos` that is neither blank nor in a comment.
    pub fn next_token(&self, mut pos: usize) -> Option<(usize, char)> {
        loop {
            let c = self.text.get(pos..)?.chars().next()?;
            if is_blank(c) {
                pos += c.len_utf8();
            } else if let Some(comment) = self.comment_starting_at(pos) {
                pos = comment.span.end.max(pos + 1);
            } else {
                return Some((pos, c));
            }
        }
    }

    /// The last character before `pos` that is neither blank nor in a comment.
    pub fn prev_token(&self, mut pos: usize) -> Option<(usize, char)> {
        loop {
            let c = self.text.get(..pos)?.chars().next_back()?;
            if is_blank(c) {
                pos -= c.len_utf8();
            } else if let Some(comment) = self.comment_ending_at(pos) {
                pos = comment.span.start;
            } else {
                return Some((pos - c.len_utf8(), c));
            }
        }
    }

    /// Where the word (a keyword) that ends just before `pos` starts.
    pub fn prev_word_start(&self, pos: usize) -> usize {
        let Some((last, c)) = self.prev_token(pos) else {
            return pos;
        };
        let mut start = last + c.len_utf8();
        while let Some(ch) = self.text[..start].chars().next_back() {
            if ch.is_alphanumeric() || ch == '_' {
                start -= ch.len_utf8();
            } else {
                break;
            }
        }
        start
    }

    /// The position of `ch` as the next token at or after `pos` (a block's `{`).
    pub fn find_next(&self, pos: usize, ch: char) -> usize {
        match self.next_token(pos) {
            Some((at, c)) if c == ch => at,
            _ => pos,
        }
    }

    /// Whether a line break stands between `start` and `end`.
    pub fn has_newline(&self, start: usize, end: usize) -> bool {
        start < end && self.slice(start, end).contains('\n')
    }

    /// Whether only spaces (no line break, no token) stand between `start` and `end`.
    pub fn same_line_blank(&self, start: usize, end: usize) -> bool {
        start <= end
            && self
                .slice(start, end)
                .chars()
                .all(|c| is_blank(c) && c != '\n')
    }

    /// Whether an empty line stands between `start` (the end of a token) and `end`
    /// (the start of the next one). A comment line is not empty.
    pub fn has_blank_line(&self, start: usize, end: usize) -> bool {
        if start >= end {
            return false;
        }
        let gap = self.slice(start, end);
        let pieces: Vec<&str> = gap.split('\n').collect();
        pieces.len() > 2
            && pieces[1..pieces.len() - 1]
                .iter()
                .any(|line| line.chars().all(is_blank))
    }

    /// The `)` that closes the `(` at `open`, strings and comments skipped.
    fn matching_paren(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut pos = open;
        let mut in_string = false;
        let mut escaped = false;
        while let Some(c) = self.text.get(pos..).and_then(|t| t.chars().next()) {
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' || c == '\n' {
                    in_string = false;
                }
            } else if let Some(comment) = self.comment_starting_at(pos) {
                pos = comment.span.end.max(pos + 1);
                continue;
            } else {
                match c {
                    '"' => in_string = true,
                    '(' => depth += 1,
                    ')' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(pos);
                        }
                    }
                    _ => {}
                }
            }
            pos += c.len_utf8();
        }
        None
    }

    /// How many pairs of parentheses wrap the tokens from `start` to `end`, and the
    /// range the outermost pair covers.
    pub fn parens_around(&self, mut start: usize, mut end: usize) -> (usize, usize, usize) {
        let mut layers = 0;
        while let (Some((open, '(')), Some((close, ')'))) =
            (self.prev_token(start), self.next_token(end))
        {
            if self.matching_paren(open) != Some(close) {
                break;
            }
            layers += 1;
            start = open;
            end = close + 1;
        }
        (layers, start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::syntax::parse_file;

    fn view_of(text: &str) -> (String, Vec<Comment>) {
        let (file, _) = parse_file(&SourceFile::new("t.flow", text));
        (text.to_string(), file.comments)
    }

    #[test]
    fn blank_lines_are_lines_with_nothing_but_blanks() {
        let (text, comments) = view_of("roles a\n\n  \nroles b\n# c\nroles d");
        let v = SourceView::new(&text, &comments);
        assert!(v.has_blank_line(7, 12));
        assert!(!v.has_blank_line(19, 24));
    }

    #[test]
    fn tokens_skip_comments_both_ways() {
        let (text, comments) = view_of("roles a # x (\n , b");
        let v = SourceView::new(&text, &comments);
        assert_eq!(v.next_token(7), Some((15, ',')));
        assert_eq!(v.prev_token(15), Some((6, 'a')));
    }

    #[test]
    fn only_matching_parentheses_wrap() {
        let text = "(a) or (b)";
        let v = SourceView::new(text, &[]);
        assert_eq!(v.parens_around(1, 9).0, 0);
        assert_eq!(v.parens_around(1, 2), (1, 0, 3));
        let v = SourceView::new("((a \")\"))", &[]);
        assert_eq!(v.parens_around(2, 7), (2, 0, 9));
    }
}
