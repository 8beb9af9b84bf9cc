"""Plots: what each picture draws, read back from its artists, and its layout against a baseline.

Each picture's words, limits and numbers are read back against its description in
:mod:`followup_kit.chart_model`, built once per test; the Vega-Lite charts are read
against the same descriptions in ``tests/test_charts.py``.

The data tests read the drawn lines, steps, band outlines, bars, error-bar ends and texts
back from the Axes and compare them with the analysis (or with counts made here straight
from the facts) to 1e-9: a label off by one or a step a point low fails them. The image
comparison only guards the layout; its baselines are pictures the code drew.

To accept new pictures after a deliberate change, run
``FOLLOWUP_KIT_UPDATE_BASELINES=1 pytest tests/test_plots.py``: it rewrites
``tests/baseline_images/`` and the examples in ``docs/images/``. Look at
every image before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402
from scipy import stats  # noqa: E402

import followup_kit as fk  # noqa: E402
from followup_kit import chart_model, plots  # noqa: E402
from followup_kit.errors import FollowupKitError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BASELINES = ROOT / "tests" / "baseline_images"
DOCS = ROOT / "docs" / "images"
UPDATE = os.environ.get("FOLLOWUP_KIT_UPDATE_BASELINES") == "1"
# Anti-aliasing may differ a little between FreeType builds; a layout change does not pass.
TOLERANCE = 2.0
TIMING = ["same_day", "on_time", "late", "none"]
OUTCOMES = ["offer", "rejection", "withdrawn", "no_response", "pending"]


def programme(n: int = 600, seed: int = 7) -> pd.DataFrame:
    """Fixed synthetic facts of two cohorts, enough for every picture."""
    rng = np.random.default_rng(seed)
    cohort = rng.choice(["2026-spring", "2026-autumn"], n)
    scale = np.where(cohort == "2026-spring", 18.0, 26.0)
    wait = np.floor(rng.exponential(scale)).astype(np.int64)
    seen = rng.integers(20, 120, n)
    ghosted = rng.random(n) < 0.3
    responded = (wait <= seen) & ~ghosted
    timing = rng.choice(TIMING, n, p=[0.15, 0.25, 0.2, 0.4])
    offer_p = np.where(np.isin(timing, ["same_day", "on_time"]), 0.25, 0.12)
    outcome = np.where(~responded, np.where(seen > 45, "no_response", "pending"),
                       np.where(rng.random(n) < offer_p, "offer", "rejection"))
    follow_ups = rng.integers(0, 3, n)
    return pd.DataFrame({
        "candidate_id": pd.array([f"C{i // 3:04d}" for i in range(n)], dtype="str"),
        "cohort": pd.array(cohort, dtype="str"),
        "thank_you_timing": pd.Categorical(timing, categories=TIMING),
        "follow_ups": follow_ups,
        "early_follow_ups": np.minimum(follow_ups, rng.integers(0, 2, n)),
        "response_days": np.where(responded, wait, seen),
        "responded": responded,
        "outcome": pd.Categorical(outcome, categories=OUTCOMES),
        "old_enough": seen > 45,
    })


def pictures():
    facts = programme()
    spring = facts.loc[facts["cohort"] == "2026-spring"]
    return {
        "response_curve": lambda: plots.plot_response_curve(fk.response_curve(facts, by="cohort")),
        "response_histogram": lambda: plots.plot_response_histogram(fk.response_curve(spring)),
        "outcome_rates_by_cohort": lambda: plots.plot_outcome_rates(
            fk.outcome_rates(facts, by="cohort")),
        "outcome_rates_by_behaviour": lambda: plots.plot_outcome_rates(
            fk.outcome_rates(facts, by="thank_you_timing")),
        "funnel": lambda: plots.plot_funnel(fk.funnel(facts)),
    }


@pytest.mark.parametrize("name", list(pictures()))
def test_picture_matches_baseline(name, tmp_path):
    ax = pictures()[name]()
    assert isinstance(ax, plt.Axes)
    assert ax.get_title() and ax.get_xlabel()
    out = tmp_path / f"{name}.png"
    ax.figure.savefig(out, dpi=100, metadata={"Software": None})
    plt.close(ax.figure)
    baseline = BASELINES / f"{name}.png"
    if UPDATE:
        for folder in (BASELINES, DOCS):
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out, folder / f"{name}.png")
    assert baseline.exists(), (
        f"no baseline {baseline.name}; run FOLLOWUP_KIT_UPDATE_BASELINES=1 pytest tests/test_plots.py")
    assert compare_images(str(baseline), str(out), tol=TOLERANCE) is None


def test_plots_draw_on_a_given_axes_and_use_days():
    facts = programme(200)
    fig, (left, right) = plt.subplots(1, 2)
    assert plots.plot_response_curve(fk.response_curve(facts), ax=left) is left
    assert left.get_xlabel() == "days since the interview"
    assert plots.plot_funnel(fk.funnel(facts), ax=right) is right
    plt.close(fig)


def test_response_curve_shows_the_first_months_unless_asked_for_all():
    facts = programme()
    facts.loc[facts.index[:5], ["response_days", "responded"]] = [400, False]
    curve = fk.response_curve(facts, by="cohort")
    ax = plots.plot_response_curve(curve)
    assert ax.get_xlim() == (0, plots.CURVE_DAYS)
    ax_all = plots.plot_response_curve(curve, max_days=None)
    assert ax_all.get_xlim() == (0, 400)
    # No curve runs past the last day its group was seen.
    for line in ax_all.get_lines():
        if line.get_label() in set(curve["cohort"].astype("str")):
            seen = curve.loc[curve["cohort"].astype("str") == line.get_label(), "days"].max()
            assert line.get_xdata().max() == seen
    plt.close("all")


# -- reading back what was drawn --------------------------------------------------------
EXACT = 1e-9


def steps(ax):
    return [line for line in ax.get_lines() if line.get_drawstyle() == "steps-post"]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def band_at(band, day: float) -> tuple[float, float]:
    """The lower and upper edge of a step band at one day, from the outline's flat pieces."""
    vertices = band.get_paths()[0].vertices
    flat = [(min(a[0], b[0]), max(a[0], b[0]), a[1]) for a, b in zip(vertices[:-1], vertices[1:], strict=True)
            if a[1] == b[1] and a[0] != b[0]]
    levels = [y for start, stop, y in flat if start <= day < stop]
    assert len(levels) == 2, (day, levels)
    return min(levels), max(levels)


