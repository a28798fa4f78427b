-- Migration 2: records as known, going live, rules that change from the moment
-- they are applied, tasks closed by the engine, and the outbox's delivery statuses
-- (PRODUCT.md "Records and time"; issue 9).

-- Store-wide settings: `live_from` (RFC 3339 UTC; absent: everything is live, which
-- is what a store from before this migration meant).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- When salesflow knew a record: the `now` of the latest committed apply that
-- covered the customer when the record was written; NULL when no apply had covered
-- it. Its counted time is max(at, known_at).
ALTER TABLE events ADD COLUMN known_at TEXT;
ALTER TABLE tasks ADD COLUMN known_at TEXT;

-- A task the rules asked for before the customer went live: closed as suppressed,
-- never open, left out of the response-SLA metric.
ALTER TABLE tasks ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0
    CHECK (suppressed IN (0, 1));
-- The `task_done` event that closed it (the engine decides which one counts).
ALTER TABLE tasks ADD COLUMN done_event INTEGER REFERENCES events (id);

-- Per customer: its own `live_from` (set by `apply --live-from` for customers no
-- apply had covered; NULL: the store's), and the `now` of the last apply that
-- evaluated it (NULL: no apply has covered it yet, so its records are not late; an
-- apply visits every customer with new records, so every customer is evaluated by
-- the first apply after its creation).
ALTER TABLE customers ADD COLUMN live_from TEXT;
ALTER TABLE customers ADD COLUMN applied_at TEXT;

-- Customers an apply evaluated before this migration: the latest apply covered them.
UPDATE customers SET applied_at = (SELECT max(at) FROM ticks WHERE finished IS NOT NULL)
WHERE health IS NOT NULL OR segment IS NOT NULL OR dirty = 0;

-- Each set of rules as applied: a new digest (or a new engine version, after a
-- migration) starts a new set whose `from_at` is the previous apply's `now`. What a
-- set's rules would have derived before its `from_at` is never derived for the
-- customers an earlier set had evaluated; the state changes they imply happen at
-- `switch_at`, the `now` of the first apply under the set.
CREATE TABLE rule_sets (
    id        INTEGER PRIMARY KEY,
    digest    TEXT NOT NULL,
    engine    INTEGER NOT NULL,
    -- NULL: from the beginning (no apply ran before it).
    from_at   TEXT,
    switch_at TEXT NOT NULL
) STRICT;

-- A customer's derived state as applied when a rule set took over: what the new
-- rules' state changes at `from_at` are measured against.
CREATE TABLE rule_baselines (
    customer TEXT NOT NULL REFERENCES customers (id),
    rule_set INTEGER NOT NULL REFERENCES rule_sets (id),
    health   TEXT,
    segment  TEXT,
    tags     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    PRIMARY KEY (customer, rule_set)
) STRICT;

-- Timers: steps due before the rule set's `from_at` (recorded as skipped, for
-- `explain`), and when `until` was met (`met_late` when a step had fired).
ALTER TABLE timers ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skipped));
ALTER TABLE timers ADD COLUMN ended_at TEXT;

-- Tasks imported as done become `task_done` events, like every other closing: the
-- engine decides which closing counts.
INSERT INTO events (customer, at, kind, text, attrs, source, natural_key)
SELECT customer, done_at, 'task_done', title, json_object('task', key), 'import',
       'task_done:' || key
FROM tasks WHERE source = 'import' AND done_at IS NOT NULL;

-- The outbox: `kind` is notify|message (it was called `channel`); `channel` is now
-- the delivery channel chosen, once known; statuses as PRODUCT.md names them.
CREATE TABLE outbox_v2 (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    customer        TEXT NOT NULL REFERENCES customers (id),
    created_at      TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('notify', 'message')),
    recipient       TEXT NOT NULL,
    cc              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cc)),
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    origin          TEXT NOT NULL,
    channel         TEXT,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sent', 'failed', 'dead', 'suppressed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    delivered_at    TEXT
) STRICT;
INSERT INTO outbox_v2 (id, key, customer, created_at, kind, recipient, cc, subject, body,
                       origin, status, attempts, last_error, delivered_at)
SELECT id, key, customer, created_at, channel, recipient, cc, subject, body, origin,
       CASE status WHEN 'delivered' THEN 'sent' WHEN 'sending' THEN 'pending' ELSE status END,
       attempts, last_error, delivered_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_status ON outbox (status, id);
CREATE INDEX outbox_customer ON outbox (customer, id);
