"""Events read from a candidate's mailbox, kept as proposals until a coach accepts or rejects them.

A proposal keeps what the event would be (its interview, kind, date, channel,
whether it went to the interviewer), the message's ``Message-ID`` and the one
sentence that shows the kind: never the message itself. Accepting writes the
event through the same checks as :meth:`~followup_kit.data.store.Store.log_event`;
deciding (either way) deletes the proposal, bytes included, and keeps only the
message id, the decision, the event written and the day, so the message is
never proposed again, whichever folder of whichever export it turns up in.

Proposals are the coach's working papers: no analysis reads them, writing them
leaves the data's state and every cache as they were, and neither a CSV export
nor a Parquet dataset carries them. ``forget`` removes a candidate's, with
everything else about them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pandas as pd

from ...errors import FollowupKitError, ValidationError
from .. import dates, schema

if TYPE_CHECKING:
    from . import Store

#: The columns of a proposal, as :func:`followup_kit.inbox.propose.propose` makes them.
PROPOSAL_COLUMNS = ["interview_id", "kind", "date", "channel", "to_interviewer", "message_id", "evidence"]
#: The longest evidence sentence kept: the words that show the kind, not the message.
EVIDENCE_LIMIT = 300


class ProposalError(FollowupKitError):
    """A proposal that cannot be accepted or rejected as asked; nothing was written.

    Attributes
    ----------
    proposal_id : str
        The proposal at fault.
    field : str or None
        The field of the event it would write that is wrong (``"kind"``,
        ``"date"``), or None when the proposal itself is unknown.
    """

    def __init__(self, message: str, proposal_id: str, field: str | None = None):
        super().__init__(message)
        self.proposal_id = proposal_id
        self.field = field


@contextmanager
def _mail_write(store: Store) -> Iterator[None]:
    """A write of the mail tables alone, all or nothing.

    No row the analyses read changes, so the data's state (and every count
    table cached against it) is left as it was; a write that also adds events
    goes through the store's own transaction instead.
    """
    store._writable()
    store._begin_write()
    try:
        yield
        store._db.execute("COMMIT")
    except BaseException:
        store._db.execute("ROLLBACK")
        raise
    finally:
        store._drop_helper()


def add_proposals(store: Store, candidate_id: str, frame: pd.DataFrame) -> list[str]:
    """Keep proposals found in a candidate's mail as pending, for a coach to accept or reject.

    Parameters
    ----------
    candidate_id : str
        Whose mail they come from; an unknown candidate raises ``FollowupKitError`` naming them.
    frame : DataFrame
        One row per proposal, with :data:`PROPOSAL_COLUMNS`: each interview one
        of this candidate's, ``date`` an ISO timestamp with its UTC offset,
        ``evidence`` at most :data:`EVIDENCE_LIMIT` characters, and each
        ``message_id`` one the store has not seen for this candidate
        (:meth:`mail_message_ids`).

    Returns
    -------
    list of str
        The new proposals' ids (``M0000001``, ...), in the frame's order.

    Raises
    ------
    FollowupKitError
        Naming the row and column at fault; nothing is written.
    """
    missing = [c for c in PROPOSAL_COLUMNS if c not in frame.columns]
    if missing:
        raise FollowupKitError(f"proposals need the columns {', '.join(PROPOSAL_COLUMNS)}; "
                               f"missing: {', '.join(missing)}")
    rows = frame.loc[:, PROPOSAL_COLUMNS].reset_index(drop=True)
    if rows.empty:
        return []
    text = rows.drop(columns="to_interviewer").astype("str").where(rows.drop(columns="to_interviewer").notna(), "")
    to_interviewer = rows["to_interviewer"].astype("boolean")
    q = store._db.execute
    with _mail_write(store):
        if not q("SELECT 1 FROM candidates WHERE candidate_id = ?", (candidate_id,)).fetchone():
            raise FollowupKitError(f"no candidate '{candidate_id}' in {store.path}")
        theirs = {r[0] for r in q("SELECT interview_id FROM interviews WHERE candidate_id = ?",
                                  (candidate_id,))}
        seen = store.mail_message_ids(candidate_id)
        _, stamp, valid = schema.parse_event_dates(text["date"])
        checks = [
            ("interview_id", ~text["interview_id"].isin(theirs),
             lambda v: f"'{v}' is not one of {candidate_id}'s interviews"),
            ("kind", ~text["kind"].isin(schema.KINDS),
             lambda v: f"unknown kind '{v}' (allowed: {', '.join(schema.KINDS)})"),
            ("channel", ~text["channel"].isin(schema.CHANNELS),
             lambda v: f"unknown channel '{v}' (allowed: {', '.join(schema.CHANNELS)})"),
            ("date", ~valid | stamp.isna(),
             lambda v: f"'{v}' is not a timestamp with its UTC offset, such as 2026-03-05T18:42:10+00:00"),
            ("message_id", text["message_id"].str.strip() == "", lambda v: "a message id is needed"),
            ("message_id", text["message_id"].duplicated(),
             lambda v: f"message '{schema.shown_cell(v)}' is proposed twice"),
            ("message_id", text["message_id"].isin(seen),
             lambda v: f"message '{schema.shown_cell(v)}' was already proposed to {candidate_id}; "
                       "scan again to propose only what is new"),
            ("evidence", text["evidence"].str.strip() == "", lambda v: "the sentence that shows the kind is needed"),
            ("evidence", text["evidence"].str.len() > EVIDENCE_LIMIT,
             lambda v: f"{len(v):,} characters; at most {EVIDENCE_LIMIT} are kept"),
        ]
        for column, bad, why in checks:
            if bad.any():
                row = int(bad.to_numpy().nonzero()[0][0])
                raise FollowupKitError(f"proposal {row + 1} of {len(rows)}: {column}: {why(text[column].iloc[row])}; "
                                       "nothing was written")
        last = q("SELECT last FROM mail_proposal_numbers").fetchone()[0]
        ids = [f"M{n:07d}" for n in range(last + 1, last + 1 + len(rows))]
        found_on = pd.Timestamp(dates.as_day(None)).date().isoformat()
        q("UPDATE mail_proposal_numbers SET last = ?", (last + len(rows),))
        store._db.executemany(
            "INSERT INTO mail_proposals (proposal_id, candidate_id, interview_id, kind, date, channel, "
            "to_interviewer, message_id, evidence, found_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(pid, candidate_id, r.interview_id, r.kind, r.date, r.channel,
              None if pd.isna(flag) else int(flag), r.message_id.strip(), r.evidence, found_on)
             for pid, r, flag in zip(ids, text.itertuples(index=False), to_interviewer, strict=True)])
    return ids


def proposals(store: Store, candidate_id: str | None = None) -> pd.DataFrame:
    """The proposals waiting for a coach's decision: all, or one candidate's, in date order.

    Parameters
    ----------
    candidate_id : str, optional
        Only this candidate's.

    Returns
    -------
    DataFrame
        ``proposal_id``, ``candidate_id`` and :data:`PROPOSAL_COLUMNS`: text
        columns ``str`` (``date`` as the ISO timestamp the message gave, with
        its offset), ``to_interviewer`` ``boolean`` (missing for the
        employer's messages); ordered by the moment each was sent, then by id.
    """
    columns = ["proposal_id", "candidate_id", *PROPOSAL_COLUMNS]
    sql = f"SELECT {', '.join(columns)} FROM mail_proposals"
    params: tuple = ()
    if candidate_id is not None:
        sql += " WHERE candidate_id = ?"
        params = (candidate_id,)
    rows = store._db.execute(sql + " ORDER BY proposal_id", params).fetchall()
    frame = pd.DataFrame(rows, columns=columns)
    out = frame.drop(columns="to_interviewer").astype("str")
    out.insert(columns.index("to_interviewer"), "to_interviewer",
               frame["to_interviewer"].astype("Int64").astype("boolean"))
    sent = pd.to_datetime(out["date"], format="ISO8601", utc=True)
    return out.iloc[sent.argsort(kind="stable")].reset_index(drop=True)


def mail_message_ids(store: Store, candidate_id: str) -> set[str]:
    """The message ids a candidate's mail has given the store: pending, accepted or rejected.

    A scan passes them to :func:`~followup_kit.inbox.propose.propose` as
    ``known``, so that no message is proposed twice.
    """
    return {row[0] for row in store._db.execute(
        "SELECT message_id FROM mail_proposals WHERE candidate_id = ?1 "
        "UNION SELECT message_id FROM mail_decisions WHERE candidate_id = ?1", (candidate_id,))}


def _pending(store: Store, ids: Sequence[str]) -> pd.DataFrame:
    """The pending proposals ``ids`` name, in the order named; an unknown one is an error naming it."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        raise FollowupKitError("no proposal given: name the proposals to decide")
    columns = ["proposal_id", "candidate_id", *PROPOSAL_COLUMNS]
    marks = ", ".join("?" * len(wanted))
    rows = store._db.execute(f"SELECT {', '.join(columns)} FROM mail_proposals WHERE proposal_id IN ({marks})",
                             wanted).fetchall()
    found = pd.DataFrame(rows, columns=columns).set_index("proposal_id", drop=False)
    for pid in wanted:
        if pid in found.index:
            continue
        done = store._db.execute("SELECT decision, decided_on, event_id FROM mail_decisions WHERE proposal_id = ?",
                                 (pid,)).fetchone()
        if done:
            decision, day, event_id = done
            made = f" (event {event_id})" if event_id else ""
            raise ProposalError(f"proposal '{pid}' was already {decision} on {day}{made}; nothing was written", pid)
        raise ProposalError(f"no proposal '{pid}' is waiting in {store.path}; nothing was written", pid)
    return found.loc[wanted].reset_index(drop=True)


def _decide(store: Store, found: pd.DataFrame, decision: str, event_ids: Sequence[str | None]) -> None:
    """Delete the proposals (their evidence zeroed in the file) and keep each message id with the decision."""
    day = pd.Timestamp(dates.as_day(None)).date().isoformat()
    store._db.executemany("DELETE FROM mail_proposals WHERE proposal_id = ?",
                          [(pid,) for pid in found["proposal_id"]])
    store._db.executemany(
        "INSERT INTO mail_decisions (candidate_id, message_id, decision, event_id, decided_on, proposal_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(r.candidate_id, r.message_id, decision, event_id, day, r.proposal_id)
         for r, event_id in zip(found.itertuples(index=False), event_ids, strict=True)])


