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
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .errors import FollowupKitError
from .stats.rates import SETTLED_OUTCOMES, outcome_rates
from .stats.report import funnel
from .stats.survival import CURVE_COLUMNS, response_curve

#: Okabe–Ito colours, ordered so neighbours differ in lightness as well as hue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000",
           "#F0E442"]
LINESTYLES = ["-", "--", "-.", ":"]
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


def group_columns(result: pd.DataFrame, own: list[str]) -> list[str]:
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
    missing = [c for c in columns if c not in result.columns]
    if missing:
        raise FollowupKitError(f"{what} needs a result with the column(s) {', '.join(missing)}")


COLUMN_WORDS = {"thank_you_timing": "thank-you timing"}
#: What a picture says in its middle when there is nothing to draw.
NO_INTERVIEWS = "no interviews yet"
NO_ANSWERS = "no employer has answered yet"


def _nothing_to_show(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="0.3")


def in_words(name) -> str:
    return COLUMN_WORDS.get(name, str(name).replace("_", " "))


#: Days the response curve shows by default: the months in which answers come.
CURVE_DAYS = 120
#: Above this many censoring days in a group, the tick marks are noise; the band tells the story.
MAX_CENSOR_MARKS = 40


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
            ax.annotate("an association, not an effect", xy=(0.5, 1), xycoords="axes fraction",
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


def plot_timeline(facts: pd.DataFrame, ax: Axes | None = None, today=None, **style) -> Axes:
    """Draw one candidate's interviews on a calendar, with a key to the marks below it.

    Each interview is a row: the interview day, the day the thank-you letter
    is due (a hollow diamond) and the day it was sent (a filled one; a late
    letter is drawn in red, joined to its due day and labelled with how late
    it was), the waiting time before a follow-up is welcome, the follow-up
    window, and the employer's answer (a star, with the answer in words).
    Only what needs reading is written beside a mark (the answer, a late or
    overdue letter); the rest is in the key, so marks a day apart never
    write over each other.

    Parameters
    ----------
    facts : DataFrame
        Interview facts of one candidate (a few rows of
        :func:`followup_kit.facts`).
    ax : Axes, optional
        Where to draw; a new figure sized to the number of interviews.
    today : date-like, optional
        The day to mark as today; the last date in the facts when left out.
    **style
        Passed to ``Axes.barh`` for the waiting and window bars.

    Returns
    -------
    Axes
    """
    cols = ["company", "role", "interview_date", "thank_you_due", "thank_you_sent",
            "follow_up_opens", "answered_on", "outcome"]
    need_columns(facts, cols, "plot_timeline")
    if facts.empty:
        raise FollowupKitError("plot_timeline needs at least one interview")
    rows = facts.sort_values("interview_date", kind="stable").reset_index(drop=True)
    dated = rows[["interview_date", "thank_you_sent", "answered_on", "follow_up_opens"]]
    today = pd.Timestamp(today) if today is not None else dated.max().max()
    with _style():
        ax = _axes(ax, figsize=(6.0, max(2.2, 1.0 + 1.1 * len(rows))))
        start = rows["interview_date"].min() - pd.Timedelta(days=2)
        end = max(today, dated.max().max()) + pd.Timedelta(days=4)
        for i, r in rows.iterrows():
            y = len(rows) - 1 - i
            answer = r["answered_on"]
            stop = answer if pd.notna(answer) else today
            opens = r["follow_up_opens"]
            waiting_end = min(opens, stop) if pd.notna(opens) else stop
            ax.barh(y, (waiting_end - r["interview_date"]).days, left=r["interview_date"],
                    height=0.28, color=TIMELINE_KEY["waiting"]["color"], alpha=0.55,
                    label="waiting", **style)
            if pd.notna(opens) and opens < stop:
                ax.barh(y, (stop - opens).days, left=opens, height=0.28,
                        color=TIMELINE_KEY["window"]["color"], alpha=0.8, hatch="//",
                        edgecolor="white", label="window", **style)
            ax.plot(r["interview_date"], y, linestyle="none", label="interview",
                    **TIMELINE_KEY["interview"])
            _thank_you_marks(ax, r["thank_you_due"], r["thank_you_sent"], y, today)
            if pd.notna(answer):
                ax.plot(answer, y, linestyle="none", label="answer", **TIMELINE_KEY["answer"])
                word = {"offer": "offer!", "rejection": "rejection"}.get(str(r["outcome"]),
                                                                         "answer")
                _say(ax, answer, y, word, "left", dy=0, dx=8, weight="bold")
        ax.axvline(today, color="0.3", linestyle=":", linewidth=1)
        ax.annotate("today", xy=(today, 1), xycoords=("data", "axes fraction"), xytext=(0, 2),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8,
                    color="0.3")
        ax.set_yticks(np.arange(len(rows))[::-1],
                      [f"{c}\n{r}" for c, r in zip(rows["company"], rows["role"], strict=True)])
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.set_xlim(start, end)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=6))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
        ax.set_xlabel("date")
        ax.set_title("Your interviews: what happens when", pad=14)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        _timeline_key(ax)
    return ax


