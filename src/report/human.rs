//! A report as terminal tables (comfy-table): a heading with the period, each
//! table under its title, the heatmap shaded from pale to dark on a colour
//! terminal (plain when piped or `NO_COLOR`), then the findings.

use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, CellAlignment, Color, ContentArrangement};

use super::table::{Table, heat_level};
use super::text::{Lang, Word};
use super::{Body, Report, Section};

/// The report as text; `color` shades the heatmap and bolds the headers.
pub fn render(report: &Report, color: bool) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading(report));
    if let Body::Dwell(d) = &report.current.body {
        if let Some(cal) = &d.calendar {
            let _ = writeln!(out, "{} `{cal}`", Word::WorkingDaysOn.text(lang));
        }
    }
    if let Body::Journey(j) = &report.current.body {
        let _ = writeln!(
            out,
            "{}{} {}",
            Word::ActiveCustomers.text(lang),
            lang.pick(":", "："),
            j.active_customers
        );
    }
    for t in report.tables() {
        let _ = writeln!(out, "\n{}", t.title);
        if t.rows.is_empty() {
            let _ = writeln!(out, "  {}", Word::NoData.text(lang));
            continue;
        }
        let _ = writeln!(out, "{}", table(&t, lang, color));
    }
    if let Body::Journey(j) = &report.current.body {
        let _ = writeln!(out, "\n{}", Word::Findings.text(lang));
        if j.findings.is_empty() {
            let _ = writeln!(out, "  {}", Word::NoFindings.text(lang));
        }
        for f in &j.findings {
            let _ = writeln!(out, "  • {}", f.text);
        }
    }
    out
}

/// `Stage dwell · 2026-02-08 – 2026-03-09 (compared with 2026-01-09 – 2026-02-07)`
pub fn heading(report: &Report) -> String {
    let lang = report.lang;
    let show = |s: &Section| s.period.show(report.tz);
    let mut h = format!("{} · {}", report.kind_title(), show(&report.current));
    if let Some(other) = &report.compare {
        let _ = match lang {
            Lang::En => write!(h, " ({} {})", Word::ComparedWith.text(lang), show(other)),
            Lang::Zh => write!(h, "（{}：{}）", Word::ComparedWith.text(lang), show(other)),
        };
    }
    h
}

fn table(t: &Table, lang: Lang, color: bool) -> String {
    let mut ct = comfy_table::Table::new();
    ct.load_preset(UTF8_FULL_CONDENSED);
    if color {
        ct.enforce_styling();
        ct.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        ct.force_no_tty();
        ct.set_content_arrangement(ContentArrangement::Disabled);
    }
    ct.set_header(t.columns.iter().map(|c| {
        let cell = comfy_table::Cell::new(c);
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    let max = t.max();
    for row in &t.rows {
        ct.add_row(row.iter().map(|c| {
            let cell = comfy_table::Cell::new(c.show(lang));
            match (t.heat && color, c.number()) {
                (true, Some(v)) => shade(cell, heat_level(v, max)),
                _ => cell,
            }
        }));
    }
    for i in 1..t.columns.len() {
        let figures = t
            .rows
            .iter()
            .any(|r| r.get(i).is_some_and(|c| c.number().is_some()));
        if let (true, Some(col)) = (figures, ct.column_mut(i)) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    ct.to_string()
}

/// Pale yellow for the shortest dwell to dark red for the longest.
fn shade(cell: comfy_table::Cell, level: f64) -> comfy_table::Cell {
    let (r, g, b) = super::html::heat_rgb(level);
    let fg = if level > 0.55 {
        Color::White
    } else {
        Color::Black
    };
    cell.bg(Color::Rgb { r, g, b }).fg(fg)
}
