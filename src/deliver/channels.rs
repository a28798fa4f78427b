//! `channels:` and `customer_channel:` of salesflow.yaml, resolved as a whole:
//! every channel checked and its secrets read, names unique, `customer_channel`
//! naming one of them, and a [`Redactor`] that knows every secret read.

use std::path::Path;

use super::channel::{Channel, ChannelSpec, Env, resolve};
use super::email::parse_from;
use super::error::{ConfigError, Why};
use super::secret::Redactor;

/// The channels, in the order a recipient's handles are tried.
#[derive(Debug, Clone, Default)]
pub struct Channels {
    /// The channels.
    pub list: Vec<Channel>,
    /// The index of `customer_channel`.
    pub customer: Option<usize>,
    /// Masks every secret the channels read.
    pub redactor: Redactor,
}

impl Channels {
    /// Resolves the settings as written (`specs` are the entries of
    /// `channels:`); `base` is salesflow.yaml's folder.
    pub fn resolve(
        specs: &[serde_yaml::Value],
        customer_channel: Option<&str>,
        env: Env<'_>,
        base: &Path,
    ) -> Result<Channels, ConfigError> {
        let mut redactor = Redactor::default();
        let mut list: Vec<Channel> = Vec::with_capacity(specs.len());
        for (i, value) in specs.iter().enumerate() {
            let spec: ChannelSpec =
                serde_yaml::from_value(value.clone()).map_err(|e| ConfigError::Shape {
                    index: i + 1,
                    reason: e.to_string(),
                })?;
            if list.iter().any(|c| c.name == spec.name()) {
                return Err(ConfigError::Duplicate(spec.name().to_string()));
            }
            let channel = resolve(&spec, env, base, &mut redactor)?;
            if let super::channel::Endpoint::Smtp { from, .. } = &channel.endpoint {
                parse_from(from).map_err(|why| ConfigError::Bad {
                    channel: channel.name.clone(),
                    field: "from",
                    value: from.clone(),
                    why: Why::NotAddress(why),
                })?;
            }
            list.push(channel);
        }
        let customer = customer_channel
            .map(|name| {
                list.iter()
                    .position(|c| c.name == name)
                    .ok_or_else(|| ConfigError::UnknownCustomerChannel(name.to_string()))
            })
            .transpose()?;
        Ok(Channels {
            list,
            customer,
            redactor,
        })
    }
}
