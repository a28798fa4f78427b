//! The pest parser, driven one item at a time so one file yields all its syntax
//! errors: after an error, parsing resumes at the next line that starts, in column
//! one, with an item keyword.

use std::sync::Arc;

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest_derive::Parser;

use super::ast::{Comment, File, Item};
use super::error::SyntaxError;
use super::lower::Lowerer;
use super::split::{self, ITEM_KEYWORDS};
use crate::source::{SourceFile, Span};

/// The generated parser; `Rule` and `Pair` never leave the syntax module.
#[derive(Parser)]
#[grammar = "../grammar/salesflow.pest"]
pub(crate) struct FlowParser;

/// Parses a whole file: its syntax tree (every item that parsed) and every syntax
/// error, in file order.
///
/// A large file is cut into parts parsed on several threads at once (see
/// `split.rs`); the result is the same as parsing it in one go, which the parts
/// check as they are joined.
pub fn parse_file(source: &Arc<SourceFile>) -> (File, Vec<SyntaxError>) {
    // Asking for the cores costs a few system calls: not for a small file.
    let threads = if source.text.len() < 2 * split::MIN_PART {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    };
    let parts = split::part_count(source.text.len(), threads);
    parse_in_parts(source, parts, threads.min(parts))
}

/// What parsing one part of a file produced.
struct Part {
    items: Vec<Item>,
    errors: Vec<SyntaxError>,
    comments: Vec<Comment>,
    fullwidth: Vec<Span>,
    /// Where the part ended.
    end: PartEnd,
}

/// How parsing a part ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartEnd {
    /// Where parsing the whole file ends: at its end, or after a syntax error
    /// with no line left to resume at.
    Eof,
    /// Exactly at the start of the next part: the parts join up.
    AtCut,
    /// Past the start of the next part: parsing must go on from this offset.
    Overran(usize),
}

/// Parses `source` in `parts` parts on `threads` threads, and joins them. Parts
/// differ in cost (conditions cost more than keyword lists), so there are more
/// parts than threads and each thread takes the next part left when it is done.
fn parse_in_parts(
    source: &Arc<SourceFile>,
    parts: usize,
    threads: usize,
) -> (File, Vec<SyntaxError>) {
    let cuts = split::cut_points(&source.text, parts.max(1));
    let part = |k: usize| parse_part(source, cuts[k], cuts.get(k + 1).copied());
    let results: Vec<Part> = if cuts.len() == 1 || threads <= 1 {
        (0..cuts.len()).map(part).collect()
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k >= cuts.len() {
                    return done;
                }
                done.push((k, part(k)));
            }
        };
        let mut done: Vec<(usize, Part)> = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads.min(cuts.len()))
                .map(|_| scope.spawn(work))
                .collect();
            let mut done = work();
            for h in helpers {
                // A thread that panicked is a bug: surface it as this thread's panic.
                done.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            done
        });
        done.sort_unstable_by_key(|(k, _)| *k);
        done.into_iter().map(|(_, p)| p).collect()
    };
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut comments = Vec::new();
    let mut fullwidth = Vec::new();
    for part in results {
        items.extend(part.items);
        errors.extend(part.errors);
        comments.extend(part.comments);
        fullwidth.extend(part.fullwidth);
        match part.end {
            PartEnd::AtCut => {}
            // Parsing ended in this part (at the end of the file, or after an error
            // with no item line left to resume at): the later parts are void.
            PartEnd::Eof => break,
            PartEnd::Overran(at) => {
                // The cut was not an item boundary: the later parts are void, and the
                // rest of the file is parsed here, in one go.
                let rest = parse_part(source, at, None);
                items.extend(rest.items);
                errors.extend(rest.errors);
                comments.extend(rest.comments);
                fullwidth.extend(rest.fullwidth);
                break;
            }
        }
    }
    comments.sort_by_key(|c| c.span.start);
    comments.dedup();
    // An item cut off at a part's end is collected by both parts.
    fullwidth.sort_unstable();
    fullwidth.dedup();
    (
        File {
            source: source.clone(),
            items,
            comments,
            fullwidth,
        },
        errors,
    )
}

