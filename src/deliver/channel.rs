//! The delivery channels of salesflow.yaml, in order: each entry as written
//! ([`ChannelSpec`]) checked and resolved, with its secrets read from the
//! environment, into a [`Channel`] ready to send. Resolution happens once, before
//! anything is sent, so a missing variable stops delivery with the variable's
//! name instead of failing message after message.

use std::path::Path;

use chrono::TimeDelta;
use serde::Deserialize;

use super::error::{ConfigError, Why};
use super::rate::{Limit, default_limits};
use super::secret::{Redactor, Secret};

/// The kinds of channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A WeCom (企业微信) group robot.
    Wecom,
    /// A DingTalk (钉钉) custom robot.
    Dingtalk,
    /// A Feishu (飞书) custom bot.
    Feishu,
    /// A JSON POST of the outbox row to any URL.
    Webhook,
    /// SMTP.
    Email,
}

impl Kind {
    /// The name in salesflow.yaml.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Wecom => "wecom",
            Kind::Dingtalk => "dingtalk",
            Kind::Feishu => "feishu",
            Kind::Webhook => "webhook",
            Kind::Email => "email",
        }
    }

    /// The team-file key of the handle that reaches a person on this kind
    /// (`None`: the channel takes everyone).
    pub fn handle_key(self) -> Option<&'static str> {
        match self {
            Kind::Wecom => Some("wecom"),
            Kind::Dingtalk => Some("mobile"),
            Kind::Feishu => Some("feishu"),
            Kind::Email => Some("email"),
            Kind::Webhook => None,
        }
    }
}

/// How a WeCom robot formats the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    /// `msgtype: text`, people mentioned by `mentioned_list`.
    #[default]
    Text,
    /// `msgtype: markdown`, people mentioned inline as `<@id>`.
    Markdown,
}

/// How an email channel secures its SMTP session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Tls {
    /// `STARTTLS`, required (the session fails rather than go on in clear).
    #[default]
    Starttls,
    /// No encryption (a relay on the same host).
    None,
}

/// One rate limit or several (`20/min`, or `["5/s", "100/min"]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Rates {
    One(String),
    Many(Vec<String>),
}

/// A channel as written in salesflow.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelSpec {
    name: String,
    kind: Kind,
    url: Option<String>,
    url_env: Option<String>,
    secret_env: Option<String>,
    format: Option<TextFormat>,
    smtp: Option<String>,
    from: Option<String>,
    user_env: Option<String>,
    password_env: Option<String>,
    tls: Option<Tls>,
    ca_file: Option<String>,
    timeout: Option<String>,
    max_attempts: Option<u32>,
    backoff: Option<String>,
    rate: Option<Rates>,
}

/// Where and how a channel sends.
#[derive(Debug, Clone)]
pub enum Endpoint {
    /// An HTTP robot or webhook.
    Http {
        /// The URL (a secret when read from the environment).
        url: Secret,
        /// The signing key.
        secret: Option<Secret>,
        /// WeCom's text or markdown.
        format: TextFormat,
    },
    /// An SMTP server.
    Smtp {
        /// Host name.
        host: String,
        /// Port.
        port: u16,
        /// The sender, as written (`销售助手 <crm@example.com>`).
        from: String,
        /// User and password.
        login: Option<(Secret, Secret)>,
        /// Encryption.
        tls: Tls,
        /// Extra trusted root certificate (PEM), for a private CA.
        ca_pem: Option<Vec<u8>>,
    },
}

/// A channel ready to send.
#[derive(Debug, Clone)]
pub struct Channel {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Where it sends.
    pub endpoint: Endpoint,
    /// The longest one request may take.
    pub timeout: std::time::Duration,
    /// Attempts before a message is given up (`dead`).
    pub max_attempts: u32,
    /// The wait after the first failure (doubling after each next one).
    pub backoff: TimeDelta,
    /// The vendor's rate limits.
    pub limits: Vec<Limit>,
}

