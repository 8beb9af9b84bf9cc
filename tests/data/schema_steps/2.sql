-- Migration 2 exactly as followup_kit ran it: a frozen copy, so that a store made by an older
-- followup_kit is rebuilt here as it was, whatever later code does to its own copy.
CREATE INDEX interviews_by_candidate ON interviews(candidate_id);
CREATE INDEX events_by_interview ON events(interview_id);
