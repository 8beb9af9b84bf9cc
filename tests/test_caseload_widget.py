"""The caseload widget, driven as a coach would: type in the search box, filter, choose, log, read the rows."""

from __future__ import annotations

import datetime as dt
import html
import threading
from pathlib import Path

import pytest

from demo_case import demo_case
from followup_kit import Store, facts
from followup_kit.data.demo import demo_store
from followup_kit.playbook.caseload import caseload
from followup_kit.widgets import caseload as caseload_module
from followup_kit.widgets import caseload_view

TODAY = "2026-11-01"
DEMO = demo_case()


@pytest.fixture
def store(tmp_path) -> Path:
    return demo_store(tmp_path / "demo.db")


@pytest.fixture
def app(store):
    return caseload_view(store, today=TODAY)


@pytest.fixture
def expected(store):
    """The caseload of everyone in the store, as the playbook makes it from the store's rows."""
    with Store(store, readonly=True) as s:
        candidates, interviews, events = s.tables()
    return caseload(facts(candidates, interviews, events, as_of=TODAY), candidates, today=TODAY), candidates


def shown_html(parts: dict) -> str:
    (out,) = parts["table"].outputs
    return html.unescape(out["data"]["text/html"])


def row_names(parts: dict) -> list[str]:
    """The candidates of the table's rows, top to bottom, as the chooser lists them."""
    return [label for label, value in parts["candidate"].options if value]


def test_it_opens_on_every_candidate_with_a_step_soon_overdue_first(app, expected):
    _, parts = app
    table, _ = expected
    assert len(table) > 10
    wanted = [f"{n} ({i})" for n, i in zip(table["name"], table["candidate_id"], strict=True)]
    assert row_names(parts) == wanted
    page = shown_html(parts)
    assert page.count("<tr") == len(table) + 1 and "OVERDUE" in page
    positions = [page.index(label) for label in wanted]
    assert positions == sorted(positions)
    assert parts["candidate"].value == "" and parts["sessions"].children == ()
    assert parts["candidate"].label.startswith("choose a candidate")
    assert (parts["coach"].label, parts["cohort"].label) == ("all coaches", "all cohorts")


def test_the_search_box_finds_a_candidate_by_part_of_a_name_email_id_or_company(app, expected):
    _, parts = app
    table, candidates = expected
    row = table.loc[table["candidate_id"] == DEMO.who].iloc[0]
    surname = DEMO.name.split()[-1]
    email = candidates.set_index("candidate_id").loc[DEMO.who, "email"]
    # A company of theirs that is not the one of their most urgent step.
    other = next(c for c in DEMO.interviews["company"] if c != row["company"])
    for typed in (surname[1:5].upper(), email.split("@")[0], DEMO.who.lower()[2:], other.split()[0]):
        parts["search"].value = typed
        names = row_names(parts)
        assert f"{DEMO.name} ({DEMO.who})" in names, typed
        assert 0 < len(names) < len(table), typed
        assert f"match \u201c{typed}\u201d" in shown_html(parts)
    parts["search"].value = f"{surname} nobody-is-called-this"
    assert row_names(parts) == [] and "Nobody to show" in shown_html(parts)
    parts["search"].value = ""
    assert len(row_names(parts)) == len(table)


def test_the_cohort_menu_and_the_days_narrow_the_rows(app, expected):
    _, parts = app
    table, _ = expected
    controller = parts["controller"]
    cohort = DEMO.cohort
    parts["cohort"].value = cohort
    assert set(controller.shown["cohort"]) == {cohort}
    assert row_names(parts) == [f"{n} ({i})" for n, i, c in
                                zip(table["name"], table["candidate_id"], table["cohort"], strict=True) if c == cohort]
    parts["cohort"].value = ""
    assert len(controller.shown) == len(table)
    parts["within"].value = 0
    today_only = set(controller.shown["candidate_id"])
    assert (controller.shown["overdue"] | (controller.shown["due"] <= TODAY)).all()
    parts["within"].value = 30
    month = set(controller.shown["candidate_id"])
    assert today_only < month and set(table["candidate_id"]) <= month
    assert "within 30 days" in shown_html(parts)


def test_choosing_a_candidate_opens_their_session_below_and_another_replaces_it(app, expected):
    box, parts = app
    table, _ = expected
    sessions = parts["sessions"]
    assert box.children[-1] is sessions
    parts["candidate"].value = DEMO.who
    (first,) = sessions.children
    assert parts["session"]["session"].candidate_id == DEMO.who
    assert DEMO.name in first.children[0].value
    other = next(i for i in table["candidate_id"] if i != DEMO.who)
    parts["search"].value = other
    parts["candidate"].value = other
    (second,) = sessions.children
    assert second is not first and parts["session"]["session"].candidate_id == other
    # Typing again keeps the open session; the menu stays on them while they are listed.
    parts["search"].value = ""
    assert parts["candidate"].value == other and sessions.children == (second,)


