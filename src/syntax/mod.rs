//! Text → syntax tree: the pest grammar (`grammar/salesflow.pest`), lowering to a
//! spanned AST, and syntax errors. Nothing of pest leaves this module.

pub mod ast;
mod error;
mod literal;
mod lower;
mod lower_calendar;
mod lower_expr;
mod parser;
mod split;

pub use error::SyntaxError;
pub use literal::parse_duration;
pub use parser::{parse_expr, parse_file};
