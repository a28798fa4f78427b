//! A roster: a YAML file of the team.yaml shape (`people:` and `defaults:`), or
//! rows of `id`, `name`, `title`, `role`, `manager`, `wecom`, `mobile`, `feishu`,
//! `email` from CSV, XLSX, JSON Lines or YAML. Any other column (`区域`, `工号`, or
//! `attrs.KEY`) is kept as the person's attribute: an HR export has columns
//! salesflow does not know, and they are still worth keeping.
//!
//! Managers are not checked here: a roster may name a manager it does not list;
//! `team::merge` finds them in the team file or adds them. The batch's team is
//! the roster, for `salesflow import team` to merge into the team file.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono_tz::Tz;

use super::checker::{Checker, Columns};
use super::error::{ImportError, RowError};
use super::table::Table;
use super::{Context, Progress};
use crate::store::ImportBatch;
use crate::team::{Person, Team};

/// The columns salesflow knows.
const KNOWN: [&str; 9] = [
    "id", "name", "title", "role", "manager", "wecom", "mobile", "feishu", "email",
];

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
    let team = Team::parse_unchecked(&file, &text).map_err(|e| ImportError::Read {
        file: file.clone(),
        message: e.to_string(),
    })?;
    Ok(Some(ImportBatch {
        team: Some(team),
        ..ImportBatch::default()
    }))
}

/// Validates roster rows.
pub(super) fn load(
    table: &Table,
    _ctx: &Context<'_>,
    progress: &dyn Progress,
) -> (ImportBatch, Vec<RowError>) {
    let extra = extra_columns(table);
    let mut optional: Vec<String> = KNOWN[2..].iter().map(|c| (*c).to_string()).collect();
    optional.extend(extra.iter().cloned());
    let columns = Columns {
        required: vec!["id".into(), "name".into()],
        optional,
        attrs: false,
    };
    let mut checker = Checker::new(table, columns, Tz::UTC);
    let mut first_seen: HashMap<String, String> = HashMap::new();
    let mut people = Vec::new();
    for row in &table.rows {
        progress.row();
        let mut r = checker.row(row, table.header.is_none());
        let id = r.unique_id("person", &mut first_seen);
        let name = r.required_text("name");
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        let attrs: BTreeMap<String, String> = extra
            .iter()
            .filter_map(|column| {
                let key = column.strip_prefix("attrs.").unwrap_or(column);
                r.text(column).map(|value| (key.to_string(), value))
            })
            .collect();
        people.push(Person {
            id,
            name,
            title: r.text("title"),
            role: r.text("role"),
            manager: r.text("manager"),
            wecom: r.text("wecom"),
            mobile: r.text("mobile"),
            feishu: r.text("feishu"),
            email: r.text("email"),
            attrs,
        });
    }
    let batch = ImportBatch {
        team: Some(Team {
            people,
            defaults: BTreeMap::new(),
        }),
        ..ImportBatch::default()
    };
    (batch, checker.errors)
}

/// The columns (or, for rows with their own keys, the keys of any row) that are
/// not salesflow's: the person's attributes, in the order first seen.
fn extra_columns(table: &Table) -> Vec<String> {
    let names: Vec<&String> = match &table.header {
        Some((_, header)) => header.iter().collect(),
        None => table
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|(name, _)| name))
            .collect(),
    };
    let mut extra: Vec<String> = Vec::new();
    for name in names {
        let blank = name
            .strip_prefix("attrs.")
            .unwrap_or(name)
            .trim()
            .is_empty();
        if !blank && !KNOWN.contains(&name.as_str()) && !extra.contains(name) {
            extra.push(name.clone());
        }
    }
    extra
}
