//! The parser on the bundled examples and on LANGUAGE.md's constructs.

use salesflow::source::SourceFile;
use salesflow::syntax::{ast::Item, parse_file};

fn parse(name: &str, text: &str) -> (salesflow::syntax::ast::File, Vec<String>) {
    let src = SourceFile::new(name, text);
    let (file, errors) = parse_file(&src);
    (file, errors.iter().map(|e| format!("{e:?}")).collect())
}

#[test]
fn examples_parse_without_errors_and_keep_every_comment() {
    for name in ["examples/zhilian.flow", "examples/risks.flow"] {
        let text = std::fs::read_to_string(name).unwrap();
        let (file, errors) = parse(name, &text);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let hashes = text
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count();
        assert_eq!(file.comments.len(), hashes, "{name}");
    }
}

#[test]
fn zhilian_has_every_item_kind_it_declares() {
    let text = std::fs::read_to_string("examples/zhilian.flow").unwrap();
    let (file, _) = parse("zhilian.flow", &text);
    let stages = file.items.iter().find_map(|i| match i {
        Item::Pipeline(s, _) => Some(s),
        _ => None,
    });
    let names: Vec<_> = stages
        .unwrap()
        .iter()
        .map(|s| s.name.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "lead",
            "requirement",
            "demo",
            "poc",
            "negotiation",
            "signed",
            "lost"
        ]
    );
    let lost = &stages.unwrap()[6];
    assert!(lost.lost.is_some() && lost.won.is_none());
    let templates = file
        .items
        .iter()
        .filter(|i| matches!(i, Item::Template(_)))
        .count();
    assert_eq!(templates, 6);
}

#[test]
fn one_file_reports_syntax_errors_of_several_items() {
    let text = "roles sales,\nevents visit\nhealth {\n  red when\n}\ntemplate t \"ok\"\n";
    let (file, errors) = parse("bad.flow", text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(file.items.iter().any(|i| matches!(i, Item::Template(_))));
}
