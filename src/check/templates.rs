//! Templates: each is parsed with `MiniJinja`, and every variable it reads is checked
//! against what each place that uses it provides (PRODUCT.md, "Template context").

use rustc_hash::FxHashMap;

use super::Checker;
use super::names::did_you_mean;
use super::template_facts::{self, Facts, MAX_OPERATORS, MAX_TEMPLATE_BYTES, Problem, Read};
use super::template_lints::Names;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{BuiltinField, FieldDef, TemplateSite};
use crate::source::Span;
use crate::syntax::ast::{Action, Body, EscClause, File, Item};

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
pub fn variables(site: TemplateSite) -> &'static [&'static str] {
    match site {
        TemplateSite::Escalation => &[
            "customer",
            "owner",
            "assignee",
            "topic",
            "now",
            "due",
            "escalation",
        ],
        TemplateSite::Block { has_due: true } => {
            &["customer", "owner", "assignee", "topic", "now", "due"]
        }
        TemplateSite::Block { has_due: false } => {
            &["customer", "owner", "assignee", "topic", "now"]
        }
    }
}

/// Templates parsed ahead of [`Checker::check_templates`], by text.
pub(super) type Early<'a> = FxHashMap<&'a str, Analysis>;

/// What a template reads and applies, or why it cannot be used.
pub(super) type Analysis = Result<Facts, Problem>;

/// A template being checked: its id, name, literal, and whether its text stands
/// in the file as it is (no escapes, no block indentation), so that template
/// offsets are file offsets.
pub(super) struct Place<'t> {
    pub id: usize,
    pub name: Option<&'t str>,
    pub lit: &'t crate::syntax::ast::StrLit,
    pub direct: bool,
}

impl Place<'_> {
    /// "template `care`" or "inline text", for messages.
    pub fn what(&self) -> String {
        self.name.map_or_else(
            || crate::t!("check-inline-text"),
            |n| crate::t!("check-template-named", name = n),
        )
    }
}

/// The texts of the syntax trees that become templates (`template` items and the
/// inline bodies of `notify` and `message`), parsed with `MiniJinja` while the other
/// passes run (it costs about as much as all of them together). A text missed
/// here is parsed later, so this is only ever a head start. Few templates are not
/// worth a thread: `None`.
pub(super) fn parse_early<'s, 'a: 's>(
    scope: &'s std::thread::Scope<'s, '_>,
    files: &'a [File],
) -> Option<std::thread::ScopedJoinHandle<'s, Early<'a>>> {
    fn bodies<'a>(actions: &'a [Action], texts: &mut Vec<&'a str>) {
        for a in actions {
            if let Action::Notify {
                body: Body::Text(t),
                ..
            }
            | Action::Message {
                body: Body::Text(t),
                ..
            } = a
            {
                texts.push(&t.value);
            }
        }
    }
    let mut texts: Vec<&'a str> = Vec::new();
    for item in files.iter().flat_map(|f| &f.items) {
        match item {
            Item::On(block) => bodies(&block.actions, &mut texts),
            Item::Escalation(e) => {
                for clause in &e.clauses {
                    if let EscClause::After(_, actions, _) | EscClause::Every { actions, .. } =
                        clause
                    {
                        bodies(actions, &mut texts);
                    }
                }
            }
            Item::Template(t) => texts.push(&t.text.value),
            _ => {}
        }
    }
    // The same text in several places is parsed once.
    texts.sort_unstable();
    texts.dedup();
    if texts.len() < TEMPLATES_PER_THREAD {
        return None;
    }
    // No thread to be had: the templates are parsed later, on this one.
    template_thread()
        .spawn_scoped(scope, move || {
            let analyses = analyse(&texts);
            texts.into_iter().zip(analyses).collect()
        })
        .ok()
}

/// Fewest templates worth a thread of their own.
const TEMPLATES_PER_THREAD: usize = 64;

