-- Migration 1: the whole schema of issue 4.
-- Times are RFC 3339 UTC text with whole seconds and `Z` (see sqltime.rs); JSON
-- columns are checked with json_valid. Every table is STRICT.

CREATE TABLE people (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    title   TEXT,
    role    TEXT,
    manager TEXT,
    wecom   TEXT,
    mobile  TEXT,
    feishu  TEXT,
    email   TEXT,
    -- The order of the team file.
    seq     INTEGER NOT NULL
) STRICT;

-- The team file's `defaults: { role: person }`.
CREATE TABLE team_defaults (
    role   TEXT PRIMARY KEY,
    person TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    assignees  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(assignees)),
    fields     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
    contact    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(contact)),
    created_at TEXT NOT NULL,
    -- Derived by `apply`.
    stage      TEXT,
    health     TEXT,
    segment    TEXT,
    tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    -- The next instant the customer's evaluation could change without new records.
    wake_at    TEXT,
    -- New records since the last apply.
    dirty      INTEGER NOT NULL DEFAULT 1 CHECK (dirty IN (0, 1)),
    -- Bumped by every write of new records; `apply` clears `dirty` only when it
    -- is still the revision the evaluation read.
    rev        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX customers_dirty ON customers (id) WHERE dirty = 1;
CREATE INDEX customers_wake ON customers (wake_at) WHERE wake_at IS NOT NULL;

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    customer    TEXT NOT NULL REFERENCES customers (id),
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    actor       TEXT,
    role        TEXT,
    text        TEXT,
    status      TEXT,
    next_action TEXT,
    blocker     TEXT,
    evidence    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
    attrs       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
    -- `import`, `cli` or `rules`.
    source      TEXT NOT NULL,
    -- A digest of the content (or `rules:` + effect key): re-importing inserts nothing.
    natural_key TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX events_customer ON events (customer, at, id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: record a correction as a new event');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: record a correction as a new event');
END;

-- Replaced from each evaluation (derived from stage_change events).
CREATE TABLE stage_visits (
    customer   TEXT NOT NULL REFERENCES customers (id),
    seq        INTEGER NOT NULL,
    stage      TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    left_at    TEXT,
    evidence   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
    event      INTEGER NOT NULL REFERENCES events (id),
    PRIMARY KEY (customer, seq)
) STRICT;

CREATE TABLE health_changes (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    customer   TEXT NOT NULL REFERENCES customers (id),
    from_state TEXT,
    to_state   TEXT NOT NULL,
    at         TEXT NOT NULL,
    rule       TEXT NOT NULL,
    witness    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(witness)),
    creation   INTEGER NOT NULL CHECK (creation IN (0, 1)),
    -- Seconds since the witness, for a time-only condition.
    elapsed    INTEGER
) STRICT;
CREATE INDEX health_changes_customer ON health_changes (customer, at);

CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    customer   TEXT NOT NULL REFERENCES customers (id),
    title      TEXT NOT NULL,
    role       TEXT,
    assignee   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    due_at     TEXT,
    done_at    TEXT,
    -- The effect key of the block or step that made it, or `import`.
    origin     TEXT NOT NULL,
    -- `rules` or `import`.
    source     TEXT NOT NULL CHECK (source IN ('rules', 'import'))
) STRICT;
CREATE INDEX tasks_customer ON tasks (customer, id);

CREATE TABLE signals (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    customer TEXT NOT NULL REFERENCES customers (id),
    risk     TEXT NOT NULL,
    event    INTEGER NOT NULL REFERENCES events (id),
    keyword  TEXT NOT NULL,
    at       TEXT NOT NULL,
    strategy TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(strategy)),
    -- From `verdict` events: the signal's own, else the first of its risk after it.
    verdict  TEXT CHECK (verdict IN ('confirmed', 'false'))
) STRICT;
CREATE INDEX signals_customer ON signals (customer, at);

CREATE TABLE timers (
    customer   TEXT NOT NULL REFERENCES customers (id),
    escalation TEXT NOT NULL,
    epoch      INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    pauses     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pauses)),
    state      TEXT NOT NULL,
    next_step  TEXT,
    next_due   TEXT,
    PRIMARY KEY (customer, escalation, epoch)
) STRICT;

CREATE TABLE fired_steps (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    customer   TEXT NOT NULL REFERENCES customers (id),
    escalation TEXT NOT NULL,
    epoch      INTEGER NOT NULL,
    step       TEXT NOT NULL,
    due_at     TEXT NOT NULL,
    fired_at   TEXT NOT NULL,
    UNIQUE (customer, escalation, epoch, step)
) STRICT;

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    -- The idempotency key (the effect key).
    key          TEXT NOT NULL UNIQUE,
    customer     TEXT NOT NULL REFERENCES customers (id),
    created_at   TEXT NOT NULL,
    channel      TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    cc           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cc)),
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    delivered_at TEXT
) STRICT;
CREATE INDEX outbox_status ON outbox (status, id);

CREATE TABLE ticks (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    rules_digest TEXT NOT NULL,
    started      TEXT NOT NULL,
    finished     TEXT,
    counts       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts))
) STRICT;

-- Every applied effect key: the ledger that makes `apply` idempotent.
CREATE TABLE effects (
    key        TEXT PRIMARY KEY,
    customer   TEXT NOT NULL REFERENCES customers (id),
    kind       TEXT NOT NULL,
    at         TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    -- The whole effect, for kinds with no table of their own (stage_action, tag, segment).
    detail     TEXT CHECK (detail IS NULL OR json_valid(detail))
) STRICT;
CREATE INDEX effects_customer ON effects (customer);
