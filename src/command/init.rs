//! `salesflow init [DIR]`: creates the store with its `live_from`, and — when the
//! project has no salesflow.yaml yet — a starter project that works at once:
//! salesflow.yaml, a small commented flow (`rules/main.flow`), a team, rule tests
//! and sample customers and events (`examples/starter/`, built into the binary),
//! each written only where nothing exists. Never overwrites.
//!
//! Without DIR the project is the working directory (or the salesflow.yaml found
//! above it), and `--db`, `--rules`, `--team` name its files. With DIR the project
//! is that folder (created if missing) in the standard layout; a salesflow.yaml
//! already in it is used as it is, and one in a folder above is not (the new
//! project stands on its own, as `git init DIR` does).

use std::path::{Path, PathBuf};

use serde_json::json;

use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, InitArgs};
use crate::config::{Config, FILE_NAME};
use crate::store::Store;

/// The starter project's files, by their place in the standard layout.
const STARTER_RULES: &str = include_str!("../../examples/starter/rules/main.flow");
const STARTER_TEAM: &str = include_str!("../../examples/starter/team.yaml");
const STARTER_TESTS: &str = include_str!("../../examples/starter/tests/main.yaml");
const STARTER_CUSTOMERS: &str = include_str!("../../examples/starter/customers.csv");
const STARTER_EVENTS: &str = include_str!("../../examples/starter/events.csv");

/// The lines of the starter tests that name the rules and the team.
const TESTS_RULES: &str = "rules: ../rules/main.flow\n";
const TESTS_TEAM: &str = "team: ../team.yaml\n";

/// Where a project's files go.
struct Layout {
    /// The project's folder (empty: the working directory).
    root: PathBuf,
    /// The store.
    db: PathBuf,
    /// The root rule file, relative to `root` (or absolute).
    rules: PathBuf,
    /// The team file, relative to `root` (or absolute).
    team: PathBuf,
    /// Whether the project has no salesflow.yaml yet (the starter is written).
    new: bool,
}

pub(super) fn run(args: &InitArgs, s: &Settings, p: &mut Printer) -> Result {
    // No rules may exist yet: a time without an offset is read in the zone of the
    // configured rules when they check, else UTC.
    let live_from = match &args.live_from {
        Some(text) => super::settings::time_arg(text, s.quiet_tz())?,
        None => chrono::Utc::now(),
    };
    let layout = match &args.dir {
        Some(dir) => in_folder(dir)?,
        None => here(s),
    };
    if let Some(parent) = layout.db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| CommandError::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    Store::create(&layout.db)?.set_live_from(live_from)?;
    let mut created = vec![layout.db.display().to_string()];
    let mut kept = Vec::new();
    if layout.new {
        for (path, text) in starter(&layout) {
            let path = layout.root.join(path);
            let shown = path.display().to_string();
            let new = write_new(&path, &text).map_err(|source| CommandError::Write {
                path: path.clone(),
                source,
            })?;
            if new {
                created.push(shown);
            } else {
                kept.push(shown);
            }
        }
    }
    if s.format == Format::Json {
        outln!(
            p,
            "{}",
            super::pretty(&json!({ "created": created, "kept": kept }))
        );
    } else {
        outln!(p, "{}", t!("init-created-store", path = created[0]));
        for path in &created[1..] {
            outln!(p, "{}", t!("init-created", path = path));
        }
        for path in &kept {
            outln!(p, "{}", t!("init-kept", path = path));
        }
        if layout.new {
            let cd = if layout.root.as_os_str().is_empty() {
                String::new()
            } else {
                format!("cd {} && ", layout.root.display())
            };
            let commands = format!(
                "{cd}salesflow check && salesflow test && salesflow import customers customers.csv && salesflow import events events.csv && salesflow plan"
            );
            outln!(p, "{}", t!("init-next", commands = commands));
        }
    }
    Ok(Outcome::Done)
}

/// The working directory's project: the files `--db`, `--rules`, `--team` (or
/// salesflow.yaml) name.
fn here(s: &Settings) -> Layout {
    Layout {
        root: PathBuf::new(),
        db: s.db.clone(),
        rules: s
            .rules
            .clone()
            .unwrap_or_else(|| PathBuf::from("rules/main.flow")),
        team: s.team.clone().unwrap_or_else(|| PathBuf::from("team.yaml")),
        new: s.config.is_none(),
    }
}

