//! `salesflow demo`: a realistic store built from generated records and the
//! example rules, and a short tour of what the rules did with it.
//!
//! Takes a folder, sizes and a seed; gives a project folder (the example rules,
//! a team, `salesflow.yaml`) with a store holding the generated history, ticked
//! day by day, and a [`run::Summary`] of what was written. The generator writes
//! only what people record (customers, contacts and notes, updates, stage
//! changes, tasks done, verdicts, some of it late) through the store's import and
//! the commands' store calls; everything the rules derive comes from
//! [`crate::apply::Pass`], the evaluation path of `plan` and `apply`. The same
//! seed, sizes and first day give the same store.
//!
//! One concept per file: [`dice`] (reproducible chance), [`names`] and
//! [`people`] (companies, contacts, the team), [`stages`] (progressions and
//! blockers), [`notes`] and [`updates`] (what reps write), [`tasks`] and
//! [`verdicts`] (reacting to the rules), [`agenda`] (work for later days, late
//! records among it), [`story`] (one customer, a day at a time), [`run`] (the
//! loop), [`project`] (the folder), [`tour`] (what the command prints).

pub mod agenda;
pub mod clock;
pub mod context;
pub mod customers;
pub mod dice;
pub mod error;
pub mod names;
pub mod notes;
pub mod people;
pub mod project;
pub mod run;
pub mod stages;
pub mod story;
pub mod tasks;
pub mod tour;
pub mod updates;
pub mod verdicts;

pub use error::DemoError;
pub use project::Project;
pub use run::{Progress, Spec, Summary, generate};
