//! `salesflow report funnel|dwell|journey`: what the store says about a period,
//! by the definitions of PRODUCT.md ("Reports, exactly").
//!
//! Takes the checked flow, a read-only store, the people's names and the
//! resolved [`Options`]; gives a [`Report`]: the period's figures, per group when
//! `--by` asks, and the other period's beside them when `--compare-to` asks. The
//! renderers ([`human`], [`json`], [`csv`], [`html`]) only format a report.
//!
//! Every figure comes from an aggregation in SQL (`store::reports`), so what a
//! report holds grows with the pipeline and the groups, never with the events.
//! Working days are counted on the calendar `--calendar` names, by default the
//! first one the flow declares; a working day is as long as the calendar's
//! normal weekday (Monday's hours, or the first weekday with hours).

mod dwell;
mod error;
mod findings;
mod funnel;
mod heatmap;
mod journey;
mod layout;
mod period;
mod stats;
mod table;
mod text;

pub mod csv;
pub mod html;
pub mod human;
pub mod json;

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

pub use dwell::{Dwell, DwellStage, Reason};
pub use error::ReportError;
pub use findings::Finding;
pub use funnel::{Funnel, FunnelStage};
pub use heatmap::{HeatColumn, HeatRow, HeatValue, Heatmap};
pub use journey::{Journey, MetricValue, Metrics, MilestoneCoverage};
pub use period::Period;
pub use stats::Fraction;
pub use table::{Cell, Table};
pub use text::Lang;

use crate::calendar::Calendar;
use crate::model::{Flow, Outcome};
use crate::store::{CustomerGroup, HeatColumns, ReportQueries, ReportStage, Store};
use journey::JourneyRows;
use text::Word;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Reach and conversion per stage.
    Funnel,
    /// Time in stage and why.
    Dwell,
    /// Goals of the customer journey.
    Journey,
}

impl Kind {
    /// Its name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Funnel => "funnel",
            Kind::Dwell => "dwell",
            Kind::Journey => "journey",
        }
    }

    fn title(self, lang: Lang) -> &'static str {
        match self {
            Kind::Funnel => Word::Funnel,
            Kind::Dwell => Word::Dwell,
            Kind::Journey => Word::Journey,
        }
        .text(lang)
    }
}

/// How `--by` splits a report. For `dwell` it chooses the heatmap's columns
/// (weeks by default); for `funnel` and `journey` it adds one report per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The customer's owner.
    Owner,
    /// The customer's current segment.
    Segment,
    /// Each of the customer's current tags.
    Tag,
    /// The ISO weeks of the period, each a period of its own.
    Week,
}

impl By {
    /// Its name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            By::Owner => "owner",
            By::Segment => "segment",
            By::Tag => "tag",
            By::Week => "week",
        }
    }

    fn customers(self) -> Option<CustomerGroup> {
        match self {
            By::Owner => Some(CustomerGroup::Owner),
            By::Segment => Some(CustomerGroup::Segment),
            By::Tag => Some(CustomerGroup::Tag),
            By::Week => None,
        }
    }
}

/// Everything a report needs besides the store and the flow.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which report.
    pub kind: Kind,
    /// The period.
    pub period: Period,
    /// The period to set beside it.
    pub compare: Option<Period>,
    /// How to split it.
    pub by: Option<By>,
    /// "Now" (`--at`): tasks overdue are overdue at this instant.
    pub now: DateTime<Utc>,
    /// The language of the words.
    pub lang: Lang,
    /// The calendar to count working days on (`None`: the flow's first).
    pub calendar: Option<String>,
}

impl Options {
    /// A report of `kind` over `period` as of `now`, not split, compared with
    /// nothing, on the flow's first calendar (what digests and the demo's tour
    /// show).
    pub fn plain(kind: Kind, period: Period, now: DateTime<Utc>, lang: Lang) -> Options {
        Options {
            kind,
            period,
            compare: None,
            by: None,
            now,
            lang,
            calendar: None,
        }
    }
}

/// A report.
#[derive(Debug, Clone)]
pub struct Report {
    /// Which report.
    pub kind: Kind,
    /// The language of its words.
    pub lang: Lang,
    /// The flow's zone, in which times are shown.
    pub tz: Tz,
    /// How it is split.
    pub by: Option<By>,
    /// The period asked for.
    pub current: Section,
    /// The period beside it.
    pub compare: Option<Section>,
}

impl Report {
    /// The report's title in its language.
    pub fn kind_title(&self) -> &'static str {
        self.kind.title(self.lang)
    }
}

