"""Pictures of the analyses drawn by matplotlib, one function per picture.

Each function takes the result of an analysis (not raw rows), draws the
description of its picture in :mod:`followup_kit.chart_model` on ``ax`` (a
new 6 x 4 inch figure when ``ax`` is None) and returns the Axes; the Vega-Lite
charts of :mod:`followup_kit.charts` draw the same descriptions. Hatches vary
with the colours, so a greyscale print still works. Text uses matplotlib's
bundled DejaVu Sans so images look the same on every machine. Extra keyword
arguments (``**style``) go to the main matplotlib call of each picture
(``step``, ``bar``, ``errorbar``, ``barh``).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .chart_model import (
    CURVE_DAYS,
    CurveChart,
    curve_model,
    funnel_model,
    histogram_model,
    rates_model,
)
from .errors import FollowupKitError
from .palette import PALETTE
from .stats.rates import outcome_rates
from .stats.report import funnel
from .stats.survival import response_curve

HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
FIGSIZE = (6.0, 4.0)
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "svg.fonttype": "none",
}


@contextmanager
def _style():
    with mpl.rc_context(RC):
        yield


def _axes(ax: Axes | None, figsize=FIGSIZE) -> Axes:
    if ax is not None:
        return ax
    # pyplot (and the backend it picks) is needed only for a figure of its own; widgets and
    # served pages draw on figure_axes() and never import it.
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _nothing_to_show(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="0.3")




def plot_response_curve(curve: pd.DataFrame, ax: Axes | None = None, *,
                        max_days: int | None = CURVE_DAYS, **style) -> Axes:
    """Draw response curves with their 95% bands and the number still waiting under the axis.

    Parameters
    ----------
    curve : DataFrame
        The result of :func:`followup_kit.response_curve` (any ``by``).
    ax : Axes, optional
        Where to draw; a new 6 x 4 inch figure when left out.
    max_days : int or None
        The last day shown (default 120, the months in which answers come);
        ``None`` shows every day followed. Interviews still waiting after
        ``max_days`` are still counted in the curve.
    **style
        Passed to ``Axes.step`` for every curve.

    Returns
    -------
    Axes
    """
    model = curve_model(curve, max_days=max_days, picture="plot_response_curve")
    with _style():
        ax = _axes(ax)
        for c in model.curves:
            ax.fill_between(c.days, c.ci_low, c.ci_high, step="post", color=c.colour, alpha=0.18,
                            linewidth=0)
            ax.step(c.days, c.survival, where="post", color=c.colour, linestyle=c.linestyle,
                    linewidth=2, label=c.label, **style)
            if c.marks_days is not None:
                ax.plot(c.marks_days, c.marks_survival, linestyle="none", marker="|",
                        markersize=4, markeredgewidth=0.8, color=c.colour)
        if model.message:
            _nothing_to_show(ax, model.message)
        ax.set_xlim(*model.x_limits)
        ax.set_ylim(*model.y_limits)
        ax.set_xticks(model.x_ticks)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel(model.x_title)
        ax.set_ylabel(model.y_title)
        ax.set_title(model.title)
        if model.named:
            ax.legend(loc="upper right", title=model.legend_title)
        _still_waiting(ax, model)
    return ax


def _still_waiting(ax: Axes, model: CurveChart) -> None:
    """Write how many interviews were still waiting on each tick, under the x axis."""
    counted = model.curves[:model.counted]
    # The names end left of the widest first number (centred on day 0): a DejaVu Sans digit
    # at 8 points is about 5 points wide, so half of "24,763" is about 15 points.
    widest = max((len(c.waiting_said[0]) for c in counted), default=1)
    left = -(2.6 * widest + 6)
    ax.annotate(model.waiting_title, xy=(0, 0), xycoords="axes fraction", xytext=(left, -46),
                textcoords="offset points", ha="right", va="top", fontsize=8, fontweight="bold",
                annotation_clip=False)
    for row, c in enumerate(counted):
        offset = -58 - 11 * row
        if model.named:
            ax.annotate(c.label, xy=(0, 0), xycoords="axes fraction", xytext=(left, offset),
                        textcoords="offset points", ha="right", va="top", fontsize=8,
                        color=c.colour, annotation_clip=False)
        for tick, said in zip(model.x_ticks, c.waiting_said, strict=True):
            ax.annotate(said, xy=(tick, 0), xycoords=("data", "axes fraction"),
                        xytext=(0, offset), textcoords="offset points", ha="center", va="top",
                        fontsize=8, color=c.colour, annotation_clip=False)
    if model.subtitle:
        ax.annotate(model.subtitle, xy=(1, 0), xycoords="axes fraction",
                    xytext=(0, -58 - 11 * len(counted)), textcoords="offset points", ha="right",
                    va="top", fontsize=7, annotation_clip=False)


def plot_response_histogram(curve: pd.DataFrame, ax: Axes | None = None, bin_days: int = 7,
                            **style) -> Axes:
    """Draw when employers answered: answers per week since the interview.

    Parameters
    ----------
    curve : DataFrame
        The result of :func:`followup_kit.response_curve`; its ``events`` and
        ``censored`` columns are the day counts.
    ax : Axes, optional
        Where to draw.
    bin_days : int
        Days per bar (a week by default).
    **style
        Passed to ``Axes.bar``.

    Returns
    -------
    Axes
    """
    model = histogram_model(curve, bin_days=bin_days, picture="plot_response_histogram")
    with _style():
        ax = _axes(ax)
        starts = model.edges[:-1]
        width = model.bin_days / max(len(model.bars), 1)
        for i, bars in enumerate(model.bars):
            ax.bar(starts + i * width, bars.heights, width=width * 0.9, align="edge",
                   color=bars.colour, hatch=HATCHES[i % len(HATCHES)], edgecolor="white",
                   linewidth=0.5, label=bars.label, **style)
        if model.message:
            _nothing_to_show(ax, model.message)
        if model.waiting is not None:
            ax.bar(starts, model.waiting.heights, bottom=model.waiting.bottom, width=width * 0.9,
                   align="edge", color="white", edgecolor=model.waiting.colour, hatch="///",
                   linewidth=0.8, label=model.waiting.label)
        ax.set_xlim(*model.x_limits)
        ax.set_ylim(0, max(ax.get_ylim()[1], 1) * 1.08)
        ax.set_xlabel(model.x_title)
        ax.set_ylabel(model.y_title)
        ax.set_title(model.title)
        if model.bars:
            ax.legend(loc="upper right")
    return ax


def plot_outcome_rates(rates: pd.DataFrame, ax: Axes | None = None, **style) -> Axes:
    """Draw rates with their 95% Wilson intervals, one row per cohort or behaviour.

    Parameters
    ----------
    rates : DataFrame
        The result of :func:`followup_kit.outcome_rates` (or the columns
        ``count``, ``trials``, ``rate``, ``ci_low``, ``ci_high`` plus group
        columns).
    ax : Axes, optional
        Where to draw.
    **style
        Passed to ``Axes.errorbar``.

    Returns
    -------
    Axes
    """
    model = rates_model(rates, picture="plot_outcome_rates")
    with _style():
        ax = _axes(ax)
        y = np.arange(len(model.labels))[::-1]
        known = model.known
        ax.errorbar(model.rate[known], y[known], xerr=model.interval_reach,
                    fmt="o", color=PALETTE[0], ecolor=PALETTE[0], elinewidth=2, capsize=4,
                    markersize=6, **style)
        for yi, said, k in zip(y, model.said, known, strict=True):
            ax.annotate(said, xy=(1, yi), xycoords=("axes fraction", "data"), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=8,
                        annotation_clip=False, color="black" if k else "0.4")
        if model.message:
            _nothing_to_show(ax, model.message)
        ax.set_yticks(y, model.labels)
        ax.set_ylim(-0.7, len(model.labels) - 0.3)
        ax.set_xlim(*model.x_limits)
        # Steps of 1, 2 or 5 points keep whole-percent tick labels honest.
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(model.x_title)
        ax.set_ylabel(model.y_title or "")
        ax.set_title(model.title, pad=14)
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
        if model.subtitle:
            ax.annotate(model.subtitle, xy=(0.5, 1), xycoords="axes fraction",
                        xytext=(0, 3), textcoords="offset points", fontsize=8, color="0.3",
                        ha="center", va="bottom")
    return ax


def plot_funnel(funnel: pd.DataFrame, ax: Axes | None = None, **style) -> Axes:
    """Draw the funnel: how many interviews reached each step.

    Parameters
    ----------
    funnel : DataFrame
        The result of :func:`followup_kit.funnel`.
    ax : Axes, optional
        Where to draw.
    **style
        Passed to ``Axes.barh``.

    Returns
    -------
    Axes
    """
    model = funnel_model(funnel, picture="plot_funnel")
    with _style():
        ax = _axes(ax)
        y = np.arange(len(model.stages))[::-1].astype(float)
        height = 0.8 / max(len(model.groups), 1)
        if model.message:
            _nothing_to_show(ax, model.message)
        for i, bars in enumerate(model.groups):
            pos = y + 0.4 - height * (i + 0.5)
            ax.barh(pos, bars.heights, height=height * 0.9, color=bars.colour,
                    hatch=HATCHES[i % len(HATCHES)], edgecolor="white", linewidth=0.5,
                    label=bars.label, **style)
            for yi, share, said in zip(pos, bars.heights, bars.said, strict=True):
                ax.annotate(said, xy=(share, yi), xytext=(3, 0), textcoords="offset points",
                            va="center", fontsize=7 if model.named else 8)
        ax.set_yticks(y, model.stages)
        ax.set_xlim(*model.x_limits)
        ax.set_xticks(model.x_ticks)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(model.x_title)
        ax.set_title(model.title)
        if model.named:
            ax.legend(loc="lower right", title=model.legend_title)
    return ax


def write_report_plots(facts: pd.DataFrame, folder: str | Path, dpi: int = 150) -> list[Path]:
    """Write the cohort report's pictures as PNG files: response curves, offer rates, funnel.

    Each picture is drawn on its own :class:`matplotlib.figure.Figure`, not
    through pyplot, so writing files never changes the backend or leaves a
    figure open in the caller's session (a notebook keeps its inline plots).

    Parameters
    ----------
    facts : DataFrame
        Interview facts.
    folder : str or Path
        Where to write ``response_curves.png``, ``offer_rates.png`` and ``funnel.png``;
        made if missing.
    dpi : int
        Resolution of the files.

    Returns
    -------
    list of Path
        The files written, in that order.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FollowupKitError(f"cannot make the folder {folder}: {exc.strerror}") from None
    pictures = {
        "response_curves.png": (plot_response_curve, response_curve(facts, by="cohort")),
        "offer_rates.png": (plot_outcome_rates, outcome_rates(facts, by="cohort")),
        "funnel.png": (plot_funnel, funnel(facts)),
    }
    paths = []
    for name, (draw, result) in pictures.items():
        with _style():
            figure = Figure(figsize=FIGSIZE, layout="constrained")
            draw(result, ax=figure.add_subplot())
            figure.savefig(folder / name, dpi=dpi)
        paths.append(folder / name)
    return paths


def figure_axes(figsize=FIGSIZE) -> Axes:
    """An Axes on its own :class:`~matplotlib.figure.Figure`, styled like every plot here.

    The figure is not registered with pyplot, so it is never shown twice,
    never left open, and is freed with the Axes: what a widget that redraws
    on every change needs. Pass it as ``ax=`` to any ``plot_*`` function.

    Parameters
    ----------
    figsize : (float, float)
        Inches, width by height.

    Returns
    -------
    Axes
    """
    with _style():
        return Figure(figsize=figsize, layout="constrained").add_subplot()

