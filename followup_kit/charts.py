"""Pictures the browser draws: Vega-Lite charts of the analyses.

A view that redraws on every click (the cohort explorer) sends the browser
a small chart description, a few hundred numbers, instead of drawing a
picture in Python: JupyterLab draws Vega-Lite charts itself, and its
tooltips show the exact figures under the pointer. Each function takes the
result of an analysis, as its matplotlib twin in :mod:`followup_kit.plots`
does, and renders the same description of the picture
(:mod:`followup_kit.chart_model`: its numbers, colours, dashes and words) as
a dict, a Vega-Lite 5 specification that :func:`chart_bundle` turns into a
notebook output. The candidate's timeline is :mod:`followup_kit.timeline`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .chart_model import CURVE_DAYS, UNDESCRIBED, curve_model, rates_model
from .palette import PALETTE

#: The notebook output type JupyterLab draws as a Vega-Lite 5 chart.
VEGA_LITE = "application/vnd.vegalite.v5+json"
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: Pixels of the plotting area; the charts keep this size at any window width.
WIDTH, HEIGHT = 520, 260
#: matplotlib's line styles as SVG dash arrays.
DASHES = {"-": [1, 0], "--": [6, 3], "-.": [6, 3, 1, 3], ":": [1, 3]}
#: How a tooltip writes each field of the curves.
CURVE_FORMATS = {"survival": {"format": ".1%"}, "ci_low": {"format": ".1%"},
                 "ci_high": {"format": ".1%"}, "at_risk": {"format": ","}}
#: How a tooltip writes each field of the rates.
RATE_FORMATS = {"rate": {"format": ".1%"}, "ci_low": {"format": ".1%"},
                "ci_high": {"format": ".1%"}}
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


def _message(text: str) -> dict:
    """A layer that writes ``text`` in the middle of the chart."""
    return {"data": {"values": [{"text": text}]},
            "mark": {"type": "text", "fontSize": 13, "color": "#4d4d4d"},
            "encoding": {"text": {"field": "text"},
                         "x": {"value": WIDTH / 2}, "y": {"value": HEIGHT / 2}}}


def response_curve_chart(curve: pd.DataFrame, *, max_days: int | None = CURVE_DAYS) -> dict:
    """The response curves with their 95% bands, and how many were still waiting under the axis.

    The browser-drawn twin of :func:`followup_kit.plots.plot_response_curve`;
    both draw :func:`followup_kit.chart_model.curve_model`.

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
    model = curve_model(curve, max_days=max_days, picture="response_curve_chart")
    labels = [c.label for c in model.curves]
    risk_labels = labels[:model.counted]
    curves, waiting, marks = [], [], []
    for c in model.curves:
        curves += _records(pd.DataFrame({"group": c.label, "days": c.days, "survival": c.survival,
                                         "ci_low": c.ci_low, "ci_high": c.ci_high,
                                         "at_risk": c.at_risk}))
        if c.label in risk_labels:
            waiting += [{"group": c.label, "days": d, "n": int(n)}
                        for d, n in zip(model.x_ticks, c.waiting, strict=True)]
        if c.marks_days is not None:
            marks += _records(pd.DataFrame({"days": c.marks_days, "survival": c.marks_survival,
                                            "censored": c.marks_censored, "group": c.label}))
    widest = max((len(said) for c in model.curves[:model.counted] for said in c.waiting_said),
                 default=1)
    # Colour and dash share one legend: the same field, title and place in every layer.
    legend = ({"orient": "top-right", "title": model.legend_title, "symbolType": "stroke",
               "symbolStrokeWidth": 2, "symbolOpacity": 1, "symbolSize": 300}
              if model.named else None)
    colour = {"field": "group", "type": "nominal",
              "scale": {"domain": labels, "range": [c.colour for c in model.curves]},
              "sort": labels, "legend": legend}
    x = {"field": "days", "type": "quantitative",
         "scale": {"domain": list(model.x_limits), "nice": False},
         "axis": {"values": list(model.x_ticks), "title": model.x_title}}
    tooltip = [{"field": field, "title": title, **CURVE_FORMATS.get(field, {})}
               for field, title in model.tooltips]
    layers = [
        {"data": {"name": "curves"},
         "mark": {"type": "area", "interpolate": "step-after", "opacity": 0.18, "clip": True},
         "encoding": {"x": x, "y": {"field": "ci_low", "type": "quantitative"},
                      "y2": {"field": "ci_high"}, "color": colour}},
        {"data": {"name": "curves"},
         "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2, "clip": True},
         "encoding": {"x": x,
                      "y": {"field": "survival", "type": "quantitative",
                            "scale": {"domain": list(model.y_limits), "nice": False},
                            "axis": {"format": "%", "values": list(model.y_ticks),
                                     "title": model.y_title}},
                      "color": colour,
                      "strokeDash": {"field": "group", "type": "nominal", "sort": labels,
                                     "scale": {"domain": labels,
                                               "range": [DASHES[c.linestyle]
                                                         for c in model.curves]},
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
    if model.message:
        layers.append(_message(model.message))
    chart = {"width": WIDTH, "height": HEIGHT, "layer": layers}
    views = [chart]
    if waiting:
        views.append({
            "width": WIDTH, "height": 16 * len(risk_labels),
            "title": {"text": model.waiting_title, "fontSize": 11, "anchor": "start", "offset": 4},
            "data": {"name": "waiting"},
            "mark": {"type": "text", "fontSize": 11, "baseline": "middle"},
            "encoding": {"x": {**x, "axis": None},
                         "y": {"field": "group", "type": "nominal", "sort": risk_labels,
                               "title": None,
                               # The names end left of the widest number centred on day 0.
                               "axis": ({"domain": False, "ticks": False, "labelFontSize": 11,
                                         "labelPadding": 4 + 3.5 * widest}
                                        if model.named else None)},
                         "text": {"field": "n", "format": ","},
                         "color": colour}})
    spec = {"$schema": SCHEMA, "config": CONFIG,
            "title": {"text": model.title,
                      **({"subtitle": model.subtitle} if model.subtitle else {})},
            "description": model.description,
            "datasets": {"curves": curves, "waiting": waiting, "marks": marks},
            "vconcat": views, "spacing": 12,
            "resolve": {"scale": {"x": "shared", "color": "shared"}}}
    return spec


def outcome_rates_chart(rates: pd.DataFrame) -> dict:
    """Rates with their 95% Wilson intervals, one row per cohort or behaviour, "k of n" beside each.

    The browser-drawn twin of :func:`followup_kit.plots.plot_outcome_rates`;
    both draw :func:`followup_kit.chart_model.rates_model`.

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
    model = rates_model(rates, picture="outcome_rates_chart")
    labels = list(model.labels)
    rows = pd.DataFrame({"group": labels, "rate": model.rate, "ci_low": model.ci_low,
                         "ci_high": model.ci_high, "count": model.count,
                         "trials": model.trials, "said": list(model.said)})
    top = model.x_limits[1]
    x = {"type": "quantitative", "scale": {"domain": list(model.x_limits), "nice": False},
         "axis": {"format": ".0%", "tickCount": 6, "grid": True, "gridColor": "#e6e6e6",
                  "title": model.x_title}}
    y = {"field": "group", "type": "nominal", "sort": labels, "title": model.y_title}
    tooltip = [{"field": field, "title": title, **RATE_FORMATS.get(field, {})}
               for field, title in model.tooltips]
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
    if model.message:
        layers.append(_message(model.message))
    heading = {"text": model.title, **({"subtitle": model.subtitle} if model.subtitle else {})}
    return {"$schema": SCHEMA, "config": CONFIG, "title": heading,
            "description": model.description,
            "datasets": {"rates": _records(rows)}, "data": {"name": "rates"},
            "width": WIDTH - 90, "height": max(28 * len(rows), 60), "layer": layers}


def chart_bundle(chart: dict) -> dict:
    """A notebook output that shows ``chart``: the chart for JupyterLab, its sentence as plain text."""
    return {"output_type": "display_data", "metadata": {},
            "data": {VEGA_LITE: chart, "text/plain": chart.get("description", UNDESCRIBED)}}
