"""Pictures the browser draws: Vega-Lite charts of the analyses, and the candidate's timeline.

A view that redraws on every click (the cohort explorer) sends the browser
a small chart description, a few hundred numbers, instead of drawing a
picture in Python: JupyterLab draws Vega-Lite charts itself, and its
tooltips show the exact figures under the pointer. Each function takes the
result of an analysis, as its matplotlib twin in :mod:`followup_kit.plots`
does, and returns the chart as a dict (a Vega-Lite 5 specification) that
:func:`chart_bundle` turns into a notebook output. Colours, dashes and
words are the ones the matplotlib pictures use (:mod:`followup_kit.palette`).

The candidate's timeline (:func:`timeline_svg`) is an SVG picture written
here, so a served page needs neither matplotlib in its kernel nor a chart
library on the phone.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd

from .errors import FollowupKitError
from .palette import (
    CURVE_DAYS,
    LINESTYLES,
    MAX_CENSOR_MARKS,
    MAX_RISK_ROWS,
    NO_ANSWERS,
    NO_INTERVIEWS,
    OUTCOME_WORDS,
    PALETTE,
    group_columns,
    need_columns,
    result_groups,
    still_waiting_on,
)
from .stats.rates import SETTLED_OUTCOMES
from .stats.survival import CURVE_COLUMNS
from .words import ASSOCIATION, in_words, plural

#: The notebook output type JupyterLab draws as a Vega-Lite 5 chart.
VEGA_LITE = "application/vnd.vegalite.v5+json"
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: Pixels of the plotting area; the charts keep this size at any window width.
WIDTH, HEIGHT = 520, 260
#: matplotlib's line styles as SVG dash arrays.
DASHES = {"-": [1, 0], "--": [6, 3], "-.": [6, 3, 1, 3], ":": [1, 3]}
#: Steps (days) for the ticks of the curve's x axis; the smallest giving at most seven ticks is used.
TICK_STEPS = (1, 2, 5, 7, 10, 14, 20, 30, 60, 90, 120, 180, 365)
CONFIG = {"font": "DejaVu Sans, Verdana, sans-serif", "view": {"stroke": None},
          "axis": {"labelFontSize": 11, "titleFontSize": 11, "grid": False},
          "legend": {"labelFontSize": 11, "titleFontSize": 11},
          "title": {"fontSize": 14, "anchor": "start", "subtitleColor": "#555"}}


def _plain(value):
    """A JSON value: numpy numbers as Python numbers, NaN as null."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    columns = list(frame.columns)
    return [{c: _plain(v) for c, v in zip(columns, row, strict=True)}
            for row in frame.itertuples(index=False, name=None)]


