//! `salesflow init`: creates the store, and — only when there is no
//! salesflow.yaml — a starter salesflow.yaml with a rule file and a team file it
//! points at, each written only where nothing exists. Never overwrites.

use std::path::{Path, PathBuf};

use super::Exit;
use super::settings::store_error;
use crate::cli::InitArgs;
use crate::config::Config;
use crate::store::{Store, StoreError};

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

pub(super) fn run(args: &InitArgs) -> Exit {
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    let db = args
        .db
        .clone()
        .or(config.db.clone())
        .unwrap_or_else(|| PathBuf::from("salesflow.db"));
    let live_from = match &args.live_from {
        // No rules may exist yet: a time without an offset is read in the zone of
        // the configured rules when they check, else UTC.
        Some(text) => match crate::timefmt::parse_instant(text, rules_tz(&config)) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: --live-from: {e}");
                return Exit::Usage;
            }
        },
        None => chrono::Utc::now(),
    };
    match Store::create(&db).and_then(|mut s| s.set_live_from(live_from)) {
        Ok(()) => println!("created store `{}`", db.display()),
        Err(e @ StoreError::Exists { .. }) => {
            store_error(&e);
            return Exit::Failure;
        }
        Err(e) => return store_error(&e),
    }
    if Path::new("salesflow.yaml").exists() {
        return Exit::Success;
    }
    let yaml = format!(
        "# salesflow settings; command-line flags override them.\n\
         db: {}\nrules: rules/main.flow\nteam: team.yaml\n",
        yaml_string(&db.display().to_string())
    );
    for (path, text) in [
        ("salesflow.yaml", yaml.as_str()),
        ("rules/main.flow", STARTER_RULES),
        ("team.yaml", STARTER_TEAM),
    ] {
        match write_new(Path::new(path), text) {
            Ok(true) => println!("created `{path}`"),
            Ok(false) => println!("kept the existing `{path}`"),
            Err(e) => {
                eprintln!("error: cannot write `{path}`: {e}");
                return Exit::Usage;
            }
        }
    }
    Exit::Success
}

/// The time zone of the configured rules, when they check; else UTC.
fn rules_tz(config: &Config) -> chrono_tz::Tz {
    config
        .rules
        .as_deref()
        .and_then(|r| crate::check::check_path(r, &crate::check::DiskLoader).ok())
        .and_then(|c| c.flow)
        .map_or(chrono_tz::Tz::UTC, |f| f.timezone)
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
