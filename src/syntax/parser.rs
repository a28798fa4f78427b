//! The pest parser, driven one item at a time so one file yields all its syntax
//! errors: after an error, parsing resumes at the next line that starts, in column
//! one, with an item keyword.

use std::sync::Arc;

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest_derive::Parser;

use super::ast::{Comment, File};
use super::error::SyntaxError;
use super::lower::Lowerer;
use crate::source::{SourceFile, Span};

/// The generated parser; `Rule` and `Pair` never leave the syntax module.
#[derive(Parser)]
#[grammar = "../grammar/salesflow.pest"]
pub(crate) struct FlowParser;

/// Words that start an item; recovery resumes at a line starting with one.
const ITEM_KEYWORDS: &[&str] = &[
    "flow",
    "include",
    "timezone",
    "calendar",
    "roles",
    "events",
    "event",
    "field",
    "pipeline",
    "on",
    "health",
    "escalation",
    "risk",
    "tags",
    "segment",
    "update",
    "goal",
    "template",
];

/// Parses a whole file: its syntax tree (every item that parsed) and every syntax
/// error, in file order.
pub fn parse_file(source: &Arc<SourceFile>) -> (File, Vec<SyntaxError>) {
    let text: &str = &source.text;
    let mut lowerer = Lowerer::new(source.clone());
    let mut items = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let rest = &text[pos..];
        match FlowParser::parse(Rule::next_item, rest) {
            Ok(mut pairs) => {
                let Some(pair) = pairs.next() else { break };
                lowerer.base = pos;
                let end = pair.as_span().end();
                match lowerer.next_item(pair) {
                    Some(item) => items.push(item),
                    None => break,
                }
                if end == 0 {
                    break;
                }
                pos += end;
            }
            Err(_) => {
                let err = detailed_error(rest);
                let (at, error) = convert_error(&err, rest, pos);
                lowerer.errors.push(error);
                match resume_point(text, at) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
        }
    }
    let mut comments: Vec<Comment> = std::mem::take(&mut lowerer.comments);
    comments.sort_by_key(|c| c.span.start);
    comments.dedup();
    let errors = std::mem::take(&mut lowerer.errors);
    (
        File {
            source: source.clone(),
            items,
            comments,
        },
        errors,
    )
}

/// Parses one expression (for `list --where`); `None` with errors when it is not one.
pub fn parse_expr(source: &Arc<SourceFile>) -> Result<super::ast::Expr, Vec<SyntaxError>> {
    let text: &str = &source.text;
    let mut lowerer = Lowerer::new(source.clone());
    match FlowParser::parse(Rule::expr_only, text) {
        Ok(mut pairs) => {
            let pair = pairs.next().expect("expr_only always yields one pair");
            let expr = lowerer.expr_only(pair);
            if lowerer.errors.is_empty() {
                Ok(expr)
            } else {
                Err(lowerer.errors)
            }
        }
        Err(_) => {
            let err = detailed_error_rule(Rule::expr_only, text);
            Err(vec![convert_error(&err, text, 0).1])
        }
    }
}

/// Re-parses with pest's error detail on, which lists the tokens it expected.
fn detailed_error(rest: &str) -> pest::error::Error<Rule> {
    detailed_error_rule(Rule::next_item, rest)
}

fn detailed_error_rule(rule: Rule, text: &str) -> pest::error::Error<Rule> {
    pest::set_error_detail(true);
    let result = FlowParser::parse(rule, text);
    pest::set_error_detail(false);
    match result {
        Err(e) => e,
        Ok(_) => pest::error::Error::new_from_pos(
            ErrorVariant::CustomError {
                message: "parse error".into(),
            },
            pest::Position::from_start(text),
        ),
    }
}

/// The first line after `at` that starts with an item keyword in column one.
fn resume_point(text: &str, at: usize) -> Option<usize> {
    let mut line_start = text[at.min(text.len())..].find('\n')? + at + 1;
    loop {
        let line = &text[line_start..];
        let word_end = line
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(line.len());
        if ITEM_KEYWORDS.contains(&&line[..word_end]) {
            return Some(line_start);
        }
        line_start += line.find('\n')? + 1;
    }
}

