//! Every query `salesflow report` runs: read-only aggregations over
//! `stage_visits`, `events`, `tasks`, `signals` and `customers`, for one period.
//!
//! Takes the pipeline as [`ReportStage`]s (passed to SQL as one JSON parameter),
//! the period, and how to group; gives back small aggregate rows (per stage, per
//! group, per blocker…), never one row per event, so what the report holds in
//! memory does not grow with the store. SQLite does the sorting (it spills to
//! disk when a sort outgrows its cache).
//!
//! Three functions are registered on the connection for these queries, because
//! they need what only Rust has: `sf_working(a, b)` (working seconds of the
//! report's calendar, NULL without one), `sf_week(t)` (the ISO week of an instant
//! in the flow's zone, `2026-W10`) and `sf_fold(text)` (a blocker trimmed and
//! folded like risk keywords, NULL when blank, so `ＥＲＰ对接` and `ERP对接 ` are one
//! reason). Times are compared as stored text (fixed-width UTC, see [`sqltime`]),
//! and subtracted with `unixepoch`.
//!
//! [`sqltime`]: super::sqltime

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Row, params};
use serde::Serialize;

use super::Store;
use super::error::Result;
use super::sqltime::SqlTime;
use crate::calendar::Calendar;

/// A pipeline stage as the queries read it; its index is its place in the list.
#[derive(Debug, Clone, Serialize)]
pub struct ReportStage {
    /// The stage name stored in `stage_visits`.
    pub name: String,
    /// `expect`, in seconds (wall-clock), if any.
    pub expect: Option<i64>,
    /// A `lost` stage.
    pub lost: bool,
    /// A `milestone`.
    pub milestone: bool,
}

/// How the rows are split into groups by customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerGroup {
    /// One group, `""`.
    All,
    /// The customer's owner (a person id).
    Owner,
    /// The customer's current segment (`""` when none).
    Segment,
    /// Each of the customer's current tags (`""` for an untagged customer); a
    /// customer with two tags is in both groups.
    Tag,
}

impl CustomerGroup {
    /// The group's SQL expression over the customers row `c` (an alias written
    /// by this module, never user text).
    fn expr(self, c: &str) -> String {
        match self {
            CustomerGroup::All => "''".into(),
            CustomerGroup::Owner => format!("{c}.owner"),
            CustomerGroup::Segment => format!("coalesce({c}.segment, '')"),
            CustomerGroup::Tag => "coalesce(tg.value, '')".into(),
        }
    }

    /// The join that [`CustomerGroup::expr`] needs beside the customers row `c`.
    fn tags(self, c: &str) -> String {
        if self == CustomerGroup::Tag {
            format!("LEFT JOIN json_each({c}.tags) tg")
        } else {
            String::new()
        }
    }

    /// The group's expression and the joins it needs, for rows whose customer id
    /// is the column `customer`.
    fn sql(self, customer: &str) -> (String, String) {
        if self == CustomerGroup::All {
            return (self.expr("c"), String::new());
        }
        let join = format!("JOIN customers c ON c.id = {customer} {}", self.tags("c"));
        (self.expr("c"), join)
    }
}

/// The columns of the dwell heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatColumns {
    /// The ISO week the visit ended in, in the flow's zone.
    Week,
    /// A customer group.
    Customers(CustomerGroup),
}

/// A period `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First instant inside.
    pub from: DateTime<Utc>,
    /// First instant after.
    pub to: DateTime<Utc>,
}

/// A count per group and stage (funnel reach, entries, pass rates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCount {
    /// The group (`""` when not grouped).
    pub group: String,
    /// Index into the stages; for reach rows, the furthest non-lost stage
    /// entered (`None`: only lost stages).
    pub stage: Option<usize>,
    /// How many (customers or visits).
    pub count: u64,
    /// A second count (visits that moved forward), where the query has one.
    pub of_which: u64,
}

