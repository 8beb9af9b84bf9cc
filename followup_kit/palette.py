"""What every picture shares, drawn by matplotlib or by the browser.

The colours (the Okabe–Ito palette, which people with colour-blindness tell
apart) and line styles, the words for groups and outcomes, what a picture
says when there is nothing to draw, and how an analysis result splits into
the groups a picture shows. :mod:`followup_kit.plots` and
:mod:`followup_kit.charts` both draw with these, so a curve has the same
colour and name in a PNG and in the browser; nothing here imports matplotlib.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import FollowupKitError

#: Okabe–Ito colours, ordered so neighbours differ in lightness as well as hue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000",
           "#F0E442"]
LINESTYLES = ["-", "--", "-.", ":"]
OUTCOME_WORDS = {
    "offer": "Offer rate",
    "rejection": "Rejection rate",
    "withdrawn": "Withdrawal rate",
    "no_response": "Share never answered",
    "pending": "Share still open",
    "answered": "Share answered",
    "thanked": "Share thanked",
    "thanked_on_time": "Share thanked on time",
    "followed_up_in_window": "Share followed up in the window",
}
# At most this many groups get a row in the at-risk table under a curve.
MAX_RISK_ROWS = 5
#: Days the response curve shows by default: the months in which answers come.
CURVE_DAYS = 120
#: Above this many censoring days in a group, the tick marks are noise; the band tells the story.
MAX_CENSOR_MARKS = 40


def group_columns(result: pd.DataFrame, own: list[str]) -> list[str]:
    """The columns of ``result`` that name its groups: every column but the analysis' ``own``."""
    return [c for c in result.columns if c not in own]


def result_groups(result: pd.DataFrame, by: list[str]):
    """(label, rows) per group in the order of the result."""
    if not by:
        return [("all interviews", result)] if len(result) else []
    out = []
    for key, rows in result.groupby(by, sort=False, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        out.append((", ".join(str(k) for k in key), rows))
    return out


def need_columns(result: pd.DataFrame, columns, what: str) -> None:
    """Refuse a result without ``columns``, naming the picture (``what``) and the columns missing."""
    missing = [c for c in columns if c not in result.columns]
    if missing:
        raise FollowupKitError(f"{what} needs a result with the column(s) {', '.join(missing)}")


#: What a picture says in its middle when there is nothing to draw.
NO_INTERVIEWS = "no interviews yet"
NO_ANSWERS = "no employer has answered yet"


def still_waiting_on(rows: pd.DataFrame, days) -> np.ndarray:
    """How many of one group's interviews were still waiting for an answer on each of ``days``.

    Parameters
    ----------
    rows : DataFrame
        One group's rows of a :func:`~followup_kit.response_curve` result.
    days : sequence of int
        The days since the interview to count on, in increasing order.

    Returns
    -------
    ndarray of int
    """
    seen = (rows["events"] + rows["censored"]).to_numpy()
    before = np.r_[0, np.cumsum(seen)]
    # Interviews seen on a day or later were still waiting on that day.
    return seen.sum() - before[np.searchsorted(rows["days"].to_numpy(), days, side="left")]
