//! Why the demo could not be built.

use std::path::PathBuf;

use crate::apply::ApplyError;
use crate::record::RecordError;
use crate::store::StoreError;

/// Why the demo could not be built.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum DemoError {
    /// The folder given with `--dir` holds files already.
    #[error("`{}` is not empty", dir.display())]
    #[diagnostic(
        code(salesflow::demo::not_empty),
        help("give a new or empty folder with `--dir`, or leave `--dir` out for a temporary one")
    )]
    NotEmpty {
        /// The folder.
        dir: PathBuf,
    },
    /// A file of the project could not be written.
    #[error("cannot write `{}`: {source}", path.display())]
    #[diagnostic(
        code(salesflow::demo::unwritable),
        help("check that the folder is writable and the disk has room")
    )]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file of the project could not be read back.
    #[error("cannot read `{}`: {source}", path.display())]
    #[diagnostic(code(salesflow::demo::unreadable))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The example rules built into the binary do not check (a broken build).
    #[error("the demo's rules do not check: {}", messages.join("; "))]
    #[diagnostic(
        code(salesflow::demo::rules),
        help("`salesflow check` on the demo folder's rules shows where")
    )]
    Rules {
        /// The checker's messages.
        messages: Vec<String>,
    },
    /// A generated record broke the record rules (a bug of the generator).
    #[error("the generator made a record the rules refuse: {reason}")]
    #[diagnostic(
        code(salesflow::demo::refused),
        help("this is a bug of the demo generator: please report it with the seed and sizes")
    )]
    Refused {
        /// The record rules' reason.
        reason: String,
    },
    /// The store failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Store(#[from] StoreError),
    /// A pass of the rules failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Apply(#[from] ApplyError),
    /// A report of the tour could not be made.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Report(#[from] crate::report::ReportError),
}

/// A refusal of the record rules is a bug of the generator, reported as such.
impl From<RecordError> for DemoError {
    fn from(e: RecordError) -> Self {
        DemoError::Refused {
            reason: e.to_string(),
        }
    }
}
