"""Everyday writes: one row at a time, each checked like an import; corrections, deletions, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...errors import FollowupKitError, Problem, ValidationError
from .. import dates, schema
from ..lookup import same_name

if TYPE_CHECKING:
    from . import Store


#: The fields a coach may correct after the fact.
CORRECTABLE = {"candidates": ("coach",),
               "interviews": ("promised_decision_date", "interviewer_name", "interviewer_email", "role",
                              "company", "round", "application_id"),
               "events": ("date", "kind", "channel", "to_interviewer", "note")}


def add_candidate(store: Store, *, name: str, email: str, cohort: str, country: str | None = None,
                  timezone: str | None = None, candidate_id: str | None = None,
                  coach: str | None = None) -> str:
    """Add one candidate; returns the id (made by the store when not given).

    ``coach`` puts them in a coach's caseload. Checked with the import's
    rules and messages; raises ``ValidationError`` and writes nothing when a
    field is wrong.
    """
    return store._add_one("candidates", {
        "candidate_id": candidate_id, "name": name, "email": email, "cohort": cohort,
        "country": country, "timezone": timezone, "coach": coach})


def set_coach(store: Store, candidate_id: str, coach: str | None) -> None:
    """Put a candidate in a coach's caseload, or (``None`` or ``""``) in nobody's.

    Parameters
    ----------
    candidate_id : str
        The candidate; an unknown one raises ``FollowupKitError`` naming them.
    coach : str or None
        The coach's name or email, as you write it (spaces around it are
        dropped); any text up to 10,000 characters.
    """
    store._correct("candidates", candidate_id, {"coach": coach})


def add_note(store: Store, *, candidate_id: str, text: str, date=None, coach: str | None = None,
             interview_id: str | None = None, note_id: str | None = None) -> str:
    """Keep a note of a session with a candidate; returns its id.

    Parameters
    ----------
    candidate_id : str
        The candidate; must be in the store.
    text : str
        What was said, 1 to 10,000 characters once spaces around it are dropped.
    date : date-like or str, optional
        The day of the session, ``YYYY-MM-DD``; today when not given.
    coach : str, optional
        Who wrote it: one of :meth:`coaches`, the coaches candidates have
        (compared without case; kept as the candidates spell it), so a typo
        does not start a caseload of its own.
    interview_id : str, optional
        The interview the note is about; one of this candidate's.
    note_id : str, optional
        Made by the store (``N0000001``, ...) when not given.

    Returns
    -------
    str

    Raises
    ------
    ValidationError
        A ``FollowupKitError`` naming the field that is wrong (``text``,
        ``date``, ``candidate_id``, ``interview_id``, ``coach``); nothing is written.
    """
    store._writable()
    if coach is not None and str(coach).strip():
        known = store.coaches()
        given = str(coach).strip()
        coach = same_name(given, known)
        if coach is None:
            shown = schema.shown_cell(given)
            there = (f"the coaches: {', '.join(known)}" if known
                     else "no candidate has a coach yet: give one a coach first")
            raise ValidationError(Problem("<notes>", 2, "coach", f"no candidate has the coach "
                                          f"'{shown}' ({there})"))
    day = dates.as_day(None) if date is None else date
    return store._add_one("notes", {
        "note_id": note_id, "candidate_id": candidate_id, "date": day, "coach": coach or None,
        "text": text, "interview_id": interview_id})


def add_interview(store: Store, *, candidate_id: str, company: str, role: str, interviewer_name: str,
                  interviewer_email: str, interview_date, promised_decision_date=None,
                  interview_id: str | None = None, round: int | None = None,
                  application_id: str | None = None) -> str:
    """Add one interview; returns the id (made by the store when not given).

    ``round`` and ``application_id`` place it in an application (see
    :mod:`followup_kit.data.rounds`); left out, it is numbered by date among the
    candidate's interviews for the same company and role. The application is
    checked whole, with the candidate's stored interviews.
    """
    return store._add_one("interviews", {
        "interview_id": interview_id, "candidate_id": candidate_id, "company": company, "role": role,
        "interviewer_name": interviewer_name, "interviewer_email": interviewer_email,
        "interview_date": interview_date, "promised_decision_date": promised_decision_date,
        "round": round, "application_id": application_id})


def log_event(store: Store, *, interview_id: str, kind: str, date, channel: str = "email",
              to_interviewer: bool | str | None = None, note: str | None = None,
              event_id: str | None = None) -> str:
    """Log one event (a letter sent, an answer received); returns its id.

    Parameters
    ----------
    interview_id : str
        The interview it follows; must be in the store.
    kind : str
        One of :data:`~followup_kit.data.schema.KINDS`.
    date : date-like or str
        A day (``YYYY-MM-DD``) or a timestamp with its UTC offset; never
        before the interview.
    channel : str
        One of :data:`~followup_kit.data.schema.CHANNELS`.
    to_interviewer : bool or str, optional
        Whether the candidate's message went to the person who interviewed them.
    note : str, optional
    event_id : str, optional
        Made by the store when not given.

    Returns
    -------
    str
    """
    return store._add_one("events", {
        "event_id": event_id, "interview_id": interview_id, "date": date, "kind": kind,
        "channel": channel, "to_interviewer": to_interviewer, "note": note})


def correct_interview(store: Store, interview_id: str, **changes) -> None:
    """Correct one interview: a promised date learned later, the interviewer's name or email, the role.

    Its ``round`` and ``application_id`` may be set too. ``None`` or ``""``
    clears an optional field (``promised_decision_date``, ``round``,
    ``application_id``). Checked with the import's rules, the application
    as a whole included; nothing is written when a value is wrong.
    """
    store._correct("interviews", interview_id, changes)


def correct_event(store: Store, event_id: str, **changes) -> None:
    """Correct one event's ``date``, ``kind``, ``channel``, ``to_interviewer`` or ``note``."""
    store._correct("events", event_id, changes)


