//! A report as CSV: each table as a block (a line with its title, the header,
//! the rows) and a blank line between blocks, then the findings. Figures are
//! plain numbers (days with two decimals, shares as fractions), so a
//! spreadsheet can compute with them. Written to a file, it starts with a UTF-8
//! byte-order mark, which Excel needs to read Chinese correctly.

use super::table::Table;
use super::{Body, Report};

/// The report as CSV text (no byte-order mark).
pub fn render(report: &Report) -> String {
    let mut blocks: Vec<String> = report.tables().iter().map(block).collect();
    if let Body::Journey(j) = &report.current.body {
        if !j.findings.is_empty() {
            let lang = report.lang;
            let mut t = Table::new(
                super::text::Word::Findings.text(lang),
                vec![
                    super::text::Word::Metric.text(lang).into(),
                    super::text::Word::Findings.text(lang).into(),
                ],
            );
            for f in &j.findings {
                t.rows.push(vec![
                    super::Cell::Text(f.metric.into()),
                    super::Cell::Text(f.text.clone()),
                ]);
            }
            blocks.push(block(&t));
        }
    }
    blocks.join("\n")
}

/// One table: its title on a line, the header, the rows.
fn block(t: &Table) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let _ = w.write_record([&t.title]);
    let _ = w.write_record(&t.columns);
    for row in &t.rows {
        let _ = w.write_record(row.iter().map(super::Cell::raw));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
