//! A finding in the terms every CI format shares: a rule, a severity, a message,
//! the place it points at (path relative to the working directory, lines and
//! columns 1-based, columns counted both in characters and in UTF-16 code units)
//! and the places that explain it. Takes a [`Diagnostic`] (or a failed rule test,
//! see `ruletest::annotations`); gives what `github`, `gitlab` and `sarif` render,
//! so those three never look at spans or source text themselves.
//!
//! Fingerprints are here too: GitLab and SARIF consumers use them to tell a
//! finding they saw before from a new one, so they must survive lines inserted
//! above: they hash the rule, the file and the offending text, never a line number.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Component, Path};

use sha2::{Digest as _, Sha256};

use super::{Diagnostic, Label, Rule, Severity};
use crate::source::SourceFile;

/// One thing CI shows at a place.
#[derive(Debug, Clone)]
pub struct Finding {
    /// What kind of finding.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// The message, one line.
    pub message: String,
    /// What the primary place says (a diagnostic's primary label).
    pub label: Option<String>,
    /// Advice.
    pub help: Option<String>,
    /// More lines (a failed expectation's diff).
    pub detail: Vec<String>,
    /// Where; `None` for a finding about no file.
    pub place: Option<Place>,
    /// Other places that explain it, each with what it says.
    pub related: Vec<Related>,
    /// The offending text, for the fingerprint.
    pub excerpt: String,
}

/// A secondary place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub place: Place,
    /// What it says.
    pub text: String,
}

/// A file, and where in it when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Relative to the working directory when inside it, `/`-separated.
    pub path: String,
    /// The first line (and column), when known.
    pub start: Option<Position>,
    /// Just past the last character, when the place is a range.
    pub end: Option<Position>,
}

/// A line, and a column on it when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// One-based line.
    pub line: usize,
    /// One-based column.
    pub column: Option<Column>,
}

/// A one-based column in the two units CI formats ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Counted in characters (what people and GitHub count).
    pub chars: usize,
    /// Counted in UTF-16 code units (SARIF's default `columnKind`): a Chinese
    /// character is one, an emoji two.
    pub utf16: usize,
}

impl Finding {
    /// The finding of a diagnostic, paths relative to `base`.
    pub fn from_diagnostic(d: &Diagnostic, base: &Path) -> Finding {
        let primary = d.labels.first();
        let place = primary.map(|l| Place::of_label(l, base));
        let excerpt = primary.map(excerpt).unwrap_or_default();
        Finding {
            rule: d.code.rule(),
            severity: d.severity,
            message: d.message.clone(),
            label: primary
                .map(|l| l.text.clone())
                .filter(|t| !t.is_empty() && *t != d.message),
            help: d.help.clone(),
            detail: Vec::new(),
            place,
            related: d
                .labels
                .iter()
                .skip(1)
                .map(|l| Related {
                    place: Place::of_label(l, base),
                    text: l.text.clone(),
                })
                .collect(),
            excerpt,
        }
    }

    /// The message with what explains it, one item a line: the primary label,
    /// the related places (`path:line:column: text`) when `with_related`, the
    /// detail, and the help.
    pub fn text(&self, with_related: bool) -> String {
        let mut out = self.message.clone();
        if let Some(label) = &self.label {
            let _ = write!(out, "\n{label}");
        }
        if with_related {
            for r in &self.related {
                let _ = write!(out, "\n{}: {}", r.place, r.text);
            }
        }
        for line in &self.detail {
            let _ = write!(out, "\n{line}");
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\nhelp: {help}");
        }
        out
    }

    /// What identifies the finding apart from where its lines are.
    fn identity(&self) -> String {
        let path = self.place.as_ref().map_or("", |p| p.path.as_str());
        format!("{}\0{path}\0{}", self.rule.id, self.excerpt)
    }
}

/// A stable fingerprint for each finding, in order: 32 hex digits of SHA-256 over
/// the rule, the file, the offending text and how many findings before it share
/// those three (so two equal mistakes in one file stay two findings).
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let identity = f.identity();
            let n = seen.entry(identity.clone()).or_default();
            let digest = Sha256::digest(format!("{identity}\0{n}").as_bytes());
            *n += 1;
            digest[..16].iter().fold(String::new(), |mut hex, b| {
                let _ = write!(hex, "{b:02x}");
                hex
            })
        })
        .collect()
}

