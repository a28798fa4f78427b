//! Rate limits: at most `n` requests in any window of a given length, per
//! channel, counted on the store's attempt log so that every process delivering
//! from one store shares the count. The defaults are the vendors' documented
//! limits: 20 messages a minute per WeCom or DingTalk robot, 100 a minute and 5 a
//! second per Feishu bot; webhooks and email have none unless configured.

use chrono::TimeDelta;

use super::channel::Kind;
use super::error::RateProblem;

/// At most `n` requests in any `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// How many.
    pub n: u32,
    /// In how long.
    pub window: TimeDelta,
}

impl Limit {
    /// `20/min`, `5/s`, `1000/h` (also `/sec`, `/second`, `/minute`, `/hour`).
    pub fn parse(text: &str) -> Result<Limit, RateProblem> {
        let (n, per) = text.split_once('/').ok_or(RateProblem::Shape)?;
        let n: u32 = n
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| RateProblem::Count(n.trim().to_string()))?;
        let window = match per.trim() {
            "s" | "sec" | "second" => TimeDelta::seconds(1),
            "min" | "minute" => TimeDelta::minutes(1),
            "h" | "hour" => TimeDelta::hours(1),
            other => return Err(RateProblem::Unit(other.to_string())),
        };
        Ok(Limit { n, window })
    }

    /// As the store counts it.
    pub fn pair(self) -> (u32, TimeDelta) {
        (self.n, self.window)
    }
}

/// The vendor's documented limits for a kind of channel.
pub fn default_limits(kind: Kind) -> Vec<Limit> {
    let per_minute = |n| Limit {
        n,
        window: TimeDelta::minutes(1),
    };
    match kind {
        Kind::Wecom | Kind::Dingtalk => vec![per_minute(20)],
        Kind::Feishu => vec![
            Limit {
                n: 5,
                window: TimeDelta::seconds(1),
            },
            per_minute(100),
        ],
        Kind::Webhook | Kind::Email => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_written() {
        assert_eq!(
            Limit::parse("20/min").unwrap(),
            Limit {
                n: 20,
                window: TimeDelta::minutes(1)
            }
        );
        assert_eq!(
            Limit::parse(" 5 / s").unwrap().window,
            TimeDelta::seconds(1)
        );
        assert_eq!(Limit::parse("0/min"), Err(RateProblem::Count("0".into())));
        assert_eq!(Limit::parse("20/day"), Err(RateProblem::Unit("day".into())));
        assert_eq!(Limit::parse("20"), Err(RateProblem::Shape));
    }

    #[test]
    fn robots_default_to_their_vendors_limits() {
        assert_eq!(default_limits(Kind::Wecom)[0].n, 20);
        assert_eq!(default_limits(Kind::Dingtalk)[0].n, 20);
        assert_eq!(default_limits(Kind::Feishu).len(), 2);
        assert!(default_limits(Kind::Webhook).is_empty());
    }
}
