//! The arithmetic of the reports: fractions with their numerator and
//! denominator, days from seconds, and percentiles interpolated between the two
//! ranks the store returns.
//!
//! Percentiles are the linear interpolation between closest ranks (Hyndman and
//! Fan's type 7, the default of numpy, R and Excel's `PERCENTILE.INC`): for `n`
//! sorted values and `p`, `h = (n−1)·p`, the value at rank `⌊h⌋+1` plus the
//! fraction of `h` times the step to the next rank. The median is `p = 0.5`.

use serde::Serialize;

/// Seconds in a calendar day.
pub const DAY: f64 = 86_400.0;

/// A share with what it is made of; `value` is `None` when nothing was counted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fraction {
    /// `numerator / denominator`, a fraction (0.736, not 73.6).
    pub value: Option<f64>,
    /// What was counted in.
    pub numerator: u64,
    /// What could have been.
    pub denominator: u64,
}

impl Fraction {
    /// `numerator / denominator`.
    pub fn new(numerator: u64, denominator: u64) -> Fraction {
        Fraction {
            value: ratio(numerator, denominator),
            numerator,
            denominator,
        }
    }
}

/// `n / d`, `None` when `d` is 0.
#[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
pub fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// Seconds as a float, for dividing into days.
#[expect(
    clippy::cast_precision_loss,
    reason = "durations far below 2^52 seconds"
)]
pub fn seconds(s: i64) -> f64 {
    s as f64
}

/// A mean of `total` seconds over `n` items, in units of `unit` seconds.
pub fn mean(total: i64, n: u64, unit: f64) -> Option<f64> {
    ratio(1, n).map(|inv| seconds(total) * inv / unit)
}

/// A percentile as the ratio `num/den` (0.5 is `1/2`, p90 is `9/10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantile {
    /// Numerator.
    pub num: u64,
    /// Denominator.
    pub den: u64,
}

/// The median.
pub const MEDIAN: Quantile = Quantile { num: 1, den: 2 };
/// The 90th percentile.
pub const P90: Quantile = Quantile { num: 9, den: 10 };

impl Quantile {
    /// The 1-based rank whose value the percentile starts from, among `n`.
    pub fn rank(self, n: u64) -> u64 {
        (n - 1) * self.num / self.den + 1
    }

    /// The percentile of `n` sorted values, given `at(rank)` for the two ranks
    /// [`Quantile::rank`] and the next (`None` if a rank is missing).
    pub fn of(self, n: u64, at: impl Fn(u64) -> Option<i64>) -> Option<f64> {
        if n == 0 {
            return None;
        }
        let lo = self.rank(n);
        let low = at(lo)?;
        let step_num = (n - 1) * self.num % self.den;
        if step_num == 0 || lo >= n {
            return Some(seconds(low));
        }
        let high = at(lo + 1)?;
        let frac = ratio(step_num, self.den)?;
        Some(seconds(low) + frac * (seconds(high) - seconds(low)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(q: Quantile, values: &[i64]) -> Option<f64> {
        let n = values.len() as u64;
        q.of(n, |rank| {
            values.get(usize::try_from(rank).ok()? - 1).copied()
        })
    }

    #[test]
    fn type_7_percentiles_match_numpy() {
        // numpy.percentile([1, 2, 3, 4], [50, 90]) == [2.5, 3.7]
        assert_eq!(pct(MEDIAN, &[1, 2, 3, 4]), Some(2.5));
        let p90 = pct(P90, &[1, 2, 3, 4]).unwrap();
        assert!((p90 - 3.7).abs() < 1e-9);
        assert_eq!(pct(MEDIAN, &[5, 7, 100]), Some(7.0));
        assert_eq!(pct(P90, &[42]), Some(42.0));
        assert_eq!(pct(MEDIAN, &[]), None);
        // 11 values: h = 9 exactly for p90, no interpolation.
        let eleven: Vec<i64> = (1..=11).collect();
        assert_eq!(pct(P90, &eleven), Some(10.0));
    }

    #[test]
    fn fractions_keep_what_they_are_made_of() {
        let f = Fraction::new(3, 4);
        assert_eq!(f.value, Some(0.75));
        assert_eq!(Fraction::new(0, 0).value, None);
        assert_eq!(mean(86_400 * 3, 2, DAY), Some(1.5));
    }
}
