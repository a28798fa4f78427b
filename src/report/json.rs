//! A report as JSON, in the shapes of PRODUCT.md: figures as fractions (0.736,
//! not 73.6), times in RFC 3339 with the flow's offset. With `--compare-to`,
//! every object that holds figures gets `compare` (the other period's figures,
//! matched by stage, reason, metric or group) and `change` (this period's minus
//! the other's) beside them; heatmaps and findings are not compared.

use serde_json::{Map, Value, json};

use super::{Body, Report, Section};

/// Keys that are never compared: heatmap columns are weeks, findings are
/// sentences, a goal is the same in both periods.
const NOT_COMPARED: [&str; 4] = ["heatmap", "findings", "goal", "expect_days"];
/// Keys that identify an element of a list across periods.
const IDENTITY: [&str; 4] = ["stage", "reason", "group", "key"];

/// The report as a JSON value.
pub fn render(report: &Report) -> Value {
    let mut out = section(report, &report.current);
    if let Some(other) = &report.compare {
        let theirs = section(report, other);
        annotate(&mut out, &theirs);
        if let Value::Object(o) = &mut out {
            o.insert("compare_period".into(), json!(other.period.json(report.tz)));
        }
    }
    out
}

fn section(report: &Report, s: &Section) -> Value {
    let mut out = Map::new();
    out.insert("report".into(), json!(report.kind.name()));
    out.insert("period".into(), json!(s.period.json(report.tz)));
    if let Some(by) = report.by {
        out.insert("by".into(), json!(by.name()));
    }
    merge(&mut out, body(&s.body));
    if report.by.is_some() && !s.groups.is_empty() {
        let groups: Vec<Value> = s
            .groups
            .iter()
            .map(|g| {
                let mut o = Map::new();
                o.insert("group".into(), json!(g.key));
                o.insert("label".into(), json!(g.label));
                merge(&mut o, body(&g.body));
                Value::Object(o)
            })
            .collect();
        out.insert("groups".into(), Value::Array(groups));
    }
    Value::Object(out)
}

fn body(b: &Body) -> Value {
    match b {
        Body::Funnel(f) => json!(f),
        Body::Dwell(d) => json!(d),
        Body::Journey(j) => json!(j),
    }
}

fn merge(into: &mut Map<String, Value>, v: Value) {
    if let Value::Object(o) = v {
        into.extend(o);
    }
}

/// Adds `compare` and `change` to every object of `cur` holding figures.
fn annotate(cur: &mut Value, other: &Value) {
    let Value::Object(c) = cur else {
        return;
    };
    let mut compare = Map::new();
    let mut change = Map::new();
    for (k, v) in c.iter_mut() {
        if NOT_COMPARED.contains(&k.as_str()) {
            continue;
        }
        let theirs = other.get(k).unwrap_or(&Value::Null);
        match v {
            Value::Number(_) | Value::Null if v.is_number() || theirs.is_number() => {
                compare.insert(k.clone(), theirs.clone());
                let diff = v.as_f64().zip(theirs.as_f64()).map(|(a, b)| a - b);
                change.insert(k.clone(), json!(diff.map(round)));
            }
            Value::Array(items) => {
                let empty = Vec::new();
                let theirs = theirs.as_array().unwrap_or(&empty);
                for (i, item) in items.iter_mut().enumerate() {
                    let matched = identity(item).map_or_else(
                        || theirs.get(i),
                        |id| theirs.iter().find(|t| identity(t) == Some(id)),
                    );
                    annotate(item, matched.unwrap_or(&Value::Null));
                }
            }
            Value::Object(_) => annotate(v, theirs),
            _ => {}
        }
    }
    if !compare.is_empty() {
        c.insert("compare".into(), Value::Object(compare));
        c.insert("change".into(), Value::Object(change));
    }
}

/// What identifies a list element across periods.
fn identity(v: &Value) -> Option<&str> {
    IDENTITY.iter().find_map(|k| v.get(k)?.as_str())
}

/// Differences of fractions without float noise (0.1 − 0.3 is −0.2, not −0.19999…).
fn round(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}
