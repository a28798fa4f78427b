//! `import team ROSTER`: a roster merged into the team file by person id.
//!
//! Takes the team file's text and a roster (people as an HR export lists them);
//! gives the new text and what changed. The YAML is edited in place with
//! `yaml-edit` (a lossless syntax tree), so the ops person's comments, order,
//! layout and `defaults:` stay as written: only the values that changed are
//! rewritten, new people are appended in the style of the ones already there
//! (`- { id: …, name: … }` or block mappings). A cell the roster leaves blank
//! keeps the file's value. A manager the roster names but neither it nor the file
//! lists is added by id (`{ id: li, name: li }`) so the file stays valid, and
//! reported so someone writes the real name. The result is validated as a team
//! before anything is written; the caller writes it.

use std::collections::BTreeSet;
use std::path::Path;
use std::str::FromStr as _;

use yaml_edit::{Document, Mapping, Sequence};

use super::{Person, Team, TeamError};

/// What merging a roster did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// The team file's new text.
    pub text: String,
    /// Whether the team file did not exist yet.
    pub new_file: bool,
    /// People the roster added, in roster order.
    pub added: Vec<String>,
    /// People whose entry changed.
    pub updated: Vec<String>,
    /// People of the roster already in the file as it says.
    pub unchanged: usize,
    /// Managers the roster named without listing them, added by id.
    pub managers_created: Vec<String>,
    /// Role defaults the roster added (the file's own are kept).
    pub defaults_added: Vec<String>,
}

/// A new team file: the layout `import team` writes people into.
const NEW_FILE: &str = "\
# The team: people and the default person for each role (PRODUCT.md).
people: []
defaults: {}
";

/// Merges `roster` into the team file at `path` (which may not exist yet).
pub fn merge_into_file(path: &Path, roster: &Team) -> Result<MergeReport, TeamError> {
    let name = path.display().to_string();
    let (text, new_file) = match std::fs::read_to_string(path) {
        Ok(text) => (text, false),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (NEW_FILE.to_string(), true),
        Err(source) => return Err(TeamError::Read { path: name, source }),
    };
    let mut report = merge(&name, &text, roster)?;
    report.new_file = new_file;
    Ok(report)
}

/// Merges `roster` into the team YAML `text` (named `name` in errors).
pub(crate) fn merge(name: &str, text: &str, roster: &Team) -> Result<MergeReport, TeamError> {
    let current = Team::parse_unchecked(name, text)?;
    let parse_error = |message: String| TeamError::Parse {
        path: name.to_string(),
        line: 0,
        message,
    };
    let text = if text.trim().is_empty() {
        NEW_FILE
    } else {
        text
    };
    let doc = Document::from_str(text).map_err(|e| parse_error(e.to_string()))?;
    let root = doc
        .as_mapping()
        .ok_or_else(|| parse_error(t!("team-not-a-mapping")))?;
    let people = block_people(&root);
    let flow_items = people
        .values()
        .next()
        .and_then(|item| item.as_mapping().map(Mapping::is_flow_style))
        .unwrap_or(false);

    let mut report = MergeReport::default();
    let mut listed: BTreeSet<String> = current.people.iter().map(|p| p.id.clone()).collect();
    for person in &roster.people {
        match current.person(&person.id) {
            Some(known) => {
                let item = item_of(&people, &person.id)
                    .ok_or_else(|| parse_error(t!("team-entry-unreadable", id = person.id)))?;
                if update(&item, known, person) {
                    report.updated.push(person.id.clone());
                } else {
                    report.unchanged += 1;
                }
            }
            None if listed.contains(&person.id) => {
                // Listed twice in the roster: the loader refuses that; keep the first.
            }
            None => {
                people.push(new_item(person, flow_items));
                listed.insert(person.id.clone());
                report.added.push(person.id.clone());
            }
        }
    }
    let named: BTreeSet<&str> = current
        .people
        .iter()
        .chain(&roster.people)
        .filter_map(|p| p.manager.as_deref())
        .collect();
    for manager in named {
        if !listed.contains(manager) {
            people.push(new_item(&Person::named_by_id(manager), flow_items));
            listed.insert(manager.to_string());
            report.managers_created.push(manager.to_string());
        }
    }
    let missing: Vec<(&String, &String)> = roster
        .defaults
        .iter()
        .filter(|(role, _)| !current.defaults.contains_key(*role))
        .collect();
    if !missing.is_empty() {
        let defaults = match root.get_mapping("defaults") {
            Some(d) => d,
            None => {
                root.set("defaults", Mapping::new_flow());
                root.get_mapping("defaults")
                    .ok_or_else(|| parse_error(t!("team-not-a-mapping")))?
            }
        };
        for (role, id) in missing {
            defaults.set(role.as_str(), id.as_str());
            report.defaults_added.push(role.clone());
        }
    }
    report.text = doc.to_string();
    // Whatever the edit did, the file must read back as a valid team of exactly
    // the merged people.
    let merged = Team::parse(name, &report.text)?;
    for person in &roster.people {
        if merged.person(&person.id).is_none() {
            return Err(parse_error(t!("team-entry-unreadable", id = person.id)));
        }
    }
    Ok(report)
}

