//! Templates: each is parsed with `MiniJinja`, and every variable it reads is checked
//! against what each place that uses it provides (PRODUCT.md, "Template context").

use std::collections::BTreeSet;

use super::Checker;
use super::names::suggest;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{BuiltinField, TemplateSite};
use crate::source::Span;

/// Attributes of a person (`owner`, `assignee`).
pub const PERSON_ATTRS: [&str; 9] = [
    "id", "name", "title", "role", "manager", "wecom", "mobile", "feishu", "email",
];
/// Attributes of `escalation`.
pub const ESCALATION_ATTRS: [&str; 2] = ["name", "label"];
/// Attributes of `customer` beyond its built-in and declared fields.
pub const CUSTOMER_EXTRA_ATTRS: [&str; 8] = [
    "tags",
    "stage_label",
    "health_label",
    "segment_label",
    "contact_name",
    "contact_email",
    "contact_mobile",
    "contact_wecom",
];

/// The variables a place provides.
pub fn variables(site: TemplateSite) -> Vec<&'static str> {
    let mut v = vec!["customer", "owner", "assignee", "topic", "now"];
    match site {
        TemplateSite::Escalation => v.extend(["due", "escalation"]),
        TemplateSite::Block { has_due: true } => v.push("due"),
        TemplateSite::Block { has_due: false } => {}
    }
    v
}

fn site_name(site: TemplateSite) -> &'static str {
    match site {
        TemplateSite::Escalation => "an escalation step",
        TemplateSite::Block { has_due: true } => "an `on` block",
        TemplateSite::Block { has_due: false } => "an `on` block without a task",
    }
}

impl Checker<'_> {
    pub(super) fn check_templates(&mut self) {
        let env = minijinja::Environment::new();
        for id in 0..self.flow.templates.len() {
            let (file, lit) = self.template_sources[id].clone();
            self.cur = file;
            let source = self.flow.templates[id].source.clone();
            let name = self.flow.templates[id].name.clone();
            let what = name
                .as_ref()
                .map_or_else(|| "inline text".to_string(), |n| format!("template `{n}`"));
            let tmpl = match env.template_from_str(&source) {
                Ok(t) => t,
                Err(e) => {
                    let detail = e.detail().unwrap_or("syntax error").to_string();
                    let line = e
                        .line()
                        .map(|l| format!(" (line {l} of the template)"))
                        .unwrap_or_default();
                    // Point at the offending text when the string has no escapes,
                    // so that template offsets are file offsets.
                    let body = self
                        .file(file)
                        .slice(lit.span)
                        .get(1..lit.span.len().saturating_sub(1));
                    let at = e
                        .range()
                        .filter(|_| !lit.block && body == Some(source.as_str()))
                        .map(|r| {
                            // MiniJinja may widen an empty range by one byte, into a
                            // character: snap both ends to character boundaries.
                            let text = &self.file(file).text;
                            let start = floor_char(text, lit.span.start + 1 + r.start);
                            Span::new(
                                start,
                                ceil_char(text, (lit.span.start + 1 + r.end).max(start)),
                            )
                        });
                    let (span, label) = match at {
                        Some(span) => (span, detail),
                        None => (lit.span, format!("{detail}{line}")),
                    };
                    self.report(
                        Code::TemplateSyntax,
                        span,
                        format!("{what} is not a valid template"),
                        label,
                    )
                    .help = Some(
                        "templates use Jinja syntax: `{{ customer.name }}`, `{{ due | date }}`"
                            .into(),
                    );
                    continue;
                }
            };
            let used: BTreeSet<String> = tmpl.undeclared_variables(true).into_iter().collect();
            let mut sites: Vec<TemplateSite> = Vec::new();
            for (site, _) in &self.template_uses[id] {
                if !sites.contains(site) {
                    sites.push(*site);
                }
            }
            if sites.is_empty() {
                // Unused templates are linted; check them as if used in a step.
                sites.push(TemplateSite::Escalation);
            }
            for var in &used {
                let (head, attr) = var
                    .split_once('.')
                    .map_or((var.as_str(), None), |(h, a)| (h, Some(a)));
                let span = find_in(self.file(file).slice(lit.span), var)
                    .map_or(lit.span, |(s, l)| {
                        Span::new(lit.span.start + s, lit.span.start + s + l)
                    });
                if let Some(site) = sites.iter().find(|s| !variables(**s).contains(&head)) {
                    let known = variables(*site);
                    let help = suggest(head, known.iter().copied(), "variable")
                        .filter(|h| h.starts_with("did"))
                        .map_or_else(
                            || format!("{} provides {}", site_name(*site), list(&known)),
                            |h| format!("{h} {} provides {}", site_name(*site), list(&known)),
                        );
                    let mut d = Diagnostic::new(
                        Code::TemplateUnknownVariable,
                        format!(
                            "{what} uses `{head}`, which {} does not provide",
                            site_name(*site)
                        ),
                        self.file(file),
                        span,
                        "unknown here",
                    )
                    .with_help(help);
                    if let Some((_, (use_file, use_span))) =
                        self.template_uses[id].iter().find(|(s, _)| s == site)
                    {
                        if name.is_some() {
                            d = d.with_label(self.file(*use_file), *use_span, "used here");
                        }
                    }
                    self.diags.push(d);
                    continue;
                }
                let Some(attr) = attr else { continue };
                let attr = attr.split('.').next().unwrap_or(attr);
                let allowed: Vec<String> = match head {
                    "customer" => BuiltinField::ALL
                        .iter()
                        .map(|(n, _)| (*n).to_string())
                        .chain(self.flow.fields.iter().map(|f| f.name.clone()))
                        .chain(CUSTOMER_EXTRA_ATTRS.iter().map(|s| (*s).to_string()))
                        .collect(),
                    "owner" | "assignee" => PERSON_ATTRS.iter().map(|s| (*s).to_string()).collect(),
                    "escalation" => ESCALATION_ATTRS.iter().map(|s| (*s).to_string()).collect(),
                    _ => Vec::new(),
                };
                if !allowed.iter().any(|a| a == attr) {
                    let help = suggest(attr, allowed.iter().map(String::as_str), "attribute")
                        .filter(|h| h.starts_with("did"))
                        .unwrap_or_else(|| {
                            if allowed.is_empty() {
                                format!("`{head}` has no attributes")
                            } else {
                                format!(
                                    "`{head}` has {}",
                                    list(&allowed.iter().map(String::as_str).collect::<Vec<_>>())
                                )
                            }
                        });
                    self.report(
                        Code::TemplateUnknownVariable,
                        span,
                        format!("{what} uses `{head}.{attr}`, which does not exist"),
                        "unknown attribute",
                    )
                    .help = Some(help);
                }
            }
        }
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first occurrence of `needle` in `hay` that is not part of a longer name.
fn find_in(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
        if !word(before) && !word(after) {
            return Some((start, needle.len()));
        }
        from = end;
    }
    None
}

/// The nearest character boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest character boundary at or after `i`.
fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
