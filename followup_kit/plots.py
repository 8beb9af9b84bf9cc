"""Pictures of the analyses, one function per picture.

Each function takes the result of an analysis (not raw rows), draws on
``ax`` (a new 6 x 4 inch figure when ``ax`` is None) and returns the Axes.
Colours come from the Okabe–Ito palette, which people with colour-blindness
tell apart; line styles and hatches vary too, so a greyscale print still
works. Text uses matplotlib's bundled DejaVu Sans so images look the same
on every machine. Extra keyword arguments (``**style``) go to the main
matplotlib call of each picture (``step``, ``bar``, ``errorbar``, ``barh``).
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
from .stats.rates import SETTLED_OUTCOMES, outcome_rates
from .stats.report import funnel
from .stats.survival import CURVE_COLUMNS, response_curve
from .words import ASSOCIATION, in_words

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
STAGE_LABELS = {
    "interviews": "Interviews",
    "thanked": "Thank-you sent",
    "thanked_on_time": "Thank-you on time",
    "followed_up_in_window": "Followed up in the window",
    "answered": "Employer answered",
    "offers": "Offers",
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
    need_columns(curve, CURVE_COLUMNS, "plot_response_curve")
    by = group_columns(curve, CURVE_COLUMNS)
    with _style():
        ax = _axes(ax)
        groups = result_groups(curve, by)
        last = int(curve["days"].max()) if len(curve) else 30
        if max_days is not None:
            last = min(last, int(max_days))
        for i, (label, rows) in enumerate(groups):
            # A curve stops on the last day its group was seen: beyond it nothing is known.
            x = np.r_[0, rows["days"].to_numpy(), int(rows["days"].max())]
            y = np.r_[1.0, rows["survival"].to_numpy(), rows["survival"].iloc[-1]]
            low = np.r_[1.0, rows["ci_low"].to_numpy(), rows["ci_low"].iloc[-1]]
            high = np.r_[1.0, rows["ci_high"].to_numpy(), rows["ci_high"].iloc[-1]]
            colour = PALETTE[i % len(PALETTE)]
            ax.fill_between(x, low, high, step="post", color=colour, alpha=0.18, linewidth=0)
            ax.step(x, y, where="post", color=colour, linestyle=LINESTYLES[i % len(LINESTYLES)],
                    linewidth=2, label=label, **style)
            waiting = rows.loc[(rows["censored"] > 0) & (rows["days"] <= last)]
            if len(waiting) <= MAX_CENSOR_MARKS:
                ax.plot(waiting["days"], waiting["survival"], linestyle="none", marker="|",
                        markersize=4, markeredgewidth=0.8, color=colour)
        if not groups:
            _nothing_to_show(ax, NO_INTERVIEWS)
        elif curve["events"].sum() == 0:
            _nothing_to_show(ax, NO_ANSWERS)
        ax.set_xlim(0, max(last, 1))
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel("days since the interview")
        ax.set_ylabel("still waiting for an answer")
        ax.set_title("How long employers take to answer")
        if len(groups) > 1:
            ax.legend(loc="upper right", title=", ".join(in_words(b) for b in by))
        _at_risk_table(ax, groups)
    return ax


def _at_risk_table(ax: Axes, groups) -> None:
    """Write how many interviews were still waiting at each tick, under the x axis."""
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    shown = groups[:MAX_RISK_ROWS]
    # The names end left of the widest first number (centred on day 0): a DejaVu Sans digit
    # at 8 points is about 5 points wide, so half of "24,763" is about 15 points.
    widest = max((len(f"{(rows['events'] + rows['censored']).sum():,}") for _, rows in shown),
                 default=1)
    left = -(2.6 * widest + 6)
    ax.annotate("still waiting", xy=(0, 0), xycoords="axes fraction", xytext=(left, -46),
                textcoords="offset points", ha="right", va="top", fontsize=8, fontweight="bold",
                annotation_clip=False)
    for row, (label, rows) in enumerate(shown):
        counts = still_waiting_on(rows, ticks)
        offset = -58 - 11 * row
        colour = PALETTE[row % len(PALETTE)]
        if len(groups) > 1:
            ax.annotate(label, xy=(0, 0), xycoords="axes fraction", xytext=(left, offset),
                        textcoords="offset points", ha="right", va="top", fontsize=8,
                        color=colour, annotation_clip=False)
        for tick, n in zip(ticks, counts, strict=True):
            ax.annotate(f"{n:,}", xy=(tick, 0), xycoords=("data", "axes fraction"),
                        xytext=(0, offset), textcoords="offset points", ha="center", va="top",
                        fontsize=8, color=colour, annotation_clip=False)
    if len(groups) > len(shown):
        ax.annotate(f"(first {len(shown)} of {len(groups)} groups)", xy=(1, 0),
                    xycoords="axes fraction", xytext=(0, -58 - 11 * len(shown)),
                    textcoords="offset points", ha="right", va="top", fontsize=7,
                    annotation_clip=False)


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
    need_columns(curve, CURVE_COLUMNS, "plot_response_histogram")
    by = group_columns(curve, CURVE_COLUMNS)
    with _style():
        ax = _axes(ax)
        groups = result_groups(curve, by)
        last = int(curve["days"].max()) if len(curve) else 0
        edges = np.arange(0, last + bin_days + 1, bin_days)
        width = bin_days / max(len(groups), 1)
        for i, (label, rows) in enumerate(groups):
            answers, _ = np.histogram(rows["days"], bins=edges, weights=rows["events"])
            name = "answers" if len(groups) == 1 else label
            ax.bar(edges[:-1] + i * width, answers, width=width * 0.9, align="edge",
                   color=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)],
                   edgecolor="white", linewidth=0.5, label=name, **style)
        if not groups:
            _nothing_to_show(ax, NO_INTERVIEWS)
        elif curve["events"].sum() == 0:
            _nothing_to_show(ax, NO_ANSWERS)
        if len(groups) == 1:
            waiting, _ = np.histogram(groups[0][1]["days"], bins=edges,
                                      weights=groups[0][1]["censored"])
            answers, _ = np.histogram(groups[0][1]["days"], bins=edges,
                                      weights=groups[0][1]["events"])
            ax.bar(edges[:-1], waiting, bottom=answers, width=width * 0.9, align="edge",
                   color="white", edgecolor=PALETTE[0], hatch="///", linewidth=0.8,
                   label="still waiting when last seen")
        ax.set_xlim(0, edges[-1])
        ax.set_ylim(0, max(ax.get_ylim()[1], 1) * 1.08)
        ax.set_xlabel(f"days since the interview ({bin_days}-day bars)")
        ax.set_ylabel("interviews")
        ax.set_title("When employers answered")
        if groups:
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
    own = ["outcome", "count", "trials", "rate", "ci_low", "ci_high", "note"]
    need_columns(rates, own[1:6], "plot_outcome_rates")
    by = group_columns(rates, own)
    outcome = str(rates["outcome"].iloc[0]) if "outcome" in rates and len(rates) else "rate"
    with _style():
        ax = _axes(ax)
        labels = ([", ".join(in_words(v) for v in row) for row in rates[by].itertuples(index=False)]
                  if by else ["all interviews"])
        y = np.arange(len(rates))[::-1]
        rate = rates["rate"].to_numpy(dtype=float)
        known = ~np.isnan(rate)
        low = rates["ci_low"].to_numpy(dtype=float)
        high = rates["ci_high"].to_numpy(dtype=float)
        ax.errorbar(rate[known], y[known],
                    xerr=[rate[known] - low[known], high[known] - rate[known]],
                    fmt="o", color=PALETTE[0], ecolor=PALETTE[0], elinewidth=2, capsize=4,
                    markersize=6, **style)
        for yi, k, n, r in zip(y, rates["count"], rates["trials"], rate, strict=True):
            text = f"{k:,} of {n:,}" if n else "no data yet"
            ax.annotate(text, xy=(1, yi), xycoords=("axes fraction", "data"), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=8,
                        annotation_clip=False, color="black" if not np.isnan(r) else "0.4")
        if rates.empty:
            _nothing_to_show(ax, NO_INTERVIEWS)
        ax.set_yticks(y, labels)
        ax.set_ylim(-0.7, len(rates) - 0.3)
        ax.set_xlim(0, min(1.0, max(0.1, float(np.nanmax(high, initial=0.1)) * 1.15)))
        # Steps of 1, 2 or 5 points keep whole-percent tick labels honest.
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        denominator = ("of interviews old enough to have settled" if outcome in
                       SETTLED_OUTCOMES else "of interviews")
        ax.set_xlabel(f"{OUTCOME_WORDS.get(outcome, in_words(outcome)).lower()} "
                      f"({denominator}, 95% interval)")
        ax.set_ylabel(", ".join(in_words(b) for b in by) if by else "")
        title = OUTCOME_WORDS.get(outcome, in_words(outcome).capitalize())
        ax.set_title(f"{title} by {', '.join(in_words(b) for b in by)}" if by else title, pad=14)
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
        if by and not set(by) <= {"cohort"}:
            ax.annotate(ASSOCIATION, xy=(0.5, 1), xycoords="axes fraction",
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
    need_columns(funnel, ["stage", "count", "share"], "plot_funnel")
    by = group_columns(funnel, ["stage", "count", "share"])
    with _style():
        ax = _axes(ax)
        # A group with no interviews has no shares to draw; "0 (0%)" would claim it has.
        groups = [(label, rows) for label, rows in result_groups(funnel, by)
                  if rows.loc[rows["stage"] == "interviews", "count"].sum() > 0]
        stages = list(STAGE_LABELS)
        y = np.arange(len(stages))[::-1].astype(float)
        height = 0.8 / max(len(groups), 1)
        if not groups:
            _nothing_to_show(ax, NO_INTERVIEWS)
        for i, (label, rows) in enumerate(groups):
            rows = rows.set_index(rows["stage"].astype(str)).reindex(stages)
            share = rows["share"].fillna(0).to_numpy(dtype=float)
            pos = y + 0.4 - height * (i + 0.5)
            ax.barh(pos, share, height=height * 0.9, color=PALETTE[i % len(PALETTE)],
                    hatch=HATCHES[i % len(HATCHES)], edgecolor="white", linewidth=0.5,
                    label=label, **style)
            for yi, s, n in zip(pos, share, rows["count"].fillna(0).astype(int), strict=True):
                ax.annotate(f"{n:,} ({s:.0%})", xy=(s, yi), xytext=(3, 0),
                            textcoords="offset points", va="center",
                            fontsize=8 if len(groups) == 1 else 7)
        ax.set_yticks(y, [STAGE_LABELS[s] for s in stages])
        ax.set_xlim(0, 1.22)
        ax.set_xticks(np.linspace(0, 1, 5))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel("share of interviews")
        ax.set_title("From interview to offer")
        if len(groups) > 1:
            ax.legend(loc="lower right", title=", ".join(in_words(b) for b in by))
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

