//! The team file (`team.yaml`): people with their role, manager and chat handles,
//! and the default person for each role.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// One person of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id (`wang`).
    pub id: String,
    /// Display name (`王工`).
    pub name: String,
    /// Job title.
    #[serde(default)]
    pub title: Option<String>,
    /// The role they hold (`presales`).
    #[serde(default)]
    pub role: Option<String>,
    /// Their manager's id.
    #[serde(default)]
    pub manager: Option<String>,
    /// WeCom handle.
    #[serde(default)]
    pub wecom: Option<String>,
    /// Mobile number (DingTalk).
    #[serde(default)]
    pub mobile: Option<String>,
    /// Feishu handle.
    #[serde(default)]
    pub feishu: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
}

/// The whole team file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Everyone.
    #[serde(default)]
    pub people: Vec<Person>,
    /// The default person for each role.
    #[serde(default)]
    pub defaults: BTreeMap<String, String>,
}

/// Why a team file cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum TeamError {
    /// The file cannot be read.
    #[error("cannot read `{path}`: {source}")]
    #[diagnostic(code(salesflow::team::unreadable))]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Not YAML of the right shape.
    #[error("{path}:{line}: {message}")]
    #[diagnostic(
        code(salesflow::team::invalid),
        help(
            "a team file holds `people:` (id, name, title, role, manager, wecom, mobile, feishu, email) and `defaults:`"
        )
    )]
    Parse {
        /// The file.
        path: String,
        /// One-based line (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A reference to nobody, or an id used twice.
    #[error("{path}: {message}")]
    #[diagnostic(code(salesflow::team::inconsistent))]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl Team {
    /// Reads and validates a team file.
    pub fn load(path: &Path) -> Result<Team, TeamError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| TeamError::Read {
            path: name.clone(),
            source,
        })?;
        Team::parse(&name, &text)
    }

    /// Parses and validates team YAML.
    pub fn parse(name: &str, text: &str) -> Result<Team, TeamError> {
        let team: Team = serde_yaml::from_str(text).map_err(|e| TeamError::Parse {
            path: name.to_string(),
            line: e.location().map_or(0, |l| l.line()),
            message: e.to_string(),
        })?;
        let invalid = |message: String| TeamError::Invalid {
            path: name.to_string(),
            message,
        };
        for (i, p) in team.people.iter().enumerate() {
            if team.people[..i].iter().any(|q| q.id == p.id) {
                return Err(invalid(format!("person `{}` is listed twice", p.id)));
            }
            if let Some(m) = &p.manager {
                if team.person(m).is_none() {
                    return Err(invalid(format!(
                        "the manager `{m}` of `{}` is not in the team",
                        p.id
                    )));
                }
            }
        }
        for (role, id) in &team.defaults {
            if team.person(id).is_none() {
                return Err(invalid(format!(
                    "the default `{role}: {id}` names nobody in the team"
                )));
            }
        }
        Ok(team)
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// Whether anyone can be the customer's person in `role`: someone holds it,
    /// or the team names a default for it.
    pub fn role_is_held(&self, role: &str) -> bool {
        self.defaults.contains_key(role)
            || self.people.iter().any(|p| p.role.as_deref() == Some(role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_team_loads() {
        let team = Team::load(Path::new("examples/team.yaml")).unwrap();
        assert_eq!(
            team.person("wang").unwrap().manager.as_deref(),
            Some("chen")
        );
        assert!(team.role_is_held("finance"));
        assert!(!team.role_is_held("delivery"));
    }

    #[test]
    fn a_manager_outside_the_team_is_refused() {
        let err = Team::parse(
            "t.yaml",
            "people:\n  - { id: a, name: 甲, manager: nobody }\n",
        );
        assert!(err.unwrap_err().to_string().contains("`nobody`"));
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line() {
        let err =
            Team::parse("t.yaml", "people:\n  - id: a\n    name: 甲\n    rank: 1\n").unwrap_err();
        assert!(matches!(err, TeamError::Parse { line: 2.., .. }), "{err}");
    }
}
