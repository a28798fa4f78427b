//! One fixture per diagnostic: each `tests/fixtures/diagnostics/<case>.flow` is
//! checked from the disk, every diagnostic is rendered as plain text (what a user
//! sees without colour) and the concatenation is pinned by an insta snapshot.
//!
//! A case that needs a team file (`check --team`) has it at `<case>/team.yaml`.
//!
//! Each case also lists the codes it must produce, in order, so a fixture that
//! starts producing another diagnostic, or one more, fails by name even before
//! its snapshot is looked at. Paths are relative (tests run from the crate root),
//! so the rendering is the same on every machine.

use std::collections::BTreeSet;
use std::path::Path;

use salesflow::check::{Checked, DiskLoader, check_path_with_team};
use salesflow::diagnostic::Code;
use salesflow::team::Team;

const FIXTURES: &str = "tests/fixtures/diagnostics";

/// Checks one fixture, with `<case>/team.yaml` as the team when there is one.
fn check(case: &str) -> Checked {
    let path = format!("{FIXTURES}/{case}.flow");
    let team_path = format!("{FIXTURES}/{case}/team.yaml");
    let team = Path::new(&team_path)
        .exists()
        .then(|| Team::load(Path::new(&team_path)).expect("the fixture's team loads"));
    check_path_with_team(Path::new(&path), &DiskLoader, team.as_ref())
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Checks one fixture: its rendered diagnostics and their codes.
fn check_fixture(case: &str) -> (String, Vec<&'static str>) {
    let checked = check(case);
    let rendered: String = checked
        .diagnostics
        .iter()
        .map(|d| d.render_to_string(false))
        .collect();
    let codes = checked.diagnostics.iter().map(|d| d.code.name()).collect();
    (rendered, codes)
}

macro_rules! cases {
    ($($case:ident => [$($code:literal),+ $(,)?],)*) => {
        /// Every case and the codes it produces.
        const CASES: &[(&str, &[&str])] = &[$((stringify!($case), &[$($code),+]),)*];

        $(
            #[test]
            fn $case() {
                let (rendered, codes) = check_fixture(stringify!($case));
                let expected: &[&str] = &[$($code),+];
                assert_eq!(codes, expected, "diagnostics of {}:\n{rendered}", stringify!($case));
                insta::assert_snapshot!(stringify!($case), rendered);
            }
        )*
    };
}

cases! {
    // Syntax.
    unexpected_token => ["salesflow::syntax::unexpected_token"],
    unexpected_end_of_file => ["salesflow::syntax::unexpected_token"],
    unknown_item_keyword => ["salesflow::syntax::unexpected_token"],
    unterminated_string => ["salesflow::syntax::unterminated_string"],
    unterminated_block => ["salesflow::syntax::unterminated_block"],
    invalid_escape => ["salesflow::syntax::invalid_escape"],
    invalid_duration_unit => ["salesflow::syntax::invalid_duration"],
    duration_without_unit => ["salesflow::syntax::invalid_duration"],
    condition_too_complex => ["salesflow::syntax::too_complex"],
    unbalanced_parentheses => [
        "salesflow::syntax::unbalanced_parentheses",
        "salesflow::syntax::unbalanced_parentheses"
    ],
    manager_chain => ["salesflow::syntax::manager_chain"],
    invalid_number => ["salesflow::syntax::invalid_number"],
    invalid_time => ["salesflow::syntax::invalid_time"],
    invalid_date => ["salesflow::syntax::invalid_date"],
    fullwidth_semicolon => ["salesflow::syntax::unexpected_token"],
    fullwidth_punctuation => [
        "salesflow::fullwidth_punctuation",
        "salesflow::fullwidth_punctuation"
    ],
    // Files and includes.
    include_not_found => ["salesflow::include_not_found"],
    include_cycle => ["salesflow::include_cycle"],
    not_utf8 => ["salesflow::not_utf8"],
    refused_path => ["salesflow::refused_path"],
    unreadable_file => ["salesflow::unreadable_file"],
    // Items and names.
    flow_not_first => ["salesflow::flow_not_first"],
    duplicate_name => ["salesflow::duplicate_name"],
    duplicate_name_across_include => ["salesflow::duplicate_name"],
    duplicate_item => ["salesflow::duplicate_item"],
    ambiguous_label => ["salesflow::ambiguous_label", "salesflow::ambiguous_label"],
    builtin_redeclared => ["salesflow::builtin_redeclared"],
    unknown_stage => ["salesflow::unknown_stage"],
    unknown_role => ["salesflow::unknown_role"],
    unknown_event_kind => ["salesflow::unknown_event_kind"],
    unknown_field => ["salesflow::unknown_field"],
    unknown_field_type => ["salesflow::unknown_field_type"],
    unknown_state => ["salesflow::unknown_state"],
    unknown_segment => ["salesflow::unknown_segment"],
    unknown_risk => ["salesflow::unknown_risk"],
    unknown_tag => ["salesflow::unknown_tag"],
    unknown_template => ["salesflow::unknown_template"],
    unknown_calendar => ["salesflow::unknown_calendar"],
    unknown_timezone => ["salesflow::unknown_timezone"],
    unknown_goal_metric => ["salesflow::unknown_goal_metric"],
    unknown_update_field => ["salesflow::unknown_update_field"],
    unknown_severity => ["salesflow::unknown_severity"],
    // Conditions and durations.
    type_mismatch => ["salesflow::type_mismatch"],
    not_a_condition => ["salesflow::not_a_condition"],
    bare_name => ["salesflow::bare_name"],
    bare_names_compared => ["salesflow::bare_name"],
    weeks_under_clock => ["salesflow::weeks_under_clock"],
    zero_duration => ["salesflow::zero_duration"],
    // Pipeline, health, escalations, risks.
    missing_pipeline => ["salesflow::missing_pipeline"],
    no_won_stage => ["salesflow::no_won_stage"],
    won_and_lost => ["salesflow::won_and_lost"],
    missing_otherwise => ["salesflow::missing_otherwise"],
    missing_when => ["salesflow::missing_when"],
    repeated_clause => ["salesflow::repeated_clause"],
    missing_severity => ["salesflow::missing_severity"],
    missing_keywords => ["salesflow::missing_keywords"],
    empty_keyword => ["salesflow::empty_keyword"],
    read_only_field => ["salesflow::read_only_field"],
    goal_out_of_range => ["salesflow::goal_out_of_range"],
    // Calendars.
    holiday_file_missing => ["salesflow::holiday_file_missing"],
    holiday_file_malformed => ["salesflow::holiday_file_malformed"],
    invalid_hours => ["salesflow::invalid_hours"],
    overlapping_hours => ["salesflow::overlapping_hours"],
    off_and_work => ["salesflow::off_and_work"],
    inverted_date_range => ["salesflow::inverted_date_range"],
    // Templates.
    template_syntax => ["salesflow::template_syntax"],
    template_unknown_variable => ["salesflow::template_unknown_variable"],
    template_unknown_attribute => ["salesflow::template_unknown_variable"],
    template_unknown_filter => ["salesflow::template_unknown_filter"],
    template_too_large => ["salesflow::template_too_large"],
    template_too_complex => ["salesflow::template_too_complex"],
    template_maybe_undefined => [
        "salesflow::template_maybe_undefined",
        "salesflow::template_maybe_undefined"
    ],
    // Warnings.
    unreachable_state => ["salesflow::unreachable_state"],
    segment_without_otherwise => ["salesflow::segment_without_otherwise"],
    steps_out_of_order => ["salesflow::steps_out_of_order"],
    duplicate_keyword => ["salesflow::duplicate_keyword"],
    duplicate_keyword_normalized => ["salesflow::duplicate_keyword"],
    overlapping_keywords => ["salesflow::overlapping_keywords"],
    unused_template => ["salesflow::unused_template"],
    unresolvable_recipient => ["salesflow::unresolvable_recipient"],
    escalation_without_steps => ["salesflow::escalation_without_steps"],
    empty_calendar => ["salesflow::empty_calendar"],
}

/// Codes that `check` of a rule file cannot produce today, with the reason; a code
/// leaves this list when a fixture covers it.
const NOT_COVERED: &[(&str, &str)] = &[(
    "salesflow::empty_group",
    "the grammar requires at least one kind in `event NAME = …`",
)];

#[test]
fn every_code_has_a_fixture_or_a_reason() {
    let covered: BTreeSet<&str> = CASES.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let excused: BTreeSet<&str> = NOT_COVERED.iter().map(|(c, _)| *c).collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.name())
        .filter(|n| !covered.contains(n) && !excused.contains(n))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
    let stale: Vec<&&str> = excused.iter().filter(|c| covered.contains(*c)).collect();
    assert!(
        stale.is_empty(),
        "covered codes still listed as not covered: {stale:?}"
    );
}

#[test]
fn every_fixture_file_is_a_case() {
    let cases: BTreeSet<&str> = CASES.iter().map(|(c, _)| *c).collect();
    let orphans: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "flow"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|stem| !cases.contains(stem.as_str()))
        .collect();
    assert!(orphans.is_empty(), "fixtures without a case: {orphans:?}");
}

#[test]
fn messages_are_lowercase_without_a_trailing_period() {
    for (case, _) in CASES {
        for d in &check(case).diagnostics {
            let first = d.message.chars().next().unwrap_or(' ');
            assert!(
                !first.is_uppercase() && !d.message.ends_with('.'),
                "{case}: {:?}",
                d.message
            );
            assert!(
                d.help.as_deref().is_none_or(|h| !h.ends_with('.')),
                "{case}: help {:?}",
                d.help
            );
        }
    }
}
