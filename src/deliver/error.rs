//! Why delivery cannot start: a channel, digest or `customer_channel` in
//! salesflow.yaml that cannot be used as written, or an environment variable it
//! names that is not set. Each names the setting and, never, a secret's value.
//!
//! What is wrong is typed ([`Why`], [`DigestProblem`]), so the commands can say
//! it in the user's language; `Display` is the English text, and `help` the
//! English advice, for library users.

/// A delivery setting that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// Not the shape of a channel (the YAML library's words).
    #[error("salesflow.yaml: channel {index}: {reason}")]
    #[diagnostic(
        code(salesflow::deliver::channel_shape),
        help(
            "a channel is `{{ name, kind: wecom|dingtalk|feishu|webhook|email, … }}`; see README, \"Delivering messages\""
        )
    )]
    Shape {
        /// One-based position in `channels:`.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// Two channels with one name.
    #[error("salesflow.yaml: two channels are named `{0}`")]
    #[diagnostic(
        code(salesflow::deliver::duplicate_channel),
        help("give each channel its own `name`")
    )]
    Duplicate(String),
    /// A setting the channel's kind needs is absent.
    #[error("salesflow.yaml: channel `{channel}` ({kind}) needs `{field}`")]
    #[diagnostic(code(salesflow::deliver::missing_setting))]
    Missing {
        /// The channel.
        channel: String,
        /// Its kind.
        kind: &'static str,
        /// The setting.
        field: &'static str,
    },
    /// A setting the channel's kind does not take.
    #[error("salesflow.yaml: `{field}` is not a setting of channel `{channel}` ({kind})")]
    #[diagnostic(
        code(salesflow::deliver::foreign_setting),
        help("remove it, or check the channel's `kind`")
    )]
    Foreign {
        /// The channel.
        channel: String,
        /// Its kind.
        kind: &'static str,
        /// The setting.
        field: &'static str,
    },
    /// A robot's URL written in the file: the URL is its credential.
    #[error("salesflow.yaml: channel `{channel}` has its robot URL in the file")]
    #[diagnostic(
        code(salesflow::deliver::secret_in_file),
        help(
            "a {kind} robot's URL carries its token: put it in an environment variable and name that with `url_env`"
        )
    )]
    SecretInFile {
        /// The channel.
        channel: String,
        /// Its kind.
        kind: &'static str,
    },
    /// A value that does not parse.
    #[error("salesflow.yaml: channel `{channel}`: `{field}: {value}` {why}")]
    #[diagnostic(code(salesflow::deliver::bad_setting))]
    Bad {
        /// The channel.
        channel: String,
        /// The setting.
        field: &'static str,
        /// The value as written (for `url_env`, the variable's name).
        value: String,
        /// What is wrong with it.
        why: Why,
    },
    /// An environment variable the file names is not set.
    #[error("channel `{channel}`: the environment variable `{var}` is not set")]
    #[diagnostic(
        code(salesflow::deliver::unset_env),
        help(
            "set `{var}` in the environment salesflow runs in (for systemd, an `EnvironmentFile=`); its value is never written anywhere"
        )
    )]
    UnsetEnv {
        /// The channel.
        channel: String,
        /// The variable.
        var: String,
    },
    /// `customer_channel` names no channel.
    #[error("salesflow.yaml: `customer_channel: {0}` names no channel")]
    #[diagnostic(
        code(salesflow::deliver::unknown_customer_channel),
        help("name one of the `channels:` by its `name`")
    )]
    UnknownCustomerChannel(String),
    /// No channels at all.
    #[error("salesflow.yaml has no `channels:`, so there is nowhere to deliver to")]
    #[diagnostic(
        code(salesflow::deliver::no_channels),
        help(
            "add a channel, e.g. `channels: [{{ name: sales-group, kind: wecom, url_env: WECOM_WEBHOOK }}]`"
        )
    )]
    NoChannels,
    /// A digest that cannot be used.
    #[error("salesflow.yaml: digest {index}: {problem}")]
    #[diagnostic(code(salesflow::deliver::digest))]
    Digest {
        /// One-based position in `digests:`.
        index: usize,
        /// What is wrong.
        problem: DigestProblem,
    },
}

