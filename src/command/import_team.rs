//! `salesflow import team ROSTER`: merges a roster (CSV, XLSX, JSON Lines, or
//! YAML of the team.yaml shape) into the team file named by `team:` or `--team`,
//! by person id, keeping the file's comments and `defaults:` (`team::merge`).
//! The team file is the only source of people, so this writes no store: the next
//! `plan` or `apply` reads the file, and `apply` keeps the snapshot it used.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::json;

use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, ImportArgs};
use crate::import::{Context, ImportKind, ReadOptions, load};
use crate::team::{MergeReport, merge_into_file};

pub(super) fn run(args: &ImportArgs, s: &Settings, p: &mut Printer) -> Result {
    let path = s.team.clone().ok_or_else(|| {
        CommandError::usage(t!("error-no-team-file"), Some(t!("help-no-team-file")))
    })?;
    let options = ReadOptions {
        sheet: args.sheet.clone(),
        encoding: args.encoding,
        map: args.map.clone(),
    };
    let loaded = load(
        ImportKind::Team,
        &args.file,
        &options,
        &Context::default(),
        &(),
    )
    .map_err(|e| CommandError::import(e, ImportKind::Team.name()))?;
    let roster = loaded.batch.team.unwrap_or_default();
    let report = merge_into_file(&path, &roster)?;
    let changed = report.new_file
        || !(report.added.is_empty()
            && report.updated.is_empty()
            && report.managers_created.is_empty()
            && report.defaults_added.is_empty());
    let written = changed && !args.dry_run;
    if written {
        write_atomically(&path, &report.text)?;
    }
    let attributes: BTreeSet<&str> = roster
        .people
        .iter()
        .flat_map(|person| person.attrs.keys().map(String::as_str))
        .collect();
    if s.format == Format::Json {
        outln!(
            p,
            "{}",
            super::pretty(&json!({
                "file": args.file.display().to_string(),
                "kind": "team",
                "team_file": path.display().to_string(),
                "dry_run": args.dry_run,
                "written": written,
                "new_file": report.new_file,
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "managers_created": report.managers_created,
                "defaults_added": report.defaults_added,
                "attributes": attributes,
            }))
        );
    } else {
        human(p, args, &path, &report, &attributes);
    }
    Ok(Outcome::Done)
}

fn human(
    p: &mut Printer,
    args: &ImportArgs,
    path: &Path,
    r: &MergeReport,
    attributes: &BTreeSet<&str>,
) {
    let summary = t!(
        "team-merge-summary",
        added = r.added.len(),
        updated = r.updated.len(),
        unchanged = r.unchanged
    );
    let file = args.file.display().to_string();
    let team_file = path.display().to_string();
    if args.dry_run {
        outln!(
            p,
            "{}",
            t!(
                "team-merge-dry-run",
                file = file,
                team_file = team_file,
                summary = summary
            )
        );
    } else {
        outln!(
            p,
            "{}",
            t!(
                "team-merge-done",
                file = file,
                team_file = team_file,
                summary = summary
            )
        );
    }
    let quoted = |ids: &[String]| {
        ids.iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !r.managers_created.is_empty() {
        outln!(
            p,
            "  {}",
            t!("team-managers-created", ids = quoted(&r.managers_created))
        );
    }
    if !r.defaults_added.is_empty() {
        outln!(
            p,
            "  {}",
            t!("team-defaults-added", roles = quoted(&r.defaults_added))
        );
    }
    if !attributes.is_empty() {
        let names: Vec<&str> = attributes.iter().copied().collect();
        outln!(
            p,
            "  {}",
            t!("team-attributes-kept", columns = names.join(", "))
        );
    }
}

/// Writes beside the file, then renames over it: a crash leaves the old team file
/// or the new one, never half of one.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let failed = |source| CommandError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".salesflow-tmp");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, text).map_err(failed)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        failed(e)
    })
}
