//! The tables every text format shows (terminal, CSV, HTML): typed cells, so
//! each format writes a figure its own way (`14.2d` on a terminal, `14.2` in CSV),
//! and [`Table::beside`] can set a period's table beside another's with the
//! change, whatever the report.

use super::stats::{Fraction, ratio};
use super::text::{self, Lang, Word};

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Words.
    Text(String),
    /// A count.
    Count(u64),
    /// Days (`None`: no figure).
    Days(Option<f64>),
    /// A share, a fraction (`None`: no figure).
    Share(Option<f64>),
    /// A share with what it is made of.
    Fraction(Fraction),
    /// The change of a count.
    CountChange(Option<i64>),
    /// The change of days.
    DaysChange(Option<f64>),
    /// The change of a share, in percentage points.
    ShareChange(Option<f64>),
    /// Nothing.
    Empty,
}

impl Cell {
    /// As people read it.
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Days(d) => text::days(*d, lang),
            Cell::Share(s) => text::percent(*s),
            Cell::Fraction(f) => match f.value {
                Some(_) => format!(
                    "{} ({}/{})",
                    text::percent(f.value),
                    f.numerator,
                    f.denominator
                ),
                None => "–".into(),
            },
            Cell::CountChange(Some(n)) => format!("{n:+}"),
            Cell::DaysChange(Some(d)) => format!("{d:+.1}{}", lang.pick("d", "天")),
            Cell::ShareChange(Some(s)) => text::points(*s, lang),
            Cell::CountChange(None) | Cell::DaysChange(None) | Cell::ShareChange(None) => {
                "–".into()
            }
            Cell::Empty => String::new(),
        }
    }

    /// As a program reads it (CSV): plain numbers, shares as fractions, empty
    /// when there is no figure.
    pub fn raw(&self) -> String {
        let num =
            |v: Option<f64>, places: usize| v.map_or_else(String::new, |v| format!("{v:.places$}"));
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Days(d) | Cell::DaysChange(d) => num(*d, 2),
            Cell::Share(s) | Cell::ShareChange(s) => num(*s, 4),
            Cell::Fraction(f) => num(f.value, 4),
            Cell::CountChange(n) => n.map_or_else(String::new, |n| n.to_string()),
            Cell::Empty => String::new(),
        }
    }

    /// The figure, for shading and bars.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Days(v) | Cell::Share(v) => *v,
            Cell::Fraction(f) => f.value,
            #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
            Cell::Count(n) => Some(*n as f64),
            _ => None,
        }
    }

    /// Whether the cell is a figure that has a change.
    fn is_figure(&self) -> bool {
        matches!(
            self,
            Cell::Count(_) | Cell::Days(_) | Cell::Share(_) | Cell::Fraction(_)
        )
    }

    /// The change from `other` to `self`.
    fn change(&self, other: &Cell) -> Cell {
        let share = |c: &Cell| match c {
            Cell::Share(v) => *v,
            Cell::Fraction(f) => f.value,
            _ => None,
        };
        match (self, other) {
            (Cell::Count(a), Cell::Count(b)) => Cell::CountChange(
                i64::try_from(*a)
                    .ok()
                    .zip(i64::try_from(*b).ok())
                    .map(|(a, b)| a - b),
            ),
            (Cell::Days(a), Cell::Days(b)) => Cell::DaysChange(a.zip(*b).map(|(a, b)| a - b)),
            (Cell::Count(_), _) => Cell::CountChange(None),
            (Cell::Days(_), _) => Cell::DaysChange(None),
            _ => Cell::ShareChange(share(self).zip(share(other)).map(|(a, b)| a - b)),
        }
    }

    /// A cell of the kind of `self` with no figure.
    fn blank(&self) -> Cell {
        match self {
            Cell::Count(_) => Cell::Count(0),
            Cell::Days(_) => Cell::Days(None),
            Cell::Fraction(_) => Cell::Fraction(Fraction::new(0, 0)),
            Cell::Share(_) => Cell::Share(None),
            _ => Cell::Empty,
        }
    }
}

