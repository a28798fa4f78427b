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
use salesflow::deliver::Channels;
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
        };
        let mut head = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            text.len()
        );
        for (name, value) in extra {
            let _ = write!(head, "{name}: {value}\r\n");
        }
        head.push_str("\r\n");
        if writer.write_all(head.as_bytes()).is_err() || writer.write_all(text.as_bytes()).is_err()
        {
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
        events: Vec::new(),
        tasks: Vec::new(),
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

/// The status of each message, by id.
pub fn statuses(store: &Store) -> Vec<(i64, String)> {
    store
        .outbox(None)
        .unwrap()
        .into_iter()
        .map(|r| (r.id.0, r.status))
        .collect()
}