/// Dwell of the visits of one stage that ended in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DwellTotals {
    /// Index into the stages.
    pub stage: usize,
    /// Visits.
    pub visits: u64,
    /// Their dwell, summed, in seconds.
    pub seconds: i64,
    /// Their working time, summed (`None` without a calendar).
    pub working: Option<i64>,
    /// Visits longer than `expect`.
    pub overdue: u64,
    /// Their time beyond `expect`, summed, in seconds.
    pub delay: i64,
}

/// Which dwell measure a rank row is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Wall-clock seconds.
    Calendar,
    /// Working seconds of the calendar.
    Working,
}

/// The dwell at one rank (1-based, ascending) of a stage's visits: what
/// percentiles are interpolated from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankValue {
    /// Index into the stages.
    pub stage: usize,
    /// Which measure.
    pub measure: Measure,
    /// The rank.
    pub rank: u64,
    /// How many visits were ranked.
    pub of: u64,
    /// The dwell there, in seconds.
    pub seconds: i64,
}

/// One heatmap cell: visits of a stage ending in a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatCell {
    /// Index into the stages.
    pub stage: usize,
    /// The column key (`2026-W10`, a person id, a segment, a tag).
    pub column: String,
    /// Visits.
    pub visits: u64,
    /// Their dwell, summed, in seconds.
    pub seconds: i64,
}

/// Delay time of a stage attributed to one blocker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockerDelay {
    /// Index into the stages.
    pub stage: usize,
    /// The blocker as first written (trimmed).
    pub blocker: String,
    /// Seconds of delay while it held.
    pub seconds: i64,
}

/// Node coverage of one milestone in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The group.
    pub group: String,
    /// Index of the milestone.
    pub stage: usize,
    /// Active customers whose furthest stage is at or past it.
    pub customers: u64,
    /// Of which a visit to it carries evidence.
    pub covered: u64,
}

/// How many customers missing a milestone have a blocker as their latest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockerCount {
    /// Index of the milestone.
    pub stage: usize,
    /// The blocker (trimmed), `None` for customers with none recorded.
    pub blocker: Option<String>,
    /// Customers.
    pub customers: u64,
}

/// Tasks due in the period that count for the response SLA, per group,
/// assignee, role and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTally {
    /// The group.
    pub group: String,
    /// The person.
    pub assignee: String,
    /// The role it was given to (`""` when none).
    pub role: String,
    /// The title.
    pub title: String,
    /// Done or overdue.
    pub counted: u64,
    /// Done by the due time.
    pub on_time: u64,
}

/// Signals raised in the period, per group, risk and keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalTally {
    /// The group.
    pub group: String,
    /// The risk.
    pub risk: String,
    /// The keyword that matched.
    pub keyword: String,
    /// Signals.
    pub raised: u64,
    /// Judged (confirmed or false).
    pub judged: u64,
    /// Judged confirmed.
    pub confirmed: u64,
}

/// The report queries on one store, with the functions they need registered.
pub struct ReportQueries<'s> {
    store: &'s Store,
    stages: String,
}

/// The pipeline as a CTE over the JSON parameter `?3`.
const STAGES: &str = "st(name, idx, expect, lost, milestone) AS MATERIALIZED (
    SELECT value->>'name', CAST(key AS INTEGER), value->>'expect', value->>'lost',
           value->>'milestone'
    FROM json_each(?3))";

/// Visits that ended in the period, with their dwell (`?1`..`?3`).
const ENDED: &str = "d AS MATERIALIZED (
    SELECT v.customer, v.seq, v.entered_at, v.left_at, st.idx, st.expect,
           unixepoch(v.left_at) - unixepoch(v.entered_at) AS secs,
           sf_working(v.entered_at, v.left_at) AS wsecs
    FROM stage_visits v JOIN st ON st.name = v.stage
    WHERE v.left_at >= ?1 AND v.left_at < ?2)";

