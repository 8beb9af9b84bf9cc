"""Every check of a table's columns and cells, within a file, across files and against the store."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import FollowupKitError, Problem, ValidationError
from .lookup import positions
from .rounds import round_problems
from .tables import EVENTS, INTERVIEWS, NOTES, STORED, TABLES, RawTable
from .typed_frames import (
    FALSE_TEXT,
    MAX_COUNT,
    TRUE_TEXT,
    parse_count,
    parse_dates,
    parse_event_dates,
    typed,
)

_EMAIL_RE = r"[^@ \t\r\n]+@[^@ \t\r\n]+\.[^@ \t\r\n]+"
MAX_PROBLEMS = 50
#: The most characters one cell may hold: a note is a few sentences, and a cell of megabytes is
#: nearly always a quote that was never closed, which swallowed the rest of the file.
MAX_CELL = 10_000
#: A value quoted in a message is cut to this many characters.
SHOWN = 60


def _no_ids() -> pd.Series:
    return pd.Series([], dtype="str")


@dataclass
class Known:
    """Ids (and interview dates) already in the store, for checks across imports.

    The ids of a whole store come as ``str`` Series: millions of rows are handed
    over as Arrow-backed columns without making a Python string of each. The
    few ids one row names may come as a set. ``forgotten_ids`` are the
    candidates the store forgot: no row may bring one back.

    ``interviews`` (typed, with at least :data:`ROUND_COLUMNS`) and
    ``invitations`` (typed events of the kind ``next_round``) are the stored
    rows the applications of new rows are checked with: the whole store's,
    or at least those of the candidates the new rows are about. A note's
    interview is looked up in ``interviews`` too, to see whose it is.
    """

    candidate_ids: pd.Series | set = field(default_factory=_no_ids)
    interview_ids: pd.Series | set = field(default_factory=_no_ids)
    event_ids: pd.Series | set = field(default_factory=_no_ids)
    note_ids: pd.Series | set = field(default_factory=_no_ids)
    interview_dates: pd.Series | None = None  # index interview_id -> datetime64
    forgotten_ids: pd.Series | set = field(default_factory=_no_ids)
    interviews: pd.DataFrame | None = None
    invitations: pd.DataFrame | None = None

    def ids(self, table: str) -> pd.Series | set:
        return {"candidates": self.candidate_ids, "interviews": self.interview_ids,
                "events": self.event_ids, "notes": self.note_ids}[table]


@cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def _countries() -> frozenset[str]:
    """Two-letter codes of the countries whose public holidays the holidays package knows."""
    import holidays

    return frozenset(code for code in holidays.list_supported_countries() if len(code) == 2)


def _problems(mask: np.ndarray, rows: np.ndarray, source: str, column: str, message) -> list[Problem]:
    idx = np.flatnonzero(mask)[:MAX_PROBLEMS]
    out = []
    for i in idx:
        msg = message(i) if callable(message) else message
        out.append(Problem(source, int(rows[i]), column, msg))
    return out


def _check_columns(raw: RawTable) -> None:
    table, frame, source = raw.table, raw.frame, raw.source
    names = list(frame.columns)
    missing = [c for c in table.required if c not in names]
    if missing:
        raise ValidationError([Problem(source, 1, c, f"missing column '{c}' (the {table.name} "
                                       f"file needs: {', '.join(table.required)})") for c in missing])
    dupes = sorted({c for c in names if names.count(c) > 1})
    unknown = [c for c in names if c not in table.names]
    problems = [Problem(source, 1, c, "this column appears twice") for c in dupes]
    problems += [Problem(source, 1, c, f"unknown column '{c}' in the {table.name} file "
                         f"(allowed: {', '.join(table.names)})") for c in unknown]
    if problems:
        raise ValidationError(problems)


def _isin(text: pd.Series, values) -> np.ndarray:
    """Membership test on Arrow arrays: pandas' isin boxes every value of a large set."""
    if isinstance(values, pd.Series):
        value_set = pa.array(values).cast(pa.string())
    else:
        value_set = pa.array(list(values), type=pa.string())
    if len(value_set) == 0:
        return np.zeros(len(text), dtype=bool)
    found = pc.is_in(pa.array(text).cast(pa.string()), value_set=value_set)
    return found.to_numpy(zero_copy_only=False).astype(bool)


