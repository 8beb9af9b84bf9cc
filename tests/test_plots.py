"""Plots: each picture from fixed data against a committed baseline image.

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

import followup_kit as fk  # noqa: E402
from followup_kit import plots  # noqa: E402
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


def one_candidate() -> pd.DataFrame:
    """Three interviews of one candidate: answered with an offer, window open, still waiting."""
    day = pd.Timestamp
    return pd.DataFrame({
        "company": ["Northwind", "Contoso", "Fabrikam"],
        "role": ["Data analyst", "Junior developer", "Support engineer"],
        "interview_date": [day("2026-05-04"), day("2026-05-12"), day("2026-05-26")],
        "thank_you_due": [day("2026-05-05"), day("2026-05-13"), day("2026-05-27")],
        "thank_you_sent": [day("2026-05-05"), day("2026-05-15"), pd.NaT],
        "follow_up_opens": [day("2026-05-18"), day("2026-05-26"), day("2026-06-09")],
        "answered_on": [day("2026-05-21"), pd.NaT, pd.NaT],
        "outcome": pd.Categorical(["offer", "pending", "pending"], categories=OUTCOMES),
    }).astype({c: "datetime64[us]" for c in
               ["interview_date", "thank_you_due", "thank_you_sent", "follow_up_opens",
                "answered_on"]})


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
        "timeline": lambda: plots.plot_timeline(one_candidate(), today="2026-06-01"),
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


def test_plots_survive_degenerate_results():
    empty = fk.response_curve(programme(0))
    ax = plots.plot_response_curve(empty)
    plt.close(ax.figure)
    ax = plots.plot_outcome_rates(fk.outcome_rates(programme(0), by=None))
    plt.close(ax.figure)
    with pytest.raises(FollowupKitError, match="at least one interview"):
        plots.plot_timeline(one_candidate().iloc[:0])
    with pytest.raises(FollowupKitError, match="survival"):
        plots.plot_response_curve(pd.DataFrame({"days": [1]}))


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
