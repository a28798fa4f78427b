//! Why delivery cannot start: a channel, digest or `customer_channel` in
//! salesflow.yaml that cannot be used as written, or an environment variable it
//! names that is not set. Each names the setting and, never, a secret's value.

/// A delivery setting that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// Not the shape of a channel.
    #[error("salesflow.yaml: channel {index}: {message}")]
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
        message: String,
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
    #[diagnostic(code(salesflow::deliver::missing_setting), help("{help}"))]
    Missing {
        /// The channel.
        channel: String,
        /// Its kind.
        kind: &'static str,
        /// The setting.
        field: &'static str,
        /// How to give it.
        help: String,
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
    #[diagnostic(code(salesflow::deliver::bad_setting), help("{help}"))]
    Bad {
        /// The channel (or digest).
        channel: String,
        /// The setting.
        field: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong with it.
        why: String,
        /// What is expected.
        help: String,
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
    #[error("salesflow.yaml: digest {index}: {message}")]
    #[diagnostic(code(salesflow::deliver::digest), help("{help}"))]
    Digest {
        /// One-based position in `digests:`.
        index: usize,
        /// What is wrong.
        message: String,
        /// What is expected.
        help: String,
    },
}
