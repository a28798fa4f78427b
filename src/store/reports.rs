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

/// How many customers of a set have a blocker as their latest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockerCount {
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

fn stage_count(r: &Row<'_>) -> rusqlite::Result<StageCount> {
    Ok(StageCount {
        group: r.get(0)?,
        stage: r
            .get::<_, Option<i64>>(1)?
            .and_then(|i| usize::try_from(i).ok()),
        count: count(r, 2)?,
        of_which: count(r, 3)?,
    })
}

/// A stage index read back (always one the query was given).
fn index(r: &Row<'_>, i: usize) -> rusqlite::Result<usize> {
    let v: i64 = r.get(i)?;
    usize::try_from(v).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Integer, Box::new(e))
    })
}

/// A count read back (`sum` over no rows is NULL: zero).
fn count(r: &Row<'_>, i: usize) -> rusqlite::Result<u64> {
    let v: Option<i64> = r.get(i)?;
    Ok(v.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

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

    /// Per group, how many customers entered stages in the period with each
    /// furthest non-lost stage (`stage`: its index; `None`: lost stages only).
    pub fn furthest_entered(&self, w: Window, by: CustomerGroup) -> Result<Vec<StageCount>> {
        let (grp, join) = by.sql("x.customer");
        let sql = format!(
            "WITH {STAGES}
             SELECT {grp}, x.top, count(*), NULL FROM (
                SELECT v.customer, max(CASE WHEN st.lost THEN NULL ELSE st.idx END) AS top
                FROM stage_visits v JOIN st ON st.name = v.stage
                WHERE v.entered_at >= ?1 AND v.entered_at < ?2
                GROUP BY v.customer) x {join}
             GROUP BY 1, 2"
        );
        self.collect(&sql, w, None, stage_count)
    }

    /// Per group and stage, the customers that entered it in the period.
    pub fn entered(&self, w: Window, by: CustomerGroup) -> Result<Vec<StageCount>> {
        let (grp, join) = by.sql("v.customer");
        let sql = format!(
            "WITH {STAGES}
             SELECT {grp}, st.idx, count(DISTINCT v.customer), NULL
             FROM stage_visits v JOIN st ON st.name = v.stage {join}
             WHERE v.entered_at >= ?1 AND v.entered_at < ?2
             GROUP BY 1, 2"
        );
        self.collect(&sql, w, None, stage_count)
    }

    /// Per group and stage, the visits that ended in the period (`count`) and of
    /// them those that ended by moving to a later stage that is not lost
    /// (`of_which`).
    pub fn passed(&self, w: Window, by: CustomerGroup) -> Result<Vec<StageCount>> {
        let (grp, join) = by.sql("v.customer");
        let sql = format!(
            "WITH {STAGES}
             SELECT {grp}, st.idx, count(*),
                    sum(coalesce(nx.idx > st.idx AND NOT nx.lost, 0))
             FROM stage_visits v JOIN st ON st.name = v.stage
                  LEFT JOIN stage_visits n ON n.customer = v.customer AND n.seq = v.seq + 1
                  LEFT JOIN st nx ON nx.name = n.stage {join}
             WHERE v.left_at >= ?1 AND v.left_at < ?2
             GROUP BY 1, 2"
        );
        self.collect(&sql, w, None, stage_count)
    }

    /// Per stage, the dwell of the visits that ended in the period.
    pub fn dwell_totals(&self, w: Window) -> Result<Vec<DwellTotals>> {
        let sql = format!(
            "WITH {STAGES}, {ENDED}
             SELECT idx, count(*), sum(secs), sum(wsecs),
                    sum(expect IS NOT NULL AND secs > expect),
                    sum(CASE WHEN secs > expect THEN secs - expect ELSE 0 END)
             FROM d GROUP BY idx"
        );
        self.collect(&sql, w, None, |r| {
            Ok(DwellTotals {
                stage: index(r, 0)?,
                visits: count(r, 1)?,
                seconds: r.get(2)?,
                working: r.get(3)?,
                overdue: count(r, 4)?,
                delay: r.get(5)?,
            })
        })
    }

    /// Per stage and measure, the dwell at the ranks that the median and the 90th
    /// percentile are interpolated from: `⌊(n−1)·p⌋ + 1` and the next.
    pub fn dwell_ranks(&self, w: Window) -> Result<Vec<RankValue>> {
        let ranked = |col: &str, m: i64| {
            format!(
                "SELECT idx, {m}, rn, n, val FROM (
                    SELECT idx, {col} AS val,
                           row_number() OVER (PARTITION BY idx ORDER BY {col}) AS rn,
                           count(*) OVER (PARTITION BY idx) AS n
                    FROM d WHERE {col} IS NOT NULL)
                 WHERE rn IN ((n - 1) / 2 + 1, (n - 1) / 2 + 2,
                              (n - 1) * 9 / 10 + 1, (n - 1) * 9 / 10 + 2)"
            )
        };
        let sql = format!(
            "WITH {STAGES}, {ENDED} {} UNION ALL {}",
            ranked("secs", 0),
            ranked("wsecs", 1)
        );
        self.collect(&sql, w, None, |r| {
            Ok(RankValue {
                stage: index(r, 0)?,
                measure: if r.get::<_, i64>(1)? == 0 {
                    Measure::Calendar
                } else {
                    Measure::Working
                },
                rank: count(r, 2)?,
                of: count(r, 3)?,
                seconds: r.get(4)?,
            })
        })
    }

    /// Per stage and column, the visits that ended in the period.
    pub fn heat_cells(&self, w: Window, columns: HeatColumns) -> Result<Vec<HeatCell>> {
        let (col, join) = match columns {
            HeatColumns::Week => ("sf_week(d.left_at)".to_string(), String::new()),
            HeatColumns::Customers(g) => g.sql("d.customer"),
        };
        let sql = format!(
            "WITH {STAGES}, {ENDED}
             SELECT d.idx, {col}, count(*), sum(d.secs) FROM d {join} GROUP BY 1, 2"
        );
        self.collect(&sql, w, None, |r| {
            Ok(HeatCell {
                stage: index(r, 0)?,
                column: r.get(1)?,
                visits: count(r, 2)?,
                seconds: r.get(3)?,
            })
        })
    }

    /// Per stage and blocker, the delay of the overdue visits that ended in the
    /// period during which the blocker held: each `update` inside a visit holds
    /// its blocker from its time to the next update or the visit's end; a visit's
    /// delay is its time after `entered_at + expect`. Time under no (or a blank)
    /// blocker is not returned: it is the stage's delay minus these.
    pub fn blocker_delays(&self, w: Window) -> Result<Vec<BlockerDelay>> {
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
             SELECT idx, min(raw), sum(max(0, b - max(a, due))) AS secs
             FROM s WHERE k IS NOT NULL GROUP BY idx, k HAVING secs > 0"
        );
        self.collect(&sql, w, None, |r| {
            Ok(BlockerDelay {
                stage: index(r, 0)?,
                blocker: r.get(1)?,
                seconds: r.get(2)?,
            })
        })
    }

    /// Per group, the customers active in the period (any event in it).
    pub fn active(&self, w: Window, by: CustomerGroup) -> Result<Vec<StageCount>> {
        let sql = format!(
            "WITH {STAGES}, {}
             SELECT grp, NULL, count(*), NULL FROM act GROUP BY grp",
            active_sql(by)
        );
        self.collect(&sql, w, None, stage_count)
    }

    /// Per group and milestone, node coverage over the customers active in the
    /// period: those whose furthest non-lost stage entered before the period's end
    /// is at or past it, and of them those with a visit to it that carries
    /// evidence.
    pub fn coverage(&self, w: Window, by: CustomerGroup) -> Result<Vec<Coverage>> {
        let sql = format!(
            "WITH {STAGES}, {}
             SELECT top.grp, m.idx, count(*), sum(coalesce(vis.ev, 0))
             FROM top JOIN st m ON m.milestone AND NOT m.lost AND m.idx <= top.top
                  LEFT JOIN vis ON vis.id = top.id AND vis.grp = top.grp AND vis.idx = m.idx
             GROUP BY 1, 2",
            active_sql(by)
        );
        self.collect(&sql, w, None, |r| {
            Ok(Coverage {
                group: r.get(0)?,
                stage: index(r, 1)?,
                customers: count(r, 2)?,
                covered: count(r, 3)?,
            })
        })
    }

    /// The customers missing milestone `stage` (active, at or past it, no visit to
    /// it with evidence), counted by their latest non-blank blocker recorded
    /// before the period's end.
    pub fn missing_by_blocker(&self, w: Window, stage: usize) -> Result<Vec<BlockerCount>> {
        let sql = format!(
            "WITH {STAGES}, {}
             SELECT k, min(b), count(*) FROM (
                SELECT sf_fold(b) AS k, trim(b) AS b FROM (
                    SELECT (SELECT e.blocker FROM events e
                            WHERE e.customer = top.id AND e.kind = 'update' AND e.at < ?2
                              AND sf_fold(e.blocker) IS NOT NULL
                            ORDER BY e.at DESC, e.id DESC LIMIT 1) AS b
                    FROM top LEFT JOIN vis ON vis.id = top.id AND vis.idx = ?4
                    WHERE top.top >= ?4 AND coalesce(vis.ev, 0) = 0))
             GROUP BY k",
            active_sql(CustomerGroup::All)
        );
        let stage = i64::try_from(stage).unwrap_or(i64::MAX);
        self.collect(&sql, w, Some(&stage), |r| {
            Ok(BlockerCount {
                blocker: r.get(1)?,
                customers: count(r, 2)?,
            })
        })
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
                counted: count(r, 4)?,
                on_time: count(r, 5)?,
            })
        })
    }

    /// Signals raised in the period; per group, risk and keyword.
    pub fn signals_raised(&self, w: Window, by: CustomerGroup) -> Result<Vec<SignalTally>> {
        let (grp, join) = by.sql("s.customer");
        let sql = format!(
            "WITH {STAGES}
             SELECT {grp}, s.risk, s.keyword, count(*), count(s.verdict),
                    sum(s.verdict = 'confirmed')
             FROM signals s {join}
             WHERE s.at >= ?1 AND s.at < ?2
             GROUP BY 1, 2, 3"
        );
        self.collect(&sql, w, None, |r| {
            Ok(SignalTally {
                group: r.get(0)?,
                risk: r.get(1)?,
                keyword: r.get(2)?,
                raised: count(r, 3)?,
                judged: count(r, 4)?,
                confirmed: count(r, 5)?,
            })
        })
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
