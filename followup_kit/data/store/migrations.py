"""The store's schema versions: the numbered migrations, and running those a file has not had.

``schema_version`` records which migrations have run; each migration takes
the store from one version to the next, and a file opened for writing is
brought up to :data:`SCHEMA_VERSION` in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import FollowupKitError
from .. import schema

if TYPE_CHECKING:
    from . import Store

SCHEMA_VERSION = 8


def sql_choices(values) -> str:
    """Values as an SQL list of text literals: ``'a', 'b'``."""
    return ", ".join(f"'{v}'" for v in values)


# The kinds an event could have before 'reply_sent' existed (migration 3 adds it).
_KINDS_V1 = ("thank_you_sent", "follow_up_sent", "employer_response", "offer", "rejection", "withdrawn")
# The kinds from migration 3 on, until 'next_round' (migration 6): frozen, as every step must be.
_KINDS_V3 = ("thank_you_sent", "follow_up_sent", "reply_sent", "employer_response", "offer", "rejection",
             "withdrawn")
_CHOICES = {"kind": sql_choices(_KINDS_V1), "channel": sql_choices(schema.CHANNELS)}

# 'next_round' (migration 6) comes after 'employer_response', as in schema.KINDS.
_KINDS_V6 = ("thank_you_sent", "follow_up_sent", "reply_sent", "employer_response", "next_round", "offer",
             "rejection", "withdrawn")

# Each step takes the store from version i to i + 1; append, never edit.
MIGRATIONS: list[str] = [
    f"""
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
        kind TEXT NOT NULL CHECK (kind IN ({_CHOICES["kind"]})),
        channel TEXT NOT NULL CHECK (channel IN ({_CHOICES["channel"]})),
        to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
        note TEXT
    );
    """,
    # Reading one candidate's rows (a dashboard) must not scan every interview.
    """
    CREATE INDEX interviews_by_candidate ON interviews(candidate_id);
    CREATE INDEX events_by_interview ON events(interview_id);
    """,
    # 'reply_sent': the candidate answering the employer, never chasing. SQLite cannot change a
    # CHECK in place, so the events table is rebuilt with every row kept.
    f"""
    CREATE TABLE events_v3 (
        event_id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ({sql_choices(_KINDS_V3)})),
        channel TEXT NOT NULL CHECK (channel IN ({_CHOICES["channel"]})),
        to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
        note TEXT
    );
    INSERT INTO events_v3 (event_id, interview_id, date, kind, channel, to_interviewer, note)
        SELECT event_id, interview_id, date, kind, channel, to_interviewer, note FROM events;
    DROP TABLE events;
    ALTER TABLE events_v3 RENAME TO events;
    CREATE INDEX events_by_interview ON events(interview_id);
    """,
    # What changed since a cache was built, and the caches themselves. ``writes`` counts every
    # write: the store's own, and each UPDATE or DELETE by any program (the triggers). An INSERT
    # by the store is traced to its candidates by the store; one by another program only moves
    # max(rowid) past the ``*_top`` the store last recorded, which says "changes unknown".
    # Per-row INSERT triggers would cost more than the insert itself on an import.
    """
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
    """,
    # Who was forgotten, and on which day, so a programme can show it honoured a request:
    # the id the store gave them and the date, nothing a person could be recognised by.
    """
    CREATE TABLE forgotten (
        candidate_id TEXT NOT NULL,
        forgotten_on TEXT NOT NULL
    );
    """,
    # Applications and their rounds: an interview may say its round and its application, and an
    # event may be the invitation to the next round. Each interview already there is the first
    # round of an application of its own, as it was before (two interviews for one role at one
    # company stay two applications; a blank round of a new row would number them as one).
    # The events table is rebuilt for its CHECK list with every row under its own rowid, so the
    # data's state token and every rowid-ordered read stay as they were; dropping the table drops
    # its triggers, which are made again as migration 4 made them.
    f"""
    ALTER TABLE interviews ADD COLUMN round INTEGER CHECK (round >= 1);
    ALTER TABLE interviews ADD COLUMN application_id TEXT;
    UPDATE interviews SET round = 1, application_id = interview_id;
    CREATE TABLE events_v6 (
        event_id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ({sql_choices(_KINDS_V6)})),
        channel TEXT NOT NULL CHECK (channel IN ({_CHOICES["channel"]})),
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
    """,
    # Coaches and their session notes: a candidate may name the coach whose caseload they are in
    # (every candidate already there has none), and a note is one candidate's, optionally about
    # one of their interviews. A note is no part of the data's state (data_state): no analysis
    # and no count table reads notes, so writing one leaves every cache valid. Listing a coach's
    # caseload and a candidate's notes, newest first, are index lookups.
    """
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
    """,
    # Events read from a candidate's mailbox export: each proposal waits for a coach to accept or
    # reject it, and a decided message keeps only its id, so that it is never proposed again. No
    # message body is kept, and a pending proposal keeps only the sentence that shows its kind.
    # Neither table is part of the data's state: no analysis reads them. The kind and channel have
    # no CHECK list, so that a new kind needs no rebuild here: accepting checks them as log does.
    # Each UNIQUE and PRIMARY KEY begins with the candidate: it is the index a candidate's rows are
    # read by. Proposal numbers are counted apart from the rows, so a number once given (to a
    # proposal decided or forgotten since) is never given again.
    """
    CREATE TABLE mail_proposals (
        proposal_id TEXT PRIMARY KEY,
        candidate_id TEXT NOT NULL REFERENCES candidates(candidate_id) ON DELETE CASCADE,
        interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        channel TEXT NOT NULL,
        to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
        message_id TEXT NOT NULL,
        evidence TEXT NOT NULL,
        found_on TEXT NOT NULL,
        UNIQUE (candidate_id, message_id)
    );
    CREATE INDEX mail_proposals_by_interview ON mail_proposals(interview_id);
    CREATE TABLE mail_decisions (
        candidate_id TEXT NOT NULL REFERENCES candidates(candidate_id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
        event_id TEXT,
        decided_on TEXT NOT NULL,
        proposal_id TEXT NOT NULL,
        PRIMARY KEY (candidate_id, message_id)
    );
    CREATE TABLE mail_proposal_numbers (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last INTEGER NOT NULL
    );
    INSERT INTO mail_proposal_numbers (id, last) VALUES (1, 0);
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION
# A kind the events CHECK list lacks could never be stored: a new kind needs a migration.
assert schema.KINDS == _KINDS_V6


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script, a trigger's ``BEGIN ... END`` kept whole."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                yield pending
            pending = ""


def schema_version(store: Store) -> int:
    """The number of migrations this file has been through."""
    has = store._db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not has:
        return 0
    row = store._db.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def _migrate(store: Store) -> None:
    """Run the migrations the file has not had, in one write transaction."""
    # A store already up to date is opened without the write lock: a coach opening the
    # notebook does not wait for an import another program is running.
    if store.schema_version == SCHEMA_VERSION:
        return
    store._begin_write()
    try:
        store._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = store.schema_version
        if current > SCHEMA_VERSION:
            raise FollowupKitError(
                f"{store.path}: this store was written by a newer followup_kit "
                f"(schema version {current}); upgrade followup_kit to open it")
        for version in range(current, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[version]):
                store._db.execute(statement)
            store._db.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
        store._db.execute("COMMIT")
    except BaseException:
        store._db.execute("ROLLBACK")
        raise
