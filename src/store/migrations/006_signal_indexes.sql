-- Migration 6: one index fewer to write per signal (issue 16; signals are four of
-- every five rows an apply writes). The claim index leads with the customer, so it
-- also serves every lookup of a customer's signals, which `signals_customer` did;
-- an event belongs to one customer, so the claim (one signal per event, risk and
-- keyword) is unchanged. The judged signals get a partial index of their own:
-- an apply compares stored verdicts with the engine's, and most customers have
-- none to compare.

DROP INDEX signals_customer;
DROP INDEX signals_claim;
CREATE UNIQUE INDEX signals_claim ON signals (customer, event, risk, coalesce(norm, keyword));
CREATE INDEX signals_judged ON signals (customer) WHERE verdict IS NOT NULL;
