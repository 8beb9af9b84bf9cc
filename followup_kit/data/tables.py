"""The tables (candidates, interviews, events, and the coaches' notes): columns, kinds, allowed values.

This is the one definition of the data model; nothing else defines a column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

KINDS = (
    "thank_you_sent",
    "follow_up_sent",
    "reply_sent",
    "employer_response",
    "next_round",
    "offer",
    "rejection",
    "withdrawn",
)
CHANNELS = ("email", "note", "phone", "letter", "in_person", "other")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``kind`` is one of ``id``, ``ref`` (an id of ``parent``), ``text``, ``email``,
    ``date``, ``date_or_timestamp``, ``choice`` (one of ``allowed``), ``bool``,
    ``count`` (a whole number, 1 or more), ``country`` (ISO 3166 alpha-2) or
    ``timezone`` (IANA name).
    """

    name: str
    kind: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    parent: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class Table:
    """A table: its name, its columns in file order, and its id column."""

    name: str
    columns: tuple[Column, ...]
    key: str
    doc: str = ""
    date_column: str | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


CANDIDATES = Table(
    "candidates",
    (
        Column("candidate_id", "id", doc="your own id for the candidate, e.g. C0001"),
        Column("name", "text", doc="the candidate's name as letters should use it"),
        Column("email", "email"),
        Column("cohort", "text", doc="the group the candidate belongs to, e.g. 2026-spring"),
        Column("country", "country", required=False, doc="ISO 3166 alpha-2, for public holidays"),
        Column("timezone", "timezone", required=False, doc="IANA name, e.g. Europe/Paris"),
        Column("coach", "text", required=False,
               doc="the coach whose caseload the candidate is in: a name or an email, as you write it"),
    ),
    key="candidate_id",
    doc="one row per candidate",
)
INTERVIEWS = Table(
    "interviews",
    (
        Column("interview_id", "id"),
        Column("candidate_id", "ref", parent="candidates"),
        Column("company", "text"),
        Column("role", "text"),
        Column("interviewer_name", "text"),
        Column("interviewer_email", "email"),
        Column("interview_date", "date"),
        Column("promised_decision_date", "date", required=False,
               doc="the date the interviewer said they would decide by, if they said one"),
        Column("round", "count", required=False,
               doc="which round of its application the interview was: 1 for the first, 2, 3 and so on; "
                   "blank: numbered by date"),
        Column("application_id", "text", required=False,
               doc="your own id for the hiring process the interview belongs to; blank: the candidate's "
                   "interviews for the same company and role"),
    ),
    key="interview_id",
    doc="one row per interview",
    date_column="interview_date",
)
EVENTS = Table(
    "events",
    (
        Column("event_id", "id"),
        Column("interview_id", "ref", parent="interviews"),
        Column("date", "date_or_timestamp",
               doc="YYYY-MM-DD, or an ISO timestamp with its UTC offset such as an email's sent time"),
        Column("kind", "choice", allowed=KINDS),
        Column("channel", "choice", allowed=CHANNELS),
        Column("to_interviewer", "bool", required=False,
               doc="true when the message went to the person who interviewed the candidate"),
        Column("note", "text", required=False),
    ),
    key="event_id",
    doc="one row per thing that happened after an interview",
    date_column="date",
)
NOTES = Table(
    "notes",
    (
        Column("note_id", "id"),
        Column("candidate_id", "ref", parent="candidates"),
        Column("date", "date", doc="the day of the session, YYYY-MM-DD"),
        Column("coach", "text", required=False, doc="who wrote the note"),
        Column("text", "text", doc="what was said, in the coach's words: up to 10,000 characters"),
        Column("interview_id", "ref", required=False, parent="interviews",
               doc="the interview the note is about, one of the candidate's; blank: the session as a whole"),
    ),
    key="note_id",
    doc="one row per note a coach kept of a session with a candidate",
    date_column="date",
)
TABLES: dict[str, Table] = {t.name: t for t in (CANDIDATES, INTERVIEWS, EVENTS, NOTES)}
#: The tables every analysis reads, parents before children: the interview facts, the count
#: tables, Parquet datasets and the data's state are made of these three.
ORDER = ("candidates", "interviews", "events")
#: Every table the store holds and a CSV import or export moves, parents before children: the
#: three above and the coaches' notes, which no analysis reads.
STORED = (*ORDER, "notes")


@dataclass
class RawTable:
    """A table read from a CSV file as text, before any check of its cells.

    ``rows`` holds each row's number as a spreadsheet shows the file (the
    header is row 1, blank lines count); None means the rows follow the
    header one after another.
    """

    table: Table
    frame: pd.DataFrame
    source: str
    rows: np.ndarray | None = None

    def row_numbers(self) -> np.ndarray:
        """Each row's number as a spreadsheet shows it."""
        return np.arange(len(self.frame)) + 2 if self.rows is None else self.rows
