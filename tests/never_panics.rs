//! Parsing and checking never panic, whatever the text: random bytes, random token
//! soup rich in the language's punctuation, keywords and Chinese / full-width
//! characters, and randomly mutated versions of the bundled examples (with their
//! include and holiday files served from memory, so those paths run too).
//!
//! Beyond "no panic", every case checks that each diagnostic's labels lie inside
//! their file's text and on char boundaries, that each diagnostic renders and turns
//! into JSON, that syntax errors point inside the text, and that a flow is returned
//! exactly when there is no error.
//!
//! Templates (Jinja token soup in a `template` of the example flow) and `--where`
//! conditions (token soup checked against the example flow by `check_condition`)
//! are generated too.
//!
//! 13,000 cases in all (3,500 + 3,500 + 1,600 + 900 + 500 + 1,500 + 1,500); the
//! mutated examples cost the most (about 15 ms a case in a debug build against
//! 1 ms), so they get fewer. `NEVER_PANICS_SCALE=10` multiplies every count for a
//! longer soak.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use proptest::test_runner::Config;
use salesflow::check::{Checked, MemoryLoader, check_source, normalize};
use salesflow::diagnostic::Code;
use salesflow::source::SourceFile;
use salesflow::syntax::parse_file;

const ZHILIAN: &str = include_str!("../examples/zhilian.flow");
const RISKS: &str = include_str!("../examples/risks.flow");
const HOLIDAYS_2025: &str = include_str!("../examples/holidays/2025.json");
const HOLIDAYS_2026: &str = include_str!("../examples/holidays/2026.json");

const ROOT: &str = "examples/zhilian.flow";
const INCLUDED: &str = "examples/risks.flow";

/// The included file and the holiday files, by the paths the root resolves them to.
fn loader_with(risks: &str) -> MemoryLoader {
    let mut files = HashMap::new();
    for (path, text) in [
        (INCLUDED, risks),
        ("examples/holidays/2025.json", HOLIDAYS_2025),
        ("examples/holidays/2026.json", HOLIDAYS_2026),
    ] {
        files.insert(normalize(Path::new(path)), text.to_string());
    }
    MemoryLoader(files)
}

/// `NEVER_PANICS_SCALE=10` runs ten times as many cases (a longer soak).
fn config(cases: u32) -> Config {
    let scale: u32 = std::env::var("NEVER_PANICS_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    Config {
        cases: cases.saturating_mul(scale),
        // Failures are minimized by proptest and recorded below as ignored tests.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Parses and checks `text` as the file at `path`; asserts what must hold of any
/// result.
fn check_all(path: &str, text: &str, loader: &MemoryLoader) {
    let source = SourceFile::new(PathBuf::from(path), text);

    let (file, errors) = parse_file(&source);
    assert!(Arc::ptr_eq(&file.source, &source));
    for e in &errors {
        let labels: Vec<_> = miette::Diagnostic::labels(e)
            .into_iter()
            .flatten()
            .collect();
        for l in labels {
            assert_span(text, l.offset(), l.offset() + l.len(), &e.to_string());
        }
        assert!(!e.to_string().is_empty());
    }
    for c in &file.comments {
        assert_span(text, c.span.start, c.span.end, "comment");
    }

    let checked = check_source(&source, loader);
    assert_checked(&checked);
}

fn assert_checked(checked: &Checked) {
    assert_eq!(
        checked.flow.is_some(),
        !checked.has_errors(),
        "a flow is returned exactly when there is no error"
    );
    assert!(!checked.files.is_empty(), "the root is always a file");
    for d in &checked.diagnostics {
        assert!(!d.labels.is_empty(), "`{}` has no label", d.message);
        assert!(!d.message.is_empty());
        for l in &d.labels {
            assert!(
                checked.files.iter().any(|f| Arc::ptr_eq(f, &l.file)),
                "`{}` points into `{}`, which is not a file of the flow",
                d.message,
                l.file.name()
            );
            assert_span(&l.file.text, l.span.start, l.span.end, &d.message);
            let _ = l.file.line_col(l.span.start);
        }
        let rendered = d.render_to_string(false);
        assert!(!rendered.is_empty());
        let json = d.to_json();
        assert_eq!(json.code, d.code.name());
        serde_json::to_string(&json).expect("a diagnostic serializes");
    }
}

fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "span {start}..{end} of `{what}` is outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span {start}..{end} of `{what}` cuts a character"
    );
}

