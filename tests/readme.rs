//! README.md is true: every `salesflow` command in its `sh` blocks runs, in order,
//! in a fresh folder holding a copy of `examples/`, and succeeds; a `# …` line
//! right under a command is text its output must contain (`…` at the end: the
//! output goes on). The command reference table is the one `--help` gives. The
//! fresh-machine section has exactly its two commands.

mod cli_common;

use std::path::{Path, PathBuf};
use std::process::Output;

use cli_common::{copy_dir, repo_path};

/// `salesflow ARGS` in `dir`; temporary folders (the demo's) go inside it.
fn run(dir: &Path, args: &[String]) -> Output {
    cli_common::salesflow(dir)
        .args(args)
        .env("TMPDIR", dir)
        .output()
        .unwrap()
}

fn readme() -> String {
    std::fs::read_to_string(repo_path("README.md")).unwrap()
}

/// The lines of every `sh` code block, in order, with the section they are in.
fn sh_lines(text: &str) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let mut section = String::new();
    let mut inside = false;
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title.to_string();
        } else if line.trim() == "```sh" {
            inside = true;
        } else if inside && line.trim() == "```" {
            inside = false;
        } else if inside {
            lines.push((section.clone(), line.to_string()));
        }
    }
    lines
}

fn fresh() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&repo_path("examples"), &dir.join("examples"));
    dir
}

/// A command line of the README as words: the comment after two blanks and `#`
/// dropped, `| jq .` dropped, `> FILE` kept apart.
fn words(line: &str) -> (Vec<String>, Option<String>) {
    let line = line.split("  #").next().unwrap_or(line).trim();
    let line = line.trim_end_matches("| jq .").trim();
    let (line, redirect) = match line.split_once(" > ") {
        Some((cmd, file)) => (cmd, Some(file.trim().to_string())),
        None => (line, None),
    };
    let words = shlex::split(line).unwrap_or_else(|| panic!("cannot split `{line}`"));
    (words, redirect)
}

#[test]
fn every_salesflow_command_of_the_readme_runs_in_a_fresh_folder() {
    let root = fresh();
    // `cd DIR` lines move the commands after them, as in a shell.
    let mut dir = root.clone();
    let mut ran = 0;
    let mut last: Option<(String, String)> = None;
    for (section, line) in sh_lines(&readme()) {
        let trimmed = line.trim();
        if let Some(expected) = trimmed.strip_prefix("# ") {
            let (command, output) = last
                .as_ref()
                .unwrap_or_else(|| panic!("`{trimmed}` follows no command"));
            let expected = expected.trim_end_matches('…').trim_end();
            assert!(
                output.contains(expected),
                "README ({section}): `{command}` should print `{expected}`, printed:\n{output}"
            );
            continue;
        }
        // A lone `cd DIR` (not `cd fuzz && cargo …`, which is no salesflow command).
        if let Some(to) = trimmed
            .strip_prefix("cd ")
            .filter(|to| !to.trim().contains(' '))
        {
            match to.trim() {
                ".." => {
                    dir.pop();
                }
                to => dir.push(to),
            }
            assert!(
                dir.starts_with(&root) && dir.is_dir(),
                "README ({section}): `{trimmed}` leaves the test folder or names none"
            );
            last = None;
            continue;
        }
        let (mut args, redirect) = words(trimmed);
        let args = match args.first().map(String::as_str) {
            Some("salesflow") => args.split_off(1),
            // The fresh-machine check, through the binary built for the tests.
            Some("cargo") if args.get(1).map(String::as_str) == Some("run") => {
                let at = args.iter().position(|w| w == "--").expect("cargo run -- …");
                args.split_off(at + 1)
            }
            _ => {
                last = None;
                continue;
            }
        };
        let out = run(&dir, &args);
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(
            out.status.success(),
            "README ({section}): `{trimmed}` exited {:?}\n{stdout}{stderr}",
            out.status.code()
        );
        if let Some(file) = redirect {
            std::fs::write(dir.join(file), &out.stdout).unwrap();
        }
        last = Some((trimmed.to_string(), format!("{stdout}{stderr}")));
        ran += 1;
    }
    assert!(ran >= 25, "only {ran} commands found in README's sh blocks");
}

