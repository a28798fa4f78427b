//! Every rule CI can report (each diagnostic code of `Code::ALL`, each outcome of
//! a rule test) has a page in `docs/codes/`, which SARIF's help URIs point at.
//! A page is written by hand except its generated parts, which this test keeps
//! true: the summary line (from the rule) and the example (a fixture and what
//! salesflow prints for it). `SALESFLOW_BLESS=1 cargo test --test ci_codes`
//! rewrites the generated parts and the index `docs/codes/README.md`; without
//! it, a stale part, a missing page or a code without a summary fails the test.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use salesflow::check::{Checked, DiskLoader, check_path_with_team};
use salesflow::diagnostic::{Code, Rule, Severity};
use salesflow::ruletest::{Options, Report, annotations, human, run_paths};
use salesflow::team::Team;

const END: &str = "<!-- end -->";

fn bless() -> bool {
    std::env::var_os("SALESFLOW_BLESS").is_some_and(|v| v == "1")
}

/// Every rule, codes first.
fn rules() -> Vec<Rule> {
    Code::ALL
        .iter()
        .map(|c| c.rule())
        .chain(annotations::ALL.iter().copied())
        .collect()
}

fn summary_line(rule: &Rule) -> String {
    let kind = match rule.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
    };
    format!("**{kind}.** {}\n", rule.summary)
}

/// A test file's path and the options it runs with: `PATH [--threshold N]`.
fn test_run(fixture: &str) -> (PathBuf, Options) {
    let mut words = fixture.split_whitespace();
    let path = PathBuf::from(words.next().expect("a path"));
    let mut options = Options::default();
    if let (Some("--threshold"), Some(n)) = (words.next(), words.next()) {
        options.threshold = Some(n.parse().expect("a threshold"));
        options.coverage = true;
    }
    (path, options)
}