/// Reads an environment variable (injected, so tests need not set the
/// process's environment).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Resolves one channel: `base` is salesflow.yaml's folder (for `ca_file`).
pub fn resolve(
    spec: &ChannelSpec,
    env: Env<'_>,
    base: &Path,
    redactor: &mut Redactor,
) -> Result<Channel, ConfigError> {
    let name = spec.name.clone();
    let kind = spec.kind;
    let secret = |var: &str| -> Result<Secret, ConfigError> {
        env(var)
            .map(Secret::new)
            .ok_or_else(|| ConfigError::UnsetEnv {
                channel: name.clone(),
                var: var.to_string(),
            })
    };
    check_fields(spec)?;
    let endpoint = if kind == Kind::Email {
        let smtp = spec.smtp.as_deref().ok_or_else(|| missing(spec, "smtp"))?;
        let (host, port) = host_port(spec, smtp)?;
        let from = spec.from.clone().ok_or_else(|| missing(spec, "from"))?;
        let login = match (&spec.user_env, &spec.password_env) {
            (Some(u), Some(p)) => Some((secret(u)?, secret(p)?)),
            (None, None) => None,
            (Some(_), None) => return Err(missing(spec, "password_env")),
            (None, Some(_)) => return Err(missing(spec, "user_env")),
        };
        let ca_pem = match &spec.ca_file {
            Some(file) => Some(
                std::fs::read(base.join(file))
                    .map_err(|e| bad(spec, "ca_file", file, Why::Unreadable(e.to_string())))?,
            ),
            None => None,
        };
        Endpoint::Smtp {
            host,
            port,
            from,
            login,
            tls: spec.tls.unwrap_or_default(),
            ca_pem,
        }
    } else {
        let url = match (&spec.url, &spec.url_env) {
            (Some(_), _) if kind != Kind::Webhook => {
                return Err(ConfigError::SecretInFile {
                    channel: name.clone(),
                    kind: kind.name(),
                });
            }
            (Some(url), None) => Secret::new(url.clone()),
            (None, Some(var)) => secret(var)?,
            _ => return Err(missing(spec, "url_env")),
        };
        if !url.expose().starts_with("http://") && !url.expose().starts_with("https://") {
            // From the environment it may be a secret: name the variable, not
            // what it holds.
            return Err(match (&spec.url, &spec.url_env) {
                (Some(url), _) => bad(spec, "url", url, Why::NotUrl),
                (None, var) => bad(
                    spec,
                    "url_env",
                    var.as_deref().unwrap_or_default(),
                    Why::EnvNotUrl,
                ),
            });
        }
        if spec.url_env.is_some() {
            redactor.add_url(&url);
        }
        Endpoint::Http {
            url,
            secret: spec.secret_env.as_deref().map(secret).transpose()?,
            format: spec.format.unwrap_or_default(),
        }
    };
    if let Endpoint::Http {
        secret: Some(s), ..
    } = &endpoint
    {
        redactor.add(s);
    }
    if let Endpoint::Smtp {
        login: Some((user, password)),
        ..
    } = &endpoint
    {
        redactor.add(user);
        redactor.add(password);
    }
    Ok(Channel {
        name: spec.name.clone(),
        kind,
        endpoint,
        timeout: duration(spec, "timeout", spec.timeout.as_deref(), "10s")?
            .to_std()
            .unwrap_or_default(),
        max_attempts: match spec.max_attempts {
            Some(0) => return Err(bad(spec, "max_attempts", "0", Why::Zero)),
            Some(n) => n,
            None => DEFAULT_MAX_ATTEMPTS,
        },
        backoff: duration(spec, "backoff", spec.backoff.as_deref(), "1m")?,
        limits: match &spec.rate {
            None => default_limits(kind),
            Some(Rates::One(r)) => vec![limit(spec, r)?],
            Some(Rates::Many(rs)) => rs
                .iter()
                .map(|r| limit(spec, r))
                .collect::<Result<_, _>>()?,
        },
    })
}

/// Attempts before a message is given up, unless the channel says otherwise:
/// with the default backoff (1 minute, doubling) the last is about two hours
/// after the first.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 8;

impl ChannelSpec {
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Settings that only some kinds take.
fn check_fields(spec: &ChannelSpec) -> Result<(), ConfigError> {
    let email = spec.kind == Kind::Email;
    let present: [(&'static str, bool, bool); 10] = [
        ("url", spec.url.is_some(), !email),
        ("url_env", spec.url_env.is_some(), !email),
        (
            "secret_env",
            spec.secret_env.is_some(),
            !email && spec.kind != Kind::Wecom,
        ),
        ("format", spec.format.is_some(), spec.kind == Kind::Wecom),
        ("smtp", spec.smtp.is_some(), email),
        ("from", spec.from.is_some(), email),
        ("user_env", spec.user_env.is_some(), email),
        ("password_env", spec.password_env.is_some(), email),
        ("tls", spec.tls.is_some(), email),
        ("ca_file", spec.ca_file.is_some(), email),
    ];
    match present
        .iter()
        .find(|(_, given, allowed)| *given && !allowed)
    {
        Some((field, ..)) => Err(ConfigError::Foreign {
            channel: spec.name.clone(),
            kind: spec.kind.name(),
            field,
        }),
        None => Ok(()),
    }
}

fn missing(spec: &ChannelSpec, field: &'static str) -> ConfigError {
    ConfigError::Missing {
        channel: spec.name.clone(),
        kind: spec.kind.name(),
        field,
    }
}

fn bad(spec: &ChannelSpec, field: &'static str, value: &str, why: Why) -> ConfigError {
    ConfigError::Bad {
        channel: spec.name.clone(),
        field,
        value: value.to_string(),
        why,
    }
}

fn host_port(spec: &ChannelSpec, smtp: &str) -> Result<(String, u16), ConfigError> {
    let (host, port) = match smtp.rsplit_once(':') {
        Some((host, port)) => {
            let port = port
                .parse::<u16>()
                .map_err(|_| bad(spec, "smtp", smtp, Why::Port))?;
            (host, port)
        }
        None => (smtp, 587),
    };
    if host.is_empty() {
        return Err(bad(spec, "smtp", smtp, Why::Host));
    }
    Ok((host.to_string(), port))
}

/// A duration setting (`10s`, `1m`, `1h 30m`), or its default.
fn duration(
    spec: &ChannelSpec,
    field: &'static str,
    text: Option<&str>,
    default: &str,
) -> Result<TimeDelta, ConfigError> {
    let text = text.unwrap_or(default);
    humantime::parse_duration(text)
        .ok()
        .and_then(|d| TimeDelta::from_std(d).ok())
        .filter(|d| *d > TimeDelta::zero())
        .ok_or_else(|| bad(spec, field, text, Why::NotDuration))
}

fn limit(spec: &ChannelSpec, text: &str) -> Result<Limit, ConfigError> {
    Limit::parse(text).map_err(|problem| bad(spec, "rate", text, Why::Rate(problem)))
}
