//! The template checks that need the flow and the team's shape, not only the
//! template: filters and tests that do not exist (a `{{ due | dat }}` would fail
//! every `plan`), and reads of variables that can be undefined for some customer
//! at run time without a guard (`topic` when no blocker is recorded, a declared
//! field left blank, a person without a title).

use rustc_hash::FxHashMap;

use super::Checker;
use super::names::suggest;
use super::template_facts::{Facts, Read};
use super::templates::{PERSON_ATTRS, Place};
use crate::diagnostic::Code;

/// The filters the engine adds to MiniJinja's (`src/engine/render.rs`).
pub const ENGINE_FILTERS: [&str; 3] = ["date", "datetime", "in_workdays"];

/// MiniJinja's filters a message template is likeliest to want, for "did you
/// mean" (every built-in one is accepted; these are only suggested).
const COMMON_FILTERS: [&str; 14] = [
    "default", "upper", "lower", "title", "trim", "replace", "round", "int", "float", "length",
    "join", "first", "last", "string",
];

/// Person attributes a team file may leave out: `name` and `id` are always there.
const OPTIONAL_PERSON_ATTRS: [&str; 7] = [
    "title", "role", "manager", "wecom", "mobile", "feishu", "email",
];

/// Which filter and test names exist, asked of MiniJinja once per name.
#[derive(Default)]
pub(super) struct Names {
    env: Option<minijinja::Environment<'static>>,
    filters: FxHashMap<String, bool>,
    tests: FxHashMap<String, bool>,
}

impl Names {
    fn env(&mut self) -> &minijinja::Environment<'static> {
        self.env.get_or_insert_with(minijinja::Environment::new)
    }

    /// Whether `name` is a filter the engine's templates have.
    fn filter(&mut self, name: &str) -> bool {
        if ENGINE_FILTERS.contains(&name) {
            return true;
        }
        if let Some(known) = self.filters.get(name) {
            return *known;
        }
        let probe = self
            .env()
            .empty_state()
            .apply_filter(name, &[minijinja::Value::UNDEFINED]);
        let known = !matches!(&probe, Err(e) if e.kind() == minijinja::ErrorKind::UnknownFilter);
        self.filters.insert(name.to_string(), known);
        known
    }

    /// Whether `name` is a test (`is defined`) MiniJinja has.
    fn test(&mut self, name: &str) -> bool {
        if let Some(known) = self.tests.get(name) {
            return *known;
        }
        let probe = self
            .env()
            .empty_state()
            .perform_test(name, &[minijinja::Value::UNDEFINED]);
        let known = !matches!(&probe, Err(e) if e.kind() == minijinja::ErrorKind::UnknownTest);
        self.tests.insert(name.to_string(), known);
        known
    }
}

impl Checker<'_> {
    /// Reports each filter and test of a template that does not exist.
    pub(super) fn template_functions(
        &mut self,
        place: &Place<'_>,
        facts: &Facts,
        names: &mut Names,
    ) {
        for (name, at) in &facts.filters {
            if names.filter(name) {
                continue;
            }
            let help = suggest(
                name,
                ENGINE_FILTERS.iter().chain(&COMMON_FILTERS).copied(),
                "filter",
            )
            .filter(|h| h.starts_with("did"))
            .unwrap_or_else(|| {
                "salesflow adds `date`, `datetime` and `in_workdays(n)` to MiniJinja's filters (`default`, `upper`, `round`, …)".into()
            });
            let span = self.in_file(place, at).unwrap_or(place.lit.span);
            self.report(
                Code::TemplateUnknownFilter,
                span,
                format!(
                    "{} uses the filter `{name}`, which does not exist",
                    place.what()
                ),
                "unknown filter",
            )
            .help = Some(help);
        }
        for (name, at) in &facts.tests {
            if names.test(name) {
                continue;
            }
            let help = suggest(
                name,
                ["defined", "undefined", "none", "number", "string"].into_iter(),
                "test",
            )
            .filter(|h| h.starts_with("did"))
            .unwrap_or_else(|| {
                "tests are MiniJinja's: `is defined`, `is none`, `is number`, …".into()
            });
            let span = self.in_file(place, at).unwrap_or(place.lit.span);
            self.report(
                Code::TemplateUnknownFilter,
                span,
                format!(
                    "{} uses the test `{name}`, which does not exist",
                    place.what()
                ),
                "unknown test",
            )
            .help = Some(help);
        }
    }

    /// Warns about an unguarded read of a variable that some customer will not
    /// have at run time, where rendering is strict.
    pub(super) fn maybe_undefined(&mut self, place: &Place<'_>, read: &Read) {
        let Some(at) = &read.unguarded else { return };
        let Some(why) = self.why_undefined(&read.path) else {
            return;
        };
        let path = &read.path;
        let span = self.read_span(place, at, path);
        self.report(
            Code::TemplateMaybeUndefined,
            span,
            format!("{} reads `{path}`, which is undefined {why}", place.what()),
            "not guarded",
        )
        .help = Some(format!(
            "rendering fails where it is undefined: give a default, `{{{{ {path} | default(\"…\") }}}}`, or guard it, `{{% if {path} %}}…{{% endif %}}`"
        ));
    }

    /// When a variable that a place provides is undefined at run time anyway.
    fn why_undefined(&self, path: &str) -> Option<&'static str> {
        let (head, attr) = path
            .split_once('.')
            .map_or((path, None), |(h, a)| (h, Some(a)));
        match (head, attr) {
            ("topic", None) => Some("for a customer with no blocker recorded"),
            ("customer", Some(a)) if a.starts_with("contact_") => {
                Some("for a customer imported without it")
            }
            ("customer", Some(a)) if self.flow.fields.iter().any(|f| f.name == a) => {
                Some("for a customer whose field is blank")
            }
            ("owner" | "assignee", Some(a))
                if OPTIONAL_PERSON_ATTRS.contains(&a) && PERSON_ATTRS.contains(&a) =>
            {
                Some("for a person the team file gives none")
            }
            _ => None,
        }
    }
}
