//! The team file (`team.yaml`): people with their role, manager, chat handles and
//! free attributes, and the default person for each role. It is the only source
//! of people (PRODUCT.md, "One team"): `check`, `plan`, `apply` and the record
//! commands read it; `import team` merges a roster into it ([`merge`]); the
//! store keeps the snapshot each `apply` used.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};

mod merge;

pub use merge::{MergeReport, merge_into_file};

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
    /// Whatever else a roster says about them (`区域: 华东`, `工号: 1024`), kept as
    /// text under `attrs:` so a typo in a known key is still an error.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "scalar_map"
    )]
    pub attrs: BTreeMap<String, String>,
}

impl Person {
    /// A person known only by id (a manager a roster names and does not list):
    /// the name is the id until someone writes the real one.
    pub fn named_by_id(id: &str) -> Person {
        Person {
            id: id.to_string(),
            name: id.to_string(),
            title: None,
            role: None,
            manager: None,
            wecom: None,
            mobile: None,
            feishu: None,
            email: None,
            attrs: BTreeMap::new(),
        }
    }
}

/// `attrs:` values as text: a roster's `工号: 1024` is a number to YAML.
fn scalar_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    use serde::de::Error as _;
    let raw = BTreeMap::<String, serde_yaml::Value>::deserialize(d)?;
    raw.into_iter()
        .map(|(k, v)| {
            let text = match v {
                serde_yaml::Value::String(s) => s,
                serde_yaml::Value::Number(n) => n.to_string(),
                serde_yaml::Value::Bool(b) => b.to_string(),
                serde_yaml::Value::Null => String::new(),
                _ => {
                    return Err(D::Error::custom(format!(
                        "attribute `{k}` must be a single value, not a list or map"
                    )));
                }
            };
            Ok((k, text))
        })
        .collect()
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
    /// Each person's name by id (how reports and tours show people).
    pub fn names(&self) -> std::collections::HashMap<String, String> {
        self.people
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect()
    }

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
        let team = Team::parse_unchecked(name, text)?;
        team.validate(name)?;
        Ok(team)
    }

    /// Parses team YAML without checking its references (a roster may name
    /// managers it does not list).
    pub fn parse_unchecked(name: &str, text: &str) -> Result<Team, TeamError> {
        // A file of comments only is an empty team.
        let team: Option<Team> = serde_yaml::from_str(text).map_err(|e| TeamError::Parse {
            path: name.to_string(),
            line: e.location().map_or(0, |l| l.line()),
            message: e.to_string(),
        })?;
        Ok(team.unwrap_or_default())
    }

    /// Checks that no id is listed twice and every manager and default names
    /// someone of the team.
    pub fn validate(&self, name: &str) -> Result<(), TeamError> {
        let invalid = |message: String| TeamError::Invalid {
            path: name.to_string(),
            message,
        };
        for (i, p) in self.people.iter().enumerate() {
            if self.people[..i].iter().any(|q| q.id == p.id) {
                return Err(invalid(t!("team-listed-twice", id = p.id)));
            }
            if let Some(m) = &p.manager {
                if self.person(m).is_none() {
                    return Err(invalid(t!("team-unknown-manager", manager = m, id = p.id)));
                }
            }
        }
        for (role, id) in &self.defaults {
            if self.person(id).is_none() {
                return Err(invalid(t!("team-unknown-default", role = role, id = id)));
            }
        }
        Ok(())
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
