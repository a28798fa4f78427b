//! Why a test file cannot run: it cannot be read, it is not YAML of the test-file
//! shape (an unknown key included), it names something the rules or the team do
//! not have, or its rules do not check. Each names the file and, where it can, the
//! line. `salesflow test` exits 2 on any of them.

use std::fmt;
use std::path::PathBuf;

/// A place in a test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file, as given.
    pub file: PathBuf,
    /// One-based line, when known.
    pub line: Option<usize>,
    /// One-based column, when known.
    pub column: Option<usize>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// A test file that cannot run.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum TestFileError {
    /// The file (or a file it names) cannot be read.
    #[error("{place}: cannot read `{path}`: {message}")]
    #[diagnostic(code(salesflow::test::unreadable))]
    Read {
        /// Where.
        place: Place,
        /// The unreadable file.
        path: String,
        /// Why.
        message: String,
    },
    /// Not YAML of the test-file shape: a syntax error, a missing or unknown key,
    /// a value of the wrong type.
    #[error("{place}: {message}")]
    #[diagnostic(
        code(salesflow::test::shape),
        help(
            "a test file has `rules`, `team`, `start`, and `customers`, `events`, `expect` (or `tests:`)"
        )
    )]
    Shape {
        /// Where.
        place: Place,
        /// What is wrong.
        message: String,
    },
    /// A name the rules or the team do not have, or an entry that cannot be.
    #[error("{place}: {message}")]
    #[diagnostic(code(salesflow::test::invalid))]
    Invalid {
        /// Where.
        place: Place,
        /// What is wrong.
        message: String,
    },
    /// The rules under test have errors.
    #[error("{place}: the rules `{rules}` do not check")]
    #[diagnostic(code(salesflow::test::rules), help("run `salesflow check` on them"))]
    Rules {
        /// Where `rules:` is.
        place: Place,
        /// The root rule file.
        rules: String,
        /// The rendered diagnostics.
        diagnostics: String,
    },
}

impl TestFileError {
    /// Where the error is.
    pub fn place(&self) -> &Place {
        match self {
            TestFileError::Read { place, .. }
            | TestFileError::Shape { place, .. }
            | TestFileError::Invalid { place, .. }
            | TestFileError::Rules { place, .. } => place,
        }
    }

    /// The message without the place.
    pub fn message(&self) -> String {
        match self {
            TestFileError::Read { path, message, .. } => {
                crate::t!("test-cannot-read", path = path, reason = message)
            }
            TestFileError::Shape { message, .. } | TestFileError::Invalid { message, .. } => {
                message.clone()
            }
            TestFileError::Rules { rules, .. } => {
                crate::t!("test-rules-do-not-check", rules = rules)
            }
        }
    }
}
