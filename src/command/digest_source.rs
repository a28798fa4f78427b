//! The text of a pushed digest: the report it names (`funnel`, `dwell`,
//! `journey`) over the digest's period, rendered as the same table `salesflow
//! report` prints, in the project's language. The store is opened read-only for
//! each digest, so composing one never competes with `run`'s own writes.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::deliver::{Composed, DigestSource};
use crate::model::Flow;
use crate::report::{self, Body, Kind, Lang, Options, Period};
use crate::store::Store;
use crate::team::Team;

/// Digests composed from the reports.
pub(super) struct ReportDigests<'a> {
    flow: &'a Flow,
    db: PathBuf,
    names: HashMap<String, String>,
    lang: Lang,
}

impl<'a> ReportDigests<'a> {
    pub(super) fn new(flow: &'a Flow, team: &Team, db: PathBuf, lang: crate::cli::Lang) -> Self {
        ReportDigests {
            flow,
            db,
            names: team.names(),
            lang: Lang::of(lang),
        }
    }
}

impl DigestSource for ReportDigests<'_> {
    fn compose(
        &self,
        name: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Composed, String> {
        let kind = match name {
            "funnel" => Kind::Funnel,
            "dwell" => Kind::Dwell,
            "journey" => Kind::Journey,
            other => return Err(format!("no report `{other}`")),
        };
        let store = Store::open_read_only(&self.db).map_err(|e| e.to_string())?;
        let opts = Options::plain(kind, Period { from, to }, to, self.lang);
        let built =
            report::build(&store, self.flow, &self.names, &opts).map_err(|e| e.to_string())?;
        let missed = match &built.current.body {
            Body::Journey(j) => j.metrics.each().iter().any(|(_, m)| m.met == Some(false)),
            _ => false,
        };
        // The report's heading (its title and period) is the first line: a
        // mail's subject.
        let body = report::human::render(&built, false).trim_end().to_string();
        Ok(Composed {
            subject: body.lines().next().unwrap_or_default().to_string(),
            body,
            missed,
        })
    }
}
