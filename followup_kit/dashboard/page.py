"""The page a candidate's link opens: their own view for a good token, one plain refusal otherwise.

Served by ``followup-kit serve``, the kernel of each page finds the store in
``FOLLOWUP_KIT_DB`` and the request's query string in ``QUERY_STRING``. The
token is checked before anything is read from the store, so a bad link loads
no candidate's data at all. Opened anywhere else (JupyterLab, a test, a
Binder sandbox) the same notebook previews one candidate of the demo store.

A served page that cannot be shown says so in one plain line; what went wrong
(the error's type and message, and the candidate's id) goes to the server's
log, Voilà's standard error, never to the page.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import sys
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as w
import pandas as pd

from ..data.dates import as_day
from ..data.demo import DEMO_AS_OF, demo_store
from ..data.store import Store
from ..errors import FollowupKitError
from ..playbook.business_days import business_calendar, know_holidays
from ..stats.cache import cohort_counts
from ..stats.counts import Counts
from ..widgets import candidate_view
from .links import (
    AS_OF_ENV,
    DB_ENV,
    HOLIDAYS_ENV,
    SECRET_ENV,
    SECRET_FILE_ENV,
    LinkError,
    read_token,
    secret_path,
)


class ServerLog(logging.Handler):
    """Writes each record as one line to the stderr the kernel was started with: the server's log.

    In a kernel, file descriptor 2 is piped to the page (ipykernel shows on the
    page what is written there), while ipykernel's ``sys.stderr`` keeps a copy
    of the original descriptor as its ``fileno()``: Voilà's own stderr.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fd = sys.stderr.fileno()
        except (OSError, ValueError):
            fd = sys.__stderr__.fileno()
        try:
            os.write(fd, (self.format(record) + "\n").encode("utf-8", "replace"))
        except OSError:
            # Nowhere left to say it; the page has shown its message already.
            pass


#: What went wrong behind a page, for the operator: ids, error types and messages, never a
#: name or an email.
log = logging.getLogger(__name__)
_handler = ServerLog()
_handler.setFormatter(logging.Formatter("[followup-kit page %(asctime)s] %(message)s"))
log.addHandler(_handler)
log.propagate = False

REFUSAL = "This link is not valid or has expired; ask your coach for a new one."
UNAVAILABLE = ("Your page cannot be shown just now. Please try again in a few minutes, "
               "or ask your coach.")
INTRO = (
    "<h1 style=\"font-size:24px;margin:8px 0\">Your interviews: what to do next</h1>"
    "<p style=\"font-size:16px;line-height:1.5;margin:0 0 8px\">This page is yours alone and it "
    "only reads: nothing you do here changes your record, and nobody else's interviews are shown. "
    "Your next steps come first, then the patience meter (change its days to look further ahead), "
    "your timeline and letters to copy and make your own.</p>"
)
_PAGE = {"width": "100%", "max_width": "720px"}


def plain_page(text: str) -> w.HTML:
    """One short paragraph and nothing else: what a link that cannot be honoured shows."""
    return w.HTML(f'<main><h1 style="font-size:20px;line-height:1.4;margin:16px 0">{text}</h1>'
                  "</main>", layout=w.Layout(**_PAGE))


def take_served_holidays() -> list[str]:
    """Keep the holidays ``followup-kit serve`` worked out for the store's countries, if it did.

    Anything but its own table is ignored: the page then looks holidays up itself.

    Returns
    -------
    list of str
        The countries whose holidays were handed over.
    """
    try:
        table = json.loads(os.environ.get(HOLIDAYS_ENV) or "{}")
        know_holidays(table)
    except (ValueError, TypeError, AttributeError):
        return []
    return list(table)


def served() -> bool:
    """Whether this kernel runs under ``followup-kit serve`` (and must never show a preview)."""
    return bool(os.environ.get(DB_ENV))


