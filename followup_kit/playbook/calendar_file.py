"""A candidate's upcoming steps as an iCalendar (``.ics``) file.

One all-day event per upcoming action: the day the thank-you letter is due,
and the day the follow-up window opens (or the next follow-up is welcome).
Each event's UID comes from the interview and the kind of step, so exporting
again after new events moves the dates in a subscribed calendar instead of
adding copies.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import icalendar
import numpy as np
import pandas as pd

from ..data.dates import as_day
from ..errors import FollowupKitError

# Fixed, so the same interview and step give the same UID on every machine.
_UID_NAMESPACE = uuid.UUID("6f0c1c2e-5d7a-4c59-9b1e-2f7f3a8b9d10")
#: The plan actions that become calendar events, and the step each one is.
STEPS = {"send_thank_you": "thank-you", "wait": "follow-up", "follow_up": "follow-up"}


def event_uid(interview_id: str, step: str) -> str:
    """The stable UID of one step of one interview.

    Parameters
    ----------
    interview_id : str
    step : str
        ``"thank-you"`` or ``"follow-up"``.

    Returns
    -------
    str
        The same text for the same interview and step, every time.
    """
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{interview_id}/{step}')}@followup-kit"


def upcoming(facts: pd.DataFrame, plan: pd.DataFrame, today=None) -> pd.DataFrame:
    """The steps worth a calendar entry: a thank-you or follow-up due today or later.

    Parameters
    ----------
    facts, plan : DataFrame
        Interview facts and their plan (one candidate's, or more).
    today : date-like, optional
        Defaults to the computer's date.

    Returns
    -------
    DataFrame
        The plan rows joined with company, role and interviewer, plus ``step``
        and ``uid``, ordered by due date.
    """
    day = as_day(today)
    rows = plan.merge(facts[["interview_id", "company", "role", "interviewer_name"]],
                      on="interview_id", how="left")
    keep = rows["action"].isin(list(STEPS)) & rows["due"].notna() & (rows["due"] >= day)
    rows = rows.loc[keep].sort_values(["due", "interview_id"]).reset_index(drop=True)
    step = rows["action"].astype("str").map(STEPS).astype("str")
    rows["step"] = step
    rows["uid"] = [event_uid(i, s) for i, s in zip(rows["interview_id"], step, strict=True)]
    return rows


def build_calendar(facts: pd.DataFrame, plan: pd.DataFrame, today=None,
                   name: str = "Interview follow-ups") -> icalendar.Calendar:
    """An iCalendar with one all-day event per upcoming thank-you or follow-up.

    Parameters
    ----------
    facts, plan : DataFrame
        One candidate's interview facts and plan.
    today : date-like, optional
        Steps due before this day are left out. Defaults to the computer's date.
    name : str
        The calendar's name as calendar apps show it.

    Returns
    -------
    icalendar.Calendar
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//followup-kit//interview follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    steps = upcoming(facts, plan, today)
    titles = np.where(steps["step"] == "thank-you",
                      "Send your thank-you email to " + steps["interviewer_name"],
                      "Follow up with " + steps["interviewer_name"])
    # One candidate has a handful of steps: a loop over them is clearer than anything vectorised.
    for row, title in zip(steps.itertuples(index=False), titles, strict=True):
        start = pd.Timestamp(row.due).date()
        event = icalendar.Event()
        event.add("uid", row.uid)
        event.add("dtstamp", stamp)
        event.add("summary", f"{title} ({row.company}, {row.role})")
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(days=1))
        event.add("description", row.reason)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def write_ics(path: str | Path, facts: pd.DataFrame, plan: pd.DataFrame, today=None,
              name: str = "Interview follow-ups") -> int:
    """Write :func:`build_calendar` to ``path``.

    Parameters
    ----------
    path : str or Path
        The ``.ics`` file to write (its folder is created).
    facts, plan, today, name
        As for :func:`build_calendar`.

    Returns
    -------
    int
        The number of events written.
    """
    cal = build_calendar(facts, plan, today, name)
    path = Path(path)
    if path.is_dir():
        raise FollowupKitError(f"{path} is a folder; give a file name such as {path / 'follow-ups.ics'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(cal.to_ical())
    except OSError as exc:
        raise FollowupKitError(f"cannot write {path}: {exc.strerror}") from None
    return len(cal.walk("VEVENT"))
