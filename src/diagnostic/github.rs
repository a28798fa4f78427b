//! `--format github`: one GitHub Actions workflow command per finding, which the
//! runner turns into an annotation on the file and line of the pull request:
//!
//! ```text
//! ::error file=rules/main.flow,line=3,col=18,endLine=3,endColumn=21,title=salesflow%3A%3Aunknown_stage::unknown stage `pco`%0Anot a stage of the pipeline%0Ahelp: did you mean `poc`?
//! ```
//!
//! Warnings are `::warning`. Lines and columns are 1-based, columns in
//! characters, `endColumn` just past the last character (as SARIF); columns are
//! given only for a place on one line, since GitHub drops them otherwise. The
//! message is the finding's text with its related places, escaped as GitHub
//! documents: `%`, `\r` and `\n` in the message, and also `:` and `,` in the
//! properties.

use std::fmt::Write as _;

use super::Severity;
use super::finding::Finding;

/// The workflow commands, one line each.
pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&command(f));
        out.push('\n');
    }
    out
}

/// The workflow command of one finding.
pub fn command(f: &Finding) -> String {
    let name = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties: Vec<(&str, String)> = Vec::new();
    if let Some(place) = &f.place {
        properties.push(("file", place.path.clone()));
        if let Some(start) = place.start {
            properties.push(("line", start.line.to_string()));
            let end = place.end.filter(|end| *end != start);
            let same_line = end.is_none_or(|end| end.line == start.line);
            if let (Some(column), true) = (start.column, same_line) {
                properties.push(("col", column.chars.to_string()));
            }
            if let Some(end) = end {
                properties.push(("endLine", end.line.to_string()));
                if let (Some(column), true) = (end.column, same_line) {
                    properties.push(("endColumn", column.chars.to_string()));
                }
            }
        }
    }
    properties.push(("title", f.rule.id.to_string()));
    let mut line = format!("::{name} ");
    for (i, (key, value)) in properties.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        let _ = write!(line, "{comma}{key}={}", escape_property(value));
    }
    let _ = write!(line, "::{}", escape_data(&f.text(true)));
    line
}

/// A message as GitHub reads it back: `%`, `\r`, `\n` percent-encoded.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value: as a message, and `:` and `,` too, which end a property.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_github_documents() {
        assert_eq!(
            escape_data("100% 完成\r\n下一行"),
            "100%25 完成%0D%0A下一行"
        );
        assert_eq!(
            escape_property("salesflow::a,b%\n"),
            "salesflow%3A%3Aa%2Cb%25%0A"
        );
    }
}
