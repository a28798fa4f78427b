//! Why a report could not be made: one error type for `salesflow report`, each
//! variant with a stable code and the help a user needs.

use crate::store::StoreError;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ReportError {
    /// `--from` or `--to` is not a date or a time.
    #[error("`--{flag}` value `{value}` is not a date or a time")]
    #[diagnostic(
        code(salesflow::report::bad_time),
        help(
            "write a date (`2026-03-01`, the whole day in the flow's time zone), a time (`2026-03-01 09:00`) or RFC 3339"
        )
    )]
    BadTime {
        /// `from` or `to`.
        flag: &'static str,
        /// As given.
        value: String,
    },
    /// The period ends before it starts.
    #[error("the period is empty: it starts at `{from}` and ends with `{to}`")]
    #[diagnostic(
        code(salesflow::report::empty_period),
        help(
            "`--to` is the last day counted (a date) or the first instant not counted (a time); give a `--from` before it"
        )
    )]
    EmptyPeriod {
        /// The start as shown.
        from: String,
        /// The end as shown.
        to: String,
    },
    /// `--compare-to` is neither `previous` nor a range of dates.
    #[error("`--compare-to` value `{0}` is not `previous` or `YYYY-MM-DD..YYYY-MM-DD`")]
    #[diagnostic(
        code(salesflow::report::bad_compare),
        help(
            "`--compare-to previous` compares with the period of the same length just before; `--compare-to 2026-02-01..2026-02-28` with those days"
        )
    )]
    BadCompare(String),
    /// `--calendar` names no calendar of the flow.
    #[error("the rules have no calendar `{0}`")]
    #[diagnostic(
        code(salesflow::report::unknown_calendar),
        help(
            "working days are counted on a `calendar` of the rules; without `--calendar`, on the first one declared"
        )
    )]
    UnknownCalendar(String),
    /// The store could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Store(#[from] StoreError),
}
