//! Tables for people (`list`, `task list`, `signal list`): a header row in the
//! user's language, columns aligned by display width (a Chinese character takes
//! two columns) through `comfy-table`, no borders, so the output reads on a
//! terminal and still pastes into a spreadsheet or greps line by line.

use comfy_table::{ContentArrangement, Table, presets};

use super::output::{Printer, outln};

/// A table with this header row.
pub(super) fn new(headers: Vec<String>) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers);
    for column in table.column_iter_mut() {
        column.set_padding((0, 2));
    }
    table
}

/// Prints the table, each line without trailing blanks.
pub(super) fn print(p: &mut Printer, table: &Table) {
    for line in table.lines() {
        outln!(p, "{}", line.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_aligned_by_display_width() {
        let mut t = new(vec!["id".into(), "name".into(), "stage".into()]);
        t.add_row(vec!["c1", "宁波某整车配套厂", "demo"]);
        t.add_row(vec!["c22", "ACME", "poc"]);
        let lines: Vec<String> = t.lines().map(|l| l.trim_end().to_string()).collect();
        assert_eq!(lines[0], "id   name              stage");
        assert_eq!(lines[1], "c1   宁波某整车配套厂  demo");
        assert_eq!(lines[2], "c22  ACME              poc");
    }
}