def delete_event(store: Store, event_id: str) -> None:
    """Delete one event logged by mistake."""
    store._writable()
    with store._transaction():
        gone = store._db.execute("DELETE FROM events WHERE event_id = ?", (event_id,)).rowcount
        if not gone:
            raise FollowupKitError(f"no event '{event_id}' in {store.path}")


def _next_id(store: Store, table: str) -> str:
    """The next free id of the store's own form (``C000301``, ``I0000908``, ``E00002051``, ``N0000012``).

    Only ids of exactly that form are looked at, newest first along the
    primary key's index, so this costs a lookup, not a scan, however large
    the store. Ids of other forms (``E1``, ``mine-1``) never collide with it.
    """
    key = schema.TABLES[table].key
    prefix, width = {"candidates": ("C", 6), "interviews": ("I", 7), "events": ("E", 8),
                     "notes": ("N", 7)}[table]
    pattern = prefix + "[0-9]" * width
    row = store._db.execute(f"SELECT {key} FROM {table} WHERE {key} GLOB ? ORDER BY {key} DESC LIMIT 1",
                            (pattern,)).fetchone()
    top = int(row[0][1:]) if row else 0
    if table == "candidates":
        # A forgotten candidate's id stays theirs in the audit table: nobody new gets it.
        gone = store._db.execute("SELECT max(candidate_id) FROM forgotten WHERE candidate_id GLOB ?",
                                 (pattern,)).fetchone()[0]
        top = max(top, int(gone[1:]) if gone else 0)
    return f"{prefix}{top + 1:0{width}d}"