/// The figures of one period.
#[derive(Debug, Clone)]
pub struct Section {
    /// The period.
    pub period: Period,
    /// The whole of it.
    pub body: Body,
    /// Per group (`--by`), in order.
    pub groups: Vec<Group>,
}

/// The figures of one group.
#[derive(Debug, Clone)]
pub struct Group {
    /// Its key (a person id, a segment, a tag, `2026-W10`).
    pub key: String,
    /// What a reader sees.
    pub label: String,
    /// Its figures.
    pub body: Body,
}

/// The figures of one report kind.
#[derive(Debug, Clone)]
pub enum Body {
    /// `report funnel`
    Funnel(Funnel),
    /// `report dwell`
    Dwell(Dwell),
    /// `report journey`
    Journey(Journey),
}

/// Makes the report; `names` gives people's names by id.
#[expect(
    clippy::implicit_hasher,
    reason = "the names come from the team, in a plain map"
)]
pub fn build(
    store: &Store,
    flow: &Flow,
    names: &HashMap<String, String>,
    opts: &Options,
) -> Result<Report, ReportError> {
    let calendar = match &opts.calendar {
        Some(name) => Some(
            flow.calendar(name)
                .ok_or_else(|| ReportError::UnknownCalendar(name.clone()))?,
        ),
        None => flow.calendars.first(),
    };
    let stages: Vec<ReportStage> = flow
        .stages
        .iter()
        .map(|s| ReportStage {
            name: s.name.clone(),
            expect: s.expect.map(|d| d.seconds + i64::from(d.days) * 86_400),
            lost: s.outcome == Some(Outcome::Lost),
            milestone: s.milestone,
        })
        .collect();
    let q = store.report_queries(&stages, calendar.map(|c| c.calendar.clone()), flow.timezone)?;
    let ctx = Ctx {
        flow,
        q,
        names,
        opts,
        calendar: calendar.map(|c| (c.name.clone(), working_day(&c.calendar))),
    };
    let current = ctx.section(opts.period)?;
    let compare = opts.compare.map(|p| ctx.section(p)).transpose()?;
    Ok(Report {
        kind: opts.kind,
        lang: opts.lang,
        tz: flow.timezone,
        by: opts.by,
        current,
        compare,
    })
}

/// Seconds of the calendar's normal working day (at least one second).
fn working_day(cal: &Calendar) -> f64 {
    let minutes: u32 = cal
        .hours()
        .normal_weekday()
        .iter()
        .map(|r| u32::from(r.end.saturating_sub(r.start)))
        .sum();
    f64::from(minutes.max(1) * 60)
}

struct Ctx<'a> {
    flow: &'a Flow,
    q: ReportQueries<'a>,
    names: &'a HashMap<String, String>,
    opts: &'a Options,
    calendar: Option<(String, f64)>,
}

