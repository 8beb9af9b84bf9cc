"""The timeline draws an application's rounds in one row, joined, and says so in words."""

from __future__ import annotations

import pandas as pd
import pytest
from test_facts import make_tables
from test_rounds import KORA_EVENTS, ROUND_1, ROUND_2
from test_timeline import axis, drawn, mark_x, of_class

from followup_kit import facts
from followup_kit.timeline import timeline_svg, timeline_words

UMOJA = {"interview_id": "U1", "candidate_id": "C1", "company": "Umoja", "role": "Clerk",
         "interviewer_name": "Sam Doe", "interviewer_email": "sam@umoja.example",
         "interview_date": "2026-04-15", "application_id": "U1"}


def kora_facts(day: str) -> pd.DataFrame:
    events = [*KORA_EVENTS, {"interview_id": "U1", "date": "2026-04-16", "kind": "thank_you_sent"}]
    return facts(*make_tables([ROUND_1, ROUND_2, UMOJA], events), as_of=day)


def row_of(element, root) -> int:
    """Which row a mark is on: rows are 64 units apart from the first name's top."""
    y = float(element.get("cy") if element.get("cy") is not None else element.get("y1"))
    names = [float(t.get("y")) for t in of_class(root, "interview-name")]
    return max(i for i, top in enumerate(names) if top < y)


def test_two_rounds_are_one_row_joined_by_a_line_and_the_invitation_is_an_answer():
    f = kora_facts("2026-05-10")
    assert len(f) == 3  # the facts keep a row per interview; the picture a row per application
    root = drawn(timeline_svg(f, today="2026-05-10"))
    origin, per_day = axis(root)

    def x_of(day) -> float:
        return origin + per_day * (pd.Timestamp(day) - pd.Timestamp("2026-01-01")).days

    assert [t.text for t in of_class(root, "interview-name")] == [
        "Kora Bank · Graduate analyst · 2 rounds", "Umoja · Clerk"]
    interviews = of_class(root, "interview")
    assert [m.get("data-date") for m in interviews] == ["2026-04-01", "2026-04-20", "2026-04-15"]
    assert [row_of(m, root) for m in interviews] == [0, 0, 1]
    assert interviews[0].get("cy") == interviews[1].get("cy")
    (joined,) = of_class(root, "rounds")
    assert (float(joined.get("x1")), float(joined.get("x2"))) == pytest.approx(
        (x_of("2026-04-01"), x_of("2026-04-20")), abs=0.15)
    assert joined.get("y1") == joined.get("y2") == interviews[0].get("cy")
    # The invitation ends the first round's wait as an answer; the offer answers the second.
    answers = of_class(root, "answer")
    assert [a.get("data-date") for a in answers] == ["2026-04-10", "2026-05-05"]
    assert mark_x(answers[0]) == pytest.approx(x_of("2026-04-10"), abs=0.15)
    waiting = [(b.get("data-date"), b.get("data-until")) for b in of_class(root, "waiting")]
    assert ("2026-04-01", "2026-04-10") in waiting
    assert [t.text for t in of_class(root, "said")] == ["next round", "offer!"]
    assert "rounds of one job" in [t.text for t in of_class(root, "key-words")]
    assert of_class(root, "interview-to-come") == []


def test_a_round_set_but_not_held_is_drawn_to_come_on_the_same_row():
    f = kora_facts("2026-04-12")
    root = drawn(timeline_svg(f, today="2026-04-12"))
    origin, per_day = axis(root)
    assert [t.text for t in of_class(root, "interview-name")] == ["Kora Bank · Graduate analyst · 2 rounds"]
    (coming,) = of_class(root, "interview-to-come")
    assert coming.get("data-date") == "2026-04-20"
    assert float(coming.get("cx")) == pytest.approx(
        origin + per_day * (pd.Timestamp("2026-04-20") - pd.Timestamp("2026-01-01")).days, abs=0.15)
    (line,) = of_class(root, "rounds-to-come")
    (invited,) = of_class(root, "answer")
    assert float(line.get("x1")) == pytest.approx(mark_x(invited), abs=0.15)
    assert float(line.get("x2")) == pytest.approx(float(coming.get("cx")), abs=0.15)
    assert line.get("stroke-dasharray")
    assert "interview to come" in [t.text for t in of_class(root, "key-words")]
    # The calendar runs on past the round to come.
    assert float(coming.get("cx")) < max(float(t.get("x")) for t in of_class(root, "tick")) + 60


def test_the_timeline_in_words_has_one_sentence_per_application_round_by_round():
    words = timeline_words(kora_facts("2026-05-10"), today="2026-05-10")
    assert ("Kora Bank, Graduate analyst, 2 rounds: first interview on 1 April; thank-you sent on 2 April; "
            "invited to the next round on 10 April; second interview on 20 April; thank-you sent on "
            "21 April; answer (offer) on 5 May.") in words
    assert "Umoja, Clerk: interview on 15 April; thank-you sent on 16 April" in words
    assert words.count("Kora Bank") == 1
    before = timeline_words(kora_facts("2026-04-12"), today="2026-04-12")
    assert before.endswith("invited to the next round on 10 April; second interview to come on 20 April.")


def test_the_words_under_a_row_of_rounds_never_run_into_each_other():
    """Rounds close together, each with a letter missed: only the words that fit are written, the latest first."""
    from followup_kit.timeline import _text_width

    base = {"candidate_id": "C1", "company": "Kora Bank", "role": "Graduate analyst",
            "interviewer_name": "Harriet Lowe", "interviewer_email": "harriet.lowe@kora.example"}
    rounds = [{"interview_id": f"K{n}", "interview_date": day, "round": str(n), **base}
              for n, day in ((1, "2026-04-01"), (2, "2026-04-06"), (3, "2026-04-10"))]
    events = [{"interview_id": "K1", "date": "2026-04-03", "kind": "next_round"},
              {"interview_id": "K2", "date": "2026-04-07", "kind": "next_round"},
              {"interview_id": "K3", "date": "2026-04-20", "kind": "offer"}]
    day = "2026-05-01"
    root = drawn(timeline_svg(facts(*make_tables(rounds, events), as_of=day), today=day))
    said = of_class(root, "said")
    spans = []
    for t in said:
        width = _text_width(t.text, 12, True)
        x = float(t.get("x"))
        left = x - width / 2 if t.get("text-anchor") == "middle" else x
        spans.append((float(t.get("y")), left, left + width, t.text))
    for i, (y, a, b, text) in enumerate(spans):
        for y2, c, d, other in spans[i + 1:]:
            assert abs(y - y2) > 10 or b < c or d < a, (text, other)
    # The latest round's own words are there: its missed letter and the offer.
    assert "offer!" in [t.text for t in said] and "thank-you overdue" in [t.text for t in said]
