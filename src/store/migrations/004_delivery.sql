-- Migration 4: delivery (issue 14). Two `run` processes share one store, so a
-- message is claimed by a lease before it is sent; every request is logged, which
-- is also the ledger each channel's rate limit is counted on; a pushed digest is
-- about no one customer, so `customer` may be NULL.

CREATE TABLE outbox_v3 (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    -- NULL for a digest.
    customer        TEXT REFERENCES customers (id),
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
    delivered_at    TEXT,
    -- The process sending it now, and until when its claim holds (a process that
    -- died mid-send loses the claim at `lease_until`).
    lease_owner     TEXT,
    lease_until     TEXT
) STRICT;
INSERT INTO outbox_v3 (id, key, customer, created_at, kind, recipient, cc, subject, body,
                       origin, channel, status, attempts, next_attempt_at, last_error,
                       delivered_at)
SELECT id, key, customer, created_at, kind, recipient, cc, subject, body, origin, channel,
       status, attempts, next_attempt_at, last_error, delivered_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_status ON outbox (status, id);
CREATE INDEX outbox_customer ON outbox (customer, id);

-- Every delivery request: when it started (rounded up to the second, so a rate
-- window never undercounts), on which channel, and how it ended (NULL while in
-- flight, or when its process died).
CREATE TABLE outbox_attempts (
    id      INTEGER PRIMARY KEY,
    outbox  INTEGER NOT NULL REFERENCES outbox (id),
    channel TEXT NOT NULL,
    at      TEXT NOT NULL,
    outcome TEXT CHECK (outcome IN ('sent', 'failed', 'dead')),
    error   TEXT
) STRICT;
CREATE INDEX outbox_attempts_channel ON outbox_attempts (channel, at);
CREATE INDEX outbox_attempts_row ON outbox_attempts (outbox, id);

-- A channel whose vendor said "too many requests" (HTTP 429 or its rate-limit
-- code) takes nothing from any process until `until`.
CREATE TABLE channel_holds (
    channel TEXT PRIMARY KEY,
    until   TEXT NOT NULL
) STRICT;