def _known_about(store: Store, rows: pd.DataFrame) -> schema.Known:
    """What the checks of a few rows need to know from the store: only the ids they name."""
    q = store._db.execute

    def present(table: str, key: str, ids) -> set:
        ids = sorted({i for i in ids if isinstance(i, str) and i})
        if not ids:
            return set()
        marks = ", ".join("?" * len(ids))
        return {r[0] for r in q(f"SELECT {key} FROM {table} WHERE {key} IN ({marks})", ids)}

    cands = present("candidates", "candidate_id", rows.get("candidate_id", ()))
    ivs = sorted(present("interviews", "interview_id", rows.get("interview_id", ())))
    dates = q(f"SELECT interview_id, interview_date FROM interviews WHERE interview_id IN "
              f"({', '.join('?' * len(ivs))})", ivs).fetchall() if ivs else []
    # The applications the row belongs to: its candidate's interviews, and any other candidate's
    # interview whose application id is the row's (or the row's own id).
    owners = sorted(cands | {r[0] for r in q(
        f"SELECT candidate_id FROM interviews WHERE interview_id IN ({', '.join('?' * len(ivs))})", ivs)}
        if ivs else cands)
    names = sorted({v for v in [*rows.get("application_id", ()), *rows.get("interview_id", ())]
                    if isinstance(v, str) and v})
    stored = store._text("interviews", owners, columns=list(schema.ROUND_COLUMNS))
    if names:
        marks = ", ".join("?" * len(names))
        sharing = pd.DataFrame(q(f"SELECT {', '.join(schema.ROUND_COLUMNS)} FROM interviews WHERE "
                                 f"application_id IN ({marks}) OR interview_id IN ({marks})",
                                 [*names, *names]).fetchall(), columns=list(schema.ROUND_COLUMNS))
        sharing = sharing.astype("str").where(sharing.notna(), "")
        stored = pd.concat([stored, sharing], ignore_index=True).drop_duplicates("interview_id")
    return schema.Known(
        candidate_ids=cands, interview_ids=set(ivs),
        event_ids=present("events", "event_id", rows.get("event_id", ())),
        note_ids=present("notes", "note_id", rows.get("note_id", ())),
        interview_dates=pd.Series(
            pd.to_datetime([d for _, d in dates], format="%Y-%m-%d").astype("datetime64[us]"),
            index=[i for i, _ in dates]),
        forgotten_ids=present("forgotten", "candidate_id", rows.get("candidate_id", ())),
        interviews=schema.typed(schema.INTERVIEWS, stored.reset_index(drop=True)),
        invitations=store._invitations(owners))


def _add_one(store: Store, table: str, row: dict) -> str:
    """Check and write one row; returns its id, made by the store when the row has none."""
    store._writable()
    key = schema.TABLES[table].key
    with store._transaction():
        # The id is made and the checks that read stored ids run inside the write
        # transaction, so no other writer can take the same id in between.
        row = {**row, key: row[key] or store._next_id(table)}
        raw = schema.frame_to_raw(schema.TABLES[table], pd.DataFrame([row]), source=f"<{table}>")
        schema.validate([raw], store._known_about(raw.frame), as_typed=False)
        store._insert(schema.TABLES[table], raw.frame)
    return row[key]


def _correct(store: Store, table: str, key_value: str, changes: dict) -> None:
    store._writable()
    allowed = store.CORRECTABLE[table]
    unknown = [name for name in changes if name not in allowed]
    if unknown:
        raise FollowupKitError(f"cannot correct {', '.join(unknown)} of {table[:-1]} '{key_value}'; "
                               f"these can be corrected: {', '.join(allowed)}")
    spec = schema.TABLES[table]
    with store._transaction():
        current = store._text_of(table, key_value)
        if current.empty:
            raise FollowupKitError(f"no {table[:-1]} '{key_value}' in {store.path}")
        updated = schema.frame_to_raw(spec, pd.DataFrame([{**current.iloc[0].to_dict(), **{
            name: ("" if value is None else value) for name, value in changes.items()}}]),
            source=f"<{table}>")
        # The row itself is being replaced: its own id is not a duplicate.
        known = store._known_about(updated.frame)
        known.ids(table).discard(key_value)
        if table == "interviews":
            known.interview_ids.discard(key_value)
        schema.validate([updated], known, as_typed=False)
        names = [n for n in changes]
        values = []
        for name in names:
            cell = updated.frame[name].iloc[0]
            if spec.column(name).kind == "bool":
                parsed = schema.parse_bool(updated.frame[name]).astype("Int64").iloc[0]
                values.append(None if pd.isna(parsed) else int(parsed))
            else:
                values.append(cell if cell != "" else None)
        sets = ", ".join(f"{n} = ?" for n in names)
        store._db.execute(f"UPDATE {table} SET {sets} WHERE {spec.key} = ?", (*values, key_value))


def _text_of(store: Store, table: str, key_value: str) -> pd.DataFrame:
    spec = schema.TABLES[table]
    text = store._text(table, None, key_value) if table == "interviews" else None
    if text is None:
        cols = ", ".join(
            f"CASE {c.name} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE '' END AS {c.name}"
            if c.kind == "bool" else f"coalesce({c.name}, '') AS {c.name}" for c in spec.columns)
        rows = store._db.execute(f"SELECT {cols} FROM {table} WHERE {spec.key} = ?", (key_value,)).fetchall()
        text = pd.DataFrame(rows, columns=spec.names, dtype="str")
    return text
