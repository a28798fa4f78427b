//! The template checks that need the flow and the team's shape, not only the
//! template: filters and tests that do not exist (a `{{ due | dat }}` would fail
//! every `plan`), and reads of variables that can be undefined for some customer
//! at run time without a guard (`topic` when no blocker is recorded, a declared
//! field left blank, a person without a title).

use rustc_hash::FxHashMap;

use super::Checker;
use super::names::did_you_mean;
use super::template_facts::{Facts, Read};
use super::templates::{PERSON_ATTRS, Place};
use crate::diagnostic::Code;

/// The filters the engine adds to MiniJinja's (`src/engine/render.rs`).
pub const ENGINE_FILTERS: [&str; 3] = ["date", "datetime", "in_workdays"];

/// The filters a message template is likeliest to want, for "did you mean"
/// (every built-in one is accepted; these are only suggested).
const SUGGESTED_FILTERS: [&str; 17] = [
    "date",
    "datetime",
    "in_workdays",
    "default",
    "upper",
    "lower",
    "title",
    "trim",
    "replace",
    "round",
    "int",
    "float",
    "length",
    "join",
    "first",
    "last",
    "string",
];

/// The tests suggested for "did you mean".
const SUGGESTED_TESTS: [&str; 5] = ["defined", "undefined", "none", "number", "string"];

/// Person attributes a team file may leave out: `name` and `id` are always there.
const OPTIONAL_PERSON_ATTRS: [&str; 7] = [
    "title", "role", "manager", "wecom", "mobile", "feishu", "email",
];

/// What a template applies to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Function {
    /// `x | name`
    Filter,
    /// `x is name`
    Test,
}

impl Function {
    fn word(self) -> &'static str {
        match self {
            Function::Filter => "filter",
            Function::Test => "test",
        }
    }
}

/// Which filter and test names exist, asked of MiniJinja once per name.
#[derive(Default)]
pub(super) struct Names {
    env: Option<minijinja::Environment<'static>>,
    known: FxHashMap<(Function, String), bool>,
}

impl Names {
    /// Whether the engine's templates have a filter or test so named.
    fn exists(&mut self, function: Function, name: &str) -> bool {
        if function == Function::Filter && ENGINE_FILTERS.contains(&name) {
            return true;
        }
        if let Some(known) = self.known.get(&(function, name.to_string())) {
            return *known;
        }
        let env = self.env.get_or_insert_with(minijinja::Environment::new);
        let state = env.empty_state();
        let value = [minijinja::Value::UNDEFINED];
        let unknown = match function {
            Function::Filter => matches!(
                state.apply_filter(name, &value),
                Err(e) if e.kind() == minijinja::ErrorKind::UnknownFilter
            ),
            Function::Test => matches!(
                state.perform_test(name, &value),
                Err(e) if e.kind() == minijinja::ErrorKind::UnknownTest
            ),
        };
        self.known.insert((function, name.to_string()), !unknown);
        !unknown
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
        let applied = facts
            .filters
            .iter()
            .map(|f| (Function::Filter, f))
            .chain(facts.tests.iter().map(|t| (Function::Test, t)));
        for (function, (name, at)) in applied {
            if names.exists(function, name) {
                continue;
            }
            let (candidates, otherwise): (&[&str], String) = match function {
                Function::Filter => (&SUGGESTED_FILTERS, crate::t!("check-help-filters")),
                Function::Test => (&SUGGESTED_TESTS, crate::t!("check-help-tests")),
            };
            let word = function.word();
            let help = did_you_mean(name, candidates.iter().copied()).unwrap_or(otherwise);
            let span = self.in_file(place, at).unwrap_or(place.lit.span);
            self.report(
                Code::TemplateUnknownFilter,
                span,
                crate::t!(
                    "check-template-unknown-function",
                    what = place.what(),
                    word = crate::i18n::noun(word),
                    name = name
                ),
                crate::t!(
                    "check-label-unknown-function",
                    word = crate::i18n::noun(word)
                ),
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
            crate::t!(
                "check-template-maybe-undefined",
                what = place.what(),
                path = path,
                why = why
            ),
            crate::t!("check-label-not-guarded"),
        )
        .help = Some(crate::t!("check-help-maybe-undefined", path = path));
    }

    /// When a variable that a place provides is undefined at run time anyway.
    fn why_undefined(&self, path: &str) -> Option<String> {
        let (head, attr) = path
            .split_once('.')
            .map_or((path, None), |(h, a)| (h, Some(a)));
        match (head, attr) {
            ("topic", None) => Some(crate::t!("check-why-no-blocker")),
            ("customer", Some(a)) if a.starts_with("contact_") => {
                Some(crate::t!("check-why-no-contact"))
            }
            ("customer", Some(a)) if self.flow.fields.iter().any(|f| f.name == a) => {
                Some(crate::t!("check-why-blank-field"))
            }
            ("owner" | "assignee", Some(a))
                if OPTIONAL_PERSON_ATTRS.contains(&a) && PERSON_ATTRS.contains(&a) =>
            {
                Some(crate::t!("check-why-no-person-attr"))
            }
            _ => None,
        }
    }
}