@contextmanager
def _secure_delete(store: Store) -> Iterator[None]:
    """Deleted rows overwritten with zeros in the file, for as long as the block runs."""
    store._db.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        store._db.execute("PRAGMA secure_delete = OFF")


def accept_proposals(store: Store, ids: Sequence[str], kinds: Mapping[str, str] | None = None) -> list[str]:
    """Accept proposals: write each as an event, checked as ``log`` checks one; all or nothing.

    Each event's date is the message's timestamp with its UTC offset, its
    channel and ``to_interviewer`` the proposal's; the proposal is then
    deleted and its message id kept as accepted, with the event's id.

    Parameters
    ----------
    ids : sequence of str
        The proposals (``M0000001``, ...), any candidates'.
    kinds : mapping of str to str, optional
        A kind the coach chose instead of the proposal's, by proposal id:
        one of :data:`~followup_kit.data.schema.KINDS`.

    Returns
    -------
    list of str
        The events' ids, in the order of ``ids``.

    Raises
    ------
    ProposalError
        A ``FollowupKitError`` naming the proposal: an id not waiting (with
        the day it was decided, when it was), a kind not allowed, or an event
        the store refuses (dated before its interview, say), in the store's
        own words. Nothing is written.
    """
    kinds = dict(kinds or {})
    stray = [pid for pid in kinds if pid not in ids]
    if stray:
        raise ProposalError(f"a kind is given for proposal '{stray[0]}', which is not among those accepted; "
                            "nothing was written", stray[0], "kind")
    events = schema.TABLES["events"]
    with _secure_delete(store), store._transaction():
        found = _pending(store, ids)
        first = int(store._next_id("events")[1:])
        rows = pd.DataFrame({
            "event_id": [f"E{n:08d}" for n in range(first, first + len(found))],
            "interview_id": found["interview_id"],
            "date": found["date"],
            "kind": [kinds.get(pid, kind) for pid, kind in zip(found["proposal_id"], found["kind"], strict=True)],
            "channel": found["channel"],
            "to_interviewer": found["to_interviewer"].astype("Int64").astype("boolean"),
            "note": None,
        })
        raw = schema.frame_to_raw(events, rows, source="<proposals>")
        try:
            schema.validate([raw], store._known_about(raw.frame), as_typed=False)
        except ValidationError as exc:
            problem = exc.problems[0]
            pid = found["proposal_id"].iloc[problem.row - 2]
            raise ProposalError(f"proposal '{pid}': {problem.column}: {problem.message}; nothing was accepted",
                                pid, problem.column) from None
        store._insert(events, raw.frame)
        _decide(store, found, "accepted", rows["event_id"].tolist())
    return rows["event_id"].tolist()


def reject_proposals(store: Store, ids: Sequence[str]) -> int:
    """Reject proposals: delete them and keep each message id as rejected, so it is never proposed again.

    Parameters
    ----------
    ids : sequence of str
        The proposals, any candidates'; an id not waiting raises
        :class:`ProposalError` naming it, and nothing is written.

    Returns
    -------
    int
        How many were rejected.
    """
    with _secure_delete(store), _mail_write(store):
        found = _pending(store, ids)
        _decide(store, found, "rejected", [None] * len(found))
    return len(found)