/// The label's text and the line it stands on, trimmed: enough to tell two
/// mistakes apart without a line number.
fn excerpt(label: &Label) -> String {
    let text = &label.file.text;
    let start = label.span.start.min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(start..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| start + i);
    let line = text.get(line_start..line_end).unwrap_or("").trim();
    format!("{}\0{line}", label.file.slice(label.span))
}

impl Place {
    /// The place a label points at.
    fn of_label(label: &Label, base: &Path) -> Place {
        Place {
            path: relative(&label.file.path, base),
            start: Some(Position::at(&label.file, label.span.start)),
            end: Some(Position::at(&label.file, label.span.end)),
        }
    }

    /// A file at a line (and column, in characters, on `line_text`) when known.
    pub fn at_line(
        path: &Path,
        base: &Path,
        line: Option<usize>,
        column: Option<(usize, &str)>,
    ) -> Place {
        Place {
            path: relative(path, base),
            start: line.map(|line| Position {
                line,
                column: column.map(|(chars, text)| Column {
                    chars,
                    utf16: utf16_column(text, chars),
                }),
            }),
            end: None,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)?;
        if let Some(start) = self.start {
            write!(f, ":{}", start.line)?;
            if let Some(column) = start.column {
                write!(f, ":{}", column.chars)?;
            }
        }
        Ok(())
    }
}

impl Position {
    /// The line and column of a byte offset of `file`.
    pub fn at(file: &SourceFile, offset: usize) -> Position {
        let (line, chars) = file.line_col(offset);
        let before = file.text.get(..offset.min(file.text.len())).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line,
            column: Some(Column {
                chars,
                utf16: before[line_start..].encode_utf16().count() + 1,
            }),
        }
    }
}

/// The UTF-16 column of the character column `chars` on `line_text`.
fn utf16_column(line_text: &str, chars: usize) -> usize {
    line_text
        .chars()
        .take(chars.saturating_sub(1))
        .map(char::len_utf16)
        .sum::<usize>()
        + 1
}

/// `path` relative to `base` when it lies inside it, else as given (absolute, or
/// relative and climbing out); `.` and `a/..` removed, `/` between components on
/// every system, as GitHub, GitLab and SARIF want it.
pub fn relative(path: &Path, base: &Path) -> String {
    let absolute = crate::check::normalize(&base.join(path));
    let shown = match absolute.strip_prefix(crate::check::normalize(base)) {
        Ok(inside) => inside.to_path_buf(),
        Err(_) if path.is_absolute() => absolute,
        Err(_) => crate::check::normalize(path),
    };
    let mut out = String::new();
    for c in shown.components() {
        match c {
            Component::Prefix(p) => out.push_str(&p.as_os_str().to_string_lossy()),
            Component::RootDir => out.push('/'),
            c => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&c.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_base_with_forward_slashes() {
        let base = Path::new("/repo");
        assert_eq!(
            relative(Path::new("rules/main.flow"), base),
            "rules/main.flow"
        );
        assert_eq!(
            relative(Path::new("./rules/../main.flow"), base),
            "main.flow"
        );
        assert_eq!(
            relative(Path::new("/repo/rules/风险.flow"), base),
            "rules/风险.flow"
        );
        assert_eq!(
            relative(Path::new("/elsewhere/a.flow"), base),
            "/elsewhere/a.flow"
        );
        assert_eq!(relative(Path::new("../up/a.flow"), base), "../up/a.flow");
    }

    #[test]
    fn columns_count_characters_and_utf16_units() {
        let file = SourceFile::new("a.flow", "x\n  tag 新能原 \"🚗\" pco\n");
        let pco = file.text.find("pco").expect("in the text");
        let p = Position::at(&file, pco);
        assert_eq!(p.line, 2);
        // `  tag 新能原 "🚗" ` is 14 characters; the emoji is two UTF-16 units.
        assert_eq!(
            p.column,
            Some(Column {
                chars: 15,
                utf16: 16
            })
        );
        assert_eq!(utf16_column("  tag 新能原 \"🚗\" pco", 15), 16);
    }
}
