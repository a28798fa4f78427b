//! The catalogues are complete: every message has English and Chinese text with
//! the same arguments, every key the code uses exists, and both parse.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::*;

/// Every message id of a catalogue, with the variables it uses.
fn messages(text: &str) -> Vec<(String, BTreeSet<String>)> {
    let resource = FluentResource::try_new(text.to_string())
        .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                Some((m.id.name.to_string(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_message_has_english_and_chinese_text_with_the_same_arguments() {
    let en = messages(EN);
    let zh = messages(ZH);
    let en_ids: BTreeSet<&str> = en.iter().map(|(id, _)| id.as_str()).collect();
    let zh_ids: BTreeSet<&str> = zh.iter().map(|(id, _)| id.as_str()).collect();
    let no_zh: Vec<_> = en_ids.difference(&zh_ids).collect();
    let no_en: Vec<_> = zh_ids.difference(&en_ids).collect();
    assert!(no_zh.is_empty(), "messages without Chinese text: {no_zh:?}");
    assert!(no_en.is_empty(), "messages without English text: {no_en:?}");
    for (id, vars) in &en {
        let zh_vars = &zh.iter().find(|(z, _)| z == id).expect("checked above").1;
        assert_eq!(vars, zh_vars, "`{id}` takes other arguments in zh.ftl");
    }
    let mut seen = BTreeSet::new();
    for (id, _) in &en {
        assert!(seen.insert(id), "`{id}` is defined twice in en.ftl");
    }
}

/// The keys of `t!("…"` and `t_in!(lang, "…"` in the crate's sources.
fn keys_used_in(dir: &Path, keys: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("src/") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            keys_used_in(&path, keys);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            for (at, _) in text.match_indices("t_in!(") {
                let rest = &text[at..];
                if let Some(q) = rest.find('"') {
                    let key: String = rest[q + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    if !key.is_empty() && key != "key" {
                        keys.insert(key);
                    }
                }
            }
            for marker in ["t!(\"", "t!(\n"] {
                for (at, _) in text.match_indices(marker) {
                    // `t!(`, not `format!(` or `print!(`.
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = text[at + marker.len()..]
                        .trim_start()
                        .trim_start_matches('"');
                    let key: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    if !key.is_empty() && key != "key" {
                        keys.insert(key);
                    }
                }
            }
        }
    }
}

#[test]
fn every_key_the_code_uses_has_text() {
    let mut keys = BTreeSet::new();
    keys_used_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut keys,
    );
    assert!(
        keys.contains("check-summary"),
        "the scan finds keys: {keys:?}"
    );
    keys.extend(crate::cli::help_keys());
    for lang in Lang::ALL {
        let missing: Vec<&String> = keys.iter().filter(|k| !has(lang, k)).collect();
        assert!(
            missing.is_empty(),
            "keys without {lang:?} text: {missing:#?}"
        );
    }
}

#[test]
fn plurals_and_arguments_are_filled_in_both_languages() {
    let mut args = Args::new();
    args.set("flows", 1.0);
    args.set("files", 2.0);
    args.set("errors", 1.0);
    args.set("warnings", 0.0);
    assert_eq!(
        tr_in(Lang::En, "check-summary", &args),
        "checked 1 flow (2 files): 1 error, 0 warnings"
    );
    assert_eq!(
        tr_in(Lang::Zh, "check-summary", &args),
        "已检查 1 个规则流（2 个文件）：1 个错误，0 个警告"
    );
}

#[test]
fn a_missing_key_falls_back_to_itself_and_never_panics() {
    assert_eq!(tr_in(Lang::Zh, "no-such-key", &Args::new()), "no-such-key");
}

#[test]
fn progress_templates_keep_their_placeholders() {
    for lang in Lang::ALL {
        let text = tr_in(lang, "progress-customers", &Args::new());
        assert!(text.starts_with("{bar:40} {pos}/{len} "), "{text}");
        assert!(text.ends_with(" {eta}"), "{text}");
    }
}
