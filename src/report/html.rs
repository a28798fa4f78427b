//! A report as one self-contained HTML file, to open offline or mail: inline CSS,
//! inline SVG for the funnel (one `funnel-bar` per stage that is not `lost`), the
//! heatmap (one `heat-cell` per stage and column, empty ones grey) and the delay
//! reasons (one `reason-bar` per reason); no script, font, stylesheet or image
//! from anywhere else. The tables follow the charts, then the findings.

use std::fmt::Write as _;

use super::table::{Table, heat_level, share_of};
use super::text::{self, Lang, Word};
use super::{Body, Dwell, Funnel, Journey, Report};

/// The fonts tried in order: the system's Chinese fonts, nothing downloaded.
const FONTS: &str = "-apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', \
                     'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

const STYLE: &str = "body{margin:24px;color:#222;background:#fff}\
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}\
p.note{color:#666;margin:2px 0}\
table{border-collapse:collapse;margin:4px 0 8px;font-size:13px}\
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}th{background:#f6f6f6}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
svg{display:block;margin:4px 0 12px}svg text{font-size:12px;fill:#222}\
svg text.on-dark{fill:#fff}li{margin:4px 0}";

/// Heat colour from pale yellow (0) to dark red (1).
pub fn heat_rgb(level: f64) -> (u8, u8, u8) {
    let lerp = |a: f64, b: f64| {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 0..=255"
        )]
        let v = (a + (b - a) * level.clamp(0.0, 1.0))
            .round()
            .clamp(0.0, 255.0) as u8;
        v
    };
    (lerp(255.0, 165.0), lerp(244.0, 15.0), lerp(214.0, 21.0))
}

/// Escapes text for HTML and SVG.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report as an HTML document.
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let heading = super::human::heading(report);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>body{{font-family:{FONTS}}}{STYLE}</style>\n</head>\n<body>\n\
         <h1>{}</h1>\n",
        lang.html(),
        escape(&heading),
        escape(&heading)
    );
    match &report.current.body {
        Body::Funnel(f) => funnel_chart(&mut out, f, lang),
        Body::Dwell(d) => dwell_charts(&mut out, d, lang),
        Body::Journey(j) => journey_chart(&mut out, j, lang),
    }
    for t in report.tables() {
        table(&mut out, &t, lang);
    }
    if let Body::Journey(j) = &report.current.body {
        let _ = write!(
            out,
            "<h2>{}</h2>\n<ul class=\"findings\">\n",
            Word::Findings.text(lang)
        );
        if j.findings.is_empty() {
            let _ = writeln!(out, "<li>{}</li>", Word::NoFindings.text(lang));
        }
        for f in &j.findings {
            let _ = writeln!(out, "<li class=\"finding\">{}</li>", escape(&f.text));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn funnel_chart(out: &mut String, f: &Funnel, lang: Lang) {
    const W: f64 = 640.0;
    const H: u32 = 34;
    let bars: Vec<_> = f.stages.iter().filter(|s| s.is_bar()).collect();
    let max = bars.iter().map(|s| s.reached).max().unwrap_or(0);
    let height = u32::try_from(bars.len()).unwrap_or(0) * (H + 6) + 4;
    let _ = write!(
        out,
        "<h2>{}</h2>\n<svg class=\"funnel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\">\n",
        Word::Funnel.text(lang),
        W + 260.0
    );
    for (i, s) in bars.iter().enumerate() {
        let y = u32::try_from(i).unwrap_or(0) * (H + 6) + 2;
        let w = (W * share_of(s.reached, max)).max(2.0);
        let x = 130.0 + (W - w) / 2.0;
        let conv = s
            .conversion
            .map(|c| format!(" · {}", text::percent(Some(c))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<text x=\"122\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"funnel-bar\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{H}\" rx=\"3\" fill=\"#3b7dd8\">\
             <title>{label}: {n}{conv}</title></rect>\
             <text x=\"{tx:.1}\" y=\"{ty}\">{n}{conv}</text>",
            ty = y + H / 2 + 4,
            label = escape(&s.label),
            n = s.reached,
            tx = 130.0 + W + 8.0,
        );
    }
    out.push_str("</svg>\n");
}

fn dwell_charts(out: &mut String, d: &Dwell, lang: Lang) {
    let hm = &d.heatmap;
    let (cw, ch, left, top) = (78.0_f64, 30.0_f64, 120.0_f64, 24.0_f64);
    let cols = hm.columns.len();
    let width = left + cw * f64::from(u32::try_from(cols).unwrap_or(0)) + 8.0;
    let height = top + ch * f64::from(u32::try_from(hm.rows.len()).unwrap_or(0)) + 4.0;
    let max = hm.max_mean();
    let _ = write!(
        out,
        "<h2>{}</h2>\n<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\">\n",
        escape(&super::layout::heat_title(d, lang))
    );
    for (j, c) in hm.columns.iter().enumerate() {
        let x = left + cw * f64::from(u32::try_from(j).unwrap_or(0)) + cw / 2.0;
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"16\" text-anchor=\"middle\">{}</text>",
            escape(&c.label)
        );
    }
    out.push('\n');
    for (i, r) in hm.rows.iter().enumerate() {
        let y = top + ch * f64::from(u32::try_from(i).unwrap_or(0));
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + ch / 2.0 + 4.0,
            escape(&r.label)
        );
        for (j, cell) in r.cells.iter().enumerate() {
            let x = left + cw * f64::from(u32::try_from(j).unwrap_or(0));
            let col = &hm.columns[j].label;
            match cell {
                Some(v) => {
                    let level = heat_level(v.mean_days, max);
                    let (cr, cg, cb) = heat_rgb(level);
                    let _ = write!(
                        out,
                        "<rect class=\"heat-cell\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"rgb({cr},{cg},{cb})\">\
                         <title>{} · {}: {} ({})</title></rect>\
                         <text{} x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.1}</text>",
                        cw - 2.0,
                        ch - 2.0,
                        escape(&r.label),
                        escape(col),
                        text::days(Some(v.mean_days), lang),
                        v.visits,
                        if level > 0.55 {
                            " class=\"on-dark\""
                        } else {
                            ""
                        },
                        x + cw / 2.0,
                        y + ch / 2.0 + 4.0,
                        v.mean_days
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<rect class=\"heat-cell empty\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f1f1f1\">\
                         <title>{} · {}: –</title></rect>",
                        cw - 2.0,
                        ch - 2.0,
                        escape(&r.label),
                        escape(col)
                    );
                }
            }
        }
        out.push('\n');
    }
    out.push_str("</svg>\n");
    reasons_chart(out, d, lang);
}

fn reasons_chart(out: &mut String, d: &Dwell, lang: Lang) {
    let stages: Vec<_> = d
        .stages
        .iter()
        .filter(|s| !s.top_reasons.is_empty())
        .collect();
    if stages.is_empty() {
        return;
    }
    let rows: u32 = stages
        .iter()
        .map(|s| 1 + u32::try_from(s.top_reasons.len()).unwrap_or(0))
        .sum();
    let _ = write!(
        out,
        "<h2>{}</h2>\n<svg class=\"reasons\" xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"{}\" role=\"img\">\n",
        Word::DelayReasons.text(lang),
        rows * 24 + 4
    );
    let mut y = 0u32;
    for s in stages {
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\" font-weight=\"bold\">{}</text>",
            y + 16,
            escape(&s.label)
        );
        y += 24;
        for r in &s.top_reasons {
            let w = (400.0 * r.share).max(1.0);
            let fill = if r.none_recorded {
                "#9aa3ad"
            } else {
                "#d8643b"
            };
            let _ = writeln!(
                out,
                "<text x=\"232\" y=\"{ty}\" text-anchor=\"end\">{reason}</text>\
                 <rect class=\"reason-bar\" x=\"240\" y=\"{y}\" width=\"{w:.1}\" height=\"18\" fill=\"{fill}\">\
                 <title>{reason}: {pct}</title></rect>\
                 <text x=\"{tx:.1}\" y=\"{ty}\">{pct} · {days}</text>",
                ty = y + 13,
                reason = escape(&r.reason),
                pct = text::percent(Some(r.share)),
                days = text::days(Some(r.delay_days), lang),
                tx = 248.0 + w,
            );
            y += 24;
        }
    }
    out.push_str("</svg>\n");
}

