//! Helpers shared by the delivery tests: a recording HTTP server on 127.0.0.1
//! that answers from a script, a store with a team and customers shaped like a
//! real team's (Chinese names, a contact without an address), messages queued in
//! it, channels resolved from YAML with a fake environment.
#![allow(dead_code, reason = "each test file uses a different part")]

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use salesflow::deliver::{Channels, Courier, Report};
use salesflow::engine::{Contact, CustomerRecord};
use salesflow::store::{ImportBatch, NewMessage, Store};
use salesflow::team::Team;

/// An empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("deliver-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An instant from RFC 3339.
pub fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `POST`.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query string exactly as sent (without `?`).
    pub query: String,
    /// Headers, names in lower case.
    pub headers: BTreeMap<String, String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// How the server answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A status and a JSON body.
    Status(u16, &'static str),
    /// A status, a body and extra headers.
    With(u16, &'static str, Vec<(&'static str, &'static str)>),
    /// Never answers (holds the connection for a minute).
    Hang,
    /// Answers like `Status` after a pause of this many milliseconds.
    Slow(u64, u16, &'static str),
}

/// A recording server: answers the scripted replies in order, then `then`.
pub struct Server {
    /// Its port on 127.0.0.1.
    pub port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    /// Starts a server on 127.0.0.1 with a free port.
    pub fn start(script: Vec<Reply>, then: Reply) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let recorded = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let recorded = Arc::clone(&recorded);
                let script = Arc::clone(&script);
                let then = then.clone();
                std::thread::spawn(move || serve(stream, &recorded, &script, &then));
            }
        });
        Server { port, requests }
    }

    /// A server that accepts everything as a robot does (`errcode: 0`).
    pub fn accepting() -> Server {
        Server::start(
            Vec::new(),
            Reply::Status(200, r#"{"errcode":0,"errmsg":"ok","code":0}"#),
        )
    }

    /// `http://127.0.0.1:PORT` and `rest`.
    pub fn url(&self, rest: &str) -> String {
        format!("http://127.0.0.1:{}{rest}", self.port)
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(
    stream: TcpStream,
    recorded: &Mutex<Vec<Recorded>>,
    script: &Mutex<VecDeque<Reply>>,
    then: &Reply,
) {
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_string();
        let target = parts.next().unwrap_or_default().to_string();
        let mut headers = BTreeMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((name, value)) = h.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
            }
        }
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p.to_string(), q.to_string()),
            None => (target.clone(), String::new()),
        };
        recorded.lock().unwrap().push(Recorded {
            method,
            path,
            query,
            headers,
            body,
        });
        let reply = script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| then.clone());
        let (status, text, extra) = match reply {
            Reply::Status(s, b) => (s, b, Vec::new()),
            Reply::With(s, b, h) => (s, b, h),
            Reply::Hang => {
                std::thread::sleep(Duration::from_secs(60));
                return;
            }
            Reply::Slow(ms, s, b) => {
                std::thread::sleep(Duration::from_millis(ms));
                (s, b, Vec::new())
            }
        };
        let mut head = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            text.len()
        );
        for (name, value) in extra {
            let _ = write!(head, "{name}: {value}\r\n");
        }
        head.push_str("\r\n");
        head.push_str(text);
        // One write: a response in two segments waits out Nagle and delayed ACK.
        if writer.write_all(head.as_bytes()).is_err() {
            return;
        }
    }
}

/// The team of the delivery tests: a handle of each kind for 王工, only some
/// for the others, none for 赵静.
pub const TEAM: &str = "\
people:
  - { id: wang, name: 王工, role: presales, manager: li, wecom: WangGong, mobile: '13800000001', feishu: ou_wang, email: wang@example.com }
  - { id: li, name: 李敏, role: sales_director, mobile: '13900000002', email: li@example.com }
  - { id: zhang, name: 张伟, role: sales, manager: li, email: zhangwei@example.com }
  - { id: zhao, name: 赵静, role: finance, manager: li }
defaults: { presales: wang, finance: zhao, sales_director: li }
";

/// The team.
pub fn team() -> Team {
    Team::parse("team.yaml", TEAM).unwrap()
}

fn customer(id: &str, name: &str, contact: Contact) -> CustomerRecord {
    CustomerRecord {
        id: id.into(),
        name: name.into(),
        owner: "zhang".into(),
        assignees: BTreeMap::new(),
        fields: BTreeMap::new(),
        created_at: t("2026-03-02T09:00:00+08:00"),
        contact,
    }
}

