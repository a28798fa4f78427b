//! The team: a YAML file of the team.yaml shape (`people:` and `defaults:`), read
//! and validated by [`Team::parse`], or rows of `id`, `name`, `title`, `role`,
//! `manager`, `wecom`, `mobile`, `feishu`, `email` (the stored role defaults are
//! kept for people still in the team). Either way it replaces the stored team.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono_tz::Tz;

use super::checker::{Checker, Columns};
use super::error::{ImportError, RowError};
use super::table::Table;
use super::{Context, Progress};
use crate::store::ImportBatch;
use crate::team::{Person, Team};

/// A team.yaml-shaped file, if `path` is one (a YAML map rather than a list).
pub(super) fn load_team_file(path: &Path) -> Result<Option<ImportBatch>, ImportError> {
    let yaml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if !yaml {
        return Ok(None);
    }
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        message: e.to_string(),
    })?;
    let is_map = matches!(
        serde_yaml::from_str::<serde_yaml::Value>(&text),
        Ok(serde_yaml::Value::Mapping(_))
    );
    if !is_map {
        return Ok(None);
    }
    let team = Team::parse(&file, &text).map_err(|e| ImportError::Read {
        file: file.clone(),
        message: e.to_string(),
    })?;
    Ok(Some(ImportBatch {
        team: Some(team),
        ..ImportBatch::default()
    }))
}

/// Validates team rows.
pub(super) fn load(
    table: &Table,
    ctx: &Context<'_>,
    progress: &dyn Progress,
) -> (ImportBatch, Vec<RowError>) {
    let columns = Columns {
        required: vec!["id".into(), "name".into()],
        optional: [
            "title", "role", "manager", "wecom", "mobile", "feishu", "email",
        ]
        .map(String::from)
        .to_vec(),
        attrs: false,
    };
    let mut checker = Checker::new(table, columns, Tz::UTC);
    let ids: HashSet<String> = table
        .rows
        .iter()
        .filter_map(|r| r.get("id").map(ToString::to_string))
        .collect();
    let mut first_seen: HashMap<String, String> = HashMap::new();
    let mut people = Vec::new();
    for row in &table.rows {
        progress.row();
        let mut r = checker.row(row, table.header.is_none());
        let id = r.unique_id("person", &mut first_seen);
        let name = r.required_text("name");
        let manager = r.known("manager", false, "person", &ids);
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        people.push(Person {
            id,
            name,
            title: r.text("title"),
            role: r.text("role"),
            manager,
            wecom: r.text("wecom"),
            mobile: r.text("mobile"),
            feishu: r.text("feishu"),
            email: r.text("email"),
        });
    }
    let defaults = ctx
        .defaults
        .iter()
        .filter(|(_, person)| ids.contains(*person))
        .map(|(role, person)| (role.clone(), person.clone()))
        .collect();
    let batch = ImportBatch {
        team: Some(Team { people, defaults }),
        ..ImportBatch::default()
    };
    (batch, checker.errors)
}
