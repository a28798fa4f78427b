//! Table-like alignment by display width, for the `pipeline`, `tags` and runs of
//! `segment` lines.
//!
//! Takes rows of cells and the separator after each column; produces one line per
//! row with every column but the last padded to its widest cell. Widths are display
//! columns (`unicode-width`): a Chinese character or a full-width letter is two
//! columns wide, so labels line up in an editor with a CJK font. A column that is
//! empty in every row is left out, and a row ends at its last non-empty cell.

use unicode_width::UnicodeWidthStr;

/// Lays out `rows`; `seps[i]` stands between column `i` and the next.
pub(crate) fn align(rows: &[Vec<String>], seps: &[&str]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let last = row.iter().rposition(|cell| !cell.is_empty()).unwrap_or(0);
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate().take(last + 1) {
                if widths[c] == 0 {
                    continue;
                }
                line.push_str(cell);
                if c < last {
                    line.extend(std::iter::repeat_n(' ', widths[c] - cell.width()));
                    line.push_str(seps.get(c).copied().unwrap_or(" "));
                }
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::align;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|r| r.iter().map(ToString::to_string).collect())
            .collect()
    }

    #[test]
    fn cjk_characters_count_two_columns() {
        let out = align(
            &rows(&[
                &["lead", "\"线索\"", ""],
                &["poc", "\"POC验证\"", "milestone"],
                &["signed", "\"合同签署\"", "won"],
            ]),
            &[" ", "  "],
        );
        assert_eq!(
            out,
            [
                "lead   \"线索\"",
                "poc    \"POC验证\"   milestone",
                "signed \"合同签署\"  won"
            ]
        );
    }

    #[test]
    fn a_column_empty_everywhere_is_left_out() {
        let out = align(&rows(&[&["a", "", "x"], &["bbb", "", "y"]]), &[" ", " "]);
        assert_eq!(out, ["a   x", "bbb y"]);
    }
}
