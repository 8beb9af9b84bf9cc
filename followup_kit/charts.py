"""Pictures the browser draws: Vega-Lite charts of the analyses.

A view that redraws on every click (the cohort explorer) sends the browser
a small chart description, a few hundred numbers, instead of drawing a
picture in Python: JupyterLab draws Vega-Lite charts itself, and its
tooltips show the exact figures under the pointer. Each function takes the
result of an analysis, as its matplotlib twin in :mod:`followup_kit.plots`
does, and returns the chart as a dict (a Vega-Lite 5 specification) that
:func:`chart_bundle` turns into a notebook output. Colours, dashes and
words are the ones the matplotlib pictures use (:mod:`followup_kit.palette`).
The candidate's timeline is :mod:`followup_kit.timeline`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

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
from .words import ASSOCIATION, in_words

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
