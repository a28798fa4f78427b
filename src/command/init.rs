//! `salesflow init`: creates the store, and — only when no salesflow.yaml is
//! found here or above — a starter salesflow.yaml in the working directory with
//! a rule file and a team file it points at (at `--rules` and `--team` when
//! given), each written only where nothing exists. Never overwrites.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, InitArgs};
use crate::config::FILE_NAME;
use crate::store::Store;

const STARTER_RULES: &str = "\
# The sales flow: stages, health, escalations, risks. See LANGUAGE.md.
flow \"我们的销售流\"

timezone \"Asia/Shanghai\"

pipeline {
  lead        \"线索\"
  requirement \"需求确认\"  milestone  expect 7d
  signed      \"签约\"      milestone  won
  lost        \"丢单\"      lost
}
";

const STARTER_TEAM: &str = "\
# The team: people and the default person for each role. See PRODUCT.md.
people: []
defaults: {}
";

pub(super) fn run(args: &InitArgs, s: &Settings, p: &mut Printer) -> Result {
    // No rules may exist yet: a time without an offset is read in the zone of the
    // configured rules when they check, else UTC.
    let live_from = match &args.live_from {
        Some(text) => super::settings::time_arg(text, s.quiet_tz())?,
        None => chrono::Utc::now(),
    };
    Store::create(&s.db)?.set_live_from(live_from)?;
    let mut created = vec![s.db.display().to_string()];
    let mut kept = Vec::new();
    if s.config.is_none() {
        let rules = s
            .rules
            .clone()
            .unwrap_or_else(|| PathBuf::from("rules/main.flow"));
        let team = s.team.clone().unwrap_or_else(|| PathBuf::from("team.yaml"));
        let yaml = format!(
            "# salesflow settings; command-line flags override them.\n\
             db: {}\nrules: {}\nteam: {}\n",
            yaml_string(&s.db.display().to_string()),
            yaml_string(&rules.display().to_string()),
            yaml_string(&team.display().to_string()),
        );
        for (path, text) in [
            (Path::new(FILE_NAME), yaml.as_str()),
            (rules.as_path(), STARTER_RULES),
            (team.as_path(), STARTER_TEAM),
        ] {
            let shown = path.display().to_string();
            let new = write_new(path, text).map_err(|source| CommandError::Write {
                path: path.to_path_buf(),
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
    }
    Ok(Outcome::Done)
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
