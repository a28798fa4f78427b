//! Calendars: weekly hours, holiday files (read relative to the declaring file),
//! inline `off` and `work` dates, each problem reported at its span.

use chrono::Weekday;

use super::Checker;
use super::access::FileKind;
use crate::calendar::{
    Calendar, CalendarError, HoursError, MinuteRange, WeeklyHours, parse_holiday_file,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::CalendarDef;
use crate::syntax::ast::{CalendarDecl, CalendarLine, Item};

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

impl Checker<'_> {
    pub(super) fn check_calendars(&mut self) {
        let items: Vec<_> = self.items().collect();
        for (file, item) in items {
            if let Item::Calendar(c) = item {
                self.cur = file;
                if !self
                    .calendars
                    .is_declared_at(&c.name.name, (file, c.name.span))
                {
                    continue;
                }
                let calendar = self.calendar(c);
                self.flow.calendars.push(CalendarDef {
                    name: c.name.name.clone(),
                    calendar,
                });
            }
        }
    }

    fn calendar(&mut self, decl: &CalendarDecl) -> Calendar {
        let mut weekly = WeeklyHours::new();
        for line in &decl.lines {
            let CalendarLine::Hours { days, ranges, .. } = line else {
                continue;
            };
            let mut set: Vec<Weekday> = Vec::new();
            for (from, to) in days {
                // `fri-mon` wraps over the weekend.
                let mut i = from.index;
                loop {
                    if !set.contains(&WEEKDAYS[usize::from(i)]) {
                        set.push(WEEKDAYS[usize::from(i)]);
                    }
                    if i == to.index {
                        break;
                    }
                    i = (i + 1) % 7;
                }
            }
            for (from, to) in ranges {
                let span = from.span.to(to.span);
                let range = MinuteRange::new(from.minutes, to.minutes);
                match weekly.add(&set, range) {
                    Ok(()) => {}
                    Err(HoursError::Overlaps { day, existing }) => {
                        self.report(
                            Code::OverlappingHours,
                            span,
                            format!(
                                "hours {range} overlap {existing} on `{}`",
                                day.to_string().to_lowercase()
                            ),
                            "overlaps earlier hours",
                        )
                        .help = Some(
                            "each minute of a day is listed once; merge or split the ranges".into(),
                        );
                    }
                    Err(e) => {
                        self.report(
                            Code::InvalidHours,
                            span,
                            e.to_string(),
                            match e {
                                HoursError::Inverted { .. } => "the end is not after the start",
                                _ => "not within one day",
                            },
                        )
                        .help = Some(
                            "a range runs from its start to a later end, at most 24:00; \
                             split hours past midnight over two days"
                                .into(),
                        );
                    }
                }
            }
        }
        // A calendar whose `hours` lines were all invalid already has its errors.
        let has_hours = decl
            .lines
            .iter()
            .any(|l| matches!(l, CalendarLine::Hours { .. }));
        if weekly.is_empty() && !has_hours {
            self.report(
                Code::EmptyCalendar,
                decl.name.span,
                format!("calendar `{}` has no working hours", decl.name.name),
                "no `hours` line",
            )
            .help = Some(
                "add e.g. `hours mon-fri 09:00-18:00`; durations on this clock would never elapse"
                    .into(),
            );
        }
        let mut calendar = Calendar::new(self.flow.timezone, weekly);
        for line in &decl.lines {
            match line {
                CalendarLine::Holidays(files, _) => {
                    for f in files {
                        self.holiday_file(&mut calendar, f);
                    }
                }
                CalendarLine::Off(ranges, label, _) => {
                    for r in ranges {
                        let result = calendar.add_off(
                            r.from,
                            r.to,
                            label.as_ref().map(|l| l.value.as_str()),
                        );
                        self.calendar_error(decl, result, r.span);
                    }
                }
                CalendarLine::Work(ranges, _) => {
                    for r in ranges {
                        if r.to < r.from {
                            self.calendar_error(
                                decl,
                                Err(CalendarError::InvertedDates {
                                    from: r.from,
                                    to: r.to,
                                }),
                                r.span,
                            );
                            continue;
                        }
                        for date in r.from.iter_days().take_while(|d| *d <= r.to).take(3660) {
                            let result = calendar.add_work(date);
                            if result.is_err() {
                                self.calendar_error(decl, result, r.span);
                                break;
                            }
                        }
                    }
                }
                CalendarLine::Hours { .. } => {}
            }
        }
        calendar
    }

    fn calendar_error(
        &mut self,
        decl: &CalendarDecl,
        result: Result<(), CalendarError>,
        span: crate::source::Span,
    ) {
        match result {
            Ok(()) => {}
            Err(CalendarError::Conflict { date }) => {
                // The other line: a range of the other kind that holds the date.
                let other = decl
                    .lines
                    .iter()
                    .flat_map(|l| match l {
                        CalendarLine::Off(ranges, ..) | CalendarLine::Work(ranges, _) => {
                            ranges.as_slice()
                        }
                        _ => &[],
                    })
                    .find(|r| r.span != span && r.from <= date && date <= r.to)
                    .map(|r| r.span);
                let file = self.file(self.cur).clone();
                let mut d = Diagnostic::new(
                    Code::OffAndWork,
                    format!("{date} is both `off` and `work`"),
                    &file,
                    span,
                    "set here",
                )
                .with_help("a date is either a day off or a working day; remove one of the two");
                if let Some(other) = other {
                    d = d.with_label(&file, other, "and the other way here");
                }
                self.diags.push(d);
            }
            Err(CalendarError::InvertedDates { from, to }) => {
                self.report(
                    Code::InvertedDateRange,
                    span,
                    format!("date range {from}..{to} ends before it starts"),
                    "ends before it starts",
                )
                .help = Some(format!("write the earlier date first: `{to}..{from}`"));
            }
            Err(e) => {
                self.report(
                    Code::InvertedDateRange,
                    span,
                    e.to_string(),
                    "invalid range",
                )
                .help = Some("split it into shorter ranges".into());
            }
        }
    }

    fn holiday_file(&mut self, calendar: &mut Calendar, lit: &crate::syntax::ast::StrLit) {
        let path = super::normalize(&self.file(self.cur).dir().join(&lit.value));
        let bytes = match self.access.read(&path, FileKind::Holidays) {
            Ok(bytes) => bytes,
            Err(refusal) => {
                self.report(
                    refusal.code(Code::HolidayFileMissing),
                    lit.span,
                    format!("cannot read holiday file `{}`", lit.value),
                    refusal.label(),
                )
                .help = Some(refusal.help(FileKind::Holidays, &path));
                return;
            }
        };
        // The file's text is never quoted: a JSON file may hold anything.
        let Ok(text) = String::from_utf8(bytes) else {
            self.report(
                Code::HolidayFileMalformed,
                lit.span,
                format!("holiday file `{}` is malformed", lit.value),
                "not UTF-8 text",
            )
            .help = Some("save the holiday file as UTF-8 JSON".into());
            return;
        };
        match parse_holiday_file(&text) {
            Ok(days) => calendar.add_holidays(&days),
            Err(e) => {
                self.report(Code::HolidayFileMalformed, lit.span, format!("holiday file `{}` is malformed", lit.value), unquoted(&e.to_string()))
                    .help = Some("the holiday-cn format is `{\"year\": 2026, \"days\": [{\"name\": \"春节\", \"date\": \"2026-02-17\", \"isOffDay\": true}]}`".into());
            }
        }
    }
}

/// A message about a file's content with every quoted value (`"…"`, `` `…` ``)
/// blanked out: the content of a file that is not a rule file is never shown.
fn unquoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut open: Option<char> = None;
    for c in message.chars() {
        match open {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    open = Some(c);
                }
            }
        }
    }
    if open.is_some() {
        out.push('…');
    }
    out
}
