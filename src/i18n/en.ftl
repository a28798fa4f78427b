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
demo-reports-pending = the funnel, dwell and journey reports appear here once `salesflow report` is built in
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