/// The `people:` sequence, made a block sequence when it is an empty `[]` (so
/// people are written one per line).
fn block_people(root: &Mapping) -> Sequence {
    match root.get_sequence("people") {
        Some(seq) if !(seq.is_flow_style() && seq.is_empty()) => seq,
        _ => {
            root.set("people", Sequence::new());
            root.get_sequence("people").unwrap_or_default()
        }
    }
}

/// The file's entry for `id`.
fn item_of(people: &Sequence, id: &str) -> Option<Mapping> {
    people.values().find_map(|item| {
        let m = item.as_mapping()?;
        let item_id = m.get("id")?.as_scalar()?.as_string();
        (item_id == id).then(|| m.clone())
    })
}

/// The fields a roster may give, with their values in `p`.
fn fields(p: &Person) -> [(&'static str, Option<&str>); 8] {
    [
        ("name", Some(p.name.as_str())),
        ("title", p.title.as_deref()),
        ("role", p.role.as_deref()),
        ("manager", p.manager.as_deref()),
        ("wecom", p.wecom.as_deref()),
        ("mobile", p.mobile.as_deref()),
        ("feishu", p.feishu.as_deref()),
        ("email", p.email.as_deref()),
    ]
}

/// Sets the values the roster gives and the file lacks or differs on; whether
/// anything changed.
fn update(item: &Mapping, known: &Person, roster: &Person) -> bool {
    let mut changed = false;
    for ((key, new), (_, old)) in fields(roster).into_iter().zip(fields(known)) {
        if let Some(new) = new.filter(|n| Some(*n) != old) {
            item.set(key, new);
            changed = true;
        }
    }
    let differing: Vec<(&String, &String)> = roster
        .attrs
        .iter()
        .filter(|(k, v)| known.attrs.get(*k) != Some(*v))
        .collect();
    if !differing.is_empty() {
        let attrs = match item.get_mapping("attrs") {
            Some(attrs) => attrs,
            None => {
                item.set("attrs", Mapping::new_flow());
                match item.get_mapping("attrs") {
                    Some(attrs) => attrs,
                    None => return changed,
                }
            }
        };
        for (k, v) in differing {
            attrs.set(k.as_str(), v.as_str());
        }
        changed = true;
    }
    changed
}

/// A new entry, flow style (`{ id: …, name: … }`) when the file's entries are.
fn new_item(p: &Person, flow: bool) -> Mapping {
    let item = if flow {
        Mapping::new_flow()
    } else {
        Mapping::new()
    };
    item.set("id", p.id.as_str());
    for (key, value) in fields(p) {
        if let Some(value) = value {
            item.set(key, value);
        }
    }
    if !p.attrs.is_empty() {
        let attrs = Mapping::new_flow();
        for (k, v) in &p.attrs {
            attrs.set(k.as_str(), v.as_str());
        }
        item.set("attrs", attrs);
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, manager: Option<&str>) -> Person {
        Person {
            manager: manager.map(str::to_string),
            name: name.to_string(),
            ..Person::named_by_id(id)
        }
    }

    const FILE: &str = "\
# 团队：人员与各角色的默认负责人
people:
  # 售前
  - { id: wang, name: 王工, title: 高级架构师, role: presales, manager: chen }
  - { id: chen, name: 陈经理, role: presales }   # 售前经理
defaults: { presales: wang }   # 默认售前
";

    #[test]
    fn comments_order_and_defaults_stay_and_only_changes_are_written() {
        let mut wang = person("wang", "王工", Some("chen"));
        wang.mobile = Some("13800000001".into());
        let roster = Team {
            people: vec![wang, person("sun", "孙丽", Some("chen"))],
            defaults: std::collections::BTreeMap::default(),
        };
        let r = merge("team.yaml", FILE, &roster).unwrap();
        assert_eq!(r.updated, ["wang"]);
        assert_eq!(r.added, ["sun"]);
        assert!(r.managers_created.is_empty());
        for kept in [
            "# 团队",
            "# 售前\n",
            "# 售前经理",
            "# 默认售前",
            "title: 高级架构师",
        ] {
            assert!(r.text.contains(kept), "{kept} lost:\n{}", r.text);
        }
        assert!(r.text.contains("mobile: '13800000001'"), "{}", r.text);
        assert!(
            r.text.contains("{id: sun, name: 孙丽, manager: chen}"),
            "{}",
            r.text
        );
        let team = Team::parse("team.yaml", &r.text).unwrap();
        assert_eq!(
            team.person("wang").unwrap().mobile.as_deref(),
            Some("13800000001")
        );
        assert_eq!(team.defaults["presales"], "wang");
        // Merging the same roster again changes nothing.
        let again = merge("team.yaml", &r.text, &roster).unwrap();
        assert_eq!(again.text, r.text);
        assert_eq!(again.unchanged, 2);
    }

    #[test]
    fn a_manager_named_only_as_a_manager_is_created_by_id() {
        let roster = Team {
            people: vec![
                person("a", "甲", Some("boss")),
                person("b", "乙", Some("a")),
            ],
            defaults: std::collections::BTreeMap::default(),
        };
        let r = merge("team.yaml", NEW_FILE, &roster).unwrap();
        assert_eq!(r.managers_created, ["boss"]);
        let team = Team::parse("team.yaml", &r.text).unwrap();
        assert_eq!(team.person("boss").unwrap().name, "boss");
        assert!(r.text.contains("people:\n  - id: a\n"), "{}", r.text);
    }

    #[test]
    fn attributes_and_blank_cells() {
        let mut a = person("a", "甲", None);
        a.attrs.insert("区域".into(), "华东".into());
        a.attrs.insert("工号".into(), "1024".into());
        let roster = Team {
            people: vec![a],
            defaults: std::collections::BTreeMap::default(),
        };
        let r = merge(
            "team.yaml",
            "people:\n  - id: a\n    name: 甲\n    email: a@example.com\n",
            &roster,
        )
        .unwrap();
        let team = Team::parse("team.yaml", &r.text).unwrap();
        let a = team.person("a").unwrap();
        assert_eq!(a.attrs["工号"], "1024");
        // The roster had no email: the file's stays.
        assert_eq!(a.email.as_deref(), Some("a@example.com"));
    }

    #[test]
    fn a_file_that_is_not_a_team_is_refused_and_not_rewritten() {
        let roster = Team {
            people: vec![person("a", "甲", None)],
            defaults: std::collections::BTreeMap::default(),
        };
        assert!(merge("team.yaml", "- just\n- a list\n", &roster).is_err());
        assert!(
            merge(
                "team.yaml",
                "people:\n  - { id: a, name: 甲, rank: 1 }\n",
                &roster
            )
            .is_err()
        );
    }
}
