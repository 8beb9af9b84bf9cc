"""The people in the store: forgetting a candidate down to the file's bytes, and pseudonyms."""

from __future__ import annotations

import hashlib
import hmac
import mmap
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...errors import FollowupKitError
from .. import dates, schema

if TYPE_CHECKING:
    from . import Store

#: The tables of what was read from a candidate's mail, which forget empties of them too.
MAIL_TABLES = ("mail_proposals", "mail_decisions")


def forget(store: Store, candidate_id: str, *, today=None) -> dict[str, int]:
    """Delete a candidate and everything about them, bytes included, and note that it was done.

    Their interviews, events, the coaches' notes about them and what was
    read from their mail (proposals waiting, and the message ids of those
    decided) go in the same transaction as their own row, with SQLite's ``secure_delete`` on, and every count table cached
    in the store goes too (build them again with
    :func:`followup_kit.stats.cache.cohort_counts`, as ``followup-kit
    forget`` does at once, or pages served from the store cannot show the
    patience meter). The WAL is
    then folded into the file and emptied, and when the file still holds
    their name or email anywhere (SQLite may have left older copies of a
    row in the unused space of pages it split or merged) it is rewritten
    whole (``VACUUM``); so their name, their email, the text of every
    note about them, and the evidence and message id of every proposal
    from their mail are in none of the store's files. The ``forgotten`` table keeps the id and the day, and
    nothing else about them.

    Forgetting an id already forgotten only cleans the files again: for
    when a program reading the store kept an old copy of the pages the
    first time.

    Parameters
    ----------
    candidate_id : str
        The candidate to forget.
    today : date-like, optional
        The day recorded in the ``forgotten`` table (default: today).

    Returns
    -------
    dict
        Rows deleted, by table name, ``mail_proposals`` and
        ``mail_decisions`` too (all 0 when the id was already forgotten).

    Raises
    ------
    FollowupKitError
        When there is no such candidate, or when another program keeps
        reading the store so that old pages stay in its WAL file.
    """
    store._writable()
    q = store._db.execute
    day = pd.Timestamp(dates.as_day(today)).date().isoformat()
    deleted = dict.fromkeys([*schema.STORED, *MAIL_TABLES], 0)
    traces: list[bytes] = []
    q("PRAGMA secure_delete = ON")
    try:
        with store._transaction():
            person = q("SELECT name, email FROM candidates WHERE candidate_id = ?",
                       (candidate_id,)).fetchone()
            if person:
                said = [row[0] for row in q("SELECT text FROM notes WHERE candidate_id = ?", (candidate_id,))]
                mail = [text for row in q("SELECT message_id, evidence FROM mail_proposals WHERE candidate_id = ?1 "
                                          "UNION ALL SELECT message_id, NULL FROM mail_decisions "
                                          "WHERE candidate_id = ?1", (candidate_id,)) for text in row]
                traces = [text.encode("utf-8") for text in [*person, *said, *mail] if text]
                # Children first: the write transaction runs with foreign keys off, so no
                # cascade would do it.
                for table in MAIL_TABLES:
                    deleted[table] = q(f"DELETE FROM {table} WHERE candidate_id = ?", (candidate_id,)).rowcount
                deleted["notes"] = q("DELETE FROM notes WHERE candidate_id = ?", (candidate_id,)).rowcount
                deleted["events"] = q("DELETE FROM events WHERE interview_id IN (SELECT interview_id "
                                      "FROM interviews WHERE candidate_id = ?)", (candidate_id,)).rowcount
                deleted["interviews"] = q("DELETE FROM interviews WHERE candidate_id = ?",
                                          (candidate_id,)).rowcount
                deleted["candidates"] = q("DELETE FROM candidates WHERE candidate_id = ?",
                                          (candidate_id,)).rowcount
                q("DELETE FROM count_tables")
                q("INSERT INTO forgotten (candidate_id, forgotten_on) VALUES (?, ?)", (candidate_id, day))
            elif not q("SELECT 1 FROM forgotten WHERE candidate_id = ?", (candidate_id,)).fetchone():
                raise FollowupKitError(f"no candidate '{candidate_id}' in {store.path}")
    finally:
        q("PRAGMA secure_delete = OFF")
    if store.path != ":memory:":
        store._fold_wal()
        # A second forget no longer knows what to look for, so it rewrites the file anyway.
        if not traces or _file_holds(Path(store.path), traces):
            q("VACUUM")
            store._fold_wal()
    return deleted


