//! A flow with many templates has them parsed by MiniJinja on other threads while
//! the checker's other passes run, each distinct text once. The diagnostics must be
//! exactly those of checking each template on its own: one per template that has a
//! problem, duplicates of a text included, in file order.

use std::collections::HashMap;
use std::fmt::Write as _;

use salesflow::check::{MemoryLoader, check_source};
use salesflow::diagnostic::Code;
use salesflow::source::SourceFile;

#[test]
fn many_templates_report_in_order_once_each() {
    let mut flow = String::from("pipeline {\n  lead \"线索\"\n  won \"赢单\" won\n}\n");
    let mut expected = Vec::new();
    for i in 0..300 {
        let text = match i % 10 {
            // An unknown variable, the same text in every tenth template.
            3 => "{{ 客户名称 }}".to_string(),
            // A syntax error, a text of its own.
            7 => format!("第{i}条 {{{{ customer.name"),
            _ => format!("第{i}条:{{{{ customer.name }}}} 的 {{{{ escalation.label }}}}"),
        };
        writeln!(flow, "template t{i} \"{text}\"").unwrap();
        // Diagnostics come in file order: the name (never used), then the text.
        expected.push((Code::UnusedTemplate, format!("`t{i}`")));
        match i % 10 {
            3 => expected.push((Code::TemplateUnknownVariable, format!("template `t{i}`"))),
            7 => expected.push((Code::TemplateSyntax, format!("template `t{i}`"))),
            _ => {}
        }
    }
    let source = SourceFile::new("many.flow", flow.as_str());
    let checked = check_source(&source, &MemoryLoader(HashMap::new()));
    let got: Vec<(Code, &str)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((code, needle), (got_code, message)) in expected.iter().zip(&got) {
        assert_eq!(code, got_code, "{message}");
        assert!(
            message.contains(needle.as_str()),
            "`{message}` lacks `{needle}`"
        );
    }
}
