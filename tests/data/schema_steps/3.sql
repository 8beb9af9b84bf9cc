-- Migration 3 exactly as followup_kit ran it: a frozen copy, so that a store made by an older
-- followup_kit is rebuilt here as it was, whatever later code does to its own copy.
CREATE TABLE events_v3 (
    event_id TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('thank_you_sent', 'follow_up_sent', 'reply_sent', 'employer_response', 'offer', 'rejection', 'withdrawn')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'note', 'phone', 'letter', 'in_person', 'other')),
    to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
    note TEXT
);
INSERT INTO events_v3 (event_id, interview_id, date, kind, channel, to_interviewer, note)
    SELECT event_id, interview_id, date, kind, channel, to_interviewer, note FROM events;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX events_by_interview ON events(interview_id);
