//! `salesflow.yaml` in the working directory: the defaults flags override.

use std::path::PathBuf;

use serde::Deserialize;

/// The settings file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The customer store.
    pub db: Option<PathBuf>,
    /// The root rule file.
    pub rules: Option<PathBuf>,
    /// The team file.
    pub team: Option<PathBuf>,
    /// Delivery channels (used by delivery, kept as data until then).
    #[serde(default)]
    pub channels: Vec<serde_yaml::Value>,
    /// The channel of `message customer`.
    pub customer_channel: Option<String>,
}

impl Config {
    /// The file in the working directory, or defaults when there is none.
    pub fn load() -> Result<Config, String> {
        match std::fs::read_to_string("salesflow.yaml") {
            Ok(text) => serde_yaml::from_str(&text).map_err(|e| format!("salesflow.yaml: {e}")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("salesflow.yaml: {e}")),
        }
    }
}
