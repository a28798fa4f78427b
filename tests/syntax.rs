//! The parser on the bundled examples and on LANGUAGE.md's constructs.

use miette::Diagnostic as _;
use salesflow::source::SourceFile;
use salesflow::syntax::{SyntaxError, ast::Item, parse_file};

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

/// The shape of a condition: `or`/`and`/`not` as words, each comparison as the
/// source text of its span, parentheses around every binary operation.
fn shape(e: &salesflow::syntax::ast::Expr, text: &str) -> String {
    use salesflow::syntax::ast::ExprKind;
    match &e.kind {
        ExprKind::Or(a, b) => format!("({} or {})", shape(a, text), shape(b, text)),
        ExprKind::And(a, b) => format!("({} and {})", shape(a, text), shape(b, text)),
        ExprKind::Not(a) => format!("not {}", shape(a, text)),
        _ => text[e.span.start..e.span.end].to_string(),
    }
}

/// Parentheses are tokens the lowering matches (the grammar never recurses):
/// precedence, grouping from the left, and spans come out as a recursive grammar
/// gave them.
#[test]
fn conditions_group_by_precedence_and_parentheses() {
    for (text, expected) in [
        ("a or b and c", "(a or (b and c))"),
        ("a or b or c", "((a or b) or c)"),
        ("a and b and c or d", "(((a and b) and c) or d)"),
        ("not a and b", "(not a and b)"),
        ("not (a and b)", "not (a and b)"),
        ("(a or b) and c", "((a or b) and c)"),
        (
            "((a)) or (not (b or c) and d)",
            "(a or (not (b or c) and d))",
        ),
        (
            "stage is lead or (count 拜访 within 7d > 0 and not tagged 新能源)",
            "(stage is lead or (count 拜访 within 7d > 0 and not tagged 新能源))",
        ),
    ] {
        let source = SourceFile::new("cond", text);
        let expr =
            salesflow::syntax::parse_expr(&source).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(shape(&expr, text), expected, "{text}");
    }
}

#[test]
fn unbalanced_parentheses_are_errors_at_the_parenthesis() {
    for (text, at) in [("(a or b", 0), ("a or (b and (c)", 5), ("a) or b", 1)] {
        let source = SourceFile::new("cond", text);
        let errors = salesflow::syntax::parse_expr(&source).expect_err(text);
        assert_eq!(errors.len(), 1, "{text}: {errors:?}");
        let error = &errors[0];
        assert!(
            matches!(error, SyntaxError::UnbalancedParentheses { .. }),
            "{text}: {error:?}"
        );
        let label = error.labels().and_then(|mut l| l.next()).expect("a label");
        assert_eq!((label.offset(), label.len()), (at, 1), "{text}");
    }
}

/// A condition ending in `signal any` leaves the next item's first word alone,
/// and still takes a severity written after it.
#[test]
fn signal_any_does_not_take_the_next_items_keyword() {
    let text = "segment a \"甲\" when signal any\nsegment b \"乙\" when signal any red within 7d\nrisk r \"风险\" {\n  severity red\n  keywords \"法务\"\n}\nsegment c \"丙\" when signal any\non enter lead {\n  notify sales \"x\"\n}\n";
    let (file, errors) = parse("signal.flow", text);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(file.items.len(), 5);
    let severities: Vec<Option<String>> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Segment(s) => s.when.as_ref().map(|e| format!("{:?}", e.kind)),
            _ => None,
        })
        .map(|k| k.contains("name: \"red\"").then(|| "red".to_string()))
        .collect();
    assert_eq!(severities, vec![None, Some("red".into()), None]);
}
