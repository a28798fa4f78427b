//! What tables a report is shown as, in the reader's language: the same for the
//! terminal, CSV and HTML (which draws its charts besides).

use super::table::{Cell, Table};
use super::text::{self, Lang, Word};
use super::{Body, Dwell, Funnel, Journey, Report, Section};

impl Report {
    /// The tables of the report: the whole period, then each group; with the
    /// other period's figures beside them when comparing.
    pub fn tables(&self) -> Vec<Table> {
        let lang = self.lang;
        let mine = section_tables(&self.current, lang);
        match &self.compare {
            None => mine,
            Some(other) => {
                let theirs = section_tables(other, lang);
                mine.iter()
                    .map(|t| {
                        // Heatmaps are not compared: their columns are the weeks.
                        match theirs.iter().find(|o| o.title == t.title && !t.heat) {
                            Some(o) => t.beside(o, lang),
                            None => t.clone(),
                        }
                    })
                    .collect()
            }
        }
    }
}

fn section_tables(s: &Section, lang: Lang) -> Vec<Table> {
    let mut out = body_tables(&s.body, lang);
    for g in &s.groups {
        for mut t in body_tables(&g.body, lang) {
            t.title = format!("{} · {}", t.title, g.label);
            out.push(t);
        }
    }
    out
}

/// The tables of one body.
pub fn body_tables(body: &Body, lang: Lang) -> Vec<Table> {
    match body {
        Body::Funnel(f) => funnel(f, lang),
        Body::Dwell(d) => dwell(d, lang),
        Body::Journey(j) => journey(j, lang),
    }
}

fn words(lang: Lang, ws: &[Word]) -> Vec<String> {
    ws.iter().map(|w| w.text(lang).to_string()).collect()
}

fn funnel(f: &Funnel, lang: Lang) -> Vec<Table> {
    let mut t = Table::new(
        Word::Funnel.text(lang),
        words(
            lang,
            &[Word::Stage, Word::Reached, Word::Conversion, Word::PassRate],
        ),
    );
    for s in &f.stages {
        t.rows.push(vec![
            Cell::Text(s.label.clone()),
            Cell::Count(s.reached),
            if s.is_bar() {
                Cell::Share(s.conversion)
            } else {
                Cell::Empty
            },
            s.pass_rate.map_or(Cell::Empty, Cell::Fraction),
        ]);
    }
    let mut outcomes = Table::new(
        format!("{} / {}", Word::Won.text(lang), Word::Lost.text(lang)),
        vec![String::new(), Word::Customers.text(lang).into()],
    );
    outcomes.rows.push(vec![
        Cell::Text(Word::Won.text(lang).into()),
        Cell::Count(f.won),
    ]);
    outcomes.rows.push(vec![
        Cell::Text(Word::Lost.text(lang).into()),
        Cell::Count(f.lost),
    ]);
    vec![t, outcomes]
}

fn dwell(d: &Dwell, lang: Lang) -> Vec<Table> {
    let mut cols = vec![
        Word::Stage,
        Word::Visits,
        Word::Mean,
        Word::Median,
        Word::P90,
    ];
    if d.calendar.is_some() {
        cols.extend([Word::MeanWorking, Word::MedianWorking, Word::P90Working]);
    }
    cols.extend([Word::Expect, Word::Overdue, Word::TopReasons]);
    let mut t = Table::new(Word::Dwell.text(lang), words(lang, &cols));
    t.fixed = cols
        .iter()
        .position(|w| *w == Word::Expect)
        .into_iter()
        .collect();
    for s in &d.stages {
        let mut row = vec![
            Cell::Text(s.label.clone()),
            Cell::Count(s.visits),
            Cell::Days(s.mean_days),
            Cell::Days(s.median_days),
            Cell::Days(s.p90_days),
        ];
        if d.calendar.is_some() {
            row.extend([
                Cell::Days(s.mean_working_days),
                Cell::Days(s.median_working_days),
                Cell::Days(s.p90_working_days),
            ]);
        }
        let reasons: Vec<String> = s
            .top_reasons
            .iter()
            .map(|r| format!("{} {}", r.reason, text::percent(Some(r.share))))
            .collect();
        row.extend([
            s.expect_days.map_or(Cell::Empty, |e| Cell::Days(Some(e))),
            if s.expect_days.is_some() {
                Cell::Share(s.overdue_share)
            } else {
                Cell::Empty
            },
            Cell::Text(reasons.join(lang.pick("; ", "；"))),
        ]);
        t.rows.push(row);
    }
    let mut columns = vec![Word::Stage.text(lang).to_string()];
    columns.extend(d.heatmap.columns.iter().map(|c| c.label.clone()));
    let mut heat = Table::new(heat_title(d, lang), columns);
    heat.heat = true;
    for r in &d.heatmap.rows {
        let mut row = vec![Cell::Text(r.label.clone())];
        row.extend(r.cells.iter().map(|c| Cell::Days(c.map(|c| c.mean_days))));
        heat.rows.push(row);
    }
    vec![t, heat]
}

fn journey(j: &Journey, lang: Lang) -> Vec<Table> {
    let mut m = Table::new(
        Word::Journey.text(lang),
        words(
            lang,
            &[
                Word::Metric,
                Word::Value,
                Word::Goal,
                Word::Met,
                Word::Numerator,
                Word::Denominator,
            ],
        ),
    );
    for (metric, v) in j.metrics.each() {
        let name = match metric {
            crate::model::Metric::NodeCoverage => Word::NodeCoverage,
            crate::model::Metric::ResponseSla => Word::ResponseSla,
            crate::model::Metric::RiskAccuracy => Word::RiskAccuracy,
        };
        m.rows.push(vec![
            Cell::Text(name.text(lang).into()),
            Cell::Share(v.value),
            v.goal
                .map_or(Cell::Empty, |g| Cell::Text(text::goal(v.op(), g))),
            match v.met {
                Some(true) => Cell::Text(Word::Yes.text(lang).into()),
                Some(false) => Cell::Text(Word::No.text(lang).into()),
                None => Cell::Empty,
            },
            Cell::Count(v.numerator),
            Cell::Count(v.denominator),
        ]);
    }
    let mut ms = Table::new(
        format!(
            "{} · {}",
            Word::NodeCoverage.text(lang),
            Word::Milestone.text(lang)
        ),
        words(
            lang,
            &[
                Word::Milestone,
                Word::Coverage,
                Word::Covered,
                Word::Customers,
            ],
        ),
    );
    for c in &j.milestones {
        ms.rows.push(vec![
            Cell::Text(c.label.clone()),
            Cell::Share(c.value),
            Cell::Count(c.numerator),
            Cell::Count(c.denominator),
        ]);
    }
    vec![m, ms]
}

/// `Mean dwell × week` in the reader's language.
pub fn heat_title(d: &Dwell, lang: Lang) -> String {
    let by = match d.heatmap.by {
        "owner" => Word::Owner,
        "segment" => Word::Segment,
        "tag" => Word::Tag,
        _ => Word::Week,
    };
    format!("{} × {}", Word::Heatmap.text(lang), by.text(lang))
}
