//! What CI tools show about a kind of finding: its stable id, a name, a one-line
//! summary, whether it is an error, and the page that explains it
//! (`docs/codes/…`). Takes a diagnostic [`Code`] (or one of the outcomes of a
//! rule test, see `ruletest::annotations`) and gives the metadata that SARIF's
//! `rules`, the GitHub title and the GitLab check name carry.
//!
//! The summaries live here, beside the help links, rather than in the `codes!`
//! list, so that adding a code stays a one-line change there; the test
//! `ci_codes` fails for a code without a summary or a page.

use super::{Code, Severity};

/// Where the pages of `docs/codes/` are published: the repository of
/// `Cargo.toml`, on its main branch.
const DOCS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/codes");

/// A kind of finding, as CI tools list it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stable id, `salesflow::…` (the diagnostic code).
    pub id: &'static str,
    /// One line on what it means.
    pub summary: &'static str,
    /// Error or warning, unless a finding says otherwise.
    pub severity: Severity,
}

impl Rule {
    /// The id without the `salesflow::` prefix, `::` as `/`: the page's path
    /// under `docs/codes/` without `.md` (`unknown_stage`, `syntax/invalid_date`).
    pub fn slug(&self) -> String {
        self.id
            .strip_prefix("salesflow::")
            .unwrap_or(self.id)
            .replace("::", "/")
    }

    /// The page that explains it, relative to the repository's root.
    pub fn page(&self) -> String {
        format!("docs/codes/{}.md", self.slug())
    }

    /// The page as a web address.
    pub fn help_uri(&self) -> String {
        format!("{DOCS}/{}.md", self.slug())
    }

    /// A name in SARIF's style: the slug in upper camel case
    /// (`syntax/invalid_date` → `SyntaxInvalidDate`).
    pub fn name(&self) -> String {
        let mut name = String::new();
        let mut upper = true;
        for c in self.slug().chars() {
            if c == '_' || c == '/' {
                upper = true;
            } else if upper {
                name.extend(c.to_uppercase());
                upper = false;
            } else {
                name.push(c);
            }
        }
        name
    }
}

impl Code {
    /// The code as CI tools list it.
    pub fn rule(self) -> Rule {
        Rule {
            id: self.name(),
            summary: summary(self).unwrap_or(self.name()),
            severity: self.severity(),
        }
    }

    /// Whether [`Code::rule`] has a real summary for this code (not its name).
    pub fn has_summary(self) -> bool {
        summary(self).is_some()
    }
}