/// What is wrong with a channel's value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Why {
    /// `url:` is not an http(s) URL.
    #[error("is not an http:// or https:// URL")]
    NotUrl,
    /// The variable of `url_env` holds no http(s) URL (its value is not shown).
    #[error("holds no http:// or https:// URL")]
    EnvNotUrl,
    /// Not a positive duration.
    #[error("is not a duration")]
    NotDuration,
    /// `max_attempts: 0`.
    #[error("sends nothing")]
    Zero,
    /// `smtp:` with a port that is not a number.
    #[error("has no valid port")]
    Port,
    /// `smtp:` without a host.
    #[error("has no host")]
    Host,
    /// A rate limit that does not read.
    #[error("{0}")]
    Rate(RateProblem),
    /// `ca_file` cannot be read.
    #[error("cannot be read: {0}")]
    Unreadable(String),
    /// `from` is not a mail address.
    #[error("is not an address: {0}")]
    NotAddress(String),
}

impl Why {
    /// English advice on what to write.
    pub fn help(&self) -> &'static str {
        match self {
            Why::NotUrl => "e.g. `https://crm.example.com/hooks/salesflow`",
            Why::EnvNotUrl => "the webhook address as its vendor gives it",
            Why::NotDuration => "e.g. `10s`, `1m`, `1h 30m`",
            Why::Zero => "1 or more",
            Why::Port | Why::Host => "`host:port`, e.g. `smtp.exmail.qq.com:587`",
            Why::Rate(_) => "e.g. `20/min`, `5/s`",
            Why::Unreadable(_) => "a PEM file, relative to salesflow.yaml",
            Why::NotAddress(_) => "e.g. `crm@example.com` or `销售助手 <crm@example.com>`",
        }
    }
}

/// What is wrong with a rate limit (`20/min`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateProblem {
    /// No `/`.
    #[error("is not `N/unit`")]
    Shape,
    /// The count is not a positive number.
    #[error("has no positive count before `/`: `{0}`")]
    Count(String),
    /// The unit is not one of s, min, h.
    #[error("has an unknown unit `{0}` (s, min or h)")]
    Unit(String),
}

/// What is wrong with a digest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DigestProblem {
    /// Not a report.
    #[error("`report: {0}` is not a report")]
    Report(String),
    /// `every:` does not read.
    #[error("`every: {every}`: {problem}")]
    Every {
        /// As written.
        every: String,
        /// What is wrong.
        problem: ScheduleProblem,
    },
    /// `only_when: missed` on a report without goals.
    #[error("`only_when: missed` on `report: {0}`, which has no goals")]
    NoGoals(String),
    /// `only_when:` names no condition.
    #[error("`only_when: {0}` is not a condition")]
    OnlyWhen(String),
    /// `to:` is neither a person nor a role.
    #[error("`to: {0}` is neither a person nor a role of the team")]
    To(String),
}

impl DigestProblem {
    /// English advice on what to write.
    pub fn help(&self) -> &'static str {
        match self {
            DigestProblem::Report(_) => "one of funnel, dwell, journey",
            DigestProblem::Every { .. } => {
                "e.g. `mon 09:00`, `daily 18:00`, `weekdays 09:00`, `monthly 1 09:00`"
            }
            DigestProblem::NoGoals(_) => "only the journey report has goals to miss",
            DigestProblem::OnlyWhen(_) => {
                "the condition is `missed` (a goal of the journey report is missed)"
            }
            DigestProblem::To(_) => "a person id of the team file, or a role someone holds",
        }
    }
}

/// What is wrong with a schedule (`every:`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleProblem {
    /// Not `DAY HH:MM`.
    #[error("write `DAY HH:MM`")]
    Shape,
    /// Not a time of day.
    #[error("`{0}` is not a time of day (HH:MM)")]
    Time(String),
    /// Not a day word.
    #[error("`{0}` is not `daily`, `weekdays`, a weekday (`mon`, `周一`) or `monthly D`")]
    Day(String),
    /// Not a day of the month that every month has.
    #[error("`{0}` is not a day of the month from 1 to 28")]
    MonthDay(String),
}
