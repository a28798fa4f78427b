//! `salesflow.yaml`: the project's defaults, which flags override.
//!
//! Found like git finds its folder: in the working directory or the nearest
//! parent that has one; `--config FILE` names one instead. Paths in it are
//! relative to its own folder, so every command reads the same project from any
//! subfolder. A key this version does not know is an error (a typo must not
//! silently drop a setting); the keys are those of PRODUCT.md and the issues
//! that name them. `channels` stay loose YAML here: delivery types them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::Lang;

/// The file name searched for.
pub const FILE_NAME: &str = "salesflow.yaml";

/// The settings file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The customer store.
    pub db: Option<PathBuf>,
    /// The root rule file.
    pub rules: Option<PathBuf>,
    /// The team file.
    pub team: Option<PathBuf>,
    /// The folder (or file) of rule tests that `salesflow test` runs by default.
    pub tests: Option<PathBuf>,
    /// The language of messages, under `--lang` and over the locale.
    pub lang: Option<Lang>,
    /// Folders outside the project that rule files may include or read.
    #[serde(default)]
    pub allow_paths: Vec<PathBuf>,
    /// Delivery channels, tried in order (typed by delivery).
    #[serde(default)]
    pub channels: Vec<serde_yaml::Value>,
    /// The channel of `message customer`.
    pub customer_channel: Option<String>,
    /// Reports pushed on a schedule through the outbox.
    #[serde(default)]
    pub digests: Vec<Digest>,
}

/// A report pushed on a schedule: `{ report: journey, every: "mon 09:00", to:
/// sales_director, only_when: missed }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Digest {
    /// The report (`funnel`, `dwell`, `journey`).
    pub report: String,
    /// When: `mon 09:00`, `daily 18:00`.
    pub every: String,
    /// A role or person id.
    pub to: String,
    /// Send only when a goal is missed (`missed`), else always.
    pub only_when: Option<String>,
}

/// A settings file found and read.
#[derive(Debug)]
pub struct Located {
    /// The file.
    pub path: PathBuf,
    /// What it says, its paths already joined to its folder.
    pub config: Config,
}

/// Why salesflow.yaml cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("cannot read `{}`: {source}", path.display())]
    #[diagnostic(code(salesflow::config::unreadable))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not YAML of the right shape, or an unknown key.
    #[error("{}:{line}: {message}", path.display())]
    #[diagnostic(
        code(salesflow::config::invalid),
        help(
            "the keys are db, rules, team, tests, lang, allow_paths, channels, customer_channel, digests"
        )
    )]
    Parse {
        /// The file.
        path: PathBuf,
        /// One-based line (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl Config {
    /// Parses settings YAML (paths as written).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        // A file of comments only is a null document: every default.
        serde_yaml::from_str::<Option<Config>>(text)
            .map(Option::unwrap_or_default)
            .map_err(|e| ConfigError::Parse {
                path: path.to_path_buf(),
                line: e.location().map_or(0, |l| l.line()),
                message: e.to_string(),
            })
    }

    /// Reads a settings file and joins its relative paths to its folder.
    pub fn read(path: &Path) -> Result<Located, ConfigError> {
        Config::read_at(path, path)
    }

    /// Reads the file at `real` and names it `shown` (the path relative to the
    /// working directory, so messages name `../rules/main.flow`).
    fn read_at(real: &Path, shown: &Path) -> Result<Located, ConfigError> {
        let text = std::fs::read_to_string(real).map_err(|source| ConfigError::Read {
            path: shown.to_path_buf(),
            source,
        })?;
        let mut config = Config::parse(shown, &text)?;
        let dir = shown.parent().unwrap_or(Path::new(""));
        config.relative_to(dir);
        Ok(Located {
            path: shown.to_path_buf(),
            config,
        })
    }

    /// `explicit` when given; else salesflow.yaml in the working directory `cwd`
    /// or its nearest parent, its paths relative to `cwd`; else nothing (every
    /// default applies).
    pub fn locate(explicit: Option<&Path>, cwd: &Path) -> Result<Option<Located>, ConfigError> {
        if let Some(path) = explicit {
            return Config::read(path).map(Some);
        }
        let mut up = PathBuf::new();
        for dir in cwd.ancestors() {
            let candidate = dir.join(FILE_NAME);
            let shown = up.join(FILE_NAME);
            match std::fs::metadata(&candidate) {
                Ok(m) if m.is_file() => return Config::read_at(&candidate, &shown).map(Some),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(ConfigError::Read {
                        path: shown,
                        source,
                    });
                }
            }
            up.push("..");
        }
        Ok(None)
    }

    fn relative_to(&mut self, dir: &Path) {
        for path in [
            &mut self.db,
            &mut self.rules,
            &mut self.team,
            &mut self.tests,
        ]
        .into_iter()
        .flatten()
        {
            *path = join(dir, path);
        }
        for path in &mut self.allow_paths {
            *path = join(dir, path);
        }
    }
}

/// `path` relative to `dir` (an absolute path stays as it is); `./` is dropped
/// so messages show `rules/main.flow`, not `./rules/main.flow`.
fn join(dir: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() || dir.as_os_str().is_empty() {
        path.to_path_buf()
    } else {
        dir.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_file() {
        let mut c = Config::parse(
            Path::new("p/salesflow.yaml"),
            "db: crm.db\nrules: rules/main.flow\nteam: /abs/team.yaml\ntests: tests\n",
        )
        .unwrap();
        c.relative_to(Path::new("p"));
        assert_eq!(c.db.unwrap(), Path::new("p/crm.db"));
        assert_eq!(c.rules.unwrap(), Path::new("p/rules/main.flow"));
        assert_eq!(c.team.unwrap(), Path::new("/abs/team.yaml"));
        assert_eq!(c.tests.unwrap(), Path::new("p/tests"));
    }

    #[test]
    fn an_unknown_key_is_an_error_with_its_line() {
        let err = Config::parse(Path::new("salesflow.yaml"), "db: a.db\nrulez: x\n").unwrap_err();
        assert!(matches!(err, ConfigError::Parse { line: 2, .. }), "{err}");
        assert!(err.to_string().contains("rulez"), "{err}");
    }

    #[test]
    fn the_keys_of_the_issues_are_accepted() {
        let c = Config::parse(
            Path::new("salesflow.yaml"),
            "lang: zh\nallow_paths: [../shared]\ncustomer_channel: mail\n\
             channels:\n  - { name: mail, kind: email, smtp: \"smtp.example.com:587\" }\n\
             digests:\n  - { report: journey, every: \"mon 09:00\", to: sales_director, only_when: missed }\n",
        )
        .unwrap();
        assert_eq!(c.lang, Some(Lang::Zh));
        assert_eq!(c.digests[0].to, "sales_director");
        assert_eq!(c.channels.len(), 1);
    }

    #[test]
    fn an_empty_file_is_every_default() {
        let c = Config::parse(Path::new("salesflow.yaml"), "# nothing yet\n").unwrap();
        assert!(c.db.is_none() && c.rules.is_none());
    }
}