// ---------------------------------------------------------------- generators

/// Tokens of the language and of what people type into it.
const TOKENS: &[&str] = &[
    // item and clause keywords
    "flow",
    "include",
    "timezone",
    "calendar",
    "hours",
    "holidays",
    "off",
    "work",
    "roles",
    "events",
    "event",
    "field",
    "pipeline",
    "milestone",
    "expect",
    "evidence",
    "required",
    "won",
    "lost",
    "on",
    "enter",
    "exit",
    "segment",
    "task",
    "due",
    "notify",
    "cc",
    "template",
    "message",
    "customer",
    "set",
    "manager",
    "of",
    "person",
    "health",
    "when",
    "otherwise",
    "escalation",
    "until",
    "clock",
    "pause",
    "after",
    "every",
    "max",
    "risk",
    "severity",
    "keywords",
    "unless",
    "strategy",
    "case",
    "tags",
    "from",
    "update",
    "requires",
    "goal",
    "since",
    "last",
    "first",
    "count",
    "within",
    "signal",
    "any",
    "tagged",
    "mentions",
    "time_in_stage",
    "overdue",
    "stage",
    "is",
    "in",
    "and",
    "or",
    "not",
    "true",
    "false",
    "done",
    "open",
    "mon",
    "fri",
    "sat",
    "sun",
    // names
    "poc",
    "lead",
    "signed",
    "red",
    "yellow",
    "green",
    "sales",
    "owner",
    "presales",
    "contact",
    "visit",
    "demo_cancelled",
    "workdays",
    "reminder",
    "care",
    "node_coverage",
    "response_sla",
    "risk_accuracy",
    "budget_freeze",
    "decision_maker",
    "name",
    "industry",
    "text",
    "number",
    "money",
    "bool",
    "date",
    "time",
    "新能源",
    "沉睡唤醒",
    "汽车",
    "_x",
    "x1",
    // punctuation and operators
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "=",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "|",
    ".",
    "..",
    "-",
    "%",
    "#",
    "\"",
    "\"\"\"",
    "\\",
    "\\\"",
    "\\n",
    "\\u{4E2D}",
    "\\u{",
    "\\q",
    "{{",
    "}}",
    "{%",
    "%}",
    "{{ customer.name }}",
    "{{ due | date }}",
    "{{ nope }}",
    "customer.",
    "customer.name",
    "customer.industry",
    // literals
    "0",
    "3",
    "-1",
    "2.5",
    "80%",
    "-5%",
    "100%",
    "1000001%",
    "30m",
    "48h",
    "14d",
    "2w",
    "1d12h",
    "0h",
    "7",
    "5x",
    "1000000d",
    "9999999h",
    "09:00",
    "12:00",
    "25:99",
    "9:0",
    "2026-03-02",
    "2026-13-45",
    "2026-10-01..2026-10-07",
    "0000-00-00",
    "\"Asia/Shanghai\"",
    "\"Mars/Olympus\"",
    "\"risks.flow\"",
    "\"zhilian.flow\"",
    "\"holidays/2025.json\"",
    "\"missing.json\"",
    "\"\"",
    "\"线索\"",
    "\"高危\"",
    // whitespace, including the odd kinds
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\u{3000}",
    "\u{feff}",
    "\u{200b}",
    // Chinese, full-width and other multi-byte text
    "智链",
    "预算冻结",
    "竞品",
    "法务",
    "技术可行性报告",
    "丢单",
    "，",
    "：",
    "（",
    "）",
    "｛",
    "｝",
    "＂",
    "ＰＯＣ",
    "ｐｏｃ",
    "１２",
    "。",
    "、",
    "“",
    "”",
    "；",
    "方案演示",
    "需关注",
    "\"POC验证\"",
    "2026-02-30",
    "—",
    "…",
    "é",
    "ß",
    "İ",
    "ﬃ",
    "①",
    "٣",
    "𝟙",
    "😀",
    "👩‍💻",
    "\u{0301}",
    "\u{fffd}",
    "\0",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(TOKENS),
            prop::sample::select(&["", " ", " ", "\n", "  "][..]),
        ),
        0..200,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (token, sep) in parts {
            s.push_str(token);
            s.push_str(sep);
        }
        s
    })
}

