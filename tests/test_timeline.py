"""The candidate's timeline: every mark on its day, read back from the SVG, and the same in words."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import pytest

from followup_kit.errors import FollowupKitError
from followup_kit.timeline import date_ticks, timeline_svg, timeline_words

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
