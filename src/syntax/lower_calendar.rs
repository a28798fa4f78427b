//! Lowering of `calendar` items: weekly hours, holiday files, `off` and `work`
//! dates, with times of day and dates validated where they stand.

use pest::iterators::Pair;

use super::ast::{CalendarDecl, CalendarLine, DateRangeLit, TimeLit, WeekdayLit};
use super::error::SyntaxError;
use super::lower::{Lowerer, children};
use super::parser::Rule;

impl Lowerer {
    pub(super) fn calendar(&mut self, pair: Pair<'_, Rule>) -> CalendarDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_calendar);
        let name = self.ident(&c.take());
        let mut lines = Vec::new();
        while let Some(line) = c.next() {
            lines.push(self.calendar_line(line));
        }
        CalendarDecl { name, lines, span }
    }

    fn calendar_line(&mut self, pair: Pair<'_, Rule>) -> CalendarLine {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut c = children(pair);
        c.take();
        match rule {
            Rule::hours_line => {
                let mut days = Vec::new();
                let mut ranges = Vec::new();
                while let Some(p) = c.next() {
                    match p.as_rule() {
                        Rule::day_spec => days.push(self.day_spec(p)),
                        Rule::time_range => ranges.push(self.time_range(p)),
                        other => unreachable!("in hours: {other:?}"),
                    }
                }
                CalendarLine::Hours { days, ranges, span }
            }
            Rule::holidays_line => {
                let mut files = Vec::new();
                while let Some(p) = c.next() {
                    files.push(self.string(p));
                }
                CalendarLine::Holidays(files, span)
            }
            Rule::off_line | Rule::work_line => {
                let mut dates = Vec::new();
                let mut label = None;
                while let Some(p) = c.next() {
                    if p.as_rule() == Rule::date_range {
                        dates.extend(self.date_range(p));
                    } else {
                        label = Some(self.string(p));
                    }
                }
                if rule == Rule::off_line {
                    CalendarLine::Off(dates, label, span)
                } else {
                    CalendarLine::Work(dates, span)
                }
            }
            other => unreachable!("not a calendar line: {other:?}"),
        }
    }

    fn day_spec(&mut self, pair: Pair<'_, Rule>) -> (WeekdayLit, WeekdayLit) {
        debug_assert_eq!(pair.as_rule(), Rule::day_spec);
        let mut c = children(pair);
        let from = self.weekday(&c.take());
        let to = c.next().map_or(from, |p| self.weekday(&p));
        c.done();
        (from, to)
    }

    fn weekday(&self, pair: &Pair<'_, Rule>) -> WeekdayLit {
        const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let index = DAYS.iter().position(|d| *d == pair.as_str()).unwrap_or(0);
        WeekdayLit {
            index: u8::try_from(index).unwrap_or(0),
            span: self.span(pair),
        }
    }

    fn time_range(&mut self, pair: Pair<'_, Rule>) -> (TimeLit, TimeLit) {
        let mut c = children(pair);
        let from = self.time_of_day(&c.take());
        let to = self.time_of_day(&c.take());
        c.done();
        (from, to)
    }

    fn time_of_day(&mut self, pair: &Pair<'_, Rule>) -> TimeLit {
        let span = self.span(pair);
        // `：` (full-width) is read as `:`; the lowering warns about it elsewhere.
        let (h, m) = pair.as_str().split_once([':', '：']).unwrap_or(("0", "0"));
        let (h, m) = (
            h.parse::<u16>().unwrap_or(99),
            m.parse::<u16>().unwrap_or(99),
        );
        let minutes = h * 60 + m;
        if m >= 60 || minutes > 24 * 60 {
            self.errors.push(SyntaxError::InvalidTime {
                text: pair.as_str().into(),
                span: span.into(),
            });
        }
        TimeLit {
            minutes: minutes.min(24 * 60),
            span,
        }
    }

    fn date_range(&mut self, pair: Pair<'_, Rule>) -> Option<DateRangeLit> {
        let span = self.span(&pair);
        let mut c = children(pair);
        let from = self.date(&c.take());
        let to = match c.next() {
            Some(p) => self.date(&p),
            None => from,
        };
        Some(DateRangeLit {
            from: from?,
            to: to?,
            span,
        })
    }

    /// `date`: a calendar date, checked (`2026-02-30` is an error).
    pub(super) fn date(&mut self, pair: &Pair<'_, Rule>) -> Option<chrono::NaiveDate> {
        let parsed = chrono::NaiveDate::parse_from_str(pair.as_str(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.errors.push(SyntaxError::InvalidDate {
                text: pair.as_str().into(),
                span: self.span(pair).into(),
            });
        }
        parsed
    }
}
