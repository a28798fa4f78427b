//! With `--team`: a recipient that cannot resolve for any customer (a role nobody
//! holds and no default names, a manager nobody has, a person not in the team).

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Recipient;
use crate::team::{Person, Team};

impl Checker<'_> {
    pub(super) fn lint_team(&mut self) {
        let Some(team) = self.team else { return };
        for (recipient, (file, span)) in std::mem::take(&mut self.step_recipients) {
            if !candidates(team, &recipient, &self.flow.roles).is_empty() {
                continue;
            }
            let text = self.file(file).slice(span).to_string();
            let help = match &recipient {
                Recipient::Role(r) => {
                    crate::t!("check-help-nobody-role", role = self.flow.roles[r.index()])
                }
                Recipient::Person(id) => crate::t!("check-help-nobody-person", id = id),
                _ => crate::t!("check-help-nobody-manager"),
            };
            let d = Diagnostic::new(
                Code::UnresolvableRecipient,
                crate::t!("check-unresolvable-recipient", recipient = text),
                self.file(file),
                span,
                crate::t!("check-label-nobody"),
            )
            .with_help(help);
            self.diags.push(d);
        }
    }
}

/// Everyone a recipient could be, for some customer.
fn candidates<'t>(team: &'t Team, r: &Recipient, roles: &[String]) -> Vec<&'t Person> {
    match r {
        Recipient::Owner => team.people.iter().collect(),
        Recipient::Person(id) => team.person(id).into_iter().collect(),
        Recipient::Role(role) => {
            let name = roles.get(role.index()).map_or("", String::as_str);
            team.people
                .iter()
                .filter(|p| {
                    p.role.as_deref() == Some(name) || team.defaults.get(name) == Some(&p.id)
                })
                .collect()
        }
        Recipient::ManagerOf(of) => {
            let mut out: Vec<&Person> = Vec::new();
            for p in candidates(team, of, roles) {
                if let Some(m) = p.manager.as_deref().and_then(|m| team.person(m)) {
                    if !out.iter().any(|q| q.id == m.id) {
                        out.push(m);
                    }
                }
            }
            out
        }
    }
}