def shown_cell(value: str) -> str:
    """A cell as a message quotes it: on one line (a line break written as \\n), cut short when it is long.

    A cell holding a line break is most often a quote left open that swallowed the rows after it.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return value if len(value) <= SHOWN else value[: SHOWN - 3] + "..."


def email_address(text: str, what: str = "email") -> str:
    """An email address a person typed, checked as the tables check theirs; spaces around it dropped.

    Parameters
    ----------
    text : str
        What was typed.
    what : str
        What the address is, for the message: an option (``"--address"``) or a field.

    Returns
    -------
    str

    Examples
    --------
    >>> email_address(" zoe@example.org ")
    'zoe@example.org'
    >>> email_address("zoe at example", "--address")
    Traceback (most recent call last):
    ...
    followup_kit.errors.FollowupKitError: --address: 'zoe at example' is not an email address
    """
    given = str(text).strip()
    if not re.fullmatch(_EMAIL_RE, given):
        raise FollowupKitError(f"{what}: '{shown_cell(str(text))}' is not an email address")
    return given


def _date_hint(value: str) -> str:
    """What a date that is not ``YYYY-MM-DD`` most likely is, said after the message."""
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", value):
        return " (day and month are never guessed: 13 November 2026 is 2026-11-13)"
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return " (a number here is a spreadsheet's day count: format the column as a date)"
    return ""


#: What a row of a forgotten candidate is told: their data stay out, and a return means a new record.
_FORGOTTEN = ("candidate '{}' was forgotten at their request, so nothing of theirs is imported again: "
              "leave their rows out (a person who comes back is added with a new id)")


def _check_cells(raw: RawTable, known: Known, siblings: Mapping[str, pd.DataFrame]) -> list[Problem]:
    """Every per-cell and cross-table check of one raw table; returns the problems found."""
    table, frame, source = raw.table, raw.frame, raw.source
    rows = raw.row_numbers()
    # The header again below the first rows: two files pasted together. The row is said once,
    # not once per cell that does not fit.
    again = (frame[table.key] == table.key).to_numpy() if table.key in frame.columns else None
    if again is not None and again.any():
        problems = _problems(again, rows, source, "-", "the header row again, in the middle of the "
                             "file (were two files pasted together?): delete this row")
        keep = ~again
        frame = frame.loc[keep].reset_index(drop=True)
        rows = rows[keep]
        raw = RawTable(table, frame, source, rows)
    else:
        problems = []
    parsed: dict[str, pd.Series] = {}
    for col in table.columns:
        if col.name not in frame.columns:
            continue
        text = frame[col.name]
        blank = (text == "").to_numpy()
        if col.required:
            problems += _problems(blank, rows, source, col.name, f"'{col.name}' is empty; it is required")
        long = (text.str.len() > MAX_CELL).to_numpy()
        # In a file, a cell that long is most often a quote left open; typed in, it is just too long.
        hint = "" if source.startswith("<") else " (is a closing quote missing?)"
        problems += _problems(long, rows, source, col.name,
                              lambda i, t=text, h=hint: f"{len(t.iat[i]):,} characters, more than the "
                              f"{MAX_CELL:,} one cell may hold{h}")
        present = ~blank & ~long

        def value(i, text=text):
            return shown_cell(text.iat[i])

        if col.kind == "id":
            dup = text.duplicated(keep="first").to_numpy() & present
            problems += _problems(dup, rows, source, col.name,
                                  lambda i, v=value: f"duplicate id '{v(i)}' (it appears on an earlier row)")
            existing = known.ids(table.name)
            if len(existing):
                clash = _isin(text, existing) & present
                problems += _problems(clash, rows, source, col.name,
                                      lambda i, v=value: f"id '{v(i)}' is already in the store")
            if table.name == "candidates":
                problems += _problems(_isin(text, known.forgotten_ids) & present, rows, source, col.name,
                                      lambda i, v=value: _FORGOTTEN.format(v(i)))
        elif col.kind == "ref":
            parent = TABLES[col.parent]
            ok = _isin(text, known.ids(col.parent))
            in_file = siblings.get(col.parent)
            if in_file is not None:
                ok |= _isin(text, in_file[parent.key])
            noun = col.parent[:-1]
            gone = _isin(text, known.forgotten_ids) if col.parent == "candidates" else np.zeros_like(ok)
            problems += _problems(present & ~ok & gone, rows, source, col.name,
                                  lambda i, v=value: _FORGOTTEN.format(v(i)))
            problems += _problems(present & ~ok & ~gone, rows, source, col.name,
                                  lambda i, v=value, n=noun: f"unknown {n} '{v(i)}': it is not in the "
                                  f"{n}s file nor in the store")
        elif col.kind == "email":
            bad = present & ~text.str.fullmatch(_EMAIL_RE).to_numpy(dtype=bool)
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not an email address")
        elif col.kind == "date":
            parsed[col.name] = parse_dates(text)
            bad = present & parsed[col.name].isna().to_numpy()
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a date; write it as YYYY-MM-DD"
                                  + _date_hint(v(i)))
        elif col.kind == "date_or_timestamp":
            parsed[col.name], _, valid = parse_event_dates(text)
            bad = present & ~valid.to_numpy()
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a date; write YYYY-MM-DD or an "
                                  "ISO timestamp such as 2026-05-12T09:30:00+02:00" + _date_hint(v(i)))
        elif col.kind == "choice":
            bad = present & ~_isin(text, col.allowed)
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value, c=col: f"unknown {c.name} '{v(i)}' "
                                  f"(allowed: {', '.join(c.allowed)})")
        elif col.kind == "count":
            digits = text.str.fullmatch(r"\d+").to_numpy(dtype=bool)
            number = parse_count(text)
            rule = f"{col.name} must be a whole number, 1 or more"
            problems += _problems(present & ~digits, rows, source, col.name,
                                  lambda i, v=value, r=rule: f"'{v(i)}' is not a whole number: {r}")
            problems += _problems(present & digits & (number.fillna(1) < 1).to_numpy(dtype=bool), rows,
                                  source, col.name,
                                  lambda i, v=value, r=rule, c=col: f"{c.name} {v(i)} cannot be: {r} "
                                  "(the first is 1)")
            problems += _problems(present & digits & number.isna().to_numpy(), rows, source, col.name,
                                  lambda i, v=value, r=rule, c=col: f"{c.name} {v(i)} is too large: {r}, "
                                  f"at most {MAX_COUNT:,}")
        elif col.kind == "bool":
            bad = present & ~_isin(text.str.lower(), TRUE_TEXT + FALSE_TEXT)
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not true or false")
        elif col.kind == "country":
            bad = present & ~_isin(text, _countries())
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a two-letter country code "
                                  "(ISO 3166, e.g. GB, KE, US); leave it empty to count weekends only")
        elif col.kind == "timezone":
            bad = present & ~_isin(text, _timezones())
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a time zone name "
                                  "(IANA, e.g. Europe/London, Africa/Nairobi)")
    problems += _check_dates_across(raw, known, siblings, rows, parsed)
    return problems


def _check_dates_across(raw: RawTable, known: Known, siblings, rows, parsed) -> list[Problem]:
    frame, source = raw.frame, raw.source
    if raw.table is INTERVIEWS and "promised_decision_date" in parsed:
        bad = (parsed["promised_decision_date"] < parsed["interview_date"]).to_numpy()
        return _problems(bad, rows, source, "promised_decision_date",
                         "the promised decision date is before the interview")
    if raw.table is EVENTS:
        ids: list[pd.Series] = []
        dates: list[np.ndarray] = []
        if known.interview_dates is not None and len(known.interview_dates):
            ids.append(pd.Series(known.interview_dates.index, dtype="str"))
            dates.append(known.interview_dates.to_numpy(dtype="datetime64[us]"))
        sib = siblings.get("interviews")
        if sib is not None:
            ids.append(sib["interview_id"])
            dates.append(parse_dates(sib["interview_date"]).to_numpy(dtype="datetime64[us]"))
        if not sum(len(d) for d in dates):
            # No interview dated anywhere (an interviews file of a header alone): nothing to compare.
            return []
        # Reversed, so an id listed twice takes its last date, as a later row overrides an earlier one.
        keys = pd.concat(ids, ignore_index=True).iloc[::-1]
        on = np.concatenate(dates)[::-1]
        found = positions(frame["interview_id"], keys)
        held = np.where(found >= 0, on[np.maximum(found, 0)], np.datetime64("NaT"))
        bad = parsed["date"].to_numpy() < held
        return _problems(bad, rows, source, "date",
                         lambda i: "the event is dated before its interview "
                         f"({pd.Timestamp(held[i]).date().isoformat()})")
    if raw.table is NOTES and "interview_id" in frame.columns:
        return _check_note_interviews(frame, known, siblings, rows, source)
    return []


def _check_note_interviews(frame: pd.DataFrame, known: Known, siblings, rows, source) -> list[Problem]:
    """A note's interview must be one of its candidate's (an unknown one is reported already)."""
    keys: list[pd.Series] = []
    owners: list[pd.Series] = []
    sib = siblings.get("interviews")
    if sib is not None:
        keys.append(sib["interview_id"])
        owners.append(sib["candidate_id"])
    if known.interviews is not None and len(known.interviews):
        keys.append(known.interviews["interview_id"].astype("str"))
        owners.append(known.interviews["candidate_id"].astype("str"))
    if not sum(len(k) for k in keys):
        return []
    # The file's own interviews first: a row there replaces the stored one.
    found = positions(frame["interview_id"], pd.concat(keys, ignore_index=True))
    owner = pd.concat(owners, ignore_index=True)
    whose = owner.iloc[np.maximum(found, 0)].reset_index(drop=True)
    mine = frame["candidate_id"].reset_index(drop=True)
    bad = (found >= 0) & (frame["interview_id"] != "").to_numpy() & (whose != mine).to_numpy(dtype=bool)
    return _problems(bad, rows, source, "interview_id",
                     lambda i: f"interview '{shown_cell(frame['interview_id'].iat[i])}' is {whose.iat[i]}'s, "
                     f"not {shown_cell(mine.iat[i])}'s: a note is about one of its own candidate's interviews")


#: The interview columns that say which application an interview is and which round of it.
ROUND_COLUMNS = ("interview_id", "candidate_id", "company", "role", "interview_date", "round", "application_id")
#: The event kind that invites a candidate to the next round of an application.
INVITATION = "next_round"
_INVITATION_COLUMNS = ("event_id", "interview_id", "date", "kind")


def _check_applications(by_name: Mapping[str, RawTable], known: Known) -> list[Problem]:
    """The applications the new rows belong to, checked whole with the store's rows of them.

    A new interview is checked with its candidate's stored interviews (and any
    stored interview its application id names, to catch an id two candidates
    share), a new invitation with its interview's application; a row the new
    ones replace (a correction) is left out. See :func:`.rounds.round_problems`.
    """
    raw_iv, raw_ev = by_name.get("interviews"), by_name.get("events")
    new_iv = (typed(INTERVIEWS, raw_iv.frame[[c for c in ROUND_COLUMNS if c in raw_iv.frame.columns]])
              if raw_iv is not None else typed(INTERVIEWS, pd.DataFrame(columns=list(ROUND_COLUMNS), dtype="str")))
    new_iv = new_iv.loc[:, list(ROUND_COLUMNS)]
    invited = ((raw_ev.frame["kind"] == INVITATION).to_numpy(dtype=bool) if raw_ev is not None
               else np.zeros(0, dtype=bool))
    if not len(new_iv) and not invited.any():
        return []
    new_ev = (typed(EVENTS, raw_ev.frame.loc[invited, list(_INVITATION_COLUMNS)].reset_index(drop=True))
              .loc[:, list(_INVITATION_COLUMNS)]
              if invited.any() else None)
    stored = known.interviews if known.interviews is not None else typed(
        INTERVIEWS, pd.DataFrame(columns=list(ROUND_COLUMNS), dtype="str"))
    stored = stored.loc[:, list(ROUND_COLUMNS)].reset_index(drop=True)
    stored = stored.loc[~_isin(stored["interview_id"], new_iv["interview_id"])]
    invited_ids = new_ev["interview_id"] if new_ev is not None else _no_ids()
    about = pd.concat([new_iv["candidate_id"],
                       stored.loc[_isin(stored["interview_id"], invited_ids), "candidate_id"]], ignore_index=True)
    # An application id another candidate's interview holds, or names as its first round's id.
    names = pd.concat([new_iv["application_id"].dropna(), new_iv["interview_id"]], ignore_index=True)
    stored_names = stored["application_id"].fillna("")
    stored = stored.loc[_isin(stored["candidate_id"], about) | _isin(stored_names, names)
                        | _isin(stored["interview_id"], new_iv["application_id"].dropna())]
    merged = pd.concat([stored, new_iv], ignore_index=True)
    new = np.r_[np.zeros(len(stored), dtype=bool), np.ones(len(new_iv), dtype=bool)]
    rows = np.r_[np.zeros(len(stored), dtype=np.int64),
                 raw_iv.row_numbers() if raw_iv is not None else np.zeros(0, dtype=np.int64)]
    replaced = raw_ev.frame["event_id"] if raw_ev is not None else _no_ids()
    kept = known.invitations
    if kept is not None and len(kept):
        kept = kept.loc[_isin(kept["interview_id"], merged["interview_id"]) & ~_isin(kept["event_id"], replaced),
                        list(_INVITATION_COLUMNS)]
    else:
        kept = None
    events = pd.concat([f for f in (kept, new_ev) if f is not None], ignore_index=True) if (
        kept is not None or new_ev is not None) else None
    new_events = np.r_[np.zeros(0 if kept is None else len(kept), dtype=bool),
                       np.ones(0 if new_ev is None else len(new_ev), dtype=bool)]
    event_rows = np.r_[np.zeros(0 if kept is None else len(kept), dtype=np.int64),
                       raw_ev.row_numbers()[invited] if new_ev is not None else np.zeros(0, dtype=np.int64)]
    return round_problems(merged, events, interviews_file=raw_iv.source if raw_iv is not None else "interviews",
                          events_file=raw_ev.source if raw_ev is not None else "events", rows=rows,
                          event_rows=event_rows, new=new, new_events=new_events, invitation_kind=INVITATION,
                          most=MAX_PROBLEMS)


def validate(raws: Iterable[RawTable], known: Known | None = None, *,
             as_typed: bool = True) -> dict[str, pd.DataFrame]:
    """Check raw tables together and return them typed, by table name.

    All files are checked before any error is raised, so one run reports the
    problems of every file. Raises ``ValidationError`` listing them, first
    file (in import order) and first row first. With ``as_typed=False`` the
    checked text frames come back unchanged (the store writes text).
    """
    known = known or Known()
    by_name: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for raw in raws:
        if raw.table.name in by_name:
            other = by_name[raw.table.name].source
            problems.append(Problem(raw.source, 1, "-", f"a second {raw.table.name} file "
                                    f"(the first is {other}): merge them into one"))
            continue
        by_name[raw.table.name] = raw
    order = {t: i for i, t in enumerate(STORED)}
    for raw in sorted(by_name.values(), key=lambda r: order[r.table.name]):
        try:
            _check_columns(raw)
        except ValidationError as exc:
            problems += exc.problems
    if problems:
        raise ValidationError(problems)
    siblings = {name: raw.frame for name, raw in by_name.items()}
    for name in STORED:
        if name in by_name:
            found = _check_cells(by_name[name], known, siblings)
            column_order = {c: i for i, c in enumerate(TABLES[name].names)}
            problems += sorted(found, key=lambda p: (p.row, column_order.get(p.column, -1)))
    if problems:
        raise ValidationError(problems)
    # The applications are checked whole once every cell is known to be right.
    problems = _check_applications(by_name, known)
    if problems:
        raise ValidationError(problems)
    if not as_typed:
        return {name: raw.frame for name, raw in by_name.items()}
    return {name: typed(TABLES[name], raw.frame) for name, raw in by_name.items()}
