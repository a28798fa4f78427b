//! `salesflow fmt`: the canonical examples come out byte-identical, messy fixtures
//! come out as their `.expected.flow`, formatting is idempotent and keeps the tree
//! and every comment (on examples, fixtures and generated flows), and the command's
//! `--check`, `--diff`, folders and exit codes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use assert_cmd::Command;
use proptest::prelude::*;
use salesflow::fmt::{format_file, format_source};
use salesflow::source::SourceFile;
use salesflow::syntax::ast::File;
use salesflow::syntax::parse_file;

const FIXTURES: &str = "tests/fixtures/fmt";
const EXAMPLES: [&str; 3] = [
    "examples/zhilian.flow",
    "examples/risks.flow",
    "examples/minimal.flow",
];

fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn source(name: &str, text: &str) -> Arc<SourceFile> {
    SourceFile::new(name, text)
}

/// Formats text that must parse.
fn fmt(name: &str, text: &str) -> String {
    format_source(&source(name, text))
        .unwrap_or_else(|e| panic!("{name} has syntax errors: {e:#?}"))
}

/// The fixture inputs (`x.flow`, not `x.expected.flow`), sorted.
fn fixture_inputs() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .expect("the fmt fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".flow") && !name.ends_with(".expected.flow")
        })
        .collect();
    found.sort();
    assert!(found.len() >= 4, "fixtures missing: {found:?}");
    found
}

fn expected_of(input: &Path) -> PathBuf {
    input.with_extension("expected.flow")
}

/// Every file the formatter is tried on: examples, fixtures and their expectations.
fn all_texts() -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = EXAMPLES.iter().map(PathBuf::from).collect();
    for input in fixture_inputs() {
        paths.push(expected_of(&input));
        paths.push(input);
    }
    paths
        .into_iter()
        .map(|p| (p.display().to_string(), read(&p)))
        .collect()
}

#[test]
fn the_examples_are_canonical_already() {
    for name in EXAMPLES {
        let text = read(name);
        assert_eq!(fmt(name, &text), text, "{name} changed under fmt");
    }
}

#[test]
fn every_fixture_comes_out_as_its_expected_file() {
    for input in fixture_inputs() {
        let name = input.display().to_string();
        let expected = read(expected_of(&input));
        let got = fmt(&name, &read(&input));
        assert_eq!(
            got, expected,
            "{name}: fmt output differs from the expected file"
        );
    }
}

#[test]
fn formatting_twice_changes_nothing() {
    for (name, text) in all_texts() {
        let once = fmt(&name, &text);
        assert_eq!(fmt(&name, &once), once, "{name}: fmt is not idempotent");
    }
}

