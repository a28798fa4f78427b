//! The tour as text for people, in their language (the message catalogue's
//! `demo-*` texts): names with their labels (`red 高危`), people by name, times
//! in the flow's zone, notes quoted whole.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use std::cmp::Ordering;

use super::Tour;
use crate::model::StateDef;
use crate::report::Body;

/// Items listed in a count line before `…`.
const LISTED: usize = 5;
/// The journey's findings the tour quotes.
const FINDINGS: usize = 2;

/// The whole tour.
pub fn tour(t: &Tour<'_>) -> String {
    let mut out = String::new();
    let w = Writer { t };
    w.header(&mut out);
    w.recorded(&mut out);
    w.rules_did(&mut out);
    w.examples(&mut out);
    w.outbox(&mut out);
    w.reports(&mut out);
    w.files(&mut out);
    w.try_next(&mut out);
    out
}

/// One line: what `--no-tour` prints.
pub fn built(t: &Tour<'_>) -> String {
    let (from, to) = t.days();
    t!(
        "demo-built",
        db = t.project.db,
        customers = t.activity.customers,
        events = t.activity.events,
        days = t.spec.days,
        from = from.to_string(),
        to = to.to_string()
    ) + "\n"
}

struct Writer<'t, 'a> {
    t: &'t Tour<'a>,
}

impl Writer<'_, '_> {
    fn header(&self, out: &mut String) {
        let (from, to) = self.t.days();
        let title = t!(
            "demo-title",
            customers = self.t.activity.customers,
            days = self.t.spec.days,
            from = from.to_string(),
            to = to.to_string(),
            zone = self.t.flow.timezone.name(),
            seed = self.t.spec.seed.to_string(),
            flow = self.t.flow.name.as_deref().unwrap_or_default()
        );
        line(out, 0, &title);
    }

    fn recorded(&self, out: &mut String) {
        let a = &self.t.activity;
        heading(out, &t!("demo-recorded"));
        line(
            out,
            1,
            &t!("demo-records", events = a.events, late = a.late_events),
        );
        let (on_time, late, overdue) = a.task_timeliness;
        line(
            out,
            1,
            &t!(
                "demo-tasks",
                on_time = on_time,
                late = late,
                overdue = overdue
            ),
        );
        let (confirmed, false_alarms) = a.verdicts;
        line(
            out,
            1,
            &t!("demo-verdicts", confirmed = confirmed, false = false_alarms),
        );
    }