/// Active customers (any event in the period) and their visits before its end,
/// per non-lost stage: `act(id, grp)`, `vis(id, grp, idx, ev)`, `top(id, grp, top)`.
fn active_sql(group: CustomerGroup) -> String {
    let (grp, tags) = (group.expr("a"), group.tags("a"));
    format!(
        "act AS MATERIALIZED (
            SELECT a.id, {grp} AS grp FROM customers a {tags}
            WHERE EXISTS (SELECT 1 FROM events e
                          WHERE e.customer = a.id AND e.at >= ?1 AND e.at < ?2)),
         vis AS MATERIALIZED (
            SELECT act.id, act.grp, st.idx, max(json_array_length(v.evidence) > 0) AS ev
            FROM act JOIN stage_visits v ON v.customer = act.id AND v.entered_at < ?2
                     JOIN st ON st.name = v.stage AND NOT st.lost
            GROUP BY act.id, act.grp, st.idx),
         top AS (SELECT id, grp, max(idx) AS top FROM vis GROUP BY id, grp)"
    )
}

impl Store {
    /// The report queries over `stages`, working time counted on `calendar`, weeks
    /// in `tz`.
    pub fn report_queries(
        &self,
        stages: &[ReportStage],
        calendar: Option<Calendar>,
        tz: Tz,
    ) -> Result<ReportQueries<'_>> {
        // 64 MiB of pages: the reports read the same index pages in several
        // passes; a fixed cap, whatever the size of the store.
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
        self.conn
            .create_scalar_function("sf_working", 2, flags, move |ctx| {
                let Some(cal) = &calendar else {
                    return Ok(None);
                };
                let (a, b) = (ctx.get::<SqlTime>(0)?, ctx.get::<SqlTime>(1)?);
                Ok(Some(cal.between(a.0, b.0)))
            })?;
        self.conn
            .create_scalar_function("sf_week", 1, flags, move |ctx| {
                let t = ctx.get::<SqlTime>(0)?;
                Ok(iso_week(t.0, tz))
            })?;
        self.conn
            .create_scalar_function("sf_fold", 1, flags, |ctx| {
                let text = ctx.get::<Option<String>>(0)?;
                Ok(text
                    .map(|t| crate::text::normalize(t.trim()))
                    .filter(|t| !t.is_empty()))
            })?;
        Ok(ReportQueries {
            store: self,
            stages: serde_json::to_string(stages)?,
        })
    }
}

