"""The candidate's read-only view: set the controls as a candidate would, check what it shows."""

from __future__ import annotations

import base64
import html
import math
import re
from pathlib import Path
from xml.etree import ElementTree

import ipywidgets as w
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from conftest import file_hash
from demo_case import demo_case
from followup_kit import Store
from followup_kit.data.dates import as_day
from followup_kit.data.demo import demo_store
from followup_kit.errors import FollowupKitError
from followup_kit.playbook.interview_facts import facts as build_facts
from followup_kit.playbook.next_steps import LETTER_FOR
from followup_kit.stats.counts import count
from followup_kit.widgets import candidate_view
from followup_kit.widgets.candidate import STRENGTH_PLACEHOLDER
from followup_kit.widgets.common import svg_image
from followup_kit.words import human_date
from readable import descendants, widget_text

SVG = "{http://www.w3.org/2000/svg}"

DEMO = demo_case()
CANDIDATE = DEMO.who
TODAY = "2026-11-01"
# The step of the candidate's plan these tests look at, as the sample has it.
THANK_YOU = DEMO.step("send_thank_you")
TINY_TODAY = "2026-06-10"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture(scope="module")
def cohort_facts(demo: Path) -> pd.DataFrame:
    """The candidate's cohort's facts, built here only to check the view's numbers."""
    with Store(demo, readonly=True) as store:
        candidates, interviews, events = store.tables()
    cohort = candidates.loc[candidates["candidate_id"] == CANDIDATE, "cohort"].iloc[0]
    every = build_facts(candidates, interviews, events, as_of=TODAY)
    return every.loc[every["cohort"] == cohort]


@pytest.fixture(scope="module")
def everyone(demo: Path) -> pd.DataFrame:
    with Store(demo, readonly=True) as store:
        return store.candidates()


@pytest.fixture(scope="module")
def waited(cohort_facts: pd.DataFrame) -> int:
    """How long the candidate's interview waiting for an answer has waited, from the facts built here."""
    return int(cohort_facts.set_index("interview_id").loc[DEMO.waiting["interview_id"], "response_days"])