/// One line per code; `None` for a code added to `codes!` and not yet here.
fn summary(code: Code) -> Option<&'static str> {
    Some(match code {
        Code::UnexpectedToken => "The parser met a word or mark that cannot stand here.",
        Code::UnterminatedString => "A string is opened with `\"` and not closed on its line.",
        Code::UnterminatedBlock => "A text block is opened with `\"\"\"` and never closed.",
        Code::InvalidEscape => "A string holds a backslash escape that does not exist.",
        Code::InvalidDuration => "A duration has no unit or a unit other than m, h, d, w.",
        Code::InvalidNumber => "A number is too large or not a number.",
        Code::InvalidTime => "A time of day is not between 00:00 and 24:00.",
        Code::InvalidDate => "A date is not a day of the calendar.",
        Code::TooComplex => "A condition has too many operators or levels of parentheses.",
        Code::UnbalancedParentheses => "A `(` is never closed, or a `)` closes nothing.",
        Code::ManagerChain => "A recipient goes up more than 8 managers.",
        Code::UnreadableFile => "A rule file cannot be read.",
        Code::IncludeNotFound => "An `include` names a file that cannot be read.",
        Code::IncludeCycle => "Files include each other in a circle.",
        Code::FlowNotFirst => "`flow \"…\"` is not the first item of the root file.",
        Code::DuplicateName => "Two declarations of the same kind share a name.",
        Code::DuplicateItem => {
            "An item that a flow has once (`pipeline`, `health`) is written twice."
        }
        Code::BuiltinRedeclared => "A declaration redeclares something salesflow provides.",
        Code::UnknownStage => "A stage is named that the pipeline does not declare.",
        Code::UnknownRole => "A role is named that the flow does not declare.",
        Code::UnknownEventKind => "An event kind or group is named that does not exist.",
        Code::UnknownField => "A customer field is named that is neither declared nor built in.",
        Code::UnknownFieldType => "A declared field has a type salesflow does not know.",
        Code::UnknownState => "A health state is named that `health` does not declare.",
        Code::UnknownSegment => "A segment is named that the flow does not declare.",
        Code::UnknownRisk => "A risk is named that the flow does not declare.",
        Code::UnknownTag => "A tag is named that the flow does not declare.",
        Code::UnknownTemplate => "A message template is named that the flow does not declare.",
        Code::UnknownCalendar => "A calendar is named that the flow does not declare.",
        Code::UnknownTimezone => "A time zone is not an IANA time zone name.",
        Code::UnknownGoalMetric => "A goal names a journey metric that does not exist.",
        Code::UnknownUpdateField => "A condition on an update names a field updates do not have.",
        Code::UnknownSeverity => "A risk's severity names no health state.",
        Code::TypeMismatch => "Two values of different types are compared or combined.",
        Code::NotACondition => "A value stands where a condition (true or false) is needed.",
        Code::BareName => "A name stands alone where a condition is needed.",
        Code::WeeksUnderClock => "Weeks are used under a working-time calendar clock.",
        Code::ZeroDuration => "An `every` period is zero.",
        Code::MissingPipeline => "The flow declares no `pipeline`.",
        Code::NoWonStage => "No stage of the pipeline is marked `won`.",
        Code::WonAndLost => "A stage is marked both `won` and `lost`.",
        Code::EmptyGroup => "A group (of events or stages) lists nothing.",
        Code::MissingOtherwise => "The last health state is not `otherwise`.",
        Code::MissingWhen => "An escalation has no `when`, so its timer never starts.",
        Code::RepeatedClause => "A clause that an item has once is written twice.",
        Code::MissingSeverity => "A risk has no `severity`.",
        Code::MissingKeywords => "A risk has no keywords, so it never matches.",
        Code::EmptyKeyword => "A keyword is the empty string, which matches every text.",
        Code::HolidayFileMissing => "A calendar's holiday file cannot be read.",
        Code::HolidayFileMalformed => "A calendar's holiday file is not in the holiday-cn format.",
        Code::InvalidHours => "A range of working hours ends before it starts.",
        Code::OverlappingHours => "Two ranges of working hours of one day overlap.",
        Code::OffAndWork => "A date is declared both a day off and a working day.",
        Code::InvertedDateRange => "A date range ends before it starts.",
        Code::TemplateSyntax => "A message template is not valid Jinja.",
        Code::TemplateUnknownVariable => {
            "A template uses a variable or attribute its messages do not provide."
        }
        Code::ReadOnlyField => "A `set` action writes a field that salesflow computes.",
        Code::GoalOutOfRange => "A goal's share lies outside 0% to 100%.",
        Code::UnreachableState => "A health state can never hold: an earlier one always does.",
        Code::SegmentWithoutOtherwise => "No segment is `otherwise`: a customer may have none.",
        Code::StepsOutOfOrder => "The steps of an escalation are not in increasing time order.",
        Code::UnresolvableRecipient => "A recipient resolves to nobody in the team file.",
        Code::DuplicateKeyword => "One keyword belongs to two risks.",
        Code::OverlappingKeywords => "A keyword of one risk contains a keyword of another.",
        Code::UnusedTemplate => "A template is declared and never used.",
        Code::EscalationWithoutSteps => "An escalation has no steps, so it does nothing.",
        Code::EmptyCalendar => "A calendar has no working hours, so its time never passes.",
        Code::NotUtf8 => "A rule file is not UTF-8 text (often GBK from a Chinese Windows editor).",
        Code::RefusedPath => "An `include` or holiday file names a path salesflow will not read.",
        Code::AmbiguousLabel => {
            "Two declarations of one kind share a label, so the label names neither."
        }
        Code::TemplateUnknownFilter => "A template uses a filter that does not exist.",
        Code::TemplateTooLarge => "A template is longer than salesflow renders.",
        Code::TemplateTooComplex => "A template nests deeper than salesflow renders.",
        Code::FullwidthPunctuation => {
            "Full-width punctuation stands where the language has ASCII marks."
        }
        Code::TemplateMaybeUndefined => {
            "A template uses a value that some of its messages may lack."
        }
        // Codes added to `codes!` land here until they get a summary (not
        // `expect`: the arm is reachable exactly while one is missing).
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_names_and_pages_follow_the_id() {
        let rule = Code::InvalidDate.rule();
        assert_eq!(rule.slug(), "syntax/invalid_date");
        assert_eq!(rule.page(), "docs/codes/syntax/invalid_date.md");
        assert_eq!(rule.name(), "SyntaxInvalidDate");
        assert!(
            rule.help_uri().starts_with("https://") && rule.help_uri().ends_with(&rule.page()),
            "{}",
            rule.help_uri()
        );
        assert_eq!(Code::UnknownStage.rule().name(), "UnknownStage");
    }
}
