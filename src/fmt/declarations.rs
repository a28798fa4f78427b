//! Blocks that declare things: `calendar`, `pipeline`, `tags`, `risk`.
//!
//! Takes one block; writes its header, its lines indented two spaces, and `}`.
//! `pipeline` lines are a table (name, label, then the modifiers two spaces apart,
//! in the order written); `tags` lines are a table (name, then the keywords).
//! `risk` lines keep their order and grouping: `keywords "a", "b"` stays one line
//! and a second `keywords` line stays a second line.

use super::items::lit;
use super::printer::Printer;
use super::source_view::SourceView;
use super::table::align;
use crate::source::Span;
use crate::syntax::ast::{CalendarDecl, CalendarLine, DateRangeLit, RiskDecl, StageDecl, TagsDecl};

/// Indentation of a block's lines.
const INNER: usize = 2;

fn slice(src: SourceView<'_>, span: Span) -> &str {
    src.slice(span.start, span.end)
}

/// `calendar NAME { hours … / holidays … / off … / work … }`
pub(crate) fn calendar(p: &mut Printer<'_>, c: &CalendarDecl) {
    let src = p.src;
    let brace = src.find_next(c.name.span.end, '{');
    p.open(0, format!("calendar {}", c.name.name), c.span.start, brace);
    for line in &c.lines {
        let (text, span) = match line {
            CalendarLine::Hours { days, ranges, span } => {
                let days: Vec<String> = days
                    .iter()
                    .map(|(from, to)| {
                        if from.span == to.span {
                            slice(src, from.span).to_string()
                        } else {
                            format!("{}-{}", slice(src, from.span), slice(src, to.span))
                        }
                    })
                    .collect();
                let ranges: Vec<String> = ranges
                    .iter()
                    .map(|(from, to)| format!("{}-{}", slice(src, from.span), slice(src, to.span)))
                    .collect();
                (
                    format!("hours {} {}", days.join(", "), ranges.join(", ")),
                    *span,
                )
            }
            CalendarLine::Holidays(files, span) => {
                let files: Vec<&str> = files.iter().map(|f| lit(src, f)).collect();
                (format!("holidays {}", files.join(", ")), *span)
            }
            CalendarLine::Off(dates, label, span) => {
                let mut text = format!("off {}", date_ranges(src, dates));
                if let Some(label) = label {
                    text.push(' ');
                    text.push_str(lit(src, label));
                }
                (text, *span)
            }
            CalendarLine::Work(dates, span) => (format!("work {}", date_ranges(src, dates)), *span),
        };
        p.line(INNER, text, span.start, span.end);
    }
    p.close(0, c.span.end - 1);
}

fn date_ranges(src: SourceView<'_>, dates: &[DateRangeLit]) -> String {
    let dates: Vec<String> = dates
        .iter()
        .map(|d| {
            let from = d.from.format("%Y-%m-%d");
            if slice(src, d.span).contains("..") {
                format!("{from}..{}", d.to.format("%Y-%m-%d"))
            } else {
                from.to_string()
            }
        })
        .collect();
    dates.join(", ")
}

/// `pipeline { NAME "label" modifiers… }`, aligned.
pub(crate) fn pipeline(p: &mut Printer<'_>, stages: &[StageDecl], span: Span) {
    let src = p.src;
    let brace = src.find_next(span.start + "pipeline".len(), '{');
    p.open(0, "pipeline", span.start, brace);
    let rows: Vec<Vec<String>> = stages
        .iter()
        .map(|s| {
            vec![
                s.name.name.clone(),
                lit(src, &s.label).to_string(),
                modifiers(src, s),
            ]
        })
        .collect();
    for (stage, text) in stages.iter().zip(align(&rows, &[" ", "  "])) {
        p.line(INNER, text, stage.span.start, stage.span.end);
    }
    p.close(0, span.end - 1);
}

/// A stage's modifiers in the order written, two spaces apart.
fn modifiers(src: SourceView<'_>, s: &StageDecl) -> String {
    let mut mods: Vec<(usize, String)> = Vec::new();
    let mut word = |at: Option<Span>, text: &str| {
        if let Some(at) = at {
            mods.push((at.start, text.to_string()));
        }
    };
    word(s.milestone, "milestone");
    word(s.evidence_required, "evidence required");
    word(s.won, "won");
    word(s.lost, "lost");
    if let Some(d) = &s.expect {
        mods.push((d.span.start, format!("expect {}", slice(src, d.span))));
    }
    mods.sort_by_key(|(at, _)| *at);
    let mods: Vec<String> = mods.into_iter().map(|(_, text)| text).collect();
    mods.join("  ")
}

/// `tags from customer.a, … { TAG "kw", … }`, aligned.
pub(crate) fn tags(p: &mut Printer<'_>, t: &TagsDecl) {
    let src = p.src;
    let from: Vec<String> = t
        .from
        .iter()
        .map(|f| format!("customer.{}", f.name))
        .collect();
    let head_end = t.from.last().map_or(t.span.start, |f| f.span.end);
    let brace = src.find_next(head_end, '{');
    p.open(
        0,
        format!("tags from {}", from.join(", ")),
        t.span.start,
        brace,
    );
    let rows: Vec<Vec<String>> = t
        .tags
        .iter()
        .map(|(name, words, _)| {
            let words: Vec<&str> = words.iter().map(|w| lit(src, w)).collect();
            vec![name.name.clone(), words.join(", ")]
        })
        .collect();
    for ((_, _, span), text) in t.tags.iter().zip(align(&rows, &[" "])) {
        p.line(INNER, text, span.start, span.end);
    }
    p.close(0, t.span.end - 1);
}

/// One line of a risk as written: its keyword and its values.
struct RiskLine {
    keyword: &'static str,
    values: Vec<String>,
    first: Span,
    last: Span,
}

/// `risk NAME "label" { severity / keywords / unless / strategy / case }`
pub(crate) fn risk(p: &mut Printer<'_>, r: &RiskDecl) {
    let src = p.src;
    let mut head = format!("risk {}", r.name.name);
    let mut head_end = r.name.span.end;
    if let Some(label) = &r.label {
        head.push(' ');
        head.push_str(lit(src, label));
        head_end = label.span.end;
    }
    let brace = src.find_next(head_end, '{');
    p.open(0, head, r.span.start, brace);

    let mut values: Vec<(&'static str, Span, String)> = Vec::new();
    values.extend(
        r.severity
            .iter()
            .map(|s| ("severity", s.span, slice(src, s.span).to_string())),
    );
    for (keyword, list) in [
        ("keywords", &r.keywords),
        ("unless", &r.unless),
        ("strategy", &r.strategy),
        ("case", &r.cases),
    ] {
        values.extend(
            list.iter()
                .map(|s| (keyword, s.span, lit(src, s).to_string())),
        );
    }
    values.sort_by_key(|(_, span, _)| span.start);

    let mut lines: Vec<RiskLine> = Vec::new();
    for (keyword, span, text) in values {
        // A value continues the line before when a comma separates them.
        let continues = lines.last().is_some_and(|l| {
            l.keyword == keyword && matches!(src.next_token(l.last.end), Some((_, ',')))
        });
        match lines.last_mut() {
            Some(line) if continues => {
                line.values.push(text);
                line.last = span;
            }
            _ => lines.push(RiskLine {
                keyword,
                values: vec![text],
                first: span,
                last: span,
            }),
        }
    }
    for line in lines {
        let start = src.prev_word_start(line.first.start);
        let text = format!("{} {}", line.keyword, line.values.join(", "));
        p.line(INNER, text, start, line.last.end);
    }
    p.close(0, r.span.end - 1);
}
