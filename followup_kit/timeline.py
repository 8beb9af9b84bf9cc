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
from .words import plural, round_words

#: The timeline's marks, in the order its key lists them: (words in the key, colour).
TIMELINE_KEY = {
    "interview": ("interview", "#000000"),
    "interview-to-come": ("interview to come", "#000000"),
    "rounds": ("rounds of one job", "#000000"),
    "thank-you-due": ("thank-you due", PALETTE[0]),
    "thank-you-sent": ("thank-you sent", PALETTE[0]),
    "waiting": ("waiting for an answer", PALETTE[5]),
    "window": ("follow-up window", PALETTE[1]),
    "answer": ("answer", PALETTE[3]),
}
LATE = PALETTE[3]
ANSWER_WORDS = {"offer": "offer!", "rejection": "rejection", "next_round": "next round"}
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


def applications_in_rows(facts: pd.DataFrame) -> list[pd.DataFrame]:
    """The facts as the timeline draws them: one frame per application, its rounds in order.

    Applications come in the order of their first interview. Facts without
    ``application_id`` (an older caller's) make each interview an application
    of its own.
    """
    rows = facts.sort_values("interview_date", kind="stable").reset_index(drop=True)
    if "application_id" not in rows.columns:
        return [rows.iloc[[i]] for i in range(len(rows))]
    order = ["round", "interview_date"] if "round" in rows.columns else ["interview_date"]
    groups = rows.groupby(rows["application_id"].astype("str"), sort=False)
    return [group.sort_values(order, kind="stable") for _, group in groups]


def _rounds(group: pd.DataFrame) -> int:
    """How many rounds the application has that day: those held, and one set to come."""
    held = len(group)
    return max(held, int(group["rounds"].max())) if "rounds" in group.columns else held


def _to_come(group: pd.DataFrame, today: pd.Timestamp):
    """The day of the application's next round where it is set and not yet held; NaT otherwise."""
    if "next_round_date" not in group.columns:
        return pd.NaT
    day = group["next_round_date"].iloc[-1]
    return day if pd.notna(day) and day > today else pd.NaT


