//! Text → syntax tree: the pest grammar (`grammar/salesflow.pest`), lowering to a
//! spanned AST, and syntax errors. Nothing of pest leaves this module.

pub mod ast;
mod error;
mod fullwidth;
mod literal;
mod lower;
mod lower_calendar;
mod lower_expr;
mod parser;
mod split;

pub use error::SyntaxError;
pub use fullwidth::{ascii_form, rewrite as rewrite_fullwidth};
pub use literal::parse_duration;
pub use parser::{parse_expr, parse_file};
