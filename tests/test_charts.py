"""Charts the browser draws: each chart carries exactly the numbers of its analysis.

The curves in a chart are checked against scipy's ``stats.ecdf`` (an
independent Kaplan–Meier), the "still waiting" counts and the step ends
against small cases worked by hand, the rates against ``outcome_rates``.
That the charts draw in JupyterLab without an error is
``tests/test_browser_lab.py``'s to show.
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from test_analysis import make_facts
from test_plots import programme

import followup_kit as fk
from followup_kit.charts import (
    VEGA_LITE,
    chart_bundle,
    date_ticks,
    outcome_rates_chart,
    response_curve_chart,
    tick_days,
    timeline_svg,
    timeline_words,
)
from followup_kit.errors import FollowupKitError
from followup_kit.plots import NO_ANSWERS, NO_INTERVIEWS


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


# -- the candidate's timeline ---------------------------------------------------------------
SVG = "{http://www.w3.org/2000/svg}"


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
        "outcome": pd.Categorical(["offer", "pending", "pending"],
                                  categories=["offer", "rejection", "withdrawn", "no_response",
                                              "pending"]),
    }).astype({c: "datetime64[us]" for c in
               ["interview_date", "thank_you_due", "thank_you_sent", "follow_up_opens",
                "answered_on"]})


def drawn(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def of_class(root, cls: str) -> list:
    return [e for e in root.iter() if e.get("class") == cls]


def mark_x(element) -> float:
    """Where a mark stands across the picture: a circle's centre, a shape's middle, a bar's start."""
    if element.tag == f"{SVG}circle":
        return float(element.get("cx"))
    if element.tag == f"{SVG}rect":
        return float(element.get("x"))
    numbers = [float(v) for v in re.findall(r"-?\d+\.?\d*", element.get("d") or element.get("points"))]
    xs = numbers[0::2]
    return (min(xs) + max(xs)) / 2


def axis(root) -> tuple[float, float]:
    """x of day 0 and pixels per day, read back from the dates written under the picture."""
    ticks = [(float(t.get("x")), pd.Timestamp(f"{t.text} 2026")) for t in of_class(root, "tick")]
    (x0, d0), (x1, d1) = ticks[0], ticks[-1]
    per_day = (x1 - x0) / (d1 - d0).days
    return x0 - per_day * (d0 - pd.Timestamp("2026-01-01")).days, per_day


def test_the_timeline_puts_each_mark_on_its_day_and_a_late_letter_apart():
    rows = one_candidate()
    root = drawn(timeline_svg(rows, today="2026-06-01"))
    origin, per_day = axis(root)

    def x_of(day) -> float:
        return origin + per_day * (pd.Timestamp(day) - pd.Timestamp("2026-01-01")).days

    assert [t.text for t in of_class(root, "interview-name")] == [
        "Northwind · Data analyst", "Contoso · Junior developer", "Fabrikam · Support engineer"]
    for cls, column in (("interview", "interview_date"), ("thank-you-due", "thank_you_due"),
                        ("thank-you-sent", "thank_you_sent"), ("answer", "answered_on")):
        marks = of_class(root, cls)
        days = rows[column].dropna()
        assert [m.get("data-date") for m in marks] == [f"{d:%Y-%m-%d}" for d in days], cls
        for mark, day in zip(marks, days, strict=True):
            assert mark_x(mark) == pytest.approx(x_of(day), abs=0.15), (cls, day)
    # Waiting runs from the interview to the window (or the answer, or today); the window after it.
    stop = rows["answered_on"].fillna(pd.Timestamp("2026-06-01"))
    waiting_end = np.minimum(rows["follow_up_opens"], stop)
    waiting = [(b.get("data-date"), b.get("data-until")) for b in of_class(root, "waiting")]
    assert waiting == [(f"{a:%Y-%m-%d}", f"{b:%Y-%m-%d}")
                       for a, b in zip(rows["interview_date"], waiting_end, strict=True)]
    windows = [(b.get("data-date"), b.get("data-until")) for b in of_class(root, "window")]
    # Northwind's answer came three days into its window; Contoso's window is still open.
    assert windows == [("2026-05-18", "2026-05-21"), ("2026-05-26", "2026-06-01")]
    for bar in of_class(root, "waiting") + of_class(root, "window"):
        width = float(bar.get("width"))
        days = (pd.Timestamp(bar.get("data-until")) - pd.Timestamp(bar.get("data-date"))).days
        assert width == pytest.approx(days * per_day, abs=0.15)
    # Contoso's letter went two days late: joined to its due day, in words; Fabrikam's is overdue.
    (late,) = of_class(root, "thank-you-late")
    assert (float(late.get("x1")), float(late.get("x2"))) == pytest.approx(
        (x_of("2026-05-13"), x_of("2026-05-15")), abs=0.15)
    said = [t.text for t in of_class(root, "said")]
    assert said == ["offer!", "sent 2 days late", "thank-you overdue"]
    (today,) = [e for e in of_class(root, "today") if e.tag == f"{SVG}line"]
    assert float(today.get("x1")) == pytest.approx(x_of("2026-06-01"), abs=0.15)
    assert [t.text for t in of_class(root, "key-words")] == [
        "interview", "thank-you due", "thank-you sent", "waiting for an answer",
        "follow-up window", "answer"]


