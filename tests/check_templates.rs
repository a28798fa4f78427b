//! Templates as `check` sees them, through the binary: an unknown filter is an
//! error (it would fail every `plan`), a variable that can be undefined at run
//! time is a warning unless guarded, a template too deeply nested is an error
//! before MiniJinja parses it (no stack overflow), and the filters `check`
//! accepts are the ones the engine renders.

mod check_common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use check_common::run;

fn scratch(name: &str) -> PathBuf {
    check_common::scratch("check-templates", name)
}

/// A flow whose POC stage notifies presales and messages the customer with the
/// templates given.
fn flow(templates: &str) -> String {
    format!(
        "roles presales\nfield estimated_margin: money\n\
         pipeline {{\n  lead \"线索\"\n  poc \"POC验证\"\n  signed \"合同签署\" won\n}}\n\
         on enter poc {{\n  task presales \"技术可行性报告\" due 48h\n  \
         notify presales template internal\n  message customer template care\n}}\n{templates}\n"
    )
}

fn check(name: &str, templates: &str) -> (i32, String) {
    let dir = scratch(name);
    std::fs::write(dir.join("main.flow"), flow(templates)).unwrap();
    let (code, _, err) = run(&dir, &["check", "--deny-warnings", "main.flow"]);
    (code, err)
}

#[test]
fn an_unknown_filter_is_an_error_with_a_suggestion() {
    let (code, err) = check(
        "filter",
        "template internal \"{{ customer.name }} 报告 {{ due | dat }} 到期\"\n\
         template care \"您好 {{ customer.name }} {{ now | datetime }}\"",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("uses the filter `dat`, which does not exist"),
        "{err}"
    );
    assert!(err.contains("did you mean `date`?"), "{err}");
    assert!(err.contains("1 error"), "{err}");

    let (code, err) = check(
        "test",
        "template internal \"{% if topic is definedd %}{{ topic }}{% endif %}\"\n\
         template care \"您好\"",
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("uses the test `definedd`"), "{err}");
}

#[test]
fn possibly_undefined_variables_warn_unless_guarded() {
    let (code, err) = check(
        "unguarded",
        "template internal \"{{ customer.name }} 毛利 {{ customer.estimated_margin }} 元\"\n\
         template care \"关于{{ topic }},{{ assignee.title }}{{ assignee.name }}跟进,联系人 {{ customer.contact_name }}\"",
    );
    assert_eq!(code, 1, "{err}");
    for path in [
        "customer.estimated_margin",
        "topic",
        "assignee.title",
        "customer.contact_name",
    ] {
        assert!(err.contains(&format!("reads `{path}`")), "{path}: {err}");
    }
    assert!(err.contains("0 errors, 4 warnings"), "{err}");
    assert!(!err.contains("reads `customer.name`"), "{err}");
    assert!(!err.contains("reads `assignee.name`"), "{err}");

    let (code, err) = check(
        "guarded",
        "template internal \"{{ customer.name }} 毛利 {{ customer.estimated_margin | default('待评估') }} 元\"\n\
         template care \"\"\"\n{% if topic %}关于{{ topic }}{% else %}关于方案{% endif %},\
         {{ assignee.title if assignee.title else '' }}{{ assignee.name }}跟进\
         {% if customer.contact_name is defined %},联系人 {{ customer.contact_name }}{% endif %}\n\"\"\"",
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn huge_and_deep_templates_are_refused_before_parsing() {
    let dir = scratch("deep");
    let minus = format!(
        "template internal \"{{{{ {}1 }}}}\"\ntemplate care \"{{{{ x{} }}}}\"",
        "-".repeat(30_000),
        "| upper ".repeat(2_000)
    );
    std::fs::write(dir.join("main.flow"), flow(&minus)).unwrap();
    let start = Instant::now();
    let (code, _, err) = run(&dir, &["check", "main.flow"]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("overflow"), "{err}");
    assert!(
        err.contains("template `internal` has a tag with 30000 operators"),
        "{err}"
    );
    assert!(
        err.contains("template `care` has a tag with 2000 operators"),
        "{err}"
    );
    // Larger ones, and `plan` and `apply` on them: tests/check_hostile.rs.
}

/// The filters `check` accepts besides MiniJinja's are the engine's: a rule test
/// renders each.
#[test]
fn the_engine_renders_every_filter_check_accepts() {
    let dir = scratch("engine");
    std::fs::write(
        dir.join("main.flow"),
        "timezone \"Asia/Shanghai\"\nroles presales\n\
         pipeline {\n  lead \"线索\"\n  poc \"POC验证\"\n  signed \"合同签署\" won\n}\n\
         on enter poc {\n  task presales \"报告\" due 48h\n  notify presales template dates\n}\n\
         template dates \"到期 {{ due | date }} / {{ due | datetime }} / {{ now | in_workdays(2) | date }}\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("team.yaml"),
        "people:\n  - { id: wang, name: 王工, role: presales }\n  - { id: zhang, name: 张伟, role: sales }\ndefaults: { presales: wang }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("filters.yaml"),
        "rules: main.flow\nteam: team.yaml\nstart: 2026-03-02T09:00:00+08:00\n\
         customers: [{ id: c1, name: 宁波某整车配套厂, owner: zhang, stage: lead }]\n\
         events:\n  - { at: 0h, customer: c1, move: poc }\n\
         expect:\n  - at: 1h\n    outbox: [{ to: wang, template: dates, text_contains: \"到期 2026-03-04 / 2026-03-04 09:00 / 2026-03-04\" }]\n",
    )
    .unwrap();
    let (code, out, err) = run(&dir, &["check", "--deny-warnings", "main.flow"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(&dir, &["test", "filters.yaml"]);
    assert_eq!(code, 0, "{out}{err}");
}