@pytest.fixture
def view(demo: Path):
    return candidate_view(demo, CANDIDATE, today=TODAY)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """Three candidates of one cohort: one with nothing waiting, one waiting longer than anyone."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.db"
    with Store(path) as store:
        for cid, name in (("C1", "Ana Done"), ("C2", "Ben Waiting"), ("C3", "Cy Quick")):
            store.add_candidate(candidate_id=cid, name=name, email=f"{cid.lower()}@mail.example",
                                cohort="2026-spring", country="GB", timezone="Europe/London")
        for iid, cid, company, day in (("I1", "C1", "Acme Ltd", "2026-05-04"),
                                       ("I2", "C2", "Beta Co", "2026-05-04"),
                                       ("I3", "C2", "Gamma Co", "2026-06-01"),
                                       ("I4", "C3", "Delta Co", "2026-05-04"),
                                       ("I5", "C3", "Epsilon Co", "2026-05-11")):
            store.add_interview(interview_id=iid, candidate_id=cid, company=company, role="Clerk",
                                interviewer_name="Pat Lee", interviewer_email="pat@work.example",
                                interview_date=day)
        for iid, kind, day in (("I1", "thank_you_sent", "2026-05-05"), ("I1", "offer", "2026-05-10"),
                               ("I1", "reply_sent", "2026-05-11"),
                               ("I2", "thank_you_sent", "2026-05-05"),
                               ("I3", "thank_you_sent", "2026-06-02"),
                               ("I4", "rejection", "2026-05-08"),
                               ("I5", "employer_response", "2026-05-20")):
            store.log_event(interview_id=iid, kind=kind, date=day)
    return path


def expected_chance(f: pd.DataFrame, waited: int, within: int) -> float:
    """(S(t) - S(t + h)) / S(t) from scipy's Kaplan-Meier estimate of the cohort's facts."""
    days = f["response_days"].to_numpy(dtype=float)
    answered = f["responded"].to_numpy(dtype=bool)
    sf = stats.ecdf(stats.CensoredData(uncensored=days[answered], right=days[~answered])).sf
    now, later = sf.evaluate(waited), sf.evaluate(waited + within)
    return float((now - later) / now)


def test_steps_come_open_first_overdue_first_then_by_date(view):
    box, parts = view
    steps = parts["controller"].steps
    open_ = steps["action"] != "none"
    assert open_.iloc[: open_.sum()].all() and not open_.iloc[open_.sum():].any()
    live = steps.loc[open_]
    assert list(live["overdue"]) == sorted(live["overdue"], reverse=True)
    for _, block in live.groupby("overdue"):
        assert block["due"].is_monotonic_increasing
    # The steps of the candidate's plan, each once.
    assert sorted(live["action"].astype("str")) == sorted(DEMO.steps.loc[DEMO.steps["action"] != "none", "action"])
    markup = parts["steps"].value
    for due, reason in zip(live["due"], live["reason"], strict=True):
        assert human_date(due, today=TODAY) in markup
        assert reason.split(";")[0].replace("'", "&#x27;") in markup
    assert f"by {human_date(THANK_YOU['due'], today=TODAY)}" in markup and "(overdue)" in markup
    assert str(THANK_YOU["due"].date()) not in markup


def test_the_meter_matches_kaplan_meier_from_scipy(view, cohort_facts, waited):
    box, parts = view
    controller = parts["controller"]
    waiting = controller.waiting
    assert list(waiting["interview_id"]) == [DEMO.waiting["interview_id"]]
    assert controller.waited_days == waited
    assert math.isclose(controller.chance, expected_chance(cohort_facts, waited, 30), abs_tol=1e-9)
    first = parts["meter_sentence"].value
    assert f"had waited {waited} days without an answer" in first
    assert "within the next 30 days" in first
    assert f"{round(100 * controller.chance)}%" in first

    for within in (7, 14, 60):
        parts["within"].value = within
        wanted = expected_chance(cohort_facts, waited, within)
        assert math.isclose(controller.chance, wanted, abs_tol=1e-9)
        sentence = parts["meter_sentence"].value
        assert f"within the next {within} days" in sentence
        assert f"<b>{round(100 * wanted)}%</b>" in sentence
        gauge = parts["gauge"].value
        assert 'role="meter"' in gauge
        assert f'aria-valuenow="{round(100 * wanted, 1):g}"' in gauge
        assert f"{round(100 * wanted)}% chance of an answer within {within} days" in gauge
    assert parts["meter_sentence"].value != first


def test_one_waiting_interview_hides_the_menu(view):
    box, parts = view
    assert parts["waiting"].layout.display == "none"
    assert parts["gauge"].layout.display != "none"


def test_cohort_counts_give_the_same_chance_without_reading_other_rows(demo, cohort_facts, waited,
                                                                       monkeypatch):
    with Store(demo, readonly=True) as store:
        every = build_facts(*store.tables(), as_of=TODAY)
    by_cohort = count(every, "cohort", days=True)
    own_cohort = count(cohort_facts, None, days=True)
    reads = []
    real = Store.tables

    def spy(self, candidate_id=None):
        reads.append(candidate_id)
        return real(self, candidate_id)

    monkeypatch.setattr(Store, "tables", spy)
    for counts in (by_cohort, own_cohort):
        box, parts = candidate_view(demo, CANDIDATE, today=TODAY, cohort_counts=counts)
        parts["within"].value = 21
        assert math.isclose(parts["controller"].chance, expected_chance(cohort_facts, waited, 21),
                            abs_tol=1e-9)
    assert reads == [CANDIDATE, CANDIDATE]


def test_counts_of_another_grouping_are_refused(demo, cohort_facts):
    counts = count(cohort_facts, "thank_you_timing", days=True)
    with pytest.raises(FollowupKitError, match="by cohort"):
        candidate_view(demo, CANDIDATE, today=TODAY, cohort_counts=counts)


def test_the_timeline_shows_the_candidates_companies(view, demo):
    box, parts = view
    svg = ElementTree.fromstring(parts["controller"].timeline)
    # One row per application: its company and role, and how many rounds where there were several.
    iv = DEMO.interviews
    apps = iv.groupby("application_id").agg(company=("company", "first"), role=("role", "first"),
                                            rounds=("round", "max"))
    names = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "interview-name"]
    expected = sorted(f"{c} · {r}" + (f" · {n} rounds" if n > 1 else "")
                      for c, r, n in zip(apps["company"], apps["role"], apps["rounds"], strict=True))
    # A role too long for the row is cut short with an ellipsis, the rest of the label kept.
    assert len(names) == len(expected)
    for name, want in zip(sorted(names), expected, strict=True):
        head, _, tail = name.partition("…")
        assert name == want or (want.startswith(head) and want.endswith(tail)), (name, want)
    shown = parts["timeline"].value
    assert shown.startswith('<img src="data:image/svg+xml;base64,')
    assert base64.b64decode(shown.split("base64,")[1].split('"')[0]).decode() == parts["controller"].timeline
    assert "max-width:480px" in shown and "width:100%" in shown
    # The picture's words, for a screen reader: each interview's employer.
    alt = shown.split('alt="')[1].split('"')[0]
    assert all(company in alt for company in iv["company"])


def test_meter_changes_redraw_the_meter_only_and_leave_the_timeline(view):
    box, parts = view
    calls = []
    parts["controller"].observe(lambda change: calls.append(change["new"]))
    before = parts["timeline"].value
    sentences = set()
    for within in (10, 20, 30, 40, 50):
        parts["within"].value = within
        sentences.add(parts["meter_sentence"].value)
    assert calls == [10, 20, 30, 40, 50]
    assert len(sentences) > 1
    assert parts["timeline"].value == before


def test_no_other_candidate_in_the_widgets_or_the_controller(view, everyone, demo):
    box, parts = view
    text = widget_text(box)
    with Store(demo, readonly=True) as store:
        # Interviewers are shown by name; one of them shares a name with another candidate.
        interviewers = set(store.interviews(CANDIDATE)["interviewer_name"])
    me = everyone.loc[everyone["candidate_id"] == CANDIDATE].iloc[0]
    others = everyone.loc[everyone["candidate_id"] != CANDIDATE]
    assert me["name"] in text
    leaked_names = [n for n in others["name"] if n not in interviewers and n in text]
    leaked_emails = [e for e in others["email"] if e in text]
    assert leaked_names == [] and leaked_emails == []
    assert set(re.findall(r"C\d{6}", text)) <= {CANDIDATE}
    for name, value in vars(parts["controller"]).items():
        if isinstance(value, pd.DataFrame) and "candidate_id" in value.columns:
            assert set(value["candidate_id"]) == {CANDIDATE}, name
        if isinstance(value, pd.DataFrame):
            assert not {"name", "email"} & set(value.columns), name


def test_the_leak_search_reads_every_demo_name_however_the_view_writes_it(everyone):
    """A name in markup (HTML-escaped) or in the timeline (an SVG inside base64) is still found."""
    people = [*everyone["name"], *everyone["email"]]
    in_markup = w.VBox([w.HTML(f"<p>{html.escape(who)}</p>") for who in people])
    in_pictures = w.VBox([w.HTML(svg_image(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{html.escape(who)}'
                                           "</text></svg>", alt="a timeline")) for who in people])
    for box in (in_markup, in_pictures):
        text = widget_text(box)
        assert [who for who in people if who not in text] == []


def test_letters_for_every_open_step_that_has_one(view):
    box, parts = view
    controller = parts["controller"]
    kinds = [(action, letter.kind) for _, action, letter in controller.letters]
    # A letter for each step that has one, in the steps' order.
    steps = [action for action in controller.steps["action"].astype("str") if action in LETTER_FOR]
    assert kinds == [(action, LETTER_FOR[action]) for action in steps] and len(kinds) >= 3
    shown = [child.value for child in parts["drafts"].children]
    assert len(shown) == len(kinds)
    for markup, (_, _, letter) in zip(shown, controller.letters, strict=True):
        assert letter.subject.replace("'", "&#x27;") in markup
        assert "<pre>" in markup and 'href="mailto:' in markup
    at = steps.index("send_thank_you")
    thank_you = controller.letters[at][2]
    assert STRENGTH_PLACEHOLDER in thank_you.body
    assert "Replace &lt;one of your strengths&gt;" in shown[at]
    assert f"send it by {human_date(THANK_YOU['due'], today=TODAY)}, overdue" in shown[at]


def test_reads_well_on_a_phone(view):
    box, parts = view
    assert box.layout.width == "100%" and box.layout.max_width == "720px"
    for widget in descendants(box):
        layout = widget.layout
        for value, limit in ((layout.width, 360), (layout.max_width, 720)):
            if value and value.endswith("px"):
                assert float(value[:-2]) <= limit, (type(widget).__name__, value)
        value = getattr(widget, "value", None)
        if isinstance(value, str) and "fk-cv" in value:
            assert "font-size:16px" in value
    assert parts["controls"].layout.flex_flow == "row wrap"


def test_the_store_is_only_read_and_an_open_store_stays_open(demo):
    before = file_hash(demo)
    with Store(demo, readonly=True) as store:
        box, parts = candidate_view(store, CANDIDATE, today=TODAY)
        assert store.counts()["candidates"] > 1
    assert file_hash(demo) == before
    assert parts["controller"].today == as_day(TODAY)


def test_today_defaults_to_the_computers_date_and_must_be_a_date(tiny):
    box, parts = candidate_view(tiny, "C1")
    assert parts["controller"].today == as_day(None)
    with pytest.raises(FollowupKitError, match="YYYY-MM-DD"):
        candidate_view(tiny, "C1", today="10/06/2026")


def test_nothing_waiting_says_so_and_hides_the_meter(tiny):
    box, parts = candidate_view(tiny, "C1", today=TINY_TODAY)
    controller = parts["controller"]
    assert controller.waiting.empty and controller.chance is None
    assert "None of your interviews is waiting" in parts["meter_sentence"].value
    assert parts["gauge"].layout.display == "none"
    assert parts["controls"].layout.display == "none"
    assert list(controller.steps["action"].astype("str")) == ["none"]
    assert "No letters to write right now." in parts["drafts"].children[0].value


def test_a_wait_longer_than_the_data_know_is_said_plainly(tiny):
    box, parts = candidate_view(tiny, "C2", today=TINY_TODAY)
    controller = parts["controller"]
    assert list(controller.waiting["interview_id"]) == ["I2", "I3"]
    assert parts["waiting"].layout.display != "none"
    assert controller.interview_id == "I2" and controller.waited_days == 37
    assert np.isnan(controller.chance)
    sentence = parts["meter_sentence"].value
    assert "No interview like yours in the data had waited 37 days" in sentence
    assert parts["gauge"].layout.display == "none"
    parts["waiting"].value = "I3"
    assert controller.waited_days == 9
    assert controller.chance == 0.0
    assert "<b>0%</b> still got one within the next 30 days" in parts["meter_sentence"].value
    assert parts["gauge"].layout.display != "none"


def test_the_meter_observes_the_controllers_choices(tiny):
    box, parts = candidate_view(tiny, "C2", today=TINY_TODAY)
    controller = parts["controller"]
    controller.interview_id = "I3"
    assert controller.waited_days == 9 and controller.chance == 0.0
    assert "<b>0%</b> still got one within the next 30 days" in parts["meter_sentence"].value
    controller.within = 14
    assert "within the next 14 days" in parts["meter_sentence"].value
    assert "within 14 days" in parts["gauge"].value
    with pytest.raises(FollowupKitError, match="'I1' is not one of your interviews waiting"):
        controller.interview_id = "I1"
    assert controller.interview_id == "I3"


def test_an_unknown_candidate_is_a_clear_error(tiny, tmp_path):
    with pytest.raises(FollowupKitError, match="no candidate 'C999'"):
        candidate_view(tiny, "C999", today=TINY_TODAY)
    with pytest.raises(FollowupKitError, match="no such store"):
        candidate_view(tmp_path / "missing.db", "C1", today=TINY_TODAY)