/// A store in `dir` with the team, customer `c1` (宁波某整车配套厂, contact 刘总
/// with an address) and `c2` (a contact with no address).
pub fn store(dir: &Path) -> Store {
    let mut store = Store::create(&dir.join("crm.db")).unwrap();
    let batch = ImportBatch {
        team: Some(team()),
        customers: vec![
            customer(
                "c1",
                "宁波某整车配套厂",
                Contact {
                    name: Some("刘总".into()),
                    email: Some("liu@nbpeitao.example".into()),
                    mobile: Some("13700000003".into()),
                    wecom: None,
                },
            ),
            customer(
                "c2",
                "苏州某电池厂",
                Contact {
                    name: Some("周工".into()),
                    ..Contact::default()
                },
            ),
        ],
        ..ImportBatch::default()
    };
    store.import(&batch, false).unwrap();
    store
}

/// Queues a notice about `c1` to `to` (cc `cc`), keyed `key`.
pub fn notify(store: &mut Store, key: &str, to: &str, cc: &[&str], body: &str) {
    let queued = store
        .queue_message(&NewMessage {
            key: key.into(),
            customer: Some("c1".into()),
            created_at: t("2026-03-06T11:00:00+08:00"),
            kind: "notify".into(),
            recipient: to.into(),
            cc: cc.iter().map(|s| (*s).to_string()).collect(),
            subject: "技术可行性报告超时".into(),
            body: body.into(),
            origin: "step:c1:feasibility:1:after 36h".into(),
        })
        .unwrap();
    assert!(queued);
}

/// Queues a message to customer `customer`'s contact.
pub fn message_customer(store: &mut Store, key: &str, customer: &str, body: &str) {
    store
        .queue_message(&NewMessage {
            key: key.into(),
            customer: Some(customer.into()),
            created_at: t("2026-03-06T11:00:00+08:00"),
            kind: "message".into(),
            recipient: "customer".into(),
            cc: Vec::new(),
            subject: "感谢".into(),
            body: body.into(),
            origin: "action:enter won:1".into(),
        })
        .unwrap();
}

/// Channels from YAML (the `channels:` list), with `env` as the environment.
pub fn channels(yaml: &str, customer: Option<&str>, env: &[(&str, &str)]) -> Channels {
    let specs: Vec<serde_yaml::Value> = serde_yaml::from_str(yaml).unwrap();
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    let lookup = move |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    Channels::resolve(&specs, customer, &lookup, Path::new(".")).unwrap()
}

/// One delivery pass with `ch` on `clock`, waiting for rate windows as long as
/// it takes, never stopped; times in payloads in Asia/Shanghai.
pub fn pass(store: &mut Store, ch: &Channels, clock: &dyn salesflow::deliver::Clock) -> Report {
    let team = team();
    Courier::new(ch, &team, clock, chrono_tz::Asia::Shanghai)
        .deliver(store, None, &|| false)
        .unwrap()
}

/// What a delivery test drives: the store of [`store`], channels, the team and a
/// manual clock from Friday 2026-03-06 11:00 (Asia/Shanghai).
pub struct Bench {
    /// The store.
    pub store: Store,
    /// The channels.
    pub ch: Channels,
    /// The team.
    pub team: Team,
    /// The clock.
    pub clock: salesflow::deliver::ManualClock,
}

impl Bench {
    /// A fresh store named `name` with `messages` notices `(key, to, body)`, and
    /// the channels of `yaml` with `env`.
    pub fn new(
        name: &str,
        messages: &[(&str, &str, &str)],
        yaml: &str,
        env: &[(&str, &str)],
    ) -> Bench {
        let mut store = store(&scratch(name));
        for (key, to, body) in messages {
            notify(&mut store, key, to, &[], body);
        }
        Bench {
            store,
            ch: channels(yaml, None, env),
            team: team(),
            clock: salesflow::deliver::ManualClock::new(t("2026-03-06T11:00:00+08:00")),
        }
    }

    /// One pass, waiting for rate windows until `until` (`None`: as long as it
    /// takes), asking `stop` before each message.
    pub fn pass_with(&mut self, until: Option<DateTime<Utc>>, stop: &dyn Fn() -> bool) -> Report {
        Courier::new(&self.ch, &self.team, &self.clock, chrono_tz::Asia::Shanghai)
            .deliver(&mut self.store, until, stop)
            .unwrap()
    }

    /// One pass, waiting for rate windows until `until`.
    pub fn pass(&mut self, until: Option<DateTime<Utc>>) -> Report {
        self.pass_with(until, &|| false)
    }

