//! `salesflow list --where EXPR`: the rule language as a query over customers.

use super::Exit;
use super::runtime::{Runtime, usage};
use crate::check::{DiskLoader, check_condition};
use crate::cli::{Format, ListArgs};
use crate::engine::Engine;

pub(super) fn run(args: &ListArgs) -> Exit {
    let rt = match Runtime::resolve(&args.run) {
        Ok(rt) => rt,
        Err(e) => return e,
    };
    let cond = match &args.filter {
        None => None,
        Some(text) => match check_condition(&rt.rules, &DiskLoader, text) {
            Ok(Ok((_, cond))) => Some(cond),
            Ok(Err(diags)) => {
                for d in &diags {
                    eprint!("{}", d.render_to_string(false));
                }
                return Exit::Failure;
            }
            Err(e) => return usage(&e.to_string()),
        },
    };
    let store = match rt.read_store() {
        Ok(s) => s,
        Err(e) => return e,
    };
    let ids = match store.all_customer_ids() {
        Ok(ids) => ids,
        Err(e) => return usage(&e.to_string()),
    };
    let engine = Engine::new(&rt.flow, &rt.team);
    let mut rows = Vec::new();
    for id in ids {
        let Ok(Some(history)) = store.history(&id) else {
            continue;
        };
        let eval = match &cond {
            Some(c) => match engine.evaluate_if(&history, rt.now, c) {
                Some(eval) => eval,
                None => continue,
            },
            None => engine.evaluate(&history, rt.now),
        };
        rows.push(serde_json::json!({
            "id": id,
            "name": history.customer.name,
            "owner": history.customer.owner,
            "stage": eval.stage,
            "health": eval.health.map(|h| h.0),
            "segment": eval.segment,
            "tags": eval.tags,
        }));
    }
    match args.run.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        ),
        Format::Human => {
            for r in &rows {
                let s = |k: &str| r[k].as_str().unwrap_or("-").to_string();
                let tags: Vec<&str> = r["tags"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|t| t.as_str()).collect())
                    .unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    s("id"),
                    s("name"),
                    s("stage"),
                    s("health"),
                    s("segment"),
                    tags.join(",")
                );
            }
            eprintln!(
                "{} customer{}",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            );
        }
    }
    Exit::Success
}
