//! New customers: the row a CRM export would hold (name, owner, presales, the
//! flow's declared fields, a contact person), and the few bytes the generator
//! keeps about each to carry its story on day by day ([`Profile`]).
//!
//! Fields are filled by their declared type, with the blank cells exports have:
//! an industry text field gets the company's industry; a number field counting
//! deals won is mostly 0 (a returning customer now and then), one counting
//! disputes rarely reaches 3; money is an estimate in yuan; a bool is true, false
//! or blank.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::dice::Dice;
use super::names::{self, INDUSTRIES, SURNAMES};
use crate::engine::{Contact, CustomerRecord, FieldValue};
use crate::model::{FieldType, Flow};

/// A contact's title, and whether they decide.
const TITLES: [(&str, bool); 6] = [
    ("总经理", true),
    ("厂长", true),
    ("副总经理", true),
    ("信息部经理", false),
    ("生产总监", false),
    ("采购经理", false),
];

/// What the generator keeps about a customer to write its records: small, so
/// a hundred thousand fit in a few megabytes.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// Index of the owner among the roster's owners.
    pub owner: u16,
    /// Index of the presales engineer among the roster's presales.
    pub presales: u16,
    /// Index into [`INDUSTRIES`].
    pub industry: u8,
    /// Surnames (indices into [`SURNAMES`]) of the decision maker, the technical
    /// contact and the buyer.
    pub contacts: [u8; 3],
    /// Days between contacts, on average.
    pub cadence: u8,
    /// Percent of contacts that reach the decision maker.
    pub decision_maker_share: u8,
    /// Cancels demos often.
    pub flaky: bool,
    /// Stops being contacted at some point (goes dormant).
    pub forgotten: bool,
}

impl Profile {
    /// How the rep calls one of the contacts (0 decision maker, 1 technical, 2
    /// buyer): `王总`, `李工`, `张经理`.
    pub fn who(&self, which: usize) -> String {
        let surname = SURNAMES[usize::from(self.contacts[which % 3]) % SURNAMES.len()].0;
        let suffix = ["总", "工", "经理"][which % 3];
        format!("{surname}{suffix}")
    }

    /// Something the customer wants from the product.
    pub fn need(&self, dice: &mut Dice) -> &'static str {
        let industry = &INDUSTRIES[usize::from(self.industry) % INDUSTRIES.len()].0;
        dice.pick(industry.needs)
    }
}

/// A customer about to be created.
pub struct NewCustomer {
    /// Its row.
    pub record: CustomerRecord,
    /// What the generator keeps.
    pub profile: Profile,
}

/// Creates customer `id` at `created_at`, owned by one of `owners`, supported
/// by one of `presales`.
pub fn new_customer(
    flow: &Flow,
    dice: &mut Dice,
    id: String,
    created_at: DateTime<Utc>,
    owners: &[String],
    presales: &[String],
) -> NewCustomer {
    let company = names::company(dice);
    let industry = INDUSTRIES
        .iter()
        .position(|(i, _)| std::ptr::eq(i, company.industry))
        .unwrap_or(0);
    let owner = dice.below(0, u32::try_from(owners.len()).unwrap_or(1));
    let engineer = dice.below(0, u32::try_from(presales.len()).unwrap_or(1));
    let mut assignees = BTreeMap::new();
    if let Some(p) = presales.get(engineer as usize) {
        if flow.roles.iter().any(|r| r == "presales") {
            assignees.insert("presales".to_string(), p.clone());
        }
    }
    let contact_name = names::person(dice);
    let (title, _) = dice.pick(&TITLES);
    let contact = Contact {
        name: Some(format!("{}({title})", contact_name.full())),
        email: dice
            .chance(0.4)
            .then(|| format!("{}@example.cn", contact_name.pinyin)),
        mobile: dice
            .chance(0.8)
            .then(|| format!("13{:09}", dice.below(0, 1_000_000_000))),
        wecom: None,
    };
    let fields = fields(flow, dice, company.industry.field);
    let count = u32::try_from(SURNAMES.len()).unwrap_or(1);
    let surname = |d: &mut Dice| u8::try_from(d.below(0, count)).unwrap_or(0);
    let profile = Profile {
        owner: u16::try_from(owner).unwrap_or(0),
        presales: u16::try_from(engineer).unwrap_or(0),
        industry: u8::try_from(industry).unwrap_or(0),
        contacts: [surname(dice), surname(dice), surname(dice)],
        cadence: u8::try_from(*dice.weighted(&[(3u32, 3), (5, 4), (8, 3), (12, 2)])).unwrap_or(5),
        decision_maker_share: *dice.weighted(&[(60u8, 3), (35, 4), (10, 2)]),
        flaky: dice.chance(0.1),
        forgotten: dice.chance(0.06),
    };
    NewCustomer {
        record: CustomerRecord {
            id,
            name: company.name,
            owner: owners.get(owner as usize).cloned().unwrap_or_default(),
            assignees,
            fields,
            created_at,
            contact,
        },
        profile,
    }
}

/// The declared fields, by type and name, some left blank.
fn fields(flow: &Flow, dice: &mut Dice, industry: &str) -> BTreeMap<String, FieldValue> {
    let mut out = BTreeMap::new();
    for f in &flow.fields {
        let name = f.name.to_ascii_lowercase();
        let value = match f.ty {
            FieldType::Text if name.contains("industry") => dice
                .chance(0.93)
                .then(|| FieldValue::Text(industry.to_string())),
            FieldType::Number if name.contains("won") => {
                Some(FieldValue::Number(if dice.chance(0.15) {
                    f64::from(dice.below(1, 4))
                } else {
                    0.0
                }))
            }
            FieldType::Number if name.contains("dispute") => {
                Some(FieldValue::Number(if dice.chance(0.04) {
                    f64::from(dice.below(3, 5))
                } else {
                    f64::from(dice.below(0, 2))
                }))
            }
            FieldType::Number => dice
                .chance(0.7)
                .then(|| FieldValue::Number(f64::from(dice.below(0, 10)))),
            // Estimates are rounded to thousands of yuan, and often not yet made.
            FieldType::Money => dice
                .chance(0.75)
                .then(|| FieldValue::Number(f64::from(dice.below(30, 900) * 1000))),
            FieldType::Bool => {
                let roll = dice.unit();
                (roll < 0.8).then_some(FieldValue::Bool(roll < 0.55))
            }
            _ => None,
        };
        if let Some(v) = value {
            out.insert(f.name.clone(), v);
        }
    }
    out
}
