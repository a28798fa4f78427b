//! Pass 1: every declared name goes into its symbol table; duplicates, built-in
//! names redeclared and repeated singleton items are reported here.

use std::collections::HashMap;
use std::str::FromStr;

use super::Checker;
use super::names::{Site, did_you_mean, suggest};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{BUILTIN_EVENT_KINDS, BuiltinField, FieldDef, FieldType, Stage, StateDef};
use crate::source::Span;
use crate::syntax::ast::{Ident, Item};

impl<'a> Checker<'a> {
    pub(super) fn declare(&mut self) {
        for kind in BUILTIN_EVENT_KINDS {
            let _ = self.kinds.declare(kind, (usize::MAX, Span::default()));
            self.flow.event_kinds.push(kind.to_string());
        }
        let mut singletons: HashMap<&'static str, Site> = HashMap::new();
        let items: Vec<_> = self.items().collect();
        for (position, (file, item)) in items.iter().enumerate() {
            self.cur = *file;
            let site = (*file, item.span());
            let singleton = match item {
                Item::Flow(..) => Some("flow"),
                Item::Timezone(..) => Some("timezone"),
                Item::Pipeline(..) => Some("pipeline"),
                Item::Health(..) => Some("health"),
                Item::UpdateRequires(..) => Some("update requires"),
                _ => None,
            };
            if let Some(kind) = singleton {
                if let Some(first) = singletons.get(kind).copied() {
                    let d = Diagnostic::new(
                        Code::DuplicateItem,
                        crate::t!("check-item-twice", kind = kind),
                        self.file(*file),
                        item.span(),
                        crate::t!("check-label-second-one"),
                    )
                    .with_label(
                        self.file(first.0),
                        first.1,
                        crate::t!("check-label-first-one"),
                    )
                    .with_help(crate::t!("check-help-item-twice", kind = kind));
                    self.diags.push(d);
                    continue;
                }
                singletons.insert(kind, site);
            }
            self.declare_item(position, item);
        }
        self.label_clashes();
    }