/// Line-shaped fragments that look like real items, so that mutations reach deep
/// into the checker as well as the parser.
const SNIPPETS: &[&str] = &[
    "\nrisk extra \"新\" {\n  severity yellow\n  keywords \"降价\", \"预算冻结\"\n}\n",
    "\nrisk extra2 {\n  severity purple\n  keywords \"\"\n}\n",
    "\nescalation e2 {\n  when health is yellow\n  clock workdays\n  after 2w {\n    notify nobody template missing\n  }\n}\n",
    "\nescalation e3 \"x\" {\n  when stage is poc\n  after 5h { notify owner \"{{ due }}\" }\n  after 1h { notify owner \"{{ zzz }}\" }\n  every 0h after 0h, max 0 { }\n}\n",
    "\nsegment late \"晚\" when customer.nope > 3d\n",
    "\nsegment x \"y\" when true\n",
    "\ntemplate extra \"{{ customer.\"\n",
    "\ntemplate extra3 \"{% for %}\"\n",
    "\ninclude \"zhilian.flow\"\n",
    "\ninclude \"risks.flow\"\n",
    "\ninclude \"nowhere.flow\"\n",
    "\ninclude \"../examples/zhilian.flow\"\n",
    "\ncalendar c2 {\n  hours sun-mon 18:00-09:00\n  holidays \"holidays/2025.json\", \"nope.json\"\n  off 2026-10-07..2026-10-01\n  work 2026-10-02\n  off 2026-10-02\n}\n",
    "\ncalendar empty { }\n",
    "\nhealth { red when signal any within 2w }\n",
    "\nfield f: colour\n",
    "\nfield name: text\n",
    "\nroles owner, sales\n",
    "\nevents update, visit\n",
    "\nevent g = \n",
    "\nevent g2 = g2 | visit\n",
    "\npipeline {\n  a \"甲\" won lost\n}\n",
    "\ngoal nothing >= 200%\n",
    "\ngoal node_coverage >= -5\n",
    "\nupdate requires \n",
    "\non exit segment nowhere {\n  set customer.name = 3\n}\n",
    "\non enter poc {\n  set customer.deals_won = \"many\"\n  set customer.contract_disputes = customer.contract_disputes\n}\n",
    "\ntags from customer.nope { t \"\" }\n",
    "\ntimezone \"\"\n",
    "\nflow \"again\"\n",
    "(((((",
    ")))))",
    "\"\"\"",
    "#",
    " or ",
    " and not ",
    " within 3w",
    "{{",
    "\\u{110000}",
];