def step_value(days: np.ndarray, values: np.ndarray, day: float, before: float = 1.0) -> float:
    """A right-continuous step function's value at ``day``: ``before`` until its first day."""
    seen = np.flatnonzero(days <= day)
    return float(values[seen[-1]]) if len(seen) else before


def test_response_curve_draws_each_curve_band_and_the_numbers_still_waiting():
    facts = programme()
    curve = fk.response_curve(facts, by="cohort")
    ax = plots.plot_response_curve(curve, max_days=None)
    drawn = steps(ax)
    cohorts = list(dict.fromkeys(curve["cohort"].astype("str")))
    assert [line.get_label() for line in drawn] == cohorts
    bands = [c for c in ax.collections if len(c.get_paths())]
    assert len(bands) == len(cohorts)
    for line, band, cohort in zip(drawn, bands, cohorts, strict=True):
        rows = curve.loc[curve["cohort"] == cohort]
        days = rows["days"].to_numpy()
        x, y = line.get_xdata(), line.get_ydata()
        # From day 0, when nobody has answered, to the last day the cohort was seen.
        np.testing.assert_allclose(x, np.r_[0, days], rtol=0, atol=EXACT)
        np.testing.assert_allclose(y, np.r_[1, rows["survival"]], rtol=0, atol=EXACT)
        # The band's edges at every day drawn and halfway between, against the curve's interval.
        edges = np.unique(x)
        for day in np.r_[edges[:-1], (edges[:-1] + edges[1:]) / 2]:
            low, high = band_at(band, day)
            assert low == pytest.approx(step_value(days, rows["ci_low"].to_numpy(), day), abs=EXACT)
            assert high == pytest.approx(step_value(days, rows["ci_high"].to_numpy(), day), abs=EXACT)
    # Under the axis, for every tick and cohort: interviews seen on that day or later, counted
    # here from the facts themselves.
    colours = {line.get_color(): cohort for line, cohort in zip(drawn, cohorts, strict=True)}
    counts = [t for t in ax.texts if t.get_text().replace(",", "").isdigit()]
    ticks = [t for t in ax.get_xticks() if 0 <= t <= ax.get_xlim()[1]]
    assert len(counts) == len(ticks) * len(cohorts)
    for text in counts:
        tick, cohort = text.xy[0], colours[text.get_color()]
        waited = facts.loc[(facts["cohort"] == cohort) & (facts["response_days"] >= tick)]
        assert text.get_text() == f"{len(waited):,}", (cohort, tick)
    assert {"still waiting", *cohorts} <= set(texts(ax))
    plt.close(ax.figure)


def test_response_curve_marks_each_wait_on_its_day_and_level():
    facts = programme(40)
    curve = fk.response_curve(facts)
    ax = plots.plot_response_curve(curve, max_days=None)
    marks = [line for line in ax.get_lines() if line.get_marker() == "|"]
    assert len(marks) == 1
    waiting = curve.loc[curve["censored"] > 0]
    np.testing.assert_allclose(marks[0].get_xdata(), waiting["days"], rtol=0, atol=EXACT)
    np.testing.assert_allclose(marks[0].get_ydata(), waiting["survival"], rtol=0, atol=EXACT)
    assert ax.get_legend() is None
    plt.close(ax.figure)


