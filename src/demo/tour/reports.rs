//! The three reports the tour shows: the funnel, dwell and journey over the 30
//! days up to the last apply, made by the report library from the demo's store
//! exactly as `salesflow report` makes them, each also written as one HTML file
//! under `reports/` in the project's folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::demo::DemoError;
use crate::model::Flow;
use crate::report::{self, Kind, Lang, Options, Period, Report};
use crate::store::Store;
use crate::team::Team;

/// The reports and where their HTML files are.
pub struct TourReports {
    /// `report funnel`.
    pub funnel: Report,
    /// `report dwell`.
    pub dwell: Report,
    /// `report journey`.
    pub journey: Report,
    /// The HTML files, in the order funnel, dwell, journey.
    pub html: Vec<PathBuf>,
}

impl TourReports {
    /// Makes the reports over the 30 days up to `now` in `lang`, and writes
    /// their HTML into `dir/reports/`.
    pub fn make(
        store: &Store,
        flow: &Flow,
        team: &Team,
        dir: &Path,
        now: DateTime<Utc>,
        lang: Lang,
    ) -> Result<TourReports, DemoError> {
        let names = team.names();
        let period = Period::resolve(None, None, now, flow.timezone)?;
        let make = |kind: Kind| {
            report::build(
                store,
                flow,
                &names,
                &Options::plain(kind, period, now, lang),
            )
        };
        let reports = [
            make(Kind::Funnel)?,
            make(Kind::Dwell)?,
            make(Kind::Journey)?,
        ];
        let folder = dir.join("reports");
        std::fs::create_dir_all(&folder).map_err(|source| DemoError::Write {
            path: folder.clone(),
            source,
        })?;
        let mut html = Vec::new();
        for r in &reports {
            let path = folder.join(format!("{}.html", r.kind.name()));
            std::fs::write(&path, report::html::render(r)).map_err(|source| DemoError::Write {
                path: path.clone(),
                source,
            })?;
            html.push(path);
        }
        let [funnel, dwell, journey] = reports;
        Ok(TourReports {
            funnel,
            dwell,
            journey,
            html,
        })
    }
}