/// One edit of a text. Positions are fractions (0..=65535) of the text's length,
/// moved back to a char boundary.
#[derive(Debug, Clone)]
enum Edit {
    Delete(u16, u16),
    Insert(u16, &'static str),
    Replace(u16, u16, &'static str),
    Duplicate(u16, u16, u16),
    Snippet(u16, &'static str),
    Swap(u16, u16, u16),
}

fn edit() -> impl Strategy<Value = Edit> {
    let token = prop::sample::select(TOKENS);
    let snippet = prop::sample::select(SNIPPETS);
    prop_oneof![
        3 => (any::<u16>(), 1..64u16).prop_map(|(a, n)| Edit::Delete(a, n)),
        1 => (any::<u16>(), 1..2000u16).prop_map(|(a, n)| Edit::Delete(a, n)),
        3 => (any::<u16>(), token.clone()).prop_map(|(a, t)| Edit::Insert(a, t)),
        3 => (any::<u16>(), 1..16u16, token).prop_map(|(a, n, t)| Edit::Replace(a, n, t)),
        1 => (any::<u16>(), 1..400u16, any::<u16>()).prop_map(|(a, n, b)| Edit::Duplicate(a, n, b)),
        2 => (any::<u16>(), snippet).prop_map(|(a, s)| Edit::Snippet(a, s)),
        1 => (any::<u16>(), 1..200u16, any::<u16>()).prop_map(|(a, n, b)| Edit::Swap(a, n, b)),
    ]
}

/// The largest char boundary not after `at`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn position(text: &str, fraction: u16) -> usize {
    floor(
        text,
        text.len() * usize::from(fraction) / usize::from(u16::MAX),
    )
}

fn range(text: &str, fraction: u16, len: u16) -> (usize, usize) {
    let start = position(text, fraction);
    (start, floor(text, start + usize::from(len)))
}

fn apply(text: &mut String, edit: &Edit) {
    match *edit {
        Edit::Delete(at, len) => {
            let (start, end) = range(text, at, len);
            text.replace_range(start..end, "");
        }
        Edit::Insert(at, token) | Edit::Snippet(at, token) => {
            let at = position(text, at);
            text.insert_str(at, token);
        }
        Edit::Replace(at, len, token) => {
            let (start, end) = range(text, at, len);
            text.replace_range(start..end, token);
        }
        Edit::Duplicate(at, len, to) => {
            let (start, end) = range(text, at, len);
            let piece = text[start..end].to_string();
            let to = position(text, to);
            text.insert_str(to, &piece);
        }
        Edit::Swap(at, len, to) => {
            let (start, end) = range(text, at, len);
            let piece = text[start..end].to_string();
            text.replace_range(start..end, "");
            let to = position(text, to);
            text.insert_str(to, &piece);
        }
    }
}

fn mutated(base: &'static str, edits: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(edit(), 1..=edits).prop_map(move |edits| {
        let mut text = base.to_string();
        for e in &edits {
            apply(&mut text, e);
        }
        text
    })
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config(3_500))]
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        check_all(ROOT, &text, &loader_with(RISKS));
    }
}

proptest! {
    #![proptest_config(config(3_500))]
    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        check_all(ROOT, &text, &loader_with(RISKS));
    }
}

proptest! {
    #![proptest_config(config(1_600))]
    #[test]
    fn mutated_zhilian_never_panics(text in mutated(ZHILIAN, 8)) {
        check_all(ROOT, &text, &loader_with(RISKS));
    }
}

proptest! {
    #![proptest_config(config(900))]
    #[test]
    fn mutated_risks_never_panics(text in mutated(RISKS, 8)) {
        // Checked alone, as the root.
        check_all(INCLUDED, &text, &loader_with(RISKS));
    }
}

proptest! {
    #![proptest_config(config(500))]
    #[test]
    fn mutated_root_and_include_never_panic(
        root in mutated(ZHILIAN, 4),
        included in mutated(RISKS, 4),
    ) {
        check_all(ROOT, &root, &loader_with(&included));
    }
}

// ---------------------------------------------------------------- fixed cases

/// The unmutated examples check clean, so the mutations start from a clean flow.
#[test]
fn examples_check_clean() {
    let source = SourceFile::new(ROOT, ZHILIAN);
    let checked = check_source(&source, &loader_with(RISKS));
    let rendered: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| d.render_to_string(false))
        .collect();
    assert!(rendered.is_empty(), "{}", rendered.join("\n"));
    assert_checked(&checked);
}

