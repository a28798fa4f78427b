//! Why a record is refused: one variant per rule, each naming the customer, the
//! time or the field involved, with help that says how to record it instead.

use crate::model::UpdateField;

/// A refused record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum RecordError {
    /// A time outside 1970–2199.
    #[error("{at} is outside the years a record may fall in (1970–2199)")]
    #[diagnostic(
        code(salesflow::record::out_of_range),
        help("check the date: a typo in the year, or a spreadsheet's empty date read as year 0")
    )]
    OutOfRange {
        /// The time, in the flow's zone.
        at: String,
    },
    /// A time before the customer existed.
    #[error("{at} is before {customer} was created ({created})")]
    #[diagnostic(
        code(salesflow::record::before_creation),
        help(
            "a record cannot happen before its customer was created: fix the time, or correct the customer's `created_at` in its import"
        )
    )]
    BeforeCreation {
        /// The customer.
        customer: String,
        /// The record's time, in the flow's zone.
        at: String,
        /// The customer's creation, in the flow's zone.
        created: String,
    },
    /// An update without a field the rules require.
    #[error(
        "an update of {customer} must carry {} (the rules say `update requires`); nothing was recorded",
        list(missing)
    )]
    #[diagnostic(code(salesflow::record::update_requires), help("{}", flags(missing)))]
    UpdateRequires {
        /// The customer.
        customer: String,
        /// The missing fields.
        missing: Vec<UpdateField>,
    },
    /// An update that says nothing.
    #[error("an empty update of {customer}")]
    #[diagnostic(
        code(salesflow::record::empty_update),
        help("give a status, a next action, a blocker, a note or evidence")
    )]
    EmptyUpdate {
        /// The customer.
        customer: String,
    },
    /// A stage the pipeline does not have.
    #[error("unknown stage `{stage}`")]
    #[diagnostic(code(salesflow::record::unknown_stage), help("the pipeline is {}", known.join(", ")))]
    UnknownStage {
        /// The name given.
        stage: String,
        /// The pipeline's stages.
        known: Vec<String>,
    },
    /// A move without the evidence the stage requires.
    #[error("stage `{stage}` ({label}) says `evidence required`: nothing was recorded")]
    #[diagnostic(
        code(salesflow::record::evidence_required),
        help("give at least one evidence reference (a file name, a document number)")
    )]
    EvidenceRequired {
        /// The stage.
        stage: String,
        /// Its label.
        label: String,
    },
    /// A verdict that is neither `confirmed` nor `false`.
    #[error("`{word}` is not a verdict")]
    #[diagnostic(
        code(salesflow::record::verdict_word),
        help("write `confirmed` or `false`")
    )]
    VerdictWord {
        /// What was written.
        word: String,
    },
    /// A verdict for a risk the rules do not have.
    #[error("unknown risk `{risk}`")]
    #[diagnostic(
        code(salesflow::record::unknown_risk),
        help("`salesflow signal list` shows the risks raised")
    )]
    UnknownRisk {
        /// The name given.
        risk: String,
    },
    /// A verdict for a risk none of the customer's earlier events matches.
    #[error("no earlier event of {customer} matches risk `{risk}`: there is no signal to judge")]
    #[diagnostic(
        code(salesflow::record::nothing_to_judge),
        help(
            "a verdict judges signals already raised; record it after the event that raised them"
        )
    )]
    NothingToJudge {
        /// The customer.
        customer: String,
        /// The risk.
        risk: String,
    },
}

/// How to give the fields: the flags of `salesflow update`; an import names its
/// columns as the fields.
fn flags(fields: &[UpdateField]) -> String {
    let flags: Vec<String> = fields
        .iter()
        .map(|f| {
            let flag = match f {
                UpdateField::Status => "--status",
                UpdateField::NextAction => "--next",
                UpdateField::Blocker => "--blocker",
                UpdateField::Note => "--note",
                UpdateField::Evidence => "--evidence",
            };
            format!("`{flag}`")
        })
        .collect();
    format!(
        "give {} to `salesflow update`, or the columns of the same names to an import",
        flags.join(", ")
    )
}

fn list(fields: &[UpdateField]) -> String {
    fields
        .iter()
        .map(|f| format!("`{}`", f.name()))
        .collect::<Vec<_>>()
        .join(", ")
}
