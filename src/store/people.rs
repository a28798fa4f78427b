//! `people` and `team_defaults`: the team file, as last imported.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::Store;
use super::error::Result;
use crate::team::{Person, Team};

const COLUMNS: &str = "id, name, title, role, manager, wecom, mobile, feishu, email";

impl Store {
    /// The person with this id.
    pub fn person(&self, id: &str) -> Result<Option<Person>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
                [id],
                person,
            )
            .optional()?)
    }

    /// Everyone, in the order of the team file.
    pub fn people(&self) -> Result<Vec<Person>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM people ORDER BY seq"))?;
        let rows = stmt.query_map([], person)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The team as last imported (people and role defaults).
    pub fn team(&self) -> Result<Team> {
        let mut stmt = self
            .conn
            .prepare("SELECT role, person FROM team_defaults ORDER BY role")?;
        let defaults = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Team {
            people: self.people()?,
            defaults,
        })
    }
}

/// Makes the stored team exactly `team`: people upserted, people absent from it
/// removed, defaults replaced. Returns how many people it holds.
pub(super) fn replace_team(tx: &Transaction<'_>, team: &Team) -> Result<usize> {
    tx.execute("DELETE FROM team_defaults", [])?;
    tx.execute("DELETE FROM people", [])?;
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO people ({COLUMNS}, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?;
    for (seq, p) in (0_i64..).zip(&team.people) {
        insert.execute(params![
            p.id, p.name, p.title, p.role, p.manager, p.wecom, p.mobile, p.feishu, p.email, seq
        ])?;
    }
    let mut default =
        tx.prepare_cached("INSERT INTO team_defaults (role, person) VALUES (?1, ?2)")?;
    for (role, id) in &team.defaults {
        default.execute([role, id])?;
    }
    Ok(team.people.len())
}

fn person(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        title: r.get(2)?,
        role: r.get(3)?,
        manager: r.get(4)?,
        wecom: r.get(5)?,
        mobile: r.get(6)?,
        feishu: r.get(7)?,
        email: r.get(8)?,
        attrs: std::collections::BTreeMap::new(),
    })
}