#[test]
fn a_fresh_machine_needs_exactly_two_commands() {
    let lines: Vec<String> = sh_lines(&readme())
        .into_iter()
        .filter(|(section, line)| section == "On a fresh machine" && !line.trim().is_empty())
        .map(|(_, line)| line.trim().to_string())
        .collect();
    assert_eq!(lines, ["cargo run --release -- demo", "cargo test"]);
}

/// `--help` of a command: its about line, its usage, its own options (not the
/// global ones, not `--help`), and its subcommands.
struct Help {
    about: String,
    usage: String,
    options: Vec<String>,
    commands: Vec<String>,
}

fn help(path: &[&str]) -> Help {
    let mut args: Vec<String> = path.iter().map(|s| (*s).to_string()).collect();
    args.extend(["--help".into(), "--lang".into(), "en".into()]);
    let text = String::from_utf8(run(Path::new("."), &args).stdout).unwrap();
    let mut lines = text.lines();
    let about = lines.next().unwrap_or_default().to_string();
    let usage = text
        .lines()
        .find_map(|l| l.strip_prefix("Usage: "))
        .unwrap_or_default()
        .to_string();
    let mut heading = "";
    let mut options = Vec::new();
    let mut commands = Vec::new();
    for line in text.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            heading = line;
            continue;
        }
        let item = line.trim_start();
        match heading {
            "Options:" => {
                if let Some(flag) = item.split_whitespace().find(|w| w.starts_with("--")) {
                    if flag != "--help" && flag != "--version" {
                        options.push(format!("`{flag}`"));
                    }
                }
            }
            "Commands:" => {
                if let Some(name) = item.split_whitespace().next() {
                    commands.push(name.to_string());
                }
            }
            _ => {}
        }
    }
    Help {
        about,
        usage,
        options,
        commands,
    }
}

/// The reference rows `--help` gives, depth first.
fn reference(path: &mut Vec<String>, rows: &mut Vec<String>) {
    let words: Vec<&str> = path.iter().map(String::as_str).collect();
    let h = help(&words);
    if !path.is_empty() && h.commands.is_empty() {
        let options = if h.options.is_empty() {
            "—".to_string()
        } else {
            h.options.join(" ")
        };
        rows.push(format!("| `{}` | {} | {options} |", h.usage, h.about));
    }
    for sub in h.commands {
        path.push(sub);
        reference(path, rows);
        path.pop();
    }
}

#[test]
fn the_command_reference_is_what_help_says() {
    let mut rows = Vec::new();
    reference(&mut Vec::new(), &mut rows);
    let text = readme();
    let written: Vec<&str> = text
        .split("## Command reference")
        .nth(1)
        .expect("a Command reference section")
        .lines()
        .filter(|l| l.starts_with("| `salesflow"))
        .collect();
    assert_eq!(
        written,
        rows,
        "README's command reference is stale; the rows `--help` gives:\n{}",
        rows.join("\n")
    );
}

#[test]
fn the_sample_diagnostic_is_what_check_prints() {
    let fixture = repo_path("tests/fixtures/readme");
    let out = run(&fixture, &["check".into(), "rules/main.flow".into()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let diagnostic = stderr
        .lines()
        .take_while(|l| !l.starts_with("checked "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        readme().contains(&format!("```text\n{}\n```", diagnostic.trim_end())),
        "README's sample diagnostic is not what check prints:\n{diagnostic}"
    );
}

#[test]
fn the_chinese_sample_diagnostic_is_what_check_prints_with_lang_zh() {
    let fixture = repo_path("tests/fixtures/readme");
    let args = ["check", "rules/main.flow", "--lang", "zh"].map(String::from);
    let out = run(&fixture, &args);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let diagnostic = stderr
        .lines()
        .take_while(|l| !l.starts_with("已检查 "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(diagnostic.contains("未知阶段 `pco`"), "{diagnostic}");
    assert!(
        readme().contains(&format!("```text\n{}\n```", diagnostic.trim_end())),
        "README's Chinese sample diagnostic is not what check prints:\n{diagnostic}"
    );
}
