//! Closing the tasks the rules create, as the people they go to do: most on time,
//! some late, a few never (they stay open, overdue, and escalations that wait for
//! them keep firing). Each task's fate is its own dice, drawn from its key.

use chrono::{DateTime, Utc};

use super::agenda::Job;
use super::clock::Clock;
use super::dice::{Dice, Stream, key_id};

/// Shares of tasks done on time, and late (the rest are never done).
const ON_TIME: f64 = 0.72;
const LATE: f64 = 0.18;

/// A task the rules created, as the generator sees it.
pub struct NewTask<'a> {
    /// The customer.
    pub customer: &'a str,
    /// The task's key.
    pub key: &'a str,
    /// Who it was given to.
    pub assignee: &'a str,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Due.
    pub due_at: DateTime<Utc>,
}

/// When (and whether) the task is done: a [`Job::Close`] on its day, never
/// before `after` (the apply that created it).
pub fn closing(
    seed: u64,
    clock: &Clock<'_>,
    task: &NewTask<'_>,
    after: DateTime<Utc>,
) -> Option<(i64, Job)> {
    let mut dice = Dice::new(seed, Stream::Task, &[key_id(task.key)]);
    let roll = dice.unit();
    let span = (task.due_at - task.created_at).max(chrono::Duration::hours(1));
    let fraction = if roll < ON_TIME {
        0.2 + 0.75 * dice.unit()
    } else if roll < ON_TIME + LATE {
        1.1 + 1.5 * dice.unit()
    } else {
        return None;
    };
    // Whole minutes: a task's span is days, not aeons.
    let minutes = u32::try_from(span.num_minutes()).unwrap_or(u32::MAX);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a span in minutes times a small fraction"
    )]
    let planned =
        task.created_at + chrono::Duration::minutes((f64::from(minutes) * fraction) as i64);
    let mut at = clock.in_office(planned.max(after), &mut dice);
    if at <= after {
        at = clock.in_office(after + chrono::Duration::minutes(1), &mut dice);
    }
    Some((
        clock.day_of(at),
        Job::Close {
            customer: task.customer.to_string(),
            key: task.key.to_string(),
            at,
            actor: task.assignee.to_string(),
        },
    ))
}
