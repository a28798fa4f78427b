//! Which channel a message goes to, and whom it names there. A person is reached
//! on the first channel (in salesflow.yaml's order) for which the team file gives
//! them a handle (`wecom` for a WeCom robot's mention, `mobile` for DingTalk,
//! `feishu` for Feishu, `email` for mail; a webhook takes everyone); copies go
//! on the same channel. `message customer` goes to `customer_channel`, addressed
//! to the customer's contact: mail needs the contact's address, a group robot
//! posts in its group and mentions the contact when it can.

use super::channel::{Channel, Kind};
use crate::engine::Contact;
use crate::store::DueMessage;
use crate::team::{Person, Team};

/// Someone a message names on its channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    /// Person id, or `customer`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Their handle on the channel (a WeCom id, a mobile, a Feishu open id, an
    /// address); `None`: named in the text only.
    pub handle: Option<String>,
    /// A mobile number a WeCom robot can mention by, when there is no handle.
    pub mobile: Option<String>,
}

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Index into the channels.
    pub channel: usize,
    /// The recipient.
    pub to: Addressee,
    /// The copies.
    pub cc: Vec<Addressee>,
}

/// Why a message cannot go anywhere: it is given up at once (`dead`), since
/// trying again changes nothing until the team file or the data changes (then
/// `salesflow outbox retry ID`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unroutable {
    /// The recipient is not in the team.
    #[error("`{0}` is not in the team file")]
    UnknownPerson(String),
    /// No channel takes any handle the person has.
    #[error("`{person}` has no handle for any channel (the team file would need one of: {keys})")]
    NoHandle {
        /// The person.
        person: String,
        /// The handles the channels take.
        keys: String,
    },
    /// `message customer` with no `customer_channel`.
    #[error("a message to the customer, but salesflow.yaml sets no `customer_channel`")]
    NoCustomerChannel,
    /// The customer's contact has no address on the customer channel.
    #[error(
        "customer `{customer}` has no {key} for channel `{channel}` (import its `contact_{key}`)"
    )]
    NoContact {
        /// The customer.
        customer: String,
        /// The channel.
        channel: String,
        /// The contact field it needs.
        key: &'static str,
    },
}

/// Routes `message` over `channels` (`customer`: the index of
/// `customer_channel`).
pub fn route(
    message: &DueMessage,
    channels: &[Channel],
    customer: Option<usize>,
    team: &Team,
) -> Result<Route, Unroutable> {
    let row = &message.row;
    let (channel, to) = if row.recipient == "customer" {
        let index = customer.ok_or(Unroutable::NoCustomerChannel)?;
        let ch = &channels[index];
        let contact = message.contact.clone().unwrap_or_default();
        let to = contact_addressee(&contact, message.customer_name.as_deref(), ch.kind);
        if ch.kind == Kind::Email && to.handle.is_none() {
            return Err(Unroutable::NoContact {
                customer: row.customer.clone().unwrap_or_default(),
                channel: ch.name.clone(),
                key: "email",
            });
        }
        (index, to)
    } else {
        let person = team
            .person(&row.recipient)
            .ok_or_else(|| Unroutable::UnknownPerson(row.recipient.clone()))?;
        let index = channels
            .iter()
            .position(|ch| ch.kind == Kind::Webhook || handle(person, ch.kind).is_some())
            .ok_or_else(|| Unroutable::NoHandle {
                person: person.id.clone(),
                keys: handle_keys(channels),
            })?;
        (index, person_addressee(person, channels[index].kind))
    };
    let kind = channels[channel].kind;
    let cc = row
        .cc
        .iter()
        .map(|id| match team.person(id) {
            Some(p) => person_addressee(p, kind),
            None => Addressee {
                id: id.clone(),
                name: id.clone(),
                handle: None,
                mobile: None,
            },
        })
        .collect();
    Ok(Route { channel, to, cc })
}

fn handle(person: &Person, kind: Kind) -> Option<&String> {
    match kind {
        Kind::Wecom => person.wecom.as_ref(),
        Kind::Dingtalk => person.mobile.as_ref(),
        Kind::Feishu => person.feishu.as_ref(),
        Kind::Email => person.email.as_ref(),
        Kind::Webhook => None,
    }
}

fn person_addressee(person: &Person, kind: Kind) -> Addressee {
    Addressee {
        id: person.id.clone(),
        name: person.name.clone(),
        handle: handle(person, kind).cloned(),
        mobile: person.mobile.clone(),
    }
}

fn contact_addressee(contact: &Contact, customer_name: Option<&str>, kind: Kind) -> Addressee {
    let handle = match kind {
        Kind::Wecom => contact.wecom.clone(),
        Kind::Dingtalk => contact.mobile.clone(),
        Kind::Email => contact.email.clone(),
        Kind::Feishu | Kind::Webhook => None,
    };
    Addressee {
        id: "customer".into(),
        name: contact
            .name
            .clone()
            .or_else(|| customer_name.map(str::to_string))
            .unwrap_or_else(|| "customer".into()),
        handle,
        mobile: contact.mobile.clone(),
    }
}

/// `wecom, mobile` for the channels configured.
fn handle_keys(channels: &[Channel]) -> String {
    let mut keys: Vec<&str> = Vec::new();
    for key in channels.iter().filter_map(|c| c.kind.handle_key()) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.join(", ")
}