/// Parses items from `start`, one at a time, until the end of the file or, when
/// `stop` is given, until the next item would start at `stop`.
fn parse_part(source: &Arc<SourceFile>, start: usize, stop: Option<usize>) -> Part {
    let text: &str = &source.text;
    let mut lowerer = Lowerer::new(source.clone());
    let mut items = Vec::new();
    let mut pos = start;
    let mut end = PartEnd::Eof;
    while pos <= text.len() {
        if stop == Some(pos) {
            end = PartEnd::AtCut;
            break;
        }
        let rest = &text[pos..];
        match FlowParser::parse(Rule::next_item, rest) {
            Ok(mut pairs) => {
                let Some(pair) = pairs.next() else { break };
                if let Some(stop) = stop {
                    let first = pair
                        .clone()
                        .into_inner()
                        .find(|p| p.as_rule() != Rule::COMMENT)
                        .map_or(rest.len(), |p| p.as_span().start());
                    if pos + first >= stop {
                        // The next part parses this item; the comments before it
                        // are kept here too (the join drops the duplicates).
                        lowerer.base = pos;
                        lowerer.collect_trivia(&pair);
                        end = if pos + first == stop {
                            PartEnd::AtCut
                        } else {
                            PartEnd::Overran(pos)
                        };
                        break;
                    }
                }
                lowerer.base = pos;
                let len = pair.as_span().end();
                match lowerer.next_item(pair) {
                    Some(item) => items.push(item),
                    None => break,
                }
                if len == 0 {
                    break;
                }
                pos += len;
                if let Some(stop) = stop.filter(|s| pos > *s) {
                    debug_assert!(stop < pos);
                    end = PartEnd::Overran(pos);
                    break;
                }
            }
            Err(_) => {
                if let Some(stop) = stop {
                    // An item that does not parse and starts at the cut is the next
                    // part's to report.
                    let first = skip_blanks(text, pos);
                    if first >= stop {
                        end = if first == stop {
                            PartEnd::AtCut
                        } else {
                            PartEnd::Overran(pos)
                        };
                        break;
                    }
                }
                let err = detailed_error(rest);
                let (at, error) = convert_error(&err, rest, pos);
                lowerer.errors.push(error);
                match resume_point(text, at) {
                    Some(next) => pos = next,
                    None => break,
                }
                if let Some(stop) = stop.filter(|s| pos > *s) {
                    debug_assert!(stop < pos);
                    end = PartEnd::Overran(pos);
                    break;
                }
            }
        }
    }
    Part {
        items,
        errors: std::mem::take(&mut lowerer.errors),
        comments: std::mem::take(&mut lowerer.comments),
        fullwidth: std::mem::take(&mut lowerer.fullwidth),
        end,
    }
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

/// Serialises the re-parses with error detail: pest's switch for it is global and
/// read when a parse starts, so two parts of a file re-parsing at once could
/// otherwise switch it off under each other. (A fast parse that starts while it is
/// on only collects detail it does not use.)
static ERROR_DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Error detail switched on for as long as it lives, off again when dropped (even
/// by a panic), while holding [`ERROR_DETAIL`].
struct DetailOn {
    _lock: std::sync::MutexGuard<'static, ()>,
}

impl DetailOn {
    fn new() -> Self {
        // A panic elsewhere while holding the lock leaves nothing to repair.
        let guard = ERROR_DETAIL
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pest::set_error_detail(true);
        Self { _lock: guard }
    }
}

impl Drop for DetailOn {
    fn drop(&mut self) {
        pest::set_error_detail(false);
    }
}

fn detailed_error_rule(rule: Rule, text: &str) -> pest::error::Error<Rule> {
    let detail = DetailOn::new();
    let result = FlowParser::parse(rule, text);
    drop(detail);
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

/// Where the first token at or after `pos` starts: past the blanks and comments
/// the grammar skips (`WHITESPACE`, `COMMENT`).
fn skip_blanks(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        let blank = rest
            .find(|c: char| !(c.is_whitespace() || c == '\u{FEFF}'))
            .unwrap_or(rest.len());
        pos += blank;
        if text[pos..].starts_with('#') {
            pos += text[pos..].find(['\n', '\r']).unwrap_or(text.len() - pos);
        } else {
            return pos;
        }
    }
}

/// The first line after `at` that starts with an item keyword in column one.
fn resume_point(text: &str, at: usize) -> Option<usize> {
    let mut line_start = text[at.min(text.len())..].find('\n')? + at + 1;
    loop {
        if split::starts_item(&text[line_start..]) {
            return Some(line_start);
        }
        line_start += text[line_start..].find('\n')? + 1;
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
            // The full-width forms are accepted, but the ASCII ones are what to write.
            let noise = token.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
                || token == "#"
                || token == "_"
                || token
                    .chars()
                    .any(|c| super::fullwidth::ascii_form(c).is_some());
            if !noise && !token.chars().any(char::is_alphanumeric) {
                push_unique(&mut expected, format!("`{token}`"));
            }
        }
    }
    expected.retain(|e| !e.is_empty());
    // A string's full-width opening quote is a rule of its own, which makes pest
    // name the string too: its quotes are listed already.
    if expected.iter().any(|e| e == "`\"`") {
        expected.retain(|e| e != "a string");
    }
    let found_len = token_len(&rest[at..]);
    let found = if found_len == 0 {
        crate::i18n::noun("end of file")
    } else {
        format!("`{}`", &rest[at..at + found_len])
    };
    let help = hint(&expected, &rest[at..at + found_len]);
    // The list is compared with English words above; shown in the user's language.
    let expected: Vec<String> = expected.iter().map(|e| crate::i18n::noun(e)).collect();
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
    if let Some(h) = found.chars().next().and_then(super::fullwidth::hint) {
        return Some(h);
    }
    if found.is_empty() && expected.iter().any(|e| e == "`}`") {
        return Some(crate::t!("syntax-help-block-open"));
    }
    if expected.iter().any(|e| e == "an item") {
        // A misspelt item keyword (`pipline`, transpositions counting as one edit).
        let close = ITEM_KEYWORDS
            .iter()
            .map(|k| (strsim::osa_distance(found, k), k))
            .filter(|(d, k)| *d <= (k.len() / 3).max(1) && *d < k.len())
            .min_by_key(|(d, _)| *d);
        return Some(match close {
            Some((_, k)) => crate::t!("check-help-did-you-mean", name = k),
            None => crate::t!(
                "syntax-help-item-starts",
                keywords = join_or(
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
        return Some(crate::t!("syntax-help-reserved", word = found));
    }
    if found == ","
        && expected
            .iter()
            .any(|e| e.starts_with("`cc`") || e == "`template`")
    {
        return Some(crate::t!("syntax-help-no-comma-cc"));
    }
    None
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => crate::i18n::noun("something else"),
        [one] => one.clone(),
        [init @ .., last] => crate::t!("syntax-one-of", items = init.join(", "), last = last),
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

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;

    use super::*;

    const ZHILIAN: &str = include_str!("../../examples/zhilian.flow");
    const RISKS: &str = include_str!("../../examples/risks.flow");

    /// Everything a parse yields, as text: the items, the comments, the errors.
    fn parsed(text: &str, parts: usize) -> String {
        let source = SourceFile::new("t.flow", text);
        let (file, errors) = parse_in_parts(&source, parts, 2);
        let mut out = format!("{:#?}\n{:#?}\n", file.items, file.comments);
        for e in &errors {
            writeln!(out, "{e:?}").unwrap();
        }
        out
    }

    fn assert_parts_agree(text: &str) {
        let whole = parsed(text, 1);
        for parts in 2..=7 {
            assert_eq!(parsed(text, parts), whole, "{parts} parts of:\n{text}");
        }
    }

    #[test]
    fn the_examples_parse_the_same_in_parts() {
        assert_parts_agree(ZHILIAN);
        assert_parts_agree(RISKS);
        assert_parts_agree(&format!("{ZHILIAN}\n{RISKS}"));
    }

    #[test]
    fn cuts_inside_blocks_and_errors_change_nothing() {
        // Lines inside a `"""` block that look like items, an item that runs past
        // a line starting with an item keyword, syntax errors next to cuts, and
        // comments between items.
        let text = r#"flow "x"
# a comment before a risk
risk a "甲" {
  severity red
  keywords "法务"
  strategy """
risk not_an_item {
segment neither
  """
}
segment s "段" when
risk b "乙" { severity red keywords "预算冻结" }
template t "{{ customer.name }}" # trailing
risk c { severity } 
risk d { severity red keywords "竞品" }
on enter lead {
  notify sales "x"
# inside a block
}
segment t2 "x" when (stage is lead
risk e { severity red keywords "友商" }
"#;
        assert_parts_agree(text);
        assert_parts_agree(&text.repeat(5));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Random sequences of item-like lines, good and broken, parse the same
        /// whatever the number of parts.
        #[test]
        fn random_files_parse_the_same_in_parts(lines in proptest::collection::vec(
            prop::sample::select(vec![
                "risk r \"风险\" {",
                "  severity red",
                "  keywords \"法务\", \"预算冻结\"",
                "}",
                "risk broken {{",
                "template t \"\"\"",
                "\"\"\"",
                "segment s \"段\" when stage is lead or (count visit within 7d > 0",
                ")",
                "# comment",
                "on enter lead {",
                "  notify manager of sales \"{{ customer.name }}\"",
                "events visit",
                "field x: text",
                "",
            ]),
            0..80,
        )) {
            let text = lines.join("\n");
            let whole = parsed(&text, 1);
            for parts in [2, 3, 5] {
                prop_assert_eq!(&parsed(&text, parts), &whole);
            }
        }
    }
}
