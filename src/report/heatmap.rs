//! The heatmap of the dwell report: mean dwell in days of the visits that ended
//! in the period, per stage (rows: the stages that are not terminal) and per
//! column (ISO week of the visit's end, or the customer's owner, segment or tag).
//! An empty cell is `None`, so every row has one cell per column.

use serde::Serialize;

use super::stats::{DAY, mean};
use crate::model::Flow;
use crate::store::HeatCell;

/// The heatmap.
#[derive(Debug, Clone, Serialize)]
pub struct Heatmap {
    /// What the columns are: `week`, `owner`, `segment` or `tag`.
    pub by: &'static str,
    /// The columns in order.
    pub columns: Vec<HeatColumn>,
    /// One row per stage that is not terminal, in pipeline order.
    pub rows: Vec<HeatRow>,
}

/// A column.
#[derive(Debug, Clone, Serialize)]
pub struct HeatColumn {
    /// Its key (`2026-W10`, a person id, a segment or tag name).
    pub key: String,
    /// What a reader sees.
    pub label: String,
}

/// A row.
#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    /// The stage's name.
    pub stage: String,
    /// Its label.
    pub label: String,
    /// One per column; `None` where no visit ended.
    pub cells: Vec<Option<HeatValue>>,
}

/// A cell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatValue {
    /// Mean dwell in calendar days.
    pub mean_days: f64,
    /// Visits it is the mean of.
    pub visits: u64,
}

impl Heatmap {
    /// The heatmap of `cells` over `columns`; a cell whose column is not listed
    /// is left out.
    pub fn new(
        flow: &Flow,
        by: &'static str,
        columns: Vec<HeatColumn>,
        cells: &[HeatCell],
    ) -> Heatmap {
        let rows = flow
            .stages
            .iter()
            .enumerate()
            .filter(|(_, s)| s.outcome.is_none())
            .map(|(idx, s)| HeatRow {
                stage: s.name.clone(),
                label: s.label.clone(),
                cells: columns
                    .iter()
                    .map(|col| {
                        cells
                            .iter()
                            .find(|c| c.stage == idx && c.column == col.key)
                            .and_then(|c| {
                                Some(HeatValue {
                                    mean_days: mean(c.seconds, c.visits, DAY)?,
                                    visits: c.visits,
                                })
                            })
                    })
                    .collect(),
            })
            .collect();
        Heatmap { by, columns, rows }
    }

    /// The largest mean of any cell (0 when empty): the top of the colour scale.
    pub fn max_mean(&self) -> f64 {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .map(|c| c.mean_days)
            .fold(0.0, f64::max)
    }
}
