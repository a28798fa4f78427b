//! The exit codes each command lists in its `--help`: each text is true for its
//! command (PRODUCT.md, "Conventions every command follows").

pub(super) const TOP: &str = "\
Exit codes:
  0  success
  1  the rules or the data are wrong (each command's --help says how)
  2  usage error, or a file or store that cannot be read";

pub(super) const CHECK: &str = "\
Exit codes:
  0  no error (warnings allowed unless --deny-warnings)
  1  errors, or warnings with --deny-warnings
  2  usage error, an unreadable file, salesflow.yaml or team file";

pub(super) const FMT: &str = "\
Exit codes:
  0  success (--check: every file is formatted already)
  1  a file has syntax errors (it is left as it was), or with --check a file would change
  2  usage error, an unreadable file, or a file that cannot be written";

pub(super) const TEST: &str = "\
Exit codes:
  0  every test passed (and coverage reached --threshold)
  1  a test failed, or coverage is below --threshold
  2  a test file could not be read or parsed (an unknown key included), or its
     rules do not check; usage error";

pub(super) const CALENDAR: &str = "\
Exit codes:
  0  computed
  1  the rules do not check
  2  usage error: no rules, a calendar the rules do not declare, a bad time,
     date or duration";

pub(super) const INIT: &str = "\
Exit codes:
  0  the store was created
  1  a store (or any file) already exists at that path: nothing was touched
  2  usage error, or the files could not be written";

pub(super) const IMPORT: &str = "\
Exit codes:
  0  imported (with --dry-run: would import), re-imported rows counted as known
  1  rows rejected (every error is listed with file, line and column), or the rules
     do not check: nothing was written
  2  usage error, unreadable file, or no store";

pub(super) const PLAN: &str = "\
Exit codes:
  0  planned (with --detailed-exitcode: nothing to do)
  1  the rules do not check, or a template failed to render (with
     --detailed-exitcode: any error)
  2  usage error, unreadable input, or no store (with --detailed-exitcode:
     actions pending, and nothing else)";

pub(super) const APPLY: &str = "\
Exit codes:
  0  applied (or nothing was due)
  1  the rules do not check, or a template failed to render for a customer (its
     other effects are applied; the failed message is tried again on every apply)
  2  usage error, unreadable input, or no store";

pub(super) const EXPLAIN: &str = "\
Exit codes:
  0  explained
  1  no such customer, or the rules do not check
  2  usage error, unreadable input, or no store";

pub(super) const LIST: &str = "\
Exit codes:
  0  listed (possibly no customer)
  1  the rules or the --where condition do not check
  2  usage error, unreadable input, or no store";

pub(super) const UPDATE: &str = "\
Exit codes:
  0  recorded (or already recorded: the same event is stored once)
  1  refused: a field `update requires` is missing, the customer or the --by
     person is unknown, or the rules do not check
  2  usage error, unreadable input, or no store";

pub(super) const MOVE: &str = "\
Exit codes:
  0  recorded (or already recorded: the same event is stored once)
  1  refused: an unknown stage, customer or --by person, evidence the stage
     requires is missing, or the rules do not check
  2  usage error, unreadable input, or no store";

pub(super) const TASK_LIST: &str = "\
Exit codes:
  0  listed (possibly nothing)
  1  no such customer (--customer)
  2  usage error or no store";

pub(super) const TASK_DONE: &str = "\
Exit codes:
  0  closed (or it was already done)
  1  no such task, or an unknown --by person
  2  usage error or no store";

pub(super) const SIGNAL_LIST: &str = "\
Exit codes:
  0  listed (possibly nothing)
  1  no such customer (--customer)
  2  usage error or no store";

pub(super) const SIGNAL_VERDICT: &str = "\
Exit codes:
  0  judged
  1  no such signal, or an unknown --by person
  2  usage error or no store";

pub(super) const DEMO: &str = "\
Exit codes:
  0  the demo project was built (and toured)
  2  usage error, a --dir that is not empty, or files that cannot be written";