/// A rule fixture checked, with `<case>/team.yaml` as the team when there is one.
fn check(path: &Path) -> Checked {
    let team_path = path.with_extension("").join("team.yaml");
    let team = team_path
        .exists()
        .then(|| Team::load(&team_path).expect("the fixture's team loads"));
    check_path_with_team(path, &DiskLoader, team.as_ref())
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A test fixture run.
fn run(path: &Path, options: &Options) -> Report {
    run_paths(&[path.to_path_buf()], options)
        .unwrap_or_else(|(p, e)| panic!("cannot read {}: {e}", p.display()))
}

/// A fixture and what salesflow prints for it: a rule file is checked (with
/// `<case>/team.yaml` as the team when there is one), a test file is run (with
/// the options after its path).
fn example(fixture: &str) -> String {
    let (path, options) = test_run(fixture);
    let path = path.as_path();
    let mut out = String::new();
    if path.extension().is_some_and(|e| e == "flow") {
        let checked = check(path);
        for file in &checked.files {
            let _ = write!(out, "`{}`:\n\n```flow\n{}", file.name(), file.text);
            out.push_str(if file.text.ends_with('\n') {
                "```\n\n"
            } else {
                "\n```\n\n"
            });
        }
        out.push_str("`salesflow check` prints:\n\n```text\n");
        for d in &checked.diagnostics {
            out.push_str(&d.render_to_string(false));
        }
    } else {
        let text = std::fs::read_to_string(path).expect("the fixture");
        let _ = write!(out, "`{}`:\n\n```yaml\n{text}```\n\n", path.display());
        let report = run(path, &options);
        let flags = fixture
            .split_once(' ')
            .map_or(String::new(), |(_, f)| format!(" {f}"));
        let _ = write!(out, "`salesflow test{flags}` prints:\n\n```text\n");
        out.push_str(&human::render_file_errors(&report));
        out.push_str(&human::render(&report, false));
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("```\n");
    out
}

/// The page with its generated parts made current; `Err` names what is wrong
/// with its shape.
fn regenerate(rule: &Rule, page: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = page;
    let mut summaries = 0;
    while let Some(at) = rest.find("<!-- generated: ") {
        let (before, marker) = rest.split_at(at);
        out.push_str(before);
        let header_end = marker
            .find("-->")
            .ok_or("an unclosed `<!-- generated:` marker")?
            + 3;
        let header = &marker[..header_end];
        let body_end = marker
            .find(END)
            .ok_or_else(|| format!("`{header}` without `{END}`"))?;
        let what = header
            .trim_start_matches("<!-- generated: ")
            .trim_end_matches("-->")
            .trim();
        let body = if what == "summary" {
            summaries += 1;
            summary_line(rule)
        } else if let Some(fixture) = what.strip_prefix("example ") {
            example(fixture)
        } else {
            return Err(format!("unknown generated part `{what}`"));
        };
        let _ = write!(out, "{header}\n{body}{END}");
        rest = &marker[body_end + END.len()..];
    }
    out.push_str(rest);
    if !out.starts_with(&format!("# `{}`\n", rule.id)) {
        return Err(format!("the title is not `# `{}``", rule.id));
    }
    if summaries != 1 {
        return Err("no `<!-- generated: summary -->` part".into());
    }
    Ok(out)
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

#[test]
fn every_code_has_a_summary() {
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !c.has_summary())
        .map(|c| c.name())
        .collect();
    assert!(
        missing.is_empty(),
        "add a summary to src/diagnostic/rule.rs for: {}",
        missing.join(", ")
    );
}

/// The rule ids a fixture gives: a rule file's diagnostic codes, a test file's
/// test outcomes.
fn produced(fixture: &str) -> Vec<&'static str> {
    let (path, options) = test_run(fixture);
    let path = path.as_path();
    if path.extension().is_some_and(|e| e == "flow") {
        let checked = check(path);
        checked.diagnostics.iter().map(|d| d.code.name()).collect()
    } else {
        let report = run(path, &options);
        annotations::findings(&report, Path::new(env!("CARGO_MANIFEST_DIR")))
            .iter()
            .map(|f| f.rule.id)
            .collect()
    }
}

/// The fixtures a page shows.
fn examples(page: &str) -> Vec<&str> {
    page.split("<!-- generated: example ")
        .skip(1)
        .filter_map(|rest| rest.split_once("-->"))
        .map(|(fixture, _)| fixture.trim())
        .collect()
}

#[test]
fn every_rule_has_a_current_page_with_an_example_of_it() {
    let mut problems = Vec::new();
    for rule in rules() {
        let path = repo_path(&rule.page());
        let Ok(page) = std::fs::read_to_string(&path) else {
            problems.push(format!(
                "{}: no page; write it (see docs/codes/README.md for its shape)",
                rule.page()
            ));
            continue;
        };
        let fixtures = examples(&page);
        if fixtures.is_empty() && !page.contains("<!-- no example: ") {
            problems.push(format!("{}: no example", rule.page()));
        }
        for fixture in fixtures {
            if !produced(fixture).contains(&rule.id) {
                problems.push(format!(
                    "{}: {fixture} does not give {}",
                    rule.page(),
                    rule.id
                ));
            }
        }
        match regenerate(&rule, &page) {
            Err(e) => problems.push(format!("{}: {e}", rule.page())),
            Ok(current) if current == page => {}
            Ok(current) if bless() => std::fs::write(&path, current).expect("write the page"),
            Ok(_) => problems.push(format!(
                "{}: a generated part is stale; run `SALESFLOW_BLESS=1 cargo test --test ci_codes`",
                rule.page()
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_page_belongs_to_a_rule() {
    let mut pages = Vec::new();
    collect_pages(&repo_path("docs/codes"), &mut pages);
    let known: Vec<String> = rules().iter().map(Rule::page).collect();
    for page in pages {
        let relative = page
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .expect("inside the repository")
            .to_string_lossy()
            .trim_start_matches('/')
            .replace('\\', "/");
        if relative != "docs/codes/README.md" {
            assert!(
                known.contains(&relative),
                "{relative} is the page of no rule"
            );
        }
    }
}

fn collect_pages(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("docs/codes").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn the_index_lists_every_rule() {
    let path = repo_path("docs/codes/README.md");
    let page = std::fs::read_to_string(&path).expect("docs/codes/README.md");
    let start = "<!-- generated: index -->\n";
    let (head, rest) = page.split_once(start).expect("an index part");
    let (_, tail) = rest.split_once(END).expect("the end of the index part");
    let mut index = String::from("| code | kind | what it means |\n| --- | --- | --- |\n");
    for rule in rules() {
        let kind = match rule.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let page = rule.page();
        let link = page.trim_start_matches("docs/codes/");
        let _ = writeln!(
            index,
            "| [`{}`]({link}) | {kind} | {} |",
            rule.id,
            rule.summary.replace('|', "\\|")
        );
    }
    let current = format!("{head}{start}{index}{END}{tail}");
    if current != page {
        assert!(
            bless(),
            "docs/codes/README.md is stale; run `SALESFLOW_BLESS=1 cargo test --test ci_codes`"
        );
        std::fs::write(&path, current).expect("write the index");
    }
}

#[test]
fn help_uris_point_at_the_pages() {
    for rule in rules() {
        let uri = rule.help_uri();
        assert!(uri.starts_with("https://"), "{uri}");
        assert!(
            uri.ends_with(&format!("/blob/main/{}", rule.page())),
            "{uri}"
        );
    }
}
