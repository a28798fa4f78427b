//! `explain`: why a customer is in its health state and segment. Every state is
//! shown in order with each of its `or` branches, its actual values and whether it
//! holds, so an ops person sees both the deciding state and the skipped ones.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Engine;
use super::cond::Ctx;
use super::effects::Evaluation;
use super::records::{CustomerHistory, Event};
use super::replay::Replay;
use crate::model::{Cond, StateDef};

/// One `or` branch of a state's condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Branch {
    /// The branch with its actual value: `since last contact(…) = 16d3h > 14d`.
    pub text: String,
    /// Whether it holds.
    pub holds: bool,
}

/// One health state or segment, evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateExplain {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// Whether it is the customer's (the first that holds).
    pub decided: bool,
    /// Whether its condition holds (`otherwise` always does).
    pub holds: bool,
    /// Its branches (empty for `otherwise`).
    pub branches: Vec<Branch>,
}

/// Everything `explain` shows.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The evaluation at the instant (timers, visits, effects).
    pub evaluation: Evaluation,
    /// Health states in order.
    pub health: Vec<StateExplain>,
    /// Segments in order.
    pub segments: Vec<StateExplain>,
    /// The witness events of the current health state.
    pub witnesses: Vec<Event>,
}

impl Engine<'_> {
    /// Explains one customer at `now`.
    pub fn explain(&self, history: &CustomerHistory, now: DateTime<Utc>) -> Explanation {
        let mut replay = Replay::new(self, history);
        let next = replay.advance(now);
        let (health, segments, witness) = {
            let ctx = replay.ctx(now);
            // The witness of the condition that holds now, not the one stored at
            // the last change of health.
            let witness = self
                .flow
                .health
                .iter()
                .find_map(|s| match &s.when {
                    None => Some(Vec::new()),
                    Some(c) => {
                        let (holds, w) = ctx.eval(c);
                        holds.then_some(w.events)
                    }
                })
                .unwrap_or_default();
            (
                explain_states(&ctx, &self.flow.health),
                explain_states(&ctx, &self.flow.segments),
                witness,
            )
        };
        let evaluation = replay.finish(now, next);
        let witnesses = history
            .events
            .iter()
            .filter(|ev| witness.contains(&ev.id))
            .cloned()
            .collect();
        Explanation {
            evaluation,
            health,
            segments,
            witnesses,
        }
    }

    /// The customer's evaluation at `now` when a condition holds for it then
    /// (`list --where`), from one replay.
    pub fn evaluate_if(
        &self,
        history: &CustomerHistory,
        now: DateTime<Utc>,
        cond: &Cond,
    ) -> Option<Evaluation> {
        let mut replay = Replay::new(self, history);
        let next = replay.advance(now);
        replay
            .ctx(now)
            .eval(cond)
            .0
            .then(|| replay.finish(now, next))
    }
}

/// `explain`'s lines for health states or segments: the deciding one marked `→`,
/// each `or` branch with its actual value and whether it holds.
pub fn explain_lines(states: &[StateExplain]) -> Vec<String> {
    let mut out = Vec::new();
    for s in states {
        let mark = if s.decided {
            "→"
        } else if s.holds {
            "·"
        } else {
            " "
        };
        if s.branches.is_empty() {
            out.push(format!(
                "  {mark} {}",
                crate::t!("explain-state-otherwise", name = s.name, label = s.label)
            ));
            continue;
        }
        let line = if s.holds {
            crate::t!("explain-state-holds", name = s.name, label = s.label)
        } else {
            crate::t!("explain-state-fails", name = s.name, label = s.label)
        };
        out.push(format!("  {mark} {line}"));
        for b in &s.branches {
            let tick = if b.holds { "✓" } else { "✗" };
            out.push(format!("      {tick} {}", b.text));
        }
    }
    out
}

fn explain_states(ctx: &Ctx<'_, '_>, states: &[StateDef]) -> Vec<StateExplain> {
    let mut decided = false;
    states
        .iter()
        .map(|s| {
            let (holds, branches) = match &s.when {
                None => (true, Vec::new()),
                Some(c) => {
                    let holds = ctx.eval(c).0;
                    (
                        holds,
                        branches(ctx, c, s.when_text.as_deref().unwrap_or("")),
                    )
                }
            };
            let this = holds && !decided;
            decided |= holds;
            StateExplain {
                name: s.name.clone(),
                label: s.label.clone(),
                decided: this,
                holds,
                branches,
            }
        })
        .collect()
}

fn branches(ctx: &Ctx<'_, '_>, c: &Cond, text: &str) -> Vec<Branch> {
    let mut conds = Vec::new();
    flatten_or(c, &mut conds);
    let texts = split_top(text, " or ");
    if texts.len() != conds.len() {
        return vec![Branch {
            text: text.to_string(),
            holds: ctx.eval(c).0,
        }];
    }
    conds
        .iter()
        .zip(texts)
        .map(|(c, t)| Branch {
            text: with_value(ctx, c, t),
            holds: ctx.eval(c).0,
        })
        .collect()
}

fn flatten_or<'c>(c: &'c Cond, out: &mut Vec<&'c Cond>) {
    // `a or b or c` is `(a or b) or c`; a parenthesised `or` on the right stays whole.
    if let Cond::Or(a, b) = c {
        flatten_or(a, out);
        out.push(b);
    } else {
        out.push(c);
    }
}

/// `lhs OP rhs` → `lhs = ACTUAL OP rhs`.
fn with_value(ctx: &Ctx<'_, '_>, c: &Cond, text: &str) -> String {
    let Cond::Compare(l, _, _, _) = c else {
        return text.to_string();
    };
    for op in [" >= ", " <= ", " == ", " != ", " > ", " < "] {
        if let Some((lhs, rhs)) = split_top(text, op)
            .split_first()
            .filter(|(_, r)| !r.is_empty())
        {
            if matches!(l, crate::model::Operand::Const(_)) {
                return text.to_string();
            }
            return format!("{lhs} = {}{op}{}", ctx.describe(l), rhs.join(op));
        }
    }
    text.to_string()
}

/// Splits at `sep` outside parentheses, brackets and strings.
fn split_top<'t>(text: &'t str, sep: &str) -> Vec<&'t str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'(' | b'[' if !quoted => depth += 1,
            b')' | b']' if !quoted => depth -= 1,
            // Compared as bytes: `sep` is ASCII, so a match starts on a char boundary
            // even in text full of Chinese names.
            _ if !quoted && depth == 0 && bytes[i..].starts_with(sep.as_bytes()) => {
                parts.push(&text[start..i]);
                i += sep.len();
                start = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::split_top;

    #[test]
    fn splitting_ignores_parentheses_and_strings() {
        assert_eq!(
            split_top("a or (b or c) or mentions \"x or y\"", " or "),
            ["a", "(b or c)", "mentions \"x or y\""]
        );
    }

    #[test]
    fn splitting_text_with_chinese_names_outside_quotes_never_panics() {
        assert_eq!(
            split_top("tagged 新能源 or customer.预算 >= 500000", " or "),
            ["tagged 新能源", "customer.预算 >= 500000"]
        );
        assert_eq!(
            split_top("customer.预算 >= 500000", " >= "),
            ["customer.预算", "500000"]
        );
    }
}
