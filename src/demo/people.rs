//! The demo's team: the example team (`examples/team.yaml`: the presales
//! engineers, their manager, finance, the sales director and one sales manager)
//! grown to the size of the customer base: sales reps in groups of up to eight
//! under sales managers who report to the director, and presales engineers
//! under the presales manager. Written as a team file like the example, so
//! `check`, `apply` and `report` read it as they read any team.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::dice::{Dice, Stream};
use super::names;
use crate::team::{Person, Team};

/// The example team the demo grows from.
pub const EXAMPLE_TEAM: &str = include_str!("../../examples/team.yaml");

/// Customers per sales rep, and the bounds on how many reps there are.
const CUSTOMERS_PER_REP: u32 = 30;
const MIN_REPS: u32 = 4;
const MAX_REPS: u32 = 40;
/// Reps per sales manager.
const GROUP: usize = 8;

/// The people who own and support customers.
pub struct Roster {
    /// The whole team.
    pub team: Team,
    /// Person ids of the sales reps who own customers.
    pub owners: Vec<String>,
    /// Person ids of the presales engineers assigned to customers.
    pub presales: Vec<String>,
}

/// The example team grown for `customers` customers.
pub fn roster(seed: u64, customers: u32) -> Roster {
    let mut team: Team = serde_yaml::from_str(EXAMPLE_TEAM).expect("the example team parses");
    let director = role_holder(&team, "sales_director").unwrap_or_default();
    let presales_manager = team
        .people
        .iter()
        .find(|p| p.role.as_deref() == Some("presales") && p.manager.as_deref() == Some(&director))
        .map(|p| p.id.clone());
    let mut taken: HashSet<String> = team.people.iter().map(|p| p.id.clone()).collect();
    let mut dice = Dice::new(seed, Stream::Team, &[]);
    let mut owners: Vec<String> = team
        .people
        .iter()
        .filter(|p| p.role.as_deref() == Some("sales"))
        .map(|p| p.id.clone())
        .collect();
    let reps = (customers / CUSTOMERS_PER_REP).clamp(MIN_REPS, MAX_REPS) as usize;
    let mut managers = owners.clone();
    while owners.len() < reps {
        // A new group under a new manager every GROUP reps; the example's own
        // sales manager leads the first.
        if owners.len() >= managers.len() * GROUP {
            let id = new_person(
                &mut dice,
                &mut taken,
                &mut team,
                "销售经理",
                "sales",
                &director,
            );
            managers.push(id.clone());
            owners.push(id);
            continue;
        }
        let manager = managers[owners.len() / GROUP].clone();
        let id = new_person(
            &mut dice,
            &mut taken,
            &mut team,
            "销售代表",
            "sales",
            &manager,
        );
        owners.push(id);
    }
    let mut presales: Vec<String> = team
        .people
        .iter()
        .filter(|p| p.role.as_deref() == Some("presales") && p.title.is_some())
        .map(|p| p.id.clone())
        .collect();
    let engineers = (reps / 4).max(2);
    let lead = presales_manager.unwrap_or_else(|| director.clone());
    while presales.len() < engineers {
        let id = new_person(
            &mut dice,
            &mut taken,
            &mut team,
            "售前工程师",
            "presales",
            &lead,
        );
        presales.push(id);
    }
    Roster {
        team,
        owners,
        presales,
    }
}

/// The person `defaults:` names for a role.
fn role_holder(team: &Team, role: &str) -> Option<String> {
    team.defaults.get(role).cloned()
}

fn new_person(
    dice: &mut Dice,
    taken: &mut HashSet<String>,
    team: &mut Team,
    title: &str,
    role: &str,
    manager: &str,
) -> String {
    let name = names::person(dice);
    let mut id = name.pinyin.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{}{n}", name.pinyin);
        n += 1;
    }
    taken.insert(id.clone());
    team.people.push(Person {
        id: id.clone(),
        name: name.full(),
        title: Some(title.to_string()),
        role: Some(role.to_string()),
        manager: (!manager.is_empty()).then(|| manager.to_string()),
        wecom: Some(capitalised(&id)),
        mobile: None,
        feishu: None,
        email: Some(format!("{id}@example.com")),
        attrs: std::collections::BTreeMap::new(),
    });
    id
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The team as a team file: one person per line, as the example writes it.
pub fn team_file(team: &Team) -> String {
    let mut out = String::from(
        "# The demo team: examples/team.yaml, grown to the size of the customer base.\npeople:\n",
    );
    for p in &team.people {
        let mut line = format!("  - {{ id: {}, name: {}", p.id, p.name);
        // The other keys as the team file names them, those given only.
        if let Ok(serde_json::Value::Object(keys)) = serde_json::to_value(p) {
            for (key, value) in keys {
                if let (false, Some(v)) = (key == "id" || key == "name", value.as_str()) {
                    let _ = write!(line, ", {key}: {v}");
                }
            }
        }
        out.push_str(&line);
        out.push_str(" }\n");
    }
    let defaults: Vec<String> = team
        .defaults
        .iter()
        .map(|(role, person)| format!("{role}: {person}"))
        .collect();
    let _ = writeln!(out, "defaults: {{ {} }}", defaults.join(", "));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_team_grows_with_the_customers_and_keeps_the_example() {
        let small = roster(7, 50);
        let large = roster(7, 100_000);
        assert_eq!(small.owners.len(), MIN_REPS as usize);
        assert_eq!(large.owners.len(), MAX_REPS as usize);
        for id in ["wang", "chen", "li", "zhang", "zhao"] {
            assert!(large.team.person(id).is_some(), "{id}");
        }
        // Every manager named is a person of the team.
        for p in &large.team.people {
            if let Some(m) = &p.manager {
                assert!(large.team.person(m).is_some(), "{} reports to {m}", p.id);
            }
        }
    }

    #[test]
    fn the_team_file_reads_back_as_the_same_team() {
        let r = roster(7, 1000);
        let text = team_file(&r.team);
        let back: Team = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, r.team);
    }
}
