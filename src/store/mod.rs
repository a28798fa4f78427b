//! The customer store: one SQLite file, and the only place in salesflow with SQL.
//!
//! Takes plain records (imported rows, commands' events, the engine's
//! [`Evaluation`](crate::engine::Evaluation) and effects) and gives back plain
//! records ([`CustomerHistory`](crate::engine::CustomerHistory), task, signal and
//! outbox rows). It never evaluates a rule.
//!
//! - Three ways in: [`Store::create`] (a new file, never an existing one),
//!   [`Store::open`] (read-write; migrates), [`Store::open_read_only`]
//!   (`SQLITE_OPEN_READ_ONLY` and `query_only`: `plan` leaves the file
//!   byte-identical; SQLite may leave an empty `-wal` and a `-shm` beside it,
//!   which a read-only connection cannot remove).
//! - WAL mode, `foreign_keys=ON`, a busy timeout, and every write transaction is
//!   `BEGIN IMMEDIATE` retried a bounded number of times on `SQLITE_BUSY`/`LOCKED`,
//!   so two processes writing together wait for each other instead of failing.
//! - Times are RFC 3339 UTC text (see [`sqltime`]); lists and maps are JSON text.
//! - Which customers `apply` visits: `dirty` (new records since the last apply) or
//!   `wake_at <= now` (see [`Store::customers_to_visit`]).

mod apply;
mod customers;
mod demo;
mod error;
mod events;
mod history;
mod ids;
mod import_batch;
mod json;
mod migrations;
mod outbox;
mod outbox_send;
mod people;
mod reports;
mod rule_sets;
mod signals;
pub mod sqltime;
mod tasks;
mod team_snapshot;
mod texts;
mod ticks;
mod verdicts;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use apply::ApplyOutcome;
pub use customers::{STAGE_SOURCE, StoredCustomer};
pub use demo::{
    Activity, Counts, HealthExample, MessageExample, SignalExample, StepExample, Witness,
};
pub use error::{Result, StoreError};
pub use events::{NewEvent, natural_key};
pub use ids::{EventId, OutboxId, SignalId, TaskId, TickId};
pub use import_batch::{CustomerChange, ImportBatch, ImportCounts, NewTask};
pub use migrations::latest as schema_version;
pub use outbox::{NewMessage, OutboxAttempt, OutboxFilter, OutboxRow, Retried};
pub use outbox_send::{Attempt, Claim, Claimed, DueMessage, Finished};
pub use reports::{
    BlockerCount, BlockerDelay, Coverage, CustomerGroup, DwellData, DwellTotals, FunnelCounts,
    HeatCell, HeatColumns, JourneyCounts, Measure, RankValue, ReportQueries, ReportStage,
    SignalTally, StageCount, TaskTally, Window, iso_week,
};
pub use rule_sets::RuleSet;
pub use signals::{SignalRow, Verdict};
pub use tasks::TaskRow;
pub use ticks::Tick;

/// How long one statement waits for another writer's lock before `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How many times a write transaction is tried when the store stays busy.
const WRITE_ATTEMPTS: u32 = 8;

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// What each [`Store::history`] call read, for [`Store::apply_customer`].
    seen: RefCell<HashMap<String, Seen>>,
}

/// What a [`Store::history`] call read about a customer.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    /// The customer's revision: `apply` clears `dirty` only when no record arrived
    /// since.
    rev: i64,
    /// The baseline the current rules are measured against, when no apply under
    /// them has stored it yet (the apply that first evaluates the customer does).
    baseline: Option<crate::engine::Baseline>,
}

