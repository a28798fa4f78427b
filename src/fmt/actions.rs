//! Actions of `on` blocks and escalation steps, one line each.
//!
//! Takes the actions and the source; writes `task R "title" due D`,
//! `notify R cc R, R body`, `message customer body`, `set customer.f = EXPR`.

use super::expr::expr;
use super::printer::Printer;
use super::source_view::SourceView;
use crate::syntax::ast::{Action, Body, Recipient};

/// Writes each action on its own line at `indent`.
pub(crate) fn actions(p: &mut Printer<'_>, indent: usize, actions: &[Action]) {
    for a in actions {
        let span = a.span();
        let text = action(p.src, a);
        p.line(indent, text, span.start, span.end);
    }
}

fn action(src: SourceView<'_>, a: &Action) -> String {
    match a {
        Action::Task { to, title, due, .. } => format!(
            "task {} {} due {}",
            recipient(src, to),
            src.slice(title.span.start, title.span.end),
            src.slice(due.span.start, due.span.end)
        ),
        Action::Notify {
            to, cc, body: b, ..
        } => {
            let mut text = format!("notify {}", recipient(src, to));
            if !cc.is_empty() {
                let cc: Vec<String> = cc.iter().map(|r| recipient(src, r)).collect();
                text.push_str(" cc ");
                text.push_str(&cc.join(", "));
            }
            text.push(' ');
            text.push_str(&body(src, b));
            text
        }
        Action::Message { body: b, .. } => format!("message customer {}", body(src, b)),
        Action::Set { field, value, .. } => {
            format!("set customer.{} = {}", field.name, expr(src, value))
        }
    }
}

fn recipient(src: SourceView<'_>, r: &Recipient) -> String {
    match r {
        Recipient::Name(name) => name.name.clone(),
        Recipient::ManagerOf(of, _) => format!("manager of {}", recipient(src, of)),
        Recipient::Person(id, _) => format!("person {}", src.slice(id.span.start, id.span.end)),
    }
}

fn body(src: SourceView<'_>, b: &Body) -> String {
    match b {
        Body::Text(text) => src.slice(text.span.start, text.span.end).to_string(),
        Body::Template(name) => format!("template {}", name.name),
    }
}
