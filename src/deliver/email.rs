//! Email over SMTP (`lettre`): STARTTLS required unless the channel says
//! `tls: none`, a private CA trusted through `ca_file`, login from the
//! environment. The subject is the template's first line and the body the lines
//! after it (the whole text when it has one line), plain UTF-8. The
//! `Message-ID` is derived from the idempotency key, so a mail system that
//! deduplicates by it drops a resend after a crash.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls as SmtpTls, TlsParameters};
use lettre::{SmtpTransport, Transport};
use sha2::{Digest, Sha256};

use super::channel::Tls;
use super::failure::Failure;
use super::message::Outgoing;
use super::secret::Secret;

/// An SMTP server as a channel describes it.
#[derive(Debug, Clone, Copy)]
pub struct Server<'a> {
    /// Host name.
    pub host: &'a str,
    /// Port.
    pub port: u16,
    /// The sender.
    pub from: &'a str,
    /// User and password.
    pub login: Option<&'a (Secret, Secret)>,
    /// Encryption.
    pub tls: Tls,
    /// An extra trusted root (PEM).
    pub ca_pem: Option<&'a [u8]>,
    /// The longest the session may take.
    pub timeout: Duration,
}

/// The subject and body of a template's text.
pub fn split_subject(text: &str) -> (String, String) {
    let text = text.trim_start();
    match text.split_once('\n') {
        Some((first, rest)) if !rest.trim().is_empty() => (
            first.trim().to_string(),
            rest.trim_start_matches(['\r', '\n']).to_string(),
        ),
        _ => (text.trim().to_string(), text.trim_end().to_string()),
    }
}

/// Checks a sender address as written in salesflow.yaml.
pub fn parse_from(from: &str) -> Result<Mailbox, String> {
    from.parse::<Mailbox>().map_err(|e| e.to_string())
}

/// Sends `out` through `server`.
pub fn send(server: &Server<'_>, out: &Outgoing<'_>) -> Result<(), Failure> {
    let message = compose(server, out)?;
    let transport = transport(server)?;
    transport
        .send(&message)
        .map(|_| ())
        .map_err(|e| Failure::new(format!("SMTP: {e}")))
}

fn compose(server: &Server<'_>, out: &Outgoing<'_>) -> Result<Message, Failure> {
    let from = parse_from(server.from).map_err(|e| Failure::new(format!("sender: {e}")))?;
    let mailbox = |name: &str, address: &str| -> Result<Mailbox, Failure> {
        address
            .parse()
            .map(|a| Mailbox::new(Some(name.to_string()), a))
            .map_err(|e| Failure::new(format!("`{address}` is not an email address: {e}")))
    };
    let to = out
        .to
        .handle
        .as_deref()
        .ok_or_else(|| Failure::new("no email address"))?;
    let (subject, body) = split_subject(&out.row.body);
    let domain = from.email.domain().to_string();
    let key_hash = Sha256::digest(out.row.key.as_bytes());
    let id = super::sign::hex(&key_hash[..12]);
    let mut builder = Message::builder()
        .from(from)
        .to(mailbox(&out.to.name, to)?)
        .subject(subject)
        .message_id(Some(format!("<salesflow.{id}@{domain}>")))
        .header(ContentType::TEXT_PLAIN);
    for cc in out.cc {
        if let Some(address) = &cc.handle {
            builder = builder.cc(mailbox(&cc.name, address)?);
        }
    }
    builder
        .body(body)
        .map_err(|e| Failure::new(format!("the message cannot be built: {e}")))
}

fn transport(server: &Server<'_>) -> Result<SmtpTransport, Failure> {
    let mut builder = SmtpTransport::builder_dangerous(server.host)
        .port(server.port)
        .timeout(Some(server.timeout));
    builder = match server.tls {
        Tls::Starttls => {
            let mut params = TlsParameters::builder(server.host.to_string());
            if let Some(pem) = server.ca_pem {
                let cert = Certificate::from_pem(pem)
                    .map_err(|e| Failure::new(format!("ca_file: {e}")))?;
                params = params.add_root_certificate(cert);
            }
            let params = params
                .build()
                .map_err(|e| Failure::new(format!("TLS setup: {e}")))?;
            builder.tls(SmtpTls::Required(params))
        }
        Tls::None => builder.tls(SmtpTls::None),
    };
    if let Some((user, password)) = server.login {
        builder = builder.credentials(Credentials::new(
            user.expose().to_string(),
            password.expose().to_string(),
        ));
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_is_the_subject_and_the_rest_the_body() {
        let (s, b) = split_subject("【升级】宁波某整车配套厂 POC 超时\n\n请王工今天内回复。\n");
        assert_eq!(s, "【升级】宁波某整车配套厂 POC 超时");
        assert_eq!(b, "请王工今天内回复。\n");
    }

    #[test]
    fn a_one_line_text_is_both_subject_and_body() {
        assert_eq!(
            split_subject("  请尽快回复 \n"),
            ("请尽快回复".to_string(), "请尽快回复".to_string())
        );
    }

    #[test]
    fn a_sender_with_a_chinese_name_parses() {
        let m = parse_from("销售助手 <crm@example.com>").unwrap();
        assert_eq!(m.email.to_string(), "crm@example.com");
        assert!(parse_from("not an address").is_err());
    }
}