/// Inputs at the edges of the grammar that random generation rarely reaches.
#[test]
fn edge_inputs_never_panic() {
    let loader = loader_with(RISKS);
    // Compound durations at and just over the cap of 100 × 366 days.
    let at_cap = clocked_after("36599d1440m");
    let over_cap = clocked_after("36599d1441m");
    let cases: Vec<String> = vec![
        String::new(),
        "\u{feff}".into(),
        "\"".into(),
        "\"\"\"".into(),
        "#".into(),
        "flow".into(),
        "flow \"".into(),
        "template t \"\"\"\n".into(),
        "template t \"\"\"\"\"\"".into(),
        "risk r { keywords \"\\u{D800}\" }".into(),
        "risk r { keywords \"\\u{}\" }".into(),
        "risk r { keywords \"\\u{1234567}\" }".into(),
        "risk r { keywords \"\\".into(),
        "goal node_coverage >= 99999999999999999999999999%".into(),
        "goal node_coverage >= 1e9".into(),
        "pipeline { a \"b\" expect 99999999999999999999999d }".into(),
        "pipeline { a \"b\" expect 1000000w1000000w }".into(),
        "calendar c { hours mon-fri 24:00-24:00 }".into(),
        "calendar c { hours fri-mon 00:00-00:00 }".into(),
        "calendar c { off 9999-12-31..0000-01-01 }".into(),
        "calendar c { off 2026-02-30 }".into(),
        "calendar c { holidays \"\" }".into(),
        "calendar c { holidays \"/\" }".into(),
        "calendar c { holidays \"../../../../\" }".into(),
        "include \"\"".into(),
        "include \"/\"".into(),
        "include \"..\"".into(),
        "on enter x { task owner \"t\" due 1000000w }".into(),
        at_cap,
        over_cap,
        format!("{}\n", "segment s when (".repeat(10)),
        "segment s when ((((((((((((((((((((((((((((((((true))))))))))))))))))))))))))))))))"
            .into(),
        // Under the 256-operator limit; 190 terms or more overflow a debug test
        // thread's stack (see `or_chain_under_the_limit_overflows_a_debug_thread`).
        format!("segment s when {}true", "not ".repeat(100)),
        format!("segment s when true{}", " or true".repeat(100)),
        format!("segment s when true{}", " and true".repeat(100)),
        format!("segment s when {}true{}", "(".repeat(100), ")".repeat(100)),
        format!("template t \"{}\"", "{{".repeat(500)),
        format!("template t \"{}\"", "{% if x %}".repeat(200)),
        "x".repeat(10_000),
        "\n".repeat(10_000),
        "}".repeat(1000),
    ];
    for text in &cases {
        check_all(ROOT, text, &loader);
    }
}

/// An escalation under a calendar clock with one `after` step of `duration`.
fn clocked_after(duration: &str) -> String {
    format!(
        "calendar c {{ hours mon 09:00-10:00 }}\nescalation e {{ clock c after {duration} {{ }} }}\n"
    )
}

// ---------------------------------------------------------------- fuzz findings

/// Was `attempt to add with overflow` in `Checker::duration` (a debug build; a
/// silent wrap in release): each part of a compound duration was capped at
/// 1,000,000 but not their sum, and 4,295 parts of `1000000d` under a clock
/// overflowed the `u32` day count. Durations are now capped (77aa31d).
#[test]
fn long_compound_duration_under_a_clock_is_an_error() {
    let text = clocked_after(&"1000000d".repeat(4295));
    let source = SourceFile::new(ROOT, text.as_str());
    let checked = check_source(&source, &loader_with(RISKS));
    assert_checked(&checked);
    assert!(checked.has_errors());
}