def test_histogram_bars_are_the_answers_and_waits_of_each_week():
    spring = programme().query("cohort == '2026-spring'")
    ax = plots.plot_response_histogram(fk.response_curve(spring))
    answers_bars, waiting_bars = ax.containers
    edges = np.arange(0, spring["response_days"].max() + 8, 7)
    answers = np.histogram(spring.loc[spring["responded"], "response_days"], bins=edges)[0]
    waiting = np.histogram(spring.loc[~spring["responded"], "response_days"], bins=edges)[0]
    np.testing.assert_allclose([b.get_height() for b in answers_bars], answers, rtol=0, atol=EXACT)
    np.testing.assert_allclose([b.get_x() for b in answers_bars], edges[:-1], rtol=0, atol=EXACT)
    np.testing.assert_allclose([b.get_height() for b in waiting_bars], waiting, rtol=0, atol=EXACT)
    np.testing.assert_allclose([b.get_y() for b in waiting_bars], answers, rtol=0, atol=EXACT)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["answers", "still waiting when last seen"]
    plt.close(ax.figure)


@pytest.mark.parametrize("by", ["cohort", "thank_you_timing"])
def test_outcome_rates_draw_each_rate_its_wilson_interval_and_its_counts(by):
    facts = programme()
    rates = fk.outcome_rates(facts, by=by)
    ax = plots.plot_outcome_rates(rates)
    (points, _, (whiskers,)) = ax.containers[0]
    y = np.arange(len(rates))[::-1]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [str(v).replace("_", " ") for v in rates[by]]
    np.testing.assert_allclose(points.get_ydata(), y, rtol=0, atol=EXACT)
    segments = whiskers.get_segments()
    shown = [t for t in ax.texts if " of " in t.get_text()]
    assert len(shown) == len(rates)
    for row, (value, x_rate, segment, text) in enumerate(zip(rates[by], points.get_xdata(), segments,
                                                            shown, strict=True)):
        # Counted here, and the interval from scipy, not from the analysis being drawn.
        settled = facts.loc[(facts[by] == value) & facts["old_enough"]]
        offers = int((settled["outcome"] == "offer").sum())
        ci = stats.binomtest(offers, len(settled)).proportion_ci(method="wilson")
        assert x_rate == pytest.approx(offers / len(settled), abs=EXACT)
        np.testing.assert_allclose(segment, [[ci.low, y[row]], [ci.high, y[row]]], rtol=0, atol=EXACT)
        assert text.get_text() == f"{offers:,} of {len(settled):,}" and text.xy[1] == y[row]
    assert ("an association, not an effect" in texts(ax)) is (by != "cohort")
    plt.close(ax.figure)


def test_funnel_bars_are_the_shares_and_their_labels_the_counts():
    facts = programme()
    ax = plots.plot_funnel(fk.funnel(facts))
    counted = {
        "interviews": len(facts),
        "thanked": int(facts["thank_you_timing"].isin(["same_day", "on_time", "late"]).sum()),
        "thanked_on_time": int(facts["thank_you_timing"].isin(["same_day", "on_time"]).sum()),
        "followed_up_in_window": int((facts["follow_ups"] > facts["early_follow_ups"]).sum()),
        "answered": int(facts["responded"].sum()),
        "offers": int((facts["outcome"] == "offer").sum()),
    }
    (bars,) = ax.containers
    assert [t.get_text() for t in ax.get_yticklabels()] == list(chart_model.STAGE_LABELS.values())
    for bar, text, (stage, n) in zip(bars, ax.texts, counted.items(), strict=True):
        share = n / len(facts)
        assert bar.get_width() == pytest.approx(share, abs=EXACT), stage
        assert text.get_text() == f"{n:,} ({share:.0%})" and text.xy[0] == pytest.approx(share, abs=EXACT)
    plt.close(ax.figure)


def test_empty_and_one_group_pictures_say_what_they_show():
    empty = programme(0)
    curve = plots.plot_response_curve(fk.response_curve(empty))
    assert steps(curve) == [] and "no interviews yet" in texts(curve)
    histogram = plots.plot_response_histogram(fk.response_curve(empty))
    assert histogram.containers == [] and "no interviews yet" in texts(histogram)
    by_cohort = plots.plot_outcome_rates(fk.outcome_rates(empty, by="cohort"))
    assert "no interviews yet" in texts(by_cohort)
    overall = plots.plot_outcome_rates(fk.outcome_rates(empty, by=None))
    assert len(overall.containers[0].lines[0].get_xdata()) == 0 and texts(overall) == ["no data yet"]
    for funnel in (fk.funnel(empty), fk.funnel(empty, by="cohort")):
        ax = plots.plot_funnel(funnel)
        assert texts(ax) == ["no interviews yet"] and ax.containers == []
    one = programme().assign(cohort="2026-spring")
    ax = plots.plot_response_curve(fk.response_curve(one, by="cohort"))
    assert [line.get_label() for line in steps(ax)] == ["2026-spring"] and ax.get_legend() is None
    # One group needs no name beside its row of counts.
    assert "2026-spring" not in texts(ax)
    with pytest.raises(FollowupKitError, match="survival"):
        plots.plot_response_curve(pd.DataFrame({"days": [1]}))
    plt.close("all")


