//! `team_versions` and `team_uses`: the team each apply ran with (PRODUCT.md,
//! "One team"). The team file is the only source of people; the store keeps a
//! copy per apply, each distinct team once, and `people`/`team_defaults` hold
//! the latest one.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::Store;
use super::error::Result;
use super::people::replace_team;
use super::sqltime::SqlTime;
use crate::team::Team;

impl Store {
    /// Records that the apply at `at` ran with `team` (again at the same `at`:
    /// the later team wins).
    pub fn record_team(&mut self, at: DateTime<Utc>, team: &Team) -> Result<()> {
        let json = serde_json::to_string(team)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO team_versions (team) VALUES (?1) ON CONFLICT (team) DO NOTHING",
                [&json],
            )?;
            let id: i64 = tx.query_row(
                "SELECT id FROM team_versions WHERE team = ?1",
                [&json],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO team_uses (at, team) VALUES (?1, ?2)
                 ON CONFLICT (at) DO UPDATE SET team = excluded.team",
                params![SqlTime(at), id],
            )?;
            replace_team(tx, team)?;
            Ok(())
        })
    }

    /// The team of the latest apply at or before `at`, if any apply recorded one.
    pub fn team_used(&self, at: DateTime<Utc>) -> Result<Option<Team>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT v.team FROM team_uses u JOIN team_versions v ON v.id = u.team
                 WHERE u.at <= ?1 ORDER BY u.at DESC LIMIT 1",
                [SqlTime(at)],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }
}