fn journey_chart(out: &mut String, j: &Journey, lang: Lang) {
    let _ = write!(
        out,
        "<h2>{}</h2>\n<svg class=\"metrics\" xmlns=\"http://www.w3.org/2000/svg\" width=\"700\" height=\"{}\" role=\"img\">\n",
        Word::Journey.text(lang),
        3 * 30 + 4
    );
    for (i, (metric, v)) in j.metrics.each().iter().enumerate() {
        let name = match metric {
            crate::model::Metric::NodeCoverage => Word::NodeCoverage,
            crate::model::Metric::ResponseSla => Word::ResponseSla,
            crate::model::Metric::RiskAccuracy => Word::RiskAccuracy,
        };
        let y = u32::try_from(i).unwrap_or(0) * 30 + 2;
        let w = 400.0 * v.value.unwrap_or(0.0);
        let fill = match v.met {
            Some(false) => "#c8382e",
            Some(true) => "#2e8b57",
            None => "#888",
        };
        let _ = write!(
            out,
            "<text x=\"172\" y=\"{ty}\" text-anchor=\"end\">{}</text>\
             <rect x=\"180\" y=\"{y}\" width=\"400\" height=\"20\" fill=\"#eee\"/>\
             <rect class=\"metric-bar\" x=\"180\" y=\"{y}\" width=\"{w:.1}\" height=\"20\" fill=\"{fill}\"/>",
            name.text(lang),
            ty = y + 15,
        );
        if let Some(g) = v.goal {
            let gx = 180.0 + 400.0 * g;
            let _ = write!(
                out,
                "<line x1=\"{gx:.1}\" y1=\"{}\" x2=\"{gx:.1}\" y2=\"{}\" stroke=\"#222\" stroke-width=\"2\"/>",
                y.saturating_sub(2),
                y + 22
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"590\" y=\"{}\">{}</text>",
            y + 15,
            text::percent(v.value)
        );
    }
    out.push_str("</svg>\n");
}

fn table(out: &mut String, t: &Table, lang: Lang) {
    let _ = write!(out, "<h2>{}</h2>\n<table>\n<tr>", escape(&t.title));
    for c in &t.columns {
        let _ = write!(out, "<th>{}</th>", escape(c));
    }
    out.push_str("</tr>\n");
    if t.rows.is_empty() {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"{}\">{}</td></tr>",
            t.columns.len().max(1),
            Word::NoData.text(lang)
        );
    }
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let class = if i > 0 && c.number().is_some() {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(&c.show(lang)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}
