//! Row ids of the tables that people refer to by number (`task done 12`,
//! `signal verdict 7`) or that other rows point at (an event as a witness), as
//! newtypes so one cannot be passed for another.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::Serialize;

macro_rules! row_ids {
    ($($name:ident: $what:literal),* $(,)?) => {$(
        #[doc = concat!("The row id of ", $what, ".")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

row_ids!(
    EventId: "an event",
    TaskId: "a task",
    SignalId: "a risk signal",
    OutboxId: "an outbox message",
    TickId: "a tick",
);
