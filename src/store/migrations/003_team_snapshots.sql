-- Migration 3: the team each apply used (PRODUCT.md "One team"). The team file is
-- the only source of people; the store keeps, for every apply, the team it ran
-- with, so a report or an audit can say who was the manager when a step fired.
-- `people` and `team_defaults` hold the team of the latest apply.

-- Each distinct team, as JSON (people and defaults), stored once.
CREATE TABLE team_versions (
    id   INTEGER PRIMARY KEY,
    team TEXT NOT NULL UNIQUE CHECK (json_valid(team))
) STRICT;

-- Which team each apply used, by the apply's `now`.
CREATE TABLE team_uses (
    at   TEXT PRIMARY KEY,
    team INTEGER NOT NULL REFERENCES team_versions (id)
) STRICT;