/// The Debug text of a tree with every span replaced by `Span`, so trees parsed from
/// differently laid-out text compare equal when only positions differ.
fn without_spans(debug: &str) -> String {
    const MARK: &str = "Span { start: ";
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let after = &rest[at..];
        let close = after.find('}').expect("a span closes");
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn shape(file: &File) -> (String, Vec<String>) {
    let items = without_spans(&format!("{:?}", file.items));
    let comments = file.comments.iter().map(|c| c.text.clone()).collect();
    (items, comments)
}

/// Formats `text` and checks that the output parses to the same tree with the same
/// comments in the same order, and that formatting it again changes nothing.
fn assert_preserved(name: &str, text: &str) -> Result<(), TestCaseError> {
    let (before, errors) = parse_file(&source(name, text));
    prop_assert!(errors.is_empty(), "{name}: {errors:?}\n{text}");
    let out = format_file(&before);
    let (after, errors) = parse_file(&source(name, &out));
    prop_assert!(
        errors.is_empty(),
        "fmt output does not parse: {errors:?}\n{out}"
    );
    let (items_before, comments_before) = shape(&before);
    let (items_after, comments_after) = shape(&after);
    prop_assert_eq!(
        &items_before,
        &items_after,
        "tree changed\n--- in\n{}\n--- out\n{}",
        text,
        out
    );
    prop_assert_eq!(comments_before, comments_after, "comments changed\n{}", out);
    prop_assert_eq!(format_file(&after), out.clone(), "not idempotent\n{}", out);
    Ok(())
}

#[test]
fn span_stripping_keeps_everything_but_positions() {
    let a = "Ident { name: \"a\", span: Span { start: 1, end: 2 } }";
    assert_eq!(without_spans(a), "Ident { name: \"a\", span: Span }");
    let (x, _) = parse_file(&source("x", "roles a, b"));
    let (y, _) = parse_file(&source("y", "roles  a ,\n b"));
    let (z, _) = parse_file(&source("z", "roles a, c"));
    assert_eq!(shape(&x), shape(&y));
    assert_ne!(shape(&x), shape(&z));
}

#[test]
fn examples_and_fixtures_keep_their_tree_and_comments() {
    for (name, text) in all_texts() {
        assert_preserved(&name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// Characters that are a token of their own wherever they stand outside a string.
const PUNCTUATION: &[char] = &[
    '(', ')', '[', ']', '{', '}', ',', '|', '，', '、', '（', '）',
];

/// Splits an item's text into tokens that may be separated by any blanks: strings,
/// text blocks and comments whole, brackets, braces, commas and bars alone, other
/// runs of non-blank characters whole.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        if rest.is_empty() {
            return out;
        }
        let len = if let Some(body) = rest.strip_prefix("\"\"\"") {
            body.find("\"\"\"").map_or(rest.len(), |i| i + 6)
        } else if rest.starts_with('"') {
            let mut escaped = false;
            rest.char_indices()
                .skip(1)
                .find(|&(_, c)| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
                .map_or(rest.len(), |(i, _)| i + 1)
        } else if let Some(body) = rest.strip_prefix('“') {
            // A string opened with a full-width quote ends at `”` or `"`.
            body.find(['”', '"']).map_or(rest.len(), |i| {
                '“'.len_utf8() + i + body[i..].chars().next().map_or(0, char::len_utf8)
            })
        } else if rest.starts_with('#') {
            rest.find('\n').unwrap_or(rest.len())
        } else if rest.starts_with(PUNCTUATION) {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            rest.find(|c: char| {
                c.is_whitespace() || c == '"' || c == '“' || c == '#' || PUNCTUATION.contains(&c)
            })
            .unwrap_or(rest.len())
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
}

/// Every item of the examples and the fixtures, as written.
fn item_pool() -> Vec<String> {
    let mut pool = Vec::new();
    for (name, text) in all_texts() {
        let (file, errors) = parse_file(&source(&name, &text));
        assert!(errors.is_empty(), "{name}");
        for item in &file.items {
            let span = item.span();
            pool.push(text[span.start..span.end].to_string());
        }
    }
    pool
}

static POOL: LazyLock<Vec<String>> = LazyLock::new(item_pool);

/// What may stand between two tokens; the ones with `#` bring their own newline.
const SEPARATORS: &[&str] = &[
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n\n",
    "\t",
    "\u{3000}",
    "\n      ",
    "  # 随机注释 random\n",
    "\n# 独占一行的注释\n   ",
    "\n\n\n  # after blank lines\n\n",
];

/// A flow from the pool's items, with its tokens re-separated by `seps`, in turn.
fn generated(pool: &[String], picks: &[usize], seps: &[usize]) -> String {
    let mut text = String::new();
    let mut n = 0;
    let mut sep = |text: &mut String| {
        text.push_str(SEPARATORS[seps[n % seps.len()]]);
        n += 1;
    };
    for &pick in picks {
        let item = &pool[pick % pool.len()];
        for token in tokens(item) {
            text.push_str(token);
            if token.starts_with('#') {
                text.push('\n');
            }
            sep(&mut text);
        }
        text.push('\n');
        sep(&mut text);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn generated_flows_keep_their_tree_and_comments(
        picks in prop::collection::vec(0usize..10_000, 1..8),
        seps in prop::collection::vec(0usize..SEPARATORS.len(), 1..40),
    ) {
        let text = generated(&POOL, &picks, &seps);
        let (_, errors) = parse_file(&source("generated.flow", &text));
        prop_assert!(errors.is_empty(), "the generator made text that does not parse: {errors:?}\n{text}");
        assert_preserved("generated.flow", &text)?;
    }
}

#[test]
fn the_generator_makes_flows_that_parse() {
    let pool = item_pool();
    for seed in 0..SEPARATORS.len() {
        let picks: Vec<usize> = (0..pool.len()).collect();
        let seps: Vec<usize> = (seed..seed + 7).map(|s| s % SEPARATORS.len()).collect();
        let text = generated(&pool, &picks, &seps);
        let (_, errors) = parse_file(&source("generated.flow", &text));
        assert!(errors.is_empty(), "{errors:?}\n{text}");
    }
}

// ---------------------------------------------------------------- the command

fn salesflow() -> Command {
    let mut cmd = Command::cargo_bin("salesflow").expect("the binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// An empty scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fmt")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn copy_fixture(case: &str, dir: &Path) -> PathBuf {
    let to = dir.join(format!("{case}.flow"));
    std::fs::copy(Path::new(FIXTURES).join(format!("{case}.flow")), &to).expect("copy");
    to
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = salesflow()
        .arg("fmt")
        .args(args)
        .output()
        .expect("salesflow runs");
    Run {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

#[test]
fn check_passes_on_the_examples_folder() {
    let r = run(&["--check", "examples/"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
}

#[test]
fn check_lists_each_file_that_would_change_and_writes_nothing() {
    let dir = scratch("check");
    let messy = copy_fixture("messy", &dir);
    let comments = copy_fixture("comments", &dir);
    let clean = dir.join("clean.flow");
    std::fs::copy("examples/minimal.flow", &clean).expect("copy");
    let before = read(&messy);
    let r = run(&["--check", arg(&messy), arg(&clean), arg(&comments)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, format!("{}\n{}\n", arg(&messy), arg(&comments)));
    assert_eq!(read(&messy), before, "--check wrote the file");
}

#[test]
fn diff_prints_what_would_change_and_writes_nothing() {
    let dir = scratch("diff");
    let messy = copy_fixture("messy", &dir);
    let before = read(&messy);
    let r = run(&["--diff", arg(&messy)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let name = arg(&messy);
    assert!(
        r.stdout
            .starts_with(&format!("--- {name}\n+++ {name}\n@@ -1,")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\n-flow    \"华东新能源销售流\"\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\n+flow \"华东新能源销售流\"\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\n+  poc      \"ＰＯＣ验证\"  milestone  expect 14d  evidence required\n")
    );
    assert!(
        r.stdout.contains("\n   hours sat 09:00-12:00\n"),
        "unchanged lines are context"
    );
    assert_eq!(read(&messy), before, "--diff wrote the file");

    let clean = run(&["--diff", "examples/zhilian.flow"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (0, ""));
}

#[test]
fn diff_with_check_fails_when_a_file_would_change() {
    let dir = scratch("diff_check");
    let messy = copy_fixture("messy", &dir);
    let r = run(&["--check", "--diff", arg(&messy)]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("--- "), "{}", r.stdout);
}

#[test]
fn without_flags_files_are_rewritten_in_place() {
    let dir = scratch("write");
    let messy = copy_fixture("messy", &dir);
    let r = run(&[arg(&messy)]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(
        read(&messy),
        read(Path::new(FIXTURES).join("messy.expected.flow"))
    );
    let again = run(&["--check", arg(&messy)]);
    assert_eq!(again.code, 0);
}

#[test]
fn a_folder_means_every_flow_file_in_it() {
    let dir = scratch("folder");
    let messy = copy_fixture("messy", &dir);
    let oneline = copy_fixture("oneline", &dir);
    let other = dir.join("notes.txt");
    std::fs::write(&other, "pipeline {   }\n").expect("write");
    let r = run(&[arg(&dir)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(&messy),
        read(Path::new(FIXTURES).join("messy.expected.flow"))
    );
    assert_eq!(
        read(&oneline),
        read(Path::new(FIXTURES).join("oneline.expected.flow"))
    );
    assert_eq!(
        read(&other),
        "pipeline {   }\n",
        "only *.flow files are formatted"
    );
}

#[test]
fn a_file_with_syntax_errors_is_reported_and_left_alone() {
    let dir = scratch("syntax");
    let broken = dir.join("broken.flow");
    let text = "roles   a\npipeline {\n  lead \"线索\" milestone expect 7\n}\nroles b,\n";
    std::fs::write(&broken, text).expect("write");
    let messy = copy_fixture("messy", &dir);
    let r = run(&[arg(&dir)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("salesflow::syntax::"), "{}", r.stderr);
    assert!(r.stderr.contains("a duration needs a unit"), "{}", r.stderr);
    assert!(r.stderr.contains("broken.flow"), "{}", r.stderr);
    assert_eq!(read(&broken), text, "a file with errors was rewritten");
    assert_eq!(
        read(&messy),
        read(Path::new(FIXTURES).join("messy.expected.flow")),
        "the other files are still formatted"
    );
}

#[test]
fn unreadable_input_exits_2_and_writes_nothing() {
    let dir = scratch("unreadable");
    let messy = copy_fixture("messy", &dir);
    let before = read(&messy);
    let missing = dir.join("missing.flow");
    let r = run(&[arg(&messy), arg(&missing)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.flow"), "{}", r.stderr);
    assert_eq!(read(&messy), before);
}

#[test]
fn help_lists_the_exit_codes() {
    let out = salesflow().args(["fmt", "--help"]).output().expect("runs");
    let help = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(help.contains("Exit codes:"), "{help}");
    assert!(
        help.contains("--check") && help.contains("--diff"),
        "{help}"
    );
}