def tick_days(last: int) -> list[int]:
    """Days to label on a curve's x axis from 0 to ``last``: at most seven, a round step apart.

    Parameters
    ----------
    last : int
        The last day shown.

    Returns
    -------
    list of int
    """
    last = max(int(last), 1)
    step = next((s for s in TICK_STEPS if last // s <= 6), TICK_STEPS[-1] * (last // 2190 + 1))
    return list(range(0, last + 1, step))


def _message(text: str) -> dict:
    """A layer that writes ``text`` in the middle of the chart."""
    return {"data": {"values": [{"text": text}]},
            "mark": {"type": "text", "fontSize": 13, "color": "#4d4d4d"},
            "encoding": {"text": {"field": "text"},
                         "x": {"value": WIDTH / 2}, "y": {"value": HEIGHT / 2}}}


def _colours(labels: list[str]) -> dict:
    return {"domain": labels, "range": [PALETTE[i % len(PALETTE)] for i in range(len(labels))]}


def response_curve_chart(curve: pd.DataFrame, *, max_days: int | None = CURVE_DAYS) -> dict:
    """The response curves with their 95% bands, and how many were still waiting under the axis.

    The browser-drawn twin of :func:`followup_kit.plots.plot_response_curve`.

    Parameters
    ----------
    curve : DataFrame
        The result of :func:`followup_kit.response_curve` (any ``by``).
    max_days : int or None
        The last day shown (default 120); ``None`` shows every day followed.

    Returns
    -------
    dict
        A Vega-Lite 5 specification. Its ``datasets`` hold the numbers drawn:
        ``curves`` (``group``, ``days``, ``survival``, ``ci_low``, ``ci_high``,
        ``at_risk``; each curve starts at day 0 and stops on the last day its
        group was seen or at ``max_days``), ``waiting`` (``group``, ``days``,
        ``n``: still waiting on each labelled day) and ``marks`` (days on
        which interviews were last seen still waiting).
    """
    need_columns(curve, CURVE_COLUMNS, "response_curve_chart")
    by = group_columns(curve, CURVE_COLUMNS)
    groups = result_groups(curve, by)
    last = int(curve["days"].max()) if len(curve) else 30
    if max_days is not None:
        last = min(last, int(max_days))
    last = max(last, 1)
    ticks = tick_days(last)
    groups = [(in_words(label), rows) for label, rows in groups]
    labels = [label for label, _ in groups]
    curves, waiting, marks = [], [], []
    for label, rows in groups:
        shown = rows.loc[rows["days"] <= last]
        days = np.r_[0, shown["days"].to_numpy()]
        # Day 0: nobody has answered yet, and every interview of the group is followed.
        start = {"survival": 1.0, "ci_low": 1.0, "ci_high": 1.0, "at_risk": rows["at_risk"].iloc[0]}
        values = {c: np.r_[first, shown[c].to_numpy()] for c, first in start.items()}
        # A curve stops on the last day its group was seen, or goes on flat to the last day shown.
        end = min(int(rows["days"].max()), last)
        if days[-1] < end:
            days = np.r_[days, end]
            values = {c: np.r_[v, v[-1]] for c, v in values.items()}
        curves += _records(pd.DataFrame({"group": label, "days": days, **values}))
        waiting += [{"group": label, "days": d, "n": int(n)}
                    for d, n in zip(ticks, still_waiting_on(rows, ticks), strict=True)]
        censored = shown.loc[shown["censored"] > 0]
        if len(censored) <= MAX_CENSOR_MARKS:
            marks += _records(censored[["days", "survival", "censored"]].assign(group=label))
    risk_labels = labels[:MAX_RISK_ROWS]
    waiting = [row for row in waiting if row["group"] in risk_labels]
    widest = max((len(f"{row['n']:,}") for row in waiting), default=1)
    legend_title = ", ".join(in_words(b) for b in by) if by else ""
    # Colour and dash share one legend: the same field, title and place in every layer.
    legend = ({"orient": "top-right", "title": legend_title, "symbolType": "stroke",
               "symbolStrokeWidth": 2, "symbolOpacity": 1, "symbolSize": 300}
              if len(labels) > 1 else None)
    colour = {"field": "group", "type": "nominal", "scale": _colours(labels),
              "sort": labels, "legend": legend}
    x = {"field": "days", "type": "quantitative", "scale": {"domain": [0, last], "nice": False},
         "axis": {"values": ticks, "title": "days since the interview"}}
    tooltip = [{"field": "group", "title": legend_title or "interviews"},
               {"field": "days", "title": "day"},
               {"field": "survival", "title": "still waiting", "format": ".1%"},
               {"field": "ci_low", "title": "95% interval from", "format": ".1%"},
               {"field": "ci_high", "title": "to", "format": ".1%"},
               {"field": "at_risk", "title": "interviews followed that day", "format": ","}]
    layers = [
        {"data": {"name": "curves"},
         "mark": {"type": "area", "interpolate": "step-after", "opacity": 0.18, "clip": True},
         "encoding": {"x": x, "y": {"field": "ci_low", "type": "quantitative"},
                      "y2": {"field": "ci_high"}, "color": colour}},
        {"data": {"name": "curves"},
         "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2, "clip": True},
         "encoding": {"x": x,
                      "y": {"field": "survival", "type": "quantitative",
                            "scale": {"domain": [0, 1.02], "nice": False},
                            "axis": {"format": "%", "values": [0, 0.2, 0.4, 0.6, 0.8, 1.0],
                                     "title": "still waiting for an answer"}},
                      "color": colour,
                      "strokeDash": {"field": "group", "type": "nominal", "sort": labels,
                                     "scale": {"domain": labels,
                                               "range": [DASHES[LINESTYLES[i % len(LINESTYLES)]]
                                                         for i in range(len(labels))]},
                                     "legend": legend}}},
        {"data": {"name": "curves"},
         "mark": {"type": "point", "filled": True, "size": 60, "opacity": 0, "clip": True},
         "encoding": {"x": x, "y": {"field": "survival", "type": "quantitative"},
                      "tooltip": tooltip}},
    ]
    if marks:
        layers.append({"data": {"name": "marks"},
                       "mark": {"type": "point", "shape": "M0,-1L0,1", "size": 30,
                                "strokeWidth": 1, "clip": True},
                       "encoding": {"x": x, "y": {"field": "survival", "type": "quantitative"},
                                    "color": colour}})
    if not groups:
        layers.append(_message(NO_INTERVIEWS))
    elif curve["events"].sum() == 0:
        layers.append(_message(NO_ANSWERS))
    chart = {"width": WIDTH, "height": HEIGHT, "layer": layers}
    views = [chart]
    if waiting:
        views.append({
            "width": WIDTH, "height": 16 * len(risk_labels),
            "title": {"text": "still waiting", "fontSize": 11, "anchor": "start", "offset": 4},
            "data": {"name": "waiting"},
            "mark": {"type": "text", "fontSize": 11, "baseline": "middle"},
            "encoding": {"x": {**x, "axis": None},
                         "y": {"field": "group", "type": "nominal", "sort": risk_labels,
                               "title": None,
                               # The names end left of the widest number centred on day 0.
                               "axis": ({"domain": False, "ticks": False, "labelFontSize": 11,
                                         "labelPadding": 4 + 3.5 * widest}
                                        if len(labels) > 1 else None)},
                         "text": {"field": "n", "format": ","},
                         "color": colour}})
    note = (f"(the first {len(risk_labels)} of {len(labels)} groups are counted under the curves)"
            if len(labels) > len(risk_labels) else None)
    spec = {"$schema": SCHEMA, "config": CONFIG,
            "title": {"text": "How long employers take to answer",
                      **({"subtitle": note} if note else {})},
            "description": _curve_words(groups, last),
            "datasets": {"curves": curves, "waiting": waiting, "marks": marks},
            "vconcat": views, "spacing": 12,
            "resolve": {"scale": {"x": "shared", "color": "shared"}}}
    return spec


def _curve_words(groups, last: int) -> str:
    """The curves in one sentence, for a screen reader and for a plain-text output."""
    if not groups:
        return f"How long employers take to answer: {NO_INTERVIEWS}."
    said = []
    for label, rows in groups:
        upto = rows.loc[rows["days"] <= last, "survival"]
        share = float(upto.iloc[-1]) if len(upto) else 1.0
        said.append(f"{label}: {share:.0%} still waiting on day {min(last, int(rows['days'].max()))}")
    return "How long employers take to answer. " + "; ".join(said) + "."


def outcome_rates_chart(rates: pd.DataFrame) -> dict:
    """Rates with their 95% Wilson intervals, one row per cohort or behaviour, "k of n" beside each.

    The browser-drawn twin of :func:`followup_kit.plots.plot_outcome_rates`.

    Parameters
    ----------
    rates : DataFrame
        The result of :func:`followup_kit.outcome_rates`.

    Returns
    -------
    dict
        A Vega-Lite 5 specification; ``datasets["rates"]`` holds one row per
        group (``group``, ``rate``, ``ci_low``, ``ci_high``, ``count``,
        ``trials``, ``said``), in the order of ``rates``.
    """
    own = ["outcome", "count", "trials", "rate", "ci_low", "ci_high", "note"]
    need_columns(rates, own[1:6], "outcome_rates_chart")
    by = group_columns(rates, own)
    outcome = str(rates["outcome"].iloc[0]) if "outcome" in rates and len(rates) else "rate"
    labels = ([", ".join(in_words(v) for v in row) for row in rates[by].itertuples(index=False)]
              if by else ["all interviews"] * len(rates))
    rows = pd.DataFrame({
        "group": labels,
        "rate": rates["rate"].to_numpy(dtype=float),
        "ci_low": rates["ci_low"].to_numpy(dtype=float),
        "ci_high": rates["ci_high"].to_numpy(dtype=float),
        "count": rates["count"].to_numpy(),
        "trials": rates["trials"].to_numpy(),
        "said": [f"{k:,} of {n:,}" if n else "no data yet"
                 for k, n in zip(rates["count"], rates["trials"], strict=True)]})
    top = min(1.0, max(0.1, float(np.nanmax(rows["ci_high"], initial=0.1)) * 1.15))
    words = OUTCOME_WORDS.get(outcome, in_words(outcome))
    denominator = ("of interviews old enough to have settled" if outcome in SETTLED_OUTCOMES
                   else "of interviews")
    x = {"type": "quantitative", "scale": {"domain": [0, top], "nice": False},
         "axis": {"format": ".0%", "tickCount": 6, "grid": True, "gridColor": "#e6e6e6",
                  "title": f"{words.lower()} ({denominator}, 95% interval)"}}
    y = {"field": "group", "type": "nominal", "sort": labels,
         "title": ", ".join(in_words(b) for b in by) if by else None}
    tooltip = [{"field": "group", "title": y["title"] or "interviews"},
               {"field": "rate", "title": words.lower(), "format": ".1%"},
               {"field": "ci_low", "title": "95% interval from", "format": ".1%"},
               {"field": "ci_high", "title": "to", "format": ".1%"},
               {"field": "said", "title": "interviews"}]
    layers = [
        {"mark": {"type": "rule", "strokeWidth": 2, "color": PALETTE[0]},
         "encoding": {"x": {**x, "field": "ci_low"}, "x2": {"field": "ci_high"}, "y": y}},
        {"mark": {"type": "point", "filled": True, "size": 60, "color": PALETTE[0], "opacity": 1},
         "encoding": {"x": {**x, "field": "rate"}, "y": y, "tooltip": tooltip}},
        {"mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 11},
         "encoding": {"x": {"datum": top, "type": "quantitative"}, "y": y, "text": {"field": "said"},
                      "color": {"condition": {"test": "datum.rate == null", "value": "#666"},
                                "value": "black"}}},
    ]
    if rates.empty:
        layers.append(_message(NO_INTERVIEWS))
    title = words if words[:1].isupper() else words.capitalize()
    heading = {"text": f"{title} by {', '.join(in_words(b) for b in by)}" if by else title}
    if by and not set(by) <= {"cohort"}:
        heading["subtitle"] = ASSOCIATION
    said = "; ".join(f"{g}: {s}" if math.isnan(r) else f"{g}: {r:.0%} ({s})"
                     for g, r, s in zip(rows["group"], rows["rate"], rows["said"], strict=True))
    return {"$schema": SCHEMA, "config": CONFIG, "title": heading,
            "description": f"{heading['text']}. {said}." if said else f"{heading['text']}.",
            "datasets": {"rates": _records(rows)}, "data": {"name": "rates"},
            "width": WIDTH - 90, "height": max(28 * len(rows), 60), "layer": layers}


def chart_bundle(chart: dict) -> dict:
    """A notebook output that shows ``chart``: the chart for JupyterLab, its sentence as plain text."""
    return {"output_type": "display_data", "metadata": {},
            "data": {VEGA_LITE: chart, "text/plain": chart.get("description", "(a chart)")}}


# -- The candidate's timeline, as an SVG picture ---------------------------------------------
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
