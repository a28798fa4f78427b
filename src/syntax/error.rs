//! Errors found while reading a rule file's text: bad tokens, bad literals.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

impl SyntaxError {
    /// The message, the label and the help in the current language (the
    /// `Display` and miette texts of this type stay English).
    pub fn localized(&self) -> (String, Option<String>, Option<String>) {
        match self {
            SyntaxError::UnexpectedToken {
                found,
                expected,
                help,
                ..
            } => (
                t!("syntax-unexpected", found = found),
                Some(t!("syntax-label-expected", expected = expected)),
                help.clone(),
            ),
            SyntaxError::UnterminatedString { .. } => (
                t!("syntax-unterminated-string"),
                Some(t!("syntax-label-unterminated-string")),
                Some(t!("syntax-help-unterminated-string")),
            ),
            SyntaxError::UnterminatedBlock { .. } => (
                t!("syntax-unterminated-block"),
                Some(t!("syntax-label-unterminated-block")),
                Some(t!("syntax-help-unterminated-block")),
            ),
            SyntaxError::InvalidEscape { escape, .. } => (
                t!("syntax-invalid-escape", escape = escape),
                Some(t!("syntax-label-invalid-escape")),
                Some(t!("syntax-help-invalid-escape")),
            ),
            SyntaxError::InvalidDuration {
                text, reason, help, ..
            } => (
                t!("syntax-invalid-duration", text = text),
                Some(reason.clone()),
                help.clone(),
            ),
            SyntaxError::InvalidNumber { text, reason, .. } => (
                t!("syntax-invalid-number", text = text),
                Some(reason.clone()),
                None,
            ),
            SyntaxError::InvalidTime { text, .. } => (
                t!("syntax-invalid-time", text = text),
                Some(t!("syntax-label-invalid-time")),
                Some(t!("syntax-help-invalid-time")),
            ),
            SyntaxError::InvalidDate { text, .. } => (
                t!("syntax-invalid-date", text = text),
                Some(t!("syntax-label-invalid-date")),
                Some(t!("syntax-help-invalid-date")),
            ),
            SyntaxError::TooComplex { count, depth, .. } => (
                t!("syntax-too-complex"),
                Some(t!(
                    "syntax-label-too-complex",
                    count = *count,
                    depth = *depth
                )),
                Some(t!("syntax-help-too-complex")),
            ),
            SyntaxError::UnbalancedParentheses {
                message,
                label,
                help,
                ..
            } => (message.clone(), Some(label.clone()), Some(help.clone())),
            SyntaxError::ManagerChain { count, .. } => (
                t!("syntax-manager-chain", count = *count),
                Some(t!("syntax-label-manager-chain")),
                Some(t!("syntax-help-manager-chain")),
            ),
        }
    }
}

/// A lexical or syntax error. Messages are lowercase, user input in backticks.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq, Eq)]
pub enum SyntaxError {
    /// The parser met a token it could not use.
    #[error("unexpected {found}")]
    #[diagnostic(code(salesflow::syntax::unexpected_token))]
    UnexpectedToken {
        /// What was found (`` `foo` ``, `end of file`).
        found: String,
        /// Where.
        #[label("expected {expected}")]
        span: SourceSpan,
        /// The expected tokens, listed.
        expected: String,
        /// Advice.
        #[help]
        help: Option<String>,
    },
    /// A string with no closing quote on its line.
    #[error("unterminated string")]
    #[diagnostic(
        code(salesflow::syntax::unterminated_string),
        help(
            "close the string with `\"` on the same line, or use `\"\"\"…\"\"\"` for text over several lines"
        )
    )]
    UnterminatedString {
        /// The string up to the end of its line.
        #[label("this string is never closed")]
        span: SourceSpan,
    },
    /// A `"""` block with no closing `"""`.
    #[error("unterminated text block")]
    #[diagnostic(
        code(salesflow::syntax::unterminated_block),
        help("close the block with `\"\"\"`")
    )]
    UnterminatedBlock {
        /// The opening quotes.
        #[label("this block is never closed")]
        span: SourceSpan,
    },
    /// A backslash escape that the language does not know.
    #[error("unknown escape `{escape}`")]
    #[diagnostic(
        code(salesflow::syntax::invalid_escape),
        help("the escapes are `\\\"`, `\\\\`, `\\n` and `\\u{{4E2D}}`")
    )]
    InvalidEscape {
        /// The escape as written.
        escape: String,
        /// Where.
        #[label("not an escape")]
        span: SourceSpan,
    },
    /// A duration that is not digits and units.
    #[error("invalid duration `{text}`")]
    #[diagnostic(code(salesflow::syntax::invalid_duration))]
    InvalidDuration {
        /// The text as written.
        text: String,
        /// Where.
        #[label("{reason}")]
        span: SourceSpan,
        /// What is wrong with it.
        reason: String,
        /// Advice.
        #[help]
        help: Option<String>,
    },
    /// A number too large or otherwise unusable.
    #[error("invalid number `{text}`")]
    #[diagnostic(code(salesflow::syntax::invalid_number))]
    InvalidNumber {
        /// The text as written.
        text: String,
        /// Where.
        #[label("{reason}")]
        span: SourceSpan,
        /// What is wrong with it.
        reason: String,
    },
    /// A time of day such as `25:00`.
    #[error("invalid time of day `{text}`")]
    #[diagnostic(
        code(salesflow::syntax::invalid_time),
        help("times of day run from 00:00 to 24:00")
    )]
    InvalidTime {
        /// The text as written.
        text: String,
        /// Where.
        #[label("not a time of day")]
        span: SourceSpan,
    },
    /// A date such as `2026-02-30`.
    #[error("invalid date `{text}`")]
    #[diagnostic(
        code(salesflow::syntax::invalid_date),
        help("dates are written YYYY-MM-DD")
    )]
    InvalidDate {
        /// The text as written.
        text: String,
        /// Where.
        #[label("no such day")]
        span: SourceSpan,
    },
    /// A condition with more operators or nesting than any rule needs.
    #[error("condition too complex")]
    #[diagnostic(
        code(salesflow::syntax::too_complex),
        help(
            "a condition may have at most 64 `and`/`or`/`not` and 16 levels of parentheses; split it, e.g. into several states or a tag"
        )
    )]
    TooComplex {
        /// The condition.
        #[label("{count} operators, {depth} levels of parentheses")]
        span: SourceSpan,
        /// Operators found.
        count: usize,
        /// Parentheses depth found.
        depth: usize,
    },
    /// Parentheses that do not pair up in a condition.
    #[error("{message}")]
    #[diagnostic(code(salesflow::syntax::unbalanced_parentheses))]
    UnbalancedParentheses {
        /// "unclosed (" or "unmatched )", with the parenthesis in backticks.
        message: String,
        /// The parenthesis.
        #[label("{label}")]
        span: SourceSpan,
        /// What is wrong at the parenthesis.
        label: String,
        /// Advice.
        #[help]
        help: String,
    },
    /// A `manager of` chain longer than any organisation needs.
    #[error("`manager of` repeated {count} times")]
    #[diagnostic(
        code(salesflow::syntax::manager_chain),
        help("a recipient may go up at most 8 managers, e.g. `manager of manager of sales`")
    )]
    ManagerChain {
        /// The chain.
        #[label("too many `manager of`")]
        span: SourceSpan,
        /// Links found.
        count: usize,
    },
}
