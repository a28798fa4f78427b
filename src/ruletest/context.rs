//! What compiling one test file needs at hand: the file's lines (for places),
//! the rules, the team and `start`; and the checks every part shares (a known
//! person, a known name with "did you mean", a time).

use std::path::Path;

use chrono::{DateTime, Utc};

use super::error::{Place, TestFileError};
use super::lines::{Lines, Seg};
use super::when::When;
use crate::model::Flow;
use crate::team::Team;

/// The compiling context of one test file.
pub struct Ctx<'a> {
    /// The test file, as given.
    pub file: &'a Path,
    /// Its block structure.
    pub lines: &'a Lines<'a>,
    /// The rules.
    pub flow: &'a Flow,
    /// The team (empty when the file names none).
    pub team: &'a Team,
    /// What offsets count from.
    pub start: DateTime<Utc>,
}

impl Ctx<'_> {
    /// The place of a part of the file.
    pub fn place(&self, path: &[Seg<'_>]) -> Place {
        Place {
            file: self.file.to_path_buf(),
            line: self.lines.find(path),
            column: None,
        }
    }

    /// An error about a part of the file.
    pub fn invalid(&self, path: &[Seg<'_>], message: String) -> TestFileError {
        TestFileError::Invalid {
            place: self.place(path),
            message,
        }
    }

    /// A time of the file as an instant.
    pub fn time(&self, when: &When, path: &[Seg<'_>]) -> Result<DateTime<Utc>, TestFileError> {
        when.resolve(self.start, self.flow.timezone)
            .map_err(|m| self.invalid(path, m))
    }

    /// Checks that `id` is a person of the team (anything goes without a team).
    pub fn person(&self, id: &str, what: &str, path: &[Seg<'_>]) -> Result<(), TestFileError> {
        if self.team.people.is_empty() {
            return Ok(());
        }
        known(id, self.team.people.iter().map(|p| p.id.as_str()), what)
            .map_err(|m| self.invalid(path, m))
    }
}

/// `path` followed by more steps.
pub fn join<'s>(path: &[Seg<'s>], more: &[Seg<'s>]) -> Vec<Seg<'s>> {
    [path, more].concat()
}

/// Checks that `name` is one of `names`; else says which are, with the closest
/// as "did you mean".
pub fn known<'n>(
    name: &str,
    names: impl Iterator<Item = &'n str> + Clone,
    what: &str,
) -> Result<(), String> {
    if names.clone().any(|n| n == name) {
        return Ok(());
    }
    let close = names
        .clone()
        .map(|n| (strsim::jaro_winkler(n, name), n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n);
    let what = crate::i18n::noun(what);
    Err(match close {
        Some(n) => crate::t!("test-unknown-guess", what = what, name = name, guess = n),
        None => {
            let all: Vec<String> = names.map(|n| format!("`{n}`")).collect();
            if all.is_empty() {
                crate::t!("test-unknown-none", what = what, name = name)
            } else {
                crate::t!(
                    "test-unknown-known",
                    what = what,
                    name = name,
                    known = all.join(", ")
                )
            }
        }
    })
}

/// Whether a text is blank after trimming (an absent value counts as blank).
pub fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::known;

    #[test]
    fn unknown_names_get_the_closest_or_the_list() {
        let names = ["yellow", "green", "red"];
        assert_eq!(known("red", names.iter().copied(), "health state"), Ok(()));
        assert_eq!(
            known("yelow", names.iter().copied(), "health state").unwrap_err(),
            "unknown health state `yelow`: did you mean `yellow`?"
        );
        assert_eq!(
            known("blue", names.iter().copied(), "health state").unwrap_err(),
            "unknown health state `blue`; known: `yellow`, `green`, `red`"
        );
    }
}