impl Ctx<'_> {
    fn section(&self, period: Period) -> Result<Section, ReportError> {
        let (body, groups) = match self.opts.kind {
            Kind::Funnel => self.grouped(period, |p, g| self.funnels(p, g))?,
            Kind::Journey => self.grouped(period, |p, g| self.journeys(p, g))?,
            Kind::Dwell => (Body::Dwell(self.dwell(period)?), Vec::new()),
        };
        Ok(Section {
            period,
            body,
            groups,
        })
    }

    /// The whole period and its groups: `--by week` runs `each` once per week,
    /// customer groups in one grouped run.
    fn grouped(
        &self,
        period: Period,
        each: impl Fn(Period, CustomerGroup) -> Result<Vec<(String, Body)>, ReportError>,
    ) -> Result<(Body, Vec<Group>), ReportError> {
        let whole = each(period, CustomerGroup::All)?
            .into_iter()
            .next()
            .map(|(_, b)| b);
        let Some(whole) = whole else {
            unreachable!("the ungrouped run gives one body")
        };
        let groups = match self.opts.by {
            None => Vec::new(),
            Some(By::Week) => {
                let mut out = Vec::new();
                for (key, week) in period.weeks(self.flow.timezone) {
                    if let Some((_, body)) = each(week, CustomerGroup::All)?.into_iter().next() {
                        out.push(Group {
                            label: key.clone(),
                            key,
                            body,
                        });
                    }
                }
                out
            }
            Some(by) => {
                let g = by.customers().unwrap_or(CustomerGroup::All);
                let mut out: Vec<Group> = each(period, g)?
                    .into_iter()
                    .map(|(key, body)| Group {
                        label: self.group_label(by, &key),
                        key,
                        body,
                    })
                    .collect();
                out.sort_by_cached_key(|g| self.order(by, &g.key, &g.label));
                out
            }
        };
        Ok((whole, groups))
    }

    fn group_label(&self, by: By, key: &str) -> String {
        let lang = self.opts.lang;
        match by {
            By::Owner => self
                .names
                .get(key)
                .cloned()
                .unwrap_or_else(|| key.to_string()),
            By::Segment if key.is_empty() => Word::NoSegment.text(lang).into(),
            By::Segment => self
                .flow
                .segments
                .iter()
                .find(|s| s.name == key)
                .map_or_else(|| key.to_string(), |s| s.label.clone()),
            By::Tag if key.is_empty() => Word::Untagged.text(lang).into(),
            By::Tag | By::Week => key.to_string(),
        }
    }

    /// Where a group sorts: segments and tags in the flow's order (none last),
    /// owners by name.
    fn order(&self, by: By, key: &str, label: &str) -> (usize, String, String) {
        let names: Vec<&str> = match by {
            By::Segment => self.flow.segments.iter().map(|s| s.name.as_str()).collect(),
            By::Tag => self.flow.tags.iter().map(|t| t.name.as_str()).collect(),
            By::Owner | By::Week => Vec::new(),
        };
        let rank = if key.is_empty() {
            usize::MAX
        } else {
            names.iter().position(|n| *n == key).unwrap_or(names.len())
        };
        (rank, label.to_string(), key.to_string())
    }

    fn funnels(&self, p: Period, g: CustomerGroup) -> Result<Vec<(String, Body)>, ReportError> {
        let rows = self.q.funnel_counts(p.window(), g)?;
        let keys = group_keys(
            g,
            rows.furthest
                .iter()
                .chain(&rows.entered)
                .chain(&rows.passed)
                .map(|r| &r.group),
        );
        Ok(keys
            .into_iter()
            .map(|k| {
                let body = Body::Funnel(Funnel::new(self.flow, &k, &rows));
                (k, body)
            })
            .collect())
    }

    fn journeys(&self, p: Period, g: CustomerGroup) -> Result<Vec<(String, Body)>, ReportError> {
        let w = p.window();
        let rows = JourneyRows {
            counts: self.q.journey_counts(w, g)?,
            tasks: self.q.tasks_due(w, self.opts.now, g)?,
            signals: self.q.signals_raised(w, g)?,
        };
        let keys = group_keys(
            g,
            rows.counts
                .active
                .iter()
                .map(|r| &r.group)
                .chain(rows.tasks.iter().map(|t| &t.group))
                .chain(rows.signals.iter().map(|s| &s.group)),
        );
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let mut j = Journey::new(self.flow, &k, &rows);
            if g == CustomerGroup::All {
                let missing = &rows.counts.missing;
                findings::add(
                    &mut j,
                    self.flow,
                    &rows,
                    self.names,
                    self.opts.lang,
                    missing,
                );
            }
            out.push((k, Body::Journey(j)));
        }
        Ok(out)
    }

    fn dwell(&self, p: Period) -> Result<Dwell, ReportError> {
        let by = self.opts.by.unwrap_or(By::Week);
        let columns = by
            .customers()
            .map_or(HeatColumns::Week, HeatColumns::Customers);
        let rows = self.q.dwell(p.window(), columns)?;
        let columns = match by.customers() {
            None => p
                .weeks(self.flow.timezone)
                .into_iter()
                .map(|(key, _)| HeatColumn {
                    label: key.clone(),
                    key,
                })
                .collect(),
            Some(_) => {
                let keys: BTreeSet<&String> = rows.cells.iter().map(|c| &c.column).collect();
                let mut columns: Vec<HeatColumn> = keys
                    .into_iter()
                    .map(|k| HeatColumn {
                        key: k.clone(),
                        label: self.group_label(by, k),
                    })
                    .collect();
                columns.sort_by_cached_key(|c| self.order(by, &c.key, &c.label));
                columns
            }
        };
        let heatmap = Heatmap::new(self.flow, by.name(), columns, &rows.cells);
        Ok(Dwell::new(
            self.flow,
            &rows,
            self.calendar.clone(),
            heatmap,
            self.opts.lang,
        ))
    }
}

/// The groups present in the rows, in key order; the whole (`""`) when not
/// grouped, even with no rows.
fn group_keys<'r>(g: CustomerGroup, keys: impl Iterator<Item = &'r String>) -> Vec<String> {
    if g == CustomerGroup::All {
        return vec![String::new()];
    }
    let set: BTreeSet<&String> = keys.collect();
    set.into_iter().cloned().collect()
}