def test_a_letter_sent_on_the_day_of_the_interview_reads_as_sent_and_the_key_shows_what_is_drawn():
    rows = one_candidate().iloc[:1].assign(thank_you_sent=pd.Timestamp("2026-05-04"),
                                           answered_on=pd.NaT, outcome="pending")
    root = drawn(timeline_svg(rows, today="2026-05-10"))
    assert [m.get("data-date") for m in of_class(root, "thank-you-sent")] == ["2026-05-04"]
    assert [m.get("data-date") for m in of_class(root, "thank-you-due")] == ["2026-05-05"]
    assert of_class(root, "said") == [] and of_class(root, "thank-you-late") == []
    # No answer and no window yet: the key leaves them out.
    assert [t.text for t in of_class(root, "key-words")] == [
        "interview", "thank-you due", "thank-you sent", "waiting for an answer"]


def test_names_are_escaped_and_long_ones_cut_and_words_stay_inside_the_picture():
    rows = one_candidate().assign(company=["<b>Fish & Chips</b>", "C" * 80, "Fabrikam"])
    svg = timeline_svg(rows, today="2026-06-01")
    root = drawn(svg)  # parses: the markup in a name is text, not tags
    names = [t.text for t in of_class(root, "interview-name")]
    assert names[0] == "<b>Fish & Chips</b> · Data analyst" and "<b>" not in svg
    assert names[1].endswith("…") and len(names[1]) < 60
    width = float(root.get("width"))
    for text in of_class(root, "said") + of_class(root, "tick"):
        if text.get("text-anchor") == "middle":
            assert 0 <= float(text.get("x")) <= width


def test_the_timeline_in_words_names_every_interview_and_its_letter():
    words = timeline_words(one_candidate())
    assert "Northwind, Data analyst: interview on 4 May; thank-you sent on 5 May; answer (offer) on 21 May." in words
    assert "Contoso, Junior developer: interview on 12 May; thank-you sent on 15 May, 2 days late" in words
    assert "Fabrikam, Support engineer: interview on 26 May; thank-you due on 27 May" in words


def test_a_timeline_needs_an_interview_and_its_columns():
    with pytest.raises(FollowupKitError, match="at least one interview"):
        timeline_svg(one_candidate().iloc[:0])
    with pytest.raises(FollowupKitError, match="timeline_svg needs .*thank_you_due"):
        timeline_svg(one_candidate().drop(columns="thank_you_due"))


@pytest.mark.parametrize(("start", "end", "step"), [
    ("2026-05-02", "2026-06-05", 7), ("2026-05-02", "2026-05-09", 2), ("2025-01-01", "2026-06-01", 182),
])
def test_dates_under_the_timeline_are_few_and_evenly_apart(start, end, step):
    ticks = date_ticks(pd.Timestamp(start), pd.Timestamp(end))
    assert 2 <= len(ticks) <= 5
    assert all((b - a).days == step for a, b in zip(ticks, ticks[1:], strict=False))
    assert pd.Timestamp(start) <= ticks[0] and ticks[-1] <= pd.Timestamp(end)