    fn declare_item(&mut self, position: usize, item: &'a Item) {
        match item {
            Item::Flow(name, span) => {
                if position != 0 {
                    self.report(
                        Code::FlowNotFirst,
                        *span,
                        crate::t!("check-flow-not-first"),
                        crate::t!("check-label-not-first"),
                    )
                    .help = Some(crate::t!("check-help-flow-not-first"));
                }
                self.flow.name = Some(name.value.clone());
            }
            Item::Timezone(name, _) => match chrono_tz::Tz::from_str(&name.value) {
                Ok(tz) => self.flow.timezone = tz,
                Err(_) => {
                    let help =
                        did_you_mean(&name.value, chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()))
                            .unwrap_or_else(|| crate::t!("check-help-iana"));
                    self.report(
                        Code::UnknownTimezone,
                        name.span,
                        crate::t!("check-unknown-timezone", name = name.value),
                        crate::t!("check-label-not-iana"),
                    )
                    .help = Some(help);
                }
            },
            Item::Calendar(c) => {
                self.declare_name("calendar", &c.name, Names::Calendars);
            }
            Item::Roles(roles, _) => {
                for r in roles {
                    if r.name == "owner" {
                        self.builtin(r, "role", &crate::t!("check-why-owner"));
                    } else if self.declare_name("role", r, Names::Roles) {
                        self.flow.roles.push(r.name.clone());
                    }
                }
            }
            Item::Events(kinds, _) => {
                for k in kinds {
                    if BUILTIN_EVENT_KINDS.contains(&k.name.as_str()) {
                        self.builtin(k, "event kind", &crate::t!("check-why-builtin-kind"));
                    } else if self.declare_name("event kind", k, Names::Kinds) {
                        self.flow.event_kinds.push(k.name.clone());
                    }
                }
            }
            Item::EventGroup(g) => {
                if BUILTIN_EVENT_KINDS.contains(&g.name.name.as_str()) {
                    self.builtin(&g.name, "event kind", &crate::t!("check-why-builtin-kind"));
                } else {
                    self.declare_name("event kind or group", &g.name, Names::Kinds);
                }
            }
            Item::Field(f) => {
                if BuiltinField::ALL.iter().any(|(n, _)| *n == f.name.name) {
                    self.builtin(&f.name, "field", &crate::t!("check-why-builtin-field"));
                    return;
                }
                let ty = FieldType::ALL
                    .iter()
                    .find(|(n, _)| *n == f.ty.name)
                    .map(|(_, t)| *t);
                let Some(ty) = ty else {
                    let help = suggest(
                        &f.ty.name,
                        FieldType::ALL.iter().map(|(n, _)| *n),
                        "field type",
                    );
                    self.report(
                        Code::UnknownFieldType,
                        f.ty.span,
                        crate::t!("check-unknown-field-type", name = f.ty.name),
                        crate::t!("check-label-not-a-type"),
                    )
                    .help = help;
                    return;
                };
                if self.declare_name("field", &f.name, Names::Fields) {
                    self.flow.fields.push(FieldDef {
                        name: f.name.name.clone(),
                        ty,
                    });
                }
            }
            Item::Pipeline(stages, _) => {
                for s in stages {
                    if self.declare_name("stage", &s.name, Names::Stages) {
                        let id = self.stages.get(&s.name.name).unwrap_or(u32::MAX);
                        self.stages
                            .label(&s.label.value, id, (self.cur, s.label.span));
                        self.flow.stages.push(Stage {
                            name: s.name.name.clone(),
                            label: s.label.value.clone(),
                            milestone: s.milestone.is_some(),
                            expect: None,
                            evidence_required: s.evidence_required.is_some(),
                            outcome: None,
                        });
                    }
                }
            }
            Item::Health(states, _) => {
                for s in states {
                    if self.declare_name("health state", &s.name, Names::States) {
                        if let Some(l) = &s.label {
                            let id = self.states.get(&s.name.name).unwrap_or(u32::MAX);
                            self.states.label(&l.value, id, (self.cur, l.span));
                        }
                        self.flow.health.push(state_def(&s.name, s.label.as_ref()));
                    }
                }
            }
            Item::Segment(s) => {
                if self.declare_name("segment", &s.name, Names::Segments) {
                    if let Some(l) = &s.label {
                        let id = self.segments.get(&s.name.name).unwrap_or(u32::MAX);
                        self.segments.label(&l.value, id, (self.cur, l.span));
                    }
                    self.flow
                        .segments
                        .push(state_def(&s.name, s.label.as_ref()));
                }
            }
            Item::Risk(r) => {
                self.declare_name("risk", &r.name, Names::Risks);
            }
            Item::Tags(t) => {
                for (name, _, _) in &t.tags {
                    self.declare_name("tag", name, Names::Tags);
                }
            }
            Item::Template(t) => {
                if self.declare_name("template", &t.name, Names::Templates) {
                    self.add_template(Some(t.name.name.clone()), t.text.clone());
                }
            }
            Item::Escalation(e) => {
                self.declare_name("escalation", &e.name, Names::Escalations);
            }
            Item::Include(..) | Item::On(_) | Item::UpdateRequires(..) | Item::Goal(_) => {}
        }
    }

    /// Declares a name; reports a duplicate and returns false when it is one.
    fn declare_name(&mut self, what: &str, ident: &'a Ident, table: Names) -> bool {
        let site = (self.cur, ident.span);
        let names = match table {
            Names::Calendars => &mut self.calendars,
            Names::Roles => &mut self.roles,
            Names::Kinds => &mut self.kinds,
            Names::Fields => &mut self.fields,
            Names::Stages => &mut self.stages,
            Names::States => &mut self.states,
            Names::Segments => &mut self.segments,
            Names::Risks => &mut self.risks,
            Names::Tags => &mut self.tags,
            Names::Templates => &mut self.templates,
            Names::Escalations => &mut self.escalations,
        };
        match names.declare(&ident.name, site) {
            Ok(_) => true,
            Err(first) => {
                self.duplicate(what, &ident.name, ident.span, first);
                false
            }
        }
    }

    fn builtin(&mut self, ident: &Ident, what: &str, why: &str) {
        self.report(
            Code::BuiltinRedeclared,
            ident.span,
            crate::t!(
                "check-builtin",
                name = ident.name,
                what = crate::i18n::noun(what)
            ),
            crate::t!("check-label-builtin"),
        )
        .help = Some(crate::t!("check-help-builtin", why = why));
    }

    /// Adds a template (named or inline) and returns its id.
    pub(super) fn add_template(
        &mut self,
        name: Option<String>,
        text: crate::syntax::ast::StrLit,
    ) -> crate::model::TemplateId {
        let id =
            crate::model::TemplateId(u32::try_from(self.flow.templates.len()).unwrap_or(u32::MAX));
        self.flow.templates.push(crate::model::Template {
            name,
            source: text.value.clone(),
        });
        self.template_sources.push((self.cur, text));
        self.template_uses.push(Vec::new());
        id
    }
}

/// Which symbol table a name goes into.
#[derive(Clone, Copy)]
enum Names {
    Calendars,
    Roles,
    Kinds,
    Fields,
    Stages,
    States,
    Segments,
    Risks,
    Tags,
    Templates,
    Escalations,
}

fn state_def(name: &Ident, label: Option<&crate::syntax::ast::StrLit>) -> StateDef {
    StateDef {
        name: name.name.clone(),
        label: label.map_or_else(|| name.name.clone(), |l| l.value.clone()),
        when: None,
        when_text: None,
    }
}