/// The project in `dir`, in the standard layout unless it has a salesflow.yaml.
fn in_folder(dir: &Path) -> Result<Layout> {
    let config = dir.join(FILE_NAME);
    if config.is_file() {
        let located = Config::read(&config)?;
        return Ok(Layout {
            root: dir.to_path_buf(),
            db: located
                .config
                .db
                .unwrap_or_else(|| dir.join("salesflow.db")),
            rules: PathBuf::new(),
            team: PathBuf::new(),
            new: false,
        });
    }
    Ok(Layout {
        root: dir.to_path_buf(),
        db: dir.join("salesflow.db"),
        rules: PathBuf::from("rules/main.flow"),
        team: PathBuf::from("team.yaml"),
        new: true,
    })
}

/// The starter's files, relative to the project's folder.
fn starter(layout: &Layout) -> Vec<(PathBuf, String)> {
    let db = match layout.db.strip_prefix(&layout.root) {
        Ok(relative) if !layout.root.as_os_str().is_empty() => relative.to_path_buf(),
        _ => layout.db.clone(),
    };
    let yaml = format!(
        "# salesflow settings; command-line flags override them. Paths are relative\n\
         # to this file's folder. Rule tests are in tests/.\n\
         db: {}\nrules: {}\nteam: {}\n",
        yaml_string(&db.display().to_string()),
        yaml_string(&layout.rules.display().to_string()),
        yaml_string(&layout.team.display().to_string()),
    );
    // The tests name the rules and team from the tests/ folder.
    let from_tests = |path: &Path| {
        if path.is_absolute() {
            path.display().to_string()
        } else {
            format!("../{}", path.display())
        }
    };
    let tests = STARTER_TESTS
        .replacen(
            TESTS_RULES,
            &format!("rules: {}\n", yaml_string(&from_tests(&layout.rules))),
            1,
        )
        .replacen(
            TESTS_TEAM,
            &format!("team: {}\n", yaml_string(&from_tests(&layout.team))),
            1,
        );
    vec![
        (PathBuf::from(FILE_NAME), yaml),
        (layout.rules.clone(), STARTER_RULES.to_string()),
        (layout.team.clone(), STARTER_TEAM.to_string()),
        (PathBuf::from("tests/main.yaml"), tests),
        (
            PathBuf::from("customers.csv"),
            STARTER_CUSTOMERS.to_string(),
        ),
        (PathBuf::from("events.csv"), STARTER_EVENTS.to_string()),
    ]
}

/// Writes a file that does not exist yet; false when one does.
fn write_new(path: &Path, text: &str) -> std::io::Result<bool> {
    use std::io::Write as _;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => file.write_all(text.as_bytes()).map(|()| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// A YAML scalar for a path (quoted when plain YAML would misread it).
fn yaml_string(text: &str) -> String {
    serde_yaml::to_string(text).map_or_else(|_| format!("{text:?}"), |s| s.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_tests_name_the_rules_and_team_where_the_layout_puts_them() {
        assert!(STARTER_TESTS.contains(TESTS_RULES) && STARTER_TESTS.contains(TESTS_TEAM));
        let layout = Layout {
            root: PathBuf::new(),
            db: PathBuf::from("crm.db"),
            rules: PathBuf::from("flows/sales.flow"),
            team: PathBuf::from("/etc/team.yaml"),
            new: true,
        };
        let files = starter(&layout);
        let tests = &files
            .iter()
            .find(|(p, _)| p == Path::new("tests/main.yaml"))
            .unwrap()
            .1;
        assert!(tests.contains("rules: ../flows/sales.flow\n"), "{tests}");
        assert!(tests.contains("team: /etc/team.yaml\n"), "{tests}");
        let yaml = &files[0].1;
        assert!(
            yaml.contains("db: crm.db\nrules: flows/sales.flow\nteam: /etc/team.yaml\n"),
            "{yaml}"
        );
    }
}
