"""Session notes in the coaching session: earlier notes newest first, today's saved, bad notes refused."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest

from demo_case import demo_case
from followup_kit import Store
from followup_kit.data.demo import demo_store
from followup_kit.widgets import caseload_view, coaching_session

TODAY = "2026-11-01"
DEMO = demo_case()
COACH = "Ruth Amos"


@pytest.fixture
def store(tmp_path) -> Path:
    """The demo store with three notes more about the demo candidate, one of them unsigned."""
    path = demo_store(tmp_path / "demo.db")
    with Store(path) as s:
        assert s.notes(DEMO.who).empty or s.notes(DEMO.who)["date"].max() < pd.Timestamp("2026-10-05")
        s.set_coach(DEMO.who, COACH)
        s.add_note(candidate_id=DEMO.who, date="2026-10-12", coach=COACH, text="Practised the opening & a <story>.")
        s.add_note(candidate_id=DEMO.who, date="2026-10-20", text="Agreed to send the thank-you letters sooner.")
        s.add_note(candidate_id=DEMO.who, date="2026-10-05", coach=COACH, text="First session: goals.")
    return path


def notes_shown(parts: dict) -> str:
    (out,) = parts["notes"]["earlier"].outputs
    return html.unescape(out["data"]["text/html"])


def stored_notes(path: Path):
    with Store(path, readonly=True) as s:
        return s.notes(DEMO.who)


def test_the_session_shows_earlier_notes_newest_first_with_day_and_coach(store):
    _, parts = coaching_session(store, DEMO.who, today=TODAY)
    shown = notes_shown(parts)
    texts = ["Agreed to send the thank-you letters sooner.", "Practised the opening & a <story>.",
             "First session: goals."]
    assert [shown.index(t) for t in texts] == sorted(shown.index(t) for t in texts)
    assert "Tuesday 20 October" in shown and "Monday 5 October" in shown
    assert shown.count(COACH) == 2 and f"{len(stored_notes(store))} notes, newest first" in shown
    # Escaped: a note's markup is shown as text, never rendered.
    (out,) = parts["notes"]["earlier"].outputs
    assert "&lt;story&gt;" in out["data"]["text/html"]


def test_a_candidate_without_notes_says_so(store):
    with Store(store, readonly=True) as s:
        noted = set(s.notes()["candidate_id"])
        other = next(c for c in s.candidates()["candidate_id"] if c not in noted)
    _, parts = coaching_session(store, other, today=TODAY)
    assert "No notes of earlier sessions" in notes_shown(parts)


def test_todays_note_is_saved_with_the_sessions_day_and_coach_and_shown_first(store):
    _, parts = coaching_session(store, DEMO.who, today=TODAY, coach="ruth amos")
    box = parts["notes"]
    box["text"].value = "  Drafted the letter to the second interviewer together.  "
    box["save"].click()
    assert "Saved the note" in box["message"].value and "fk-ok" in box["message"].value
    assert box["text"].value == ""
    newest = stored_notes(store).iloc[0]
    assert (newest["text"], newest["date"].date().isoformat(), newest["coach"]) == (
        "Drafted the letter to the second interviewer together.", TODAY, COACH)
    shown = notes_shown(parts)
    assert shown.index("Drafted the letter") < shown.index("Agreed to send")
    assert f"{len(stored_notes(store))} notes" in shown


@pytest.mark.parametrize(("text", "coach", "says"), [
    ("", None, "note"),
    ("   \n ", None, "note"),
    ("x" * 10_001, None, "10,000"),
    ("A fine note.", "Nobody Known", "coach"),
])
def test_a_bad_note_is_refused_beside_the_box_and_nothing_is_written(store, text, coach, says):
    before = stored_notes(store)
    _, parts = coaching_session(store, DEMO.who, today=TODAY, coach=coach)
    box = parts["notes"]
    box["text"].value = text
    box["save"].click()
    said = html.unescape(box["message"].value)
    assert "fk-error" in said and says in said and "Nothing was saved." in said, said
    assert "Traceback" not in said
    assert stored_notes(store).equals(before)
    assert box["text"].value == text  # what the coach wrote stays, to be put right


def test_a_note_saved_in_the_session_shows_in_the_caseload_row_at_once(store):
    _, parts = caseload_view(store, coach=COACH, today=TODAY)
    controller = parts["controller"]
    row = controller.table.set_index("candidate_id").loc[DEMO.who]
    assert row["last_note"].date().isoformat() == "2026-10-20"
    parts["candidate"].value = DEMO.who
    notes = parts["session"]["notes"]
    notes["text"].value = "Talked through the offer."
    notes["save"].click()
    assert "Saved" in notes["message"].value
    row = controller.table.set_index("candidate_id").loc[DEMO.who]
    assert row["last_note"].date().isoformat() == TODAY
    (out,) = parts["table"].outputs
    page = html.unescape(out["data"]["text/html"])
    line = page[page.index(f"{DEMO.name} ({DEMO.who})"):].split("</tr>")[0]
    assert "Sunday 1 November" in line
    # The note is the coach's, and says so.
    assert stored_notes(store).iloc[0]["coach"] == COACH
