-- Migration 7 exactly as followup_kit ran it: a frozen copy, so that a store made by an older
-- followup_kit is rebuilt here as it was, whatever later code does to its own copy.
ALTER TABLE candidates ADD COLUMN coach TEXT;
CREATE INDEX candidates_by_coach ON candidates(coach);
CREATE TABLE notes (
    note_id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates(candidate_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    coach TEXT,
    text TEXT NOT NULL,
    interview_id TEXT REFERENCES interviews(interview_id) ON DELETE CASCADE
);
CREATE INDEX notes_by_candidate ON notes(candidate_id, date);
CREATE INDEX notes_by_interview ON notes(interview_id);
