-- Migration 4 exactly as followup_kit ran it: a frozen copy, so that a store made by an older
-- followup_kit is rebuilt here as it was, whatever later code does to its own copy.
CREATE TABLE data_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    writes INTEGER NOT NULL,
    whole_at INTEGER NOT NULL,
    candidates_top INTEGER NOT NULL,
    interviews_top INTEGER NOT NULL,
    events_top INTEGER NOT NULL
);
INSERT INTO data_state (id, writes, whole_at, candidates_top, interviews_top, events_top)
    VALUES (1, 0, 0, (SELECT coalesce(max(rowid), 0) FROM candidates),
            (SELECT coalesce(max(rowid), 0) FROM interviews),
            (SELECT coalesce(max(rowid), 0) FROM events));
CREATE TABLE changed_candidates (
    candidate_id TEXT PRIMARY KEY,
    at_write INTEGER NOT NULL
);
CREATE TABLE count_tables (
    name TEXT NOT NULL,
    part TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    per_candidate INTEGER NOT NULL CHECK (per_candidate IN (0, 1)),
    data BLOB NOT NULL,
    PRIMARY KEY (name, part)
);
CREATE TRIGGER candidates_updated AFTER UPDATE ON candidates BEGIN
    UPDATE data_state SET writes = writes + 1;
    INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
        SELECT old.candidate_id, writes FROM data_state
        UNION SELECT new.candidate_id, writes FROM data_state;
END;
-- Forgetting a candidate leaves nothing of them behind: not their id in the log, not
-- their rows in a cache; so after it the store cannot say who changed (whole_at).
CREATE TRIGGER candidates_deleted AFTER DELETE ON candidates BEGIN
    UPDATE data_state SET writes = writes + 1, whole_at = writes + 1,
        candidates_top = (SELECT coalesce(max(rowid), 0) FROM candidates);
    DELETE FROM changed_candidates WHERE candidate_id = old.candidate_id;
    DELETE FROM count_tables WHERE per_candidate = 1;
END;
CREATE TRIGGER interviews_updated AFTER UPDATE ON interviews BEGIN
    UPDATE data_state SET writes = writes + 1;
    INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
        SELECT old.candidate_id, writes FROM data_state
        UNION SELECT new.candidate_id, writes FROM data_state;
END;
CREATE TRIGGER interviews_deleted AFTER DELETE ON interviews BEGIN
    UPDATE data_state SET writes = writes + 1,
        whole_at = CASE WHEN interviews_top <> max(old.rowid,
            (SELECT coalesce(max(rowid), 0) FROM interviews)) THEN writes + 1 ELSE whole_at END,
        interviews_top = (SELECT coalesce(max(rowid), 0) FROM interviews);
    INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
        SELECT c.candidate_id, d.writes FROM candidates AS c, data_state AS d
        WHERE c.candidate_id = old.candidate_id;
END;
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
