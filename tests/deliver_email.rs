//! Email against a real SMTP server (Python's aiosmtpd) on 127.0.0.1, started by
//! the test: STARTTLS on a certificate the test generates and trusts through
//! `ca_file`, AUTH with credentials from the environment; the message arrives
//! once, with the subject from the template's first line and the UTF-8 body.

mod deliver_common;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use chrono::TimeDelta;
use deliver_common::{message_customer, notify, pass, scratch, store, t, team};
use salesflow::deliver::{Channels, Courier, ManualClock};

/// An aiosmtpd server; stopped (stdin closed, then killed) when dropped.
struct Smtp {
    child: Child,
    port: u16,
    outdir: PathBuf,
}

impl Smtp {
    /// With `tls`: a certificate for 127.0.0.1 written to `dir`, STARTTLS
    /// required, AUTH as crm/s3cret.
    fn start(dir: &Path, tls: bool) -> Smtp {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let outdir = dir.join("mail");
        std::fs::create_dir_all(&outdir).unwrap();
        let mut cmd = Command::new("python3");
        cmd.arg("tests/fixtures/deliver/smtp_server.py")
            .arg(port.to_string())
            .arg(&outdir);
        if tls {
            let cert = rcgen::generate_simple_self_signed(vec![
                "127.0.0.1".to_string(),
                "localhost".to_string(),
            ])
            .unwrap();
            std::fs::write(dir.join("cert.pem"), cert.cert.pem()).unwrap();
            std::fs::write(dir.join("key.pem"), cert.signing_key.serialize_pem()).unwrap();
            cmd.arg(dir.join("cert.pem"))
                .arg(dir.join("key.pem"))
                .args(["crm", "s3cret-smtp-pass"]);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (pip install aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(
            line.trim(),
            "READY",
            "the SMTP server did not start (is aiosmtpd installed?)"
        );
        Smtp {
            child,
            port,
            outdir,
        }
    }

    /// Every message received, in order.
    fn received(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.outdir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort_by_key(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<u32>().ok())
        });
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn never() -> bool {
    false
}

fn mail_channels(dir: &Path, port: u16, extra: &str) -> Channels {
    let yaml = format!(
        "[{{ name: mail, kind: email, smtp: \"127.0.0.1:{port}\", from: \"销售助手 <crm@example.com>\", {extra} }}]"
    );
    let specs: Vec<serde_yaml::Value> = serde_yaml::from_str(&yaml).unwrap();
    let env = |name: &str| match name {
        "SMTP_USER" => Some("crm".to_string()),
        "SMTP_PASS" => Some("s3cret-smtp-pass".to_string()),
        _ => None,
    };
    Channels::resolve(&specs, Some("mail"), &env, dir).unwrap()
}

#[test]
fn starttls_mail_arrives_once_with_its_subject_and_utf8_body() {
    let dir = scratch("email_starttls");
    let smtp = Smtp::start(&dir, true);
    let mut store = store(&dir);
    notify(
        &mut store,
        "outbox:c1:feasibility:1:after 36h:zhang",
        "zhang",
        &["li", "zhao"],
        "【升级】宁波某整车配套厂 技术可行性报告超时\n\n张伟：报告已超时 36 个工作小时，请今天内跟进。\n金额 ¥320,000.00\n",
    );
    let ch = mail_channels(
        &dir,
        smtp.port,
        "user_env: SMTP_USER, password_env: SMTP_PASS, tls: starttls, ca_file: cert.pem",
    );
    let team = team();
    let clock = ManualClock::new(t("2026-03-06T11:00:00+08:00"));
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    let report = courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    clock.advance(TimeDelta::hours(1));
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().sent, 0);

    let mail = smtp.received();
    assert_eq!(mail.len(), 1);
    let m = &mail[0];
    assert_eq!(m["encrypted"], true);
    assert_eq!(m["authenticated"], true);
    assert_eq!(m["subject"], "【升级】宁波某整车配套厂 技术可行性报告超时");
    assert_eq!(m["from"], "销售助手 <crm@example.com>");
    assert_eq!(m["to"], "张伟 <zhangwei@example.com>");
    // 赵静 has no address: copied in the outbox, not on the mail.
    assert_eq!(m["cc"], "李敏 <li@example.com>");
    assert_eq!(
        m["rcpt_tos"],
        serde_json::json!(["zhangwei@example.com", "li@example.com"])
    );
    assert_eq!(m["content_type"], "text/plain");
    assert_eq!(m["charset"], "utf-8");
    assert_eq!(
        m["body"].as_str().unwrap().replace("\r\n", "\n"),
        "张伟：报告已超时 36 个工作小时，请今天内跟进。\n金额 ¥320,000.00\n"
    );
    assert!(m["message_id"].as_str().unwrap().ends_with("@example.com>"));
}

#[test]
fn a_customer_message_goes_to_the_contact_and_needs_an_address() {
    let dir = scratch("email_customer");
    let smtp = Smtp::start(&dir, true);
    let mut store = store(&dir);
    message_customer(&mut store, "m1", "c1", "刘总您好：POC 已通过，感谢支持！");
    message_customer(&mut store, "m2", "c2", "周工您好");
    let ch = mail_channels(
        &dir,
        smtp.port,
        "user_env: SMTP_USER, password_env: SMTP_PASS, ca_file: cert.pem",
    );
    let report = pass(
        &mut store,
        &ch,
        &ManualClock::new(t("2026-03-06T11:00:00+08:00")),
    );
    assert_eq!((report.sent, report.dead), (1, 1), "{report:?}");
    let mail = smtp.received();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to"], "刘总 <liu@nbpeitao.example>");
    assert_eq!(mail[0]["subject"], "刘总您好：POC 已通过，感谢支持！");
    let dead = &store.outbox(None).unwrap()[1];
    assert_eq!(
        dead.last_error.as_deref(),
        Some("customer `c2` has no email for channel `mail` (import its `contact_email`)")
    );
}

#[test]
fn an_untrusted_certificate_is_a_failure_and_nothing_is_sent_in_clear() {
    let dir = scratch("email_untrusted");
    let smtp = Smtp::start(&dir, true);
    let mut store = store(&dir);
    notify(&mut store, "k1", "zhang", &[], "请回复");
    // No ca_file: the self-signed certificate is not trusted.
    let ch = mail_channels(
        &dir,
        smtp.port,
        "user_env: SMTP_USER, password_env: SMTP_PASS, timeout: 5s",
    );
    let report = pass(
        &mut store,
        &ch,
        &ManualClock::new(t("2026-03-06T11:00:00+08:00")),
    );
    assert_eq!(report.failed, 1, "{report:?}");
    assert!(smtp.received().is_empty());
    let error = store.outbox(None).unwrap()[0].last_error.clone().unwrap();
    assert!(error.starts_with("SMTP:"), "{error}");
    assert!(!error.contains("s3cret-smtp-pass"), "{error}");
}

#[test]
fn plain_smtp_to_a_local_relay_with_tls_none() {
    let dir = scratch("email_plain");
    let smtp = Smtp::start(&dir, false);
    let mut store = store(&dir);
    notify(&mut store, "k1", "wang", &[], "一行就是主题和正文");
    let ch = mail_channels(&dir, smtp.port, "tls: none");
    let clock = ManualClock::new(t("2026-03-06T11:00:00+08:00"));
    assert_eq!(pass(&mut store, &ch, &clock).sent, 1);
    let mail = smtp.received();
    assert_eq!(mail[0]["encrypted"], false);
    assert_eq!(mail[0]["subject"], "一行就是主题和正文");
    assert_eq!(
        mail[0]["body"].as_str().unwrap().trim_end(),
        "一行就是主题和正文"
    );
}