impl Store {
    /// Creates a store at `path`; fails if anything exists there.
    pub fn create(path: &Path) -> Result<Store> {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => Store::open(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::Exists {
                path: path.to_path_buf(),
            }),
            Err(source) => Err(StoreError::Create {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Opens an existing store read-write, applying any migration it lacks.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, None)?;
        let mut store = Store::wrap(conn, path);
        store.retry(|conn| {
            // Persistent in the file; a no-op once set.
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            debug_assert!(mode.eq_ignore_ascii_case("wal") || mode == "memory");
            // In WAL mode NORMAL keeps every transaction atomic and the file intact
            // through a crash of the process or the machine; only the last commits
            // before a power loss may roll back. It saves an fsync per customer.
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            migrations::migrate(conn)
        })?;
        Ok(store)
    }

    /// Opens an existing store so that nothing can be written: the file stays
    /// byte-identical. Fails if the store needs a migration.
    ///
    /// A store in WAL mode needs its `-shm` file: in a folder the user cannot
    /// write (a shared read-only mount, a colleague's folder) SQLite cannot
    /// create it, so when the first read fails that way and no `-wal` file is
    /// there (nothing committed is outside the main file), the store is opened
    /// `immutable=1`. Never while a `-wal` file exists: SQLite would ignore it
    /// and miss its transactions.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let (conn, found) = match read_only(path, false) {
            Err(e) if cannot_share(&e) && !wal_of(path).exists() => read_only(path, true)?,
            other => other?,
        };
        let known = migrations::latest();
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        if found < known {
            return Err(StoreError::Outdated { found, known });
        }
        Ok(Store::wrap(conn, path))
    }

    /// A private store in memory with the same schema, gone when dropped: what
    /// `salesflow test` runs each rule test against.
    pub fn in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrations::migrate(&mut conn)?;
        Ok(Store::wrap(conn, Path::new(":memory:")))
    }

    /// Reads the whole file and checks its structure (`PRAGMA quick_check`):
    /// [`StoreError::Damaged`] with SQLite's first findings when a page is not
    /// what it should be. Reads every page, so it runs on demand (`--verify`),
    /// not on every open.
    pub fn verify(&self) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check(5)")?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        if found.len() == 1 && found[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Damaged {
                reason: found.join("; "),
            })
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        migrations::version(&self.conn)
    }

    /// A second connection to the same file, for reading while this one writes
    /// (an apply evaluates the next batch of customers as it writes this one: WAL
    /// lets the reader see the last commit while the writer holds its lock).
    /// `None` for a store in memory, which no other connection can reach.
    pub(crate) fn reader(&self) -> Result<Option<Store>> {
        if self.path == Path::new(":memory:") {
            return Ok(None);
        }
        let conn = connect(&self.path, OpenFlags::SQLITE_OPEN_READ_WRITE, None)?;
        Ok(Some(Store::wrap(conn, &self.path)))
    }

    /// What [`Store::history`] noted about a customer for the apply that follows,
    /// taken out of this store (to hand to the connection that writes).
    pub(crate) fn take_seen(&self, customer: &str) -> Option<Seen> {
        self.seen.borrow_mut().remove(customer)
    }

    /// Notes what another connection's [`Store::history`] read about a customer.
    pub(crate) fn put_seen(&self, customer: String, seen: Seen) {
        self.seen.borrow_mut().insert(customer, seen);
    }

    fn wrap(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: path.to_path_buf(),
            seen: RefCell::new(HashMap::new()),
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction and commits it; retried
    /// from the start while another writer holds the store.
    pub(crate) fn write<T>(
        &mut self,
        body: impl FnMut(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(true, body)
    }

    /// Like [`Store::write`] but rolls back: what the writes would have done,
    /// with nothing written (`--dry-run`).
    pub(crate) fn rehearse<T>(
        &mut self,
        body: impl FnMut(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(false, body)
    }

    /// Runs `body` (its own write transactions) with SQLite's foreign-key checks
    /// off in a release build: for an apply's batches, whose every reference (the
    /// customer, its events, the `texts` row just upserted) was read from this
    /// store, and nothing ever deletes a customer, an event or a text. The checks
    /// cost about a fifth of writing a signal. Debug builds, every test among
    /// them, keep checking. The pragma is a no-op inside a transaction, so it
    /// wraps the transactions, and is turned back on whatever `body` returned.
    pub(crate) fn without_reference_checks<T>(
        &mut self,
        body: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        if cfg!(debug_assertions) {
            return body(self);
        }
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let value = body(self);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        value
    }

    fn transact<T>(
        &mut self,
        commit: bool,
        mut body: impl FnMut(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.retry(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = body(&tx)?;
            if commit {
                tx.commit()?;
            }
            Ok(value)
        })
    }

    fn retry<T>(&mut self, mut body: impl FnMut(&mut Connection) -> Result<T>) -> Result<T> {
        let mut attempt = 0;
        loop {
            match body(&mut self.conn) {
                Err(e) if e.is_busy() => {
                    attempt += 1;
                    if attempt >= WRITE_ATTEMPTS {
                        return Err(StoreError::Busy);
                    }
                    std::thread::sleep(backoff(attempt));
                }
                other => return other,
            }
        }
    }
}

/// A read-only connection and the store's schema version (the first read).
fn read_only(path: &Path, immutable: bool) -> Result<(Connection, i64)> {
    let conn = if immutable {
        let uri = format!(
            "file:{}?immutable=1",
            percent_encoding::utf8_percent_encode(&path.to_string_lossy(), URI_PATH)
        );
        connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            Some(&uri),
        )?
    } else {
        connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, None)?
    };
    conn.pragma_update(None, "query_only", true)?;
    let found = migrations::version(&conn)?;
    Ok((conn, found))
}

/// What a URI's path must escape (`%`, `?` and `#` end or change it).
const URI_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b'%')
    .add(b'?')
    .add(b'#')
    .add(b' ');

/// Whether SQLite failed because it could not create or write the `-shm`
/// file a WAL store is read through.
fn cannot_share(e: &StoreError) -> bool {
    match e {
        StoreError::ReadOnly { .. } => true,
        StoreError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen),
        _ => false,
    }
}

/// The store's write-ahead log.
fn wal_of(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    name.into()
}

fn connect(path: &Path, mode: OpenFlags, uri: Option<&str>) -> Result<Connection> {
    if !path.is_file() {
        return Err(StoreError::NotFound {
            path: path.to_path_buf(),
        });
    }
    let flags = mode | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match uri {
        Some(uri) => Connection::open_with_flags(uri, flags)?,
        None => Connection::open_with_flags(path, flags)?,
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(conn)
}

/// 20 ms, 40 ms, … up to 1 s, spread by the clock's nanoseconds so that two
/// waiting processes do not retry in step.
fn backoff(attempt: u32) -> Duration {
    let base = 20u64 << attempt.min(6);
    let jitter = u64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
            % 20,
    );
    Duration::from_millis((base + jitter).min(1000))
}
