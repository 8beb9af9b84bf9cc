-- Migration 1 exactly as followup_kit ran it: a frozen copy, so that a store made by an older
-- followup_kit is rebuilt here as it was, whatever later code does to its own copy.
CREATE TABLE candidates (
    candidate_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    cohort TEXT NOT NULL,
    country TEXT,
    timezone TEXT
);
CREATE TABLE interviews (
    interview_id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates(candidate_id) ON DELETE CASCADE,
    company TEXT NOT NULL,
    role TEXT NOT NULL,
    interviewer_name TEXT NOT NULL,
    interviewer_email TEXT NOT NULL,
    interview_date TEXT NOT NULL,
    promised_decision_date TEXT
);
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('thank_you_sent', 'follow_up_sent', 'employer_response', 'offer', 'rejection', 'withdrawn')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'note', 'phone', 'letter', 'in_person', 'other')),
    to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
    note TEXT
);