def test_logging_in_the_session_changes_that_candidates_row_and_rebuilds_no_one_elses(app, monkeypatch):
    _, parts = app
    controller = parts["controller"]
    before = controller.table.set_index("candidate_id").loc[DEMO.who]
    thank = DEMO.step("send_thank_you")["interview_id"]
    assert before["action"] == "send_thank_you" and before["overdue"]
    others = controller.table.loc[controller.table["candidate_id"] != DEMO.who].reset_index(drop=True)
    rebuilt = []
    for name in ("build_facts", "build_plan"):
        real = getattr(caseload_module, name)
        monkeypatch.setattr(caseload_module, name, lambda *a, _real=real, _name=name, **k: (
            rebuilt.append(_name), _real(*a, **k))[1])

    parts["candidate"].value = DEMO.who
    log = parts["session"]["logger"]
    log["interview"].value = thank
    log["kind"].value = "thank_you_sent"
    log["date"].value = dt.date(2026, 11, 1)
    log["log"].click()
    assert "Logged" in log["message"].value

    after = controller.table.set_index("candidate_id").loc[DEMO.who]
    with Store(parts["controller"].store.path, readonly=True) as s:
        mine = s.tables(DEMO.who)
    fresh = caseload(facts(*mine, as_of=TODAY), mine[0], today=TODAY).set_index("candidate_id").loc[DEMO.who]
    assert after.to_dict() == fresh.to_dict()
    assert (after["action"], after["interview_id"]) != (before["action"], before["interview_id"])
    assert rebuilt == []
    assert controller.table.loc[controller.table["candidate_id"] != DEMO.who].reset_index(drop=True).equals(others)
    # The table on screen shows the new row.
    page = shown_html(parts)
    line = page[page.index(f"{DEMO.name} ({DEMO.who})"):].split("</tr>")[0]
    assert after["company"] in line and before["company"] not in line


def test_days_out_of_range_are_refused_by_the_caseload(app):
    _, parts = app
    controller = parts["controller"]
    with pytest.raises(Exception, match="due within"):
        controller.within = -1
    assert controller.within == 7 and parts["within"].min == 0


def in_a_thread(func) -> None:
    """Run ``func`` in a thread of its own, as a kernel answers a widget made in a subshell."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            func()
        except BaseException as exc:
            failed.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert failed == []


def test_a_session_opened_and_used_from_other_threads_writes_to_the_store(app, store):
    _, parts = app
    thank = DEMO.step("send_thank_you")["interview_id"]
    in_a_thread(lambda: setattr(parts["candidate"], "value", DEMO.who))
    log = parts["session"]["logger"]
    log["interview"].value = thank
    log["kind"].value = "thank_you_sent"
    in_a_thread(log["log"].click)
    assert "Logged" in log["message"].value, log["message"].value
    with Store(store, readonly=True) as s:
        assert "thank_you_sent" in s.events(candidate_id=DEMO.who).query("interview_id == @thank")["kind"].tolist()


@pytest.fixture
def coached(store, expected):
    """The store with two coaches: the demo candidate and every third listed one are Ruth Amos's.

    The other listed candidates are Sam Hale's; the candidates not listed have no coach.
    """
    table, _ = expected
    ruths = {DEMO.who, *table["candidate_id"].iloc[::3]}
    with Store(store) as s:
        for cid in table["candidate_id"]:
            s.set_coach(cid, "Ruth Amos" if cid in ruths else "Sam Hale")
    return ruths


def test_the_coach_menu_shows_one_coachs_caseload_read_from_their_rows_alone(store, coached, expected,
                                                                           monkeypatch):
    table, _ = expected
    read: list = []
    real = Store.tables
    monkeypatch.setattr(Store, "tables", lambda self, ids=None, **k: (read.append(ids), real(self, ids, **k))[1])
    _, parts = caseload_view(store, coach="  ruth AMOS ", today=TODAY)
    controller = parts["controller"]
    assert parts["coach"].value == "Ruth Amos" and controller.coach == "Ruth Amos"
    with Store(store, readonly=True) as s:
        coaches = s.coaches()
    assert {"Ruth Amos", "Sam Hale"} <= set(coaches)
    assert [label for label, _ in parts["coach"].options] == ["all coaches", *coaches]
    assert sorted(read[-1]) == sorted(coached)
    assert set(controller.candidates["candidate_id"]) == coached
    assert set(controller.shown["candidate_id"]) == set(table["candidate_id"]) & coached
    assert set(controller.shown["coach"]) == {"Ruth Amos"} and "Ruth Amos:" in shown_html(parts)
    parts["coach"].value = "Sam Hale"
    assert set(controller.shown["candidate_id"]) == set(table["candidate_id"]) - coached
    assert not set(read[-1]) & coached
    parts["coach"].value = ""
    assert len(controller.shown) == len(table) and read[-1] is None
    assert "all coaches:" in shown_html(parts)


def test_an_unknown_coach_is_said_with_the_coaches_there_are_and_everyone_is_shown(store, coached, expected):
    table, _ = expected
    _, parts = caseload_view(store, coach="Rut Amos", today=TODAY)
    said = html.unescape(parts["message"].value)
    with Store(store, readonly=True) as s:
        coaches = s.coaches()
    assert "fk-error" in said and "'Rut Amos'" in said and ", ".join(coaches) in said
    assert parts["coach"].label == "all coaches" and len(parts["controller"].shown) == len(table)


def test_a_session_opened_from_a_coachs_caseload_signs_the_note_with_their_name(store, coached):
    _, parts = caseload_view(store, coach="Ruth Amos", today=TODAY)
    parts["candidate"].value = DEMO.who
    notes = parts["session"]["notes"]
    notes["text"].value = "Planned the follow-up call."
    notes["save"].click()
    with Store(store, readonly=True) as s:
        newest = s.notes(DEMO.who).iloc[0]
    assert (newest["text"], newest["coach"]) == ("Planned the follow-up call.", "Ruth Amos")
