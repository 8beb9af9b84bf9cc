"""Charts the browser draws: each chart carries exactly the numbers of its analysis.

The curves in a chart are checked against scipy's ``stats.ecdf`` (an
independent Kaplan–Meier), the "still waiting" counts and the step ends
against small cases worked by hand, the rates against ``outcome_rates``.
Each chart's words, limits and numbers are read back against its description in
:mod:`followup_kit.chart_model`, built once per test, as ``tests/test_plots.py``
reads the matplotlib pictures against the same descriptions. That the charts draw in
JupyterLab without an error is ``tests/test_browser_lab.py``'s to show.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats
from test_analysis import make_facts
from test_plots import programme

import followup_kit as fk
from followup_kit import chart_model
from followup_kit.chart_model import NO_ANSWERS, NO_INTERVIEWS, tick_days
from followup_kit.charts import (
    DASHES,
    VEGA_LITE,
    chart_bundle,
    outcome_rates_chart,
    response_curve_chart,
)
from followup_kit.errors import FollowupKitError


def rows_of(chart: dict, dataset: str, group: str) -> list[dict]:
    return [row for row in chart["datasets"][dataset] if row["group"] == group]


def messages(chart: dict) -> list[str]:
    """What a chart writes in its middle (no interviews, no answers)."""
    layers = chart["vconcat"][0]["layer"]
    return [layer["data"]["values"][0]["text"] for layer in layers
            if layer["mark"]["type"] == "text" and "values" in layer.get("data", {})]


def test_the_curves_are_the_kaplan_meier_curves_of_scipy():
    facts = programme()
    chart = response_curve_chart(fk.response_curve(facts, by="cohort"))
    for cohort in ("2026-spring", "2026-autumn"):
        mine = facts.loc[facts["cohort"] == cohort]
        days = mine["response_days"].to_numpy()
        responded = mine["responded"].to_numpy()
        reference = stats.ecdf(stats.CensoredData(uncensored=days[responded],
                                                  right=days[~responded])).sf
        rows = rows_of(chart, "curves", cohort)
        assert rows[0] == {"group": cohort, "days": 0, "survival": 1.0, "ci_low": 1.0,
                           "ci_high": 1.0, "at_risk": len(mine)}
        shown = [r["days"] for r in rows]
        assert shown == sorted(shown) and shown[-1] == min(days.max(), 120)
        np.testing.assert_allclose([r["survival"] for r in rows[1:]],
                                   reference.evaluate(shown[1:]), rtol=0, atol=1e-12)


def test_still_waiting_and_where_each_curve_stops_worked_by_hand():
    # A: answers on days 3 and 5, still waiting when last seen on days 5 and 10; B: seen to day 40.
    facts = make_facts([3, 5, 5, 10, 40], [True, True, False, False, False],
                       cohort=["A", "A", "A", "A", "B"])
    chart = response_curve_chart(fk.response_curve(facts, by="cohort"), max_days=30)
    assert tick_days(30) == [0, 5, 10, 15, 20, 25, 30]
    # Interviews of A seen on a labelled day or later: 4 on day 0, 3 on day 5 (the answer that
    # day came during it), 1 on day 10, none after.
    assert [r["n"] for r in rows_of(chart, "waiting", "A")] == [4, 3, 1, 0, 0, 0, 0]
    assert [r["n"] for r in rows_of(chart, "waiting", "B")] == [1] * 7
    a = rows_of(chart, "curves", "A")
    assert [(r["days"], r["survival"]) for r in a] == [(0, 1.0), (3, 0.75), (5, 0.5), (10, 0.5)]
    # B was followed past the last day shown: its curve goes on, flat, to day 30 and no further.
    b = rows_of(chart, "curves", "B")
    assert [(r["days"], r["survival"]) for r in b] == [(0, 1.0), (30, 1.0)]
    # Days on which interviews were last seen still waiting, where the curve then stood.
    assert [(r["days"], r["survival"]) for r in rows_of(chart, "marks", "A")] == [(5, 0.5), (10, 0.5)]
    assert chart["vconcat"][0]["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 30]


@pytest.mark.parametrize(("last", "ticks"), [
    (1, [0, 1]), (6, [0, 1, 2, 3, 4, 5, 6]), (7, [0, 2, 4, 6]), (120, [0, 20, 40, 60, 80, 100, 120]),
    (400, [0, 60, 120, 180, 240, 300, 360]), (3000, [0, 730, 1460, 2190, 2920]),
])
def test_the_days_labelled_under_a_curve_are_few_and_round(last, ticks):
    assert tick_days(last) == ticks


def test_groups_are_named_in_words_and_the_first_five_are_counted():
    facts = programme()
    curve = response_curve_chart(fk.response_curve(facts, by="thank_you_timing"))
    assert {r["group"] for r in curve["datasets"]["curves"]} == {"same day", "on time", "late", "none"}
    many = make_facts(list(range(1, 8)), [True] * 7, cohort=[f"c{i}" for i in range(7)])
    chart = response_curve_chart(fk.response_curve(many, by="cohort"))
    assert {r["group"] for r in chart["datasets"]["waiting"]} == {f"c{i}" for i in range(5)}
    assert "first 5 of 7 groups" in chart["title"]["subtitle"]


def test_nothing_to_draw_says_so():
    empty = make_facts([], [])
    assert messages(response_curve_chart(fk.response_curve(empty, by="cohort"))) == [NO_INTERVIEWS]
    waiting = make_facts([4, 9], [False, False])
    assert messages(response_curve_chart(fk.response_curve(waiting, by="cohort"))) == [NO_ANSWERS]
    assert messages(response_curve_chart(fk.response_curve(programme(), by="cohort"))) == []


def test_the_rates_are_the_analysis_rates_with_k_of_n():
    facts = programme()
    rates = fk.outcome_rates(facts, by="thank_you_timing")
    chart = outcome_rates_chart(rates)
    rows = chart["datasets"]["rates"]
    assert [r["group"] for r in rows] == ["same day", "on time", "late", "none"]
    for row, (_, expected) in zip(rows, rates.iterrows(), strict=True):
        assert row["rate"] == pytest.approx(expected["rate"], abs=1e-12)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(
            (expected["ci_low"], expected["ci_high"]), abs=1e-12)
        assert row["said"] == f"{expected['count']:,} of {expected['trials']:,}"
    assert chart["title"] == {"text": "Offer rate by thank-you timing",
                              "subtitle": "an association, not an effect"}
    # A cohort is not a behaviour: no warning about effects.
    assert "subtitle" not in outcome_rates_chart(fk.outcome_rates(facts, by="cohort"))["title"]


def test_a_group_with_nothing_settled_has_no_rate_and_says_so():
    facts = make_facts([3, 5], [True, True], timing=["on_time", "on_time"],
                       outcome=["offer", "rejection"])
    rows = {r["group"]: r for r in outcome_rates_chart(
        fk.outcome_rates(facts, by="thank_you_timing"))["datasets"]["rates"]}
    assert rows["on time"]["rate"] == 0.5 and rows["on time"]["said"] == "1 of 2"
    assert rows["late"]["rate"] is None and rows["late"]["said"] == "no data yet"


def test_charts_are_plain_json_and_the_bundle_says_them_in_words():
    facts = programme()
    for chart in (response_curve_chart(fk.response_curve(facts, by="cohort")),
                  outcome_rates_chart(fk.outcome_rates(facts, by="cohort"))):
        text = json.dumps(chart, allow_nan=False)
        assert json.loads(text) == chart
        bundle = chart_bundle(chart)
        assert bundle["data"][VEGA_LITE] is chart
        said = bundle["data"]["text/plain"]
        assert "2026-spring" in said and "2026-autumn" in said


def test_a_result_without_its_columns_is_refused_by_name():
    with pytest.raises(FollowupKitError, match="response_curve_chart needs .*survival"):
        response_curve_chart(fk.response_curve(programme()).drop(columns="survival"))
    with pytest.raises(FollowupKitError, match="outcome_rates_chart needs .*ci_low"):
        outcome_rates_chart(fk.outcome_rates(programme()).drop(columns="ci_low"))


# -- each chart renders its model -------------------------------------------------------------
@pytest.mark.parametrize(("by", "max_days"), [(None, 120), ("thank_you_timing", 30), ("cohort", None)])
def test_the_curve_chart_draws_and_says_what_its_model_says(by, max_days):
    curve = fk.response_curve(programme(), by=by)
    model = chart_model.curve_model(curve, max_days=max_days)
    chart = response_curve_chart(curve, max_days=max_days)
    assert chart["title"] == {"text": model.title} and chart["description"] == model.description
    band, line, points = chart["vconcat"][0]["layer"][:3]
    x = band["encoding"]["x"]
    assert x["scale"]["domain"] == list(model.x_limits)
    assert x["axis"] == {"values": list(model.x_ticks), "title": model.x_title}
    y = line["encoding"]["y"]
    assert y["scale"]["domain"] == list(model.y_limits)
    assert (y["axis"]["values"], y["axis"]["title"]) == (list(model.y_ticks), model.y_title)
    labels = [c.label for c in model.curves]
    colour = line["encoding"]["color"]
    assert colour["scale"] == {"domain": labels, "range": [c.colour for c in model.curves]}
    assert line["encoding"]["strokeDash"]["scale"]["range"] == [DASHES[c.linestyle]
                                                                for c in model.curves]
    assert (colour["legend"] or {}).get("title") == (model.legend_title if model.named else None)
    assert [t["title"] for t in points["encoding"]["tooltip"]] == [t for _, t in model.tooltips]
    for c in model.curves:
        rows = rows_of(chart, "curves", c.label)
        assert [r["days"] for r in rows] == c.days.tolist()
        assert [r["survival"] for r in rows] == c.survival.tolist()
        assert [(r["ci_low"], r["ci_high"]) for r in rows] == list(zip(c.ci_low.tolist(),
                                                                       c.ci_high.tolist(),
                                                                       strict=True))
        assert [r["n"] for r in rows_of(chart, "waiting", c.label)] == c.waiting.tolist()
    assert chart["vconcat"][1]["title"]["text"] == model.waiting_title
    assert messages(chart) == ([model.message] if model.message else [])


def test_the_curve_chart_says_the_model_s_note_and_message():
    many = make_facts(list(range(1, 8)), [False] * 7, cohort=[f"c{i}" for i in range(7)])
    curve = fk.response_curve(many, by="cohort")
    model = chart_model.curve_model(curve)
    chart = response_curve_chart(curve)
    assert chart["title"] == {"text": model.title, "subtitle": model.subtitle}
    assert messages(chart) == [model.message] == [NO_ANSWERS]


@pytest.mark.parametrize("by", [None, "cohort", "thank_you_timing"])
def test_the_rates_chart_draws_and_says_what_its_model_says(by):
    rates = fk.outcome_rates(programme(), by=by)
    model = chart_model.rates_model(rates)
    chart = outcome_rates_chart(rates)
    assert chart["title"] == {"text": model.title,
                              **({"subtitle": model.subtitle} if model.subtitle else {})}
    assert chart["description"] == model.description
    interval, point, said = chart["layer"][:3]
    x = interval["encoding"]["x"]
    assert x["scale"]["domain"] == list(model.x_limits) and x["axis"]["title"] == model.x_title
    assert said["encoding"]["x"]["datum"] == model.x_limits[1]
    y = point["encoding"]["y"]
    assert (y["title"], y["sort"]) == (model.y_title, list(model.labels))
    assert [t["title"] for t in point["encoding"]["tooltip"]] == [t for _, t in model.tooltips]
    rows = chart["datasets"]["rates"]
    assert [r["group"] for r in rows] == list(model.labels)
    assert [r["said"] for r in rows] == list(model.said)
    assert [r["rate"] for r in rows] == [r if k else None
                                         for r, k in zip(model.rate.tolist(), model.known,
                                                         strict=True)]
    assert [(r["count"], r["trials"]) for r in rows] == list(zip(model.count.tolist(),
                                                                 model.trials.tolist(),
                                                                 strict=True))
