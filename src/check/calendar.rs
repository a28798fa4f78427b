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
                            crate::t!(
                                "check-hours-overlap",
                                range = range.to_string(),
                                existing = existing.to_string(),
                                day = day.to_string().to_lowercase()
                            ),
                            crate::t!("check-label-hours-overlap"),
                        )
                        .help = Some(crate::t!("check-help-hours-overlap"));
                    }
                    Err(e) => {
                        self.report(
                            Code::InvalidHours,
                            span,
                            match &e {
                                HoursError::Inverted { range } => {
                                    crate::t!("check-hours-inverted", range = range.to_string())
                                }
                                HoursError::PastMidnight { range } => crate::t!(
                                    "check-hours-past-midnight",
                                    range = range.to_string()
                                ),
                                HoursError::Overlaps { .. } => e.to_string(),
                            },
                            match e {
                                HoursError::Inverted { .. } => {
                                    crate::t!("check-label-hours-inverted")
                                }
                                _ => crate::t!("check-label-hours-not-one-day"),
                            },
                        )
                        .help = Some(crate::t!("check-help-invalid-hours"));
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
                crate::t!("check-empty-calendar", name = decl.name.name),
                crate::t!("check-label-no-hours"),
            )
            .help = Some(crate::t!("check-help-empty-calendar"));
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
                    crate::t!("check-off-and-work", date = date.to_string()),
                    &file,
                    span,
                    crate::t!("check-label-set-here"),
                )
                .with_help(crate::t!("check-help-off-and-work"));
                if let Some(other) = other {
                    d = d.with_label(&file, other, crate::t!("check-label-other-way"));
                }
                self.diags.push(d);
            }
            Err(CalendarError::InvertedDates { from, to }) => {
                self.report(
                    Code::InvertedDateRange,
                    span,
                    crate::t!(
                        "check-inverted-range",
                        from = from.to_string(),
                        to = to.to_string()
                    ),
                    crate::t!("check-label-inverted-range"),
                )
                .help = Some(crate::t!(
                    "check-help-inverted-range",
                    from = from.to_string(),
                    to = to.to_string()
                ));
            }
            Err(e) => {
                self.report(
                    Code::InvertedDateRange,
                    span,
                    match &e {
                        CalendarError::TooLong { from, to } => crate::t!(
                            "check-off-range-too-long",
                            from = from.to_string(),
                            to = to.to_string(),
                            max = crate::calendar::MAX_OFF_DAYS.to_string()
                        ),
                        _ => e.to_string(),
                    },
                    crate::t!("check-label-invalid-range"),
                )
                .help = Some(crate::t!("check-help-invalid-range"));
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
                    crate::t!("check-holiday-unreadable", path = lit.value),
                    refusal.label(),
                )
                .help = Some(refusal.help(FileKind::Holidays, &path));
                return;
            }
        };
        self.holiday_files.push((path.clone(), bytes.clone()));
        // The file's text is never quoted: a JSON file may hold anything.
        let Ok(text) = String::from_utf8(bytes) else {
            self.report(
                Code::HolidayFileMalformed,
                lit.span,
                crate::t!("check-holiday-malformed", path = lit.value),
                crate::t!("check-io-not-utf8"),
            )
            .help = Some(crate::t!("check-help-holiday-utf8"));
            return;
        };
        match parse_holiday_file(&text) {
            Ok(days) => calendar.add_holidays(&days),
            Err(e) => {
                self.report(
                    Code::HolidayFileMalformed,
                    lit.span,
                    crate::t!("check-holiday-malformed", path = lit.value),
                    unquoted(&e.to_string()),
                )
                .help = Some(crate::t!("check-help-holiday-format"));
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
