-- Migration 6 exactly as followup_kit ran it: a frozen copy, so that a store made by an older
-- followup_kit is rebuilt here as it was, whatever later code does to its own copy.
ALTER TABLE interviews ADD COLUMN round INTEGER CHECK (round >= 1);
ALTER TABLE interviews ADD COLUMN application_id TEXT;
UPDATE interviews SET round = 1, application_id = interview_id;
CREATE TABLE events_v6 (
    event_id TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('thank_you_sent', 'follow_up_sent', 'reply_sent', 'employer_response', 'next_round', 'offer', 'rejection', 'withdrawn')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'note', 'phone', 'letter', 'in_person', 'other')),
    to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
    note TEXT
);
INSERT INTO events_v6 (rowid, event_id, interview_id, date, kind, channel, to_interviewer, note)
    SELECT rowid, event_id, interview_id, date, kind, channel, to_interviewer, note FROM events
    ORDER BY rowid;
DROP TABLE events;
ALTER TABLE events_v6 RENAME TO events;
CREATE INDEX events_by_interview ON events(interview_id);
CREATE TRIGGER events_updated AFTER UPDATE ON events BEGIN
    UPDATE data_state SET writes = writes + 1;
    INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
        SELECT i.candidate_id, d.writes FROM interviews AS i, data_state AS d
        WHERE i.interview_id IN (old.interview_id, new.interview_id);
END;
CREATE TRIGGER events_deleted AFTER DELETE ON events BEGIN
    UPDATE data_state SET writes = writes + 1,
        whole_at = CASE WHEN events_top <> max(old.rowid,
            (SELECT coalesce(max(rowid), 0) FROM events)) THEN writes + 1 ELSE whole_at END,
        events_top = (SELECT coalesce(max(rowid), 0) FROM events);
    INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
        SELECT i.candidate_id, d.writes FROM interviews AS i, data_state AS d
        WHERE i.interview_id = old.interview_id;
END;