/// A table: a title, headers and rows, the first column naming the row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What it shows.
    pub title: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
    /// Shade the figures by size (the heatmap).
    pub heat: bool,
    /// Columns of figures that are the same in every period (such as `expect`):
    /// not compared.
    pub fixed: Vec<usize>,
}

impl Table {
    /// A table without rows.
    pub fn new(title: impl Into<String>, columns: Vec<String>) -> Table {
        Table {
            title: title.into(),
            columns,
            rows: Vec::new(),
            heat: false,
            fixed: Vec::new(),
        }
    }

    /// This table with `other`'s figures beside its own: every column of
    /// figures becomes three (this period, the other, the change), rows matched
    /// by their first cell; a row only the other period has is left out.
    #[must_use]
    pub fn beside(&self, other: &Table, lang: Lang) -> Table {
        let figures: Vec<bool> = (0..self.columns.len())
            .map(|i| {
                i > 0
                    && !self.fixed.contains(&i)
                    && self
                        .rows
                        .iter()
                        .any(|r| r.get(i).is_some_and(Cell::is_figure))
            })
            .collect();
        let mut columns = Vec::new();
        for (i, c) in self.columns.iter().enumerate() {
            columns.push(c.clone());
            if figures[i] {
                columns.push(format!("{c} {}", lang.pick("(other)", "（对比期）")));
                columns.push(format!("{} {c}", Word::Change.text(lang)));
            }
        }
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let key = row.first().map(|c| c.show(lang));
                let theirs = other
                    .rows
                    .iter()
                    .find(|r| r.first().map(|c| c.show(lang)) == key);
                let mut out = Vec::new();
                for (i, cell) in row.iter().enumerate() {
                    out.push(cell.clone());
                    if figures.get(i).copied().unwrap_or(false) {
                        let them = theirs
                            .and_then(|r| r.get(i))
                            .cloned()
                            .unwrap_or_else(|| cell.blank());
                        out.push(them.clone());
                        out.push(cell.change(&them));
                    }
                }
                out
            })
            .collect();
        Table {
            title: self.title.clone(),
            columns,
            rows,
            heat: self.heat,
            fixed: Vec::new(),
        }
    }

    /// The largest figure of the table, for shading.
    pub fn max(&self) -> f64 {
        self.rows
            .iter()
            .flatten()
            .filter_map(Cell::number)
            .fold(0.0, f64::max)
    }
}

/// How dark a heat cell is, 0 to 1.
pub fn heat_level(value: f64, max: f64) -> f64 {
    if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// A count as a share of another, for shading bars.
pub fn share_of(n: u64, of: u64) -> f64 {
    ratio(n, of).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beside_adds_the_other_period_and_the_change_to_each_figure() {
        let mut a = Table::new(
            "t",
            vec![
                "stage".into(),
                "visits".into(),
                "mean".into(),
                "overdue".into(),
            ],
        );
        a.rows.push(vec![
            Cell::Text("poc".into()),
            Cell::Count(5),
            Cell::Days(Some(14.2)),
            Cell::Share(Some(0.6)),
        ]);
        a.rows.push(vec![
            Cell::Text("demo".into()),
            Cell::Count(2),
            Cell::Days(None),
            Cell::Share(None),
        ]);
        let mut b = a.clone();
        b.rows[0] = vec![
            Cell::Text("poc".into()),
            Cell::Count(3),
            Cell::Days(Some(10.0)),
            Cell::Share(Some(0.5)),
        ];
        b.rows.remove(1);
        let t = a.beside(&b, Lang::En);
        assert_eq!(t.columns.len(), 10);
        assert_eq!(t.columns[2], "visits (other)");
        assert_eq!(t.columns[3], "change visits");
        let shown: Vec<String> = t.rows[0].iter().map(|c| c.show(Lang::En)).collect();
        assert_eq!(
            shown,
            [
                "poc", "5", "3", "+2", "14.2d", "10.0d", "+4.2d", "60%", "50%", "+10 pp"
            ]
        );
        // A row the other period lacks compares with nothing.
        let shown: Vec<String> = t.rows[1].iter().map(|c| c.show(Lang::En)).collect();
        assert_eq!(
            shown,
            ["demo", "2", "0", "+2", "–", "–", "–", "–", "–", "–"]
        );
    }
}
