//! salesflow: a sales team's way of working as rules a machine keeps.
//!
//! Data flows one way: text → syntax tree ([`syntax`]) → checked model ([`check`],
//! [`model`]) → evaluation against a store → effects. Working time lives in
//! [`calendar`], which depends on nothing else here.

#[macro_use]
pub mod i18n;

pub mod apply;
pub mod calendar;
pub mod check;
pub(crate) mod cli;
pub mod command;
pub mod config;
pub mod deliver;
pub mod demo;
pub mod diagnostic;
pub mod engine;
pub mod fmt;
pub mod import;
pub mod model;
pub mod money;
pub mod record;
pub mod report;
pub mod ruletest;
pub mod source;
pub mod store;
pub mod syntax;
pub mod team;
pub mod text;
pub mod timefmt;
