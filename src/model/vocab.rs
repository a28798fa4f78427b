//! The model's own words for comparisons, `since` and task states, so the engine
//! and everything after the checker never import the syntax tree. The checker
//! turns the syntax tree's words into these.

use crate::syntax::ast;

/// A comparison operator (`is` is `==`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// The operator with its sides swapped (`a < b` is `b > a`).
    #[must_use]
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }

    /// Whether `ord` (left compared with right) satisfies the operator.
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }
}

impl From<ast::CmpOp> for CmpOp {
    fn from(op: ast::CmpOp) -> Self {
        match op {
            ast::CmpOp::Eq => CmpOp::Eq,
            ast::CmpOp::Ne => CmpOp::Ne,
            ast::CmpOp::Lt => CmpOp::Lt,
            ast::CmpOp::Le => CmpOp::Le,
            ast::CmpOp::Gt => CmpOp::Gt,
            ast::CmpOp::Ge => CmpOp::Ge,
        }
    }
}

/// `since last …` or `since first …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceWhich {
    /// The latest matching event.
    Last,
    /// The earliest matching event.
    First,
}

impl From<ast::SinceWhich> for SinceWhich {
    fn from(w: ast::SinceWhich) -> Self {
        match w {
            ast::SinceWhich::Last => SinceWhich::Last,
            ast::SinceWhich::First => SinceWhich::First,
        }
    }
}

/// What `task "T" …` asks of the customer's latest task so titled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    /// Done.
    Done,
    /// Not done.
    Open,
    /// Not done and past its due time.
    Overdue,
}

impl From<ast::TaskState> for TaskState {
    fn from(s: ast::TaskState) -> Self {
        match s {
            ast::TaskState::Done => TaskState::Done,
            ast::TaskState::Open => TaskState::Open,
            ast::TaskState::Overdue => TaskState::Overdue,
        }
    }
}