/// Was a stack overflow (an abort, not a panic) in the recursion of
/// `Checker::cond` on long flat `or` / `and` / `not` chains: about 3,700 terms on
/// the main thread of a release build. Conditions are now bounded (77aa31d).
#[test]
fn long_chains_are_errors_not_stack_overflows() {
    for text in [
        format!("segment s when true{}\n", " or true".repeat(5000)),
        format!("segment s when true{}\n", " and true".repeat(5000)),
        format!("segment s when {}true\n", "not ".repeat(5000)),
        format!(
            "segment s when {}true{}\n",
            "(".repeat(5000),
            ")".repeat(5000)
        ),
        // The grammar has no recursive rule (parentheses are tokens, `manager of`
        // repeats, filters do not nest), so even this deep a text parses in a
        // bounded stack: pest 2.8 has no stack guard of its own.
        format!(
            "segment s when {}true{}\n",
            "(not ".repeat(200_000),
            ")".repeat(200_000)
        ),
        format!("segment s when {}true\n", "(".repeat(200_000)),
        format!("segment s when true{}\n", ")".repeat(200_000)),
        format!(
            "roles sales\non enter lead {{\n  notify {}sales \"x\"\n}}\n",
            "manager of ".repeat(200_000)
        ),
        format!(
            "events visit\nsegment s when {}1{}\n",
            "count visit(role = ".repeat(50_000),
            ")".repeat(50_000)
        ),
    ] {
        let source = SourceFile::new(ROOT, text.as_str());
        let checked = check_source(&source, &loader_with(RISKS));
        assert_checked(&checked);
        assert!(checked.has_errors());
    }
}

/// Was a label ending inside a character: MiniJinja widens an empty error span by
/// one byte, and the checker used it as is (15..16, the first byte of `的`; `的`
/// is a valid name since MiniJinja's `unicode` feature, so `。` stands in).
#[test]
fn template_syntax_label_ends_on_a_char_boundary() {
    let source = SourceFile::new(ROOT, "template t \"{{ 。 }}\"\n");
    let checked = check_source(&source, &loader_with(RISKS));
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == Code::TemplateSyntax)
    );
    assert_checked(&checked);
}

/// Long chains on a test thread's 2 MB stack in a debug build (`Checker::cond`
/// recurses once per operator on a left-nested tree).
#[test]
fn or_and_not_chains_at_the_limit_check_on_a_debug_thread() {
    // Regression: 190 `or` terms overflowed a 2 MB debug thread under a limit of
    // 256; the limit is now 64 operators, and 255 is an error, not an abort.
    for op in [" or true", " and true"] {
        let at_limit = format!("segment s when true{}\n", op.repeat(64));
        check_all(ROOT, &at_limit, &loader_with(RISKS));
        let over = format!("segment s when true{}\n", op.repeat(255));
        check_all(ROOT, &over, &loader_with(RISKS));
    }
    check_all(
        ROOT,
        &format!("segment s when {}true\n", "not ".repeat(64)),
        &loader_with(RISKS),
    );
}

// ---------------------------------------------------------------- templates and --where

/// What templates are made of: Jinja's delimiters, statements, the variables and
/// filters of the template context, and text around them.
const TEMPLATE_TOKENS: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ ",
    " }}",
    "{% ",
    " %}",
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "in",
    "endfor",
    "set",
    "=",
    "with",
    "endwith",
    "macro",
    "endmacro",
    "call",
    "endcall",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "not",
    "and",
    "or",
    "is",
    "defined",
    "undefined",
    "none",
    "definedd",
    "topic",
    "customer",
    "owner",
    "assignee",
    "due",
    "now",
    "escalation",
    "loop",
    "name",
    "title",
    ".",
    "|",
    "default",
    "d",
    "date",
    "dat",
    "datetime",
    "in_workdays",
    "upper",
    "(",
    ")",
    "[",
    "]",
    ",",
    "'x'",
    "\"y\"",
    "1",
    "-",
    "+",
    "~",
    "*",
    "**",
    "//",
    ":",
    "customer.name",
    "customer.estimated_margin",
    "customer.预算",
    "assignee.title",
    " ",
    "\n",
    "关于",
    "，",
    "。",
    "“",
    "\\",
    "\u{4E2D}",
];

fn template_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TEMPLATE_TOKENS), 0..80)
        .prop_map(|parts| parts.concat())
}