def test_pictures_with_no_answers_say_so():
    silent = programme(60).assign(responded=False)
    curve = fk.response_curve(silent)
    ax = plots.plot_response_curve(curve)
    (line,) = steps(ax)
    assert set(line.get_ydata()) == {1.0} and "no employer has answered yet" in texts(ax)
    histogram = plots.plot_response_histogram(curve)
    assert "no employer has answered yet" in texts(histogram)
    assert sum(b.get_height() for b in histogram.containers[0]) == 0
    assert sum(b.get_height() for b in histogram.containers[1]) == len(silent)
    plt.close("all")


# -- each picture draws its model -------------------------------------------------------------
def legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("by", [None, "thank_you_timing"])
def test_the_response_curve_draws_and_says_what_its_model_says(by):
    curve = fk.response_curve(programme(), by=by)
    model = chart_model.curve_model(curve)
    ax = plots.plot_response_curve(curve)
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (model.title, model.x_title,
                                                                    model.y_title)
    assert ax.get_xlim() == model.x_limits and ax.get_ylim() == model.y_limits
    assert tuple(ax.get_xticks()) == model.x_ticks
    for line, c in zip(steps(ax), model.curves, strict=True):
        assert (line.get_label(), line.get_color(), line.get_linestyle()) == (
            c.label, c.colour, c.linestyle)
        np.testing.assert_array_equal(line.get_xdata(), c.days)
        np.testing.assert_array_equal(line.get_ydata(), c.survival)
    if model.named:
        assert ax.get_legend().get_title().get_text() == model.legend_title
        assert legend_texts(ax) == [c.label for c in model.curves]
    else:
        assert ax.get_legend() is None
    # Under the axis: the title of the counts, then each counted group's name (when there are
    # several) and its counts, in the model's order.
    said = [model.waiting_title]
    for c in model.curves[:model.counted]:
        said += ([c.label] if model.named else []) + list(c.waiting_said)
    assert texts(ax) == said
    plt.close(ax.figure)


@pytest.mark.parametrize("by", [None, "cohort", "thank_you_timing"])
def test_the_rates_draw_and_say_what_their_model_says(by):
    rates = fk.outcome_rates(programme(), by=by)
    model = chart_model.rates_model(rates)
    ax = plots.plot_outcome_rates(rates)
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (model.title, model.x_title,
                                                                    model.y_title or "")
    assert ax.get_xlim() == model.x_limits
    assert [t.get_text() for t in ax.get_yticklabels()] == list(model.labels)
    (points, _, _) = ax.containers[0]
    np.testing.assert_array_equal(points.get_xdata(), model.rate[model.known])
    assert texts(ax) == list(model.said) + ([model.subtitle] if model.subtitle else [])
    plt.close(ax.figure)


def test_the_histogram_draws_and_says_what_its_model_says():
    for curve in (fk.response_curve(programme()), fk.response_curve(programme(), by="cohort")):
        model = chart_model.histogram_model(curve)
        ax = plots.plot_response_histogram(curve)
        assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (model.title, model.x_title,
                                                                        model.y_title)
        assert ax.get_xlim() == model.x_limits
        drawn = model.bars + ((model.waiting,) if model.waiting else ())
        assert legend_texts(ax) == [b.label for b in drawn]
        for bars, container in zip(drawn, ax.containers, strict=True):
            assert [b.get_height() for b in container] == bars.heights.tolist()
        plt.close(ax.figure)


@pytest.mark.parametrize("by", [None, "thank_you_timing"])
def test_the_funnel_draws_and_says_what_its_model_says(by):
    result = fk.funnel(programme(), by=by)
    model = chart_model.funnel_model(result)
    ax = plots.plot_funnel(result)
    assert (ax.get_title(), ax.get_xlabel()) == (model.title, model.x_title)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(model.stages)
    assert texts(ax) == [said for bars in model.groups for said in bars.said]
    for bars, container in zip(model.groups, ax.containers, strict=True):
        assert [b.get_width() for b in container] == bars.heights.tolist()
    if model.named:
        assert legend_texts(ax) == [b.label for b in model.groups]
        assert ax.get_legend().get_title().get_text() == model.legend_title
    plt.close(ax.figure)