def timeline_svg(facts: pd.DataFrame, today=None) -> str:
    """One candidate's applications on a calendar, as an SVG picture with a key under it.

    Each application is a row, its employer and role written over it (and
    how many rounds, where there are several): each round's interview day (a
    dot) on the same row, a line joining the rounds (on to a hollow dot for
    a round set but not yet held), the day each thank-you letter is due (a
    hollow diamond) and the day it went (a filled one; a late letter is drawn
    in red, joined to its due day and labelled with how late it was), the
    waiting time before a follow-up is welcome, the follow-up window, and the
    employer's answer (a star, with the answer in words: an invitation to the
    next round is an answer too). A dotted line marks today. Only what needs
    reading is written beside a mark; the rest is in the key. Its words are
    text, so the picture stays sharp at any width; every mark carries its
    date in ``data-date``.

    Parameters
    ----------
    facts : DataFrame
        Interview facts of one candidate (a few rows of :func:`followup_kit.facts`),
        every round of each application.
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
    groups = applications_in_rows(facts)
    rows = pd.concat(groups)
    dated = rows[["interview_date", "thank_you_due", "thank_you_sent", "answered_on",
                  "follow_up_opens"]]
    last_seen = dated.max().max()
    today = pd.Timestamp(today).normalize() if today is not None else last_seen
    coming = [_to_come(g, today) for g in groups]
    start = rows["interview_date"].min() - pd.Timedelta(days=2)
    end = max([today, last_seen, *(d for d in coming if pd.notna(d))]) + pd.Timedelta(days=4)
    left, right = TIMELINE_LEFT, TIMELINE_WIDTH - TIMELINE_RIGHT
    per_day = (right - left) / max((end - start).days, 1)

    def x_of(day) -> float:
        return left + (pd.Timestamp(day) - start).days * per_day

    body, drawn = [], set()
    bottom = TIMELINE_TOP + TIMELINE_ROW * len(groups)
    for i, (group, to_come) in enumerate(zip(groups, coming, strict=True)):
        top = TIMELINE_TOP + TIMELINE_ROW * i
        if i:
            body.append(f'<line x1="{left}" y1="{top}" x2="{TIMELINE_WIDTH - left}" y2="{top}" '
                        'stroke="#e0e0e0"/>')
        first = group.iloc[0]
        rounds = _rounds(group)
        several = f" · {plural(rounds, 'round')}" if rounds > 1 else ""
        name = _fit(f"{first['company']} · {first['role']}", 13,
                    TIMELINE_WIDTH - left - 4 - _text_width(several, 13, bold=True), bold=True) + several
        body.append(_label(left, top + 16, name, size=13, anchor="start", bold=True,
                           cls="interview-name"))
        # The marks just under the name, and the words about a letter under the marks.
        y, said_y = top + 34, top + 55
        held = [x_of(d) for d in group["interview_date"]]
        if len(held) > 1:
            # Beneath the marks: the rounds of one application, joined.
            body.append(f'<line class="rounds" x1="{held[0]:.1f}" y1="{y}" x2="{held[-1]:.1f}" y2="{y}" '
                        f'stroke="{TIMELINE_KEY["rounds"][1]}" stroke-width="2"/>')
            drawn.add("rounds")
        if pd.notna(to_come):
            # From the invitation, where there is one, on to the round to come.
            invited = group["answered_on"].iloc[-1]
            since = x_of(invited) if pd.notna(invited) else held[-1]
            body.append(f'<line class="rounds-to-come" x1="{since:.1f}" y1="{y}" '
                        f'x2="{x_of(to_come):.1f}" y2="{y}" stroke="{TIMELINE_KEY["rounds"][1]}" '
                        'stroke-width="2" stroke-dasharray="4 3"/>')
        followed = [True] * (len(held) - 1) + [pd.notna(to_come)]
        said: list[list] = []
        for r, then in zip(group.itertuples(index=False), followed, strict=True):
            said.append([])
            _round_marks(body, drawn, r, y, said_y, x_of, today, then, said[-1])
        body.extend(_words_that_fit(said))
        if pd.notna(to_come):
            body.append(f'<circle class="interview-to-come" data-date="{to_come:%Y-%m-%d}" '
                        f'cx="{x_of(to_come):.1f}" cy="{y}" r="5" fill="#ffffff" stroke="#000000" '
                        'stroke-width="2"/>')
            drawn.add("interview-to-come")
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
        elif kind == "interview-to-come":
            body.append(f'<circle cx="{x + 5}" cy="{y}" r="5" fill="#ffffff" stroke="{colour}" '
                        'stroke-width="2"/>')
        elif kind == "rounds":
            body.append(f'<line x1="{x - 4}" y1="{y}" x2="{x + 14}" y2="{y}" stroke="{colour}" '
                        'stroke-width="2"/>')
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


def _words_that_fit(rounds: list[list]) -> list[str]:
    """The words of a row's rounds that do not run into each other, the latest round's first.

    Each round gives (left, right, y, label); an earlier round's words that
    would overlap words already placed on their line are left out (its marks still show).
    """
    placed: list[tuple[float, float, float]] = []
    kept = []
    for number in reversed(range(len(rounds))):
        for order, (left, right, y, label) in enumerate(rounds[number]):
            if all(abs(y - at) > 10 or right + 4 < a or left - 4 > b for a, b, at in placed):
                placed.append((left, right, y))
                kept.append(((number, order), label))
    # In the picture's own order, round by round.
    return [label for _, label in sorted(kept)]


def _said(said: list, x: float, y: float, text: str, anchor: str = "middle", **style) -> None:
    """Words about a mark, kept with the span they take so that :func:`_words_that_fit` can place them."""
    width = _text_width(text, 12, style.get("bold", False))
    if anchor == "middle":
        x = min(max(x, width / 2 + 2), TIMELINE_WIDTH - width / 2 - 2)
        left = x - width / 2
    else:
        left = x
    said.append((left, left + width, y, _label(x, y, text, anchor=anchor, **style)))


def _round_marks(body: list, drawn: set, r, y: float, said_y: float, x_of, today, followed: bool,
                 said: list) -> None:
    """One round's marks on its application's row: waiting, window, interview, letters, answer.

    ``followed``: a round comes after it, held or to come. The line to that
    round runs on from the answer, so the answer's words go under the row.
    The words go to ``said``, for the row to place where they fit.
    """
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
            _said(said, x_of(due), said_y, "thank-you overdue", bold=True, colour=LATE, cls="said")
    else:
        late = (sent - due).days
        colour = LATE if late > 0 else blue
        if late > 0:
            body.append(f'<line class="thank-you-late" x1="{x_of(due):.1f}" y1="{y}" '
                        f'x2="{x_of(sent):.1f}" y2="{y}" stroke="{LATE}" stroke-width="1.5" '
                        'stroke-dasharray="2 2"/>')
            _said(said, x_of(sent), said_y, f"sent {plural(late, 'day')} late", bold=True, colour=LATE,
                  cls="said")
        body.append(_diamond(x_of(sent), y, colour, colour, "thank-you-sent", sent))
        drawn.add("thank-you-sent")
    if pd.notna(answer):
        x = x_of(answer)
        words = ANSWER_WORDS.get(str(r.outcome), "answer")
        body.append(_star(x, y, "answer", answer))
        if followed:
            # The line on to the next round runs beside the star: its words go under it.
            _said(said, x, said_y, words, bold=True, cls="said")
        else:
            _said(said, x + 12, y + 4, words, anchor="start", bold=True, cls="said")
        drawn.add("answer")


def timeline_words(facts: pd.DataFrame, today=None) -> str:
    """What the timeline shows, in sentences: the picture's text for a screen reader.

    One sentence per application, as the picture has one row: an application
    of several rounds says how many, then each round in turn ("Kora Bank,
    Graduate analyst, 2 rounds: first interview on 1 April; ...; invited to the
    next round on 10 April; second interview on 20 April; ...").

    Parameters
    ----------
    facts : DataFrame
        Interview facts of one candidate.
    today : date-like, optional
        The day the picture marks as today: a round set after it is "to come".

    Returns
    -------
    str
    """
    def day(value) -> str:
        return f"{value.day} {value:%B}"

    said = []
    today = pd.Timestamp(today).normalize() if today is not None else None
    for group in applications_in_rows(facts):
        rounds = _rounds(group)
        several = rounds > 1
        first = group.iloc[0]
        parts = []
        for n, r in enumerate(group.itertuples(index=False), start=1):
            which = f"{round_words([getattr(r, 'round', n)]).iloc[0]}" if several else "interview"
            parts.append(f"{which} on {day(r.interview_date)}")
            if pd.notna(r.thank_you_sent):
                late = (r.thank_you_sent - r.thank_you_due).days
                parts.append(f"thank-you sent on {day(r.thank_you_sent)}"
                             + (f", {plural(late, 'day')} late" if late > 0 else ""))
            else:
                parts.append(f"thank-you due on {day(r.thank_you_due)}")
            if pd.notna(r.answered_on) and str(r.outcome) == "next_round":
                parts.append(f"invited to the next round on {day(r.answered_on)}")
            elif pd.notna(r.answered_on):
                parts.append(f"answer ({ANSWER_WORDS.get(str(r.outcome), 'answer').rstrip('!')}) "
                             f"on {day(r.answered_on)}")
            elif pd.notna(r.follow_up_opens):
                parts.append(f"a follow-up is welcome from {day(r.follow_up_opens)}")
        to_come = _to_come(group, today if today is not None else group["interview_date"].max())
        if pd.notna(to_come):
            parts.append(f"{round_words([rounds]).iloc[0]} to come on {day(to_come)}")
        name = f"{first['company']}, {first['role']}" + (f", {plural(rounds, 'round')}" if several else "")
        said.append(f"{name}: " + "; ".join(parts) + ".")
    return "Timeline of your interviews. " + " ".join(said)
