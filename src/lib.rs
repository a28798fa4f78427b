//! salesflow: a sales team's way of working as rules a machine keeps.
//!
//! Data flows one way: text → syntax tree ([`syntax`]) → checked model ([`check`],
//! [`model`]) → evaluation against a store → effects.

pub mod source;
pub mod syntax;