def _fold_wal(store: Store) -> None:
    """Copy the WAL into the file and empty it; an error when a reader keeps it from emptying."""
    busy, *_ = store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise FollowupKitError(
            f"{store.path}: the rows are deleted, but a program still reading the store (a "
            f"dashboard, a notebook) keeps old pages in {store.path}-wal; close it and run the "
            "same command again to clear them")


def _file_holds(path: Path, needles: list[bytes]) -> bool:
    """Whether the file's raw bytes contain any of ``needles`` (read through mmap, not into memory)."""
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            return False
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return any(data.find(needle) >= 0 for needle in needles)


#: The columns an anonymised export replaces, by table: (name column, email column, who, identity).
_PERSONAL = {"candidates": ("name", "email", "candidate", "candidate_id"),
             "interviews": ("interviewer_name", "interviewer_email", "interviewer", "interviewer_email")}


#: What an anonymised export writes for the text of every session note.
LEFT_OUT = "(left out of the anonymised export)"


def pseudonyms(key: str, who: str, identities: pd.Series) -> pd.Series:
    """A stable tag per person: the first 16 hex digits of HMAC-SHA256(key, who and identity).

    Parameters
    ----------
    key : str
        The store's secret: without it nobody can tell who a tag stands for,
        or make one for a person they know.
    who : str
        ``"candidate"`` or ``"interviewer"``, so the two never share a tag.
    identities : Series of str
        What makes a person the same person: a candidate's id, an interviewer's email.

    Returns
    -------
    Series of str
        One tag per row, equal for equal identities, in every run with the same key.

    Examples
    --------
    >>> tags = pseudonyms("not a real secret", "candidate", pd.Series(["C1", "C2", "C1"]))
    >>> tags.iloc[0] == tags.iloc[2] != tags.iloc[1]
    True
    """
    codes, distinct = pd.factorize(identities, sort=False)
    secret = key.encode("utf-8")
    # HMAC has no vectorised form; it runs once per distinct person, in C, not once per row.
    tags = np.array([hmac.new(secret, f"{who}\0{value}".encode(), hashlib.sha256).hexdigest()[:16]
                     for value in distinct], dtype=object)
    return pd.Series(tags[codes], index=identities.index, dtype="str")


def pseudonymise(text: pd.DataFrame, table: str, key: str) -> pd.DataFrame:
    """One table's text as an anonymised export writes it.

    Names become ``Candidate <tag>`` / ``Interviewer <tag>`` and emails
    ``candidate-<tag>@example.invalid``; an interviewer is known by their email
    (case and spaces aside), so one interviewer of many candidates keeps one
    pseudonym. A candidate's coach, a person too, becomes ``coach-<tag>``
    (known by the name as written, case aside), the same tag in the
    candidates and the notes. Events' notes, free text that may name
    anyone, are left empty, and every session note's ``text`` becomes
    :data:`LEFT_OUT` (the day, the candidate, the coach's tag and the
    interview stay, so the file still imports and counts sessions). An
    ``application_id`` is text a coach typed ("Kora Bank, Harriet's team"), so
    a given one becomes ``application-<tag>``: the rounds it groups stay
    together, and a blank one stays blank (its rounds are found as before).

    Parameters
    ----------
    text : DataFrame
        The table's rows as the store holds them, as text.
    table : str
        Which table they are.
    key : str
        The store's secret.

    Returns
    -------
    DataFrame
    """
    out = text.copy()
    if table in _PERSONAL:
        name, email, who, identity = _PERSONAL[table]
        person = out[identity].str.strip()
        if identity == email:
            person = person.str.lower()
        tag = pseudonyms(key, who, person)
        out.loc[:, name] = who.capitalize() + " " + tag
        out.loc[:, email] = who + "-" + tag + "@example.invalid"
    if table == "interviews" and "application_id" in out.columns:
        given = out["application_id"].fillna("") != ""
        if given.any():
            out.loc[given, "application_id"] = "application-" + pseudonyms(
                key, "application", out.loc[given, "application_id"])
    if "coach" in out.columns:
        given = out["coach"].fillna("").str.strip() != ""
        if given.any():
            out.loc[given, "coach"] = "coach-" + pseudonyms(key, "coach",
                                                            out.loc[given, "coach"].str.strip().str.casefold())
    if "note" in out.columns:
        out.loc[:, "note"] = ""
    if table == "notes":
        out.loc[:, "text"] = LEFT_OUT
    return out
