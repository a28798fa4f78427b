-- Migration 5: a smaller store (issue 16; about 1,070 bytes per event before, most
-- of them signals). Texts the rules repeat on every row (a risk's strategy, a
-- health rule's condition) are kept once in `texts` and referenced by id; a signal
-- claims its key in its own table (one signal per event, risk and keyword) instead
-- of also taking a row of the `effects` ledger, and its key is derived from its
-- columns, not stored.

CREATE TABLE texts (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
) STRICT;

INSERT OR IGNORE INTO texts (text) SELECT strategy FROM signals ORDER BY id;
INSERT OR IGNORE INTO texts (text) SELECT rule FROM health_changes ORDER BY id;

CREATE TABLE signals_v5 (
    id       INTEGER PRIMARY KEY,
    customer TEXT NOT NULL REFERENCES customers (id),
    risk     TEXT NOT NULL,
    event    INTEGER NOT NULL REFERENCES events (id),
    -- As written in the rules.
    keyword  TEXT NOT NULL,
    -- The keyword as matched (NFKC, ASCII lower case), when that differs.
    norm     TEXT,
    at       TEXT NOT NULL,
    -- The risk's strategy when the signal was raised: a JSON array of strings.
    strategy INTEGER NOT NULL REFERENCES texts (id),
    verdict  TEXT CHECK (verdict IN ('confirmed', 'false')),
    -- The effect key (engine::signal_key), derived rather than stored.
    key      TEXT GENERATED ALWAYS AS
             (customer || '/signal/' || risk || '/' || event || '/' || coalesce(norm, keyword))
             VIRTUAL
) STRICT;
INSERT INTO signals_v5 (id, customer, risk, event, keyword, norm, at, strategy, verdict)
    SELECT s.id, s.customer, s.risk, s.event, s.keyword,
           nullif(substr(s.key, length(s.customer || '/signal/' || s.risk || '/' || s.event || '/') + 1),
                  s.keyword),
           s.at, t.id, s.verdict
    FROM signals s JOIN texts t ON t.text = s.strategy;
DROP TABLE signals;
ALTER TABLE signals_v5 RENAME TO signals;
-- Inserting a signal claims its key: one signal per event, risk and keyword.
CREATE UNIQUE INDEX signals_claim ON signals (event, risk, coalesce(norm, keyword));
CREATE INDEX signals_customer ON signals (customer, at);
DELETE FROM effects WHERE kind = 'signal';

CREATE TABLE health_changes_v5 (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    customer   TEXT NOT NULL REFERENCES customers (id),
    from_state TEXT,
    to_state   TEXT NOT NULL,
    at         TEXT NOT NULL,
    -- The condition that decided, as written.
    rule       INTEGER NOT NULL REFERENCES texts (id),
    witness    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(witness)),
    creation   INTEGER NOT NULL CHECK (creation IN (0, 1)),
    -- Seconds since the witness, for a time-only condition.
    elapsed    INTEGER
) STRICT;
INSERT INTO health_changes_v5
    (id, key, customer, from_state, to_state, at, rule, witness, creation, elapsed)
    SELECT h.id, h.key, h.customer, h.from_state, h.to_state, h.at, t.id, h.witness,
           h.creation, h.elapsed
    FROM health_changes h JOIN texts t ON t.text = h.rule;
DROP TABLE health_changes;
ALTER TABLE health_changes_v5 RENAME TO health_changes;
CREATE INDEX health_changes_customer ON health_changes (customer, at);