def request_token() -> str | None:
    """The ``token`` of the page's address, from the request Voilà hands the kernel.

    With preheated kernels the request arrives after the kernel started, so
    it is waited for first; ``voila.utils`` is slow to import and only needed then.
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request

        warm_up(os.environ.get(AS_OF_ENV) or None)
        wait_for_request()
    tokens = parse_qs(os.environ.get("QUERY_STRING", ""), keep_blank_values=True).get("token")
    return tokens[0] if tokens and len(tokens) == 1 else None


def warm_up(today=None) -> None:
    """Build one made-up candidate's view in a store in memory, and throw it away.

    A preheated kernel waits for its page's request; meanwhile this does what
    every view needs the first time (the imports, the holiday calendars of the
    served store's countries), so the candidate waits only for their own rows.
    Nothing of any real candidate is read: the countries come with the holidays
    ``followup-kit serve`` hands over, or else from the store's list of countries.
    """
    day = pd.Timestamp(as_day(today)).date()
    countries = take_served_holidays() or [None]
    if served() and countries == [None]:
        try:
            with Store(os.environ[DB_ENV], readonly=True) as store:
                countries = store.countries() or [None]
        except (FollowupKitError, sqlite3.Error, OSError):
            return
    for country in countries:
        business_calendar(country, day.year - 1, day.year + 1)
    with Store(":memory:") as scratch:
        who = scratch.add_candidate(name="Sample Person", email="sample@example.org", cohort="warm-up",
                                    country=countries[0])
        interview = scratch.add_interview(
            candidate_id=who, company="Example Ltd", role="Analyst", interviewer_name="Alex Doe",
            interviewer_email="alex@example.org", interview_date=day - dt.timedelta(days=10))
        scratch.log_event(interview_id=interview, kind="thank_you_sent", date=day - dt.timedelta(days=9))
        candidate_view(scratch, who, today=day)


def served_secret() -> str:
    """The link secret of the served store: ``FOLLOWUP_KIT_SECRET``, else its secret file."""
    given = os.environ.get(SECRET_ENV)
    if given:
        return given
    path = Path(os.environ.get(SECRET_FILE_ENV) or secret_path(os.environ[DB_ENV]))
    return path.read_text(encoding="ascii").strip()


def _view(store, candidate_id: str, today, counts: Counts | None = None) -> w.VBox:
    box, _ = candidate_view(store, candidate_id, today=today, cohort_counts=counts)
    return w.VBox([w.HTML(INTRO, layout=w.Layout(**_PAGE)), box], layout=w.Layout(**_PAGE))


def dashboard_for_request(preview: str | None = None, today=DEMO_AS_OF) -> w.Widget:
    """The dashboard for this page: the linked candidate's view, or a plain refusal.

    Parameters
    ----------
    preview : str, optional
        The demo candidate to show when the page is not served by
        ``followup-kit serve`` (a coach's preview in JupyterLab); ignored
        when served, where only the link's token decides.
    today : date-like or ``YYYY-MM-DD`` text
        The day the preview describes; a served page uses
        ``FOLLOWUP_KIT_AS_OF`` or the computer's date.

    Returns
    -------
    ipywidgets.Widget
    """
    if not served():
        if preview is None:
            return plain_page(REFUSAL)
        return _view(demo_store(), preview, today)
    # The request first: a preheated kernel waits for it, and the secret may have been rotated
    # (every link revoked) since the kernel started.
    token = request_token()
    try:
        secret = served_secret()
    except (OSError, UnicodeError) as exc:
        log.error("the link secret could not be read, so every link is refused: %s: %s",
                  type(exc).__name__, exc)
        return plain_page(REFUSAL)
    try:
        candidate_id = read_token(secret, token)
    except LinkError:
        return plain_page(REFUSAL)
    take_served_holidays()
    try:
        with Store(os.environ[DB_ENV], readonly=True) as store:
            if store.candidates(candidate_id).empty:
                # A candidate removed since the link was made reads like any other dead link.
                return plain_page(REFUSAL)
            day = as_day(os.environ.get(AS_OF_ENV) or None)
            # Only the counts serve kept: building them would read every candidate's rows.
            counts = cohort_counts(store, day, stale_ok=True, build=False).by_cohort
            return _view(store, candidate_id, day, counts)
    except (FollowupKitError, sqlite3.Error, OSError) as exc:
        log.error("candidate %s: the page was not shown: %s: %s", candidate_id, type(exc).__name__, exc)
        return plain_page(UNAVAILABLE)
