//! What people will do on later days, in reaction to the rules or to their own
//! delays: close a task the rules asked for, judge a risk signal, or record an
//! event they forgot to log (a late record). Kept by day, so only the work still
//! ahead is in memory.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::store::{NewEvent, Verdict};

/// One thing to do.
#[derive(Debug, Clone)]
pub enum Job {
    /// `salesflow task done`: the task with this key, at this time, by this person.
    Close {
        /// The customer.
        customer: String,
        /// The task's key.
        key: String,
        /// When it is done.
        at: DateTime<Utc>,
        /// Who does it.
        actor: String,
    },
    /// `salesflow signal verdict`: the signal with this key.
    Judge {
        /// The customer.
        customer: String,
        /// The signal's key.
        key: String,
        /// The judgement.
        verdict: Verdict,
        /// When.
        at: DateTime<Utc>,
        /// Who judges.
        actor: String,
    },
    /// An event recorded after the apply that passed its time.
    Record(Box<NewEvent>),
}

/// Jobs by the day they are done.
#[derive(Default)]
pub struct Agenda {
    days: BTreeMap<i64, Vec<Job>>,
}

impl Agenda {
    /// Plans a job for a day.
    pub fn plan(&mut self, day: i64, job: Job) {
        self.days.entry(day).or_default().push(job);
    }

    /// The jobs of a day (and of any earlier day not taken yet), in the order
    /// they were planned.
    pub fn take(&mut self, day: i64) -> Vec<Job> {
        let later = self.days.split_off(&(day + 1));
        let due = std::mem::replace(&mut self.days, later);
        due.into_values().flatten().collect()
    }

    /// Jobs still planned.
    pub fn len(&self) -> usize {
        self.days.values().map(Vec::len).sum()
    }

    /// Whether nothing is planned.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn late(customer: &str) -> Job {
        Job::Record(Box::new(NewEvent::new(
            customer,
            DateTime::UNIX_EPOCH,
            "visit",
            "import",
        )))
    }

    #[test]
    fn a_day_takes_its_jobs_and_the_ones_left_before_it() {
        let mut a = Agenda::default();
        a.plan(3, late("a"));
        a.plan(1, late("b"));
        a.plan(5, late("c"));
        let names = |jobs: Vec<Job>| -> Vec<String> {
            jobs.into_iter()
                .map(|j| match j {
                    Job::Record(e) => e.customer,
                    _ => String::new(),
                })
                .collect()
        };
        assert_eq!(names(a.take(3)), ["b", "a"]);
        assert_eq!(a.len(), 1);
        assert!(names(a.take(4)).is_empty());
        assert_eq!(names(a.take(5)), ["c"]);
        assert!(a.is_empty());
    }
}