/// Each template parsed by `MiniJinja`. Templates do not depend on each other, so
/// a flow with many is parsed on every core.
fn analyse(texts: &[&str]) -> Vec<Analysis> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(texts.len() / TEMPLATES_PER_THREAD);
    analyse_on(texts, threads)
}

/// [`analyse`] on `threads` threads, each parsing a run of templates in order.
fn analyse_on(texts: &[&str], threads: usize) -> Vec<Analysis> {
    if threads <= 1 {
        return run(texts);
    }
    let chunk = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|c| (c, template_thread().spawn_scoped(scope, move || run(c))))
            .collect();
        handles
            .into_iter()
            .flat_map(|(c, h)| match h {
                // A thread that panicked is a bug: surface it as this thread's panic.
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                // No thread to be had: parse them here.
                Err(_) => run(c),
            })
            .collect()
    })
}

/// A thread for parsing templates, with the stack of a main thread: `MiniJinja`
/// parses by recursive descent (to a nesting of 150), which a 2 MiB thread of a
/// debug build might not hold.
fn template_thread() -> std::thread::Builder {
    std::thread::Builder::new().stack_size(8 << 20)
}

/// Parses templates one after the other.
fn run(texts: &[&str]) -> Vec<Analysis> {
    texts
        .iter()
        .map(|text| template_facts::analyse(text))
        .collect()
}

fn site_name(site: TemplateSite) -> String {
    match site {
        TemplateSite::Escalation => crate::t!("check-site-escalation"),
        TemplateSite::Block { has_due: true } => crate::t!("check-site-block"),
        TemplateSite::Block { has_due: false } => crate::t!("check-site-block-no-task"),
    }
}