    fn rules_did(&self, out: &mut String) {
        let a = &self.t.activity;
        let flow = self.t.flow;
        heading(out, &t!("demo-rules-did"));
        let health = list(&a.health, |name| state_label(&flow.health, name));
        line(out, 1, &t!("demo-health", list = health));
        let total: u64 = a.signals.iter().map(|(_, n)| n).sum();
        let signals = list(&a.signals, |name| {
            flow.risks
                .iter()
                .find(|r| r.name == name)
                .map(|r| r.label.clone())
        });
        line(out, 1, &t!("demo-signals", n = total, list = signals));
        let steps = list(&a.steps, |name| self.escalation_label(name));
        line(out, 1, &t!("demo-steps", list = steps));
        let tasks = list(&a.tasks, |_| None);
        line(out, 1, &t!("demo-tasks-created", list = tasks));
        let stages = list(&a.stages, |name| {
            flow.stages
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.label.clone())
        });
        line(out, 1, &t!("demo-stages", list = stages));
        if let Some(first) = self.t.summary.errors.first() {
            let n = self.t.summary.errors.len();
            line(out, 1, &t!("demo-rule-errors", n = n, first = first));
        }
    }

    fn examples(&self, out: &mut String) {
        heading(out, &t!("demo-examples"));
        let mut n = 0;
        let mut number = |out: &mut String| {
            n += 1;
            let _ = write!(out, "  {n}. ");
        };
        for h in &self.t.health {
            number(out);
            let label = state_label(&self.t.flow.health, &h.to).unwrap_or_default();
            let title = t!(
                "demo-health-example",
                name = h.name,
                id = h.customer,
                label = label,
                state = h.to,
                at = self.time(h.at)
            );
            out.push_str(&title);
            out.push('\n');
            line(out, 2, &t!("demo-because", rule = h.rule));
            for w in h.witnesses.iter().filter(|w| w.text.is_some()) {
                let evidence = t!(
                    "demo-evidence",
                    kind = w.kind,
                    actor = self.person(w.actor.as_deref()),
                    at = self.time(w.at),
                    text = w.text.as_deref().unwrap_or_default()
                );
                line(out, 2, &evidence);
            }
        }
        for s in &self.t.signals {
            number(out);
            let label = self
                .t
                .flow
                .risks
                .iter()
                .find(|r| r.name == s.risk)
                .map(|r| r.label.clone())
                .unwrap_or_default();
            let title = t!(
                "demo-signal-example",
                label = label,
                risk = s.risk,
                name = s.name,
                id = s.customer,
                keyword = s.keyword,
                kind = s.event.kind,
                at = self.time(s.event.at),
                text = s.event.text.as_deref().unwrap_or_default()
            );
            out.push_str(&title);
            out.push('\n');
            if let Some(v) = &s.verdict {
                line(out, 2, &t!("demo-judged", verdict = v));
            }
            if let Some(first) = s.strategy.first() {
                line(out, 2, &t!("demo-strategy", strategy = first));
            }
        }
        for e in &self.t.steps {
            number(out);
            let title = t!(
                "demo-step-example",
                label = self.escalation_label(&e.escalation).unwrap_or_default(),
                escalation = e.escalation,
                step = e.step,
                at = self.time(e.due_at),
                name = e.name,
                id = e.customer
            );
            out.push_str(&title);
            out.push('\n');
            for (to, cc, body) in &e.messages {
                let to = self.recipient(to);
                let body = indented(body);
                let message = if cc.is_empty() {
                    t!("demo-message", to = to, body = body)
                } else {
                    let names: Vec<String> = cc.iter().map(|c| self.person(Some(c))).collect();
                    let cc = names.join(&t!("list-separator"));
                    t!("demo-message-cc", to = to, cc = cc, body = body)
                };
                line(out, 2, &message);
            }
        }
        if n == 0 {
            line(out, 1, &t!("none"));
        }
    }

    fn outbox(&self, out: &mut String) {
        heading(out, &t!("demo-outbox"));
        let count = |pred: &dyn Fn(&str, &str) -> bool| -> u64 {
            self.t
                .activity
                .outbox
                .iter()
                .filter(|(key, _)| {
                    let (kind, status) = key.split_once('/').unwrap_or((key, ""));
                    pred(kind, status)
                })
                .map(|(_, n)| n)
                .sum()
        };
        let counts = t!(
            "demo-outbox-counts",
            n = count(&|_, _| true),
            notify = count(&|kind, _| kind == "notify"),
            message = count(&|kind, _| kind == "message"),
            pending = count(&|_, status| status == "pending"),
            suppressed = count(&|_, status| status == "suppressed")
        );
        line(out, 1, &counts);
        for m in &self.t.messages {
            let to = self.recipient(&m.recipient);
            let body = indented(&m.body);
            let message = t!(
                "demo-highlight",
                at = self.time(m.created_at),
                subject = m.subject,
                id = m.customer,
                to = to,
                body = body
            );
            line(out, 2, &message);
        }
    }

    /// A line or two of each report: the funnel's stages, the slowest stage and
    /// its main delay reason, the journey's metrics against their goals and its
    /// findings; then where the HTML files are.
    fn reports(&self, out: &mut String) {
        let Some(r) = &self.t.reports else {
            return;
        };
        heading(out, &t!("demo-reports"));
        let period = r.funnel.current.period.show(self.t.flow.timezone);
        line(out, 1, &t!("demo-report-period", period = period));
        if let Body::Funnel(f) = &r.funnel.current.body {
            let stages: Vec<String> = f
                .stages
                .iter()
                .filter(|s| s.outcome != Some("lost"))
                .map(|s| match s.conversion {
                    Some(c) => format!("{} {} ({:.0}%)", s.label, s.reached, c * 100.0),
                    None => format!("{} {}", s.label, s.reached),
                })
                .collect();
            let text = t!(
                "demo-report-funnel",
                title = r.funnel.kind_title(),
                stages = stages.join(" → "),
                won = f.won,
                lost = f.lost
            );
            line(out, 1, &text);
        }
        if let Body::Dwell(d) = &r.dwell.current.body {
            let slowest = d
                .stages
                .iter()
                .filter(|s| s.mean_days.is_some())
                .max_by(|a, b| {
                    a.mean_days
                        .partial_cmp(&b.mean_days)
                        .unwrap_or(Ordering::Equal)
                });
            let days = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"));
            let text = match slowest {
                Some(s) => {
                    let reason = s
                        .top_reasons
                        .iter()
                        .find(|r| !r.none_recorded)
                        .map(|x| {
                            t!(
                                "demo-report-dwell-reason",
                                reason = x.reason.clone(),
                                share = format!("{:.0}%", x.share * 100.0)
                            )
                        })
                        .unwrap_or_default();
                    t!(
                        "demo-report-dwell",
                        title = r.dwell.kind_title(),
                        stage = s.label.clone(),
                        visits = s.visits,
                        mean = days(s.mean_days),
                        median = days(s.median_days),
                        p90 = days(s.p90_days),
                        reason = reason
                    )
                }
                None => t!("demo-report-dwell-none", title = r.dwell.kind_title()),
            };
            line(out, 1, &text);
        }
        if let Body::Journey(j) = &r.journey.current.body {
            let metrics: Vec<String> = j
                .metrics
                .each()
                .iter()
                .map(|(metric, m)| {
                    let value = m
                        .value
                        .map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0));
                    let op = m.goal_op.unwrap_or("≥");
                    let goal = match (m.goal, m.met) {
                        (Some(g), Some(true)) => format!(" ✓ {op}{:.0}%", g * 100.0),
                        (Some(g), _) => format!(" ✗ {op}{:.0}%", g * 100.0),
                        (None, _) => String::new(),
                    };
                    let name = crate::model::Metric::ALL
                        .iter()
                        .find(|(_, x)| x == metric)
                        .map_or("", |(n, _)| n);
                    t!(
                        "demo-report-metric",
                        metric = name,
                        value = value,
                        goal = goal
                    )
                })
                .collect();
            let text = t!(
                "demo-report-journey",
                title = r.journey.kind_title(),
                active = j.active_customers,
                metrics = metrics.join(r.journey.lang.pick(", ", "，"))
            );
            line(out, 1, &text);
            for f in j.findings.iter().take(FINDINGS) {
                line(out, 2, &f.text);
            }
        }
        for path in &r.html {
            line(
                out,
                1,
                &t!("demo-report-html", path = path.display().to_string()),
            );
        }
    }

    fn files(&self, out: &mut String) {
        heading(out, &t!("demo-files"));
        line(out, 1, &t!("demo-project", dir = self.t.project.dir));
        line(out, 1, &t!("demo-store", db = self.t.project.db));
    }

    fn try_next(&self, out: &mut String) {
        heading(out, &t!("demo-try-next"));
        let dir = self.t.project.dir.display().to_string();
        line(out, 1, &format!("cd {}", shell_word(&dir)));
        let customer = self
            .t
            .health
            .first()
            .map(|h| h.customer.clone())
            .or_else(|| self.t.signals.first().map(|s| s.customer.clone()));
        if let Some(c) = customer {
            line(out, 1, &format!("salesflow explain {c}"));
            line(out, 1, &format!("salesflow signal list --customer {c}"));
        }
        if let Some(worst) = self.t.flow.health.first() {
            line(
                out,
                1,
                &format!("salesflow list --where \"health is {}\"", worst.name),
            );
        }
        line(out, 1, "salesflow task list --open");
        line(out, 1, "salesflow plan");
    }

    fn escalation_label(&self, name: &str) -> Option<String> {
        self.t
            .flow
            .escalations
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.label.clone())
    }

    /// Whom a message goes to: a person by name, or the customer's contact.
    fn recipient(&self, to: &str) -> String {
        if to == "customer" {
            t!("demo-the-customer")
        } else {
            self.person(Some(to))
        }
    }

    /// A person by name, or as given.
    fn person(&self, id: Option<&str>) -> String {
        match id {
            Some(id) => self
                .t
                .team
                .person(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone()),
            None => "-".into(),
        }
    }

    fn time(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.t.flow.timezone)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }
}

/// `red 高危 14, yellow 需关注 52, …`, the largest first.
fn list(counts: &[(String, u64)], label: impl Fn(&str) -> Option<String>) -> String {
    let mut sorted: Vec<&(String, u64)> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut parts: Vec<String> = sorted
        .iter()
        .take(LISTED)
        .map(|(name, n)| match label(name) {
            Some(l) if &l != name => format!("{name} {l} {n}"),
            _ => format!("{name} {n}"),
        })
        .collect();
    if sorted.len() > LISTED {
        parts.push("…".into());
    }
    if parts.is_empty() {
        t!("none")
    } else {
        parts.join(&t!("list-separator"))
    }
}

/// A message of several lines, its later lines under the first.
fn indented(body: &str) -> String {
    body.trim().replace('\n', "\n      ")
}

fn state_label(states: &[StateDef], name: &str) -> Option<String> {
    states
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.label.clone())
}

fn heading(out: &mut String, text: &str) {
    out.push('\n');
    out.push_str(text);
    out.push('\n');
}

fn line(out: &mut String, indent: usize, text: &str) {
    out.push_str(&"  ".repeat(indent));
    out.push_str(text);
    out.push('\n');
}

/// A path as one shell word (quoted when it has spaces or quotes).
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+:@".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
