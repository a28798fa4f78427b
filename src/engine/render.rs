//! Rendering templates with MiniJinja, strictly: a variable undefined at run time
//! is an error, never an empty string sent to a customer. Filters: `date`,
//! `datetime`, `in_workdays(n)` (on the clock of the enclosing escalation, else
//! calendar days).

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior};

use crate::calendar::Calendar;
use crate::model::Flow;

/// The name of the context variable holding the clock's calendar index.
pub const CLOCK_VAR: &str = "__clock";

/// A template environment holding every template of a flow.
pub struct Renderer {
    env: Environment<'static>,
}

fn parse_time(value: &Value) -> Result<DateTime<Utc>, Error> {
    let text = value
        .as_str()
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "not a time"))?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("`{text}` is not a time"),
            )
        })
}

impl Renderer {
    /// Compiles the flow's templates (the checker has already parsed them).
    pub fn new(flow: &Flow) -> Renderer {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let tz = flow.timezone;
        let calendars: Arc<Vec<Calendar>> =
            Arc::new(flow.calendars.iter().map(|c| c.calendar.clone()).collect());
        env.add_filter("date", move |value: Value| -> Result<String, Error> {
            Ok(parse_time(&value)?
                .with_timezone(&tz)
                .format("%Y-%m-%d")
                .to_string())
        });
        env.add_filter("datetime", move |value: Value| -> Result<String, Error> {
            Ok(parse_time(&value)?
                .with_timezone(&tz)
                .format("%Y-%m-%d %H:%M")
                .to_string())
        });
        env.add_filter(
            "in_workdays",
            move |state: &State, value: Value, n: u32| -> Result<String, Error> {
                let t = parse_time(&value)?;
                let clock = state
                    .lookup(CLOCK_VAR)
                    .and_then(|v| v.as_usize())
                    .and_then(|i| calendars.get(i));
                let out = match clock {
                    Some(cal) => cal.add_working_days(t, n),
                    None => t.checked_add_signed(TimeDelta::days(i64::from(n))),
                };
                out.map(|t| t.to_rfc3339()).ok_or_else(|| {
                    Error::new(ErrorKind::InvalidOperation, "no working day follows")
                })
            },
        );
        for (id, t) in flow.templates.iter().enumerate() {
            // Checked already; a template that fails here renders as an error later.
            let _ = env.add_template_owned(format!("t{id}"), t.source.clone());
        }
        Renderer { env }
    }

    /// Renders template `id` with a context.
    pub fn render(&self, id: usize, ctx: &Value) -> Result<String, String> {
        let tmpl = self
            .env
            .get_template(&format!("t{id}"))
            .map_err(|e| e.to_string())?;
        tmpl.render(ctx).map(|s| s.trim().to_string()).map_err(|e| {
            if e.kind() == ErrorKind::UndefinedError {
                // Name what is missing: the variables the template reads that this
                // context does not hold.
                let missing: Vec<String> = {
                    let mut vars: Vec<String> =
                        tmpl.undeclared_variables(true).into_iter().collect();
                    vars.sort();
                    vars.into_iter()
                        .filter(|v| !defined(ctx, v))
                        .map(|v| format!("`{v}`"))
                        .collect()
                };
                if !missing.is_empty() {
                    return format!(
                        "undefined {} (a variable the template reads has no value here)",
                        missing.join(", ")
                    );
                }
            }
            let mut msg = e.to_string();
            if let Some(detail) = e.detail() {
                if !msg.contains(detail) {
                    msg = format!("{msg}: {detail}");
                }
            }
            msg
        })
    }
}

/// Whether a dotted path (`customer.estimated_margin`) has a value in the context.
fn defined(ctx: &Value, path: &str) -> bool {
    let mut v = ctx.clone();
    for part in path.split('.') {
        match v.get_attr(part) {
            Ok(next) if !next.is_undefined() => v = next,
            _ => return false,
        }
    }
    true
}