/// Turns a pest error into an `unexpected token` diagnostic at an absolute offset.
fn convert_error(err: &pest::error::Error<Rule>, rest: &str, base: usize) -> (usize, SyntaxError) {
    let at = match err.location {
        InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
    };
    let mut expected: Vec<String> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &err.variant {
        for rule in positives {
            push_unique(&mut expected, rule_name(*rule));
        }
    }
    if let Some(attempts) = err.parse_attempts() {
        for token in attempts.expected_tokens() {
            let token = token.to_string();
            // Blanks, `#` and `_` are what the skipped whitespace, comments and
            // the start of a name would accept: noise in an "expected" list.
            let noise = token.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
                || token == "#"
                || token == "_";
            if !noise && !token.chars().any(char::is_alphanumeric) {
                push_unique(&mut expected, format!("`{token}`"));
            }
        }
    }
    expected.retain(|e| !e.is_empty());
    let found_len = token_len(&rest[at..]);
    let found = if found_len == 0 {
        "end of file".to_string()
    } else {
        format!("`{}`", &rest[at..at + found_len])
    };
    let help = hint(&expected, &rest[at..at + found_len]);
    // At the end of the file, point just after the last text: a label on the
    // empty last line would not be drawn.
    let at_label = if found_len == 0 {
        rest[..at].trim_end().len()
    } else {
        at
    };
    let span = Span::new(base + at_label, base + at_label + found_len);
    let error = SyntaxError::UnexpectedToken {
        found,
        span: span.into(),
        expected: join_or(&expected),
        help,
    };
    (base + at, error)
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

/// The length of the token at the start of `text`: a word, or one character.
fn token_len(text: &str) -> usize {
    let word = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    if word > 0 {
        word
    } else {
        text.chars().next().map_or(0, char::len_utf8)
    }
}

fn hint(expected: &[String], found: &str) -> Option<String> {
    if found.is_empty() && expected.iter().any(|e| e == "`}`") {
        return Some("a block is still open: close it with `}`".into());
    }
    if expected.iter().any(|e| e == "an item") {
        // A misspelt item keyword (`pipline`, transpositions counting as one edit).
        let close = ITEM_KEYWORDS
            .iter()
            .map(|k| (strsim::osa_distance(found, k), k))
            .filter(|(d, k)| *d <= (k.len() / 3).max(1) && *d < k.len())
            .min_by_key(|(d, _)| *d);
        return Some(match close {
            Some((_, k)) => format!("did you mean `{k}`?"),
            None => format!(
                "an item starts with {}",
                join_or(
                    &ITEM_KEYWORDS
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                )
            ),
        });
    }
    if ["and", "or", "not", "is", "in", "within", "true", "false"].contains(&found)
        && expected.iter().any(|e| e == "a name")
    {
        return Some(format!(
            "`{found}` is reserved and cannot be used as a name"
        ));
    }
    if found == ","
        && expected
            .iter()
            .any(|e| e.starts_with("`cc`") || e == "`template`")
    {
        return Some("no comma goes before `cc` or the message".into());
    }
    None
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => "something else".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A name for a rule in "expected …" lists; empty for rules never worth naming.
fn rule_name(rule: Rule) -> String {
    let name = format!("{rule:?}");
    if let Some(keyword) = name.strip_prefix("k_") {
        return format!("`{keyword}`");
    }
    let text = match rule {
        Rule::ident
        | Rule::name_v
        | Rule::stage_target
        | Rule::stage_line
        | Rule::state_line
        | Rule::tag_line => "a name",
        Rule::next_item
        | Rule::flow_item
        | Rule::include_item
        | Rule::timezone_item
        | Rule::calendar_item
        | Rule::roles_item
        | Rule::events_item
        | Rule::event_group
        | Rule::field_item
        | Rule::pipeline_item
        | Rule::on_block
        | Rule::health_item
        | Rule::escalation_item
        | Rule::risk_item
        | Rule::tags_item
        | Rule::segment_item
        | Rule::update_requires
        | Rule::goal_item
        | Rule::template_item => "an item",
        Rule::string | Rule::text_block => "a string",
        Rule::duration | Rule::duration_start => "a duration",
        Rule::number => "a number",
        Rule::integer => "a whole number",
        Rule::percent => "a percentage",
        Rule::date | Rule::date_range => "a date",
        Rule::time_of_day | Rule::time_range => "a time of day",
        Rule::weekday | Rule::day_spec => "a weekday",
        Rule::cmp_op | Rule::op_tail => "a comparison",
        Rule::attr_op => "`=`",
        Rule::open_paren => "`(`",
        Rule::close_paren => "`)`",
        Rule::op_or => "`or`",
        Rule::op_and => "`and`",
        Rule::op_not => "`not`",
        Rule::bool_lit => "`true`",
        Rule::task_state => "`done`, `open`, `overdue`",
        Rule::EOI => "end of file",
        Rule::expr | Rule::comparison => "a condition",
        Rule::recipient | Rule::manager_of | Rule::person_ref => "a recipient",
        Rule::template_ref => "`template`",
        Rule::field_ref => "`customer`",
        Rule::is_tail => "`is`",
        Rule::in_tail => "`in`",
        Rule::within => "`within`",
        Rule::cc_list => "`cc`",
        Rule::m_milestone => "`milestone`",
        Rule::m_expect => "`expect`",
        Rule::m_evidence => "`evidence`",
        Rule::m_won => "`won`",
        Rule::m_lost => "`lost`",
        Rule::since_v => "`since`",
        Rule::count_v => "`count`",
        Rule::signal_v => "`signal`",
        Rule::task_v | Rule::task_action => "`task`",
        Rule::tagged_v => "`tagged`",
        Rule::mentions_v => "`mentions`",
        Rule::time_in_stage_v => "`time_in_stage`",
        Rule::overdue_v => "`overdue`",
        Rule::stage_v => "`stage`",
        Rule::health_v => "`health`",
        Rule::segment_v | Rule::segment_target => "`segment`",
        Rule::notify_action => "`notify`",
        Rule::message_action => "`message`",
        Rule::set_action => "`set`",
        Rule::when_clause | Rule::esc_when => "`when`",
        Rule::esc_until => "`until`",
        Rule::esc_clock => "`clock`",
        Rule::esc_pause => "`pause`",
        Rule::esc_after => "`after`",
        Rule::esc_every => "`every`",
        Rule::risk_severity => "`severity`",
        Rule::risk_keywords => "`keywords`",
        Rule::risk_unless => "`unless`",
        Rule::risk_strategy => "`strategy`",
        Rule::risk_case => "`case`",
        Rule::hours_line => "`hours`",
        Rule::holidays_line => "`holidays`",
        Rule::off_line => "`off`",
        Rule::work_line => "`work`",
        Rule::signal_any => "`any`",
        _ => "",
    };
    text.to_string()
}