impl Checker<'_> {
    /// Checks every template: its size and syntax, each variable against each place
    /// that uses it, each filter and test, and each read of a variable that can be
    /// undefined at run time. `early` holds the texts already parsed while the
    /// other passes ran ([`parse_early`]); the others are parsed here.
    pub(super) fn check_templates(&mut self, early: &Early<'_>) {
        // Taken out of `self` while the environment borrows their texts, and put
        // back at the end, so no template text is copied.
        let templates = std::mem::take(&mut self.flow.templates);
        let sources = std::mem::take(&mut self.template_sources);
        let mut late: Vec<&str> = templates
            .iter()
            .map(|t| t.source.as_str())
            .filter(|t| !early.contains_key(t))
            .collect();
        late.sort_unstable();
        late.dedup();
        let late: Early<'_> = late.iter().copied().zip(analyse(&late)).collect();
        let analyses = templates.iter().map(|t| {
            let text = t.source.as_str();
            early
                .get(text)
                .or_else(|| late.get(text))
                .expect("every template text is parsed, early or late")
        });
        let mut names = Names::default();
        for (id, ((template, (file, lit)), analysis)) in
            templates.iter().zip(&sources).zip(analyses).enumerate()
        {
            self.cur = *file;
            let place = Place {
                id,
                name: template.name.as_deref(),
                lit,
                direct: !lit.block
                    && self
                        .file(*file)
                        .slice(lit.span)
                        .get(1..lit.span.len().saturating_sub(1))
                        == Some(template.source.as_str()),
            };
            let facts = match analysis {
                Ok(facts) => facts,
                Err(problem) => {
                    self.template_problem(&place, problem);
                    continue;
                }
            };
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
            for read in &facts.reads {
                if self.template_read(&place, &sites, read) {
                    self.maybe_undefined(&place, read);
                }
            }
            self.template_functions(&place, facts, &mut names);
        }
        self.flow.templates = templates;
        self.template_sources = sources;
    }

    /// Reports a template that cannot be used: too large, too deeply nested, or
    /// not valid Jinja.
    fn template_problem(&mut self, place: &Place<'_>, problem: &Problem) {
        let what = place.what();
        match problem {
            Problem::TooLarge { bytes } => {
                // The opening quotes: the whole text would be a snippet of pages.
                let quotes = if place.lit.block { 3 } else { 1 };
                let start = place.lit.span.start;
                self.report(
                    Code::TemplateTooLarge,
                    Span::new(start, start + quotes),
                    crate::t!(
                        "check-template-too-large",
                        what = what,
                        kb = (bytes / 1024).to_string()
                    ),
                    crate::t!("check-label-too-large"),
                )
                .help = Some(crate::t!(
                    "check-help-template-too-large",
                    kb = (MAX_TEMPLATE_BYTES / 1024).to_string()
                ));
            }
            Problem::TooComplex { operators, at } => {
                // The tag's opening braces: the tag itself may run for pages.
                let span = self
                    .in_file(place, &(at.start..at.start + 2))
                    .unwrap_or(place.lit.span);
                self.report(
                    Code::TemplateTooComplex,
                    span,
                    crate::t!(
                        "check-template-too-complex",
                        what = what,
                        operators = operators.to_string()
                    ),
                    crate::t!("check-label-too-many-operators"),
                )
                .help = Some(crate::t!(
                    "check-help-template-too-complex",
                    max = MAX_OPERATORS.to_string()
                ));
            }
            Problem::Syntax(e) => {
                let detail = e.detail().unwrap_or("syntax error").to_string();
                let line = e
                    .line()
                    .map(|l| crate::t!("check-template-line", line = l.to_string()))
                    .unwrap_or_default();
                let (span, label) = match e.range().and_then(|r| self.in_file(place, &r)) {
                    Some(span) => (span, detail),
                    None => (place.lit.span, format!("{detail}{line}")),
                };
                self.report(
                    Code::TemplateSyntax,
                    span,
                    crate::t!("check-template-syntax", what = what),
                    label,
                )
                .help = Some(crate::t!("check-help-template-syntax"));
            }
        }
    }

    /// Where a range of a template's text is in the rule file, when the string
    /// has no escapes (so template offsets are file offsets).
    pub(super) fn in_file(&self, place: &Place<'_>, r: &std::ops::Range<usize>) -> Option<Span> {
        if !place.direct {
            return None;
        }
        // MiniJinja may widen an empty range by one byte, into a character: snap
        // both ends to character boundaries.
        let text = &self.file(self.cur).text;
        let start = floor_char(text, place.lit.span.start + 1 + r.start);
        Some(Span::new(
            start,
            ceil_char(text, (place.lit.span.start + 1 + r.end).max(start)),
        ))
    }

    /// Where a read is written: its own span, else the first mention of its path.
    pub(super) fn read_span(
        &self,
        place: &Place<'_>,
        at: &std::ops::Range<usize>,
        path: &str,
    ) -> Span {
        self.in_file(place, at).unwrap_or_else(|| {
            let lit = place.lit.span;
            find_in(self.file(self.cur).slice(lit), path)
                .map_or(lit, |(s, l)| Span::new(lit.start + s, lit.start + s + l))
        })
    }

    /// Checks one variable read against every place the template is used; false
    /// when it was reported.
    fn template_read(&mut self, place: &Place<'_>, sites: &[TemplateSite], read: &Read) -> bool {
        let var = read.path.as_str();
        let (head, attr) = var
            .split_once('.')
            .map_or((var, None), |(h, a)| (h, Some(a)));
        if let Some(site) = sites.iter().find(|s| !variables(**s).contains(&head)) {
            let known = variables(*site);
            let help = did_you_mean(head, known.iter().copied()).map_or_else(
                || {
                    crate::t!(
                        "check-help-site-provides",
                        site = site_name(*site),
                        names = list(known)
                    )
                },
                |h| {
                    let provides = crate::t!(
                        "check-help-site-provides",
                        site = site_name(*site),
                        names = list(known)
                    );
                    format!("{h} {provides}")
                },
            );
            let mut d = Diagnostic::new(
                Code::TemplateUnknownVariable,
                crate::t!(
                    "check-template-unknown-variable",
                    what = place.what(),
                    name = head,
                    site = site_name(*site)
                ),
                self.file(self.cur),
                self.read_span(place, &read.at, var),
                crate::t!("check-label-unknown-here"),
            )
            .with_help(help);
            if let Some((_, (use_file, use_span))) =
                self.template_uses[place.id].iter().find(|(s, _)| s == site)
            {
                if place.name.is_some() {
                    d = d.with_label(
                        self.file(*use_file),
                        *use_span,
                        crate::t!("check-label-used-here"),
                    );
                }
            }
            self.diags.push(d);
            return false;
        }
        let Some(attr) = attr else { return true };
        let allowed = self.attributes(head);
        if allowed.clone().any(|a| a == attr) {
            return true;
        }
        let help = did_you_mean(attr, allowed.clone()).unwrap_or_else(|| {
            let all: Vec<&str> = allowed.collect();
            if all.is_empty() {
                crate::t!("check-help-no-attributes", name = head)
            } else {
                crate::t!(
                    "check-help-attributes",
                    name = head,
                    attributes = list(&all)
                )
            }
        });
        let span = self.read_span(place, &read.at, var);
        self.report(
            Code::TemplateUnknownVariable,
            span,
            crate::t!(
                "check-template-unknown-attribute",
                what = place.what(),
                name = format!("{head}.{attr}")
            ),
            crate::t!("check-label-unknown-attribute"),
        )
        .help = Some(help);
        false
    }

    /// The attributes of a template variable, in the order they are listed.
    fn attributes<'s>(&'s self, head: &str) -> impl Iterator<Item = &'s str> + Clone + 's {
        let (builtin, fields, extra): (&[_], &[_], &[&str]) = match head {
            "customer" => (&BuiltinField::ALL, &self.flow.fields, &CUSTOMER_EXTRA_ATTRS),
            "owner" | "assignee" => (&[], &[], &PERSON_ATTRS),
            "escalation" => (&[], &[], &ESCALATION_ATTRS),
            _ => (&[], &[], &[]),
        };
        builtin
            .iter()
            .map(|(n, _)| *n)
            .chain(fields.iter().map(|f: &FieldDef| f.name.as_str()))
            .chain(extra.iter().copied())
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

#[cfg(test)]
mod tests {
    use super::analyse_on;
    use crate::check::template_facts::Problem;

    /// Parsing templates on several threads gives each template its own result,
    /// in order, as parsing them one after the other does.
    #[test]
    fn templates_analysed_in_parallel_keep_their_order() {
        let texts: Vec<String> = (0..300)
            .map(|i| match i % 5 {
                0 => format!("{{{{ customer.name }}}} 第{i}条"),
                1 => format!("{{% if x{i} %}}是{{% endif %}}"),
                2 => format!("{{{{ broken {i}"),
                3 => "没有变量的文字".to_string(),
                _ => format!("{{{{ due | date }}}} {{{{ topic }}}} {{{{ v{i}.a }}}}"),
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let show = |threads| {
            analyse_on(&texts, threads)
                .into_iter()
                .map(|r| match r {
                    Ok(facts) => format!(
                        "ok {:?}",
                        facts
                            .reads
                            .iter()
                            .map(|r| r.path.as_str())
                            .collect::<Vec<_>>()
                    ),
                    Err(Problem::Syntax(e)) => {
                        format!("err {:?} {:?} {:?}", e.detail(), e.line(), e.range())
                    }
                    Err(other) => format!("err {other:?}"),
                })
                .collect::<Vec<_>>()
        };
        let one = show(1);
        assert_eq!(one.len(), 300);
        assert!(one[2].starts_with("err"), "{}", one[2]);
        assert_eq!(one[1], "ok [\"x1\"]");
        for threads in [2, 3, 7] {
            assert_eq!(show(threads), one, "{threads} threads");
        }
    }
}
