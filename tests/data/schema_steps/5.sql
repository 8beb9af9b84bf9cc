-- Migration 5 exactly as followup_kit ran it: a frozen copy, so that a store made by an older
-- followup_kit is rebuilt here as it was, whatever later code does to its own copy.
CREATE TABLE forgotten (
    candidate_id TEXT NOT NULL,
    forgotten_on TEXT NOT NULL
);