#: The timeline's marks, as drawn and as the key shows them, in the key's order.
TIMELINE_KEY = {
    "interview": {"marker": "o", "color": "black", "markersize": 7},
    "thank-you due": {"marker": "D", "color": PALETTE[0], "markerfacecolor": "white", "markersize": 6},
    "thank-you sent": {"marker": "D", "color": PALETTE[0], "markersize": 6},
    "waiting": {"color": PALETTE[5]},
    "window": {"color": PALETTE[1]},
    "answer": {"marker": "*", "color": PALETTE[3], "markersize": 13},
}
_KEY_WORDS = {"window": "follow-up window", "waiting": "waiting for an answer"}


def _timeline_key(ax: Axes) -> None:
    """The key under the timeline: one entry for each kind of mark drawn, in a fixed order."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    drawn = {artist.get_label() for artist in [*ax.lines, *ax.containers]}
    handles = []
    for name, look in TIMELINE_KEY.items():
        if name not in drawn:
            continue
        words = _KEY_WORDS.get(name, name)
        if "marker" in look:
            handles.append(Line2D([], [], linestyle="none", label=words, **look))
        else:
            handles.append(Patch(facecolor=look["color"], alpha=0.7,
                                 hatch="//" if name == "window" else None, edgecolor="white",
                                 label=words))
    # Below the date axis and its label, whatever the height of the figure.
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=3,
              borderaxespad=4.4,
              frameon=False, fontsize=8, handlelength=1.4, columnspacing=1.2)


def _thank_you_marks(ax: Axes, due, sent, y: float, today) -> None:
    """The thank-you letter's due day and the day it went, as two marks that cannot be confused."""
    ax.plot(due, y, linestyle="none", gid="thank_you_due", label="thank-you due",
            **TIMELINE_KEY["thank-you due"])
    if pd.isna(sent):
        if today > due:
            _say(ax, due, y, "thank-you overdue", "center", dy=13, weight="bold", color=PALETTE[3])
        return
    late = (sent - due).days
    look = dict(TIMELINE_KEY["thank-you sent"])
    if late > 0:
        look["color"] = PALETTE[3]
        ax.plot([due, sent], [y, y], color=PALETTE[3], linewidth=1.5, linestyle=":",
                gid="thank_you_late")
        _say(ax, sent, y, f"sent {late} day{'s' if late != 1 else ''} late", "center", dy=13,
             weight="bold", color=PALETTE[3])
    ax.plot(sent, y, linestyle="none", gid="thank_you_sent", label="thank-you sent", **look)


def _say(ax: Axes, x, y, text: str, ha: str, dy: float, dx: float = 0, weight="normal",
         color="black") -> None:
    # On a white ground, so the line marking today never strikes through the words.
    ax.annotate(text, xy=(x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                va="center", fontsize=8, fontweight=weight, color=color, zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.6})


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