/// The ISO week of an instant in a zone, as `2026-W10`.
pub fn iso_week(t: DateTime<Utc>, tz: Tz) -> String {
    let w = t.with_timezone(&tz).iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// A stage index read back (always one the query was given).
fn index(v: Option<i64>) -> Option<usize> {
    v.and_then(|i| usize::try_from(i).ok())
}

/// A count read back (`sum` over no rows is NULL: zero).
fn count(v: Option<i64>) -> u64 {
    v.map_or(0, |n| u64::try_from(n).unwrap_or(0))
}

/// A row of a statement that computes several parts from the same CTEs in one
/// pass (`UNION ALL`): which part, the group, a stage index, five numbers, a text.
struct Mixed {
    part: i64,
    group: String,
    stage: Option<i64>,
    n: [Option<i64>; 5],
    text: Option<String>,
}

impl Mixed {
    fn read(r: &Row<'_>) -> rusqlite::Result<Mixed> {
        Ok(Mixed {
            part: r.get(0)?,
            group: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            stage: r.get(2)?,
            n: [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
            text: r.get(8)?,
        })
    }

    fn stage_count(self) -> StageCount {
        StageCount {
            group: self.group,
            stage: index(self.stage),
            count: count(self.n[0]),
            of_which: count(self.n[1]),
        }
    }
}

/// The funnel's counts of one period.
#[derive(Debug, Clone, Default)]
pub struct FunnelCounts {
    /// Per group, customers by the furthest non-lost stage they entered in the
    /// period (`stage: None`: lost stages only).
    pub furthest: Vec<StageCount>,
    /// Per group and stage, the customers that entered it in the period.
    pub entered: Vec<StageCount>,
    /// Per group and stage, the visits that ended in the period (`count`) and of
    /// them those that moved to a later stage that is not lost (`of_which`).
    pub passed: Vec<StageCount>,
}

/// The dwell report's aggregates of one period.
#[derive(Debug, Clone, Default)]
pub struct DwellData {
    /// Per stage, the visits that ended in the period.
    pub totals: Vec<DwellTotals>,
    /// The ranked values the percentiles are interpolated from.
    pub ranks: Vec<RankValue>,
    /// The heatmap's cells.
    pub cells: Vec<HeatCell>,
    /// Delay per stage and blocker.
    pub blockers: Vec<BlockerDelay>,
}

/// The journey's customer counts of one period.
#[derive(Debug, Clone, Default)]
pub struct JourneyCounts {
    /// Per group, the customers active in the period (`count`).
    pub active: Vec<StageCount>,
    /// Per group and milestone, node coverage.
    pub coverage: Vec<Coverage>,
    /// Ungrouped only: the customers missing the worst milestone (the lowest
    /// coverage; more customers missing, then pipeline order, break a tie), that
    /// is active, at or past it, and no visit to it with evidence, counted by
    /// their latest non-blank blocker recorded before the period's end.
    pub missing: Vec<BlockerCount>,
}

/// Five NULL columns, to pad a part of a combined statement.
const PAD: &str = "NULL, NULL, NULL, NULL, NULL";

impl ReportQueries<'_> {
    fn collect<T>(
        &self,
        sql: &str,
        w: Window,
        extra: Option<&dyn rusqlite::ToSql>,
        row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.store.conn.prepare(sql)?;
        let from = SqlTime(w.from);
        let to = SqlTime(w.to);
        let rows = match extra {
            Some(x) => stmt.query_map(params![from, to, self.stages, x], row)?,
            None => stmt.query_map(params![from, to, self.stages], row)?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The funnel's counts, in one pass over the stage visits.
    pub fn funnel_counts(&self, w: Window, by: CustomerGroup) -> Result<FunnelCounts> {
        let (gx, jx) = by.sql("x.customer");
        let (gv, jv) = by.sql("v.customer");
        let sql = format!(
            "WITH {STAGES},
             ent AS MATERIALIZED (
                SELECT v.customer, st.idx, st.lost FROM stage_visits v JOIN st ON st.name = v.stage
                WHERE v.entered_at >= ?1 AND v.entered_at < ?2)
             SELECT 0, {gx}, x.top, count(*), NULL, NULL, NULL, NULL, NULL FROM (
                SELECT customer, max(CASE WHEN lost THEN NULL ELSE idx END) AS top
                FROM ent GROUP BY customer) x {jx}
             GROUP BY 2, 3
             UNION ALL
             SELECT 1, {gv}, v.idx, count(DISTINCT v.customer), NULL, NULL, NULL, NULL, NULL
             FROM ent v {jv} GROUP BY 2, 3
             UNION ALL
             SELECT 2, {gv}, st.idx, count(*), sum(coalesce(nx.idx > st.idx AND NOT nx.lost, 0)),
                    NULL, NULL, NULL, NULL
             FROM stage_visits v JOIN st ON st.name = v.stage
                  LEFT JOIN stage_visits n ON n.customer = v.customer AND n.seq = v.seq + 1
                  LEFT JOIN st nx ON nx.name = n.stage {jv}
             WHERE v.left_at >= ?1 AND v.left_at < ?2
             GROUP BY 2, 3"
        );
        let mut out = FunnelCounts::default();
        for m in self.collect(&sql, w, None, Mixed::read)? {
            match m.part {
                0 => out.furthest.push(m.stage_count()),
                1 => out.entered.push(m.stage_count()),
                _ => out.passed.push(m.stage_count()),
            }
        }
        Ok(out)
    }

    /// The dwell report's aggregates, in one pass over the visits that ended in
    /// the period: per-stage sums, the dwell at the ranks the median and the 90th
    /// percentile are interpolated from (`⌊(n−1)·p⌋ + 1` and the next), the
    /// heatmap's cells, and the delay per blocker: each `update` inside a visit
    /// holds its blocker from its time to the next update or the visit's end; a
    /// visit's delay is its time after `entered_at + expect`. Time under no (or a
    /// blank) blocker is not returned: it is the stage's delay minus these.
    pub fn dwell(&self, w: Window, columns: HeatColumns) -> Result<DwellData> {
        let (col, join) = match columns {
            HeatColumns::Week => ("sf_week(d.left_at)".to_string(), String::new()),
            HeatColumns::Customers(g) => g.sql("d.customer"),
        };
        let ranked = |col: &str, m: i64| {
            format!(
                "SELECT 1, '', idx, {m}, rn, n, val, NULL, NULL FROM (
                    SELECT idx, {col} AS val,
                           row_number() OVER (PARTITION BY idx ORDER BY {col}) AS rn,
                           count(*) OVER (PARTITION BY idx) AS n
                    FROM d WHERE {col} IS NOT NULL)
                 WHERE rn IN ((n - 1) / 2 + 1, (n - 1) / 2 + 2,
                              (n - 1) * 9 / 10 + 1, (n - 1) * 9 / 10 + 2)"
            )
        };
        let sql = format!(
            "WITH {STAGES}, {ENDED},
             late AS MATERIALIZED (
                SELECT customer, seq, idx, entered_at, left_at,
                       unixepoch(entered_at) + expect AS due, unixepoch(left_at) AS fin
                FROM d WHERE expect IS NOT NULL AND secs > expect),
             s AS (
                SELECT l.idx, l.due, sf_fold(e.blocker) AS k, trim(e.blocker) AS raw,
                       unixepoch(e.at) AS a,
                       coalesce(lead(unixepoch(e.at)) OVER (
                                    PARTITION BY l.customer, l.seq ORDER BY e.at, e.id),
                                l.fin) AS b
                FROM late l CROSS JOIN events e
                     ON e.customer = l.customer AND e.kind = 'update'
                    AND e.at >= l.entered_at AND e.at < l.left_at)
             SELECT 0, '', idx, count(*), sum(secs), sum(wsecs),
                    sum(expect IS NOT NULL AND secs > expect),
                    sum(CASE WHEN secs > expect THEN secs - expect ELSE 0 END), NULL
             FROM d GROUP BY idx
             UNION ALL {}
             UNION ALL {}
             UNION ALL
             SELECT 2, {col}, d.idx, count(*), sum(d.secs), NULL, NULL, NULL, NULL
             FROM d {join} GROUP BY 2, 3
             UNION ALL
             SELECT 3, '', idx, sum(max(0, b - max(a, due))) AS secs, NULL, NULL, NULL, NULL,
                    min(raw)
             FROM s WHERE k IS NOT NULL GROUP BY idx, k HAVING secs > 0",
            ranked("secs", 0),
            ranked("wsecs", 1)
        );
        let mut out = DwellData::default();
        for m in self.collect(&sql, w, None, Mixed::read)? {
            let Some(stage) = index(m.stage) else {
                continue;
            };
            match m.part {
                0 => out.totals.push(DwellTotals {
                    stage,
                    visits: count(m.n[0]),
                    seconds: m.n[1].unwrap_or(0),
                    working: m.n[2],
                    overdue: count(m.n[3]),
                    delay: m.n[4].unwrap_or(0),
                }),
                1 => out.ranks.push(RankValue {
                    stage,
                    measure: if m.n[0] == Some(0) {
                        Measure::Calendar
                    } else {
                        Measure::Working
                    },
                    rank: count(m.n[1]),
                    of: count(m.n[2]),
                    seconds: m.n[3].unwrap_or(0),
                }),
                2 => out.cells.push(HeatCell {
                    stage,
                    column: m.group,
                    visits: count(m.n[0]),
                    seconds: m.n[1].unwrap_or(0),
                }),
                _ => out.blockers.push(BlockerDelay {
                    stage,
                    blocker: m.text.unwrap_or_default(),
                    seconds: m.n[0].unwrap_or(0),
                }),
            }
        }
        Ok(out)
    }

    /// Per group, the customers active in the period (any event in it) and, per
    /// milestone, node coverage over them: those whose furthest non-lost stage
    /// entered before the period's end is at or past it, and of them those with
    /// a visit to it that carries evidence; ungrouped, the customers missing the
    /// worst milestone by their latest blocker (see [`JourneyCounts::missing`]).
    pub fn journey_counts(&self, w: Window, by: CustomerGroup) -> Result<JourneyCounts> {
        // Ungrouped, the customers missing the worst milestone (as findings
        // choose it) by their latest blocker, found newest-first by the events
        // index and folded once per customer.
        let (worst, missing) = if by == CustomerGroup::All {
            (
                ",
             worst AS (SELECT idx FROM cov WHERE n > 0
                       ORDER BY c * 1.0 / n, n - c DESC, idx LIMIT 1),
             miss AS MATERIALIZED (
                SELECT top.id FROM top JOIN worst ON top.top >= worst.idx
                LEFT JOIN vis ON vis.id = top.id AND vis.idx = worst.idx
                WHERE coalesce(vis.ev, 0) = 0),
             lb0 AS MATERIALIZED (
                SELECT miss.id, (SELECT trim(e.blocker) FROM events e
                                 WHERE e.customer = miss.id AND e.kind = 'update'
                                   AND e.at < ?2 AND trim(coalesce(e.blocker, '')) <> ''
                                 ORDER BY e.at DESC, e.id DESC LIMIT 1) AS b
                FROM miss),
             lb AS MATERIALIZED (SELECT id, b, sf_fold(b) AS k FROM lb0)",
                "UNION ALL
             SELECT 2, min(lb.b), (SELECT idx FROM worst), count(*), NULL, NULL, NULL, NULL, lb.k
             FROM lb GROUP BY lb.k",
            )
        } else {
            ("", "")
        };
        let sql = format!(
            "WITH {STAGES}, {},
             cov AS MATERIALIZED (
                SELECT top.grp AS grp, m.idx AS idx, count(*) AS n, sum(coalesce(vis.ev, 0)) AS c
                FROM top JOIN st m ON m.milestone AND NOT m.lost AND m.idx <= top.top
                     LEFT JOIN vis ON vis.id = top.id AND vis.grp = top.grp AND vis.idx = m.idx
                GROUP BY 1, 2){worst}
             SELECT 0, grp, NULL, count(*), {PAD} FROM act GROUP BY grp
             UNION ALL
             SELECT 1, grp, idx, n, c, NULL, NULL, NULL, NULL FROM cov
             {missing}",
            active_sql(by)
        );
        let mut out = JourneyCounts::default();
        for m in self.collect(&sql, w, None, Mixed::read)? {
            let stage = index(m.stage);
            match (m.part, stage) {
                (0, _) => out.active.push(m.stage_count()),
                (1, Some(stage)) => out.coverage.push(Coverage {
                    group: m.group,
                    stage,
                    customers: count(m.n[0]),
                    covered: count(m.n[1]),
                }),
                (_, Some(stage)) => out.missing.push(BlockerCount {
                    stage,
                    blocker: m.text.is_some().then_some(m.group),
                    customers: count(m.n[0]),
                }),
                _ => {}
            }
        }
        Ok(out)
    }

    /// Tasks due in the period that are done (by `now`) or overdue at `now`,
    /// suppressed ones left out; per group, assignee, role and title.
    pub fn tasks_due(
        &self,
        w: Window,
        now: DateTime<Utc>,
        by: CustomerGroup,
    ) -> Result<Vec<TaskTally>> {
        let (grp, join) = by.sql("t.customer");
        let sql = format!(
            "WITH {STAGES}
             SELECT {grp}, t.assignee, coalesce(t.role, ''), t.title, count(*),
                    sum(t.done_at IS NOT NULL AND t.done_at <= ?4 AND t.done_at <= t.due_at)
             FROM tasks t {join}
             WHERE t.suppressed = 0 AND t.due_at >= ?1 AND t.due_at < ?2
               AND ((t.done_at IS NOT NULL AND t.done_at <= ?4) OR t.due_at < ?4)
             GROUP BY 1, 2, 3, 4"
        );
        self.collect(&sql, w, Some(&SqlTime(now)), |r| {
            Ok(TaskTally {
                group: r.get(0)?,
                assignee: r.get(1)?,
                role: r.get(2)?,
                title: r.get(3)?,
                counted: count(r.get(4)?),
                on_time: count(r.get(5)?),
            })
        })
    }

    /// Signals raised in the period; per group, risk and keyword, in that order.
    ///
    /// Tallied here in one streaming pass over the period's signals: a
    /// `GROUP BY` would sort every one of them (two million at 100,000
    /// customers) to find a few dozen groups.
    pub fn signals_raised(&self, w: Window, by: CustomerGroup) -> Result<Vec<SignalTally>> {
        let (grp, join) = by.sql("s.customer");
        let sql = format!(
            "SELECT {grp}, s.risk, s.keyword, s.verdict
             FROM signals s {join}
             WHERE s.at >= ?1 AND s.at < ?2"
        );
        let mut stmt = self.store.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![SqlTime(w.from), SqlTime(w.to)])?;
        let mut tallies: HashMap<String, SignalTally> = HashMap::new();
        let mut key = String::new();
        while let Some(r) = rows.next()? {
            let text = |i| -> rusqlite::Result<&str> {
                Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or_default())
            };
            let (group, risk, keyword) = (text(0)?, text(1)?, text(2)?);
            key.clear();
            for part in [group, risk, keyword] {
                key.push_str(part);
                key.push('\u{1f}');
            }
            let tally = match tallies.get_mut(key.as_str()) {
                Some(t) => t,
                None => tallies.entry(key.clone()).or_insert(SignalTally {
                    group: group.to_string(),
                    risk: risk.to_string(),
                    keyword: keyword.to_string(),
                    raised: 0,
                    judged: 0,
                    confirmed: 0,
                }),
            };
            let verdict = r
                .get_ref(3)?
                .as_str_or_null()
                .map_err(rusqlite::Error::from)?;
            tally.raised += 1;
            tally.judged += u64::from(verdict.is_some());
            tally.confirmed += u64::from(verdict == Some("confirmed"));
        }
        let mut out: Vec<SignalTally> = tallies.into_values().collect();
        out.sort_by(|a, b| (&a.group, &a.risk, &a.keyword).cmp(&(&b.group, &b.risk, &b.keyword)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_are_read_in_the_flow_zone() {
        let t = DateTime::parse_from_rfc3339("2026-03-08T17:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        // Sunday 17:00 UTC is Monday 01:00 in Shanghai: the next ISO week there.
        assert_eq!(iso_week(t, Tz::UTC), "2026-W10");
        assert_eq!(iso_week(t, chrono_tz::Asia::Shanghai), "2026-W11");
    }

    #[test]
    fn a_year_boundary_takes_the_iso_year() {
        let t = DateTime::parse_from_rfc3339("2026-01-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(iso_week(t, Tz::UTC), "2026-W01");
        let t = DateTime::parse_from_rfc3339("2027-01-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(iso_week(t, Tz::UTC), "2026-W53");
    }
}
