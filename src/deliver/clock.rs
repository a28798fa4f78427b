//! The clock delivery runs on: "now" for due times, backoff, rate windows and
//! leases, and waiting. The binary uses the system clock (shifted to `--at` when
//! given); tests use a [`ManualClock`] whose waits return at once, so backoff and
//! throttling over minutes run in no time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};

/// A source of time that can also wait.
pub trait Clock: Send + Sync {
    /// The current instant, as delivery schedules by.
    fn now(&self) -> DateTime<Utc>;

    /// The real time, for vendor signatures (vendors compare it with theirs).
    fn wall(&self) -> DateTime<Utc> {
        self.now()
    }

    /// Waits until `until` or until `stop` says to stop (checked often);
    /// whether the wait ran to its end.
    fn sleep_until(&self, until: DateTime<Utc>, stop: &dyn Fn() -> bool) -> bool;
}

/// The system clock, optionally shifted so that it starts at a given instant
/// (`--at`) and runs on in real time from there.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    shift: TimeDelta,
}

impl SystemClock {
    /// The system clock as it is.
    pub fn real() -> SystemClock {
        SystemClock {
            shift: TimeDelta::zero(),
        }
    }

    /// A clock that reads `start` now and advances in real time.
    pub fn starting_at(start: DateTime<Utc>) -> SystemClock {
        SystemClock {
            shift: start - Utc::now(),
        }
    }
}

/// How often a wait looks at its stop condition.
const STOP_POLL: Duration = Duration::from_millis(100);

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.shift
    }

    fn wall(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep_until(&self, until: DateTime<Utc>, stop: &dyn Fn() -> bool) -> bool {
        let left = (until - self.now()).to_std().unwrap_or_default();
        let end = Instant::now() + left;
        loop {
            if stop() {
                return false;
            }
            let now = Instant::now();
            if now >= end {
                return true;
            }
            std::thread::sleep((end - now).min(STOP_POLL));
        }
    }
}

/// A clock that moves only when told to, or when something waits on it (the
/// wait jumps to its end): for tests.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    /// A clock reading `start`.
    pub fn new(start: DateTime<Utc>) -> ManualClock {
        ManualClock {
            now: Mutex::new(start),
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: TimeDelta) {
        let mut now = self
            .now
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .now
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn sleep_until(&self, until: DateTime<Utc>, stop: &dyn Fn() -> bool) -> bool {
        if stop() {
            return false;
        }
        let mut now = self
            .now
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *now = (*now).max(until);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shifted_clock_starts_at_its_instant_and_runs_on() {
        let start = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")
            .unwrap()
            .to_utc();
        let clock = SystemClock::starting_at(start);
        let first = clock.now();
        assert!((first - start).num_seconds().abs() < 2);
        assert!(clock.now() >= first);
        assert!((clock.wall() - Utc::now()).num_seconds().abs() < 2);
    }

    #[test]
    fn a_manual_clock_jumps_to_the_end_of_a_wait_unless_stopped() {
        let start = Utc::now();
        let clock = ManualClock::new(start);
        assert!(clock.sleep_until(start + TimeDelta::minutes(5), &|| false));
        assert_eq!(clock.now(), start + TimeDelta::minutes(5));
        assert!(!clock.sleep_until(start + TimeDelta::hours(1), &|| true));
        assert_eq!(clock.now(), start + TimeDelta::minutes(5));
    }

    #[test]
    fn the_system_clock_stops_waiting_when_asked() {
        let clock = SystemClock::real();
        let begun = Instant::now();
        assert!(!clock.sleep_until(Utc::now() + TimeDelta::hours(1), &|| {
            begun.elapsed() > Duration::from_millis(150)
        }));
        assert!(begun.elapsed() < Duration::from_secs(5));
    }
}
