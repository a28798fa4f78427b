//! The demo's project folder: the example rules (`examples/zhilian.flow` with the
//! risk dictionary it includes and the holiday files its calendar reads, built
//! into the binary), the demo team, and a `salesflow.yaml` naming them and the
//! store, so every command run in the folder afterwards (`report`, `explain`,
//! `list --where`, `plan`) reads the same project the demo built.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::error::DemoError;
use crate::check::{DiskLoader, Loader, MemoryLoader, ReadError, check_path};
use crate::model::Flow;

/// The example rules and what they read, by their path in the project.
const RULES: [(&str, &str); 6] = [
    (
        "rules/zhilian.flow",
        include_str!("../../examples/zhilian.flow"),
    ),
    (
        "rules/risks.flow",
        include_str!("../../examples/risks.flow"),
    ),
    (
        "rules/holidays/2025.json",
        include_str!("../../examples/holidays/2025.json"),
    ),
    (
        "rules/holidays/2026.json",
        include_str!("../../examples/holidays/2026.json"),
    ),
    (
        "rules/holidays/2027.json",
        include_str!("../../examples/holidays/2027.json"),
    ),
    (
        "rules/holidays/LICENSE",
        include_str!("../../examples/holidays/LICENSE"),
    ),
];

/// The root rule file, in the project.
const ROOT: &str = "rules/zhilian.flow";
/// The store, in the project.
pub const STORE: &str = "salesflow.db";
/// The team file, in the project.
const TEAM: &str = "team.yaml";

const SETTINGS: &str = "\
# The salesflow demo: the example rules, the demo team and a generated store.
# Run any command in this folder: `salesflow report funnel`, `salesflow explain c0001`.
db: salesflow.db
rules: rules/zhilian.flow
team: team.yaml
";

/// Where the project's files are.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder.
    pub dir: PathBuf,
    /// The store.
    pub db: PathBuf,
    /// The root rule file.
    pub rules: PathBuf,
    /// The team file.
    pub team: PathBuf,
}

impl Project {
    /// The project in `dir` (nothing is written).
    pub fn at(dir: &Path) -> Project {
        Project {
            dir: dir.to_path_buf(),
            db: dir.join(STORE),
            rules: dir.join(ROOT),
            team: dir.join(TEAM),
        }
    }

    /// Writes the settings, rules and team file into the folder, which must be
    /// new or empty (the demo never mixes its files with someone's project).
    pub fn write(&self, team_file: &str) -> Result<(), DemoError> {
        let dir = &self.dir;
        let occupied = std::fs::read_dir(dir).map(|mut d| d.next().is_some());
        if matches!(occupied, Ok(true)) {
            return Err(DemoError::NotEmpty { dir: dir.clone() });
        }
        let files = RULES
            .iter()
            .copied()
            .chain([(crate::config::FILE_NAME, SETTINGS), (TEAM, team_file)]);
        for (path, text) in files {
            let path = dir.join(path);
            let write = |path: &Path| -> std::io::Result<()> {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(path, text)
            };
            write(&path).map_err(|source| DemoError::Write {
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The project's rules, checked as `salesflow check` checks them when run
    /// in the project's folder: files are named relative to it, so the rules'
    /// digest is the one later commands there compute (an `apply` in the folder
    /// continues the demo's rule set), wherever the folder is.
    pub fn flow(&self) -> Result<Flow, DemoError> {
        checked(&InFolder(&self.dir), &self.rules)
    }
}

/// Reads files by their path relative to a folder.
struct InFolder<'a>(&'a Path);

impl Loader for InFolder<'_> {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        DiskLoader.read(&self.0.join(path), limit)
    }
}

/// The example rules checked from the copy built into the binary (tests).
pub fn example_flow() -> Result<Flow, DemoError> {
    let files: HashMap<PathBuf, String> = RULES
        .iter()
        .map(|(path, text)| (PathBuf::from(path), (*text).to_string()))
        .collect();
    checked(&MemoryLoader(files), Path::new(ROOT))
}

/// The rules at [`ROOT`] as `loader` reads them, checked (`shown` names the root
/// file in an error).
fn checked(loader: &dyn Loader, shown: &Path) -> Result<Flow, DemoError> {
    let checked = check_path(Path::new(ROOT), loader).map_err(|source| DemoError::Read {
        path: shown.to_path_buf(),
        source,
    })?;
    checked.flow.ok_or_else(|| DemoError::Rules {
        messages: checked
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect(),
    })
}