    /// The messages, by id.
    pub fn rows(&self) -> Vec<salesflow::store::OutboxRow> {
        self.store.outbox(None).unwrap()
    }
}

/// The status of each message, by id.
pub fn statuses(store: &Store) -> Vec<(i64, String)> {
    store
        .outbox(None)
        .unwrap()
        .into_iter()
        .map(|r| (r.id.0, r.status))
        .collect()
}

/// The team file of the command-line tests: 王工 on WeCom, 陈经理 and 赵静 on
/// DingTalk (by mobile), 李敏 and 张伟 by mail.
pub const PROJECT_TEAM: &str = "\
people:
  - { id: wang,  name: 王工,   title: 高级架构师, role: presales, manager: chen, wecom: WangGong }
  - { id: chen,  name: 陈经理, role: presales, manager: li, mobile: '13800000002' }
  - { id: li,    name: 李敏,   role: sales_director, email: limin@example.com }
  - { id: zhang, name: 张伟,   title: 销售经理, role: sales, manager: li, email: zhangwei@example.com }
  - { id: zhao,  name: 赵静,   title: 财务, role: finance, manager: li, mobile: '13900000005' }
defaults: { presales: wang, finance: zhao, sales_director: li }
";

/// A project folder as an ops person sets it up: salesflow.yaml naming the
/// example rules, a team file, `customers` customers imported (a CSV with blank
/// cells and full-width characters) who entered `poc` on 2026-03-03, the store
/// live from 2026-03-01 and applied at 2026-03-03 12:00. Entering `poc` queues a
/// notice to 赵静 (finance) and a message to the customer, so there are
/// `2 × customers` messages pending.
pub struct Project {
    /// The folder.
    pub dir: PathBuf,
    /// Environment variables every command gets.
    pub env: Vec<(String, String)>,
}

impl Project {
    /// Sets the project up with `channels` (YAML text after `channels:`).
    pub fn new(name: &str, channels: &str, customer_channel: &str, customers: usize) -> Project {
        let dir = scratch(name);
        let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhilian.flow");
        std::fs::write(
            dir.join("salesflow.yaml"),
            format!(
                "db: crm.db\nrules: {}\nteam: team.yaml\nchannels: {channels}\ncustomer_channel: {customer_channel}\n",
                rules.display()
            ),
        )
        .unwrap();
        std::fs::write(dir.join("team.yaml"), PROJECT_TEAM).unwrap();
        let mut csv = String::from(
            "\u{feff}id,name,owner,stage,created_at,presales,industry,estimated_margin,contact_name,contact_email,contact_mobile\n",
        );
        let mut events = String::from("customer,at,kind,actor,stage,evidence\n");
        for i in 1..=customers {
            let email = if i % 2 == 1 {
                format!("buyer{i}@customer.example")
            } else {
                String::new()
            };
            // As an office exports it: an Excel date, amounts with a currency
            // sign and thousands separators, or in 万.
            let margin = if i % 2 == 1 {
                "\"¥320,000.00\""
            } else {
                "32万"
            };
            let _ = writeln!(
                csv,
                "c{i},（宁波）第{i}整车配套厂,zhang,demo,2026/3/2 9:00,,新能源汽车电池pack,{margin},刘总{i},{email},"
            );
            let _ = writeln!(
                events,
                "c{i},2026-03-03 10:{:02},stage_change,zhang,poc,POC申请单-{i}",
                i % 60
            );
        }
        std::fs::write(dir.join("customers.csv"), csv).unwrap();
        std::fs::write(dir.join("events.csv"), events).unwrap();
        let project = Project {
            dir,
            env: Vec::new(),
        };
        project.ok(&["init", "--live-from", "2026-03-01 00:00"]);
        project.ok(&["import", "customers", "customers.csv"]);
        project.ok(&["import", "events", "events.csv"]);
        project.ok(&["apply", "--at", "2026-03-03 12:00"]);
        project
    }

    /// Adds an environment variable to every command.
    pub fn with_env(mut self, name: &str, value: &str) -> Project {
        self.env.push((name.into(), value.into()));
        self
    }

    /// `salesflow ARGS` in the project folder, with the project's environment.
    pub fn cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_salesflow"));
        cmd.args(args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs a command; panics unless it exits 0. Its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "salesflow {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command: exit code, stdout, stderr.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// `outbox list --format json`, parsed.
    pub fn outbox(&self) -> Vec<serde_json::Value> {
        let text = self.ok(&["outbox", "list", "--format", "json"]);
        serde_json::from_str::<Vec<serde_json::Value>>(&text).unwrap()
    }
}
