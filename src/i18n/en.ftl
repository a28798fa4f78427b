# salesflow's messages in English (the fallback). Every message here has a
# Chinese text in zh.ftl with the same arguments; a test checks both.
# Codes (`salesflow::…`), JSON keys and rule keywords are never translated.

## Shared words

none = (none)
nothing-new = nothing new
list-separator = {", "}
error-line = error: { $message }
help-line = {"  "}help: { $help }
weekday-mon = Mon
weekday-tue = Tue
weekday-wed = Wed
weekday-thu = Thu
weekday-fri = Fri
weekday-sat = Sat
weekday-sun = Sun

## Errors every command can meet

error-unsupported-format = `salesflow { $command }` does not write `--format { $format }`
help-unsupported-format = it writes { $formats }
error-read = cannot read `{ $path }`: { $reason }
error-write = cannot write `{ $path }`: { $reason }
error-output = cannot write the output: { $reason }
error-config-parse = { $path }:{ $line }: { $reason }
help-config-keys = the keys are db, rules, team, tests, lang, allow_paths, channels, customer_channel, digests
error-team-invalid = { $path }: { $reason }
help-team-shape = a team file holds `people:` (id, name, title, role, manager, wecom, mobile, feishu, email) and `defaults:`
error-no-rules = `salesflow { $command }` needs the rules
help-no-rules = pass `--rules FILE` or set `rules:` in salesflow.yaml
error-rules-do-not-check = `{ $path }` does not check
help-rules-do-not-check = the errors are listed above; `salesflow check` shows them too
error-not-a-time = `{ $value }` is not a time
help-time = write `2026-03-02 09:00` (in the flow's time zone, { $zone }) or RFC 3339
error-not-a-date = `{ $value }` is not a date
help-date = write a day as YYYY-MM-DD: `2026-02-13`
error-not-a-duration = `{ $value }` is not a duration
help-duration = write `48h`, `7h30m` or `2d`
error-duration-too-large = `{ $value }`: duration too large
error-weeks-of-working-time = `{ $value }`: `w` is not a unit of working time
help-weeks-of-working-time = say `5d`
error-store-exists = `{ $path }` already exists
help-store-exists = `init` never overwrites a store; remove it first or pass another `--db`
error-store-not-found = no store at `{ $path }`
help-store-not-found = create one with `salesflow init`, or pass `--db PATH`
error-store-create = cannot create `{ $path }`: { $reason }
error-store-too-new = the store has schema version { $found }, newer than this salesflow knows ({ $known })
help-store-too-new = upgrade salesflow; an older one must not write a newer store
error-store-outdated = the store has schema version { $found } and needs migrating to { $known }
help-store-outdated = a read-only command never migrates: run a command that writes, such as `salesflow apply`
error-store-damaged = the store is damaged: { $reason }
help-store-damaged = restore the store from a backup; `sqlite3 FILE .recover` may save what is still readable
error-store-read-only = the store cannot be written: { $reason }
help-store-read-only = commands that write (apply, import, update, move, …) need write access to the store's file and to its folder, where SQLite keeps its `-wal` and `-shm` files; plan, list, explain and report work without it
error-store-busy = the store stayed busy: another salesflow process kept it locked
help-store-busy = try again when the other process is done
error-unknown-customer = no customer `{ $id }` in the store
error-unknown-task = no task { $id }
help-unknown-task = `salesflow task list` shows the ids
error-unknown-signal = no signal { $id }
help-unknown-signal = `salesflow signal list` shows the ids
error-unknown-person = `--by { $id }`: no such person in the team
help-unknown-person = give a person id of the team file
error-unknown-stage = unknown stage `{ $stage }`
help-unknown-stage = the pipeline is { $pipeline }
error-import-format = cannot import `{ $file }`: unknown file type
help-import-read = an import file is a regular file of at most 256 MiB: CSV (UTF-8 or GBK), XLSX, JSON Lines or YAML
help-import-map = docs/import-map.md describes the map format
help-import-format = name the file `.csv`, `.xlsx`, `.jsonl` or `.yaml`
error-rejected = `{ $file }` rejected: { $count ->
        [one] 1 error
       *[other] { $count } errors
    }; nothing was written

## check, fmt, test

check-summary = checked { $flows ->
        [one] 1 flow
       *[other] { $flows } flows
    } ({ $files ->
        [one] 1 file
       *[other] { $files } files
    }): { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }
fmt-syntax-errors = not formatted: `{ $file }` has syntax errors
error-no-tests = `salesflow test` without a path needs the tests of salesflow.yaml
help-no-tests = pass test files or folders, or set `tests:` in salesflow.yaml (default: a `tests/` folder beside it)
test-no-match = warning: no test name or file path contains `{ $pattern }`

## calendar

error-unknown-calendar = no calendar `{ $name }` in the rules
help-unknown-calendar = declared: { $declared }
help-no-calendar = the rules declare no calendar
calendar-no-working-time = calendar `{ $name }` has no working time after { $time }
calendar-bad-range = `--to` must be on or after `--from`, within ten years
calendar-weekday = weekday
calendar-weekend = weekend
calendar-holiday = holiday { $name }
calendar-make-up = make-up working day for { $name }
calendar-off-named = off { $name }
calendar-off = off
calendar-work = work

## init, import

init-created-store = created store `{ $path }`
init-created = created `{ $path }`
init-kept = kept the existing `{ $path }`
import-done = imported `{ $file }`{ $encoding }: { $summary }
import-dry-run = dry run, nothing written; `{ $file }`{ $encoding }: { $summary }
init-next = next: { $commands }
import-people = { $n ->
        [one] 1 person in the team
       *[other] { $n } people in the team
    }
import-customers-new = { $n ->
        [one] 1 new customer
       *[other] { $n } new customers
    }
import-customers-changed = { $n ->
        [one] 1 customer changed
       *[other] { $n } customers changed
    }
import-fields-changed = { $n ->
        [one] 1 field change recorded
       *[other] { $n } field changes recorded
    }
import-stages-changed = { $n ->
        [one] 1 stage change recorded
       *[other] { $n } stage changes recorded
    }
import-created-now = { $n ->
        [one] 1 new customer without `created_at` created at the import's time
       *[other] { $n } new customers without `created_at` created at the import's time
    }
import-events-new = { $n ->
        [one] 1 new event
       *[other] { $n } new events
    }
import-events-known = { $n ->
        [one] 1 event already recorded
       *[other] { $n } events already recorded
    }
import-tasks-written = { $n ->
        [one] 1 task written
       *[other] { $n } tasks written
    }
import-tasks-known = { $n ->
        [one] 1 task already recorded
       *[other] { $n } tasks already recorded
    }

## plan, apply

kind-health = health
kind-segment = segment
kind-tag = tag
kind-signal = signal
kind-stage-action = stage_action
kind-task = task
kind-escalation-step = escalation_step
kind-notify = notify
kind-message = message
kind-field-change = field_change
kind-customers = customers
plan-summary = plan at { $at }: { $actions ->
        [one] 1 action
       *[other] { $actions } actions
    } for { $customers ->
        [one] 1 customer
       *[other] { $customers } customers
    }
plan-summary-counts = { $summary } ({ $counts })
plan-health = { $from } → { $to } at { $at } (witness events { $events })
plan-health-creation = { $from } → { $to } at { $at } (witness events { $events }, creation record)
plan-segment = { $from } → { $to } at { $at }
plan-tag = { $sign }{ $tag } at { $at }
plan-signal = { $risk }: `{ $keyword }` in event { $event }
plan-stage-action = on { $trigger } at { $at }
plan-task = { $title } → { $assignee }, due { $due }
plan-step = { $escalation } #{ $epoch } { $step }, due { $due }
plan-message = { $to }: { $body }
plan-message-cc = { $to } cc { $cc }: { $body }
apply-summary = applied at { $at }: { $customers ->
        [one] 1 customer
       *[other] { $customers } customers
    } visited, { $counts }
apply-nothing-new = applied at { $at }: { $customers ->
        [one] 1 customer
       *[other] { $customers } customers
    } visited, nothing new
apply-queued = queued: { $list }
apply-queued-separator = {"; "}
apply-queued-entry = { $who }: { $what }
apply-queued-customer = customer { $id }
apply-suppressed = { $n } recorded as suppressed (before going live), not sent

## explain, list

explain-head = { $customer } { $name } at { $at }
explain-stage = stage: { $stage }
explain-stage-since = { $stage } since { $since } ({ $dwell })
explain-health = health: { $health }
explain-segment = segment: { $segment }
explain-witness = witness:
explain-event = event { $id } { $at } { $kind } { $text }
explain-witness-creation = witness: the customer's creation record ({ $at })
explain-tags = tags: { $tags }
explain-timers = timers:
explain-timer = { $escalation } #{ $epoch } { $state } since { $since }
explain-timer-paused = , paused
explain-timer-next = , next: { $step } at { $at }
list-count = { $count ->
        [one] 1 customer
       *[other] { $count } customers
    }

## update, move, task, signal

error-update-requires = an update of { $customer } must carry { $fields } (the rules say `update requires`); nothing was recorded
error-empty-update = an empty update of { $customer }
help-empty-update = give a status, a next action, a blocker, a note or evidence
error-evidence-required = stage `{ $stage }` ({ $label }) says `evidence required`: nothing was recorded
help-evidence-required = give at least one evidence reference (a file name, a document number)
record-recorded = recorded { $kind } #{ $id } of `{ $customer }` at { $at }
record-known = already recorded: the same { $kind } of `{ $customer }` at { $at }
task-none = no tasks
task-done-at = done { $at }
task-open = open
task-closed = closed task #{ $id } { $title } of `{ $customer }` at { $at }
task-already-done = task #{ $id } { $title } was already done at { $at }
signal-none = no signals
signal-judged = signal #{ $id } ({ $risk } of `{ $customer }`) judged { $verdict } at { $at }
verdict-confirmed = confirmed
verdict-false = false
verdict-none = unjudged
error-condition = the `--where` condition does not check
help-condition = write a condition as in a `health` state: `tagged 新能源 and health is yellow`

## Records the record rules refuse, and apply

error-apply-backwards = cannot apply at { $at }: the store was already applied at { $last }
help-apply-backwards = an apply never goes back in time: use `plan --at` to look at an earlier moment, or apply at { $last } or later
error-record-out-of-range = { $at } is outside the years a record may fall in (1970–2199)
help-record-out-of-range = check the date: a typo in the year, or a spreadsheet's empty date read as year 0
error-record-before-creation = { $at } is before { $customer } was created ({ $created })
help-record-before-creation = a record cannot happen before its customer was created: fix the time, or correct the customer's `created_at` in its import
help-update-requires = give { $flags } to `salesflow update`, or the columns of the same names to an import
error-verdict-word = `{ $word }` is not a verdict
help-verdict-word = write `confirmed` or `false`
error-unknown-risk = unknown risk `{ $risk }`
help-unknown-risk = `salesflow signal list` shows the risks raised
error-nothing-to-judge = no earlier event of { $customer } matches risk `{ $risk }`: there is no signal to judge
help-nothing-to-judge = a verdict judges signals already raised; record it after the event that raised them
explain-timer-ended = , ended { $at }
explain-timer-skipped = skipped { $step } (due { $due }, before the current rules took over)
plan-suppressed = [suppressed: before going live]
signal-strategy = strategy: { $text }
signal-case = case: { $text }
cli-init--dir = The project's folder, created if missing, in the standard layout (salesflow.yaml, salesflow.db, rules/main.flow, team.yaml, tests/, sample CSVs); default: the working directory, where --db, --rules and --team name the files
cli-init--live_from = When the store goes live (default: now): messages and tasks the rules would have produced before it are recorded as suppressed, never sent
cli-apply--live_from = Customers no apply has covered yet go live at TIME (old customers imported into a live store): what their rules would have sent or asked before it is recorded as suppressed; customers already covered are left alone

## The team file

team-listed-twice = person `{ $id }` is listed twice
team-unknown-manager = the manager `{ $manager }` of `{ $id }` is not in the team
team-unknown-default = the default `{ $role }: { $id }` names nobody in the team
team-not-a-mapping = a team file is a map with `people:` and `defaults:`
team-entry-unreadable = the entry of `{ $id }` cannot be edited: write it as a map (`- {"{"} id: …, name: … {"}"}`)

team-merge-summary = { $added } added, { $updated } updated, { $unchanged } unchanged
team-merge-done = merged `{ $file }` into `{ $team_file }`: { $summary }
team-merge-dry-run = dry run, nothing written; `{ $file }` into `{ $team_file }`: { $summary }
team-managers-created = named only as managers, added by id: { $ids } (write their names in the team file)
team-defaults-added = role defaults added: { $roles }
team-attributes-kept = columns kept as attributes: { $columns }
error-no-team-file = `salesflow import team` needs the team file to merge into
help-no-team-file = set `team:` in salesflow.yaml, or pass `--team FILE` (it is created if it does not exist)

progress-customers = {"{"}bar:40{"}"} {"{"}pos{"}"}/{"{"}len{"}"} customers {"{"}eta{"}"}
progress-rows = {"{"}bar:40{"}"} {"{"}pos{"}"}/{"{"}len{"}"} rows {"{"}eta{"}"}

## Table headers

column-id = id
column-name = name
column-stage = stage
column-health = health
column-segment = segment
column-tags = tags
column-task = task
column-customer = customer
column-title = title
column-assignee = assignee
column-due = due
column-state = state
column-signal = signal
column-risk = risk
column-keyword = keyword
column-event = event
column-at = at
column-verdict = verdict
task-suppressed = suppressed (before going live)

## --help: what each command does, its arguments, its exit codes

cli-heading-usage = Usage:{" "}
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-heading-global = Global options
cli-help = Print help
cli-version = Print version
cli-salesflow = Sales flow rules that a machine keeps: check and test them, compute working time, and run them against the customer store.
cli-salesflow-exit =
    Exit codes:
      0  success
      1  the rules or the data are wrong (each command's --help says how)
      2  usage error, or a file or store that cannot be read
cli-global--db = The customer store (default: `db` of salesflow.yaml, else `salesflow.db`)
cli-global--rules = The root rule file (default: `rules` of salesflow.yaml)
cli-global--team = The team file (default: `team` of salesflow.yaml)
cli-global--config = The settings file (default: salesflow.yaml here or in the nearest parent folder)
cli-global--at = "Now": RFC 3339, or `2026-03-02 09:00` in the flow's time zone (default: the clock)
cli-global--format = Output format: human (default), json; test also junit
cli-global--lang = Language of messages: en, zh (default: `lang` of salesflow.yaml, else the locale's: LC_ALL, LC_MESSAGES, LANG)
cli-global--verify = Check the whole store file for damage before the command reads it (PRAGMA quick_check; reads every page)

cli-check = Parse and check rule files; report every error of every file
cli-check--paths = Rule files, or folders of `*.flow` files (default: `rules` of salesflow.yaml); a file another given file includes is checked as part of that flow
cli-check--deny_warnings = Fail (exit 1) on warnings too
cli-check-exit =
    Exit codes:
      0  no error (warnings allowed unless --deny-warnings)
      1  errors, or warnings with --deny-warnings
      2  usage error, an unreadable file, salesflow.yaml or team file

cli-fmt = Rewrite rule files in the canonical layout (in place, or --check, or --diff)
cli-fmt--paths = Rule files, or folders of `*.flow` files (default: the folder of `rules` of salesflow.yaml)
cli-fmt--check = Write nothing; list the files that would change, and exit 1 if any would
cli-fmt--diff = Write nothing; print a unified diff of what would change
cli-fmt-exit =
    Exit codes:
      0  success (--check: every file is formatted already)
      1  a file has syntax errors (it is left as it was), or with --check a file would change
      2  usage error, an unreadable file, or a file that cannot be written

cli-test = Run rule test files: customers, a timeline of events and what the rules must have done by given times, on virtual time against a store in memory
cli-test--paths = Test files, or folders searched for `*.yaml` (default: `tests` of salesflow.yaml, else its tests/ folder)
cli-test--filter = Run only the tests whose name, or file path, contains PATTERN
cli-test--coverage = List every health state, segment, escalation step, risk, tag and `on` block of the flows under test, and whether a test exercised it
cli-test--threshold = Fail (exit 1) when coverage is below N percent (implies --coverage)
cli-test-exit =
    Exit codes:
      0  every test passed (and coverage reached --threshold)
      1  a test failed, or coverage is below --threshold
      2  a test file could not be read or parsed (an unknown key included), or its
         rules do not check; usage error

cli-calendar = Working-time arithmetic of a calendar in the rules, to check a deadline by hand
cli-calendar--name = The calendar's name in the rules
cli-calendar-exit =
    Exit codes:
      0  computed
      1  the rules do not check
      2  usage error: no rules, a calendar the rules do not declare, a bad time,
         date or duration
cli-calendar-add = The instant at which DURATION of working time has passed since TIME
cli-calendar-add--time = A time (`2026-03-02 09:00` in the flow's zone, or RFC 3339)
cli-calendar-add--duration = A duration: `48h`, `7h30m`, `2d` (working days)
cli-calendar-add-exit = { cli-calendar-exit }
cli-calendar-between = The working time between two instants
cli-calendar-between--from = The start
cli-calendar-between--to = The end
cli-calendar-between-exit = { cli-calendar-exit }
cli-calendar-show = Each day's working hours, and why
cli-calendar-show--from = First day (YYYY-MM-DD)
cli-calendar-show--to = Last day (YYYY-MM-DD)
cli-calendar-show-exit = { cli-calendar-exit }

cli-init = Create a project: the store, and where none exists a starter salesflow.yaml, rule file, team file, rule tests and sample customers and events that work at once; never overwrites anything
cli-init-exit =
    Exit codes:
      0  the store was created
      1  a store (or any file) already exists at that path: nothing was touched
      2  usage error, or the files could not be written

cli-import = Import team, customers, events, stages or tasks from CSV, XLSX, JSON Lines or YAML; every row is checked and a file with any bad row writes nothing
cli-import--kind = What the file holds: team, customers, events, stages, tasks
cli-import--file = A `.csv`, `.xlsx` (the first sheet, or `--sheet`), `.jsonl` or `.yaml` file
cli-import--sheet = The sheet of an XLSX workbook to read: its name or one-based number
cli-import--encoding = The text encoding of a CSV file (default: UTF-8, else GB18030, detected)
cli-import--dry_run = Check every row and count what would be written; write nothing
cli-import--map = A mapping from a foreign CRM export to our columns (docs/import-map.md)
cli-import-exit =
    Exit codes:
      0  imported (with --dry-run: would import), re-imported rows counted as known
      1  rows rejected (every error is listed with file, line and column), or the rules
         do not check: nothing was written
      2  usage error, unreadable file, or no store

cli-report = The manager's reports: the funnel, where deals stall and why (dwell), and whether the journey goals are met
cli-report--kind = Which report: funnel, dwell or journey
cli-report--from = First day (`2026-03-01`) or instant of the period (default: 30 days before --to)
cli-report--to = Last day counted (`2026-03-31`), or the first instant not counted (default: --at)
cli-report--by = Split by owner, segment, tag or week (dwell: the heatmap's columns)
cli-report--compare_to = Set another period beside this one: `previous`, or `2026-02-01..2026-02-28`
cli-report--calendar = Count working days on this calendar of the rules (default: the first declared)
cli-report--out = Write to FILE instead of standard output
cli-report-exit =
    Exit codes:
      0  the report was written
      1  the rules do not check
      2  usage error (a bad period, --compare-to or --calendar), no store, or the
         output file cannot be written

cli-plan = What `apply` would do now, written nowhere (the store stays byte-identical)
cli-plan--detailed_exitcode = Exit 0 when there is nothing to do, 2 when actions are pending, 1 on any error
cli-plan-exit =
    Exit codes:
      0  planned (with --detailed-exitcode: nothing to do)
      1  the rules do not check, or a template failed to render (with
         --detailed-exitcode: any error)
      2  usage error, unreadable input, or no store (with --detailed-exitcode:
         actions pending, and nothing else)

cli-apply = Evaluate the rules and record every effect once: health, signals, tasks, escalation steps, outbox messages
cli-apply-exit =
    Exit codes:
      0  applied (or nothing was due)
      1  the rules do not check, or a template failed to render for a customer (its
         other effects are applied; the failed message is tried again on every apply)
      2  usage error, unreadable input, or no store

cli-explain = Why a customer is in its health state, segment and stage, and its timers
cli-explain--customer = The customer's id
cli-explain-exit =
    Exit codes:
      0  explained
      1  no such customer, or the rules do not check
      2  usage error, unreadable input, or no store

cli-list = Customers matching a condition in the rule language
cli-list--filter = A condition in the rule language: `tagged 新能源 and health is yellow`
cli-list--replay = Replay every customer, even where the stored columns decide (for tests that compare the two ways)
cli-list-exit =
    Exit codes:
      0  listed (possibly no customer)
      1  the rules or the --where condition do not check
      2  usage error, unreadable input, or no store

cli-update = Record a customer's progress update (the rules say which fields it needs)
cli-update--customer = The customer's id
cli-update--status = Where the deal stands
cli-update--next_action = The next action
cli-update--blocker = What blocks it
cli-update--note = A free note
cli-update--evidence = An evidence reference (repeat for several)
cli-update--by = Who records it (a person id of the team)
cli-update-exit =
    Exit codes:
      0  recorded (or already recorded: the same event is stored once)
      1  refused: a field `update requires` is missing, the customer or the --by
         person is unknown, or the rules do not check
      2  usage error, unreadable input, or no store

cli-move = Record that a customer entered a pipeline stage
cli-move--customer = The customer's id
cli-move--stage = The pipeline stage it enters
cli-move--evidence = An evidence reference (repeat for several); required where the stage says `evidence required`
cli-move--note = A free note
cli-move--by = Who records it (a person id of the team)
cli-move-exit =
    Exit codes:
      0  recorded (or already recorded: the same event is stored once)
      1  refused: an unknown stage, customer or --by person, evidence the stage
         requires is missing, or the rules do not check
      2  usage error, unreadable input, or no store

cli-task = List tasks, or close one
cli-task-exit = { cli-salesflow-exit }
cli-task-list = List tasks, by id
cli-task-list--customer = Only this customer's
cli-task-list--open = Only open ones (not done)
cli-task-list-exit =
    Exit codes:
      0  listed (possibly nothing)
      1  no such customer (--customer)
      2  usage error or no store
cli-task-done = Close a task: records a `task_done` event the rules see
cli-task-done--id = The task's id (from `task list`)
cli-task-done--by = Who closed it (a person id of the team)
cli-task-done-exit =
    Exit codes:
      0  closed (or it was already done)
      1  no such task, or an unknown --by person
      2  usage error or no store

cli-signal = List risk signals, or judge one
cli-signal-exit = { cli-salesflow-exit }
cli-signal-list = List risk signals, by time
cli-signal-list--customer = Only this customer's
cli-signal-list--open = Only the ones not judged yet
cli-signal-list-exit =
    Exit codes:
      0  listed (possibly nothing)
      1  no such customer (--customer)
      2  usage error or no store
cli-signal-verdict = Judge a signal: records a `verdict` event (it feeds `risk_accuracy`)
cli-signal-verdict--id = The signal's id (from `signal list`)
cli-signal-verdict--verdict = Whether the risk was real: confirmed, false
cli-signal-verdict--by = Who judged it (a person id of the team)
cli-signal-verdict-exit =
    Exit codes:
      0  judged
      1  no such signal, or an unknown --by person
      2  usage error or no store

## outbox, run: delivery

outbox-none = no messages
outbox-col-id = ID
outbox-col-status = STATUS
outbox-col-kind = KIND
outbox-col-to = TO
outbox-col-channel = CHANNEL
outbox-col-customer = CUSTOMER
outbox-col-created = CREATED
outbox-col-due = DUE
outbox-col-subject = SUBJECT
outbox-col-attempt = ATTEMPT
outbox-col-at = AT
outbox-col-outcome = OUTCOME
outbox-col-error = ERROR
outbox-field-message = message
outbox-field-key = key
outbox-field-status = status
outbox-field-kind = kind
outbox-field-to = to
outbox-field-cc = cc
outbox-field-customer = customer
outbox-field-channel = channel
outbox-field-created = created
outbox-field-due = due
outbox-field-delivered = delivered
outbox-field-attempts = attempts
outbox-field-last-error = last error
outbox-field-origin = origin
outbox-field-subject = subject
outbox-interrupted = (interrupted)
outbox-delivered = delivered at { $at }: { $counts }
outbox-delivery-line = #{ $id } to { $to } ({ $channel }): { $status }: { $error }{ $next }
outbox-delivery-nowhere = #{ $id } to { $to }: { $status }: { $error }
outbox-next-attempt = ; next attempt { $at }
outbox-retry-none = no messages to retry
outbox-retried = message { $id } is due again (it was { $from })
deliver-counts = { $sent } sent, { $failed } failed, { $dead } dead{ $waiting ->
        [0] {""}
       *[other] , { $waiting } waiting for a rate limit
    }
run-tick = { $at } tick: { $customers } customers visited, { $applied }{ $errors ->
        [0] {""}
        [one] ; 1 rule error (see `salesflow plan`)
       *[other] ; { $errors } rule errors (see `salesflow plan`)
    }{ $digests ->
        [0] {""}
        [one] ; 1 digest queued
       *[other] ; { $digests } digests queued
    }; delivered { $delivered }
run-tick-failed = { $at } tick failed: { $error }
run-no-channels = nothing (no channels)
error-run-every = `--every { $value }` is not a duration of a second or more
help-run-every = e.g. `--every 5m`, `--every 1h`
error-signals = cannot watch for signals: { $reason }
error-outbox-unknown-message = no message { $id } in the outbox
help-outbox-unknown-message = `salesflow outbox list` shows the ids
error-outbox-sent = message { $id } was sent at { $at }: not retried
help-outbox-sent = retrying would send it twice; a new message needs a new record
error-outbox-suppressed = message { $id } is suppressed (produced before the customer went live): not retried
help-outbox-suppressed = suppressed messages are never sent
error-channel-shape = salesflow.yaml: channel { $index }: { $reason }
help-channel-shape = a channel is `{"{"} name, kind: wecom|dingtalk|feishu|webhook|email, … {"}"}`; see README, "Delivering messages"
error-channel-duplicate = salesflow.yaml: two channels are named `{ $name }`
help-channel-duplicate = give each channel its own `name`
error-channel-missing = salesflow.yaml: channel `{ $channel }` ({ $kind }) needs `{ $field }`
help-channel-missing-url = name the environment variable that holds the robot's webhook URL
help-channel-missing-smtp = the server as `host:port`, e.g. `smtp.exmail.qq.com:587`
help-channel-missing-from = the sender address, e.g. `crm@example.com` or `销售助手 <crm@example.com>`
help-channel-missing-pair = add `{ $field }` beside the other one
error-channel-foreign = salesflow.yaml: `{ $field }` is not a setting of channel `{ $channel }` ({ $kind })
help-channel-foreign = remove it, or check the channel's `kind`
error-channel-secret-in-file = salesflow.yaml: channel `{ $channel }` has its robot URL in the file
help-channel-secret-in-file = a { $kind } robot's URL carries its token: put it in an environment variable and name that with `url_env`
error-channel-bad = salesflow.yaml: channel `{ $channel }`: `{ $field }: { $value }` { $why }
help-channel-url = e.g. `https://crm.example.com/hooks/salesflow`
help-channel-env-url = the webhook address as its vendor gives it
help-channel-duration = e.g. `10s`, `1m`, `1h 30m`
help-channel-attempts = 1 or more
help-channel-smtp = `host:port`, e.g. `smtp.exmail.qq.com:587`
help-channel-rate = e.g. `20/min`, `5/s`
help-channel-ca-file = a PEM file, relative to salesflow.yaml
error-channel-unset-env = channel `{ $channel }`: the environment variable `{ $var }` is not set
help-channel-unset-env = set `{ $var }` in the environment salesflow runs in (for systemd, an `EnvironmentFile=`); its value is never written anywhere
error-customer-channel-unknown = salesflow.yaml: `customer_channel: { $name }` names no channel
help-customer-channel-unknown = name one of the `channels:` by its `name`
error-no-channels = salesflow.yaml has no `channels:`, so there is nowhere to deliver to
help-no-channels = add a channel, e.g. `channels: [{"{"} name: sales-group, kind: wecom, url_env: WECOM_WEBHOOK {"}"}]`
error-digest = salesflow.yaml: digest { $index }: { $problem }
help-digest-report = one of funnel, dwell, journey
help-digest-every = e.g. `mon 09:00`, `daily 18:00`, `weekdays 09:00`, `monthly 1 09:00`
help-digest-no-goals = only the journey report has goals to miss
help-digest-only-when = the condition is `missed` (a goal of the journey report is missed)
help-digest-to = a person id of the team file, or a role someone holds
error-digest-report = digest `{ $report }` for `{ $to }`: { $reason }
help-digest-report-failed = `salesflow report { $report }` shows the same report and its errors
why-not-url = is not an http:// or https:// URL
why-env-not-url = holds no http:// or https:// URL
why-not-duration = is not a duration
why-zero-attempts = sends nothing
why-port = has no valid port
why-host = has no host
why-rate-shape = is not `N/unit`
why-rate-count = has no positive count before `/`: `{ $count }`
why-rate-unit = has an unknown unit `{ $unit }` (s, min or h)
why-unreadable = cannot be read: { $reason }
why-not-address = is not an address: { $reason }
digest-problem-report = `report: { $report }` is not a report
digest-problem-every = `every: { $every }`: { $why }
digest-problem-no-goals = `only_when: missed` on `report: { $report }`, which has no goals
digest-problem-only-when = `only_when: { $value }` is not a condition
digest-problem-to = `to: { $to }` is neither a person nor a role of the team
schedule-problem-shape = write `DAY HH:MM`
schedule-problem-time = `{ $value }` is not a time of day (HH:MM)
schedule-problem-day = `{ $value }` is not `daily`, `weekdays`, a weekday (`mon`, `周一`) or `monthly D`
schedule-problem-month-day = `{ $value }` is not a day of the month from 1 to 28

## --help of outbox and run

cli-outbox = The messages the rules produced: list, show, deliver, retry
cli-outbox-exit = { cli-salesflow-exit }
cli-outbox-list = The messages the rules produced, by id, with their delivery status
cli-outbox-list--status = Only messages with this status: pending, sent, failed, dead, suppressed
cli-outbox-list--customer = Only messages about this customer
cli-outbox-list--since = Only messages created at or after TIME (`2026-03-02 09:00` in the flow's zone, or RFC 3339)
cli-outbox-list-exit =
    Exit codes:
      0  listed (also when nothing matches)
      1  an unknown customer
      2  usage error (a bad --since), or no store
cli-outbox-show = One message: its text, recipient, channel and every delivery attempt
cli-outbox-show--id = The message's id (from `outbox list`)
cli-outbox-show-exit =
    Exit codes:
      0  shown
      1  no message with that id
      2  usage error, or no store
cli-outbox-deliver = Send every message that is due on the channels of salesflow.yaml: failures are retried later with backoff, each channel kept under its rate limit
cli-outbox-deliver-exit =
    Exit codes:
      0  every due message was sent, or failed and will be retried
      1  a message was given up (dead) in this run: `salesflow outbox list --status dead`
      2  usage error: no store, no channels, a channel setting or an environment
         variable it names missing
cli-outbox-retry = Make failed or dead messages due again now, with a fresh count of attempts (after fixing a channel, a handle in the team file, or a contact)
cli-outbox-retry--ids = The messages' ids (from `outbox list`)
cli-outbox-retry--dead = Every dead message
cli-outbox-retry-exit =
    Exit codes:
      0  the messages are due again
      1  no message with an id given, or one was sent already or is suppressed
         (nothing is changed then)
      2  usage error, or no store
cli-run = The scheduler: apply, queue due digests, then deliver the outbox; every `--every`, or `--once`. SIGINT/SIGTERM finish the message in hand and exit 0
cli-run--every = Tick every DURATION (`5m`, `1h`) until SIGINT or SIGTERM
cli-run--once = One tick, then exit (for cron)
cli-run-exit =
    Exit codes:
      0  stopped by SIGINT or SIGTERM after finishing the message in hand, or
         --once done
      1  --once: the rules failed for a customer, or a message was given up;
         a second SIGINT or SIGTERM (stopped at once)
      2  usage error: no store, no rules, a channel or digest setting or an
         environment variable it names missing
## demo

demo-title = salesflow demo: { $customers } customers over { $days } days ({ $from } to { $to }, { $zone }), seed { $seed }, rules “{ $flow }”
demo-recorded = What the team recorded
demo-records = { $events } records (contacts with notes, updates, stage changes, tasks done, verdicts); { $late } logged late, after an apply had passed their time
demo-tasks = tasks: { $on_time } done on time, { $late } done late, { $overdue } still open past their due time
demo-verdicts = risk signals judged: { $confirmed } confirmed, { $false } false alarms
demo-rules-did = What the rules did
demo-health = health changes: { $list }
demo-signals = risk signals: { $n } ({ $list })
demo-steps = escalation steps fired: { $list }
demo-tasks-created = tasks created: { $list }
demo-stages = customers by stage now: { $list }
demo-rule-errors = the rules met { $n ->
        [one] 1 error
       *[other] { $n } errors
    } (a template with an undefined value), e.g. { $first }
demo-examples = Examples
demo-health-example = { $name } ({ $id }) turned { $label } ({ $state }) on { $at }
demo-because = because: { $rule }
demo-evidence = evidence: { $kind } by { $actor }, { $at }: “{ $text }”
demo-signal-example = risk { $label } ({ $risk }) on { $name } ({ $id }): keyword “{ $keyword }” in the { $kind } of { $at }: “{ $text }”
demo-judged = judged: { $verdict }
demo-strategy = strategy: { $strategy }
demo-step-example = escalation { $label } ({ $escalation }), step `{ $step }` due { $at }, for { $name } ({ $id })
demo-the-customer = the customer
demo-message = to { $to }: “{ $body }”
demo-message-cc = to { $to } (cc { $cc }): “{ $body }”
demo-outbox = Outbox
demo-outbox-counts = { $n } messages: { $notify } to the team, { $message } to customers; { $pending } waiting for delivery, { $suppressed } suppressed (produced before going live, never sent)
demo-highlight = { $at } “{ $subject }” ({ $id }) to { $to }: “{ $body }”
demo-reports = Reports
demo-report-period = over { $period }
demo-report-funnel = { $title }: { $stages }; { $won } won, { $lost } lost
demo-report-dwell = { $title }: the slowest stage is { $stage } ({ $visits } visits ended), { $mean } days on average (median { $median }, p90 { $p90 }){ $reason }
demo-report-dwell-reason = ; “{ $reason }” accounts for { $share } of its delay
demo-report-dwell-none = { $title }: no stage visit ended in the period
demo-report-metric = { $metric ->
        [node_coverage] node coverage
        [response_sla] response SLA
       *[risk_accuracy] risk accuracy
    } { $value }{ $goal }
demo-report-journey = { $title }: { $active } active customers; { $metrics }
demo-report-html = HTML: { $path }
demo-files = Files
demo-project = project: { $dir } (salesflow.yaml, rules/, team.yaml)
demo-store = store: { $db }
demo-try-next = Try next
demo-built = built { $db }: { $customers } customers, { $events } records over { $days } days ({ $from } to { $to })
error-demo-not-empty = `{ $dir }` is not empty
help-demo-not-empty = give a new or empty folder with `--dir`, or leave `--dir` out for a temporary one
help-demo-unwritable = check that the folder is writable and the disk has room
error-demo-rules = the demo's rules do not check: { $reason }
help-demo-rules = `salesflow check` on the demo folder's rules shows where
error-demo-refused = the generator made a record the rules refuse: { $reason }
help-demo-refused = this is a bug of the demo generator: please report it with the seed and sizes

cli-demo = Build a demo project: the example rules, a team and a generated store of customers ticked day by day, then a tour of what the rules did
cli-demo--dir = Where to build the demo project: a new or empty folder (default: a new folder under the system's temporary folder, kept afterwards)
cli-demo--customers = How many customers to generate (about 30% already in the CRM on the first day, the others arriving over the days)
cli-demo--days = Days of history, each ticked by an evening apply; they end the day before --at (default: today)
cli-demo--seed = The generator's seed: the same seed, sizes and --at day give the same store
cli-demo--no_tour = Build the store and say where it is, without the tour (for benchmarks)
cli-demo-exit =
    Exit codes:
      0  the demo project was built (and toured)
      2  usage error, a --dir that is not empty, or files that cannot be written

## report: the words and headers of the reports, their findings and errors

report-word-funnel = Funnel
report-word-dwell = Stage dwell
report-word-journey = Journey goals
report-word-compared-with = compared with
report-word-stage = stage
report-word-reached = reached
report-word-conversion = conversion
report-word-pass-rate = pass rate
report-word-won = won
report-word-lost = lost
report-word-visits = visits
report-word-mean = mean
report-word-median = median
report-word-p90 = p90
report-word-mean-working = mean (working)
report-word-median-working = median (working)
report-word-p90-working = p90 (working)
report-word-expect = expect
report-word-overdue = overdue
report-word-top-reasons = top delay reasons
report-word-delay-reasons = Delay reasons
report-word-none-recorded = (none recorded)
report-word-heatmap = Mean dwell
report-word-week = week
report-word-owner = owner
report-word-segment = segment
report-word-tag = tag
report-word-no-segment = (no segment)
report-word-untagged = (untagged)
report-word-metric = metric
report-word-value = value
report-word-goal = goal
report-word-met = met
report-word-yes = yes
report-word-no = no
report-word-numerator = numerator
report-word-denominator = denominator
report-word-milestone = milestone
report-word-coverage = coverage
report-word-customers = customers
report-word-covered = with evidence
report-word-findings = Findings
report-word-no-findings = every goal is met
report-word-active-customers = active customers
report-word-node-coverage = node coverage
report-word-response-sla = response SLA
report-word-risk-accuracy = risk accuracy
report-word-change = change
report-word-no-data = no data in this period
report-word-working-days-on = working days on calendar
report-finding-coverage = { $milestone } node coverage { $pct } (goal { $goal }): { $missing } customers missing it
report-finding-coverage-blocker = ; main blocker { $blocker } ({ $n } of them)
report-finding-coverage-no-blocker = ; no blocker recorded
report-suggest-settle-blocker = settle { $blocker } with those { $n } customers one by one and record the evidence when they reach { $milestone }
report-suggest-require-evidence = require evidence on entering { $milestone } (`evidence required` in the pipeline)
report-suggest-check-skipped = check why these customers skipped { $milestone } and ask their owners to record an update with the blocker
report-who = { $person }
report-who-role = { $person } ({ $role })
report-finding-sla = response SLA { $pct } (goal { $goal }): { $who } has the most missed tasks, { $missed } of { $counted }, mostly { $title }
report-suggest-sla = review { $person }'s workload, hand part of the { $title } tasks to a colleague, and remind before they fall due
report-finding-risk = risk accuracy { $pct } (goal { $goal }): risk { $label } ({ $risk }) has the most false alarms, { $false_alarms } of { $judged } judged, mostly from keyword "{ $keyword }"
report-suggest-risk = review the keywords of risk { $risk }: narrow "{ $keyword }" or add an `unless` phrase for its usual false context
report-finding-with-suggestion = { $finding }; suggestion: { $suggestion }.
report-unit-days = { $n }d
report-unit-points = { $n } pp
error-report-bad-time = `--{ $flag }` value `{ $value }` is not a date or a time
help-report-bad-time = write a date (`2026-03-01`, the whole day in the flow's time zone), a time (`2026-03-01 09:00`) or RFC 3339
error-report-empty-period = the period is empty: it starts at `{ $from }` and ends with `{ $to }`
help-report-empty-period = `--to` is the last day counted (a date) or the first instant not counted (a time); give a `--from` before it
error-report-bad-compare = `--compare-to` value `{ $value }` is not `previous` or `YYYY-MM-DD..YYYY-MM-DD`
help-report-bad-compare = `--compare-to previous` compares with the period of the same length just before; `--compare-to 2026-02-01..2026-02-28` with those days
error-report-unknown-calendar = the rules have no calendar `{ $name }`
help-report-unknown-calendar = working days are counted on a `calendar` of the rules; without `--calendar`, on the first one declared
## explain: condition lines

explain-state-holds = { $name } "{ $label }" holds
explain-state-fails = { $name } "{ $label }" does not hold
explain-state-otherwise = { $name } "{ $label }" otherwise
explain-value-never = never
explain-value-working = { $duration } working
explain-value-no-event = { $duration } (no such event: since the customer was created)
explain-value-none = (none)
explain-value-not-set = (not set)

## check: diagnostics of conditions

check-help-did-you-mean = did you mean `{ $name }`?
check-help-none-declared = no { $what } is declared
check-help-declared-are = the declared { $what }s are { $names }
check-health-no-state = `health` declares no state
check-label-empty = empty
check-help-health-no-state = end the list with a state such as `green "正常推进" otherwise`
check-last-state-otherwise = the last health state must be `otherwise`
check-label-may-match-no-state = a customer may match no state
check-help-last-state-otherwise = end with a state that always holds, e.g. `green "正常推进" otherwise` after `{ $name }`
check-is-not-a-name-type = `is` tests a stage, a health state or a segment, not { $ty }
check-label-this-is = this is { $ty }
check-help-compare-with-eq = compare values with `==`
check-not-a-condition = `{ $text }` is { $ty }, not a condition
check-help-compare-duration = compare it, e.g. `{ $text } > 14d`
check-help-test-name = test it, e.g. `{ $text } is NAME`
check-help-compare-number = compare it, e.g. `{ $text } > 0`
check-bare-name-alone = `{ $name }` alone is not a condition
check-label-bare-name = a bare name
check-help-bare-name-alone = test something against it, e.g. `stage is { $name }` or `tagged { $name }`
check-bare-names-compared = a bare name cannot be tested against another name
check-help-bare-names-compared = one side must be a value such as `stage`, `health` or `customer.FIELD`
check-label-another-bare-name = another bare name
check-op-not-ordered = `{ $op }` does not apply to { $ty }
check-label-no-order = { $ty } has no order
check-help-use-eq = use `==` or `!=`
check-cannot-compare = cannot compare { $ty } with { $other }
check-bare-name-not-type = `{ $name }` is not { $ty }
check-help-bare-name-stands-for = a bare name stands for a stage, a health state, a segment or text; quote text as `"…"`
check-label-not-a-stage = not a stage of the pipeline
check-label-not-a-state = not a state of `health`
check-label-not-a-segment = not a declared segment
check-label-not-a-risk = not a declared risk
check-label-not-a-tag = not a declared tag
check-label-not-a-role = not a declared role
check-label-not-a-calendar = not a declared calendar
check-label-not-a-template = not a declared template
check-unknown-name = unknown { $kind } `{ $name }`
check-label-not-a-kind-or-group = not an event kind or group
check-help-declare-field = declare it: `field { $name }: text`
check-unknown-field = unknown field `customer.{ $name }`
check-label-not-a-field = not a declared or built-in field
check-weeks-under-clock = `w` is not a unit of the `{ $name }` clock
check-label-weeks-under-clock = weeks under a calendar clock
check-help-weeks-under-clock = under a calendar clock `d` counts working days: say `{ $days }d`
check-help-mismatch-duration = give the number a unit, e.g. `14d` or `48h`
check-help-mismatch-percent = write both sides as percentages, e.g. `80%`
check-help-mismatch-date = a date such as `2026-03-02` compares with a `date` field or an instant such as `customer.created_at`
check-help-mismatch = both sides of a comparison must have one type; here they are { $ty } and { $other }

## nouns: kinds of things named in diagnostics

noun-stage = stage
noun-health-state = health state
noun-segment = segment
noun-risk = risk
noun-tag = tag
noun-role = role
noun-calendar = calendar
noun-template = template
noun-event-kind = event kind
noun-field = field
noun-variable = variable
noun-attribute = attribute
noun-filter = filter
noun-time-zone = time zone
noun-duration = duration
noun-number = number
noun-money = money
noun-percent = percent
noun-bool = bool
noun-text = text
noun-date = date
noun-time = time

## check: declarations

check-declared-twice = { $what } `{ $name }` is declared twice
check-label-declared-again = declared again here
check-label-first-declared = first declared here
check-help-declared-twice = names are global across a file and its includes; rename or remove one `{ $name }`
check-item-twice = a flow has one `{ $kind }`
check-label-second-one = second one here
check-label-first-one = first one here
check-help-item-twice = merge the two `{ $kind }` items into one
check-flow-not-first = `flow` must be the first item
check-label-not-first = not first
check-help-flow-not-first = move `flow "…"` to the top of the root file
check-help-iana = use an IANA name such as `Asia/Shanghai`
check-unknown-timezone = unknown time zone `{ $name }`
check-label-not-iana = not an IANA time zone
check-unknown-field-type = unknown field type `{ $name }`
check-label-not-a-type = not a type
check-builtin = `{ $name }` is a built-in { $what }
check-label-builtin = built in
check-help-builtin = do not declare it: { $why }
check-why-owner = every customer has an `owner`
check-why-builtin-kind = it is recorded by salesflow itself
check-why-builtin-field = every customer has it
noun-field-type = field type
noun-event-kind-or-group = event kind or group
noun-escalation = escalation

## syntax errors

syntax-unexpected = unexpected { $found }
syntax-label-expected = expected { $expected }
syntax-unterminated-string = unterminated string
syntax-label-unterminated-string = this string is never closed
syntax-help-unterminated-string = close the string with `"` on the same line, or use `"""…"""` for text over several lines
syntax-unterminated-block = unterminated text block
syntax-label-unterminated-block = this block is never closed
syntax-help-unterminated-block = close the block with `"""`
syntax-invalid-escape = unknown escape `{ $escape }`
syntax-label-invalid-escape = not an escape
syntax-help-invalid-escape = the escapes are `\"`, `\\`, `\n` and `\u{"{"}4E2D{"}"}`
syntax-invalid-duration = invalid duration `{ $text }`
syntax-invalid-number = invalid number `{ $text }`
syntax-invalid-time = invalid time of day `{ $text }`
syntax-label-invalid-time = not a time of day
syntax-help-invalid-time = times of day run from 00:00 to 24:00
syntax-invalid-date = invalid date `{ $text }`
syntax-label-invalid-date = no such day
syntax-help-invalid-date = dates are written YYYY-MM-DD
syntax-too-complex = condition too complex
syntax-label-too-complex = { $count } operators, { $depth } levels of parentheses
syntax-help-too-complex = a condition may have at most 64 `and`/`or`/`not` and 16 levels of parentheses; split it, e.g. into several states or a tag
syntax-manager-chain = `manager of` repeated { $count } times
syntax-label-manager-chain = too many `manager of`
syntax-help-manager-chain = a recipient may go up at most 8 managers, e.g. `manager of manager of sales`
syntax-unmatched-paren = unmatched `)`
syntax-label-unmatched-paren = this `)` closes no `(`
syntax-help-unmatched-paren = remove it, or add the `(` it should close
syntax-unclosed-paren = unclosed `(`
syntax-label-unclosed-paren = this `(` is never closed
syntax-help-unclosed-paren = close it with `)` where the grouped condition ends
syntax-duration-no-unit = a duration needs a unit
syntax-help-duration-no-unit = write `{ $text }h` or `{ $text }d`; units are m, h, d, w
syntax-duration-unknown-unit = `{ $unit }` is not a unit
syntax-help-duration-units = units are m (minutes), h (hours), d (days), w (weeks)
syntax-too-large = too large
syntax-help-fullwidth-semicolon = `；` is full-width punctuation with no role in a rule file: remove it (items and clauses need no separator), or write `,` between the entries of a list
syntax-help-fullwidth-unread = `{ $mark }` is full-width punctuation, which the rule language does not read: write it in ASCII (`{ $ascii }`), with the input method in half-width mode
syntax-help-block-open = a block is still open: close it with `{"}"}`
syntax-help-item-starts = an item starts with { $keywords }
syntax-help-reserved = `{ $word }` is reserved and cannot be used as a name
syntax-help-no-comma-cc = no comma goes before `cc` or the message
syntax-one-of = { $items } or { $last }
noun-end-of-file = end of file
noun-something-else = something else
noun-a-name = a name
noun-an-item = an item
noun-a-string = a string
noun-a-duration = a duration
noun-a-number = a number
noun-a-whole-number = a whole number
noun-a-percentage = a percentage
noun-a-date = a date
noun-a-time-of-day = a time of day
noun-a-weekday = a weekday
noun-a-comparison = a comparison
noun-a-condition = a condition
noun-a-recipient = a recipient

## check: files and includes

check-io-not-found = no such file
check-io-permission = permission denied
check-io-not-utf8 = not UTF-8 text
check-not-utf8 = `{ $path }` is not UTF-8 text
check-label-not-utf8 = byte { $byte } at offset { $offset } (line { $line }) is not UTF-8
check-help-not-utf8 = save the file as UTF-8; rule files are read as UTF-8 only
check-help-not-utf8-utf16 = save the file as UTF-8 (it looks like UTF-16); rule files are read as UTF-8 only
check-help-not-utf8-gbk = save the file as UTF-8 (it looks like GBK/GB18030, what Chinese Windows saves by default); rule files are read as UTF-8 only
check-fullwidth = full-width `{ $mark }` read as `{ $ascii }`
check-label-fullwidth = full-width punctuation
check-help-fullwidth = the rule language's punctuation is ASCII: write `{ $ascii }` (`salesflow fmt` rewrites it)
check-include-unreadable = cannot read included file `{ $path }`
check-include-cycle = include cycle: `{ $path }` includes this file again
check-label-include-cycle = this include closes the cycle
check-label-includes = includes `{ $path }`
check-help-include-cycle = the chain is { $chain }

## check: items

check-label-not-a-kind = not a declared event kind
check-empty-keyword = empty keyword
check-label-matches-every-text = matches every text
check-help-empty-keyword = remove it or write the phrase to look for
check-risk-no-keywords = risk `{ $name }` has no keywords
check-label-never-matches = never matches
check-help-risk-no-keywords = add a line such as `keywords "法务", "合规审查"`
check-tags-from-text = tags are read from text fields, `customer.{ $name }` is { $ty }
check-unknown-metric = unknown metric `{ $name }`
check-label-not-a-metric = not a journey metric
check-second-goal = a second goal for `{ $name }`
check-label-has-goal = already has a goal
check-help-second-goal = keep one goal per metric
check-goal-range = a goal lies between 0% and 100%
check-label-out-of-range = out of range
check-help-goal-range = write a share such as `goal { $name } >= 80%`
check-goal-percent = a goal is a percentage
check-help-goal-percent = write it with `%`, as in `goal node_coverage >= 80%`
check-not-update-field = `{ $name }` is not a field of an update
check-label-unknown = unknown
check-no-pipeline = the flow has no `pipeline`
check-help-no-pipeline = declare the stages: `pipeline {"{"} lead "线索"  signed "签约" won {"}"}`
check-won-and-lost = stage `{ $name }` is both won and lost
check-label-won-here = won here
check-help-won-and-lost = a stage ends a deal one way: keep `won` or `lost`
check-no-won-stage = the pipeline has no `won` stage
check-label-no-won-stage = no stage is marked `won`
check-help-no-won-stage = mark the stage that closes a deal, e.g. `signed "合同签署" won`
check-two-severities = risk `{ $name }` has two severities
check-label-second-severity = second severity
check-help-two-severities = keep one `severity` line
check-no-severity = risk `{ $name }` has no severity
check-label-no-severity = no `severity`
check-help-no-severity = add `severity STATE`, naming a health state such as `yellow`
check-unknown-severity = severity `{ $name }` names no health state
noun-metric = metric
noun-update-field = update field

## check: lints

check-no-otherwise-segment = no segment is `otherwise`
check-label-may-have-no-segment = a customer may have no segment
check-help-no-otherwise-segment = add a last segment such as `segment new "新客首触" otherwise`
check-unused-template = template `{ $name }` is never used
check-label-unused = unused
check-help-unused-template = use it with `template { $name }` in a `notify` or `message`, or remove it
check-unreachable = { $what } `{ $name }` can never be reached
check-label-unreachable = unreachable
check-label-always-holds = `{ $name }` always holds before it
check-help-unreachable = states are tried in order; move `{ $name }` last
check-duplicate-keyword = keyword `{ $keyword }` is in risks `{ $risk }` and `{ $other }`
check-label-same-keyword = the same keyword again
check-overlapping-keyword = keyword `{ $keyword }` of risk `{ $risk }` contains `{ $contained }` of risk `{ $other }`
check-label-contains-keyword = contains another risk's keyword
check-label-first-here = first here
check-label-keyword-contained = the keyword it contains
check-help-keyword-overlap = one text would raise both signals; keep the keyword in one risk
check-what-shared-keyword = risks share a keyword
check-what-contained-keyword = keywords contain another risk's keyword
check-more-pairs = { $incomplete ->
    [yes] at least { $more } more pairs where { $what } (at least { $total }, { $shown } shown)
   *[no] { $more } more pairs where { $what } ({ $total } in all, { $shown } shown)
}
check-label-first-not-shown = the first one not shown
check-help-more-pairs = fix the pairs shown; `check` then lists the next ones

## check: escalations and actions

check-two-clauses = escalation `{ $name }` has two `{ $clause }` clauses
check-help-two-clauses = combine them into one `{ $clause }` with `and` or `or`
check-steps-order = steps of escalation `{ $name }` are not in increasing order
check-label-step-not-later = this step is not later
check-label-than-this = than this one
check-help-steps-order = write the `after` steps from the earliest to the latest
check-zero-period = an `every` period must be longer than zero
check-label-zero = zero
check-help-zero-period = write a period such as `every 24h after 48h`
check-no-when = escalation `{ $name }` has no `when`
check-label-never-starts = never starts
check-help-no-when = add the condition that starts the timer, e.g. `when health is yellow`
check-no-steps = escalation `{ $name }` has no steps
check-label-does-nothing = does nothing
check-help-no-steps = add a step such as `after 48h {"{"} notify owner template reminder {"}"}`
check-read-only = `customer.{ $name }` cannot be set
check-label-computed = computed by salesflow
check-help-read-only = stage changes are recorded with `salesflow move`; health and segment follow the rules
check-set-not-condition = `customer.{ $name }` is { $ty }, not a condition
check-label-a-condition = a condition
check-help-set-value = set a value of the field's type

## check: calendars, labels, team

check-hours-overlap = hours { $range } overlap { $existing } on `{ $day }`
check-label-hours-overlap = overlaps earlier hours
check-help-hours-overlap = each minute of a day is listed once; merge or split the ranges
check-label-hours-inverted = the end is not after the start
check-label-hours-not-one-day = not within one day
check-help-invalid-hours = a range runs from its start to a later end, at most 24:00; split hours past midnight over two days
check-empty-calendar = calendar `{ $name }` has no working hours
check-label-no-hours = no `hours` line
check-help-empty-calendar = add e.g. `hours mon-fri 09:00-18:00`; durations on this clock would never elapse
check-off-and-work = { $date } is both `off` and `work`
check-label-set-here = set here
check-help-off-and-work = a date is either a day off or a working day; remove one of the two
check-label-other-way = and the other way here
check-inverted-range = date range { $from }..{ $to } ends before it starts
check-label-inverted-range = ends before it starts
check-help-inverted-range = write the earlier date first: `{ $to }..{ $from }`
check-label-invalid-range = invalid range
check-help-invalid-range = split it into shorter ranges
check-holiday-unreadable = cannot read holiday file `{ $path }`
check-holiday-malformed = holiday file `{ $path }` is malformed
check-help-holiday-utf8 = save the holiday file as UTF-8 JSON
check-help-holiday-format = the holiday-cn format is `{"{"}"year": 2026, "days": [{"{"}"name": "春节", "date": "2026-02-17", "isOffDay": true{"}"}]{"}"}`
check-label-is-other-name = label `{ $label }` of { $what } `{ $own }` is also the name of { $what } `{ $other }`
check-label-is-other-label = label `{ $label }` of { $what } `{ $own }` is also the label of { $what } `{ $other }`
check-label-this-label = this label
check-label-same-name = the same name here
check-label-same-label = the same label here
check-help-ambiguous-label = a { $what } may be named by its label, so labels must differ from the other { $what }s' names and labels; rename one
check-help-nobody-role = nobody in the team has the role `{ $role }`; give someone that role or add `defaults: {"{"} { $role }: ID {"}"}`
check-help-nobody-person = add `{ $id }` to the team file
check-help-nobody-manager = give the people it names a `manager` in the team file
check-unresolvable-recipient = recipient `{ $recipient }` resolves to nobody in the team
check-label-nobody = nobody

## check: clauses

check-label-second-clause = second one
check-label-first-clause = first one

## salesflow test: the human report

test-signal-context = { $risk } `{ $keyword }` matched in event { $event } of `{ $customer }` at { $at }
test-explain-at = explain { $customer } at { $at }:
test-state-mismatch = { $key } of `{ $customer }`: expected `{ $want }`, actual `{ $actual }`
test-stage-visits = stage visits:
test-stage-visit = { $stage } from { $from }
test-stage-visit-left = { $stage } from { $from } to { $to }
test-set-missing = missing { $items }
test-set-unexpected = unexpected { $items }
test-list-missing-of = { $missing } of { $expected } expected not found of `{ $customer }`
test-list-missing-any = { $missing } of { $expected } expected not found of any customer
test-list-extra = { $extra } more than expected (exactly)
test-coverage-of = coverage of { $rules }: { $covered } of { $total } ({ $percent })
test-threshold-met = , threshold { $threshold }%: met
test-threshold-not-met = , threshold { $threshold }%: { $verdict }
test-not-met = not met
test-coverage = coverage: { $covered } of { $total } ({ $percent })
test-unreadable = { $files } test { $files ->
    [one] file
   *[other] files
} could not run
test-skipped = , { $skipped } skipped
test-summary = { $passed } passed, { $failed } failed
test-file-error = error: { $place }: { $message }
test-error = error: { $error }
test-at = { $whose }at { $when }
test-at-shown = { $whose }at { $when } = { $at }
test-decided-by = decided by:

## import: refused rows

import-at-row = { $file } row { $row }:{" "}
import-at-item = { $file } item { $item }:{" "}
import-at-column = column `{ $column }`:{" "}
import-column-twice = the column appears twice
import-column-missing = missing required column
import-unknown-column = unknown column{ $hint }
import-missing-value = missing value
import-listed-twice = { $what } `{ $id }` is listed twice (first at { $first })
import-unknown-id = unknown { $what } `{ $id }`{ $hint }
import-did-you-mean = {" "}(did you mean `{ $name }`?)
import-time = the import's time: { $reason }
import-new-needs-created = missing value (a new customer needs `created_at`)
import-evidence-without-stage = evidence is for the initial `stage`; none is given
import-stage-only-for-change = `stage` is only for `kind: stage_change`, not `{ $kind }`
import-update-requires = an `update` must carry `{ $column }` (the rules say `update requires`)
import-not-a-verdict = `{ $value }` is not a verdict: write `confirmed` or `false`
import-due-before-created = due before it was created
import-not-a-time = `{ $value }` is not a time: write `2026-03-02 09:00` or RFC 3339
import-time-does-not-exist = `{ $value }` does not exist in { $tz }
import-not-a-serial = `{ $value }` is not a time: a number here must be a spreadsheet date (days since 1900)
import-not-a-number = `{ $value }` is not a number
import-not-an-amount = `{ $value }` is not an amount
import-not-a-date-forms = `{ $value }` is not a date: write `2026-03-02`, `2026/3/2` or `2026年3月2日`
import-not-a-date = `{ $value }` is not a date: write `2026-03-02`
import-date-has-time = `{ $value }` is not a date: it has a time of day (the field is a `date`)
import-not-a-bool = `{ $value }` is not true or false: write `是`/`否`, `有`/`无`, `true`/`false`, `Y`/`N` or `1`/`0`
noun-customer = customer
noun-person = person

## import: places

import-place-line = line { $n }
import-place-row = row { $n }
import-place-item = item { $n }

## times as typed

time-why = `{ $text }` { $why }
time-dst-gap = `{ $text }` does not exist in { $tz } (a daylight-saving gap)
time-not-a-time = is not a time: write `2026-03-02 09:00`, `2026/3/2 9:00`, `2026年3月2日` or RFC 3339
time-no-month = is not a date: there is no month { $month }
time-month-days = is not a date: { $month } has { $days } days
time-past-midnight = is not a time of day: `{ $time }` is past 23:59:59

## check: templates

check-inline-text = inline text
check-template-named = template `{ $name }`
check-site-escalation = an escalation step
check-site-block = an `on` block
check-site-block-no-task = an `on` block without a task
check-template-too-large = { $what } is too large ({ $kb } KB)
check-label-too-large = too large
check-help-template-too-large = a template may have at most { $kb } KB; a message longer than that is never read
check-template-too-complex = { $what } has a tag with { $operators } operators
check-label-too-many-operators = too many operators in one tag
check-help-template-too-complex = one `{"{{"} … {"}}"}` or `{"{"}% … %{"}"}` may have at most { $max } operators (`|`, `.`, `-`, `not`, …); split it
check-template-line = {" "}(line { $line } of the template)
check-template-syntax = { $what } is not a valid template
check-help-template-syntax = templates use Jinja syntax: `{"{{"} customer.name {"}}"}`, `{"{{"} due | date {"}}"}`
check-help-site-provides = { $site } provides { $names }
check-template-unknown-variable = { $what } uses `{ $name }`, which { $site } does not provide
check-label-unknown-here = unknown here
check-label-used-here = used here
check-help-no-attributes = `{ $name }` has no attributes
check-help-attributes = `{ $name }` has { $attributes }
check-template-unknown-attribute = { $what } uses `{ $name }`, which does not exist
check-label-unknown-attribute = unknown attribute

## check: template lints

check-help-filters = salesflow adds `date`, `datetime` and `in_workdays(n)` to MiniJinja's filters (`default`, `upper`, `round`, …)
check-help-tests = tests are MiniJinja's: `is defined`, `is none`, `is number`, …
check-template-unknown-function = { $what } uses the { $word } `{ $name }`, which does not exist
check-label-unknown-function = unknown { $word }
check-template-maybe-undefined = { $what } reads `{ $path }`, which is undefined { $why }
check-label-not-guarded = not guarded
check-help-maybe-undefined = rendering fails where it is undefined: give a default, `{"{{"} { $path } | default("…") {"}}"}`, or guard it, `{"{"}% if { $path } %{"}"}…{"{"}% endif %{"}"}`
check-why-no-blocker = for a customer with no blocker recorded
check-why-no-contact = for a customer imported without it
check-why-blank-field = for a customer whose field is blank
check-why-no-person-attr = for a person the team file gives none
noun-test = test

## check: files refused

check-refused-name = not a `*.{ $ext }` file
check-refused-outside = outside the project
check-refused-not-a-file = { $what }, not a regular file
check-refused-too-large = { $size } over the limit of { $limit }
check-help-include-relative = include paths are relative to the including file; this one resolves to `{ $path }`
check-help-holiday-relative = holiday paths are relative to the rule file; this one resolves to `{ $path }`
check-help-refused-flow = only rule files are included: name it `*.flow`
check-help-refused-json = holiday files are holiday-cn JSON files named `*.json`
check-help-refused-outside = a flow reads files inside its project (`{ $project }`); list other folders under `allow_paths:` in salesflow.yaml
check-help-refused-not-a-file = name a regular `*.{ $ext }` file
check-help-refused-too-large = a `*.{ $ext }` file may have at most { $limit }
check-file-fifo = a FIFO
check-file-device = a device
check-file-socket = a socket
check-file-directory = a directory
check-file-not-regular = not a regular file
check-size-bytes = { $n } bytes

## explain: timer states

timer-running = running
timer-met = met
timer-met-late = met_late
timer-cancelled = cancelled

## check: calendar errors

check-hours-inverted = hours { $range } end before they start
check-hours-past-midnight = hours { $range } end after 24:00
check-off-range-too-long = off range { $from }..{ $to } is longer than { $max } days

## plan: triggers

plan-trigger-enter = enter { $stage }
plan-trigger-exit = exit { $stage }
plan-trigger-enter-segment = enter segment { $segment }
plan-trigger-exit-segment = exit segment { $segment }

## salesflow test: test files

test-cannot-read = cannot read `{ $path }`: { $reason }
test-rules-do-not-check = the rules `{ $rules }` do not check
test-unknown-guess = unknown { $what } `{ $name }`: did you mean `{ $guess }`?
test-unknown-none = unknown { $what } `{ $name }`: there is none
test-unknown-known = unknown { $what } `{ $name }`; known: { $known }
test-customer-twice = customer `{ $id }` is listed twice
test-customer-needs = a customer needs `{ $key }`

## nouns: test files

noun-customer-column = customer column
noun-step = step