/// The example flow with its `care` template replaced by `body` (in a text block,
/// so quotes need no escape).
fn with_care(body: &str) -> String {
    let start = ZHILIAN.find("template care").expect("zhilian has `care`");
    let body = body.replace("\"\"\"", "");
    format!(
        "{}template care \"\"\"\n{body}\n\"\"\"\n",
        &ZHILIAN[..start]
    )
}

/// What conditions are made of, with the example flow's names and labels.
const WHERE_TOKENS: &[&str] = &[
    "stage",
    "health",
    "segment",
    "is",
    "in",
    "==",
    "!=",
    "<",
    ">=",
    "and",
    "or",
    "not",
    "(",
    ")",
    "（",
    "）",
    "[",
    "]",
    ",",
    "，",
    "poc",
    "demo",
    "方案演示",
    "需关注",
    "沉睡唤醒",
    "\"POC验证\"",
    "\"商务谈判\"",
    "yellow",
    "customer.estimated_margin",
    "customer.industry",
    "customer.created_at",
    "customer.预算",
    "customer.",
    "2026-03-02",
    "2026-02-30",
    "1000",
    "14d",
    "80%",
    "since last contact",
    "count visit",
    "within 30d",
    "tagged 新能源",
    "signal any",
    "signal legal_review",
    "task \"技术可行性报告\" open",
    "mentions \"法务\"",
    "overdue",
    "time_in_stage",
    "true",
    "\"",
    "“",
    "”",
    "：",
    "；",
    " ",
    "\n",
    "😀",
];

fn where_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WHERE_TOKENS), 0..30)
        .prop_map(|parts| parts.join(" "))
}

/// The example flow as the root, and its included and holiday files, in memory.
fn example_loader() -> MemoryLoader {
    let mut loader = loader_with(RISKS);
    loader
        .0
        .insert(normalize(Path::new(ROOT)), ZHILIAN.to_string());
    loader
}

fn check_where(text: &str, loader: &MemoryLoader) {
    let result = salesflow::check::check_condition(Path::new(ROOT), loader, text)
        .expect("the root is in memory");
    if let Err(diagnostics) = result {
        assert!(
            !diagnostics.is_empty(),
            "an error without a diagnostic: {text:?}"
        );
        for d in &diagnostics {
            for l in &d.labels {
                assert_span(&l.file.text, l.span.start, l.span.end, &d.message);
            }
            assert!(!d.render_to_string(false).is_empty());
            serde_json::to_string(&d.to_json()).expect("a diagnostic serializes");
        }
    }
}

proptest! {
    #![proptest_config(config(1500))]
    #[test]
    fn template_soup_never_panics(body in template_soup()) {
        check_all(ROOT, &with_care(&body), &loader_with(RISKS));
    }
}

proptest! {
    #![proptest_config(config(1500))]
    #[test]
    fn where_soup_never_panics(text in where_soup()) {
        check_where(&text, &example_loader());
    }
}

/// Hostile templates and conditions that once crashed `check` or `list --where`.
#[test]
fn known_hostile_templates_and_conditions() {
    for body in [
        format!("{{{{ {}1 }}}}", "-".repeat(30_000)),
        format!("{{{{ x{} }}}}", "| upper".repeat(100_000)),
        format!("{}x{}", "{% if x %}".repeat(500), "{% endif %}".repeat(500)),
        format!("{{{{ {}x{} }}}}", "(".repeat(2_000), ")".repeat(2_000)),
        "{{ due | dat }}".to_string(),
        "{% if topic is defined %}{{ topic }}{% endif %}".to_string(),
    ] {
        check_all(ROOT, &with_care(&body), &loader_with(RISKS));
    }
    let loader = example_loader();
    for cond in [
        "customer.estimated_margin > 1000",
        "customer.industry == \"汽车\" or customer.deals_won > 0",
        "stage is 方案演示 and health is 需关注",
        "customer.created_at >= 2026-03-02",
        "customer.预算 >= 500000",
        "（stage is poc",
        "",
        "；",
    ] {
        check_where(cond, &loader);
    }
}
