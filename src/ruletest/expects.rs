//! The `expect:` of a test → expectations in time order, every name in them
//! checked against the rules and the team: a health state, segment, stage, tag or
//! risk the rules do not have is a test-file error, not a failing comparison.
//!
//! `customer` may be left out: `signals`, `tasks`, `outbox`, `no_outbox` and
//! `fired` then look at every customer; `health`, `segment`, `stage` and `tags`
//! then mean the test's only customer (an error when it has several).

use super::context::{Ctx, join, known};
use super::coverage::step_labels;
use super::error::TestFileError;
use super::lines::Seg;
use super::spec::RawExpect;
use super::suite::{Check, Expectation, FiredSpec, OutboxSpec, TaskSpec};

/// Compiles the expectations at `path` for the customers `ids`.
pub fn compile(
    ctx: &Ctx<'_>,
    raws: &[RawExpect],
    ids: &[&str],
    path: &[Seg<'_>],
) -> Result<Vec<Expectation>, TestFileError> {
    let mut out = Vec::new();
    for (i, raw) in raws.iter().enumerate() {
        let here = join(path, &[Seg::Item(i)]);
        out.push(one(ctx, raw, ids, &here)?);
    }
    out.sort_by_key(|e| e.at);
    let mut earlier = None;
    let mut current = None;
    for e in &mut out {
        if current != Some(e.at) {
            earlier = current;
            current = Some(e.at);
        }
        e.since = earlier;
    }
    Ok(out)
}

fn one(
    ctx: &Ctx<'_>,
    raw: &RawExpect,
    ids: &[&str],
    here: &[Seg<'_>],
) -> Result<Expectation, TestFileError> {
    let flow = ctx.flow;
    let key = |k: &'static str| join(here, &[Seg::Key(k)]);
    let name_in = |name: &str, names: Vec<&str>, what: &str, k: &'static str| {
        known(name, names.into_iter(), what).map_err(|m| ctx.invalid(&key(k), m))
    };
    let at = ctx.time(&raw.at, &key("at"))?;
    if let Some(c) = &raw.customer {
        name_in(c, ids.to_vec(), "customer", "customer")?;
    }
    let state_customer = || match (&raw.customer, ids) {
        (Some(_), _) | (None, [_]) => Ok(()),
        (None, _) => Err(ctx.invalid(
            here,
            "`health`, `segment`, `stage` and `tags` need `customer` when the test has several"
                .into(),
        )),
    };
    let mut checks = Vec::new();
    if let Some(h) = &raw.health {
        state_customer()?;
        name_in(
            h,
            flow.health.iter().map(|s| s.name.as_str()).collect(),
            "health state",
            "health",
        )?;
        checks.push(Check::Health(h.clone()));
    }
    if let Some(s) = &raw.segment {
        state_customer()?;
        name_in(
            s,
            flow.segments.iter().map(|s| s.name.as_str()).collect(),
            "segment",
            "segment",
        )?;
        checks.push(Check::Segment(s.clone()));
    }
    if let Some(s) = &raw.stage {
        state_customer()?;
        name_in(
            s,
            flow.stages.iter().map(|s| s.name.as_str()).collect(),
            "stage",
            "stage",
        )?;
        checks.push(Check::Stage(s.clone()));
    }
    if let Some(tags) = &raw.tags {
        state_customer()?;
        for t in tags {
            name_in(
                t,
                flow.tags.iter().map(|t| t.name.as_str()).collect(),
                "tag",
                "tags",
            )?;
        }
        checks.push(Check::Tags(tags.iter().cloned().collect()));
    }
    if let Some(risks) = &raw.signals {
        for r in risks {
            name_in(
                r,
                flow.risks.iter().map(|r| r.name.as_str()).collect(),
                "risk",
                "signals",
            )?;
        }
        checks.push(Check::Signals(risks.iter().cloned().collect()));
    }
    if let Some(tasks) = &raw.tasks {
        let mut items = Vec::new();
        for (i, t) in tasks.iter().enumerate() {
            let place = join(here, &[Seg::Key("tasks"), Seg::Item(i)]);
            if let Some(a) = &t.assignee {
                ctx.person(a, "person", &place)?;
            }
            let due = t.due.as_ref().map(|d| ctx.time(d, &place)).transpose()?;
            items.push(TaskSpec {
                title: t.title.clone(),
                assignee: t.assignee.clone(),
                due,
                done: t.done,
            });
        }
        checks.push(Check::Tasks {
            items,
            exactly: raw.exactly,
        });
    }
    if let Some(outbox) = &raw.outbox {
        let mut items = Vec::new();
        for (i, o) in outbox.iter().enumerate() {
            let place = join(here, &[Seg::Key("outbox"), Seg::Item(i)]);
            if let Some(to) = o.to.as_deref().filter(|to| *to != "customer") {
                ctx.person(to, "person", &place)?;
            }
            for cc in o.cc.iter().flatten() {
                ctx.person(cc, "person", &place)?;
            }
            if let Some(t) = &o.template {
                let names = flow.templates.iter().filter_map(|t| t.name.as_deref());
                known(t, names, "template").map_err(|m| ctx.invalid(&place, m))?;
            }
            items.push(OutboxSpec {
                to: o.to.clone(),
                cc: o.cc.as_ref().map(|cc| cc.iter().cloned().collect()),
                kind: o.kind,
                template: o.template.clone(),
                text_contains: o.text_contains.clone(),
            });
        }
        checks.push(Check::Outbox {
            items,
            exactly: raw.exactly,
        });
    }
    if raw.no_outbox == Some(true) {
        checks.push(Check::NoOutbox);
    }
    if let Some(fired) = &raw.fired {
        let mut items = Vec::new();
        for (i, f) in fired.iter().enumerate() {
            let place = join(here, &[Seg::Key("fired"), Seg::Item(i)]);
            let names = flow.escalations.iter().map(|e| e.name.as_str());
            known(&f.escalation, names, "escalation").map_err(|m| ctx.invalid(&place, m))?;
            if let (Some(step), Some(esc)) = (
                &f.step,
                flow.escalations.iter().find(|e| e.name == f.escalation),
            ) {
                let labels = step_labels(esc);
                known(step, labels.iter().map(String::as_str), "step")
                    .map_err(|m| ctx.invalid(&place, m))?;
            }
            if f.epoch == Some(0) {
                return Err(ctx.invalid(&place, "epochs count from 1".into()));
            }
            let due = f.due.as_ref().map(|d| ctx.time(d, &place)).transpose()?;
            items.push(FiredSpec {
                escalation: f.escalation.clone(),
                step: f.step.clone(),
                due,
                epoch: f.epoch,
            });
        }
        checks.push(Check::Fired {
            items,
            exactly: raw.exactly,
        });
    }
    let lists = raw.tasks.is_some() || raw.outbox.is_some() || raw.fired.is_some();
    if raw.exactly && !lists {
        return Err(ctx.invalid(
            &key("exactly"),
            "`exactly` is for `tasks`, `outbox` and `fired`".into(),
        ));
    }
    if checks.is_empty() {
        return Err(ctx.invalid(
            here,
            "this expectation checks nothing: give `health`, `segment`, `stage`, `tags`, \
             `signals`, `tasks`, `outbox`, `no_outbox` or `fired`"
                .into(),
        ));
    }
    let customer = raw
        .customer
        .clone()
        .or_else(|| (ids.len() == 1).then(|| ids[0].to_string()));
    Ok(Expectation {
        line: ctx.lines.find(here),
        name: raw.name.clone(),
        written: raw.at.clone(),
        at,
        since: None,
        customer,
        checks,
    })
}
