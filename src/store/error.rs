//! Why a store operation failed: one error type for every store operation, with a
//! stable code and help for the ones a user can fix.

use std::path::PathBuf;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum StoreError {
    /// `create` on a path that already exists.
    #[error("`{}` already exists", path.display())]
    #[diagnostic(
        code(salesflow::store::exists),
        help("`init` never overwrites a store; remove it first or pass another `--db`")
    )]
    Exists {
        /// The path.
        path: PathBuf,
    },
    /// `open` on a path with no store.
    #[error("no store at `{}`", path.display())]
    #[diagnostic(
        code(salesflow::store::not_found),
        help("create one with `salesflow init`, or pass `--db PATH`")
    )]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// The file could not be created.
    #[error("cannot create `{}`: {source}", path.display())]
    #[diagnostic(code(salesflow::store::create))]
    Create {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The store was written by a newer salesflow.
    #[error("the store has schema version {found}, newer than this salesflow knows ({known})")]
    #[diagnostic(
        code(salesflow::store::too_new),
        help("upgrade salesflow; an older one must not write a newer store")
    )]
    TooNew {
        /// `user_version` of the file.
        found: i64,
        /// Migrations this build knows.
        known: i64,
    },
    /// A read-only open met a store that needs migrating.
    #[error("the store has schema version {found} and needs migrating to {known}")]
    #[diagnostic(
        code(salesflow::store::outdated),
        help(
            "a read-only command never migrates: run a command that writes, such as `salesflow apply`"
        )
    )]
    Outdated {
        /// `user_version` of the file.
        found: i64,
        /// Migrations this build knows.
        known: i64,
    },
    /// Another process kept the store locked through every retry.
    #[error("the store stayed busy: another salesflow process kept it locked")]
    #[diagnostic(
        code(salesflow::store::busy),
        help("try again when the other process is done")
    )]
    Busy,
    /// No customer with this id.
    #[error("no customer `{0}` in the store")]
    #[diagnostic(code(salesflow::store::unknown_customer))]
    UnknownCustomer(String),
    /// No task with this id.
    #[error("no task {0}")]
    #[diagnostic(
        code(salesflow::store::unknown_task),
        help("`salesflow task list` shows the ids")
    )]
    UnknownTask(i64),
    /// No signal with this id.
    #[error("no signal {0}")]
    #[diagnostic(
        code(salesflow::store::unknown_signal),
        help("`salesflow signal list` shows the ids")
    )]
    UnknownSignal(i64),
    /// A re-import gives an existing customer another creation time.
    #[error("customer `{customer}` was created at {stored}; the import says {given}")]
    #[diagnostic(
        code(salesflow::store::created_at_changed),
        help(
            "a customer's `created_at` cannot change: leave the cell empty, or use another id for another customer"
        )
    )]
    CreatedAtChanged {
        /// The customer.
        customer: String,
        /// The stored creation time (RFC 3339).
        stored: String,
        /// The one the import gives.
        given: String,
    },
    /// A row holds a value that is not what the schema promises (a time outside
    /// 1970–2199, text that is no time, JSON that does not parse), written by an
    /// older salesflow or by hand: the customer is not evaluated, the others are.
    #[error("unreadable row {row} of `{table}` (customer {customer}): {reason}")]
    #[diagnostic(
        code(salesflow::store::unreadable_row),
        help("fix or delete that row with `sqlite3`; the other customers are still evaluated")
    )]
    UnreadableRow {
        /// The table.
        table: &'static str,
        /// The row's id.
        row: String,
        /// The customer it belongs to.
        customer: String,
        /// What is wrong with it.
        reason: String,
    },
    /// SQLite found the file damaged (a page of random bytes, a truncated file,
    /// not a database at all), while reading or in `--verify`'s check.
    #[error("the store is damaged: {reason}")]
    #[diagnostic(
        code(salesflow::store::damaged),
        help(
            "restore the store from a backup; `sqlite3 FILE .recover` may save what is still readable"
        )
    )]
    Damaged {
        /// What SQLite could not read.
        reason: String,
    },
    /// The store's file or folder cannot be written (a read-only mount, another
    /// user's folder): a command that writes stops before writing anything.
    #[error("the store cannot be written: {reason}")]
    #[diagnostic(
        code(salesflow::store::read_only),
        help(
            "commands that write (apply, import, update, move, …) need write access to the store's file and to its folder, where SQLite keeps its `-wal` and `-shm` files; plan, list, explain and report work without it"
        )
    )]
    ReadOnly {
        /// SQLite's words.
        reason: String,
    },
    /// SQLite said no.
    #[error("store: {0}")]
    #[diagnostic(code(salesflow::store::sqlite))]
    Sqlite(rusqlite::Error),
    /// A JSON column could not be written.
    #[error("store: {0}")]
    #[diagnostic(code(salesflow::store::json))]
    Json(#[from] serde_json::Error),
}

/// SQLite's errors, with damage told apart: a command never half-reads a
/// damaged store, it stops and says so.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Damaged {
                    reason: e.to_string(),
                }
            }
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly {
                reason: e.to_string(),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Whether retrying the transaction may succeed (another writer held the lock).
    pub(crate) fn is_busy(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ),
            _ => false,
        }
    }
}

/// The store's result.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
