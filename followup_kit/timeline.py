"""The candidate's timeline: one person's interviews on a calendar, as an SVG picture and in words.

The picture is SVG written here, so a served page needs neither matplotlib
in its kernel nor a chart library on the phone. Its colours are the ones
every picture uses (:mod:`followup_kit.palette`), and its words are text, so
it stays sharp at any width.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from .chart_model import need_columns
from .errors import FollowupKitError
from .palette import PALETTE
from .words import plural

#: The timeline's marks, in the order its key lists them: (words in the key, colour).
TIMELINE_KEY = {
    "interview": ("interview", "#000000"),
    "thank-you-due": ("thank-you due", PALETTE[0]),
    "thank-you-sent": ("thank-you sent", PALETTE[0]),
    "waiting": ("waiting for an answer", PALETTE[5]),
    "window": ("follow-up window", PALETTE[1]),
    "answer": ("answer", PALETTE[3]),
}
LATE = PALETTE[3]
ANSWER_WORDS = {"offer": "offer!", "rejection": "rejection"}
#: The picture's size in its own units (pixels when shown at its natural size).
# Narrow, so that on a phone the picture is shown at about its natural size and its words
# stay legible.
TIMELINE_WIDTH, TIMELINE_LEFT, TIMELINE_RIGHT = 400, 12, 84
TIMELINE_ROW, TIMELINE_TOP = 64, 26
TIMELINE_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
#: Steps (days) between the dates under the timeline: the smallest giving at most five.
DATE_STEPS = (1, 2, 3, 7, 14, 21, 28, 56, 91, 182, 364)
TIMELINE_COLUMNS = ["company", "role", "interview_date", "thank_you_due", "thank_you_sent",
                    "follow_up_opens", "answered_on", "outcome"]


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """About how wide ``text`` is at ``size`` points: DejaVu Sans averages 0.6 em a character."""
    return len(text) * size * (0.64 if bold else 0.58)


def _fit(text: str, size: float, room: float, bold: bool = False) -> str:
    """``text`` cut short with an ellipsis where it would be wider than ``room``."""
    if _text_width(text, size, bold) <= room:
        return text
    keep = max(int(room / (size * (0.64 if bold else 0.58))) - 1, 1)
    return text[:keep].rstrip() + "…"


def _label(x: float, y: float, text: str, *, size: float = 12, anchor: str = "middle",
           bold: bool = False, colour: str = "#000000", cls: str = "") -> str:
    # Centred words stay inside the picture, whatever day they stand on.
    if anchor == "middle":
        half = _text_width(text, size, bold) / 2
        x = min(max(x, half + 2), TIMELINE_WIDTH - half - 2)
    weight = ' font-weight="bold"' if bold else ""
    css = f' class="{cls}"' if cls else ""
    # A white edge keeps the dotted line of today from striking through the words.
    return (f'<text{css} x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"'
            f'{weight} fill="{colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
            f"{html.escape(text)}</text>")


def _diamond(x: float, y: float, fill: str, stroke: str, cls: str, day) -> str:
    r = 6
    return (f'<path class="{cls}" data-date="{day:%Y-%m-%d}" d="M{x:.1f},{y - r:.1f} '
            f'L{x + r:.1f},{y:.1f} L{x:.1f},{y + r:.1f} L{x - r:.1f},{y:.1f} Z" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="2"/>')


def _star(x: float, y: float, cls: str, day) -> str:
    points = []
    for k in range(10):
        r = 9 if k % 2 == 0 else 3.8
        angle = math.pi / 2 + k * math.pi / 5
        points.append(f"{x + r * math.cos(angle):.1f},{y - r * math.sin(angle):.1f}")
    return (f'<polygon class="{cls}" data-date="{day:%Y-%m-%d}" points="{" ".join(points)}" '
            f'fill="{TIMELINE_KEY["answer"][1]}"/>')


def date_ticks(start: pd.Timestamp, end: pd.Timestamp) -> list[pd.Timestamp]:
    """Dates to write under a timeline running from ``start`` to ``end``: at most five, evenly apart.

    Parameters
    ----------
    start, end : Timestamp
        The first and last day the timeline shows.

    Returns
    -------
    list of Timestamp
    """
    span = max((end - start).days, 1)
    step = next((s for s in DATE_STEPS if span // s <= 4), DATE_STEPS[-1] * (span // 1456 + 1))
    first = start + pd.Timedelta(days=(-(start - pd.Timestamp("2000-01-03")).days) % step)
    return list(pd.date_range(first, end, freq=f"{step}D"))


def timeline_svg(facts: pd.DataFrame, today=None) -> str:
    """One candidate's interviews on a calendar, as an SVG picture with a key under it.

    Each interview is a row, its employer and role written over it: the
    interview day (a dot), the day the thank-you letter is due (a hollow
    diamond) and the day it went (a filled one; a late letter is drawn in
    red, joined to its due day and labelled with how late it was), the
    waiting time before a follow-up is welcome, the follow-up window, and
    the employer's answer (a star, with the answer in words). A dotted line
    marks today. Only what needs reading is written beside a mark; the rest
    is in the key. Its words are text, so the picture stays sharp at any
    width; every mark carries its date in ``data-date``.

    Parameters
    ----------
    facts : DataFrame
        Interview facts of one candidate (a few rows of :func:`followup_kit.facts`).
    today : date-like, optional
        The day to mark as today; the last date in the facts when left out.

    Returns
    -------
    str
        The SVG document.
    """
    need_columns(facts, TIMELINE_COLUMNS, "timeline_svg")
    if facts.empty:
        raise FollowupKitError("timeline_svg needs at least one interview")
    rows = facts.sort_values("interview_date", kind="stable").reset_index(drop=True)
    dated = rows[["interview_date", "thank_you_due", "thank_you_sent", "answered_on",
                  "follow_up_opens"]]
    last_seen = dated.max().max()
    today = pd.Timestamp(today).normalize() if today is not None else last_seen
    start = rows["interview_date"].min() - pd.Timedelta(days=2)
    end = max(today, last_seen) + pd.Timedelta(days=4)
    left, right = TIMELINE_LEFT, TIMELINE_WIDTH - TIMELINE_RIGHT
    per_day = (right - left) / max((end - start).days, 1)

    def x_of(day) -> float:
        return left + (pd.Timestamp(day) - start).days * per_day

    body, drawn = [], set()
    bottom = TIMELINE_TOP + TIMELINE_ROW * len(rows)
    for i, r in enumerate(rows.itertuples(index=False)):
        top = TIMELINE_TOP + TIMELINE_ROW * i
        if i:
            body.append(f'<line x1="{left}" y1="{top}" x2="{TIMELINE_WIDTH - left}" y2="{top}" '
                        'stroke="#e0e0e0"/>')
        name = _fit(f"{r.company} · {r.role}", 13, TIMELINE_WIDTH - left - 4, bold=True)
        body.append(_label(left, top + 16, name, size=13, anchor="start", bold=True,
                           cls="interview-name"))
        # The marks just under the name, and the words about a letter under the marks.
        y, said_y = top + 34, top + 55
        answer = r.answered_on
        stop = answer if pd.notna(answer) else today
        opens = r.follow_up_opens
        waiting_end = min(opens, stop) if pd.notna(opens) else stop
        x0, x1 = x_of(r.interview_date), x_of(max(waiting_end, r.interview_date))
        body.append(f'<rect class="waiting" data-date="{r.interview_date:%Y-%m-%d}" '
                    f'data-until="{waiting_end:%Y-%m-%d}" x="{x0:.1f}" y="{y - 5}" '
                    f'width="{x1 - x0:.1f}" height="10" fill="{TIMELINE_KEY["waiting"][1]}" '
                    'fill-opacity="0.6"/>')
        drawn.add("waiting")
        if pd.notna(opens) and opens < stop:
            w0, w1 = x_of(opens), x_of(stop)
            body.append(f'<rect class="window" data-date="{opens:%Y-%m-%d}" '
                        f'data-until="{stop:%Y-%m-%d}" x="{w0:.1f}" y="{y - 5}" '
                        f'width="{w1 - w0:.1f}" height="10" fill="url(#fk-hatch)"/>')
            drawn.add("window")
        body.append(f'<circle class="interview" data-date="{r.interview_date:%Y-%m-%d}" '
                    f'cx="{x0:.1f}" cy="{y}" r="5" fill="#000000"/>')
        drawn.add("interview")
        due, sent = r.thank_you_due, r.thank_you_sent
        blue = TIMELINE_KEY["thank-you-due"][1]
        body.append(_diamond(x_of(due), y, "#ffffff", blue, "thank-you-due", due))
        drawn.add("thank-you-due")
        if pd.isna(sent):
            if today > due:
                body.append(_label(x_of(due), said_y, "thank-you overdue", bold=True,
                                   colour=LATE, cls="said"))
        else:
            late = (sent - due).days
            colour = LATE if late > 0 else blue
            if late > 0:
                body.append(f'<line class="thank-you-late" x1="{x_of(due):.1f}" y1="{y}" '
                            f'x2="{x_of(sent):.1f}" y2="{y}" stroke="{LATE}" stroke-width="1.5" '
                            'stroke-dasharray="2 2"/>')
                body.append(_label(x_of(sent), said_y,
                                   f"sent {plural(late, 'day')} late", bold=True,
                                   colour=LATE, cls="said"))
            body.append(_diamond(x_of(sent), y, colour, colour, "thank-you-sent", sent))
            drawn.add("thank-you-sent")
        if pd.notna(answer):
            body.append(_star(x_of(answer), y, "answer", answer))
            body.append(_label(x_of(answer) + 12, y + 4, ANSWER_WORDS.get(str(r.outcome), "answer"),
                               anchor="start", bold=True, cls="said"))
            drawn.add("answer")
    tx = x_of(today)
    body.append(f'<line class="today" data-date="{today:%Y-%m-%d}" x1="{tx:.1f}" '
                f'y1="{TIMELINE_TOP - 4}" x2="{tx:.1f}" y2="{bottom}" stroke="#4d4d4d" '
                'stroke-width="1" stroke-dasharray="1 3"/>')
    body.insert(0, _label(tx, TIMELINE_TOP - 8, "today", size=12, colour="#4d4d4d", cls="today"))
    axis = bottom + 4
    body.append(f'<line x1="{left}" y1="{axis}" x2="{right}" y2="{axis}" stroke="#333333"/>')
    for day in date_ticks(start, end):
        x = x_of(day)
        body.append(f'<line x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" y2="{axis + 5}" stroke="#333333"/>')
        body.append(_label(x, axis + 19, f"{day.day} {day:%b}", size=12, colour="#333333",
                           cls="tick"))
    key_top = axis + 44
    shown = [k for k in TIMELINE_KEY if k in drawn]
    for n, kind in enumerate(shown):
        words, colour = TIMELINE_KEY[kind]
        x, y = left + 4 + (n % 2) * 196, key_top + (n // 2) * 24
        if kind in ("waiting", "window"):
            fill = "url(#fk-hatch)" if kind == "window" else colour
            body.append(f'<rect x="{x - 4}" y="{y - 5}" width="18" height="10" fill="{fill}" '
                        f'fill-opacity="{1 if kind == "window" else 0.6}"/>')
        elif kind == "interview":
            body.append(f'<circle cx="{x + 5}" cy="{y}" r="5" fill="{colour}"/>')
        elif kind == "answer":
            body.append(_star(x + 5, y, "key", today))
        else:
            body.append(_diamond(x + 5, y, "#ffffff" if kind == "thank-you-due" else colour,
                                 colour, "key", today))
        body.append(_label(x + 22, y + 4, words, size=12, anchor="start", cls="key-words"))
    height = key_top + 24 * ((len(shown) + 1) // 2)
    hatch = TIMELINE_KEY["window"][1]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {TIMELINE_WIDTH} {height}" '
            f'width="{TIMELINE_WIDTH}" height="{height}" font-family="{TIMELINE_FONT}">'
            '<defs><pattern id="fk-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="{hatch}"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>'
            f'<rect width="{TIMELINE_WIDTH}" height="{height}" fill="#ffffff"/>'
            + "".join(body) + "</svg>")


def timeline_words(facts: pd.DataFrame) -> str:
    """What the timeline shows, in sentences: the picture's text for a screen reader.

    Parameters
    ----------
    facts : DataFrame
        Interview facts of one candidate.

    Returns
    -------
    str
    """
    def day(value) -> str:
        return f"{value.day} {value:%B}"

    rows = facts.sort_values("interview_date", kind="stable")
    said = []
    for r in rows.itertuples(index=False):
        parts = [f"{r.company}, {r.role}: interview on {day(r.interview_date)}"]
        if pd.notna(r.thank_you_sent):
            late = (r.thank_you_sent - r.thank_you_due).days
            parts.append(f"thank-you sent on {day(r.thank_you_sent)}"
                         + (f", {plural(late, 'day')} late" if late > 0 else ""))
        else:
            parts.append(f"thank-you due on {day(r.thank_you_due)}")
        if pd.notna(r.answered_on):
            parts.append(f"answer ({ANSWER_WORDS.get(str(r.outcome), 'answer').rstrip('!')}) "
                         f"on {day(r.answered_on)}")
        elif pd.notna(r.follow_up_opens):
            parts.append(f"a follow-up is welcome from {day(r.follow_up_opens)}")
        said.append("; ".join(parts) + ".")
    return "Timeline of your interviews. " + " ".join(said)
