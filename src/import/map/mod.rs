//! `import --map MAP.yaml`: a declarative mapping from a foreign export: a
//! CRM opportunity report (Salesforce, `HubSpot`) or a sheet a team kept by hand, to
//! salesflow's import columns, so bringing one's own data needs no code.
//!
//! Takes the map file and the foreign table; gives a table in our columns (and,
//! for customers, tables of the stage events each row implies), which then go
//! through the very checks of a plain import: one all-or-nothing batch. The
//! format is documented in `docs/import-map.md`; each error names the file, the
//! line, the foreign column and the map rule involved (`columns.owner`,
//! `events[1].stage`).

mod apply;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use apply::{Mapped, Origin, apply};

use super::error::ImportError;
use super::table::read_limited;

/// The largest map file read: a map is a page of configuration.
const MAX_MAP_BYTES: usize = 1 << 20;

/// Deeper `[`/`{` nesting than this is no map (and would cost the YAML parser
/// time quadratic in it).
const MAX_NESTING: usize = 32;

/// A mapping, as written in MAP.yaml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// Our column → the foreign column it is read from.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Foreign columns to ignore.
    #[serde(default)]
    pub drop: Vec<String>,
    /// Our column → (foreign value → our value). A value not listed is kept.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Our column → the value for a blank cell (`{column}` is replaced by that
    /// foreign column's value).
    #[serde(default)]
    pub defaults: BTreeMap<String, String>,
    /// Our column → the value of every row (`{column}` as in defaults).
    #[serde(default)]
    pub constants: BTreeMap<String, String>,
    /// Foreign column → the strftime format its dates are written in
    /// (`%m/%d/%Y`, `%d.%m.%Y %H:%M`).
    #[serde(default)]
    pub dates: BTreeMap<String, String>,
    /// Columns joined from other files by key.
    #[serde(default)]
    pub lookups: Vec<Lookup>,
    /// Events each row yields (customers only).
    #[serde(default)]
    pub events: Vec<EventRule>,
    /// Where the map was read from (its lookups are relative to it).
    #[serde(skip)]
    pub path: PathBuf,
}

/// A join: for each row, the row of `file` whose `match` column equals the
/// row's `key` column gives the columns `take`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// The second file (CSV, XLSX, JSON Lines, YAML), relative to the map.
    pub file: PathBuf,
    /// The column of the export holding the key.
    pub key: String,
    /// The column of `file` holding the key (default: `key`).
    #[serde(default, rename = "match")]
    pub match_column: Option<String>,
    /// Columns of `file` added to the row, under their own names.
    pub take: Vec<String>,
    /// Whether a key with no row in `file` is an error (default: the taken
    /// columns are blank).
    #[serde(default)]
    pub required: bool,
}

/// An event derived from each row: a stage change into `stage` at the time in
/// column `at`. A row whose `at` is blank yields none.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRule {
    /// The event kind (default `stage_change`).
    #[serde(default = "stage_change")]
    pub kind: String,
    /// The foreign column of the event's time.
    pub at: String,
    /// The stage entered: a name, or a column whose values map to stages.
    #[serde(default)]
    pub stage: Option<StageRule>,
    /// The foreign column of the event's text (a note).
    #[serde(default)]
    pub text: Option<String>,
    /// Evidence references written on every such event (`;`-separated).
    #[serde(default)]
    pub evidence: Option<String>,
}

fn stage_change() -> String {
    "stage_change".into()
}

/// Which stage an event enters.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum StageRule {
    /// Always this stage.
    Fixed(String),
    /// The value of a column, through a value map; a value the map leaves out
    /// yields no event when `skip` lists it, and is an error otherwise.
    FromColumn {
        /// The foreign column.
        column: String,
        /// Foreign value → stage.
        values: BTreeMap<String, String>,
        /// Foreign values that yield no event.
        #[serde(default)]
        skip: Vec<String>,
    },
}

impl Map {
    /// Reads and checks a map file.
    pub fn load(path: &Path) -> Result<Map, ImportError> {
        let file = path.display().to_string();
        let fail = |message: String| ImportError::Map {
            file: file.clone(),
            message,
        };
        let bytes = read_limited(path, &file)?;
        if bytes.len() > MAX_MAP_BYTES {
            return Err(fail(format!(
                "larger than {} KiB: a map is a page of configuration",
                MAX_MAP_BYTES >> 10
            )));
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| fail("not UTF-8 text".into()))?;
        if nesting(text) > MAX_NESTING {
            return Err(fail(format!("nested deeper than {MAX_NESTING} levels")));
        }
        let mut map: Map = serde_yaml::from_str(text).map_err(|e| {
            let message = e.to_string();
            fail(match e.location() {
                Some(l) => {
                    let message = message.split(" at line ").next().unwrap_or(&message);
                    format!("line {}, column {}: {message}", l.line(), l.column())
                }
                None => message,
            })
        })?;
        map.path = path.to_path_buf();
        for (i, rule) in map.events.iter().enumerate() {
            if rule.kind == "stage_change" && rule.stage.is_none() {
                return Err(fail(format!(
                    "events[{i}]: a `stage_change` needs `stage` (a stage, or `{{column, values}}`)"
                )));
            }
        }
        Ok(map)
    }

    /// The path of a lookup file: relative to the map's folder.
    pub(super) fn beside(&self, file: &Path) -> PathBuf {
        match self.path.parent() {
            Some(folder) if file.is_relative() => folder.join(file),
            _ => file.to_path_buf(),
        }
    }
}

/// The deepest `[`/`{` nesting of the text (quotes ignored: an over-estimate).
fn nesting(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}
