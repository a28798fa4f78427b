//! Reading test files: the paths given (files, or folders searched recursively for
//! `*.yaml`, in sorted order) → compiled [`Suite`]s. Rules and teams named by
//! several files are read and checked once.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::{DateTime, TimeDelta, Utc};

use super::context::{Ctx, join};
use super::error::{Place, TestFileError};
use super::lines::{Lines, Seg};
use super::spec::{RawFile, RawTest};
use super::suite::{Case, Suite};
use super::when::When;
use super::{customers, expects, timeline};
use crate::check::{DiskLoader, check_path, normalize};
use crate::model::Flow;
use crate::team::Team;

/// More ticks than a test needs; a guard against `tick: 1m` over a year.
const MAX_TICKS: usize = 200_000;

/// Every test file under the paths: a file as given, a folder's `*.yaml` files
/// recursively, each folder's in sorted order.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out).map_err(|e| (path.clone(), e))?;
        } else {
            std::fs::metadata(path).map_err(|e| (path.clone(), e))?;
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads test files, sharing the rules and teams they name.
#[derive(Default)]
pub struct Loader {
    flows: HashMap<PathBuf, Rc<Flow>>,
    teams: HashMap<PathBuf, Rc<Team>>,
}

impl Loader {
    /// A loader with nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads and compiles one test file.
    pub fn load(&mut self, file: &Path) -> Result<Suite, TestFileError> {
        let at = |line| Place {
            file: file.to_path_buf(),
            line,
            column: None,
        };
        let text = std::fs::read_to_string(file).map_err(|e| TestFileError::Read {
            place: at(None),
            path: file.display().to_string(),
            message: e.to_string(),
        })?;
        let raw: RawFile = serde_yaml::from_str(&text).map_err(|e| shape(file, &e))?;
        let lines = Lines::new(&text);
        let line_of = |key| lines.find(&[Seg::Key(key)]);
        let dir = file.parent().unwrap_or(Path::new(""));
        let rules = normalize(&dir.join(&raw.rules));
        let flow = self.flow(&rules, at(line_of("rules")))?;
        let team = match &raw.team {
            Some(t) => self.team(&normalize(&dir.join(t)), at(line_of("team")))?,
            None => Rc::new(Team::default()),
        };
        let start = match &raw.start {
            When::Instant(text) => crate::timefmt::parse_instant(text, flow.timezone)
                .map_err(|m| invalid(at(line_of("start")), m))?,
            When::Offset(_) => {
                return Err(invalid(
                    at(line_of("start")),
                    "`start` is an instant: write `2026-03-02T09:00:00+08:00`".into(),
                ));
            }
        };
        let ctx = Ctx {
            file,
            lines: &lines,
            flow: &flow,
            team: &team,
            start,
        };
        let tests = split(&raw, file, &lines)?;
        let mut cases = Vec::new();
        for (name, test, prefix) in &tests {
            let tick = test.tick.as_ref().or(raw.tick.as_ref());
            cases.push(case(&ctx, name.clone(), test, tick, prefix)?);
        }
        Ok(Suite {
            file: file.to_path_buf(),
            rules,
            flow,
            team,
            start,
            tests: cases,
        })
    }

    fn flow(&mut self, rules: &Path, place: Place) -> Result<Rc<Flow>, TestFileError> {
        if let Some(flow) = self.flows.get(rules) {
            return Ok(flow.clone());
        }
        let checked = check_path(rules, &DiskLoader).map_err(|e| TestFileError::Read {
            place: place.clone(),
            path: rules.display().to_string(),
            message: e.to_string(),
        })?;
        let Some(flow) = checked.flow else {
            let diagnostics = checked
                .diagnostics
                .iter()
                .map(|d| d.render_to_string(false))
                .collect();
            return Err(TestFileError::Rules {
                place,
                rules: rules.display().to_string(),
                diagnostics,
            });
        };
        let flow = Rc::new(flow);
        self.flows.insert(rules.to_path_buf(), flow.clone());
        Ok(flow)
    }

    fn team(&mut self, path: &Path, place: Place) -> Result<Rc<Team>, TestFileError> {
        if let Some(team) = self.teams.get(path) {
            return Ok(team.clone());
        }
        let team = Team::load(path).map_err(|e| TestFileError::Read {
            place,
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let team = Rc::new(team);
        self.teams.insert(path.to_path_buf(), team.clone());
        Ok(team)
    }
}

/// The tests of a file: its name, its parts and where they are.
type Split = Vec<(String, RawTest, Vec<Seg<'static>>)>;

fn split(raw: &RawFile, file: &Path, lines: &Lines<'_>) -> Result<Split, TestFileError> {
    let stem = file
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let top = raw.customers.is_some() || raw.events.is_some() || raw.expect.is_some();
    let place = |key| Place {
        file: file.to_path_buf(),
        line: lines.find(&[Seg::Key(key)]),
        column: None,
    };
    let Some(tests) = &raw.tests else {
        let test = RawTest {
            name: None,
            tick: None,
            customers: raw.customers.clone().unwrap_or_default(),
            events: raw.events.clone().unwrap_or_default(),
            expect: raw.expect.clone().unwrap_or_default(),
        };
        return Ok(vec![(raw.name.clone().unwrap_or(stem), test, Vec::new())]);
    };
    if top || raw.name.is_some() {
        return Err(invalid(
            place("tests"),
            "with `tests:`, each test has its own `name`, `customers`, `events` and `expect`; \
             the top of the file holds only `rules`, `team`, `start` and `tick`"
                .into(),
        ));
    }
    Ok(tests
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let name = t
                .name
                .clone()
                .unwrap_or_else(|| format!("{stem} #{}", i + 1));
            (name, t.clone(), vec![Seg::Key("tests"), Seg::Item(i)])
        })
        .collect())
}

fn case(
    ctx: &Ctx<'_>,
    name: String,
    test: &RawTest,
    tick: Option<&When>,
    prefix: &[Seg<'_>],
) -> Result<Case, TestFileError> {
    let (customers, initial) = customers::compile(
        ctx,
        &test.customers,
        &join(prefix, &[Seg::Key("customers")]),
    )?;
    let ids: Vec<&str> = customers.iter().map(|c| c.id.as_str()).collect();
    let entries = timeline::compile(
        ctx,
        &test.events,
        &ids,
        &join(prefix, &[Seg::Key("events")]),
    )?;
    let expects = expects::compile(
        ctx,
        &test.expect,
        &ids,
        &join(prefix, &[Seg::Key("expect")]),
    )?;
    let period = match tick {
        Some(When::Offset(s)) if *s > 0 => Some(TimeDelta::seconds(*s)),
        Some(_) => {
            return Err(ctx.invalid(
                &[Seg::Key("tick")],
                "`tick` is a period: write `1h`, `30m`, `1d`".into(),
            ));
        }
        None => None,
    };
    let mut ticks: Vec<DateTime<Utc>> = entries
        .iter()
        .map(|e| e.at)
        .chain(expects.iter().map(|e| e.at))
        .collect();
    if let (Some(period), Some(last)) = (period, ticks.iter().max().copied()) {
        let mut t = ticks
            .iter()
            .min()
            .copied()
            .unwrap_or(ctx.start)
            .min(ctx.start);
        while t < last && ticks.len() <= MAX_TICKS {
            ticks.push(t);
            t += period;
        }
    }
    if ticks.len() > MAX_TICKS {
        return Err(ctx.invalid(
            &[Seg::Key("tick")],
            format!("more than {MAX_TICKS} ticks: make `tick` longer"),
        ));
    }
    ticks.sort();
    ticks.dedup();
    Ok(Case {
        name,
        line: ctx.lines.find(prefix),
        customers,
        initial,
        entries,
        expects,
        ticks,
    })
}

fn invalid(place: Place, message: String) -> TestFileError {
    TestFileError::Invalid { place, message }
}

/// A serde error as a shape error, its place in front and not repeated behind.
fn shape(file: &Path, e: &serde_yaml::Error) -> TestFileError {
    let location = e.location();
    let mut message = e.to_string();
    if let Some(l) = &location {
        let tail = format!(" at line {} column {}", l.line(), l.column());
        if let Some(i) = message.rfind(&tail) {
            message.replace_range(i..i + tail.len(), "");
        }
    }
    TestFileError::Shape {
        place: Place {
            file: file.to_path_buf(),
            line: location.as_ref().map(serde_yaml::Location::line),
            column: location.as_ref().map(serde_yaml::Location::column),
        },
        message,
    }
}
